/**
 * samples/html/: web-page twins of five DOCX samples, one per kind of page seen in real
 * publications, rendered from what the DOCX extractor reads of each sample (so the tables, merged
 * cells included, are the same) by test/helpers/html-pages.ts. Byte-deterministic.
 *
 *   npx tsx scripts/make-html-samples.ts
 *
 * Their expected JSON (samples/expected/html/) is the converter's output, committed after
 * checking that every canonical field equals the DOCX sample's expected JSON (which was checked
 * by eye against the document) — test/html-samples.test.ts keeps both true.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { extractDocx } from '../src/extractors/docx.js';
import { convertFile, toJson } from '../src/pipeline/convert.js';
import { encodeGbk, encodePage, renderPage, toMht } from '../test/helpers/html-pages.js';

const root = path.resolve(import.meta.dirname, '..');

export interface HtmlSample {
  /** Output file name under samples/html/. */
  file: string;
  /** The DOCX sample it renders. */
  docx: string;
  /** The kind of page. */
  kind: string;
  render: (blocks: Awaited<ReturnType<typeof blocksOf>>) => Uint8Array;
}

async function blocksOf(name: string) {
  const r = await extractDocx(readFileSync(path.join(root, 'samples', `${name}.docx`)));
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.document.blocks;
}

export const HTML_SAMPLES: HtmlSample[] = [
  {
    file: 'cms-utf8-haicheng-2022.shtml', docx: 'seed-001-haicheng-2022', kind: 'CMS article page with full site chrome (nav, sidebar of other years, 信息索引 table, footer), UTF-8 <meta charset>',
    render: (b) => encodePage(renderPage(b, 'cms', { declare: 'utf-8' }), 'utf-8'),
  },
  {
    file: 'word-gb2312-yunxi-2023.htm', docx: 'invented-2021-clean-yunxi-2023', kind: 'Word "Save as Web Page" (mso styles, <o:p>, conditional comments), GBK declared as gb2312',
    render: (b) => encodePage(renderPage(b, 'word', { declare: 'gb2312' }), 'gbk'),
  },
  {
    file: 'nested-gbk-undeclared-zhegou-2022.html', docx: 'seed-003-zhegou-2022', kind: 'old layout of nested <table>s, GBK with no charset declared',
    render: (b) => encodePage(renderPage(b, 'nested', { declare: null }), 'gbk'),
  },
  {
    file: 'fragment-bom-jinchuan-2023.html', docx: 'invented-vertical-jinchuan-2023', kind: 'bare fragment (content delivered by a site API), UTF-8 with BOM',
    render: (b) => encodePage(renderPage(b, 'minimal', { declare: null }), 'utf-8-bom'),
  },
  {
    file: 'word-mht-qinghe-2020.mht', docx: 'invented-2019-clean-qinghe-2020', kind: 'Word web archive (.mht), GBK, quoted-printable',
    render: (b) => toMht(encodeGbk(renderPage(b, 'word', { declare: 'gb2312' })), 'gb2312', 'quoted-printable'),
  },
];

async function main(): Promise<void> {
  const dir = path.join(root, 'samples/html');
  const expected = path.join(root, 'samples/expected/html');
  mkdirSync(dir, { recursive: true });
  mkdirSync(expected, { recursive: true });
  for (const s of HTML_SAMPLES) {
    writeFileSync(path.join(dir, s.file), s.render(await blocksOf(s.docx)));
    const report = await convertFile(path.join(dir, s.file), { displayPath: `samples/html/${s.file}` });
    writeFileSync(path.join(expected, `${s.file.replace(/\.[^.]+$/, '')}.json`), toJson(report));
    console.log(`samples/html/${s.file}  ${report.status}  (${s.kind})`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
