/**
 * One file → one canonical report. Never throws for a bad input: every failure becomes a report
 * with status "failed" (or "not-a-report", …) and a specific error record.
 */
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cleanMessage, cleanMetadata, errorDetail } from '../clean.js';
import type { ExtractResult, SourceFormat } from '../model.js';
import { extractDocx } from '../extractors/docx.js';
import { emptyReport, normalize, type NormalizedReport } from '../normalize/index.js';
import { CanonicalReportSchema, SCHEMA_VERSION, type CanonicalReport } from '../schema/canonical.js';
import { cleanPages, DEFAULT_MAX_BYTES, failedReport, sha256, sniff, type FailedSource, type Sniffed } from './records.js';
import type { OriginalSource } from './task.js';
import { mapped } from '../arrays.js';

export { cleanPages, DEFAULT_MAX_BYTES, failedReport, sha256, sniff, toJson, type FailedSource, type Sniffed } from './records.js';
export type { OriginalSource } from './task.js';

export interface ConvertOptions {
  /** The file read is a conversion of the user's file (LibreOffice .doc → .docx): describe that one. */
  original?: OriginalSource;
  /** The path to record in `source.file` (as given on the command line). Defaults to the path read. */
  displayPath?: string;
  /** Files larger than this are not read (status failed, code too-large). Default 200 MiB. */
  maxBytes?: number;
}

// The web-page, PDF and image readers load on a thread's first file of their kind: a batch of
// Word files (or one small file) does not pay for htmlparser2, the PDF engines or the OCR.
function onDemand<T>(spec: string, load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | null = null;
  return () =>
    (loaded ??= load().catch((err: unknown) => {
      // From the TypeScript sources (the tests, `npx tsx`), a worker thread loads modules through
      // tsx's CommonJS hook only, where import() of a .ts module fails and require() works.
      if (!import.meta.url.endsWith('.ts')) throw err;
      return createRequire(import.meta.url)(spec) as T;
    }));
}
const htmlReader = onDemand('../extractors/html/index.js', () => import('../extractors/html/index.js'));
const pdfReader = onDemand('../extractors/pdf.js', () => import('../extractors/pdf.js'));
const imageReader = onDemand('../extractors/ocr/image-file.js', () => import('../extractors/ocr/image-file.js'));

const FORMAT_BY_SNIFF: Partial<Record<Sniffed, SourceFormat>> = { docx: 'docx', pdf: 'pdf', html: 'html', image: 'image' };

async function extract(bytes: Uint8Array, kind: Sniffed): Promise<ExtractResult> {
  switch (kind) {
    case 'docx':
    case 'ole':
    case 'zip':
      // the DOCX extractor tells a Word 97 binary, an encrypted package and a non-Word zip apart
      return extractDocx(bytes);
    case 'empty':
      return { ok: false, error: { code: 'empty-file', message: 'the file is empty (0 bytes); re-download it' }, messages: [] };
    case 'pdf':
      return (await pdfReader()).extractPdf(bytes);
    case 'html':
      return (await htmlReader()).extractHtml(bytes);
    case 'image':
      return (await imageReader()).extractImage(bytes);
    case 'rtf':
      return { ok: false, error: { code: 'unsupported-format', message: 'the file is RTF (whatever its extension); open and save it as .docx, e.g. with LibreOffice: soffice --headless --convert-to docx FILE' }, messages: [] };
    default: {
      const first = Buffer.from(bytes.subarray(0, 8)).toString('hex');
      return { ok: false, error: { code: 'unsupported-format', message: `unrecognised file content (first bytes ${first}); expected a Word document (.docx, .doc, .wps), a PDF, a web page or a scanned page image (JPEG, PNG, TIFF)` }, messages: [] };
    }
  }
}

function assemble(
  file: string,
  bytes: Uint8Array,
  sha: string,
  format: SourceFormat | null,
  pages: number | null,
  producer: string | null,
  body: NormalizedReport,
): CanonicalReport {
  return {
    schemaVersion: SCHEMA_VERSION,
    source: {
      file,
      sha256: sha,
      bytes: bytes.length,
      format,
      // sizes and strings read from the file are bounded here, whatever the extractor gave
      pages: cleanPages(pages),
      producer: cleanMetadata(producer),
    },
    ...body,
  };
}

/** Convert bytes already in memory. `file` is what goes into `source.file`. */
export async function convertBytes(bytes: Uint8Array, file: string, original?: OriginalSource): Promise<CanonicalReport> {
  return convertHashed(bytes, sha256(bytes), file, original);
}

/** convertBytes for bytes whose SHA-256 the caller has (the batch hashes every file it reads). */
export async function convertHashed(bytes: Uint8Array, sha: string, file: string, original?: OriginalSource): Promise<CanonicalReport> {
  let kind = sniff(bytes);
  // content decides; the extension only says what unrecognised bytes were meant to be
  if (kind === 'unknown' && /\.docx$/i.test(file)) kind = 'docx';
  if (kind === 'unknown' && /\.pdf$/i.test(file)) kind = 'pdf';
  let report: CanonicalReport;
  try {
    const result = await extract(bytes, kind);
    if (!result.ok) {
      // an image-only PDF is readable but has no text: its own status, not a failure
      const status = result.error.code === 'needs-ocr' ? 'needs-ocr' : result.error.code === 'not-a-report' ? 'not-a-report' : 'failed';
      report = assemble(file, bytes, sha, FORMAT_BY_SNIFF[kind] ?? null, null, null, emptyReport(status, result.error, result.messages));
    } else {
      const doc = result.document;
      report = assemble(file, bytes, sha, doc.format, doc.pages, doc.producer, normalize(doc, result.messages));
      if (doc.ocr) report.source.ocr = { engine: cleanMetadata(doc.ocr.engine) ?? 'unknown', pages: doc.ocr.pages.slice(0, 10_000), dpi: doc.ocr.dpi };
    }
  } catch (err) {
    // a bug, not a bad input: still one clear record, and the batch goes on
    report = assemble(file, bytes, sha, FORMAT_BY_SNIFF[kind] ?? null, null, null,
      emptyReport('failed', { code: 'internal-error', message: `conversion crashed (${errorDetail(err)}); please report this file` }));
  }
  if (original) report.source = { ...report.source, ...original };
  cleanMessages(report);
  return ensureValid(report);
}

function cleanMessages(report: CanonicalReport): void {
  if (report.error) report.error = { ...report.error, message: cleanMessage(report.error.message) };
  if (Array.isArray(report.warnings)) report.warnings = mapped(report.warnings, (w) => ({ ...w, message: cleanMessage(w.message) }));
}

/**
 * The last resort: `report` itself when it is a valid canonical report, else a `failed` /
 * `internal-error` record that is valid whatever `report` was (any shape, any value, not even an
 * object). What can be kept of `source` is kept once sanitised (hash and size only when well
 * formed, pages a positive integer or null, producer bounded and clean, format one of the
 * schema's); the message names the first schema violations. Never throws.
 */
export function ensureValid(report: unknown): CanonicalReport {
  // jitless: zod's compiled fast path costs ~10 ms on a thread's first record and saves ~0.1 ms on
  // each later one (bench/RESULTS.md)
  const checked = CanonicalReportSchema.safeParse(report, { jitless: true });
  if (checked.success) return checked.data;
  let issues: string;
  try {
    issues = checked.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.')}: ${i.message}`.slice(0, 200))
      .join('; ');
  } catch {
    issues = 'unknown';
  }
  const src = (report !== null && typeof report === 'object' && 'source' in report ? (report as { source: unknown }).source : null) ?? {};
  const get = (k: string): unknown => (src !== null && typeof src === 'object' ? (src as Record<string, unknown>)[k] : undefined);
  // failedReport keeps what is well formed of the facts (and is valid whatever they are)
  const record = failedReport(
    { file: get('file'), sha256: get('sha256'), bytes: get('bytes'), format: get('format') } as FailedSource,
    'internal-error',
    `output failed schema validation (${issues}); please report this file`,
  );
  const failed: CanonicalReport = { ...record, source: { ...record.source, pages: cleanPages(get('pages')), producer: cleanMetadata(get('producer')) } };
  const again = CanonicalReportSchema.safeParse(failed, { jitless: true });
  if (again.success) return again.data;
  // cannot happen (every field above is valid by construction); keep the promise anyway
  return { ...failed, source: { file: '(unknown file)', sha256: null, bytes: null, format: null, pages: null, producer: null } };
}

/** Read and convert one file. Never throws. */
export async function convertFile(path: string, opts: ConvertOptions = {}): Promise<CanonicalReport> {
  const file = opts.displayPath ?? path;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Uint8Array;
  try {
    const st = await stat(path);
    if (!st.isFile()) return failedReport({ file, sha256: null, bytes: null, format: null }, 'unreadable', `not a regular file: ${path}`);
    if (st.size > maxBytes) {
      return failedReport({ file, sha256: null, bytes: st.size, format: null }, 'too-large', `the file has ${st.size} bytes, more than the limit of ${maxBytes}; raise the limit if it really is a report`);
    }
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    return failedReport({ file, sha256: null, bytes: null, format: null }, 'unreadable', `cannot read the file (${code}): check that it exists and is readable`);
  }
  return convertBytes(bytes, file, opts.original);
}

