/**
 * Invented: 莲花区人民政府, 2021 report, both tables in the 2021 layout, every check holds. The §三
 * and §四 tables each begin with a CAPTION ROW inside the table: one cell spanning all columns,
 * "三、收到和处理政府信息公开申请情况" (the section title repeated as the table's first row) and
 * "表3 政府信息公开行政复议、行政诉讼情况 单位：件". Distinct non-zero numbers; Word Heading 1.
 */
import { heading, n, ns, p, right, t, title } from '../blocks.js';
import { expectation, STANDARD_TITLES } from '../expect.js';
import { activeTable2021, applicationsTable, numberRows, reviewTable } from '../tables.js';
import type { SampleDef } from '../types.js';

const active = activeTable2021({
  regulations: [n(2), n(5), n(31)],
  normativeDocuments: [n(23), n(11), n(196)],
  licensing: t('1,752', 1752),
  penalty: n(238),
  coercion: n(14),
  fees: t('3.2100', 3.21),
});

const applications = applicationsTable({
  layout: '2021',
  caption: '三、收到和处理政府信息公开申请情况',
  rows: numberRows({
    newReceived: [683, 392, 100, 135, 120, 160, 1590],
    carriedOver: [5, 8, 9, 15, 14, 11, 62],
    granted: [32, 28, 10, 7, 9, 11, 97],
    partiallyGranted: [28, 3, 1, 12, 4, 5, 53],
    'denied.stateSecret': [45, 11, 2, 12, 7, 5, 82],
    'denied.prohibitedByLaw': [51, 10, 7, 2, 8, 4, 82],
    'denied.endangersSafety': [20, 24, 2, 11, 6, 7, 70],
    'denied.thirdPartyRights': [15, 24, 6, 7, 8, 12, 72],
    'denied.internalAffairs': [36, 15, 7, 2, 6, 10, 76],
    'denied.processInformation': [57, 19, 7, 3, 2, 11, 99],
    'denied.enforcementFiles': [23, 26, 7, 11, 9, 2, 78],
    'denied.administrativeQuery': [35, 16, 8, 11, 9, 4, 83],
    'unableToProvide.notHeld': [35, 21, 2, 5, 8, 12, 83],
    'unableToProvide.needsCreation': [38, 3, 6, 4, 5, 8, 64],
    'unableToProvide.unclearAfterCorrection': [27, 8, 6, 11, 5, 12, 69],
    'notProcessed.petition': [31, 30, 5, 3, 1, 6, 76],
    'notProcessed.duplicate': [15, 27, 3, 4, 11, 5, 65],
    'notProcessed.publication': [28, 30, 10, 6, 1, 8, 83],
    'notProcessed.excessive': [32, 16, 2, 1, 5, 3, 59],
    'notProcessed.confirmation': [36, 10, 3, 4, 8, 12, 73],
    'otherHandling.overdueCorrection': [21, 25, 6, 2, 9, 7, 70],
    'otherHandling.unpaidFees': [35, 29, 1, 8, 5, 2, 80],
    'otherHandling.other': [40, 22, 2, 8, 1, 5, 78],
    totalHandled: [680, 397, 103, 134, 127, 151, 1592],
    carriedForward: [8, 3, 6, 16, 7, 20, 60],
  }),
});

const review = reviewTable({
  caption: '表3 政府信息公开行政复议、行政诉讼情况 单位：件',
  cells: ns(1, 7, 9, 3, 20, 18, 8, 5, 4, 35, 14, 13, 15, 10, 52),
});

export const inventedCaption: SampleDef = {
  name: 'invented-caption-lianhua-2021',
  description:
    'Invented, 莲花区人民政府 2021, clean 2021 layout; the §三 and §四 tables begin with a caption row spanning all columns ("三、收到和处理政府信息公开申请情况", "表3 政府信息公开行政复议、行政诉讼情况 单位：件"); distinct non-zero numbers.',
  clean: true,
  distinctNumbers: true,
  docProps: { creator: '莲花区人民政府办公室', created: '2022-01-25T00:00:00Z' },
  blocks: [
    title('莲花区人民政府2021年政府信息公开工作年度报告'),
    p('本报告依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自2021年1月1日起至2021年12月31日止。'),
    heading(1, '一、总体情况'),
    p('2021年，莲花区人民政府坚持以公开为常态、不公开为例外，全年主动公开政府信息2,934条。'),
    p('全年新收政府信息公开申请1590件，上年结转62件，办结1592件，结转下年度继续办理60件。'),
    heading(1, '二、主动公开政府信息情况'),
    active.block,
    heading(1, '三、收到和处理政府信息公开申请情况'),
    applications.block,
    heading(1, '四、政府信息公开行政复议、行政诉讼情况'),
    review.block,
    heading(1, '五、存在的主要问题及改进情况'),
    p('依申请公开答复文书的规范性有待提高。下一步将统一答复文书模板。'),
    heading(1, '六、其他需要报告的事项'),
    p('无。'),
    right('莲花区人民政府'),
    right('2022年1月25日'),
  ],
  expect: expectation(
    { active, applications, review },
    {
      report: { title: '莲花区人民政府2021年政府信息公开工作年度报告', organization: '莲花区人民政府', year: 2021, publishedDate: '2022-01-25' },
      sectionTitles: STANDARD_TITLES,
      failingChecks: [],
    },
  ),
};
