/**
 * What a report needs a human look for, in one line: the warnings that made it `partial` (what
 * and where) and the arithmetic checks that failed. For the console, the manifest and exports.
 */
import { DEGRADING } from '../normalize/context.js';
import type { CanonicalReport } from '../schema/canonical.js';

export interface Review {
  /** One line naming what is missing or unreadable (partial reports), else null. */
  missing: string | null;
  /** Failed arithmetic checks as `rule@row-or-column` ids (at most MAX_IDS). */
  failedChecks: string[];
  /** The first failed checks' messages, one line (else null). */
  checks: string | null;
}

const MAX_IDS = 50;
const MAX_LINE = 400;

const clip = (s: string) => (s.length > MAX_LINE ? `${s.slice(0, MAX_LINE - 1)}…` : s);

export function reviewOf(report: Pick<CanonicalReport, 'status' | 'warnings' | 'checks'>): Review {
  const byCode = new Map<string, string[]>();
  for (const w of report.warnings) {
    if (!DEGRADING.has(w.code)) continue;
    const paths = byCode.get(w.code) ?? [];
    paths.push(w.path ?? '');
    byCode.set(w.code, paths);
  }
  const missing = report.status === 'partial' && byCode.size > 0
    ? clip([...byCode.entries()].map(([code, paths]) => {
        const where = [...new Set(paths.filter(Boolean))];
        const shown = where.slice(0, 3).join(', ') + (where.length > 3 ? `, +${where.length - 3}` : '');
        return `${code}${paths.length > 1 ? ` ×${paths.length}` : ''}${shown ? ` (${shown})` : ''}`;
      }).join('; '))
    : null;
  const failed = report.checks.filter((c) => !c.ok);
  return {
    missing,
    failedChecks: failed.slice(0, MAX_IDS).map((c) => `${c.rule}@${c.row ?? c.column}`),
    checks: failed.length ? clip(`${failed.length} failed: ${failed.slice(0, 2).map((c) => c.message).join('; ')}${failed.length > 2 ? '; …' : ''}`) : null,
  };
}
