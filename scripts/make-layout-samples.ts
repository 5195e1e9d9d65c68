/**
 * samples/layout-*.docx: real-world Word layouts that hide or split the report's tables (issue 9),
 * each made by rewriting the word/document.xml of a bundled sample (scripts/samples/layouts/
 * variants.ts), byte-deterministically. What they print is their base sample's, so their
 * canonical fields must equal the base sample's expected JSON (checked by eye against the
 * document): `--expected` converts each one, compares every canonical field with the base's
 * (and the warning codes), and writes samples/expected/<name>.json only when they agree.
 * `--pdf` prints each to samples/pdf/<name>.pdf with LibreOffice (own profile, the font aliases of
 * make-samples.ts) and checks that the PDF gives the same canonical fields as the DOCX.
 *
 *   npx tsx scripts/make-layout-samples.ts [--pdf] [--expected] [--only=<name,…>]
 *
 * Tracked changes: the DOCX with tracked changes asks for the final view without markup
 * (w:revisionView w:markup="false" w:insDel="false" in word/settings.xml), which LibreOffice
 * honours: its PDF prints the accepted text (no deleted text, no deleted row). A variant whose
 * PDF must be printed from other bytes says so (variant.pdfTransform: =SUM(LEFT) fields, which
 * LibreOffice recalculates differently from Word).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { normalizeZip } from './samples/build.js';
import { canonical, differences } from './samples/layouts/compare.js';
import { LAYOUT_VARIANTS, type LayoutVariant, type Parts } from './samples/layouts/variants.js';
import { convertFile, toJson } from '../src/pipeline/convert.js';
import type { CanonicalReport } from '../src/schema/canonical.js';

const root = path.resolve(import.meta.dirname, '..');
const SOFFICE = process.env.SOFFICE ?? 'soffice';
const LO_PROFILE = path.join(tmpdir(), 'lo-xxgk-layout-samples');
const FONT_ALIASES: Array<[string, string]> = [
  ['宋体', 'Noto Serif CJK SC'],
  ['仿宋_GB2312', 'Noto Serif CJK SC'],
  ['楷体_GB2312', 'Noto Serif CJK SC'],
  ['方正小标宋简体', 'Noto Serif CJK SC'],
  ['黑体', 'Noto Sans CJK SC'],
];

/** The variant's DOCX bytes (and those to print its PDF from). */
export function buildVariant(v: LayoutVariant): { docx: Uint8Array; print: Uint8Array } {
  const base = readFileSync(path.join(root, 'samples', `${v.base}.docx`));
  const entries = unzipSync(base);
  const parts: Parts = {};
  for (const [name, data] of Object.entries(entries)) if (/\.(xml|rels)$/.test(name)) parts[name] = strFromU8(data);
  v.transform(parts);
  const created = /<dcterms:created[^>]*>([^<]*)</.exec(parts['docProps/core.xml'] ?? '')?.[1] ?? '2024-01-01T00:00:00Z';
  const pack = (p: Parts): Uint8Array => {
    const z: Zippable = {};
    for (const [name, data] of Object.entries(entries)) if (!(name in p)) z[name] = data;
    for (const [name, xml] of Object.entries(p)) z[name] = strToU8(xml);
    return normalizeZip(zipSync(z), created);
  };
  const docx = pack(parts);
  if (!v.pdfTransform) return { docx, print: docx };
  const printParts = { ...parts };
  v.pdfTransform(printParts);
  return { docx, print: pack(printParts) };
}

function fontconfigFile(): string | null {
  const base = process.env.FONTCONFIG_FILE ?? '/etc/fonts/fonts.conf';
  if (!existsSync(base)) return null;
  const esc = (x: string) => x.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const xml = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    '<fontconfig>',
    `  <include ignore_missing="no">${esc(base)}</include>`,
    ...FONT_ALIASES.map(([from, to]) => `  <alias binding="same"><family>${esc(from)}</family><prefer><family>${esc(to)}</family></prefer></alias>`),
    '</fontconfig>',
    '',
  ].join('\n');
  const file = path.join(tmpdir(), 'lo-xxgk-layout-samples-fonts.conf');
  writeFileSync(file, xml);
  return file;
}

function printPdfs(files: Map<string, Uint8Array>): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-layout-print-'));
  for (const [name, bytes] of files) writeFileSync(path.join(dir, `${name}.docx`), bytes);
  const out = path.join(root, 'samples/pdf');
  mkdirSync(out, { recursive: true });
  const fc = fontconfigFile();
  const r = spawnSync(
    SOFFICE,
    ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(LO_PROFILE).href}`, '--convert-to', 'pdf', '--outdir', out, ...[...files.keys()].map((n) => path.join(dir, `${n}.docx`))],
    { encoding: 'utf8', timeout: 10 * 60 * 1000, env: { ...process.env, ...(fc ? { FONTCONFIG_FILE: fc } : {}) } },
  );
  rmSync(dir, { recursive: true, force: true });
  if (r.error || r.status !== 0) throw new Error(`${SOFFICE} failed: ${r.error ?? r.status}\n${r.stdout}${r.stderr}`);
}

const read = (p: string): CanonicalReport => JSON.parse(readFileSync(path.join(root, p), 'utf8'));

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // --only=<name,name>: build, print and check only these (the other samples' files untouched)
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',').filter(Boolean) ?? null;
  const args = new Set(argv.filter((a) => !a.startsWith('--only=')));
  for (const a of args) if (a !== '--pdf' && a !== '--expected') throw new Error(`unknown argument ${a}`);
  const variants = only ? LAYOUT_VARIANTS.filter((v) => only.includes(v.name)) : LAYOUT_VARIANTS;
  if (only && variants.length !== only.length) throw new Error(`unknown sample in --only: ${only.filter((n) => !LAYOUT_VARIANTS.some((v) => v.name === n)).join(', ')}`);
  const prints = new Map<string, Uint8Array>();
  let failed = false;
  for (const v of variants) {
    const { docx, print } = buildVariant(v);
    const again = buildVariant(v).docx;
    if (Buffer.compare(Buffer.from(docx), Buffer.from(again)) !== 0) throw new Error(`${v.name}: build is not deterministic`);
    writeFileSync(path.join(root, 'samples', `${v.name}.docx`), docx);
    prints.set(v.name, print);
    const file = `samples/${v.name}.docx`;
    const report = await convertFile(path.join(root, file), { displayPath: file });
    const base = read(`samples/expected/${v.base}.json`);
    const diffs = differences(canonical(report), canonical(base)).filter((d) => !Object.keys(v.intendedDifferences).some((k) => d.startsWith(k)));
    console.log(`${diffs.length ? 'DIFF' : 'ok  '} ${file}  ${docx.length} B  status ${report.status}  (base ${v.base})`);
    for (const d of diffs.slice(0, 30)) console.log(`     ✗ ${d}`);
    if (diffs.length) failed = true;
    else if (args.has('--expected')) writeFileSync(path.join(root, 'samples/expected', `${v.name}.json`), toJson(report));
  }
  if (args.has('--pdf')) {
    printPdfs(prints);
    for (const v of variants) {
      const docx = await convertFile(path.join(root, 'samples', `${v.name}.docx`));
      const pdf = await convertFile(path.join(root, 'samples/pdf', `${v.name}.pdf`));
      const diffs = differences(canonical(pdf, { squashText: true, ignoreFormatWarnings: true }), canonical(docx, { squashText: true, ignoreFormatWarnings: true }));
      console.log(`${diffs.length ? 'DIFF' : 'ok  '} samples/pdf/${v.name}.pdf  ${pdf.source.pages} pages  status ${pdf.status}`);
      for (const d of diffs.slice(0, 30)) console.log(`     ✗ ${d}`);
    }
  }
  if (failed) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
