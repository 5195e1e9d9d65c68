/**
 * Batch conversion: many files, all cores, never stopped by one bad file, never redoing or
 * losing work.
 *
 *   lock <out> → discover → (per file, main thread, I/O) read + sha256 → skip / reuse /
 *   LibreOffice → worker pool (CPU) → schema check → atomic JSON write → manifest line → JSONL
 *   line → result
 *
 * p-queue bounds how many files are in flight (memory) and orders the I/O; the CPU work runs in
 * worker threads (pool.ts). Nothing here throws for one file: a file that could not be written
 * is an `output-error` result (no JSON, not recorded as done), counted in `stats`.
 */
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import PQueue from 'p-queue';
import { VERSION } from '../version.js';
import { DEFAULT_MAX_BYTES, failedReport, sha256, sniff, toJson } from './records.js';
import type { Job } from './discover.js';
import { JsonlWriter } from './jsonl.js';
import { findSoffice, LegacyConverter, NEEDS_LIBREOFFICE } from './legacy.js';
import { BatchError, OutputLock } from './lock.js';
import { DEFAULT_MAX_ATTEMPTS, Manifest, RETRYABLE_CODES, shardManifestName } from './manifest.js';
import { startPool, type ConvertPool } from './pool.js';
import { PER_THREAD } from './task.js';
import { reviewOf, type Review } from './review.js';
import { isEncryptedOle } from '../extractors/ole.js';
import type { CanonicalReport as Report, Status } from '../schema/canonical.js';
import type { SourceFormat } from '../model.js';
import { writeAtomic } from './atomic.js';

/** Whether image-only PDF pages are read by OCR in this run (XXGK_OCR, set by --ocr). */
const ocrOn = (): boolean => process.env.XXGK_OCR !== 'off';

export { BatchError } from './lock.js';
export { startPool } from './pool.js';

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
  /**
   * A worker pool the caller started early (see `startPool`: threads load their modules while
   * the inputs are still being discovered). The batch owns it from here and closes it.
   */
  pool?: ConvertPool;
  /**
   * Convert only the files whose content hash falls in shard `index` of `count` (for batch
   * schedulers: run shards 0…count-1 anywhere, into one shared output folder). A shard appends to
   * its own manifest and takes its own lock; every run reads all the manifests.
   */
  shard?: { index: number; count: number };
  /** The soffice binary for legacy .doc/.wps; default: found on PATH. null: never use LibreOffice. */
  soffice?: string | null;
  /**
   * Runs that try a file whose failure is not its own (timeout, worker-crashed, internal-error,
   * output-error) before that failure is taken as final (default 3).
   */
  maxAttempts?: number;
  /** Also stream every report of the run as one JSON line to this file ('-': standard output). */
  jsonl?: string;
  /** Where '-' writes (default process.stdout). */
  stdout?: Writable;
}

/** converted: done now; unchanged: the manifest says it is done; reused: same bytes as another file. */
/** `other-shard`: the file's content hash puts it in another shard (--shard): not this run's. */
export type Outcome = 'converted' | 'unchanged' | 'reused' | 'other-shard';

export interface BatchResult {
  job: Job;
  outcome: Outcome;
  /** Absolute path of the JSON written (for output-error: the path that could not be written). */
  output: string;
  status: Status | string;
  code: string | null;
  message: string | null;
  layout: { activeDisclosure: string | null; applications: string | null };
  ms: number;
  /**
   * For a failure that is not the file's own: the runs that have tried these bytes so far,
   * this one included (it is tried again until `maxAttempts`). 0 otherwise.
   */
  attempt: number;
  /** Unchanged because a failure that is not the file's own used up its attempts. */
  gaveUp: boolean;
  /** What the report needs a human look for (what is missing, failed checks); null when not converted now. */
  review: Review | null;
}

export interface BatchStats {
  total: number;
  /** Files with a result (the rest were not started: the batch was stopped). */
  finished: number;
  /** Pool replacements. */
  recycled: number;
  /** Files run a second time in this run because their worker thread died under them. */
  retriedInRun: number;
  /** Manifest lines torn by an earlier kill (ignored). */
  tornManifestLines: number;
  /** Files whose JSON could not be written (no output, tried again next run). */
  outputErrors: number;
  /** Files whose JSON was written but whose manifest line was not (converted again next run). */
  manifestErrors: number;
  /** What went wrong with the JSONL stream, or null. */
  jsonlError: string | null;
  /** Lines written to the JSONL stream. */
  jsonlLines: number;
}


/** Temp files of writes cut short by a kill (this version's and the earlier naming). */
const TEMP = /^(\.xxgk-\d+-\d+\.tmp|.*\.json\.\d+\.[a-z0-9]+\.tmp|\..*\.\d+\.xxgk-tmp)$/;

/** Temp files of writes cut short by a kill: never complete JSON, removed before a run (under the lock). */
async function removeStaleTemps(dir: string, depth = 0): Promise<number> {
  let removed = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && depth < 64) removed += await removeStaleTemps(p, depth + 1);
    else if (e.isFile() && TEMP.test(e.name)) {
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
  /** Counts for the summary; final once `results` has ended. */
  readonly stats: BatchStats;
  /** Pool replacements so far. */
  readonly recycled: number;
  /** Manifest lines that were torn by an earlier kill (ignored). */
  readonly tornManifestLines: number;
}

/** Check that `outDir` takes a file before any work is done. */
async function probeWritable(outDir: string): Promise<void> {
  const probe = path.join(outDir, `.xxgk-${process.pid}-probe.tmp`);
  try {
    await writeFile(probe, 'xxgk write check\n');
  } catch (err) {
    throw new BatchError('output-not-writable', `cannot write to the output folder ${outDir} (${(err as NodeJS.ErrnoException).code ?? String(err)}): check that it is writable by this user and that the disk is not full`);
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
}

const NO_LAYOUT = { activeDisclosure: null, applications: null };

/**
 * Start a batch on `outDir`. Throws a BatchError before any work when the folder cannot be
 * written ('output-not-writable') or another batch is using it ('locked').
 */
export async function startBatch(jobs: Job[], opts: BatchOptions): Promise<Batch> {
  try {
    return await openBatch(jobs, opts);
  } catch (err) {
    // the batch never started: a pool started early for it is closed here
    await opts.pool?.close().catch(() => undefined);
    throw err;
  }
}

async function openBatch(jobs: Job[], opts: BatchOptions): Promise<Batch> {
  const outDir = path.resolve(opts.outDir);
  try {
    await mkdir(outDir, { recursive: true });
  } catch (err) {
    throw new BatchError('output-not-writable', `cannot create the output folder ${outDir} (${(err as NodeJS.ErrnoException).code ?? String(err)}): check the path and permissions`);
  }
  const shard = opts.shard;
  const lock = OutputLock.acquire(outDir, shard ? `xxgk.shard-${shard.index}-of-${shard.count}.lock` : undefined);
  let manifest: Manifest;
  let torn: number;
  let jsonl: JsonlWriter | null = null;
  try {
    await probeWritable(outDir);
    await removeStaleTemps(outDir);
    ({ manifest, torn } = await Manifest.load(outDir, opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, shard ? shardManifestName(shard.index, shard.count) : undefined));
    if (opts.jsonl) {
      try {
        jsonl = await JsonlWriter.open(opts.jsonl, opts.stdout);
      } catch (err) {
        throw new BatchError('output-not-writable', `cannot write the JSONL file ${opts.jsonl} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      }
    }
  } catch (err) {
    lock.release();
    if (err instanceof BatchError) throw err;
    throw new BatchError('output-not-writable', `cannot use the output folder ${outDir} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const pool = opts.pool ?? startPool(opts, jobs.map((j) => j.display));
  const threads = pool.threads;
  const soffice = opts.soffice === undefined ? findSoffice() : opts.soffice;
  const legacy = soffice ? new LegacyConverter(soffice, { timeoutMs: opts.timeoutMs ? Math.max(opts.timeoutMs * 3, 60_000) : 180_000 }) : null;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  // files in flight: as many as the threads hold (PER_THREAD each: the one converting, the next
  // waiting in the thread); a file's slot is free once its JSON is written, and the next file is
  // read while its thread converts the one before: enough to keep every thread busy, bounded for
  // memory (one more file per thread kept only 1–2 % more of a thread busy, measured on 1,024 DOCX)
  const queue = new PQueue({ concurrency: threads * PER_THREAD });
  const channel = new Channel<BatchResult>();
  const firstOfContent = new Map<string, Promise<Report | null>>();
  let stopping = false;
  const stats: BatchStats = {
    total: jobs.length, finished: 0, recycled: 0, retriedInRun: 0, tornManifestLines: torn,
    outputErrors: 0, manifestErrors: 0, jsonlError: null, jsonlLines: 0,
  };

  const push = (r: Omit<BatchResult, 'attempt' | 'gaveUp' | 'review'> & Partial<Pick<BatchResult, 'attempt' | 'gaveUp' | 'review'>>) => {
    stats.finished++;
    channel.push({ attempt: 0, gaveUp: false, review: null, ...r });
  };

  async function finish(job: Job, output: string, report: Report, outcome: Outcome, started: number, attemptsBefore: number): Promise<void> {
    // every record here already passed the schema: convertBytes and failedReport end in
    // ensureValid, and a report reused from disk is checked where it is read
    const code = report.error?.code ?? null;
    const review = reviewOf(report);
    try {
      await writeAtomic(output, toJson(report));
    } catch (err) {
      stats.outputErrors++;
      push({
        job, outcome, output, status: 'failed', code: 'output-error',
        message: `could not write the result (${(err as NodeJS.ErrnoException).code ?? String(err)}): free disk space or fix the permissions of the output folder, then run again`,
        layout: NO_LAYOUT, ms: Date.now() - started,
      });
      return;
    }
    try {
      await manifest.record({
        input: job.key, output: job.output, sha256: report.source.sha256, bytes: report.source.bytes,
        version: VERSION, status: report.status, code,
        ...(review.missing ? { missing: review.missing } : {}),
        ...(review.failedChecks.length ? { failedChecks: review.failedChecks } : {}),
        ...(report.status === 'needs-ocr' && process.env.XXGK_OCR === 'off' ? { ocrOff: true as const } : {}),
      });
    } catch {
      // the JSON is complete; without its manifest line the file is converted again next run
      stats.manifestErrors++;
    }
    if (jsonl) await jsonl.write(report);
    const retryable = code !== null && RETRYABLE_CODES.has(code);
    push({
      job, outcome, output, status: report.status, code, message: report.error?.message ?? null,
      layout: report.report.layout, ms: Date.now() - started, attempt: retryable ? attemptsBefore + 1 : 0, review,
    });
  }

  /** A file the manifest says is done: its JSON goes to the JSONL stream as it is. */
  async function unchanged(job: Job, output: string, status: string, code: string | null, started: number, gaveUp = false): Promise<void> {
    if (jsonl) {
      try {
        await jsonl.write(JSON.parse(await readFile(output, 'utf8')));
      } catch {
        // unreadable since: it has no line (the next run converts it again if it is gone)
      }
    }
    push({ job, outcome: 'unchanged', output, status, code, message: null, layout: NO_LAYOUT, ms: Date.now() - started, gaveUp });
  }

  async function convertOne(job: Job, bytes: Uint8Array, sha: string): Promise<Report> {
    const kind = sniff(bytes);
    const name = job.display;
    if (kind === 'ole' && !isEncryptedOle(bytes)) {
      const original = { sha256: sha, bytes: bytes.length, format: legacyFormat(name) };
      if (!legacy) return failed(job, sha, bytes.length, original.format, NEEDS_LIBREOFFICE.code, NEEDS_LIBREOFFICE.message);
      const res = await legacy.convert(job.input);
      if ('error' in res) return failed(job, sha, bytes.length, original.format, res.error.code, res.error.message);
      return pool.run({ input: res.docx, display: job.display, original });
    }
    return pool.run({ bytes, sha256: sha, display: job.display });
  }

  /** Whether a content hash (of the bytes; of the input's name for a file that was not read) is this shard's. */
  const mine = (hash: string) => !shard || Number.parseInt(hash.slice(0, 8), 16) % shard.count === shard.index;
  const otherShard = (job: Job, output: string, started: number) =>
    push({ job, outcome: 'other-shard', output, status: '-', code: null, message: null, layout: NO_LAYOUT, ms: Date.now() - started });

  async function handle(job: Job): Promise<void> {
    const started = Date.now();
    const output = path.join(outDir, job.output);
    let bytes: Uint8Array;
    const byName = () => mine(sha256(job.key));
    // a file that was not read (too large, unreadable) and is in the same state as last time is
    // not news: it counts as unchanged, with its earlier record
    const sameAsLast = async (code: string, size: number | null) => {
      const last = opts.force ? undefined : manifest.last(job.key);
      return last !== undefined && last.version === VERSION && last.code === code && last.bytes === size && last.output === job.output && (await exists(output));
    };
    try {
      const st = await stat(job.input);
      if (!st.isFile()) {
        if (!byName()) return otherShard(job, output, started);
        if (await sameAsLast('unreadable', null)) return unchanged(job, output, 'failed', 'unreadable', started);
        const what = st.isFIFO() ? 'a named pipe (FIFO)' : st.isSocket() ? 'a socket' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'not a regular file';
        return finish(job, output, failed(job, null, null, null, 'unreadable', `${job.display} is ${what}, not a document file: it was not read`), 'converted', started, 0);
      }
      if (st.size > maxBytes) {
        if (!byName()) return otherShard(job, output, started);
        if (await sameAsLast('too-large', st.size)) return unchanged(job, output, 'failed', 'too-large', started);
        return finish(job, output, failed(job, null, st.size, null, 'too-large', `the file has ${st.size} bytes, more than the limit of ${maxBytes} (--max-size); raise the limit if it really is a report`), 'converted', started, 0);
      }
      bytes = await readFile(job.input);
    } catch (err) {
      if (!byName()) return otherShard(job, output, started);
      if (await sameAsLast('unreadable', null)) return unchanged(job, output, 'failed', 'unreadable', started);
      const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
      return finish(job, output, failed(job, null, null, null, 'unreadable', `cannot read the file (${code}): check that it exists and that this user may read it`), 'converted', started, 0);
    }
    const sha = sha256(bytes);
    if (!mine(sha)) return otherShard(job, output, started);

    if (!opts.force) {
      const done = manifest.done(job.key, sha, VERSION);
      // a scan recorded as needs-ocr while OCR was off is read now that it is on
      const unread = done?.entry.status === 'needs-ocr' && done.entry.ocrOff === true && ocrOn();
      if (done && !unread && done.entry.output === job.output && (await exists(output))) {
        return unchanged(job, output, done.entry.status, done.entry.code, started, done.gaveUp);
      }
    }
    const attemptsBefore = opts.force ? 0 : manifest.attempts(job.key, sha, VERSION);
    // identical bytes under another name: convert once (a failure that is not the file's own is
    // not passed on: that copy is converted itself)
    const earlier = firstOfContent.get(sha);
    const previous = opts.force ? undefined : manifest.sameContent(sha, VERSION);
    if (earlier || previous) {
      let base: Report | null = null;
      if (earlier) base = await earlier;
      else if (previous) {
        try {
          // a file on disk may have been edited or damaged since: reuse it only if it is a valid
          // report of these bytes
          // (the schema loads here, on the first reuse: a batch of new files never needs it here)
          const { CanonicalReportSchema } = await import('../schema/canonical.js');
          const read = CanonicalReportSchema.safeParse(JSON.parse(await readFile(path.join(outDir, previous.output), 'utf8')));
          base = read.success && read.data.source.sha256 === sha ? read.data : null;
        } catch {
          base = null;
        }
      }
      if (base && !(base.error && RETRYABLE_CODES.has(base.error.code)) && !(!earlier && previous?.ocrOff === true && ocrOn())) {
        // the report depends on the bytes only, except the legacy format named by the extension
        const format = base.source.format === 'doc' || base.source.format === 'wps' ? legacyFormat(job.display) : base.source.format;
        const copy: Report = { ...base, source: { ...base.source, file: job.display, format } };
        return finish(job, output, copy, 'reused', started, attemptsBefore);
      }
    }
    let resolveFirst!: (v: Report | null) => void;
    if (!earlier) firstOfContent.set(sha, new Promise((r) => (resolveFirst = r)));
    let report: Report | null = null;
    try {
      report = await convertOne(job, bytes, sha);
    } finally {
      resolveFirst?.(report);
    }
    try {
      // abandoned by stop(now): not converted, nothing written; the next run converts it
      if (report.error?.code === 'interrupted') return;
      await finish(job, output, report, 'converted', started, attemptsBefore);
    } finally {
      // once written and in the manifest, later twins find it there: the run does not keep
      // every report in memory
      if (!earlier) firstOfContent.delete(sha);
    }
  }

  const all = (async () => {
    try {
      for (const job of jobs) {
        if (stopping) break;
        await queue.onSizeLessThan(threads * 2);
        if (stopping) break;
        queue.add(() =>
          handle(job).catch((err) => {
            // a bug in the batch itself: still one result for the file, and the batch goes on
            push({
              job, outcome: 'converted', output: path.join(outDir, job.output), status: 'failed', code: 'internal-error',
              message: `the batch could not handle this file (${err instanceof Error ? err.message : String(err)}); please report it`,
              layout: NO_LAYOUT, ms: 0,
            });
          }),
        );
      }
      await queue.onIdle();
    } finally {
      await legacy?.close().catch(() => undefined);
      await pool.close().catch(() => undefined);
      await manifest.flush();
      if (jsonl) {
        stats.jsonlLines = jsonl.lines;
        // after a stop too: the lines written so far are complete reports
        stats.jsonlError = await jsonl.close();
      }
      stats.recycled = pool.recycled;
      stats.retriedInRun = pool.retried;
      lock.release();
      channel.close();
    }
  })();

  return {
    results: { [Symbol.asyncIterator]: () => ({ next: () => channel.next() }) },
    async stop(now = false) {
      stopping = true;
      queue.clear();
      if (now) {
        await Promise.all([pool.destroy(), legacy?.kill()]);
      }
      await all.catch(() => undefined);
    },
    stats,
    get recycled() {
      return pool.recycled;
    },
    tornManifestLines: torn,
  };
}
