import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractPdf } from '../src/extractors/pdf.js';
import type { Cell, DocumentModel, ExtractResult, Paragraph, Table } from '../src/model.js';
import { bar, cjk, latin, line, miniPdf, rot, vcjk, Y } from './helpers/mini-pdf.js';

// ---------------------------------------------------------------------------------------------
// helpers

function ok(r: ExtractResult): DocumentModel {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.document;
}

const tables = (d: DocumentModel): Table[] => d.blocks.filter((b): b is Table => b.kind === 'table');
const paras = (d: DocumentModel): Paragraph[] => d.blocks.filter((b): b is Paragraph => b.kind === 'paragraph');
const brief = (c: Cell) => ({ text: c.text, rowSpan: c.rowSpan, colSpan: c.colSpan, col: c.col });
const texts = (row: Cell[] | undefined) => (row ?? []).map((c) => c.text);
/** Grid width of a table (max col + colSpan). */
const width = (t: Table) => Math.max(...t.rows.flat().map((c) => (c.col ?? 0) + c.colSpan));
/** The row whose cell text is exactly `label`, and the label cell. */
function rowOf(t: Table, label: string): { row: Cell[]; cell: Cell; index: number } {
  for (let i = 0; i < t.rows.length; i++) {
    const row = t.rows[i] as Cell[];
    const cell = row.find((c) => c.text === label);
    if (cell) return { row, cell, index: i };
  }
  throw new Error(`no row labelled ${label}: ${JSON.stringify(t.rows.map(texts))}`);
}
/** The value cells of a row: those right of the label cell. */
const valuesOf = (t: Table, label: string) => {
  const { row, cell } = rowOf(t, label);
  return row.filter((c) => (c.col ?? 0) > (cell.col ?? 0)).map((c) => c.text);
};
const allCells = (d: DocumentModel) => tables(d).flatMap((t) => t.rows.flat());
const PAGE_NUMBER = /^\s*[-—–－]\s*\d+\s*[-—–－]\s*$|^第\s*\d+\s*页/;
const CJK_SPACE_CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]\s+[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/u;

// content helpers (cjk, latin, line, bar, …): test/helpers/mini-pdf.ts

/**
 * 4 rows × 3 columns at x = 100/250/350/450, rows 30 pt high from `top`:
 *   项目 | 自然人 | 法人
 *   三、结果 (rowSpan 2) | 21 | 3
 *                        | 5  | 6
 *   合计 | 35 (colSpan 2)
 */
function smallTable(draw: (x0: number, t0: number, x1: number, t1: number) => string, top = 200): string {
  const y = [0, 30, 60, 90, 120].map((d) => top + d) as [number, number, number, number, number];
  let c = draw(100, y[0], 450, y[0]) + draw(100, y[1], 450, y[1]) + draw(250, y[2], 450, y[2]) + draw(100, y[3], 450, y[3]) + draw(100, y[4], 450, y[4]);
  c += draw(100, y[0], 100, y[4]) + draw(250, y[0], 250, y[4]) + draw(350, y[0], 350, y[3]) + draw(450, y[0], 450, y[4]);
  c += cjk(110, y[0] + 20, '项目') + cjk(260, y[0] + 20, '自然人') + cjk(360, y[0] + 20, '法人');
  c += cjk(110, y[1] + 35, '三、结果') + latin(260, y[1] + 20, '21') + latin(360, y[1] + 20, '3');
  c += latin(260, y[2] + 20, '5') + latin(360, y[2] + 20, '6');
  c += cjk(110, y[3] + 20, '合计') + latin(300, y[3] + 20, '35');
  return c;
}

const SMALL_TABLE_ROWS = [
  [{ text: '项目', rowSpan: 1, colSpan: 1, col: 0 }, { text: '自然人', rowSpan: 1, colSpan: 1, col: 1 }, { text: '法人', rowSpan: 1, colSpan: 1, col: 2 }],
  [{ text: '三、结果', rowSpan: 2, colSpan: 1, col: 0 }, { text: '21', rowSpan: 1, colSpan: 1, col: 1 }, { text: '3', rowSpan: 1, colSpan: 1, col: 2 }],
  [{ text: '5', rowSpan: 1, colSpan: 1, col: 1 }, { text: '6', rowSpan: 1, colSpan: 1, col: 2 }],
  [{ text: '合计', rowSpan: 1, colSpan: 1, col: 0 }, { text: '35', rowSpan: 1, colSpan: 2, col: 1 }],
];

// ---------------------------------------------------------------------------------------------
// synthetic files

describe('extractPdf: synthetic files', () => {
  it('reads a table drawn with stroked lines, with row and column spans', async () => {
    const content = cjk(72, 100, '一、总体情况', 16) + smallTable(line) + latin(290, 815, '- 1 -');
    const doc = ok(await extractPdf(miniPdf([{ content }], { producer: 'LibreOffice 7.4' })));
    expect(doc.format).toBe('pdf');
    expect(doc.pages).toBe(1);
    expect(doc.producer).toBe('LibreOffice 7.4');
    expect(paras(doc).map((p) => p.text)).toEqual(['一、总体情况']);
    const [t] = tables(doc);
    expect(t?.page).toBe(1);
    expect(t?.rows.map((r) => r.map(brief))).toEqual(SMALL_TABLE_ROWS);
    expect(t?.rows.flat().every((c) => c.page === 1)).toBe(true);
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table']);
  });

  it('reads a WPS-style table whose borders are thin filled rectangles, ignoring white and shaded cell fills', async () => {
    const fills = '1 1 1 rg 100 522 350 120 re f 0.78 0.85 0.95 rg 100.3 612 349.4 29.7 re f 0 0 0 rg\n';
    const doc = ok(await extractPdf(miniPdf([{ content: fills + smallTable(bar) }])));
    expect(tables(doc)).toHaveLength(1);
    expect(tables(doc)[0]?.rows.map((r) => r.map(brief))).toEqual(SMALL_TABLE_ROWS);
  });

  it('never cuts a number that overflows a cell border; text crossing a border is split by character', async () => {
    const content =
      line(100, 200, 400, 200) + line(100, 230, 400, 230) + line(100, 260, 400, 260) +
      line(100, 200, 100, 260) + line(250, 200, 250, 260) + line(400, 200, 400, 260) +
      cjk(110, 220, '行政处罚') + latin(240, 220, '12345') + // 240–268: the digits straddle x = 250
      cjk(210, 250, '行政强制本年数量'); // 210–290: 行政强制 left of 250, 本年数量 right of it
    const [t] = tables(ok(await extractPdf(miniPdf([{ content }]))));
    expect(t?.rows.map(texts)).toEqual([
      ['行政处罚', '12345'],
      ['行政强制', '本年数量'],
    ]);
  });

  it('collapses double borders and cell-by-cell rectangles into one grid', async () => {
    // outer border doubled 3 pt apart, every cell also stroked as its own rectangle
    const rect = (x0: number, t0: number, x1: number, t1: number) => `${x0} ${Y(t1)} ${x1 - x0} ${t1 - t0} re S\n`;
    let content = rect(97, 197, 453, 263) + rect(100, 200, 450, 260);
    for (const [x0, x1] of [[100, 250], [250, 450]] as const) for (const [t0, t1] of [[200, 230], [230, 260]] as const) content += rect(x0, t0, x1, t1);
    content += cjk(110, 220, '规章') + latin(260, 220, '1') + cjk(110, 250, '行政规范性文件') + latin(260, 250, '8');
    const [t, ...rest] = tables(ok(await extractPdf(miniPdf([{ content }]))));
    expect(rest).toHaveLength(0);
    expect(t?.rows.map((r) => r.map(brief))).toEqual([
      [{ text: '规章', rowSpan: 1, colSpan: 1, col: 0 }, { text: '1', rowSpan: 1, colSpan: 1, col: 1 }],
      [{ text: '行政规范性文件', rowSpan: 1, colSpan: 1, col: 0 }, { text: '8', rowSpan: 1, colSpan: 1, col: 1 }],
    ]);
  });

  it('takes Producer, else Creator, as the producer', async () => {
    expect(ok(await extractPdf(miniPdf([{ content: cjk(72, 100, '正文') }], { creator: ' WPS 文字 ' }))).producer).toBe('WPS 文字');
    expect(ok(await extractPdf(miniPdf([{ content: cjk(72, 100, '正文') }], { creator: 'A', producer: 'B' }))).producer).toBe('B');
    expect(ok(await extractPdf(miniPdf([{ content: cjk(72, 100, '正文') }]))).producer).toBeNull();
  });

  it('joins wrapped lines into paragraphs and keeps headings and indented paragraphs apart', async () => {
    const full = '政府信息公开工作年度报告正文内容测试政府信息公开工作年度报告正文内容测试政府信息公开工作年度报告正文';
    const l1 = full.slice(0, 43);
    const l2 = full.slice(0, 45);
    const content =
      cjk(92, 100, '一、总体情况') + // short heading line, indented
      cjk(92, 120, l1) + // first line of a paragraph: indented, reaches the right margin
      cjk(72, 140, l2) + // full line
      cjk(72, 160, '短的最后一行。') + // short last line
      cjk(92, 180, l1) + // a new indented paragraph
      cjk(72, 200, '结束。');
    const doc = ok(await extractPdf(miniPdf([{ content }])));
    expect(paras(doc).map((p) => p.text)).toEqual(['一、总体情况', l1 + l2 + '短的最后一行。', l1 + '结束。']);
  });

  it('removes spurious spaces between CJK characters and maps Kangxi radicals to ideographs', async () => {
    const content = cjk(72, 100, '号 ， 邮 编 ：') + latin(165, 100, '223100') + cjk(72, 130, '\u2F8F政 公 开') + latin(72, 160, 'hzzwgk@126.com  Tel 0517');
    const texts = paras(ok(await extractPdf(miniPdf([{ content }])))).map((p) => p.text);
    expect(texts).toEqual(['号，邮编：223100', '行政公开', 'hzzwgk@126.com Tel 0517']);
  });

  it('removes page numbers in the margins, also inside a table, and keeps running heads once as header', async () => {
    const table =
      line(100, 700, 450, 700) + line(100, 730, 450, 730) + line(100, 830, 450, 830) +
      line(100, 700, 100, 830) + line(250, 700, 250, 830) + line(450, 700, 450, 830) +
      cjk(110, 720, '项目') + cjk(260, 720, '数量') + cjk(110, 760, '行政许可') + latin(260, 760, '2') + latin(280, 812, '- 1 -');
    const page = (n: number) => cjk(72, 40, '某某市人民政府信息公开年报') + cjk(72, 100, `第${n}页正文`) + cjk(280, 825, `第 ${n} 页 共 2 页`);
    const doc = ok(await extractPdf(miniPdf([{ content: page(1) + table }, { content: page(2) + latin(290, 820, '2') }])));
    const header = doc.blocks.filter((b): b is Paragraph => b.kind === 'paragraph' && b.role === 'header');
    expect(header.map((h) => [h.text, h.page])).toEqual([['某某市人民政府信息公开年报', 1]]);
    expect(paras(doc).filter((p) => p.role === 'body').map((p) => p.text)).toEqual(['第1页正文', '第2页正文']);
    const [t] = tables(doc);
    expect(t?.rows.map(texts)).toEqual([['项目', '数量'], ['行政许可', '2']]);
    for (const c of allCells(doc)) expect(c.text).not.toMatch(/-\s*1\s*-/);
  });

  it('reads vertical-writing (Identity-V) text in a merged cell in order, and rotated text bottom to top', async () => {
    const content =
      line(100, 200, 400, 200) + line(150, 250, 400, 250) + line(100, 300, 400, 300) +
      line(100, 200, 100, 300) + line(150, 200, 150, 300) + line(300, 200, 300, 300) + line(400, 200, 400, 300) +
      vcjk(125, 205, '三、本年度办理结果') + cjk(160, 230, '（一）予以公开') + latin(310, 230, '7') + cjk(160, 280, '（二）部分公开') + rot(340, 295, '竖排文字');
    const [t] = tables(ok(await extractPdf(miniPdf([{ content }]))));
    expect(t?.rows.map((r) => r.map(brief))).toEqual([
      [{ text: '三、本年度办理结果', rowSpan: 2, colSpan: 1, col: 0 }, { text: '（一）予以公开', rowSpan: 1, colSpan: 1, col: 1 }, { text: '7', rowSpan: 1, colSpan: 1, col: 2 }],
      [{ text: '（二）部分公开', rowSpan: 1, colSpan: 1, col: 1 }, { text: '竖排文字', rowSpan: 1, colSpan: 1, col: 2 }],
    ]);
  });

  it('joins a table broken across pages: spanning label continued, a row cut in two merged, cells keep their page', async () => {
    let p1 = cjk(72, 600, '三、收到和处理政府信息公开申请情况', 14);
    p1 += line(80, 640, 450, 640) + line(80, 670, 450, 670) + line(130, 700, 450, 700) + line(130, 730, 450, 730) + line(130, 760, 450, 760);
    // no bottom rule: the verticals run on to the page break
    p1 += line(80, 640, 80, 780) + line(130, 670, 130, 780) + line(300, 640, 300, 780) + line(375, 640, 375, 780) + line(450, 640, 450, 780);
    p1 += cjk(90, 660, '项目') + cjk(310, 660, '自然人') + cjk(385, 660, '总计');
    p1 += cjk(95, 715, '三、', 9) + cjk(95, 728, '本年', 9);
    p1 += cjk(135, 690, '（一）予以公开') + latin(310, 690, '10') + latin(385, 690, '10');
    p1 += cjk(135, 720, '（二）部分公开') + latin(310, 720, '1') + latin(385, 720, '1');
    p1 += cjk(135, 750, '（三）不予公开') + latin(310, 750, '2') + latin(385, 750, '2');
    p1 += cjk(135, 774, '（四）部分公开（区分处理的') + latin(310, 774, '4') + latin(385, 774, '4');
    p1 += latin(290, 815, '- 1 -');
    let p2 = line(80, 80, 450, 80) + line(130, 100, 450, 100) + line(80, 130, 450, 130);
    p2 += line(80, 80, 80, 130) + line(130, 80, 130, 130) + line(300, 80, 300, 130) + line(375, 80, 375, 130) + line(450, 80, 450, 130);
    p2 += cjk(135, 94, '，只计这一情形）') + cjk(135, 120, '（五）无法提供') + latin(310, 120, '3') + latin(385, 120, '3');
    p2 += latin(290, 815, '- 2 -') + cjk(72, 160, '四、政府信息公开行政复议、行政诉讼情况', 14);
    const doc = ok(await extractPdf(miniPdf([{ content: p1 }, { content: p2 }])));
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    const [t] = tables(doc);
    expect(t?.page).toBe(1);
    expect(t?.rows.map((r) => r.map((c) => [c.text, c.rowSpan, c.colSpan, c.col, c.page]))).toEqual([
      [['项目', 1, 2, 0, 1], ['自然人', 1, 1, 2, 1], ['总计', 1, 1, 3, 1]],
      [['三、本年', 5, 1, 0, 1], ['（一）予以公开', 1, 1, 1, 1], ['10', 1, 1, 2, 1], ['10', 1, 1, 3, 1]],
      [['（二）部分公开', 1, 1, 1, 1], ['1', 1, 1, 2, 1], ['1', 1, 1, 3, 1]],
      [['（三）不予公开', 1, 1, 1, 1], ['2', 1, 1, 2, 1], ['2', 1, 1, 3, 1]],
      [['（四）部分公开（区分处理的，只计这一情形）', 1, 1, 1, 1], ['4', 1, 1, 2, 1], ['4', 1, 1, 3, 1]],
      [['（五）无法提供', 1, 1, 1, 2], ['3', 1, 1, 2, 2], ['3', 1, 1, 3, 2]],
    ]);
  });

  it('drops a header row repeated at the top of the continuation (and a 续表 label)', async () => {
    const part = (top: number, rows: string[][]) => {
      let c = '';
      for (let r = 0; r <= rows.length; r++) c += line(100, top + 30 * r, 450, top + 30 * r);
      for (const x of [100, 300, 450]) c += line(x, top, x, top + 30 * rows.length);
      rows.forEach(([a, b], r) => (c += cjk(110, top + 20 + 30 * r, a as string) + (/^\d+$/.test(b as string) ? latin(310, top + 20 + 30 * r, b as string) : cjk(310, top + 20 + 30 * r, b as string))));
      return c;
    };
    const p1 = cjk(72, 600, '表一') + part(640, [['项目', '数量'], ['行政许可', '1'], ['行政处罚', '2'], ['行政强制', '3']]) + latin(290, 815, '- 1 -');
    const p2 = cjk(72, 70, '续表') + part(80, [['项目', '数量'], ['行政事业性收费', '4']]) + latin(290, 815, '- 2 -');
    const doc = ok(await extractPdf(miniPdf([{ content: p1 }, { content: p2 }])));
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table']);
    expect(tables(doc)[0]?.rows.map(texts)).toEqual([['项目', '数量'], ['行政许可', '1'], ['行政处罚', '2'], ['行政强制', '3'], ['行政事业性收费', '4']]);
    expect(tables(doc)[0]?.rows[4]?.map((c) => c.page)).toEqual([2, 2]);
  });

  it('a last table row alone at the top of the next page joins the table; a lone ruled row elsewhere stays text', async () => {
    const grid = (top: number, rows: number) => {
      let c = '';
      for (let r = 0; r <= rows; r++) c += line(100, top + 30 * r, 450, top + 30 * r);
      for (const x of [100, 300, 450]) c += line(x, top, x, top + 30 * rows);
      return c;
    };
    const p1 = cjk(72, 600, '表格：') + grid(640, 4) + ['（一）予以公开', '（二）部分公开', '（三）不予公开', '（七）总计'].map((t, i) => cjk(110, 660 + 30 * i, t) + latin(310, 660 + 30 * i, String(i + 1))).join('');
    const p2 = grid(80, 1) + cjk(110, 100, '四、结转下年度继续办理') + latin(310, 100, '9') + cjk(72, 200, '说明：') + grid(300, 1) + cjk(110, 320, '附注一') + cjk(310, 320, '附注二');
    const doc = ok(await extractPdf(miniPdf([{ content: p1 }, { content: p2 }])));
    expect(doc.blocks.map((b) => (b.kind === 'table' ? `T${b.rows.length}` : b.text))).toEqual(['表格：', 'T5', '说明：', '附注一', '附注二']);
    const last = tables(doc)[0]?.rows[4];
    expect(last?.map((c) => [c.text, c.page])).toEqual([
      ['四、结转下年度继续办理', 2],
      ['9', 2],
    ]);
  });

  it('rebuilds a simple table without ruling lines from text positions', async () => {
    const rows = [
      ['项目', '自然人', '法人', '总计'],
      ['本年新收', '21', '3', '24'],
      ['上年结转', '1', '0', '1'],
      ['办理结果', '20', '3', '23'],
    ];
    const body = rows.map((row, i) => row.map((t, j) => (/^\d+$/.test(t) ? latin(80 + j * 120, 200 + i * 20, t) : cjk(80 + j * 120, 200 + i * 20, t))).join('')).join('');
    const doc = ok(await extractPdf(miniPdf([{ content: cjk(72, 150, '表格如下：') + body + cjk(72, 300, '结束。') }])));
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    expect(tables(doc)[0]?.rows.map(texts)).toEqual(rows);
  });

  it('rebuilds a borderless table with stacked headers, wrapped labels and a tall group label, never shifting numbers', async () => {
    // value columns centred at x = 300, 340, 380; labels left of 280 (LibreOffice centres cell text)
    const nums = (top: number, v: string[]) => v.map((t, k) => latin(300 + 40 * k - 2.8 * t.length, top, t)).join('');
    const content =
      cjk(72, 100, '三、收到和处理政府信息公开申请情况', 16) +
      cjk(330, 130, '申请人情况') +
      cjk(120, 140, '（本列数据的勾稽关系为：') + cjk(290, 140, '自然') + cjk(330, 140, '法人') + cjk(375, 140, '总计') +
      cjk(130, 152, '第一项加第二项之和）') + cjk(295, 152, '人') + cjk(330, 152, '组织') +
      cjk(100, 175, '一、本年新收政府信息公开申请数量') + nums(175, ['441', '255', '696']) +
      cjk(110, 195, '（二）部分公开（区分处理的，只计') + nums(203, ['51', '14', '65']) + cjk(120, 211, '这一情形，不计其他情形）') +
      cjk(82, 228, '三、') + cjk(140, 235, '1.属于国家秘密') + nums(235, ['15', '11', '26']) +
      cjk(82, 243, '本年') + cjk(140, 255, '2.其他法律行政法规禁止') + nums(263, ['22', '', '22']) + cjk(180, 271, '公开') +
      cjk(82, 258, '度办') + cjk(140, 290, '3.危及“三安全一稳定”') + nums(290, ['24', '13', '37']) +
      cjk(82, 273, '理结') + cjk(87, 288, '果') +
      cjk(72, 330, '四、政府信息公开行政复议、行政诉讼情况', 16);
    const r = await extractPdf(miniPdf([{ content }]));
    const doc = ok(r);
    expect(doc.blocks.map((b) => (b.kind === 'table' ? 'T' : b.text))).toEqual(['三、收到和处理政府信息公开申请情况', 'T', '四、政府信息公开行政复议、行政诉讼情况']);
    const [t] = tables(doc);
    const byLabel = (label: string) => valuesOf(t as Table, label);
    expect(byLabel('一、本年新收政府信息公开申请数量')).toEqual(['441', '255', '696']);
    expect(byLabel('（二）部分公开（区分处理的，只计这一情形，不计其他情形）')).toEqual(['51', '14', '65']);
    expect(byLabel('1.属于国家秘密')).toEqual(['15', '11', '26']);
    expect(byLabel('2.其他法律行政法规禁止公开')).toEqual(['22', '', '22']); // a blank cell stays blank
    expect(byLabel('3.危及“三安全一稳定”')).toEqual(['24', '13', '37']);
    const cellsText = (t as Table).rows.flat().map((c) => c.text);
    expect(cellsText).toContain('自然人'); // stacked header words joined per column
    expect(cellsText).toContain('法人组织');
    expect(cellsText).toContain('三、本年度办理结果'); // the tall group label, in reading order
    expect(cellsText.some((x) => x.includes('（本列数据的勾稽关系为：第一项加第二项之和）'))).toBe(true);
    expect(r.messages.map((m) => m.code)).toContain('pdf.borderless-table');
  });

  it('keeps lines that look like a borderless table but cannot be cut safely as paragraphs', async () => {
    // two numbers of one line fall in the same column as one number of another line
    const content = cjk(72, 100, '说明') + cjk(80, 130, '甲项') + latin(300, 130, '12') + latin(330, 130, '34') + cjk(80, 150, '乙项') + latin(300, 150, '1234567') + latin(400, 150, '8');
    const r = await extractPdf(miniPdf([{ content }]));
    const doc = ok(r);
    expect(tables(doc)).toHaveLength(0);
    expect(paras(doc).map((p) => p.text)).toEqual(['说明', '甲项12 34', '乙项1234567 8']);
    expect(r.messages.map((m) => m.code)).toContain('pdf.borderless-table');
  });

  it('a lone rectangle (page border) is not a table', async () => {
    const content = line(30, 30, 565, 30) + line(30, 812, 565, 812) + line(30, 30, 30, 812) + line(565, 30, 565, 812) + cjk(72, 100, '正文');
    const doc = ok(await extractPdf(miniPdf([{ content }])));
    expect(tables(doc)).toHaveLength(0);
    expect(paras(doc).map((p) => p.text)).toEqual(['正文']);
  });

  it('refuses a PDF whose pages are images only (needs OCR) and warns about single image-only pages', async () => {
    const image = { content: 'q 595 0 0 842 0 0 cm /Im1 Do Q', image: true };
    const r = await extractPdf(miniPdf([image, image]), { ocr: 'off' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('needs-ocr');
      expect(r.error.message).toBe('the PDF has no text layer (2 of 2 pages are images only); it needs OCR, which is off: convert with --ocr auto');
    }
    // with OCR on, an image with nothing written on it is still a scan without text
    const read = await extractPdf(miniPdf([image, image]), { ocr: 'auto' });
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.error.code).toBe('needs-ocr');
      expect(read.error.message).toMatch(/^the PDF has no text layer \(2 of 2 pages are images only\); (OCR found no readable text in them|it needs OCR, which could not run: the OCR engine is not installed)/);
    }
    const text = cjk(72, 100, '本报告由某某市人民政府办公室根据条例编制，统计期限自一月一日至十二月三十一日。');
    const mixed = await extractPdf(miniPdf([{ content: text }, image]));
    expect(mixed.ok).toBe(true);
    expect(mixed.messages.map((m) => m.code)).toContain('pdf.image-only-pages');
    expect(mixed.messages.find((m) => m.code === 'pdf.image-only-pages')?.message).toMatch(/page 2\b/);
  });

  it('returns specific errors for empty, non-PDF, damaged, encrypted and too long files', async () => {
    const err = async (bytes: Uint8Array, opts?: { maxPages?: number }) => {
      const r = await extractPdf(bytes, opts);
      if (r.ok) throw new Error('expected an error');
      return r.error;
    };
    expect((await err(new Uint8Array(0))).code).toBe('empty-file');
    const garbage = await err(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect(garbage.code).toBe('corrupt');
    expect(garbage.message).toMatch(/not a PDF/i);
    const damaged = await err(new TextEncoder().encode('%PDF-1.4\nthis is not really a pdf\n'));
    expect(damaged.code).toBe('corrupt');
    expect(damaged.message).toMatch(/truncated or damaged/);
    const full = miniPdf([{ content: cjk(72, 100, '正文') }]);
    expect((await err(full.subarray(0, Math.floor(full.length / 2)))).code).toBe('corrupt');
    const enc = await err(miniPdf([{ content: cjk(72, 100, '正文') }], { userPassword: 'secret' }));
    expect(enc).toEqual({ code: 'encrypted', message: 'password-protected PDF; remove the password and convert again' });
    const big = await err(miniPdf([{ content: '' }, { content: '' }, { content: '' }]), { maxPages: 2 });
    expect(big.code).toBe('too-large');
    expect(big.message).toMatch(/3 pages/);
  });

  it('does not modify the caller’s bytes', async () => {
    const bytes = miniPdf([{ content: cjk(72, 100, '正文') }]);
    const copy = new Uint8Array(bytes);
    ok(await extractPdf(bytes));
    expect(bytes.length).toBe(copy.length);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(copy))).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// real files (looked for, skipped when absent)

const RAW = fileURLToPath(new URL('../../shared/realworld/raw/', import.meta.url));
const HONGZE_2023 = RAW + 'KIROGOVCOMPARE__huaian-hongze-district-gov_2023.pdf';
const HONGZE_2024 = RAW + 'KIROGOVCOMPARE__huaian-hongze-district-gov_2024.pdf';
const HUAIAN_2024 = RAW + 'govnianbao__huaian-city-gov_2024.pdf';

/** Facts that hold for the three real reports. */
function commonChecks(doc: () => DocumentModel): void {
  it('has no page-number footers in paragraphs or cells', () => {
    for (const p of paras(doc())) expect(p.text).not.toMatch(PAGE_NUMBER);
    for (const c of allCells(doc())) expect(c.text).not.toMatch(PAGE_NUMBER);
    for (const c of allCells(doc())) expect(c.text).not.toMatch(/-\s*\d\s*-/);
  });
  it('has no spaces between CJK characters', () => {
    for (const p of paras(doc())) expect(p.text).not.toMatch(CJK_SPACE_CJK);
    for (const c of allCells(doc())) expect(c.text).not.toMatch(CJK_SPACE_CJK);
  });
  it('has the report title and the six section headings as separate paragraphs', () => {
    const t = paras(doc()).map((p) => p.text);
    for (const h of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'])
      expect(t).toContain(h);
    expect(t.filter((x) => /^\d{4}年政府信息公开工作年度报告$/.test(x))).toHaveLength(1);
  });
  it('has three tables in reading order between the section headings', () => {
    const kinds = doc().blocks.map((b) => (b.kind === 'table' ? 'T' : (b as Paragraph).text));
    const i2 = kinds.indexOf('二、主动公开政府信息情况');
    const i3 = kinds.indexOf('三、收到和处理政府信息公开申请情况');
    const i4 = kinds.indexOf('四、政府信息公开行政复议、行政诉讼情况');
    const i5 = kinds.indexOf('五、存在的主要问题及改进情况');
    expect(kinds.slice(i2 + 1, i3)).toEqual(['T']);
    expect(kinds.slice(i3 + 1, i4)).toEqual(['T']);
    expect(kinds.slice(i4 + 1, i5)).toEqual(['T']);
    expect(tables(doc())).toHaveLength(3);
  });
  it('§四 header has the three groups and ten outcome columns', () => {
    const t = tables(doc())[2] as Table;
    expect(width(t)).toBe(15);
    expect(t.rows).toHaveLength(4);
    expect(texts(t.rows[2])).toEqual(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计']);
    expect(t.rows[1]?.slice(0, 5).map((c) => [c.text, c.rowSpan])).toEqual([
      ['结果维持', 2],
      ['结果纠正', 2],
      ['其他结果', 2],
      ['尚未审结', 2],
      ['总计', 2],
    ]);
    expect(t.rows[3]?.map((c) => c.col)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });
}

describe.skipIf(!existsSync(HONGZE_2023))('extractPdf: real file Hongze 2023 (WPS, 5 pages)', () => {
  let doc: DocumentModel;
  let ms = 0;
  beforeAll(async () => {
    const t0 = performance.now();
    doc = ok(await extractPdf(new Uint8Array(readFileSync(HONGZE_2023))));
    ms = performance.now() - t0;
  });
  commonChecks(() => doc);

  it('has the metadata and finishes in reasonable time', () => {
    expect(doc.pages).toBe(5);
    expect(doc.producer).toBe('WPS 文字(Jisupdf Editor)');
    expect(ms).toBeLessThan(15000);
  });

  it('joins paragraphs across lines and pages, without spurious spaces', () => {
    const t = paras(doc).map((p) => p.text);
    expect(t.some((p) => p.includes('洪泽湖大道90号，邮编：223100，电话：0517-87222589，电子邮箱：hzzwgk@126.com）。'))).toBe(true);
    expect(t.some((p) => p.includes('严格执行“分级审核、先审后发”程序'))).toBe(true); // page 1 → 2
    expect(t).toContain('（三）政府信息管理情况。');
  });

  it('§二: one table over pages 2–3 with the template rows', () => {
    const t = tables(doc)[0] as Table;
    expect(t.page).toBe(2);
    expect(t.rows).toHaveLength(14);
    expect(width(t)).toBe(4);
    expect(rowOf(t, '第二十条第（一）项').cell.colSpan).toBe(4);
    expect(valuesOf(t, '规章')).toEqual(['0', '0', '0']);
    expect(valuesOf(t, '行政规范性文件')).toEqual(['0', '5', '5']);
    expect(valuesOf(t, '行政许可')).toEqual(['550']);
    expect(rowOf(t, '行政许可').row.map((c) => c.page)).toEqual([2, 2]);
    expect(valuesOf(t, '行政处罚')).toEqual(['4119']);
    expect(valuesOf(t, '行政强制')).toEqual(['195']);
    const fee = rowOf(t, '行政事业性收费').row;
    expect(fee.map(brief)).toEqual([
      { text: '行政事业性收费', rowSpan: 1, colSpan: 1, col: 0 },
      { text: '7730.28', rowSpan: 1, colSpan: 3, col: 1 },
    ]);
    expect(fee.map((c) => c.page)).toEqual([3, 3]);
  });

  it('§三: one 26 × 10 table over pages 3–4 (2019-style single （六） row)', () => {
    const t = tables(doc)[1] as Table;
    expect(t.page).toBe(3);
    expect(t.rows).toHaveLength(26);
    expect(width(t)).toBe(10);
    expect(t.rows[0]?.map(brief)).toEqual([
      { text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', rowSpan: 3, colSpan: 3, col: 0 },
      { text: '申请人情况', rowSpan: 1, colSpan: 7, col: 3 },
    ]);
    expect(texts(t.rows[2])).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    expect(valuesOf(t, '一、本年新收政府信息公开申请数量')).toEqual(['21', '0', '0', '0', '0', '0', '21']);
    const result = rowOf(t, '三、本年度办理结果');
    expect([result.index, result.cell.rowSpan, result.cell.col, result.cell.page]).toEqual([5, 20, 0, 3]);
    expect(rowOf(t, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）').cell.colSpan).toBe(2);
    expect(valuesOf(t, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）')).toEqual(['4', '0', '0', '0', '0', '0', '4']);
    // the page break falls inside （四）: its label continues as one cell over pages 3 and 4
    const unable = rowOf(t, '（四）无法提供');
    expect([unable.cell.rowSpan, unable.cell.page]).toEqual([3, 3]);
    expect(valuesOf(t, '2.没有现成信息需要另行制作')).toEqual(['3', '0', '0', '0', '0', '0', '3']);
    const cut = rowOf(t, '3.补正后申请内容仍不明确');
    expect(cut.index).toBe(unable.index + 2);
    expect(cut.row.map((c) => c.page)).toEqual([4, 4, 4, 4, 4, 4, 4, 4]);
    expect(valuesOf(t, '（六）其他处理')).toEqual(['0', '0', '0', '0', '0', '0', '0']);
    expect(valuesOf(t, '（七）总计')).toEqual(['21', '0', '0', '0', '0', '0', '21']);
    expect(valuesOf(t, '四、结转下年度继续办理')).toEqual(['0', '0', '0', '0', '0', '0', '0']);
    expect(rowOf(t, '2.其他法律行政止公开').index).toBe(8); // the source's own typo
  });

  it('§四: the value row', () => {
    const t = tables(doc)[2] as Table;
    expect(t.page).toBe(4);
    expect(texts(t.rows[3])).toEqual(['10', '1', '0', '0', '0', '0', '0', '0', '0', '0', '5', '0', '0', '0', '0']);
    expect(t.rows[0]?.map(brief)).toEqual([
      { text: '行政复议', rowSpan: 1, colSpan: 5, col: 0 },
      { text: '行政诉讼', rowSpan: 1, colSpan: 10, col: 5 },
    ]);
  });

  it('a truncated copy is reported as corrupt', async () => {
    const bytes = new Uint8Array(readFileSync(HONGZE_2023));
    for (const frac of [0.1, 0.5, 0.95]) {
      const r = await extractPdf(bytes.subarray(0, Math.floor(bytes.length * frac)));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('corrupt');
        expect(r.error.message).toMatch(/truncated or damaged/);
      }
    }
  });
});

describe.skipIf(!existsSync(HONGZE_2024))('extractPdf: real file Hongze 2024 (WPS, vertical header cell)', () => {
  let doc: DocumentModel;
  beforeAll(async () => {
    doc = ok(await extractPdf(new Uint8Array(readFileSync(HONGZE_2024))));
  });
  commonChecks(() => doc);

  it('§二: one table over pages 2–3', () => {
    const t = tables(doc)[0] as Table;
    expect([t.page, t.rows.length, width(t)]).toEqual([2, 14, 4]);
    expect(valuesOf(t, '规章')).toEqual(['0', '0', '0']);
    expect(valuesOf(t, '行政规范性文件')).toEqual(['3', '0', '8']);
    expect(valuesOf(t, '行政许可')).toEqual(['9487']);
    expect(rowOf(t, '第二十条第（六）项').cell.page).toBe(3);
    expect(valuesOf(t, '行政处罚')).toEqual(['2776']);
    expect(valuesOf(t, '行政强制')).toEqual(['84']);
    expect(valuesOf(t, '行政事业性收费')).toEqual(['7545']);
  });

  it('§三: the vertical-writing merged cell reads 三、本年度办理结果 and nothing of it leaks into other cells', () => {
    const t = tables(doc)[1] as Table;
    expect([t.page, t.rows.length, width(t)]).toEqual([3, 26, 10]);
    const result = rowOf(t, '三、本年度办理结果');
    expect([result.index, result.cell.rowSpan, result.cell.col, result.cell.page]).toEqual([5, 20, 0, 3]);
    expect(texts(result.row)).toEqual(['三、本年度办理结果', '（一）予以公开', '50', '0', '0', '0', '0', '0', '50']);
    for (const c of t.rows.flat()) if (c !== result.cell) expect(c.text).not.toMatch(/^[三、本年度办理结果]{1,3}$/);
    expect(valuesOf(t, '一、本年新收政府信息公开申请数量')).toEqual(['95', '0', '0', '0', '0', '0', '95']);
    expect(valuesOf(t, '（七）总计')[0]).toBe(''); // the source draws an empty C cell beside （七）
    expect(valuesOf(t, '（七）总计').slice(1)).toEqual(['95', '0', '0', '0', '0', '0', '95']);
    const unable = rowOf(t, '（四）无法提供');
    expect([unable.cell.rowSpan, unable.cell.page]).toEqual([3, 3]);
    expect(rowOf(t, '2.没有现成信息需要另行制作').row.map((c) => c.page)).toEqual([4, 4, 4, 4, 4, 4, 4, 4]);
  });

  it('§四: the value row', () => {
    const t = tables(doc)[2] as Table;
    expect(texts(t.rows[3])).toEqual(['1', '1', '0', '0', '2', '1', '0', '0', '0', '1', '2', '0', '1', '0', '3']);
  });
});

describe.skipIf(!existsSync(HUAIAN_2024))('extractPdf: real file Huai’an city 2024 (WPS, 6 pages)', () => {
  let doc: DocumentModel;
  beforeAll(async () => {
    doc = ok(await extractPdf(new Uint8Array(readFileSync(HUAIAN_2024))));
  });
  commonChecks(() => doc);

  it('§二: one table over pages 3–4', () => {
    const t = tables(doc)[0] as Table;
    expect([t.page, t.rows.length, width(t)]).toEqual([3, 14, 4]);
    expect(valuesOf(t, '规章')).toEqual(['1', '0', '11']);
    expect(valuesOf(t, '行政规范性文件')).toEqual(['8', '26', '66']);
    expect(valuesOf(t, '行政许可')).toEqual(['447228']);
    expect(valuesOf(t, '行政处罚')).toEqual(['3985758']);
    expect(rowOf(t, '行政处罚').cell.page).toBe(4);
    expect(valuesOf(t, '行政强制')).toEqual(['88283']);
    expect(valuesOf(t, '行政事业性收费')).toEqual(['96171.6']);
  });

  it('§三: one 28 × 10 table over pages 4–5 with the one-character-per-line merged label', () => {
    const t = tables(doc)[1] as Table;
    expect([t.page, t.rows.length, width(t)]).toEqual([4, 28, 10]);
    expect(valuesOf(t, '一、本年新收政府信息公开申请数量')).toEqual(['3001', '53', '0', '0', '61', '4', '3119']);
    expect(valuesOf(t, '二、上年结转政府信息公开申请数量')).toEqual(['34', '0', '0', '0', '0', '0', '34']);
    const result = rowOf(t, '三、本年度办理结果');
    expect([result.index, result.cell.rowSpan, result.cell.page]).toEqual([5, 22, 4]);
    for (const c of t.rows.flat()) if (c !== result.cell) expect(c.text).not.toMatch(/^[三、本年度办理结果]{1,3}$/);
    expect(valuesOf(t, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）')).toEqual(['447', '7', '0', '0', '0', '0', '454']);
    // "（四）无" on page 4 + "法提供" on page 5: one cell
    const unable = rowOf(t, '（四）无法提供');
    expect([unable.cell.rowSpan, unable.cell.page]).toEqual([3, 4]);
    expect(valuesOf(t, '1.本机关不掌握相关政府信息')).toEqual(['746', '12', '0', '0', '10', '1', '769']);
    expect(rowOf(t, '2.没有现成信息需要另行制作').row.map((c) => c.page)).toEqual([5, 5, 5, 5, 5, 5, 5, 5]);
    expect(valuesOf(t, '2.没有现成信息需要另行制作')).toEqual(['11', '0', '0', '0', '0', '0', '11']);
    expect(rowOf(t, '（六）其他处理').cell.rowSpan).toBe(3);
    expect(valuesOf(t, '3、其他')).toEqual(['108', '2', '0', '0', '0', '0', '110']);
    expect(valuesOf(t, '（七）总计')).toEqual(['2932', '53', '0', '0', '61', '4', '3050']);
    expect(valuesOf(t, '四、结转下年度继续办理')).toEqual(['103', '0', '0', '0', '0', '0', '103']);
  });

  it('§四: the value row', () => {
    const t = tables(doc)[2] as Table;
    expect(t.page).toBe(5);
    expect(texts(t.rows[3])).toEqual(['72', '64', '178', '37', '351', '13', '4', '8', '1', '26', '12', '1', '1', '6', '20']);
  });
});
