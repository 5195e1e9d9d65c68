/**
 * Invented: 临江市人民政府, 2020 report, both tables in the 2019 layout, every check holds. The
 * three tables have NO BORDERS at all (w:tblBorders and every cell's w:tcBorders "none"), so the
 * printed report (samples/pdf) has no ruling lines: cells can only be told apart by position.
 * Merged cells as in the template. Signed 本年增/减, plain 采购总金额 (no unit); Word Heading 1
 * section headings; 单位名称 line; date at the end.
 */
import { heading, line, n, ns, p, right, t, title } from '../blocks.js';
import { expectation, STANDARD_TITLES } from '../expect.js';
import { activeTable2019, applicationsTable, borderless, numberRows, reviewTable } from '../tables.js';
import type { SampleDef } from '../types.js';

const active = borderless(
  activeTable2019({
    regulations: [n(4), n(3), n(46)],
    normativeDocuments: [n(19), n(17), n(205)],
    licensing: [n(58), t('+4', 4), n(2316)],
    otherServices: [n(33), t('-3', -3), n(415)],
    penalty: [n(21), t('+2', 2), n(734)],
    coercion: [n(9), t('-1', -1), n(62)],
    fees: [n(14), t('-2', -2)],
    procurement: [n(26), n(1268900)],
  }),
);

const applications = borderless(
  applicationsTable({
    layout: '2019',
    rows: numberRows({
      newReceived: [441, 255, 102, 58, 108, 127, 1091],
      carriedOver: [5, 14, 3, 7, 8, 1, 38],
      granted: [41, 28, 20, 3, 10, 7, 109],
      partiallyGranted: [51, 14, 5, 3, 2, 7, 82],
      'denied.stateSecret': [15, 11, 4, 1, 9, 8, 48],
      'denied.prohibitedByLaw': [22, 15, 8, 2, 9, 3, 59],
      'denied.endangersSafety': [24, 13, 2, 3, 6, 8, 56],
      'denied.thirdPartyRights': [25, 4, 3, 1, 8, 7, 48],
      'denied.internalAffairs': [25, 6, 5, 3, 4, 8, 51],
      'denied.processInformation': [14, 18, 1, 4, 3, 8, 48],
      'denied.enforcementFiles': [10, 17, 3, 1, 8, 4, 43],
      'denied.administrativeQuery': [15, 18, 4, 3, 9, 2, 51],
      'unableToProvide.notHeld': [25, 10, 3, 2, 4, 7, 51],
      'unableToProvide.needsCreation': [17, 18, 2, 1, 5, 7, 50],
      'unableToProvide.unclearAfterCorrection': [28, 12, 7, 5, 4, 6, 62],
      'notProcessed.petition': [25, 10, 6, 3, 8, 9, 61],
      'notProcessed.duplicate': [25, 3, 4, 6, 8, 1, 47],
      'notProcessed.publication': [23, 6, 9, 1, 4, 7, 50],
      'notProcessed.excessive': [21, 13, 4, 8, 6, 9, 61],
      'notProcessed.confirmation': [25, 17, 2, 3, 1, 4, 52],
      'otherHandling.total': [3, 18, 4, 8, 6, 9, 48],
      totalHandled: [434, 251, 96, 61, 114, 121, 1077],
      carriedForward: [12, 18, 9, 4, 2, 7, 52],
    }),
  }),
);

const review = borderless(reviewTable({ cells: ns(6, 1, 3, 2, 12, 5, 8, 4, 10, 27, 9, 11, 7, 13, 40) }));

export const inventedBorderless: SampleDef = {
  name: 'invented-borderless-linjiang-2020',
  description:
    'Invented, 临江市人民政府 2020, clean 2019 layout, all three tables WITHOUT borders (no ruling lines in the PDF), merged cells as in the template; signed 本年增/减, plain 采购总金额; distinct non-zero numbers; Word Heading 1, 单位名称 line.',
  clean: true,
  distinctNumbers: true,
  docProps: { creator: '临江市人民政府办公室', created: '2021-01-29T00:00:00Z' },
  blocks: [
    title('临江市人民政府2020年政府信息公开工作年度报告'),
    line('单位名称：临江市人民政府'),
    p(
      '本报告依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限自2020年1月1日起至2020年12月31日止。',
    ),
    heading(1, '一、总体情况'),
    p(
      '2020年，临江市人民政府围绕疫情防控、复工复产和“六稳”“六保”工作，加大政府信息公开力度。全年主动公开政府信息3,415条，发布疫情防控信息612条，召开新闻发布会28场。',
    ),
    p('全年新收政府信息公开申请1091件，上年结转38件，办结1077件，结转下年度继续办理52件。'),
    heading(1, '二、主动公开政府信息情况'),
    active.block,
    heading(1, '三、收到和处理政府信息公开申请情况'),
    applications.block,
    heading(1, '四、政府信息公开行政复议、行政诉讼情况'),
    review.block,
    heading(1, '五、存在的主要问题及改进情况'),
    p('部分部门对依申请公开的法定期限把握不严。下一步将建立申请办理预警机制，临近期限自动提醒。'),
    heading(1, '六、其他需要报告的事项'),
    p('无。'),
    right('2021年1月29日'),
  ],
  expect: expectation(
    { active, applications, review },
    {
      report: {
        title: '临江市人民政府2020年政府信息公开工作年度报告',
        organization: '临江市人民政府',
        year: 2020,
        publishedDate: '2021-01-29',
      },
      sectionTitles: STANDARD_TITLES,
      failingChecks: [],
    },
  ),
};
