/**
 * PDF table cases that lost values (issue 9, second round), each on a script-generated sample
 * whose canonical fields are compared with its base sample's expected JSON field by field:
 *
 *  1. tables printed by a browser with CSS border:0 (test/helpers/browser-pdf.ts 'borderless'):
 *     text centred in cells, labels and header words wrapped in their cells, cells apart by their
 *     padding only, header rows repeated on the next page;
 *  2. a ruled frame around the body or around the tables (a Word layout table WITH borders,
 *     printed by LibreOffice) whose sides the report tables share: the frame is layout, the
 *     tables nested in it are the report tables (samples/bordered-*.docx and their PDF twins);
 *  3. a table broken right after its header row at the foot of a page (split-header-qinghe-2020);
 *  4. §四 broken inside its last header row, the wrapped 计 of 总计 alone on the next page
 *     (split-total-songlin-2022).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonical, differences } from '../scripts/samples/layouts/compare.js';
import { SAMPLES } from '../scripts/samples/defs.js';
import { extractDocx } from '../src/extractors/docx.js';
import { extractPdf } from '../src/extractors/pdf.js';
import { joinTables, splitSkeleton, textRows, type GridCell, type PageTable, type Skeleton } from '../src/extractors/pdf-tables.js';
import type { Block, Table } from '../src/model.js';
import { convertBytes, convertFile } from '../src/pipeline/convert.js';
import type { CanonicalReport } from '../src/schema/canonical.js';
import { browserPdf, VARIANTS } from './helpers/browser-pdf.js';

const root = path.resolve(import.meta.dirname, '..');
const read = (p: string): CanonicalReport => JSON.parse(readFileSync(path.join(root, p), 'utf8'));
const same = (r: CanonicalReport, base: CanonicalReport) =>
  differences(canonical(r, { squashText: true, ignoreFormatWarnings: true }), canonical(base, { squashText: true, ignoreFormatWarnings: true }));

function numbersOf(r: CanonicalReport): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (v: unknown, p: string) => {
    if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${p}.${k}`);
    else out.set(p, v);
  };
  walk(r.activeDisclosure, 'activeDisclosure');
  walk(r.applications, 'applications');
  walk(r.reviewLitigation, 'reviewLitigation');
  return out;
}

const cell = (r0: number, c0: number, text: string, r1 = r0 + 1, c1 = c0 + 1): GridCell => ({ r0, r1, c0, c1, text, page: 1, openTop: false, openBottom: false });

describe('1. browser prints with CSS border:0', () => {
  it('every sample: the DOCX numbers or null, never another; at least 3,500 of the 3,876 fields equal (1,535 before this change)', async () => {
    let read = 0;
    let total = 0;
    for (const s of SAMPLES) {
      const d = await extractDocx(readFileSync(path.join(root, 'samples', `${s.name}.docx`)));
      if (!d.ok) throw new Error(d.error.message);
      const pdf = await convertBytes(browserPdf(d.document.blocks, VARIANTS.borderless), `borderless-${s.name}.pdf`);
      const docx = read_(s.name);
      const got = numbersOf(pdf);
      const short = docx.warnings.filter((w) => w.code === 'row-short').map((w) => w.path ?? '');
      for (const [p, want] of numbersOf(docx)) {
        total++;
        const v = got.get(p) ?? null;
        if (v === want) read++;
        // (a DOCX row with fewer cells than columns is null in the DOCX; its print is read)
        else if (v !== null && !(want === null && short.some((x) => p.startsWith(`${x}.`)))) expect.fail(`${s.name} ${p}: PDF ${String(v)}, DOCX ${String(want)}`);
      }
    }
    expect(total).toBe(17 * 228);
    expect(read).toBeGreaterThanOrEqual(3500);
  }, 60_000);

  it('a line of numbers in the bottom margin zone is a table row, not page numbers', async () => {
    // songlin: the last row of §三 on page 2 sits in the bottom 8 % of the page ("19 5 3 1 8 9 45")
    const d = await extractDocx(readFileSync(path.join(root, 'samples/invented-pagebreak-songlin-2022.docx')));
    if (!d.ok) throw new Error(d.error.message);
    const r = await extractPdf(browserPdf(d.document.blocks, VARIANTS.borderless));
    if (!r.ok) throw new Error(r.error.message);
    const rows = r.document.blocks.filter((b): b is Table => b.kind === 'table').flatMap((t) => t.rows.map((row) => row.map((c) => c.text)));
    expect(rows).toContainEqual(expect.arrayContaining(['19', '5', '3', '1', '8', '9', '45']));
  });

  it('the borderless sample is an exact twin of its DOCX (status ok)', () => {
    const pdf = read('samples/expected/browser-pdf/browser-borderless-linjiang-2020.json');
    expect(pdf.status).toBe('ok');
    expect(same(pdf, read('samples/expected/invented-borderless-linjiang-2020.json'))).toEqual([]);
  });
});

const read_ = (name: string): CanonicalReport => read(`samples/expected/${name}.json`);

describe('2. a ruled frame around the body or the tables', () => {
  const BORDERED: [string, string][] = [
    ['bordered-nested-each-yunxi-2023', 'invented-2021-clean-yunxi-2023'],
    ['bordered-nested-all-qinghe-2020', 'invented-2019-clean-qinghe-2020'],
    ['bordered-body-cell-lushaer-2022', 'seed-000-lushaer-2022'],
    ['bordered-body-2col-zhegou-2022', 'seed-003-zhegou-2022'],
  ];
  it.each(BORDERED)('%s: the PDF gives every canonical field of %s', async (name, base) => {
    const pdf = await convertFile(path.join(root, 'samples/pdf', `${name}.pdf`));
    expect(same(pdf, read_(base))).toEqual([]);
    expect(pdf.activeDisclosure).toEqual(read_(base).activeDisclosure);
    expect(pdf.applications).toEqual(read_(base).applications);
    expect(pdf.reviewLitigation).toEqual(read_(base).reviewLitigation);
  });

  it('the frame is layout: its text rows are read as paragraphs, the tables between them as tables', async () => {
    const r = await extractPdf(new Uint8Array(readFileSync(path.join(root, 'samples/pdf/bordered-nested-all-qinghe-2020.pdf'))));
    if (!r.ok) throw new Error(r.error.message);
    const blocks: Block[] = r.document.blocks;
    const heading = blocks.findIndex((b) => b.kind === 'paragraph' && b.text.replace(/\s+/g, '') === '三、收到和处理政府信息公开申请情况');
    expect(heading).toBeGreaterThan(0);
    expect(blocks[heading - 1]?.kind).toBe('table');
    expect(blocks[heading + 1]?.kind).toBe('table');
  });

  it('textRows / splitSkeleton: a full-width cell of running text cuts the grid; a centred caption in the first row does not', () => {
    const t: PageTable = {
      page: 1,
      xs: [0, 100, 200],
      ys: [0, 10, 20, 30, 40],
      cells: [cell(0, 0, '三、收到和处理政府信息公开申请情况', 1, 2), cell(1, 0, '信息内容'), cell(1, 1, '数量'), cell(2, 0, '二、主动公开政府信息情况', 3, 2), cell(3, 0, '行政许可'), cell(3, 1, '12')],
      box: { x0: 0, y0: 0, x1: 200, y1: 40 },
      borderless: false,
    };
    expect(textRows(t)).toEqual([2]);
    expect(textRows(t, () => false)).toEqual([0, 2]);
    const sk: Skeleton = { xs: t.xs, ys: t.ys, cells: t.cells.map((c) => ({ ...c, text: '' })), box: t.box, owner: [], nonRect: false };
    const parts = splitSkeleton(sk, [2], () => false);
    expect(parts.map((p) => p.ys)).toEqual([
      [0, 10, 20],
      [30, 40],
    ]);
    expect(parts[1]?.cells.map((c) => [c.r0, c.c0])).toEqual([
      [0, 0],
      [0, 1],
    ]);
  });
});

describe('3. a table broken right after its header row', () => {
  it('split-header-qinghe-2020: the (六) header row alone at the foot of page 2 joins its rows on page 3', async () => {
    const text = readFileSync(path.join(root, 'samples/pdf/split-header-qinghe-2020.pdf'));
    const pdf = await convertBytes(new Uint8Array(text), 'split-header-qinghe-2020.pdf');
    const base = read_('invented-2019-clean-qinghe-2020');
    expect(same(pdf, base)).toEqual([]);
    expect(pdf.activeDisclosure.penalty).toEqual(base.activeDisclosure.penalty);
    expect(pdf.activeDisclosure.coercion).toEqual(base.activeDisclosure.coercion);
    expect(pdf.evidence['activeDisclosure.penalty.decisions']?.page).toBe(3);
    expect(pdf.warnings.map((w) => w.code)).not.toContain('table-duplicate');
  });
});

describe('4. §四 broken inside its last header row', () => {
  it('split-total-songlin-2022: the 计 of 总计 alone on the next page is the end of its header cell', async () => {
    const pdf = await convertFile(path.join(root, 'samples/pdf/split-total-songlin-2022.pdf'));
    const base = read_('invented-pagebreak-songlin-2022');
    expect(same(pdf, base)).toEqual([]);
    expect(pdf.reviewLitigation).toEqual(base.reviewLitigation);
    expect(pdf.warnings.map((w) => w.code)).not.toContain('header-unrecognized');
  });

  it('joinTables: a header row cut in one column joins, a second header row of other columns does not', () => {
    const part = (cells: GridCell[], rows: number): PageTable => ({
      page: 1,
      xs: [0, 50, 100, 150],
      ys: Array.from({ length: rows + 1 }, (_, k) => k * 10),
      cells,
      box: { x0: 0, y0: 0, x1: 150, y1: rows * 10 },
      borderless: false,
    });
    const a = part([cell(0, 0, '行政复议', 1, 3), cell(1, 0, '维持'), cell(1, 1, '纠正'), cell(1, 2, '总')], 2);
    const b = part([cell(0, 0, ''), cell(0, 1, ''), cell(0, 2, '计'), cell(1, 0, '3'), cell(1, 1, '1'), cell(1, 2, '4')], 2);
    const j = joinTables(a, b);
    expect(j.ys.length - 1).toBe(3);
    expect(j.cells.find((c) => c.c0 === 2 && c.r0 === 1)?.text).toBe('总计');
    // a second header row whose words sit under one group header: not joined into it
    const a2 = part([cell(0, 0, '申请人'), cell(0, 1, '法人或其他组织', 1, 3)], 1);
    const b2 = part([cell(0, 0, ''), cell(0, 1, '商业企业'), cell(0, 2, '科研机构'), cell(1, 0, '3'), cell(1, 1, '1'), cell(1, 2, '4')], 2);
    const j2 = joinTables(a2, b2);
    expect(j2.cells.some((c) => c.text === '商业企业')).toBe(true);
    expect(j2.ys.length - 1).toBe(3);
  });
});
