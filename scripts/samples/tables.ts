/**
 * The three template tables (templates.md §2–§4) rebuilt with the template's merged cells, plus
 * the canonical values a correct converter reads from them.
 *
 * Each builder takes the printed value cells (Val: text as printed + value) and returns the table
 * block and the expected values of every leaf of its part of the contract. Rows with fewer value
 * cells than the layout has columns (V16) cannot be attributed to columns: every value of such a
 * row is expected to be null.
 */
import type { Layout, SampleCell, SampleTable, Val } from './types.js';
import {
  ACTIVE_FIELDS,
  DENIED_KEYS,
  NOT_PROCESSED_KEYS,
  OTHER_HANDLING_SUB_KEYS,
  REVIEW_FIELDS,
  REVIEW_GROUPS,
  ROW_COLUMNS,
  UNABLE_KEYS,
  APPLICATION_ROWS,
} from './leaves.js';

export type Values = Record<string, number | string | null>;

export interface TableResult {
  block: SampleTable;
  values: Values;
  layout: Layout | null;
}

function cell(text: string, colSpan = 1, rowSpan = 1, lines?: 'paragraphs' | 'break'): SampleCell {
  const c: SampleCell = { text };
  if (colSpan > 1) c.colSpan = colSpan;
  if (rowSpan > 1) c.rowSpan = rowSpan;
  if (lines) c.lines = lines;
  return c;
}

function valCell(v: Val, colSpan = 1): SampleCell {
  return cell(v.text, colSpan, 1, v.lines);
}

/** A label: "\n" inside is written as a line break unless the label asks for paragraphs. */
function labelCell(text: string, colSpan = 1, rowSpan = 1, lines: 'paragraphs' | 'break' = 'break'): SampleCell {
  return cell(text, colSpan, rowSpan, text.includes('\n') ? lines : undefined);
}

// =============================================================================================
// 二 · 主动公开政府信息情况

export type ActiveBlockId = '1' | '5' | '6' | '8' | '9';
export type ActiveRowKey =
  | 'regulations'
  | 'normativeDocuments'
  | 'licensing'
  | 'otherServices'
  | 'penalty'
  | 'coercion'
  | 'fees'
  | 'procurement';

export interface ActiveLabels {
  /** Caption rows 第二十条第（X）项. */
  captions?: Partial<Record<ActiveBlockId, string>>;
  /** The 信息内容 header cell. */
  content?: string;
  /** Header value labels per block, in column order. */
  headers?: Partial<Record<ActiveBlockId, string[]>>;
  /** Row labels. */
  rows?: Partial<Record<ActiveRowKey, string>>;
  /** How "\n" in header labels is written: line breaks (default) or separate paragraphs. */
  headerLines?: 'paragraphs' | 'break';
}

export interface Active2021Spec {
  regulations: [Val, Val, Val];
  normativeDocuments: [Val, Val, Val];
  licensing: Val;
  penalty: Val;
  coercion: Val;
  fees: Val;
  labels?: ActiveLabels;
}

export interface Active2019Spec {
  regulations: [Val, Val, Val];
  normativeDocuments: [Val, Val, Val];
  /** 上一年项目数量, 本年增/减, 处理决定数量 */
  licensing: [Val, Val, Val];
  otherServices: [Val, Val, Val];
  penalty: [Val, Val, Val];
  coercion: [Val, Val, Val];
  /** 上一年项目数量, 本年增/减 */
  fees: [Val, Val];
  /** 采购项目数量, 采购总金额 */
  procurement: [Val, Val];
  labels?: ActiveLabels;
  /** Grid column widths in twips (4: label, three values); default ACTIVE_WIDTHS. */
  columnWidths?: number[];
  /**
   * How the 2-value rows (八)/(九) fill the 4-column grid: the last cell spans two columns
   * ('span', default) or an empty cell follows ('emptyCell', as in seed 004's (八)).
   */
  twoValueStyle?: { fees?: 'span' | 'emptyCell'; procurement?: 'span' | 'emptyCell' };
}

const ACTIVE_CAPTIONS: Record<ActiveBlockId, string> = {
  '1': '第二十条第（一）项',
  '5': '第二十条第（五）项',
  '6': '第二十条第（六）项',
  '8': '第二十条第（八）项',
  '9': '第二十条第（九）项',
};

const ACTIVE_WIDTHS = [2900, 2040, 2040, 2040];

function emptyActiveValues(): Values {
  const v: Values = {};
  for (const [row, fields] of ACTIVE_FIELDS) for (const f of fields) v[`activeDisclosure.${row}.${f}`] = null;
  return v;
}

/** A sample's label overrides for the §二 table, with the template's labels as defaults. */
function activeLabels(labels: ActiveLabels | undefined) {
  const L = labels ?? {};
  return {
    cap: (id: ActiveBlockId) => L.captions?.[id] ?? ACTIVE_CAPTIONS[id],
    content: L.content ?? '信息内容',
    hdr: (id: ActiveBlockId, def: string[]) => L.headers?.[id] ?? def,
    lab: (k: ActiveRowKey, def: string) => L.rows?.[k] ?? def,
    hl: L.headerLines ?? 'break',
  };
}

export function activeTable2021(spec: Active2021Spec): TableResult {
  const { cap, content, hdr, lab, hl } = activeLabels(spec.labels);
  const rows: SampleCell[][] = [];
  const single = (id: ActiveBlockId, header: string, items: Array<[ActiveRowKey, string, Val]>) => {
    rows.push([cell(cap(id), 4)]);
    rows.push([labelCell(content), labelCell(hdr(id, [header])[0] ?? header, 3, 1, hl)]);
    for (const [k, def, v] of items) rows.push([labelCell(lab(k, def)), valCell(v, 3)]);
  };
  rows.push([cell(cap('1'), 4)]);
  rows.push([labelCell(content), ...hdr('1', ['本年制发件数', '本年废止件数', '现行有效件数']).map((h) => labelCell(h, 1, 1, hl))]);
  rows.push([labelCell(lab('regulations', '规章')), ...spec.regulations.map((v) => valCell(v))]);
  rows.push([labelCell(lab('normativeDocuments', '行政规范性文件')), ...spec.normativeDocuments.map((v) => valCell(v))]);
  single('5', '本年处理决定数量', [['licensing', '行政许可', spec.licensing]]);
  single('6', '本年处理决定数量', [
    ['penalty', '行政处罚', spec.penalty],
    ['coercion', '行政强制', spec.coercion],
  ]);
  single('8', '本年收费金额（单位：万元）', [['fees', '行政事业性收费', spec.fees]]);

  const values = emptyActiveValues();
  const three = (row: string, vs: [Val, Val, Val]) => {
    values[`activeDisclosure.${row}.issued`] = vs[0].value;
    values[`activeDisclosure.${row}.repealed`] = vs[1].value;
    values[`activeDisclosure.${row}.inForce`] = vs[2].value;
  };
  three('regulations', spec.regulations);
  three('normativeDocuments', spec.normativeDocuments);
  values['activeDisclosure.licensing.decisions'] = spec.licensing.value;
  values['activeDisclosure.penalty.decisions'] = spec.penalty.value;
  values['activeDisclosure.coercion.decisions'] = spec.coercion.value;
  values['activeDisclosure.fees.amount'] = spec.fees.value;
  values['activeDisclosure.fees.unit'] = '万元';
  return { block: { kind: 'table', role: 'activeDisclosure', columnWidths: ACTIVE_WIDTHS, rows }, values, layout: '2021' };
}

export function activeTable2019(spec: Active2019Spec): TableResult {
  const { cap, content, hdr, lab, hl } = activeLabels(spec.labels);
  const rows: SampleCell[][] = [];
  const block3 = (id: ActiveBlockId, headers: string[], items: Array<[ActiveRowKey, string, [Val, Val, Val]]>) => {
    rows.push([cell(cap(id), 4)]);
    rows.push([labelCell(content), ...hdr(id, headers).map((h) => labelCell(h, 1, 1, hl))]);
    for (const [k, def, vs] of items) rows.push([labelCell(lab(k, def)), ...vs.map((v) => valCell(v))]);
  };
  const block2 = (id: ActiveBlockId, headers: string[], k: ActiveRowKey, def: string, vs: [Val, Val], style: 'span' | 'emptyCell') => {
    rows.push([cell(cap(id), 4)]);
    const hs = hdr(id, headers).map((h) => labelCell(h, 1, 1, hl));
    const data = [labelCell(lab(k, def)), valCell(vs[0]), valCell(vs[1])];
    if (style === 'span') {
      const last = hs[hs.length - 1];
      if (last) last.colSpan = 2;
      const lastData = data[data.length - 1];
      if (lastData) lastData.colSpan = 2;
      rows.push([labelCell(content), ...hs]);
      rows.push(data);
    } else {
      rows.push([labelCell(content), ...hs, cell('')]);
      rows.push([...data, cell('')]);
    }
  };
  block3('1', ['本年新制作数量', '本年新公开数量', '对外公开总数量'], [
    ['regulations', '规章', spec.regulations],
    ['normativeDocuments', '规范性文件', spec.normativeDocuments],
  ]);
  block3('5', ['上一年项目数量', '本年增/减', '处理决定数量'], [
    ['licensing', '行政许可', spec.licensing],
    ['otherServices', '其他对外管理服务事项', spec.otherServices],
  ]);
  block3('6', ['上一年项目数量', '本年增/减', '处理决定数量'], [
    ['penalty', '行政处罚', spec.penalty],
    ['coercion', '行政强制', spec.coercion],
  ]);
  block2('8', ['上一年项目数量', '本年增/减'], 'fees', '行政事业性收费', spec.fees, spec.twoValueStyle?.fees ?? 'span');
  block2('9', ['采购项目数量', '采购总金额'], 'procurement', '政府集中采购', spec.procurement, spec.twoValueStyle?.procurement ?? 'span');

  const values = emptyActiveValues();
  const made = (row: string, vs: [Val, Val, Val]) => {
    values[`activeDisclosure.${row}.newlyMade`] = vs[0].value;
    values[`activeDisclosure.${row}.newlyPublished`] = vs[1].value;
    values[`activeDisclosure.${row}.totalPublished`] = vs[2].value;
  };
  made('regulations', spec.regulations);
  made('normativeDocuments', spec.normativeDocuments);
  const items = (row: string, vs: [Val, Val, Val]) => {
    values[`activeDisclosure.${row}.previousYearItems`] = vs[0].value;
    values[`activeDisclosure.${row}.change`] = vs[1].value;
    values[`activeDisclosure.${row}.decisions`] = vs[2].value;
  };
  items('licensing', spec.licensing);
  items('otherServices', spec.otherServices);
  items('penalty', spec.penalty);
  items('coercion', spec.coercion);
  values['activeDisclosure.fees.previousYearItems'] = spec.fees[0].value;
  values['activeDisclosure.fees.change'] = spec.fees[1].value;
  values['activeDisclosure.procurement.projects'] = spec.procurement[0].value;
  values['activeDisclosure.procurement.amount'] = spec.procurement[1].value;
  values['activeDisclosure.procurement.unit'] = spec.procurement[1].unit ?? null;
  const columnWidths = spec.columnWidths ?? ACTIVE_WIDTHS;
  if (columnWidths.length !== ACTIVE_WIDTHS.length) throw new Error(`activeTable2019: ${columnWidths.length} column widths, need ${ACTIVE_WIDTHS.length}`);
  return { block: { kind: 'table', role: 'activeDisclosure', columnWidths, rows }, values, layout: '2019' };
}

// =============================================================================================
// 三 · 收到和处理政府信息公开申请情况

/** Data-row keys (paths relative to `applications`); 'otherHandling.total' is the 2019 single row. */
export type AppRowKey = (typeof APPLICATION_ROWS)[number];

/** Label keys: row keys, group labels, and header cells. */
export type AppLabelKey =
  | string // a row key, e.g. 'denied.prohibitedByLaw'
  | 'g.results'
  | 'g.denied'
  | 'g.unableToProvide'
  | 'g.notProcessed'
  | 'g.otherHandling'
  | 'h.caption'
  | 'h.applicant'
  | 'h.naturalPerson'
  | 'h.legalPerson'
  | 'h.total'
  | 'h.commercial'
  | 'h.research'
  | 'h.socialWelfare'
  | 'h.legalService'
  | 'h.otherOrg';

export const APP_LABELS: Record<string, string> = {
  'h.caption': '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  'h.applicant': '申请人情况',
  'h.naturalPerson': '自然人',
  'h.legalPerson': '法人或其他组织',
  'h.total': '总计',
  'h.commercial': '商业企业',
  'h.research': '科研机构',
  'h.socialWelfare': '社会公益组织',
  'h.legalService': '法律服务机构',
  'h.otherOrg': '其他',
  newReceived: '一、本年新收政府信息公开申请数量',
  carriedOver: '二、上年结转政府信息公开申请数量',
  'g.results': '三、本年度办理结果',
  granted: '（一）予以公开',
  partiallyGranted: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  'g.denied': '（三）不予公开',
  'denied.stateSecret': '1.属于国家秘密',
  'denied.prohibitedByLaw': '2.其他法律行政法规禁止公开',
  'denied.endangersSafety': '3.危及“三安全一稳定”',
  'denied.thirdPartyRights': '4.保护第三方合法权益',
  'denied.internalAffairs': '5.属于三类内部事务信息',
  'denied.processInformation': '6.属于四类过程性信息',
  'denied.enforcementFiles': '7.属于行政执法案卷',
  'denied.administrativeQuery': '8.属于行政查询事项',
  'g.unableToProvide': '（四）无法提供',
  'unableToProvide.notHeld': '1.本机关不掌握相关政府信息',
  'unableToProvide.needsCreation': '2.没有现成信息需要另行制作',
  'unableToProvide.unclearAfterCorrection': '3.补正后申请内容仍不明确',
  'g.notProcessed': '（五）不予处理',
  'notProcessed.petition': '1.信访举报投诉类申请',
  'notProcessed.duplicate': '2.重复申请',
  'notProcessed.publication': '3.要求提供公开出版物',
  'notProcessed.excessive': '4.无正当理由大量反复申请',
  'notProcessed.confirmation': '5.要求行政机关确认或重新出具已获取信息',
  'g.otherHandling': '（六）其他处理',
  'otherHandling.overdueCorrection': '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  'otherHandling.unpaidFees': '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  'otherHandling.other': '3.其他',
  'otherHandling.total': '（六）其他处理',
  totalHandled: '（七）总计',
  carriedForward: '四、结转下年度继续办理',
};

export interface ApplicationsSpec {
  /** '2019': （六）其他处理 is one row ('otherHandling.total'); '2021': three sub-rows. */
  layout: Layout;
  /** Printed value cells per data row; 7 normally, fewer for a row that lost cells (V16). */
  rows: Record<string, Val[]>;
  labels?: Partial<Record<AppLabelKey, string>>;
  /**
   * Structure of the （三）不予公开 group:
   * - 'normal': group label in column B spanning its 8 item rows;
   * - 'mergedFirst' (V13): the first item row's label is ONE cell spanning B–C holding the group
   *   label and the first item (give the combined text as labels['g.denied']); items 2–8 have an
   *   empty column-B cell and the item in column C;
   * - 'missing' (V15): no group label at all; every item row has an empty column-B cell.
   */
  deniedGroup?: 'normal' | 'mergedFirst' | 'missing';
  /** An empty row after 四、结转下年度继续办理 (V23). */
  trailingEmptyRow?: boolean;
  /** How "\n" in header labels is written. */
  headerLines?: 'paragraphs' | 'break';
  /**
   * Vertical text (Word text direction tbRl) in the merged label cells: `results` the column-A
   * cell 三、本年度办理结果, `groups` the column-B group labels （三）–（六）.
   */
  verticalLabels?: { results?: boolean; groups?: boolean };
  /** Grid column widths in twips (10: A, B, C, then the 7 value columns); default APP_WIDTHS. */
  columnWidths?: number[];
  /** Minimum height (twips) of every item row of a group, e.g. to give a vertical group label room. */
  groupMinRowHeight?: Partial<Record<'g.denied' | 'g.unableToProvide' | 'g.notProcessed' | 'g.otherHandling', number>>;
  /** A caption row above the header, one cell spanning all 10 columns ("表2 收到和处理…"). */
  caption?: string;
}

/** Column widths: A, B, C, then 7 value columns. */
const APP_WIDTHS = [700, 900, 2560, 700, 700, 700, 700, 700, 700, 700];

/** The data rows a layout prints, in table order (paths relative to `applications`). */
export function appRowKeys(layout: Layout): string[] {
  return APPLICATION_ROWS.filter((r) =>
    r.startsWith('otherHandling.') ? (layout === '2021' ? r !== 'otherHandling.total' : r === 'otherHandling.total') : true,
  );
}

/** A rows record with `make(key)` for every data row of the layout. */
export function allRows(layout: Layout, make: (key: string) => Val[]): Record<string, Val[]> {
  const out: Record<string, Val[]> = {};
  for (const k of appRowKeys(layout)) out[k] = make(k);
  return out;
}

export function applicationsTable(spec: ApplicationsSpec): TableResult {
  const L = (k: string) => spec.labels?.[k] ?? APP_LABELS[k] ?? k;
  const hl = spec.headerLines ?? 'break';
  const is2021 = spec.layout === '2021';
  const rowKeys = appRowKeys(spec.layout);
  for (const k of rowKeys) if (!spec.rows[k]) throw new Error(`applicationsTable: missing row ${k}`);
  for (const k of Object.keys(spec.rows)) if (!rowKeys.includes(k)) throw new Error(`applicationsTable: row ${k} is not in the ${spec.layout} layout`);
  const vals = (k: string): SampleCell[] => {
    const vs = spec.rows[k] ?? [];
    if (vs.length > 7) throw new Error(`applicationsTable: row ${k} has ${vs.length} cells`);
    return vs.map((v) => valCell(v));
  };

  const rows: SampleCell[][] = [];
  if (spec.caption !== undefined) rows.push([labelCell(spec.caption, 10)]);
  // header (§3.1)
  rows.push([labelCell(L('h.caption'), 3, 3), labelCell(L('h.applicant'), 7)]);
  rows.push([labelCell(L('h.naturalPerson'), 1, 2, hl), labelCell(L('h.legalPerson'), 5, 1, hl), labelCell(L('h.total'), 1, 2, hl)]);
  rows.push(['h.commercial', 'h.research', 'h.socialWelfare', 'h.legalService', 'h.otherOrg'].map((k) => labelCell(L(k), 1, 1, hl)));

  rows.push([labelCell(L('newReceived'), 3), ...vals('newReceived')]);
  rows.push([labelCell(L('carriedOver'), 3), ...vals('carriedOver')]);
  const resultSpan = is2021 ? 22 : 20;
  const vertical = (c: SampleCell, on: boolean | undefined): SampleCell => (on ? { ...c, textDirection: 'tbRl' } : c);
  rows.push([vertical(labelCell(L('g.results'), 1, resultSpan), spec.verticalLabels?.results), labelCell(L('granted'), 2), ...vals('granted')]);
  rows.push([labelCell(L('partiallyGranted'), 2), ...vals('partiallyGranted')]);

  const minRowHeights: Record<number, number> = {};
  const group = (groupKey: string, keys: readonly string[]) => {
    const min = spec.groupMinRowHeight?.[groupKey as keyof NonNullable<ApplicationsSpec['groupMinRowHeight']>];
    keys.forEach((k, i) => {
      if (min) minRowHeights[rows.length] = min;
      const first = i === 0 ? [vertical(labelCell(L(groupKey), 1, keys.length), spec.verticalLabels?.groups)] : [];
      rows.push([...first, labelCell(L(k)), ...vals(k)]);
    });
  };
  const denied = DENIED_KEYS.map((k) => `denied.${k}`);
  const mode = spec.deniedGroup ?? 'normal';
  if (mode === 'normal') group('g.denied', denied);
  else
    denied.forEach((k, i) => {
      if (mode === 'mergedFirst' && i === 0) rows.push([labelCell(L('g.denied'), 2), ...vals(k)]);
      else rows.push([cell(''), labelCell(L(k)), ...vals(k)]);
    });
  group('g.unableToProvide', UNABLE_KEYS.map((k) => `unableToProvide.${k}`));
  group('g.notProcessed', NOT_PROCESSED_KEYS.map((k) => `notProcessed.${k}`));
  if (is2021) group('g.otherHandling', OTHER_HANDLING_SUB_KEYS.map((k) => `otherHandling.${k}`));
  else rows.push([labelCell(L('otherHandling.total'), 2), ...vals('otherHandling.total')]);
  rows.push([labelCell(L('totalHandled'), 2), ...vals('totalHandled')]);
  rows.push([labelCell(L('carriedForward'), 3), ...vals('carriedForward')]);
  if (spec.trailingEmptyRow) rows.push([cell('', 3), ...Array.from({ length: 7 }, () => cell(''))]);

  // expected values
  const values: Values = {};
  for (const r of APPLICATION_ROWS) for (const c of ROW_COLUMNS) values[`applications.${r}.${c}`] = null;
  for (const k of rowKeys) {
    const vs = spec.rows[k] ?? [];
    if (vs.length !== 7) continue; // V16: cells cannot be attributed to columns → all null
    ROW_COLUMNS.forEach((c, i) => {
      values[`applications.${k}.${c}`] = vs[i]?.value ?? null;
    });
  }
  if (is2021)
    for (const c of ROW_COLUMNS) {
      const parts = OTHER_HANDLING_SUB_KEYS.map((k) => values[`applications.otherHandling.${k}.${c}`]);
      values[`applications.otherHandling.total.${c}`] = parts.every((x) => typeof x === 'number')
        ? (parts as number[]).reduce((a, b) => a + b, 0)
        : null;
    }
  const columnWidths = spec.columnWidths ?? APP_WIDTHS;
  if (columnWidths.length !== APP_WIDTHS.length) throw new Error(`applicationsTable: ${columnWidths.length} column widths, need ${APP_WIDTHS.length}`);
  const block: SampleTable = { kind: 'table', role: 'applications', columnWidths, rows };
  if (Object.keys(minRowHeights).length) block.minRowHeights = minRowHeights;
  return { block, values, layout: spec.layout };
}

// =============================================================================================
// 四 · 政府信息公开行政复议、行政诉讼情况

export interface ReviewLabels {
  review?: string;
  litigation?: string;
  direct?: string;
  afterReview?: string;
  /** The five result labels of 行政复议 (row 2). */
  reviewResults?: string[];
  /** The five result labels used twice in row 3. */
  litigationResults?: string[];
}

export interface ReviewSpec {
  /** The 15 printed value cells of row 4 (fewer → the row cannot be attributed: all null). */
  cells: Val[];
  labels?: ReviewLabels;
  /** Grid column widths in twips (15); default 600 each. */
  columnWidths?: number[];
  /** A caption row above the header, one cell spanning all 15 columns. */
  caption?: string;
}

const RESULT_LABELS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

export function reviewTable(spec: ReviewSpec): TableResult {
  const L = spec.labels ?? {};
  const rr = L.reviewResults ?? RESULT_LABELS;
  const lr = L.litigationResults ?? RESULT_LABELS;
  const rows: SampleCell[][] = [
    ...(spec.caption !== undefined ? [[labelCell(spec.caption, 15)]] : []),
    [labelCell(L.review ?? '行政复议', 5), labelCell(L.litigation ?? '行政诉讼', 10)],
    [...rr.map((s) => labelCell(s, 1, 2)), labelCell(L.direct ?? '未经复议直接起诉', 5), labelCell(L.afterReview ?? '复议后起诉', 5)],
    [...lr, ...lr].map((s) => labelCell(s)),
    spec.cells.map((v) => valCell(v)),
  ];
  if (spec.cells.length > 15) throw new Error('reviewTable: more than 15 cells');
  const columnWidths = spec.columnWidths ?? Array.from({ length: 15 }, () => 600);
  if (columnWidths.length !== 15) throw new Error(`reviewTable: ${columnWidths.length} column widths, need 15`);
  const values: Values = {};
  REVIEW_GROUPS.forEach((g, gi) =>
    REVIEW_FIELDS.forEach((f, fi) => {
      values[`reviewLitigation.${g}.${f}`] = spec.cells.length === 15 ? (spec.cells[gi * 5 + fi]?.value ?? null) : null;
    }),
  );
  return {
    block: { kind: 'table', role: 'reviewLitigation', columnWidths, rows },
    values,
    layout: null,
  };
}

/** The same table without any ruling lines (SampleTable.borders 'none'); cells and values unchanged. */
export function borderless(t: TableResult): TableResult {
  return { ...t, block: { ...t.block, borders: 'none' } };
}

/**
 * Rows from plain numbers (each printed as its decimal string), with some cells printed
 * differently: overrides are keyed "<row>.<column>" (e.g. "newReceived.total") → Val.
 */
export function numberRows(grid: Record<string, number[]>, overrides: Record<string, Val> = {}): Record<string, Val[]> {
  const out: Record<string, Val[]> = {};
  const used = new Set<string>();
  for (const [row, nums] of Object.entries(grid)) {
    out[row] = nums.map((value, i) => {
      const key = `${row}.${ROW_COLUMNS[i] ?? i}`;
      const o = overrides[key];
      if (o) {
        used.add(key);
        return o;
      }
      return { text: String(value), value };
    });
  }
  for (const k of Object.keys(overrides)) if (!used.has(k)) throw new Error(`numberRows: override ${k} matches no cell`);
  return out;
}
