/**
 * Invented: 青石县统计局, 2023 report, 2021 layout, with cells that are not numbers:
 * blank cells, "/" (the whole 规章 row, W3), "—" and "无" → null; printed 0 → 0. Rows where only
 * the 总计 column is filled (W4), rows with the 总计 cell left blank, a （六） sub-row left blank so
 * otherHandling.total is null, §四 groups written "无" and "—". Checks with a null operand are
 * skipped; the evaluable ones hold. Unnumbered section headings as bold plain paragraphs,
 * sub-headings "1、"; signature + date.
 */
import { BLANK, boldPara, DASH, n, NONE, p, right, SLASH, title, ZERO, zeros } from '../blocks.js';
import { expectation, STANDARD_TITLES } from '../expect.js';
import { activeTable2021, allRows, applicationsTable, reviewTable } from '../tables.js';
import type { SampleDef, Val } from '../types.js';

const B = BLANK;
const totalOnly = (total: number): Val[] => [B, B, B, B, B, B, n(total)];

const active = activeTable2021({
  regulations: [SLASH, SLASH, SLASH],
  normativeDocuments: [n(1), ZERO, n(4)],
  licensing: DASH,
  penalty: n(2),
  coercion: NONE,
  fees: ZERO,
});

const applications = applicationsTable({
  layout: '2021',
  rows: {
    ...allRows('2021', () => [B, B, B, B, B, B, B]),
    newReceived: totalOnly(6),
    carriedOver: [n(1), ZERO, ZERO, ZERO, ZERO, ZERO, n(1)],
    granted: [n(2), n(1), B, B, B, B, n(3)],
    partiallyGranted: zeros(7),
    'denied.thirdPartyRights': [n(1), B, B, B, B, B, n(1)],
    'unableToProvide.notHeld': [n(1), ZERO, ZERO, ZERO, ZERO, ZERO, B],
    'unableToProvide.needsCreation': Array.from({ length: 7 }, () => SLASH),
    'unableToProvide.unclearAfterCorrection': Array.from({ length: 7 }, () => SLASH),
    'notProcessed.petition': Array.from({ length: 7 }, () => DASH),
    'notProcessed.duplicate': Array.from({ length: 7 }, () => NONE),
    'notProcessed.publication': Array.from({ length: 7 }, () => DASH),
    'notProcessed.excessive': Array.from({ length: 7 }, () => DASH),
    'notProcessed.confirmation': Array.from({ length: 7 }, () => DASH),
    'otherHandling.overdueCorrection': zeros(7),
    'otherHandling.unpaidFees': zeros(7),
    totalHandled: totalOnly(5),
    carriedForward: totalOnly(2),
  },
});

const review = reviewTable({
  cells: [n(1), ZERO, ZERO, ZERO, n(1), NONE, NONE, NONE, NONE, NONE, DASH, DASH, DASH, DASH, DASH],
});

export const inventedBlanks: SampleDef = {
  name: 'invented-blanks-qingshi-2023',
  description:
    'Invented, 青石县统计局 2023, 2021 layout with blank, "/", "—" and "无" cells (→ null) next to printed 0s: 规章 row "/", rows with only 总计 filled (W4), blank 总计 cells, blank （六）3 (otherHandling.total null); unnumbered bold headings, "1、" sub-headings.',
  docProps: { creator: '青石县统计局', created: '2024-01-19T00:00:00Z' },
  blocks: [
    title('青石县统计局2023年政府信息公开工作年度报告'),
    p('本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。'),
    boldPara('总体情况'),
    boldPara('1、主动公开'),
    p('2023年，我局主动公开统计公报、统计月报等信息156条，及时发布主要经济指标解读。'),
    boldPara('2、依申请公开'),
    p('全年新收政府信息公开申请6件，均已按期答复，结转下年度办理2件。'),
    boldPara('主动公开政府信息情况'),
    active.block,
    boldPara('收到和处理政府信息公开申请情况'),
    applications.block,
    boldPara('政府信息公开行政复议、行政诉讼情况'),
    review.block,
    boldPara('存在的主要问题及改进情况'),
    p('统计数据解读的通俗性有待加强。下一步将增加图表解读和短视频解读。'),
    boldPara('其他需要报告的事项'),
    p('无。'),
    right('青石县统计局'),
    right('2024年1月19日'),
  ],
  expect: expectation(
    { active, applications, review },
    {
      report: {
        title: '青石县统计局2023年政府信息公开工作年度报告',
        organization: '青石县统计局',
        year: 2023,
        publishedDate: '2024-01-19',
      },
      sectionTitles: STANDARD_TITLES,
      failingChecks: [],
    },
  ),
};
