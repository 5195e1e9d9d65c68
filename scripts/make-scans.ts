/**
 * Generated scans of text PDFs (test/helpers/scans.ts): every page rendered at the dpi, skewed,
 * blurred, noisy, unevenly lit and JPEG-compressed, written as an image-only PDF
 * (`<name>-scan.pdf`), and with --images also as one JPEG per page (`<name>-p<N>.jpg`, JFIF
 * density = dpi). Deterministic for a seed.
 *
 *   npx tsx scripts/make-scans.ts samples/pdf/*.pdf --out .scratch/scans [--dpi 150|200] [--seed N] [--quality Q] [--images]
 *
 * Prints one line per input: pages, seconds, bytes, and each page's skew and JPEG quality.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { imagePdf, scanImages, type ScanOptions } from '../test/helpers/scans.js';

function usage(message?: string): never {
  if (message) process.stderr.write(`make-scans: ${message}\n`);
  process.stderr.write('usage: npx tsx scripts/make-scans.ts IN.pdf... --out DIR [--dpi 150|200] [--seed N] [--quality 1-100] [--images]\n');
  process.exit(2);
}

const inputs: string[] = [];
let out: string | null = null;
const opts: ScanOptions = { dpi: 200, seed: 1 };
let images = false;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const a = args[i] as string;
  const value = (): number => {
    const v = Number(args[++i]);
    if (!Number.isFinite(v)) usage(`${a} needs a number`);
    return v;
  };
  if (a === '--out' || a === '-o') out = args[++i] ?? usage('--out needs a folder');
  else if (a === '--dpi') opts.dpi = value();
  else if (a === '--seed') opts.seed = value();
  else if (a === '--quality') opts.quality = value();
  else if (a === '--images') images = true;
  else if (a === '--help' || a === '-h') usage();
  else if (a.startsWith('-')) usage(`unknown option ${a}`);
  else inputs.push(a);
}
if (!out) usage('--out DIR is required');
if (inputs.length === 0) usage('no input PDF');
if (!(opts.dpi! >= 50 && opts.dpi! <= 600)) usage('--dpi must be within 50–600');

mkdirSync(out, { recursive: true });
for (const file of inputs) {
  const t = performance.now();
  const name = path.basename(file).replace(/\.pdf$/i, '');
  const pages = await scanImages(readFileSync(file), opts);
  const pdf = imagePdf(pages);
  writeFileSync(path.join(out, `${name}-scan.pdf`), pdf);
  if (images) for (const p of pages) writeFileSync(path.join(out, `${name}-p${p.page}.jpg`), p.jpeg);
  const s = ((performance.now() - t) / 1000).toFixed(2);
  const detail = pages.map((p) => `${p.degradation.skewDegrees.toFixed(2)}°/q${p.quality}`).join(' ');
  process.stdout.write(`${name}-scan.pdf  ${pages.length} pages  ${s} s  ${pdf.length} bytes  ${detail}\n`);
}
