/**
 * Invented: 松林县人民政府, 2022 report, both tables in the 2021 layout, every check holds, with
 * long narrative so that, printed (LibreOffice → samples/pdf), the §二 table breaks across
 * pages 2–3 and the §三 table across pages 3–4 in the middle of the （三）不予公开 group: the
 * group label's rowspan starts on one page and its last items continue on the next, where no
 * label repeats. Section headings in Word Heading 1, the （一）–（五） sub-headings plain bold.
 */
import { boldPara, heading, n, ns, p, right, t, title } from '../blocks.js';
import { expectation, STANDARD_TITLES } from '../expect.js';
import { activeTable2021, applicationsTable, numberRows, reviewTable } from '../tables.js';
import type { SampleDef } from '../types.js';

const active = activeTable2021({
  regulations: [n(2), n(1), n(9)],
  normativeDocuments: [n(21), n(8), n(134)],
  licensing: t('2,417', 2417),
  penalty: n(356),
  coercion: n(18),
  fees: t('46.2750', 46.275),
});

const applications = applicationsTable({
  layout: '2021',
  rows: numberRows(
    {
      newReceived: [763, 255, 114, 103, 128, 97, 1460],
      carriedOver: [10, 16, 6, 8, 3, 5, 48],
      granted: [348, 37, 2, 20, 4, 3, 414],
      partiallyGranted: [56, 13, 7, 1, 6, 5, 88],
      'denied.stateSecret': [22, 11, 4, 6, 3, 1, 47],
      'denied.prohibitedByLaw': [14, 4, 8, 3, 2, 5, 36],
      'denied.endangersSafety': [29, 15, 5, 9, 4, 6, 68],
      'denied.thirdPartyRights': [20, 17, 9, 3, 7, 2, 58],
      'denied.internalAffairs': [19, 14, 6, 1, 9, 5, 54],
      'denied.processInformation': [14, 15, 7, 2, 9, 3, 50],
      'denied.enforcementFiles': [24, 18, 6, 7, 8, 3, 66],
      'denied.administrativeQuery': [24, 15, 9, 4, 8, 5, 65],
      'unableToProvide.notHeld': [19, 5, 3, 1, 8, 9, 45],
      'unableToProvide.needsCreation': [5, 12, 3, 9, 6, 2, 37],
      'unableToProvide.unclearAfterCorrection': [17, 3, 5, 4, 2, 6, 37],
      'notProcessed.petition': [29, 12, 7, 1, 6, 5, 60],
      'notProcessed.duplicate': [28, 3, 4, 1, 9, 7, 52],
      'notProcessed.publication': [21, 7, 8, 2, 4, 9, 51],
      'notProcessed.excessive': [12, 13, 9, 6, 8, 7, 55],
      'notProcessed.confirmation': [8, 16, 5, 4, 1, 3, 37],
      'otherHandling.overdueCorrection': [20, 4, 3, 9, 7, 6, 49],
      'otherHandling.unpaidFees': [22, 8, 1, 6, 5, 2, 44],
      'otherHandling.other': [11, 10, 1, 5, 6, 4, 37],
      totalHandled: [762, 252, 112, 104, 122, 98, 1450],
      carriedForward: [11, 19, 8, 7, 9, 4, 58],
    },
  ),
});

const review = reviewTable({ cells: ns(3, 1, 2, 6, 12, 7, 4, 5, 9, 25, 8, 10, 11, 13, 42) });

export const inventedPagebreak: SampleDef = {
  name: 'invented-pagebreak-songlin-2022',
  description:
    'Invented, 松林县人民政府 2022, clean 2021 layout, long narrative: printed, the §二 table breaks across pages and the §三 table breaks inside the （三）不予公开 rowspan group; distinct non-zero numbers, "2,417", fee "46.2750".',
  clean: true,
  distinctNumbers: true,
  docProps: { creator: '松林县人民政府办公室', created: '2023-01-16T00:00:00Z' },
  pdf: {
    pageBreaks: [
      ['规章 2 1 9', '行政规范性文件 21 8 134'], // §二, pages 2 | 3
      ['3.危及“三安全一稳定” 29 15 5 9 4 6 68', '4.保护第三方合法权益 20 17 9 3 7 2 58'], // §三, pages 3 | 4
    ],
  },
  blocks: [
    title('松林县人民政府2022年政府信息公开工作年度报告'),
    p(
      '本年度报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。本报告电子版可在松林县人民政府门户网站下载。如对本报告有疑问，请与松林县人民政府办公室联系。',
    ),
    heading(1, '一、总体情况'),
    p(
      '2022年，松林县人民政府坚持以人民为中心的发展思想，认真贯彻落实《条例》和上级关于政务公开工作的部署要求，围绕县委、县政府中心工作，以公开促落实、以公开促规范、以公开促服务，推动政务公开工作提质增效。',
    ),
    boldPara('（一）主动公开'),
    p(
      '全年通过县政府门户网站主动公开政府信息3,862条，其中政策文件129条、财政预决算信息214条。围绕乡村振兴、就业创业、教育医疗等重点领域，发布政策解读材料74篇，召开新闻发布会16场。',
    ),
    boldPara('（二）依申请公开'),
    p(
      '全年新收政府信息公开申请1,460件，上年结转48件；办结1,450件，其中予以公开414件、部分公开88件、不予公开444件、无法提供119件、不予处理255件、其他处理130件；结转下年度继续办理58件。所有申请均在法定期限内答复，未收取信息处理费。',
    ),
    boldPara('（三）政府信息管理'),
    p(
      '严格执行公开前保密审查制度，坚持“先审查、后公开”和“一事一审”原则。开展行政规范性文件集中清理，废止8件，现行有效行政规范性文件134件全部在门户网站集中公开，并标注有效性。',
    ),
    boldPara('（四）政府信息公开平台建设'),
    p(
      '完成县政府门户网站适老化和无障碍改造，优化政策文件库检索功能。规范政务新媒体管理，关停整合长期不更新账号6个。',
    ),
    boldPara('（五）监督保障'),
    p(
      '将政务公开工作纳入县直部门和乡镇年度绩效考核，分值占比提高到4%。聘请社会监督员12名，开展第三方评估1次，对发现的问题逐项督促整改，未发生因政务公开工作不到位引发的责任追究情况。',
    ),
    heading(1, '二、主动公开政府信息情况'),
    active.block,
    p(
      '注：行政许可本年处理决定数量含县行政审批局及各乡镇便民服务中心办理事项；行政事业性收费金额按县财政局非税收入系统统计。',
    ),
    heading(1, '三、收到和处理政府信息公开申请情况'),
    p(
      '2022年，县政府及各部门共收到政府信息公开申请1460件，其中自然人提出的763件，法人或其他组织提出的697件。申请内容主要集中在征地拆迁补偿、不动产登记、行政执法、社会保障等领域。具体情况如下表：',
    ),
    applications.block,
    heading(1, '四、政府信息公开行政复议、行政诉讼情况'),
    review.block,
    heading(1, '五、存在的主要问题及改进情况'),
    p(
      '一是部分乡镇主动公开信息更新不够及时；二是政策解读的针对性和可读性有待提升。下一步，县政府将建立主动公开信息月度巡查通报制度，推行政策文件与解读材料同步起草、同步审签、同步发布。',
    ),
    heading(1, '六、其他需要报告的事项'),
    p('本机关2022年未收取信息处理费。全年办理人大代表建议和政协提案中涉及政务公开的各1件，均已按期办结。'),
    right('松林县人民政府'),
    right('2023年1月16日'),
  ],
  expect: expectation(
    { active, applications, review },
    {
      report: {
        title: '松林县人民政府2022年政府信息公开工作年度报告',
        organization: '松林县人民政府',
        year: 2022,
        publishedDate: '2023-01-16',
      },
      sectionTitles: STANDARD_TITLES,
      failingChecks: [],
    },
  ),
};
