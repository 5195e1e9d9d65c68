/**
 * Builds samples/<name>.docx for every sample in scripts/samples/defs.ts and self-checks the
 * expectations: every leaf present and well-typed, and the arithmetic checks failing exactly
 * where the sample says they do (clean samples: every check evaluable and holding), the build
 * byte-identical when repeated, and the DOCX read back equal to the sample's blocks.
 *
 * With --pdf it also prints every sample to samples/pdf/<name>.pdf with LibreOffice (one batched
 * soffice call) and checks each PDF with poppler-utils: it has pages, every font is embedded and
 * one is CJK, its text holds the title and the first value of §三, and the sample's declared page
 * breaks (SampleDef.pdf) are where they should be. PDF bytes from LibreOffice are not
 * deterministic (dates, IDs), so PDFs are rebuilt only when asked; tests use the committed ones.
 *
 *   npm run samples              # DOCX only (byte-deterministic)
 *   npm run samples -- --pdf     # DOCX + PDF twins (needs soffice, pdfinfo, pdftotext, pdffonts)
 *   npm run samples -- --pdf --only=<name>,<name>   # DOCX + only these PDF twins
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { constants as zlibConstants, inflateSync } from 'node:zlib';
import { buildDocx } from './samples/build.js';
import { computeChecks, leafPaths, SAMPLES, STRING_LEAVES } from './samples/defs.js';
import { APPLICATION_ROWS, REVIEW_FIELDS, REVIEW_GROUPS, ROW_COLUMNS } from './samples/leaves.js';
import { compareRoundtrip } from './samples/roundtrip.js';
import type { SampleDef } from './samples/types.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'samples');
const PDF_OUT = join(OUT, 'pdf');
const SOFFICE = process.env.SOFFICE ?? 'soffice';
/** Time allowed for the one soffice call converting every sample. */
const SOFFICE_TIMEOUT_MS = 10 * 60 * 1000;
/** LibreOffice user profile of its own, so a running LibreOffice or a user profile cannot interfere. */
const LO_PROFILE = join(tmpdir(), 'lo-xxgk-samples');
/**
 * Word font names in the samples → installed CJK fonts (fonts-noto-cjk). Without this fontconfig
 * maps them to DejaVu Sans and LibreOffice falls back per glyph (CJK from Noto Sans CJK JP); with
 * it the PDF uses Noto Serif/Sans CJK SC throughout, digits included. The DOCX files are unchanged.
 */
const FONT_ALIASES: Array<[string, string]> = [
  ['宋体', 'Noto Serif CJK SC'],
  ['仿宋_GB2312', 'Noto Serif CJK SC'],
  ['楷体_GB2312', 'Noto Serif CJK SC'],
  ['方正小标宋简体', 'Noto Serif CJK SC'],
  ['黑体', 'Noto Sans CJK SC'],
];

function verify(def: SampleDef): string[] {
  const errors: string[] = [];
  const leaves = leafPaths();
  const values = def.expect.values;
  for (const path of leaves) {
    if (!(path in values)) {
      errors.push(`missing leaf ${path}`);
      continue;
    }
    const v = values[path];
    if (STRING_LEAVES.has(path)) {
      if (v !== null && typeof v !== 'string') errors.push(`${path} should be a string or null`);
    } else if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) errors.push(`${path} should be a number or null`);
  }
  const known = new Set(leaves);
  for (const path of Object.keys(values)) if (!known.has(path)) errors.push(`unknown path ${path}`);

  const { results, skipped } = computeChecks(values, def.expect.layout.applications);
  const failing = results.filter((r) => !r.ok).map((r) => r.id).sort();
  const declared = [...def.expect.failingChecks].sort();
  if (failing.join('|') !== declared.join('|'))
    errors.push(`failing checks ${JSON.stringify(failing)} ≠ declared ${JSON.stringify(declared)}`);
  if (def.clean) {
    if (skipped.length) errors.push(`clean sample has skipped checks: ${skipped.join(', ')}`);
    if (failing.length) errors.push('clean sample has failing checks');
  }
  if (def.distinctNumbers) errors.push(...checkDistinct(def));
  if (def.expect.report.publishedDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(def.expect.report.publishedDate))
    errors.push('publishedDate is not YYYY-MM-DD');
  return errors;
}

/** §三 rows: 7 non-zero, pairwise different values, no two rows equal; §四: 15 different non-zero values. */
function checkDistinct(def: SampleDef): string[] {
  const values = def.expect.values;
  const errors: string[] = [];
  const seen = new Map<string, string>();
  for (const row of APPLICATION_ROWS) {
    if (row === 'otherHandling.total' && def.expect.layout.applications === '2021') continue; // derived, not printed
    const vs = ROW_COLUMNS.map((c) => values[`applications.${row}.${c}`]);
    if (vs.every((v) => v === null)) continue; // a row the layout does not have
    if (vs.some((v) => v === null || v === 0) || new Set(vs).size !== vs.length)
      errors.push(`applications.${row}: values not all non-zero and different: ${vs.join(',')}`);
    const key = vs.join(',');
    const other = seen.get(key);
    if (other) errors.push(`applications.${row} equals applications.${other}`);
    seen.set(key, row);
  }
  const rl = REVIEW_GROUPS.flatMap((g) => REVIEW_FIELDS.map((f) => values[`reviewLitigation.${g}.${f}`]));
  if (rl.some((v) => v === null || v === 0) || new Set(rl).size !== rl.length) errors.push(`reviewLitigation: values not all non-zero and different`);
  return errors;
}

function parseArgs(argv: string[]): { pdf: boolean; only: string[] | null } {
  let pdf = false;
  let only: string[] | null = null;
  for (const a of argv) {
    if (a === '--pdf') pdf = true;
    else if (a.startsWith('--only=')) only = a.slice('--only='.length).split(',').filter((x) => x !== '');
    else {
      console.error(`unknown argument ${a}\nusage: npm run samples [-- --pdf [--only=<name>,<name>…]]`);
      process.exit(2);
    }
  }
  if (only) {
    const known = new Set(SAMPLES.map((d) => d.name));
    const unknown = only.filter((n) => !known.has(n));
    if (unknown.length) {
      console.error(`--only: no sample named ${unknown.join(', ')}`);
      process.exit(2);
    }
  }
  return { pdf, only };
}

/** Runs `cmd args`; null when the command does not exist. */
function run(cmd: string, args: string[], opts: { timeout?: number; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') return null;
  return r;
}

/** Fails early, before any work, when a tool needed for --pdf is missing. */
function requirePdfTools(): void {
  const missing: string[] = [];
  if (!run(SOFFICE, ['--version'], { timeout: 120_000 })) missing.push(`${SOFFICE} (LibreOffice): apt-get install libreoffice-writer-nogui fonts-noto-cjk`);
  for (const tool of ['pdfinfo', 'pdftotext', 'pdffonts'])
    if (!run(tool, ['-v'])) missing.push(`${tool}: apt-get install poppler-utils`);
  if (missing.length) {
    console.error(`--pdf needs tools that are not installed:\n  ${missing.join('\n  ')}`);
    process.exit(1);
  }
}

/** A fontconfig file: the system configuration plus FONT_ALIASES; null where there is no fontconfig. */
function fontconfigFile(): string | null {
  const base = process.env.FONTCONFIG_FILE ?? '/etc/fonts/fonts.conf';
  if (!existsSync(base)) return null;
  const esc = (x: string) => x.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const xml = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    '<fontconfig>',
    `  <include ignore_missing="no">${esc(base)}</include>`,
    ...FONT_ALIASES.map(
      ([from, to]) => `  <alias binding="same"><family>${esc(from)}</family><prefer><family>${esc(to)}</family></prefer></alias>`,
    ),
    '</fontconfig>',
    '',
  ].join('\n');
  const file = join(tmpdir(), 'lo-xxgk-samples-fonts.conf');
  writeFileSync(file, xml);
  return file;
}

/** Prints every sample DOCX to samples/pdf/<name>.pdf in one soffice call. */
function convertToPdf(names: string[]): void {
  mkdirSync(PDF_OUT, { recursive: true });
  for (const name of names) rmSync(join(PDF_OUT, `${name}.pdf`), { force: true });
  const fc = fontconfigFile();
  const env = { ...process.env, ...(fc ? { FONTCONFIG_FILE: fc } : {}) };
  const args = [
    '--headless',
    '--norestore',
    `-env:UserInstallation=${pathToFileURL(LO_PROFILE).href}`,
    '--convert-to',
    'pdf',
    '--outdir',
    PDF_OUT,
    ...names.map((n) => join(OUT, `${n}.docx`)),
  ];
  const started = Date.now();
  const r = run(SOFFICE, args, { timeout: SOFFICE_TIMEOUT_MS, env });
  if (!r) throw new Error(`${SOFFICE} not found: apt-get install libreoffice-writer-nogui fonts-noto-cjk`);
  if (r.error || r.status !== 0) {
    const why = r.error ? String(r.error) : `exit status ${r.status}${r.signal ? `, signal ${r.signal}` : ''}`;
    throw new Error(
      `${SOFFICE} --convert-to pdf failed (${why}; timeout ${SOFFICE_TIMEOUT_MS / 1000} s):\n${r.stdout}${r.stderr}` +
        `\n(is another soffice using ${LO_PROFILE}? a stuck one can be ended by its process id)`,
    );
  }
  console.log(`pdf  ${names.length} files converted by ${SOFFICE} in ${((Date.now() - started) / 1000).toFixed(1)} s${fc ? '' : ' (no fontconfig: font aliases not applied)'}`);
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** The first non-blank value cell of §三 from 一、本年新收 on (the row after the header), as printed. */
function firstApplicationsValue(def: SampleDef): string | null {
  const table = def.blocks.find((b) => b.kind === 'table' && b.role === 'applications');
  if (!table || table.kind !== 'table') return null;
  const first = table.rows.findIndex((r) => r.some((c) => /本年新收/.test(squash(c.text))));
  for (const row of table.rows.slice(first >= 0 ? first : 3)) {
    const v = row.slice(1).map((c) => squash(c.text)).find((x) => x !== '');
    if (v) return v;
  }
  return null;
}

/**
 * Stroked straight lines ("x y l S") in the PDF's page content streams (Flate streams holding
 * text): LibreOffice draws each table border segment that way.
 */
function strokedLines(file: string): number {
  const buf = readFileSync(file);
  const s = buf.toString('latin1');
  const re = />>\s*stream\r?\n/g;
  let count = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endstream', start);
    if (end < 0) break;
    let content: string;
    try {
      content = inflateSync(buf.subarray(start, end), { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('latin1');
    } catch {
      continue; // not Flate, or not a stream we can read
    }
    if (!content.includes('BT') || content.includes('FontType')) continue;
    count += (content.match(/\bl\s+S\b/g) ?? []).length;
  }
  return count;
}

/** Self-check of samples/pdf/<name>.pdf. */
function verifyPdf(def: SampleDef): { errors: string[]; summary: string } {
  const errors: string[] = [];
  const file = join(PDF_OUT, `${def.name}.pdf`);
  if (!existsSync(file)) return { errors: [`${file} was not written`], summary: '' };
  const info = run('pdfinfo', [file]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info?.stdout ?? '')?.[1] ?? '0');
  if (!(pages >= 1)) errors.push(`pdfinfo: no pages (${(info?.stderr ?? '').trim()})`);
  // fonts: all embedded, at least one CJK
  const fontLines = (run('pdffonts', [file])?.stdout ?? '').split('\n').slice(2).filter((l) => l.trim());
  const fonts = fontLines.map((l) => {
    // name type… encoding emb sub uni object ID: the flags are the 4th–6th fields from the end
    const f = l.trim().split(/\s+/);
    return { name: f[0] ?? '', emb: f[f.length - 5] === 'yes' };
  });
  if (!fonts.length) errors.push('pdffonts: no fonts');
  for (const f of fonts) if (!f.emb) errors.push(`pdffonts: font ${f.name} is not embedded`);
  if (!fonts.some((f) => /CJK|Song|Hei|Kai|Fang|Ming/i.test(f.name))) errors.push('pdffonts: no CJK font');
  // text
  const text = run('pdftotext', ['-layout', file, '-'])?.stdout ?? '';
  const flat = squash(text);
  if (/\uFFFD/.test(text)) errors.push('pdftotext: replacement characters (U+FFFD) in the text');
  const title = def.expect.report.title;
  if (title !== null && !flat.includes(squash(title))) errors.push(`pdftotext: title ${title} not found`);
  const first = firstApplicationsValue(def);
  if (first !== null && !flat.includes(first)) errors.push(`pdftotext: first §三 value ${JSON.stringify(first)} not found`);
  // declared page breaks
  const pageTexts = text.split('\f').map(squash);
  for (const [last, next] of def.pdf?.pageBreaks ?? []) {
    const at = pageTexts.findIndex((p, i) => p.endsWith(squash(last)) && (pageTexts[i + 1] ?? '').startsWith(squash(next)));
    if (at < 0) errors.push(`page break ${JSON.stringify(last)} | ${JSON.stringify(next)} not found`);
  }
  // vertical text: one glyph per line in reading order
  if (def.pdf?.verticalTexts?.length) {
    const raw = (run('pdftotext', ['-raw', file, '-'])?.stdout ?? '').replace(/\r/g, '');
    for (const v of def.pdf.verticalTexts)
      if (!raw.includes([...squash(v)].join('\n'))) errors.push(`vertical text ${v} not found one glyph per line (pdftotext -raw)`);
  }
  // ruling lines: none when every table is borderless, some otherwise
  const tables = def.blocks.filter((b) => b.kind === 'table');
  const lines = strokedLines(file);
  const borderless = tables.length > 0 && tables.every((b) => b.kind === 'table' && b.borders === 'none');
  if (borderless && lines > 0) errors.push(`${lines} stroked lines in a sample whose tables have no borders`);
  if (!borderless && tables.length > 0 && lines === 0) errors.push('no stroked lines: table borders missing?');
  // page orientation: the declared landscape pages wider than high (after /Rotate), all others not
  const landscape: number[] = [];
  const sizes = run('pdfinfo', ['-f', '1', '-l', String(pages), file])?.stdout ?? '';
  for (let pg = 1; pg <= pages; pg++) {
    const size = new RegExp(`^Page\\s+${pg} size:\\s+([\\d.]+) x ([\\d.]+)`, 'm').exec(sizes);
    const rot = Number(new RegExp(`^Page\\s+${pg} rot:\\s+(\\d+)`, 'm').exec(sizes)?.[1] ?? '0');
    if (!size) continue;
    let [w, h] = [Number(size[1]), Number(size[2])];
    if (rot % 180 !== 0) [w, h] = [h, w];
    if (w > h) landscape.push(pg);
  }
  const wanted = def.pdf?.landscapePages ?? [];
  if (landscape.join(',') !== wanted.join(',')) errors.push(`landscape pages ${JSON.stringify(landscape)} ≠ declared ${JSON.stringify(wanted)}`);
  const names = [...new Set(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')))].join(', ');
  return { errors, summary: `${pages} pages, ${lines} ruling lines, fonts ${names}` };
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.pdf) requirePdfTools();
  mkdirSync(OUT, { recursive: true });
  const names = new Set<string>();
  let failed = false;
  for (const def of SAMPLES) {
    if (names.has(def.name)) throw new Error(`duplicate sample name ${def.name}`);
    names.add(def.name);
    const errors = verify(def);
    const bytes = await buildDocx(def);
    const again = await buildDocx(def);
    if (Buffer.compare(Buffer.from(bytes), Buffer.from(again)) !== 0) errors.push('build is not deterministic');
    const roundtrip = compareRoundtrip(bytes, def.blocks);
    errors.push(...roundtrip.errors.map((e) => `docx read-back: ${e}`));
    writeFileSync(join(OUT, `${def.name}.docx`), bytes);
    const { results, skipped } = computeChecks(def.expect.values, def.expect.layout.applications);
    const nonNull = Object.values(def.expect.values).filter((v) => v !== null).length;
    const status = errors.length ? 'FAIL' : 'ok';
    console.log(
      `${status.padEnd(4)} ${def.name.padEnd(38)} ${String(bytes.length).padStart(6)} B  layout §二 ${def.expect.layout.activeDisclosure ?? '-'} §三 ${def.expect.layout.applications ?? '-'}  ` +
        `${nonNull}/${leafPaths().length} values non-null  checks ${results.filter((r) => r.ok).length} ok, ${results.filter((r) => !r.ok).length} failing, ${skipped.length} skipped` +
        (roundtrip.shortRows ? `  short rows ${roundtrip.shortRows}` : ''),
    );
    for (const e of errors) console.log(`     ✗ ${e}`);
    if (errors.length) failed = true;
  }
  if (opts.pdf && !failed) {
    // --only: only these PDFs are rebuilt (LibreOffice PDF bytes differ on every run; the others stay as committed)
    const targets = opts.only ? SAMPLES.filter((d) => opts.only!.includes(d.name)) : SAMPLES;
    convertToPdf(targets.map((d) => d.name));
    for (const def of targets) {
      const { errors, summary } = verifyPdf(def);
      console.log(`${(errors.length ? 'FAIL' : 'ok').padEnd(4)} pdf/${def.name}.pdf  ${summary}`);
      for (const e of errors) console.log(`     ✗ ${e}`);
      if (errors.length) failed = true;
    }
    const known = new Set(SAMPLES.map((d) => `${d.name}.pdf`));
    for (const f of readdirSync(PDF_OUT)) if (f.endsWith('.pdf') && !known.has(f)) console.log(`note samples/pdf/${f} belongs to no sample`);
  }
  if (failed) {
    console.error('sample self-check failed');
    process.exitCode = 1;
  }
}

await main();
