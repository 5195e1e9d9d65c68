/**
 * Invented: 桃源县人民政府, 2019 report, both tables in the 2019 layout, every check holds. All
 * three tables WITHOUT borders (no ruling lines in the PDF), and a narrow label column so that
 * the long §三 labels wrap over two or three lines (（二）部分公开（区分处理的…）,
 * 5.要求行政机关确认或重新出具已获取信息, 四、结转下年度继续办理) around the group sub-rows; §二's
 * last row is 政府集中采购 with a large amount. Printed, these are the rows a borderless reader
 * loses most easily: those after （四）无法提供 and the §二 政府集中采购 row. §二's label column is
 * narrow too, so 其他对外管理服务事项, 行政事业性收费 and 政府集中采购 wrap around their values: the
 * 2-value rows (八)/(九) print their numbers on a line of their own. Printed (samples/pdf), §二
 * ends at the foot of page 1 with 政府集中采购, and §三 breaks across pages 2–3 inside the label of
 * 4.无正当理由大量反复申请 (its tail "量反复申请" tops page 3).
 */
import { heading, line, n, ns, p, right, t, title } from '../blocks.js';
import { expectation, STANDARD_TITLES } from '../expect.js';
import { activeTable2019, applicationsTable, borderless, numberRows, reviewTable } from '../tables.js';
import type { SampleDef } from '../types.js';

const active = borderless(
  activeTable2019({
    regulations: [n(5), n(2), n(38)],
    normativeDocuments: [n(21), n(16), n(247)],
    licensing: [n(64), t('+6', 6), n(2871)],
    otherServices: [n(29), t('-4', -4), n(538)],
    penalty: [n(17), t('+3', 3), n(916)],
    coercion: [n(8), t('-2', -2), n(73)],
    fees: [n(13), t('-1', -1)],
    procurement: [n(42), n(3675400)],
    // a narrow label column: 规范性文件, 其他对外管理服务事项, 行政事业性收费, 政府集中采购 wrap
    columnWidths: [1400, 2400, 2400, 2400],
  }),
);

const applications = borderless(
  applicationsTable({
    layout: '2019',
    // A, B, a narrow C (the item labels wrap), 7 value columns
    columnWidths: [700, 900, 1700, 820, 820, 820, 820, 820, 820, 820],
    rows: numberRows({
      newReceived: [711, 339, 77, 138, 126, 134, 1525],
      carriedOver: [6, 1, 7, 9, 11, 16, 50],
      granted: [56, 30, 4, 3, 10, 9, 112],
      partiallyGranted: [51, 13, 10, 7, 6, 3, 90],
      'denied.stateSecret': [60, 21, 5, 6, 9, 4, 105],
      'denied.prohibitedByLaw': [33, 21, 7, 5, 11, 12, 89],
      'denied.endangersSafety': [41, 19, 1, 8, 3, 10, 82],
      'denied.thirdPartyRights': [33, 7, 1, 10, 2, 3, 56],
      'denied.internalAffairs': [19, 24, 4, 11, 7, 2, 67],
      'denied.processInformation': [42, 3, 2, 4, 1, 9, 61],
      'denied.enforcementFiles': [56, 28, 2, 11, 8, 6, 111],
      'denied.administrativeQuery': [27, 7, 3, 12, 5, 1, 55],
      'unableToProvide.notHeld': [36, 4, 5, 6, 8, 11, 70],
      'unableToProvide.needsCreation': [56, 27, 5, 3, 12, 11, 114],
      'unableToProvide.unclearAfterCorrection': [20, 7, 2, 3, 10, 11, 53],
      'notProcessed.petition': [29, 21, 2, 12, 10, 8, 82],
      'notProcessed.duplicate': [10, 19, 8, 11, 2, 12, 62],
      'notProcessed.publication': [30, 22, 1, 4, 5, 10, 72],
      'notProcessed.excessive': [16, 22, 4, 2, 10, 12, 66],
      'notProcessed.confirmation': [54, 23, 1, 12, 10, 3, 103],
      'otherHandling.total': [42, 21, 5, 1, 3, 6, 78],
      totalHandled: [711, 339, 72, 131, 132, 143, 1528],
      carriedForward: [6, 1, 12, 16, 5, 7, 47],
    }),
  }),
);

const review = borderless(reviewTable({ cells: ns(8, 18, 12, 11, 49, 17, 14, 4, 1, 36, 2, 10, 9, 6, 27) }));

export const inventedBorderless2019: SampleDef = {
  name: 'invented-borderless2019-taoyuan-2019',
  description:
    'Invented, 桃源县人民政府 2019, clean 2019 layout, all three tables WITHOUT borders; a narrow §三 label column so long labels wrap over 2–3 lines around the group sub-rows; §二 ends with 政府集中采购 (3675400); distinct non-zero numbers.',
  clean: true,
  distinctNumbers: true,
  docProps: { creator: '桃源县人民政府办公室', created: '2020-01-31T00:00:00Z' },
  pdf: {
    pageBreaks: [
      ['政府集中采 42 3675400 购', '三、收到和处理政府信息公开申请情况'], // §二 ends at the foot of page 1 with the wrapped 政府集中采购 row
      ['4.无正当理由大 16 22 4 2 10 12 66', '量反复申请 5.要求行政机关'], // §三 breaks inside a wrapped label, pages 2 | 3
    ],
  },
  blocks: [
    title('桃源县人民政府2019年政府信息公开工作年度报告'),
    line('单位名称：桃源县人民政府'),
    p('本报告依据新修订的《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自2019年1月1日起至2019年12月31日止。'),
    heading(1, '一、总体情况'),
    p('2019年，桃源县人民政府贯彻落实新修订的《条例》，全年主动公开政府信息2,786条，更新政府信息公开指南和目录。'),
    heading(1, '二、主动公开政府信息情况'),
    active.block,
    heading(1, '三、收到和处理政府信息公开申请情况'),
    applications.block,
    heading(1, '四、政府信息公开行政复议、行政诉讼情况'),
    review.block,
    heading(1, '五、存在的主要问题及改进情况'),
    p('对新修订《条例》的学习培训还不够深入。下一步将分批开展业务培训。'),
    heading(1, '六、其他需要报告的事项'),
    p('无。'),
    right('2020年1月31日'),
  ],
  expect: expectation(
    { active, applications, review },
    {
      report: { title: '桃源县人民政府2019年政府信息公开工作年度报告', organization: '桃源县人民政府', year: 2019, publishedDate: '2020-01-31' },
      sectionTitles: STANDARD_TITLES,
      failingChecks: [],
    },
  ),
};
