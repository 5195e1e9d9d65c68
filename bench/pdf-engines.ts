/**
 * PDF engines side by side, in one process (and its children), over the same PDFs:
 *
 *  - `pdftotext -layout` (poppler, a child process per file; skipped when not installed): a
 *    reference for what a native text extractor costs;
 *  - the bare pdf.js loop: open, per page getTextContent + getOperatorList, destroy (what the
 *    extractor asks of pdf.js);
 *  - the bare PDFium loop: open, per page the engine's PageInput (characters, page objects,
 *    paths; src/extractors/pdfium/document.ts), close;
 *  - the full pipeline (convertBytes: extraction, layout, normalizer, schema) with each engine;
 *  - the compiled CLI, `xxgk convert DIR --jobs 1` and `--jobs 2` (a child process each: start-up,
 *    worker threads, manifest and output files included), over COPIES byte-distinct copies of the
 *    same PDFs (default 7: 231 files), after `npm run build`;
 *  - the machine's own ceiling for two threads: a pure-JavaScript loop in two worker threads at
 *    once vs in one (2 × t₁ / t₂), run in the same rounds, so that the `--jobs 2` ratio can be read
 *    against what the two cores give at that moment;
 *  - the CPU of each CLI run, all its threads (bash's `time`), so that the ratio splits into the
 *    work two threads do against one and the cores each run used: `--jobs 1` already uses more
 *    than one core (V8's compiler and GC threads, the main thread's I/O), which bounds what a
 *    second thread can add on two cores.
 *
 * The machine is shared and noisy: every round runs each method once, in a rotated order, after
 * an untimed warm-up round; the figures are medians over the rounds.
 *
 *   npm run build && npx tsx bench/pdf-engines.ts [rounds=7] [copies=7]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
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

// the compiled CLI over byte-distinct copies (a trailing newline per copy: nothing deduplicated)
const copies = Math.max(1, Number(process.argv[3] ?? 7));
const cliJs = path.join(root, 'dist/cli.js');
if (!existsSync(cliJs)) throw new Error('dist/cli.js is missing: run npm run build first');
const cliInput = mkdtempSync(path.join(os.tmpdir(), 'xxgk-engines-in-'));
for (let k = 0; k < copies; k++) {
  inputs.forEach(({ bytes }, i) => writeFileSync(path.join(cliInput, `${k}-${i}.pdf`), Buffer.concat([bytes, Buffer.from('\n'.repeat(k + 1))])));
}
process.on('exit', () => rmSync(cliInput, { recursive: true, force: true }));

/** Per --jobs and round (warm-up excluded): wall seconds and CPU seconds of the CLI, all its threads. */
const cliTimes = new Map<number, { wall: number; cpu: number }[]>([[1, []], [2, []]]);
let timing = false;
const hasBash = (() => {
  try {
    execFileSync('bash', ['-c', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

async function cli(jobs: number): Promise<number> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'xxgk-engines-out-'));
  try {
    const args = [cliJs, 'convert', cliInput, '--out', out, '--jobs', String(jobs), '-q'];
    if (hasBash) {
      // bash's `time`: the child's wall time and its user and system CPU, every thread included
      const r = spawnSync('bash', ['-c', 'TIMEFORMAT="XXGK-TIME %R %U %S"; time "$0" "$@" 2>/dev/null', process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
      const t = /XXGK-TIME ([\d.]+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
      if (r.status !== 0 || !t) throw new Error(`xxgk convert --jobs ${jobs} failed: ${r.stderr}`);
      if (timing) cliTimes.get(jobs)?.push({ wall: Number(t[1]), cpu: Number(t[2]) + Number(t[3]) });
    } else execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return totalPages * copies;
}

/** Seconds for `threads` worker threads each running the same pure-JavaScript loop. */
async function spin(threads: number): Promise<number> {
  const code = `let x = 0; for (let i = 0; i < 3e8; i++) x = (x + i * 7) % 1000003; require('node:worker_threads').parentPort.postMessage(x);`;
  const t = performance.now();
  await Promise.all(Array.from({ length: threads }, () => new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true });
    w.once('message', resolve);
    w.once('error', reject);
  })));
  return (performance.now() - t) / 1000;
}
const ceilings: number[] = [];

const methods: [string, () => Promise<number>][] = [
  ...(hasPdftotext ? ([['pdftotext -layout', pdftotext]] as [string, () => Promise<number>][]) : []),
  ['pdf.js bare loop', pdfjsLoop],
  ['PDFium bare loop', pdfiumLoop],
  ['pipeline, pdf.js', () => pipeline('pdfjs')],
  ['pipeline, PDFium', () => pipeline('pdfium')],
  [`xxgk convert --jobs 1 (${copies} copies)`, () => cli(1)],
  [`xxgk convert --jobs 2 (${copies} copies)`, () => cli(2)],
  ['two threads vs one (pure JS)', async () => {
    const one = await spin(1);
    ceilings.push((2 * one) / (await spin(2)));
    return NaN;
  }],
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
ceilings.length = 0; // the warm-up round's is not a figure
timing = true;
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

rates.delete('two threads vs one (pure JS)');
const med = new Map([...rates].map(([n, xs]) => [n, median(xs)]));
const base = med.get('pdf.js bare loop') as number;
const pipeBase = med.get('pipeline, pdf.js') as number;
console.log('| method | pages/s (median) | min–max | vs pdf.js bare | vs pipeline pdf.js |');
console.log('|---|---|---|---|---|');
for (const [name] of methods) {
  const xs = rates.get(name);
  if (!xs) continue;
  const m = med.get(name) as number;
  console.log(`| ${name} | ${m.toFixed(1)} | ${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)} | ${(m / base).toFixed(2)}× | ${(m / pipeBase).toFixed(2)}× |`);
}
const j1 = rates.get(`xxgk convert --jobs 1 (${copies} copies)`) as number[];
const j2 = rates.get(`xxgk convert --jobs 2 (${copies} copies)`) as number[];
const pdftotextRate = med.get('pdftotext -layout');
console.log(`\nxxgk convert over ${inputs.length * copies} files: --jobs 2 / --jobs 1 = ${(median(j2) / median(j1)).toFixed(2)}× (per round: ${j2.map((x, i) => (x / (j1[i] as number)).toFixed(2)).join(' ')})`);
console.log(`the machine's ceiling, two threads of pure JavaScript vs one: ${median(ceilings).toFixed(2)}× (per round: ${ceilings.map((c) => c.toFixed(2)).join(' ')})`);
const [t1, t2] = [cliTimes.get(1) ?? [], cliTimes.get(2) ?? []];
if (t1.length && t2.length) {
  // throughput ratio = (CPU per file, jobs 1 / jobs 2) × (cores used, jobs 2 / jobs 1): whether two
  // threads do more work for the same files, and how much more of the machine they get than one
  const cores = (ts: { wall: number; cpu: number }[]) => median(ts.map((t) => t.cpu / t.wall));
  const cpu = (ts: { wall: number; cpu: number }[]) => median(ts.map((t) => t.cpu));
  console.log(`CPU of the CLI (all threads): --jobs 1 ${cpu(t1).toFixed(1)} s using ${cores(t1).toFixed(2)} cores, --jobs 2 ${cpu(t2).toFixed(1)} s using ${cores(t2).toFixed(2)} cores: ratio = ${(cpu(t1) / cpu(t2)).toFixed(2)} (work) × ${(cores(t2) / cores(t1)).toFixed(2)} (cores); with all ${os.cpus().length} cores busy at most ${(Math.min(os.cpus().length, 2) / cores(t1) * (cpu(t1) / cpu(t2))).toFixed(2)}×`);
}
if (pdftotextRate) console.log(`pipeline (PDFium, one thread) / pdftotext: ${((med.get('pipeline, PDFium') as number) / pdftotextRate).toFixed(2)}×; xxgk convert --jobs 1 / pdftotext: ${(median(j1) / pdftotextRate).toFixed(2)}×`);
console.log(`\nload after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
