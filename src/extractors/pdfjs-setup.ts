/**
 * pdf.js, loaded once per thread and set up for extraction only (issue: the legacy build's
 * side effects cost the whole process).
 *
 * 1. The legacy build (needed on Node 20) bundles core-js polyfills that replace
 *    `Array.prototype.push`, `JSON.stringify` and `JSON.parse` for the whole process with slower
 *    versions (they fix lengths past 2^53 and add JSON.parse's source-text argument; neither is
 *    used here or by pdf.js). Both pdf.mjs and pdf.worker.mjs do it, and the worker module is
 *    imported lazily by pdf.js on the first document, so it is loaded here first (pdf.js takes a
 *    preloaded `globalThis.pdfjsWorker`) and the natives are put back after both.
 * 2. In Node pdf.js defaults to `disableFontFace: true`, which makes its evaluator build every
 *    glyph's outline as a path for display (and post it to the main thread) while reading text.
 *    Nothing is displayed here: fonts are "loaded" into an inert document (`INERT_FONT_OPTIONS`)
 *    so that no outline is built. The text layer and the operator list are unchanged (tested).
 *
 * 3. pdf.js's Node build polyfills DOMMatrix, ImageData and Path2D from its optional dependency
 *    @napi-rs/canvas, and without it cannot even load (`new DOMMatrix()` at module level), so a
 *    `npm install --omit=optional` made every PDF fail. Only rendering needs them: when the
 *    package is missing, inert stand-ins let pdf.js load, its warnings (printed on standard
 *    output, where a JSONL stream may go) are kept off the console, and `canvasMissing` says so
 *    (the CLI prints one notice).
 *
 * test/pdfjs-setup.test.ts fails when a pdf.js upgrade breaks 1 or 2; test/package.test.ts
 * installs the packed package without optional dependencies and converts a PDF.
 */
import { createRequire } from 'node:module';
import { importPackage } from './import-package.js';
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

const NATIVE = { push: Array.prototype.push, stringify: JSON.stringify, parse: JSON.parse };

/** What set-up did, for tests and diagnostics. */
export interface PdfJsSetup {
  /** Natives that the legacy build had replaced and that were put back. */
  restored: string[];
  /** A FontFace stand-in was installed (none existed in this thread). */
  inertFontFace: boolean;
  /** @napi-rs/canvas could not be loaded: DOMMatrix, ImageData and Path2D are inert stand-ins. */
  canvasMissing: boolean;
}

export const setupState: PdfJsSetup = { restored: [], inertFontFace: false, canvasMissing: false };

/** Whether pdf.js's optional canvas package can be loaded (from pdf.js's own folder, as pdf.js does). */
export function canvasAvailable(): boolean {
  try {
    const req = createRequire(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    req.resolve('@napi-rs/canvas');
    return true;
  } catch {
    return false;
  }
}

/** Stand-ins for what only rendering uses (pdf.js creates one DOMMatrix when it loads). */
class InertMatrix {
  a = 1; b = 0; c = 0; d = 1; e = 0; f = 0;
  constructor(init?: ArrayLike<number>) {
    if (init && init.length >= 6) [this.a, this.b, this.c, this.d, this.e, this.f] = Array.from(init).slice(0, 6) as [number, number, number, number, number, number];
  }
}
class InertImageData {
  constructor(readonly width = 0, readonly height = 0) {}
}
class InertPath2D {}

function restoreNatives(): void {
  const put = (name: string, current: unknown, native: unknown, restore: () => void) => {
    if (current !== native) {
      restore();
      if (!setupState.restored.includes(name)) setupState.restored.push(name);
    }
  };
  put('Array.prototype.push', Array.prototype.push, NATIVE.push, () => (Array.prototype.push = NATIVE.push));
  put('JSON.stringify', JSON.stringify, NATIVE.stringify, () => (JSON.stringify = NATIVE.stringify));
  put('JSON.parse', JSON.parse, NATIVE.parse, () => (JSON.parse = NATIVE.parse));
}

/** A FontFace that loads nothing: pdf.js "attaches" fonts to the inert document below. */
class InertFontFace {
  readonly status = 'loaded';
  readonly loaded: Promise<InertFontFace>;
  constructor(readonly family: string) {
    this.loaded = Promise.resolve(this);
  }
  load(): Promise<InertFontFace> {
    return this.loaded;
  }
}

/** A document whose font set accepts fonts and does nothing with them. */
const INERT_DOCUMENT = {
  fonts: { add(): void {}, delete(): void {}, has: () => false, check: () => true, status: 'loaded' },
};

/** getDocument options that keep pdf.js from building glyph outlines for display. */
export const INERT_FONT_OPTIONS = { disableFontFace: false, ownerDocument: INERT_DOCUMENT } as const;

let loading: Promise<PdfJs> | null = null;

/** pdf.js (legacy build) with its worker preloaded in this thread and the natives restored. */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const g0 = globalThis as Record<string, unknown>;
    let quiet: (() => void) | null = null;
    if (!g0.DOMMatrix && !canvasAvailable()) {
      setupState.canvasMissing = true;
      g0.DOMMatrix = InertMatrix;
      g0.ImageData ??= InertImageData;
      g0.Path2D ??= InertPath2D;
      // pdf.js warns on standard output while it loads: not where a JSONL stream may go
      const log = console.log;
      console.log = (...args: unknown[]) => {
        if (typeof args[0] === 'string' && args[0].startsWith('Warning: ')) return;
        log(...args);
      };
      quiet = () => (console.log = log);
    }
    let pdfjs: PdfJs;
    try {
      pdfjs = await importPackage<PdfJs>('pdfjs-dist/legacy/build/pdf.mjs');
    } finally {
      quiet?.();
    }
    const g = globalThis as { pdfjsWorker?: unknown; FontFace?: unknown };
    if (!g.pdfjsWorker) g.pdfjsWorker = await importPackage<unknown>('pdfjs-dist/legacy/build/pdf.worker.mjs');
    restoreNatives();
    if (typeof g.FontFace === 'undefined') {
      g.FontFace = InertFontFace;
      setupState.inertFontFace = true;
    }
    return pdfjs;
  })();
  return loading;
}
