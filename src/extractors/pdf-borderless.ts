/**
 * Tables drawn without ruling lines (e.g. a Word table without borders exported by LibreOffice),
 * rebuilt from text positions. Conservative by design: numbers must never land in the wrong cell.
 *
 *  1. Value lines: lines whose right part is a sequence of numbers separated by wide gaps
 *     ("一、本年新收…  441  255  102 …", or only the numbers when the row label wraps around them).
 *  2. A block of value lines close to each other defines the value columns: the x-extents of its
 *     numbers, merged where they overlap (every number of a column overlaps the others whatever
 *     the alignment; numbers of neighbouring columns never do). A line with two numbers in one
 *     column, or a number outside the columns, rejects the block: its text stays paragraphs.
 *  3. Rows: one per value line. The other lines between them (wrapped labels, the characters of a
 *     tall group label) go to the nearest value line; a line about equally near two of them goes
 *     to the one about whose value line it has a mirror image among that row's label lines (cell
 *     text is centred vertically: a label wrapped around its values is symmetric), else it is
 *     left out (warning). Lines above the first value line are the header, one grid row each; a
 *     header word over one value column is a cell of that column, a wider one spans the columns it
 *     covers; a caption is one piece centred on the table or on the page's text column (a table as
 *     wide as the column, its numbers in its left part); a header word of one value column with
 *     nothing above or below it in that column (centred beside wrapped neighbours) spans the empty
 *     header rows. A value may carry its unit ("251000元"); an item's number ("5.") starting a
 *     label that reaches near the values is no number. A lone line of one or two numbers is a row
 *     only with its label wrapped around it and a header above (§二 政府集中采购). Label lines at the very top of a page, with no header,
 *     continue a table from the previous page (pdf-tables.ts joins the parts). A table whose first
 *     lines are at the foot of one page and its rows on the next is found by pdf.ts giving both
 *     pages' lines at once (`pageOf` says each line's page, so each cell's).
 *  4. Label cells: in each row the label text nearest the values is the row's own label (the item);
 *     label text left of it, not overlapping it, belongs to group labels (三、本年度办理结果,
 *     （三）不予公开), which get their own columns, merged down over consecutive rows.
 */
import type { Line, Run } from './pdf-text.js';
import { isCjk } from './pdf-text.js';
import { isNumericText, joinCellLines, positions, type GridCell, type PageTable } from './pdf-tables.js';
import { flatMapped, mapped } from '../arrays.js';

export interface BorderlessResult {
  table: PageTable;
  /** Lines the table consumed (they are not paragraphs any more). */
  lines: Line[];
  /** Of those, the header lines (one grid row each), top to bottom. */
  headerLines: Line[];
  /** Notes on what could not be placed with certainty. */
  notes: string[];
}

interface Piece {
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  size: number;
  /** OCR only: the least confidence of its runs. */
  confidence?: number;
}

const PLACEHOLDER = /^(?:[-—–－/／\\]+|无)$/u;
/** A number with its unit written in the cell ("251000元", "0.85万元", "12%"). */
const WITH_UNIT = /^[\d０-９][\d０-９,，.．]*\s*(?:万元|亿元|元|件|个|项|条|次|人次|家|%|％)$/u;
/** An item's number at the start of a label ("5.要求行政机关…"): no value. */
const ITEM_NUMBER = /^\s*[\d０-９]{1,2}\s*[.．、]\s*(?=\D)/u;
const isValueText = (t: string): boolean => isNumericText(t) || WITH_UNIT.test(t);
const SECTION_HEADING = /^\s*[一二三四五六七八九十]+、/u;

/** A line cut into pieces at gaps of at least 1 em. */
function piecesOf(line: Line, minGap = 1): Piece[] {
  const out: Piece[] = [];
  let cur: Run[] = [];
  const flush = () => {
    if (cur.length === 0) return;
    let text = '';
    for (const r of cur) {
      const last = Array.from(text).pop();
      text += text === '' || isCjk(last) || isCjk(r.text[0]) ? r.text : ` ${r.text}`;
    }
    out.push({
      text,
      x0: Math.min(...mapped(cur, (r) => r.x0)),
      x1: Math.max(...mapped(cur, (r) => r.x1)),
      top: Math.min(...mapped(cur, (r) => r.top)),
      bottom: Math.max(...mapped(cur, (r) => r.bottom)),
      size: Math.max(...mapped(cur, (r) => r.size)),
      ...(cur.some((r) => r.confidence !== undefined) ? { confidence: Math.min(...mapped(cur, (r) => r.confidence ?? 1)) } : {}),
    });
    cur = [];
  };
  let prev: Run | null = null;
  for (const r of line.runs) {
    const gap = prev ? r.x0 - prev.x1 : 0;
    const em = prev ? Math.min(prev.size, r.size) : 0;
    // a number never runs on into the text of a neighbouring cell: cells of a browser table are
    // apart by their padding only (less than 1 em), a space is about 0.3 em
    if (prev && (gap >= minGap * em || (gap >= 0.5 * em && (isNumericText(prev.text) || isNumericText(r.text))))) flush();
    cur.push(r);
    prev = r;
  }
  flush();
  return out;
}

interface ValueLine {
  index: number;
  line: Line;
  labels: Piece[];
  values: Piece[];
}

/** The line as a value line (labels, then numbers separated by wide gaps), or null. */
function asValueLine(line: Line, index: number): ValueLine | null {
  const pieces = piecesOf(line);
  const firstNum = pieces.findIndex((p) => isValueText(p.text));
  if (firstNum < 0) return null;
  const labels = pieces.slice(0, firstNum);
  const values = pieces.slice(firstNum);
  if (!values.every((p) => isValueText(p.text) || PLACEHOLDER.test(p.text))) return null;
  const numbers = values.filter((p) => isValueText(p.text)).length;
  if (labels.length === 0 ? numbers < 2 : numbers < 1) return null;
  const lastLabel = labels[labels.length - 1];
  const em = line.size;
  // (a label cell's text may end just before the first value column: a browser's cells are apart
  // by their padding only; a line with a number at its end after a short gap is a value line only
  // with at least two numbers)
  const gap = lastLabel ? (values[0] as Piece).x0 - lastLabel.x1 : Infinity;
  if (lastLabel && gap < 2 * em && (gap < 0.5 * em || numbers < 2)) return null;
  return { index, line, labels, values };
}

/** Connected x-intervals (pieces overlapping or nearly touching) → sorted column extents. */
function columnsOf(pieces: Piece[], slack: number): { x0: number; x1: number }[] {
  const sorted = [...pieces].sort((p, q) => p.x0 - q.x0);
  const cols: { x0: number; x1: number }[] = [];
  for (const p of sorted) {
    const last = cols[cols.length - 1];
    if (last && p.x0 <= last.x1 + slack) last.x1 = Math.max(last.x1, p.x1);
    else cols.push({ x0: p.x0, x1: p.x1 });
  }
  return cols;
}

/** The row's own label: the label piece nearest the values and the pieces overlapping it (wrapped lines). */
function itemOf(ps: Piece[]): Piece[] {
  const maxRight = ps.reduce((m, p) => (p.x1 > m.x1 ? p : m));
  const item = new Set<Piece>([maxRight]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of ps) {
      if (item.has(p)) continue;
      if ([...item].some((q) => p.x0 < q.x1 && p.x1 > q.x0)) {
        item.add(p);
        grew = true;
      }
    }
  }
  return [...item];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((p, q) => p - q);
  return s.length === 0 ? 0 : (s[Math.floor((s.length - 1) / 2)] as number);
};

/**
 * Find tables without rulings among a page's text lines (sorted top to bottom, outside ruled
 * tables). Returns the tables and the lines they consumed, plus notes for warnings.
 */
export function findBorderless(lines: Line[], page: number, pageOf: (l: Line) => number = () => page): { tables: BorderlessResult[]; rejected: number } {
  const valueAt = mapped(lines, (l, i) => asValueLine(l, i));
  // the page's text column (a table as wide as it centres its caption there)
  const column = { x0: Math.min(...mapped(lines, (l) => l.x0)), x1: Math.max(...mapped(lines, (l) => l.x1)) };
  const tables: BorderlessResult[] = [];
  let rejected = 0;
  const used = new Set<number>();
  let i = 0;
  while (i < lines.length) {
    const first = valueAt[i];
    if (!first || used.has(i)) {
      i++;
      continue;
    }
    // a block: value lines no further apart than 6 em (a row with a label wrapped on 3 lines)
    const block: ValueLine[] = [first];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const v = valueAt[j];
      const last = block[block.length - 1] as ValueLine;
      if (lines[j]!.top - last.line.bottom > 6 * last.line.size) break;
      if (v) {
        block.push(v);
        continue;
      }
      const l = lines[j] as Line;
      // a heading, or a line reaching into the value columns (the header of the next table)
      if (SECTION_HEADING.test(l.text) && l.size > 1.15 * last.line.size) break;
      const valuesLeft = Math.min(...flatMapped(block, (b) => mapped(b.values, (p) => p.x0)));
      if (l.x1 > valuesLeft) break;
    }
    const lastIndex = (block[block.length - 1] as ValueLine).index;
    const result = buildTable(lines, block, used, pageOf, column);
    if (result === 'reject') {
      // two or more value lines that look like a table but could not be cut into cells safely
      if (block.length >= 2) rejected++;
      i = lastIndex + 1;
      continue;
    }
    if (result) {
      tables.push(result);
      for (const l of result.lines) used.add(lines.indexOf(l));
    }
    i = lastIndex + 1;
  }
  return { tables, rejected };
}

/**
 * (pageOf: the page of a line; the lines of a table whose header is at the foot of one page and
 * whose rows are on the next are given as one list, each cell then says its own page)
 */
function buildTable(
  lines: Line[],
  block: ValueLine[],
  used: Set<number>,
  pageOf: (l: Line) => number,
  column: { x0: number; x1: number },
): BorderlessResult | null | 'reject' {
  const em = median(mapped(block, (v) => v.line.size));
  // ---- value columns
  const numbers = flatMapped(block, (v) => v.values);
  const cols = columnsOf(numbers, 0.3 * em);
  // a lone line of fewer than 3 numbers is a table row only with its label wrapped around it
  // (checked below, once the label lines are known)
  const loneShort = block.length === 1 && block[0]!.labels.length === 0 && block[0]!.values.length < 3;
  // each value line: at most one piece per column
  for (const v of block) {
    const seen = new Set<number>();
    for (const p of v.values) {
      const k = cols.findIndex((c) => p.x0 >= c.x0 - 0.01 && p.x1 <= c.x1 + 0.01);
      if (k < 0 || seen.has(k)) return 'reject';
      seen.add(k);
    }
  }
  let labelRight = Math.max(-Infinity, ...flatMapped(block, (v) => mapped(v.labels, (p) => p.x1)));
  if (!Number.isFinite(labelRight)) {
    // no label on any value line: the right edge of label lines wrapped around them (the lines
    // just above and below a value line, ending well left of the first value column)
    const x0 = (cols[0] as { x0: number }).x0;
    for (const v of block)
      for (const k of [v.index - 1, v.index + 1]) {
        const l = lines[k];
        if (!l || block.some((b) => b.index === k) || Math.abs(l.size - em) > 0.25 * em) continue;
        if (l.x1 < x0 - 0.5 * em && Math.abs((l.top + l.bottom) / 2 - (v.line.top + v.line.bottom) / 2) <= 1.5 * em) labelRight = Math.max(labelRight, l.x1);
      }
  }
  if (labelRight > (cols[0] as { x0: number }).x0 - 0.5 * em) return 'reject';
  // boundaries: label area | value column 0 | value column 1 | …
  const bounds: number[] = [];
  bounds.push(Number.isFinite(labelRight) ? (labelRight + (cols[0] as { x0: number }).x0) / 2 : (cols[0] as { x0: number }).x0 - em);
  for (let k = 1; k < cols.length; k++) bounds.push(((cols[k - 1] as { x1: number }).x1 + (cols[k] as { x0: number }).x0) / 2);
  bounds.push((cols[cols.length - 1] as { x1: number }).x1 + em);
  const valueCol = (x: number): number => {
    if (x < (bounds[0] as number)) return -1;
    for (let k = 0; k < cols.length; k++) if (x < (bounds[k + 1] as number)) return k;
    return cols.length - 1;
  };

  // ---- the table's lines: header lines above the first value line, lines between the value
  // lines, wrapped label lines just below the last one
  const firstIdx = block[0]!.index;
  const lastIdx = block[block.length - 1]!.index;
  const anchors = mapped(block, (v) => (v.line.top + v.line.bottom) / 2);
  const pitch = anchors.length > 1 ? median(mapped(anchors.slice(1), (a, k) => a - (anchors[k] as number))) : 2.5 * em;
  const left = Math.min(...flatMapped(block, (v) => mapped([...v.labels, ...v.values], (p) => p.x0)));
  const right = (bounds[bounds.length - 1] as number) + em;
  // (value lines without any label text on them: their labels are wrapped around them, and may
  // reach as far left as the label column goes)
  const reach = block.every((v) => v.labels.length === 0) ? Infinity : 3 * em;
  // (a header line of pieces apart in the label area and the value area may start further left:
  // a browser centres text in a wide label column; a paragraph line is one piece)
  const splitAtEdge = (l: Line) => {
    const ps = piecesOf(l);
    const x0 = (cols[0] as { x0: number }).x0;
    return ps.length >= 2 && (ps[0] as Piece).x1 <= x0 && (ps[ps.length - 1] as Piece).x0 >= x0 - em;
  };
  // (a header word centred on a value column may be wider than the column's numbers: it may
  // reach past the table's right edge as the numbers give it)
  const centredOnColumn = (l: Line) => {
    const last = piecesOf(l, 0.45).pop() as Piece;
    const c = (last.x0 + last.x1) / 2;
    return cols.some((k) => Math.abs((k.x0 + k.x1) / 2 - c) <= em) && l.runs.every((r) => r.x1 <= last.x1);
  };
  const shape = (l: Line) =>
    (l.runs.every((r) => r.x1 <= right + em) || centredOnColumn(l)) &&
    (l.runs.every((r) => r.x0 >= left - reach) || splitAtEdge(l)) &&
    Math.abs(l.size - em) <= 0.25 * em &&
    !asValueLine(l, -1);
  const tableLike = (l: Line) => shape(l) && !SECTION_HEADING.test(l.text);
  // The first line of a row label wrapped around its values ("一、本年新收政府信息公开申请数" over
  // "量"): numbered like a section heading, but in the label area, the table's size, and close above
  // the first value line.
  const wrappedFirstLabel = (l: Line) =>
    shape(l) && l.x1 <= (bounds[0] as number) + 0.01 && (anchors[0] as number) - (l.top + l.bottom) / 2 <= 0.6 * pitch;
  let top = firstIdx;
  while (top - 1 >= 0 && !used.has(top - 1) && firstIdx - top < 10) {
    const l = lines[top - 1] as Line;
    const below = lines[top] as Line;
    if (!(tableLike(l) || (top === firstIdx && block.length > 1 && wrappedFirstLabel(l))) || below.top - l.bottom > 2 * em) break;
    top--;
  }
  // the header starts with a line that reaches into the value columns (a paragraph introducing
  // the table sits in the label area only) — unless they are the first lines of the page and no
  // header follows them: then they are the tail of a label cut by a page break, or the first lines
  // of the first row's wrapped label, of a table continued from the previous page
  const continued = top === 0 && lines.slice(0, firstIdx).every((l) => l.x1 <= (bounds[0] as number));
  if (!continued) while (top < firstIdx && (lines[top] as Line).x1 <= (bounds[0] as number)) top++;
  let bottom = lastIdx;
  while (bottom + 1 < lines.length && !used.has(bottom + 1)) {
    const l = lines[bottom + 1] as Line;
    const mid = (l.top + l.bottom) / 2;
    if (!tableLike(l) || mid - (anchors[anchors.length - 1] as number) > 0.6 * pitch) break;
    if (l.runs.some((r) => r.x1 > (bounds[0] as number))) break; // only wrapped labels below
    bottom++;
  }

  // lines above the first value line: its wrapped label when near and in the label area,
  // otherwise header
  const headerLines: Line[] = [];
  const rowLines: { line: Line; row: number }[] = [];
  const ambiguousLines: Line[] = [];
  const pending: { line: Line; rows: number[] }[] = [];
  const notes: string[] = [];
  // label text: left of the label area's edge, or a label (no number) starting left of it and
  // ending before the first value column (a browser centres a long label in a wide label cell)
  const inLabels = (p: { x0: number; x1: number; text: string }) =>
    p.x1 <= (bounds[0] as number) + 0.01 ||
    (p.x0 < (bounds[0] as number) - em && p.x1 < (cols[0] as { x0: number }).x0 - 0.25 * em && !/[\d０-９]/u.test(p.text.replace(ITEM_NUMBER, '')));
  const labelOnly = (l: Line) => piecesOf(l).every(inLabels);
  // a label-only line above the first value line with its mirror image about that value line
  // below it, before the next value line: a label wrapped around its values (see `mirrored`)
  const mirroredBelow = (l: Line): boolean => {
    const at = 2 * (anchors[0] as number) - (l.top + l.bottom) / 2;
    const next = block[1]?.index ?? bottom + 1;
    for (let k = firstIdx + 1; k < next && k <= bottom; k++) {
      const x = lines[k] as Line;
      if (labelOnly(x) && Math.abs((x.top + x.bottom) / 2 - at) <= 0.3 * em && x.x0 < l.x1 && x.x1 > l.x0) return true;
    }
    return false;
  };
  for (let k = top; k <= bottom; k++) {
    const l = lines[k] as Line;
    const vIdx = block.findIndex((v) => v.index === k);
    if (vIdx >= 0) continue;
    const mid = (l.top + l.bottom) / 2;
    if (k < firstIdx && !(labelOnly(l) && (((anchors[0] as number) - mid <= 0.6 * pitch && block.length > 1) || mirroredBelow(l)))) {
      headerLines.push(l);
      continue;
    }
    // nearest value line
    const dist = mapped(anchors, (a) => Math.abs(a - mid));
    const order = mapped(dist, (d, n) => [d, n] as const).sort((p, q) => p[0] - q[0]);
    const [d0, n0] = order[0] as readonly [number, number];
    const d1 = order[1]?.[0] ?? Infinity;
    if (l.runs.some((r) => isNumericText(r.text) && r.x1 > (bounds[0] as number))) return 'reject';
    if (d1 - d0 < 0.15 * pitch) {
      pending.push({ line: l, rows: [n0, order[1]?.[1] as number] });
      continue;
    }
    rowLines.push({ line: l, row: n0 });
  }
  // Lines about equally near two rows. Harmless when part of a group label (entirely left of
  // both rows' own label text): they go to the nearer row. Otherwise they are left out.
  const itemLeft = (n: number): number => {
    const ps = [...(block[n] as ValueLine).labels, ...flatMapped(rowLines.filter((x) => x.row === n), (x) => piecesOf(x.line))].filter(
      inLabels,
    );
    if (ps.length === 0) return -Infinity;
    const item = itemOf(ps);
    return Math.min(...mapped(item, (p) => p.x0));
  };
  // A label centred on its values (LibreOffice and Word centre cell text vertically) has its lines
  // in pairs mirrored about the value line: a line as near one row as the next is that row's
  // when its mirror image about that row's value line is a label line of that row (or as
  // undecided as itself), and the mirror about the other row's value line is not.
  const lastLabel = (l: Line): Piece | null => {
    const ps = piecesOf(l).filter(inLabels);
    return ps.length === 0 ? null : ps.reduce((m, p) => (p.x1 > m.x1 ? p : m));
  };
  const mirrored = (l: Line, row: number): boolean => {
    const at = 2 * (anchors[row] as number) - (l.top + l.bottom) / 2;
    const own = lastLabel(l);
    if (!own) return false;
    const near = (x: Line) => {
      const p = lastLabel(x);
      return Math.abs((x.top + x.bottom) / 2 - at) <= 0.3 * em && p !== null && p.x0 < own.x1 && p.x1 > own.x0;
    };
    return (
      rowLines.some((x) => x.row === row && near(x.line)) || pending.some((x) => x.line !== l && x.rows.includes(row) && near(x.line))
    );
  };
  const byMirror = mapped(pending, ({ line: l, rows }) => {
    const ok = rows.filter((r) => mirrored(l, r));
    return ok.length === 1 ? (ok[0] as number) : null;
  });
  for (const [k, { line: l, rows }] of pending.entries()) {
    const mirror = byMirror[k];
    if (mirror !== null && mirror !== undefined) {
      rowLines.push({ line: l, row: mirror });
      continue;
    }
    const own = mapped(rows, itemLeft);
    if (own.some((x) => !Number.isFinite(x)) || l.x1 > Math.min(...own)) {
      notes.push(`"${l.text}" lies between two rows and was left out`);
      ambiguousLines.push(l);
    } else rowLines.push({ line: l, row: rows[0] as number });
  }

  // ---- label pieces per data row: the item (nearest the values) and group fragments
  interface Frag {
    piece: Piece;
    row: number;
  }
  const rowLabelPieces: Piece[][] = mapped(block, (v) => [...v.labels]);
  for (const { line, row } of rowLines) {
    for (const p of piecesOf(line)) {
      if (inLabels(p)) (rowLabelPieces[row] as Piece[]).push(p);
      else {
        // non-numeric text in the value area between rows (a wrapped header-like note): left out
        notes.push(`"${p.text}" in the value area between rows was left out`);
      }
    }
  }
  const items: Piece[][] = [];
  const frags: Frag[] = [];
  rowLabelPieces.forEach((ps, row) => {
    if (ps.length === 0) {
      items.push([]);
      return;
    }
    const item = new Set(itemOf(ps));
    items.push([...item]);
    for (const p of ps) if (!item.has(p)) frags.push({ piece: p, row });
  });
  // group columns: x-extents of the fragments, merged where they overlap
  const groupCols = columnsOf(
    mapped(frags, (f) => f.piece),
    0,
  );
  const groupOf = (p: Piece) => groupCols.findIndex((g) => p.x0 >= g.x0 - 0.01 && p.x1 <= g.x1 + 0.01);
  const hasLabels = rowLabelPieces.some((ps) => ps.length > 0) || headerLines.some((l) => labelOnly(l));
  const L = hasLabels ? groupCols.length + 1 : 0;
  const nc = L + cols.length;
  const readOrder = (ps: Piece[]) => {
    const lines = [...ps]
      .sort((p, q) => p.top - q.top || p.x0 - q.x0)
      .reduce<{ top: number; text: string }[]>((acc, p) => {
        const last = acc[acc.length - 1];
        if (last && Math.abs(last.top - p.top) < 0.3 * p.size) last.text += p.text;
        else acc.push({ top: p.top, text: p.text });
        return acc;
      }, []);
    return joinCellLines(mapped(lines, (x) => x.text));
  };

  const cells: GridCell[] = [];
  const H = headerLines.length;
  // the lone short line: a table row only with a label on both sides of it and a header above
  if (loneShort && (H === 0 || !rowLines.some((x) => (x.line.top + x.line.bottom) / 2 < (anchors[0] as number)) || !rowLines.some((x) => (x.line.top + x.line.bottom) / 2 > (anchors[0] as number)))) return null;
  // a table has at least two rows and two columns
  if (H + block.length < 2 || nc < 2) return null;
  // ---- header rows: one grid row per header line
  interface HCell {
    r0: number;
    r1: number;
    c0: number;
    c1: number;
    ps: Piece[];
  }
  const hcells: HCell[] = [];
  const labelHeader: { row: number; p: Piece }[] = [];
  // the table's left edge: label lines wrapped around labelless value lines may reach further left
  // (how far the table reaches is then uncertain: between the two)
  const tableLeft = Math.min(left, ...mapped(rowLines, (x) => x.line.x0));
  /** Centred on the table, whichever of its possible left edges it has. */
  const centred = (p: Piece): boolean => {
    const c = (p.x0 + p.x1) / 2;
    return c >= (tableLeft + right) / 2 - 0.1 * (right - tableLeft) && c <= (left + right) / 2 + 0.1 * (right - left);
  };
  /**
   * Centred on the page's text column, across the label area and the value columns (a table as
   * wide as the column whose numbers fill only its left part: its caption is centred on the
   * column), and not centred on a value column (a column's header word).
   */
  const centredOnPage = (p: Piece): boolean => {
    const c = (p.x0 + p.x1) / 2;
    const w = column.x1 - column.x0;
    return (
      Math.abs(c - (column.x0 + column.x1) / 2) <= 0.03 * w &&
      p.x0 < (cols[0] as { x0: number }).x0 &&
      !cols.some((k) => Math.abs((k.x0 + k.x1) / 2 - c) <= em)
    );
  };
  let firstBody = 0; // first header row that is not a caption
  headerLines.forEach((l, r) => {
    // (the cells of a header line are apart by their padding only in a browser's table)
    const ps = piecesOf(l, 0.45);
    // a caption ("第二十条第（五）项"): one piece, centred on the table
    // (only above the other header lines: a word of a header cell centred in a wide table may be
    // alone on its line, near the table's centre)
    if (ps.length === 1 && (centred(ps[0] as Piece) || centredOnPage(ps[0] as Piece)) && r === firstBody) {
      hcells.push({ r0: r, r1: r + 1, c0: 0, c1: nc, ps });
      if (firstBody === r) firstBody = r + 1;
      return;
    }
    const perSpan = new Map<string, Piece[]>();
    for (const p of ps) {
      if (L > 0 && inLabels(p)) {
        labelHeader.push({ row: r, p });
        continue;
      }
      const k0 = Math.max(0, valueCol(p.x0 + 0.01));
      const k1 = Math.max(0, valueCol(p.x1 - 0.01));
      const c0 = p.x0 < (bounds[0] as number) - 0.01 ? 0 : L + k0;
      const key = `${c0}:${L + k1 + 1}`;
      perSpan.set(key, [...(perSpan.get(key) ?? []), p]);
    }
    const spans = mapped([...perSpan.entries()], ([key, list]) => {
      const [c0, c1] = mapped(key.split(':'), Number) as [number, number];
      return { r0: r, r1: r + 1, c0, c1, ps: list };
    }).sort((p, q) => p.c0 - q.c0);
    // pieces whose column ranges overlap in one header row: one cell
    const merged: HCell[] = [];
    for (const sp of spans) {
      const last = merged[merged.length - 1];
      // a word centred in its column, wider than the column's numbers, reaching less than 1 em
      // into the column of the next word of its line: it ends before that column
      if (last && sp.c0 < last.c1 && last.c1 - 1 === sp.c0 && last.c1 - last.c0 >= 2 && sp.c0 >= L) {
        const x1 = Math.max(...mapped(last.ps, (p) => p.x1));
        if (x1 <= (bounds[sp.c0 - L] as number) + em) last.c1 = sp.c0;
      }
      if (last && sp.c0 < last.c1) {
        last.c1 = Math.max(last.c1, sp.c1);
        last.ps.push(...sp.ps);
      } else merged.push(sp);
    }
    hcells.push(...widenGroupHeaders(merged, r));
  });
  /**
   * A group header ("行政复议", "未经复议直接起诉") is printed centred over its columns but is
   * narrower than them: widen it symmetrically about its centre, as far as the table, the
   * neighbouring headers of its row (a spanning neighbour gets the midpoint) and the group header
   * above it allow. It never shrinks.
   */
  function widenGroupHeaders(row: HCell[], r: number): HCell[] {
    const nv = cols.length;
    const colPos = (x: number): number => {
      if (x <= (bounds[0] as number)) return 0;
      for (let k = 0; k < nv; k++) {
        const a = bounds[k] as number;
        const b = bounds[k + 1] as number;
        if (x < b) return k + (x - a) / (b - a);
      }
      return nv;
    };
    const centreOf = (h: HCell) => colPos((Math.min(...mapped(h.ps, (p) => p.x0)) + Math.max(...mapped(h.ps, (p) => p.x1))) / 2);
    const spanning = (h: HCell) => h.c0 >= L && h.c1 - h.c0 >= 2;
    let prevEnd = 0;
    row.forEach((h, k) => {
      if (!spanning(h)) {
        prevEnd = Math.max(prevEnd, h.c1 - L);
        return;
      }
      const centre = centreOf(h);
      // the group header above whose columns hold this one's centre
      const parent = hcells
        .filter((x) => x.r0 < r && spanning(x) && x.c0 - L <= centre && x.c1 - L >= centre)
        .sort((p, q) => q.r0 - p.r0)[0];
      const next = row[k + 1];
      let leftLimit = Math.max(prevEnd, parent ? parent.c0 - L : 0);
      let rightLimit = Math.min(nv, parent ? parent.c1 - L : nv);
      if (next) rightLimit = Math.min(rightLimit, spanning(next) ? (centre + centreOf(next)) / 2 : next.c0 - L);
      leftLimit = Math.min(leftLimit, h.c0 - L);
      rightLimit = Math.max(rightLimit, h.c1 - L);
      const half = Math.min(centre - leftLimit, rightLimit - centre);
      const c0 = Math.min(h.c0 - L, Math.round(centre - half + 0.01));
      const c1 = Math.max(h.c1 - L, Math.round(centre + half - 0.01));
      h.c0 = L + Math.max(0, c0);
      h.c1 = L + Math.min(nv, c1);
      prevEnd = h.c1 - L;
    });
    return row;
  }

  // a word stacked over several header rows in one value column ("社会"/"公益"/"组织"): one cell
  for (let c = L; c < nc; c++) {
    const singles = hcells.filter((h) => h.c0 === c && h.c1 === c + 1).sort((p, q) => p.r0 - q.r0);
    if (singles.length < 2) continue;
    const a = singles[0] as HCell;
    const b = singles[singles.length - 1] as HCell;
    const crossing = hcells.some((h) => h.c0 <= c && h.c1 > c && (h.c1 - h.c0 > 1 || h.c0 !== c) && h.r0 > a.r0 && h.r0 < b.r0);
    if (crossing) continue;
    a.r1 = b.r1;
    a.ps = flatMapped(singles, (h) => h.ps);
    for (const h of singles.slice(1)) hcells.splice(hcells.indexOf(h), 1);
  }
  // a header word of one value column with nothing above or below it in that column (text centred
  // vertically in a cell as tall as its neighbours wrapped on several lines: "对外公开总数量" beside
  // "本年新"/"制作数量"): the cell reaches over the empty rows
  const free = (r: number, c: number) => !hcells.some((h) => h.r0 <= r && h.r1 > r && h.c0 <= c && h.c1 > c);
  for (const h of hcells) {
    if (h.c0 < L || h.c1 !== h.c0 + 1 || h.r0 < firstBody) continue;
    while (h.r0 - 1 >= firstBody && free(h.r0 - 1, h.c0)) h.r0--;
    while (h.r1 < H && free(h.r1, h.c0)) h.r1++;
  }
  // the label area of the header (the note "（本列数据的勾稽关系为：…）", "信息内容"): one cell
  if (L > 0 && firstBody < H) {
    const blocked = hcells.some((h) => h.r0 >= firstBody && h.c0 < L);
    if (!blocked) hcells.push({ r0: firstBody, r1: H, c0: 0, c1: L, ps: mapped(labelHeader, (x) => x.p) });
    else if (labelHeader.length > 0) notes.push('header text in the label area was left out');
  }
  const headerPage = (r: number) => pageOf(headerLines[r] as Line);
  for (const h of hcells) cells.push({ r0: h.r0, r1: h.r1, c0: h.c0, c1: h.c1, text: readOrder(h.ps), page: headerPage(h.r0), openTop: false, openBottom: false });
  for (let r = 0; r < H; r++)
    for (let c = 0; c < nc; c++)
      if (!hcells.some((h) => h.r0 <= r && h.r1 > r && h.c0 <= c && h.c1 > c)) cells.push({ r0: r, r1: r + 1, c0: c, c1: c + 1, text: '', page: headerPage(r), openTop: false, openBottom: false });

  // ---- data rows
  const rowPage = (row: number) => pageOf((block[row] as ValueLine).line);
  const groupCell = new Map<string, GridCell>(); // `${row}:${g}` → cell (merged downwards)
  for (const f of frags) {
    const g = groupOf(f.piece);
    if (g < 0) continue;
    const key = `${f.row}:${g}`;
    const cell = groupCell.get(key);
    if (cell) cell.text = readOrder([...((cell as GridCell & { ps?: Piece[] }).ps ?? []), f.piece]);
    else {
      const c: GridCell & { ps?: Piece[] } = { r0: H + f.row, r1: H + f.row + 1, c0: g, c1: g + 1, text: f.piece.text, page: rowPage(f.row), openTop: false, openBottom: false };
      c.ps = [f.piece];
      groupCell.set(key, c);
      continue;
    }
    ((cell as GridCell & { ps?: Piece[] }).ps ??= []).push(f.piece);
  }
  // merge a group column's cells of consecutive rows
  const groupCells: (GridCell & { ps?: Piece[] })[] = [];
  for (let g = 0; g < groupCols.length; g++) {
    let open: (GridCell & { ps?: Piece[] }) | null = null;
    for (let row = 0; row < block.length; row++) {
      const c = groupCell.get(`${row}:${g}`) as (GridCell & { ps?: Piece[] }) | undefined;
      if (c && open && open.r1 === H + row) {
        open.r1 = H + row + 1;
        open.ps = [...(open.ps ?? []), ...(c.ps ?? [])];
        open.text = readOrder(open.ps);
      } else if (c) {
        open = c;
        groupCells.push(c);
      } else open = null;
    }
  }
  const covered = (row: number, col: number) => groupCells.some((c) => c.c0 === col && c.r0 <= H + row && c.r1 > H + row);
  for (const c of groupCells) cells.push({ r0: c.r0, r1: c.r1, c0: c.c0, c1: c.c1, text: c.text, page: c.page, openTop: false, openBottom: false });
  block.forEach((v, row) => {
    if (L > 0) {
      let start = 0;
      for (let g = 0; g < groupCols.length; g++) if (covered(row, g)) start = g + 1;
      cells.push({ r0: H + row, r1: H + row + 1, c0: start, c1: L, text: readOrder(items[row] as Piece[]), page: rowPage(row), openTop: false, openBottom: false });
      // empty group positions left of a group cell in this row
      for (let g = 0; g < start; g++) {
        if (!covered(row, g)) cells.push({ r0: H + row, r1: H + row + 1, c0: g, c1: g + 1, text: '', page: rowPage(row), openTop: false, openBottom: false });
      }
    }
    const texts = new Array<string>(cols.length).fill('');
    const sure = new Array<number | undefined>(cols.length).fill(undefined);
    for (const p of v.values) {
      const k = cols.findIndex((c) => p.x0 >= c.x0 - 0.01 && p.x1 <= c.x1 + 0.01);
      texts[k] = p.text;
      sure[k] = p.confidence;
    }
    texts.forEach((t, k) => {
      const c: GridCell = { r0: H + row, r1: H + row + 1, c0: L + k, c1: L + k + 1, text: t, page: rowPage(row), openTop: false, openBottom: false };
      const conf = sure[k];
      if (conf !== undefined) c.confidence = conf;
      cells.push(c);
    });
  });

  const consumed = [...headerLines, ...mapped(block, (v) => v.line), ...mapped(rowLines, (x) => x.line), ...ambiguousLines];
  // x positions (approximate for the label columns): the left edge, the right edges of the group
  // columns, then the value column boundaries
  const labelXs = L > 0 ? [tableLeft - 1, ...mapped(groupCols, (g) => g.x1 + 0.5)].slice(0, L) : [];
  const allXs = positions([...labelXs, ...bounds]);
  const tops = mapped(consumed, (l) => l.top);
  const bottoms = mapped(consumed, (l) => l.bottom);
  const y0 = Math.min(...tops);
  const y1 = Math.max(...bottoms);
  const ys = positions([y0, ...Array.from({ length: H + block.length - 1 }, (_, k) => y0 + ((k + 1) * (y1 - y0)) / (H + block.length)), y1]);
  cells.sort((p, q) => p.r0 - q.r0 || p.c0 - q.c0);
  return {
    table: { page: Math.min(...mapped(consumed, pageOf)), xs: allXs, ys, cells, box: { x0: tableLeft, y0, x1: right, y1 }, borderless: true },
    lines: consumed,
    headerLines,
    notes,
  };
}
