/**
 * PDF extractor: PDF bytes → DocumentModel (the same model a Word file gives).
 *
 *  1. pdf.js (legacy build, in-process "fake worker"): text items and the operator list of
 *     every page; the loading task is always destroyed and every page cleaned up.
 *  2. Text: runs in page coordinates, lines rebuilt from baselines (not from pdf.js item
 *     boundaries), CJK-aware joining (no spaces between CJK characters), paragraphs from the line
 *     geometry. Page numbers ("- 2 -", "第2页", …) are removed; text repeated in the page margins
 *     becomes role 'header'/'footer'. Vertical-writing glyphs are placed from the operator list.
 *  3. Tables: ruled tables from stroked lines and thin filled rectangles (pdf-tables.ts), with
 *     row/column spans; a conservative borderless fallback; tables broken across pages joined.
 *  4. Blocks in reading order: per page, paragraphs and tables by vertical position.
 *
 * Never throws: failures come back as { ok: false, error }.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { cleanMetadata, errorDetail, errorName } from '../clean.js';
import type { Block, Cell, DocumentModel, ExtractResult, Message, Paragraph, Table } from '../model.js';
import { damagedMessage } from './pdf-damaged.js';
import { MAX_Q_DEPTH, prescanPdf } from './pdf-prescan.js';
import { walkOperatorList, type Box, type FontInfo, type PlacedGlyph, type Segment } from './pdf-ops.js';
import {
  buildLines,
  buildParagraphs,
  cleanText,
  columnMetrics,
  joinWrapped,
  movedRun,
  pageNumberKind,
  runsFromItems,
  verticalText,
  type ColumnMetrics,
  type FlowParagraph,
  type FontStyle,
  type Line,
  type Run,
  type TextItemLike,
} from './pdf-text.js';
import { findBorderless } from './pdf-borderless.js';
import { compact, compatibleColumns, fillCells, findSkeletons, joinTables, positions, rulesFromGraphics, splitSkeleton, tableWith, textRows, type PageTable } from './pdf-tables.js';
import { INERT_FONT_OPTIONS, loadPdfJs } from './pdfjs-setup.js';
// the PDFium engine's WASM is loaded on its first document only (pdfium/load.ts)
import { openPdfium } from './pdfium/document.js';
import type { GrayImage } from './ocr/image.js';
// the OCR engine itself (onnxruntime, the model) loads on the first scanned page only
import * as ocr from './ocr/index.js';
import { flatMapped, mapped } from '../arrays.js';

export interface PdfExtractOptions {
  /** Refuse documents with more pages than this (default 500). */
  maxPages?: number;
  /**
   * The PDF engine: PDFium (WebAssembly, ~3× faster, the same output on every sample and real
   * PDF: bench/RESULTS.md) unless this option or the XXGK_PDF_ENGINE environment variable says
   * `pdfjs`. With neither set, a file PDFium finds damaged is read again with pdf.js (each
   * parser repairs damage its own way).
   */
  engine?: PdfEngine;
  /**
   * OCR of pages without a text layer: `auto` (the default, or the XXGK_OCR environment variable)
   * reads image-only pages with the OCR engine (ocr/); `off` reports such a PDF as needs-ocr.
   * Pages with a text layer never go through OCR.
   */
  ocr?: OcrMode;
}

export type PdfEngine = 'pdfjs' | 'pdfium';
export type OcrMode = 'auto' | 'off';

/** The OCR mode asked for: the option, else XXGK_OCR, else auto. */
export function ocrMode(opts: PdfExtractOptions = {}): OcrMode {
  return opts.ocr ?? (process.env.XXGK_OCR === 'off' ? 'off' : 'auto');
}

/** Resolution scanned pages are rendered at for OCR. */
export const OCR_DPI = 200;

/** The engine asked for: the option, else XXGK_PDF_ENGINE, else PDFium. */
export function pdfEngine(opts: PdfExtractOptions = {}): PdfEngine {
  return opts.engine ?? (process.env.XXGK_PDF_ENGINE === 'pdfjs' ? 'pdfjs' : 'pdfium');
}

/** Whether the engine was left to the default (then a file PDFium cannot read goes to pdf.js). */
const engineChosen = (opts: PdfExtractOptions): boolean => opts.engine !== undefined || process.env.XXGK_PDF_ENGINE === 'pdfjs' || process.env.XXGK_PDF_ENGINE === 'pdfium';

export const DEFAULT_MAX_PAGES = 500;

/** A paragraph that only says "continued table". */
const CONTINUED = /^\s*[（(]?\s*续\s*表\s*[\d一二三四五六七八九十]*\s*[）)]?\s*[:：]?\s*$/u;

/** Share of the page height at the top and bottom where page numbers and running heads live. */
const MARGIN_ZONE = 0.08;

class ExtractFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pkgDirCache: string | null = null;
function pdfjsDir(): string {
  pkgDirCache ??= path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return pkgDirCache;
}

export async function extractPdf(bytes: Uint8Array, opts: PdfExtractOptions = {}): Promise<ExtractResult> {
  const messages: Message[] = [];
  try {
    const document = await extract(bytes, opts, messages);
    return { ok: true, document, messages };
  } catch (e) {
    if (e instanceof ExtractFailure) return { ok: false, error: { code: e.code, message: e.message }, messages };
    return { ok: false, error: classify(e), messages };
  }
}

/** The one wording of a damaged PDF: what was seen, and what to do. */

function classify(e: unknown): { code: string; message: string } {
  const name = errorName(e);
  if (name === 'PasswordException') {
    return { code: 'encrypted', message: 'password-protected PDF; remove the password and convert again' };
  }
  if (name === 'InvalidPDFException') return { code: 'corrupt', message: damagedMessage(`cannot be opened: ${errorDetail(e)}`) };
  return { code: 'corrupt', message: damagedMessage(errorDetail(e)) };
}

// ---------------------------------------------------------------------------------------------
// Sniffing

function describeStart(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 8);
  const hex = Array.from(head, (b) => b.toString(16).padStart(2, '0')).join(' ');
  const ascii = Array.from(head, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  return `first bytes: ${hex} "${ascii}"`;
}

function sniff(bytes: Uint8Array): void {
  if (bytes.length === 0) {
    throw new ExtractFailure('empty-file', 'The file is empty (0 bytes). The download or upload probably failed; obtain the file again.');
  }
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return;
  let hint = 'The file may be truncated, mislabelled or not a PDF at all; obtain the original again.';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) hint = 'It looks like a ZIP container (e.g. a .docx); convert it with the matching extractor.';
  else if (bytes[0] === 0xd0 && bytes[1] === 0xcf) hint = 'It looks like a legacy Word/WPS (.doc/.wps) file, not a PDF.';
  else if (/^\s*</.test(head)) hint = 'It looks like an HTML or XML text file (often a download error page), not a PDF.';
  throw new ExtractFailure('corrupt', `Not a PDF file: no "%PDF-" header (${describeStart(bytes)}). ${hint}`);
}

// ---------------------------------------------------------------------------------------------
// Per page

interface PageItem {
  kind: 'paragraph' | 'table';
  top: number;
  bottom: number;
  para?: FlowParagraph;
  table?: PageTable;
  /** 'top'/'bottom' when a one-line paragraph lies in the page margin zone. */
  zone: 'top' | 'bottom' | null;
}

interface PageResult {
  page: number;
  width: number;
  height: number;
  items: PageItem[];
  /** Runs of consecutive text lines between tables (paragraphs are built from them later). */
  flows: Line[][];
  col: ColumnMetrics;
  textChars: number;
  imageCover: number;
  /** Ruled one-cell boxes in the lower part of the page (no table on their own). */
  footBoxes: Box[];
  /** The text lines outside ruled tables (what borderless tables were looked for in). */
  looseLines: Line[];
  /** The borderless tables of the page with the lines each consumed (header lines apart). */
  borderlessParts: BorderlessPart[];
}

interface BorderlessPart {
  table: PageTable;
  lines: Line[];
  headerLines: Line[];
}

function imageCoverage(images: Box[], width: number, height: number): number {
  let area = 0;
  for (const b of images) {
    const w = Math.max(0, Math.min(b.x1, width) - Math.max(b.x0, 0));
    const h = Math.max(0, Math.min(b.y1, height) - Math.max(b.y0, 0));
    area = Math.max(area, w * h);
  }
  // the largest single image is a safe lower bound of the union
  return width > 0 && height > 0 ? area / (width * height) : 0;
}

async function extract(bytes: Uint8Array, opts: PdfExtractOptions, messages: Message[]): Promise<DocumentModel> {
  sniff(bytes);
  // what pdf.js cannot bound: refused before it starts
  const scan = prescanPdf(bytes);
  if (scan.maxQDepth > MAX_Q_DEPTH) {
    throw new ExtractFailure('corrupt', damagedMessage(`a page's drawing nests more than ${MAX_Q_DEPTH} graphics states (q operators; real documents nest a few)`));
  }
  if (pdfEngine(opts) === 'pdfium') {
    const own: Message[] = [];
    try {
      const doc = await openPdfium(bytes);
      try {
        const model = await extractFrom(
          {
            numPages: doc.numPages,
            producer: async () => cleanMetadata(doc.producer) ?? cleanMetadata(doc.creator),
            page: async (p) => doc.page(p),
            render: async (p, dpi) => doc.render(p, dpi),
          },
          scan,
          opts,
          own,
        );
        messages.push(...own);
        return model;
      } finally {
        doc.close();
      }
    } catch (err) {
      const failure = err instanceof ExtractFailure ? { code: err.code, message: err.message } : classify(err);
      if (engineChosen(opts) || failure.code !== 'corrupt') {
        // what was noticed on the way to the failure (OCR of pages that gave no text) is kept
        messages.push(...own);
        throw err;
      }
      // damaged for PDFium: pdf.js may repair it otherwise
      const again: Message[] = [];
      try {
        const model = await extractWithPdfjs(bytes, scan, opts, again);
        messages.push(...again, { code: 'pdf.engine-fallback', message: `PDFium could not read the file (${failure.message.slice(0, 200)}); it was read with pdf.js`, path: null });
        return model;
      } catch {
        throw err;
      }
    }
  }
  return extractWithPdfjs(bytes, scan, opts, messages);
}

/** The document read with pdf.js. */
async function extractWithPdfjs(bytes: Uint8Array, scan: ReturnType<typeof prescanPdf>, opts: PdfExtractOptions, messages: Message[]): Promise<DocumentModel> {
  const pdfjs = await loadPdfJs();
  const dir = pdfjsDir();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes), // a copy: pdf.js may transfer/detach the buffer
    cMapUrl: dir + '/cmaps/',
    cMapPacked: true,
    standardFontDataUrl: dir + '/standard_fonts/',
    wasmUrl: dir + '/wasm/',
    iccUrl: dir + '/iccs/',
    isEvalSupported: false,
    verbosity: 0,
    // extraction only: no glyph outline is built for display (pdfjs-setup.ts)
    ...INERT_FONT_OPTIONS,
  });
  try {
    const doc = await task.promise;
    const producer = async (): Promise<string | null> => {
      try {
        const meta = await doc.getMetadata();
        const info = (meta.info ?? {}) as Record<string, unknown>;
        return cleanMetadata(info['Producer']) ?? cleanMetadata(info['Creator']);
      } catch {
        return null;
      }
    };
    // pdf.js has no renderer here (no canvas): scanned pages are rendered by PDFium
    return await withPdfiumRenderer(bytes, (render) => extractFrom({ numPages: doc.numPages, producer, page: (p) => pdfjsPage(doc, pdfjs, p), render }, scan, opts, messages));
  } finally {
    // a failure to tear down must neither replace the result nor escape as an unhandled rejection
    try {
      await task.destroy();
    } catch {
      // nothing left to do with this document
    }
  }
}

/** An open document of either engine. */
interface EngineDocument {
  numPages: unknown;
  producer(): Promise<string | null>;
  page(pageNo: number): Promise<PageInput>;
  /** The page as a grey image (for OCR), at about `dpi` (lower when the page is very large). */
  render(pageNo: number, dpi: number): Promise<{ image: GrayImage; dpi: number }>;
}

type Renderer = EngineDocument['render'];

/** A renderer that opens the bytes with PDFium when first asked, and closes them after `use`. */
async function withPdfiumRenderer<T>(bytes: Uint8Array, use: (render: Renderer) => Promise<T>): Promise<T> {
  let opened: Promise<Awaited<ReturnType<typeof openPdfium>>> | null = null;
  try {
    return await use(async (p, dpi) => {
      opened ??= openPdfium(bytes);
      return (await opened).render(p, dpi);
    });
  } finally {
    if (opened) (await (opened as Promise<Awaited<ReturnType<typeof openPdfium>>>).catch(() => null))?.close();
  }
}

async function extractFrom(doc: EngineDocument, scan: ReturnType<typeof prescanPdf>, opts: PdfExtractOptions, messages: Message[]): Promise<DocumentModel> {
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  const numPages: unknown = doc.numPages;
  // the page count is the page tree's /Count, as written in the file: anything but 1, 2, 3, …
  // is a damaged page tree (and would be an invalid `source.pages`)
  if (typeof numPages !== 'number' || !Number.isSafeInteger(numPages) || numPages < 1) {
    throw new ExtractFailure('corrupt', damagedMessage(`its page tree declares ${describeCount(numPages)} pages`));
  }
  if (numPages > maxPages) {
    throw new ExtractFailure(
      'too-large',
      `The PDF has ${numPages} pages, more than the limit of ${maxPages}; an annual report is a few pages long. Check that this is the right file, or raise the page limit.`,
    );
  }
  if (scan.pageObjects > numPages) {
    messages.push({
      code: 'pdf.pages-missing',
      message: `the page tree declares ${numPages} page(s) but the file holds at least ${scan.pageObjects} page objects: pages may be missing (a damaged page tree); re-download or re-export the PDF`,
      path: null,
    });
  }
  const producer = await doc.producer();

  const pages: PageResult[] = [];
  for (let p = 1; p <= numPages; p++) {
    try {
      pages.push(pageFromInput(await doc.page(p), messages));
    } catch (e) {
      if (errorName(e) === 'PasswordException') throw e;
      messages.push({ code: 'pdf.page-error', message: `page ${p} could not be read (${errorDetail(e)}); its content is missing`, path: null });
    }
  }
  if (pages.length === 0) {
    throw new ExtractFailure('corrupt', damagedMessage(`none of its ${numPages} page${numPages > 1 ? 's' : ''} could be read`));
  }

  // Image-only pages: read by OCR (unless it is off), else reported
  // (a page read by OCR has text now: only pages with some are kept, ocrPages)
  const isImageOnly = (pg: PageResult) => pg.textChars < 5 && pg.imageCover >= 0.3;
  let scanned: OcrOutcome | null = null;
  if (pages.some(isImageOnly) && ocrMode(opts) === 'auto') {
    scanned = await ocrPages(doc, pages.filter(isImageOnly), messages);
    for (const [i, pg] of pages.entries()) pages[i] = scanned.read.get(pg.page) ?? pg;
  }
  const imageOnly = mapped(pages.filter(isImageOnly), (pg) => pg.page);
  const totalChars = pages.reduce((s, pg) => s + pg.textChars, 0);
  if (imageOnly.length > 0 && (imageOnly.length === pages.length || totalChars < 20)) {
    const what = `the PDF has no text layer (${imageOnly.length} of ${numPages} pages are images only)`;
    const why = scanned?.unavailable
      ? `it needs OCR, which could not run: ${scanned.unavailable}`
      : scanned
        ? 'OCR found no readable text in them (blank pages, photos, or too poor a scan): check the file'
        : 'it needs OCR, which is off: convert with --ocr auto';
    throw new ExtractFailure('needs-ocr', `${what}; ${why}`);
  }
  if (imageOnly.length > 0) {
    messages.push({
      code: 'pdf.image-only-pages',
      message: `page${imageOnly.length > 1 ? 's' : ''} ${imageOnly.join(', ')} ha${imageOnly.length > 1 ? 've' : 's'} no text layer (images only); their content is missing and needs OCR`,
      path: null,
    });
  }
  if (totalChars === 0 && imageOnly.length === 0) {
    messages.push({ code: 'pdf.no-text', message: 'the PDF contains no text at all', path: null });
  }

  const model: DocumentModel = { format: 'pdf', pages: numPages, producer, blocks: assemble(pages) };
  if (scanned && scanned.read.size > 0) model.ocr = { engine: scanned.engine, pages: [...scanned.read.keys()].sort((a, b) => a - b), dpi: scanned.dpi };
  return model;
}

interface OcrOutcome {
  /** The OCR'd layout of each page read. */
  read: Map<number, PageResult>;
  engine: string;
  dpi: number;
  /** Why OCR could not run at all, if it could not. */
  unavailable: string | null;
}

/** Image-only pages rendered and read by OCR; a page that fails keeps its empty layout. */
async function ocrPages(doc: EngineDocument, pages: PageResult[], messages: Message[]): Promise<OcrOutcome> {
  const out: OcrOutcome = { read: new Map(), engine: '', dpi: OCR_DPI, unavailable: null };
  try {
    out.engine = await ocr.engineName();
  } catch (e) {
    out.unavailable = errorDetail(e);
    messages.push({ code: 'pdf.ocr-unavailable', message: `image-only pages could not be read: ${out.unavailable}`, path: null });
    return out;
  }
  let uncertain = 0;
  for (const pg of pages) {
    try {
      const { image, dpi } = await doc.render(pg.page, OCR_DPI);
      out.dpi = Math.min(out.dpi, dpi);
      const { input, stats } = await ocr.ocrPage(image, pg.page, pg.width, pg.height);
      uncertain += stats.uncertain;
      const read = pageFromInput(input, messages);
      if (read.textChars < 5) {
        // a blank scan, a photo, a page of drawings: nothing to read
        messages.push({ code: 'pdf.ocr-no-text', message: `page ${pg.page}: OCR found no text on the page image`, path: null });
        continue;
      }
      out.read.set(pg.page, { ...read, imageCover: pg.imageCover });
      if (Math.abs(stats.skewDegrees) >= 0.05) {
        messages.push({ code: 'pdf.ocr-deskewed', message: `page ${pg.page}: the scan was turned ${stats.skewDegrees.toFixed(2)}° back to straight before OCR`, path: null });
      }
    } catch (e) {
      messages.push({ code: 'pdf.ocr-page-error', message: `page ${pg.page}: OCR failed (${errorDetail(e)}); its content is missing`, path: null });
    }
  }
  if (out.read.size > 0) {
    messages.push({
      code: 'pdf.ocr',
      message: `page${out.read.size > 1 ? 's' : ''} ${[...out.read.keys()].join(', ')} had no text layer and ${out.read.size > 1 ? 'were' : 'was'} read by OCR (${out.engine}, ${out.dpi} dpi); ${uncertain} text piece(s) read with low confidence. Numbers read by OCR carry their confidence in evidence; check the flagged ones against the scan`,
      path: null,
    });
  }
  return out;
}

function describeCount(n: unknown): string {
  if (typeof n === 'number') return Number.isFinite(n) ? String(n) : 'an invalid number of';
  return 'no number of';
}

type PdfDoc = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

/**
 * What a PDF engine gives of one page, in page space (points, top-left origin, y down): the text
 * as runs and as single placed glyphs (vertical writing), the ruling candidates (path segments
 * and filled rectangles), image areas. Everything after this (tables, paragraphs) is
 * engine-independent.
 */
export interface PageInput {
  page: number;
  width: number;
  height: number;
  runs: Run[];
  glyphs: PlacedGlyph[];
  segments: Segment[];
  shades: Box[];
  images: Box[];
  /** Drawing operations in an unexpected format (rulings may be missing). */
  unreadablePaths: number;
}

/** The layout of one page from what the engine read. */
function pageFromInput(input: PageInput, messages: Message[]): PageResult {
  const { page: pageNo, width, height, runs, glyphs, segments, shades, images } = input;
  if (input.unreadablePaths > 0 && !messages.some((m) => m.code === 'pdf.unreadable-paths')) {
    messages.push({
      code: 'pdf.unreadable-paths',
      message: `page ${pageNo}: ${input.unreadablePaths} drawing operation(s) had an unexpected format; table rulings may be missing`,
      path: null,
    });
  }
  const textChars = runs.reduce((s, r) => s + r.text.replace(/\s/g, '').length, 0) + glyphs.length;
  const result = layoutPage(pageNo, width, height, runs, glyphs, segments, shades, messages);
  return { ...result, textChars, imageCover: imageCoverage(images, width, height) };
}

/** pdf.js's reading of one page. */
async function pdfjsPage(doc: PdfDoc, pdfjs: PdfJs, pageNo: number): Promise<PageInput> {
  const page = await doc.getPage(pageNo);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const vt = viewport.transform as number[];
    const width = viewport.width;
    const height = viewport.height;
    const tc = await page.getTextContent();
    const ol = await page.getOperatorList();
    const styles = tc.styles as Record<string, FontStyle>;
    const font = (name: string): FontInfo | null => {
      const style = styles[name];
      let fontMatrix: ArrayLike<number> | undefined;
      let defaultVMetrics: ArrayLike<number> | undefined;
      try {
        if (page.commonObjs.has(name)) {
          const f = page.commonObjs.get(name) as { fontMatrix?: ArrayLike<number>; defaultVMetrics?: ArrayLike<number>; vertical?: boolean } | null;
          fontMatrix = f?.fontMatrix ?? undefined;
          defaultVMetrics = f?.defaultVMetrics ?? undefined;
          if (!style && f) return { vertical: f.vertical === true, fontMatrix, defaultVMetrics };
        }
      } catch {
        // font object not available: defaults
      }
      return style ? { vertical: style.vertical === true, fontMatrix, defaultVMetrics } : null;
    };
    const graphics = walkOperatorList(ol, { ops: pdfjs.OPS as unknown as Record<string, number>, viewport: vt, font });
    const items = (tc.items as unknown[]).filter((it): it is TextItemLike => !!it && typeof it === 'object' && 'str' in it);
    const text = runsFromItems(items, styles, vt, graphics.verticalGlyphs.length > 0);
    const placed = mapped(graphics.verticalGlyphs, (g) => ({ ...g, ch: cleanText(g.ch, true) })).filter((g) => g.ch !== '');
    return {
      page: pageNo, width, height, runs: text.runs, glyphs: [...placed, ...text.glyphs],
      segments: graphics.segments, shades: graphics.shades, images: graphics.images, unreadablePaths: graphics.unreadablePaths,
    };
  } finally {
    try {
      page.cleanup();
    } catch {
      // the page's resources go with the document anyway
    }
  }
}

function layoutPage(
  pageNo: number,
  width: number,
  height: number,
  allRuns: Run[],
  glyphs: PlacedGlyph[],
  segments: Parameters<typeof rulesFromGraphics>[0],
  shades: Box[],
  messages: Message[],
): Omit<PageResult, 'textChars' | 'imageCover'> {
  const { h, v } = rulesFromGraphics(segments, shades);
  let skeletons = findSkeletons(h, v, pageNo);
  if (skeletons.some((s) => s.nonRect)) {
    messages.push({
      code: 'pdf.table-irregular',
      message: `page ${pageNo}: a table has merged cells that are not rectangles (a ruling is broken or missing); those cells were kept apart`,
      path: null,
    });
  }

  // Page numbers: pieces of lines (separated by wide gaps) in the top/bottom margin zone. A bare
  // number counts only outside tables (it could be a value in the last row of a table).
  const inTable = (top: number, bottom: number, x0: number, x1: number) =>
    skeletons.some((s) => bottom > s.box.y0 && top < s.box.y1 && x1 > s.box.x0 && x0 < s.box.x1);
  const dropped = new Set<Run>();
  for (const l of buildLines(allRuns)) {
    const mid = (l.top + l.bottom) / 2;
    if (mid > height * MARGIN_ZONE && mid < height * (1 - MARGIN_ZONE)) continue;
    const pieces = splitAtGaps(l.runs);
    // a line of three or more numbers is a table row (of a table without rulings), not a page number
    const numbers = pieces.filter((p) => /^[\d\s,.，．]+$/u.test(mapped(p, (r) => r.text).join('').normalize('NFKC'))).length;
    for (const piece of pieces) {
      const text = mapped(piece, (r) => r.text).join('');
      const kind = pageNumberKind(text);
      if (!kind) continue;
      const n = Number(text.normalize('NFKC').trim());
      const x0 = Math.min(...mapped(piece, (r) => r.x0));
      const x1 = Math.max(...mapped(piece, (r) => r.x1));
      const within = inTable(l.top, l.bottom, x0, x1);
      const plausible = kind === 'weak' && n >= 1 && n <= pageNo + 2 && !within && numbers < 3;
      // inside a table a signed number ("-2", a change from last year) is a value, not "-2-"
      const signed = /^[-−–—]\d+$/u.test(text.normalize('NFKC').replace(/\s+/g, ''));
      if ((kind === 'strong' && !(within && signed)) || plausible) for (const r of piece) dropped.add(r);
    }
  }
  const runs = allRuns.filter((r) => !dropped.has(r));

  let filled = fillCells(skeletons, runs, glyphs, pageNo);
  // a ruled frame around the body or the tables (its cells hold headings and paragraphs, the
  // report tables nested in it share its sides): its text rows are read as text, the tables
  // between them as tables
  const cutsOf = (t: PageTable): number[] =>
    textRows(t, (c) => {
      const x0 = t.xs[c.c0] as number;
      const x1 = t.xs[c.c1] as number;
      const y0 = t.ys[c.r0] as number;
      const y1 = t.ys[c.r1] as number;
      const inside = runs.filter((r) => (r.top + r.bottom) / 2 > y0 && (r.top + r.bottom) / 2 < y1 && r.x0 >= x0 - 1 && r.x1 <= x1 + 1);
      if (inside.length === 0) return true;
      const mid = (Math.min(...mapped(inside, (r) => r.x0)) + Math.max(...mapped(inside, (r) => r.x1))) / 2;
      return Math.abs(mid - (x0 + x1) / 2) <= 0.1 * (x1 - x0);
    });
  const cuts = mapped(filled.tables, cutsOf);
  if (cuts.some((c) => c.length > 0)) {
    skeletons = flatMapped(skeletons, (sk, k) => {
      const t = filled.tables[k] as PageTable;
      // (cells in the same order as the skeleton's)
      const empty = (c: { r0: number; c0: number }) => (t.cells.find((x) => x.r0 === c.r0 && x.c0 === c.c0)?.text.trim() ?? '') === '';
      return (cuts[k] as number[]).length > 0 ? splitSkeleton(sk, cuts[k] as number[], empty) : [sk];
    });
    filled = fillCells(skeletons, runs, glyphs, pageNo);
  }
  // A grid with no text at all is decoration (form boxes, a frame), not data.
  const tables = mapped(mapped(filled.tables, compact)
    .filter((t) => t.cells.some((c) => c.text.trim() !== '')), (t) => dropRowEndHoles(t, v));
  let lines = buildLines(filled.outside);
  const looseLines = lines;

  // Borderless tables among the remaining lines.
  const borderless = findBorderless(lines, pageNo);
  const borderlessParts = mapped(borderless.tables, (b) => ({ table: b.table, lines: b.lines, headerLines: b.headerLines }));
  if (borderless.tables.length > 0) {
    const used = new Set<Line>();
    for (const b of borderless.tables) {
      tables.push(b.table);
      for (const l of b.lines) used.add(l);
      messages.push({
        code: 'pdf.borderless-table',
        message:
          `page ${pageNo}: a table without ruling lines was rebuilt from text positions; check it` +
          (b.notes.length > 0 ? ` (${b.notes.join('; ')})` : ''),
        path: null,
      });
    }
    lines = lines.filter((l) => !used.has(l));
  }
  if (borderless.rejected > 0) {
    messages.push({
      code: 'pdf.borderless-table',
      message: `page ${pageNo}: lines that look like a table without ruling lines could not be cut into cells safely; their text was kept as paragraphs`,
      path: null,
    });
  }

  const items: PageItem[] = mapped(tables, (t) => ({ kind: 'table', top: t.box.y0, bottom: t.box.y1, table: t, zone: null }));
  const flows = flowsOf(lines, tables);
  // Vertical text outside tables: one paragraph.
  if (filled.glyphsOutside.length > 0) {
    const text = verticalText(filled.glyphsOutside);
    const top = Math.min(...mapped(filled.glyphsOutside, (g) => g.cy - g.size / 2));
    const bottom = Math.max(...mapped(filled.glyphsOutside, (g) => g.cy + g.size / 2));
    const fake: Line = { runs: [], text, x0: 0, x1: 0, baseline: bottom, top, bottom, size: filled.glyphsOutside[0]?.size ?? 10 };
    items.push({ kind: 'paragraph', top, bottom, para: { text, top, bottom, first: fake, last: fake, lineGap: null }, zone: null });
  }
  return { page: pageNo, width, height, items, flows, col: { left: 0, right: width }, footBoxes: footBoxes(h, v, skeletons, height), looseLines, borderlessParts };
}

/** The line flow split at tables, so that no paragraph runs across one. */
function flowsOf(lines: Line[], tables: PageTable[]): Line[][] {
  const flows: Line[][] = [];
  let current: Line[] = [];
  let prevBottom = -Infinity;
  for (const l of lines) {
    const between = tables.some((t) => t.box.y0 >= prevBottom - 1 && t.box.y0 <= l.top + 1);
    if (between && current.length > 0) {
      flows.push(current);
      current = [];
    }
    current.push(l);
    prevBottom = l.bottom;
  }
  if (current.length > 0) flows.push(current);
  return flows;
}

/**
 * One-cell ruled boxes in the lower 40 % of a page that are no table of their own: the first row
 * of a table (a caption row spanning all columns) left alone at the foot of a page by a browser,
 * the rest of the table on the next page. Bounded: at most 60 horizontal lines are looked at.
 */
function footBoxes(h: ReturnType<typeof rulesFromGraphics>['h'], v: ReturnType<typeof rulesFromGraphics>['v'], skeletons: { box: Box }[], height: number): Box[] {
  const hs = h.filter((r) => r.pos > height * 0.6).sort((p, q) => p.pos - q.pos).slice(0, 60);
  const out: Box[] = [];
  for (let i = 0; i < hs.length; i++) {
    for (let j = i + 1; j < hs.length; j++) {
      const a = hs[i]!;
      const b = hs[j]!;
      const gap = b.pos - a.pos;
      if (gap < 8 || gap > 120 || Math.abs(a.a0 - b.a0) > 3 || Math.abs(a.a1 - b.a1) > 3) continue;
      const x0 = Math.max(a.a0, b.a0);
      const x1 = Math.min(a.a1, b.a1);
      if (x1 - x0 < 40) continue;
      const side = (x: number) => v.some((r) => Math.abs(r.pos - x) <= 3 && r.a0 <= a.pos + 3 && r.a1 >= b.pos - 3);
      if (!side(x0) || !side(x1)) continue;
      // nothing ruled inside: one cell
      if (hs.some((r) => r.pos > a.pos + 3 && r.pos < b.pos - 3 && r.a1 > x0 + 3 && r.a0 < x1 - 3)) continue;
      if (v.some((r) => r.pos > x0 + 3 && r.pos < x1 - 3 && r.a1 > a.pos + 3 && r.a0 < b.pos - 3)) continue;
      if (skeletons.some((sk) => sk.box.y0 <= b.pos && sk.box.y1 >= a.pos && sk.box.x0 <= x1 && sk.box.x1 >= x0)) continue;
      out.push({ x0, y0: a.pos, x1, y1: b.pos });
      break;
    }
  }
  return out;
}

/**
 * A row with fewer cells than the table has columns ends early (a browser draws nothing after its
 * last cell; Word and HTML sources have such rows): the space left at the end of the row is no
 * cell of its own, so a table with a right border that is missing beside an empty last-column
 * cell loses that cell. The row then stays short in the model (read as a short row: nothing is
 * shifted under the wrong column).
 */
function dropRowEndHoles(t: PageTable, v: ReturnType<typeof rulesFromGraphics>['v']): PageTable {
  if (t.borderless || t.xs.length < 3) return t;
  const last = t.xs.length - 1;
  const x = t.xs[last] as number;
  const cover = (y0: number, y1: number): number => {
    const near = v.filter((r) => Math.abs(r.pos - x) <= 2.5);
    const parts = mapped(near, (r) => [Math.max(r.a0, y0), Math.min(r.a1, y1)] as [number, number])
      .filter(([a, b]) => b > a)
      .sort((p, q) => p[0] - q[0]);
    let covered = 0;
    let end = y0;
    for (const [a, b] of parts) {
      const from = Math.max(a, end);
      if (b > from) {
        covered += b - from;
        end = b;
      }
    }
    return y1 > y0 ? covered / (y1 - y0) : 1;
  };
  const ys = t.ys;
  // the table has a right border: beside its last-column cells that hold text
  const filled = t.cells.filter((c) => c.c1 === last && c.text.trim() !== '');
  if (filled.length === 0 || filled.some((c) => cover(ys[c.r0] as number, ys[c.r1] as number) < 0.8)) return t;
  const holes = new Set(t.cells.filter((c) => c.c1 === last && c.c0 > 0 && c.text.trim() === '' && cover(ys[c.r0] as number, ys[c.r1] as number) < 0.2));
  return holes.size === 0 ? t : tableWith(t, t.xs, t.ys, t.cells.filter((c) => !holes.has(c)));
}

/** Runs of one line split where the gap is at least 2 em. */
function splitAtGaps(runs: Run[]): Run[][] {
  const out: Run[][] = [];
  let prev: Run | null = null;
  for (const r of runs) {
    if (!prev || r.x0 - prev.x1 >= 2 * Math.min(prev.size, r.size)) out.push([r]);
    else (out[out.length - 1] as Run[]).push(r);
    prev = r;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Document assembly

function toTable(t: PageTable): Table {
  const nr = t.ys.length - 1;
  const rows: Cell[][] = [];
  for (let r = 0; r < nr; r++) {
    const inRow = t.cells.filter((c) => c.r0 === r).sort((p, q) => p.c0 - q.c0);
    rows.push(
      mapped(inRow, (c): Cell => {
        // (confidence added to the literal, not spread into it: one shape less for the code after)
        const cell: Cell = { text: c.text, rowSpan: c.r1 - c.r0, colSpan: c.c1 - c.c0, page: c.page, col: c.c0 };
        if (c.confidence !== undefined) cell.confidence = c.confidence;
        return cell;
      }),
    );
  }
  const firstPage = t.cells.reduce((m, c) => Math.min(m, c.page), t.page);
  return { kind: 'table', rows, page: firstPage, role: 'body' };
}

/**
 * The lines a browser prints in the page margins ("Save as PDF" with headers and footers): the
 * date and time top left (with the page's <title> beside it), the URL bottom left (the page
 * number "1/5" beside it is removed as a page number). Dropped on any page, recurring or not: the
 * title there is the site's page title, not the report's, and the date is the printing date.
 */
const BROWSER_HEAD = /^(\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}\/\d{1,2}\/\d{2,4},?)\s*(上午|下午|AM|PM)?\s*\d{1,2}:\d{2}/iu;
const BROWSER_FOOT = /^(https?:\/\/|file:\/\/\/?|www\.)\S+$/iu;

/**
 * Site chrome printed with a report web page: breadcrumb, accessibility links, print/close and
 * share links, the footer's 主办单位/网站标识码/ICP lines. Kept as header/footer blocks (never
 * body text). Short lines only; the patterns never start a sentence of a report.
 */
const LINK = '(无障碍|长者模式|关怀版|适老化|繁体|简体|English|登录|注册|手机版|网站地图)';
const SITE_HEAD = new RegExp(`^(当前位置|您的位置|您现在的位置|您当前的位置|所在位置)[：:]|^首页\\s*[>＞»›]|${LINK}\\s*[|｜丨]\\s*${LINK}`, 'u');
const SITE_FOOT = /网站标识码|[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]ICP[备证]|公网安备|【打印本页】|【关闭窗口】|^【?(打印本页|关闭窗口|打印|关闭)】?(\s*【?(打印本页|关闭窗口|打印|关闭)】?)+$|^分享到[：:]|^(主办单位|承办单位|技术支持|版权所有|主办|承办)[：:]|^版权所有/u;

function siteChrome(text: string): 'header' | 'footer' | null {
  if (text.length > 200) return null;
  const t = text.normalize('NFKC').trim();
  if (t.length > 80) return null;
  if (SITE_HEAD.test(t)) return 'header';
  if (SITE_FOOT.test(t)) return 'footer';
  return null;
}

function marginKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').replace(/\d+/g, '#');
}

/** Paragraphs of every page, from the document's text column. */
function buildPageParagraphs(pages: PageResult[]): void {
  const width = Math.max(...mapped(pages, (p) => p.width));
  const col = columnMetrics(
    flatMapped(pages, (p) => flatMapped(p.flows, (f) => f)),
    width,
  );
  for (const pg of pages) {
    pg.col = col;
    for (const flow of pg.flows) {
      for (const para of buildParagraphs(flow, col)) {
        const oneLine = para.first === para.last;
        const zone = !oneLine ? null : para.bottom < pg.height * MARGIN_ZONE ? 'top' : para.top > pg.height * (1 - MARGIN_ZONE) ? 'bottom' : null;
        pg.items.push({ kind: 'paragraph', top: para.top, bottom: para.bottom, para, zone });
      }
    }
    pg.items.sort((p, q) => p.top - q.top);
  }
}

/**
 * Borderless tables across page breaks, before paragraphs are built (pdf-borderless.ts works on
 * one page's lines):
 *  - the header rows a browser repeats at the top of the next page (<thead>) that no table there
 *    took in (the next table is another block of the same HTML table, with other columns): the
 *    lines equal to the header lines of a borderless table on the previous page are dropped;
 *  - a table's first lines (a block's caption and header, §二 第二十条第（八）项) alone at the foot
 *    of a page, its rows on the next page (after the repeated header, if any): the tables of the
 *    next page are looked for again with those lines put right above its first line. Taken only
 *    when they all become header lines of one table with rows on the next page; its header cells
 *    say the first page, its rows the next.
 */
function borderlessAcrossPages(pages: PageResult[]): void {
  const squashed = (l: Line) => l.text.normalize('NFKC').replace(/\s+/g, '');
  for (let i = 0; i + 1 < pages.length; i++) {
    const a = pages[i] as PageResult;
    const b = pages[i + 1] as PageResult;
    if (b.page !== a.page + 1 || a.borderlessParts.length === 0) continue;
    // (the lines in the page margins that are not of the table's size: a browser's header and
    // footer lines, running heads)
    const sizes = flatMapped(a.borderlessParts, (p) => mapped(p.lines, (l) => l.size)).sort((p, q) => p - q);
    const em = sizes[Math.floor(sizes.length / 2)] as number;
    const inMargin = (l: Line, pg: PageResult) => {
      const mid = (l.top + l.bottom) / 2;
      const zone = mid < pg.height * MARGIN_ZONE ? BROWSER_HEAD : mid > pg.height * (1 - MARGIN_ZONE) ? BROWSER_FOOT : null;
      return zone !== null && (Math.abs(l.size - em) > 0.15 * em || zone.test(l.text.normalize('NFKC').trim()));
    };
    const aUsed = new Set(flatMapped(a.borderlessParts, (p) => p.lines));
    const aTables = a.items.filter((it) => it.table);
    const lastTable = Math.max(...mapped(aTables, (it) => it.bottom));
    // a's foot: the lines below its last table (up to 10, none a sentence's end)
    // (after a heading: a line of another size)
    const below = a.looseLines.filter((l) => !aUsed.has(l) && !inMargin(l, a) && l.top >= lastTable - 0.5);
    let from = below.length;
    while (from > 0 && Math.abs((below[from - 1] as Line).size - em) <= 0.1 * em) from--;
    const foot = below.slice(from);
    // (right below the last table, or right below a line of another size: a section heading;
    // never the last lines of a paragraph further down)
    const close = (y: number) => foot.length > 0 && (foot[0] as Line).top - y <= 3 * em;
    const footOk =
      foot.length > 0 &&
      foot.length <= 10 &&
      (close(lastTable) || (from > 0 && close((below[from - 1] as Line).bottom))) &&
      foot.every((l) => l.text.length <= 60 && !/[。；;：:]\s*$/u.test(l.text));
    // b's lines above its first ruled table
    const firstRuled = Math.min(...mapped(b.items.filter((it) => it.table && !it.table.borderless), (it) => it.top));
    const top = b.looseLines.filter((l) => !inMargin(l, b) && l.bottom <= firstRuled);
    // the repeated header: the longest run of b's first lines equal to the first header lines of
    // a borderless table of a (or to a's foot)
    let k = 0;
    for (const header of [...mapped(a.borderlessParts, (p) => p.headerLines), ...(footOk ? [foot] : [])]) {
      let n = 0;
      while (n < header.length && n < top.length && squashed(top[n] as Line) === squashed(header[n] as Line)) n++;
      k = Math.max(k, n);
    }
    const prefix = new Set(top.slice(0, k));
    const bUsed = new Set(flatMapped(b.borderlessParts, (p) => p.lines));
    const dropPrefix = () => {
      b.looseLines = b.looseLines.filter((l) => !prefix.has(l));
      b.flows = mapped(b.flows, (f) => f.filter((l) => !prefix.has(l))).filter((f) => f.length > 0);
    };
    if (!footOk || (k > 0 && k === foot.length && foot.every((l, n) => squashed(l) === squashed(top[n] as Line)))) {
      // (a's foot repeated on b, where a table took it in: the foot is that table's header)
      if (footOk && [...prefix].every((l) => bUsed.has(l))) {
        const drop = new Set(foot);
        a.looseLines = a.looseLines.filter((l) => !drop.has(l));
        a.flows = mapped(a.flows, (f) => f.filter((l) => !drop.has(l))).filter((f) => f.length > 0);
      } else if (k > 0 && [...prefix].every((l) => !bUsed.has(l))) dropPrefix();
      continue;
    }
    // the foot lines put right above b's first line (b's margin lines aside)
    const rest = b.looseLines.filter((l) => !prefix.has(l) && !inMargin(l, b));
    const first = rest[0];
    if (!first) continue;
    const last = foot[foot.length - 1] as Line;
    const dy = first.top - 0.8 * last.size - last.bottom;
    const moved = new Map<Line, Line>();
    for (const l of foot) {
      // (runs and lines made as everywhere else, with the same properties in the same order: movedRun)
      const runs = mapped(l.runs, (r) => movedRun(r, dy));
      moved.set({ runs, text: l.text, x0: l.x0, x1: l.x1, baseline: l.baseline + dy, top: l.top + dy, bottom: l.bottom + dy, size: l.size }, l);
    }
    const lines = [...moved.keys(), ...rest];
    const found = findBorderless(lines, b.page, (l) => (moved.has(l) ? a.page : b.page));
    const t = found.tables.find((x) => x.lines.some((l) => moved.has(l)));
    if (!t || ![...moved.keys()].every((l) => t.headerLines.includes(l)) || !t.lines.some((l) => !moved.has(l))) continue;
    // the table, on a (where it starts)
    const dropA = new Set(foot);
    a.looseLines = a.looseLines.filter((l) => !dropA.has(l));
    a.flows = mapped(a.flows, (f) => f.filter((l) => !dropA.has(l))).filter((f) => f.length > 0);
    const table = tableWith(t.table, t.table.xs, t.table.ys, t.table.cells, { x0: t.table.box.x0, y0: (foot[0] as Line).top, x1: t.table.box.x1, y1: last.bottom });
    a.items.push({ kind: 'table', top: table.box.y0, bottom: table.box.y1, table, zone: null });
    a.borderlessParts.push({ table, lines: mapped(t.lines, (l) => moved.get(l) ?? l), headerLines: mapped(t.headerLines, (l) => moved.get(l) ?? l) });
    // b: its borderless tables found again
    const parts = found.tables.filter((x) => x !== t);
    const used = new Set(flatMapped(found.tables, (x) => x.lines));
    b.looseLines = b.looseLines.filter((l) => !prefix.has(l));
    b.borderlessParts = mapped(parts, (x) => ({ table: x.table, lines: x.lines, headerLines: x.headerLines }));
    b.items = [
      ...b.items.filter((it) => !it.table?.borderless),
      ...mapped(parts, (x): PageItem => ({ kind: 'table', top: x.table.box.y0, bottom: x.table.box.y1, table: x.table, zone: null })),
    ];
    b.flows = flowsOf(
      b.looseLines.filter((l) => !used.has(l)),
      flatMapped(b.items, (it) => (it.table ? [it.table] : [])),
    );
  }
}

/**
 * The blocks of pages read elsewhere (the OCR of page images): the same page layout, tables
 * across pages and reading order as a PDF's.
 */
export function blocksFromPages(inputs: PageInput[], messages: Message[]): Block[] {
  return assemble(mapped(inputs, (input) => pageFromInput(input, messages)));
}

function assemble(pages: PageResult[]): Block[] {
  borderlessAcrossPages(pages);
  buildPageParagraphs(pages);
  // Running heads: one-line paragraphs in the margin zone whose text (digits ignored) recurs on
  // at least two pages.
  const zoneCount = new Map<string, Set<number>>();
  for (const pg of pages)
    for (const it of pg.items)
      if (it.zone && it.para) {
        const k = `${it.zone}:${marginKey(it.para.text)}`;
        let s = zoneCount.get(k);
        if (!s) zoneCount.set(k, (s = new Set()));
        s.add(pg.page);
      }
  const running = (it: PageItem) => !!it.zone && !!it.para && (zoneCount.get(`${it.zone}:${marginKey(it.para.text)}`)?.size ?? 0) >= 2;

  const headers: Paragraph[] = [];
  const footers: Paragraph[] = [];
  const seen = new Set<string>();
  interface BodyItem {
    item: PageItem;
    page: PageResult;
  }
  const body: BodyItem[] = [];
  const chromeBlocks = new Map<PageItem, 'header' | 'footer'>();
  for (const pg of pages) {
    for (const it of pg.items) {
      // "续表" (continued table) labels carry no content and would keep the parts of a table apart.
      if (it.para && CONTINUED.test(it.para.text)) continue;
      if (it.zone && it.para && it.para.text.length <= 400 && (it.zone === 'top' ? BROWSER_HEAD : BROWSER_FOOT).test(it.para.text.normalize('NFKC').trim())) continue;
      const chrome = it.para ? siteChrome(it.para.text) : null;
      if (chrome && it.para) {
        chromeBlocks.set(it, chrome);
        body.push({ item: it, page: pg });
        continue;
      }
      if (running(it) && it.para) {
        const k = `${it.zone}:${it.para.text}`;
        if (!seen.has(k)) {
          seen.add(k);
          (it.zone === 'top' ? headers : footers).push({ kind: 'paragraph', text: it.para.text, headingLevel: null, page: pg.page, role: it.zone === 'top' ? 'header' : 'footer' });
        }
        continue;
      }
      body.push({ item: it, page: pg });
    }
  }

  // A boxed paragraph, last on its page, whose box has the outer edges of the table that opens the
  // next page: that table's first row (a caption row) cut off by the page break.
  for (let i = 0; i + 1 < body.length; i++) {
    const bi = body[i] as BodyItem;
    const next = body[i + 1] as BodyItem;
    const t = next.item.table;
    if (!bi.item.para || chromeBlocks.has(bi.item) || !t || next.page.page !== bi.page.page + 1) continue;
    if (!isLastOnPage(body, bi) || !isFirstOnPage(body, next) || next.item.top > next.page.height * 0.4) continue;
    const para = bi.item.para;
    const box = bi.page.footBoxes.find((b) => para.top >= b.y0 - 1 && para.bottom <= b.y1 + 1);
    if (!box || Math.abs(box.x0 - (t.xs[0] as number)) > 4 || Math.abs(box.x1 - (t.xs[t.xs.length - 1] as number)) > 4) continue;
    const table: PageTable = {
      page: bi.page.page,
      xs: positions([t.xs[0] as number, t.xs[t.xs.length - 1] as number]),
      ys: positions([box.y0, box.y1]),
      cells: [{ r0: 0, r1: 1, c0: 0, c1: 1, text: para.text, page: bi.page.page, openTop: false, openBottom: false }],
      box,
      borderless: false,
    };
    body[i] = { item: { kind: 'table', top: box.y0, bottom: box.y1, table, zone: null }, page: bi.page };
  }

  // A browser repeats a table's header rows on the next page; a header row a table rebuilt from
  // text positions did not take in (a caption row numbered like a section heading) is a paragraph
  // before the table's part on each page: the repeated one, first on its page, right before the
  // next part, is dropped (up to 2 lines) when the previous page ends with the table after the
  // same paragraph(s).
  for (let i = 0; i < body.length; i++) {
    const bi = body[i] as BodyItem;
    if (!bi.item.para || chromeBlocks.has(bi.item) || !isFirstOnPage(body, bi)) continue;
    let k = 1;
    while (k <= 2 && body[i + k]?.item.para && body[i + k]?.page === bi.page) k++;
    const next = body[i + k];
    if (k > 2 || !next?.item.table || next.page !== bi.page || !next.item.table.borderless) continue;
    const prevTable = body[i - 1];
    if (!prevTable?.item.table || prevTable.page.page !== bi.page.page - 1 || !prevTable.item.table.borderless) continue;
    const key = (x: BodyItem | undefined) => (x?.item.para ? x.item.para.text.replace(/\s+/g, '') : null);
    let same = true;
    for (let m = 0; m < k; m++) if (key(body[i + m]) === null || key(body[i + m]) !== key(body[i - 1 - k + m])) same = false;
    if (!same || body.slice(i - 1 - k, i - 1).some((x) => x.page !== prevTable.page)) continue;
    body.splice(i, k);
  }

  // Joins across page breaks: tables broken by the break, paragraphs running on.
  const blocks: Block[] = [];
  let prev: { bi: BodyItem; block: Block; table?: PageTable } | null = null;
  for (let i = 0; i < body.length; i++) {
    const bi = body[i] as BodyItem;
    if (prev && prev.bi.page.page === bi.page.page - 1 && isLastOnPage(body, prev.bi) && isFirstOnPage(body, bi)) {
      const a = prev.bi;
      if (prev.table && bi.item.table && a.item.bottom > a.page.height * 0.6 && bi.item.top < bi.page.height * 0.4 && compatibleColumns(prev.table, bi.item.table)) {
        const joined = joinTables(prev.table, bi.item.table);
        const block = toTable(joined);
        blocks[blocks.length - 1] = block;
        prev = { bi, block, table: joined };
        continue;
      }
      if (prev.block.kind === 'paragraph' && a.item.para && bi.item.para && runsOn(a.item.para, a.page, bi.item.para, bi.page)) {
        prev.block.text = joinWrapped(prev.block.text, bi.item.para.text);
        prev = { bi, block: prev.block };
        continue;
      }
    }
    let block: Block;
    const next = body[i + 1];
    // a table's first row alone at the foot of a page, the table going on at the top of the next
    const firstRowOfBroken =
      !!bi.item.table &&
      !!next?.item.table &&
      next.page.page === bi.page.page + 1 &&
      isLastOnPage(body, bi) &&
      isFirstOnPage(body, next) &&
      bi.item.bottom > bi.page.height * 0.6 &&
      next.item.top < next.page.height * 0.4 &&
      compatibleColumns(bi.item.table, next.item.table);
    if (bi.item.table && bi.item.table.ys.length === 2 && !firstRowOfBroken) {
      // A single ruled row that does not continue a table from the previous page: plain text.
      const cells = [...bi.item.table.cells].sort((p, q) => p.c0 - q.c0).filter((c) => c.text.trim() !== '');
      for (const c of cells) blocks.push({ kind: 'paragraph', text: c.text, headingLevel: null, page: bi.page.page, role: siteChrome(c.text) ?? 'body' });
      prev = null;
      continue;
    }
    if (bi.item.table) {
      block = toTable(bi.item.table);
      prev = { bi, block, table: bi.item.table };
    } else {
      const role = chromeBlocks.get(bi.item) ?? 'body';
      block = { kind: 'paragraph', text: bi.item.para?.text ?? '', headingLevel: null, page: bi.page.page, role };
      prev = role === 'body' ? { bi, block } : null;
    }
    blocks.push(block);
  }
  return [...headers, ...blocks, ...footers];
}

function isLastOnPage(body: { item: PageItem; page: PageResult }[], x: { item: PageItem; page: PageResult }): boolean {
  return !body.some((b) => b.page === x.page && b.item.top > x.item.top);
}

function isFirstOnPage(body: { item: PageItem; page: PageResult }[], x: { item: PageItem; page: PageResult }): boolean {
  return !body.some((b) => b.page === x.page && b.item.top < x.item.top);
}

/** Does paragraph b (top of the next page) continue paragraph a (bottom of this page)? */
function runsOn(a: FlowParagraph, pa: PageResult, b: FlowParagraph, pb: PageResult): boolean {
  const la = a.last;
  const lb = b.first;
  if (la.runs.length === 0 || lb.runs.length === 0) return false;
  const em = Math.max(la.size, lb.size);
  if (Math.abs(la.size - lb.size) > 0.15 * em) return false;
  if (a.bottom < pa.height * 0.75 || b.top > pb.height * 0.25) return false;
  if (la.x1 < pa.col.right - 2.5 * em) return false;
  if (lb.x0 > pb.col.left + 0.6 * em) return false;
  return true;
}
