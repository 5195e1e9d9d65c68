/**
 * Canonical-field comparison of two reports (a layout variant against its base sample, a PDF twin
 * against its DOCX): every field a reader of the JSON relies on, `source` and `evidence` aside.
 */
import type { CanonicalReport } from '../../../src/schema/canonical.js';

export const CANONICAL_FIELDS = ['status', 'error', 'report', 'sections', 'activeDisclosure', 'applications', 'reviewLitigation', 'derived', 'checks'] as const;

/** The canonical fields plus the warning codes (with paths): what must be equal. */
export function canonical(r: CanonicalReport, opts: { squashText?: boolean; ignoreFormatWarnings?: boolean } = {}) {
  const out: Record<string, unknown> = {};
  for (const k of CANONICAL_FIELDS) out[k] = r[k];
  if (opts.squashText) {
    out.sections = Object.fromEntries(
      Object.entries(r.sections).map(([k, v]) => [k, v && { title: v.title, text: v.text.replace(/\s+/g, '') }]),
    );
  }
  out.warnings = r.warnings
    .filter((w) => !(opts.ignoreFormatWarnings && /^(docx|pdf)\./.test(w.code)))
    .map((w) => `${w.code}@${w.path}`);
  return out;
}

/** Dotted paths of every leaf where `a` and `b` differ (arrays compared element-wise). */
export function differences(a: unknown, b: unknown, path = ''): string[] {
  if (Object.is(a, b)) return [];
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => differences(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return [`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`];
}
