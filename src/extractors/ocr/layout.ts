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
      const g = open.find((o) => o.lastRow >= row - 1 && pc.a0 <= o.a1 + gap && pc.a1 >= o.a0 - gap);
      if (g) {
        g.a0 = Math.min(g.a0, pc.a0);
        g.a1 = Math.max(g.a1, pc.a1);
        if (g.lastRow !== row) g.rows.push(row);
        g.lastRow = row;
        g.weight += len;
        g.sum += row * len;
      } else {
        open.push({ rows: [row], a0: pc.a0, a1: pc.a1, lastRow: row, weight: len, sum: row * len });
      }
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
    if (thickness > maxThickness && meanRunsPerRow < span * 0.5) continue;
    if (thickness > maxThickness * 3) continue;
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
  // a column line meets (touches or crosses) at least two horizontal rules
  vertical = vertical.filter((v) => {
    let met = 0;
    for (const h of horizontal) {
      if (v.pos >= h.a0 - tol && v.pos <= h.a1 + tol && h.pos >= v.a0 - tol && h.pos <= v.a1 + tol) met++;
      if (met >= 2) return true;
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

/** Ink with the rules wiped out (so that they neither join nor pollute the text). */
export function wipeRules(ink: Uint8Array, width: number, height: number, rules: Rules): Uint8Array {
  const out = new Uint8Array(ink);
  for (const r of rules.horizontal) {
    const half = Math.ceil(r.thickness / 2) + 1;
    for (let y = Math.max(0, Math.floor(r.pos - half)); y <= Math.min(height - 1, Math.ceil(r.pos + half)); y++) {
      out.fill(0, y * width + Math.max(0, r.a0 - 1), y * width + Math.min(width, r.a1 + 1));
    }
  }
  for (const r of rules.vertical) {
    const half = Math.ceil(r.thickness / 2) + 1;
    const x0 = Math.max(0, Math.floor(r.pos - half));
    const x1 = Math.min(width - 1, Math.ceil(r.pos + half));
    for (let y = Math.max(0, r.a0 - 1); y < Math.min(height, r.a1 + 1); y++) out.fill(0, y * width + x0, y * width + x1 + 1);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Text pieces

/** Connected components (8-connected) of a mask, as boxes with their ink counts. */
export function components(mask: Uint8Array, width: number, height: number, maxComponents = 200_000): (PixelBox & { ink: number })[] {
  const labels = new Int32Array(width * height).fill(-1);
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
export function textBoxes(clean: Uint8Array, width: number, height: number, rules: Rules, charHeight: number): PixelBox[] {
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
  const comps = components(smeared, width, height);
  const minSide = Math.max(2, Math.round(charHeight * 0.2));
  const boxes: PixelBox[] = [];
  for (const c of comps) {
    const w = c.x1 - c.x0;
    const h = c.y1 - c.y0;
    // specks of dust: a piece on its own that small and that round is no glyph (a point or a
    // comma belongs to the text beside it, and the smear has joined it to that); a lone 1 is tall
    // and thin, a minus sign flat and wide
    if (Math.max(w, h) < charHeight * 0.25) continue;
    if (w < charHeight * 0.45 && h < charHeight * 0.45 && h < w * 2.2 && w < h * 2.2) continue;
    if (h < minSide * 0.6) continue; // a dash of noise; a real "—" has some height once padded
    // ink actually present (the smear adds some); a box with almost none is noise
    let n = 0;
    for (let y = c.y0; y < c.y1; y++) for (let x = c.x0; x < c.x1; x++) n += clean[y * width + x] as number;
    if (n < Math.max(6, charHeight * 0.3)) continue;
    boxes.push(...splitLines(clean, width, { x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1 }, charHeight));
    if (boxes.length >= MAX_BOXES) break;
  }
  return boxes.slice(0, MAX_BOXES).map((b) => trimBox(clean, width, b));
}

/** A box taller than a line cut at the emptiest rows between its lines. */
function splitLines(ink: Uint8Array, width: number, b: PixelBox, charHeight: number): PixelBox[] {
  const h = b.y1 - b.y0;
  if (h < charHeight * 1.6) return [b];
  const prof: number[] = [];
  for (let y = b.y0; y < b.y1; y++) {
    let n = 0;
    for (let x = b.x0; x < b.x1; x++) n += ink[y * width + x] as number;
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
      if (i - start >= Math.max(2, charHeight * 0.25)) out.push({ x0: b.x0, x1: b.x1, y0: b.y0 + start, y1: b.y0 + i });
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
