/**
 * Numbers a report prints that JSON / the schema cannot hold exactly (beyond
 * Number.MAX_SAFE_INTEGER, hundreds of digits, more significant digits than a double keeps):
 * that one value is null with a cell warning naming the field and the printed text; the rest of
 * the report is converted as usual (never `internal-error`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseCell } from '../src/normalize/numbers.js';
import { convertBytes } from '../src/pipeline/convert.js';
import { CanonicalReportSchema, type CanonicalReport } from '../src/schema/canonical.js';

const root = path.resolve(import.meta.dirname, '..');
const SAMPLE = 'samples/seed-000-lushaer-2022.docx';
const expected = JSON.parse(readFileSync(path.join(root, 'samples/expected/seed-000-lushaer-2022.json'), 'utf8')) as CanonicalReport;

// In seed-000 every value cell is one `<w:t xml:space="preserve">0</w:t>` (or 1), in table order:
// 二 (10 values), 三 (7 columns × 25 rows), 四 (15 values).
const VALUE_CELL = /(<w:t xml:space="preserve">)([01])(<\/w:t>)/g;
const CELL_INDEX: Record<string, number> = {
  'activeDisclosure.fees.amount': 9,
  'applications.newReceived.naturalPerson': 10,
  'applications.otherHandling.overdueCorrection.commercial': 151,
  'applications.otherHandling.unpaidFees.commercial': 158,
  'applications.otherHandling.other.commercial': 165,
  'reviewLitigation.review.pending': 188,
};

/** The sample with the value cells at these paths printing other text. */
function docxWith(replacements: Record<string, string>): Uint8Array {
  const files = unzipSync(new Uint8Array(readFileSync(path.join(root, SAMPLE))));
  const xml = strFromU8(files['word/document.xml']!);
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const byIndex = new Map(Object.entries(replacements).map(([p, text]) => [CELL_INDEX[p]!, escape(text)]));
  let i = 0;
  const out = xml.replace(VALUE_CELL, (all, open: string, _v: string, close: string) => {
    const text = byIndex.get(i++);
    return text === undefined ? all : `${open}${text}${close}`;
  });
  expect(i).toBe(200);
  return zipSync({ ...files, 'word/document.xml': strToU8(out) });
}

function leaves(o: unknown, prefix: string): [string, unknown][] {
  if (o !== null && typeof o === 'object') return Object.entries(o).flatMap(([k, v]) => leaves(v, `${prefix}.${k}`));
  return [[prefix, o]];
}
const valueLeaves = (r: CanonicalReport) => [
  ...leaves(r.activeDisclosure, 'activeDisclosure'),
  ...leaves(r.applications, 'applications'),
  ...leaves(r.reviewLitigation, 'reviewLitigation'),
];

async function convertWith(replacements: Record<string, string>): Promise<CanonicalReport> {
  return convertBytes(docxWith(replacements), SAMPLE);
}

/** Every value except those at `nulled` as in the expected JSON; those null. */
function expectOnlyNulled(report: CanonicalReport, nulled: string[]): void {
  const want = new Map(valueLeaves(expected));
  for (const [p, v] of valueLeaves(report)) {
    if (nulled.includes(p)) expect(v, p).toBeNull();
    else expect(v, p).toEqual(want.get(p));
  }
}

describe('the cell mapping used by these tests', () => {
  it('puts each replacement in the field it names', async () => {
    const r = await convertWith({ 'applications.newReceived.naturalPerson': '7', 'reviewLitigation.review.pending': '8', 'activeDisclosure.fees.amount': '9' });
    expect(r.applications.newReceived.naturalPerson).toBe(7);
    expect(r.reviewLitigation.review.pending).toBe(8);
    expect(r.activeDisclosure.fees.amount).toBe(9);
  });
});

describe('out-of-range numbers in a converted report', () => {
  const CASES: [string, string][] = [
    ['applications.newReceived.naturalPerson', '99999999999999999999'],
    ['applications.newReceived.naturalPerson', '9007199254740992'],
    ['applications.newReceived.naturalPerson', '1' + '0'.repeat(400)],
    ['applications.newReceived.naturalPerson', '９'.repeat(30)],
    ['applications.newReceived.naturalPerson', '99,999,999,999,999,999,999'],
    ['reviewLitigation.review.pending', '99999999999999999999'],
    ['activeDisclosure.fees.amount', '99999999999999999999'],
    ['activeDisclosure.fees.amount', '0.30000000000000001'],
    ['activeDisclosure.fees.amount', '1' + '0'.repeat(400) + '.5'],
  ];
  const short = (s: string) => (s.length > 32 ? `${s.slice(0, 12)}…(${s.length} chars)` : s);
  it.each(CASES.map(([f, t]) => [f, short(t), t] as const))(
    '%s printing %s: null, a warning, everything else as expected', async (field, _label, printed) => {
    const report = await convertWith({ [field]: printed });
    expect(CanonicalReportSchema.safeParse(report).success).toBe(true);
    expect(report.status).toBe('partial');
    expect(report.error).toBeNull();
    expectOnlyNulled(report, [field]);
    expect(report.evidence[field]?.reason).toBe('unreadable');
    const w = report.warnings.filter((x) => x.path === field);
    expect(w).toHaveLength(1);
    expect(w[0]!.code).toBe('cell-unreadable');
    expect(w[0]!.message).toContain(field);
    expect(w[0]!.message).toContain(printed.slice(0, 20));
    expect(w[0]!.message.length).toBeLessThan(400);
    // the other warnings are those of the original
    expect(report.warnings.filter((x) => x.path !== field)).toEqual(expected.warnings);
    // checks with the nulled operand are skipped, the others unchanged
    for (const c of report.checks) expect(expected.checks).toContainEqual(c);
  });

  it('the largest exact integer is still a value', async () => {
    const report = await convertWith({ 'applications.newReceived.naturalPerson': '9007199254740991' });
    expect(CanonicalReportSchema.safeParse(report).success).toBe(true);
    expect(report.applications.newReceived.naturalPerson).toBe(9007199254740991);
  });

  it('1e400 is not a number a report prints: null and a warning', async () => {
    const field = 'applications.newReceived.naturalPerson';
    const report = await convertWith({ [field]: '1e400' });
    expect(CanonicalReportSchema.safeParse(report).success).toBe(true);
    expect(report.status).toBe('partial');
    expectOnlyNulled(report, [field]);
    expect(report.warnings.find((x) => x.path === field)?.message).toContain('1e400');
  });

  it('a derived total beyond the exact range is null with a warning, its parts are kept', async () => {
    const big = '9007199254740991';
    const report = await convertWith({
      'applications.otherHandling.overdueCorrection.commercial': big,
      'applications.otherHandling.unpaidFees.commercial': big,
      'applications.otherHandling.other.commercial': big,
    });
    expect(CanonicalReportSchema.safeParse(report).success).toBe(true);
    expect(report.status).toBe('partial');
    expect(report.applications.otherHandling.overdueCorrection.commercial).toBe(9007199254740991);
    expect(report.applications.otherHandling.total.commercial).toBeNull();
    expect(report.derived).not.toContain('applications.otherHandling.total.commercial');
    expect(report.evidence['applications.otherHandling.total.commercial']?.reason).toBe('unreadable');
    const w = report.warnings.find((x) => x.path === 'applications.otherHandling.total.commercial');
    expect(w?.message).toContain('9007199254740991');
  });
});

describe('parseCell bounds', () => {
  it.each(['99999999999999999999', '9007199254740992', '-9007199254740992', '1' + '0'.repeat(400), '0.30000000000000001', '增加99999999999999999999'].map((t) => [t.slice(0, 24), t]))(
    '%j… is out of range, not a number',
    (_label, text) => {
      expect(parseCell(text)).toMatchObject({ kind: 'out-of-range', text });
    },
  );
  it.each([
    ['9007199254740991', 9007199254740991],
    ['-9007199254740991', -9007199254740991],
    ['0.1', 0.1],
    ['123456789012.345', 123456789012.345],
    ['0.30000000000000000', 0.3],
    ['000012', 12],
  ])('%j is exact: %d', (text, value) => {
    expect(parseCell(text)).toEqual({ kind: 'number', value, unit: null });
  });
});
