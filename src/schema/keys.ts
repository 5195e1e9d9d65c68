/**
 * The canonical report's constants and empty skeletons, without the zod schema: what the batch's
 * main thread needs (status names, failure records) loads in a few milliseconds. The schema
 * itself (canonical.ts) re-exports everything here.
 */
import type { ActiveDisclosure, Applications, CanonicalReport, ReviewLitigation, Row } from './canonical.js';

export const SCHEMA_VERSION = '1' as const;

/** Why a value of the three tables is null (evidence[path].reason). */
export const NULL_REASONS = ['blank', 'dash', 'unreadable', 'not-in-layout', 'row-missing', 'table-missing', 'layout-unknown'] as const;
export type NullReason = (typeof NULL_REASONS)[number];

export const APPLICANT_COLUMNS = [
  'naturalPerson',
  'commercial',
  'research',
  'socialWelfare',
  'legalService',
  'otherOrg',
  'total',
] as const;
export type ApplicantColumn = (typeof APPLICANT_COLUMNS)[number];

export const SECTION_KEYS = [
  'overview',
  'activeDisclosure',
  'applications',
  'reviewLitigation',
  'problems',
  'other',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export const STATUSES = ['ok', 'partial', 'not-a-report', 'needs-ocr', 'failed'] as const;
export type Status = (typeof STATUSES)[number];

/** `image`: a page image (JPEG, PNG, TIFF) read by OCR. */
export const FORMATS = ['pdf', 'docx', 'doc', 'wps', 'html', 'txt', 'image'] as const;

// ---------------------------------------------------------------------------------------------
// Empty skeletons: every key is always present, null where the report does not give a value.

export function emptyRow(): Row {
  return {
    naturalPerson: null,
    commercial: null,
    research: null,
    socialWelfare: null,
    legalService: null,
    otherOrg: null,
    total: null,
  };
}

export function emptyActiveDisclosure(): ActiveDisclosure {
  const docs = () => ({
    issued: null,
    repealed: null,
    inForce: null,
    newlyMade: null,
    newlyPublished: null,
    totalPublished: null,
  });
  const dec = () => ({ decisions: null, previousYearItems: null, change: null });
  return {
    regulations: docs(),
    normativeDocuments: docs(),
    licensing: dec(),
    otherServices: dec(),
    penalty: dec(),
    coercion: dec(),
    fees: { amount: null, unit: null, previousYearItems: null, change: null },
    procurement: { projects: null, amount: null, unit: null },
  };
}

export function emptyApplications(): Applications {
  return {
    newReceived: emptyRow(),
    carriedOver: emptyRow(),
    granted: emptyRow(),
    partiallyGranted: emptyRow(),
    denied: {
      stateSecret: emptyRow(),
      prohibitedByLaw: emptyRow(),
      endangersSafety: emptyRow(),
      thirdPartyRights: emptyRow(),
      internalAffairs: emptyRow(),
      processInformation: emptyRow(),
      enforcementFiles: emptyRow(),
      administrativeQuery: emptyRow(),
    },
    unableToProvide: { notHeld: emptyRow(), needsCreation: emptyRow(), unclearAfterCorrection: emptyRow() },
    notProcessed: {
      petition: emptyRow(),
      duplicate: emptyRow(),
      publication: emptyRow(),
      excessive: emptyRow(),
      confirmation: emptyRow(),
    },
    otherHandling: { overdueCorrection: emptyRow(), unpaidFees: emptyRow(), other: emptyRow(), total: emptyRow() },
    totalHandled: emptyRow(),
    carriedForward: emptyRow(),
  };
}

export function emptyReviewLitigation(): ReviewLitigation {
  const o = () => ({ upheld: null, corrected: null, other: null, pending: null, total: null });
  return { review: o(), litigationDirect: o(), litigationAfterReview: o() };
}

export function emptySections(): CanonicalReport['sections'] {
  return {
    overview: null,
    activeDisclosure: null,
    applications: null,
    reviewLitigation: null,
    problems: null,
    other: null,
  };
}
