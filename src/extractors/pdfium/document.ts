/**
 * PDFium's reading of a PDF, as the extractor's engine-independent `PageInput` (pdf.ts): the same
 * meaning as the pdf.js path gives (pdf-ops.ts, pdf-text.ts), from PDFium's C API.
 *
 *  - Text: PDFium's text page, one character at a time (unicode, origin, advance box, font size,
 *    matrix, text object). Characters are grouped into items the way pdf.js builds its text
 *    content (same font and size, same baseline, no gap over 0.6 em; a space where the gap is
 *    over 0.1 em) and handed to pdf-text.ts's `runsFromItems`, so that cleaning, CJK joining and
 *    rotated text are the pdf.js path's own. As in pdf.js, space glyphs only move the pen and
 *    glyphs outside the page view are dropped. Characters PDFium generated (spaces, line breaks
 *    it infers) are not text; their origin only marks where an overhanging glyph's advance ends.
 *    PDFium reports a line-end hyphen as U+0002: read as "-".
 *  - Vertical writing (Identity-V fonts): each glyph placed on its own, centred in its advance
 *    box, like pdf-ops.ts's showText.
 *  - Paths and images: every page object (form XObjects walked into) is replayed as a small
 *    pdf.js-style operator list through pdf-ops.ts's `walkOperatorList`, so stroked lines,
 *    rectangle edges, thin fills, even-odd frames, white fills and shades are classified by the
 *    same code as with pdf.js.
 *
 * Bounds: characters per page, page objects per page (forms included), form nesting, path
 * segments per page, metadata length. Nothing from the file sizes an allocation.
 */
import { SHAPE_SEEDS, walkOperatorList, type Box, type Matrix, type OperatorListLike, type PlacedGlyph } from '../pdf-ops.js';
import { cleanText, runsFromItems, type FontStyle, type TextItemLike } from '../pdf-text.js';
import type { PageInput } from '../pdf.js';
import { discardPdfium, isWasmFault, loadPdfium, type Pdfium } from './load.js';
import { declaredPageCount, malformedEncryption } from './page-count.js';
import { renderPage, type RenderedPage } from './render.js';

/** Characters read per page (a dense A4 page has ~3,000). */
export const MAX_CHARS_PER_PAGE = 200_000;
/** Page objects visited per page, inside forms included. */
export const MAX_OBJECTS_PER_PAGE = 200_000;
/** Path segments read per page. */
export const MAX_SEGMENTS_PER_PAGE = 1_000_000;
/** Form XObjects nested in each other. */
export const MAX_FORM_DEPTH = 12;
/** Metadata text read (UTF-16 code units). */
const MAX_META_UNITS = 65_536;

/** An error named as pdf.js names it, so that pdf.ts classifies both engines' failures alike. */
function failure(name: 'PasswordException' | 'InvalidPDFException' | 'UnknownErrorException', message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

const LOAD_ERRORS: Record<number, string> = {
  1: 'unknown error',
  2: 'file not found or could not be opened',
  3: 'file not in PDF format or corrupted',
  4: 'password required or incorrect password',
  5: 'unsupported security scheme',
  6: 'page not found or content error',
};

export interface PdfiumDocument {
  numPages: number;
  producer: string | null;
  creator: string | null;
  page(pageNo: number): PageInput;
  /** The page (1-based) as a grey image at `dpi`, lowered where the image would be too large (render.ts). */
  render(pageNo: number, dpi: number): RenderedPage;
  close(): void;
}

/** A trap in the WASM code: the module is dropped and the document reported as damaged. */
function guard<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (!isWasmFault(e)) throw e;
    discardPdfium();
    throw failure('UnknownErrorException', `PDFium failed on this file (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** Opens a document from bytes (copied into the WASM heap; the caller's bytes are untouched). */
export async function openPdfium(bytes: Uint8Array): Promise<PdfiumDocument> {
  const pf = await loadPdfium();
  return guard(() => openIn(pf, bytes));
}

function openIn(pf: Pdfium, bytes: Uint8Array): PdfiumDocument {
  const x = pf.x;
  const buf = x._malloc(Math.max(1, bytes.length));
  if (!buf) throw failure('UnknownErrorException', 'out of memory for the file');
  x.HEAPU8.set(bytes, buf);
  const doc = x._FPDF_LoadMemDocument(buf, bytes.length, 0);
  if (!doc) {
    const code = x._FPDF_GetLastError();
    x._free(buf);
    if (code === 4) {
      // pdf.js refuses an /Encrypt dictionary whose keys have the wrong length as damaged
      const bad = malformedEncryption(bytes);
      if (bad) throw failure('InvalidPDFException', bad);
      throw failure('PasswordException', 'No password given');
    }
    throw failure('InvalidPDFException', `Invalid PDF structure (PDFium: ${LOAD_ERRORS[code] ?? `error ${code}`})`);
  }
  let closed = false;
  const counted = x._FPDF_GetPageCount(doc);
  const declared = declaredPageCount(bytes);
  // the count pdf.js would give (page-count.ts): a damaged /Count stays visible
  // (pdf.js takes an integer /Count as written, a zero or negative one included, but recounts
  // the tree when the count is not an integer or its last page is missing)
  const numPages = declared !== null && Number.isSafeInteger(declared) && (declared < 1 || declared < counted) ? declared : counted;
  return {
    numPages,
    producer: metaText(pf, doc, 'Producer'),
    creator: metaText(pf, doc, 'Creator'),
    page: (pageNo) => guard(() => readPage(pf, doc, pageNo)),
    render: (pageNo, dpi) => {
      if (closed) throw new Error('the document is closed');
      return guard(() => renderPage(pf, doc, pageNo, dpi));
    },
    close: () => {
      if (closed) return;
      closed = true;
      try {
        x._FPDF_CloseDocument(doc);
        x._free(buf);
      } catch (e) {
        // a module that trapped is dropped with everything in it
        if (!isWasmFault(e)) throw e;
        discardPdfium();
      }
    },
  };
}

function metaText(pf: Pdfium, doc: number, tag: string): string | null {
  const x = pf.x;
  const t = pf.cstr(tag);
  const need = x._FPDF_GetMetaText(doc, t, 0, 0); // bytes, UTF-16LE, terminator included
  if (need <= 2) return null;
  const len = Math.min(need, MAX_META_UNITS * 2 + 2);
  const p = x._malloc(len);
  try {
    x._FPDF_GetMetaText(doc, t, p, len);
    const units = Math.floor(len / 2) - 1;
    const u16 = new Uint16Array(x.HEAPU8.buffer, p, units).slice(); // p from malloc: 2-aligned
    let s = '';
    for (let i = 0; i < u16.length; i += 4096) s += String.fromCharCode(...u16.subarray(i, i + 4096));
    // the terminator is left out above; NULs inside stay (cleanMetadata turns them into spaces)
    return s;
  } finally {
    x._free(p);
  }
}

// ---------------------------------------------------------------------------------------------
// Page geometry

/** pdf.js's PageViewport transform at scale 1 (PDF user space → top-left page space). */
function viewport(view: [number, number, number, number], rotate: number): { transform: Matrix; width: number; height: number } {
  const [x0, y0, x1, y1] = view;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  let ra: number, rb: number, rc: number, rd: number;
  switch (((rotate % 360) + 360) % 360) {
    case 180: [ra, rb, rc, rd] = [-1, 0, 0, 1]; break;
    case 90: [ra, rb, rc, rd] = [0, 1, 1, 0]; break;
    case 270: [ra, rb, rc, rd] = [0, -1, -1, 0]; break;
    default: [ra, rb, rc, rd] = [1, 0, 0, -1];
  }
  let ox: number, oy: number, width: number, height: number;
  if (ra === 0) {
    ox = Math.abs(cy - y0); oy = Math.abs(cx - x0); width = y1 - y0; height = x1 - x0;
  } else {
    ox = Math.abs(cx - x0); oy = Math.abs(cy - y0); width = x1 - x0; height = y1 - y0;
  }
  return { transform: [ra, rb, rc, rd, ox - ra * cx - rc * cy, oy - rb * cx - rd * cy], width, height };
}

function box4(pf: Pdfium, get: (l: number, b: number, r: number, t: number) => number): [number, number, number, number] | null {
  const s = pf.scratch;
  if (!get(s, s + 4, s + 8, s + 12)) return null;
  const f = pf.x.HEAPF32;
  const v = [f[s >> 2], f[(s >> 2) + 1], f[(s >> 2) + 2], f[(s >> 2) + 3]] as [number, number, number, number];
  return v.every((n) => Number.isFinite(n)) ? v : null;
}

/** pdf.js's page view: the crop box clipped to the media box (the media box when they do not meet). */
function pageView(pf: Pdfium, page: number): [number, number, number, number] {
  const x = pf.x;
  const norm = (b: [number, number, number, number]): [number, number, number, number] => [Math.min(b[0], b[2]), Math.min(b[1], b[3]), Math.max(b[0], b[2]), Math.max(b[1], b[3])];
  const media = norm(box4(pf, (l, b, r, t) => x._FPDFPage_GetMediaBox(page, l, b, r, t)) ?? [0, 0, 612, 792]);
  const crop = box4(pf, (l, b, r, t) => x._FPDFPage_GetCropBox(page, l, b, r, t));
  if (!crop) return media;
  const c = norm(crop);
  const v: [number, number, number, number] = [Math.max(c[0], media[0]), Math.max(c[1], media[1]), Math.min(c[2], media[2]), Math.min(c[3], media[3])];
  return v[2] > v[0] && v[3] > v[1] ? v : media;
}

// ---------------------------------------------------------------------------------------------
// Page

function readPage(pf: Pdfium, doc: number, pageNo: number): PageInput {
  const x = pf.x;
  const page = x._FPDF_LoadPage(doc, pageNo - 1);
  if (!page) throw failure('UnknownErrorException', `PDFium could not load page ${pageNo}`);
  try {
    const view = pageView(pf, page);
    const vp = viewport(view, 90 * (x._FPDFPage_GetRotation(page) & 3));
    const text = readText(pf, page, vp.transform, view);
    const graphics = readGraphics(pf, page, vp.transform);
    return {
      page: pageNo,
      width: vp.width,
      height: vp.height,
      runs: text.runs,
      glyphs: text.glyphs,
      segments: graphics.segments,
      shades: graphics.shades,
      images: graphics.images,
      unreadablePaths: graphics.unreadablePaths,
    };
  } finally {
    x._FPDF_ClosePage(page);
  }
}

interface Char {
  ch: string;
  /** Origin (baseline start) in PDF user space. */
  ox: number;
  oy: number;
  /** Advance box (PDFium's loose box): left, bottom, right, top. */
  l: number;
  b: number;
  r: number;
  t: number;
  size: number;
  m: [number, number, number, number];
  /** Pen position (the character matrix's translation), PDF user space. */
  e: number;
  f: number;
  obj: number;
  font: number;
}
// hidden-class seed (see SHAPE_SEEDS in pdf-ops.ts): a character, its coordinates doubles from the start
SHAPE_SEEDS.push({ ch: '', ox: 0.5, oy: 0.5, l: 0.5, b: 0.5, r: 0.5, t: 0.5, size: 0.5, m: [0.5, 0.5, 0.5, 0.5], e: 0.5, f: 0.5, obj: 0, font: 0 } satisfies Char);

/** Reads every character PDFium found on the page (generated ones left out). */
function readChars(pf: Pdfium, page: number): Char[] {
  const x = pf.x;
  const tp = x._FPDFText_LoadPage(page);
  if (!tp) return [];
  const s = pf.scratch;
  const out: Char[] = [];
  // the previous character, while its advance may still be corrected by the next one's origin
  let open: { c: Char; tightR: number } | null = null;
  try {
    const n = Math.min(x._FPDFText_CountChars(tp), MAX_CHARS_PER_PAGE);
    for (let i = 0; i < n; i++) {
      const generated = x._FPDFText_IsGenerated(tp, i) === 1;
      if (!x._FPDFText_GetCharOrigin(tp, i, s, s + 8)) continue;
      const ox = x.HEAPF64[s >> 3] as number;
      const oy = x.HEAPF64[(s >> 3) + 1] as number;
      if (open) {
        // PDFium's advance box of a glyph that overhangs its advance (an italic or a Times "f")
        // reaches the glyph's right edge; the next character of the same show operator (or the
        // space PDFium generates after it) starts where the advance ends
        const c = open.c;
        if ((generated || x._FPDFText_GetTextObject(tp, i) === c.obj) && open.tightR >= c.r - 0.01 && Math.abs(oy - c.oy) < 0.01 && ox > c.l && ox < c.r) c.r = ox;
        open = null;
      }
      if (generated) continue;
      const u = x._FPDFText_GetUnicode(tp, i);
      if (u === 0 || u > 0x10ffff) continue;
      // PDFium reports a hyphen at the end of a line as U+0002 (FPDFText_IsHyphen)
      const ch = u === 2 ? '-' : String.fromCodePoint(u);
      // FS_RECTF: left, top, right, bottom
      if (!x._FPDFText_GetLooseCharBox(tp, i, s + 16)) continue;
      let f32 = x.HEAPF32;
      const l = f32[(s + 16) >> 2] as number;
      const t = f32[((s + 16) >> 2) + 1] as number;
      const r = f32[((s + 16) >> 2) + 2] as number;
      const b = f32[((s + 16) >> 2) + 3] as number;
      if (!x._FPDFText_GetMatrix(tp, i, s + 32)) continue;
      f32 = x.HEAPF32;
      const q = (s + 32) >> 2;
      const m: [number, number, number, number] = [f32[q] as number, f32[q + 1] as number, f32[q + 2] as number, f32[q + 3] as number];
      const e = f32[q + 4] as number;
      const f = f32[q + 5] as number;
      const size = x._FPDFText_GetFontSize(tp, i);
      const obj = x._FPDFText_GetTextObject(tp, i);
      const font = obj ? x._FPDFTextObj_GetFont(obj) : 0;
      if (![ox, oy, l, t, r, b, size, e, f, ...m].every(Number.isFinite)) continue;
      const c: Char = { ch, ox, oy, l, b, r, t, size, m, e, f, obj, font };
      out.push(c);
      // upright horizontal text: the glyph's own right edge, to tell an overhang
      if (m[0] > 0 && Math.abs(m[1]) < 1e-6 && Math.abs(m[2]) < 1e-6 && x._FPDFText_GetCharBox(tp, i, s + 64, s + 72, s + 80, s + 88)) {
        open = { c, tightR: x.HEAPF64[(s + 72) >> 3] as number };
      }
    }
  } finally {
    x._FPDFText_ClosePage(tp);
  }
  return out;
}

/** Font ascent/descent as fractions of the font size (pdf.js's style.ascent/descent). */
function fontStyle(pf: Pdfium, font: number, vertical: boolean): FontStyle {
  const x = pf.x;
  const s = pf.scratch + 64;
  const style: FontStyle = { vertical };
  if (font && x._FPDFFont_GetAscent(font, 1, s)) {
    const a = x.HEAPF32[s >> 2] as number;
    if (Number.isFinite(a) && a !== 0) style.ascent = a;
  }
  if (font && x._FPDFFont_GetDescent(font, 1, s)) {
    const d = x.HEAPF32[s >> 2] as number;
    if (Number.isFinite(d) && d !== 0) style.descent = d;
  }
  return style;
}

/** A page-space offset in the text space of a character's matrix (font size units). */
function toText(c: Char, dx: number, dy: number): [number, number] {
  const [a, b, cc, d] = c.m;
  const det = a * d - b * cc;
  if (det === 0 || c.size === 0) return [0, 0];
  return [(d * dx - cc * dy) / det / c.size, (-b * dx + a * dy) / det / c.size];
}

/**
 * Vertical writing (a font with a vertical CMap, e.g. Identity-V). PDFium makes one text object
 * per text-showing operator; its characters advance downwards in text space. A character's
 * origin is the pen position less the glyph's vertical origin (half an em left, ~0.88 em down),
 * so a one-character object is vertical when its origin lies left of and below the position the
 * object starts at (its matrix's translation); in horizontal writing they coincide (but for a
 * TJ offset along the baseline or a rise).
 */
function isVerticalObject(cs: Char[]): boolean {
  const c0 = cs[0];
  if (!c0) return false;
  if (cs.length === 1) {
    const [tx, ty] = toText(c0, c0.ox - c0.e, c0.oy - c0.f);
    return tx < -0.1 && tx > -1 && ty < -0.1;
  }
  let down = 0;
  for (let i = 1; i < cs.length; i++) {
    const p = cs[i - 1] as Char;
    const c = cs[i] as Char;
    const [tx, ty] = toText(p, c.ox - p.ox, c.oy - p.oy);
    if (ty < -0.3 && Math.abs(tx) < 0.3) down++;
  }
  return down * 2 >= cs.length - 1;
}

interface PageTextOut {
  runs: PageInput['runs'];
  glyphs: PlacedGlyph[];
}

function readText(pf: Pdfium, page: number, vt: Matrix, view: [number, number, number, number]): PageTextOut {
  const chars = readChars(pf, page);
  // vertical-writing text objects
  const byObj = new Map<number, Char[]>();
  for (const c of chars) {
    let a = byObj.get(c.obj);
    if (!a) byObj.set(c.obj, (a = []));
    a.push(c);
  }
  const vertical = new Set<number>();
  for (const [obj, cs] of byObj) if (obj && isVerticalObject(cs)) vertical.add(obj);

  const glyphs: PlacedGlyph[] = [];
  const styles: Record<string, FontStyle> = {};
  const items: TextItemLike[] = [];
  const fontName = (c: Char): string => {
    const name = `${vertical.has(c.obj) ? 'v' : 'h'}${c.font}`;
    if (!styles[name]) styles[name] = fontStyle(pf, c.font, vertical.has(c.obj));
    return name;
  };

  let cur: { chars: Char[]; text: string; name: string } | null = null;
  const flush = () => {
    if (!cur) return;
    const first = cur.chars[0] as Char;
    const last = cur.chars[cur.chars.length - 1] as Char;
    const [a, b, c, d] = first.m;
    const scale = Math.hypot(a, b) || 1;
    // width along the baseline, from the first origin to the end of the last advance
    const ux = a / scale;
    const uy = b / scale;
    const [endX, endY] = advanceEnd(last);
    const width = Math.abs((endX - first.ox) * ux + (endY - first.oy) * uy);
    const size = first.size;
    items.push({
      str: cur.text,
      transform: [a * size, b * size, c * size, d * size, first.ox, first.oy],
      width,
      height: Math.hypot(c, d) * size,
      fontName: cur.name,
    });
    cur = null;
  };

  for (const ch of chars) {
    if (vertical.has(ch.obj)) {
      flush();
      const t = cleanText(ch.ch, true);
      if (t === '' || t.trim() === '') continue;
      // as pdf-ops.ts's showText: the centre of the advance box below the pen position; PDFium's
      // advance box of a vertical glyph is the vertical advance (in unscaled font units) high
      const adv = ch.t > ch.b ? ch.t - ch.b : ch.size;
      // the pen position: the origin moved by the object's first character's vertical origin
      const c0 = (byObj.get(ch.obj) as Char[])[0] as Char;
      const px = ch.ox + (c0.e - c0.ox);
      const py = ch.oy + (c0.f - c0.oy);
      const [ox, oy] = apply2(vt, px, py);
      const [ex, ey] = apply2(vt, px - ch.m[2] * adv, py - ch.m[3] * adv);
      const [cx, cy] = apply2(vt, px - (ch.m[2] * adv) / 2, py - (ch.m[3] * adv) / 2);
      const size = Math.hypot(ex - ox, ey - oy) || ch.size;
      glyphs.push({ ch: t, cx, cy, size, dir: ey >= oy ? 'down' : 'up' });
      continue;
    }
    // as pdf.js's text content: a glyph whose pen position lies outside the page view is dropped
    {
      const [endX] = advanceEnd(ch);
      if (Math.max(ch.ox, endX) < view[0] || ch.ox > view[2] || ch.oy < view[1] || ch.oy > view[3]) continue;
    }
    // as pdf.js (keepWhiteSpace off): a space glyph only moves the pen, the gap it leaves makes
    // the space (in the item, or between items); invisible format marks are dropped
    if (/^\s$|^\p{Cf}$/u.test(ch.ch)) continue;
    const name = fontName(ch);
    if (cur) {
      const prev = cur.chars[cur.chars.length - 1] as Char;
      const em = prev.size * Math.hypot(prev.m[2], prev.m[3]);
      const scale = Math.hypot(prev.m[0], prev.m[1]) || 1;
      const ux = prev.m[0] / scale;
      const uy = prev.m[1] / scale;
      const same = name === cur.name && Math.abs(ch.size - prev.size) < 1e-3 && ch.m.every((v, k) => Math.abs(v - (prev.m[k] as number)) < 1e-3);
      // the gap after the previous advance, along the baseline, and the baseline shift
      const prevEnd = advanceEnd(prev);
      const dx = ch.ox - (prevEnd[0] as number);
      const dy = ch.oy - (prevEnd[1] as number);
      const along = dx * ux + dy * uy;
      const across = -dx * uy + dy * ux;
      if (!same || Math.abs(across) > 0.25 * em || along < -0.2 * em || along > 0.6 * em) flush();
      else if (along > 0.102 * em) cur.text += ' ';
    }
    if (cur) {
      cur.chars.push(ch);
      cur.text += ch.ch;
    } else {
      cur = { chars: [ch], text: ch.ch, name };
    }
  }
  flush();
  const text = runsFromItems(items, styles, vt, true);
  return { runs: text.runs, glyphs: [...glyphs, ...text.glyphs] };
}

/**
 * Where a character's advance ends (PDF user space). PDFium's advance box (loose box) is the
 * page-space bounding box of the advance × (ascent − descent) rectangle: for text at an angle the
 * advance is recovered from the box's extents.
 */
function advanceEnd(c: Char): [number, number] {
  const scale = Math.hypot(c.m[0], c.m[1]) || 1;
  const ux = c.m[0] / scale;
  const uy = c.m[1] / scale;
  if (Math.abs(uy) < 0.02) return [ux > 0 ? c.r : c.l, c.oy];
  const W = Math.abs(c.r - c.l);
  const H = Math.abs(c.t - c.b);
  const den = ux * ux - uy * uy;
  let w = Math.abs(den) > 0.1 ? (W * Math.abs(ux) - H * Math.abs(uy)) / den : c.size * Math.hypot(c.m[2], c.m[3]);
  if (!(w > 0)) w = c.size * Math.hypot(c.m[2], c.m[3]);
  return [c.ox + ux * w, c.oy + uy * w];
}

function apply2(m: readonly number[], x: number, y: number): [number, number] {
  return [x * (m[0] as number) + y * (m[2] as number) + (m[4] as number), x * (m[1] as number) + y * (m[3] as number) + (m[5] as number)];
}

// ---------------------------------------------------------------------------------------------
// Graphics: page objects replayed through pdf-ops.ts

/** Operator codes of the replayed list (any distinct numbers: walkOperatorList takes the table). */
const OPS: Record<string, number> = Object.fromEntries(
  [
    'save', 'restore', 'transform', 'paintFormXObjectBegin', 'paintFormXObjectEnd', 'setFillRGBColor', 'setStrokeRGBColor',
    'setFillColorN', 'setStrokeColorN', 'setFillTransparent', 'setStrokeTransparent', 'constructPath', 'paintImageXObject',
    'paintInlineImageXObject', 'paintImageMaskXObject', 'paintImageXObjectRepeat', 'paintImageMaskXObjectRepeat',
    'paintSolidColorImageMask', 'paintInlineImageXObjectGroup', 'paintImageMaskXObjectGroup', 'beginText', 'setFont',
    'setTextMatrix', 'moveText', 'setLeadingMoveText', 'setLeading', 'nextLine', 'setCharSpacing', 'setWordSpacing',
    'setHScale', 'setTextRise', 'showText', 'stroke', 'closeStroke', 'fill', 'eoFill', 'fillStroke', 'eoFillStroke',
    'closeFillStroke', 'closeEOFillStroke', 'endPath',
  ].map((k, i) => [k, i + 1]),
);

const OBJ_TEXT = 1;
const OBJ_PATH = 2;
const OBJ_IMAGE = 3;
const OBJ_FORM = 5;

function hex(r: number, g: number, b: number): string {
  return '#' + [r, g, b].map((v) => Math.max(0, Math.min(255, v | 0)).toString(16).padStart(2, '0')).join('');
}

function readGraphics(pf: Pdfium, page: number, vt: Matrix): ReturnType<typeof walkOperatorList> {
  const x = pf.x;
  const s = pf.scratch + 128;
  const fnArray: number[] = [];
  const argsArray: unknown[] = [];
  const op = (fn: number, args: unknown[] | null) => {
    fnArray.push(fn);
    argsArray.push(args);
  };
  let objects = 0;
  let segments = 0;
  let unreadable = 0;

  const matrixOf = (obj: number): Matrix | null => {
    if (!x._FPDFPageObj_GetMatrix(obj, s)) return null;
    const f = x.HEAPF32;
    const q = s >> 2;
    const m = [0, 1, 2, 3, 4, 5].map((k) => f[q + k] as number) as Matrix;
    return m.every(Number.isFinite) ? m : null;
  };
  const color = (get: (r: number, g: number, b: number, a: number) => number): { hex: string; alpha: number } | null => {
    if (!get(s + 32, s + 36, s + 40, s + 44)) return null;
    const u = x.HEAPU32;
    const q = (s + 32) >> 2;
    return { hex: hex(u[q] as number, u[q + 1] as number, u[q + 2] as number), alpha: u[q + 3] as number };
  };

  const walk = (count: number, get: (i: number) => number, depth: number) => {
    for (let i = 0; i < count; i++) {
      if (++objects > MAX_OBJECTS_PER_PAGE) {
        unreadable++;
        return;
      }
      const obj = get(i);
      if (!obj) continue;
      const type = x._FPDFPageObj_GetType(obj);
      if (type === OBJ_TEXT) continue;
      const m = matrixOf(obj);
      if (!m) {
        if (type === OBJ_PATH) unreadable++;
        continue;
      }
      if (type === OBJ_FORM) {
        if (depth >= MAX_FORM_DEPTH) {
          unreadable++;
          continue;
        }
        op(OPS.save as number, null);
        op(OPS.transform as number, m);
        walk(Math.max(0, x._FPDFFormObj_CountObjects(obj)), (k) => x._FPDFFormObj_GetObject(obj, k), depth + 1);
        op(OPS.restore as number, null);
      } else if (type === OBJ_IMAGE) {
        op(OPS.save as number, null);
        op(OPS.transform as number, m);
        op(OPS.paintImageXObject as number, null);
        op(OPS.restore as number, null);
      } else if (type === OBJ_PATH) {
        const path = readPath(obj);
        if (!path) continue;
        op(OPS.save as number, null);
        op(OPS.transform as number, m);
        const fill = color((r, g, b, a) => x._FPDFPageObj_GetFillColor(obj, r, g, b, a));
        const stroke = color((r, g, b, a) => x._FPDFPageObj_GetStrokeColor(obj, r, g, b, a));
        if (fill) op(OPS.setFillRGBColor as number, [fill.hex]);
        else op(OPS.setFillColorN as number, null);
        if (stroke) op(OPS.setStrokeRGBColor as number, [stroke.hex]);
        else op(OPS.setStrokeColorN as number, null);
        if (fill && fill.alpha === 0) op(OPS.setFillTransparent as number, null);
        if (stroke && stroke.alpha === 0) op(OPS.setStrokeTransparent as number, null);
        op(OPS.constructPath as number, [path.paint, [path.data], null]);
        op(OPS.restore as number, null);
      }
    }
  };

  /** The path in pdf.js's format (DrawOPS codes), with its paint operator; null: not painted. */
  const readPath = (obj: number): { paint: number; data: Float32Array } | null => {
    if (!x._FPDFPath_GetDrawMode(obj, s + 48, s + 52)) {
      unreadable++;
      return null;
    }
    const fillMode = x.HEAP32[(s + 48) >> 2] as number;
    const stroke = (x.HEAP32[(s + 52) >> 2] as number) !== 0;
    if (fillMode === 0 && !stroke) return null; // clipping path or n
    const paint = fillMode === 0 ? (OPS.stroke as number) : stroke ? (fillMode === 1 ? (OPS.eoFillStroke as number) : (OPS.fillStroke as number)) : fillMode === 1 ? (OPS.eoFill as number) : (OPS.fill as number);
    const n = x._FPDFPath_CountSegments(obj);
    if (n <= 0) return null;
    if (segments + n > MAX_SEGMENTS_PER_PAGE) {
      unreadable++;
      return null;
    }
    segments += n;
    const data: number[] = [];
    for (let k = 0; k < n; k++) {
      const seg = x._FPDFPath_GetPathSegment(obj, k);
      if (!seg || !x._FPDFPathSegment_GetPoint(seg, s + 56, s + 60)) {
        unreadable++;
        return null;
      }
      const px = x.HEAPF32[(s + 56) >> 2] as number;
      const py = x.HEAPF32[((s + 56) >> 2) + 1] as number;
      const type = x._FPDFPathSegment_GetType(seg);
      if (type === 2) data.push(0, px, py); // moveto
      else if (type === 0) data.push(1, px, py); // lineto
      else if (type === 1) {
        // bezierto: PDFium gives the three points as three segments; one curveTo of pdf.js
        const pts = [px, py];
        let ok = true;
        for (let j = 1; j <= 2; j++) {
          const sg = x._FPDFPath_GetPathSegment(obj, k + j);
          if (!sg || !x._FPDFPathSegment_GetPoint(sg, s + 56, s + 60)) {
            ok = false;
            break;
          }
          pts.push(x.HEAPF32[(s + 56) >> 2] as number, x.HEAPF32[((s + 56) >> 2) + 1] as number);
        }
        if (!ok) {
          unreadable++;
          return null;
        }
        k += 2;
        data.push(2, ...pts);
        if (x._FPDFPath_GetPathSegment(obj, k) && x._FPDFPathSegment_GetClose(x._FPDFPath_GetPathSegment(obj, k))) data.push(4);
        continue;
      } else {
        unreadable++;
        return null;
      }
      if (x._FPDFPathSegment_GetClose(seg)) data.push(4);
    }
    return { paint, data: new Float32Array(data) };
  };

  walk(Math.max(0, x._FPDFPage_CountObjects(page)), (i) => x._FPDFPage_GetObject(page, i), 0);
  const list: OperatorListLike = { fnArray, argsArray };
  const out = walkOperatorList(list, { ops: OPS, viewport: vt, font: () => null });
  out.unreadablePaths += unreadable;
  return out;
}

export type { Box };
