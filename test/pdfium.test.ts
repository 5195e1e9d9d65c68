/**
 * The PDFium engine (src/extractors/pdfium/) against pdf.js, the default: the same canonical
 * fields (and the same document model) for every PDF sample, the real PDFs in
 * ../shared/realworld/raw (when present), generated PDFs (tables, vertical and rotated text,
 * encrypted, image-only, damaged) and damaged mutants of a sample. Where the engines differ by
 * design (PDFium's own error wording), the difference is asserted as such.
 *
 * Skipped when the WASM package cannot be loaded.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPdf, type PdfEngine } from '../src/extractors/pdf.js';
import { loadPdfium } from '../src/extractors/pdfium/load.js';
import { declaredPageCount } from '../src/extractors/pdfium/page-count.js';
import { convertBytes } from '../src/pipeline/convert.js';
import type { CanonicalReport } from '../src/schema/canonical.js';
import type { ExtractResult } from '../src/model.js';
import { bar, cjk, latin, line, miniPdf, rot, vcjk } from './helpers/mini-pdf.js';
import { pagesObj, trailerOf, update } from './helpers/pdf-update.js';

const root = path.resolve(import.meta.dirname, '..');
const RAW = path.resolve(root, '../shared/realworld/raw');

const available = await loadPdfium().then(
  () => true,
  () => false,
);

const pdfsIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(dir, f)) : []);
const FILES = [...pdfsIn(path.join(root, 'samples/pdf')), ...pdfsIn(path.join(root, 'samples/browser-pdf')), ...pdfsIn(RAW)];

/** Converts with one engine (the pipeline reads the engine from XXGK_PDF_ENGINE). */
async function convertWith(engine: PdfEngine, bytes: Uint8Array, name: string): Promise<CanonicalReport> {
  const before = process.env.XXGK_PDF_ENGINE;
  process.env.XXGK_PDF_ENGINE = engine;
  try {
    return await convertBytes(new Uint8Array(bytes), name);
  } finally {
    if (before === undefined) delete process.env.XXGK_PDF_ENGINE;
    else process.env.XXGK_PDF_ENGINE = before;
  }
}

/** The canonical fields (everything but timings and the program's own stamps). */
function canonical(r: CanonicalReport) {
  return {
    status: r.status,
    error: r.error,
    source: { format: r.source.format, pages: r.source.pages, producer: r.source.producer },
    report: r.report,
    sections: r.sections,
    activeDisclosure: r.activeDisclosure,
    applications: r.applications,
    reviewLitigation: r.reviewLitigation,
    derived: r.derived,
    checks: r.checks,
    warnings: r.warnings,
    evidence: r.evidence,
  };
}

/** The extractor's whole result (document model and messages). */
async function both(bytes: Uint8Array): Promise<[ExtractResult, ExtractResult]> {
  return [await extractPdf(bytes, { engine: 'pdfjs' }), await extractPdf(bytes, { engine: 'pdfium' })];
}

describe.skipIf(!available)('pdfium engine: the same canonical fields as pdf.js', () => {
  it.each(FILES.map((f) => [path.relative(root, f), f] as const))('%s', async (_name, file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const a = await convertWith('pdfjs', bytes, path.basename(file));
    const b = await convertWith('pdfium', bytes, path.basename(file));
    expect(canonical(b)).toEqual(canonical(a));
    const [ma, mb] = await both(bytes);
    expect(mb).toEqual(ma);
  });
});

// ---------------------------------------------------------------------------------------------
// generated PDFs (as in pdf-extractor.test.ts)


function grid(draw: typeof line, top: number, rows: number, xs: number[]): string {
  let c = '';
  for (let r = 0; r <= rows; r++) c += draw(xs[0] as number, top + 30 * r, xs[xs.length - 1] as number, top + 30 * r);
  for (const x of xs) c += draw(x, top, x, top + 30 * rows);
  return c;
}

const PARA = '本报告由某某市人民政府办公室根据条例编制，统计期限自一月一日至十二月三十一日。';
const GENERATED: [string, () => Uint8Array][] = [
  ['stroked table with spans and a vertical-writing cell', () =>
    miniPdf([{ content: cjk(72, 100, '二、主动公开政府信息情况') + grid(line, 200, 3, [100, 250, 350, 450]) + vcjk(175, 235, '三、结果') + cjk(260, 220, '自然人') + latin(360, 250, '21') + latin(360, 280, '3') }])],
  ['WPS-style table of thin filled bars, white and shaded fills', () =>
    miniPdf([{ content: '1 1 1 rg 100 500 350 90 re f 0.8 0.8 0.8 rg 250 560 100 30 re f 0 0 0 rg\n' + grid(bar, 200, 3, [100, 250, 350, 450]) + cjk(110, 220, '项目') + latin(260, 250, '12') + latin(360, 280, '345') }])],
  ['rotated text read bottom to top', () => miniPdf([{ content: cjk(72, 100, '正文') + rot(300, 400, '合计数') }])],
  ['paragraphs over two pages, page numbers, running head', () =>
    miniPdf([
      { content: cjk(250, 40, '某某市年度报告') + cjk(72, 100, PARA) + cjk(72, 760, PARA.slice(0, 30)) + latin(290, 810, '- 1 -') },
      { content: cjk(250, 40, '某某市年度报告') + cjk(72, 100, PARA.slice(30)) + latin(290, 810, '- 2 -') },
    ])],
  ['Latin and CJK mixed on a line, spaced CJK', () => miniPdf([{ content: latin(72, 100, 'Hello World 2023') + cjk(200, 100, '年 度 报 告') }])],
  ['producer and creator', () => miniPdf([{ content: cjk(72, 100, '正文') }], { producer: 'WPS 文字', creator: 'Writer' })],
  ['image-only pages (needs OCR)', () => miniPdf([{ content: 'q 595 0 0 842 0 0 cm /Im1 Do Q', image: true }, { content: 'q 595 0 0 842 0 0 cm /Im1 Do Q', image: true }])],
  ['one image-only page among text pages', () => miniPdf([{ content: cjk(72, 100, PARA) }, { content: 'q 595 0 0 842 0 0 cm /Im1 Do Q', image: true }])],
  ['no text at all', () => miniPdf([{ content: line(100, 100, 400, 100) }])],
  ['landscape media box', () => miniPdf([{ content: cjk(72, 100, '横向页面') }], { mediaBox: [842, 595] })],
  ['encrypted (user password)', () => miniPdf([{ content: cjk(72, 100, '正文') }], { userPassword: 'secret' })],
  ['damaged (truncated at half)', () => {
    const full = miniPdf([{ content: cjk(72, 100, '正文') }]);
    return full.subarray(0, Math.floor(full.length / 2));
  }],
  ['not really a PDF after the header', () => new TextEncoder().encode('%PDF-1.4\nthis is not really a pdf\n')],
];

describe.skipIf(!available)('pdfium engine: generated PDFs', () => {
  it.each(GENERATED)('%s', async (_name, make) => {
    const [a, b] = await both(make());
    if (!a.ok && !b.ok && a.error.code === 'corrupt') {
      // the same code; the detail in the message is each engine's own wording
      expect(b.error.code).toBe('corrupt');
      expect(b.error.message).toMatch(/^The PDF is truncated or damaged \(cannot be opened: .+\): re-download it/);
      expect(b.messages).toEqual(a.messages);
      return;
    }
    expect(b).toEqual(a);
  });

  it('an encrypted file: the same error as pdf.js', async () => {
    const r = await extractPdf(miniPdf([{ content: cjk(72, 100, '正文') }], { userPassword: 'secret' }), { engine: 'pdfium' });
    expect(r.ok ? null : r.error).toEqual({ code: 'encrypted', message: 'password-protected PDF; remove the password and convert again' });
  });

  it('does not modify the caller’s bytes', async () => {
    const bytes = miniPdf([{ content: cjk(72, 100, '正文') }]);
    const copy = new Uint8Array(bytes);
    expect((await extractPdf(bytes, { engine: 'pdfium' })).ok).toBe(true);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(copy))).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// damaged mutants of a sample (as in pdf-faults.test.ts)

const latin1 = (name: string) => readFileSync(path.join(root, 'samples/pdf', `${name}.pdf`)).toString('latin1');
const bytesOf = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const withCount = (s: string, count: string) => update(s, { [pagesObj(s)[0]]: pagesObj(s)[1].replace(/\/Count \d+/, `/Count ${count}`) });

/** How the engines' results may differ on a mutant: 'same' canonical fields, or only the wording of a corrupt error. */
type Agreement = 'same' | 'same-code';
function mutants(): [string, () => Uint8Array, Agreement][] {
  const a = latin1('seed-000-lushaer-2022');
  const b = latin1('invented-2021-clean-yunxi-2023');
  const c = latin1('seed-002-luhe-2021');
  return [
    ['count -1', () => bytesOf(withCount(a, '-1')), 'same'],
    ['count -2147483648', () => bytesOf(withCount(b, '-2147483648')), 'same'],
    ['count 0', () => bytesOf(withCount(c, '0')), 'same'],
    ['count 99999999999', () => bytesOf(withCount(a, '99999999999')), 'same'],
    ['truncated at 50%', () => bytesOf(a.slice(0, Math.floor(a.length / 2))), 'same-code'],
    ['trailer /Root to a missing object', () => bytesOf(a.slice(0, a.lastIndexOf('trailer')) + a.slice(a.lastIndexOf('trailer')).replace(/\/Root \d+ 0 R/, '/Root 9999 0 R')), 'same-code'],
    ['garbage /Encrypt', () => bytesOf(update(a, {}, '/Encrypt<</Filter/Standard/V 5/R 6/O(x)/U(y)/P -1>>')), 'same-code'],
    ['page tree /Kids is itself', () => bytesOf(update(a, { [pagesObj(a)[0]]: `<</Type/Pages/Kids[${pagesObj(a)[0]} 0 R]/Count 5>>` })), 'same-code'],
    ['/Prev loop', () => bytesOf(update(a, {}).replace(/\/Prev (\d+)>>\nstartxref\n(\d+)\n%%EOF\n$/, (_m, _p, x) => `/Prev ${x}>>\nstartxref\n${x}\n%%EOF\n`)), 'same'],
    ['broken /Length', () => bytesOf(a.replace(/(\n\d+ 0 obj\n)(\d+)(\nendobj)/g, (_m, p, _n, q) => `${p}99999999999${q}`)), 'same'],
    ['startxref to garbage', () => bytesOf(a.slice(0, a.lastIndexOf('startxref')) + 'startxref\n5\n%%EOF\n'), 'same'],
    ['/Size huge', () => bytesOf(a.slice(0, a.lastIndexOf('trailer')) + a.slice(a.lastIndexOf('trailer')).replace(/\/Size \d+/, '/Size 99999999999999999999')), 'same'],
    ['producer with NULs and control characters', () => bytesOf(update(a, { [trailerOf(a).info]: `<</Producer (P\\000r\\001d\\002e)>>` })), 'same'],
    ['producer of 5000 characters', () => bytesOf(update(a, { [trailerOf(a).info]: `<</Producer (${'P'.repeat(5000)})/Creator (c)>>` })), 'same'],
  ];
}

describe.skipIf(!available)('pdfium engine: damaged mutants', () => {
  it.each(mutants())('%s', async (name, make, agreement) => {
    const bytes = make();
    const a = canonical(await convertWith('pdfjs', bytes, `${name}.pdf`));
    const b = canonical(await convertWith('pdfium', bytes, `${name}.pdf`));
    if (agreement === 'same') {
      expect(b).toEqual(a);
    } else {
      expect({ status: b.status, code: b.error?.code, pages: b.source.pages }).toEqual({ status: a.status, code: a.error?.code, pages: a.source.pages });
      expect(b.error?.message).toMatch(/^The PDF is truncated or damaged \(.+\): re-download it/);
    }
  });

  it('reads the declared page count of the page tree', () => {
    const a = latin1('seed-000-lushaer-2022');
    expect(declaredPageCount(bytesOf(a))).toBe(Number(/\/Count (\d+)/.exec(pagesObj(a)[1])![1]));
    expect(declaredPageCount(bytesOf(withCount(a, '-1')))).toBe(-1);
    expect(declaredPageCount(new TextEncoder().encode('%PDF-1.4\n'))).toBeNull();
  });
});
