/**
 * Join the physical parts of one logical table (split at a page break, or printed as several
 * small tables) into one grid, format-neutrally:
 * - header rows a continuation repeats are dropped when every label sits in the same grid
 *   column as in the first part's header; a repeated header that does not line up leaves the
 *   whole continuation unread, with a `table-continuation-misaligned` warning (never shifted);
 * - a continuation that repeats a data row the table already has is a duplicate, not a part
 *   (no row is counted twice);
 * - §三 rows cut from the group labels that span down to them in the previous part (三、本年度
 *   办理结果, （三）不予公开 …) get those label cells back, when the row's own cells end exactly
 *   at the table's last column and the label cells end exactly where the row's cells begin.
 */
import type { Message } from '../model.js';
import { distinctCells, stackGrids, type Grid, type GridCell } from './grid.js';
import { parseCell } from './numbers.js';
import type { TableKind } from './tables.js';
import { labelKey, removeSpaces, stripEnumerators } from './text.js';
import { mapped } from '../arrays.js';

type Row = (GridCell | null)[];

const APP_HEADER = /^(本列数据|申请人情况|自然人|法人或其他组织|商业企业|科研机构|社会公益组织|法律服务机构)/;
const REVIEW_HEADER = /行政复议|行政诉讼|维持|纠正|其他结果|审结|起诉|^(总计|合计)$/;
const ACTIVE_HEADER = /^(信息内容|第二十条|第?[一二三四五六七八九十]+项$)/;

const isNumberish = (g: GridCell) => {
  const k = parseCell(g.text).kind;
  return k !== 'unreadable';
};

const isLabel = (g: GridCell) => removeSpaces(g.text) !== '' && !isNumberish(g);

/** The column labels whose grid columns a repeated header must keep. */
const COLUMN_LABEL: Record<TableKind, RegExp> = {
  applications: /^(申请人情况|自然人|法人或其他组织|商业企业|科研机构|社会公益组织|法律服务机构|其他|总计|合计)$/,
  reviewLitigation: REVIEW_HEADER,
  activeDisclosure: /^信息内容$/,
};

/** A header row of the kind: labels only, at least one of them a column label of the kind. */
function isHeaderRow(kind: TableKind, row: Row): boolean {
  const cells = distinctCells(row);
  const keys = mapped(cells, (c) => labelKey(c.text)).filter((k) => k !== '');
  if (keys.length === 0) return false;
  if (kind === 'applications')
    return (keys.some((k) => APP_HEADER.test(k)) || isCaptionRow(cells, APP_CAPTION)) && !keys.some((k) => /本年新收|上年结转/.test(k));
  if (kind === 'reviewLitigation') return cells.every((c) => labelKey(c.text) === '' || !isNumberish(c)) && keys.some((k) => REVIEW_HEADER.test(k));
  return keys.some((k) => ACTIVE_HEADER.test(k));
}

/** The table's title in a caption row inside the table ("三、收到和处理政府信息公开申请情况", "表2 …申请情况 单位：件"). */
const APP_CAPTION = /收到和处理政府信息公开申请/;

/** A caption row: one label cell (spanning the row), naming the table. */
function isCaptionRow(cells: GridCell[], title: RegExp): boolean {
  const filled = cells.filter((c) => removeSpaces(c.text) !== '');
  return filled.length === 1 && isLabel(filled[0]!) && title.test(labelKey(filled[0]!.text));
}

/** What a data row is about: its last label, or `#values` for a row of numbers only. */
function signature(row: Row): string | null {
  const cells = distinctCells(row);
  const labels = cells.filter((c) => removeSpaces(c.text) !== '' && !isNumberish(c));
  if (labels.length === 0) return cells.some((c) => parseCell(c.text).kind === 'number') ? '#values' : null;
  const k = labelKey(stripEnumerators(labels[labels.length - 1]!.text));
  return k === '' || ACTIVE_HEADER.test(k) ? null : k;
}

/** The label keys of the header rows, per grid column. */
function headerLabels(kind: TableKind, rows: Row[], width: number): Set<string>[] {
  const out = Array.from({ length: width }, () => new Set<string>());
  for (const row of rows) {
    row.forEach((g, c) => {
      const k = g ? labelKey(g.text) : '';
      if (COLUMN_LABEL[kind].test(k) && c < width) out[c]!.add(k);
    });
  }
  return out;
}

function extent(row: Row): number {
  for (let c = row.length - 1; c >= 0; c--) if (row[c]) return c + 1;
  return 0;
}

/**
 * Give §三 rows cut from their spanning group labels those labels back. Returns null when a
 * merged cell of the continuation would need two different shifts (nothing is changed then).
 */
function carryLabels(prev: Row | undefined, rows: Row[], width: number, labelCols: number): Row[] | null {
  const moved = new Map<GridCell, GridCell>();
  const shiftOf = new Map<GridCell, number>();
  const out: Row[] = [];
  let above = prev;
  for (const row of rows) {
    const e = extent(row);
    let k = width - e;
    const carried = above ? above.slice(0, Math.max(k, 0)) : [];
    const cut = carried[k - 1];
    // the row's own label cells must end where the value columns begin once the carried
    // labels are in front of them: its values then sit exactly under the value columns
    const labelEnd = Math.max(0, ...mapped(distinctCells(row).filter(isLabel), (g) => g.col + g.colSpan));
    const fits =
      e > 0 && k > 0 && k < labelCols && row[0] !== null && labelEnd > 0 && labelEnd + k === labelCols &&
      cut !== undefined && cut !== null && cut.col + cut.colSpan === k &&
      carried.every((g) => g && g.col + g.colSpan <= k && isLabel(g));
    if (!fits) k = 0;
    for (const g of row) {
      if (!g) continue;
      if (shiftOf.has(g) && shiftOf.get(g) !== k) return null;
      shiftOf.set(g, k);
    }
    let next: Row = row;
    if (k > 0) {
      next = [...carried];
      for (const g of row.slice(0, e)) {
        if (!g) {
          next.push(null);
          continue;
        }
        let m = moved.get(g);
        if (!m) moved.set(g, (m = { ...g, col: g.col + k }));
        next.push(m);
      }
    }
    out.push(next);
    above = next;
  }
  return out;
}

export interface JoinPart {
  grid: Grid;
  /** 0-based index of the physical table among the document's tables (for messages). */
  index: number;
}

/** Join the parts of one logical table of `kind`; problems are reported in `messages`. */
export function joinParts(kind: TableKind, parts: JoinPart[], messages: Message[]): Grid {
  if (parts.length === 1) return parts[0]!.grid;
  const first = parts[0]!.grid;
  const width = parts.reduce((w, p) => Math.max(w, p.grid.width), 0);
  let headerEnd = 0;
  while (headerEnd < first.rows.length && isHeaderRow(kind, first.rows[headerEnd]!)) headerEnd++;
  const header = headerLabels(kind, first.rows.slice(0, headerEnd), width);
  const labelCols = (() => {
    for (const row of first.rows.slice(0, headerEnd)) {
      const g = row.find((x) => x && labelKey(x.text) === '自然人');
      if (g) return g.col;
    }
    return width - 7;
  })();

  const seen = new Set<string>();
  for (const row of first.rows) {
    const s = signature(row);
    if (s && !isHeaderRow(kind, row)) seen.add(s);
  }
  const kept: Grid[] = [first];
  for (const part of parts.slice(1)) {
    let rows = part.grid.rows;
    if (kind !== 'activeDisclosure') {
      let h = 0;
      while (h < rows.length && isHeaderRow(kind, rows[h]!)) h++;
      if (h > 0) {
        // every column label of the repeated header must sit in the grid column it has in the
        // first part's header (other text, such as the corner cell, may differ)
        const again = headerLabels(kind, rows.slice(0, h), width);
        const aligned = headerEnd > 0 && again.some((ks) => ks.size > 0) && again.every((ks, c) => [...ks].every((k) => header[c]!.has(k)));
        if (!aligned) {
          messages.push({
            code: 'table-continuation-misaligned',
            message: `table ${part.index + 1} continues the ${kind} table but its repeated header does not line up with the first part's columns; its rows were not read`,
            path: kind,
          });
          continue;
        }
        rows = rows.slice(h);
      }
    }
    const sigs = mapped(rows.filter((r) => !isHeaderRow(kind, r)), signature).filter((s): s is string => s !== null);
    const twice = sigs.filter((s) => seen.has(s));
    if (twice.length > 0) {
      messages.push({
        code: 'table-duplicate',
        message: `table ${part.index + 1} repeats ${twice.length} row(s) of the ${kind} table already read (${JSON.stringify(twice[0])}); it was ignored`,
        path: kind,
      });
      continue;
    }
    sigs.forEach((s) => seen.add(s));
    if (kind === 'applications' && labelCols > 0) {
      const prevGrid = kept[kept.length - 1]!;
      const carried = carryLabels(prevGrid.rows[prevGrid.rows.length - 1], rows, width, labelCols);
      if (carried) rows = carried;
    }
    kept.push({ rows, width: Math.max(part.grid.width, ...mapped(rows, extent)) });
  }
  return stackGrids(kept, messages);
}
