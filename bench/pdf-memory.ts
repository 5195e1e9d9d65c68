/**
 * Memory check: converts the real PDFs in ../shared/realworld/raw 200 times in one process
 * (the whole conversion: pdf.js extraction, normalizer, schema validation) and prints RSS / heap
 * at iterations 0, 50, 100, 150 and 200. RSS must stay flat.
 * Run with `node --expose-gc --import tsx bench/pdf-memory.ts [iterations] [files…]`
 * (not part of `npm test`; figures in bench/RESULTS.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { convertBytes } from '../src/pipeline/convert.js';

const RAW = fileURLToPath(new URL('../../shared/realworld/raw/', import.meta.url));
const DEFAULT_FILES = [
  'KIROGOVCOMPARE__huaian-hongze-district-gov_2023.pdf',
  'KIROGOVCOMPARE__huaian-hongze-district-gov_2024.pdf',
  'govnianbao__huaian-city-gov_2024.pdf',
].map((f) => RAW + f);

const iterations = Number(process.argv[2] ?? 200);
const files = process.argv.length > 3 ? process.argv.slice(3) : DEFAULT_FILES;
const present = files.filter((f) => existsSync(f));
if (present.length === 0) {
  console.error(`no input files found (looked for ${files.join(', ')})`);
  process.exit(1);
}
const inputs = present.map((f) => ({ name: f.split('/').pop() as string, bytes: new Uint8Array(readFileSync(f)) }));
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
const checkpoints = new Set([0, 50, 100, 150, 200, iterations]);
const t0 = performance.now();
for (let i = 0; i <= iterations; i++) {
  for (const { name, bytes } of inputs) {
    const r = await convertBytes(bytes, name);
    if (r.status !== 'ok') throw new Error(`${name}: ${r.status} ${r.error?.code ?? ''}`);
  }
  if (checkpoints.has(i)) {
    // with --expose-gc (e.g. NODE_OPTIONS=--expose-gc), collect first so heap figures are live data only
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    const elapsed = (performance.now() - t0) / 1000;
    console.log(`iteration ${String(i).padStart(3)}: rss ${mb(m.rss)} MB, heapUsed ${mb(m.heapUsed)} MB, external ${mb(m.external)} MB, ${elapsed.toFixed(1)} s`);
  }
}
const perFile = (performance.now() - t0) / ((iterations + 1) * inputs.length);
console.log(`${inputs.length} files × ${iterations + 1} iterations, ${perFile.toFixed(0)} ms per file on average`);
