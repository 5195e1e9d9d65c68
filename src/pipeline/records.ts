/**
 * The light half of conversion, for the batch's main thread: what a file is (sniff), its hash,
 * the JSON text, and the record of a file that could not be converted — without loading the
 * extractors, the normalizer or the zod schema (those load in the worker threads).
 */
import { createHash } from 'node:crypto';
import { cleanMessage, cleanString } from '../clean.js';
import { isMht } from '../extractors/html/mht.js';
import { imageKind } from '../extractors/ocr/image.js';
import type { SourceFormat } from '../model.js';
import { emptyReport } from '../normalize/empty.js';
import type { CanonicalReport } from '../schema/canonical.js';
import { FORMATS, SCHEMA_VERSION } from '../schema/keys.js';

/** Files larger than this are not read (status failed, code too-large). */
export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

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
  if (imageKind(bytes)) return 'image'; // a scanned page (JPEG, PNG, TIFF)
  if (/^(<!doctype html|<html|<head|<body|<meta|<\?xml[^>]*>\s*(<!doctype html|<html)|<div|<table|<p[\s>]|<!--|<(h[1-6]|span|font|center|section|article|style|title|link|script|br)[\s>/])/.test(text)) return 'html';
  if (/^mime-version:/.test(text) || isMht(bytes)) return 'html'; // .mht saved from Word or a browser
  return 'unknown';
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A page count from a file: a positive safe integer, else null (unknown). */
export function cleanPages(v: unknown): number | null {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : null;
}

/** What is known of a file that could not be converted (hash and size are null if it was not read). */
export interface FailedSource {
  file: string;
  sha256: string | null;
  bytes: number | null;
  format: SourceFormat | null;
}

/** Longest source.file kept (characters). */
export const MAX_FILE_CHARS = 4096;

/** The record of a file that could not be converted: every key present, every value null. */
export function failedReport(source: FailedSource, code: string, message: string): CanonicalReport {
  // valid by construction (test/records.test.ts checks hostile values against the schema), so the
  // main thread needs no schema to write it
  const { file, sha256: sha, bytes, format } = source;
  return {
    schemaVersion: SCHEMA_VERSION,
    source: {
      file: cleanString(file, MAX_FILE_CHARS) ?? '(unknown file)',
      sha256: typeof sha === 'string' && /^[0-9a-f]{64}$/.test(sha) ? sha : null,
      bytes: typeof bytes === 'number' && Number.isSafeInteger(bytes) && bytes >= 0 ? bytes : null,
      format: (FORMATS as readonly unknown[]).includes(format) ? format : null,
      pages: null,
      producer: null,
    },
    ...emptyReport('failed', { code: cleanMessage(String(code)), message: cleanMessage(String(message)) }),
  };
}

/** The canonical JSON text: 2-space indent, trailing newline, key order fixed by construction. */
export function toJson(report: CanonicalReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
