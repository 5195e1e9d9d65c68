/**
 * Invented: 鹤山镇人民政府, 2023 report, both tables in the 2021 layout, every check holds. The
 * value columns of §三 and §四 are so narrow that Word/LibreOffice wrap their headers: in §三
 * 自然人 one character per line (3 lines), 商业企业 / 科研机构 / 社会公益组织 / 法律服务机构 two
 * characters per line; in §四 every result header one character per line (结/果/维/持). The
 * headers are single strings in the DOCX: the wrapping is the renderer's. Numbers fit the
 * columns (自然人 and §四 at most two digits). Distinct non-zero numbers.
 */
import { heading, n, ns, p, right, t, title } from '../blocks.js';
import { expectation, STANDARD_TITLES } from '../expect.js';
import { activeTable2021, applicationsTable, numberRows, reviewTable } from '../tables.js';
import type { SampleDef } from '../types.js';

const active = activeTable2021({
  regulations: [n(1), n(4), n(12)],
  normativeDocuments: [n(6), n(2), n(37)],
  licensing: n(815),
  penalty: n(64),
  coercion: n(7),
  fees: t('0.7300', 0.73),
});

const applications = applicationsTable({
  layout: '2021',
  // A, B, C, 自然人 (one character wide), then six columns two characters wide
  columnWidths: [700, 900, 2560, 470, 640, 640, 640, 640, 640, 640],
  rows: numberRows({
    newReceived: [42, 358, 147, 142, 161, 141, 991],
    carriedOver: [8, 2, 9, 1, 5, 13, 38],
    granted: [2, 13, 1, 6, 8, 5, 35],
    partiallyGranted: [1, 19, 4, 2, 9, 11, 46],
    'denied.stateSecret': [4, 16, 10, 7, 9, 1, 47],
    'denied.prohibitedByLaw': [2, 3, 12, 5, 1, 7, 30],
    'denied.endangersSafety': [3, 16, 6, 10, 11, 12, 58],
    'denied.thirdPartyRights': [2, 15, 9, 6, 3, 4, 39],
    'denied.internalAffairs': [2, 30, 10, 1, 5, 6, 54],
    'denied.processInformation': [2, 18, 5, 7, 3, 4, 39],
    'denied.enforcementFiles': [2, 14, 8, 1, 9, 10, 44],
    'denied.administrativeQuery': [1, 29, 7, 4, 10, 9, 60],
    'unableToProvide.notHeld': [1, 29, 2, 7, 9, 4, 52],
    'unableToProvide.needsCreation': [1, 7, 9, 10, 12, 11, 50],
    'unableToProvide.unclearAfterCorrection': [4, 16, 3, 1, 11, 10, 45],
    'notProcessed.petition': [3, 6, 9, 8, 7, 10, 43],
    'notProcessed.duplicate': [2, 15, 8, 1, 4, 7, 37],
    'notProcessed.publication': [1, 18, 10, 11, 5, 6, 51],
    'notProcessed.excessive': [2, 5, 8, 4, 9, 3, 31],
    'notProcessed.confirmation': [3, 16, 1, 7, 6, 5, 38],
    'otherHandling.overdueCorrection': [4, 30, 11, 10, 5, 7, 67],
    'otherHandling.unpaidFees': [4, 14, 7, 10, 11, 5, 51],
    'otherHandling.other': [2, 25, 5, 9, 1, 10, 52],
    totalHandled: [48, 354, 145, 127, 148, 147, 969],
    carriedForward: [2, 6, 11, 16, 18, 7, 60],
  }),
});

// one character per line in every result header
const review = reviewTable({
  cells: ns(8, 18, 1, 20, 47, 5, 15, 12, 6, 38, 11, 7, 2, 19, 39),
  columnWidths: Array.from({ length: 15 }, () => 470),
});

export const inventedNarrow: SampleDef = {
  name: 'invented-narrow-heshan-2023',
  description:
    'Invented, 鹤山镇人民政府 2023, clean 2021 layout; §三 and §四 value columns so narrow that the renderer wraps the headers (自/然/人, 商业/企业, 社会/公益/组织, 结/果/维/持); distinct non-zero numbers of at most two digits where the column is one character wide.',
  clean: true,
  distinctNumbers: true,
  docProps: { creator: '鹤山镇人民政府', created: '2024-01-18T00:00:00Z' },
  blocks: [
    title('鹤山镇人民政府2023年政府信息公开工作年度报告'),
    p('本报告依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自2023年1月1日起至2023年12月31日止。'),
    heading(1, '一、总体情况'),
    p('2023年，鹤山镇人民政府认真落实政务公开各项要求，全年主动公开政府信息1,127条。'),
    p('全年新收政府信息公开申请991件，上年结转38件，办结969件，结转下年度继续办理60件。'),
    heading(1, '二、主动公开政府信息情况'),
    active.block,
    heading(1, '三、收到和处理政府信息公开申请情况'),
    applications.block,
    heading(1, '四、政府信息公开行政复议、行政诉讼情况'),
    review.block,
    heading(1, '五、存在的主要问题及改进情况'),
    p('政策解读形式较为单一。下一步将增加图解、视频等解读形式。'),
    heading(1, '六、其他需要报告的事项'),
    p('无。'),
    right('鹤山镇人民政府'),
    right('2024年1月18日'),
  ],
  expect: expectation(
    { active, applications, review },
    {
      report: { title: '鹤山镇人民政府2023年政府信息公开工作年度报告', organization: '鹤山镇人民政府', year: 2023, publishedDate: '2024-01-18' },
      sectionTitles: STANDARD_TITLES,
      failingChecks: [],
    },
  ),
};
