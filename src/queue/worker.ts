/**
 * `xxgk worker`: takes jobs from the queue and converts them with the batch's worker-thread pool
 * (ConvertPool: two files per thread, per-file timeout, a thread that dies retried once), writing
 * each JSON atomically at the job's output path(s) in the shared output tree and a line to this
 * process's manifest there (output.ts).
 *
 * Outcomes:
 * - a report, whatever its status, including a failure that is the file's own (corrupt,
 *   encrypted, not-a-report, needs-ocr, too-large…): written, and the job completes;
 * - a failure that is not the file's own (timeout, worker-crashed, internal-error,
 *   output-error: RETRYABLE_CODES): the job fails this attempt and BullMQ retries it with
 *   exponential backoff; at the last attempt the record is written (as the batch writes it) and
 *   the job goes to the failed set;
 * - this process killed mid-job (kill -9, a lost machine): the job's lock expires and BullMQ's
 *   stalled-job check on any other worker puts it back in the queue.
 *
 * Stop: the first SIGINT/SIGTERM stops taking jobs and lets the running ones finish; a second
 * one hands the running ones back to the queue at once (they are taken up by other workers).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Queue, UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { isEncryptedOle } from '../extractors/ole.js';
import { startPool } from '../pipeline/batch.js';
import { findSoffice, LegacyConverter, NEEDS_LIBREOFFICE } from '../pipeline/legacy.js';
import { RETRYABLE_CODES } from '../pipeline/manifest.js';
import type { ConvertPool } from '../pipeline/pool.js';
import { PER_THREAD } from '../pipeline/task.js';
import { failedReport, sha256, sniff, toJson } from '../pipeline/records.js';
import { reviewOf } from '../pipeline/review.js';
import type { SourceFormat } from '../model.js';
import type { CanonicalReport as Report } from '../schema/canonical.js';
import { VERSION } from '../version.js';
import {
  connect, JOB_FORMAT, QUEUE_EXIT, QueueError, showUrl, targetPath, workerName,
  type ConvertJobData, type ConvertJobResult, type Target,
} from './common.js';
import { ShardManifest, writeAtomic } from './output.js';

export interface WorkerOptions {
  redis: string;
  queue: string;
  jobs: number;
  /** Per-file limit (s). */
  timeout: number;
  recycleAfter: number;
  /** BullMQ job lock (s): a job whose worker stops renewing it for this long is stalled. */
  lockDuration: number;
  /** Seconds between this worker's checks for stalled jobs (of any worker). */
  stalledInterval: number;
  /** Times a job may stall (its worker killed) and be taken over before it is failed. */
  maxStalled: number;
  quiet?: boolean;
}

type ConvertJob = Job<ConvertJobData, ConvertJobResult>;

/** What the pool or LibreOffice answers for a file when the worker is being stopped at once. */
const INTERRUPTED = 'interrupted';

function legacyFormat(file: string): SourceFormat {
  return path.extname(file).toLowerCase() === '.wps' ? 'wps' : 'doc';
}

/** A report of the same bytes for another name: as the batch's reuse (source.file, and the legacy format by extension). */
function copyFor(base: Report, t: Target): Report {
  const format = base.source.format === 'doc' || base.source.format === 'wps' ? legacyFormat(t.display) : base.source.format;
  return { ...base, source: { ...base.source, file: t.display, format } };
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

const retryable = (r: Report) => r.error !== null && RETRYABLE_CODES.has(r.error.code);

class Converter {
  private readonly manifests = new Map<string, ShardManifest>();
  private warnedVersions = new Set<string>();

  constructor(
    private readonly pool: ConvertPool,
    private readonly legacy: LegacyConverter | null,
    private readonly lookup: Queue<ConvertJobData, ConvertJobResult>,
    private readonly name: string,
  ) {}

  private manifest(outDir: string): ShardManifest {
    let m = this.manifests.get(outDir);
    if (!m) this.manifests.set(outDir, (m = new ShardManifest(outDir)));
    return m;
  }

  async flush(): Promise<void> {
    await Promise.all([...this.manifests.values()].map((m) => m.flush()));
  }

  /** The report of one input, read now (its bytes may have changed since it was enqueued). */
  private async reportOf(t: Target, d: ConvertJobData, byContent: Map<string, Report>): Promise<Report> {
    const file = targetPath(t);
    const failed = (sha: string | null, size: number | null, code: string, message: string) =>
      failedReport({ file: t.display, sha256: sha, bytes: size, format: null }, code, message);
    let bytes: Uint8Array;
    try {
      const st = await stat(file);
      if (!st.isFile()) {
        const what = st.isFIFO() ? 'a named pipe (FIFO)' : st.isSocket() ? 'a socket' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'not a regular file';
        return failed(null, null, 'unreadable', `${t.display} is ${what}, not a document file: it was not read`);
      }
      if (st.size > d.maxBytes) {
        return failed(null, st.size, 'too-large', `the file has ${st.size} bytes, more than the limit of ${d.maxBytes} (--max-size); raise the limit if it really is a report`);
      }
      bytes = await readFile(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
      return failed(null, null, 'unreadable', `cannot read the file (${code}): check that it exists and that this user may read it`);
    }
    const sha = sha256(bytes);
    const known = byContent.get(sha);
    if (known) return copyFor(known, t);
    const report = await this.convert(t, bytes, sha);
    if (!retryable(report) && report.error?.code !== INTERRUPTED) byContent.set(sha, report);
    return report;
  }

  private async convert(t: Target, bytes: Uint8Array, sha: string): Promise<Report> {
    if (sniff(bytes) === 'ole' && !isEncryptedOle(bytes)) {
      const format = legacyFormat(t.display);
      const original = { sha256: sha, bytes: bytes.length, format };
      const failed = (code: string, message: string) => failedReport({ file: t.display, sha256: sha, bytes: bytes.length, format }, code, message);
      if (!this.legacy) return failed(NEEDS_LIBREOFFICE.code, NEEDS_LIBREOFFICE.message);
      const res = await this.legacy.convert(targetPath(t));
      if ('error' in res) return failed(res.error.code, res.error.message);
      return this.pool.run({ input: res.docx, display: t.display, original });
    }
    return this.pool.run({ bytes, sha256: sha, display: t.display });
  }

  /** The report of `reuseFrom`'s first output when that job is complete and its JSON is a valid report of these bytes. */
  private async reusable(d: ConvertJobData): Promise<Report | null> {
    if (!d.reuseFrom || !d.sha256) return null;
    try {
      const base = await this.lookup.getJob(d.reuseFrom);
      if (!base || !(await base.isCompleted())) return null;
      const first = base.returnvalue?.outputs?.[0];
      if (!first) return null;
      const { CanonicalReportSchema } = await import('../schema/canonical.js');
      const read = CanonicalReportSchema.safeParse(JSON.parse(await readFile(path.join(base.data.outDir, first), 'utf8')));
      return read.success && read.data.source.sha256 === d.sha256 && !retryable(read.data) ? read.data : null;
    } catch {
      return null;
    }
  }

  /** Write a report at its output path, then its manifest line. Throws when the JSON cannot be written. */
  private async write(d: ConvertJobData, t: Target, report: Report): Promise<void> {
    try {
      await writeAtomic(path.join(d.outDir, t.output), toJson(report));
    } catch (err) {
      throw new Error(`output-error: could not write ${t.output} in ${d.outDir} (${(err as NodeJS.ErrnoException).code ?? String(err)}): free disk space or fix the permissions of the output folder`);
    }
    const review = reviewOf(report);
    try {
      await this.manifest(d.outDir).append({
        input: t.key, output: t.output, sha256: report.source.sha256, bytes: report.source.bytes,
        version: VERSION, status: report.status, code: report.error?.code ?? null,
        ...(review.missing ? { missing: review.missing } : {}),
        ...(review.failedChecks.length ? { failedChecks: review.failedChecks } : {}),
        ...(report.status === 'needs-ocr' && process.env.XXGK_OCR === 'off' ? { ocrOff: true as const } : {}),
      });
    } catch (err) {
      // the JSON is complete: a missing manifest line only costs a later `convert` a reconversion
      process.stderr.write(`xxgk worker: could not append to ${this.manifest(d.outDir).file} (${(err as NodeJS.ErrnoException).code ?? String(err)})\n`);
    }
  }

  async process(job: ConvertJob, token: string | undefined, handingBack: () => boolean): Promise<ConvertJobResult> {
    const started = Date.now();
    const d = job.data;
    if (d?.format !== JOB_FORMAT || !Array.isArray(d.targets) || d.targets.length === 0 || typeof d.outDir !== 'string') {
      throw new UnrecoverableError(`job data of an unknown layout (format ${String(d?.format)}): enqueue it again with this version of xxgk`);
    }
    if (d.version !== VERSION && !this.warnedVersions.has(d.version)) {
      this.warnedVersions.add(d.version);
      process.stderr.write(`xxgk worker: note: jobs enqueued by xxgk ${d.version} are converted by this worker's version ${VERSION} (its manifest lines say ${VERSION})\n`);
    }
    const attempt = job.attemptsMade + 1;
    const attempts = job.opts.attempts ?? 1;
    // the output tree is created by enqueue on the shared storage: a machine that does not see
    // it has not mounted that storage (its inputs would all look unreadable): not this file's fault
    if (!(await isDirectory(d.outDir))) {
      const what = `the output folder ${d.outDir} does not exist on ${this.name}: mount the shared storage there (at the same path as on the machine that enqueued)`;
      await job.log(`${new Date().toISOString()} attempt ${attempt}/${attempts} on ${this.name}: ${what}`).catch(() => undefined);
      throw new Error(what);
    }
    const result = (reports: { t: Target; report: Report }[], outcome: ConvertJobResult['outcome']): ConvertJobResult => ({
      status: reports[0]!.report.status, code: reports[0]!.report.error?.code ?? null,
      outputs: reports.map((r) => r.t.output), worker: this.name, outcome, ms: Date.now() - started,
    });

    // names added later for content another job has converted: its report is copied for every
    // name whose bytes (read and hashed now) are still those
    const byContent = new Map<string, Report>();
    const base = await this.reusable(d);
    if (base) byContent.set(d.sha256!, base);
    const reports: { t: Target; report: Report }[] = [];
    for (const t of d.targets) {
      if (handingBack()) break;
      reports.push({ t, report: await this.reportOf(t, d, byContent) });
    }
    if (handingBack() || reports.some((r) => r.report.error?.code === INTERRUPTED)) {
      // stopped at once: nothing written, the job goes back to the queue for another worker
      await job.log(`${new Date().toISOString()} attempt ${attempt}/${attempts} on ${this.name}: handed back (the worker was stopped)`).catch(() => undefined);
      await job.moveToWait(token);
      throw new WaitingError();
    }
    const bad = reports.find((r) => retryable(r.report));
    const final = attempt >= attempts;
    const what = bad ? `${bad.report.error!.code}: ${bad.report.error!.message}` : `${reports[0]!.report.status}${reports[0]!.report.error ? ` ${reports[0]!.report.error.code}` : ''}`;
    await job.log(`${new Date().toISOString()} attempt ${attempt}/${attempts} on ${this.name}: ${what}${bad ? (final ? ' (last attempt: record written, job failed)' : ' (retried after a backoff)') : ''}`).catch(() => undefined);
    if (bad && !final) throw new Error(what);
    // a failure that is not the file's own, at the last attempt: its record is written as the
    // batch writes it (every input ends with a JSON), and the job fails
    for (const r of reports) await this.write(d, r.t, r.report);
    if (bad) throw new Error(what);
    return result(reports, base && reports.every((r) => r.report.source.sha256 === d.sha256) ? 'reused' : 'converted');
  }
}

export async function runWorker(opts: WorkerOptions): Promise<number> {
  let client: Redis;
  try {
    client = await connect(opts.redis, { blocking: true });
  } catch (err) {
    if (!(err instanceof QueueError)) throw err;
    process.stderr.write(`xxgk worker: ${err.message}\n`);
    return QUEUE_EXIT.redis;
  }
  const name = workerName();
  const timeoutMs = opts.timeout * 1000;
  const pool = startPool({ jobs: opts.jobs, timeoutMs, recycleAfter: opts.recycleAfter });
  const soffice = findSoffice();
  const legacy = soffice ? new LegacyConverter(soffice, { timeoutMs: Math.max(timeoutMs * 3, 60_000) }) : null;
  const lookup = new Queue<ConvertJobData, ConvertJobResult>(opts.queue, { connection: client });
  lookup.on('error', () => undefined);
  const converter = new Converter(pool, legacy, lookup, name);
  let handingBack = false;
  const counts = { completed: 0, retried: 0, failed: 0 };

  const worker = new Worker<ConvertJobData, ConvertJobResult>(
    opts.queue,
    (job, token) => converter.process(job, token, () => handingBack),
    {
      connection: client,
      name,
      // as many jobs as the pool takes at once: each thread converts one and holds the next
      concurrency: pool.threads * PER_THREAD,
      lockDuration: opts.lockDuration * 1000,
      stalledInterval: opts.stalledInterval * 1000,
      maxStalledCount: opts.maxStalled,
    },
  );
  let lastError = '';
  worker.on('error', (err) => {
    // a lost connection is retried by ioredis: say it once, not at every attempt
    if (err.message !== lastError) process.stderr.write(`xxgk worker: ${err.message}\n`);
    lastError = err.message;
  });
  const shown = (job: ConvertJob | undefined) => (job?.data?.targets ?? []).map((t) => t.display).join(', ') || job?.id || '?';
  worker.on('completed', (job, r) => {
    counts.completed++;
    if (!opts.quiet) process.stderr.write(`${r.status.padEnd(12)} ${shown(job)}${r.code ? `  ${r.code}` : ''}${r.outcome === 'reused' ? '  (reused)' : ''}\n`);
  });
  worker.on('failed', (job, err) => {
    if (!job || err instanceof WaitingError || err.name === 'WaitingError') return;
    const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (final) counts.failed++;
    else counts.retried++;
    process.stderr.write(`${(final ? 'FAILED' : 'retry').padEnd(12)} ${shown(job)}  ${err.message} (attempt ${job.attemptsMade}/${job.opts.attempts ?? 1})\n`);
  });

  await worker.waitUntilReady();
  process.stderr.write(
    `xxgk worker ${name}: ${pool.threads} thread(s), queue "${opts.queue}" at ${showUrl(opts.redis)}; ` +
      `per-file timeout ${opts.timeout} s, job lock ${opts.lockDuration} s, stalled check every ${opts.stalledInterval} s\n`,
  );

  let resolveStop!: () => void;
  const stop = new Promise<void>((r) => (resolveStop = r));
  let signals = 0;
  const onSignal = () => {
    signals++;
    if (signals === 1) {
      process.stderr.write('xxgk worker: stopping: no new jobs; finishing the running ones (again to hand them back to the queue)\n');
      resolveStop();
    } else if (!handingBack) {
      handingBack = true;
      process.stderr.write('xxgk worker: handing the running jobs back to the queue\n');
      void pool.destroy();
      void legacy?.kill();
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  await stop;
  try {
    // waits for the running jobs (each bounded by the per-file timeout, or handed back)
    await worker.close();
  } finally {
    await converter.flush();
    await legacy?.close().catch(() => undefined);
    await pool.close().catch(() => undefined);
    await lookup.close().catch(() => undefined);
    await client.quit().catch(() => client.disconnect());
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  process.stderr.write(`xxgk worker ${name}: stopped; ${counts.completed} job(s) completed, ${counts.retried} attempt(s) failed and left for a retry, ${counts.failed} job(s) failed for good\n`);
  return handingBack ? QUEUE_EXIT.interrupted : QUEUE_EXIT.ok;
}
