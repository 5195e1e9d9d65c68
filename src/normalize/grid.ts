/**
 * Expand a model table (rows of origin cells with spans) into a full rectangular grid.
 * A grid position covered by a merged cell points at the same GridCell as its origin, so a
 * row-spanning group label is seen by every row it covers; positions no cell covers are null
 * (a short row: the row ended early).
 */
import type { Cell, Table } from '../model.js';
import type { Message } from '../model.js';

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
}

export interface Grid {
  rows: (GridCell | null)[][];
  width: number;
}

export function expandTable(table: Table, tableIndex: number, messages?: Message[]): Grid {
  const rows: (GridCell | null)[][] = [];
  const ensure = (r: number) => {
    while (rows.length <= r) rows.push([]);
    return rows[r]!;
  };
  let overlaps = 0;
  table.rows.forEach((cells: Cell[], r) => {
    const line = ensure(r);
    let c = 0;
    for (const cell of cells) {
      if (cell.col !== undefined && cell.col >= c) c = cell.col;
      while (line[c] !== undefined && line[c] !== null) c++;
      const rs = Math.max(1, cell.rowSpan | 0);
      const cs = Math.max(1, cell.colSpan | 0);
      const g: GridCell = { text: cell.text, page: cell.page, table: tableIndex, row: r, col: c, rowSpan: rs, colSpan: cs };
      for (let dr = 0; dr < rs; dr++) {
        const target = ensure(r + dr);
        for (let dc = 0; dc < cs; dc++) {
          if (target[c + dc]) overlaps++;
          else target[c + dc] = g;
        }
      }
      c += cs;
    }
  });
  // rows that only exist because a rowSpan ran past the table end are dropped
  while (rows.length > table.rows.length) rows.pop();
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  for (const r of rows) {
    for (let c = 0; c < width; c++) if (r[c] === undefined) r[c] = null;
  }
  if (overlaps && messages) {
    messages.push({
      code: 'table-overlapping-cells',
      message: `a table has ${overlaps} grid position(s) claimed by two merged cells; the first cell was kept`,
      path: null,
    });
  }
  return { rows, width };
}

/** The distinct cells of a grid row, left to right (a merged cell appears once). */
export function distinctCells(row: (GridCell | null)[]): GridCell[] {
  const out: GridCell[] = [];
  for (const g of row) if (g && out[out.length - 1] !== g) out.push(g);
  return out;
}

/** Concatenate several grids vertically (a logical table split into several physical ones). */
export function stackGrids(grids: Grid[]): Grid {
  const width = grids.reduce((w, g) => Math.max(w, g.width), 0);
  const rows: (GridCell | null)[][] = [];
  for (const g of grids) {
    for (const r of g.rows) rows.push(Array.from({ length: width }, (_, c) => r[c] ?? null));
  }
  return { rows, width };
}
