/**
 * Invented: 南川县农业农村局, 2022 report, clean 2021 layout with label variants seen in other
 * published reports: renamed §四 "因政府信息公开工作被申请行政复议提起行政诉讼情况" (W1) and
 * shortened §五 "存在问题及改进情况" (W2); half-width fee header "本年收费金额(单位:万元)" and
 * spaces inside header words "商业 企业", "科研 机构" (W7); straight quotes '危及"三安全一稳定"'
 * (W10). Distinct non-zero numbers, all checks hold. One-paragraph title in Word's Title style,
 * sections in Heading 1, sub-headings in Heading 2; signature + date.
 */
import { heading, n, ns, p, right, t, title, ZERO } from '../blocks.js';
import { expectation, STANDARD_TITLES } from '../expect.js';
import { activeTable2021, applicationsTable, numberRows, reviewTable } from '../tables.js';
import type { SampleDef } from '../types.js';

const active = activeTable2021({
  regulations: [ZERO, ZERO, ZERO],
  normativeDocuments: [n(3), n(2), n(27)],
  licensing: n(412),
  penalty: n(38),
  coercion: n(6),
  fees: t('3.75', 3.75),
  labels: { headers: { '8': ['本年收费金额(单位:万元)'] } },
});

const applications = applicationsTable({
  layout: '2021',
  rows: numberRows({
    newReceived: [227, 132, 74, 84, 80, 62, 659],
    carriedOver: [5, 4, 1, 6, 2, 3, 21],
    granted: [49, 7, 5, 6, 1, 2, 70],
    partiallyGranted: [12, 9, 1, 2, 5, 6, 35],
    'denied.stateSecret': [7, 5, 2, 3, 6, 4, 27],
    'denied.prohibitedByLaw': [8, 9, 2, 3, 4, 1, 27],
    'denied.endangersSafety': [11, 7, 4, 6, 1, 3, 32],
    'denied.thirdPartyRights': [4, 7, 1, 6, 2, 5, 25],
    'denied.internalAffairs': [9, 2, 5, 6, 1, 4, 27],
    'denied.processInformation': [8, 4, 5, 3, 6, 1, 27],
    'denied.enforcementFiles': [9, 8, 2, 5, 6, 1, 31],
    'denied.administrativeQuery': [5, 3, 4, 1, 6, 2, 21],
    'unableToProvide.notHeld': [10, 8, 3, 4, 5, 1, 31],
    'unableToProvide.needsCreation': [12, 8, 5, 6, 4, 2, 37],
    'unableToProvide.unclearAfterCorrection': [9, 2, 3, 6, 4, 5, 29],
    'notProcessed.petition': [8, 9, 4, 6, 5, 3, 35],
    'notProcessed.duplicate': [9, 4, 2, 5, 1, 3, 24],
    'notProcessed.publication': [10, 9, 4, 3, 2, 6, 34],
    'notProcessed.excessive': [9, 7, 4, 5, 6, 3, 34],
    'notProcessed.confirmation': [12, 6, 5, 1, 2, 3, 29],
    'otherHandling.overdueCorrection': [12, 9, 1, 4, 6, 2, 34],
    'otherHandling.unpaidFees': [8, 2, 3, 6, 5, 1, 25],
    'otherHandling.other': [4, 9, 5, 2, 1, 3, 24],
    totalHandled: [225, 134, 70, 89, 79, 61, 658],
    carriedForward: [7, 2, 5, 1, 3, 4, 22],
  }),
  labels: {
    'h.commercial': '商业 企业',
    'h.research': '科研 机构',
    'denied.endangersSafety': '3.危及"三安全一稳定"',
  },
});

const review = reviewTable({ cells: ns(3, 1, 2, 4, 10, 5, 6, 7, 8, 26, 9, 11, 12, 13, 45) });

export const inventedRenamed: SampleDef = {
  name: 'invented-renamed-nanchuan-2022',
  description:
    'Invented, 南川县农业农村局 2022, clean 2021 layout: renamed §四 (W1) and §五 "存在问题及改进情况" (W2), "(单位:万元)" and "商业 企业" headers (W7), straight quotes (W10); Title style + Heading 1/2.',
  clean: true,
  distinctNumbers: true,
  docProps: { creator: '南川县农业农村局', created: '2023-01-28T00:00:00Z' },
  blocks: [
    title('南川县农业农村局2022年政府信息公开工作年度报告', { titleStyle: true }),
    heading(1, '一、总体情况'),
    p('2022年，我局围绕粮食安全和乡村振兴重点工作，加大涉农补贴、农产品质量安全等信息公开力度。'),
    heading(2, '（一）主动公开'),
    p('全年主动公开政府信息1,126条，其中涉农补贴信息382条。'),
    heading(2, '（二）依申请公开'),
    p('全年新收政府信息公开申请659件，上年结转21件，均依法按时答复。'),
    heading(1, '二、主动公开政府信息情况'),
    active.block,
    heading(1, '三、收到和处理政府信息公开申请情况'),
    applications.block,
    heading(1, '四、因政府信息公开工作被申请行政复议提起行政诉讼情况'),
    review.block,
    heading(1, '五、存在问题及改进情况'),
    p('部分涉农补贴信息公开不够及时。下一步将建立补贴发放信息公开时限提醒机制。'),
    heading(1, '六、其他需要报告的事项'),
    p('本机关2022年未收取信息处理费。'),
    right('南川县农业农村局'),
    right('2023年1月28日'),
  ],
  expect: expectation(
    { active, applications, review },
    {
      report: {
        title: '南川县农业农村局2022年政府信息公开工作年度报告',
        organization: '南川县农业农村局',
        year: 2022,
        publishedDate: '2023-01-28',
      },
      sectionTitles: {
        ...STANDARD_TITLES,
        reviewLitigation: '因政府信息公开工作被申请行政复议提起行政诉讼情况',
        problems: '存在问题及改进情况',
      },
      failingChecks: [],
    },
  ),
};
