/**
 * The web-page samples (samples/html/, made by scripts/make-html-samples.ts): each converts to its
 * committed expected JSON byte for byte, and every canonical field of it equals that of the DOCX
 * sample it renders (whose expected JSON was checked by eye against the document).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HTML_SAMPLES } from '../scripts/make-html-samples.js';
import { convertFile, toJson } from '../src/pipeline/convert.js';
import { CanonicalReportSchema, type CanonicalReport } from '../src/schema/canonical.js';

const root = path.resolve(import.meta.dirname, '..');
const read = (p: string): CanonicalReport => JSON.parse(readFileSync(path.join(root, p), 'utf8'));
const fields = (r: CanonicalReport) => ({ ...r, source: null, warnings: r.warnings.map((w) => w.code), evidence: null });

describe.each(HTML_SAMPLES.map((s) => [s.file, s] as const))('web-page sample %s', (file, s) => {
  const expectedFile = `samples/expected/html/${file.replace(/\.[^.]+$/, '')}.json`;

  it('matches its expected JSON byte for byte', async () => {
    const report = await convertFile(path.join(root, 'samples/html', file), { displayPath: `samples/html/${file}` });
    expect(toJson(report)).toBe(readFileSync(path.join(root, expectedFile), 'utf8'));
    expect(CanonicalReportSchema.safeParse(report).success).toBe(true);
    expect(report.source.format).toBe('html');
    expect(report.status).toBe(s.status);
  });

});

describe.each(HTML_SAMPLES.filter((s) => s.twin).map((s) => [s.file, s] as const))('web-page twin %s', (file, s) => {
  const expectedFile = `samples/expected/html/${file.replace(/\.[^.]+$/, '')}.json`;
  it(`gives the canonical fields of samples/${s.docx}.docx`, () => {
    const html = read(expectedFile);
    const docx = read(`samples/expected/${s.docx}.json`);
    expect(fields(html)).toEqual(fields(docx));
    // every number of the three tables, spelled out for the record
    expect(html.applications).toEqual(docx.applications);
    expect(html.activeDisclosure).toEqual(docx.activeDisclosure);
    expect(html.reviewLitigation).toEqual(docx.reviewLitigation);
  });
});

describe('web-page samples that are not (whole) reports', () => {
  const error = (f: string) => read(`samples/expected/html/${f}.json`).error?.message ?? '';
  it('not-a-report records say what the page is and what to do', () => {
    expect(error('not-report-list')).toMatch(/^the page is a list of 4 reports \("某某县人民政府2023年政府信息公开工作年度报告"/);
    expect(error('not-report-attachment')).toBe('the page only links to the report as an attachment: "某某县2022年政府信息公开工作年度报告.pdf" (/files/2023/nb2022.pdf); download that file and convert it');
    expect(error('not-report-redirect')).toContain('redirect shell (JavaScript to /xxgk/nb/2022/t20230120_1.html)');
    expect(error('not-report-404')).toContain('error page ("404页面不存在")');
    for (const f of ['not-report-list', 'not-report-attachment', 'not-report-redirect', 'not-report-404']) {
      const r = read(`samples/expected/html/${f}.json`);
      expect(r.report.year).toBeNull();
      expect(r.applications.newReceived.total).toBeNull();
    }
  });

  it('the cut-off page keeps the complete rows and nothing of the half row (38 and the "1" of 17 were printed)', () => {
    const cut = read('samples/expected/html/cut-off-yunxi-2023.json');
    const docx = read('samples/expected/invented-2021-clean-yunxi-2023.json');
    expect(cut.warnings[0]!.code).toBe('row-missing');
    expect(cut.warnings[0]!.message).toMatch(/^the page ends inside a table/);
    expect(cut.report).toEqual({ ...docx.report, publishedDate: null, layout: { activeDisclosure: '2021', applications: null } });
    expect(cut.activeDisclosure).toEqual(docx.activeDisclosure);
    const a = cut.applications;
    const d = docx.applications;
    // complete rows: exactly as printed
    for (const k of ['newReceived', 'carriedOver', 'granted', 'partiallyGranted'] as const) expect(a[k]).toEqual(d[k]);
    expect(a.denied).toEqual(d.denied);
    expect(a.unableToProvide).toEqual(d.unableToProvide);
    expect(a.notProcessed.petition).toEqual({ naturalPerson: 24, commercial: 30, research: 8, socialWelfare: 5, legalService: 4, otherOrg: 7, total: 78 });
    // the half row and everything after it: null
    for (const k of ['duplicate', 'publication', 'excessive', 'confirmation'] as const) expect(Object.values(a.notProcessed[k]).every((v) => v === null)).toBe(true);
    expect(Object.values(a.totalHandled).every((v) => v === null)).toBe(true);
    expect(Object.values(a.carriedForward).every((v) => v === null)).toBe(true);
    expect(Object.values(cut.reviewLitigation.review).every((v) => v === null)).toBe(true);
  });
});

describe('a web page with §三 split into two <table> elements, the header repeated', () => {
  it('gives the canonical fields of the unsplit DOCX (joined by the normalizer)', async () => {
    const { extractDocx } = await import('../src/extractors/docx.js');
    const { convertBytes } = await import('../src/pipeline/convert.js');
    const { encodePage, renderPage } = await import('./helpers/html-pages.js');
    const name = 'invented-2021-clean-yunxi-2023';
    const r = await extractDocx(readFileSync(path.join(root, 'samples', `${name}.docx`)));
    if (!r.ok) throw new Error(r.error.message);
    const blocks = [...r.document.blocks];
    const i = blocks.findIndex((b) => b.kind === 'table' && b.rows.some((row) => row.some((c) => c.text.includes('本年新收政府信息公开申请数量'))));
    const table = blocks[i] as import('../src/model.js').Table;
    // the header: rows down to the one naming 商业企业; cut in the middle of the body, as a page
    // break does: merged group labels end at the cut and are not repeated below it
    const header = table.rows.findIndex((row) => row.some((c) => c.text.includes('商业企业'))) + 1;
    const cut = header + Math.floor((table.rows.length - header) / 2);
    const first = { ...table, rows: table.rows.slice(0, cut).map((row, y) => row.map((c) => ({ ...c, rowSpan: Math.min(c.rowSpan, cut - y) }))) };
    const second = { ...table, rows: [...table.rows.slice(0, header), ...table.rows.slice(cut)] };
    blocks.splice(i, 1, first, { kind: 'paragraph', text: '（续表）', headingLevel: null, page: null, role: 'body' } as const, second);
    const page = await convertBytes(encodePage(renderPage(blocks, 'cms', { declare: 'utf-8' }), 'utf-8'), 'split.html');
    const docx = read(`samples/expected/${name}.json`);
    expect(page.applications).toEqual(docx.applications);
    expect(page.checks).toEqual(docx.checks);
    expect(page.status).toBe(docx.status);
  });
});
