/**
 * Hostile DOCX files: every size that comes from the file is bounded (LIMITS in src/model.ts).
 *
 * The hostile files are made from a real sample (samples/seed-000-lushaer-2022.docx): unzip,
 * mutate word/document.xml (or another part, or the ZIP bytes), zip again. Cases that used to
 * abort V8 (a fatal "invalid size" error cannot be caught) or blow the stack are first converted
 * in a child process, which must exit normally and print the report's status; the same file is
 * then converted in-process to check the warnings and that every number of the sample is still
 * read exactly as in samples/expected.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32 } from 'node:zlib';
import { Zip, ZipDeflate, deflateSync, strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractDocx } from '../src/extractors/docx.js';
import { LIMITS, type DocumentModel, type ExtractResult, type Table } from '../src/model.js';
import { expandTable } from '../src/normalize/grid.js';
import { convertBytes } from '../src/pipeline/convert.js';
import { CanonicalReportSchema, type CanonicalReport } from '../src/schema/canonical.js';

const root = path.resolve(import.meta.dirname, '..');
const SAMPLE = new Uint8Array(readFileSync(path.join(root, 'samples/seed-000-lushaer-2022.docx')));
const EXPECTED = JSON.parse(readFileSync(path.join(root, 'samples/expected/seed-000-lushaer-2022.json'), 'utf8')) as CanonicalReport;
const PARTS = unzipSync(SAMPLE);
const DOCUMENT = strFromU8(PARTS['word/document.xml'] as Uint8Array);

// ---------------------------------------------------------------------------------------------
// building hostile files

/** The sample with some parts replaced (XML text), zipped again; `stored`: without compression. */
function docxWith(changes: Record<string, string>, stored = false): Uint8Array {
  const files: Zippable = { ...PARTS };
  for (const [name, xml] of Object.entries(changes)) files[name] = [strToU8(xml), { level: stored ? 0 : 6 }];
  return zipSync(files);
}

const withDocument = (f: (xml: string) => string, stored = false): Uint8Array => docxWith({ 'word/document.xml': f(DOCUMENT) }, stored);

/** Last body paragraph of section 六, before the signature and date. */
const ANCHOR = '暂无其它需要报告的事项。</w:t></w:r></w:p>';
const appendBody = (add: string) => (xml: string): string => {
  expect(xml).toContain(ANCHOR);
  return xml.replace(ANCHOR, () => ANCHOR + add);
};

const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const grid = (cols: number) => `<w:tblGrid>${'<w:gridCol w:w="500"/>'.repeat(cols)}</w:tblGrid>`;

/** Each row of the sample's tables gets one huge w:gridSpan (its first one, else on its last cell). */
function hugeSpanInEveryRow(xml: string, value: string): string {
  return xml.replace(/<w:tr>[\s\S]*?<\/w:tr>/g, (row) => {
    if (/<w:gridSpan w:val="\d+"\/>/.test(row)) return row.replace(/<w:gridSpan w:val="\d+"\/>/, `<w:gridSpan w:val="${value}"/>`);
    const last = row.lastIndexOf('<w:tc><w:tcPr>');
    expect(last).toBeGreaterThan(-1);
    const at = last + '<w:tc><w:tcPr>'.length;
    return row.slice(0, at) + `<w:gridSpan w:val="${value}"/>` + row.slice(at);
  });
}

/** Adds row properties (e.g. w:gridBefore) to every row of the sample's tables. */
function rowProperties(xml: string, props: string): string {
  return xml.replace(/<w:tr>(<w:trPr>)?/g, (_m, pr: string | undefined) => `<w:tr><w:trPr>${props}${pr ? '' : '</w:trPr>'}`);
}

/** `depth` tables, each in the only cell of the one before, cell i holding the text "L{i}". */
function nestedTables(depth: number): string {
  let open = '';
  let close = '';
  for (let i = 1; i <= depth; i++) {
    open += `<w:tbl><w:tblPr/>${grid(1)}<w:tr><w:tc>${p(`L${i}`)}`;
    close = `</w:tc></w:tr></w:tbl>` + close;
  }
  return open + p('innermost') + close;
}

// ---------------------------------------------------------------------------------------------
// converting

interface ChildResult {
  status: string;
  error: { code: string; message: string } | null;
  valid: boolean;
  warnings: string[];
}

const CHILD_SCRIPT = `
import { readFileSync } from 'node:fs';
const { convertBytes } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'src/pipeline/convert.ts')).href)});
const { CanonicalReportSchema } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'src/schema/canonical.ts')).href)});
const out = [];
for (const file of JSON.parse(process.env.HOSTILE_DOCX)) {
  const r = await convertBytes(new Uint8Array(readFileSync(file)), 'hostile.docx');
  out.push({ status: r.status, error: r.error, valid: CanonicalReportSchema.safeParse(r).success, warnings: r.warnings.map((w) => w.code) });
}
process.stdout.write(JSON.stringify(out));
`;

/**
 * Converts the files in one child process (a fatal V8 error must not take the test runner with
 * it) and returns its exit status and, when it exited normally, each report's status, error and
 * warning codes.
 */
function convertInChild(files: Record<string, Uint8Array>): { exit: string; results: Record<string, ChildResult> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'docx-bounds-'));
  try {
    const names = Object.keys(files).map((key, i) => {
      const file = path.join(dir, `hostile-${i}.docx`);
      writeFileSync(file, files[key] as Uint8Array);
      return file;
    });
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD_SCRIPT], {
      cwd: root,
      env: { ...process.env, HOSTILE_DOCX: JSON.stringify(names) },
      encoding: 'utf8',
      timeout: 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const exit = r.status === 0 ? 'exit 0' : `exit ${r.status}, signal ${r.signal}, stderr: ${(r.stderr ?? '').slice(-600)}`;
    if (r.status !== 0) return { exit, results: {} };
    const list = JSON.parse(r.stdout) as ChildResult[];
    return { exit, results: Object.fromEntries(Object.keys(files).map((key, i) => [key, list[i] as ChildResult])) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const FINE = { status: 'ok', error: null, valid: true };
/** Content dropped at a size limit: read, but partial (the warning says what was lost). */
const LOSSY = { status: 'partial', error: null, valid: true };

const hCont = `<w:tc><w:tcPr><w:hMerge/><w:gridSpan w:val="2147483647"/></w:tcPr>${p('')}</w:tc>`;
const vCont = `<w:tc><w:tcPr><w:vMerge/><w:gridSpan w:val="1000000000"/></w:tcPr>${p('续')}</w:tc>`;
const MERGE_TABLE =
  `<w:tbl><w:tblPr/>${grid(3)}` +
  `<w:tr><w:tc><w:tcPr><w:hMerge w:val="restart"/><w:vMerge w:val="restart"/></w:tcPr>${p('甲')}</w:tc>${hCont.repeat(300)}</w:tr>` +
  `<w:tr>${vCont}${hCont}</w:tr>`.repeat(300) +
  `</w:tbl>`;
const deep = (n: number) => '<w:customXml>'.repeat(n) + p('深处') + '</w:customXml>'.repeat(n);
const footnotesWith = (add: string) =>
  docxWith({ 'word/footnotes.xml': strFromU8(PARTS['word/footnotes.xml'] as Uint8Array).replace('</w:footnotes>', () => `<w:footnote w:id="1">${add}</w:footnote></w:footnotes>`) });

/** The files that used to kill the process (fatal V8 error, stack overflow) or hang it. */
const CRASHERS = {
  gridSpan1e9: withDocument((x) => hugeSpanInEveryRow(x, '1000000000')),
  gridSpanMax: withDocument((x) => hugeSpanInEveryRow(x, '2147483647')),
  gridBefore: withDocument((x) => rowProperties(x, '<w:gridBefore w:val="500000000"/>')),
  gridAfter: withDocument((x) => rowProperties(x, '<w:gridAfter w:val="500000000"/>')),
  gridBeforeAfterMax: withDocument((x) => rowProperties(x, '<w:gridBefore w:val="2147483647"/><w:gridAfter w:val="2147483647"/>')),
  merges: withDocument(appendBody(MERGE_TABLE)),
  nested: withDocument(appendBody(nestedTables(2000))),
  deep: withDocument(appendBody(`<w:sdt><w:sdtContent>${deep(5000)}</w:sdtContent></w:sdt>`)),
  absurdlyDeep: withDocument(appendBody(deep(LIMITS.maxXmlParseDepth + 10))),
  footnotesNested: footnotesWith(nestedTables(2000)),
  footnotesAbsurdlyDeep: footnotesWith('<w:customXml>'.repeat(LIMITS.maxXmlParseDepth + 10)),
};
type Crasher = keyof typeof CRASHERS;

let child: ReturnType<typeof convertInChild> | undefined;
beforeAll(() => {
  child = convertInChild(CRASHERS);
}, 120_000);

/** The child process's report for one of CRASHERS (the child must have exited normally). */
function inChild(name: Crasher): ChildResult {
  expect(child?.exit, 'the child process converting the hostile files').toBe('exit 0');
  return child?.results[name] as ChildResult;
}

function ok(r: ExtractResult): DocumentModel {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.document;
}

const tables = (d: DocumentModel): Table[] => d.blocks.filter((b): b is Table => b.kind === 'table');
const codes = (r: CanonicalReport | ExtractResult): string[] =>
  ('warnings' in r ? r.warnings : r.messages).map((m) => m.code);

/** Every number, check, evidence and report field of the sample is read exactly as before. */
function expectSampleValues(report: CanonicalReport, status: 'ok' | 'partial' = 'ok'): void {
  expect(CanonicalReportSchema.safeParse(report).success).toBe(true);
  expect(report.status).toBe(status);
  expect(report.error).toBeNull();
  for (const key of ['report', 'activeDisclosure', 'applications', 'reviewLitigation', 'derived', 'checks', 'evidence'] as const) {
    expect(report[key], key).toEqual(EXPECTED[key]);
  }
}

const convert = (bytes: Uint8Array) => convertBytes(bytes, 'hostile.docx');

let baseTables: Table[] | undefined;
async function sampleTables(): Promise<Table[]> {
  baseTables ??= tables(ok(await extractDocx(SAMPLE)));
  return baseTables;
}

// ---------------------------------------------------------------------------------------------
// spans

describe('huge spans are clamped to the table width', () => {
  for (const [value, name] of [['1000000000', 'gridSpan1e9'], ['2147483647', 'gridSpanMax']] as const) {
    it(`w:gridSpan="${value}" in every row: no crash, the tables read exactly as without it`, async () => {
      const bytes = CRASHERS[name];
      expect(inChild(name)).toMatchObject(FINE);

      const r = await extractDocx(bytes);
      expect(tables(ok(r))).toEqual(await sampleTables());
      const clamped = r.messages.filter((m) => m.code === 'docx.span-clamped');
      expect(clamped).toHaveLength(3); // one per table
      expect(clamped[0]?.message).toContain(`the largest: ${value}`);
      const report = await convert(bytes);
      expectSampleValues(report);
      expect(report.sections).toEqual(EXPECTED.sections);
    });
  }

  it('w:gridBefore / w:gridAfter of 500000000 on every row: no crash, the tables read exactly as without them', async () => {
    for (const props of ['gridBefore', 'gridAfter', 'gridBeforeAfterMax'] as const) {
      expect(inChild(props), props).toMatchObject(FINE);
      const bytes = CRASHERS[props];
      const r = await extractDocx(bytes);
      expect(tables(ok(r)), props).toEqual(await sampleTables());
      expect(codes(r), props).toEqual(['docx.span-clamped', 'docx.span-clamped', 'docx.span-clamped']);
      expectSampleValues(await convert(bytes));
    }
  });

  it('legacy w:hMerge / w:vMerge chains with huge spans stay inside the column limit', async () => {
    const bytes = CRASHERS.merges;
    expect(inChild('merges')).toMatchObject(LOSSY);

    const r = await extractDocx(bytes);
    const t = tables(ok(r))[3] as Table;
    expect(t.rows).toHaveLength(301);
    const origin = t.rows[0]?.[0];
    expect(origin).toMatchObject({ col: 0, rowSpan: 301 });
    expect(origin?.text).toBe(['甲', ...Array<string>(300).fill('续')].join('\n')); // continuation text joins the merged cell
    // 300 continuation cells of one column each, cut at the column limit
    expect(origin?.colSpan).toBe(LIMITS.maxTableColumns);
    for (const row of t.rows) {
      for (const c of row) {
        expect(c.col ?? 0).toBeLessThan(LIMITS.maxTableColumns);
        expect((c.col ?? 0) + c.colSpan).toBeLessThanOrEqual(LIMITS.maxTableColumns);
      }
    }
    expect(codes(r)).toEqual(['docx.span-clamped', 'docx.table-too-large']);
    expectSampleValues(await convert(bytes), 'partial');
  });

  it('the normalizer does not trust model spans and positions (no crash, bounded grid)', () => {
    const script = `
      const { expandTable } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'src/normalize/grid.ts')).href)});
      const t = (rows) => ({ kind: 'table', rows, page: null, role: 'body' });
      const c = (text, o = {}) => ({ text, rowSpan: 1, colSpan: 1, page: null, ...o });
      const out = {};
      for (const [name, table] of Object.entries({
        colSpan: t([[c('a', { colSpan: 1e9 }), c('b')], [c('x'), c('y')]]),
        rowSpan: t([[c('a', { rowSpan: 2147483647 }), c('b')], [c('y')]]),
        col: t([[c('a', { col: 5e8 }), c('b')], [c('x')]]),
        both: t(Array.from({ length: 3000 }, () => [c('a', { colSpan: 2147483647, rowSpan: 2147483647 })])),
      })) {
        const g = expandTable(table, 0, []);
        out[name] = { width: g.width, rows: g.rows.length };
      }
      process.stdout.write(JSON.stringify(out));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(r.status, `signal ${r.signal}: ${(r.stderr ?? '').slice(-600)}`).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      colSpan: { width: LIMITS.maxTableColumns, rows: 2 },
      rowSpan: { width: 2, rows: 2 },
      col: { width: 1, rows: 2 },
      both: { width: LIMITS.maxTableColumns, rows: 3000 },
    });

    // in-process: the values and the warnings
    const t = (rows: Table['rows']): Table => ({ kind: 'table', rows, page: null, role: 'body' });
    const c = (text: string, o: Partial<Table['rows'][number][number]> = {}) => ({ text, rowSpan: 1, colSpan: 1, page: null, ...o });
    const messages: { code: string; message: string; path: string | null }[] = [];
    const g = expandTable(t([[c('a', { colSpan: 1e9 }), c('b')], [c('x', { rowSpan: 1e9 }), c('y')]]), 0, messages);
    expect(g.rows[0]?.[0]).toMatchObject({ text: 'a', col: 0, colSpan: LIMITS.maxTableColumns });
    expect(g.rows[1]?.[0]).toMatchObject({ text: 'x', rowSpan: 1 });
    expect(g.rows[1]?.[1]).toMatchObject({ text: 'y', col: 1 });
    expect(messages.map((m) => m.code)).toEqual(['table-span-clamped', 'table-too-large']); // 'b' had no room left
    const farMessages: typeof messages = [];
    const far = expandTable(t([[c('a', { col: 5e8 }), c('b')], [c('x')]]), 0, farMessages);
    expect(far.rows.map((r) => r.map((x) => x?.text ?? null))).toEqual([[null], ['x']]); // 'b' follows 'a' out of the table
    expect(farMessages.map((m) => m.message)).toEqual([expect.stringMatching(/0 row\(s\) and 2 cell\(s\) beyond that were ignored/)]);
  });

});

// ---------------------------------------------------------------------------------------------
// nesting, counts, text

describe('nesting depth, table size and text length are bounded', () => {
  it('2,000 nested tables: bounded recursion, deeper tables dropped with a warning', async () => {
    const bytes = CRASHERS.nested;
    expect(inChild('nested')).toMatchObject(LOSSY);

    const r = await extractDocx(bytes);
    const t = tables(ok(r))[3] as Table;
    const text = t.rows[0]?.[0]?.text ?? '';
    // exactly LIMITS.maxTableNesting levels are read
    expect(text).toContain(`L${LIMITS.maxTableNesting}`);
    expect(text).not.toContain(`L${LIMITS.maxTableNesting + 1}`);
    expect(text).not.toContain('innermost');
    expect(codes(r)).toEqual(['docx.too-deep']);
    expect(r.messages[0]?.message).toMatch(/word\/document\.xml: .*nested more than 32 tables deep/);
    const report = await convert(bytes);
    expectSampleValues(report, 'partial');
    expect(codes(report)).toEqual(['docx.too-deep']);
  });

  it('deep non-table nesting: dropped past the element depth limit; absurd depth is a clear error', async () => {
    const bytes = CRASHERS.deep;
    expect(inChild('deep')).toMatchObject(LOSSY);
    const absurd = inChild('absurdlyDeep');
    expect(absurd).toMatchObject({ status: 'failed', valid: true, error: { code: 'corrupt' } });
    expect(absurd.error?.message).toMatch(/word\/document\.xml: elements are nested more than 20,000 levels deep/);

    const report = await convert(bytes);
    expectSampleValues(report, 'partial');
    expect(codes(report)).toEqual(['docx.too-deep']);
    expect(report.warnings[0]?.message).toMatch(/nested more than 256 levels deep/);
  });

  it('2,000 nested tables in footnotes.xml: bounded like the body; a part nested too deep to parse is left out', async () => {
    const bytes = CRASHERS.footnotesNested;
    expect(inChild('footnotesNested')).toMatchObject(LOSSY);
    expect(inChild('footnotesAbsurdlyDeep')).toMatchObject(LOSSY);
    const report = await convert(bytes);
    expectSampleValues(report, 'partial');
    expect(report.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^word\/footnotes\.xml: .*nested more than 32 tables deep/)]);

    // nested beyond what the parser takes: the part is left out, with a warning
    const r2 = await convert(CRASHERS.footnotesAbsurdlyDeep);
    expectSampleValues(r2, 'partial');
    expect(r2.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^word\/footnotes\.xml: elements are nested more than 20,000 levels deep.*ignored/)]);
  });

  it('a table of 100,000 cells is cut at the cell limit', async () => {
    const row = `<w:tr>${Array.from({ length: 200 }, (_, i) => `<w:tc>${p(String(i))}</w:tc>`).join('')}</w:tr>`;
    const bytes = withDocument(appendBody(`<w:tbl><w:tblPr/>${grid(200)}${row.repeat(500)}</w:tbl>`));
    const r = await extractDocx(bytes);
    const t = tables(ok(r))[3] as Table;
    expect(t.rows.flat()).toHaveLength(LIMITS.maxTableCells);
    expect(t.rows).toHaveLength(LIMITS.maxTableCells / 200);
    expect(t.rows[99]?.[199]).toMatchObject({ text: '199', col: 199 });
    expect(codes(r)).toEqual(['docx.table-too-large']);
    expect(r.messages[0]?.message).toMatch(/more than 20,000 cells; 400 more row\(s\) were dropped/);
  });

  it('more rows than the row limit: the rest is dropped with a warning', async () => {
    const bytes = withDocument(appendBody(`<w:tbl><w:tblPr/>${grid(1)}${`<w:tr><w:tc>${p('r')}</w:tc></w:tr>`.repeat(LIMITS.maxTableRows + 7)}</w:tbl>`));
    const report = await convert(bytes);
    expectSampleValues(report, 'partial');
    expect(report.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/more than 5,000 rows; 7 more row\(s\) were dropped/)]);
  });

  it('a 50 MB text run is cut at the paragraph limit, in the body flow too', async () => {
    const bytes = withDocument(appendBody(`<w:p><w:r><w:t>${'a'.repeat(50_000_000)}</w:t></w:r></w:p>`), true);
    const report = await convert(bytes);
    expectSampleValues(report, 'partial');
    expect(codes(report)).toEqual(['docx.text-too-long']);
    expect(report.warnings[0]?.message).toMatch(/longer than 1,000,000 characters; 49,000,000 character\(s\) were cut/);
    // the section's text comes from the body flow: it read the cut paragraph
    const other = report.sections.other?.text ?? '';
    expect(other).toContain('a'.repeat(LIMITS.maxParagraphTextChars));
    expect(other).not.toContain('a'.repeat(LIMITS.maxParagraphTextChars + 1));
  });

  it('text of one cell is cut at the cell limit', async () => {
    const half = 'x'.repeat(600_000);
    const bytes = withDocument(appendBody(`<w:tbl><w:tblPr/>${grid(1)}<w:tr><w:tc>${p(half)}${p(half)}</w:tc></w:tr></w:tbl>`));
    const r = await extractDocx(bytes);
    const t = tables(ok(r))[3] as Table;
    expect(t.rows[0]?.[0]?.text.replace(/\n/g, '')).toHaveLength(LIMITS.maxCellTextChars);
    expect(r.messages.map((m) => m.message)).toEqual([expect.stringMatching(/a table cell holds more than 1,000,000 characters; 200,000 character\(s\) were cut/)]);
  });
});

// ---------------------------------------------------------------------------------------------
// the ZIP container

describe('ZIP container: damaged is corrupt, only real excess is a bomb', () => {
  const u8 = (b: Uint8Array) => new Uint8Array(b);
  const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
  const eocd = (b: Uint8Array) => {
    let e = b.length - 22;
    while (view(b).getUint32(e, true) !== 0x06054b50) e--;
    return e;
  };
  /** Offsets of the central directory record and local header of an entry. */
  const entry = (b: Uint8Array, name: string) => {
    const e = eocd(b);
    let o = view(b).getUint32(e + 16, true);
    for (;;) {
      const n = view(b).getUint16(o + 28, true);
      if (strFromU8(b.subarray(o + 46, o + 46 + n)) === name) return { central: o, local: view(b).getUint32(o + 42, true) };
      o += 46 + n + view(b).getUint16(o + 30, true) + view(b).getUint16(o + 32, true);
    }
  };
  const expectCorrupt = async (b: Uint8Array, detail: RegExp) => {
    const r = await extractDocx(b);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('corrupt');
    expect(r.error.message).toMatch(/^The ZIP container of this \.docx is damaged: /);
    expect(r.error.message).toMatch(/truncated or was corrupted in transfer; download it again/);
    expect(r.error.message).toMatch(detail);
    expect(r.error.message).not.toMatch(/bomb/i);
    const report = await convert(b);
    expect(CanonicalReportSchema.safeParse(report).success).toBe(true);
    expect(report).toMatchObject({ status: 'failed', error: { code: 'corrupt' } });
  };

  it('truncated files', async () => {
    for (const keep of [0.5, 0.9, 0.999]) await expectCorrupt(SAMPLE.subarray(0, Math.floor(SAMPLE.length * keep)), /no end-of-central-directory record/);
    await expectCorrupt(SAMPLE.subarray(0, SAMPLE.length - 5), /no end-of-central-directory record/);
  });

  it('bytes flipped in the central directory', async () => {
    const { central } = entry(SAMPLE, 'word/document.xml');
    const sizes = u8(SAMPLE);
    for (let i = central + 16; i < central + 28; i++) sizes[i]! ^= 0xff; // CRC and both sizes
    await expectCorrupt(sizes, /entry "word\/document\.xml": the central directory says .* its local header/);

    const sig = u8(SAMPLE);
    sig[central]! ^= 0x5a;
    await expectCorrupt(sig, /in the central directory is garbled/);

    const lengths = u8(SAMPLE);
    view(lengths).setUint16(central + 28, 0xfff0, true); // name length
    await expectCorrupt(lengths, /runs past the end of the central directory/);

    const offset = u8(SAMPLE);
    view(offset).setUint32(central + 42, 0x7fffffff, true);
    await expectCorrupt(offset, /is not at offset 2147483647, where the central directory says it is/);

    const usize = u8(SAMPLE);
    view(usize).setUint32(central + 24, 0xfffffff0, true); // a "4 GiB" part: damage, not a bomb
    await expectCorrupt(usize, /4294967280 bytes/);
  });

  it('wrong entry counts and directory offset in the end record', async () => {
    const e = eocd(SAMPLE);
    const more = u8(SAMPLE);
    view(more).setUint16(e + 8, 200, true);
    view(more).setUint16(e + 10, 200, true);
    await expectCorrupt(more, /should list 200 entries but holds only 17/);

    const fewer = u8(SAMPLE);
    view(fewer).setUint16(e + 8, 10, true);
    view(fewer).setUint16(e + 10, 10, true);
    await expectCorrupt(fewer, /holds more than the 10 entries/);

    const garbled = u8(SAMPLE); // more than the entry limit, but only garbled: damage, not a bomb
    view(garbled).setUint16(e + 8, 60000, true);
    view(garbled).setUint16(e + 10, 60000, true);
    await expectCorrupt(garbled, /should list 60000 entries but holds only 17/);

    const disagree = u8(SAMPLE);
    view(disagree).setUint16(e + 8, 16, true);
    await expectCorrupt(disagree, /number of entries/);

    for (const delta of [-100, 37]) {
      const moved = u8(SAMPLE);
      view(moved).setUint32(e + 16, view(moved).getUint32(e + 16, true) + delta, true);
      await expectCorrupt(moved, /central directory/);
    }
  });

  it('declared size or CRC that the data does not match', async () => {
    const { central, local } = entry(SAMPLE, 'word/document.xml');
    const bigger = u8(SAMPLE); // consistent headers, one byte more than the data holds
    const size = view(bigger).getUint32(central + 24, true);
    view(bigger).setUint32(central + 24, size + 1, true);
    view(bigger).setUint32(local + 22, size + 1, true);
    await expectCorrupt(bigger, new RegExp(`word/document\\.xml decompresses to ${size} bytes, not the ${size + 1}`));

    const crc = u8(SAMPLE);
    view(crc).setUint32(central + 16, view(crc).getUint32(central + 16, true) ^ 1, true);
    view(crc).setUint32(local + 14, view(crc).getUint32(local + 14, true) ^ 1, true);
    await expectCorrupt(crc, /word\/document\.xml fails its CRC-32 check/);

    const data = u8(SAMPLE); // the compressed stream itself damaged
    const start = local + 30 + view(data).getUint16(local + 26, true) + view(data).getUint16(local + 28, true);
    for (let i = start + 200; i < start + 260; i++) data[i]! ^= 0xff;
    await expectCorrupt(data, /word\/document\.xml (cannot be decompressed|decompresses to|fails its CRC)/);
  });

  it('data descriptors (sizes after the data) are read, and checked', async () => {
    const chunks: Uint8Array[] = [];
    const zip = new Zip((err, data) => {
      if (err) throw err;
      chunks.push(data);
    });
    for (const [name, data] of Object.entries(PARTS)) {
      const file = new ZipDeflate(name, { level: 6 });
      zip.add(file);
      file.push(data, true);
    }
    zip.end();
    const streamed = new Uint8Array(Buffer.concat(chunks));
    const { central, local } = entry(streamed, 'word/document.xml');
    expect(view(streamed).getUint16(central + 8, true) & 0x8).toBe(0x8);
    const r = await extractDocx(streamed);
    expect(tables(ok(r))).toEqual(await sampleTables());
    expect(codes(r)).toEqual([]);

    const damaged = u8(streamed);
    const compressed = view(damaged).getUint32(central + 20, true);
    const start = local + 30 + view(damaged).getUint16(local + 26, true) + view(damaged).getUint16(local + 28, true);
    expect(view(damaged).getUint32(start + compressed, true)).toBe(0x08074b50);
    view(damaged).setUint32(start + compressed + 12, 12345, true); // its uncompressed size
    await expectCorrupt(damaged, /entry "word\/document\.xml": the sizes in the central directory .* do not match its data descriptor/);
  });

  it('more ZIP entries than the limit, really there: too-large', async () => {
    const files: Zippable = { ...PARTS };
    for (let i = 0; i <= LIMITS.maxZipEntries; i++) files[`customXml/x${i}.bin`] = new Uint8Array(0);
    const r = await extractDocx(zipSync(files));
    expect(r).toMatchObject({ ok: false, error: { code: 'too-large' } });
    if (!r.ok) expect(r.error.message).toMatch(/has 10018 entries, more than the limit of 10000/);
  });

  it('a part whose data inflates far beyond its declared size is stopped at the declared size', async () => {
    const zeros = new Uint8Array(16 * 1024 * 1024);
    const deflated = deflateSync(zeros, { level: 9 });
    const name = strToU8('word/document.xml');
    const local = new Uint8Array(30 + name.length);
    const lv = view(local);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, 8, true);
    lv.setUint32(14, crc32(zeros.subarray(0, 1000)), true);
    lv.setUint32(18, deflated.length, true);
    lv.setUint32(22, 1000, true); // a lie: 1000 bytes
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = view(central);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(10, 8, true);
    cv.setUint32(16, crc32(zeros.subarray(0, 1000)), true);
    cv.setUint32(20, deflated.length, true);
    cv.setUint32(24, 1000, true);
    cv.setUint16(28, name.length, true);
    central.set(name, 46);
    const end = new Uint8Array(22);
    const ev = view(end);
    ev.setUint32(0, 0x06054b50, true);
    ev.setUint16(8, 1, true);
    ev.setUint16(10, 1, true);
    ev.setUint32(12, central.length, true);
    ev.setUint32(16, local.length + deflated.length, true);
    const bytes = new Uint8Array(local.length + deflated.length + central.length + end.length);
    bytes.set(local, 0);
    bytes.set(deflated, local.length);
    bytes.set(central, local.length + deflated.length);
    bytes.set(end, local.length + deflated.length + central.length);
    const t0 = performance.now();
    await expectCorrupt(bytes, /word\/document\.xml decompresses to more than the 1000 bytes/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('a part with a real compression ratio excess is a possible ZIP bomb', async () => {
    // 24 MiB of spaces in one paragraph: honest headers, ratio ~1000:1
    const bytes = withDocument(appendBody(`<w:p><w:r><w:t xml:space="preserve">${' '.repeat(24 * 1024 * 1024)}</w:t></w:r></w:p>`));
    const r = await extractDocx(bytes);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('too-large');
    expect(r.error.message).toMatch(/^The \.docx part word\/document\.xml expands \d+ compressed bytes to \d+ bytes, a compression ratio of \d+:1 .*possible ZIP bomb/);
  });

  it('XML parts that together compress too well are a possible ZIP bomb', async () => {
    // six parts of 5 MiB each: every one below the per-part threshold, together far above it
    const filler = `<?xml version="1.0"?><x>${' '.repeat(5 * 1024 * 1024)}</x>`;
    const changes: Record<string, string> = {};
    for (let i = 1; i <= 6; i++) changes[`customXml/item${i}.xml`] = filler;
    const r = await extractDocx(docxWith(changes));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('too-large');
    expect(r.error.message).toMatch(/^The XML parts of this \.docx together expand .*possible ZIP bomb/);
  });

  it('the declared total above the limit is still a bomb, and the untouched sample still reads', async () => {
    const r = await extractDocx(SAMPLE, { maxUncompressedBytes: 100_000 });
    expect(r).toMatchObject({ ok: false, error: { code: 'too-large' } });
    if (!r.ok) expect(r.error.message).toMatch(/declares \d+ bytes of uncompressed content, more than the limit of 100000 bytes.*possible ZIP bomb/);
    expect((await extractDocx(SAMPLE)).messages).toEqual([]);
  });
});
