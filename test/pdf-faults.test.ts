/**
 * Damaged PDFs (mutants of samples/pdf/*.pdf, built here, deterministically) converted in a
 * worker thread the way the batch does it (piscina, src/pipeline/worker.ts under tsx): every one
 * gives a schema-valid record, a damaged one `failed`/`corrupt` with a plain message, and no
 * error ever ends the thread. Plus the last-resort validity function and the worker's guard
 * against errors that escape a conversion asynchronously.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Piscina } from 'piscina';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanMetadata } from '../src/clean.js';
import { extractPdf } from '../src/extractors/pdf.js';
import { convertBytes, ensureValid } from '../src/pipeline/convert.js';
import { CanonicalReportSchema, type CanonicalReport } from '../src/schema/canonical.js';
import { pagesObj, trailerOf, update } from './helpers/pdf-update.js';

const root = path.resolve(import.meta.dirname, '..');

// These tests are about pdf.js: its wording of damage, and faults injected while its conversion
// yields to the event loop (PDFium converts in one synchronous block, see test/pdfium.test.ts for
// its damaged files). The worker threads below inherit this.
process.env.XXGK_PDF_ENGINE = 'pdfjs';
const sample = (name: string) => readFileSync(path.join(root, 'samples/pdf', `${name}.pdf`)).toString('latin1');
const bytesOf = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

// ---------------------------------------------------------------------------------------------
// mutants

/** The page tree's /Count replaced. */
function withCount(s: string, count: string): string {
  const [n, body] = pagesObj(s);
  return update(s, { [n]: body.replace(/\/Count \d+/, `/Count ${count}`) });
}
const utf16 = (hex: string) => `<FEFF${hex}>`;

interface Case {
  name: string;
  bytes: Uint8Array;
  /** Expected status/code; 'readable' = any of ok, partial, not-a-report. */
  expect: 'corrupt' | 'readable';
  /** The message must contain this (a plain cause, not a stack). */
  message?: RegExp;
}

const A = 'seed-000-lushaer-2022';
const B = 'invented-2021-clean-yunxi-2023';
const C = 'seed-002-luhe-2021';

function cases(): Case[] {
  const a = sample(A);
  const b = sample(B);
  const c = sample(C);
  const out: Case[] = [];
  const add = (name: string, s: string, expect: Case['expect'], message?: RegExp) => out.push({ name, bytes: bytesOf(s), expect, message });
  // Found by the mutation run: /Count -1 (and any negative count) gave source.pages < 0, a
  // schema-invalid record that came back as internal-error with pages -1 still in it.
  add('count -1', withCount(a, '-1'), 'corrupt', /page tree declares -1 pages/);
  add('count -2147483648', withCount(b, '-2147483648'), 'corrupt', /page tree declares -2147483648 pages/);
  // ... and /Count 0 gave pages 0 and "not-a-report (it has no text)".
  add('count 0', withCount(c, '0'), 'corrupt', /page tree declares 0 pages/);
  add('count 99999999999', withCount(a, '99999999999'), 'readable'); // too-large is checked below
  // one of each other mutant class of the run (all gave valid records; they must stay so)
  add('truncated at 50%', a.slice(0, Math.floor(a.length / 2)), 'corrupt', /cannot be opened/);
  add('trailer /Root to a missing object', a.slice(0, a.lastIndexOf('trailer')) + a.slice(a.lastIndexOf('trailer')).replace(/\/Root \d+ 0 R/, '/Root 9999 0 R'), 'corrupt', /Root/);
  add('garbage /Encrypt', update(a, {}, '/Encrypt<</Filter/Standard/V 5/R 6/O(x)/U(y)/P -1>>'), 'corrupt', /invalid key length/);
  add('page tree /Kids is itself', update(a, { [pagesObj(a)[0]]: `<</Type/Pages/Kids[${pagesObj(a)[0]} 0 R]/Count 5>>` }), 'corrupt', /none of its \d+ pages? could be read/);
  add('startxref to garbage', a.slice(0, a.lastIndexOf('startxref')) + 'startxref\n5\n%%EOF\n', 'readable');
  add('/Prev loop', update(a, {}).replace(/\/Prev (\d+)>>\nstartxref\n(\d+)\n%%EOF\n$/, (_m, _p, x) => `/Prev ${x}>>\nstartxref\n${x}\n%%EOF\n`), 'readable');
  add('/Size huge', a.slice(0, a.lastIndexOf('trailer')) + a.slice(a.lastIndexOf('trailer')).replace(/\/Size \d+/, '/Size 99999999999999999999'), 'readable');
  add('broken /Length', a.replace(/(\n\d+ 0 obj\n)(\d+)(\nendobj)/g, (_m, p, _n, q) => `${p}99999999999${q}`), 'readable');
  // metadata from the file: bounded and clean in the output
  add('producer with NULs, control characters and a lone surrogate', update(a, { [trailerOf(a).info]: `<</Producer ${utf16('005000000072D8000064DC000041001B005B')}>>` }), 'readable');
  add('producer of 100000 characters', update(a, { [trailerOf(a).info]: `<</Producer (${'P'.repeat(100000)})>>` }), 'readable');
  return out;
}

// ---------------------------------------------------------------------------------------------
// a worker thread like the batch's: piscina running src/pipeline/worker.ts under tsx, through a
// thin wrapper that can make an error escape asynchronously while (or after) a file converts

let dir: string;
let pool: Piscina;
const poolErrors: unknown[] = [];

interface Reply {
  threadId: number;
  report: CanonicalReport;
}
type Inject = 'none' | 'rejection' | 'exception' | 'late-rejection' | 'late-exception';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'xxgk-pdf-faults-'));
  const handler = path.join(dir, 'handler.ts');
  writeFileSync(
    handler,
    `import { AsyncResource } from 'node:async_hooks';
import { threadId } from 'node:worker_threads';
import convertTask from ${JSON.stringify(path.join(root, 'src/pipeline/worker.ts'))};
export default async function (msg: { task: any; inject: string }) {
  const err = (m: string) => Object.assign(new Error(m + ' in ' + ${JSON.stringify(path.join(root, 'node_modules/x.js'))}), { name: 'UnknownErrorException' });
  if (msg.inject === 'rejection') setTimeout(() => { void Promise.reject(err('bad XRef entry')); }, 0);
  // a microtask: it runs at the conversion's first await, however fast the conversion is (a
  // timer could fire after a quick DOCX is done, and be charged to whatever runs next)
  if (msg.inject === 'exception') queueMicrotask(() => { throw err('Illegal character'); });
  if (msg.task === 'warm-up') return convertTask(msg.task);
  let task = msg.task;
  let late: (() => void) | null = null;
  if (msg.inject.startsWith('late-')) {
    // an error left behind by the conversion itself (in its async context), raised after it is
    // done: the context is captured when the converter reads the file name
    const t = msg.task;
    task = { ...t, get display() {
      late ??= AsyncResource.bind(() => setTimeout(() => { if (msg.inject === 'late-rejection') void Promise.reject(err('late')); else throw err('late'); }, 0));
      return t.display;
    } };
  }
  const report = await convertTask(task);
  if (late) late();
  return { threadId, report };
}
`,
  );
  pool = new Piscina({ filename: handler, execArgv: ['--import', 'tsx'], minThreads: 1, maxThreads: 1, idleTimeout: 60_000 });
  pool.on('error', (e: unknown) => poolErrors.push(e));
  await pool.run({ task: 'warm-up', inject: 'none' });
}, 60_000);

afterAll(async () => {
  await pool?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function inWorker(bytes: Uint8Array, display: string, inject: Inject = 'none'): Promise<Reply> {
  // the batch transfers the bytes; a copy here, so that a case can be converted twice
  const copy = new Uint8Array(bytes);
  return pool.run({ task: { bytes: copy, display }, inject }, { transferList: [copy.buffer as ArrayBuffer], signal: AbortSignal.timeout(20_000) }) as Promise<Reply>;
}

/** A message fit for a user: one line, no stack frames, no paths of this program. */
function expectPlainMessage(message: string): void {
  expect(message).not.toMatch(/\n|\s{4}at |file:\/\/|node_modules|\/src\/|\.ts:\d|\.m?js:\d/);
  expect(message.length).toBeLessThan(600);
}

function expectValid(report: unknown): void {
  const r = CanonicalReportSchema.safeParse(report);
  expect(r.success, r.success ? '' : JSON.stringify(r.error.issues.slice(0, 3))).toBe(true);
}

describe('damaged PDFs in a worker thread', () => {
  it('each mutant: a schema-valid record, damaged ones failed/corrupt with a plain message, the thread never dies', async () => {
    const first = (await inWorker(bytesOf(sample(A)), 'good.pdf')).threadId;
    for (const c of cases()) {
      const { threadId, report } = await inWorker(c.bytes, `${c.name}.pdf`);
      expectValid(report);
      expect(threadId, c.name).toBe(first);
      const r = report.source;
      expect(r.pages === null || (Number.isSafeInteger(r.pages) && r.pages > 0), `${c.name}: pages ${r.pages}`).toBe(true);
      if (r.producer !== null) {
        expect(r.producer.length, c.name).toBeLessThanOrEqual(201);
        expect(r.producer, c.name).not.toMatch(/[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }
      if (c.expect === 'corrupt') {
        expect({ case: c.name, status: report.status, code: report.error?.code }).toEqual({ case: c.name, status: 'failed', code: 'corrupt' });
        expect(report.source.pages, c.name).toBeNull();
        expect(report.error!.message).toMatch(/re-download it/);
        if (c.message) expect(report.error!.message, c.name).toMatch(c.message);
        expectPlainMessage(report.error!.message);
      } else {
        expect(['ok', 'partial', 'not-a-report', 'failed'], c.name).toContain(report.status);
        if (report.error) expectPlainMessage(report.error.message);
      }
    }
    expect(poolErrors).toEqual([]);
  }, 60_000);

});

describe('an error escaping a conversion asynchronously', () => {
  it('an unhandled rejection while a PDF converts: that file is corrupt, the thread lives on', async () => {
    const before = (await inWorker(bytesOf(sample(B)), 'before.pdf')).threadId;
    const { threadId, report } = await inWorker(bytesOf(sample(B)), 'reports/damaged.pdf', 'rejection');
    expectValid(report);
    expect(threadId).toBe(before);
    expect(report.status).toBe('failed');
    expect(report.error?.code).toBe('corrupt');
    expect(report.error?.message).toMatch(/^The PDF is truncated or damaged \(.*bad XRef entry.*\): re-download it/);
    expectPlainMessage(report.error!.message);
    expect(report.source).toMatchObject({ file: 'reports/damaged.pdf', format: 'pdf', bytes: sample(B).length, pages: null });
    // and the next file converts normally on the same thread
    const next = await inWorker(bytesOf(sample(B)), 'after.pdf');
    expect(next.threadId).toBe(before);
    expect(next.report.status).toBe('ok');
  });

  it('an uncaught exception while a DOCX converts: internal-error, the thread lives on', async () => {
    const docx = new Uint8Array(readFileSync(path.join(root, 'samples/seed-000-lushaer-2022.docx')));
    const before = (await inWorker(bytesOf(sample(B)), 'before.pdf')).threadId;
    const { threadId, report } = await inWorker(docx, 'report.docx', 'exception');
    expectValid(report);
    expect(threadId).toBe(before);
    expect(report.error?.code).toBe('internal-error');
    expect(report.error?.message).toMatch(/Illegal character/);
    expectPlainMessage(report.error!.message);
  });

  // piscina's idle threads sleep (Atomics.wait): a timer left by one file fires during the next
  it.each(['late-rejection', 'late-exception'] as const)('a %s after a file is done: not charged to the next file, the thread lives on', async (inject) => {
    const docx = new Uint8Array(readFileSync(path.join(root, 'samples/seed-000-lushaer-2022.docx')));
    const first = await inWorker(docx, 'first.docx', inject);
    expect(first.report.status).toBe('ok');
    // the timer is due while the thread waits for work; it fires when the next file arrives
    await new Promise((r) => setTimeout(r, 200));
    const next = await inWorker(bytesOf(sample(B)), 'next.pdf');
    expect(next.threadId).toBe(first.threadId);
    expect(next.report.error).toBeNull();
    expect(next.report.status).toBe('ok');
    expect(poolErrors).toEqual([]);
  });
});

describe('in this thread', () => {
  it('convertBytes never writes a negative page count', async () => {
    const report = await convertBytes(bytesOf(withCount(sample(A), '-1')), 'x.pdf');
    expectValid(report);
    expect(report.source.pages).toBeNull();
    expect(report.error?.code).toBe('corrupt');
  });

  it('the producer is bounded and clean', async () => {
    const r = await extractPdf(bytesOf(update(sample(A), { [trailerOf(sample(A)).info]: `<</Producer (P\\000r\\001d\\002e)>>` })));
    expect(r.ok && r.document.producer).toBe('P r d e');
    expect(cleanMetadata(`a\u0000b\ud800c\udc00d\ud83d\ude00 \u001b[31m`)).toBe('a bcd\ud83d\ude00 [31m');
    expect(cleanMetadata('\u0000 \t')).toBeNull();
    const long = await extractPdf(bytesOf(update(sample(A), { [trailerOf(sample(A)).info]: `<</Producer (${'P'.repeat(5000)})/Creator (c)>>` })));
    expect(long.ok && long.document.producer).toBe('P'.repeat(200) + '…');
  });

  const good = (): CanonicalReport => JSON.parse(readFileSync(path.join(root, 'samples/expected/seed-000-lushaer-2022.json'), 'utf8'));

  it('ensureValid returns a valid report unchanged', () => {
    expect(ensureValid(good())).toEqual(good());
  });

  it.each([
    ['pages -1', (r: CanonicalReport) => ({ ...r, source: { ...r.source, pages: -1 } })],
    ['pages 2.5, producer with NUL and a lone surrogate', (r: CanonicalReport) => ({ ...r, source: { ...r.source, pages: 2.5, producer: `a\u0000b\ud800c${'x'.repeat(10000)}` } })],
    ['every source field wrong', (r: CanonicalReport) => ({ ...r, source: { file: 5, sha256: 'xyz', bytes: -3, format: 'exe', pages: Infinity, producer: {} } })],
    ['a count beyond the safe range', (r: CanonicalReport) => ({ ...r, applications: { ...r.applications, newReceived: { ...r.applications.newReceived, total: 1e20 } } })],
    ['no source', (r: CanonicalReport) => ({ ...r, source: undefined })],
    ['not an object', () => 'report'],
    ['null', () => null],
  ] as const)('ensureValid, %s: a valid failed/internal-error record', (_name, spoil) => {
    const out = ensureValid(spoil(good()));
    expectValid(out);
    expect(out.status).toBe('failed');
    expect(out.error?.code).toBe('internal-error');
    expect(out.error?.message).toMatch(/schema validation/);
    expect(out.source.pages).toBeNull();
    if (out.source.producer !== null) expect(out.source.producer.length).toBeLessThanOrEqual(201);
  });

  it('ensureValid keeps what is valid of the source', () => {
    const g = good();
    const out = ensureValid({ ...g, source: { ...g.source, pages: -1, producer: 'WPS\u0000 文字' }, status: 'weird' });
    expect(out.source).toEqual({ ...g.source, pages: null, producer: 'WPS 文字' });
  });
});
