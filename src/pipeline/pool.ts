/**
 * CPU parallelism: a Piscina pool of worker threads running `worker.ts`, with
 * - a per-file timeout that terminates the stuck worker (the file is recorded as `timeout`),
 * - a heap cap per worker (a file that blows it up is recorded as `out-of-memory`),
 * - recycling: after `recycleAfter` files per thread, or when the process RSS passes `maxRssMb`,
 *   new files go to a fresh pool and the old one is closed once its files are done.
 * `run` never rejects: every outcome is a canonical report.
 */
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { CanonicalReport } from '../schema/canonical.js';
import { failedReport } from './convert.js';
import { WARM_UP, type WorkerTask } from './worker.js';

export interface PoolOptions {
  threads: number;
  /** Per-file time limit in ms. */
  timeoutMs: number;
  /** Files per thread before the pool is replaced. */
  recycleAfter?: number;
  /** Replace the pool when the process RSS exceeds this (MiB). */
  maxRssMb?: number;
  /** V8 old-generation cap per worker (MiB). */
  heapMb?: number;
}

// From the sources (tests, tsx) the worker is TypeScript and needs the tsx loader.
const fromSource = import.meta.url.endsWith('.ts');
const WORKER = fileURLToPath(new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url));

type Task = WorkerTask | typeof WARM_UP;

export class ConvertPool {
  private pool: Piscina<Task, CanonicalReport | null>;
  /** Resolves when every thread of the current pool has loaded the converter. */
  private ready: Promise<unknown> = Promise.resolve();
  private dispatched = 0;
  private readonly retiring: Promise<void>[] = [];
  /** How many pools were retired (for the summary and the tests). */
  recycled = 0;

  constructor(private readonly opts: PoolOptions) {
    this.pool = this.create();
  }

  private create(): Piscina<Task, CanonicalReport | null> {
    const pool = new Piscina<Task, CanonicalReport | null>({
      filename: WORKER,
      minThreads: this.opts.threads,
      maxThreads: this.opts.threads,
      idleTimeout: 30_000,
      execArgv: fromSource ? ['--import', 'tsx'] : [],
      resourceLimits: { maxOldGenerationSizeMb: this.opts.heapMb ?? 2048 },
    });
    // one warm-up task per thread: module loading is not a file's conversion time
    this.ready = Promise.all(Array.from({ length: this.opts.threads }, () => pool.run(WARM_UP).catch(() => null)));
    return pool;
  }

  private maybeRecycle(): void {
    const perThread = this.dispatched / this.opts.threads;
    const rssMb = process.memoryUsage.rss() / 1024 / 1024;
    const tooMany = this.opts.recycleAfter !== undefined && perThread >= this.opts.recycleAfter;
    const tooBig = this.opts.maxRssMb !== undefined && rssMb > this.opts.maxRssMb;
    if (!tooMany && !tooBig) return;
    const old = this.pool;
    this.retiring.push(old.close().catch(() => undefined));
    this.pool = this.create();
    this.dispatched = 0;
    this.recycled++;
  }

  async run(task: WorkerTask): Promise<CanonicalReport> {
    this.maybeRecycle();
    this.dispatched++;
    await this.ready;
    const signal = AbortSignal.timeout(this.opts.timeoutMs);
    try {
      // the bytes move to the worker without a copy
      const transferList = task.bytes ? [task.bytes.buffer as ArrayBuffer] : undefined;
      const report = await this.pool.run(task, { signal, transferList });
      if (!report) throw new Error('the worker returned nothing');
      return report;
    } catch (err) {
      const e = err as Error & { code?: string };
      if (e?.name === 'AbortError' || signal.aborted) {
        return failed(task, 'timeout', `conversion took longer than ${this.opts.timeoutMs / 1000} s and was stopped (the worker was terminated); raise --timeout if the file is just big`);
      }
      if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        return failed(task, 'out-of-memory', `conversion ran out of memory (worker heap cap ${this.opts.heapMb ?? 2048} MiB); the file is probably pathological`);
      }
      return failed(task, 'worker-crashed', `the conversion worker died (${e?.message ?? String(err)}); please report this file`);
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.close().catch(() => undefined), ...this.retiring]);
  }

  /** Stop at once (SIGINT): running conversions are abandoned. */
  async destroy(): Promise<void> {
    await Promise.all([this.pool.destroy().catch(() => undefined), ...this.retiring]);
  }
}

/** The record of a file the worker did not finish; the caller knows its hash and size. */
function failed(task: WorkerTask, code: string, message: string): CanonicalReport {
  const o = task.original;
  return failedReport({ file: task.display, sha256: o?.sha256 ?? null, bytes: o?.bytes ?? null, format: o?.format ?? null }, code, message);
}
