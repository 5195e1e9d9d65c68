/**
 * The leaf paths of the canonical contract (shared/spec/canonical-json.md) for the three tables,
 * and the arithmetic checks (templates.md §5, canonical-json.md "checks") evaluated on a flat
 * map of expected values.
 */
import type { Layout } from './types.js';

export const ROW_COLUMNS = [
  'naturalPerson',
  'commercial',
  'research',
  'socialWelfare',
  'legalService',
  'otherOrg',
  'total',
] as const;
export type RowColumn = (typeof ROW_COLUMNS)[number];

/** The six applicant columns (everything but total). */
export const APPLICANT_COLUMNS = ROW_COLUMNS.slice(0, 6) as readonly RowColumn[];

export const DENIED_KEYS = [
  'stateSecret',
  'prohibitedByLaw',
  'endangersSafety',
  'thirdPartyRights',
  'internalAffairs',
  'processInformation',
  'enforcementFiles',
  'administrativeQuery',
] as const;
export const UNABLE_KEYS = ['notHeld', 'needsCreation', 'unclearAfterCorrection'] as const;
export const NOT_PROCESSED_KEYS = ['petition', 'duplicate', 'publication', 'excessive', 'confirmation'] as const;
export const OTHER_HANDLING_SUB_KEYS = ['overdueCorrection', 'unpaidFees', 'other'] as const;

/** Every Row of `applications`, as paths relative to `applications`, in contract order. */
export const APPLICATION_ROWS: readonly string[] = [
  'newReceived',
  'carriedOver',
  'granted',
  'partiallyGranted',
  ...DENIED_KEYS.map((k) => `denied.${k}`),
  ...UNABLE_KEYS.map((k) => `unableToProvide.${k}`),
  ...NOT_PROCESSED_KEYS.map((k) => `notProcessed.${k}`),
  ...OTHER_HANDLING_SUB_KEYS.map((k) => `otherHandling.${k}`),
  'otherHandling.total',
  'totalHandled',
  'carriedForward',
];

/** The result rows summed into 三（七）总计, per layout (relative to `applications`). */
export function resultRows(layout: Layout): string[] {
  return [
    'granted',
    'partiallyGranted',
    ...DENIED_KEYS.map((k) => `denied.${k}`),
    ...UNABLE_KEYS.map((k) => `unableToProvide.${k}`),
    ...NOT_PROCESSED_KEYS.map((k) => `notProcessed.${k}`),
    ...(layout === '2019' ? ['otherHandling.total'] : OTHER_HANDLING_SUB_KEYS.map((k) => `otherHandling.${k}`)),
  ];
}

export const ACTIVE_FIELDS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['regulations', ['issued', 'repealed', 'inForce', 'newlyMade', 'newlyPublished', 'totalPublished']],
  ['normativeDocuments', ['issued', 'repealed', 'inForce', 'newlyMade', 'newlyPublished', 'totalPublished']],
  ['licensing', ['decisions', 'previousYearItems', 'change']],
  ['otherServices', ['decisions', 'previousYearItems', 'change']],
  ['penalty', ['decisions', 'previousYearItems', 'change']],
  ['coercion', ['decisions', 'previousYearItems', 'change']],
  ['fees', ['amount', 'unit', 'previousYearItems', 'change']],
  ['procurement', ['projects', 'amount', 'unit']],
];

export const REVIEW_GROUPS = ['review', 'litigationDirect', 'litigationAfterReview'] as const;
export const REVIEW_FIELDS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;

/** Every leaf path of activeDisclosure, applications and reviewLitigation, in contract order. */
export function leafPaths(): string[] {
  const out: string[] = [];
  for (const [row, fields] of ACTIVE_FIELDS) for (const f of fields) out.push(`activeDisclosure.${row}.${f}`);
  for (const row of APPLICATION_ROWS) for (const c of ROW_COLUMNS) out.push(`applications.${row}.${c}`);
  for (const g of REVIEW_GROUPS) for (const f of REVIEW_FIELDS) out.push(`reviewLitigation.${g}.${f}`);
  return out;
}

/** Leaf paths whose value is a string (units); all others are number | null. */
export const STRING_LEAVES = new Set(['activeDisclosure.fees.unit', 'activeDisclosure.procurement.unit']);

export interface CheckResult {
  /** "rule@column", "applications.rowTotal@<row path>" or "reviewLitigation.total@<group>" */
  id: string;
  ok: boolean;
  expected: number;
  actual: number;
}

type Values = Record<string, number | string | null>;

function num(values: Values, path: string): number | null {
  if (!(path in values)) throw new Error(`no value for ${path}`);
  const v = values[path];
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number') throw new Error(`${path} is not a number: ${JSON.stringify(v)}`);
  return v;
}

function sum(xs: Array<number | null>): number | null {
  let s = 0;
  for (const x of xs) {
    if (x === null) return null;
    s += x;
  }
  return Math.round(s * 1e6) / 1e6;
}

/**
 * Evaluates every check instance whose operands are all non-null. `applicationsLayout` decides
 * which rows make up （六）其他处理 in applications.totalHandled and whether otherHandling.total
 * is a printed row (2019: rowTotal applies) or derived (2021: it does not).
 */
export function computeChecks(values: Values, applicationsLayout: Layout | null): { results: CheckResult[]; skipped: string[] } {
  const results: CheckResult[] = [];
  const skipped: string[] = [];
  const push = (id: string, expected: number | null, actual: number | null) => {
    if (expected === null || actual === null) skipped.push(id);
    else results.push({ id, ok: Math.abs(expected - actual) < 1e-9, expected, actual });
  };
  const a = (row: string, c: string) => num(values, `applications.${row}.${c}`);
  const layout: Layout = applicationsLayout ?? '2021';
  for (const c of ROW_COLUMNS) {
    push(
      `applications.balance@${c}`,
      sum([a('newReceived', c), a('carriedOver', c)]),
      sum([a('totalHandled', c), a('carriedForward', c)]),
    );
    push(`applications.totalHandled@${c}`, sum(resultRows(layout).map((r) => a(r, c))), a('totalHandled', c));
  }
  for (const row of APPLICATION_ROWS) {
    if (row.startsWith('otherHandling.') && row !== 'otherHandling.total' && layout === '2019') continue;
    if (row === 'otherHandling.total' && layout === '2021') continue;
    const total = a(row, 'total');
    if (total === null) continue; // only rows with a printed total
    push(`applications.rowTotal@${row}`, sum(APPLICANT_COLUMNS.map((c) => a(row, c))), total);
  }
  for (const g of REVIEW_GROUPS) {
    const r = (f: string) => num(values, `reviewLitigation.${g}.${f}`);
    push(`reviewLitigation.total@${g}`, sum([r('upheld'), r('corrected'), r('other'), r('pending')]), r('total'));
  }
  return { results, skipped };
}
