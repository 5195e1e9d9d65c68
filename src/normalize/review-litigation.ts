/**
 * Section 四 (行政复议、行政诉讼): 15 value columns under a 3-row header (templates.md §4).
 * Each value column is attributed by the header cells above it: its group (行政复议 /
 * 未经复议直接起诉 / 复议后起诉) and its outcome (结果维持 … 总计).
 */
import type { ReviewLitigation } from '../schema/canonical.js';
import { emptyReviewLitigation } from '../schema/keys.js';
import type { Context } from './context.js';
import { distinctCells, type Grid, type GridCell } from './grid.js';
import { parseCell } from './numbers.js';
import { labelKey } from './text.js';

type Group = keyof ReviewLitigation;
type Outcome = keyof ReviewLitigation['review'];

const GROUP_ORDER: Group[] = ['review', 'litigationDirect', 'litigationAfterReview'];
const OUTCOME_ORDER: Outcome[] = ['upheld', 'corrected', 'other', 'pending', 'total'];

function groupOf(k: string): Group | 'litigation' | null {
  if (/直接起诉|未经复议/.test(k)) return 'litigationDirect';
  if (/复议后起诉|经复议/.test(k)) return 'litigationAfterReview';
  if (/行政诉讼/.test(k)) return 'litigation';
  if (/行政复议/.test(k)) return 'review';
  return null;
}

function outcomeOf(k: string): Outcome | null {
  if (/维持/.test(k)) return 'upheld';
  if (/纠正/.test(k)) return 'corrected';
  if (/其他/.test(k)) return 'other';
  if (/审结/.test(k)) return 'pending';
  if (/^(总计|合计)$/.test(k)) return 'total';
  return null;
}

function isValueRow(row: (GridCell | null)[]): boolean {
  const cells = distinctCells(row);
  return cells.length > 0 && cells.every((c) => parseCell(c.text).kind !== 'unreadable');
}

export function readReviewLitigation(grid: Grid, ctx: Context): ReviewLitigation {
  const out = emptyReviewLitigation();
  // the value row: the first row after the header whose cells are all numbers or blank
  let headerEnd = -1;
  grid.rows.forEach((row, r) => {
    if (distinctCells(row).some((c) => outcomeOf(labelKey(c.text)) || groupOf(labelKey(c.text)))) headerEnd = r;
  });
  const dataRow = grid.rows.findIndex((row, r) => r > headerEnd && isValueRow(row) && distinctCells(row).length > 0);
  if (headerEnd < 0 || dataRow < 0) {
    ctx.warn(headerEnd < 0 ? 'header-unrecognized' : 'row-missing', headerEnd < 0 ? 'the 复议诉讼 table has no recognisable header' : 'the 复议诉讼 table has no row of values', 'reviewLitigation');
    return out;
  }
  if (grid.rows.slice(dataRow + 1).some((row) => distinctCells(row).some((c) => labelKey(c.text) !== ''))) {
    ctx.warn('row-unrecognized', 'the 复议诉讼 table has more than one row of values; only the first was read', 'reviewLitigation');
  }

  // attribute each grid column from the header cells above the value row
  const attr: { group: Group | null; outcome: Outcome | null }[] = [];
  for (let c = 0; c < grid.width; c++) {
    let group: Group | null = null;
    let outcome: Outcome | null = null;
    for (let r = 0; r <= headerEnd; r++) {
      const g = grid.rows[r]![c];
      if (!g) continue;
      const k = labelKey(g.text);
      const gr = groupOf(k);
      if (gr && gr !== 'litigation') group = gr; // 行政诉讼 alone does not say which kind
      const o = outcomeOf(k);
      if (o && !gr) outcome = o;
    }
    attr.push({ group, outcome });
  }

  const row = grid.rows[dataRow]!;
  const byPosition = grid.width === 15;
  let usedPosition = false;
  const attrAt = (c: number): string | null => {
    let { group, outcome } = attr[c]!;
    if ((!group || !outcome) && byPosition) {
      group = GROUP_ORDER[Math.floor(c / 5)]!;
      outcome = OUTCOME_ORDER[c % 5]!;
      usedPosition = true;
    }
    return group && outcome ? `${group}.${outcome}` : null;
  };
  const seen = new Set<string>();
  for (const cell of distinctCells(row)) {
    // the columns a value cell covers must all be headed by the same group and outcome (a
    // Word grid often has extra columns: a cell spanning two of them under one header is fine)
    const attrs = new Set<string>();
    for (let c = cell.col; c < cell.col + cell.colSpan; c++) {
      const a = attrAt(c);
      if (a) attrs.add(a);
    }
    if (attrs.size === 0) continue;
    if (attrs.size > 1) {
      if (labelKey(cell.text) !== '') {
        ctx.warn('cell-ambiguous', `the cell ${JSON.stringify(cell.text.trim())} spans the columns of ${[...attrs].join(' and ')}; not read`, `reviewLitigation.${[...attrs][0]}`);
      }
      continue;
    }
    const key = [...attrs][0]!;
    const path = `reviewLitigation.${key}`;
    if (seen.has(path)) {
      ctx.warn('cell-ambiguous', `two columns of the 复议诉讼 table are headed ${path}; the second was ignored`, path);
      continue;
    }
    seen.add(path);
    const [group, outcome] = key.split('.') as [Group, Outcome];
    out[group][outcome] = ctx.read(path, cell, { integer: true }).value;
  }
  if (usedPosition) {
    ctx.warn('header-unrecognized', 'some 复议诉讼 column headers could not be read; the template column order was used for them', 'reviewLitigation');
  }
  for (const g of GROUP_ORDER) {
    for (const o of OUTCOME_ORDER) {
      const path = `reviewLitigation.${g}.${o}`;
      if (!seen.has(path)) ctx.warn('cell-missing', `no value cell for ${path}`, path);
    }
  }
  return out;
}
