/**
 * PDF table layouts that used to lose rows or tables (issue 9): a landscape page, value columns
 * so narrow that the headers wrap, a caption row inside the table, and borderless 2019-layout
 * tables whose long labels wrap around their values (rows after （四）无法提供, §二 政府集中采购)
 * or that break across pages. Focused tests of each fix on hand-made PDFs, and the bundled samples
 * that show each case as LibreOffice prints it (samples/pdf; test/twins.test.ts and
 * test/samples.test.ts compare them field by field).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES, leafPaths } from '../scripts/samples/defs.js';
import { extractPdf } from '../src/extractors/pdf.js';
import type { Cell, DocumentModel, ExtractResult, Table } from '../src/model.js';
import { convertFile } from '../src/pipeline/convert.js';
import { miniPdf, u, Y } from './helpers/mini-pdf.js';

const root = path.resolve(import.meta.dirname, '..');

function ok(r: ExtractResult): DocumentModel {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.document;
}
const tables = (d: DocumentModel): Table[] => d.blocks.filter((b): b is Table => b.kind === 'table');
const paraTexts = (d: DocumentModel): string[] => d.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
/** The value cells (right of the label cell) of the row whose label is exactly `label`. */
function valuesOf(t: Table, label: string): string[] {
  for (const row of t.rows) {
    const cell = row.find((c) => c.text === label);
    if (cell) return row.filter((c) => (c.col ?? 0) > (cell.col ?? 0)).map((c) => c.text);
  }
  throw new Error(`no row labelled ${label}: ${JSON.stringify(t.rows.map((r) => r.map((c: Cell) => c.text)))}`);
}
function get(o: unknown, p: string): unknown {
  return p.split('.').reduce((x, k) => (x as Record<string, unknown> | undefined)?.[k], o);
}

/** CJK text (F2), left edge x, baseline at top-left y. */
const cjk = (x: number, top: number, s: string, size = 10) => `BT /F2 ${size} Tf ${x} ${Y(top)} Td ${u(s)} Tj ET\n`;
/** Numbers centred on the value columns x = 300, 350, 400, … (as LibreOffice centres cell text). */
const nums = (top: number, vs: string[], x0 = 300, step = 50) => vs.map((t, k) => `BT /F1 10 Tf ${x0 + step * k - 2.8 * t.length} ${Y(top)} Td (${t}) Tj ET\n`).join('');

describe('borderless tables whose labels wrap around their values', () => {
  it('keeps the header above a first row whose label, numbered like a section heading, wraps around its values', async () => {
    const content =
      cjk(72, 100, '三、收到和处理政府信息公开申请情况', 16) +
      cjk(320, 130, '申请人情况') +
      cjk(290, 145, '自然人') + cjk(340, 145, '法人') + cjk(390, 145, '总计') +
      // "一、本年新收政府信息公开申请数" / values / "量": the label's lines mirrored about the value line
      cjk(80, 170, '一、本年新收政府信息公开申请数') + nums(177.7, ['441', '255', '696']) + cjk(150, 185.4, '量') +
      cjk(80, 210, '二、上年结转政府信息公开申请数') + nums(217.7, ['5', '14', '19']) + cjk(150, 225.4, '量') +
      cjk(72, 270, '四、政府信息公开行政复议、行政诉讼情况', 16);
    const doc = ok(await extractPdf(miniPdf([{ content }])));
    expect(paraTexts(doc)).toEqual(['三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']);
    const [t] = tables(doc);
    const cells = (t as Table).rows.flat().map((c) => c.text);
    expect(cells).toEqual(expect.arrayContaining(['申请人情况', '自然人', '法人', '总计']));
    expect(valuesOf(t as Table, '一、本年新收政府信息公开申请数量')).toEqual(['441', '255', '696']);
    expect(valuesOf(t as Table, '二、上年结转政府信息公开申请数量')).toEqual(['5', '14', '19']);
  });

  it('gives a line as near one row as the next to the row whose label it mirrors about the value line', async () => {
    // rows 31 pt apart; the middle row's label has three lines 15.5 pt apart, so its first and
    // last lines are exactly halfway between two value lines; "本年" (a group label) shares a line
    const content =
      cjk(140, 300, '（一）予以公开') + nums(300, ['56', '30', '86']) +
      cjk(82, 315.5, '本年') + cjk(120, 315.5, '（二）部分公开（区分处') +
      cjk(120, 331, '理的，只计这一情形，不') + nums(331, ['51', '13', '64']) +
      cjk(145, 346.5, '计其他情形）') +
      cjk(163, 362, '1.属于国家秘密') + nums(362, ['60', '21', '81']);
    const r = await extractPdf(miniPdf([{ content }]));
    const [t] = tables(ok(r));
    expect(valuesOf(t as Table, '（一）予以公开')).toEqual(['56', '30', '86']);
    expect(valuesOf(t as Table, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）')).toEqual(['51', '13', '64']);
    expect(valuesOf(t as Table, '1.属于国家秘密')).toEqual(['60', '21', '81']);
    expect(r.ok && r.messages.some((m) => /left out/.test(m.message))).toBe(false);
  });

  it('reads a row of two values whose label wraps above and below them (政府集中采购), and not a lone pair of numbers', async () => {
    const block = (top: number, caption: string, h1: string, h2: string, l1: string, l2: string, v: [string, string]) =>
      cjk(215, top, caption) +
      cjk(80, top + 20, '信息内容') + cjk(270, top + 20, h1) + cjk(370, top + 20, h2) +
      cjk(80, top + 40, l1) + nums(top + 47.7, v, 300, 100) + cjk(80, top + 55.4, l2);
    const content =
      block(100, '第二十条第（八）项', '上一年项目数量', '本年增/减', '行政事业性', '收费', ['13', '-1']) +
      block(200, '第二十条第（九）项', '采购项目数量', '采购总金额', '政府集中采', '购', ['42', '3675400']) +
      cjk(80, 330, '说明') + nums(345, ['12', '34']);
    const doc = ok(await extractPdf(miniPdf([{ content }])));
    const ts = tables(doc);
    expect(ts).toHaveLength(2);
    expect(valuesOf(ts[0] as Table, '行政事业性收费')).toEqual(['13', '-1']);
    expect(valuesOf(ts[1] as Table, '政府集中采购')).toEqual(['42', '3675400']);
    expect(ts[1]!.rows.flat().map((c) => c.text)).toEqual(expect.arrayContaining(['第二十条第（九）项', '信息内容', '采购项目数量', '采购总金额']));
    // two numbers on a line of their own, no label around them: not a table
    expect(paraTexts(doc)).toContain('12 34');
  });

  it('joins a borderless table broken across pages, the tail of a label cut by the break going to its row', async () => {
    const header = cjk(320, 560, '申请人情况') + cjk(290, 575, '自然人') + cjk(340, 575, '法人') + cjk(390, 575, '总计');
    const page1 =
      cjk(72, 530, '三、收到和处理政府信息公开申请情况', 16) +
      header +
      cjk(82, 600, '（五）') + cjk(130, 600, '3.要求提供公开出版物') + nums(600, ['30', '22', '52']) +
      cjk(82, 620, '不予处') + cjk(130, 630, '4.无正当理由大') + nums(630, ['16', '22', '38']);
    const page2 =
      cjk(150, 80, '量反复申请') +
      cjk(130, 110, '5.要求行政机关确认') + nums(110, ['54', '23', '77']) +
      cjk(130, 140, '（六）其他处理') + nums(140, ['42', '21', '63']) +
      cjk(72, 200, '四、政府信息公开行政复议、行政诉讼情况', 16);
    const r = await extractPdf(miniPdf([{ content: page1 }, { content: page2 }]));
    const doc = ok(r);
    const ts = tables(doc);
    expect(ts).toHaveLength(1);
    const t = ts[0] as Table;
    expect(valuesOf(t, '4.无正当理由大量反复申请')).toEqual(['16', '22', '38']);
    expect(valuesOf(t, '5.要求行政机关确认')).toEqual(['54', '23', '77']); // an item of its own: not a tail
    expect(valuesOf(t, '（六）其他处理')).toEqual(['42', '21', '63']);
    expect(paraTexts(doc)).not.toContain('量反复申请');
    // the rows of page 2 are in the columns of page 1
    const width = (row: Cell[]) => Math.max(...row.map((c) => (c.col ?? 0) + c.colSpan));
    expect(new Set(t.rows.filter((row) => row.some((c) => /^\d+$/.test(c.text))).map(width)).size).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// The bundled samples of each case

const sample = (name: string) => {
  const def = SAMPLES.find((s) => s.name === name);
  if (!def) throw new Error(`no sample ${name}`);
  return def;
};

async function pageSizes(file: string): Promise<Array<[number, number]>> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const out: Array<[number, number]> = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const vp = (await doc.getPage(p)).getViewport({ scale: 1 });
      out.push([Math.round(vp.width), Math.round(vp.height)]);
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

describe.each([
  ['invented-landscape-qinglan-2022'],
  ['invented-narrow-heshan-2023'],
  ['invented-caption-lianhua-2021'],
  ['invented-borderless2019-taoyuan-2019'],
] as const)('sample %s', (name) => {
  it('PDF and DOCX both give exactly the printed values, status ok, no warnings', async () => {
    const def = sample(name);
    for (const file of [`samples/${name}.docx`, `samples/pdf/${name}.pdf`]) {
      const r = await convertFile(path.join(root, file));
      expect(r.status, file).toBe('ok');
      expect(r.warnings.filter((w) => !/^(docx|pdf)\./.test(w.code)), file).toEqual([]);
      expect(r.report.layout, file).toEqual(def.expect.layout);
      for (const p of leafPaths()) expect(get(r, p), `${file} ${p}`).toBe(def.expect.values[p]);
    }
  });
});

describe('the samples print what they are meant to show', () => {
  it('landscape: §三 is printed on landscape pages between portrait ones, and read from them', async () => {
    const file = path.join(root, 'samples/pdf/invented-landscape-qinglan-2022.pdf');
    const sizes = await pageSizes(file);
    expect(sizes.map(([w, h]) => (w > h ? 'L' : 'P'))).toEqual(['P', 'L', 'L', 'P']);
    const r = await convertFile(file);
    const pages = new Set(Object.entries(r.evidence).filter(([k]) => k.startsWith('applications.')).map(([, e]) => e.page));
    expect([...pages].sort()).toEqual([2, 3]);
    expect(r.evidence['reviewLitigation.review.upheld']?.page).toBe(4);
  });

  it('narrow columns: the wrapped §三 and §四 headers are read back whole from the PDF', async () => {
    const doc = ok(await extractPdf(new Uint8Array(readFileSync(path.join(root, 'samples/pdf/invented-narrow-heshan-2023.pdf')))));
    // the header cells of each grid column, top to bottom (a ruling may cut a wrapped header in two)
    const columnHeaders = (t: Table): string[] => {
      const first = t.rows.findIndex((row) => row.some((c) => /^\d+$/.test(c.text.trim())));
      const byCol = new Map<number, string>();
      for (const row of t.rows.slice(0, first))
        for (const c of row) if (c.colSpan === 1) byCol.set(c.col ?? -1, (byCol.get(c.col ?? -1) ?? '') + c.text.replace(/\s+/g, ''));
      return [...byCol.values()];
    };
    const [, app, review] = tables(doc);
    expect(columnHeaders(app as Table)).toEqual(expect.arrayContaining(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']));
    expect(columnHeaders(review as Table)).toEqual(expect.arrayContaining(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']));
  });

  it('caption rows: the first row of §三 and §四 is one cell spanning the table, in the DOCX and the PDF', async () => {
    for (const file of ['samples/invented-caption-lianhua-2021.docx', 'samples/pdf/invented-caption-lianhua-2021.pdf']) {
      const bytes = new Uint8Array(readFileSync(path.join(root, file)));
      const doc = file.endsWith('.pdf')
        ? ok(await extractPdf(bytes))
        : ok(await (await import('../src/extractors/docx.js')).extractDocx(bytes));
      const firsts = tables(doc).map((t) => t.rows[0]!.map((c) => c.text.replace(/\s+/g, '')));
      expect(firsts, file).toContainEqual(['三、收到和处理政府信息公开申请情况']);
      expect(firsts, file).toContainEqual(['表3政府信息公开行政复议、行政诉讼情况单位：件']);
    }
  });

  it('borderless 2019: no ruling lines; §二 ends with 政府集中采购 on page 1, §三 runs over pages 2–3', async () => {
    const r = await convertFile(path.join(root, 'samples/pdf/invented-borderless2019-taoyuan-2019.pdf'));
    expect(r.evidence['activeDisclosure.procurement.amount']).toMatchObject({ page: 1, text: '3675400' });
    expect(r.evidence['applications.notProcessed.excessive.total']?.page).toBe(2);
    expect(r.evidence['applications.notProcessed.confirmation.total']?.page).toBe(3);
    expect(r.evidence['applications.carriedForward.total']?.page).toBe(3);
  });
});
