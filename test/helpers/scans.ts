/**
 * Generated scans, for the OCR tests and benchmarks: a text PDF's pages rendered (PDFium,
 * render.ts) at 150–200 dpi and degraded the way an office scanner and its JPEG compression
 * degrade a printed page, then wrapped as an image-only PDF (one greyscale DCT image per page,
 * the page the size of the source page) or handed out as JPEG files.
 *
 * The degradation of a page (`degradePage`), each amount drawn from a seeded PRNG unless given:
 *  - skew: ±0.3–1.5°, bilinear rotation about the centre, white outside the paper;
 *  - optics: Gaussian blur σ 0.5–0.9 px;
 *  - paper and toner: paper grey 232–250, ink 15–45 (never pure black on pure white);
 *  - uneven lighting: up to 3–10 % darker along a random direction and towards the corners;
 *  - sensor noise: Gaussian, σ 6–15 grey levels, plus sparse dark speckles (dust);
 *  - JPEG quality 45–80 (greyscale baseline JPEG with the JFIF density set to the dpi).
 *
 * Everything is deterministic for a seed: the same PDF, options and seed give the same bytes.
 * Page p's randomness comes from (seed, p) alone, so pages do not depend on each other.
 */
import { openPdfium } from '../../src/extractors/pdfium/document.js';
import { grayImage, straighten, type GrayImage } from '../../src/extractors/ocr/image.js';
import { mulberry32 } from './mutants.js';

// ---------------------------------------------------------------------------------------------
// PRNG

/** Uniform in [0, 1). */
export type Rng = () => number;

/** mulberry32 (the fuzzers' generator), a zero seed replaced. */
export function makeRng(seed: number): Rng {
  return mulberry32(seed >>> 0 || 0x9e3779b9);
}

const uniform = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng();

/** Standard normal (Box–Muller). */
function normal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

// ---------------------------------------------------------------------------------------------
// Degradation

export interface DegradeOptions {
  /** Degrees; text lines in the result slope at this angle (y down: positive = down to the right), as `straighten` in image.ts takes it. */
  skewDegrees?: number;
  blurSigma?: number;
  noiseSigma?: number;
  /** Grey level of the paper (255 = white). */
  paper?: number;
  /** Grey level of full ink (0 = black). */
  ink?: number;
  /** Darkest lighting falloff, as a fraction (0.05 = 5 % darker at worst). */
  unevenness?: number;
  /** Dark speckles per million pixels. */
  specklesPerMP?: number;
}

/** The amounts a page was degraded with. */
export type Degradation = Required<DegradeOptions>;

/** Draws the amounts not given in `opts`. */
export function drawDegradation(rng: Rng, opts: DegradeOptions = {}): Degradation {
  // drawn in a fixed order whatever is given, so that one given amount does not change the others
  const skew = (rng() < 0.5 ? -1 : 1) * uniform(rng, 0.3, 1.5);
  const d: Degradation = {
    skewDegrees: skew,
    blurSigma: uniform(rng, 0.5, 0.9),
    noiseSigma: uniform(rng, 6, 15),
    paper: uniform(rng, 232, 250),
    ink: uniform(rng, 15, 45),
    unevenness: uniform(rng, 0.03, 0.1),
    specklesPerMP: uniform(rng, 20, 100),
  };
  for (const k of Object.keys(d) as (keyof Degradation)[]) if (opts[k] !== undefined) d[k] = opts[k] as number;
  return d;
}

/** A rendered page degraded like an office scan (see the module comment). A new image; `image` is untouched. */
export function degradePage(image: GrayImage, rng: Rng, opts: DegradeOptions = {}): GrayImage {
  const d = drawDegradation(rng, opts);
  let img = d.skewDegrees !== 0 ? straighten(image, -d.skewDegrees) : { ...image, data: image.data.slice() };
  if (d.blurSigma > 0) img = gaussianBlur(img, d.blurSigma);
  tone(img, rng, d);
  return img;
}

/** Separable Gaussian blur (integer weights summing to 4096; edges clamped). */
function gaussianBlur(img: GrayImage, sigma: number): GrayImage {
  const { width: w, height: h, data } = img;
  const r = Math.max(1, Math.ceil(2 * sigma));
  const f = Array.from({ length: 2 * r + 1 }, (_, k) => Math.exp(-((k - r) ** 2) / (2 * sigma * sigma)));
  const sum = f.reduce((s, v) => s + v, 0);
  const kw = new Int32Array(f.map((v) => Math.round((v / sum) * 4096)));
  kw[r] = (kw[r] as number) + 4096 - kw.reduce((s, v) => s + v, 0);
  const tmp = new Uint8Array(w * h);
  // rows: the interior without bounds checks (symmetric kernel: one product per pair of taps), the ends clamped
  const k0 = kw[r] as number;
  const k1 = kw[r + 1] as number;
  const k2 = r >= 2 ? (kw[r + 2] as number) : 0;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      if (x === r && w > 2 * r) {
        const end = row + w - r;
        if (r <= 2) {
          for (let c = row + r; c < end; c++) {
            tmp[c] = (2048 + (data[c] as number) * k0 + ((data[c - 1] as number) + (data[c + 1] as number)) * k1 + ((data[c - 2] as number) + (data[c + 2] as number)) * k2) >> 12;
          }
        } else {
          for (let c = row + r; c < end; c++) {
            let acc = 2048 + (data[c] as number) * k0;
            for (let k = 1; k <= r; k++) acc += ((data[c - k] as number) + (data[c + k] as number)) * (kw[r + k] as number);
            tmp[c] = acc >> 12;
          }
        }
        x = w - r - 1;
        continue;
      }
      let acc = 2048;
      for (let k = -r; k <= r; k++) {
        const xx = x + k < 0 ? 0 : x + k >= w ? w - 1 : x + k;
        acc += (data[row + xx] as number) * (kw[k + r] as number);
      }
      tmp[row + x] = acc >> 12;
    }
  }
  // columns, a row at a time (cache-friendly)
  const out = grayImage(w, h);
  const o = out.data;
  const acc = new Int32Array(w);
  for (let y = 0; y < h; y++) {
    acc.fill(2048);
    for (let k = -r; k <= r; k++) {
      const yy = y + k < 0 ? 0 : y + k >= h ? h - 1 : y + k;
      const weight = kw[k + r] as number;
      const src = yy * w;
      for (let x = 0; x < w; x++) acc[x] = (acc[x] as number) + (tmp[src + x] as number) * weight;
    }
    const dst = y * w;
    for (let x = 0; x < w; x++) o[dst + x] = (acc[x] as number) >> 12;
  }
  return out;
}

/** Paper and ink levels, uneven lighting, sensor noise and speckles, in place. */
function tone(img: GrayImage, rng: Rng, d: Degradation): void {
  const { width: w, height: h, data } = img;
  // lighting: darker along a random direction and towards the corners
  const dir = uniform(rng, 0, 2 * Math.PI);
  const gx = Math.cos(dir) / w;
  const gy = Math.sin(dir) / h;
  const g0 = -Math.min(0, gx * w) - Math.min(0, gy * h); // the gradient term is 0..~1 over the page
  const cx = w / 2;
  const cy = h / 2;
  const r2 = cx * cx + cy * cy;
  const a = d.unevenness;
  // noise: a table of normal samples indexed by a fast generator seeded from the PRNG
  const table = new Float32Array(8192);
  for (let k = 0; k < table.length; k++) table[k] = normal(rng) * d.noiseSigma;
  let s = (rng() * 4294967296) >>> 0 || 1;
  const span = d.paper - d.ink;
  for (let y = 0; y < h; y++) {
    const dy2 = (y - cy) * (y - cy);
    let i = y * w;
    for (let x = 0; x < w; x++, i++) {
      const light = 1 - a * (0.6 * Math.min(1, g0 + gx * x + gy * y) + 0.4 * (((x - cx) * (x - cx) + dy2) / r2));
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      const v = (d.ink + (span * (data[i] as number)) / 255) * light + (table[(s >>> 0) & 8191] as number);
      data[i] = v < 0 ? 0 : v > 255 ? 255 : v + 0.5;
    }
  }
  // dust: small dark dots
  const count = Math.round((d.specklesPerMP * w * h) / 1e6);
  for (let k = 0; k < count; k++) {
    const x0 = rng() * w;
    const y0 = rng() * h;
    const rad = uniform(rng, 0.5, 1.6);
    const level = uniform(rng, d.ink, 140);
    for (let y = Math.max(0, Math.floor(y0 - rad)); y <= Math.min(h - 1, Math.ceil(y0 + rad)); y++) {
      for (let x = Math.max(0, Math.floor(x0 - rad)); x <= Math.min(w - 1, Math.ceil(x0 + rad)); x++) {
        if ((x - x0) ** 2 + (y - y0) ** 2 <= rad * rad && (data[y * w + x] as number) > level) data[y * w + x] = level;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Greyscale baseline JPEG encoder (jpeg-js encodes colour only; a scan is one grey component)

const ZIGZAG = [0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63];
const LUMA_Q = [16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99];
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const AC_BITS = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d];
// prettier-ignore
const AC_VALS = [
  0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
  0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0,
  0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
  0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
  0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
  0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
  0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
  0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
  0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
  0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
  0xf9, 0xfa,
];

/** Canonical Huffman codes: value → [code, length]. */
function huffman(bits: number[], vals: number[]): { code: Int32Array; len: Int32Array } {
  const code = new Int32Array(256);
  const len = new Int32Array(256);
  let c = 0;
  let k = 0;
  for (let l = 1; l <= 16; l++) {
    for (let n = 0; n < (bits[l - 1] as number); n++) {
      const v = vals[k++] as number;
      code[v] = c++;
      len[v] = l;
    }
    c <<= 1;
  }
  return { code, len };
}
const DC_HUFF = huffman(DC_BITS, DC_VALS);
const AC_HUFF = huffman(AC_BITS, AC_VALS);
/** AAN scale factors: the fast DCT's output row/column k is scaled by AAN[k]·√8 (folded into quantisation). */
const AAN = [1, 1.387039845, 1.306562965, 1.175875602, 1, 0.785694958, 0.5411961, 0.275899379];

/** In-place 2-D forward DCT of an 8×8 block (IJG's float AAN, jfdctflt.c); outputs are AAN-scaled. */
function fdct(d: Float64Array): void {
  for (let pass = 0; pass < 2; pass++) {
    const step = pass === 0 ? 1 : 8;
    const next = pass === 0 ? 8 : 1;
    for (let line = 0; line < 8; line++) {
      const o = line * next;
      const i0 = o, i1 = o + step, i2 = o + 2 * step, i3 = o + 3 * step, i4 = o + 4 * step, i5 = o + 5 * step, i6 = o + 6 * step, i7 = o + 7 * step;
      const d0 = d[i0] as number, d1 = d[i1] as number, d2 = d[i2] as number, d3 = d[i3] as number;
      const d4 = d[i4] as number, d5 = d[i5] as number, d6 = d[i6] as number, d7 = d[i7] as number;
      const tmp0 = d0 + d7, tmp7 = d0 - d7, tmp1 = d1 + d6, tmp6 = d1 - d6;
      const tmp2 = d2 + d5, tmp5 = d2 - d5, tmp3 = d3 + d4, tmp4 = d3 - d4;
      // even part
      let tmp10 = tmp0 + tmp3;
      const tmp13 = tmp0 - tmp3;
      let tmp11 = tmp1 + tmp2;
      let tmp12 = tmp1 - tmp2;
      d[i0] = tmp10 + tmp11;
      d[i4] = tmp10 - tmp11;
      const z1 = (tmp12 + tmp13) * 0.707106781;
      d[i2] = tmp13 + z1;
      d[i6] = tmp13 - z1;
      // odd part
      tmp10 = tmp4 + tmp5;
      tmp11 = tmp5 + tmp6;
      tmp12 = tmp6 + tmp7;
      const z5 = (tmp10 - tmp12) * 0.382683433;
      const z2 = 0.5411961 * tmp10 + z5;
      const z4 = 1.306562965 * tmp12 + z5;
      const z3 = tmp11 * 0.707106781;
      const z11 = tmp7 + z3;
      const z13 = tmp7 - z3;
      d[i5] = z13 + z2;
      d[i3] = z13 - z2;
      d[i1] = z11 + z4;
      d[i7] = z11 - z4;
    }
  }
}

class ByteWriter {
  buf = new Uint8Array(1 << 16);
  n = 0;
  byte(b: number): void {
    if (this.n === this.buf.length) {
      const nb = new Uint8Array(this.buf.length * 2);
      nb.set(this.buf);
      this.buf = nb;
    }
    this.buf[this.n++] = b;
  }
  bytes(a: ArrayLike<number>): void {
    for (let i = 0; i < a.length; i++) this.byte(a[i] as number);
  }
  u16(v: number): void {
    this.byte(v >> 8);
    this.byte(v & 0xff);
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}

/** A baseline greyscale JPEG (JFIF, density `dpi`), IJG quality scaling, standard Huffman tables. */
export function encodeGrayJpeg(img: GrayImage, quality: number, dpi: number): Uint8Array {
  const { width: w, height: h, data } = img;
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? 5000 / q : 200 - 2 * q;
  const qt = LUMA_Q.map((v) => Math.min(255, Math.max(1, Math.floor((v * scale + 50) / 100))));
  const out = new ByteWriter();
  out.u16(0xffd8);
  // APP0 JFIF, density in dots per inch
  out.u16(0xffe0);
  out.u16(16);
  out.bytes([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 1]);
  out.u16(Math.round(dpi));
  out.u16(Math.round(dpi));
  out.bytes([0, 0]);
  // DQT (zigzag order)
  out.u16(0xffdb);
  out.u16(67);
  out.byte(0);
  for (let k = 0; k < 64; k++) out.byte(qt[ZIGZAG[k] as number] as number);
  // SOF0: 8 bits, one component, no subsampling
  out.u16(0xffc0);
  out.u16(11);
  out.byte(8);
  out.u16(h);
  out.u16(w);
  out.bytes([1, 1, 0x11, 0]);
  // DHT
  out.u16(0xffc4);
  out.u16(2 + 17 + DC_VALS.length + 17 + AC_VALS.length);
  out.byte(0x00);
  out.bytes(DC_BITS);
  out.bytes(DC_VALS);
  out.byte(0x10);
  out.bytes(AC_BITS);
  out.bytes(AC_VALS);
  // SOS
  out.u16(0xffda);
  out.u16(8);
  out.bytes([1, 1, 0x00, 0, 63, 0]);

  let bitBuf = 0;
  let bitCnt = 0;
  const put = (code: number, len: number) => {
    bitBuf = (bitBuf << len) | code;
    bitCnt += len;
    while (bitCnt >= 8) {
      const b = (bitBuf >> (bitCnt - 8)) & 0xff;
      out.byte(b);
      if (b === 0xff) out.byte(0);
      bitCnt -= 8;
    }
    bitBuf &= (1 << bitCnt) - 1;
  };
  const category = (v: number) => {
    let a = v < 0 ? -v : v;
    let n = 0;
    while (a) {
      n++;
      a >>= 1;
    }
    return n;
  };
  // quantisation with the fast DCT's scaling folded in (natural order)
  const recip = new Float64Array(64).map((_, k) => 1 / ((qt[k] as number) * (AAN[k >> 3] as number) * (AAN[k & 7] as number) * 8));
  const block = new Float64Array(64);
  const coef = new Int32Array(64);
  let prevDc = 0;
  for (let by = 0; by < h; by += 8) {
    for (let bx = 0; bx < w; bx += 8) {
      // level-shifted samples, the edge repeated past the image
      if (bx + 8 <= w && by + 8 <= h) {
        for (let y = 0; y < 8; y++) {
          const row = (by + y) * w + bx;
          for (let x = 0; x < 8; x++) block[y * 8 + x] = (data[row + x] as number) - 128;
        }
      } else {
        for (let y = 0; y < 8; y++) {
          const row = Math.min(h - 1, by + y) * w;
          for (let x = 0; x < 8; x++) block[y * 8 + x] = (data[row + Math.min(w - 1, bx + x)] as number) - 128;
        }
      }
      fdct(block);
      for (let k = 0; k < 64; k++) coef[k] = Math.round((block[k] as number) * (recip[k] as number));
      // DC
      const dc = coef[0] as number;
      const diff = dc - prevDc;
      prevDc = dc;
      const dn = category(diff);
      put(DC_HUFF.code[dn] as number, DC_HUFF.len[dn] as number);
      if (dn) put(diff < 0 ? diff + (1 << dn) - 1 : diff, dn);
      // AC, run-length in zigzag order
      let run = 0;
      for (let k = 1; k < 64; k++) {
        const v = coef[ZIGZAG[k] as number] as number;
        if (v === 0) {
          run++;
          continue;
        }
        while (run > 15) {
          put(AC_HUFF.code[0xf0] as number, AC_HUFF.len[0xf0] as number);
          run -= 16;
        }
        const n = category(v);
        const sym = (run << 4) | n;
        put(AC_HUFF.code[sym] as number, AC_HUFF.len[sym] as number);
        put(v < 0 ? v + (1 << n) - 1 : v, n);
        run = 0;
      }
      if (run > 0) put(AC_HUFF.code[0] as number, AC_HUFF.len[0] as number);
    }
  }
  if (bitCnt > 0) put((1 << (8 - bitCnt)) - 1, 8 - bitCnt);
  out.u16(0xffd9);
  return out.result();
}

// ---------------------------------------------------------------------------------------------
// Pages and the image-only PDF

export interface ScanOptions extends DegradeOptions {
  /** Resolution of the scan (default 200). */
  dpi?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** JPEG quality, 1–100 (default: drawn in 45–80 per page). */
  quality?: number;
}

export interface ScannedPage {
  /** 1-based page of the source. */
  page: number;
  /** A greyscale baseline JPEG whose JFIF density is `dpi`. */
  jpeg: Uint8Array;
  width: number;
  height: number;
  dpi: number;
  /** The source page's size in points (as displayed: crop box, /Rotate applied). */
  widthPt: number;
  heightPt: number;
  quality: number;
  degradation: Degradation;
}

/** Each page of a text PDF rendered, degraded and JPEG-encoded (for image-file input tests). */
export async function scanImages(pdfBytes: Uint8Array, opts: ScanOptions = {}): Promise<ScannedPage[]> {
  const dpi = opts.dpi ?? 200;
  const seed = opts.seed ?? 1;
  const doc = await openPdfium(pdfBytes);
  try {
    const pages: ScannedPage[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const info = doc.page(p);
      const { image, dpi: used } = doc.render(p, dpi);
      // the page's randomness depends on the seed and the page number only
      const rng = makeRng((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(p, 0x85ebca77)) >>> 0);
      const quality = Math.round(uniform(rng, 45, 80));
      const degradation = drawDegradation(rng, opts);
      const scan = degradePage(image, rng, degradation);
      pages.push({
        page: p,
        jpeg: encodeGrayJpeg(scan, opts.quality ?? quality, used),
        width: scan.width,
        height: scan.height,
        dpi: used,
        widthPt: info.width,
        heightPt: info.height,
        quality: opts.quality ?? quality,
        degradation,
      });
    }
    return pages;
  } finally {
    doc.close();
  }
}

/** A text PDF turned into a scanned, image-only PDF: one greyscale DCT image per page, each page the size of the source page. */
export async function scanPdf(pdfBytes: Uint8Array, opts: ScanOptions = {}): Promise<Uint8Array> {
  return imagePdf(await scanImages(pdfBytes, opts));
}

const num = (v: number) => (Math.round(v * 10_000) / 10_000).toString();

/**
 * A minimal PDF holding the JPEG pages: /DCTDecode /DeviceGray images drawn over the whole page
 * (MediaBox `widthPt` × `heightPt`; `rotate`, for tests, sets the page's /Rotate).
 */
export function imagePdf(pages: (Pick<ScannedPage, 'jpeg' | 'width' | 'height' | 'widthPt' | 'heightPt'> & { rotate?: 0 | 90 | 180 | 270 })[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const offsets: number[] = [];
  const enc = new TextEncoder();
  const write = (b: Uint8Array | string) => {
    const u = typeof b === 'string' ? enc.encode(b) : b;
    chunks.push(u);
    length += u.length;
  };
  const object = (n: number, body: (string | Uint8Array)[]) => {
    offsets[n] = length;
    write(`${n} 0 obj\n`);
    for (const b of body) write(b);
    write('\nendobj\n');
  };
  write('%PDF-1.4\n');
  write(new Uint8Array([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a]));
  // 1 catalog, 2 page tree, then per page: page, content, image
  const pageObj = (i: number) => 3 + 3 * i;
  object(1, ['<< /Type /Catalog /Pages 2 0 R >>']);
  object(2, [`<< /Type /Pages /Kids [${pages.map((_, i) => `${pageObj(i)} 0 R`).join(' ')}] /Count ${pages.length} >>`]);
  pages.forEach((pg, i) => {
    const n = pageObj(i);
    const W = num(pg.widthPt);
    const H = num(pg.heightPt);
    const rotate = pg.rotate ? ` /Rotate ${pg.rotate}` : '';
    object(n, [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}]${rotate} /Resources << /XObject << /Im0 ${n + 2} 0 R >> >> /Contents ${n + 1} 0 R >>`]);
    const content = `q ${W} 0 0 ${H} 0 0 cm /Im0 Do Q`;
    object(n + 1, [`<< /Length ${content.length} >>\nstream\n${content}\nendstream`]);
    object(n + 2, [
      `<< /Type /XObject /Subtype /Image /Width ${pg.width} /Height ${pg.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length ${pg.jpeg.length} >>\nstream\n`,
      pg.jpeg,
      '\nendstream',
    ]);
  });
  const count = 3 + 3 * pages.length;
  const xref = length;
  write(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let n = 1; n < count; n++) write(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
  write(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const out = new Uint8Array(length);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/**
 * A multi-page TIFF of grey page images (uncompressed strips, little-endian, one IFD per page,
 * resolution in dots per inch): the form scanners write a whole scanned document in.
 */
export function grayTiff(pages: { image: GrayImage; dpi: number }[]): Uint8Array {
  const entries = 10;
  const ifdSize = 2 + entries * 12 + 4;
  let size = 8;
  const layout = pages.map((p) => {
    const ifd = size;
    const res = ifd + ifdSize;
    const data = res + 8;
    size = data + p.image.width * p.image.height;
    size += size % 2;
    return { ifd, res, data };
  });
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  out.set([0x49, 0x49, 42, 0]);
  v.setUint32(4, layout[0]!.ifd, true);
  pages.forEach((p, i) => {
    const { ifd, res, data } = layout[i]!;
    const { width, height } = p.image;
    const tags: [number, number, number, number][] = [
      [256, 4, 1, width], // ImageWidth
      [257, 4, 1, height], // ImageLength
      [258, 3, 1, 8], // BitsPerSample
      [259, 3, 1, 1], // Compression: none
      [262, 3, 1, 1], // Photometric: black is zero
      [273, 4, 1, data], // StripOffsets
      [277, 3, 1, 1], // SamplesPerPixel
      [278, 4, 1, height], // RowsPerStrip
      [279, 4, 1, width * height], // StripByteCounts
      [282, 5, 1, res], // XResolution (and 296 ResolutionUnit defaults to inch)
    ];
    v.setUint16(ifd, entries, true);
    tags.forEach(([tag, type, count, value], k) => {
      const at = ifd + 2 + k * 12;
      v.setUint16(at, tag, true);
      v.setUint16(at + 2, type, true);
      v.setUint32(at + 4, count, true);
      if (type === 3) v.setUint16(at + 8, value, true);
      else v.setUint32(at + 8, value, true);
    });
    v.setUint32(ifd + 2 + entries * 12, i + 1 < pages.length ? layout[i + 1]!.ifd : 0, true);
    v.setUint32(res, Math.round(p.dpi), true);
    v.setUint32(res + 4, 1, true);
    out.set(p.image.data, data);
  });
  return out;
}
