/**
 * A logical table split into several physical table blocks (HTML pages, Word, PDF all do this)
 * is read exactly like the unsplit table: every number equal, a repeated header row never data,
 * no row counted twice, a continuation whose columns do not line up left alone with a warning.
 */
import { describe, expect, it } from 'vitest';
import { cell, paragraph, type Block, type Cell, type DocumentModel, type Table } from '../src/model.js';
import { normalize } from '../src/normalize/index.js';
import { APPLICANT_COLUMNS } from '../src/schema/canonical.js';
import { activeTable2021, applicationsTable, reportBlocks, reviewTable } from './helpers/tables.js';

const doc = (blocks: Block[]): DocumentModel => ({ format: 'html', pages: null, producer: null, blocks });
const distinct = (i: number) => APPLICANT_COLUMNS.map((_, j) => String(100 + 10 * i + j));
const reviewValues = ['1', '2', '3', '4', '10', '5', '6', '7', '8', '26', '0', '0', '0', '1', '1'];
const activeValues = { reg: ['1', '2', '3'], norm: ['4', '5', '6'], lic: '7', pen: '8', coe: '9', fee: '10.5' };

const copyRows = (rows: Cell[][]): Cell[][] => rows.map((r) => r.map((c) => ({ ...c })));
const tableOf = (rows: Cell[][]): Table => ({ kind: 'table', rows: copyRows(rows), page: null, role: 'body' });

/**
 * Split a table's rows before each index in `at`; with `header` rows, every part after the
 * first begins with a copy of the first `header` rows.
 */
function split(t: Table, at: number[], header = 0): Table[] {
  const bounds = [0, ...at, t.rows.length];
  return bounds.slice(0, -1).map((from, k) => {
    const rows = t.rows.slice(from, bounds[k + 1]);
    return tableOf(k > 0 && header > 0 ? [...t.rows.slice(0, header), ...rows] : rows);
  });
}

/** The report blocks with one table replaced by the given parts, `between` placed between parts. */
function withParts(which: 'active' | 'apps' | 'review', parts: Table[], between: (k: number) => Block[] = () => []): Block[] {
  const marker = tableOf([[cell('__marker__')]]);
  const tables = {
    active: activeTable2021(activeValues),
    apps: applicationsTable('2021', distinct),
    review: reviewTable(reviewValues),
  };
  const blocks = reportBlocks({ ...tables, [which]: marker });
  const i = blocks.indexOf(marker);
  const joined: Block[] = parts.flatMap((p, k) => (k === 0 ? [p] : [...between(k), p]));
  blocks.splice(i, 1, ...joined);
  return blocks;
}

const unsplit = normalize(doc(reportBlocks({
  active: activeTable2021(activeValues),
  apps: applicationsTable('2021', distinct),
  review: reviewTable(reviewValues),
})));

function expectSameNumbers(out: ReturnType<typeof normalize>): void {
  expect(out.activeDisclosure).toEqual(unsplit.activeDisclosure);
  expect(out.applications).toEqual(unsplit.applications);
  expect(out.reviewLitigation).toEqual(unsplit.reviewLitigation);
  expect(out.checks).toEqual(unsplit.checks);
  expect(out.derived).toEqual(unsplit.derived);
  expect(out.report.layout).toEqual(unsplit.report.layout);
  expect(Object.keys(out.evidence)).toEqual(Object.keys(unsplit.evidence));
}

/** No warning other than the unsplit table's: nothing read twice, no header read as a row. */
function expectClean(out: ReturnType<typeof normalize>): void {
  expect(out.warnings).toEqual(unsplit.warnings);
  expect(out.status).toBe(unsplit.status);
}

describe('the unsplit reference', () => {
  it('is read cleanly', () => {
    expect(unsplit.status).toBe('ok');
    expect(unsplit.warnings).toEqual([]);
  });
});

describe('§二 主动公开 as several small tables', () => {
  const full = activeTable2021(activeValues);
  // the four 第二十条 blocks start at rows 0, 4, 7, 11
  it('one table per 第二十条 block, each with its caption row and header row', () => {
    const out = normalize(doc(withParts('active', split(full, [4, 7, 11]))));
    expectSameNumbers(out);
    expectClean(out);
  });

  it('one table per block, the caption as a paragraph between the tables', () => {
    const parts = split(full, [4, 7, 11]).map((t) => tableOf(t.rows.slice(1)));
    const captions = ['第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项'];
    const blocks = withParts('active', parts, (k) => [paragraph(captions[k - 1]!)]);
    // the first caption is a paragraph before the first table
    blocks.splice(blocks.indexOf(parts[0]!), 0, paragraph('第二十条第（一）项'));
    const out = normalize(doc(blocks));
    expectSameNumbers(out);
    expectClean(out);
  });

  it('five small tables: the 处罚 and 强制 rows in a table of their own under one header', () => {
    const out = normalize(doc(withParts('active', split(full, [4, 7, 10, 11]))));
    expect(out.activeDisclosure).toEqual(unsplit.activeDisclosure);
  });

  it('a repeated block after a text paragraph is not read twice', () => {
    const parts = split(full, [4, 7, 11]);
    const again = tableOf(full.rows.slice(0, 4).map((r) => r.map((c) => ({ ...c, text: c.text.replace(/^\d+$/, '99') }))));
    const blocks = withParts('active', [...parts], () => []);
    blocks.splice(blocks.indexOf(parts[3]!) + 1, 0, paragraph('另外，本机关还公开了其他信息。'), again);
    const out = normalize(doc(blocks));
    expect(out.activeDisclosure).toEqual(unsplit.activeDisclosure);
  });
});

describe('§三 申请 split in two or three tables', () => {
  const full = applicationsTable('2021', distinct);
  // header rows 0–2; data rows: 3 本年新收, 4 上年结转, 5 予以公开, 6 部分公开, 7–14 不予公开,
  // 15–17 无法提供, 18–22 不予处理, 23–25 其他处理, 26 总计, 27 结转下年度
  const cuts: [string, number[]][] = [
    ['between two 一/二 rows', [4]],
    ['inside the 本年度办理结果 span, before a group', [7]],
    ['inside a group (不予公开)', [10]],
    ['inside 其他处理, before 3.其他', [25]],
    ['before 结转下年度', [27]],
    ['in three parts', [9, 20]],
  ];
  for (const [name, at] of cuts) {
    it(`${name}: no repeated header`, () => {
      const out = normalize(doc(withParts('apps', split(full, at))));
      expectSameNumbers(out);
      expectClean(out);
    });
    it(`${name}: the header rows repeated`, () => {
      const out = normalize(doc(withParts('apps', split(full, at, 3))));
      expectSameNumbers(out);
      expectClean(out);
    });
    it(`${name}: the header repeated, a 续表 / page-number paragraph between`, () => {
      const out = normalize(doc(withParts('apps', split(full, at, 3), (k) => [paragraph(`- ${k + 1} -`), paragraph('续表')])));
      expectSameNumbers(out);
      expectClean(out);
    });
  }

  it('only the last header row (商业企业 …) repeated is not data either', () => {
    const parts = split(full, [10]);
    const header = tableOf([
      [cell('', { colSpan: 3 }), ...['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'].map((t) => cell(t))],
    ]);
    parts[1] = tableOf([...header.rows, ...parts[1]!.rows]);
    const out = normalize(doc(withParts('apps', parts)));
    expect(out.applications).toEqual(unsplit.applications);
    expect(out.warnings.filter((w) => w.code === 'row-unrecognized')).toEqual([]);
  });

  it('a repeated header whose corner cell reads differently is still a header, not data', () => {
    const parts = split(full, [10], 3);
    parts[1]!.rows[0]![0]!.text = '项目';
    const out = normalize(doc(withParts('apps', parts)));
    expectSameNumbers(out);
    expectClean(out);
  });

  it('a continuation row with 6 value cells for 7 columns is not given labels nor shifted: null, warned', () => {
    const parts = split(full, [10]);
    const row = parts[1]!.rows.find((r) => r.some((c) => c.text.includes('属于三类内部事务')))!;
    row.splice(3, 1); // drop one value cell in the middle
    const out = normalize(doc(withParts('apps', parts)));
    expect(Object.values(out.applications.denied.internalAffairs)).toEqual(Array(7).fill(null));
    expect(out.warnings.find((w) => w.code === 'row-short')?.path).toBe('applications.denied.internalAffairs');
    // the rows around it are read as in the unsplit table
    expect(out.applications.denied.thirdPartyRights).toEqual(unsplit.applications.denied.thirdPartyRights);
    expect(out.applications.denied.processInformation).toEqual(unsplit.applications.denied.processInformation);
    expect(out.status).toBe('partial');
  });

  it('a second complete 申请 table after a text paragraph is a duplicate, not a continuation', () => {
    const blocks = withParts('apps', [tableOf(full.rows)]);
    const other = applicationsTable('2021', () => ['9', '9', '9', '9', '9', '9', '9']);
    const at = blocks.findIndex((b) => b.kind === 'table' && b.rows.some((r) => r.some((c) => c.text.includes('本年新收')))) + 1;
    blocks.splice(at, 0, paragraph('（续表）'), other);
    const out = normalize(doc(blocks));
    expect(out.applications).toEqual(unsplit.applications);
    expect(out.warnings.map((w) => w.code)).toContain('table-duplicate');
  });

  it('a continuation whose repeated header columns do not line up is left alone with a warning', () => {
    const parts = split(full, [15]);
    // the repeated header has no label column: its applicant columns sit 3 columns left
    const badHeader: Cell[][] = [
      [cell('申请人情况', { colSpan: 7 })],
      [cell('自然人', { rowSpan: 2 }), cell('法人或其他组织', { colSpan: 5 }), cell('总计', { rowSpan: 2 })],
      ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((t) => cell(t)),
    ];
    parts[1] = tableOf([...badHeader, ...parts[1]!.rows]);
    const out = normalize(doc(withParts('apps', parts)));
    // the first part is read; nothing of the continuation is read, nothing shifted
    expect(out.applications.newReceived).toEqual(unsplit.applications.newReceived);
    expect(out.applications.denied).toEqual(unsplit.applications.denied);
    expect(Object.values(out.applications.unableToProvide.notHeld)).toEqual(Array(7).fill(null));
    expect(Object.values(out.applications.carriedForward)).toEqual(Array(7).fill(null));
    expect(out.warnings.map((w) => w.code)).toContain('table-continuation-misaligned');
    expect(out.status).toBe('partial');
  });
});

describe('§四 复议诉讼 split', () => {
  const full = reviewTable(reviewValues);
  it('header in one table, the value row in the next', () => {
    const out = normalize(doc(withParts('review', split(full, [3]))));
    expectSameNumbers(out);
    expectClean(out);
  });
  it('the value row in the next table under a repeated header', () => {
    const out = normalize(doc(withParts('review', split(full, [3], 3))));
    expectSameNumbers(out);
    expectClean(out);
  });
  it('the value row after a 续表 paragraph', () => {
    const out = normalize(doc(withParts('review', split(full, [3]), () => [paragraph('（续表）')])));
    expectSameNumbers(out);
    expectClean(out);
  });
  it('a repeated header whose columns do not line up: the value row is left alone with a warning', () => {
    const parts = split(full, [3], 3);
    // the repeated header lost its 行政复议 block: 行政诉讼 starts in the first column
    parts[1] = tableOf([
      [cell('行政诉讼', { colSpan: 10 }), cell('', { colSpan: 5 })],
      ...parts[1]!.rows.slice(3),
    ]);
    const out = normalize(doc(withParts('review', parts)));
    expect(out.reviewLitigation.review.total).toBeNull();
    expect(out.reviewLitigation.litigationDirect.total).toBeNull();
    expect(out.warnings.map((w) => w.code)).toContain('table-continuation-misaligned');
    expect(out.status).toBe('partial');
  });

  it('split after the first header row, the header repeated', () => {
    const out = normalize(doc(withParts('review', split(full, [1], 1))));
    expectSameNumbers(out);
    expectClean(out);
  });
});
