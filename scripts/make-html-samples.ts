/**
 * samples/html/: one web page per kind seen in real publications. The twins are rendered from
 * what the DOCX extractor reads of a DOCX sample (so the tables, merged cells included, are the
 * same) by test/helpers/html-pages.ts; the others are pages a crawler saves that are not reports,
 * and a page cut off in the middle of §三. Byte-deterministic.
 *
 *   npx tsx scripts/make-html-samples.ts
 *
 * Their expected JSON (samples/expected/html/) is the converter's output, committed after
 * checking it by eye: for twins, that every canonical field equals the DOCX sample's expected
 * JSON (itself checked against the document) — test/html-samples.test.ts keeps both true.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { extractDocx } from '../src/extractors/docx.js';
import { convertFile, toJson } from '../src/pipeline/convert.js';
import type { Block } from '../src/model.js';
import { cutPage, encodeGbk, encodePage, NOT_REPORT_PAGES, renderPage, splitTables, toMht } from '../test/helpers/html-pages.js';

const root = path.resolve(import.meta.dirname, '..');

export interface HtmlSample {
  /** Output file name under samples/html/. */
  file: string;
  /** The DOCX sample it renders. */
  docx: string | null;
  /** Whether its canonical fields must equal the DOCX sample's (a twin). */
  twin: boolean;
  /** The status it must get. */
  status: 'ok' | 'partial' | 'not-a-report';
  /** The kind of page. */
  kind: string;
  render: (blocks: Block[]) => Uint8Array;
}

async function blocksOf(name: string): Promise<Block[]> {
  const r = await extractDocx(readFileSync(path.join(root, 'samples', `${name}.docx`)));
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.document.blocks;
}

export const HTML_SAMPLES: HtmlSample[] = [
  {
    file: 'cms-utf8-haicheng-2022.shtml', docx: 'seed-001-haicheng-2022', twin: true, status: 'partial', kind: 'CMS article page with full site chrome (nav, sidebar of other years, 信息索引 table, footer), UTF-8 <meta charset>',
    render: (b) => encodePage(renderPage(b, 'cms', { declare: 'utf-8' }), 'utf-8'),
  },
  {
    file: 'word-gb2312-yunxi-2023.htm', docx: 'invented-2021-clean-yunxi-2023', twin: true, status: 'ok', kind: 'Word "Save as Web Page" (mso styles, <o:p>, conditional comments), GBK declared as gb2312',
    render: (b) => encodePage(renderPage(b, 'word', { declare: 'gb2312' }), 'gbk'),
  },
  {
    file: 'nested-gbk-undeclared-zhegou-2022.html', docx: 'seed-003-zhegou-2022', twin: true, status: 'ok', kind: 'old layout of nested <table>s, GBK with no charset declared',
    render: (b) => encodePage(renderPage(b, 'nested', { declare: null }), 'gbk'),
  },
  {
    file: 'fragment-bom-jinchuan-2023.html', docx: 'invented-vertical-jinchuan-2023', twin: true, status: 'ok', kind: 'bare fragment (content delivered by a site API), UTF-8 with BOM',
    render: (b) => encodePage(renderPage(b, 'minimal', { declare: null }), 'utf-8-bom'),
  },
  {
    file: 'word-mht-qinghe-2020.mht', docx: 'invented-2019-clean-qinghe-2020', twin: true, status: 'ok', kind: 'Word web archive (.mht), GBK, quoted-printable',
    render: (b) => toMht(encodeGbk(renderPage(b, 'word', { declare: 'gb2312' })), 'gb2312', 'quoted-printable'),
  },
  {
    file: 'wps-gbk-xibao-2023.html', docx: 'seed-004-xibao-2023', twin: true, status: 'partial', kind: 'WPS Office web page (runs split into <span><font face> at every label number and digit, mso-spacerun), GBK declared as gb2312',
    render: (b) => encodePage(renderPage(b, 'wps', { declare: 'gb2312' }), 'gbk'),
  },
  {
    file: 'modern-stacked-lushaer-2022.xhtml', docx: 'seed-000-lushaer-2022', twin: true, status: 'ok', kind: 'minimal modern XHTML (<thead> of <th>, <br />), the sub-rows of each §三 group stacked in one <tr>; GB18030 named only in the XML declaration',
    render: (b) => encodePage(renderPage(b, 'modern', { stack: true, xml: 'GB18030' }), 'gbk'),
  },
  {
    file: 'split-tables-songlin-2022.html', docx: 'invented-pagebreak-songlin-2022', twin: true, status: 'ok', kind: 'CMS page with §二 as one small table per block (captions as paragraphs) and §三 split in two with the header repeated',
    render: (b) => encodePage(renderPage(splitTables(b), 'cms', { declare: 'utf-8' }), 'utf-8'),
  },
  {
    file: 'cms-base64-linjiang-2020.mhtml', docx: 'invented-borderless-linjiang-2020', twin: true, status: 'ok', kind: 'CMS page saved by a browser as .mhtml (UTF-8, base64)',
    render: (b) => toMht(encodePage(renderPage(b, 'cms', { declare: 'utf-8' }), 'utf-8'), 'utf-8', 'base64'),
  },
  {
    file: 'html-named-doc-baisha-2022.doc', docx: 'invented-local-modified-baisha-2022', twin: true, status: 'ok', kind: 'a Word web page published under a .doc name (sniffed as HTML), GBK declared as GBK',
    render: (b) => encodePage(renderPage(b, 'word', { declare: 'GBK' }), 'gbk'),
  },
  {
    file: 'cut-off-yunxi-2023.html', docx: 'invented-2021-clean-yunxi-2023', twin: false, status: 'partial', kind: 'a page cut off by a crawler inside the 2.重复申请 row of §三 (after its label and first value 38, one character into 17)',
    render: (b) => encodePage(cutPage(renderPage(b, 'cms', { declare: 'utf-8' }), '2.重复申请', 2), 'utf-8'),
  },
  { file: 'not-report-list.html', docx: null, twin: false, status: 'not-a-report', kind: 'a list of reports (an index page of 4 years)', render: () => encodePage(NOT_REPORT_PAGES.list, 'utf-8') },
  { file: 'not-report-attachment.shtml', docx: null, twin: false, status: 'not-a-report', kind: 'an article that only links to the report as a PDF attachment', render: () => encodePage(NOT_REPORT_PAGES.attachment, 'utf-8') },
  { file: 'not-report-redirect.htm', docx: null, twin: false, status: 'not-a-report', kind: 'a JavaScript redirect shell', render: () => encodePage(NOT_REPORT_PAGES.redirect, 'utf-8') },
  { file: 'not-report-404.html', docx: null, twin: false, status: 'not-a-report', kind: "a site's 404 page", render: () => encodePage(NOT_REPORT_PAGES.notFound, 'utf-8') },
];

async function main(): Promise<void> {
  const dir = path.join(root, 'samples/html');
  const expected = path.join(root, 'samples/expected/html');
  mkdirSync(dir, { recursive: true });
  mkdirSync(expected, { recursive: true });
  for (const s of HTML_SAMPLES) {
    writeFileSync(path.join(dir, s.file), s.render(s.docx ? await blocksOf(s.docx) : []));
    const report = await convertFile(path.join(dir, s.file), { displayPath: `samples/html/${s.file}` });
    writeFileSync(path.join(expected, `${s.file.replace(/\.[^.]+$/, '')}.json`), toJson(report));
    console.log(`samples/html/${s.file}  ${report.status}  (${s.kind})`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
