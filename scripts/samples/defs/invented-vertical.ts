/**
 * Invented: 金川区人民政府, 2023 report, both tables in the 2021 layout, every check holds. In §三
 * the merged column-A cell 三、本年度办理结果 and the group labels （三）–（六） are VERTICAL text
 * (Word cell text direction tbRl: top to bottom, lines right to left); §四's result headers are
 * stacked over two lines ("结果\n维持", a line break in the cell). Plain 黑体 section headings,
 * body paragraphs with bold lead-ins; signature + date.
 */
import { lead, n, ns, p, plainHeading, right, t, title } from '../blocks.js';
import { expectation, STANDARD_TITLES } from '../expect.js';
import { activeTable2021, applicationsTable, numberRows, reviewTable } from '../tables.js';
import type { SampleDef } from '../types.js';

const active = activeTable2021({
  regulations: [n(5), n(2), n(23)],
  normativeDocuments: [n(16), n(4), n(97)],
  licensing: n(1208),
  penalty: n(412),
  coercion: n(27),
  fees: t('8.5630', 8.563),
});

const applications = applicationsTable({
  layout: '2021',
  rows: numberRows({
    newReceived: [622, 220, 129, 92, 105, 102, 1270],
    carriedOver: [14, 9, 1, 6, 7, 4, 41],
    granted: [233, 21, 19, 14, 12, 11, 310],
    partiallyGranted: [43, 11, 4, 3, 1, 9, 71],
    'denied.stateSecret': [26, 16, 5, 3, 8, 1, 59],
    'denied.prohibitedByLaw': [23, 18, 8, 2, 4, 6, 61],
    'denied.endangersSafety': [1, 11, 5, 6, 7, 8, 38],
    'denied.thirdPartyRights': [25, 5, 8, 4, 9, 2, 53],
    'denied.internalAffairs': [28, 18, 3, 8, 2, 4, 63],
    'denied.processInformation': [3, 1, 2, 4, 5, 9, 24],
    'denied.enforcementFiles': [23, 12, 5, 4, 3, 1, 48],
    'denied.administrativeQuery': [11, 3, 5, 1, 9, 4, 33],
    'unableToProvide.notHeld': [16, 9, 5, 3, 2, 1, 36],
    'unableToProvide.needsCreation': [22, 16, 3, 1, 5, 7, 54],
    'unableToProvide.unclearAfterCorrection': [20, 5, 7, 9, 2, 1, 44],
    'notProcessed.petition': [20, 1, 8, 6, 3, 2, 40],
    'notProcessed.duplicate': [29, 2, 1, 5, 3, 4, 44],
    'notProcessed.publication': [8, 9, 5, 1, 6, 7, 36],
    'notProcessed.excessive': [13, 6, 1, 4, 3, 7, 34],
    'notProcessed.confirmation': [26, 12, 4, 6, 9, 3, 60],
    'otherHandling.overdueCorrection': [21, 3, 7, 6, 1, 8, 46],
    'otherHandling.unpaidFees': [4, 17, 8, 1, 6, 3, 39],
    'otherHandling.other': [20, 17, 9, 5, 8, 2, 61],
    totalHandled: [615, 213, 122, 96, 108, 100, 1254],
    carriedForward: [21, 16, 8, 2, 4, 6, 57],
  }),
  verticalLabels: { results: true, groups: true },
  // narrow label columns A/B (vertical text needs one character's width), a wider item column C
  columnWidths: [500, 500, 3320, 680, 680, 680, 680, 680, 680, 680],
  // （四）无法提供 has three one-line rows: too short for its seven characters set vertically
  groupMinRowHeight: { 'g.unableToProvide': 500 },
});

const STACKED = ['结果\n维持', '结果\n纠正', '其他\n结果', '尚未\n审结', '总计'];
const review = reviewTable({
  cells: ns(2, 5, 1, 3, 11, 4, 9, 6, 7, 26, 8, 12, 10, 14, 44),
  labels: { reviewResults: STACKED, litigationResults: STACKED },
  // two characters per line: each header reads as two stacked lines, as written
  columnWidths: Array.from({ length: 15 }, () => 630),
});

export const inventedVertical: SampleDef = {
  name: 'invented-vertical-jinchuan-2023',
  description:
    'Invented, 金川区人民政府 2023, clean 2021 layout: §三 "三、本年度办理结果" and the （三）–（六） group labels in vertical text (Word tbRl), §四 headers stacked "结果\\n维持"; distinct non-zero numbers, fee "8.5630"; plain 黑体 headings, bold lead-ins.',
  clean: true,
  distinctNumbers: true,
  docProps: { creator: '金川区人民政府办公室', created: '2024-01-26T00:00:00Z' },
  pdf: { verticalTexts: ['三、本年度办理结果', '（三）不予公开', '（四）无法提供', '（五）不予处理', '（六）其他处理'] },
  blocks: [
    title('金川区人民政府2023年政府信息公开工作年度报告'),
    p(
      '本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告格式的要求编制。本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。',
    ),
    plainHeading('一、总体情况'),
    lead(
      '（一）主动公开。',
      '全区各级行政机关通过政府门户网站主动公开政府信息2,937条，更新政策文件库文件183件，发布政策解读62篇。',
    ),
    lead('（二）依申请公开。', '全年新收政府信息公开申请1270件，上年结转41件，办结1254件，结转下年度继续办理57件。'),
    lead('（三）政府信息管理。', '完成行政规范性文件清理，废止4件，现行有效97件，均已在门户网站统一公开。'),
    lead('（四）政府信息公开平台建设。', '推进政务新媒体规范化建设，整合区级政务公众号3个。'),
    lead('（五）监督保障。', '区政府办公室每季度通报各单位政务公开工作情况，全年未发生责任追究情况。'),
    plainHeading('二、主动公开政府信息情况'),
    active.block,
    plainHeading('三、收到和处理政府信息公开申请情况', { pageBreakBefore: true }),
    applications.block,
    plainHeading('四、政府信息公开行政复议、行政诉讼情况'),
    review.block,
    plainHeading('五、存在的主要问题及改进情况'),
    p('依申请公开答复文书格式不够统一。下一步将印发答复文书参考文本，并组织专题培训。'),
    plainHeading('六、其他需要报告的事项'),
    p('本机关2023年未收取信息处理费。'),
    right('金川区人民政府'),
    right('2024年1月26日'),
  ],
  expect: expectation(
    { active, applications, review },
    {
      report: {
        title: '金川区人民政府2023年政府信息公开工作年度报告',
        organization: '金川区人民政府',
        year: 2023,
        publishedDate: '2024-01-26',
      },
      sectionTitles: STANDARD_TITLES,
      failingChecks: [],
    },
  ),
};
