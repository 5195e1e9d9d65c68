/**
 * The HTML extractor: the real Shanghai page fragment gives every number it prints; every DOCX
 * sample rendered as web pages of several kinds (CMS chrome, Word "Save as Web Page" in GBK,
 * old nested-table layout in undeclared GBK, bare fragment with a BOM, MHT archives) gives the
 * same canonical fields as the DOCX; pages that are not reports, cut-off pages, bounds.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../scripts/samples/defs.js';
import { extractDocx } from '../src/extractors/docx.js';
import { extractHtml } from '../src/extractors/html/index.js';
import { decodeBytes } from '../src/extractors/html/decode.js';
import { LIMITS, type Block, type Table } from '../src/model.js';
import { convertBytes, sniff } from '../src/pipeline/convert.js';
import type { CanonicalReport } from '../src/schema/canonical.js';
import { encodeGbk, encodePage, NOT_REPORT_PAGES, renderPage, splitTables, stackSubRows, toMht, type PageStyle } from './helpers/html-pages.js';

const root = path.resolve(import.meta.dirname, '..');
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

async function docxBlocks(name: string): Promise<Block[]> {
  const r = await extractDocx(readFileSync(path.join(root, 'samples', `${name}.docx`)));
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.document.blocks;
}

/** The fields a web page must reproduce exactly. */
function canonicalFields(r: CanonicalReport) {
  return {
    status: r.status,
    error: r.error,
    report: r.report,
    sections: r.sections,
    activeDisclosure: r.activeDisclosure,
    applications: r.applications,
    reviewLitigation: r.reviewLitigation,
    derived: r.derived,
    checks: r.checks,
    warningCodes: r.warnings.map((w) => w.code),
  };
}

// ---------------------------------------------------------------------------------------------
const shanghai = path.join(root, '../shared/realworld/raw/mockdata__shanghai-gov-office_2019.html');

describe.skipIf(!existsSync(shanghai))('real page: 上海市人民政府办公厅 2019 (HTML fragment, UTF-8, undeclared)', () => {
  let r: CanonicalReport;
  beforeAll(async () => {
    r = await convertBytes(readFileSync(shanghai), 'mockdata__shanghai-gov-office_2019.html');
  });
  const blank7 = { naturalPerson: null, commercial: null, research: null, socialWelfare: null, legalService: null, otherOrg: null, total: null };
  const row = (np: number | null, co: number | null, re: number | null, sw: number | null, ls: number | null, oo: number | null, t: number | null) => ({
    naturalPerson: np, commercial: co, research: re, socialWelfare: sw, legalService: ls, otherOrg: oo, total: t,
  });

  it('is a complete 2019-layout report; the page date 发布日期：2020-01-31 is not the publishedDate', () => {
    expect(r.status).toBe('ok');
    expect(r.error).toBeNull();
    expect(r.source).toMatchObject({ format: 'html', bytes: 36343, pages: null });
    expect(r.source.sha256).toMatch(/^a163fe88fac470a4/);
    expect(r.report).toEqual({
      title: '2019年上海市人民政府办公厅政府信息公开工作年度报告',
      organization: '上海市人民政府办公厅',
      year: 2019,
      publishedDate: null,
      layout: { activeDisclosure: '2019', applications: '2019' },
    });
    expect(Object.values(r.sections).map((s) => s?.title)).toEqual([
      '总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况',
      '政府信息公开行政复议、行政诉讼情况', '政府信息公开工作存在的主要问题及改进情况', '其他需要报告的事项',
    ]);
    expect(r.sections.other?.text).toBe('无。');
    expect(r.warnings.map((w) => w.code)).toEqual(['report.date-missing']);
  });

  it('§二 as printed, including the value cells spanning under two header columns (五)(六)', () => {
    const ad = r.activeDisclosure;
    expect(ad.regulations).toMatchObject({ newlyMade: 13, newlyPublished: 13, totalPublished: 524, issued: null });
    expect(ad.normativeDocuments).toMatchObject({ newlyMade: 60, newlyPublished: 60, totalPublished: 368 });
    for (const k of ['licensing', 'otherServices', 'penalty', 'coercion'] as const) {
      expect(ad[k], k).toEqual({ decisions: 0, previousYearItems: 0, change: 0 });
    }
    expect(ad.fees).toEqual({ amount: null, unit: null, previousYearItems: 0, change: 0 });
    expect(ad.procurement).toEqual({ projects: 6, amount: 251000, unit: '元' });
  });

  it('§三 as printed: &nbsp; blanks are null, 总计 only on the four rows that print it', () => {
    const a = r.applications;
    expect(a.newReceived).toEqual(row(821, 35, null, null, 2, 1, 859));
    expect(a.carriedOver).toEqual(row(18, null, null, null, null, null, 18));
    expect(a.granted).toEqual(row(258, 12, null, null, 1, 1, null));
    expect(a.partiallyGranted).toEqual(row(3, null, null, null, null, null, null));
    expect(a.denied).toEqual({
      stateSecret: row(14, null, null, null, null, null, null),
      prohibitedByLaw: blank7,
      endangersSafety: blank7,
      thirdPartyRights: blank7,
      internalAffairs: row(5, null, null, null, null, null, null),
      processInformation: row(3, 1, null, null, null, null, null),
      enforcementFiles: blank7,
      administrativeQuery: row(10, 2, null, null, null, null, null),
    });
    expect(a.unableToProvide).toEqual({
      notHeld: row(252, 12, null, null, 1, null, null),
      needsCreation: row(44, 3, null, null, null, null, null),
      unclearAfterCorrection: row(25, null, null, null, null, null, null),
    });
    expect(a.notProcessed).toEqual({
      petition: row(148, 1, null, null, null, null, null),
      duplicate: row(5, 4, null, null, null, null, null),
      publication: blank7,
      excessive: blank7,
      confirmation: blank7,
    });
    // 2019 layout: （六）其他处理 is one row
    expect(a.otherHandling.other).toEqual(blank7);
    expect(a.totalHandled).toEqual(row(767, 35, null, null, 2, 1, 805));
    expect(a.carriedForward).toEqual(row(72, null, null, null, null, null, 72));
    // 859 + 18 = 805 + 72
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('§四 as printed', () => {
    expect(r.reviewLitigation).toEqual({
      review: { upheld: 5, corrected: null, other: null, pending: 2, total: 7 },
      litigationDirect: { upheld: 8, corrected: null, other: null, pending: 1, total: 9 },
      litigationAfterReview: { upheld: null, corrected: null, other: null, pending: null, total: null },
    });
    expect(r.evidence['reviewLitigation.litigationDirect.total']?.text).toBe('9');
  });
});

// ---------------------------------------------------------------------------------------------
interface Twin {
  label: string;
  bytes: (blocks: Block[]) => Uint8Array;
}
const page = (style: PageStyle, declare: string | null, enc: 'utf-8' | 'gbk' | 'utf-8-bom') => (blocks: Block[]) =>
  encodePage(renderPage(blocks, style, { declare }), enc);
const TWINS: Twin[] = [
  { label: 'CMS article page with site chrome (UTF-8, <meta charset>)', bytes: page('cms', 'utf-8', 'utf-8') },
  { label: 'Word "Save as Web Page" (GBK, http-equiv gb2312)', bytes: page('word', 'gb2312', 'gbk') },
  { label: 'old nested-table layout (GBK, undeclared)', bytes: page('nested', null, 'gbk') },
  { label: 'bare fragment with <th> rows (UTF-8 BOM)', bytes: page('minimal', null, 'utf-8-bom') },
  { label: 'Word .mht (GBK, quoted-printable)', bytes: (b) => toMht(encodeGbk(renderPage(b, 'word', { declare: 'gb2312' })), 'gb2312', 'quoted-printable') },
  { label: 'CMS page in .mht (UTF-8, base64)', bytes: (b) => toMht(encodePage(renderPage(b, 'cms', { declare: 'utf-8' }), 'utf-8'), 'utf-8', 'base64') },
  { label: 'WPS Office web page (GBK, http-equiv gb2312, runs split into spans)', bytes: page('wps', 'gb2312', 'gbk') },
  { label: 'modern XHTML (GB18030 named only in the XML declaration), group sub-rows stacked in one <tr> with <br />', bytes: (b) => encodePage(renderPage(b, 'modern', { stack: true, xml: 'GB18030' }), 'gbk') },
  { label: 'CMS page with §二 as one small table per block and §三 split in two (header repeated)', bytes: (b) => encodePage(renderPage(splitTables(b), 'cms', { declare: 'utf-8' }), 'utf-8') },
  { label: 'WPS web page with the tables split the same way (UTF-8)', bytes: (b) => encodePage(renderPage(splitTables(b), 'wps', { declare: 'utf-8' }), 'utf-8') },
];

describe('the split and stacked twins really are split and stacked', () => {
  it.each(SAMPLES.map((s) => [s.name] as const))('%s', async (name) => {
    const blocks = await docxBlocks(name);
    const tables = (b: Block[]) => b.filter((x): x is Table => x.kind === 'table');
    const has = (t: Table, s: string) => t.rows.some((r) => r.some((c) => c.text.includes(s)));
    const split = tables(splitTables(blocks));
    // §三 in two parts, §二 (where it prints 第二十条 captions) in one part per block
    expect(split.filter((t) => has(t, '申请人情况')).length).toBe(2);
    if (tables(blocks).some((t) => has(t, '第二十条'))) expect(split.filter((t) => has(t, '信息内容')).length).toBeGreaterThanOrEqual(4);
    // the page's §三 has fewer <tr> than the DOCX table has rows, and a cell with stacked lines
    const app = tables(blocks).find((t) => has(t, '本年新收'))!;
    const stacked = stackSubRows(app);
    expect(stacked.rows.length).toBeLessThan(app.rows.length);
    const html = renderPage(blocks, 'modern', { stack: true });
    expect(html).toMatch(/<td>\d[\d,]*<br \/>/);
  });
});

describe.each(SAMPLES.map((s) => [s.name] as const))('twins of sample %s', (name) => {
  let blocks: Block[];
  let expected: CanonicalReport;
  beforeAll(async () => {
    blocks = await docxBlocks(name);
    expected = JSON.parse(readFileSync(path.join(root, 'samples/expected', `${name}.json`), 'utf8'));
  });
  it.each(TWINS.map((t) => [t.label, t] as const))('%s gives the DOCX canonical fields', async (_label, twin) => {
    const bytes = twin.bytes(blocks);
    expect(sniff(bytes)).toBe('html');
    const r = await convertBytes(bytes, `${name}.html`);
    expect(r.source.format).toBe('html');
    expect(canonicalFields(r)).toEqual(canonicalFields(expected));
  });
});

// ---------------------------------------------------------------------------------------------
describe('pages that are not reports', () => {
  it('a list of reports', async () => {
    const html = NOT_REPORT_PAGES.list;
    const r = await convertBytes(utf8(html), 'list.html');
    expect(r.status).toBe('not-a-report');
    expect(r.error?.code).toBe('not-a-report');
    expect(r.error?.message).toContain('list of 4 reports');
    expect(r.error?.message).toContain('某某县人民政府2023年政府信息公开工作年度报告');
    expect(r.report.year).toBeNull();
  });

  it('a page that only links to the report as an attachment names the link', async () => {
    const html = NOT_REPORT_PAGES.attachment;
    const r = await convertBytes(utf8(html), 'attachment.html');
    expect(r.status).toBe('not-a-report');
    expect(r.error?.message).toContain('only links to the report as an attachment');
    expect(r.error?.message).toContain('某某县2022年政府信息公开工作年度报告.pdf');
    expect(r.error?.message).toContain('/files/2023/nb2022.pdf');
  });

  it('a JavaScript redirect shell', async () => {
    const html = NOT_REPORT_PAGES.redirect;
    const r = await convertBytes(utf8(html), 'redirect.html');
    expect(r.status).toBe('not-a-report');
    expect(r.error?.message).toContain('redirect');
    expect(r.error?.message).toContain('/xxgk/nb/2022/t20230120_1.html');
  });

  it("a site's 404 page", async () => {
    const html = NOT_REPORT_PAGES.notFound;
    const r = await convertBytes(utf8(html), '404.html');
    expect(r.status).toBe('not-a-report');
    expect(r.error?.message).toContain('error page');
  });
});

// ---------------------------------------------------------------------------------------------
describe('a page cut off in the middle of a table', () => {
  it('is partial; rows before the cut are read, the half row and everything after are null', async () => {
    const name = 'invented-2021-clean-yunxi-2023';
    const expected: CanonicalReport = JSON.parse(readFileSync(path.join(root, 'samples/expected', `${name}.json`), 'utf8'));
    const html = renderPage(await docxBlocks(name), 'cms');
    const row = html.indexOf('2.重复申请');
    const cut = html.indexOf('>17<', row) + 3; // inside the duplicate row: 38, 1|7 …
    expect(row).toBeGreaterThan(0);
    const r = await convertBytes(utf8(html.slice(0, cut)), 'cut.html');
    expect(r.status).toBe('partial');
    expect(r.warnings.map((w) => w.code)).toContain('row-missing');
    expect(r.warnings.find((w) => w.code === 'row-missing')?.message).toContain('cut off');
    // (the rows that tell 2019 from 2021 in §三 are after the cut: its layout may stay unknown)
    expect(r.report.layout.activeDisclosure).toBe('2021');
    expect(r.activeDisclosure).toEqual(expected.activeDisclosure);
    expect(r.applications.newReceived).toEqual(expected.applications.newReceived);
    expect(r.applications.notProcessed.petition).toEqual(expected.applications.notProcessed.petition);
    // never a number from the half row (38 and 1 were printed before the cut)
    expect(Object.values(r.applications.notProcessed.duplicate).every((v) => v === null)).toBe(true);
    expect(Object.values(r.applications.totalHandled).every((v) => v === null)).toBe(true);
    expect(Object.values(r.reviewLitigation.review).every((v) => v === null)).toBe(true);
    expect(r.sections.problems).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
describe('HTML details', () => {
  const tables = async (html: string): Promise<Table[]> => {
    const r = await extractHtml(utf8(html));
    if (!r.ok) throw new Error(r.error.message);
    return r.document.blocks.filter((b): b is Table => b.kind === 'table');
  };

  it('sub-rows stacked in one <tr> with <br> become rows; the group label spans them', async () => {
    const [t] = await tables(
      '<table border="1"><tr><td>（三）不予公开</td><td>1.属于国家秘密<br>2.其他法律行政法规禁止公开<br>3.危及“三安全一稳定”</td><td>0<br>1<br>&nbsp;</td><td>3<br>4<br>5</td></tr>' +
        '<tr><td colspan="2">（四）无法提供</td><td>7</td><td>8</td></tr></table>',
    );
    expect(t!.rows.map((r) => r.map((c) => [c.text, c.rowSpan, c.colSpan]))).toEqual([
      [['（三）不予公开', 3, 1], ['1.属于国家秘密', 1, 1], ['0', 1, 1], ['3', 1, 1]],
      [['2.其他法律行政法规禁止公开', 1, 1], ['1', 1, 1], ['4', 1, 1]],
      [['3.危及“三安全一稳定”', 1, 1], ['', 1, 1], ['5', 1, 1]],
      [['（四）无法提供', 1, 2], ['7', 1, 1], ['8', 1, 1]],
    ]);
  });

  it('a header cell with a <br> is one cell, not stacked rows', async () => {
    const [t] = await tables('<table border=1><tr><th>信息内容</th><th>本年新<br/>制作数量</th><th>本年新<br/>公开数量</th></tr><tr><td>规章</td><td>1</td><td>2</td></tr></table>');
    expect(t!.rows.map((r) => r.map((c) => c.text))).toEqual([['信息内容', '本年新\n制作数量', '本年新\n公开数量'], ['规章', '1', '2']]);
  });

  it('spans are clamped, deep nesting and huge tables do not break it', async () => {
    const [t] = await tables('<table><tr><td colspan="999999" rowspan="-3">a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>');
    expect(t!.rows[0]![0]).toMatchObject({ colSpan: 256, rowSpan: 1 });
    const [huge] = await tables('<table><tr><td colspan="1000000000" rowspan="2147483647">a</td></tr></table>');
    expect(huge!.rows[0]![0]).toMatchObject({ text: 'a', colSpan: LIMITS.maxTableColumns, rowSpan: LIMITS.maxTableRows });
    const deep = `${'<div>'.repeat(50_000)}<p>一、总体情况</p>${'</div>'.repeat(50_000)}`;
    const r = await extractHtml(utf8(deep));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.document.blocks.some((b) => b.kind === 'paragraph' && b.text === '一、总体情况')).toBe(true);
      expect(r.messages.map((m) => m.code)).toContain('html.too-deep');
    }
  });

  it('encodings: undeclared GBK, a wrong declaration, GB18030 via <meta charset>', () => {
    const text = '<p>二、主动公开政府信息情况</p>';
    expect(decodeBytes(encodeGbk(text), null, []).text).toBe(text);
    expect(decodeBytes(encodeGbk(`<meta charset="utf-8">${text}`), null, []).text).toContain(text);
    const m: { code: string }[] = [];
    expect(decodeBytes(utf8(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">${text}`), null, m as never).text).toContain(text);
    expect(m.map((x) => x.code)).toEqual(['html.charset-mismatch']);
    expect(decodeBytes(encodeGbk(`<meta charset="GB18030">${text}`), null, []).encoding).toBe('gb18030');
  });

  it('Word "Save as Web Page" producer is recorded; the page chrome gives no year, organisation or date', async () => {
    const blocks = await docxBlocks('seed-004-xibao-2023');
    const r = await convertBytes(encodePage(renderPage(blocks, 'word', { declare: 'gb2312' }), 'gbk'), 'w.htm');
    expect(r.source.producer).toBe('Microsoft Word 15');
    const c = await convertBytes(utf8(renderPage(blocks, 'cms')), 'c.html');
    // the CMS page says 发布机构 某某市人民政府办公室, 发布日期 2099-02-03, and lists 2017–2019 reports
    const expected: CanonicalReport = JSON.parse(readFileSync(path.join(root, 'samples/expected/seed-004-xibao-2023.json'), 'utf8'));
    expect(c.report).toEqual(expected.report);
    expect(JSON.stringify(c.report)).not.toMatch(/2099|某某市|20(17|18|19)年/);
  });
});
