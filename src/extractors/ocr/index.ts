/**
 * OCR of one page image into the PDF extractor's engine-independent `PageInput`: text runs with
 * positions (and the recognition's confidence), ruling lines as path segments. Everything after
 * (the table grid with its merged cells, paragraphs, tables across pages) is the PDF extractor's
 * own code, as for a page with a text layer.
 *
 *  1. Ink: Otsu's threshold; the page deskewed (the angle that packs the ink into rows best).
 *  2. Ruling lines: long thin runs of ink (layout.ts), column lines only between row lines.
 *  3. Text pieces: ink with the rules wiped, smeared along rows (never across a column line),
 *     connected (the strokes of one glyph stacked above each other joined), cut into single lines,
 *     specks of dust at their ends dropped.
 *  4. Recognition of every piece (recognizer.ts) in the page with its rules and those specks
 *     painted over. A piece that reads as a number is read again as digits only; where the two
 *     disagree, or a character is uncertain, or the ink does not fit the reading (a sign that is
 *     a speck, ink no digit covers), the run's confidence says so and the normalizer leaves the
 *     value null with a warning. An item number set apart from its text ("二、") is read again
 *     with it.
 */
import { OCR_MIN_CONFIDENCE } from '../../model.js';
import type { PageInput } from '../pdf.js';
import type { Run } from '../pdf-text.js';
import type { Segment } from '../pdf-ops.js';
import { binarize, otsuThreshold, straighten, type GrayImage } from './image.js';
import { components, eraseRules, estimateSkew, findRules, paperLevel, textBoxes, typicalCharHeight, wipeRules, type PixelBox } from './layout.js';
import { recognize, type Recognition } from './recognizer.js';

export { engineName, OcrUnavailable } from './recognizer.js';

export interface OcrPageStats {
  skewDegrees: number;
  pieces: number;
  rules: number;
  /** Runs whose confidence is below OCR_CONFIDENCE. */
  uncertain: number;
}



const NUMBER_LIKE = /^[+\-]?\d[\d,.]*$/u;
/** Digits and the characters that print exactly like one in a table cell. */
const DIGIT_LOOKALIKE = /^[\dOo〇οОоlI|丨ıΙǀ]+$/u;

export async function ocrPage(image: GrayImage, pageNo: number, widthPt: number, heightPt: number): Promise<{ input: PageInput; stats: OcrPageStats }> {
  const dpi = (image.width / widthPt) * 72;
  let img = image;
  let ink = binarize(img, otsuThreshold(img));
  const skew = estimateSkew(ink, img.width, img.height);
  if (skew !== 0) {
    img = straighten(img, skew);
    ink = binarize(img, otsuThreshold(img));
  }
  const { width, height } = img;
  const charHeight = typicalCharHeight(components(ink, width, height), dpi);
  const rules = findRules(ink, width, height, dpi, charHeight);
  const clean = wipeRules(ink, width, height, rules);
  const specks: PixelBox[] = [];
  const boxes = textBoxes(clean, width, height, rules, charHeight, specks);
  const paper = paperLevel(img);
  const page = { img, plain: eraseRules(img, rules, paper, specks) };

  const sx = widthPt / width;
  const sy = heightPt / height;
  const read: { box: PixelBox; text: string; confidence: number }[] = [];
  for (const b of boxes) {
    const r = await readBox(page, clean, b, paper, charHeight, rules);
    if (r) read.push({ box: b, ...r });
  }
  const pieces = await joinPrefixes(page, clean, read, boxes, paper, charHeight, rules);
  const runs: Run[] = [];
  let uncertain = 0;
  for (const p of pieces) {
    if (p.confidence < OCR_MIN_CONFIDENCE) uncertain++;
    runs.push(toRun(p.text, p.confidence, p.box, sx, sy));
  }
  const segments: Segment[] = [
    ...rules.horizontal.map((r): Segment => ({ dir: 'h', pos: r.pos * sy, a0: r.a0 * sx, a1: r.a1 * sx, source: 'stroke' })),
    ...rules.vertical.map((r): Segment => ({ dir: 'v', pos: r.pos * sx, a0: r.a0 * sy, a1: r.a1 * sy, source: 'stroke' })),
  ];
  return {
    input: { page: pageNo, width: widthPt, height: heightPt, runs, glyphs: [], segments, shades: [], images: [], unreadablePaths: 0 },
    stats: { skewDegrees: skew, pieces: boxes.length, rules: segments.length, uncertain },
  };
}

type PageRules = ReturnType<typeof findRules>;

/** The page image, and the same with its rules painted over (what the recognizer reads). */
interface PageImages {
  img: GrayImage;
  plain: GrayImage;
}

/** The reading of one piece, with the checks a number's reading must pass; null for none. */
async function readBox(page: PageImages, clean: Uint8Array, b: PixelBox, paper: number, charHeight: number, rules: PageRules): Promise<{ text: string; confidence: number } | null> {
  const { img } = page;
  const { width } = img;
  const r = await recognize(page.plain, b, paper, charHeight);
  let read = choose(r);
  // a speck of dust read doubtfully as a letter or a mark is nothing (outside a table it would
  // stand between the parts of a table broken across pages)
  if (read && Array.from(read.text).length === 1 && !HAN.test(read.text) && !/\d/.test(read.text) && read.confidence < 0.6 && Math.max(b.x1 - b.x0, b.y1 - b.y0) < charHeight * 0.45) read = null;
  // (and a lone point, whatever the confidence: no cell or line is a point alone)
  if (read && /^[.·•,'`‘’"“”:;。，]$/u.test(read.text) && Math.max(b.x1 - b.x0, b.y1 - b.y0) < charHeight * 0.35) read = null;
  // ink the model reads as nothing, inside a ruled cell: an unreadable cell, never a blank one
  // (outside ruled tables it is left out: a stray mark would upset a borderless table's rows)
  if (read === null && b.y1 - b.y0 >= charHeight * 0.4 && enclosed(b, rules)) read = { text: '?', confidence: 0 };
  if (read === null) return null;
  // a number must account for all of its piece's ink: a sign or digit the model skipped leaves
  // ink that no digit read covers
  if (NUMBER_LIKE.test(read.text) && read.text.replace(/[^\d]/g, '') === r.digits) {
    const doubtful =
      // a sign read must be a sign's ink: a speck of dust before the digits reads as a minus
      (/^[+-]/.test(read.text) && !signInk(img, clean, b, r.digitsAt, charHeight, paper, rules, read.text[0] as string)) ||
      unreadInk(clean, width, b, r.digitsAt, charHeight) ||
      // more ink than the digits read can fill: a merged repeat (11 read as 1), a lost sign
      tooWide(read.text, b) ||
      // a sign too faint to survive the threshold still darkens the paper just left of the digits
      (/^\d/.test(read.text) && faintSign(img, b, charHeight, paper, rules));
    if (doubtful) read = { text: read.text, confidence: Math.min(read.confidence, 0.5) };
  }
  // a lone slash (the "not applicable" mark) can read as 1: its ink leans, a 1's does not
  if (read.text === '1' && leans(clean, width, b)) read = { text: '/', confidence: read.confidence };
  return read;
}

const HAN = /\p{Script=Han}/u;
/** Pieces looked at for a prefix join per page (each costs one more reading). */
const MAX_PREFIX_JOINS = 200;

/**
 * A short piece just left of a line of text, on the same line and in the same cell, read again
 * together with it: an item number ("二、", "（一）", "1、") is set apart from its text by the
 * blank half of its full-width punctuation, and read alone the model often cannot make it out
 * (strokes of 二 and 三 read as a dash or nothing). The joined reading is taken only when it is
 * the text's own reading with something before it that is not just digits (a value beside a
 * label is never made part of it); else the pieces stay as they were.
 */
async function joinPrefixes(
  page: PageImages,
  clean: Uint8Array,
  read: { box: PixelBox; text: string; confidence: number }[],
  boxes: PixelBox[],
  paper: number,
  charHeight: number,
  rules: PageRules,
): Promise<{ box: PixelBox; text: string; confidence: number }[]> {
  const byBox = new Map(read.map((p) => [p.box, p]));
  // (a joined pair's reading stands in the place of the first of its pieces, in the boxes' order)
  const joins = new Map<PixelBox, { box: PixelBox; text: string; confidence: number } | null>();
  const used = new Set<PixelBox>();
  let tries = 0;
  for (const b of boxes) {
    if (tries >= MAX_PREFIX_JOINS) break;
    if (used.has(b)) continue;
    const w = b.x1 - b.x0;
    const h = b.y1 - b.y0;
    if (w > charHeight * 2.6 || h > charHeight * 1.6) continue;
    const self = byBox.get(b);
    if (self && (self.confidence >= OCR_MIN_CONFIDENCE && !/^[-—–_.。·]$/u.test(self.text)) && HAN.test(self.text)) continue;
    // the nearest piece to the right on the same line, within a character and a bit
    let next: PixelBox | null = null;
    for (const o of boxes) {
      // (a heading's number is set apart by its own, larger, characters' half width)
      if (o === b || o.x0 < b.x1 - 1 || o.x0 - b.x1 > Math.max(charHeight, o.y1 - o.y0) * 1.3) continue;
      const oh = o.y1 - o.y0;
      if (oh < charHeight * 0.6 || oh > charHeight * 1.6) continue;
      const overlap = Math.min(o.y1, b.y1) - Math.max(o.y0, b.y0);
      // (a flat piece, a stroke, must lie within the text's height)
      if (overlap < Math.min(h, oh) * 0.8) continue;
      if (!next || o.x0 < next.x0) next = o;
    }
    if (!next || used.has(next)) continue;
    const text = byBox.get(next);
    if (!text || !HAN.test(text.text) || NUMBER_LIKE.test(text.text) || text.confidence < OCR_MIN_CONFIDENCE) continue;
    const cy = (Math.min(b.y0, next.y0) + Math.max(b.y1, next.y1)) / 2;
    if (rules.vertical.some((r) => r.pos > b.x1 - 1 && r.pos < next.x0 + 1 && r.a0 <= cy && r.a1 >= cy)) continue;
    tries++;
    const box = { x0: b.x0, x1: next.x1, y0: Math.min(b.y0, next.y0), y1: Math.max(b.y1, next.y1) };
    const joined = await readBox(page, clean, box, paper, charHeight, rules);
    if (!joined || !joined.text.endsWith(text.text)) continue;
    const prefix = joined.text.slice(0, joined.text.length - text.text.length).trim();
    if (prefix === '' || /^[\d\s]*$/u.test(prefix)) continue;
    const piece = { box, text: joined.text, confidence: joined.confidence };
    const [first, second] = boxes.indexOf(b) < boxes.indexOf(next) ? [b, next] : [next, b];
    joins.set(first, piece);
    joins.set(second, null);
    used.add(b);
    used.add(next);
    // other pieces inside the joined box (strokes of the item number read apart) were read with it
    for (const o of boxes) {
      if (used.has(o) || o.x0 < box.x0 || o.x1 > box.x1 || o.y0 < box.y0 - 1 || o.y1 > box.y1 + 1) continue;
      if (boxes.indexOf(o) < boxes.indexOf(first)) {
        joins.set(o, piece);
        joins.set(first, null);
      } else joins.set(o, null);
      used.add(o);
    }
  }
  if (joins.size === 0) return read;
  return boxes.flatMap((b) => {
    const j = joins.has(b) ? joins.get(b) : byBox.get(b);
    return j ? [j] : [];
  });
}

/**
 * What a piece says: the full reading; for a number (or digits and letters that print like
 * digits: O for 0, l for 1) the digits-only reading, whose confidence counts every way the model
 * can write each digit. Where the two readings disagree on the digits, the confidence is low.
 */
function choose(r: Recognition): { text: string; confidence: number } | null {
  const text = r.text.normalize('NFKC').trim();
  // ink the model reads as nothing: never a blank cell, an unreadable one
  if (text === '') return null;
  // a speck of dust beside a number reads as a quote or a point: not part of it
  const compact = text.replace(/\s+/g, '').replace(/^(?:[.,'`"‘’“”·:;_]+)(?=[\dOo〇οОоlI|丨ıΙǀ])|(?<=[\dOo〇οОоlI|丨ıΙǀ])[.,'`"‘’“”·:;_]+$/gu, '');
  if (NUMBER_LIKE.test(compact)) {
    const agree = compact.replace(/[^\d]/g, '') === r.digits;
    return { text: compact, confidence: agree ? r.digitsConfidence : Math.min(r.confidence, r.digitsConfidence, 0.5) };
  }
  if (DIGIT_LOOKALIKE.test(compact) && r.digits.length === Array.from(compact).length) {
    return { text: r.digits, confidence: r.digitsConfidence };
  }
  // digits and look-alikes that the digits-only reading counts otherwise ("11" read as "III"):
  // a number, but doubtful (a value cell is never left holding letters)
  if (DIGIT_LOOKALIKE.test(compact) && r.digits !== '') return { text: r.digits, confidence: Math.min(r.confidence, r.digitsConfidence, 0.5) };
  return { text, confidence: r.confidence };
}

/**
 * Whether a piece holds ink beyond the digits read in it: a run of ink columns farther than a
 * digit's half-width from every digit's position, wider than a fifth of a character.
 */
export function unreadInk(ink: Uint8Array, width: number, b: PixelBox, at: number[], charHeight: number): boolean {
  if (at.length === 0) return false;
  const reach = charHeight * 0.4;
  // the longest run of such columns (dust beside a number is a speck, a sign is a bar)
  let run = 0;
  let longest = 0;
  for (let x = b.x0; x < b.x1; x++) {
    let any = false;
    if (!at.some((c) => Math.abs(c - (x + 0.5)) <= reach)) {
      for (let y = b.y0; y < b.y1 && !any; y++) any = ink[y * width + x] === 1;
    }
    run = any ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest > charHeight * 0.2;
}

/**
 * Whether the ink before a number's first digit is a sign, in units of the digits' height (the
 * page's usual character may be a larger font's): a bar for a minus (at least half again as wide
 * as it is high, and a fifth of the digits' height long), a cross at least a third of it each way
 * for a plus. With no ink there at all, a sign too faint for the threshold (faintSign) will do.
 */
export function signInk(img: GrayImage, ink: Uint8Array, b: PixelBox, digitsAt: number[], charHeight: number, paper: number, rules: Parameters<typeof faintSign>[4], sign: string): boolean {
  const first = digitsAt[0];
  if (first === undefined) return false;
  const d = b.y1 - b.y0;
  const end = Math.min(b.x1, Math.floor(first - d * 0.3));
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let y = b.y0; y < b.y1; y++) {
    for (let x = b.x0; x < end; x++) {
      if (!ink[y * img.width + x]) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x + 1);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y + 1);
    }
  }
  if (x1 < x0) return faintSign(img, b, charHeight, paper, rules);
  const w = x1 - x0;
  const h = y1 - y0;
  return sign === '+' ? w >= d * 0.3 && h >= d * 0.3 : w >= h * 1.5 && w >= d * 0.2;
}

/** Whether a box lies inside a ruled cell: rules on its four sides. */
function enclosed(b: PixelBox, rules: { horizontal: { pos: number; a0: number; a1: number }[]; vertical: { pos: number; a0: number; a1: number }[] }): boolean {
  const cx = (b.x0 + b.x1) / 2;
  const cy = (b.y0 + b.y1) / 2;
  const across = (r: { a0: number; a1: number }, v: number) => r.a0 <= v && r.a1 >= v;
  return (
    rules.vertical.some((r) => r.pos <= b.x0 && across(r, cy)) &&
    rules.vertical.some((r) => r.pos >= b.x1 && across(r, cy)) &&
    rules.horizontal.some((r) => r.pos <= b.y0 && across(r, cx)) &&
    rules.horizontal.some((r) => r.pos >= b.y1 && across(r, cx))
  );
}

/**
 * Whether a number's ink is wider than its characters can be, in units of the digits' height:
 * a 1 at most 0.45, another digit 0.8, a point or comma 0.35, a sign 0.7, plus a little slack.
 */
export function tooWide(text: string, b: PixelBox): boolean {
  const h = b.y1 - b.y0;
  if (h < 8) return false;
  let allowed = 0.2;
  for (const ch of text) allowed += ch === '1' ? 0.45 : /\d/.test(ch) ? 0.8 : /[.,]/.test(ch) ? 0.35 : 0.7;
  return b.x1 - b.x0 > allowed * h;
}

/**
 * Whether a faint horizontal bar (a minus sign lost to the threshold) lies just left of a
 * number: in a band around the digits' middle, within half a character of them (never across a
 * column rule), columns whose darkest pixel is well below the paper, over a sixth of a character.
 */
export function faintSign(img: GrayImage, b: PixelBox, charHeight: number, paper: number, rules: { vertical: { pos: number; a0: number; a1: number; thickness: number }[] }): boolean {
  const { width, data } = img;
  const mid = (b.y0 + b.y1) / 2;
  const half = Math.max(2, (b.y1 - b.y0) * 0.22);
  const y0 = Math.max(0, Math.floor(mid - half));
  const y1 = Math.min(img.height, Math.ceil(mid + half));
  let left = Math.max(0, Math.floor(b.x0 - charHeight * 0.6));
  for (const r of rules.vertical) {
    if (r.a0 <= mid && r.a1 >= mid && r.pos < b.x0 && r.pos + r.thickness / 2 + 2 > left) left = Math.ceil(r.pos + r.thickness / 2 + 2);
  }
  // the digits' own ink level: the darkest tenth of the box
  const levels: number[] = [];
  for (let y = b.y0; y < b.y1; y++) for (let x = b.x0; x < b.x1; x++) levels.push(data[y * width + x] as number);
  levels.sort((p, q) => p - q);
  const ink = levels[Math.floor(levels.length * 0.1)] ?? 0;
  const cut = paper - (paper - ink) * 0.3;
  let run = 0;
  let longest = 0;
  for (let x = left; x < b.x0 - 1; x++) {
    let darkest = 255;
    for (let y = y0; y < y1; y++) darkest = Math.min(darkest, data[y * width + x] as number);
    run = darkest < cut ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest >= charHeight * 0.15;
}

/** Whether the ink of a box leans right like "/": its top part lies well right of its bottom. */
export function leans(ink: Uint8Array, width: number, b: PixelBox): boolean {
  const h = b.y1 - b.y0;
  if (h < 6) return false;
  const band = Math.max(1, Math.round(h * 0.3));
  const meanX = (y0: number, y1: number): number | null => {
    let sum = 0;
    let n = 0;
    for (let y = y0; y < y1; y++) {
      for (let x = b.x0; x < b.x1; x++) {
        if (ink[y * width + x]) {
          sum += x;
          n++;
        }
      }
    }
    return n > 0 ? sum / n : null;
  };
  const top = meanX(b.y0, b.y0 + band);
  const bottom = meanX(b.y1 - band, b.y1);
  return top !== null && bottom !== null && (top - bottom) / h > 0.18;
}

function toRun(text: string, confidence: number, b: PixelBox, sx: number, sy: number): Run {
  const inkTop = b.y0 * sy;
  const inkBottom = b.y1 * sy;
  const conf = Math.round(confidence * 1000) / 1000;
  // a run of digits is lower than the text around it (figures stand about 0.75 em high on the
  // baseline, CJK characters fill the em): its size and extent are those of the text it is set
  // in, as a text layer gives them, so that a line of numbers and its labels agree in size
  if (/\d/.test(text) && /^[\d\s.,+\-%]+$/u.test(text)) {
    const size = Math.max(1, (inkBottom - inkTop) * 1.3);
    const bottom = inkBottom + size * 0.06;
    return { text, x0: b.x0 * sx, x1: b.x1 * sx, baseline: inkBottom, size, top: bottom - size * 0.92, bottom, confidence: conf };
  }
  const size = Math.max(1, (inkBottom - inkTop) * 1.05);
  return { text, x0: b.x0 * sx, x1: b.x1 * sx, baseline: inkBottom - size * 0.08, size, top: inkTop, bottom: inkBottom, confidence: conf };
}
