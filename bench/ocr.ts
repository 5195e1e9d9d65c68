/**
 * OCR benchmark: seconds per scanned page on one thread, and how many values come out right.
 *
 *   npx tsx bench/ocr.ts [seeds=2] [dpi=150,200] [samples=all]
 *   (seeds: N for seeds 1…N, or A-B for seeds A…B)
 *
 * Every text-layer PDF sample (samples/pdf) is turned into generated scans (test/helpers/scans.ts:
 * rendered, skewed, blurred, noisy, JPEG-compressed, an image-only PDF) for each seed and dpi,
 * converted in this process (`convertBytes`, the worker's own call), and its three tables, title,
 * organization and year compared with the sample's expected JSON. The OCR engine is loaded by
 * one untimed warm-up conversion first.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { convertBytes } from '../src/pipeline/convert.js';
import type { CanonicalReport } from '../src/schema/canonical.js';
import { addScores, score, type Score } from '../test/helpers/ocr-score.js';
import { scanPdf } from '../test/helpers/scans.js';

const root = path.resolve(import.meta.dirname, '..');
const seedArg = /^(\d+)-(\d+)$/.exec(process.argv[2] ?? '');
const firstSeed = seedArg ? Number(seedArg[1]) : 1;
const seeds = seedArg ? Number(seedArg[2]) : Number(process.argv[2] ?? 2);
const dpis = (process.argv[3] ?? '150,200').split(',').map(Number);
const only = process.argv[4] && process.argv[4] !== 'all' ? new RegExp(process.argv[4]) : null;

const pdfDir = path.join(root, 'samples/pdf');
const names = readdirSync(pdfDir)
  .filter((f) => f.endsWith('.pdf'))
  .filter((f) => !only || only.test(f))
  .sort();

interface Row {
  name: string;
  dpi: number;
  seed: number;
  pages: number;
  ms: number;
  status: string;
  s: Score;
}

const rows: Row[] = [];
let warmed = false;
for (const dpi of dpis) {
  for (let seed = firstSeed; seed <= seeds; seed++) {
    for (const f of names) {
      const want = JSON.parse(readFileSync(path.join(root, 'samples/expected', f.replace(/\.pdf$/, '.json')), 'utf8')) as CanonicalReport;
      const scan = await scanPdf(readFileSync(path.join(pdfDir, f)), { dpi, seed });
      if (!warmed) {
        await convertBytes(scan, f);
        warmed = true;
      }
      const t0 = performance.now();
      const got = await convertBytes(scan, f);
      const ms = performance.now() - t0;
      rows.push({ name: f, dpi, seed, pages: got.source.ocr?.pages.length ?? 0, ms, status: got.status, s: score(got, want) });
      const r = rows[rows.length - 1] as Row;
      console.log(
        `${f} dpi=${dpi} seed=${seed}: ${r.status}, ${r.pages} OCR page(s), ${(ms / 1000).toFixed(2)} s, right ${r.s.right}/${r.s.fields}, null ${r.s.missing.length}, wrong ${r.s.wrong.length}${r.s.wrong.length ? ' ' + JSON.stringify(r.s.wrong) : ''}`,
      );
    }
  }
}

for (const dpi of dpis) {
  const at = rows.filter((r) => r.dpi === dpi);
  const pages = at.reduce((s, r) => s + r.pages, 0);
  const ms = at.reduce((s, r) => s + r.ms, 0);
  const total = addScores(at.map((r) => r.s));
  const values = total.fields;
  console.log(
    `\n${dpi} dpi: ${at.length} scans, ${pages} pages, ${(ms / 1000 / Math.max(1, pages)).toFixed(2)} s/page; fields right ${total.right}/${values} (${((100 * total.right) / values).toFixed(1)} %), null ${total.missing.length}, wrong ${total.wrong.length} (${((200 * total.wrong.length) / values).toFixed(2)} per 200)`,
  );
}
