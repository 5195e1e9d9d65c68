/**
 * The inputs of OCR: a PDF page rendered by PDFium (render.ts), page images given as files
 * (decode.ts: JPEG, PNG, baseline TIFF), and the generated scans the OCR tests and benchmarks
 * read (test/helpers/scans.ts: an image-only PDF made from a text PDF).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage, imageKind, imagePageCount } from '../src/extractors/ocr/decode.js';
import { MAX_PIXELS, type GrayImage } from '../src/extractors/ocr/image.js';
import { openPdfium, type PdfiumDocument } from '../src/extractors/pdfium/document.js';
import { MAX_DPI, renderSize } from '../src/extractors/pdfium/render.js';
import { convertBytes } from '../src/pipeline/convert.js';
import { degradePage, encodeGrayJpeg, imagePdf, makeRng, scanImages, scanPdf } from './helpers/scans.js';

const root = path.resolve(import.meta.dirname, '..');
const sample = (name: string) => new Uint8Array(readFileSync(path.join(root, 'samples/pdf', `${name}.pdf`)));
const TEXT_PDF = 'invented-2021-clean-yunxi-2023';
const LANDSCAPE_PDF = 'invented-landscape-qinglan-2022';

/**
 * What the current pipeline makes of a generated scan with OCR off. While OCR is not on by
 * default in this test, a scan is `needs-ocr`; when it is, set OCR_FOR_SCANS to 'auto' and
 * SCAN_STATUS to the status expected then.
 */
const OCR_FOR_SCANS: 'off' | 'auto' = 'off';
const SCAN_STATUS = 'needs-ocr';

/** Share of pixels at or below `level` in a rectangle (clamped to the image). */
function inkShare(img: GrayImage, x0: number, y0: number, x1: number, y1: number, level = 128): number {
  const ax = Math.max(0, Math.floor(x0));
  const ay = Math.max(0, Math.floor(y0));
  const bx = Math.min(img.width, Math.ceil(x1));
  const by = Math.min(img.height, Math.ceil(y1));
  let ink = 0;
  for (let y = ay; y < by; y++) for (let x = ax; x < bx; x++) if ((img.data[y * img.width + x] as number) <= level) ink++;
  return ink / Math.max(1, (bx - ax) * (by - ay));
}

// ---------------------------------------------------------------------------------------------
describe('rendering a PDF page (PDFium)', () => {
  let doc: PdfiumDocument;
  beforeAll(async () => {
    doc = await openPdfium(sample(TEXT_PDF));
  });
  afterAll(() => doc.close());

  it('renders the page at its size in points × dpi / 72, ink where the text is, white margins', () => {
    const page = doc.page(1);
    const { image, dpi } = doc.render(1, 150);
    expect(dpi).toBe(150);
    expect(image.width).toBe(Math.round((page.width * 150) / 72));
    expect(image.height).toBe(Math.round((page.height * 150) / 72));
    expect(image.data.length).toBe(image.width * image.height);
    const k = 150 / 72;
    // every text run of the page has ink in its box (top-left page space → pixels)
    expect(page.runs.length).toBeGreaterThan(10);
    for (const r of page.runs.filter((r) => r.text.trim().length >= 4)) {
      expect(inkShare(image, r.x0 * k, r.top * k, r.x1 * k, r.bottom * k), r.text).toBeGreaterThan(0.04);
    }
    // outside the text's bounding box: nothing but white paper
    const left = Math.min(...page.runs.map((r) => r.x0));
    const top = Math.min(...page.runs.map((r) => r.top));
    const right = Math.max(...page.runs.map((r) => r.x1));
    const bottom = Math.max(...page.runs.map((r) => r.bottom));
    expect(left).toBeGreaterThan(20);
    expect(inkShare(image, 0, 0, image.width, (top - 4) * k, 254)).toBe(0);
    expect(inkShare(image, 0, 0, (left - 4) * k, image.height, 254)).toBe(0);
    expect(inkShare(image, (right + 4) * k, 0, image.width, image.height, 254)).toBe(0);
    expect(inkShare(image, 0, (bottom + 4) * k, image.width, image.height, 254)).toBe(0);
    // a page of text: mostly paper, some ink
    const all = inkShare(image, 0, 0, image.width, image.height);
    expect(all).toBeGreaterThan(0.01);
    expect(all).toBeLessThan(0.2);
  });

  it('renders landscape and portrait pages each at their displayed size', async () => {
    const land = await openPdfium(sample(LANDSCAPE_PDF));
    try {
      const shapes = new Set<string>();
      for (let p = 1; p <= land.numPages; p++) {
        const page = land.page(p);
        const { image } = land.render(p, 72);
        expect([image.width, image.height]).toEqual([Math.round(page.width), Math.round(page.height)]);
        shapes.add(image.width > image.height ? 'landscape' : 'portrait');
      }
      expect(shapes).toEqual(new Set(['landscape', 'portrait']));
    } finally {
      land.close();
    }
  });

  it('renders a page with /Rotate as displayed (turned clockwise), and an image-only page with its image', async () => {
    // a 200×100 pt page whose image has a black square in its top-left corner
    const img: GrayImage = { width: 200, height: 100, data: new Uint8Array(200 * 100).fill(255) };
    for (let y = 0; y < 40; y++) img.data.fill(0, y * 200, y * 200 + 40);
    const jpg = encodeGrayJpeg(img, 90, 72);
    const page = { jpeg: jpg, width: 200, height: 100, widthPt: 200, heightPt: 100 };
    const rotated = await openPdfium(imagePdf([page, { ...page, rotate: 90 }]));
    try {
      const flat = rotated.render(1, 72).image;
      expect([flat.width, flat.height]).toEqual([200, 100]);
      expect(inkShare(flat, 5, 5, 35, 35)).toBe(1);
      expect(inkShare(flat, 165, 5, 195, 35)).toBe(0);
      const turned = rotated.render(2, 72).image;
      expect([turned.width, turned.height]).toEqual([100, 200]);
      // top-left of the page is now top-right
      expect(inkShare(turned, 65, 5, 95, 35)).toBe(1);
      expect(inkShare(turned, 5, 5, 35, 35)).toBe(0);
      expect([rotated.page(2).width, rotated.page(2).height]).toEqual([100, 200]);
    } finally {
      rotated.close();
    }
  });

  it('lowers the dpi so that the image stays within MAX_PIXELS, and says so', () => {
    const { image, dpi } = doc.render(1, 5000);
    expect(dpi).toBeLessThan(MAX_DPI);
    expect(image.width * image.height).toBeLessThanOrEqual(MAX_PIXELS);
    expect(image.width).toBe(Math.round((doc.page(1).width * dpi) / 72));
    // the page size read from the file is bounded too
    const huge = renderSize(1e9, 1e9, 300);
    expect(huge.width * huge.height).toBeLessThanOrEqual(MAX_PIXELS);
    expect(renderSize(Number.NaN, -5, 100).width).toBeGreaterThan(0);
    expect(renderSize(0.001, 0.001, 100)).toMatchObject({ width: 1, height: 1 });
    expect(() => doc.render(doc.numPages + 1, 100)).toThrow(/page/);
  });
});

// ---------------------------------------------------------------------------------------------
// image files

/** A test picture: dark text-like bars on light paper, a colour swatch in the corner. */
function picture(w: number, h: number): { rgba: Uint8Array; grey: Uint8Array } {
  const rgba = new Uint8Array(w * h * 4);
  const grey = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let rgb: [number, number, number] = [240, 240, 240];
      if (y % 16 < 6 && x > 4 && x < w - 4) rgb = [20, 20, 20];
      if (x < 8 && y < 8) rgb = [200, 30, 60];
      const i = y * w + x;
      rgba.set([...rgb, 255], 4 * i);
      grey[i] = Math.round(0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]);
    }
  }
  return { rgba, grey };
}

const maxDiff = (a: Uint8Array, b: Uint8Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] as number))), 0);
const meanDiff = (a: Uint8Array, b: Uint8Array) => a.reduce((s, v, i) => s + Math.abs(v - (b[i] as number)), 0) / a.length;

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}
/** The PNG with a pHYs chunk (pixels per metre) after IHDR. */
function withPhys(png: Uint8Array, dpi: number): Uint8Array {
  const data = new Uint8Array(9);
  const ppm = Math.round(dpi / 0.0254);
  new DataView(data.buffer).setUint32(0, ppm);
  new DataView(data.buffer).setUint32(4, ppm);
  data[8] = 1;
  const chunk = pngChunk('pHYs', data);
  return new Uint8Array([...png.subarray(0, 33), ...chunk, ...png.subarray(33)]);
}
function encodePng(w: number, h: number, rgba: Uint8Array): Uint8Array {
  const png = new PNG({ width: w, height: h });
  png.data.set(rgba);
  return new Uint8Array(PNG.sync.write(png));
}

/** The JPEG with its JFIF APP0 density set (units 1: dpi). */
function withJfifDpi(jpg: Uint8Array, dpi: number): Uint8Array {
  const out = jpg.slice();
  expect([out[2], out[3], out[6], out[7], out[8], out[9]]).toEqual([0xff, 0xe0, 0x4a, 0x46, 0x49, 0x46]);
  out[13] = 1;
  out.set([dpi >> 8, dpi & 0xff, dpi >> 8, dpi & 0xff], 14);
  return out;
}
/** A JPEG whose only density is an EXIF XResolution (`dpi`, inches), replacing the JFIF segment. */
function withExifDpi(jpg: Uint8Array, dpi: number): Uint8Array {
  const app0 = (((jpg[4] as number) << 8) | (jpg[5] as number)) + 2;
  // little-endian TIFF: IFD0 with XResolution (RATIONAL) and ResolutionUnit (2 = inch)
  const tiff = new Uint8Array(8 + 2 + 2 * 12 + 4 + 8);
  const dv = new DataView(tiff.buffer);
  tiff.set([0x49, 0x49, 42, 0]);
  dv.setUint32(4, 8, true);
  dv.setUint16(8, 2, true);
  dv.setUint16(10, 282, true);
  dv.setUint16(12, 5, true);
  dv.setUint32(14, 1, true);
  dv.setUint32(18, 8 + 2 + 24 + 4, true);
  dv.setUint16(22, 296, true);
  dv.setUint16(24, 3, true);
  dv.setUint32(26, 1, true);
  dv.setUint16(30, 2, true);
  dv.setUint32(34, 0, true);
  dv.setUint32(38, dpi, true);
  dv.setUint32(42, 1, true);
  const body = new Uint8Array([0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff]);
  const seg = new Uint8Array([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]);
  return new Uint8Array([0xff, 0xd8, ...seg, ...jpg.subarray(2 + app0)]);
}

// --- a small TIFF writer (baseline: strips, uncompressed / PackBits / LZW)

function packBits(row: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < row.length) {
    let run = 1;
    while (i + run < row.length && run < 128 && row[i + run] === row[i]) run++;
    if (run >= 2) {
      out.push(257 - run, row[i] as number);
      i += run;
    } else {
      let lit = 1;
      while (i + lit < row.length && lit < 128 && !(i + lit + 1 < row.length && row[i + lit] === row[i + lit + 1])) lit++;
      out.push(lit - 1, ...row.subarray(i, i + lit));
      i += lit;
    }
  }
  return out;
}
function lzw(data: Uint8Array): number[] {
  const out: number[] = [];
  let buf = 0;
  let n = 0;
  let width = 9;
  const put = (code: number) => {
    buf = (buf << width) | code;
    n += width;
    while (n >= 8) {
      out.push((buf >>> (n - 8)) & 0xff);
      n -= 8;
    }
    buf &= (1 << n) - 1;
  };
  let table = new Map<string, number>();
  let next = 258;
  const reset = () => {
    table = new Map();
    next = 258;
    width = 9;
  };
  put(256);
  let w = String.fromCharCode(data[0] as number);
  for (let i = 1; i < data.length; i++) {
    const c = String.fromCharCode(data[i] as number);
    const wc = w + c;
    if (wc.length === 1 || table.has(wc)) {
      w = wc;
      continue;
    }
    put(w.length === 1 ? w.charCodeAt(0) : (table.get(w) as number));
    table.set(wc, next++);
    // as libtiff: wider codes once the table passes the width (the reader, one entry behind, widens "early")
    if (next >= 1 << width && width < 12) width++;
    if (next >= 4094) {
      put(256);
      reset();
    }
    w = c;
  }
  put(w.length === 1 ? w.charCodeAt(0) : (table.get(w) as number));
  put(257);
  if (n > 0) out.push((buf << (8 - n)) & 0xff);
  return out;
}
interface TiffSpec {
  width: number;
  height: number;
  spp: 1 | 3;
  bps: 1 | 8;
  /** Samples, row-major (bits packed MSB first for bps 1). */
  rows: Uint8Array[];
  compression: 1 | 5 | 32773 | 4;
  photometric: 0 | 1 | 2;
  predictor?: 1 | 2;
  dpi?: number;
  rowsPerStrip?: number;
  bigEndian?: boolean;
}
function tiff(s: TiffSpec): Uint8Array {
  const le = !s.bigEndian;
  const rps = s.rowsPerStrip ?? s.height;
  const strips: number[][] = [];
  for (let y = 0; y < s.height; y += rps) {
    const rows = s.rows.slice(y, y + rps).map((r) => {
      if (s.predictor !== 2) return r;
      const d = r.slice();
      for (let k = d.length - 1; k >= s.spp; k--) d[k] = ((d[k] as number) - (d[k - s.spp] as number)) & 0xff;
      return d;
    });
    const raw = new Uint8Array(rows.flatMap((r) => [...r]));
    strips.push(s.compression === 5 ? lzw(raw) : s.compression === 32773 ? rows.flatMap((r) => packBits(r)) : [...raw]);
  }
  const entries: [number, number, number[]][] = [
    [256, 4, [s.width]],
    [257, 4, [s.height]],
    [258, 3, Array(s.spp).fill(s.bps)],
    [259, 3, [s.compression]],
    [262, 3, [s.photometric]],
    [273, 4, strips.map(() => 0)],
    [277, 3, [s.spp]],
    [278, 4, [rps]],
    [279, 4, strips.map((d) => d.length)],
    ...(s.dpi ? ([[282, 5, [s.dpi, 1]], [283, 5, [s.dpi, 1]], [296, 3, [2]]] as [number, number, number[]][]) : []),
    ...(s.predictor ? ([[317, 3, [s.predictor]]] as [number, number, number[]][]) : []),
  ];
  const size = (t: number) => (t === 3 ? 2 : 4);
  const ifd = 8;
  let extra = ifd + 2 + 12 * entries.length + 4;
  const extraAt = new Map<number, number>();
  for (const [tag, type, vals] of entries) {
    const bytes = type === 5 ? 8 : vals.length * size(type);
    if (bytes > 4) {
      extraAt.set(tag, extra);
      extra += bytes;
    }
  }
  let dataAt = extra;
  const offsets = strips.map((d) => {
    const o = dataAt;
    dataAt += d.length;
    return o;
  });
  (entries.find((e) => e[0] === 273) as [number, number, number[]])[2] = offsets;
  const out = new Uint8Array(dataAt);
  const dv = new DataView(out.buffer);
  out.set(le ? [0x49, 0x49, 42, 0] : [0x4d, 0x4d, 0, 42]);
  dv.setUint32(4, ifd, le);
  dv.setUint16(ifd, entries.length, le);
  entries.forEach(([tag, type, vals], k) => {
    const e = ifd + 2 + 12 * k;
    dv.setUint16(e, tag, le);
    dv.setUint16(e + 2, type, le);
    dv.setUint32(e + 4, type === 5 ? 1 : vals.length, le);
    const at = extraAt.get(tag) ?? e + 8;
    if (extraAt.has(tag)) dv.setUint32(e + 8, at, le);
    vals.forEach((v, i) => (type === 3 ? dv.setUint16(at + 2 * i, v, le) : dv.setUint32(at + 4 * i, v, le)));
  });
  dv.setUint32(ifd + 2 + 12 * entries.length, 0, le);
  strips.forEach((d, i) => out.set(d, offsets[i]));
  return out;
}

describe('decoding page images (JPEG, PNG, TIFF)', () => {
  const W = 61;
  const H = 47;
  const { rgba, grey } = picture(W, H);

  it('sniffs the format by content', () => {
    expect(imageKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(imageKind(encodePng(2, 2, new Uint8Array(16)))).toBe('png');
    expect(imageKind(new Uint8Array([0x49, 0x49, 42, 0, 8, 0, 0, 0]))).toBe('tiff');
    expect(imageKind(new Uint8Array([0x4d, 0x4d, 0, 42]))).toBe('tiff');
    expect(imageKind(new TextEncoder().encode('%PDF-1.7'))).toBeNull();
    expect(imageKind(new Uint8Array())).toBeNull();
  });

  it('JPEG (colour, jpeg-js): the size, grey by luma, the JFIF or EXIF dpi, null without one', () => {
    const jpg = new Uint8Array(jpeg.encode({ width: W, height: H, data: rgba }, 95).data);
    const r = decodeImage(jpg);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.image.width, r.image.height]).toEqual([W, H]);
    expect(r.dpi).toBeNull(); // jpeg-js writes a 1:1 aspect ratio, no density
    expect(meanDiff(r.image.data, grey)).toBeLessThan(4);
    const d300 = decodeImage(withJfifDpi(jpg, 300));
    expect(d300.ok && d300.dpi).toBe(300);
    const exif = decodeImage(withExifDpi(jpg, 240));
    expect(exif.ok && exif.dpi).toBe(240);
    expect(exif.ok && meanDiff(exif.image.data, grey)).toBeLessThan(4);
  });

  it('JPEG (greyscale, the scans encoder): the size, the pixels, the dpi', () => {
    const img: GrayImage = { width: W, height: H, data: grey };
    const r = decodeImage(encodeGrayJpeg(img, 90, 200));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.image.width, r.image.height, r.dpi]).toEqual([W, H, 200]);
    expect(meanDiff(r.image.data, grey)).toBeLessThan(3);
    expect(maxDiff(r.image.data, grey)).toBeLessThan(60);
  });

  it('PNG: the size, grey by luma (exact), transparency over white, the pHYs dpi', () => {
    const png = encodePng(W, H, rgba);
    const r = decodeImage(png);
    expect(r.ok && [r.image.width, r.image.height, r.dpi]).toEqual([W, H, null]);
    expect(r.ok && maxDiff(r.image.data, grey)).toBeLessThanOrEqual(1);
    const r150 = decodeImage(withPhys(png, 150));
    expect(r150.ok && r150.dpi).toBe(150);
    const clear = rgba.slice();
    for (let i = 3; i < clear.length; i += 4) clear[i] = 0;
    const c = decodeImage(encodePng(W, H, clear));
    expect(c.ok && c.image.data.every((v) => v === 255)).toBe(true);
  });

  it('TIFF: uncompressed, PackBits, LZW with predictor, RGB, 1-bit, big-endian, several strips; the dpi', () => {
    const greyRows = Array.from({ length: H }, (_, y) => grey.subarray(y * W, (y + 1) * W));
    const rgbRows = Array.from({ length: H }, (_, y) => {
      const row = new Uint8Array(W * 3);
      for (let x = 0; x < W; x++) row.set(rgba.subarray(4 * (y * W + x), 4 * (y * W + x) + 3), 3 * x);
      return row;
    });
    const cases: [string, TiffSpec][] = [
      ['uncompressed', { width: W, height: H, spp: 1, bps: 8, rows: greyRows, compression: 1, photometric: 1, dpi: 300 }],
      ['PackBits, strips of 5 rows', { width: W, height: H, spp: 1, bps: 8, rows: greyRows, compression: 32773, photometric: 1, rowsPerStrip: 5 }],
      ['LZW', { width: W, height: H, spp: 1, bps: 8, rows: greyRows, compression: 5, photometric: 1, dpi: 200 }],
      ['LZW + predictor, big-endian', { width: W, height: H, spp: 1, bps: 8, rows: greyRows, compression: 5, photometric: 1, predictor: 2, bigEndian: true }],
      ['RGB, LZW + predictor', { width: W, height: H, spp: 3, bps: 8, rows: rgbRows, compression: 5, photometric: 2, predictor: 2, rowsPerStrip: 8 }],
    ];
    for (const [what, spec] of cases) {
      const r = decodeImage(tiff(spec));
      if (!r.ok) throw new Error(`${what}: ${r.code} ${r.message}`);
      expect([r.image.width, r.image.height, r.dpi], what).toEqual([W, H, spec.dpi ?? null]);
      expect(maxDiff(r.image.data, grey), what).toBeLessThanOrEqual(1);
    }
    // a large, compressible page: LZW past the 12-bit table (clear codes) and long strings
    const big = new Uint8Array(300 * 200).map((_, i) => ((i % 300) * 7 + Math.floor(i / 300)) % 97 < 90 ? 250 : 10);
    const bigRows = Array.from({ length: 200 }, (_, y) => big.subarray(y * 300, (y + 1) * 300));
    const lz = decodeImage(tiff({ width: 300, height: 200, spp: 1, bps: 8, rows: bigRows, compression: 5, photometric: 1 }));
    expect(lz.ok && maxDiff(lz.image.data, big)).toBe(0);
    // 1 bit, WhiteIsZero (fax style): a set bit is black
    const bits = Array.from({ length: 4 }, (_, y) => new Uint8Array([y % 2 ? 0xf0 : 0x0f, 0x80]));
    const bw = decodeImage(tiff({ width: 9, height: 4, spp: 1, bps: 1, rows: bits, compression: 1, photometric: 0 }));
    expect(bw.ok && Array.from(bw.image.data.subarray(0, 9))).toEqual([255, 255, 255, 255, 0, 0, 0, 0, 0]);
    expect(bw.ok && Array.from(bw.image.data.subarray(9, 18))).toEqual([0, 0, 0, 0, 255, 255, 255, 255, 0]);
    expect(imagePageCount(tiff(cases[0]![1]))).toBe(1);
  });

  it('refuses what it cannot read with a clear error, never a throw', () => {
    const err = (bytes: Uint8Array) => {
      const r = decodeImage(bytes);
      if (r.ok) throw new Error('expected an error');
      expect(r.message.length).toBeGreaterThan(20);
      return r;
    };
    expect(err(new Uint8Array()).code).toBe('empty-file');
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) & 0xff);
    expect(err(garbage)).toMatchObject({ code: 'unsupported-format', message: expect.stringMatching(/not a JPEG, PNG or TIFF/) });
    // truncated
    const jpg = new Uint8Array(jpeg.encode({ width: W, height: H, data: rgba }, 90).data);
    expect(err(jpg.subarray(0, Math.floor(jpg.length / 2)))).toMatchObject({ code: 'corrupt', message: expect.stringMatching(/truncated/) });
    expect(err(jpg.subarray(0, 40)).code).toBe('corrupt');
    const png = encodePng(W, H, rgba);
    expect(err(png.subarray(0, png.length - 20))).toMatchObject({ code: 'corrupt', message: expect.stringMatching(/truncated/) });
    expect(err(png.subarray(0, 20)).code).toBe('corrupt');
    const tif = tiff({ width: W, height: H, spp: 1, bps: 8, rows: Array.from({ length: H }, () => new Uint8Array(W)), compression: 1, photometric: 1 });
    expect(err(tif.subarray(0, tif.length - 100))).toMatchObject({ code: 'corrupt', message: expect.stringMatching(/truncated/) });
    // TIFF compressions not read here say what to do
    const g4 = tiff({ width: 8, height: 2, spp: 1, bps: 1, rows: [new Uint8Array(1), new Uint8Array(1)], compression: 4, photometric: 0 });
    expect(err(g4)).toMatchObject({ code: 'unsupported-format', message: expect.stringMatching(/CCITT Group 4.*save it as PNG/) });
  });

  it('refuses huge dimensions from the header before decoding or allocating anything', () => {
    // JPEG: SOF0 of 60000×60000 (3.6 G pixels), then a tiny scan
    const jpg = new Uint8Array(jpeg.encode({ width: 8, height: 8, data: new Uint8Array(256).fill(200) }, 90).data);
    let sof = -1;
    for (let i = 2; i < jpg.length - 1; i++) if (jpg[i] === 0xff && jpg[i + 1] === 0xc0) sof = i;
    const hugeJpg = jpg.slice();
    hugeJpg.set([0xea, 0x60, 0xea, 0x60], sof + 5);
    // PNG: IHDR of 100000×100000 (the CRC is not even looked at)
    const hugePng = encodePng(2, 2, new Uint8Array(16).fill(255));
    new DataView(hugePng.buffer).setUint32(16, 100_000);
    new DataView(hugePng.buffer).setUint32(20, 100_000);
    // TIFF: 70000×70000
    const hugeTif = tiff({ width: 70_000, height: 70_000, spp: 1, bps: 8, rows: [], compression: 1, photometric: 1 });
    for (const [kind, bytes] of [['JPEG', hugeJpg], ['PNG', hugePng], ['TIFF', hugeTif]] as const) {
      const before = process.memoryUsage().arrayBuffers;
      const t = performance.now();
      const r = decodeImage(bytes);
      expect(performance.now() - t, kind).toBeLessThan(200);
      expect(process.memoryUsage().arrayBuffers - before, kind).toBeLessThan(16 << 20);
      expect(r, kind).toMatchObject({ ok: false, code: 'too-large', message: expect.stringMatching(new RegExp(`the ${kind} image has \\d+×\\d+ pixels, more than the limit`)) });
    }
  });

  it('never throws on damaged bytes (random corruption of valid files)', () => {
    const files = [
      new Uint8Array(jpeg.encode({ width: W, height: H, data: rgba }, 80).data),
      encodeGrayJpeg({ width: W, height: H, data: grey }, 60, 150),
      encodePng(W, H, rgba),
      tiff({ width: W, height: H, spp: 1, bps: 8, rows: Array.from({ length: H }, (_, y) => grey.subarray(y * W, (y + 1) * W)), compression: 5, photometric: 1, predictor: 2 }),
    ];
    const rng = makeRng(7);
    let ok = 0;
    let failed = 0;
    for (const f of files) {
      for (let n = 0; n < 150; n++) {
        const b = f.slice(0, n % 5 === 0 ? Math.floor(rng() * f.length) : f.length);
        for (let k = 0; k < 1 + (n % 4); k++) b[Math.floor(rng() * b.length)] = Math.floor(rng() * 256);
        const r = decodeImage(b);
        if (r.ok) {
          ok++;
          expect(r.image.data.length).toBe(r.image.width * r.image.height);
        } else {
          failed++;
          expect(typeof r.code).toBe('string');
        }
      }
    }
    expect(ok + failed).toBe(600);
  });
});

// ---------------------------------------------------------------------------------------------
describe('generated scans (test/helpers/scans.ts)', () => {
  let source: Uint8Array;
  let scan: Uint8Array;
  let ms = 0;
  beforeAll(async () => {
    source = sample(TEXT_PDF);
    const t = performance.now();
    scan = await scanPdf(source, { dpi: 150, seed: 1 });
    ms = performance.now() - t;
  });

  it('is an image-only PDF with the pages of the source: same count and sizes, no text, one image over each page', async () => {
    const src = await openPdfium(source);
    const out = await openPdfium(scan);
    try {
      expect(out.numPages).toBe(src.numPages);
      expect(out.numPages).toBeGreaterThan(1);
      // a well-formed file: every xref offset points at its object, startxref at the xref
      const text = Buffer.from(scan).toString('latin1');
      const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
      expect(text.startsWith('xref\n', startxref)).toBe(true);
      const entries = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n \n/gm)].map((m) => Number(m[1]));
      expect(entries).toHaveLength(2 + 3 * out.numPages);
      entries.forEach((o, i) => expect(text.startsWith(`${i + 1} 0 obj\n`, o)).toBe(true));
      for (let p = 1; p <= out.numPages; p++) {
        const a = src.page(p);
        const b = out.page(p);
        expect(b.width).toBeCloseTo(a.width, 3);
        expect(b.height).toBeCloseTo(a.height, 3);
        expect(b.runs).toEqual([]);
        expect(b.glyphs).toEqual([]);
        expect(b.images).toHaveLength(1);
        const im = b.images[0]!;
        expect(Math.min(im.x0, im.x1)).toBeCloseTo(0, 3);
        expect(Math.min(im.y0, im.y1)).toBeCloseTo(0, 3);
        expect(Math.max(im.x0, im.x1)).toBeCloseTo(a.width, 3);
        expect(Math.max(im.y0, im.y1)).toBeCloseTo(a.height, 3);
      }
      // the scan renders with its image: ink about where the text was, paper at the margins
      const orig = src.render(1, 100).image;
      const scanned = out.render(1, 100).image;
      expect([scanned.width, scanned.height]).toEqual([orig.width, orig.height]);
      const inkO = inkShare(orig, 0, 0, orig.width, orig.height);
      const inkS = inkShare(scanned, 0, 0, scanned.width, scanned.height);
      expect(inkS).toBeGreaterThan(inkO * 0.5);
      expect(inkS).toBeLessThan(inkO * 2);
      const top = Math.min(...src.page(1).runs.map((r) => r.top)) * (100 / 72);
      expect(inkShare(scanned, 0, 0, scanned.width, top - 20)).toBeLessThan(0.002); // dust only
      // …and is not the clean page: grey paper, noise
      const paper = scanned.data.subarray(0, scanned.width * 10);
      expect(paper.some((v) => v < 250)).toBe(true);
      expect(new Set(paper).size).toBeGreaterThan(5);
    } finally {
      src.close();
      out.close();
    }
    console.log(`scanPdf: ${TEXT_PDF}, ${src.numPages} pages at 150 dpi in ${ms.toFixed(0)} ms, ${scan.length} bytes`);
  });

  it('is the same bytes for the same seed, other bytes for another seed', async () => {
    const again = await scanPdf(source, { dpi: 150, seed: 1 });
    expect(Buffer.compare(Buffer.from(again), Buffer.from(scan))).toBe(0);
    const other = await scanPdf(source, { dpi: 150, seed: 2 });
    expect(Buffer.compare(Buffer.from(other), Buffer.from(scan))).not.toBe(0);
  });

  it('gives the page JPEGs for image-file input: the page size at the dpi, the dpi in the file', async () => {
    const pages = await scanImages(source, { dpi: 160, seed: 4 });
    const doc = await openPdfium(source);
    try {
      expect(pages).toHaveLength(doc.numPages);
      for (const pg of pages) {
        const r = decodeImage(pg.jpeg);
        if (!r.ok) throw new Error(r.message);
        const page = doc.page(pg.page);
        expect([r.image.width, r.image.height, r.dpi]).toEqual([Math.round((page.width * 160) / 72), Math.round((page.height * 160) / 72), 160]);
        expect(Math.abs(pg.degradation.skewDegrees)).toBeGreaterThanOrEqual(0.3);
        expect(Math.abs(pg.degradation.skewDegrees)).toBeLessThanOrEqual(1.5);
        expect(pg.quality).toBeGreaterThanOrEqual(45);
        expect(pg.quality).toBeLessThanOrEqual(80);
      }
    } finally {
      doc.close();
    }
  });

  it('degradePage skews by the angle it reports (straight rule → sloped rule), leaving the input untouched', () => {
    // a white page with one black horizontal rule across the middle
    const w = 800;
    const h = 400;
    const img: GrayImage = { width: w, height: h, data: new Uint8Array(w * h).fill(255) };
    for (let y = 199; y <= 201; y++) img.data.fill(0, y * w + 100, y * w + 700);
    const copy = img.data.slice();
    const out = degradePage(img, makeRng(5), { skewDegrees: 1.2, noiseSigma: 0, specklesPerMP: 0, unevenness: 0 });
    expect(Buffer.compare(img.data, copy)).toBe(0);
    // the rule's centre row near its left and right ends
    const rowAt = (x: number) => {
      let best = 0;
      let at = 0;
      for (let y = 0; y < h; y++) {
        const v = 255 - (out.data[y * w + x] as number);
        if (v > best) {
          best = v;
          at = y;
        }
      }
      return at;
    };
    const slope = (rowAt(650) - rowAt(150)) / 500;
    // y down: positive degrees slope down to the right
    expect((Math.atan(slope) * 180) / Math.PI).toBeCloseTo(1.2, 0);
    expect(rowAt(650)).toBeGreaterThan(rowAt(150));
  });

  it(`converts (OCR ${OCR_FOR_SCANS}) with status ${SCAN_STATUS}`, async () => {
    const saved = process.env.XXGK_OCR;
    process.env.XXGK_OCR = OCR_FOR_SCANS;
    try {
      const report = await convertBytes(scan, `${TEXT_PDF}-scan.pdf`);
      expect(report.status).toBe(SCAN_STATUS);
      if (SCAN_STATUS === 'needs-ocr') expect(report.error?.message).toMatch(/no text layer \(4 of 4 pages are images only\)/);
    } finally {
      if (saved === undefined) delete process.env.XXGK_OCR;
      else process.env.XXGK_OCR = saved;
    }
  });
});
