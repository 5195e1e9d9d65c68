/**
 * Seed 003 (shared/seeds/003_58b0067790987b2b.txt): 泗水县柘沟镇, 2022 report, 2019 tables.
 * Covers V1 (2019 tables in a 2022 report), V2 (cites 国办公开办函[2021]30号), V5 (sections
 * 总体情况 / 存在的主要问题及改进情况 / 其他需要报告的事项 unnumbered; unnumbered sub-headings like
 * '主动公开情况：'), V20 (wrapped header "本年新\n制作数量" as a line break in the cell), V21
 * (values padded ' 0' / '0 '), V26 (§六 items (一)–(七)), V27 (title split over two paragraphs).
 * Signature and right-aligned date. Headings are plain paragraphs.
 */
import { boldPara, p, plainHeading, printed, right, title, ZERO, zeros } from '../blocks.js';
import { expectation, STANDARD_TITLES } from '../expect.js';
import { activeTable2019, applicationsTable, reviewTable } from '../tables.js';
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
  labels: { headers: { '1': ['本年新\n制作数量', '本年新\n公开数量', '对外公开总数量'] }, headerLines: 'break' },
});

const applications = applicationsTable({
  layout: '2019',
  rows: {
    newReceived: printed(' 0', ' 0', '0 ', ' 0', ' 0', ' 0', ' 0'),
    carriedOver: printed('0 ', ' 0', ' 0', ' 0', '0 ', '0 ', ' 0'),
    granted: printed('0 ', ' 0', ' 0', ' 0', '0 ', '0 ', '0 '),
    partiallyGranted: printed(' 0', ' 0', '0 ', '0 ', '0 ', ' 0', '0 '),
    'denied.stateSecret': zeros(7),
    'denied.prohibitedByLaw': printed(' 0', ' 0', ' 0', ' 0', '0 ', ' 0', ' 0'),
    'denied.endangersSafety': printed(' 0', ' 0', ' 0', '0 ', ' 0', ' 0', '0 '),
    'denied.thirdPartyRights': printed('0 ', ' 0', '0 ', ' 0', '0 ', ' 0', '0 '),
    'denied.internalAffairs': printed(' 0', ' 0', ' 0', '0 ', '0 ', '0 ', '0 '),
    'denied.processInformation': printed(' 0', ' 0', ' 0', ' 0', ' 0', ' 0', '0 '),
    'denied.enforcementFiles': printed('0 ', '0 ', '0 ', ' 0', '0 ', '0 ', '0 '),
    'denied.administrativeQuery': printed(' 0', ' 0', ' 0', ' 0', ' 0', ' 0', '0 '),
    'unableToProvide.notHeld': printed(' 0', '0 ', '0 ', '0 ', '0 ', '0 ', '0 '),
    'unableToProvide.needsCreation': printed(' 0', ' 0', ' 0', ' 0', ' 0', ' 0', '0 '),
    'unableToProvide.unclearAfterCorrection': printed(' 0', '0 ', '0 ', ' 0', '0 ', '0 ', '0 '),
    'notProcessed.petition': printed('0 ', '0 ', '0 ', '0 ', ' 0', ' 0', '0 '),
    'notProcessed.duplicate': printed(' 0', ' 0', ' 0', ' 0', ' 0', ' 0', ' 0'),
    'notProcessed.publication': printed(' 0', '0 ', ' 0', '0 ', ' 0', '0 ', '0 '),
    'notProcessed.excessive': printed(' 0', ' 0', ' 0', ' 0', '0 ', ' 0', ' 0'),
    'notProcessed.confirmation': printed(' 0', '0 ', ' 0', '0 ', '0 ', '0 ', ' 0'),
    'otherHandling.total': printed(' 0', ' 0', ' 0', ' 0', ' 0', ' 0', '0 '),
    totalHandled: printed('0 ', '0 ', ' 0', '0 ', ' 0', ' 0', ' 0'),
    carriedForward: printed('0 ', ' 0', ' 0', ' 0', ' 0', ' 0', '0'),
  },
});

const review = reviewTable({
  cells: printed(' 0', ' 0', '0 ', ' 0', '0 ', '0 ', ' 0', ' 0', '0 ', ' 0', ' 0', ' 0', ' 0', ' 0', '0'),
});

export const seed003: SampleDef = {
  name: 'seed-003-zhegou-2022',
  description:
    'Seed 003, 泗水县柘沟镇 2022, 2019 tables all 0 (V1) citing the 2021 文号 (V2): unnumbered 总体情况/存在的主要问题…/其他需要报告的事项 (V5), wrapped header "本年新\\n制作数量" (V20), padded " 0"/"0 " (V21), split title.',
  docProps: { created: '2023-01-18T00:00:00Z' },
  blocks: [
    title('泗水县柘沟镇2022年政府信息公开'),
    title('工作年度报告'),
    p('本报告由柘沟镇人民政府按照《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函[2021]30号）要求编制。'),
    p('本报告内容包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六部分内容。'),
    p('本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。本报告电子版可在“泗水县人民政府”政府门户网站（www.sishui.gov.cn）查阅或下载。如对本报告有疑问，请与柘沟镇人民政府联系（地址：泗水县柘沟镇陶源路001号，联系电话：0537-4371068）'),
    plainHeading('总体情况'),
    p('2022年，我镇认真贯彻落实《中华人民共和国政府信息公开条例》及省、市、区政府信息公开相关规定和有关决策、部署要求，按照公开、公正、规范、高效、便民、廉政、勤政的基本要求，不断深化行政权力公开透明运行，镇政府信息公开工作取得了明显成果。现对具体情况总结如下：'),
    boldPara('主动公开情况：'),
    p('柘沟镇人民政府建立了主要领导为第一责任人，分管领导为主要负责人，经办人为具体责任人的信息公开责任制；本年度主动公开综合信息260余条，较为及时的更新了政务公开内容。'),
    boldPara('依申请公开情况'),
    p('2022年，我单位未发生依申请公开情况'),
    boldPara('政府信息管理情况'),
    p('本年度，柘沟镇完善了预公开制度，事前公布与群众利益密切相关的重要事项方案，充分听取各方面意见后再公布执行；完善备案反馈制度，进一步规范政府信息公开的流程、内容，认真征求干部群众意见。同时建立了政府信息管理动态调整机制，做到及时更新，及时公开，保证政府信息公开规范运作。'),
    boldPara('政府信息公开平台建设情况'),
    p('柘沟镇人民政府采用多种形式，进一步加强政府网站建设，不断拓宽政府信息公开渠道，明确了由专人负责，各科室协同配合的工作机制，确保了信息公开的准确、及时、客观。同时通过微信公众号等新媒体平台，将镇街各部门、各村（社区）工作新动态及相关资讯经严格审查后在网上进行公开，方便群众及时获取政府信息。'),
    boldPara('监督保障情况'),
    p('对不予公开的政府信息，严格按照保密要求进行管理，并按照有关督查制度开展监督检查，全年未发生一起失泄密事件。'),
    plainHeading('二、主动公开政府信息情况'),
    active.block,
    plainHeading('三、收到和处理政府信息公开申请情况'),
    applications.block,
    plainHeading('四、政府信息公开行政复议、行政诉讼情况'),
    review.block,
    plainHeading('存在的主要问题及改进情况'),
    p('2022年，我镇政务公开工作还存在着以下几个方面的问题：1、缺乏创新精神，对于发布内容过于死板，习惯照搬老一套，不敢打破固有的条条框框；2、内部沟通协调不够及时，一些政务公开信息不能够及时更新发布；'),
    p('为解决以上问题，更好的保证政务公开工作的正常运行，下一步我镇将从以下几个方面进行改正：1、加强交流学习，对内开展经验分享交流会，对外组织学习交流先进经验2、加强政策研究，认真贯彻《条例》和省市县的有关要求，进一步压实政府信息公开工作责任，不断提高我镇政府信息公开工作的质量，不断补齐工作短板。3、完善相关制度，开展统一培训，提高各部门认识，加强内部沟通，确保信息的及时公开。'),
    plainHeading('其他需要报告的事项'),
    p('（一）无依据《政府公开信息处理费管理办法》收取信息处理费的情况。'),
    boldPara('（二）落实上级年度政务公开工作要点情况'),
    p('一是坚强组织领导，把政务公开工作纳入镇工作的重要内容，努力实现政务公开及时、准确、全面地公开。成立政务公开领导小组，专人负责政务公开工作；二是突出重点领域，创新公开形式，对群众和上级部门提出的问题或意见，及时研究，积极反馈，主动回应群众新期待，推进重点领域政务公开；三是加大培训力度，积极组织开展《条例》等相关的文件材料的学习培训，进一步提高工作人员对政府信息公开工作重要性的认识，增强工作人员对政府信息公开的认识及贯彻落实政府信息公开的主动性和自觉性。'),
    boldPara('（三）承办区级人大代表建议、政协提案情况'),
    p('今年以来，柘沟镇共承办区级人大代表建议0件、政协提案0件。柘沟镇高度重视建议、提案办理工作，以此作为深入了解民情、广泛汲取民智、改进工作的重要举措，并召开专题会议进行研究部署，要求各承办部门加强与代表、委员加强沟通协调，认真采纳提案建议，推动解决实际问题，并形成文字材料上报。'),
    boldPara('（四）政务公开工作创新情况'),
    p('今年以来，我镇以基层政务公开标准化规范化工作为引领，不断探索高效、便捷的公开方式，让使基层政务公开工作成果真正惠及群众。打造体验专区，扩展公开渠道。利用为民服务大厅集中打造政务公开体验区，设置政务公开查阅点、政务公开自助查阅区，提供一站式、个性化、方便快捷的权威信息服务。建立拓展信息发布、回应、解读三位一体的政务公开新格局，实现政务公开与政务服务的深度融合。'),
    p('（五）无政府信息公开工作年度报告数据统计需要说明的事项。'),
    p('（六）无其他需要报告的事项。'),
    p('（七）无其他有关文件专门要求通过政府信息公开工作年度报告予以报告的事项。'),
    right('泗水县柘沟镇人民政府'),
    right('2023年1月18日'),
  ],
  expect: expectation(
    { active, applications, review },
    {
      report: {
        title: '泗水县柘沟镇2022年政府信息公开工作年度报告',
        organization: '泗水县柘沟镇人民政府',
        year: 2022,
        publishedDate: '2023-01-18',
      },
      sectionTitles: STANDARD_TITLES,
      failingChecks: [],
    },
  ),
};
