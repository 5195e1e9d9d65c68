/**
 * Builders of the template tables directly in the intermediate model (no file format), with the
 * template's merged cells, for normalizer tests.
 */
import { cell, paragraph, type Block, type Cell, type Table } from '../../src/model.js';

export const ITEMS_2021 = {
  denied: ['1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项'],
  unable: ['1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确'],
  notProcessed: ['1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息'],
  other: ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '3.其他'],
};

const table = (rows: Cell[][]): Table => ({ kind: 'table', rows, page: null, role: 'body' });
const vals = (v: string[]) => v.map((t) => cell(t));

/** §三 with the template's merges. `values(i)` gives the 7 cells of data row i (0-based). */
export function applicationsTable(layout: '2019' | '2021', values: (i: number) => string[]): Table {
  const rows: Cell[][] = [
    [cell('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', { rowSpan: 3, colSpan: 3 }), cell('申请人情况', { colSpan: 7 })],
    [cell('自然人', { rowSpan: 2 }), cell('法人或其他组织', { colSpan: 5 }), cell('总计', { rowSpan: 2 })],
    vals(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']),
  ];
  let i = 0;
  const next = () => vals(values(i++));
  rows.push([cell('一、本年新收政府信息公开申请数量', { colSpan: 3 }), ...next()]);
  rows.push([cell('二、上年结转政府信息公开申请数量', { colSpan: 3 }), ...next()]);
  const span = layout === '2021' ? 22 : 20;
  rows.push([cell('三、本年度办理结果', { rowSpan: span }), cell('（一）予以公开', { colSpan: 2 }), ...next()]);
  rows.push([cell('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', { colSpan: 2 }), ...next()]);
  const group = (label: string, items: string[]) =>
    items.forEach((it, k) => rows.push([...(k === 0 ? [cell(label, { rowSpan: items.length })] : []), cell(it), ...next()]));
  group('（三）不予公开', ITEMS_2021.denied);
  group('（四）无法提供', ITEMS_2021.unable);
  group('（五）不予处理', ITEMS_2021.notProcessed);
  if (layout === '2021') group('（六）其他处理', ITEMS_2021.other);
  else rows.push([cell('（六）其他处理', { colSpan: 2 }), ...next()]);
  rows.push([cell('（七）总计', { colSpan: 2 }), ...next()]);
  rows.push([cell('四、结转下年度继续办理', { colSpan: 3 }), ...next()]);
  return table(rows);
}

/** §二, 2021 layout. */
export function activeTable2021(v: { reg: string[]; norm: string[]; lic: string; pen: string; coe: string; fee: string; feeHeader?: string }): Table {
  const caption = (t: string) => [cell(t, { colSpan: 4 })];
  return table([
    caption('第二十条第（一）项'),
    vals(['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']),
    [cell('规章'), ...vals(v.reg)],
    [cell('行政规范性文件'), ...vals(v.norm)],
    caption('第二十条第（五）项'),
    [cell('信息内容'), cell('本年处理决定数量', { colSpan: 3 })],
    [cell('行政许可'), cell(v.lic, { colSpan: 3 })],
    caption('第二十条第（六）项'),
    [cell('信息内容'), cell('本年处理决定数量', { colSpan: 3 })],
    [cell('行政处罚'), cell(v.pen, { colSpan: 3 })],
    [cell('行政强制'), cell(v.coe, { colSpan: 3 })],
    caption('第二十条第（八）项'),
    [cell('信息内容'), cell(v.feeHeader ?? '本年收费金额（单位：万元）', { colSpan: 3 })],
    [cell('行政事业性收费'), cell(v.fee, { colSpan: 3 })],
  ]);
}

/** §四 with the template's 3 header rows and one value row. */
export function reviewTable(values: string[]): Table {
  const outcomes = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  return table([
    [cell('行政复议', { colSpan: 5 }), cell('行政诉讼', { colSpan: 10 })],
    [...outcomes.map((o) => cell(o, { rowSpan: 2 })), cell('未经复议直接起诉', { colSpan: 5 }), cell('复议后起诉', { colSpan: 5 })],
    vals([...outcomes, ...outcomes]),
    vals(values),
  ]);
}

export function reportBlocks(tables: { active?: Table; apps?: Table; review?: Table }): Block[] {
  const p = (t: string) => paragraph(t);
  return [
    p('某某县人民政府2023年政府信息公开工作年度报告'),
    p('一、总体情况'),
    p('2023年，某某县认真贯彻落实《条例》。'),
    p('二、主动公开政府信息情况'),
    ...(tables.active ? [tables.active] : []),
    p('三、收到和处理政府信息公开申请情况'),
    ...(tables.apps ? [tables.apps] : []),
    p('四、政府信息公开行政复议、行政诉讼情况'),
    ...(tables.review ? [tables.review] : []),
    p('五、存在的主要问题及改进情况'),
    p('问题和改进。'),
    p('六、其他需要报告的事项'),
    p('无。'),
    p('某某县人民政府'),
    p('2024年1月20日'),
  ];
}
