/**
 * Seed 004 (shared/seeds/004_c9f06e97d3d2a54f.txt): 西堡镇人民政府, 2023 report, 2019 tables.
 * Covers V1 (2019 tables in a 2023 report), V9 ('1. 属于国家秘密'), V15 (the （三）不予公开 group
 * label missing: items 1–8 with an empty column-B cell), V16 (rows (一), (二), (三)1–8 and
 * (四)1–2 with only 6 value cells → null; the other rows have 7), V24 (单位名称 line), 2019 (八)
 * row with a trailing empty cell. Sections in Word Heading 1, sub-headings in Heading 2.
 */
import { empty, heading, line, p, right, title, ZERO, zeros } from '../blocks.js';
import { expectation, STANDARD_TITLES } from '../expect.js';
import { activeTable2019, allRows, applicationsTable, reviewTable } from '../tables.js';
import type { SampleDef } from '../types.js';

const active = activeTable2019({
  regulations: [ZERO, ZERO, ZERO],
  normativeDocuments: [ZERO, ZERO, ZERO],
  licensing: [ZERO, ZERO, ZERO],
  otherServices: [ZERO, ZERO, ZERO],
  penalty: [ZERO, ZERO, ZERO],
  coercion: [ZERO, ZERO, ZERO],
  fees: [ZERO, ZERO],
  procurement: [ZERO, ZERO],
  twoValueStyle: { fees: 'emptyCell', procurement: 'span' },
});

const six = [
  'granted',
  'partiallyGranted',
  'denied.stateSecret',
  'denied.prohibitedByLaw',
  'denied.endangersSafety',
  'denied.thirdPartyRights',
  'denied.internalAffairs',
  'denied.processInformation',
  'denied.enforcementFiles',
  'denied.administrativeQuery',
  'unableToProvide.notHeld',
  'unableToProvide.needsCreation',
];

const applications = applicationsTable({
  layout: '2019',
  rows: allRows('2019', (k) => zeros(six.includes(k) ? 6 : 7)),
  labels: {
    'h.caption': '(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)',
    granted: '(一) 予以公开',
    partiallyGranted: '(二) 部分公开（区分处理的，只计这一情形，不计其他情形）',
    'denied.stateSecret': '1. 属于国家秘密',
    'denied.prohibitedByLaw': '2. 其他法律行政法规禁止公开',
    'denied.endangersSafety': '3. 危及“三安全一稳定”',
    'denied.thirdPartyRights': '4. 保护第三方合法权益',
    'denied.internalAffairs': '5. 属于三类内部事务信息',
    'denied.processInformation': '6. 属于四类过程性信息',
    'denied.enforcementFiles': '7. 属于行政执法案卷',
    'denied.administrativeQuery': '8. 属于行政查询事项',
    'g.unableToProvide': '(四) 无法提供',
    'unableToProvide.notHeld': '1. 本机关不掌握相关政府信息',
    'unableToProvide.needsCreation': '2. 没有现成信息需要另行制作',
    'unableToProvide.unclearAfterCorrection': '3. 补正后申请内容仍不明确',
    'g.notProcessed': '(五)不予处理',
    'notProcessed.petition': '1. 信访举报投诉类申请',
    'notProcessed.duplicate': '2. 重复申请',
    'notProcessed.publication': '3. 要求提供公开出版物',
    'notProcessed.excessive': '4. 无正当理由大量反复申请',
    'notProcessed.confirmation': '5. 要求行政机关确认或重新出具已获取信息',
    'otherHandling.total': '(六) 其他处理',
    totalHandled: '(七) 总计',
  },
  deniedGroup: 'missing',
});

const review = reviewTable({ cells: zeros(15) });

export const seed004: SampleDef = {
  name: 'seed-004-xibao-2023',
  description:
    'Seed 004, 西堡镇 2023, 2019 tables all 0 (V1): （三）不予公开 label missing (V15), rows (一)(二)(三)1–8(四)1–2 with 6 value cells → null (V16); 单位名称 line; Word Heading styles; date "2024 年 1 月 22 日".',
  docProps: { created: '2024-01-22T00:00:00Z' },
  blocks: [
    title('西堡镇政府信息公开工作年度报告'),
    line('单位名称：西堡镇人民政府'),
    line('单位主要负责人签名：'),
    heading(1, '一、总体情况'),
    p('推进政府信息公开是西堡镇人民政府贯彻落实《条例》的重要举措，是深入推行政务公开，转变政府职能，建设人民满意的服务型政府的一项重要工作。2023年，西堡镇坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党的二十大精神，认真学习贯彻习近平总书记在参加青海代表团审议和视察青海时的重要讲话精神，增强“四个意识”、坚定“四个自信”、做到“两个维护”，紧紧围绕区委“十四五”规划和全区中心工作布局，立足围绕“乡村振兴”主线，以重点项目落实为抓手，务实苦干、攻坚克难，圆满完成各项目标任务。'),
    p('一是提高思想认识，加强组织领导。年初，按照区要求，结合工作实际，研究部署政务公开工作，成立领导组织机构，由政府镇长担任组长，党委副书记任副组长，指定专人负责政府信息公开工作，为贯彻落实政府信息公开工作提供了强有力的组织保障。'),
    p('二是严格审批制度，规范信息公开。始终坚持“公开为常态、不公开为例外”的原则，严格遵守政府信息公开保密审查、登记制度，严格审查程序，保证了信息发布及时、准确、规范、完整。指导各各科室通过及时主动地向社会公开各类政府信息。'),
    p('三是认真回应社会关切，切实解决民生问题。对涉及我镇的各类群众诉求信息，按照属地管理、分级负责、谁主管谁负责的原则，明确回应主体，落实责任，及时按程序发布权威信息，将事实真相、政策措施以及处置结果，认真回应社会关切。2023年，截止 12月28日 ，共受理 12345 政府服务热线诉求 146 件，已办结 152 件。'),
    heading(1, '二、主动公开政府信息情况'),
    active.block,
    heading(1, '三、收到和处理政府信息公开申请情况'),
    applications.block,
    heading(1, '四、政府信息公开行政复议、行政诉讼情况'),
    review.block,
    heading(1, '五、存在的主要问题及改进情况'),
    heading(2, '(一) 主要问题'),
    p('2023年，我镇信息公开虽然取得一定成效，但工作中还存在一些问题，主要表现在：一是政策解读力度不够，解读数量较低，以及对一些涉及面广、关注度高的政策文件未能及时进行解读。二是对主动公开的信息内容的理解和把握不够，对各项政策的理解不能灵活运用。三是长效工作机制建设需要进一步完善。'),
    heading(2, '（二）改进措施'),
    p('在今后的工作中，我镇将继续贯彻落实上级有关文件精神，做好信息公开工作。一是加强政务公开工作人员的培训力度，提高其对政务信息公开工作重要性的认识，提高工作人员素质和业务水平。二是积极探求政府信息公开方式的多样性，加强宣传，提高群众对政府信息公开工作的知晓率和参与度。'),
    heading(1, '六、其他需要报告的事项'),
    p('2023 年，西堡镇政府信息公开工作未发生安全事件，未被上级相关单位通报。'),
    empty(),
    right('西宁市湟中区西堡镇人民政府'),
    right('2024 年 1 月 22 日'),
  ],
  expect: expectation(
    { active, applications, review },
    {
      report: {
        title: '西堡镇政府信息公开工作年度报告',
        organization: '西堡镇人民政府',
        year: 2023,
        publishedDate: '2024-01-22',
      },
      sectionTitles: STANDARD_TITLES,
      failingChecks: [],
    },
  ),
};
