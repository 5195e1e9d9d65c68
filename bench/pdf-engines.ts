/**
 * PDF engines side by side, in one process (and its children), over the same PDFs:
 *
 *  - `pdftotext -layout` (poppler, a child process per file; skipped when not installed): a
 *    reference for what a native text extractor costs;
 *  - the bare pdf.js loop: open, per page getTextContent + getOperatorList, destroy (what the
 *    extractor asks of pdf.js);
 *  - the bare PDFium loop: open, per page the engine's PageInput (characters, page objects,
 *    paths; src/extractors/pdfium/document.ts), close;
 *  - the full pipeline (convertBytes: extraction, layout, normalizer, schema) with each engine.
 *
 * The machine is shared and noisy: every round runs each method once, in a rotated order, after
 * an untimed warm-up round; the figures are medians over the rounds.
 *
 *   npx tsx bench/pdf-engines.ts [rounds=7]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { INERT_FONT_OPTIONS, loadPdfJs } from '../src/extractors/pdfjs-setup.js';
import { openPdfium } from '../src/extractors/pdfium/document.js';
import { convertBytes } from '../src/pipeline/convert.js';

const root = path.resolve(import.meta.dirname, '..');
const rounds = Math.max(1, Number(process.argv[2] ?? 7));
const dirs = [path.join(root, 'samples/pdf'), path.join(root, 'samples/browser-pdf'), path.resolve(root, '../shared/realworld/raw')];
const files = dirs.flatMap((d) => (existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(d, f)) : []));
const inputs = files.map((f) => ({ file: f, bytes: new Uint8Array(readFileSync(f)) }));

const pdfjs = await loadPdfJs();
const pdfjsDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

async function pdfjsLoop(): Promise<number> {
  let pages = 0;
  for (const { bytes } of inputs) {
    const task = pdfjs.getDocument({
      data: new Uint8Array(bytes),
      cMapUrl: pdfjsDir + '/cmaps/',
      cMapPacked: true,
      standardFontDataUrl: pdfjsDir + '/standard_fonts/',
      isEvalSupported: false,
      verbosity: 0,
      ...INERT_FONT_OPTIONS,
    });
    const doc = await task.promise;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      await page.getTextContent();
      await page.getOperatorList();
      page.cleanup();
      pages++;
    }
    await task.destroy();
  }
  return pages;
}

async function pdfiumLoop(): Promise<number> {
  let pages = 0;
  for (const { bytes } of inputs) {
    const doc = await openPdfium(bytes);
    try {
      for (let p = 1; p <= doc.numPages; p++) {
        doc.page(p);
        pages++;
      }
    } finally {
      doc.close();
    }
  }
  return pages;
}

async function pipeline(engine: 'pdfjs' | 'pdfium'): Promise<number> {
  process.env.XXGK_PDF_ENGINE = engine;
  let pages = 0;
  for (const { file, bytes } of inputs) {
    const r = await convertBytes(new Uint8Array(bytes), path.basename(file));
    pages += r.source.pages ?? 0;
  }
  delete process.env.XXGK_PDF_ENGINE;
  return pages;
}

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

async function pdftotext(): Promise<number> {
  let pages = 0;
  for (const { file, bytes } of inputs) {
    execFileSync('pdftotext', ['-layout', file, '-'], { stdio: ['ignore', 'ignore', 'ignore'] });
    // pages as the pipeline counts them (pdftotext does not say)
    pages += pageCounts.get(file) ?? 0;
    void bytes;
  }
  return pages;
}

const pageCounts = new Map<string, number>();
for (const { file, bytes } of inputs) {
  const doc = await openPdfium(bytes);
  pageCounts.set(file, doc.numPages);
  doc.close();
}

const methods: [string, () => Promise<number>][] = [
  ...(hasPdftotext ? ([['pdftotext -layout', pdftotext]] as [string, () => Promise<number>][]) : []),
  ['pdf.js bare loop', pdfjsLoop],
  ['PDFium bare loop', pdfiumLoop],
  ['pipeline, pdf.js', () => pipeline('pdfjs')],
  ['pipeline, PDFium', () => pipeline('pdfium')],
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const totalPages = [...pageCounts.values()].reduce((a, b) => a + b, 0);
console.log(`${new Date().toISOString()}  node ${process.version}  ${os.cpus().length} cores  load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`${inputs.length} PDFs, ${totalPages} pages; ${rounds} rounds after a warm-up round, order rotated each round\n`);

for (const [, run] of methods) await run(); // warm-up: module loads, JIT, WASM
const rates = new Map<string, number[]>(methods.map(([n]) => [n, []]));
for (let r = 0; r < rounds; r++) {
  for (let k = 0; k < methods.length; k++) {
    const [name, run] = methods[(r + k) % methods.length] as [string, () => Promise<number>];
    const t = performance.now();
    const pages = await run();
    const s = (performance.now() - t) / 1000;
    (rates.get(name) as number[]).push(pages / s);
  }
}

const med = new Map([...rates].map(([n, xs]) => [n, median(xs)]));
const base = med.get('pdf.js bare loop') as number;
const pipeBase = med.get('pipeline, pdf.js') as number;
console.log('| method | pages/s (median) | min–max | vs pdf.js bare | vs pipeline pdf.js |');
console.log('|---|---|---|---|---|');
for (const [name] of methods) {
  const xs = rates.get(name) as number[];
  const m = med.get(name) as number;
  console.log(`| ${name} | ${m.toFixed(1)} | ${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)} | ${(m / base).toFixed(2)}× | ${(m / pipeBase).toFixed(2)}× |`);
}
console.log(`\nload after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
