/**
 * The canonical report JSON (shared/spec/canonical-json.md) as an executable zod schema.
 * Every output is validated against `CanonicalReport` before it is written.
 */
import { z } from 'zod';
import { APPLICANT_COLUMNS, FORMATS, NULL_REASONS, SCHEMA_VERSION, SECTION_KEYS, STATUSES } from './keys.js';
import { describeField, FIELDS } from './labels.js';

export * from './keys.js';

const count = z.number().int().nullable();
const signedCount = z.number().int().nullable();
const amount = z.number().nullable();
const layout = z.enum(['2019', '2021']).nullable();

export const RowSchema = z
  .object({
    naturalPerson: count,
    commercial: count,
    research: count,
    socialWelfare: count,
    legalService: count,
    otherOrg: count,
    total: count,
  })
  .strict();
export type Row = z.infer<typeof RowSchema>;

const DocumentsSchema = z
  .object({
    issued: count,
    repealed: count,
    inForce: count,
    newlyMade: count,
    newlyPublished: count,
    totalPublished: count,
  })
  .strict();

const DecisionsSchema = z
  .object({ decisions: count, previousYearItems: count, change: signedCount })
  .strict();

export const ActiveDisclosureSchema = z
  .object({
    regulations: DocumentsSchema,
    normativeDocuments: DocumentsSchema,
    licensing: DecisionsSchema,
    otherServices: DecisionsSchema,
    penalty: DecisionsSchema,
    coercion: DecisionsSchema,
    fees: z
      .object({ amount, unit: z.string().nullable(), previousYearItems: count, change: signedCount })
      .strict(),
    procurement: z.object({ projects: count, amount, unit: z.string().nullable() }).strict(),
  })
  .strict();
export type ActiveDisclosure = z.infer<typeof ActiveDisclosureSchema>;

export const ApplicationsSchema = z
  .object({
    newReceived: RowSchema,
    carriedOver: RowSchema,
    granted: RowSchema,
    partiallyGranted: RowSchema,
    denied: z
      .object({
        stateSecret: RowSchema,
        prohibitedByLaw: RowSchema,
        endangersSafety: RowSchema,
        thirdPartyRights: RowSchema,
        internalAffairs: RowSchema,
        processInformation: RowSchema,
        enforcementFiles: RowSchema,
        administrativeQuery: RowSchema,
      })
      .strict(),
    unableToProvide: z
      .object({ notHeld: RowSchema, needsCreation: RowSchema, unclearAfterCorrection: RowSchema })
      .strict(),
    notProcessed: z
      .object({
        petition: RowSchema,
        duplicate: RowSchema,
        publication: RowSchema,
        excessive: RowSchema,
        confirmation: RowSchema,
      })
      .strict(),
    otherHandling: z
      .object({ overdueCorrection: RowSchema, unpaidFees: RowSchema, other: RowSchema, total: RowSchema })
      .strict(),
    totalHandled: RowSchema,
    carriedForward: RowSchema,
  })
  .strict();
export type Applications = z.infer<typeof ApplicationsSchema>;

const OutcomeSchema = z
  .object({ upheld: count, corrected: count, other: count, pending: count, total: count })
  .strict();
export const ReviewLitigationSchema = z
  .object({ review: OutcomeSchema, litigationDirect: OutcomeSchema, litigationAfterReview: OutcomeSchema })
  .strict();
export type ReviewLitigation = z.infer<typeof ReviewLitigationSchema>;

const SectionSchema = z.object({ title: z.string(), text: z.string() }).strict().nullable();

export const CheckSchema = z
  .object({
    rule: z.enum([
      'applications.balance',
      'applications.totalHandled',
      'applications.rowTotal',
      'reviewLitigation.total',
    ]),
    /** Applicant column for the applications rules, null for reviewLitigation.total. */
    column: z.enum(APPLICANT_COLUMNS).nullable(),
    /** Dotted path of the row or group checked (rowTotal, reviewLitigation.total), else null. */
    row: z.string().nullable(),
    ok: z.boolean(),
    /** The value the rule computes from the other cells (for balance: 一+二). */
    expected: z.number(),
    /** The value printed in the report (for balance: 三(七)+四). */
    actual: z.number(),
    message: z.string(),
  })
  .strict();
export type Check = z.infer<typeof CheckSchema>;

export const WarningSchema = z
  .object({ code: z.string(), message: z.string(), path: z.string().nullable() })
  .strict();

export const EvidenceSchema = z
  .object({
    page: z.number().int().positive().nullable(),
    /** The cell's text as extracted, before parsing (for derived values: the source texts). */
    text: z.string(),
    /** 0-based index of the table among the document's tables, and grid row/column. */
    table: z.number().int().nonnegative().optional(),
    row: z.number().int().nonnegative().optional(),
    col: z.number().int().nonnegative().optional(),
    /** OCR only: the recognition's confidence in the cell's text (0–1, its least sure character). */
    confidence: z.number().min(0).max(1).optional(),
    /** For derived values: the paths of the printed values they were computed from. */
    derivedFrom: z.array(z.string()).optional(),
    /**
     * Only for a null value: why it is null (the value itself stays null). blank: the cell printed
     * nothing; dash: it printed "/", "—", "无" or the like; unreadable: not clearly one number (see
     * warnings); not-in-layout: the report's layout has no such value; row-missing, table-missing,
     * layout-unknown: the row, the table or the table's layout was not found.
     */
    reason: z.enum(NULL_REASONS).optional(),
  })
  .strict();
export type Evidence = z.infer<typeof EvidenceSchema>;

export const CanonicalReportSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    source: z
      .object({
        file: z.string(),
        /** Of the input bytes; null only when the file could not be read at all. */
        sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
        /** null only when the size could not be read. */
        bytes: z.number().int().nonnegative().nullable(),
        format: z.enum(FORMATS).nullable(),
        pages: z.number().int().nonnegative().nullable(),
        producer: z.string().nullable(),
        /**
         * Only when pages had no text layer and were read by OCR: the engine, those pages (1-based)
         * and the resolution they were read at. Numbers from them carry `confidence` in evidence.
         */
        ocr: z
          .object({
            engine: z.string(),
            pages: z.array(z.number().int().positive()),
            dpi: z.number().positive(),
          })
          .strict()
          .optional(),
      })
      .strict(),
    status: z.enum(STATUSES),
    error: z.object({ code: z.string(), message: z.string() }).strict().nullable(),
    report: z
      .object({
        title: z.string().nullable(),
        organization: z.string().nullable(),
        year: z.number().int().min(1990).max(2100).nullable(),
        publishedDate: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .nullable(),
        layout: z.object({ activeDisclosure: layout, applications: layout }).strict(),
      })
      .strict(),
    sections: z
      .object({
        overview: SectionSchema,
        activeDisclosure: SectionSchema,
        applications: SectionSchema,
        reviewLitigation: SectionSchema,
        problems: SectionSchema,
        other: SectionSchema,
      })
      .strict(),
    activeDisclosure: ActiveDisclosureSchema,
    applications: ApplicationsSchema,
    reviewLitigation: ReviewLitigationSchema,
    derived: z.array(z.string()),
    checks: z.array(CheckSchema),
    warnings: z.array(WarningSchema),
    evidence: z.record(z.string(), EvidenceSchema),
  })
  .strict();
export type CanonicalReport = z.infer<typeof CanonicalReportSchema>;

/** JSON Schema (draft 2020-12) of the canonical report, for downstream users. */
export function canonicalJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(CanonicalReportSchema, { target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  // every value of the three tables says which printed cell it is (labels.ts)
  for (const f of FIELDS) {
    let node: Record<string, unknown> | undefined = schema;
    for (const key of f.path.split('.')) {
      node = (node?.properties as Record<string, Record<string, unknown>> | undefined)?.[key];
    }
    if (node) node.description = describeField(f);
  }
  return {
    $id: SCHEMA_ID,
    title: 'Canonical 政府信息公开工作年度报告 JSON, schemaVersion 1',
    description: 'One 政府信息公开工作年度报告 (government information disclosure annual report) converted by xxgk: the six sections, the three tables on fixed keys for the 2019 and 2021 national layouts, arithmetic checks, warnings and evidence.',
    ...schema,
  };
}

/** The schema's stable identifier (changes only with schemaVersion). */
export const SCHEMA_ID = 'https://xxgk.invalid/schema/canonical-report-v1.json';

