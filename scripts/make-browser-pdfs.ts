/**
 * samples/browser-pdf/: DOCX samples printed the way Chrome prints a report web page ("Save as
 * PDF", Skia/PDF), one per kind of print seen in real publications, made by
 * test/helpers/browser-pdf.ts from what the DOCX extractor reads of the sample. Byte-deterministic.
 *
 *   npx tsx scripts/make-browser-pdfs.ts
 *
 * Their expected JSON (samples/expected/browser-pdf/) is the converter's output, committed after
 * checking it field by field against the DOCX sample's expected JSON (test/browser-pdf.test.ts
 * keeps that true, with the differences each sample is allowed listed in `differs`).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { extractDocx } from '../src/extractors/docx.js';
import type { Block } from '../src/model.js';
import { convertFile, toJson } from '../src/pipeline/convert.js';
import { browserPdf, VARIANTS, type VariantName } from '../test/helpers/browser-pdf.js';

const root = path.resolve(import.meta.dirname, '..');

export interface BrowserSample {
  /** Output file name under samples/browser-pdf/. */
  file: string;
  /** The DOCX sample it prints. */
  docx: string;
  variant: VariantName;
  /** The status it must get. */
  status: 'ok' | 'partial';
  /**
   * How it compares with the DOCX sample: 'twin' — every canonical field equal (section text
   * without whitespace, pdf.* notes aside but the borderless-table note of a borderless print); 'nulls' — title, organisation, year and date equal,
   * every number equal to the DOCX one or null, never another value (tables the PDF extractor
   * cannot rebuild are null with warnings).
   */
  compare: 'twin' | 'nulls';
  kind: string;
}

export const BROWSER_SAMPLES: BrowserSample[] = [
  {
    file: 'browser-skia-chrome-lushaer-2022.pdf', docx: 'seed-000-lushaer-2022', variant: 'skia-chrome', status: 'ok', compare: 'twin',
    kind: "Chrome print of a CMS page: Skia borders (every cell side a filled 1px shape, shared edges twice), Chrome's header/footer lines (date, page title, URL, 1/4), site chrome (logo and link bar, nav band, breadcrumb, sidebar of the 2019/2018/2017 reports, 信息索引 table, print/share links, 网站标识码/ICP footer); the report's title names no year",
  },
  {
    file: 'browser-borderless-linjiang-2020.pdf', docx: 'invented-borderless-linjiang-2020', variant: 'borderless', status: 'ok', compare: 'twin',
    kind: 'Chrome print of a page whose tables have CSS border:0 (no rulings; text centred in cells as a browser places it, header words and labels wrapped in their cells, header rows repeated on the next page), no header/footer lines',
  },
  {
    file: 'browser-radicals-spaced-yunxi-2023.pdf', docx: 'invented-2021-clean-yunxi-2023', variant: 'radicals-spaced', status: 'ok', compare: 'twin',
    kind: 'Chrome print whose text layer says CJK radicals (⺠ for 民, ⺝ for 月, ⼀ for 一 …) and a space after every ideograph where the page shows plain text; Skia borders, header/footer lines',
  },
  {
    file: 'browser-chrome-no-thead-songlin-2022.pdf', docx: 'invented-pagebreak-songlin-2022', variant: 'chrome-no-thead', status: 'ok', compare: 'twin',
    kind: "Chrome print of a CMS page without header/footer lines: Skia borders, site chrome with the list of other years' reports BELOW the article (相关阅读, after the signature date), tables broken across pages without repeated header rows",
  },
];

async function blocksOf(name: string): Promise<Block[]> {
  const r = await extractDocx(readFileSync(path.join(root, 'samples', `${name}.docx`)));
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.document.blocks;
}

async function main(): Promise<void> {
  const dir = path.join(root, 'samples/browser-pdf');
  const expected = path.join(root, 'samples/expected/browser-pdf');
  mkdirSync(dir, { recursive: true });
  mkdirSync(expected, { recursive: true });
  for (const s of BROWSER_SAMPLES) {
    writeFileSync(path.join(dir, s.file), browserPdf(await blocksOf(s.docx), VARIANTS[s.variant]));
    const report = await convertFile(path.join(dir, s.file), { displayPath: `samples/browser-pdf/${s.file}` });
    writeFileSync(path.join(expected, `${s.file.replace(/\.pdf$/, '')}.json`), toJson(report));
    console.log(`samples/browser-pdf/${s.file}  ${report.status}  (${s.kind.slice(0, 80)}…)`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
