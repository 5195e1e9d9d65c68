/**
 * Batch conversion: many files, all cores, never stopped by one bad file, never redoing or
 * losing work.
 *
 *   discover → (per file, main thread, I/O) read + sha256 → skip / reuse / LibreOffice →
 *   worker pool (CPU) → atomic JSON write → manifest line → result
 *
 * p-queue bounds how many files are in flight (memory) and orders the I/O; the CPU work runs in
 * worker threads (pool.ts).
 */
import { availableParallelism } from 'node:os';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import PQueue from 'p-queue';
import { VERSION } from '../version.js';
import { DEFAULT_MAX_BYTES, failedReport, sha256, sniff, toJson } from './convert.js';
import type { Job } from './discover.js';
import { findSoffice, LegacyConverter, NEEDS_LIBREOFFICE } from './legacy.js';
import { Manifest } from './manifest.js';
import { ConvertPool } from './pool.js';
import { isEncryptedOle } from '../extractors/docx.js';
import type { CanonicalReport as Report, Status } from '../schema/canonical.js';
import type { SourceFormat } from '../model.js';

export interface BatchOptions {
  outDir: string;
  /** Worker threads (default: the number of cores). */
  jobs?: number;
  /** Per-file time limit (ms), default 60 s. */
  timeoutMs?: number;
  /** Files larger than this are recorded as too-large without being read. Default 200 MiB. */
  maxBytes?: number;
  /** Convert everything again, ignoring the manifest. */
  force?: boolean;
  /** Replace the worker pool after this many files per thread (default 200). */
  recycleAfter?: number;
  /** Replace the worker pool when the process RSS passes this many MiB (default 4096). */
  maxRssMb?: number;
  /** The soffice binary for legacy .doc/.wps; default: found on PATH. null: never use LibreOffice. */
  soffice?: string | null;
}

/** converted: done now; unchanged: the manifest says it is done; reused: same bytes as another file. */
export type Outcome = 'converted' | 'unchanged' | 'reused';

export interface BatchResult {
  job: Job;
  outcome: Outcome;
  /** Absolute path of the JSON written. */
  output: string;
  status: Status | string;
  code: string | null;
  message: string | null;
  layout: { activeDisclosure: string | null; applications: string | null };
  ms: number;
}

async function writeAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

const TEMP = /\.json\.\d+\.[a-z0-9]+\.tmp$/;

/** Temp files of writes cut short by a kill: never complete JSON, removed before a run. */
async function removeStaleTemps(dir: string): Promise<number> {
  let removed = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) removed += await removeStaleTemps(p);
    else if (TEMP.test(e.name)) {
      await rm(p, { force: true });
      removed++;
    }
  }
  return removed;
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function legacyFormat(file: string): SourceFormat {
  return path.extname(file).toLowerCase() === '.wps' ? 'wps' : 'doc';
}

function failed(job: Job, sha: string | null, size: number | null, format: SourceFormat | null, code: string, message: string): Report {
  return failedReport({ file: job.display, sha256: sha, bytes: size, format }, code, message);
}

/** A minimal async channel: producers push, the generator pulls in completion order. */
class Channel<T> {
  private items: T[] = [];
  private waiting: ((v: IteratorResult<T>) => void) | null = null;
  private closed = false;
  push(v: T) {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w({ value: v, done: false });
    } else this.items.push(v);
  }
  close() {
    this.closed = true;
    if (this.waiting) this.waiting({ value: undefined as never, done: true });
  }
  next(): Promise<IteratorResult<T>> {
    if (this.items.length) return Promise.resolve({ value: this.items.shift()!, done: false });
    if (this.closed) return Promise.resolve({ value: undefined as never, done: true });
    return new Promise((r) => (this.waiting = r));
  }
}

export interface Batch {
  results: AsyncIterable<BatchResult>;
  /** Stop dispatching new files; running ones finish (or are abandoned with `now`). */
  stop(now?: boolean): Promise<void>;
  /** Pool replacements so far. */
  readonly recycled: number;
  /** Manifest lines that were torn by an earlier kill (ignored). */
  readonly tornManifestLines: number;
}

export async function startBatch(jobs: Job[], opts: BatchOptions): Promise<Batch> {
  const outDir = path.resolve(opts.outDir);
  await mkdir(outDir, { recursive: true });
  await removeStaleTemps(outDir);
  const { manifest, torn } = await Manifest.load(outDir);
  const threads = Math.max(1, opts.jobs ?? availableParallelism());
  const pool = new ConvertPool({
    threads,
    timeoutMs: opts.timeoutMs ?? 60_000,
    recycleAfter: opts.recycleAfter ?? 200,
    maxRssMb: opts.maxRssMb ?? 4096,
  });
  const soffice = opts.soffice === undefined ? findSoffice() : opts.soffice;
  const legacy = soffice ? new LegacyConverter(soffice, { timeoutMs: opts.timeoutMs ? Math.max(opts.timeoutMs * 3, 60_000) : 180_000 }) : null;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  // files in flight in the I/O stage: enough to keep every thread busy, bounded for memory
  const queue = new PQueue({ concurrency: threads * 2 });
  const channel = new Channel<BatchResult>();
  const firstOfContent = new Map<string, Promise<{ report: Report; output: string } | null>>();
  let stopping = false;

  const emit = (job: Job, outcome: Outcome, output: string, r: { status: string; error: { code: string; message: string } | null; report: { layout: { activeDisclosure: string | null; applications: string | null } } }, started: number) => {
    channel.push({
      job, outcome, output, status: r.status, code: r.error?.code ?? null, message: r.error?.message ?? null,
      layout: r.report.layout, ms: Date.now() - started,
    });
  };

  async function finish(job: Job, output: string, report: Report, outcome: Outcome, started: number): Promise<void> {
    await writeAtomic(output, toJson(report));
    await manifest.record({
      input: job.display, output: job.output, sha256: report.source.sha256, bytes: report.source.bytes,
      version: VERSION, status: report.status, code: report.error?.code ?? null,
    });
    emit(job, outcome, output, report, started);
  }

  async function convertOne(job: Job, bytes: Uint8Array, sha: string): Promise<Report> {
    const kind = sniff(bytes);
    if (kind === 'ole' && !isEncryptedOle(bytes)) {
      const original = { sha256: sha, bytes: bytes.length, format: legacyFormat(job.input) };
      if (!legacy) return failed(job, sha, bytes.length, original.format, NEEDS_LIBREOFFICE.code, NEEDS_LIBREOFFICE.message);
      const res = await legacy.convert(job.input);
      if ('error' in res) return failed(job, sha, bytes.length, original.format, res.error.code, res.error.message);
      return pool.run({ input: res.docx, display: job.display, original });
    }
    const size = bytes.length;
    // an own ArrayBuffer, so that it can be transferred to the worker
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    const report = await pool.run({ bytes: own, display: job.display });
    // a worker that died or timed out knows nothing of the bytes: the main thread does
    if (report.source.sha256 === null) report.source = { ...report.source, sha256: sha, bytes: size };
    return report;
  }

  async function handle(job: Job): Promise<void> {
    const started = Date.now();
    const output = path.join(outDir, job.output);
    let bytes: Uint8Array;
    // a file that was not read (too large, unreadable) and is in the same state as last time is
    // not news: it counts as unchanged, with its earlier record
    const sameAsLast = (code: string, size: number | null) => {
      const last = opts.force ? undefined : manifest.last(job.display);
      return last !== undefined && last.version === VERSION && last.code === code && last.bytes === size && last.output === job.output;
    };
    const unchanged = (code: string) => {
      channel.push({ job, outcome: 'unchanged', output, status: 'failed', code, message: null, layout: { activeDisclosure: null, applications: null }, ms: Date.now() - started });
    };
    try {
      const st = await stat(job.input);
      if (!st.isFile()) {
        if (sameAsLast('unreadable', null) && (await exists(output))) return unchanged('unreadable');
        return finish(job, output, failed(job, null, null, null, 'unreadable', `not a regular file: ${job.input}`), 'converted', started);
      }
      if (st.size > maxBytes) {
        if (sameAsLast('too-large', st.size) && (await exists(output))) return unchanged('too-large');
        return finish(job, output, failed(job, null, st.size, null, 'too-large', `the file has ${st.size} bytes, more than the limit of ${maxBytes} (--max-size); raise the limit if it really is a report`), 'converted', started);
      }
      bytes = await readFile(job.input);
    } catch (err) {
      if (sameAsLast('unreadable', null) && (await exists(output))) return unchanged('unreadable');
      const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
      return finish(job, output, failed(job, null, null, null, 'unreadable', `cannot read the file (${code}): check that it exists and that this user may read it`), 'converted', started);
    }
    const sha = sha256(bytes);

    if (!opts.force) {
      const done = manifest.done(job.display, sha, VERSION);
      if (done && done.output === job.output && (await exists(output))) {
        channel.push({ job, outcome: 'unchanged', output, status: done.status, code: done.code, message: null, layout: { activeDisclosure: null, applications: null }, ms: Date.now() - started });
        return;
      }
    }
    // identical bytes under another name: convert once
    const earlier = firstOfContent.get(sha);
    const previous = opts.force ? undefined : manifest.sameContent(sha, VERSION);
    if (earlier || previous) {
      let base: Report | null = null;
      if (earlier) base = (await earlier)?.report ?? null;
      else if (previous) {
        try {
          base = JSON.parse(await readFile(path.join(outDir, previous.output), 'utf8')) as Report;
        } catch {
          base = null;
        }
      }
      if (base) {
        // the report depends on the bytes only, except the legacy format named by the extension
        const format = base.source.format === 'doc' || base.source.format === 'wps' ? legacyFormat(job.input) : base.source.format;
        const copy: Report = { ...base, source: { ...base.source, file: job.display, format } };
        return finish(job, output, copy, 'reused', started);
      }
    }
    let resolveFirst!: (v: { report: Report; output: string } | null) => void;
    firstOfContent.set(sha, new Promise((r) => (resolveFirst = r)));
    try {
      const report = await convertOne(job, bytes, sha);
      resolveFirst({ report, output });
      await finish(job, output, report, 'converted', started);
    } catch (err) {
      resolveFirst(null);
      throw err;
    }
  }

  const all = (async () => {
    for (const job of jobs) {
      if (stopping) break;
      await queue.onSizeLessThan(threads * 2);
      if (stopping) break;
      queue.add(() =>
        handle(job).catch((err) => {
          // only output-side I/O can get here (disk full, permissions on --out): say so per file
          channel.push({
            job, outcome: 'converted', output: path.join(outDir, job.output), status: 'failed', code: 'output-error',
            message: `could not write the result: ${err instanceof Error ? err.message : String(err)}`,
            layout: { activeDisclosure: null, applications: null }, ms: 0,
          });
        }),
      );
    }
    await queue.onIdle();
    await legacy?.close();
    await pool.close();
    await manifest.flush();
    channel.close();
  })();

  return {
    results: { [Symbol.asyncIterator]: () => ({ next: () => channel.next() }) },
    async stop(now = false) {
      stopping = true;
      queue.clear();
      if (now) await pool.destroy();
      await all.catch(() => undefined);
    },
    get recycled() {
      return pool.recycled;
    },
    tornManifestLines: torn,
  };
}

/** Write one line per report, in input order, for dataset loaders (atomically). */
export async function writeJsonl(file: string, outputs: string[]): Promise<void> {
  const lines: string[] = [];
  for (const o of outputs) {
    try {
      lines.push(JSON.stringify(JSON.parse(await readFile(o, 'utf8'))));
    } catch {
      // a file whose JSON could not be written has no line
    }
  }
  await writeAtomic(file, lines.length ? `${lines.join('\n')}\n` : '');
}

