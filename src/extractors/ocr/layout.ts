/**
 * Page layout of a scanned page, from its ink alone: skew, ruling lines (the table grid) and the
 * boxes of text line pieces to recognise. Pixels throughout; ink masks are 1 = ink.
 *
 * Bounds: every loop is over the image (≤ MAX_PIXELS) or over what was found in it, and the
 * counts found are capped (MAX_RULES, MAX_BOXES).
 */
import type { GrayImage } from './image.js';

/** Ruling lines kept per direction and page. */
export const MAX_RULES = 2_000;
/** Text pieces recognised per page (a dense page has ~600). */
export const MAX_BOXES = 5_000;

export interface PixelRule {
  /** Row (horizontal rule) or column (vertical rule) of its centre line. */
  pos: number;
  a0: number;
  a1: number;
  thickness: number;
}

export interface PixelBox {
  x0: number;
  y0: number;
  /** Exclusive. */
  x1: number;
  y1: number;
}

// ---------------------------------------------------------------------------------------------
// Skew

/**
 * The angle (degrees, y down: positive = lines sloping down to the right) at which the page's ink
 * is most concentrated into rows: the text lines' and rules' slope. Searched in ±maxDeg.
 */
export function estimateSkew(ink: Uint8Array, width: number, height: number, maxDeg = 3): number {
  // ink sampled on a coarse grid: a cell of f×f pixels counts when any of its pixels is ink
  const f = Math.max(1, Math.round(Math.min(width, height) / 500));
  const pts: number[] = [];
  const limit = 300_000;
  for (let by = 0; by + f <= height && pts.length < limit * 2; by += f) {
    for (let bx = 0; bx + f <= width; bx += f) {
      let any = false;
      for (let y = by; y < by + f && !any; y++) {
        const row = y * width;
        for (let x = bx; x < bx + f; x++) {
          if (ink[row + x]) {
            any = true;
            break;
          }
        }
      }
      if (any) pts.push(bx / f, by / f);
    }
  }
  if (pts.length < 200) return 0;
  const rows = Math.ceil(height / f) + Math.ceil(width / f) + 4;
  const hist = new Float64Array(rows * 2);
  const score = (deg: number): number => {
    const t = Math.tan((deg * Math.PI) / 180);
    hist.fill(0);
    const off = rows;
    for (let i = 0; i < pts.length; i += 2) {
      const y = (pts[i + 1] as number) - (pts[i] as number) * t;
      const k = Math.round(y) + off;
      if (k >= 0 && k < hist.length) hist[k]!++;
    }
    let s = 0;
    for (let k = 1; k < hist.length; k++) {
      const d = (hist[k] as number) - (hist[k - 1] as number);
      s += d * d;
    }
    return s;
  };
  let best = 0;
  let bestScore = score(0);
  for (let d = -maxDeg; d <= maxDeg + 1e-9; d += 0.2) {
    const s = score(d);
    if (s > bestScore) {
      bestScore = s;
      best = d;
    }
  }
  const coarse = best;
  for (let d = coarse - 0.2; d <= coarse + 0.2 + 1e-9; d += 0.02) {
    const s = score(d);
    if (s > bestScore) {
      bestScore = s;
      best = d;
    }
  }
  return Math.abs(best) < 0.03 ? 0 : best;
}

// ---------------------------------------------------------------------------------------------
// Ruling lines

interface Piece {
  pos: number;
  a0: number;
  a1: number;
}

/**
 * Long thin ink runs along one direction, joined across neighbouring rows (a rule is a few pixels
 * thick and, after deskewing, may still step by a pixel over its length).
 * `along(i, j)` reads the ink at position j of line i.
 */
function findRuns(lines: number, length: number, along: (i: number, j: number) => number, minLen: number, gap: number): Piece[] {
  const pieces: Piece[] = [];
  for (let i = 0; i < lines; i++) {
    let start = -1;
    let last = -1;
    for (let j = 0; j <= length; j++) {
      const on = j < length && along(i, j) === 1;
      if (on) {
        if (start < 0) start = j;
        last = j;
      } else if (start >= 0 && j - last > gap) {
        if (last - start + 1 >= minLen) pieces.push({ pos: i, a0: start, a1: last + 1 });
        start = -1;
      }
    }
  }
  return pieces;
}

/** Runs of adjacent rows that overlap joined into rules. */
function joinRuns(pieces: Piece[], gap: number, maxThickness: number): PixelRule[] {
  // pieces are in row order; a group stays open while the next rows keep touching it
  interface Group {
    rows: number[];
    a0: number;
    a1: number;
    lastRow: number;
    weight: number;
    sum: number;
    /** Per row: ink length and extent. */
    perRow: Map<number, { len: number; a0: number; a1: number }>;
  }
  const open: Group[] = [];
  const done: Group[] = [];
  let p = 0;
  while (p < pieces.length) {
    const row = (pieces[p] as Piece).pos;
    const inRow: Piece[] = [];
    while (p < pieces.length && (pieces[p] as Piece).pos === row) inRow.push(pieces[p++] as Piece);
    for (let g = open.length - 1; g >= 0; g--) {
      if ((open[g] as Group).lastRow < row - 1) done.push(...open.splice(g, 1));
    }
    for (const pc of inRow) {
      const len = pc.a1 - pc.a0;
      let g = open.find((o) => o.lastRow >= row - 1 && pc.a0 <= o.a1 + gap && pc.a1 >= o.a0 - gap);
      if (g) {
        g.a0 = Math.min(g.a0, pc.a0);
        g.a1 = Math.max(g.a1, pc.a1);
        if (g.lastRow !== row) g.rows.push(row);
        g.lastRow = row;
        g.weight += len;
        g.sum += row * len;
      } else {
        g = { rows: [row], a0: pc.a0, a1: pc.a1, lastRow: row, weight: len, sum: row * len, perRow: new Map() };
        open.push(g);
      }
      const r = g.perRow.get(row);
      if (r) {
        r.len += len;
        r.a0 = Math.min(r.a0, pc.a0);
        r.a1 = Math.max(r.a1, pc.a1);
      } else g.perRow.set(row, { len, a0: pc.a0, a1: pc.a1 });
    }
  }
  done.push(...open);
  const rules: PixelRule[] = [];
  for (const g of done) {
    const thickness = g.rows.length;
    // a thick band is a filled block or a heading bar, not a rule; its length decides against
    // a long slightly sloping rule, which also spans several rows
    const span = g.a1 - g.a0;
    const meanRunsPerRow = g.weight / thickness;
    if ((thickness > maxThickness && meanRunsPerRow < span * 0.5) || thickness > maxThickness * 3) {
      // a long rule with the strokes of text set close beside it joined to it: its own rows are
      // the few adjacent ones inked along most of its length
      const core = [...g.perRow.entries()].filter(([, r]) => r.len >= span * 0.5).sort((a, b) => a[0] - b[0]);
      const first = core[0];
      const last = core[core.length - 1];
      if (!first || !last || core.length > maxThickness || last[0] - first[0] + 1 > maxThickness) continue;
      let weight = 0;
      let sum = 0;
      let a0 = Infinity;
      let a1 = -Infinity;
      for (const [row, r] of core) {
        weight += r.len;
        sum += row * r.len;
        a0 = Math.min(a0, r.a0);
        a1 = Math.max(a1, r.a1);
      }
      rules.push({ pos: sum / weight, a0, a1, thickness: last[0] - first[0] + 1 });
      continue;
    }
    rules.push({ pos: g.sum / g.weight, a0: g.a0, a1: g.a1, thickness: Math.min(thickness, maxThickness) });
  }
  return rules;
}

export interface Rules {
  horizontal: PixelRule[];
  vertical: PixelRule[];
}

/**
 * The ruling lines of a page: long thin ink runs, vertical ones kept only where they meet two
 * horizontal ones (a table's column line runs from rule to rule; a character's stroke does not).
 */
export function findRules(ink: Uint8Array, width: number, height: number, dpi: number, charHeight: number): Rules {
  const gap = Math.max(2, Math.round(dpi / 70));
  const maxThickness = Math.max(3, Math.round(dpi / 40));
  const minH = Math.max(Math.round(dpi * 0.3), Math.round(charHeight * 2.2));
  const hPieces = findRuns(height, width, (i, j) => ink[i * width + j] as number, minH, gap);
  let horizontal = joinRuns(hPieces, gap, maxThickness).filter((r) => r.a1 - r.a0 >= minH);
  horizontal = horizontal.filter((r) => !looksLikeText(ink, width, height, r, true, charHeight));
  const minV = Math.max(Math.round(dpi * 0.12), Math.round(charHeight * 0.9));
  const vPieces = findRuns(width, height, (i, j) => ink[j * width + i] as number, minV, gap);
  const tol = Math.max(4, Math.round(dpi / 25));
  let vertical = joinRuns(vPieces, gap, maxThickness).filter((r) => r.a1 - r.a0 >= minV && solid(ink, width, r));
  // a column line meets (touches or crosses) at least two horizontal rules, from rule to rule:
  // two of them apart by half its length at least (not the two pieces of one broken rule, which a
  // character's stroke standing on it also meets)
  vertical = vertical.filter((v) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const h of horizontal) {
      if (v.pos >= h.a0 - tol && v.pos <= h.a1 + tol && h.pos >= v.a0 - tol && h.pos <= v.a1 + tol) {
        lo = Math.min(lo, h.pos);
        hi = Math.max(hi, h.pos);
      }
      if (hi - lo >= (v.a1 - v.a0) * 0.5) return true;
    }
    return false;
  });
  // a horizontal rule of a table meets a column line; a lone long rule (under a title) is kept
  // only when it is long (a separator), short ones touching nothing are strokes or underlines
  horizontal = horizontal.filter((h) => {
    if (h.a1 - h.a0 >= width * 0.25) return true;
    return vertical.some((v) => v.pos >= h.a0 - tol && v.pos <= h.a1 + tol && h.pos >= v.a0 - tol && h.pos <= v.a1 + tol);
  });
  return { horizontal: horizontal.slice(0, MAX_RULES), vertical: vertical.slice(0, MAX_RULES) };
}

/**
 * Whether a vertical rule is drawn all along: ink at (or a pixel beside) its centre on at least
 * 90 % of its rows. A digit's stroke bridged to the rules above and below it by the gap
 * tolerance leaves its padding empty.
 */
function solid(ink: Uint8Array, width: number, r: PixelRule): boolean {
  const x = Math.round(r.pos);
  let n = 0;
  for (let y = r.a0; y < r.a1; y++) {
    const row = y * width;
    if (ink[row + x] || (x > 0 && ink[row + x - 1]) || (x + 1 < width && ink[row + x + 1])) n++;
  }
  return n >= (r.a1 - r.a0) * 0.9;
}

/** Whether a "rule" is a row of text strokes: ink all along just beside it. */
function looksLikeText(ink: Uint8Array, width: number, height: number, r: PixelRule, horizontalRule: boolean, charHeight: number): boolean {
  const off = Math.ceil(r.thickness / 2) + Math.max(2, Math.round(charHeight * 0.15));
  let worst = 0;
  for (const side of [-1, 1]) {
    const line = Math.round(r.pos + side * off);
    if (line < 0 || line >= (horizontalRule ? height : width)) continue;
    let n = 0;
    for (let a = r.a0; a < r.a1; a++) {
      const v = horizontalRule ? ink[line * width + a] : ink[a * width + line];
      if (v) n++;
    }
    worst = Math.max(worst, n / Math.max(1, r.a1 - r.a0));
  }
  return worst > 0.5;
}

/** The pixel bands the rules cover, row ranges per rule: calls `band(y, x0, x1)` (x1 exclusive). */
function ruleBands(width: number, height: number, rules: Rules, band: (y: number, x0: number, x1: number) => void): void {
  for (const r of rules.horizontal) {
    const half = Math.ceil(r.thickness / 2) + 1;
    for (let y = Math.max(0, Math.floor(r.pos - half)); y <= Math.min(height - 1, Math.ceil(r.pos + half)); y++) {
      band(y, Math.max(0, r.a0 - 1), Math.min(width, r.a1 + 1));
    }
  }
  for (const r of rules.vertical) {
    const half = Math.ceil(r.thickness / 2) + 1;
    const x0 = Math.max(0, Math.floor(r.pos - half));
    const x1 = Math.min(width - 1, Math.ceil(r.pos + half));
    for (let y = Math.max(0, r.a0 - 1); y < Math.min(height, r.a1 + 1); y++) band(y, x0, x1 + 1);
  }
}

/** Ink with the rules wiped out (so that they neither join nor pollute the text). */
export function wipeRules(ink: Uint8Array, width: number, height: number, rules: Rules): Uint8Array {
  const out = new Uint8Array(ink);
  ruleBands(width, height, rules, (y, x0, x1) => out.fill(0, y * width + x0, y * width + x1));
  return out;
}

/**
 * The page with its rules (and `specks`) painted over in the paper's grey: what the recognizer
 * reads, so that a rule beside a number in a narrow cell never enters its image (as a 1, an I or
 * a sign), nor a speck of dust beside it (as a sign).
 */
export function eraseRules(img: GrayImage, rules: Rules, paper: number, specks: PixelBox[] = []): GrayImage {
  const data = new Uint8Array(img.data);
  ruleBands(img.width, img.height, rules, (y, x0, x1) => data.fill(paper, y * img.width + x0, y * img.width + x1));
  // (and the specks of dust dropped from the pieces' ends, with a pixel of their blurred edge)
  for (const s of specks) {
    for (let y = Math.max(0, s.y0 - 1); y < Math.min(img.height, s.y1 + 1); y++) data.fill(paper, y * img.width + Math.max(0, s.x0 - 1), y * img.width + Math.min(img.width, s.x1 + 1));
  }
  return { ...img, data };
}

// ---------------------------------------------------------------------------------------------
// Text pieces

/** Connected components (8-connected) of a mask, as boxes with their ink counts. */
export function components(mask: Uint8Array, width: number, height: number, maxComponents = 200_000, labels = new Int32Array(width * height)): (PixelBox & { ink: number })[] {
  labels.fill(-1);
  const boxes: (PixelBox & { ink: number })[] = [];
  const stack: number[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start] !== -1) continue;
    if (boxes.length >= maxComponents) break;
    const id = boxes.length;
    const b = { x0: width, y0: height, x1: 0, y1: 0, ink: 0 };
    labels[start] = id;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const x = i % width;
      const y = (i - x) / width;
      b.ink++;
      if (x < b.x0) b.x0 = x;
      if (y < b.y0) b.y0 = y;
      if (x + 1 > b.x1) b.x1 = x + 1;
      if (y + 1 > b.y1) b.y1 = y + 1;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const j = ny * width + nx;
          if (mask[j] && labels[j] === -1) {
            labels[j] = id;
            stack.push(j);
          }
        }
      }
    }
    boxes.push(b);
  }
  return boxes;
}

/** The usual height of a character: the median height of components the size of glyph parts. */
export function typicalCharHeight(comps: (PixelBox & { ink: number })[], dpi: number): number {
  const lo = dpi * 0.04; // 3 pt
  const hi = dpi * 0.4; // 29 pt
  const hs = comps
    .map((c) => c.y1 - c.y0)
    .filter((h) => h >= lo && h <= hi)
    .sort((a, b) => a - b);
  if (hs.length < 5) return Math.round(dpi * 0.14); // ~10.5 pt
  // upper quartile: CJK characters break into smaller parts; whole glyphs are the tall ones
  return hs[Math.floor(hs.length * 0.75)] as number;
}

/**
 * Boxes of text pieces: ink smeared along rows over gaps narrower than `gap` (never across a
 * column rule), connected, then cut where a box holds more than one text line.
 */
export function textBoxes(clean: Uint8Array, width: number, height: number, rules: Rules, charHeight: number, specks: PixelBox[] = []): PixelBox[] {
  const gap = Math.max(3, Math.round(charHeight * 0.7));
  // column rules as barriers, row by row
  const barrier = new Uint8Array(width * height);
  for (const r of rules.vertical) {
    const x0 = Math.max(0, Math.floor(r.pos - r.thickness / 2 - 1));
    const x1 = Math.min(width - 1, Math.ceil(r.pos + r.thickness / 2 + 1));
    for (let y = Math.max(0, r.a0 - 2); y < Math.min(height, r.a1 + 2); y++) barrier.fill(1, y * width + x0, y * width + x1 + 1);
  }
  const smeared = new Uint8Array(clean);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let last = -1;
    let blocked = false;
    for (let x = 0; x < width; x++) {
      if (barrier[row + x]) blocked = true;
      if (clean[row + x]) {
        if (last >= 0 && x - last - 1 <= gap && !blocked) smeared.fill(1, row + last + 1, row + x);
        last = x;
        blocked = false;
      }
    }
  }
  const labels = new Int32Array(width * height);
  const comps = stackGlyphParts(
    components(smeared, width, height, undefined, labels).map((c, id) => ({ ...c, id })),
    rules,
    charHeight,
  );
  const minSide = Math.max(2, Math.round(charHeight * 0.2));
  const boxes: PixelBox[] = [];
  for (const c of comps) {
    const w = c.x1 - c.x0;
    const h = c.y1 - c.y0;
    // specks of dust: a piece on its own that small and that round is no glyph (a point or a
    // comma belongs to the text beside it, and the smear has joined it to that); a lone 1 is tall
    // and thin, a minus sign flat and wide
    if (Math.max(w, h) < charHeight * 0.25) continue;
    // a sliver of a rule left beside it (no glyph is that thin and that tall), or a sliver of a
    // doubled border's other line just beside a rule, along it
    if (w <= charHeight * 0.15 && h >= charHeight * 1.3) continue;
    if (sliverOfRule(c, rules, charHeight)) continue;
    if (w < charHeight * 0.45 && h < charHeight * 0.45 && h < w * 2.2 && w < h * 2.2) continue;
    if (h < minSide * 0.6) continue; // a dash of noise; a real "—" has some height once padded
    // ink actually present (the smear adds some); a box with almost none is noise
    let n = 0;
    for (let y = c.y0; y < c.y1; y++) for (let x = c.x0; x < c.x1; x++) n += clean[y * width + x] as number;
    if (n < Math.max(6, charHeight * 0.3)) continue;
    boxes.push(...splitLines(clean, labels, c.id, width, { x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1 }, charHeight));
    if (boxes.length >= MAX_BOXES) break;
  }
  return boxes.slice(0, MAX_BOXES).map((b) => dropEdgeSpecks(clean, width, trimBox(clean, width, b), charHeight, specks));
}

/**
 * A box without a speck of dust at either end that the smear joined to its text (it would make
 * a number's box wider than its digits, or read as a point, a quote or a sign): a mark no bigger
 * than a seventh of a character each way set apart from the rest by a fifth of one, or no bigger
 * than a tenth each way by a twelfth. A sign is longer than that; a point inside a number is not
 * at its end. The specks dropped are added to `specks` (at most two per end), to be painted over
 * before reading.
 */
function dropEdgeSpecks(ink: Uint8Array, width: number, b: PixelBox, charHeight: number, specks: PixelBox[]): PixelBox {
  const speck = charHeight * 0.15;
  const apart = charHeight * 0.2;
  // (a speck of a pixel or two may sit closer: no glyph's part is that small and that far out)
  const dot = charHeight * 0.1;
  const nearApart = charHeight * 0.08;
  const isSpeck = (w: number, h: number, gap: number) => w <= speck && h <= speck && (gap >= apart || (w <= dot && h <= dot && gap >= nearApart));
  const colHas = (x: number) => {
    for (let y = b.y0; y < b.y1; y++) if (ink[y * width + x]) return true;
    return false;
  };
  const rowsOf = (xa: number, xb: number): [number, number] => {
    let top = -1;
    let bottom = -1;
    for (let y = b.y0; y < b.y1; y++) {
      for (let x = xa; x < xb; x++) {
        if (ink[y * width + x]) {
          if (top < 0) top = y;
          bottom = y;
          break;
        }
      }
    }
    return top < 0 ? [b.y0, b.y0] : [top, bottom + 1];
  };
  let { x0, x1 } = b;
  for (let k = 0; k < 2; k++) {
    // the leftmost island: ink columns from x0 to the first empty one
    let e = x0;
    while (e < x1 && colHas(e)) e++;
    let n = e;
    while (n < x1 && !colHas(n)) n++;
    const [t, u] = rowsOf(x0, e);
    if (n >= x1 || !isSpeck(e - x0, u - t, n - e)) break;
    specks.push({ x0, x1: e, y0: t, y1: u });
    x0 = n;
  }
  for (let k = 0; k < 2; k++) {
    let s = x1;
    while (s > x0 && colHas(s - 1)) s--;
    let n = s;
    while (n > x0 && !colHas(n - 1)) n--;
    const [t, u] = rowsOf(s, x1);
    if (n <= x0 || !isSpeck(x1 - s, u - t, s - n)) break;
    specks.push({ x0: s, x1, y0: t, y1: u });
    x1 = n;
  }
  return x0 === b.x0 && x1 === b.x1 ? b : trimBox(ink, width, { x0, x1, y0: b.y0, y1: b.y1 });
}

/**
 * Whether a piece is a thin line of ink (a few pixels thick) just beside a rule and along it: the
 * edge of a rule the wipe missed, or the other line of a doubled border (a nested table's side
 * drawn beside its frame's); never a glyph, which stands off the rules.
 */
function sliverOfRule(c: PixelBox, rules: Rules, charHeight: number): boolean {
  const w = c.x1 - c.x0;
  const h = c.y1 - c.y0;
  const thin = Math.max(3, charHeight * 0.08);
  if (w <= thin && h > w * 4) {
    const cx = (c.x0 + c.x1) / 2;
    return rules.vertical.some((r) => Math.abs(r.pos - cx) <= r.thickness / 2 + 3 + w && r.a0 <= c.y0 + 2 && r.a1 >= c.y1 - 2);
  }
  if (h <= thin && w > h * 4) {
    const cy = (c.y0 + c.y1) / 2;
    return rules.horizontal.some((r) => Math.abs(r.pos - cy) <= r.thickness / 2 + 3 + h && r.a0 <= c.x0 + 2 && r.a1 >= c.x1 - 2);
  }
  return false;
}

/**
 * Pieces of one glyph stacked above each other joined into one box: a character made of
 * separate horizontal strokes (三, 二, 一 with its 、) whose full-width punctuation leaves too wide
 * a gap for the smear to reach the next character is otherwise read stroke by stroke. Only flat
 * pieces (under ¾ of a character high) that overlap horizontally, with no rule between them, and
 * only while the joined box is no taller than a character: two text lines never fit in that.
 * Bounded: at most MAX_STACKED pieces are looked at, each against the groups still open.
 */
const MAX_STACKED = 20_000;
function stackGlyphParts<T extends PixelBox & { ink: number }>(comps: T[], rules: Rules, charHeight: number): T[] {
  const flatMax = charHeight * 0.75;
  const tallest = charHeight * 1.15;
  const candidates: T[] = [];
  for (const c of comps) {
    const h = c.y1 - c.y0;
    const w = c.x1 - c.x0;
    if (h <= flatMax && Math.max(w, h) >= charHeight * 0.2 && candidates.length < MAX_STACKED) candidates.push(c);
  }
  if (candidates.length < 2) return comps;
  candidates.sort((p, q) => p.y0 - q.y0 || p.x0 - q.x0);
  const ruleBetween = (top: number, bottom: number, x0: number, x1: number) =>
    rules.horizontal.some((r) => r.pos >= top - 1 && r.pos <= bottom + 1 && r.a0 <= x1 && r.a1 >= x0);
  // (the first piece of a group becomes the group's box; the pieces joined to it are dropped)
  const absorbed = new Set<T>();
  let open: T[] = [];
  for (const c of candidates) {
    open = open.filter((g) => g.y0 > c.y0 - tallest);
    const g = open.find((o) => {
      const ox = Math.min(o.x1, c.x1) - Math.max(o.x0, c.x0);
      if (ox < 0.5 * Math.min(o.x1 - o.x0, c.x1 - c.x0)) return false;
      if (Math.max(o.y1, c.y1) - Math.min(o.y0, c.y0) > tallest) return false;
      return !ruleBetween(Math.min(o.y1, c.y1), Math.max(o.y0, c.y0), Math.max(o.x0, c.x0), Math.min(o.x1, c.x1));
    });
    if (g) {
      g.x0 = Math.min(g.x0, c.x0);
      g.y0 = Math.min(g.y0, c.y0);
      g.x1 = Math.max(g.x1, c.x1);
      g.y1 = Math.max(g.y1, c.y1);
      g.ink += c.ink;
      absorbed.add(c);
    } else open.push(c);
  }
  return absorbed.size === 0 ? comps : comps.filter((c) => !absorbed.has(c));
}

/**
 * A box taller than a line cut at the emptiest rows between its lines. Only the component's own
 * ink counts (`labels` = `id`): the box of a component that joins two lines (a speck between
 * them, touching strokes) also holds other pieces of those lines, which are boxes of their own;
 * each line's part is as wide as the component's own ink in it.
 */
function splitLines(ink: Uint8Array, labels: Int32Array, id: number, width: number, b: PixelBox, charHeight: number): PixelBox[] {
  const h = b.y1 - b.y0;
  if (h < charHeight * 1.6) return [b];
  const own = (i: number) => labels[i] === id && ink[i] === 1;
  const prof: number[] = [];
  for (let y = b.y0; y < b.y1; y++) {
    let n = 0;
    for (let x = b.x0; x < b.x1; x++) if (own(y * width + x)) n++;
    prof.push(n);
  }
  const w = b.x1 - b.x0;
  const quiet = Math.max(1, w * 0.01);
  const out: PixelBox[] = [];
  let start = -1;
  for (let i = 0; i <= prof.length; i++) {
    const on = i < prof.length && (prof[i] as number) > quiet;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      if (i - start >= Math.max(2, charHeight * 0.25)) {
        const y0 = b.y0 + start;
        const y1 = b.y0 + i;
        let x0 = b.x1;
        let x1 = b.x0;
        for (let y = y0; y < y1; y++) {
          for (let x = b.x0; x < b.x1; x++) {
            if (own(y * width + x)) {
              if (x < x0) x0 = x;
              if (x + 1 > x1) x1 = x + 1;
            }
          }
        }
        if (x1 > x0) out.push({ x0, x1, y0, y1 });
      }
      start = -1;
    }
  }
  return out.length > 0 ? out : [b];
}

/** The box shrunk to its ink. */
function trimBox(ink: Uint8Array, width: number, b: PixelBox): PixelBox {
  let { x0, y0, x1, y1 } = b;
  const colHas = (x: number) => {
    for (let y = y0; y < y1; y++) if (ink[y * width + x]) return true;
    return false;
  };
  const rowHas = (y: number) => {
    for (let x = x0; x < x1; x++) if (ink[y * width + x]) return true;
    return false;
  };
  while (x0 < x1 - 1 && !colHas(x0)) x0++;
  while (x1 > x0 + 1 && !colHas(x1 - 1)) x1--;
  while (y0 < y1 - 1 && !rowHas(y0)) y0++;
  while (y1 > y0 + 1 && !rowHas(y1 - 1)) y1--;
  return { x0, y0, x1, y1 };
}

/** Median grey of the page: the paper. */
export function paperLevel(img: GrayImage): number {
  const hist = new Uint32Array(256);
  const step = Math.max(1, Math.floor(img.data.length / 500_000));
  let n = 0;
  for (let i = 0; i < img.data.length; i += step) {
    hist[img.data[i] as number]!++;
    n++;
  }
  let acc = 0;
  for (let t = 0; t < 256; t++) {
    acc += hist[t] as number;
    if (acc >= n / 2) return t;
  }
  return 255;
}
