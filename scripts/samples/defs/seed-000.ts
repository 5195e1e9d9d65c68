/**
 * Seed 000 (shared/seeds/000_f327335cf2c4ceeb.txt): 鲁沙尔镇人民政府, 2022 report, 2021 tables.
 * Covers V3 (sections numbered '1、' '2、' '5、' mixed with 三、四、六、), V4 ('（1）' sub-headings
 * inside 总体情况 that look like section titles), V11 ((六)2 with '，'), V19 (§四 总计 0 while
 * 尚未审结 is 1, in 行政复议 and 未经复议直接起诉), V23 (trailing empty row after §三), V24
 * (单位名称 line), V27 (title split over two paragraphs). Headings are plain paragraphs.
 */
import { empty, line, p, plainHeading, printed, right, title, ZERO, zeros } from '../blocks.js';
import { expectation, STANDARD_TITLES } from '../expect.js';
import { activeTable2021, allRows, applicationsTable, reviewTable } from '../tables.js';
import type { SampleDef } from '../types.js';

const active = activeTable2021({
  regulations: [ZERO, ZERO, ZERO],
  normativeDocuments: [ZERO, ZERO, ZERO],
  licensing: ZERO,
  penalty: ZERO,
  coercion: ZERO,
  fees: ZERO,
});

const applications = applicationsTable({
  layout: '2021',
  rows: allRows('2021', () => zeros(7)),
  labels: {
    'otherHandling.unpaidFees': '2.申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请',
  },
  trailingEmptyRow: true,
});

const review = reviewTable({
  cells: printed('0', '0', '0', '1', '0', '0', '0', '0', '1', '0', '0', '0', '0', '0', '0'),
});

export const seed000: SampleDef = {
  name: 'seed-000-lushaer-2022',
  description:
    'Seed 000, 鲁沙尔镇 2022, 2021 tables all 0 except §四 尚未审结 1 with 总计 0 (V19); "1、"/"（1）" headings (V3/V4); (六)2 "，" (V11); trailing empty §三 row (V23); 单位名称 line; split title.',
  docProps: { created: '2023-01-17T00:00:00Z' },
  blocks: [
    title(' 鲁沙尔镇人民政府信息公开工作'),
    title('年度报告'),
    line('单位名称：鲁沙尔镇人民政府    单位主要负责人签名：'),
    plainHeading('1、 总体情况'),
    p('2022年，鲁沙尔镇在区委、区政府的坚强领导下，高度重视政府信息公开工作，严格落实《中华人民共和国政府信息公开条例》规定，将政府信息公开作为密切联系群众的重要桥梁，扎实推动全镇信息公开工作。现将我镇2022年政府信息公开工作报告如下：'),
    plainHeading('（1） 主动公开政府信息情况', { font: '楷体_GB2312' }),
    p('2022年，全面贯彻落实《条例》规定和区委、区政府关于信息公开工作的相关要求，通过线上宣传、线下宣讲等方式，不断推进鲁沙尔镇政府信息公开工作落地落实。一是丰富宣传形式，提升公开效率。充分利用新媒体技术和传统宣传方式，通过微信公众号、村（社区）微信群以及镇村宣传栏等平台，对国家政策、政务动态、会议信息、社会公益等政府信息及时进行公开，并通过发布“干部业务讲堂”视频的方式，为群众全面梳理讲解“雨露计划”、乡村振兴等相关政策及办理业务工作流程；二是加强业务培训，筑牢公开基础。高度重视岗位大练兵，我镇狠抓综合服务大厅工作人员及村（社区）干部的教育与培训工作，督促业务干部及时掌握政策信息，持续深化业务干部对政府信息公开工作的认识和理解，确保信息公开工作有力有效开展。同时，在重点节假日和群众活动期间，通过面对面宣讲、发放宣传册、张贴海报等形式主动为群众讲解医保、养老、乡村振兴等与群众生活密切相关的政策法规、办事流程等事项。让群众充分了解业务办理流程，让信息多“跑路”，群众少“跑腿”。三是紧盯办理时间，做到公开及时。2022年以来，鲁沙尔镇不断完善政府信息公开管理制度，对群众反映的重难点问题，坚持“快速汇总，及时上报”的原则，在公示栏内及时公示民政救助名单、保障性住房信息等内容，保障群众知情权，切实维护好政府公信力。全年我镇通过微信公众号公开政府信息共101条，其中，疫情防控相关信息30条，政策宣传21条，政府工作及会务公开相关信息19条，党风廉政建设19条，安全生产相关信息4条，干部业务讲堂2条，时事热点5条，岗位招聘信息1条。'),
    plainHeading('（2） 政府信息公开平台建设情况', { font: '楷体_GB2312' }),
    p('线下方面：鲁沙尔镇共有1所综合服务大厅和2所村级服务大厅，我镇通过合理运用信息平台，及时公布相关部门的政策法规，帮助群众理解政策，方便群众办事；同时进一步完善村（社区）政务公开专栏建设，指导工作人员及时做好救助等信息公开工作。线上方面：2022年，我镇通过“幸福鲁沙尔”微信公众号及时发布政策解读信息、重点工作推进情况以及便民服务等内容；同时通过村（社区）微信群，第一时间传达与群众切身利益密切相关的政策及热点信息，做好舆论引导工作。'),
    plainHeading(' 2、 主动公开政府信息情况'),
    active.block,
    plainHeading('三、收到和处理政府信息公开申请情况'),
    applications.block,
    plainHeading('四、政府信息公开行政复议、行政诉讼情况'),
    review.block,
    plainHeading('5、 存在的主要问题及改进情况'),
    plainHeading('（一）存在的主要问题', { font: '楷体_GB2312' }),
    p('2022年，我镇持续落实区委、区政府关于政府信息公开工作的相关要求，扎实推进责任落实，有效保障了群众的知情权。但在工作中也存在一些不足，一是对于业务干部关于政府信息公开工作方面的培训教育仍需加强；二是信息公开形式仍可进一步丰富。'),
    plainHeading('（二）改进情况', { font: '楷体_GB2312' }),
    p('今后，我镇将进一步按照《条例》规定和省、市、区关于政府信息公开的有关要求，一是加强学习，提升工作人员政务服务工作水平；二是持续优化信息公开的形式，提升公开效率，规范政府信息公开工作，不断巩固和发展政府信息公开成果，努力构建透明、高效、规范的服务型政府。'),
    plainHeading('六、其他需要报告的事项'),
    p('暂无其它需要报告的事项。'),
    empty(),
    right('西宁市湟中区鲁沙尔镇人民政府'),
    right('2023年1月17日'),
  ],
  expect: expectation(
    { active, applications, review },
    {
      report: {
        title: '鲁沙尔镇人民政府信息公开工作年度报告',
        organization: '鲁沙尔镇人民政府',
        year: 2022,
        publishedDate: '2023-01-17',
      },
      sectionTitles: STANDARD_TITLES,
      failingChecks: ['reviewLitigation.total@review', 'reviewLitigation.total@litigationDirect'],
    },
  ),
};
