/**
 * Grey page images for OCR: one byte per pixel, 0 = black, 255 = white, row-major, no padding.
 * Every operation here is bounded by the image's own size, which is bounded where the image is
 * made (MAX_PIXELS).
 */

export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export type ImageKind = 'jpeg' | 'png' | 'tiff';

/** The image format by its first bytes; null: none of the three. */
export function imageKind(bytes: Uint8Array): ImageKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47 && bytes[4] === 0x0d && bytes[5] === 0x0a && bytes[6] === 0x1a && bytes[7] === 0x0a) return 'png';
  if (bytes.length >= 4 && ((bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[2] === 42 && bytes[3] === 0) || (bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0 && bytes[3] === 42))) return 'tiff';
  return null;
}

/** The most pixels one page image may have (A4 at 400 dpi is ~15.5 M). */
export const MAX_PIXELS = 40_000_000;

export function grayImage(width: number, height: number, fill = 255): GrayImage {
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1 || width * height > MAX_PIXELS) {
    throw new RangeError(`image size ${width}×${height} is out of bounds`);
  }
  return { width, height, data: new Uint8Array(width * height).fill(fill) };
}

/** Otsu's threshold of the grey histogram: pixels at or below it are ink. */
export function otsuThreshold(img: GrayImage): number {
  const hist = new Float64Array(256);
  const d = img.data;
  // a sample of at most ~1 M pixels is enough for the histogram
  const step = Math.max(1, Math.floor(d.length / 1_000_000));
  let n = 0;
  for (let i = 0; i < d.length; i += step) {
    hist[d[i] as number]!++;
    n++;
  }
  let sumAll = 0;
  for (let t = 0; t < 256; t++) sumAll += t * (hist[t] as number);
  let wB = 0;
  let sumB = 0;
  let best = 0;
  let bestT = 127;
  for (let t = 0; t < 256; t++) {
    wB += hist[t] as number;
    if (wB === 0) continue;
    const wF = n - wB;
    if (wF === 0) break;
    sumB += t * (hist[t] as number);
    const mB = sumB / wB;
    const mF = (sumAll - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      bestT = t;
    }
  }
  return bestT;
}

/** 1 where the pixel is ink (≤ threshold), else 0. */
export function binarize(img: GrayImage, threshold: number): Uint8Array {
  const out = new Uint8Array(img.data.length);
  const d = img.data;
  for (let i = 0; i < d.length; i++) out[i] = (d[i] as number) <= threshold ? 1 : 0;
  return out;
}

/**
 * The image resampled so that lines lying at `degrees` in it (y down: positive = sloping down to
 * the right) come out horizontal: rotation about the centre, bilinear, white outside, same size.
 */
export function straighten(img: GrayImage, degrees: number): GrayImage {
  const { width: w, height: h, data } = img;
  const out = grayImage(w, h);
  const o = out.data;
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      const fx = cx + dx * cos - dy * sin;
      const fy = cy + dx * sin + dy * cos;
      const x0 = Math.floor(fx);
      const y0 = Math.floor(fy);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) continue;
      const tx = fx - x0;
      const ty = fy - y0;
      const i = y0 * w + x0;
      const v =
        (data[i] as number) * (1 - tx) * (1 - ty) +
        (data[i + 1] as number) * tx * (1 - ty) +
        (data[i + w] as number) * (1 - tx) * ty +
        (data[i + w + 1] as number) * tx * ty;
      o[y * w + x] = v + 0.5;
    }
  }
  return out;
}

/** A copy of a rectangle of the image (clamped to it). */
export function crop(img: GrayImage, x0: number, y0: number, x1: number, y1: number): GrayImage {
  const ax = Math.max(0, Math.floor(x0));
  const ay = Math.max(0, Math.floor(y0));
  const bx = Math.min(img.width, Math.ceil(x1));
  const by = Math.min(img.height, Math.ceil(y1));
  const out = grayImage(Math.max(1, bx - ax), Math.max(1, by - ay));
  for (let y = ay; y < by; y++) out.data.set(img.data.subarray(y * img.width + ax, y * img.width + bx), (y - ay) * out.width);
  return out;
}
