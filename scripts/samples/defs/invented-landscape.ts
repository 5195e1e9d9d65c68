/**
 * Invented: 青岚县人民政府, 2022 report, both tables in the 2021 layout, every check holds. The
 * §三 heading and table are a Word section of their own in LANDSCAPE orientation between portrait
 * sections (printed: one landscape page between portrait pages), with the table widened to the
 * landscape text width. Distinct non-zero numbers; Word Heading 1 section headings.
 */
import { heading, n, ns, p, right, t, title } from '../blocks.js';
import { expectation, STANDARD_TITLES } from '../expect.js';
import { activeTable2021, applicationsTable, numberRows, reviewTable } from '../tables.js';
import type { SampleDef } from '../types.js';

const active = activeTable2021({
  regulations: [n(3), n(2), n(26)],
  normativeDocuments: [n(17), n(9), n(143)],
  licensing: t('3,128', 3128),
  penalty: n(462),
  coercion: n(31),
  fees: t('8.5600', 8.56),
});

const applications = applicationsTable({
  layout: '2021',
  // landscape text width: 16838 − 1531 − 1417 = 13890 twips
  columnWidths: [1000, 1300, 4190, 1050, 1050, 1050, 1050, 1050, 1050, 1100],
  rows: numberRows({
    newReceived: [1368, 420, 146, 142, 155, 160, 2391],
    carriedOver: [3, 1, 8, 10, 5, 9, 36],
    granted: [90, 19, 6, 12, 8, 11, 146],
    partiallyGranted: [77, 28, 3, 7, 9, 6, 130],
    'denied.stateSecret': [81, 39, 1, 12, 5, 11, 149],
    'denied.prohibitedByLaw': [28, 16, 9, 12, 6, 11, 82],
    'denied.endangersSafety': [35, 26, 4, 11, 5, 2, 83],
    'denied.thirdPartyRights': [48, 13, 7, 4, 8, 3, 83],
    'denied.internalAffairs': [64, 18, 9, 2, 12, 6, 111],
    'denied.processInformation': [90, 22, 12, 1, 7, 2, 134],
    'denied.enforcementFiles': [83, 40, 5, 8, 12, 6, 154],
    'denied.administrativeQuery': [47, 7, 11, 1, 10, 9, 85],
    'unableToProvide.notHeld': [77, 27, 7, 1, 3, 11, 126],
    'unableToProvide.needsCreation': [70, 3, 4, 9, 8, 11, 105],
    'unableToProvide.unclearAfterCorrection': [90, 8, 10, 9, 12, 6, 135],
    'notProcessed.petition': [53, 25, 2, 1, 6, 12, 99],
    'notProcessed.duplicate': [57, 26, 7, 5, 6, 12, 113],
    'notProcessed.publication': [61, 14, 9, 12, 3, 2, 101],
    'notProcessed.excessive': [28, 9, 12, 5, 2, 8, 64],
    'notProcessed.confirmation': [85, 33, 1, 3, 10, 7, 139],
    'otherHandling.overdueCorrection': [70, 19, 12, 11, 5, 6, 123],
    'otherHandling.unpaidFees': [61, 14, 6, 4, 10, 3, 98],
    'otherHandling.other': [73, 11, 10, 12, 5, 3, 114],
    totalHandled: [1368, 417, 147, 142, 152, 148, 2374],
    carriedForward: [3, 4, 7, 10, 8, 21, 53],
  }),
});

const review = reviewTable({ cells: ns(9, 1, 5, 11, 26, 10, 2, 12, 3, 27, 7, 8, 4, 6, 25) });

const blocks: SampleDef['blocks'] = [
  title('青岚县人民政府2022年政府信息公开工作年度报告'),
  p('本报告依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自2022年1月1日起至2022年12月31日止。'),
  heading(1, '一、总体情况'),
  p('2022年，青岚县人民政府围绕县委、县政府中心工作，深化政务公开，全年主动公开政府信息4,216条，召开新闻发布会19场。'),
  p('全年新收政府信息公开申请2391件，上年结转36件，办结2374件，结转下年度继续办理53件。'),
  heading(1, '二、主动公开政府信息情况'),
  active.block,
  // landscape section: the §三 heading and its table
  heading(1, '三、收到和处理政府信息公开申请情况'),
  applications.block,
  // portrait again
  heading(1, '四、政府信息公开行政复议、行政诉讼情况'),
  review.block,
  heading(1, '五、存在的主要问题及改进情况'),
  p('部分乡镇政务公开专栏更新不及时。下一步将建立月度巡查通报制度。'),
  heading(1, '六、其他需要报告的事项'),
  p('本机关2022年未收取信息处理费。'),
  right('青岚县人民政府'),
  right('2023年1月20日'),
];

export const inventedLandscape: SampleDef = {
  name: 'invented-landscape-qinglan-2022',
  description:
    'Invented, 青岚县人民政府 2022, clean 2021 layout; the §三 heading and table are a landscape Word section between portrait ones (printed: a landscape page), the table widened to the landscape width; distinct non-zero numbers, "3,128", fee "8.5600".',
  clean: true,
  distinctNumbers: true,
  docProps: { creator: '青岚县人民政府办公室', created: '2023-01-20T00:00:00Z' },
  sections: [
    { from: 7, orientation: 'landscape' },
    { from: 9, orientation: 'portrait' },
  ],
  pdf: { landscapePages: [2, 3] }, // the §三 table breaks across the two landscape pages
  blocks,
  expect: expectation(
    { active, applications, review },
    {
      report: { title: '青岚县人民政府2022年政府信息公开工作年度报告', organization: '青岚县人民政府', year: 2022, publishedDate: '2023-01-20' },
      sectionTitles: STANDARD_TITLES,
      failingChecks: [],
    },
  ),
};
