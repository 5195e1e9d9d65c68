/**
 * Seed 002 (shared/seeds/002_90d63866d45b81d2.txt): 鲁河镇, 2021 report, 2021 tables.
 * Covers V6 (Word heading levels inconsistent: 一/二/三 are Heading 1, 四/五/六 Heading 3;
 * '一、总体情况' printed twice, as Heading 1 and Heading 2), V7 (bold lead-ins, bullet text),
 * V9, V10 ('2.其他法律法规禁止公开' typo), V12 (fee header '本年收费金额（单位：万元，保留4位小数）').
 * Title in Word's Title style; no 单位名称, signature or date (organisation from the title).
 */
import { heading, p, runs, title, ZERO, zeros } from '../blocks.js';
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
  labels: { headers: { '8': ['本年收费金额（单位：万元，保留4位小数）'] } },
});

const applications = applicationsTable({
  layout: '2021',
  rows: allRows('2021', () => zeros(7)),
  labels: {
    'h.caption': '(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)',
    granted: '(一) 予以公开',
    partiallyGranted: '(二) 部分公开（区分处理的，只计这一情形，不计其他情形）',
    'g.denied': '(三) 不予公开',
    'denied.prohibitedByLaw': '2.其他法律法规禁止公开',
    'g.unableToProvide': '(四) 无法提供',
    'g.notProcessed': '(五) 不予处理',
    'g.otherHandling': '(六) 其他处理',
    totalHandled: '(七) 总计',
  },
});

const review = reviewTable({ cells: zeros(15) });

export const seed002: SampleDef = {
  name: 'seed-002-luhe-2021',
  description:
    'Seed 002, 鲁河镇 2021, 2021 tables all 0: Word Heading styles with inconsistent levels and a duplicated "一、总体情况" (V6), "其他法律法规禁止公开" typo (V10), fee header "（单位：万元，保留4位小数）" (V12); no date.',
  docProps: { created: '2022-01-25T00:00:00Z' },
  blocks: [
    title('鲁河镇2021年政府信息公开工作年度报告', { titleStyle: true }),
    heading(1, '一、总体情况'),
    heading(2, '一、总体情况'),
    p('2021年，鲁河镇坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的十九大和十九届二中、三中、四中全会精神，紧紧围绕党中央、国务院和市委市政府的决策部署，严格落实《条例》和政务公开工作系列要求，坚持以人民为中心的发展理念，聚焦市场主体和社会公众关切，持续提高政府工作透明度。'),
    runs([['(一) 强化领导，健全政务公开组织体系。', true], ['成立了以镇长韩俊甫任组长，分管领导为副组长，各站、所、办负责人为成员的政务公开工作领导小组，明确职责，做到了领导、机构、人员“三到位”。在政府信息公开工作中，强化“乡长负总责、副职领导具体抓、责任到站所、落实到人头”的工作机制，形成纵到底、横到边、上下联动、整体推进的工作体系。', false]]),
    runs([['(二) 完善政府信息公开制度，确保有章可循。', true], ['为推动政府信息与政务公开工作顺利开展，我乡镇按要求及时制定有关制度，规范信息公开工作，制定完善了政府信息公开保密审查、主动公开、依申请公开、信息发布协调、考核、年度报告、责任追究等7项制度。', false]]),
    runs([['(三) 制定政务公开标准指引和标准目录。', true], ['我乡镇将政务公开目录作为政务公开标准化规范化工作的总引领，详细梳理政务事项清单，结合实际编制完成政务公开目录，确保政府信息“应公开尽公开”。', false]]),
    runs([['(四) 开展培训活动，提升工作能力素养。', true], ['近年来，我乡镇定期开展政府信息公开工作的培训活动，定期听取政府信息公开工作汇报，选派年轻干部积极参加县政府办公室组织的政府信息公开培训，切实增强做好政府信息公开工作的能力。', false]]),
    heading(1, '二、主动公开政府信息情况'),
    active.block,
    heading(1, '三、收到和处理政府信息公开申请情况'),
    applications.block,
    heading(3, '四、政府信息公开行政复议、行政诉讼情况'),
    review.block,
    heading(3, '五、存在的主要问题及改进情况'),
    heading(4, '(一) 工作中存在的问题'),
    p('一是来源存在缺口、内容单一。部分事项信息涉密，无权限进行事项公开，信息也多来源各办公室常规性总结和业务总结，其他审核、审批、办事指南类信息公开较少。'),
    p('二是群众知晓度低、参与感弱。受生活习惯、文化氛围等因素影响，群众了解政务信息更多倾向于基层政务公开公告栏、微信公众号等，通过专门政务公开网了解政务信息的比例不高。'),
    p('三是队伍建设薄弱、力量缺乏。绝大部分乡镇负责政务公开的同志为党政办工作人员，属兼职，缺乏对政务公开工作理论知识系统性学习。'),
    heading(4, '(二) 下一步改进措施'),
    p('一是拓宽信息来源。通过对接上级部门，及时调整各业务工作审核审批流程、办事指南等规范性流程，让群众少跑路，为群众办实事；'),
    p('二是拓宽公开渠道。立足直接服务人民群众的实际，就政务服务事项、办事指南、办事流程、办事窗口等及时通过线上线下全面准确公开，提高基层政务公开标准化规范化工作知晓率。打通服务群众的“最后一公里”，使基层政务公开家喻户晓、深入人心。'),
    p('三是强化队伍建设。加强业务培训，不断提高业务人员工作和水平。健全工作机制，落实政务公开工作专人负责，确保此项工作长期有人抓。'),
    heading(3, '六、其他需要报告的事项'),
    p('全镇政府信息公开工作机构数量为1个，具体工作人员为2人。'),
  ],
  expect: expectation(
    { active, applications, review },
    {
      report: {
        title: '鲁河镇2021年政府信息公开工作年度报告',
        organization: '鲁河镇',
        year: 2021,
        publishedDate: null,
      },
      sectionTitles: STANDARD_TITLES,
      failingChecks: [],
    },
  ),
};
