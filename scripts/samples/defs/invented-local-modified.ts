/**
 * Invented: 柳溪县白沙镇人民政府, 2022 report, a locally modified template.
 * §二 in the 2021 layout; §三 like 2021 but with （六）其他处理 as ONE row (no sub-rows), so the
 * applications layout detects as '2019' (templates.md §6) and otherHandling.total is that row.
 * Label noise: "2.其他法律行政止公开" (typo), "4.无正当理由大量反复 申请" (stray space), （四）'s
 * items numbered "1、" instead of "1.", "总 计" in the §四 header. One rule deliberately violated:
 * 一、本年新收 自然人 is printed 128 where 127 would balance (its 总计 536 = the row's sum), so
 * applications.balance fails in the 自然人 and 总计 columns; a check must report it, never fix it.
 * Sections in Word Heading 2 ("一、"), sub-headings "(1)" in Heading 3; 单位名称 line; date only.
 */
import { heading, line, n, ns, p, right, t, title, ZERO } from '../blocks.js';
import { expectation, STANDARD_TITLES } from '../expect.js';
import { activeTable2021, applicationsTable, numberRows, reviewTable } from '../tables.js';
import type { SampleDef } from '../types.js';

const active = activeTable2021({
  regulations: [ZERO, ZERO, ZERO],
  normativeDocuments: [n(2), n(1), n(6)],
  licensing: n(34),
  penalty: n(17),
  coercion: n(3),
  fees: t('0.85', 0.85),
});

const applications = applicationsTable({
  layout: '2019',
  rows: numberRows(
    {
      newReceived: [128, 129, 74, 66, 70, 69, 536],
      carriedOver: [3, 5, 2, 1, 4, 6, 21],
      granted: [25, 7, 2, 4, 1, 3, 42],
      partiallyGranted: [11, 6, 5, 3, 4, 2, 31],
      'denied.stateSecret': [5, 4, 1, 2, 6, 3, 21],
      'denied.prohibitedByLaw': [2, 8, 6, 4, 1, 5, 26],
      'denied.endangersSafety': [9, 8, 3, 1, 5, 2, 28],
      'denied.thirdPartyRights': [1, 7, 6, 5, 4, 3, 26],
      'denied.internalAffairs': [7, 8, 6, 2, 1, 5, 29],
      'denied.processInformation': [2, 7, 1, 6, 5, 3, 24],
      'denied.enforcementFiles': [1, 7, 5, 2, 3, 6, 24],
      'denied.administrativeQuery': [7, 8, 3, 6, 4, 5, 33],
      'unableToProvide.notHeld': [2, 7, 3, 1, 5, 6, 24],
      'unableToProvide.needsCreation': [9, 7, 2, 3, 6, 5, 32],
      'unableToProvide.unclearAfterCorrection': [8, 5, 2, 6, 1, 4, 26],
      'notProcessed.petition': [9, 7, 5, 6, 2, 3, 32],
      'notProcessed.duplicate': [6, 8, 3, 1, 5, 4, 27],
      'notProcessed.publication': [3, 7, 4, 1, 5, 6, 26],
      'notProcessed.excessive': [1, 8, 4, 3, 5, 2, 23],
      'notProcessed.confirmation': [7, 3, 6, 5, 4, 1, 26],
      'otherHandling.total': [8, 7, 5, 4, 6, 1, 31],
      totalHandled: [123, 129, 72, 65, 73, 69, 531],
      carriedForward: [7, 5, 4, 2, 1, 6, 25],
    },
    {},
  ),
  labels: {
    'denied.prohibitedByLaw': '2.其他法律行政止公开',
    'unableToProvide.notHeld': '1、本机关不掌握相关政府信息',
    'unableToProvide.needsCreation': '2、没有现成信息需要另行制作',
    'unableToProvide.unclearAfterCorrection': '3、补正后申请内容仍不明确',
    'notProcessed.excessive': '4.无正当理由大量反复 申请',
  },
});

const spacedTotal = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总 计'];
const review = reviewTable({
  cells: ns(1, 2, 3, 4, 10, 5, 6, 7, 8, 26, 9, 11, 12, 13, 45),
  labels: { reviewResults: spacedTotal, litigationResults: spacedTotal },
});

export const inventedLocalModified: SampleDef = {
  name: 'invented-local-modified-baisha-2022',
  description:
    'Invented, 柳溪县白沙镇 2022, locally modified template: §二 2021 + §三 with （六） as one row (applications layout 2019), typo "其他法律行政止公开", "大量反复 申请", "1、" items, "总 计"; applications.balance deliberately violated (自然人, 总计).',
  distinctNumbers: true,
  docProps: { creator: '白沙镇党政办', created: '2023-01-30T00:00:00Z' },
  blocks: [
    title('白沙镇2022年政府信息公开工作年度报告'),
    line('单位名称：柳溪县白沙镇人民政府'),
    heading(2, '一、总体情况'),
    p('2022年，白沙镇围绕乡村振兴和基层治理重点工作，持续推进政务公开标准化规范化建设。'),
    heading(3, '(1)主动公开'),
    p('全年在县政府门户网站乡镇专栏公开信息318条，村务公开栏更新公开内容1,204项次。'),
    heading(3, '(2)依申请公开'),
    p('全年新收政府信息公开申请536件，主要涉及征地补偿、低保救助和宅基地审批。'),
    heading(2, '二、主动公开政府信息情况'),
    active.block,
    heading(2, '三、收到和处理政府信息公开申请情况'),
    applications.block,
    heading(2, '四、政府信息公开行政复议、行政诉讼情况'),
    review.block,
    heading(2, '五、存在的主要问题及改进情况'),
    p('统计台账与系统数据存在不一致的情况。下一步将由党政办每季度核对申请登记台账。'),
    heading(2, '六、其他需要报告的事项'),
    p('本年度未收取信息处理费。'),
    right('2023年1月30日'),
  ],
  expect: expectation(
    { active, applications, review },
    {
      report: {
        title: '白沙镇2022年政府信息公开工作年度报告',
        organization: '柳溪县白沙镇人民政府',
        year: 2022,
        publishedDate: '2023-01-30',
      },
      sectionTitles: STANDARD_TITLES,
      failingChecks: ['applications.balance@naturalPerson', 'applications.balance@total'],
    },
  ),
};
