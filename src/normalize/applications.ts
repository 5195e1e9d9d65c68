/**
 * Section 三 (收到和处理政府信息公开申请情况): 7 applicant columns × 23 (2019) or 25 (2021)
 * data rows. Rows are matched by the meaning of their most specific label (so typos, a lost group
 * label, a group label in the same cell as its first item, or 1、 vs 1. numbering do not matter);
 * columns by the header labels. A row whose value cells cannot be attributed to columns
 * (fewer cells than columns) is left null with a warning, never shifted.
 */
import type { Applications, Row } from '../schema/canonical.js';
import { APPLICANT_COLUMNS, emptyApplications, emptyRow, type ApplicantColumn } from '../schema/keys.js';
import type { Context } from './context.js';
import { distinctCells, type Grid, type GridCell } from './grid.js';
import { MAX_EXACT, parseCell } from './numbers.js';
import { labelKey, removeSpaces, stripEnumerators } from './text.js';
import { mapped } from '../arrays.js';

/** Canonical row paths (relative to `applications`) in template order. */
export const ROW_PATHS = [
  'newReceived',
  'carriedOver',
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
  'unableToProvide.unclearAfterCorrection',
  'notProcessed.petition',
  'notProcessed.duplicate',
  'notProcessed.publication',
  'notProcessed.excessive',
  'notProcessed.confirmation',
  'otherHandling.overdueCorrection',
  'otherHandling.unpaidFees',
  'otherHandling.other',
  'otherHandling.total',
  'totalHandled',
  'carriedForward',
] as const;
export type RowPath = (typeof ROW_PATHS)[number];

const OTHER_2021: RowPath[] = ['otherHandling.overdueCorrection', 'otherHandling.unpaidFees', 'otherHandling.other'];

/** Key phrases of each row's own label (after enumerators, spaces and punctuation are removed). */
const RULES: [RowPath, (item: string) => boolean][] = [
  ['carriedForward', (k) => /结转下年度|下年度继续办理|结转下年/.test(k)],
  ['newReceived', (k) => /本年新收|新收.*申请数量/.test(k)],
  ['carriedOver', (k) => /上年结转/.test(k)],
  ['totalHandled', (k) => k === '总计' || k === '合计'],
  ['partiallyGranted', (k) => /部分公开/.test(k)],
  ['granted', (k) => /予以公开/.test(k)],
  ['denied.stateSecret', (k) => /国家秘密/.test(k)],
  ['denied.prohibitedByLaw', (k) => /禁止公开|其他法律|法规禁止/.test(k)],
  ['denied.endangersSafety', (k) => /三安全一稳定|危及/.test(k)],
  ['denied.thirdPartyRights', (k) => /第三方/.test(k)],
  ['denied.internalAffairs', (k) => /内部事务/.test(k)],
  ['denied.processInformation', (k) => /过程性/.test(k)],
  ['denied.enforcementFiles', (k) => /执法案卷/.test(k)],
  ['denied.administrativeQuery', (k) => /行政查询|查询事项/.test(k)],
  ['unableToProvide.notHeld', (k) => /不掌握/.test(k)],
  ['unableToProvide.needsCreation', (k) => /另行制作|没有现成/.test(k)],
  ['unableToProvide.unclearAfterCorrection', (k) => /仍不明确|补正后申请/.test(k)],
  ['notProcessed.petition', (k) => /信访|举报投诉/.test(k)],
  ['notProcessed.duplicate', (k) => /重复申请/.test(k)],
  ['notProcessed.publication', (k) => /出版物/.test(k)],
  ['notProcessed.excessive', (k) => /大量反复/.test(k)],
  ['notProcessed.confirmation', (k) => /重新出具|确认/.test(k)],
  ['otherHandling.overdueCorrection', (k) => /逾期不补正|无正当理由逾期/.test(k)],
  ['otherHandling.unpaidFees', (k) => /收费通知|缴纳费用/.test(k)],
];

/** Group labels: a row whose only label is one of these and that has no values is a group header. */
const GROUP_ONLY = /^(本年度办理结果|不予公开|无法提供|不予处理|其他处理)$/;

/**
 * The label, or the label with one character misprinted or misread (OCR: 白然人, 科研机杓), for
 * labels of three characters or more: none of the applicant labels is one character from another.
 */
const near = (k: string, label: string): boolean => {
  if (k === label) return true;
  const a = Array.from(k);
  const b = Array.from(label);
  if (b.length < 3 || a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
  return diff === 1;
};

const COLUMN_LABELS: [ApplicantColumn, (k: string) => boolean][] = [
  ['naturalPerson', (k) => near(k, '自然人')],
  ['commercial', (k) => near(k, '商业企业')],
  ['research', (k) => near(k, '科研机构')],
  ['socialWelfare', (k) => near(k, '社会公益组织')],
  ['legalService', (k) => near(k, '法律服务机构')],
  ['otherOrg', (k) => k === '其他'],
  ['total', (k) => k === '总计' || k === '合计'],
];

export interface ApplicationsResult {
  value: Applications;
  layout: '2019' | '2021' | null;
  derived: string[];
}

function matchRow(item: string, full: string, previous: RowPath | null): RowPath | 'group' | null {
  for (const [path, test] of RULES) if (test(item)) return path;
  if (item === '其他' && (/其他处理/.test(full) || (previous !== null && OTHER_2021.includes(previous)))) {
    return 'otherHandling.other';
  }
  if (item === '其他处理') return 'otherHandling.total';
  if (GROUP_ONLY.test(item)) return 'group';
  return null;
}

/** Find the 7 value columns from the header labels; null when they cannot be told apart. */
function findColumns(grid: Grid, headerRows: number, ctx: Context): number[] | null {
  const valid = (list: (number | undefined)[]): list is number[] =>
    list.every((c) => c !== undefined) && new Set(list).size === 7 && list.every((c, i) => i === 0 || c! > list[i - 1]!);
  const labelOf = (k: string) => COLUMN_LABELS.find(([, t]) => t(k))?.[0];

  // 1. each header cell on its own ("商业企业", "总计")
  const byCell = new Map<ApplicantColumn, number>();
  // 2. the one-column header cells of each grid column read top to bottom, for a label wrapped
  //    over two grid rows ("法律服务" / "机构")
  const stacked = new Map<number, string>();
  for (let r = 0; r < headerRows; r++) {
    for (const c of distinctCells(grid.rows[r]!)) {
      const k = labelKey(c.text);
      const hit = labelOf(k);
      if (hit && !byCell.has(hit)) byCell.set(hit, c.col);
      if (c.colSpan === 1 && c.row === r) stacked.set(c.col, (stacked.get(c.col) ?? '') + k);
    }
  }
  const first = mapped(APPLICANT_COLUMNS, (k) => byCell.get(k));
  if (valid(first)) return first;
  const byColumn = new Map<ApplicantColumn, number>();
  for (const [col, k] of [...stacked.entries()].sort((a, b) => a[0] - b[0])) {
    const hit = labelOf(k);
    if (hit && !byColumn.has(hit)) byColumn.set(hit, col);
  }
  const second = mapped(APPLICANT_COLUMNS, (k) => byColumn.get(k));
  if (valid(second)) return second;
  if (grid.width === 10) {
    ctx.warn('header-unrecognized', 'the applicant column headers of the 申请 table could not all be read; the template positions (last 7 of 10 columns) were used', 'applications');
    return [3, 4, 5, 6, 7, 8, 9];
  }
  ctx.warn('header-unrecognized', `the applicant column headers of the 申请 table could not be read and the table has ${grid.width} columns instead of 10; no values were read`, 'applications');
  return null;
}

export function readApplications(grid: Grid, ctx: Context): ApplicationsResult {
  const out = emptyApplications();
  const derived: string[] = [];

  // the first data row: the first row whose label is a known row
  let firstData = -1;
  for (let r = 0; r < grid.rows.length && firstData < 0; r++) {
    const labels = mapped(distinctCells(grid.rows[r]!), (c) => labelKey(stripEnumerators(c.text)));
    if (labels.some((l) => /本年新收|上年结转/.test(l))) firstData = r;
  }
  if (firstData < 0) {
    ctx.warn('row-missing', 'the 申请 table has no 一、本年新收… row; no values were read', 'applications');
    return { value: out, layout: null, derived };
  }
  const columns = findColumns(grid, firstData, ctx);
  if (!columns) return { value: out, layout: null, derived };
  const firstValueCol = Math.min(...columns);

  const found = new Map<RowPath, number>();
  let previous: RowPath | null = null;
  for (let r = firstData; r < grid.rows.length; r++) {
    const row = grid.rows[r]!;
    const labelCells = distinctCells(row.slice(0, firstValueCol)).filter((c) => c.col < firstValueCol);
    const texts = mapped(labelCells, (c) => c.text).filter((t) => removeSpaces(t) !== '');
    const valueCells = mapped(columns, (c) => row[c] ?? null);
    const anyValue = valueCells.some((g) => g && g.col >= firstValueCol && removeSpaces(g.text) !== '');
    if (texts.length === 0) {
      if (anyValue) ctx.warn('row-unrecognized', `row ${r + 1} of the 申请 table has values but no label; skipped`, 'applications');
      continue;
    }
    const item = labelKey(stripEnumerators(texts[texts.length - 1]!));
    const full = labelKey(texts.join(''));
    let path = matchRow(item, full, previous);
    if (path === null && texts.length > 1) path = matchRow(full, full, previous);
    if (path === 'group') {
      if (anyValue) ctx.warn('row-unrecognized', `the group label row ${JSON.stringify(texts.join(' '))} carries values; they were not read (the template has no subtotal rows)`, 'applications');
      continue;
    }
    if (path === null) {
      ctx.warn('row-unrecognized', `unrecognised row ${JSON.stringify(removeSpaces(texts.join(' ')))} in the 申请 table was skipped`, 'applications');
      continue;
    }
    previous = path;
    const fullPath = `applications.${path}`;
    if (found.has(path)) {
      ctx.warn('row-duplicate', `a second ${fullPath} row (row ${r + 1}) was ignored`, fullPath);
      continue;
    }
    found.set(path, r);
    readRow(row, r, columns, firstValueCol, fullPath, getRow(out, path), ctx);
  }

  const has2021 = OTHER_2021.some((p) => found.has(p));
  const has2019 = found.has('otherHandling.total');
  let layout: '2019' | '2021' | null = null;
  if (has2021) {
    layout = '2021';
    if (has2019) {
      ctx.warn('row-unrecognized', 'the 2021 申请 table also has a single （六）其他处理 row with values; it was not used (otherHandling.total is derived in the 2021 layout)', 'applications.otherHandling.total');
      out.otherHandling.total = emptyRow();
      for (const c of APPLICANT_COLUMNS) ctx.evidence.delete(`applications.otherHandling.total.${c}`);
    }
  } else if (has2019) layout = '2019';
  else ctx.warn('layout-unknown', 'the 申请 table has neither the （六）其他处理 row (2019) nor its three sub-rows (2021)', 'report.layout.applications');

  for (const p of ROW_PATHS) {
    if (found.has(p)) continue;
    if (OTHER_2021.includes(p) && layout !== '2021') continue;
    if (p === 'otherHandling.total' && layout !== '2019') continue;
    ctx.warn('row-missing', `the 申请 table has no row for applications.${p}`, `applications.${p}`);
  }

  if (layout === '2021') {
    const oh = out.otherHandling;
    for (const c of APPLICANT_COLUMNS) {
      const parts = [oh.overdueCorrection[c], oh.unpaidFees[c], oh.other[c]];
      if (parts.every((v): v is number => v !== null)) {
        const total = parts[0]! + parts[1]! + parts[2]!;
        const path = `applications.otherHandling.total.${c}`;
        if (Math.abs(total) > MAX_EXACT) {
          ctx.warn('cell-unreadable', `${path}: the sum of its three rows (${parts.join('+')}) is beyond ±${MAX_EXACT}, the largest number a report can hold exactly; the value is left null (check the source)`, path);
          continue;
        }
        oh.total[c] = total;
        derived.push(path);
        const from = mapped(OTHER_2021, (p) => `applications.${p}.${c}`);
        const ev = mapped(from, (f) => ctx.evidence.get(f)!);
        ctx.evidence.set(path, { page: ev[0]!.page, text: mapped(ev, (e) => e.text.trim()).join('+'), derivedFrom: from });
      }
    }
  }
  return { value: out, layout, derived };
}

function readRow(
  row: (GridCell | null)[],
  r: number,
  columns: number[],
  firstValueCol: number,
  path: string,
  target: Row,
  ctx: Context,
): void {
  const cells = mapped(columns, (c) => row[c] ?? null);
  const missing = cells.filter((g) => g === null || g.col < firstValueCol).length;
  if (missing === cells.length) {
    ctx.warn('row-short', `the row for ${path} (row ${r + 1}) has no value cells`, path);
    return;
  }
  let values: (GridCell | null)[] = cells;
  let realigned = false;
  if (missing > 0) {
    // The cells may all be there but offset from the header columns (a label cell lost or
    // added in this row). Exactly 7 cells after the row's last label: they are the 7 values in
    // order. Any other count: which column is missing is unknown, so nothing is read.
    const all = distinctCells(row);
    let lastLabel = -1;
    all.forEach((g, k) => {
      const t = removeSpaces(g.text);
      if (t !== '' && parseCell(g.text).kind === 'unreadable') lastLabel = k;
    });
    const after = all.slice(lastLabel + 1);
    if (after.length === 7) {
      ctx.warn('row-realigned', `the value cells of ${path} (row ${r + 1}) are offset from the header columns; the 7 cells after its label were read in order`, path);
      values = after;
      realigned = true;
    } else {
      ctx.warn('row-short', `the row for ${path} (row ${r + 1}) has ${after.length} value cells for 7 columns; which column is missing is unknown, so the row was not read`, path);
      return;
    }
  }
  // A filled cell under two applicant columns means the row's cell boundaries do not match the
  // header's: no cell of that row can be attributed with confidence, so none is read.
  const spans = (g: GridCell, i: number) => columns.some((c, j) => j !== i && c >= g.col && c < g.col + g.colSpan);
  if (!realigned && values.some((g, i) => spans(g!, i) && removeSpaces(g!.text) !== '')) {
    ctx.warn('row-short', `the cells of ${path} (row ${r + 1}) do not line up with the 7 applicant columns (a filled cell spans two of them); the row was not read`, path);
    return;
  }
  values.forEach((g, i) => {
    if (!realigned && spans(g!, i)) return; // a blank cell spanning two columns: both null
    target[APPLICANT_COLUMNS[i]!] = ctx.read(`${path}.${APPLICANT_COLUMNS[i]!}`, g!, { integer: true }).value;
  });
}

function getRow(out: Applications, path: RowPath): Row {
  const [a, b] = path.split('.') as [string, string | undefined];
  const first = (out as unknown as Record<string, unknown>)[a];
  return (b ? (first as Record<string, Row>)[b] : first) as Row;
}
