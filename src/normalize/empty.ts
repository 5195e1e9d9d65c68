/** The report with every key present and every value null (light: no schema, no normalizer). */
import type { ErrorInfo, Message } from '../model.js';
import type { CanonicalReport } from '../schema/canonical.js';
import { emptyActiveDisclosure, emptyApplications, emptyReviewLitigation, emptySections, type Status } from '../schema/keys.js';

export type NormalizedReport = Omit<CanonicalReport, 'schemaVersion' | 'source'>;

/** A report with every key present and every value null: for files that could not be read. */
export function emptyReport(status: Status, error: ErrorInfo | null, warnings: Message[] = []): NormalizedReport {
  return {
    status,
    error,
    report: {
      title: null,
      organization: null,
      year: null,
      publishedDate: null,
      layout: { activeDisclosure: null, applications: null },
    },
    sections: emptySections(),
    activeDisclosure: emptyActiveDisclosure(),
    applications: emptyApplications(),
    reviewLitigation: emptyReviewLitigation(),
    derived: [],
    checks: [],
    warnings,
    evidence: {},
  };
}
