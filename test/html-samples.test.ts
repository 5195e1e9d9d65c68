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
  });

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
