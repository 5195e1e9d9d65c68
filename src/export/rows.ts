/**
 * Canonical reports → flat rows for data teams: `wide` (one row per report, one column per
 * canonical value, stable dotted names) and `long` (one row per report and value, with why a
 * value is null, the printed cell text and its page).
 */
import type { CanonicalReport } from '../schema/canonical.js';
import { FIELDS, valueAt, type FieldInfo, type FieldType } from '../schema/labels.js';
import type { NullReason as NullReasonInReport } from '../schema/keys.js';
import { layoutOfField, structuralReason } from '../normalize/null-reasons.js';
import { reviewOf } from '../pipeline/review.js';

export type Cell = string | number | null;

export type ColumnType = 'string' | 'int' | 'double';

export interface Column {
  name: string;
  type: ColumnType;
}

const TYPE: Record<FieldType, ColumnType> = { count: 'int', 'signed-count': 'int', amount: 'double', unit: 'string' };

/** The report-level columns of the wide table, before the values. */
const REPORT_COLUMNS: Column[] = [
  { name: 'file', type: 'string' },
  { name: 'sha256', type: 'string' },
  { name: 'format', type: 'string' },
  { name: 'pages', type: 'int' },
  { name: 'status', type: 'string' },
  { name: 'error_code', type: 'string' },
  { name: 'title', type: 'string' },
  { name: 'organization', type: 'string' },
  { name: 'year', type: 'int' },
  { name: 'published_date', type: 'string' },
  { name: 'layout_active_disclosure', type: 'string' },
  { name: 'layout_applications', type: 'string' },
  { name: 'warnings', type: 'int' },
  { name: 'missing', type: 'string' },
  { name: 'failed_checks', type: 'int' },
  { name: 'failed_check_ids', type: 'string' },
];

export const WIDE_COLUMNS: Column[] = [...REPORT_COLUMNS, ...FIELDS.map((f) => ({ name: f.path, type: TYPE[f.type] }))];

export const LONG_COLUMNS: Column[] = [
  { name: 'file', type: 'string' },
  { name: 'sha256', type: 'string' },
  { name: 'status', type: 'string' },
  { name: 'table', type: 'string' },
  { name: 'layout', type: 'string' },
  { name: 'field', type: 'string' },
  { name: 'value', type: 'double' },
  { name: 'text_value', type: 'string' },
  { name: 'null_reason', type: 'string' },
  { name: 'page', type: 'int' },
  { name: 'cell_text', type: 'string' },
];

/** Why a value is null: the report's own reason (evidence), or `not-converted` for a file without a report. */
export type NullReason = NullReasonInReport | 'not-converted';

const TABLE_KEY = { 二: 'activeDisclosure', 三: 'applications', 四: 'reviewLitigation' } as const;

const layoutOf = (report: CanonicalReport, f: FieldInfo) => layoutOfField({ layout: report.report.layout, warnings: report.warnings }, f);

/** Why `f` is null in `report` (its value is null). */
export function nullReason(report: CanonicalReport, f: FieldInfo): NullReason {
  if (report.status === 'failed' || report.status === 'not-a-report' || report.status === 'needs-ocr') return 'not-converted';
  // reports written before reasons were recorded: worked out the same way
  return report.evidence[f.path]?.reason ?? structuralReason({ layout: report.report.layout, warnings: report.warnings }, f);
}

export function wideRow(report: CanonicalReport): Cell[] {
  const review = reviewOf(report);
  const failed = report.checks.filter((c) => !c.ok);
  const head: Cell[] = [
    report.source.file,
    report.source.sha256,
    report.source.format,
    report.source.pages,
    report.status,
    report.error?.code ?? null,
    report.report.title,
    report.report.organization,
    report.report.year,
    report.report.publishedDate,
    report.report.layout.activeDisclosure,
    report.report.layout.applications,
    report.warnings.length,
    review.missing,
    failed.length,
    review.failedChecks.length ? review.failedChecks.join(';') : null,
  ];
  const values = FIELDS.map((f) => {
    const v = valueAt(report, f.path);
    return typeof v === 'number' || typeof v === 'string' ? v : null;
  });
  return [...head, ...values];
}

export function longRows(report: CanonicalReport): Cell[][] {
  return FIELDS.map((f) => {
    const v = valueAt(report, f.path);
    const ev = report.evidence[f.path];
    const isNull = v === null || v === undefined;
    return [
      report.source.file,
      report.source.sha256,
      report.status,
      TABLE_KEY[f.table],
      layoutOf(report, f),
      f.path,
      typeof v === 'number' ? v : null,
      typeof v === 'string' ? v : null,
      isNull ? nullReason(report, f) : null,
      ev?.page ?? null,
      ev?.text ?? null,
    ];
  });
}
