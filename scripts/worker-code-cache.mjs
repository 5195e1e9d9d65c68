// Part of `npm run build` (run by bundle-worker.mjs in a process of its own): runs the worker's
// script, converts a sample Word file, PDF and web page with it, and writes V8's code cache of
// everything that compiled (dist/worker/worker.cjs.cache). Prints one line.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCommonJs } from '../dist/pipeline/code-cache.js';

const root = new URL('..', import.meta.url);
const loaded = runCommonJs(fileURLToPath(new URL('dist/worker/worker.cjs', root)));
const convertTask = loaded.exports.default;
const SAMPLES = ['samples/invented-2021-clean-yunxi-2023.docx', 'samples/pdf/invented-2021-clean-yunxi-2023.pdf', 'samples/html/fragment-bom-jinchuan-2023.html'];
let trained = 0;
for (const s of SAMPLES) {
  const file = new URL(s, root);
  if (!existsSync(file)) continue;
  const report = await convertTask({ bytes: new Uint8Array(readFileSync(file)), display: s });
  if (report?.status !== 'ok') throw new Error(`${s} converted as ${report?.status}: ${JSON.stringify(report?.error)}`);
  trained++;
}
const bytes = loaded.saveCache();
console.log(`bundle-worker: code cache ${(bytes / 1024).toFixed(0)} KiB (${trained} sample file(s) converted)`);
process.exit(0);
