/**
 * One page of an open PDFium document rendered to a grey image (for OCR of scanned pages).
 *
 * The page is drawn as a viewer shows it (crop box, /Rotate applied, annotations' appearances
 * included) into an 8-bit grey PDFium bitmap filled white first, then copied row by row out of
 * the WASM heap into a `GrayImage` (0 = black).
 *
 * Bounds: the page size read from the file is clamped to [1, 14 400] points a side (the largest
 * page PDF allows at user unit 1); the resolution asked for to [MIN_DPI, MAX_DPI]; and when the
 * page at that resolution would have more than MAX_PIXELS pixels, the resolution is lowered until
 * it fits. The resolution actually used is returned. The bitmap is destroyed in every case.
 */
import { grayImage, MAX_PIXELS, type GrayImage } from '../ocr/image.js';
import type { Pdfium, PdfiumExports } from './load.js';

/** The rendering functions of PDFium's C API (fpdfview.h) used here. */
interface RenderExports extends PdfiumExports {
  _FPDF_GetPageWidthF(page: number): number;
  _FPDF_GetPageHeightF(page: number): number;
  _FPDFBitmap_CreateEx(width: number, height: number, format: number, firstScan: number, stride: number): number;
  _FPDFBitmap_FillRect(bitmap: number, left: number, top: number, width: number, height: number, color: number): number;
  _FPDFBitmap_GetBuffer(bitmap: number): number;
  _FPDFBitmap_GetStride(bitmap: number): number;
  _FPDFBitmap_Destroy(bitmap: number): void;
  _FPDF_RenderPageBitmap(bitmap: number, page: number, startX: number, startY: number, sizeX: number, sizeY: number, rotate: number, flags: number): void;
}

/** fpdfview.h */
const FPDFBitmap_Gray = 1;
const FPDF_ANNOT = 0x01;
const FPDF_GRAYSCALE = 0x08;

/** Largest page side taken from a file, in points (PDF's limit at user unit 1). */
export const MAX_PAGE_POINTS = 14_400;
export const MIN_DPI = 10;
export const MAX_DPI = 1_200;

export interface RenderedPage {
  image: GrayImage;
  /** The resolution used: the one asked for, or lower where the page would be too large. */
  dpi: number;
}

/**
 * The pixel size of a page of `widthPt` × `heightPt` points at `dpi`, with the resolution lowered
 * where needed so that the image has at most `maxPixels` pixels. Pure; exported for tests.
 */
export function renderSize(widthPt: number, heightPt: number, dpi: number, maxPixels = MAX_PIXELS): { width: number; height: number; dpi: number } {
  const clampPt = (v: number) => (Number.isFinite(v) ? Math.min(MAX_PAGE_POINTS, Math.max(1, Math.abs(v))) : 612);
  const wPt = clampPt(widthPt);
  const hPt = clampPt(heightPt);
  let d = Number.isFinite(dpi) ? Math.min(MAX_DPI, Math.max(MIN_DPI, dpi)) : 150;
  const px = (pt: number, r: number) => Math.max(1, Math.round((pt * r) / 72));
  if (px(wPt, d) * px(hPt, d) > maxPixels) {
    // lowered to a whole number of dpi that fits (or a fraction, for enormous pages)
    d = d * Math.sqrt(maxPixels / (px(wPt, d) * px(hPt, d)));
    d = d >= 2 ? Math.floor(d) : d;
    while (px(wPt, d) * px(hPt, d) > maxPixels) d *= 0.99;
  }
  return { width: px(wPt, d), height: px(hPt, d), dpi: d };
}

/**
 * Renders page `pageNo` (1-based) of an open document. Throws an Error when the page cannot be
 * loaded or the bitmap cannot be allocated; WASM traps are left to the caller's guard.
 */
export function renderPage(pf: Pdfium, doc: number, pageNo: number, dpi: number): RenderedPage {
  const x = pf.x as RenderExports;
  if (!Number.isSafeInteger(pageNo) || pageNo < 1) throw new RangeError(`no page ${pageNo}`);
  const page = x._FPDF_LoadPage(doc, pageNo - 1);
  if (!page) throw new Error(`PDFium could not load page ${pageNo}`);
  let bitmap = 0;
  try {
    // the page as displayed: crop box (within the media box), /Rotate applied
    const size = renderSize(x._FPDF_GetPageWidthF(page), x._FPDF_GetPageHeightF(page), dpi);
    const { width: w, height: h } = size;
    const image = grayImage(w, h);
    bitmap = x._FPDFBitmap_CreateEx(w, h, FPDFBitmap_Gray, 0, 0);
    if (!bitmap) throw new Error(`out of memory for a ${w}×${h} page image`);
    x._FPDFBitmap_FillRect(bitmap, 0, 0, w, h, 0xffffffff);
    x._FPDF_RenderPageBitmap(bitmap, page, 0, 0, w, h, 0, FPDF_ANNOT | FPDF_GRAYSCALE);
    const buf = x._FPDFBitmap_GetBuffer(bitmap);
    const stride = x._FPDFBitmap_GetStride(bitmap);
    if (!buf || stride < w) throw new Error(`PDFium gave no bitmap buffer for page ${pageNo}`);
    // the heap is read after rendering: it may have grown (a new buffer) while rendering
    const heap = x.HEAPU8;
    for (let y = 0; y < h; y++) image.data.set(heap.subarray(buf + y * stride, buf + y * stride + w), y * w);
    return { image, dpi: size.dpi };
  } finally {
    if (bitmap) x._FPDFBitmap_Destroy(bitmap);
    x._FPDF_ClosePage(page);
  }
}
