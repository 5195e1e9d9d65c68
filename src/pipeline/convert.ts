/**
 * One file → one canonical report. Never throws for a bad input: every failure becomes a report
 * with status "failed" (or "not-a-report", …) and a specific error record.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extractDocx } from '../extractors/docx.js';
import { extractPdf } from '../extractors/pdf.js';
import type { ExtractResult, Message, SourceFormat } from '../model.js';
import { emptyReport, normalize, type NormalizedReport } from '../normalize/index.js';
import { CanonicalReportSchema, SCHEMA_VERSION, type CanonicalReport } from '../schema/canonical.js';

/** Files larger than this are not read (status failed, code too-large). */
export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

export interface ConvertOptions {
  /** The file read is a conversion of the user's file (LibreOffice .doc → .docx): describe that one. */
  original?: OriginalSource;
  /** The path to record in `source.file` (as given on the command line). Defaults to the path read. */
  displayPath?: string;
  /** Files larger than this are not read (status failed, code too-large). Default 200 MiB. */
  maxBytes?: number;
}

export type Sniffed = SourceFormat | 'ole' | 'zip' | 'rtf' | 'unknown' | 'empty';

/** What the bytes are, whatever the file is called. */
export function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return 'empty';
  const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 1024)));
  if (head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
    const tail = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 65536))).toString('latin1');
    return tail.includes('word/') || tail.includes('[Content_Types].xml') ? 'docx' : 'zip';
  }
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'ole';
  const text = head.toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart().toLowerCase();
  if (text.startsWith('%pdf') || head.indexOf('%PDF-') >= 0) return 'pdf';
  if (text.startsWith('{\\rtf')) return 'rtf';
  if (/^(<!doctype html|<html|<head|<body|<meta|<\?xml[^>]*>\s*<html|<div|<table|<p[\s>])/.test(text)) return 'html';
  if (/^mime-version:/.test(text)) return 'html'; // .mht saved from Word or a browser
  return 'unknown';
}

const FORMAT_BY_SNIFF: Partial<Record<Sniffed, SourceFormat>> = { docx: 'docx', pdf: 'pdf', html: 'html' };

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
      return extractPdf(bytes);
    case 'html':
      return { ok: false, error: { code: 'unsupported-format', message: 'the file is an HTML/MHT web page (whatever its extension); HTML input is not supported by this version yet' }, messages: [] };
    case 'rtf':
      return { ok: false, error: { code: 'unsupported-format', message: 'the file is RTF (whatever its extension); open and save it as .docx, e.g. with LibreOffice: soffice --headless --convert-to docx FILE' }, messages: [] };
    default: {
      const first = Buffer.from(bytes.subarray(0, 8)).toString('hex');
      return { ok: false, error: { code: 'unsupported-format', message: `unrecognised file content (first bytes ${first}); expected a .docx (ZIP) Word document or a PDF` }, messages: [] };
    }
  }
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function assemble(
  file: string,
  bytes: Uint8Array,
  format: SourceFormat | null,
  pages: number | null,
  producer: string | null,
  body: NormalizedReport,
): CanonicalReport {
  return {
    schemaVersion: SCHEMA_VERSION,
    source: {
      file,
      sha256: sha256(bytes),
      bytes: bytes.length,
      format,
      pages,
      producer,
    },
    ...body,
  };
}

/**
 * What `source` describes when the bytes converted are not the user's file: a legacy .doc/.wps
 * converted to .docx by LibreOffice is reported as the original.
 */
export interface OriginalSource {
  sha256: string;
  bytes: number;
  format: SourceFormat;
}

/** Convert bytes already in memory. `file` is what goes into `source.file`. */
export async function convertBytes(bytes: Uint8Array, file: string, original?: OriginalSource): Promise<CanonicalReport> {
  let kind = sniff(bytes);
  // content decides; the extension only says what unrecognised bytes were meant to be
  if (kind === 'unknown' && /\.docx$/i.test(file)) kind = 'docx';
  if (kind === 'unknown' && /\.pdf$/i.test(file)) kind = 'pdf';
  let report: CanonicalReport;
  try {
    const result = await extract(bytes, kind);
    if (!result.ok) {
      // an image-only PDF is readable but has no text: its own status, not a failure
      const status = result.error.code === 'needs-ocr' ? 'needs-ocr' : 'failed';
      report = assemble(file, bytes, FORMAT_BY_SNIFF[kind] ?? null, null, null, emptyReport(status, result.error, result.messages));
    } else {
      const doc = result.document;
      report = assemble(file, bytes, doc.format, doc.pages, doc.producer, normalize(doc, result.messages));
    }
  } catch (err) {
    // a bug, not a bad input: still one clear record, and the batch goes on
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    report = assemble(file, bytes, FORMAT_BY_SNIFF[kind] ?? null, null, null,
      emptyReport('failed', { code: 'internal-error', message: `conversion crashed (${message}); please report this file` }));
  }
  if (original) report.source = { ...report.source, ...original };
  const checked = CanonicalReportSchema.safeParse(report);
  if (!checked.success) {
    const issues = checked.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    const warnings: Message[] = [];
    const failed = assemble(file, bytes, report.source.format, report.source.pages, report.source.producer,
      emptyReport('failed', { code: 'internal-error', message: `output failed schema validation (${issues}); please report this file` }, warnings));
    if (original) failed.source = { ...failed.source, ...original };
    return failed;
  }
  return checked.data;
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

/** What is known of a file that could not be converted (hash and size are null if it was not read). */
export interface FailedSource {
  file: string;
  sha256: string | null;
  bytes: number | null;
  format: SourceFormat | null;
}

/** The record of a file that could not be converted: every key present, every value null. */
export function failedReport(source: FailedSource, code: string, message: string): CanonicalReport {
  return {
    schemaVersion: SCHEMA_VERSION,
    source: { ...source, pages: null, producer: null },
    ...emptyReport('failed', { code, message }),
  };
}

/** The canonical JSON text: 2-space indent, trailing newline, key order fixed by construction. */
export function toJson(report: CanonicalReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
