/**
 * What a twin (the same report in another format: PDF, a browser print, a web page) must
 * reproduce of its DOCX: every canonical field, section text compared without whitespace (line
 * breaks fall elsewhere), format-specific notes (docx.*, pdf.*) aside, evidence by its text.
 */
import type { CanonicalReport } from '../../src/schema/canonical.js';

export const squash = (s: string) => s.replace(/\s+/g, '');

export function comparable(r: CanonicalReport) {
  return {
    status: r.status,
    error: r.error,
    report: r.report,
    sections: Object.fromEntries(Object.entries(r.sections).map(([k, v]) => [k, v && { title: v.title, text: squash(v.text) }])),
    activeDisclosure: r.activeDisclosure,
    applications: r.applications,
    reviewLitigation: r.reviewLitigation,
    derived: r.derived,
    checks: r.checks,
    warnings: r.warnings.filter((w) => !/^(docx|pdf)\./.test(w.code)).map((w) => `${w.code}@${w.path}`),
    // where the numbers came from (a null value's reason depends on how the format printed the
    // empty cell: compared by the tests that need it)
    evidence: Object.fromEntries(Object.entries(r.evidence).filter(([, e]) => e.reason === undefined).map(([k, e]) => [k, squash(e.text)])),
  };
}
