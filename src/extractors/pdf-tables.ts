/**
 * Ruled-table reconstruction for the PDF extractor (lattice method):
 *
 *  1. ruling segments → snapped, joined horizontal and vertical lines;
 *  2. connected sets of lines → table regions; the grid of x's and y's of each region;
 *  3. an elementary boundary exists when lines cover ≥ 60 % of it; missing inner boundaries merge
 *     neighbouring grid cells into row/column spans (every merged group must be a rectangle);
 *  4. text (runs split per character at cell boundaries, and vertical glyphs) goes to the cell
 *     containing its centre.
 *
 * Also: a conservative text-alignment fallback for tables drawn without lines, and the join of
 * tables broken across pages. Coordinates are top-left page coordinates in points.
 */
import { SHAPE_SEEDS, type Box, type PlacedGlyph, type Segment } from './pdf-ops.js';
import { buildLines, charCentres, isCjk, runPiece, stackedColumnsText, verticalText, type Line, type Run } from './pdf-text.js';
import { flatMapped, mapped } from '../arrays.js';

/** Positions closer than this (pt) are the same line. */
export const SNAP = 2;
/** Collinear pieces with gaps up to this (pt) are one line. */
export const JOIN = 3;
/** Grid lines closer than this (pt) are one line (a double border), never a cell. */
export const DOUBLE = 4;
/** A boundary is present when lines cover at least this share of it. */
export const COVER = 0.6;

export interface GridCell {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  text: string;
  page: number;
  /** No ruling on the top / bottom edge (only meaningful on the table's first / last grid line). */
  openTop: boolean;
  openBottom: boolean;
  /** OCR only: the lowest confidence of the text read in the cell. */
  confidence?: number;
}

/**
 * A copy of a cell at other grid positions. Cells are always made with the same properties in the
 * same order (an object literal like this one, or skeleton's): a spread copy (`{ ...c, r0 }`) gets
 * a hidden class of its own at every place it is written, and the code that reads cells then sees
 * many shapes and is deoptimised.
 */
export function movedCell(c: GridCell, r0: number, r1: number, c0: number, c1: number, text = c.text): GridCell {
  const out: GridCell = { r0, r1, c0, c1, text, page: c.page, openTop: c.openTop, openBottom: c.openBottom };
  if (c.confidence !== undefined) out.confidence = c.confidence;
  return out;
}

export interface PageTable {
  page: number;
  xs: number[];
  ys: number[];
  cells: GridCell[];
  box: Box;
  borderless: boolean;
}

/**
 * Grid positions (a table's xs or ys) as an array whose elements V8 stores as doubles whatever the
 * values. An array of whole numbers only (a grid at x = 64, 84, 537) would be kept as small
 * integers and one with a fraction as doubles: two kinds of array, and every function that reads
 * grids was deoptimised when it met the second kind. (The array starts with a fraction, removed:
 * an array never goes back to integer storage.)
 */
export function positions(values: Iterable<number>): number[] {
  const out = [0.5];
  out.pop();
  for (const v of values) out.push(v);
  return out;
}

/** A copy of a table with other grid lines, cells or box (one shape for every table: see movedCell). */
export function tableWith(t: PageTable, xs = t.xs, ys = t.ys, cells = t.cells, box = t.box): PageTable {
  return { page: t.page, xs, ys, cells, box, borderless: t.borderless };
}

interface Rule {
  pos: number;
  a0: number;
  a1: number;
}

// hidden-class seed (see SHAPE_SEEDS in pdf-ops.ts): a rule
SHAPE_SEEDS.push({ pos: 0.5, a0: 0.5, a1: 0.5 } satisfies Rule);

// ---------------------------------------------------------------------------------------------
// Segments → lines

function mergeRules(segs: Segment[]): Rule[] {
  const sorted = [...segs].sort((p, q) => p.pos - q.pos);
  const clusters: Segment[][] = [];
  for (const s of sorted) {
    const last = clusters[clusters.length - 1];
    if (last && s.pos - (last[0] as Segment).pos <= SNAP) last.push(s);
    else clusters.push([s]);
  }
  const out: Rule[] = [];
  for (const cl of clusters) {
    const byStart = [...cl].sort((p, q) => p.a0 - q.a0);
    let cur: { a0: number; a1: number; posSum: number; len: number } | null = null;
    const flush = () => {
      if (cur) out.push({ pos: cur.len > 0 ? cur.posSum / cur.len : (cl[0] as Segment).pos, a0: cur.a0, a1: cur.a1 });
    };
    for (const s of byStart) {
      const len = Math.max(s.a1 - s.a0, 0.01);
      if (cur && s.a0 <= cur.a1 + JOIN) {
        cur.a1 = Math.max(cur.a1, s.a1);
        cur.posSum += s.pos * len;
        cur.len += len;
      } else {
        flush();
        cur = { a0: s.a0, a1: s.a1, posSum: s.pos * len, len };
      }
    }
    flush();
  }
  return out;
}

/** Lines from segments; shading edges are added only where no drawn line already lies. */
export function rulesFromGraphics(segments: Segment[], shades: Box[]): { h: Rule[]; v: Rule[] } {
  const drawn = segments.filter((s) => s.a1 - s.a0 >= 1);
  let h = mergeRules(drawn.filter((s) => s.dir === 'h'));
  let v = mergeRules(drawn.filter((s) => s.dir === 'v'));
  const extraH: Segment[] = [];
  const extraV: Segment[] = [];
  for (const b of shades) {
    const edges: Segment[] = [
      { dir: 'h', pos: b.y0, a0: b.x0, a1: b.x1, source: 'shade' },
      { dir: 'h', pos: b.y1, a0: b.x0, a1: b.x1, source: 'shade' },
      { dir: 'v', pos: b.x0, a0: b.y0, a1: b.y1, source: 'shade' },
      { dir: 'v', pos: b.x1, a0: b.y0, a1: b.y1, source: 'shade' },
    ];
    for (const e of edges) {
      const rules = e.dir === 'h' ? h : v;
      if (coverage(rules, e.pos, e.a0, e.a1) < COVER) (e.dir === 'h' ? extraH : extraV).push(e);
    }
  }
  if (extraH.length > 0) h = mergeRules([...drawn.filter((s) => s.dir === 'h'), ...extraH]);
  if (extraV.length > 0) v = mergeRules([...drawn.filter((s) => s.dir === 'v'), ...extraV]);
  return { h: h.filter((r) => r.a1 - r.a0 >= 3), v: v.filter((r) => r.a1 - r.a0 >= 3) };
}

/** Share of [a0, a1] at position pos covered by rules (within SNAP). */
function coverage(rules: Rule[], pos: number, a0: number, a1: number): number {
  const len = a1 - a0;
  if (len <= 0) return 1;
  const parts: [number, number][] = [];
  for (const r of rules) {
    if (Math.abs(r.pos - pos) > DOUBLE / 2 + 0.5) continue;
    const s = Math.max(r.a0, a0);
    const e = Math.min(r.a1, a1);
    if (e > s) parts.push([s, e]);
  }
  parts.sort((p, q) => p[0] - q[0]);
  let covered = 0;
  let end = a0;
  for (const [s, e] of parts) {
    const from = Math.max(s, end);
    if (e > from) {
      covered += e - from;
      end = e;
    }
  }
  return covered / len;
}

// ---------------------------------------------------------------------------------------------
// Regions and grids

class UnionFind {
  private readonly p: number[];
  constructor(n: number) {
    this.p = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.p[r] !== r) r = this.p[r] as number;
    let k = i;
    while (this.p[k] !== r) {
      const next = this.p[k] as number;
      this.p[k] = r;
      k = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.p[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

function clusterPositions(values: number[]): number[] {
  const sorted = [...values].sort((p, q) => p - q);
  // clusters of positions within DOUBLE of their first one → their means (running sums, in order:
  // no array per cluster, whose element kind would differ between whole and fractional positions)
  const out = positions([]);
  let first = 0;
  let sum = 0;
  let n = 0;
  for (const v of sorted) {
    if (n > 0 && v - first <= DOUBLE) {
      sum += v;
      n++;
      continue;
    }
    if (n > 0) out.push(sum / n);
    first = v;
    sum = v;
    n = 1;
  }
  if (n > 0) out.push(sum / n);
  return out;
}

/**
 * Open sides: lines running past the outermost perpendicular line, shared by ≥ 2 lines (a table
 * without outer side borders, or a table cut by a page break: no bottom/top rule). Returns the
 * extent reached by at least two of the rules' starts (a0) or ends (a1) beyond limit, else limit.
 */
function openExtent(rules: Rule[], starts: boolean, limit: number, dirn: 1 | -1, min: number): number {
  const beyond = positions([]);
  for (const r of rules) {
    const p = starts ? r.a0 : r.a1;
    if ((p - limit) * dirn > min) beyond.push(p);
  }
  if (beyond.length < 2) return limit;
  beyond.sort((p, q) => (p - q) * dirn);
  return beyond[beyond.length - 2] as number;
}

/** The grid lines of one direction: lo, hi and the rules between them (apart from both), clustered. */
function gridLines(lo: number, hi: number, rules: Rule[]): number[] {
  const vals = positions([]);
  vals.push(lo, hi);
  for (const r of rules) if (r.pos > lo + DOUBLE && r.pos < hi - DOUBLE) vals.push(r.pos);
  return clusterPositions(vals);
}

export interface Skeleton {
  xs: number[];
  ys: number[];
  /** cells in grid coordinates with open-edge flags, text still empty */
  cells: GridCell[];
  box: Box;
  /** elementary cell (row-major) → index in cells */
  owner: number[];
  nonRect: boolean;
}

/** Table skeletons (grids with merged cells) found in the page's rulings. */
export function findSkeletons(h: Rule[], v: Rule[], page: number): Skeleton[] {
  const n = h.length + v.length;
  const uf = new UnionFind(n);
  const tol = SNAP + 0.5;
  for (let i = 0; i < h.length; i++) {
    const a = h[i] as Rule;
    for (let j = 0; j < v.length; j++) {
      const b = v[j] as Rule;
      if (b.pos >= a.a0 - tol && b.pos <= a.a1 + tol && a.pos >= b.a0 - tol && a.pos <= b.a1 + tol) uf.union(i, h.length + j);
    }
  }
  const groups = new Map<number, { h: Rule[]; v: Rule[] }>();
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = { h: [], v: [] }));
    if (i < h.length) g.h.push(h[i] as Rule);
    else g.v.push(v[i - h.length] as Rule);
  }
  const out: Skeleton[] = [];
  for (const g of groups.values()) {
    if (g.h.length < 2 && g.v.length < 2) continue;
    if (g.h.length === 0 || g.v.length === 0) continue;
    const sk = skeleton(g.h, g.v, page);
    if (sk) out.push(sk);
  }
  return out;
}

/** Least and greatest position of rules (a loop: the same numbers as Math.min(...rules.map(...))). */
function posRange(rules: Rule[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rules) {
    lo = Math.min(lo, r.pos);
    hi = Math.max(hi, r.pos);
  }
  return [lo, hi];
}

function skeleton(hs: Rule[], vs: Rule[], page: number): Skeleton | null {
  const [xMin, xMax] = posRange(vs);
  const [yMin, yMax] = posRange(hs);
  // (open sides: openExtent)
  const y1 = openExtent(vs, false, yMax, 1, 4);
  const y0 = openExtent(vs, true, yMin, -1, 4);
  const x1 = openExtent(hs, false, xMax, 1, 8);
  const x0 = openExtent(hs, true, xMin, -1, 8);

  const xs = gridLines(x0, x1, vs);
  const ys = gridLines(y0, y1, hs);
  const nc = xs.length - 1;
  const nr = ys.length - 1;
  if (nc < 1 || nr < 1) return null;

  const uf = new UnionFind(nr * nc);
  // vertical boundaries between column j-1 and j
  for (let i = 0; i < nr; i++) {
    for (let j = 1; j < nc; j++) {
      if (coverage(vs, xs[j] as number, ys[i] as number, ys[i + 1] as number) < COVER) uf.union(i * nc + j - 1, i * nc + j);
    }
  }
  for (let i = 1; i < nr; i++) {
    for (let j = 0; j < nc; j++) {
      if (coverage(hs, ys[i] as number, xs[j] as number, xs[j + 1] as number) < COVER) uf.union((i - 1) * nc + j, i * nc + j);
    }
  }
  const comps = new Map<number, number[]>();
  for (let k = 0; k < nr * nc; k++) {
    const r = uf.find(k);
    let c = comps.get(r);
    if (!c) comps.set(r, (c = []));
    c.push(k);
  }
  let nonRect = false;
  const cells: GridCell[] = [];
  const owner = new Array<number>(nr * nc).fill(-1);
  const addCell = (r0: number, r1: number, c0: number, c1: number) => {
    const topCov = r0 === 0 ? coverage(hs, ys[0] as number, xs[c0] as number, xs[c1] as number) : 1;
    const botCov = r1 === nr ? coverage(hs, ys[nr] as number, xs[c0] as number, xs[c1] as number) : 1;
    cells.push({ r0, r1, c0, c1, text: '', page, openTop: topCov < COVER, openBottom: botCov < COVER });
  };
  for (const members of comps.values()) {
    // (the component's extent by a loop over its members, all small integers)
    const first = members[0] as number;
    let r0 = Math.floor(first / nc);
    let r1 = r0 + 1;
    let c0 = first % nc;
    let c1 = c0 + 1;
    for (const k of members) {
      r0 = Math.min(r0, Math.floor(k / nc));
      r1 = Math.max(r1, Math.floor(k / nc) + 1);
      c0 = Math.min(c0, k % nc);
      c1 = Math.max(c1, (k % nc) + 1);
    }
    if ((r1 - r0) * (c1 - c0) === members.length) {
      addCell(r0, r1, c0, c1);
    } else {
      // Not a rectangle (a broken or missing line): keep the grid cells apart.
      nonRect = true;
      for (const k of members) addCell(Math.floor(k / nc), Math.floor(k / nc) + 1, k % nc, (k % nc) + 1);
    }
  }
  cells.sort((p, q) => p.r0 - q.r0 || p.c0 - q.c0);
  for (let ci = 0; ci < cells.length; ci++) {
    const c = cells[ci] as GridCell;
    for (let r = c.r0; r < c.r1; r++) for (let col = c.c0; col < c.c1; col++) owner[r * nc + col] = ci;
  }
  // (a single row is kept: it may be the last row of a table broken by a page break; the caller
  // turns it back into text when it does not continue a table)
  if (nc < 2 || cells.length < 2) return null;
  return { xs, ys, cells, box: { x0: xs[0] as number, y0: ys[0] as number, x1: xs[nc] as number, y1: ys[nr] as number }, owner, nonRect };
}

/**
 * A row of one cell across the whole grid that holds running text (a section heading, or a
 * paragraph) is no row of a report table: it is the cell of a ruled frame around the body or
 * around the tables (a Word layout table with borders) whose sides the report tables nested in it
 * share. Returns the grid rows of such cells.
 */
const SECTION_HEADING_TEXT = /(?:^|\n)\s*(?:[一二三四五六七八九十]+|\d+)\s*[、.．]\S*(情况|事项|问题)/u;
const OCR_SECTION_TITLE = /^[^\p{Script=Han}]{0,4}(?:[一二三四五六七八九十]\s*[、.．]?\s*)?(?:主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政复议[、和]?行政诉讼情况)/u;
export function textRows(t: PageTable, centred: (c: GridCell) => boolean = () => true): number[] {
  const nc = t.xs.length - 1;
  const out: number[] = [];
  for (const c of t.cells) {
    // (across the whole grid but for empty cells beside it: an empty column of the frame)
    const others = t.cells.filter((x) => x !== c && x.r0 < c.r1 && x.r1 > c.r0);
    if (others.some((x) => x.text.trim() !== '' || (x.c0 < c.c1 && x.c1 > c.c0))) continue;
    const covered = new Set<number>();
    for (const x of [c, ...others]) for (let j = x.c0; j < x.c1; j++) covered.add(j);
    if (covered.size !== nc) continue;
    const text = c.text.trim();
    // (a section heading centred in the grid's first row is a table's caption row: kept)
    // (read by OCR, a heading's item number may be lost: "三、" is three strokes and a mark; the
    // report tables' own section titles are headings without it)
    const heading = SECTION_HEADING_TEXT.test(text) || (c.confidence !== undefined && OCR_SECTION_TITLE.test(text));
    if ((heading && (c.r0 > 0 || !centred(c))) || text.length > 120 || /[。；]/u.test(text)) for (let r = c.r0; r < c.r1; r++) out.push(r);
  }
  return out.sort((p, q) => p - q);
}

/**
 * The skeleton without the given rows: the parts between them (each of at least two cells), so
 * that the text of those rows is read as paragraphs.
 */
export function splitSkeleton(sk: Skeleton, rows: number[], isEmpty: (c: GridCell) => boolean): Skeleton[] {
  const nr = sk.ys.length - 1;
  const nc = sk.xs.length - 1;
  const cut = new Set(rows);
  const out: Skeleton[] = [];
  let a = 0;
  for (let r = 0; r <= nr; r++) {
    if (r < nr && !cut.has(r)) continue;
    const b = r; // rows [a, b)
    if (b > a) {
      const cells = mapped(sk.cells.filter((c) => c.r0 >= a && c.r1 <= b), (c) => movedCell(c, c.r0 - a, c.r1 - a, c.c0, c.c1));
      // (an empty cell across a cut row is the frame's: left out, its text if any read as text)
      const whole = sk.cells.every((c) => c.r1 <= a || c.r0 >= b || (c.r0 >= a && c.r1 <= b) || isEmpty(c));
      if (whole && cells.length >= 2) {
        const ys = sk.ys.slice(a, b + 1);
        const owner = new Array<number>((b - a) * nc).fill(-1);
        cells.forEach((c, ci) => {
          for (let i = c.r0; i < c.r1; i++) for (let j = c.c0; j < c.c1; j++) owner[i * nc + j] = ci;
        });
        out.push({ xs: sk.xs, ys, cells, owner, nonRect: sk.nonRect, box: { x0: sk.box.x0, y0: ys[0] as number, x1: sk.box.x1, y1: ys[ys.length - 1] as number } });
      }
    }
    a = r + 1;
  }
  return out;
}

function indexIn(grid: number[], v: number): number {
  // grid is sorted; returns i with grid[i] <= v < grid[i+1], or -1 outside
  if (v < (grid[0] as number) || v > (grid[grid.length - 1] as number)) return -1;
  for (let i = 0; i < grid.length - 1; i++) if (v < (grid[i + 1] as number)) return i;
  return grid.length - 2;
}

// ---------------------------------------------------------------------------------------------
// Text → cells

/** Join the lines of one cell: no separator between CJK characters, "\n" otherwise. */
export function joinCellLines(lines: string[]): string {
  let out = '';
  for (const l of lines) {
    if (l === '') continue;
    if (out === '') out = l;
    else {
      const last = Array.from(out).pop();
      const first = Array.from(l)[0];
      out += isCjk(last) && isCjk(first) ? '' : '\n';
      out += l;
    }
  }
  return out;
}

const NUMBER_CHAR = /[0-9０-９.,．%％]/u;

/** Merge runs of number characters into single tokens (centre and width of the whole token). */
function atomicTokens(chars: { ch: string; x: number; w: number }[]): { ch: string; x: number; w: number }[] {
  const out: { ch: string; x: number; w: number }[] = [];
  for (const c of chars) {
    const last = out[out.length - 1];
    if (last && NUMBER_CHAR.test(c.ch) && NUMBER_CHAR.test(Array.from(last.ch).pop() ?? '') && /[0-9０-９]/u.test(last.ch + c.ch)) {
      const x0 = last.x - last.w / 2;
      const x1 = c.x + c.w / 2;
      out[out.length - 1] = { ch: last.ch + c.ch, x: (x0 + x1) / 2, w: x1 - x0 };
    } else out.push({ ch: c.ch, x: c.x, w: c.w });
  }
  return out;
}

export interface Assignment {
  /** Runs (or pieces of runs) left outside every table. */
  outside: Run[];
  glyphsOutside: PlacedGlyph[];
}

/**
 * Fill the skeletons' cells with text. Runs are cut per character at cell boundaries; each
 * character goes to the cell containing its centre. Vertical glyphs go by their centre too.
 */
export function fillCells(skeletons: Skeleton[], runs: Run[], glyphs: PlacedGlyph[], page: number): { tables: PageTable[] } & Assignment {
  const perCellRuns = mapped(skeletons, (s) => mapped(s.cells, () => [] as Run[]));
  const perCellGlyphs = mapped(skeletons, (s) => mapped(s.cells, () => [] as PlacedGlyph[]));
  const outside: Run[] = [];
  const glyphsOutside: PlacedGlyph[] = [];

  const locate = (x: number, y: number): [number, number] | null => {
    for (let t = 0; t < skeletons.length; t++) {
      const s = skeletons[t] as Skeleton;
      if (x < s.box.x0 || x > s.box.x1 || y < s.box.y0 || y > s.box.y1) continue;
      const i = indexIn(s.ys, y);
      const j = indexIn(s.xs, x);
      if (i < 0 || j < 0) continue;
      const o = s.owner[i * (s.xs.length - 1) + j] as number;
      if (o >= 0) return [t, o];
    }
    return null;
  };

  for (const run of runs) {
    const cy = (run.top + run.bottom) / 2;
    const touches = skeletons.some((s) => cy >= s.box.y0 && cy <= s.box.y1 && run.x1 > s.box.x0 && run.x0 < s.box.x1);
    if (!touches) {
      outside.push(run);
      continue;
    }
    // Numbers are never cut: a numeric token goes whole to the cell holding its centre.
    const chars = atomicTokens(charCentres(run));
    let piece: { where: [number, number] | null; text: string; x0: number; x1: number } | null = null;
    const flush = () => {
      if (!piece) return;
      const r = runPiece(run, piece.text, piece.x0, piece.x1);
      if (piece.where) (perCellRuns[piece.where[0]] as Run[][])[piece.where[1]]?.push(r);
      else outside.push(r);
    };
    for (const c of chars) {
      const where = locate(c.x, cy);
      const same = piece && ((piece.where === null && where === null) || (piece.where && where && piece.where[0] === where[0] && piece.where[1] === where[1]));
      if (piece && same) {
        piece.text += c.ch;
        piece.x1 = c.x + c.w / 2;
      } else {
        flush();
        piece = { where, text: c.ch, x0: c.x - c.w / 2, x1: c.x + c.w / 2 };
      }
    }
    flush();
  }
  for (const g of glyphs) {
    const where = locate(g.cx, g.cy);
    if (where) (perCellGlyphs[where[0]] as PlacedGlyph[][])[where[1]]?.push(g);
    else glyphsOutside.push(g);
  }

  const tables: PageTable[] = mapped(skeletons, (s, t) => {
    const cells = mapped(s.cells, (c, ci) => {
      const cellRuns = mapped((perCellRuns[t] as Run[][])[ci] as Run[], (r) => runPiece(r, r.text.trim(), r.x0, r.x1)).filter((r) => r.text !== '');
      const vg = (perCellGlyphs[t] as PlacedGlyph[][])[ci] as PlacedGlyph[];
      const stacked = stackedColumnsText(cellRuns);
      const parts: { top: number; text: string }[] =
        stacked !== null
          ? [{ top: Math.min(...mapped(cellRuns, (r) => r.top)), text: stacked }]
          : mapped(buildLines(cellRuns), (l: Line) => ({ top: l.top, text: l.text }));
      if (vg.length > 0) parts.push({ top: Math.min(...mapped(vg, (g) => g.cy - g.size / 2)), text: verticalText(vg) });
      parts.sort((p, q) => p.top - q.top);
      const out = movedCell(c, c.r0, c.r1, c.c0, c.c1, joinCellLines(mapped(parts, (p) => p.text)));
      const sure = flatMapped(cellRuns, (r) => (r.confidence === undefined ? [] : [r.confidence]));
      if (sure.length > 0) out.confidence = Math.min(...sure);
      // OCR: two numbers side by side in one cell are two pieces of ink set apart (a stain, a
      // rule's remnant read as 1), not one number: doubtful, whatever each reading's confidence
      if (sure.length > 1 && twoNumbersOnALine(cellRuns)) out.confidence = 0;
      return out;
    });
    return { page, xs: s.xs, ys: s.ys, cells, box: s.box, borderless: false };
  });
  return { tables, outside, glyphsOutside };
}

const NUMBER_PIECE = /^[+\-]?[\d.,%]+$/u;
/** Whether two runs that each read as a number lie side by side on one line. */
function twoNumbersOnALine(runs: Run[]): boolean {
  const nums = runs.filter((r) => /\d/.test(r.text) && NUMBER_PIECE.test(r.text.replace(/\s+/g, '')));
  for (let i = 0; i < nums.length; i++) {
    for (let j = i + 1; j < nums.length; j++) {
      const a = nums[i] as Run;
      const b = nums[j] as Run;
      const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (overlap > 0.5 * Math.min(a.bottom - a.top, b.bottom - b.top)) return true;
    }
  }
  return false;
}

/** Remove grid rows/columns in which no cell starts (slivers between nearly equal positions). */
export function compact(t: PageTable): PageTable {
  const nr = t.ys.length - 1;
  const nc = t.xs.length - 1;
  const rowUsed = new Array<boolean>(nr).fill(false);
  const colUsed = new Array<boolean>(nc).fill(false);
  for (const c of t.cells) {
    rowUsed[c.r0] = true;
    colUsed[c.c0] = true;
  }
  if (rowUsed.every(Boolean) && colUsed.every(Boolean)) return t;
  const rowMap: number[] = [];
  let k = 0;
  for (let i = 0; i <= nr; i++) {
    rowMap[i] = k;
    if (i < nr && rowUsed[i]) k++;
  }
  const colMap: number[] = [];
  k = 0;
  for (let j = 0; j <= nc; j++) {
    colMap[j] = k;
    if (j < nc && colUsed[j]) k++;
  }
  const ys = t.ys.filter((_, i) => i === nr || rowUsed[i]);
  const xs = t.xs.filter((_, j) => j === nc || colUsed[j]);
  const cells = mapped(t.cells, (c) => movedCell(c, rowMap[c.r0] as number, rowMap[c.r1] as number, colMap[c.c0] as number, colMap[c.c1] as number));
  return tableWith(t, xs, ys, cells);
}

// ---------------------------------------------------------------------------------------------
// Tables broken across pages

const NUMERIC = /^[\s\d０-９.,，．%％+\-－—/／]*$/u;
export const isNumericText = (t: string): boolean => /[\d０-９]/u.test(t) && NUMERIC.test(t);
const isLabel = (t: string): boolean => t.trim() !== '' && !isNumericText(t);
/** Starts like a new item of a list: "一、", "（一）", "(1)", "1.", "1、", "①". */
const ITEM_START = /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[.、．]|[①-⑳])/u;

/** Column lines of two parts of a broken table closer than this (pt) are the same line. */
const COLUMN_TOL = SNAP + 2;

const sameLines = (p: number[], q: number[]) => p.every((x) => q.some((y) => Math.abs(x - y) <= COLUMN_TOL));

/** More opening than closing brackets: the text was cut in the middle of a parenthesis. */
function unbalanced(t: string): boolean {
  const open = (t.match(/[（(【[「『“]/gu) ?? []).length;
  const close = (t.match(/[）)】\]」』”]/gu) ?? []).length;
  return open > close;
}

/** The union grid of two sorted position lists (positions within SNAP+1 merged). */
function unionGrid(a: number[], b: number[]): number[] {
  const all = [...a, ...b].sort((p, q) => p - q);
  const out = positions([]);
  for (const v of all) {
    const last = out[out.length - 1];
    if (last !== undefined && v - last <= COLUMN_TOL) continue;
    out.push(v);
  }
  return out;
}

function nearestIndex(grid: number[], v: number): number {
  let best = 0;
  for (let i = 1; i < grid.length; i++) if (Math.abs((grid[i] as number) - v) < Math.abs((grid[best] as number) - v)) best = i;
  return best;
}

/** Are the columns of b compatible with those of a (same outer edges, inner lines a subset either way, or same count)? */
export function compatibleColumns(a: PageTable, b: PageTable): boolean {
  if (a.borderless && b.borderless) return borderlessValueColumns(a, b) !== null;
  const tol = COLUMN_TOL;
  if (Math.abs((a.xs[0] as number) - (b.xs[0] as number)) > tol) return false;
  if (Math.abs((a.xs[a.xs.length - 1] as number) - (b.xs[b.xs.length - 1] as number)) > tol) return false;
  return sameLines(a.xs, b.xs) || sameLines(b.xs, a.xs) || a.xs.length === b.xs.length;
}

/** Column positions of a borderless table that may differ this much between pages (pt). */
const BORDERLESS_COLUMN_TOL = 8;

/**
 * Two parts of a borderless table (pdf-borderless.ts): their label columns are approximate and
 * may differ (a part without group labels has fewer), their value columns come from the numbers'
 * extents. Compatible when the boundaries shared from the right (the value columns, and the
 * label area's right edge) agree within a few points and both have at least two value columns;
 * returns how many boundaries are shared, else null.
 */
function borderlessValueColumns(a: PageTable, b: PageTable): number | null {
  // (the label area's right edge, the first boundary of the smaller one, depends on its labels'
  // widths: it is not compared)
  // (the value columns: from the first column holding a number; a part with group-label columns
  // has more label columns than one)
  const valueBounds = (t: PageTable) => {
    const first = Math.min(...mapped(t.cells.filter((c) => isNumericText(c.text)), (c) => c.c0));
    return Number.isFinite(first) && first >= 1 ? t.xs.length - 1 - first : t.xs.length - 2;
  };
  const m = Math.min(a.xs.length - 2, b.xs.length - 2, valueBounds(a), valueBounds(b));
  if (m < 3) return null;
  for (let k = 1; k <= m; k++) {
    if (Math.abs((a.xs[a.xs.length - k] as number) - (b.xs[b.xs.length - k] as number)) > BORDERLESS_COLUMN_TOL) return null;
  }
  return m;
}

/**
 * A borderless continuation part gets a's boundaries where they are shared (from the right), so
 * that its value columns fall on a's; its label columns keep their own positions (but for the
 * label area's right edge).
 */
function snapBorderless(a: PageTable, b: PageTable): PageTable {
  const m = borderlessValueColumns(a, b);
  if (m === null) return b;
  // the value columns and the label area's right edge (a's: the label cells of b then end where a's do)
  const xs = [...b.xs];
  for (let k = 1; k <= m + 1; k++) xs[xs.length - k] = a.xs[a.xs.length - k] as number;
  return tableWith(b, xs);
}

/**
 * The first row of a borderless continuation part that is only a label fragment without values
 * and does not start an item ("量反复申请" under "4.无正当理由大" at the foot of the previous
 * page): the tail of a's last row label, cut by the page break. Returns the fragment's cell, else null.
 */
function borderlessLabelTail(cells: GridCell[], rows: number): { cell: GridCell; rows: number } | null {
  // the fragment may be a band of up to 3 rows (one per line, merged into one label-area cell)
  for (let k = 1; k <= Math.min(3, rows - 1); k++) {
    const band = cells.filter((c) => c.r0 < k);
    if (band.some((c) => c.r1 > k)) continue;
    const filled = band.filter((c) => c.text.trim() !== '');
    if (filled.length !== 1) return null;
    const x = filled[0] as GridCell;
    return isLabel(x.text) && !ITEM_START.test(x.text) ? { cell: x, rows: k } : null;
  }
  return null;
}

function remapColumns(t: PageTable, grid: number[]): GridCell[] {
  return mapped(t.cells, (c) => movedCell(c, c.r0, c.r1, nearestIndex(grid, t.xs[c.c0] as number), nearestIndex(grid, t.xs[c.c1] as number)));
}

function key(t: string): string {
  return t.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
}

/**
 * Join b (the top of page N+1) onto a (the bottom of page N):
 *  - columns go onto the union grid;
 *  - a repeated header band at the top of b (same cells as a's first band) is dropped;
 *  - cells in b's first row that continue the cell above them (an empty or open-topped cell under
 *    a multi-row label, the tail of a label cut by the page break, or a whole row cut in two)
 *    are merged into that cell: text joined, rowSpan extended.
 */
/**
 * The text of cells continued across a page break appended to the cell they continue; an OCR
 * confidence is the least of all the parts' (a doubtful continuation makes the cell doubtful).
 */
function appendCells(target: GridCell, parts: GridCell[]): void {
  target.text = joinCellLines([target.text, ...mapped(parts, (c) => c.text)]);
  const sure = flatMapped([target, ...parts], (c) => (c.confidence === undefined ? [] : [c.confidence]));
  if (sure.length > 0) target.confidence = Math.min(...sure);
}

export function joinTables(a: PageTable, bSource: PageTable): PageTable {
  const bothBorderless = a.borderless && bSource.borderless;
  const bIn = bothBorderless ? snapBorderless(a, bSource) : bSource;
  // Same number of columns but differently placed lines: column i is column i.
  const b = sameLines(a.xs, bIn.xs) || sameLines(bIn.xs, a.xs) || a.xs.length !== bIn.xs.length ? bIn : tableWith(bIn, a.xs);
  const xs = unionGrid(a.xs, b.xs);
  const aCells = remapColumns(a, xs);
  let bCells = remapColumns(b, xs);
  const aRows = a.ys.length - 1;
  let bRows = b.ys.length - 1;
  let bYs = b.ys;

  // repeated header band: the widest band of whole rows (≤ 4) equal to a's first rows (a browser
  // repeats a <thead> of several rows, e.g. a caption row and the column names)
  // (a borderless header has a grid row per text line: up to 8; its label columns are approximate
  // and may differ between the parts: the band is compared by its cells' rows and texts)
  for (let k = Math.min(bothBorderless ? 8 : 4, bRows - 1, aRows - 1); k >= 1; k--) {
    const bandA = aCells.filter((c) => c.r0 < k);
    const bandB = bCells.filter((c) => c.r0 < k);
    if (bandA.some((c) => c.r1 > k) || bandB.some((c) => c.r1 > k)) continue;
    const sig = (cs: GridCell[]) =>
      mapped(
        cs.filter((c) => !bothBorderless || key(c.text) !== ''),
        (c) => (bothBorderless ? `${c.r0}:${c.r1}:${key(c.text)}` : `${c.r0}:${c.r1}:${c.c0}:${c.c1}:${key(c.text)}`),
      )
        .sort()
        .join('|');
    if (bandA.some((c) => c.text.trim() !== '') && sig(bandA) === sig(bandB)) {
      bCells = mapped(bCells.filter((c) => c.r0 >= k), (c) => movedCell(c, c.r0 - k, c.r1 - k, c.c0, c.c1));
      bRows -= k;
      bYs = bYs.slice(k);
      break;
    }
  }

  // borderless: a label tail alone in b's first row goes to the last label of a's last row
  const lastA = aCells.filter((c) => c.r1 === aRows).sort((p, q) => p.c0 - q.c0);
  if (bothBorderless && bRows > 1) {
    const tail = borderlessLabelTail(bCells, bRows);
    const target = lastA.filter((c) => isLabel(c.text)).sort((p, q) => q.c1 - p.c1)[0];
    if (tail && target && !lastA.some((c) => c.c0 >= target.c1 && isLabel(c.text))) {
      const k = tail.rows;
      appendCells(target, [tail.cell]);
      bCells = mapped(bCells.filter((c) => c.r0 >= k), (c) => movedCell(c, c.r0 - k, c.r1 - k, c.c0, c.c1));
      bRows -= k;
      bYs = bYs.slice(k);
    }
  }

  // continuation of cells across the break
  const first = bCells.filter((c) => c.r0 === 0).sort((p, q) => p.c0 - q.c0);
  const above = (c: GridCell) => lastA.find((x) => x.c0 === c.c0 && x.c1 === c.c1) ?? null;
  const hasLabelRight = (row: GridCell[], c: GridCell) => row.some((x) => x.c0 >= c.c1 && isLabel(x.text));
  const merged = new Set<GridCell>();
  const mergeInto = (x: GridCell, y: GridCell) => {
    appendCells(y, [x]);
    y.r1 = aRows + x.r1;
    y.openBottom = x.openBottom;
    merged.add(x);
  };
  const pairs = mapped(first, (x) => ({ x, y: above(x) }));
  // A whole row cut in two by the break. Every cell lines up with one above it, no column has
  // a value on both sides, every pair of labels is a label and its tail, and there is evidence:
  // all cells open-topped, or a label tail plus values on only one side (or a tail that is
  // obviously one: it starts with closing punctuation, or the label above has an open bracket).
  const empty = (t: string) => t.trim() === '';
  const tail = (x: GridCell, y: GridCell) => isLabel(x.text) && isLabel(y.text) && !ITEM_START.test(x.text);
  const allPaired = pairs.length > 0 && pairs.every(({ y }) => y !== null);
  const noConflict = pairs.every(({ x, y }) => !y || empty(x.text) || empty(y.text) || (isLabel(x.text) && isLabel(y.text) && tail(x, y)));
  const tails = pairs.filter(({ x, y }) => y && tail(x, y));
  const valueOneSide = pairs.some(({ x, y }) => y && ((isNumericText(x.text) && empty(y.text)) || (isNumericText(y.text) && empty(x.text))));
  const strongTail = tails.some(({ x, y }) => /^[，。、；：:;,.）)\]】」』”’]/u.test(x.text) || unbalanced((y as GridCell).text));
  const rowSplit = allPaired && noConflict && (pairs.every(({ x }) => x.openTop) || (tails.length > 0 && (valueOneSide || strongTail)));
  // A header row cut by the break (LibreOffice moves the last line of a wrapped header cell, the
  // 计 of 总计, to the next page): no number on either side of the break, every text cell of b's
  // first row under a header cell of the same columns whose text it ends (one each), the rest of
  // that row empty: the row is a's last row, the texts joined.
  const overlaps = (x: GridCell, y: GridCell) => x.c0 < y.c1 && x.c1 > y.c0;
  const filledFirst = first.filter((x) => !empty(x.text));
  const headerBreak =
    !rowSplit &&
    bRows > 1 &&
    first.length > 0 &&
    lastA.length > 0 &&
    filledFirst.length > 0 &&
    first.every((x) => x.r1 === 1 && !/[\d０-９]/u.test(x.text)) &&
    lastA.every((y) => !/[\d０-９]/u.test(y.text)) &&
    filledFirst.every((x) => {
      const y = above(x);
      return !!y && isLabel(y.text) && tail(x, y) && filledFirst.filter((z) => overlaps(z, y)).length === 1;
    }) &&
    first.every((x) => lastA.some((y) => overlaps(x, y)));
  if (headerBreak) {
    for (const y of lastA) {
      const under = first.filter((x) => overlaps(x, y));
      appendCells(y, under.filter((x) => !empty(x.text)));
      y.r1 = aRows + 1;
      y.openBottom = false;
    }
    for (const x of first) merged.add(x);
  }
  for (const { x, y } of pairs) {
    if (!y || headerBreak) continue;
    if (rowSplit) {
      mergeInto(x, y);
      continue;
    }
    const xEmpty = x.text.trim() === '';
    // an empty, open-topped cell continues the cell above (never a value cell: that would give
    // its number to another row)
    if (xEmpty && x.openTop && !isNumericText(y.text)) {
      mergeInto(x, y);
      continue;
    }
    // a multi-row label (with sub-labels to its right) continuing on the next page
    if (isLabel(y.text) && hasLabelRight(first, x) && hasLabelRight(lastA, y) && (xEmpty || (isLabel(x.text) && !ITEM_START.test(x.text)))) {
      mergeInto(x, y);
    }
  }
  const rest = mapped(bCells.filter((c) => !merged.has(c)), (c) => movedCell(c, c.r0 + aRows, c.r1 + aRows, c.c0, c.c1));
  // (the y positions of b's rows are on another page; only their count matters from here on)
  const ys = [...a.ys, ...bYs.slice(1, bRows + 1)];
  const cells = [...aCells, ...rest].sort((p, q) => p.r0 - q.r0 || p.c0 - q.c0);
  return compact({ page: a.page, xs, ys, cells, box: a.box, borderless: a.borderless && b.borderless });
}
