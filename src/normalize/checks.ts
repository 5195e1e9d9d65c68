/**
 * The arithmetic checks (勾稽关系, templates.md §5 A1–A4). A rule instance with a null operand is
 * skipped, not failed. Checks report; they never change a number.
 */
import type { Applications, Check, ReviewLitigation, Row } from '../schema/canonical.js';
import { APPLICANT_COLUMNS } from '../schema/keys.js';
import { ROW_PATHS } from './applications.js';
import { mapped } from '../arrays.js';

const fmt = (n: number) => String(Math.round(n * 1e6) / 1e6);

function sum(values: (number | null)[]): number | null {
  let s = 0;
  for (const v of values) {
    if (v === null) return null;
    s += v;
  }
  return s;
}

function rowAt(a: Applications, path: string): Row {
  const [x, y] = path.split('.') as [string, string | undefined];
  const first = (a as unknown as Record<string, unknown>)[x];
  return (y ? (first as Record<string, Row>)[y] : first) as Row;
}

export function runChecks(
  applications: Applications,
  layout: '2019' | '2021' | null,
  review: ReviewLitigation,
): Check[] {
  const checks: Check[] = [];
  const a = applications;

  for (const c of APPLICANT_COLUMNS) {
    const left = sum([a.newReceived[c], a.carriedOver[c]]);
    const right = sum([a.totalHandled[c], a.carriedForward[c]]);
    if (left !== null && right !== null) {
      checks.push({
        rule: 'applications.balance',
        column: c,
        row: null,
        ok: left === right,
        expected: left,
        actual: right,
        message: `一+二 (${fmt(left)}) ${left === right ? '=' : '≠'} 三(七) + 四 (${fmt(right)})`,
      });
    }
  }

  if (layout !== null) {
    const other = layout === '2021'
      ? [a.otherHandling.overdueCorrection, a.otherHandling.unpaidFees, a.otherHandling.other]
      : [a.otherHandling.total];
    const parts: Row[] = [
      a.granted,
      a.partiallyGranted,
      ...Object.values(a.denied),
      ...Object.values(a.unableToProvide),
      ...Object.values(a.notProcessed),
      ...other,
    ];
    for (const c of APPLICANT_COLUMNS) {
      const expected = sum(mapped(parts, (p) => p[c]));
      const actual = a.totalHandled[c];
      if (expected === null || actual === null) continue;
      checks.push({
        rule: 'applications.totalHandled',
        column: c,
        row: null,
        ok: expected === actual,
        expected,
        actual,
        message: `(一)…(六) summed (${fmt(expected)}) ${expected === actual ? '=' : '≠'} (七)总计 (${fmt(actual)})`,
      });
    }
  }

  for (const p of ROW_PATHS) {
    if (p === 'otherHandling.total' && layout === '2021') continue; // derived, not printed
    const row = rowAt(a, p);
    const expected = sum(mapped(APPLICANT_COLUMNS.filter((c) => c !== 'total'), (c) => row[c]));
    if (expected === null || row.total === null) continue;
    checks.push({
      rule: 'applications.rowTotal',
      column: 'total',
      row: `applications.${p}`,
      ok: expected === row.total,
      expected,
      actual: row.total,
      message: `${p}: six applicant columns (${fmt(expected)}) ${expected === row.total ? '=' : '≠'} 总计 (${fmt(row.total)})`,
    });
  }

  for (const g of ['review', 'litigationDirect', 'litigationAfterReview'] as const) {
    const o = review[g];
    const expected = sum([o.upheld, o.corrected, o.other, o.pending]);
    if (expected === null || o.total === null) continue;
    checks.push({
      rule: 'reviewLitigation.total',
      column: null,
      row: `reviewLitigation.${g}`,
      ok: expected === o.total,
      expected,
      actual: o.total,
      message: `${g}: 维持+纠正+其他+未审结 (${fmt(expected)}) ${expected === o.total ? '=' : '≠'} 总计 (${fmt(o.total)})`,
    });
  }
  return checks;
}
