/**
 * Batch throughput: the bundled samples (DOCX and PDF) copied into a folder COPIES times with
 * distinct bytes, converted with 1 and with 2 worker threads. Prints files/s and peak RSS.
 *   npx tsx bench/throughput.ts [copies=10] [all|docx|pdf]
 * Run on an otherwise idle machine; figures go to bench/RESULTS.md.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBatch } from '../src/pipeline/batch.js';
import { discover } from '../src/pipeline/discover.js';

const copies = Number(process.argv[2] ?? 10);
const only = process.argv[3] ?? 'all';
const root = path.resolve(import.meta.dirname, '..');
const input = mkdtempSync(path.join(tmpdir(), 'xxgk-bench-in-'));
const sources = [
  ...(only === 'pdf' ? [] : readdirSync(path.join(root, 'samples')).filter((f) => f.endsWith('.docx')).map((f) => path.join(root, 'samples', f))),
  ...(only === 'docx' ? [] : readdirSync(path.join(root, 'samples/pdf')).map((f) => path.join(root, 'samples/pdf', f))),
];
let n = 0;
for (let k = 0; k < copies; k++) {
  for (const s of sources) {
    // a trailing newline per copy: distinct bytes, so nothing is deduplicated
    writeFileSync(path.join(input, `${n++}${path.extname(s)}`), Buffer.concat([readFileSync(s), Buffer.from('\n'.repeat(k))]));
  }
}
const docx = sources.filter((s) => s.endsWith('.docx')).length * copies;
console.log(`${n} files (${docx} docx, ${n - docx} pdf), node ${process.version}`);

for (const jobs of [1, 2]) {
  const out = mkdtempSync(path.join(tmpdir(), 'xxgk-bench-out-'));
  const { jobs: list } = await discover([input]);
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  const t0 = performance.now();
  const batch = await startBatch(list, { outDir: out, jobs });
  let done = 0;
  for await (const r of batch.results) if (r.outcome === 'converted') done++;
  const secs = (performance.now() - t0) / 1000;
  clearInterval(timer);
  console.log(`jobs=${jobs}: ${done} converted in ${secs.toFixed(1)} s = ${(done / secs).toFixed(1)} files/s; main-process peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (workers included: threads share the process)`);
  rmSync(out, { recursive: true, force: true });
}
rmSync(input, { recursive: true, force: true });
