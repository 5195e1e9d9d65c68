/**
 * The layout samples (samples/layout-*.docx, made by scripts/make-layout-samples.ts from bundled
 * samples): real-world Word layouts that hide or split the report's tables (issue 9). Each one
 *  - is what the script builds (byte for byte) and really has the construct it is about,
 *  - converts byte for byte to its committed expected JSON,
 *  - gives every canonical field of its base sample (whose expected JSON was checked by eye),
 *    warning codes included: none of the variants changes a printed value,
 *  - and its LibreOffice PDF twin (samples/pdf/, committed; no soffice needed) gives the same
 *    canonical fields as the DOCX, compared as test/twins.test.ts compares twins.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildVariant } from '../scripts/make-layout-samples.js';
import { canonical, differences } from '../scripts/samples/layouts/compare.js';
import { LAYOUT_VARIANTS } from '../scripts/samples/layouts/variants.js';
import { extractDocx } from '../src/extractors/docx.js';
import { convertFile, toJson } from '../src/pipeline/convert.js';
import { CanonicalReportSchema, type CanonicalReport } from '../src/schema/canonical.js';

const root = path.resolve(import.meta.dirname, '..');
const read = (p: string): CanonicalReport => JSON.parse(readFileSync(path.join(root, p), 'utf8'));
const squash = (s: string) => s.replace(/\s+/g, '');

/** The fields twins must share (test/twins.test.ts): texts without whitespace, format notes aside. */
function twinFields(r: CanonicalReport) {
  return {
    ...canonical(r, { squashText: true, ignoreFormatWarnings: true }),
    evidence: Object.fromEntries(Object.entries(r.evidence).map(([k, e]) => [k, squash(e.text)])),
  };
}

const docxXml = (name: string): string => strFromU8(unzipSync(readFileSync(path.join(root, 'samples', `${name}.docx`)))['word/document.xml'] as Uint8Array);

describe.each(LAYOUT_VARIANTS.map((v) => [v.name, v] as const))('layout sample %s', (name, v) => {
  const file = `samples/${name}.docx`;
  const expectedFile = `samples/expected/${name}.json`;

  it('is what scripts/make-layout-samples.ts builds', () => {
    const { docx } = buildVariant(v);
    expect(Buffer.compare(Buffer.from(docx), readFileSync(path.join(root, file))), `${file} is stale: run npx tsx scripts/make-layout-samples.ts`).toBe(0);
  });

  it('converts byte for byte to its expected JSON, with every canonical field of its base sample', async () => {
    const report = await convertFile(path.join(root, file), { displayPath: file });
    expect(toJson(report)).toBe(readFileSync(path.join(root, expectedFile), 'utf8'));
    expect(CanonicalReportSchema.safeParse(report).success).toBe(true);
    const base = read(`samples/expected/${v.base}.json`);
    expect(Object.keys(v.intendedDifferences)).toEqual([]);
    expect(differences(canonical(report), canonical(base))).toEqual([]);
    // spelled out: the three tables, every number
    expect(report.activeDisclosure).toEqual(base.activeDisclosure);
    expect(report.applications).toEqual(base.applications);
    expect(report.reviewLitigation).toEqual(base.reviewLitigation);
    expect(report.warnings.map((w) => w.code)).toEqual(base.warnings.map((w) => w.code));
  });

  it('its PDF twin gives the same canonical fields as the DOCX', async () => {
    const fromDocx = read(expectedFile);
    const fromPdf = await convertFile(path.join(root, 'samples/pdf', `${name}.pdf`));
    expect(fromPdf.source.format).toBe('pdf');
    expect(differences(twinFields(fromPdf), twinFields(fromDocx))).toEqual([]);
  });
});

describe('the layout samples have the constructs they are about', () => {
  const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

  it('case 1: report tables nested in one-cell layout tables (each alone; all three in one cell)', () => {
    const each = docxXml('layout-nested-each-yunxi-2023');
    const body = each.slice(each.indexOf('<w:body>'));
    // three layout tables at the top level, each holding one report table
    expect(count(body, /<w:tbl>/g)).toBe(6);
    expect(body.startsWith('<w:body><w:p>')).toBe(true);
    const all = docxXml('layout-nested-all-qinghe-2020');
    const cell = all.slice(all.indexOf('<w:tc>'), all.lastIndexOf('</w:tc>'));
    expect(count(cell, /<w:tbl>/g)).toBe(3);
    expect(cell).toContain('三、收到和处理政府信息公开申请情况');
  });

  it('case 2: the whole body in one cell (1×1; right cell of two columns)', async () => {
    for (const [name, cells] of [['layout-body-cell-lushaer-2022', 1], ['layout-body-2col-zhegou-2022', 2]] as const) {
      const xml = docxXml(name);
      const body = xml.slice(xml.indexOf('<w:body>') + 8, xml.indexOf('<w:sectPr'));
      expect(body.startsWith('<w:tbl>') && body.endsWith('</w:tbl>'), name).toBe(true);
      expect(count(body.slice(0, body.indexOf('</w:tr>') + 7).replace(/<w:tbl>.*<\/w:tbl>/s, ''), /<w:tc>/g), name).toBeGreaterThanOrEqual(cells);
      // the extractor reads the title and the headings as body paragraphs, and 3 tables
      const r = await extractDocx(readFileSync(path.join(root, 'samples', `${name}.docx`)));
      expect(r.ok && r.document.blocks.filter((b) => b.kind === 'table')).toHaveLength(3);
    }
  });

  it('case 3: §三 in two tables on two pages, the second repeating the header rows', async () => {
    const r = await extractDocx(readFileSync(path.join(root, 'samples/layout-split-songlin-2022.docx')));
    const ts = r.ok ? r.document.blocks.filter((b) => b.kind === 'table') : [];
    expect(ts).toHaveLength(4);
    const [a, b] = [ts[1], ts[2]];
    expect(a?.kind === 'table' && a.rows[0]?.[0]?.text).toContain('本列数据的勾稽关系');
    expect(b?.kind === 'table' && b.rows[0]?.[0]?.text).toContain('本列数据的勾稽关系');
    expect(b?.kind === 'table' && b.rows[3]?.map((c) => c.text).join('|')).toMatch(/^\|\|3\.危及/);
    const pdf = read('samples/expected/layout-split-songlin-2022.json');
    expect(pdf.applications.denied.endangersSafety.total).toBe(68);
  });

  it('case 4: §二 as four (2021) and five (2019) small tables with captions between them', async () => {
    for (const [name, n] of [['layout-captions-nanchuan-2022', 4], ['layout-captions-qinghe-2020', 5]] as const) {
      const r = await extractDocx(readFileSync(path.join(root, 'samples', `${name}.docx`)));
      const blocks = r.ok ? r.document.blocks : [];
      const captions = blocks.filter((b) => b.kind === 'paragraph' && /^第二十条第（.）项$/.test(b.text));
      expect(captions, name).toHaveLength(n);
      expect(blocks.filter((b) => b.kind === 'table'), name).toHaveLength(n + 2);
    }
  });

  it('case 5: the title in a text box is read once; tracked changes give the accepted text', async () => {
    const xml = docxXml('layout-textbox-revisions-jinchuan-2023');
    expect(count(xml, /金川区人民政府2023年政府信息公开工作年度报告/g)).toBe(2); // wps:txbx and v:textbox
    expect(xml).toMatch(/<mc:Choice Requires="wps">.*<wps:txbx>.*<mc:Fallback>.*<v:textbox/s);
    expect(xml).toContain('<w:delText xml:space="preserve">1207</w:delText>');
    expect(xml).toMatch(/<w:trPr><w:del /);
    const r = await extractDocx(readFileSync(path.join(root, 'samples/layout-textbox-revisions-jinchuan-2023.docx')));
    const texts = r.ok ? r.document.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.rows.flat().map((c) => c.text).join('|'))) : [];
    expect(texts.filter((t) => t.includes('2023年政府信息公开工作年度报告'))).toHaveLength(1);
    expect(texts.join('\n')).not.toMatch(/1207|\|629\|/);
    for (const f of ['samples/expected/layout-textbox-revisions-jinchuan-2023.json']) {
      const j = read(f);
      expect(j.report.title).toBe('金川区人民政府2023年政府信息公开工作年度报告');
      expect(j.sections.overview?.text).toContain('全年新收政府信息公开申请1270件');
    }
  });

  it('case 5: fields (hyperlinks, PAGE, =SUM(LEFT)) give their results and content controls keep the grid', async () => {
    const xml = docxXml('layout-fields-sdt-yunxi-2023');
    expect(count(xml, /=SUM\(LEFT\)/g)).toBeGreaterThanOrEqual(20);
    expect(xml).toContain('<w:fldSimple w:instr=" =SUM(LEFT) ">');
    expect(xml).toContain('HYPERLINK');
    expect(xml).toMatch(/<w:sdtContent><w:tbl>/);
    expect(xml).toMatch(/<w:sdtContent><w:tr>/);
    expect(xml).toMatch(/<w:sdtContent><w:tc>/);
    const json = readFileSync(path.join(root, 'samples/expected/layout-fields-sdt-yunxi-2023.json'), 'utf8');
    expect(json).not.toMatch(/SUM|HYPERLINK|PAGE|— \d+ —|第 \d+ 页/);
  });
});
