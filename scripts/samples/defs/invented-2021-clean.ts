/**
 * Invented: 云溪市人民政府, 2023 report, both tables in the 2021 layout, every check holds.
 * Non-zero numbers, all cells of a row different (a column shift changes a value), thousands
 * separators ("1,036" in §二, "1,683" in 一 总计), a fee amount with 4 decimals ("12.3456"),
 * full-width digits in one cell ("１２"). Section headings in Word Heading 1, the （一）–（五）
 * sub-headings of 总体情况 in Heading 2. Title split over two paragraphs; signature + date.
 */
import { heading, n, ns, p, right, t, title } from '../blocks.js';
import { expectation, STANDARD_TITLES } from '../expect.js';
import { activeTable2021, applicationsTable, numberRows, reviewTable } from '../tables.js';
import type { SampleDef } from '../types.js';

const active = activeTable2021({
  regulations: [n(3), n(1), n(17)],
  normativeDocuments: [n(14), n(6), n(152)],
  licensing: t('1,036', 1036),
  penalty: n(87),
  coercion: n(5),
  fees: t('12.3456', 12.3456),
});

const applications = applicationsTable({
  layout: '2021',
  rows: numberRows(
    {
      newReceived: [914, 345, 116, 111, 90, 107, 1683],
      carriedOver: [16, 29, 1, 2, 3, 7, 58],
      granted: [380, 3, 9, 7, 5, 4, 408],
      partiallyGranted: [54, 8, 5, 7, 3, 2, 79],
      'denied.stateSecret': [32, 17, 2, 4, 3, 5, 63],
      'denied.prohibitedByLaw': [8, 10, 5, 7, 1, 9, 40],
      'denied.endangersSafety': [37, 11, 2, 6, 4, 1, 61],
      'denied.thirdPartyRights': [12, 28, 5, 8, 6, 9, 68],
      'denied.internalAffairs': [25, 29, 9, 5, 8, 1, 77],
      'denied.processInformation': [24, 25, 4, 6, 7, 5, 71],
      'denied.enforcementFiles': [8, 30, 5, 6, 2, 4, 55],
      'denied.administrativeQuery': [11, 25, 8, 7, 6, 9, 66],
      'unableToProvide.notHeld': [26, 23, 9, 5, 3, 6, 72],
      'unableToProvide.needsCreation': [24, 10, 5, 7, 1, 3, 50],
      'unableToProvide.unclearAfterCorrection': [23, 14, 4, 5, 3, 8, 57],
      'notProcessed.petition': [24, 30, 8, 5, 4, 7, 78],
      'notProcessed.duplicate': [38, 17, 6, 2, 7, 4, 74],
      'notProcessed.publication': [30, 20, 6, 3, 8, 5, 72],
      'notProcessed.excessive': [39, 6, 1, 3, 5, 4, 58],
      'notProcessed.confirmation': [37, 9, 6, 3, 8, 7, 70],
      'otherHandling.overdueCorrection': [24, 22, 2, 5, 1, 6, 60],
      'otherHandling.unpaidFees': [37, 9, 2, 3, 4, 8, 63],
      'otherHandling.other': [14, 17, 7, 3, 1, 6, 48],
      totalHandled: [907, 363, 110, 107, 90, 113, 1690],
      carriedForward: [23, 11, 7, 6, 3, 1, 51],
    },
    {
      'newReceived.total': t('1,683', 1683),
      'denied.thirdPartyRights.naturalPerson': t('１２', 12),
    },
  ),
});

const review = reviewTable({ cells: ns(8, 3, 1, 2, 14, 6, 4, 7, 5, 22, 9, 10, 11, 13, 43) });

export const invented2021Clean: SampleDef = {
  name: 'invented-2021-clean-yunxi-2023',
  description:
    'Invented, 云溪市人民政府 2023, clean 2021 layout: distinct non-zero numbers, all checks hold; "1,036"/"1,683" separators, fee "12.3456", full-width "１２"; Word Heading 1/2; two-paragraph title, signature + "2024年1月20日".',
  clean: true,
  distinctNumbers: true,
  docProps: { creator: '云溪市人民政府办公室', created: '2024-01-20T00:00:00Z' },
  blocks: [
    title('云溪市人民政府'),
    title('2023年政府信息公开工作年度报告'),
    p(
      '本报告依据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）编制。本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。',
    ),
    heading(1, '一、总体情况'),
    p('2023年，云溪市人民政府坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。'),
    heading(2, '（一）主动公开'),
    p('全年通过政府门户网站主动公开政府信息4,215条，发布政策解读材料96篇，召开新闻发布会23场。'),
    heading(2, '（二）依申请公开'),
    p('全年新收政府信息公开申请1,683件，上年结转58件，办结1,690件，结转下年度继续办理51件。'),
    heading(2, '（三）政府信息管理'),
    p('严格落实公开前保密审查和发布审核制度，完成行政规范性文件清理，废止6件。'),
    heading(2, '（四）政府信息公开平台建设'),
    p('完成政府门户网站集约化改造，政务新媒体统一纳入监管。'),
    heading(2, '（五）监督保障'),
    p('将政务公开纳入年度绩效考核，全年开展社会评议2次，未发生责任追究情况。'),
    heading(1, '二、主动公开政府信息情况'),
    active.block,
    heading(1, '三、收到和处理政府信息公开申请情况'),
    applications.block,
    heading(1, '四、政府信息公开行政复议、行政诉讼情况'),
    review.block,
    heading(1, '五、存在的主要问题及改进情况'),
    p('一是部分部门政策解读形式较为单一；二是依申请公开答复的规范性仍需提高。下一步将加强业务培训，推行答复文书范本。'),
    heading(1, '六、其他需要报告的事项'),
    p('本机关2023年依据《政府信息公开信息处理费管理办法》收取信息处理费0元。'),
    right('云溪市人民政府'),
    right('2024年1月20日'),
  ],
  expect: expectation(
    { active, applications, review },
    {
      report: {
        title: '云溪市人民政府2023年政府信息公开工作年度报告',
        organization: '云溪市人民政府',
        year: 2023,
        publishedDate: '2024-01-20',
      },
      sectionTitles: STANDARD_TITLES,
      failingChecks: [],
    },
  ),
};
