/**
 * PDFium (WebAssembly build of @embedpdf/pdfium, MIT; PDFium itself BSD-3-Clause), loaded once
 * per thread, lazily: the first PDF read with the pdfium engine pays for it (~50 ms, 4.6 MB of
 * WASM). Only worker threads convert PDFs in a batch, so the main thread never loads it.
 *
 * The raw C exports (`_FPDF…`) are called directly: numbers in, numbers out, no per-call
 * wrapper. Pointers are offsets into the module's heap; out-parameters go through one scratch
 * area allocated here.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { importPackage } from '../import-package.js';

/** The C functions used (PDFium's public API, fpdfview.h / fpdf_text.h / fpdf_edit.h). */
export interface PdfiumExports {
  _PDFiumExt_Init(): void;
  _malloc(n: number): number;
  _free(p: number): void;
  _FPDF_LoadMemDocument(data: number, size: number, password: number): number;
  _FPDF_CloseDocument(doc: number): void;
  _FPDF_GetLastError(): number;
  _FPDF_GetPageCount(doc: number): number;
  _FPDF_GetMetaText(doc: number, tag: number, buf: number, len: number): number;
  _FPDF_LoadPage(doc: number, index: number): number;
  _FPDF_ClosePage(page: number): void;
  _FPDFPage_GetRotation(page: number): number;
  _FPDFPage_GetMediaBox(page: number, l: number, b: number, r: number, t: number): number;
  _FPDFPage_GetCropBox(page: number, l: number, b: number, r: number, t: number): number;
  _FPDFPage_CountObjects(page: number): number;
  _FPDFPage_GetObject(page: number, i: number): number;
  _FPDFPageObj_GetType(obj: number): number;
  _FPDFPageObj_GetMatrix(obj: number, m: number): number;
  _FPDFPageObj_GetFillColor(obj: number, r: number, g: number, b: number, a: number): number;
  _FPDFPageObj_GetStrokeColor(obj: number, r: number, g: number, b: number, a: number): number;
  _FPDFFormObj_CountObjects(obj: number): number;
  _FPDFFormObj_GetObject(obj: number, i: number): number;
  _FPDFPath_GetDrawMode(obj: number, fillMode: number, stroke: number): number;
  _FPDFPath_CountSegments(obj: number): number;
  _FPDFPath_GetPathSegment(obj: number, i: number): number;
  _FPDFPathSegment_GetPoint(seg: number, x: number, y: number): number;
  _FPDFPathSegment_GetType(seg: number): number;
  _FPDFPathSegment_GetClose(seg: number): number;
  _FPDFText_LoadPage(page: number): number;
  _FPDFText_ClosePage(tp: number): void;
  _FPDFText_CountChars(tp: number): number;
  _FPDFText_GetUnicode(tp: number, i: number): number;
  _FPDFText_IsGenerated(tp: number, i: number): number;
  _FPDFText_GetCharOrigin(tp: number, i: number, x: number, y: number): number;
  _FPDFText_GetLooseCharBox(tp: number, i: number, rect: number): number;
  _FPDFText_GetCharBox(tp: number, i: number, l: number, r: number, b: number, t: number): number;
  _FPDFText_GetFontSize(tp: number, i: number): number;
  _FPDFText_GetMatrix(tp: number, i: number, m: number): number;
  _FPDFText_GetTextObject(tp: number, i: number): number;
  _FPDFTextObj_GetFont(obj: number): number;
  _FPDFFont_GetAscent(font: number, size: number, out: number): number;
  _FPDFFont_GetDescent(font: number, size: number, out: number): number;
  HEAPU8: Uint8Array;
  HEAP32: Int32Array;
  HEAPU32: Uint32Array;
  HEAPF32: Float32Array;
  HEAPF64: Float64Array;
}

export interface Pdfium {
  x: PdfiumExports;
  /** 256 bytes for out-parameters (8-byte aligned). */
  scratch: number;
  /** NUL-terminated ASCII strings kept in the heap (metadata tags). */
  cstr(s: string): number;
}

let loading: Promise<Pdfium> | null = null;

/**
 * After a trap inside the WASM code (an Emscripten abort, an out-of-bounds access, running out
 * of WASM memory) the module's state cannot be trusted: it is dropped, and the next document
 * instantiates a fresh one.
 */
export function isWasmFault(e: unknown): boolean {
  const RuntimeError = (globalThis as { WebAssembly?: { RuntimeError?: new () => Error } }).WebAssembly?.RuntimeError;
  return (RuntimeError !== undefined && e instanceof RuntimeError) || (e instanceof Error && /^(RuntimeError|ExitStatus)$/.test(e.name)) || (e instanceof Error && /^Aborted\(/.test(e.message));
}

export function discardPdfium(): void {
  loading = null;
}

/** The WASM module of this thread (loaded on first use). */
export function loadPdfium(): Promise<Pdfium> {
  loading ??= (async () => {
    const { init } = await importPackage<typeof import('@embedpdf/pdfium')>('@embedpdf/pdfium');
    const req = createRequire(import.meta.url);
    const wasmBinary = readFileSync(req.resolve('@embedpdf/pdfium/pdfium.wasm'));
    // the Emscripten module prints through these; nothing of it belongs on standard output
    const quiet = () => {};
    const wrapped = await init({ wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength) as ArrayBuffer, print: quiet, printErr: quiet });
    const x = wrapped.pdfium as unknown as PdfiumExports;
    x._PDFiumExt_Init();
    const scratch = x._malloc(256);
    const strings = new Map<string, number>();
    const cstr = (s: string): number => {
      let p = strings.get(s);
      if (p === undefined) {
        p = x._malloc(s.length + 1);
        for (let i = 0; i < s.length; i++) x.HEAPU8[p + i] = s.charCodeAt(i) & 0x7f;
        x.HEAPU8[p + s.length] = 0;
        strings.set(s, p);
      }
      return p;
    };
    return { x, scratch, cstr };
  })();
  // a failed load is not cached: the next document tries again
  loading.catch(() => (loading = null));
  return loading;
}
