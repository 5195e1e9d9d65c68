/**
 * How well a converted scan reproduces the report it was made from: every value of the three
 * tables (FIELDS) and the report's title, organization and year, compared with the expected JSON
 * of the text-layer original. A field is right when equal, null when the scan gave null where
 * the original has a value, wrong when the scan gave a different non-null value.
 */
import type { CanonicalReport } from '../../src/schema/canonical.js';
import { FIELDS, valueAt } from '../../src/schema/labels.js';

export interface Score {
  fields: number;
  right: number;
  /** Null in the scan's report, a value in the original's. */
  missing: string[];
  /** A different non-null value: the failure that matters. */
  wrong: { path: string; got: unknown; want: unknown }[];
}

const REPORT_FIELDS = ['report.title', 'report.organization', 'report.year'];

export function score(got: CanonicalReport, want: CanonicalReport): Score {
  const s: Score = { fields: 0, right: 0, missing: [], wrong: [] };
  const paths = [...REPORT_FIELDS, ...FIELDS.map((f) => f.path)];
  for (const path of paths) {
    const w = valueAt(want, path) ?? null;
    const g = valueAt(got, path) ?? null;
    s.fields++;
    if (g === w) s.right++;
    else if (g === null) s.missing.push(path);
    else s.wrong.push({ path, got: g, want: w });
  }
  return s;
}

export function addScores(scores: Score[]): Score {
  return scores.reduce<Score>(
    (a, b) => ({ fields: a.fields + b.fields, right: a.right + b.right, missing: [...a.missing, ...b.missing], wrong: [...a.wrong, ...b.wrong] }),
    { fields: 0, right: 0, missing: [], wrong: [] },
  );
}
