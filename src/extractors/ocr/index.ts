/**
 * OCR of one page image into the PDF extractor's engine-independent `PageInput`: text runs with
 * positions (and the recognition's confidence), ruling lines as path segments. Everything after
 * (the table grid with its merged cells, paragraphs, tables across pages) is the PDF extractor's
 * own code, as for a page with a text layer.
 *
 *  1. Ink: Otsu's threshold; the page deskewed (the angle that packs the ink into rows best).
 *  2. Ruling lines: long thin runs of ink (layout.ts), column lines only between row lines.
 *  3. Text pieces: ink with the rules wiped, smeared along rows (never across a column line),
 *     connected, cut into single lines.
 *  4. Recognition of every piece (recognizer.ts). A piece that reads as a number is read again as
 *     digits only; where the two disagree, or a character is uncertain, the run's confidence says
 *     so and the normalizer leaves the value null with a warning.
 */
import { OCR_MIN_CONFIDENCE } from '../../model.js';
import type { PageInput } from '../pdf.js';
import type { Run } from '../pdf-text.js';
import type { Segment } from '../pdf-ops.js';
import { binarize, otsuThreshold, straighten, type GrayImage } from './image.js';
import { components, estimateSkew, findRules, paperLevel, textBoxes, typicalCharHeight, wipeRules, type PixelBox } from './layout.js';
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
  const boxes = textBoxes(clean, width, height, rules, charHeight);
  const paper = paperLevel(img);

  const sx = widthPt / width;
  const sy = heightPt / height;
  const runs: Run[] = [];
  let uncertain = 0;
  for (const b of boxes) {
    const r = await recognize(img, b, paper, charHeight);
    let read = choose(r);
    // ink the model reads as nothing, inside a ruled cell: an unreadable cell, never a blank one
    // (outside ruled tables it is left out: a stray mark would upset a borderless table's rows)
    if (read === null && b.y1 - b.y0 >= charHeight * 0.4 && enclosed(b, rules)) read = { text: '?', confidence: 0 };
    if (read === null) continue;
    // a number must account for all of its piece's ink: a sign or digit the model skipped leaves
    // ink that no digit read covers
    if (NUMBER_LIKE.test(read.text) && read.text.replace(/[^\d]/g, '') === r.digits) {
      if (unreadInk(clean, width, b, r.digitsAt, charHeight)) read = { text: read.text, confidence: Math.min(read.confidence, 0.5) };
      // more ink than the digits read can fill: a merged repeat (11 read as 1), a lost sign
      else if (tooWide(read.text, b)) read = { text: read.text, confidence: Math.min(read.confidence, 0.5) };
      // a sign too faint to survive the threshold still darkens the paper just left of the digits
      else if (/^\d/.test(read.text) && faintSign(img, b, charHeight, paper, rules)) read = { text: read.text, confidence: Math.min(read.confidence, 0.5) };
    }
    // a lone slash (the "not applicable" mark) can read as 1: its ink leans, a 1's does not
    if (read.text === '1' && leans(clean, width, b)) read = { text: '/', confidence: read.confidence };
    if (read.confidence < OCR_MIN_CONFIDENCE) uncertain++;
    runs.push(toRun(read.text, read.confidence, b, sx, sy));
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
  const compact = text.replace(/\s+/g, '').replace(/^(?:[.,'`"‘’“”·:;_]+)(?=\d)|(?<=\d)[.,'`"‘’“”·:;_]+$/gu, '');
  if (NUMBER_LIKE.test(compact)) {
    const agree = compact.replace(/[^\d]/g, '') === r.digits;
    return { text: compact, confidence: agree ? r.digitsConfidence : Math.min(r.confidence, r.digitsConfidence, 0.5) };
  }
  if (DIGIT_LOOKALIKE.test(compact) && r.digits.length === Array.from(compact).length) {
    return { text: r.digits, confidence: r.digitsConfidence };
  }
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
  const top = b.y0 * sy;
  const bottom = b.y1 * sy;
  const size = Math.max(1, (bottom - top) * 1.05);
  return { text, x0: b.x0 * sx, x1: b.x1 * sx, baseline: bottom - size * 0.08, size, top, bottom, confidence: Math.round(confidence * 1000) / 1000 };
}
