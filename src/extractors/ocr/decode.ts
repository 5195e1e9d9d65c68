/**
 * Page images given as image files (a report published as .jpg/.png/.tif pages) decoded to grey
 * (`GrayImage`, 0 = black) for OCR, with the resolution the file declares.
 *
 *  - JPEG (jpeg-js): baseline and progressive; greyscale, YCbCr/RGB and CMYK. Resolution from the
 *    JFIF APP0 density, else the EXIF XResolution. Lossless and arithmetic-coded JPEGs are refused.
 *  - PNG (pngjs): every colour type and bit depth; transparency composited over white. Resolution
 *    from pHYs (pixels per metre).
 *  - TIFF, baseline: the first image (or the one asked for), strips (not tiles), chunky samples,
 *    8 bits per sample (grey, RGB, palette) or 1 bit (bi-level), uncompressed, PackBits or LZW
 *    (with horizontal predictor). CCITT fax, JPEG-in-TIFF, Deflate and tiled images are refused
 *    with what to do instead.
 *
 * Colour becomes grey by luma (Rec. 601: 0.299 R + 0.587 G + 0.114 B).
 *
 * Bounds: the dimensions are read from the header first and nothing is decoded when the image
 * has more than MAX_PIXELS pixels; jpeg-js is given its own resolution and memory limits; TIFF
 * strips are never inflated past the size the header implies. Never throws: every failure is
 * `{ ok: false, code, message }` with a message saying what to do.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { imageKind, MAX_PIXELS, type GrayImage } from './image.js';

export { imageKind, type ImageKind } from './image.js';


export type DecodedImage = { ok: true; image: GrayImage; dpi: number | null } | { ok: false; code: DecodeErrorCode; message: string };

export type DecodeErrorCode = 'empty-file' | 'unsupported-format' | 'too-large' | 'corrupt';

/** Memory jpeg-js may use for one image (its own accounting: coefficients, planes, output). */
const JPEG_MAX_MEMORY_MB = 1024;
/** Images (IFDs) looked at in a TIFF. */
const MAX_TIFF_PAGES = 10_000;
/** Entries read from one TIFF directory. */
const MAX_TIFF_ENTRIES = 4_096;
/** A declared resolution outside this range is not believed. */
const DPI_RANGE: [number, number] = [10, 10_000];

class DecodeError extends Error {
  constructor(
    readonly code: DecodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const fail = (code: DecodeErrorCode, message: string): never => {
  throw new DecodeError(code, message);
};

function checkSize(kind: string, width: number, height: number): void {
  if (!(width >= 1 && height >= 1)) fail('corrupt', `the ${kind} header gives the image a size of ${width}×${height} pixels: the file is damaged; obtain it again`);
  if (width * height > MAX_PIXELS) {
    fail('too-large', `the ${kind} image has ${width}×${height} pixels, more than the limit of ${MAX_PIXELS} (a page scanned at over ~600 dpi): scale it down (e.g. to 300 dpi) and convert again`);
  }
}

function plausibleDpi(d: number): number | null {
  return Number.isFinite(d) && d >= DPI_RANGE[0] && d <= DPI_RANGE[1] ? Math.round(d * 100) / 100 : null;
}

/**
 * Decodes a JPEG, PNG or TIFF page image to grey. `page` picks the image of a multi-page TIFF
 * (0-based; see `imagePageCount`). Never throws.
 */
export function decodeImage(bytes: Uint8Array, page = 0): DecodedImage {
  try {
    if (bytes.length === 0) fail('empty-file', 'the file is empty (0 bytes); obtain it again');
    const kind = imageKind(bytes);
    if (kind === 'jpeg') return decodeJpeg(bytes);
    if (kind === 'png') return decodePng(bytes);
    if (kind === 'tiff') return decodeTiff(bytes, page);
    const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    return { ok: false, code: 'unsupported-format', message: `not a JPEG, PNG or TIFF image (first bytes: ${head}); save the page as PNG or JPEG and convert again` };
  } catch (e) {
    if (e instanceof DecodeError) return { ok: false, code: e.code, message: e.message };
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, code: 'corrupt', message: `the image cannot be decoded (${detail.slice(0, 200)}): the file may be damaged or truncated; obtain it again, or open it in an image editor and save it again as PNG` };
  }
}

/** Images in the file: the number of directories of a TIFF, 1 for JPEG and PNG, 0 for anything else. Never throws. */
export function imagePageCount(bytes: Uint8Array): number {
  const kind = imageKind(bytes);
  if (kind === 'jpeg' || kind === 'png') return 1;
  if (kind !== 'tiff') return 0;
  try {
    return tiffDirectories(bytes).length;
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// JPEG

interface JpegHeader {
  width: number;
  height: number;
  components: number;
  sof: number;
  dpi: number | null;
  /** Whether an EOI marker follows the first scan. */
  complete: boolean;
}

/** The markers before the first scan: frame size, density; then whether the data ends with EOI. */
function jpegHeader(b: Uint8Array): JpegHeader {
  let i = 2;
  let frame: { width: number; height: number; components: number; sof: number } | null = null;
  let jfifDpi: number | null = null;
  let exifDpi: number | null = null;
  let scan = -1;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) fail('corrupt', `the JPEG has no marker where one is expected (byte ${i}): the file is damaged; obtain it again`);
    const m = b[i + 1] as number;
    if (m === 0xff) {
      i++; // fill byte
      continue;
    }
    if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      i += 2;
      continue;
    }
    if (m === 0xd9) break;
    const len = ((b[i + 2] as number) << 8) | (b[i + 3] as number);
    if (len < 2 || i + 2 + len > b.length) break;
    const seg = b.subarray(i + 4, i + 2 + len);
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc && seg.length >= 6) {
      frame = { height: ((seg[1] as number) << 8) | (seg[2] as number), width: ((seg[3] as number) << 8) | (seg[4] as number), components: seg[5] as number, sof: m };
    } else if (m === 0xe0 && seg.length >= 12 && seg[0] === 0x4a && seg[1] === 0x46 && seg[2] === 0x49 && seg[3] === 0x46 && seg[4] === 0) {
      const units = seg[7] as number;
      const xd = ((seg[8] as number) << 8) | (seg[9] as number);
      if (units === 1) jfifDpi = plausibleDpi(xd);
      else if (units === 2) jfifDpi = plausibleDpi(xd * 2.54);
    } else if (m === 0xe1 && seg.length >= 14 && seg[0] === 0x45 && seg[1] === 0x78 && seg[2] === 0x69 && seg[3] === 0x66 && seg[4] === 0 && seg[5] === 0) {
      try {
        const t = new Tiff(seg.subarray(6));
        const dir = t.directory(t.firstIfd);
        exifDpi = tiffDpi(t, dir);
      } catch {
        // a damaged EXIF block only loses the resolution
      }
    } else if (m === 0xda) {
      scan = i + 2 + len;
      break;
    }
    i += 2 + len;
  }
  if (!frame) fail('corrupt', 'the JPEG has no frame header (SOF) before its image data: the file is damaged or truncated; obtain it again');
  const f = frame as NonNullable<typeof frame>;
  if (f.height === 0) fail('unsupported-format', 'the JPEG gives its height only after the image data (DNL marker), which is not supported: open it in an image editor and save it again as JPEG or PNG');
  let complete = false;
  if (scan > 0) {
    // EOI: at the end, or followed by padding / trailing bytes some scanners append
    for (let k = b.length - 2; k >= scan; k--) {
      if (b[k] === 0xff && b[k + 1] === 0xd9) {
        complete = true;
        break;
      }
    }
  }
  return { ...f, dpi: jfifDpi ?? exifDpi, complete };
}

function decodeJpeg(b: Uint8Array): DecodedImage {
  const h = jpegHeader(b);
  checkSize('JPEG', h.width, h.height);
  if (h.sof === 0xc3 || h.sof >= 0xc9) fail('unsupported-format', `the JPEG is ${h.sof === 0xc3 ? 'lossless' : 'arithmetic-coded or lossless'} (SOF marker ff ${h.sof.toString(16)}), which is not supported: open it in an image editor and save it again as a standard JPEG or PNG`);
  if (![1, 3, 4].includes(h.components)) fail('unsupported-format', `the JPEG has ${h.components} colour components (1, 3 or 4 are supported): save it again as a greyscale or RGB JPEG or PNG`);
  if (!h.complete) fail('corrupt', 'the JPEG is truncated (its image data has no end marker): obtain the file again');
  const raw = jpeg.decode(b, {
    useTArray: true,
    formatAsRGBA: false,
    tolerantDecoding: true,
    maxResolutionInMP: MAX_PIXELS / 1_000_000,
    maxMemoryUsageInMB: JPEG_MAX_MEMORY_MB,
  });
  if (raw.width !== h.width || raw.height !== h.height) fail('corrupt', `the JPEG decoded to ${raw.width}×${raw.height} pixels, not the ${h.width}×${h.height} of its header: the file is damaged; obtain it again`);
  const n = raw.width * raw.height;
  const out = new Uint8Array(n);
  const d = raw.data;
  if (h.components === 1) {
    for (let i = 0, j = 0; i < n; i++, j += 3) out[i] = d[j] as number;
  } else {
    for (let i = 0, j = 0; i < n; i++, j += 3) out[i] = luma(d[j] as number, d[j + 1] as number, d[j + 2] as number);
  }
  return { ok: true, image: { width: raw.width, height: raw.height, data: out }, dpi: h.dpi };
}

function luma(r: number, g: number, b: number): number {
  return (r * 19595 + g * 38470 + b * 7471 + 32768) >> 16;
}

// ---------------------------------------------------------------------------------------------
// PNG

function decodePng(b: Uint8Array): DecodedImage {
  const u32 = (o: number) => (((b[o] as number) << 24) | ((b[o + 1] as number) << 16) | ((b[o + 2] as number) << 8) | (b[o + 3] as number)) >>> 0;
  if (b.length < 33 || String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') fail('corrupt', 'the PNG has no image header (IHDR): the file is damaged or truncated; obtain it again');
  const width = u32(16);
  const height = u32(20);
  checkSize('PNG', width, height);
  // pHYs comes before the image data; walk the chunks up to the first IDAT
  let dpi: number | null = null;
  let sawData = false;
  let ended = false;
  for (let o = 8; o + 12 <= b.length; ) {
    const len = u32(o);
    const type = String.fromCharCode(...b.subarray(o + 4, o + 8));
    if (o + 12 + len > b.length) break;
    if (type === 'pHYs' && len >= 9 && b[o + 16] === 1) dpi = plausibleDpi(Math.round(u32(o + 8) * 0.0254)); // pixels per metre: whole dpi
    if (type === 'IDAT') sawData = true;
    if (type === 'IEND') {
      ended = true;
      break;
    }
    o += 12 + len;
  }
  if (!sawData || !ended) fail('corrupt', `the PNG is truncated (${sawData ? 'it does not end with IEND' : 'no image data'}): obtain the file again`);
  const png = PNG.sync.read(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  if (png.width !== width || png.height !== height) fail('corrupt', 'the PNG decoded to another size than its header gives: the file is damaged; obtain it again');
  const n = width * height;
  const out = new Uint8Array(n);
  const d = png.data;
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const a = d[j + 3] as number;
    const y = luma(d[j] as number, d[j + 1] as number, d[j + 2] as number);
    // transparent paper is white paper
    out[i] = a === 255 ? y : (y * a + 255 * (255 - a) + 127) / 255;
  }
  return { ok: true, image: { width, height, data: out }, dpi };
}

// ---------------------------------------------------------------------------------------------
// TIFF

type TiffEntry = { tag: number; type: number; count: number; valueOffset: number };

/** Reading a TIFF structure (also used for the EXIF block of a JPEG). */
class Tiff {
  readonly le: boolean;
  readonly firstIfd: number;
  constructor(readonly b: Uint8Array) {
    if (b.length < 8) fail('corrupt', 'the TIFF header is truncated: obtain the file again');
    this.le = b[0] === 0x49;
    if (this.u16(2) !== 42) fail('corrupt', 'not a TIFF header');
    this.firstIfd = this.u32(4);
  }
  u16(o: number): number {
    if (o < 0 || o + 2 > this.b.length) fail('corrupt', 'the TIFF is truncated (a directory points past the end of the file): obtain it again');
    const b = this.b;
    return this.le ? (b[o] as number) | ((b[o + 1] as number) << 8) : ((b[o] as number) << 8) | (b[o + 1] as number);
  }
  u32(o: number): number {
    if (o < 0 || o + 4 > this.b.length) fail('corrupt', 'the TIFF is truncated (a directory points past the end of the file): obtain it again');
    const b = this.b;
    return (this.le ? ((b[o + 3] as number) << 24) | ((b[o + 2] as number) << 16) | ((b[o + 1] as number) << 8) | (b[o] as number) : ((b[o] as number) << 24) | ((b[o + 1] as number) << 16) | ((b[o + 2] as number) << 8) | (b[o + 3] as number)) >>> 0;
  }
  directory(offset: number): Map<number, TiffEntry> {
    const n = this.u16(offset);
    if (n > MAX_TIFF_ENTRIES) fail('corrupt', `a TIFF directory claims ${n} entries: the file is damaged`);
    const dir = new Map<number, TiffEntry>();
    for (let k = 0; k < n; k++) {
      const e = offset + 2 + 12 * k;
      dir.set(this.u16(e), { tag: this.u16(e), type: this.u16(e + 2), count: this.u32(e + 4), valueOffset: e + 8 });
    }
    return dir;
  }
  nextDirectory(offset: number): number {
    return this.u32(offset + 2 + 12 * this.u16(offset));
  }
  /** The values of an entry (SHORT, LONG, BYTE; RATIONAL as numbers), at most `max` of them. */
  values(e: TiffEntry | undefined, max = 1_000_000): number[] {
    if (!e) return [];
    const size = ({ 1: 1, 3: 2, 4: 4, 5: 8, 16: 8 } as Record<number, number>)[e.type];
    if (!size) fail('unsupported-format', `a TIFF field (tag ${e.tag}) has a type (${e.type}) not read here`);
    if (e.count > max) fail('corrupt', `a TIFF field (tag ${e.tag}) has ${e.count} values: the file is damaged`);
    const total = size! * e.count;
    const at = total <= 4 ? e.valueOffset : this.u32(e.valueOffset);
    if (at + total > this.b.length) fail('corrupt', 'the TIFF is truncated (a field points past the end of the file): obtain it again');
    const out: number[] = [];
    for (let k = 0; k < e.count; k++) {
      const o = at + k * size!;
      if (e.type === 1) out.push(this.b[o] as number);
      else if (e.type === 3) out.push(this.u16(o));
      else if (e.type === 4) out.push(this.u32(o));
      else if (e.type === 5) {
        const den = this.u32(o + 4);
        out.push(den ? this.u32(o) / den : NaN);
      } else out.push(this.u32(o) + this.u32(o + 4) * 2 ** 32); // LONG8 (BigTIFF offsets; not expected in classic TIFF)
    }
    return out;
  }
  one(dir: Map<number, TiffEntry>, tag: number, dflt: number): number {
    const v = this.values(dir.get(tag), 1);
    return v.length ? (v[0] as number) : dflt;
  }
}

function tiffDpi(t: Tiff, dir: Map<number, TiffEntry>): number | null {
  const xr = t.values(dir.get(282), 1)[0];
  if (xr === undefined) return null;
  const unit = t.one(dir, 296, 2);
  return unit === 2 ? plausibleDpi(xr) : unit === 3 ? plausibleDpi(xr * 2.54) : null;
}

function tiffDirectories(b: Uint8Array): number[] {
  const t = new Tiff(b);
  const seen = new Set<number>();
  const out: number[] = [];
  for (let o = t.firstIfd; o !== 0 && !seen.has(o) && out.length < MAX_TIFF_PAGES; o = t.nextDirectory(o)) {
    seen.add(o);
    out.push(o);
  }
  return out;
}

const COMPRESSION_NAMES: Record<number, string> = { 2: 'CCITT modified Huffman', 3: 'CCITT Group 3 fax', 4: 'CCITT Group 4 fax', 6: 'old-style JPEG', 7: 'JPEG', 8: 'Deflate', 32946: 'Deflate', 34712: 'JPEG 2000' };

function decodeTiff(b: Uint8Array, page: number): DecodedImage {
  const t = new Tiff(b);
  const dirs = tiffDirectories(b);
  const at = dirs[page];
  if (at === undefined) fail('corrupt', dirs.length ? `the TIFF has ${dirs.length} image(s), not an image ${page + 1}` : 'the TIFF has no image directory: the file is damaged; obtain it again');
  const dir = t.directory(at!);
  const width = t.one(dir, 256, 0);
  const height = t.one(dir, 257, 0);
  checkSize('TIFF', width, height);
  const again = 'open it in an image editor and save it as PNG (or an uncompressed / LZW TIFF), then convert again';
  const compression = t.one(dir, 259, 1);
  if (compression !== 1 && compression !== 5 && compression !== 32773) {
    fail('unsupported-format', `the TIFF is compressed with ${COMPRESSION_NAMES[compression] ?? `method ${compression}`}, which is not supported (uncompressed, LZW and PackBits are): ${again}`);
  }
  if (dir.has(322) || dir.has(324)) fail('unsupported-format', `the TIFF is tiled, which is not supported: ${again}`);
  const spp = t.one(dir, 277, 1);
  const bits = t.values(dir.get(258), 16);
  const bps = bits.length ? (bits[0] as number) : 1;
  const photometric = t.one(dir, 262, bps === 1 ? 0 : 1);
  if (t.one(dir, 284, 1) !== 1 && spp > 1) fail('unsupported-format', `the TIFF stores its colour planes separately, which is not supported: ${again}`);
  if (!(bps === 8 || (bps === 1 && spp === 1)) || bits.some((v) => v !== bps) || spp < 1 || spp > 4) {
    fail('unsupported-format', `the TIFF has ${spp} sample(s) of ${bits.join('/') || bps} bits per pixel (8-bit grey, RGB or palette, or 1-bit black-and-white are supported): ${again}`);
  }
  if (![0, 1, 2, 3].includes(photometric)) fail('unsupported-format', `the TIFF's colour model (photometric ${photometric}) is not supported: ${again}`);
  const predictor = t.one(dir, 317, 1);
  if (predictor !== 1 && !(predictor === 2 && bps === 8)) fail('unsupported-format', `the TIFF uses predictor ${predictor}, which is not supported: ${again}`);
  const lsbFirst = t.one(dir, 266, 1) === 2;
  const rowsPerStrip = Math.max(1, Math.min(height, t.one(dir, 278, height)));
  const strips = Math.ceil(height / rowsPerStrip);
  const offsets = t.values(dir.get(273), strips + 1);
  const counts = t.values(dir.get(279), strips + 1);
  if (offsets.length < strips || counts.length < strips) fail('corrupt', `the TIFF lists ${offsets.length} strip(s) where its size needs ${strips}: the file is damaged; obtain it again`);
  const rowBytes = bps === 1 ? Math.ceil(width / 8) : width * spp;
  let palette: number[] | null = null;
  if (photometric === 3) {
    if (bps !== 8 || spp !== 1) fail('unsupported-format', `the TIFF's palette image is not 8-bit: ${again}`);
    const map = t.values(dir.get(320), 768);
    if (map.length !== 768) fail('corrupt', 'the TIFF palette image has no 256-colour map: the file is damaged');
    palette = Array.from({ length: 256 }, (_, k) => luma((map[k] as number) >> 8, (map[256 + k] as number) >> 8, (map[512 + k] as number) >> 8));
  }
  const out = new Uint8Array(width * height);
  for (let s = 0; s < strips; s++) {
    const rows = Math.min(rowsPerStrip, height - s * rowsPerStrip);
    const want = rows * rowBytes;
    const off = offsets[s] as number;
    const cnt = counts[s] as number;
    if (off + cnt > b.length) fail('corrupt', 'the TIFF is truncated (its image data runs past the end of the file): obtain it again');
    let src = b.subarray(off, off + cnt);
    if (lsbFirst) src = src.map(reverseBits);
    const data = compression === 1 ? src : compression === 5 ? lzwDecode(src, want) : packBitsDecode(src, want);
    if (data.length < want) fail('corrupt', `the TIFF's image data is short (strip ${s + 1} has ${data.length} of ${want} bytes): the file is truncated or damaged; obtain it again`);
    for (let r = 0; r < rows; r++) {
      const y = s * rowsPerStrip + r;
      const row = data.subarray(r * rowBytes, (r + 1) * rowBytes);
      const o = y * width;
      if (predictor === 2) {
        // horizontal differencing, per sample (on a copy: `row` may be the file's own bytes)
        const undone = row.slice();
        for (let k = spp; k < undone.length; k++) undone[k] = ((undone[k] as number) + (undone[k - spp] as number)) & 0xff;
        writeRow(undone, out, o, width, spp, bps, photometric, palette);
      } else writeRow(row, out, o, width, spp, bps, photometric, palette);
    }
  }
  return { ok: true, image: { width, height, data: out }, dpi: tiffDpi(t, dir) };
}

function writeRow(row: Uint8Array, out: Uint8Array, o: number, width: number, spp: number, bps: number, photometric: number, palette: number[] | null): void {
  if (bps === 1) {
    // photometric 0 (WhiteIsZero): a 1 bit is black
    const oneIsBlack = photometric === 0;
    for (let x = 0; x < width; x++) {
      const bit = ((row[x >> 3] as number) >> (7 - (x & 7))) & 1;
      out[o + x] = bit === (oneIsBlack ? 1 : 0) ? 0 : 255;
    }
  } else if (palette) {
    for (let x = 0; x < width; x++) out[o + x] = palette[row[x] as number] as number;
  } else if (photometric === 2 && spp >= 3) {
    for (let x = 0, j = 0; x < width; x++, j += spp) {
      const y = luma(row[j] as number, row[j + 1] as number, row[j + 2] as number);
      // RGBA with associated or unassociated alpha: over white
      const a = spp === 4 ? (row[j + 3] as number) : 255;
      out[o + x] = a === 255 ? y : (y * a + 255 * (255 - a) + 127) / 255;
    }
  } else {
    // grey (first sample; a second one is alpha)
    const invert = photometric === 0;
    for (let x = 0, j = 0; x < width; x++, j += spp) {
      const v = row[j] as number;
      out[o + x] = invert ? 255 - v : v;
    }
  }
}

function reverseBits(v: number): number {
  v = ((v & 0xf0) >> 4) | ((v & 0x0f) << 4);
  v = ((v & 0xcc) >> 2) | ((v & 0x33) << 2);
  return ((v & 0xaa) >> 1) | ((v & 0x55) << 1);
}

/** PackBits, stopping at `want` bytes. */
function packBitsDecode(src: Uint8Array, want: number): Uint8Array {
  const out = new Uint8Array(want);
  let o = 0;
  let i = 0;
  while (o < want && i < src.length) {
    const n = src[i++] as number;
    if (n < 128) {
      const len = Math.min(n + 1, want - o, src.length - i);
      out.set(src.subarray(i, i + len), o);
      o += len;
      i += n + 1;
    } else if (n > 128) {
      if (i >= src.length) break;
      const len = Math.min(257 - n, want - o);
      out.fill(src[i++] as number, o, o + len);
      o += len;
    }
  }
  return out.subarray(0, o);
}

/** TIFF LZW (MSB first, early change), stopping at `want` bytes. */
function lzwDecode(src: Uint8Array, want: number): Uint8Array {
  if (src.length >= 2 && src[0] === 0 && (src[1] as number) & 1) fail('unsupported-format', 'the TIFF uses the old (pre-1992) LZW variant, which is not supported: open it in an image editor and save it as PNG, then convert again');
  const out = new Uint8Array(want);
  // the table: each code is a previous code plus one byte; its string is rebuilt backwards
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const firstByte = new Uint8Array(4096);
  const length = new Int32Array(4096);
  for (let k = 0; k < 256; k++) {
    prefix[k] = -1;
    suffix[k] = k;
    firstByte[k] = k;
    length[k] = 1;
  }
  let next = 258;
  let width = 9;
  let prev = -1;
  let o = 0;
  let bitBuf = 0;
  let bitCount = 0;
  let i = 0;
  /** Writes the string of `code` (backwards along its prefixes), clipped to the output. */
  const emit = (code: number) => {
    const end = o + (length[code] as number);
    let c = code;
    for (let p = end - 1; p >= o; p--) {
      if (p < want) out[p] = suffix[c] as number;
      c = prefix[c] as number;
    }
    o = Math.min(end, want);
  };
  const add = (first: number) => {
    if (next >= 4096) return;
    prefix[next] = prev;
    suffix[next] = first;
    firstByte[next] = firstByte[prev] as number;
    length[next] = (length[prev] as number) + 1;
    next++;
  };
  while (o < want) {
    while (bitCount < width && i < src.length) {
      bitBuf = ((bitBuf << 8) | (src[i++] as number)) >>> 0;
      bitCount += 8;
    }
    if (bitCount < width) break;
    const code = (bitBuf >>> (bitCount - width)) & ((1 << width) - 1);
    bitCount -= width;
    bitBuf &= (1 << bitCount) - 1;
    if (code === 256) {
      next = 258;
      width = 9;
      prev = -1;
      continue;
    }
    if (code === 257) break;
    if (prev < 0) {
      if (code > 255) fail('corrupt', 'the TIFF LZW data is damaged: obtain the file again');
      emit(code);
      prev = code;
      continue;
    }
    if (code < next) {
      add(firstByte[code] as number);
      emit(code);
    } else if (code === next && next < 4096) {
      add(firstByte[prev] as number);
      emit(code);
    } else fail('corrupt', 'the TIFF LZW data is damaged: obtain the file again');
    prev = code;
    if (next + 1 >= 1 << width && width < 12) width++;
  }
  return out.subarray(0, o);
}
