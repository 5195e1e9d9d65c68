/**
 * Adapter over pdf.js's operator list (an internal, version-dependent format; this is the only
 * module that reads it). Walks one page's operators, tracks the current transformation matrix and
 * the text state, and returns, in top-left page coordinates (points, y downwards):
 *
 *  - ruling segments: stroked horizontal/vertical lines and the edges of stroked rectangles, plus
 *    thin filled rectangles (how WPS draws borders) as lines through their middle;
 *  - shaded rectangles: filled, non-white rectangles big in both dimensions (cell backgrounds);
 *  - image boxes (for the image-only / needs-OCR check);
 *  - glyphs of vertical-writing (Identity-V) fonts, positioned one by one. pdf.js's text layer
 *    drops characters of such runs (e.g. "三、本年度办理结果" comes out as "三、本"), so they are
 *    rebuilt here from the showText operators exactly as the canvas renderer would place them.
 *
 * Path format (pdf.js ≥ 5.1): constructPath args = [paintOp, [Float32Array | null], minMax], with
 * DrawOPS codes 0 moveTo x y, 1 lineTo x y, 2 curveTo (6 numbers), 3 quadraticCurveTo (4 numbers),
 * 4 closePath. Coordinates are in the current user space.
 */

import { mapped } from '../arrays.js';

export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** pdf.js Util.transform: the matrix m2 applied first, then m1 (row-vector convention p·m2·m1). */
export function multiply(m1: readonly number[], m2: readonly number[]): Matrix {
  const [a1, b1, c1, d1, e1, f1] = m1 as Matrix;
  const [a2, b2, c2, d2, e2, f2] = m2 as Matrix;
  return [
    a1 * a2 + c1 * b2,
    b1 * a2 + d1 * b2,
    a1 * c2 + c1 * d2,
    b1 * c2 + d1 * d2,
    a1 * e2 + c1 * f2 + e1,
    b1 * e2 + d1 * f2 + f1,
  ];
}

export function apply(m: readonly number[], x: number, y: number): [number, number] {
  return [x * (m[0] as number) + y * (m[2] as number) + (m[4] as number), x * (m[1] as number) + y * (m[3] as number) + (m[5] as number)];
}

/** A horizontal (y fixed) or vertical (x fixed) ruling in page coordinates. */
export interface Segment {
  /** 'h': from (a0, pos) to (a1, pos); 'v': from (pos, a0) to (pos, a1). a0 ≤ a1. */
  dir: 'h' | 'v';
  pos: number;
  a0: number;
  a1: number;
  /** Where it came from; shading edges are weaker evidence than drawn lines. */
  source: 'stroke' | 'fill' | 'shade';
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One glyph of a vertical-writing font (or another glyph placed on its own), page coordinates. */
export interface PlacedGlyph {
  ch: string;
  /** Centre of the glyph box. */
  cx: number;
  cy: number;
  /** Glyph size (font size in page units). */
  size: number;
  /** Reading direction on the page: top-to-bottom ('down') or bottom-to-top ('up'). */
  dir: 'down' | 'up';
}

/**
 * Hidden-class seeds. V8 stores a number field of an object as a small integer or as a double
 * according to the first value it sees in objects of that shape (the same properties in the same
 * order, wherever they are made): a whole number first (a 12 pt font size, a rule at x = 72) makes
 * it an integer field, and the first fraction after it replaces the shape, so that every optimised
 * function that met the old shape is deoptimised and compiled again (dozens of times in a
 * process's first document). One object of each hot shape made at load time with fractions makes
 * those fields doubles from the start; the numbers read back are the same either way. Exported so
 * that no bundler drops them; other modules seed their own shapes with these.
 */
export const SHAPE_SEEDS: object[] = [
  { x0: 0.5, y0: 0.5, x1: 0.5, y1: 0.5 } satisfies Box,
  { dir: 'h', pos: 0.5, a0: 0.5, a1: 0.5, source: 'fill' } satisfies Segment,
  { ch: '', cx: 0.5, cy: 0.5, size: 0.5, dir: 'down' } satisfies PlacedGlyph,
];

export interface PageGraphics {
  segments: Segment[];
  shades: Box[];
  images: Box[];
  verticalGlyphs: PlacedGlyph[];
  /** Count of path operators we could not read (unexpected format); > 0 means rulings may be missing. */
  unreadablePaths: number;
}

export interface OperatorListLike {
  fnArray: ArrayLike<number>;
  argsArray: ArrayLike<unknown>;
}

export interface FontInfo {
  vertical: boolean;
  fontMatrix?: ArrayLike<number> | undefined;
  defaultVMetrics?: ArrayLike<number> | undefined;
}

export interface WalkOptions {
  ops: Record<string, number>;
  /** Viewport transform (PDF user space → top-left page space). */
  viewport: readonly number[];
  /** Font information by loaded font name (as in setFont args and text content fontName). */
  font: (name: string) => FontInfo | null;
}

/** Filled rectangles thinner than this (pt) in one dimension are drawn lines. */
export const THIN = 2;

function isWhite(color: unknown): boolean {
  if (typeof color !== 'string' || !/^#[0-9a-f]{6}$/i.test(color)) return false;
  const v = parseInt(color.slice(1), 16);
  return ((v >> 16) & 255) >= 0xf0 && ((v >> 8) & 255) >= 0xf0 && (v & 255) >= 0xf0;
}

interface GState {
  ctm: Matrix;
  fill: unknown;
  stroke: unknown;
  fillVisible: boolean;
  strokeVisible: boolean;
}

interface TextState {
  matrix: Matrix;
  x: number;
  y: number;
  lineX: number;
  lineY: number;
  leading: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  rise: number;
  fontSize: number;
  fontDirection: number;
  fontName: string;
}

function newTextState(): TextState {
  return {
    matrix: [...IDENTITY],
    x: 0,
    y: 0,
    lineX: 0,
    lineY: 0,
    leading: 0,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    rise: 0,
    fontSize: 0,
    fontDirection: 1,
    fontName: '',
  };
}

function num(v: unknown, fallback = 0): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

function asMatrix(v: unknown): Matrix | null {
  if (v && typeof v === 'object' && 'length' in v && (v as ArrayLike<unknown>).length >= 6) {
    const a = v as ArrayLike<unknown>;
    const m = mapped([0, 1, 2, 3, 4, 5], (i) => num(a[i], NaN));
    if (m.every((x) => Number.isFinite(x))) return m as Matrix;
  }
  return null;
}

interface GlyphLike {
  unicode?: string;
  width?: number;
  vmetric?: ArrayLike<number> | null;
  isSpace?: boolean;
}

export function walkOperatorList(list: OperatorListLike, opts: WalkOptions): PageGraphics {
  const OPS = opts.ops;
  const out: PageGraphics = { segments: [], shades: [], images: [], verticalGlyphs: [], unreadablePaths: 0 };
  let gs: GState = { ctm: [...IDENTITY], fill: '#000000', stroke: '#000000', fillVisible: true, strokeVisible: true };
  const stack: GState[] = [];
  const ts = newTextState();
  const toPage = (m: Matrix, x: number, y: number): [number, number] => {
    const [ux, uy] = apply(m, x, y);
    return apply(opts.viewport, ux, uy);
  };

  const n = list.fnArray.length;
  for (let i = 0; i < n; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as unknown[] | null | undefined;
    switch (fn) {
      case OPS.save:
        stack.push({ ...gs });
        break;
      case OPS.restore:
        gs = stack.pop() ?? gs;
        break;
      case OPS.transform: {
        const m = asMatrix(args);
        if (m) gs.ctm = multiply(gs.ctm, m);
        break;
      }
      case OPS.paintFormXObjectBegin: {
        stack.push({ ...gs });
        const m = asMatrix(args?.[0]);
        if (m) gs.ctm = multiply(gs.ctm, m);
        break;
      }
      case OPS.paintFormXObjectEnd:
        gs = stack.pop() ?? gs;
        break;
      case OPS.setFillRGBColor:
        gs.fill = args?.[0];
        gs.fillVisible = true;
        break;
      case OPS.setStrokeRGBColor:
        gs.stroke = args?.[0];
        gs.strokeVisible = true;
        break;
      case OPS.setFillColorN:
        gs.fill = 'pattern';
        gs.fillVisible = true;
        break;
      case OPS.setStrokeColorN:
        gs.stroke = 'pattern';
        gs.strokeVisible = true;
        break;
      case OPS.setFillTransparent:
        gs.fillVisible = false;
        break;
      case OPS.setStrokeTransparent:
        gs.strokeVisible = false;
        break;
      case OPS.constructPath:
        readPath(args, gs, OPS, toPage, out);
        break;
      case OPS.paintImageXObject:
      case OPS.paintInlineImageXObject:
      case OPS.paintImageMaskXObject:
      case OPS.paintImageXObjectRepeat:
      case OPS.paintImageMaskXObjectRepeat:
      case OPS.paintSolidColorImageMask:
      case OPS.paintInlineImageXObjectGroup:
      case OPS.paintImageMaskXObjectGroup: {
        const pts = [toPage(gs.ctm, 0, 0), toPage(gs.ctm, 1, 0), toPage(gs.ctm, 0, 1), toPage(gs.ctm, 1, 1)];
        out.images.push({
          x0: Math.min(...mapped(pts, (p) => p[0])),
          y0: Math.min(...mapped(pts, (p) => p[1])),
          x1: Math.max(...mapped(pts, (p) => p[0])),
          y1: Math.max(...mapped(pts, (p) => p[1])),
        });
        break;
      }
      // ---- text state (only needed to place vertical-font glyphs) ----
      case OPS.beginText:
        ts.matrix = [...IDENTITY];
        ts.x = ts.y = ts.lineX = ts.lineY = 0;
        break;
      case OPS.setFont:
        ts.fontName = typeof args?.[0] === 'string' ? args[0] : '';
        ts.fontSize = Math.abs(num(args?.[1]));
        ts.fontDirection = num(args?.[1]) < 0 ? -1 : 1;
        break;
      case OPS.setTextMatrix: {
        const m = asMatrix(args?.[0]) ?? asMatrix(args);
        if (m) ts.matrix = m;
        ts.x = ts.y = ts.lineX = ts.lineY = 0;
        break;
      }
      case OPS.moveText:
        ts.x = ts.lineX += num(args?.[0]);
        ts.y = ts.lineY += num(args?.[1]);
        break;
      case OPS.setLeadingMoveText:
        ts.leading = num(args?.[1]);
        ts.x = ts.lineX += num(args?.[0]);
        ts.y = ts.lineY += num(args?.[1]);
        break;
      case OPS.setLeading:
        ts.leading = -num(args?.[0]);
        break;
      case OPS.nextLine:
        ts.x = ts.lineX;
        ts.y = ts.lineY += ts.leading;
        break;
      case OPS.setCharSpacing:
        ts.charSpacing = num(args?.[0]);
        break;
      case OPS.setWordSpacing:
        ts.wordSpacing = num(args?.[0]);
        break;
      case OPS.setHScale:
        ts.hScale = num(args?.[0], 100) / 100;
        break;
      case OPS.setTextRise:
        ts.rise = num(args?.[0]);
        break;
      case OPS.showText:
        showText(args?.[0], ts, gs, opts, out);
        break;
      default:
        break;
    }
  }
  return out;
}

function showText(glyphs: unknown, ts: TextState, gs: GState, opts: WalkOptions, out: PageGraphics): void {
  if (!Array.isArray(glyphs) || ts.fontSize === 0) return;
  const font = opts.font(ts.fontName);
  const vertical = font?.vertical === true;
  const fm0 = num(font?.fontMatrix?.[0], 0.001) || 0.001;
  const scale = ts.fontSize * fm0; // glyph units → text space
  const hScale = ts.hScale * ts.fontDirection;
  let x = 0;
  // text space → page: textMatrix, then CTM, then viewport
  const m = multiply(opts.viewport, multiply(gs.ctm, ts.matrix));
  for (const g of glyphs as unknown[]) {
    if (typeof g === 'number') {
      x += ((vertical ? 1 : -1) * g * ts.fontSize) / 1000;
      continue;
    }
    if (!g || typeof g !== 'object') continue;
    const glyph = g as GlyphLike;
    const spacing = (glyph.isSpace ? ts.wordSpacing : 0) + ts.charSpacing;
    let width = num(glyph.width);
    if (vertical) {
      const vm = glyph.vmetric ?? font?.defaultVMetrics ?? null;
      const advance = vm ? -num(vm[0]) : width || 1000;
      const vx = vm && glyph.vmetric ? num(vm[1]) : width * 0.5;
      const ch = glyph.unicode ?? '';
      if (ch.trim() !== '') {
        // Glyph box in text space: horizontally centred on (−vx + width/2), vertically the advance
        // below the current point (the canvas draws with a y-flip, hence the minus signs).
        const tx = ts.x + hScale * (-vx + width / 2) * scale;
        const ty = ts.y + ts.rise - (x + (advance * scale) / 2);
        const [cx, cy] = apply(m, tx, ty);
        const [ox, oy] = apply(m, ts.x, ts.y + ts.rise - x);
        const [ex, ey] = apply(m, ts.x, ts.y + ts.rise - x - advance * scale);
        const size = Math.hypot(ex - ox, ey - oy) || ts.fontSize;
        out.verticalGlyphs.push({ ch, cx, cy, size, dir: ey >= oy ? 'down' : 'up' });
      }
      width = advance;
      x += width * scale - spacing * ts.fontDirection;
    } else {
      x += width * scale + spacing * ts.fontDirection;
    }
  }
  if (vertical) ts.y -= x;
  else ts.x += x * hScale;
}

type ToPage = (m: Matrix, x: number, y: number) => [number, number];

function readPath(args: unknown[] | null | undefined, gs: GState, OPS: Record<string, number>, toPage: ToPage, out: PageGraphics): void {
  if (!Array.isArray(args)) {
    out.unreadablePaths++;
    return;
  }
  const paintOp = args[0];
  if (paintOp === OPS.endPath || typeof paintOp !== 'number') return; // clipping paths, no-ops
  const holder = args[1];
  const data = Array.isArray(holder) ? holder[0] : null;
  if (data === null || data === undefined) return;
  if (typeof data !== 'object' || !('length' in (data as object))) {
    out.unreadablePaths++;
    return;
  }
  const d = data as ArrayLike<number>;
  const stroked = [OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke].includes(paintOp);
  const filled = [OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke].includes(paintOp);
  const closeAll = [OPS.closeStroke, OPS.closeFillStroke, OPS.closeEOFillStroke].includes(paintOp);

  // Subpaths as polylines in page space; curves break axis-aligned analysis and are kept as
  // a "curved" flag on the subpath.
  interface Sub {
    pts: [number, number][];
    closed: boolean;
    curved: boolean;
  }
  const subs: Sub[] = [];
  let cur: Sub | null = null;
  for (let k = 0; k < d.length; ) {
    const op = d[k];
    if (op === 0) {
      cur = { pts: [toPage(gs.ctm, num(d[k + 1]), num(d[k + 2]))], closed: false, curved: false };
      subs.push(cur);
      k += 3;
    } else if (op === 1) {
      const p = toPage(gs.ctm, num(d[k + 1]), num(d[k + 2]));
      if (!cur) {
        cur = { pts: [], closed: false, curved: false };
        subs.push(cur);
      }
      cur.pts.push(p);
      k += 3;
    } else if (op === 2) {
      const p = toPage(gs.ctm, num(d[k + 5]), num(d[k + 6]));
      if (cur) {
        cur.curved = true;
        cur.pts.push(p);
      }
      k += 7;
    } else if (op === 3) {
      const p = toPage(gs.ctm, num(d[k + 3]), num(d[k + 4]));
      if (cur) {
        cur.curved = true;
        cur.pts.push(p);
      }
      k += 5;
    } else if (op === 4) {
      if (cur) cur.closed = true;
      k += 1;
    } else {
      out.unreadablePaths++;
      return;
    }
  }

  if (stroked && gs.strokeVisible && !isWhite(gs.stroke)) {
    for (const s of subs) {
      if (s.curved) continue;
      const pts = s.closed || closeAll ? [...s.pts, s.pts[0] as [number, number]] : s.pts;
      for (let k = 1; k < pts.length; k++) addLine(pts[k - 1] as [number, number], pts[k] as [number, number], 'stroke', out);
    }
  }
  if (filled && gs.fillVisible && !isWhite(gs.fill)) {
    const rects: Box[] = [];
    for (const s of subs) {
      if (s.curved) continue;
      const r = asRect(s.pts);
      if (r) rects.push(r);
    }
    // An even-odd frame (outer rectangle with an inner one just inside) is a border.
    const used = new Set<number>();
    for (let a = 0; a < rects.length; a++) {
      for (let b = 0; b < rects.length; b++) {
        if (a === b || used.has(a) || used.has(b)) continue;
        const o = rects[a] as Box;
        const n = rects[b] as Box;
        const gaps = [n.x0 - o.x0, n.y0 - o.y0, o.x1 - n.x1, o.y1 - n.y1];
        if (gaps.every((g) => g >= -0.01 && g <= THIN) && n.x1 - n.x0 > THIN && n.y1 - n.y0 > THIN) {
          used.add(a).add(b);
          const l = (o.x0 + n.x0) / 2, r = (o.x1 + n.x1) / 2, t = (o.y0 + n.y0) / 2, bt = (o.y1 + n.y1) / 2;
          out.segments.push({ dir: 'h', pos: t, a0: l, a1: r, source: 'fill' });
          out.segments.push({ dir: 'h', pos: bt, a0: l, a1: r, source: 'fill' });
          out.segments.push({ dir: 'v', pos: l, a0: t, a1: bt, source: 'fill' });
          out.segments.push({ dir: 'v', pos: r, a0: t, a1: bt, source: 'fill' });
        }
      }
    }
    rects.forEach((r, idx) => {
      if (used.has(idx)) return;
      const w = r.x1 - r.x0;
      const h = r.y1 - r.y0;
      if (h <= THIN && w > h) out.segments.push({ dir: 'h', pos: (r.y0 + r.y1) / 2, a0: r.x0, a1: r.x1, source: 'fill' });
      else if (w <= THIN && h > w) out.segments.push({ dir: 'v', pos: (r.x0 + r.x1) / 2, a0: r.y0, a1: r.y1, source: 'fill' });
      else if (w > THIN && h > THIN) out.shades.push(r);
    });
  }
}

/** The box of an axis-aligned rectangle given as its corner points (open or closed), else null. */
function asRect(pts: [number, number][]): Box | null {
  let p = pts;
  if (p.length === 5 && near(p[0] as [number, number], p[4] as [number, number])) p = p.slice(0, 4);
  if (p.length === 2) {
    // zero-width/height rectangle (moveTo, lineTo, closePath)
    const [a, b] = p as [[number, number], [number, number]];
    if (Math.abs(a[0] - b[0]) < 0.01 || Math.abs(a[1] - b[1]) < 0.01)
      return { x0: Math.min(a[0], b[0]), y0: Math.min(a[1], b[1]), x1: Math.max(a[0], b[0]), y1: Math.max(a[1], b[1]) };
    return null;
  }
  if (p.length !== 4) return null;
  for (let k = 0; k < 4; k++) {
    const a = p[k] as [number, number];
    const b = p[(k + 1) % 4] as [number, number];
    if (Math.abs(a[0] - b[0]) > 0.01 && Math.abs(a[1] - b[1]) > 0.01) return null;
  }
  const xs = mapped(p, (q) => q[0]);
  const ys = mapped(p, (q) => q[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

function near(a: [number, number], b: [number, number]): boolean {
  return Math.abs(a[0] - b[0]) < 0.01 && Math.abs(a[1] - b[1]) < 0.01;
}

function addLine(p: [number, number], q: [number, number], source: Segment['source'], out: PageGraphics): void {
  const dx = Math.abs(p[0] - q[0]);
  const dy = Math.abs(p[1] - q[1]);
  if (dy <= 0.5 && dx > 0) out.segments.push({ dir: 'h', pos: (p[1] + q[1]) / 2, a0: Math.min(p[0], q[0]), a1: Math.max(p[0], q[0]), source });
  else if (dx <= 0.5 && dy > 0) out.segments.push({ dir: 'v', pos: (p[0] + q[0]) / 2, a0: Math.min(p[1], q[1]), a1: Math.max(p[1], q[1]), source });
}
