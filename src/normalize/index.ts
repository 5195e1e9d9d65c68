/**
 * The normalizer: intermediate document model → canonical report fields (everything but
 * `source`). Format-neutral: it never looks at the input file.
 */
import type { DocumentModel, ErrorInfo, Message } from '../model.js';
import type { CanonicalReport, Evidence } from '../schema/canonical.js';
import { emptyActiveDisclosure, emptyApplications, emptyReviewLitigation, emptySections, SECTION_KEYS, type Status } from '../schema/keys.js';
import { readActiveDisclosure } from './active-disclosure.js';
import { readApplications } from './applications.js';
import { runChecks } from './checks.js';
import { Context, DEGRADING } from './context.js';
import { extractReportInfo, yearFromOverview } from './report-info.js';
import { readReviewLitigation } from './review-litigation.js';
import { findSections, sectionText } from './sections.js';
import { findTables, type TableKind } from './tables.js';
import { labelKey, nfkc, removeSpaces } from './text.js';
import { emptyReport, type NormalizedReport } from './empty.js';
import { structuralReason } from './null-reasons.js';
import { FIELDS, valueAt } from '../schema/labels.js';
import { mapped } from '../arrays.js';

export { emptyReport, type NormalizedReport } from './empty.js';

const TABLE_NAMES: Record<TableKind, string> = {
  activeDisclosure: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  reviewLitigation: '四、政府信息公开行政复议、行政诉讼情况',
};

export function normalize(doc: DocumentModel, extractorMessages: Message[] = []): NormalizedReport {
  const ctx = new Context();
  const blocks = doc.blocks;

  const { spans, duplicateHeadings } = findSections(blocks);
  const firstSection = Math.min(...mapped(Object.values(spans), (s) => s.heading), blocks.length);
  const infoMessages: Message[] = [];
  const info = extractReportInfo(blocks, firstSection < blocks.length ? firstSection : -1, infoMessages);
  const skip = new Set([...info.consumed, ...duplicateHeadings]);

  const tables = findTables(blocks, ctx.warnings);
  for (const i of tables.tableParagraphs) skip.add(i);
  const sections = emptySections();
  for (const k of SECTION_KEYS) {
    const s = spans[k];
    if (s) sections[k] = { title: s.title, text: sectionText(blocks, s, skip) };
  }

  const foundSections = SECTION_KEYS.filter((k) => spans[k]).length;
  const foundTables = Object.keys(tables.grids).length;
  const titleKey = info.title ? labelKey(info.title) : '';
  const looksLikeReport = /信息公开|政务公开/.test(titleKey) && /报告|年报/.test(titleKey);
  if (foundTables === 0 && foundSections < 3 && !looksLikeReport) {
    const paragraphs = blocks.filter((b) => b.kind === 'paragraph');
    const sample = mapped(paragraphs, (b) => removeSpaces(nfkc(b.kind === 'paragraph' ? b.text : ''))).find((t) => t.length > 0);
    return emptyReport(
      'not-a-report',
      {
        code: 'not-a-report',
        message:
          `readable, but not a 政府信息公开工作年度报告: no report title, ${foundSections} of 6 section headings and none of the three tables` +
          (sample ? ` (it begins ${JSON.stringify(sample.slice(0, 40))})` : ' (it has no text)'),
      },
      [...extractorMessages],
    );
  }

  const activeDisclosure = tables.grids.activeDisclosure
    ? readActiveDisclosure(tables.grids.activeDisclosure, ctx)
    : { value: emptyActiveDisclosure(), layout: null };
  const applications = tables.grids.applications
    ? readApplications(tables.grids.applications, ctx)
    : { value: emptyApplications(), layout: null, derived: [] as string[] };
  const reviewLitigation = tables.grids.reviewLitigation
    ? readReviewLitigation(tables.grids.reviewLitigation, ctx)
    : emptyReviewLitigation();
  for (const kind of Object.keys(TABLE_NAMES) as TableKind[]) {
    if (!tables.grids[kind]) {
      ctx.warn('table-missing', `the table of section ${TABLE_NAMES[kind]} was not found; its values are null`, kind);
    }
  }

  let year = info.year;
  if (year === null && sections.overview) {
    year = yearFromOverview(sections.overview.text, info.publishedDate);
  }
  if (year === null) {
    infoMessages.push({ code: 'report.year-missing', message: 'the year the report covers is not printed in the title, the statistics period or the overview', path: 'report.year' });
  }

  for (const k of SECTION_KEYS) {
    if (!sections[k]) ctx.warn('section-missing', `no heading found for section ${k}`, `sections.${k}`);
  }

  if (foundTables === 3 && ctx.evidence.size === 0) {
    ctx.warn('tables-blank', 'the three tables were found but every value cell is blank: an unfilled template?', null);
  }

  const checks = runChecks(applications.value, applications.layout, reviewLitigation);
  const warnings = [...extractorMessages, ...infoMessages, ...ctx.warnings];
  const partial = warnings.some((w) => DEGRADING.has(w.code));

  const out: NormalizedReport = {
    status: partial ? 'partial' : 'ok',
    error: null,
    report: {
      title: info.title,
      organization: info.organization,
      year,
      publishedDate: info.publishedDate,
      layout: { activeDisclosure: activeDisclosure.layout, applications: applications.layout },
    },
    sections,
    activeDisclosure: activeDisclosure.value,
    applications: applications.value,
    reviewLitigation,
    derived: applications.derived,
    checks,
    warnings,
    evidence: {},
  };
  out.evidence = orderedEvidence(out, ctx);
  return out;
}

/**
 * Evidence keyed in the canonical order of the value paths (deterministic output): where each
 * number came from, and for each null value why it is null (`reason`, with the cell it was read
 * from when there was one).
 */
function orderedEvidence(out: NormalizedReport, ctx: Context): Record<string, Evidence> {
  const ordered: Record<string, Evidence> = {};
  const reasonCtx = { layout: out.report.layout, warnings: ctx.warnings };
  for (const f of FIELDS) {
    const v = valueAt(out, f.path);
    if (typeof v === 'number') {
      const e = ctx.evidence.get(f.path);
      if (e) ordered[f.path] = e;
    } else if (v === null && f.type !== 'unit') {
      const read = ctx.nulls.get(f.path);
      ordered[f.path] = read
        ? { page: read.cell.page, text: read.cell.text, table: read.cell.table, row: read.cell.row, col: read.cell.col, ...(read.cell.confidence === undefined ? {} : { confidence: read.cell.confidence }), reason: read.reason }
        : { page: null, text: '', reason: structuralReason(reasonCtx, f) };
    }
  }
  return ordered;
}

