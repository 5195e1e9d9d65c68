/**
 * Invented: 清河市人民政府办公室, 2020 report, both tables in the 2019 layout, every check holds.
 * Signed 本年增/减 ("+3", "-2", …), 采购总金额 with its unit in the cell ("251000元" → 251000, unit
 * "元"), wrapped 2019 headers written as two paragraphs in the cell. Plain (non-Word-heading)
 * section headings "一、" in 黑体 and bold "（一）" sub-headings; 单位名称 line; date at the end.
 */
import { boldPara, line, n, ns, p, plainHeading, right, t, title } from '../blocks.js';
import { expectation, STANDARD_TITLES } from '../expect.js';
import { activeTable2019, applicationsTable, numberRows, reviewTable } from '../tables.js';
import type { SampleDef } from '../types.js';

const active = activeTable2019({
  regulations: [n(4), n(3), n(41)],
  normativeDocuments: [n(27), n(25), n(318)],
  licensing: [n(36), t('+3', 3), n(1284)],
  otherServices: [n(52), t('-2', -2), n(673)],
  penalty: [n(19), t('+5', 5), n(87)],
  coercion: [n(7), t('-1', -1), n(9)],
  fees: [n(11), t('-4', -4)],
  procurement: [n(15), t('251000元', 251000, '元')],
  labels: {
    headers: { '1': ['本年新\n制作数量', '本年新\n公开数量', '对外公开\n总数量'] },
    headerLines: 'paragraphs',
  },
});

const applications = applicationsTable({
  layout: '2019',
  rows: numberRows({
    newReceived: [245, 158, 84, 70, 77, 79, 713],
    carriedOver: [3, 12, 6, 1, 5, 2, 29],
    granted: [74, 12, 3, 2, 7, 4, 102],
    partiallyGranted: [14, 5, 3, 4, 6, 7, 39],
    'denied.stateSecret': [3, 8, 6, 5, 7, 4, 33],
    'denied.prohibitedByLaw': [8, 9, 5, 3, 1, 6, 32],
    'denied.endangersSafety': [11, 8, 6, 3, 2, 1, 31],
    'denied.thirdPartyRights': [10, 9, 7, 3, 1, 4, 34],
    'denied.internalAffairs': [13, 8, 5, 7, 4, 1, 38],
    'denied.processInformation': [3, 12, 2, 5, 4, 6, 32],
    'denied.enforcementFiles': [2, 12, 1, 3, 6, 5, 29],
    'denied.administrativeQuery': [14, 8, 2, 3, 7, 5, 39],
    'unableToProvide.notHeld': [4, 12, 5, 2, 7, 3, 33],
    'unableToProvide.needsCreation': [13, 6, 1, 2, 3, 4, 29],
    'unableToProvide.unclearAfterCorrection': [10, 3, 7, 1, 2, 4, 27],
    'notProcessed.petition': [14, 8, 3, 4, 7, 6, 42],
    'notProcessed.duplicate': [1, 12, 4, 2, 5, 3, 27],
    'notProcessed.publication': [11, 6, 7, 3, 5, 4, 36],
    'notProcessed.excessive': [10, 8, 5, 6, 2, 3, 34],
    'notProcessed.confirmation': [11, 8, 4, 3, 1, 7, 34],
    'otherHandling.total': [12, 5, 7, 6, 2, 3, 35],
    totalHandled: [238, 159, 83, 67, 79, 80, 706],
    carriedForward: [10, 11, 7, 4, 3, 1, 36],
  }),
  headerLines: 'paragraphs',
});

const review = reviewTable({ cells: ns(5, 2, 1, 4, 12, 3, 7, 6, 8, 24, 9, 10, 11, 13, 43) });

export const invented2019Clean: SampleDef = {
  name: 'invented-2019-clean-qinghe-2020',
  description:
    'Invented, 清河市人民政府办公室 2020, clean 2019 layout: signed 本年增/减 ("+3", "-2"), 采购总金额 "251000元", distinct non-zero numbers, all checks hold; plain 黑体 headings, 单位名称 line.',
  clean: true,
  distinctNumbers: true,
  docProps: { creator: '清河市人民政府办公室', created: '2021-01-25T00:00:00Z' },
  blocks: [
    title('清河市人民政府办公室2020年政府信息公开工作年度报告'),
    line('单位名称：清河市人民政府办公室'),
    line('单位主要负责人签名：'),
    p('本报告根据《中华人民共和国政府信息公开条例》要求编制，所列数据统计期限自2020年1月1日起至2020年12月31日止。'),
    plainHeading('一、总体情况'),
    boldPara('（一）主动公开'),
    p('2020年，市政府办公室在门户网站公开政府信息2,860条，其中新制作规章4件、规范性文件27件。'),
    boldPara('（二）依申请公开'),
    p('全年新收政府信息公开申请713件，上年结转29件，办结706件，结转下年度继续办理36件。'),
    plainHeading('二、主动公开政府信息情况'),
    active.block,
    plainHeading('三、收到和处理政府信息公开申请情况'),
    applications.block,
    plainHeading('四、政府信息公开行政复议、行政诉讼情况'),
    review.block,
    plainHeading('五、存在的主要问题及改进情况'),
    p('政府信息公开申请答复期限管理仍有薄弱环节。下一步将建立申请办理台账，逐件跟踪办理进度。'),
    plainHeading('六、其他需要报告的事项'),
    p('无。'),
    right('2021年1月25日'),
  ],
  expect: expectation(
    { active, applications, review },
    {
      report: {
        title: '清河市人民政府办公室2020年政府信息公开工作年度报告',
        organization: '清河市人民政府办公室',
        year: 2020,
        publishedDate: '2021-01-25',
      },
      sectionTitles: STANDARD_TITLES,
      failingChecks: [],
    },
  ),
};
