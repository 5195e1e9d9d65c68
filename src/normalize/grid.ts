/**
 * Expand a model table (rows of origin cells with spans) into a full rectangular grid.
 * A grid position covered by a merged cell points at the same GridCell as its origin, so a
 * row-spanning group label is seen by every row it covers; positions no cell covers are null
 * (a short row: the row ended early).
 */
import { LIMITS, type Cell, type Message, type Table } from '../model.js';

export interface GridCell {
  text: string;
  page: number | null;
  /** 0-based index of the physical table (among the document's tables) the cell belongs to. */
  table: number;
  /** Origin position and extent in the grid. */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** OCR only: the recognition's confidence in the text (0–1). */
  confidence?: number;
}

export interface Grid {
  rows: (GridCell | null)[][];
  width: number;
}

/** A size from the model as a whole number, or `dflt` when it is not a finite number. */
function whole(v: number | undefined, dflt: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : dflt;
}

/**
 * The spans and positions of the model are not trusted: a grid is at most LIMITS.maxTableColumns
 * wide and LIMITS.maxGridSlots large, a span never reaches past the table's last row or last
 * allowed column, and a cell that cannot be placed is dropped; each is reported in `messages`.
 */
export function expandTable(table: Table, tableIndex: number, messages?: Message[]): Grid {
  const maxCols = LIMITS.maxTableColumns;
  const rows: (GridCell | null)[][] = [];
  const ensure = (r: number) => {
    while (rows.length <= r) rows.push([]);
    return rows[r]!;
  };
  let overlaps = 0;
  let clamped = 0;
  let droppedCells = 0;
  /** Grid positions visited while placing merged cells (bounds the work, overlaps included). */
  let work = 0;
  const maxWork = 4 * LIMITS.maxGridSlots;
  let rowLimit = table.rows.length;
  let width = 0;
  for (let r = 0; r < rowLimit; r++) {
    // the grid must stay within maxGridSlots positions, whatever its rows turn out to hold
    if ((r + 1) * Math.max(width, 1) > LIMITS.maxGridSlots || work > maxWork) {
      rowLimit = r;
      break;
    }
    const cells: Cell[] = table.rows[r] ?? [];
    const line = ensure(r);
    let c = 0;
    for (const cell of cells) {
      const col = whole(cell.col, -1);
      if (cell.col !== undefined && col >= c) c = col;
      while (c < maxCols && line[c] !== undefined && line[c] !== null) c++;
      if (c >= maxCols || work > maxWork) {
        droppedCells++;
        continue;
      }
      const wantRs = Math.max(1, whole(cell.rowSpan, 0));
      const wantCs = Math.max(1, whole(cell.colSpan, 0));
      // a row span past the table end covers rows that are dropped anyway
      const rs = Math.min(wantRs, rowLimit - r);
      const cs = Math.min(wantCs, maxCols - c);
      if (cs < wantCs) clamped++;
      const g: GridCell = { text: cell.text, page: cell.page, table: tableIndex, row: r, col: c, rowSpan: rs, colSpan: cs };
      if (typeof cell.confidence === 'number' && Number.isFinite(cell.confidence)) g.confidence = Math.min(1, Math.max(0, cell.confidence));
      for (let dr = 0; dr < rs; dr++) {
        const target = ensure(r + dr);
        for (let dc = 0; dc < cs; dc++) {
          if (target[c + dc]) overlaps++;
          else target[c + dc] = g;
        }
      }
      work += rs * cs;
      c += cs;
    }
    width = Math.max(width, line.length);
  }
  // rows that only exist because a rowSpan ran past the table end are dropped
  while (rows.length > rowLimit) rows.pop();
  width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  // a wide row late in the table may still push the grid past its size limit
  if (width > 0 && rows.length * width > LIMITS.maxGridSlots) rows.length = Math.floor(LIMITS.maxGridSlots / width);
  const droppedRows = table.rows.length - rows.length;
  for (const r of rows) {
    for (let c = 0; c < width; c++) if (r[c] === undefined) r[c] = null;
  }
  if (messages) {
    if (overlaps) {
      messages.push({
        code: 'table-overlapping-cells',
        message: `a table has ${overlaps} grid position(s) claimed by two merged cells; the first cell was kept`,
        path: null,
      });
    }
    if (clamped) {
      messages.push({
        code: 'table-span-clamped',
        message: `table ${tableIndex + 1} has ${clamped} merged cell(s) wider than the ${maxCols} grid columns a table may have; they were cut at the last column`,
        path: null,
      });
    }
    if (droppedCells || droppedRows) {
      messages.push({
        code: 'table-too-large',
        message: `table ${tableIndex + 1} is larger than a table may be (${maxCols} grid columns, ${LIMITS.maxGridSlots} grid positions): ${droppedRows} row(s) and ${droppedCells} cell(s) beyond that were ignored`,
        path: null,
      });
    }
  }
  return { rows, width };
}

/** The distinct cells of a grid row, left to right (a merged cell appears once). */
export function distinctCells(row: (GridCell | null)[]): GridCell[] {
  const out: GridCell[] = [];
  for (const g of row) if (g && out[out.length - 1] !== g) out.push(g);
  return out;
}

/**
 * Concatenate several grids vertically (a logical table split into several physical ones).
 * Rows past LIMITS.maxGridSlots positions are left out (and reported in `messages`, if given).
 */
export function stackGrids(grids: Grid[], messages?: Message[]): Grid {
  const width = grids.reduce((w, g) => Math.max(w, g.width), 0);
  const maxRows = width > 0 ? Math.floor(LIMITS.maxGridSlots / width) : Infinity;
  const rows: (GridCell | null)[][] = [];
  let dropped = 0;
  for (const g of grids) {
    for (const r of g.rows) {
      if (rows.length >= maxRows) dropped++;
      else rows.push(Array.from({ length: width }, (_, c) => r[c] ?? null));
    }
  }
  if (dropped && messages) {
    messages.push({
      code: 'table-too-large',
      message: `a table split into ${grids.length} parts has more than ${LIMITS.maxGridSlots} grid positions; its last ${dropped} row(s) were ignored`,
      path: null,
    });
  }
  return { rows, width };
}
