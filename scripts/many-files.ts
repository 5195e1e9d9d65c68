/**
 * Many byte-distinct but valid report files, for soak runs (worker recycling, memory):
 *   npx tsx scripts/many-files.ts <outDir> <count> [--per-folder 100]
 *
 * Cycles through every sample (samples/*.docx and samples/pdf/*.pdf) and makes each copy unique
 * without changing what it says:
 *   - DOCX: docProps/core.xml gets a <dc:identifier>xxgk-copy-NNNNNN</dc:identifier> (the converter
 *     does not read core.xml), rezipped with fflate;
 *   - PDF: a comment line "%xxgk-copy NNNNNN" after the final %%EOF (pdf.js finds startxref within
 *     the last kilobyte, so the file reads as before).
 * Files go to subfolders of at most `perFolder` files: <outDir>/batch-000/<sample>-000042.docx.
 * Every copy converts to the same canonical fields as its sample (samples/expected/<sample>.json).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const root = path.resolve(import.meta.dirname, '..');

export interface ManyFile {
  /** Absolute path written. */
  file: string;
  /** Path relative to outDir (its JSON is the same path with .json instead of the extension). */
  rel: string;
  /** The sample's name without extension, e.g. seed-001-haicheng-2022 (samples/expected/<sample>.json). */
  sample: string;
  format: 'docx' | 'pdf';
}

export interface ManyFilesOptions {
  /** Files per subfolder (default 100). */
  perFolder?: number;
  /** Sample files to cycle through (default: every sample, DOCX then PDF, sorted). */
  samples?: string[];
}

export function sampleFiles(base = root): string[] {
  const docx = readdirSync(path.join(base, 'samples')).filter((f) => f.endsWith('.docx')).sort().map((f) => path.join(base, 'samples', f));
  const pdf = readdirSync(path.join(base, 'samples/pdf')).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(base, 'samples/pdf', f));
  return [...docx, ...pdf];
}

/** A DOCX copy made unique by an identifier in docProps/core.xml. */
export function uniqueDocx(bytes: Uint8Array, id: string): Uint8Array {
  const parts = unzipSync(bytes);
  const core = parts['docProps/core.xml'];
  const tag = `<dc:identifier>${id}</dc:identifier>`;
  if (core && strFromU8(core).includes('</cp:coreProperties>')) {
    parts['docProps/core.xml'] = strToU8(strFromU8(core).replace('</cp:coreProperties>', `${tag}</cp:coreProperties>`));
  } else {
    // no core properties: an extra custom XML part nobody references
    parts[`customXml/${id}.xml`] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><copy>${id}</copy>`);
  }
  const input: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [k, v] of Object.entries(parts)) input[k] = [v, { mtime: new Date(Date.UTC(2024, 0, 1)) }];
  return zipSync(input, { level: 6 });
}

/** A PDF copy made unique by a comment line after %%EOF. */
export function uniquePdf(bytes: Uint8Array, id: string): Uint8Array {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2))).toString('latin1');
  return Buffer.concat([bytes, Buffer.from(`${tail.endsWith('\n') ? '' : '\n'}%${id}\n`, 'latin1')]);
}

/** Writes `count` byte-distinct valid copies of the samples under `outDir`. */
export function writeManyFiles(outDir: string, count: number, opts: ManyFilesOptions = {}): ManyFile[] {
  const perFolder = opts.perFolder ?? 100;
  const samples = (opts.samples ?? sampleFiles()).map((f) => ({
    file: f,
    name: path.basename(f).replace(/\.[^.]+$/, ''),
    format: (path.extname(f).toLowerCase() === '.pdf' ? 'pdf' : 'docx') as 'docx' | 'pdf',
    bytes: readFileSync(f),
  }));
  if (!samples.length) throw new Error('no samples');
  const out: ManyFile[] = [];
  const width = Math.max(6, String(count).length);
  for (let i = 0; i < count; i++) {
    const s = samples[i % samples.length]!;
    const n = String(i).padStart(width, '0');
    const id = `xxgk-copy-${n}`;
    const bytes = s.format === 'docx' ? uniqueDocx(s.bytes, id) : uniquePdf(s.bytes, id);
    const rel = path.join(`batch-${String(Math.floor(i / perFolder)).padStart(3, '0')}`, `${s.name}-${n}.${s.format}`);
    const file = path.join(outDir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    out.push({ file, rel, sample: s.name, format: s.format });
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const pf = args.indexOf('--per-folder');
  const perFolder = pf >= 0 ? Number(args.splice(pf, 2)[1]) : 100;
  const [outDir, countArg] = args;
  const count = Number(countArg);
  if (!outDir || !Number.isInteger(count) || count < 1 || !Number.isInteger(perFolder) || perFolder < 1) {
    process.stderr.write('usage: npx tsx scripts/many-files.ts <outDir> <count> [--per-folder 100]\n');
    process.exit(2);
  }
  const files = writeManyFiles(path.resolve(outDir), count, { perFolder });
  const folders = new Set(files.map((f) => path.dirname(f.rel))).size;
  process.stdout.write(`${files.length} files (${files.filter((f) => f.format === 'docx').length} docx, ${files.filter((f) => f.format === 'pdf').length} pdf) in ${folders} folder(s) under ${path.resolve(outDir)}\n`);
}
