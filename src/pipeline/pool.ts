/**
 * CPU parallelism: Piscina pools of worker threads running `worker.ts`, with
 * - two files per thread handed to Piscina at a time (PER_THREAD): the thread converts them one
 *   after the other (worker.ts), so the next file is already in the thread when one ends, not a
 *   round trip through the main thread away; more files wait here, not in Piscina's queue;
 * - a per-file time limit that counts the file's own conversion only, from the moment the thread
 *   starts it (the thread writes that moment, and its id, into the task's `started`): a stuck
 *   thread is terminated and the file recorded as `timeout`;
 * - a heap cap per worker (a file that blows it up is recorded as `out-of-memory`);
 * - recycling: after `recycleAfter` files per thread, or when the process RSS passes `maxRssMb`,
 *   new files go to a fresh pool, and the old one is closed only once nothing runs in it any
 *   more (closing a pool that still holds files would kill them);
 * - a file that was still waiting in a thread that died (a time limit, a crash or a heap cap of
 *   the file before it) is handed out again, as new; a worker that dies under a file for no
 *   reason of the file's own (its pool was closed or destroyed, the thread exited) is retried
 *   once on a fresh thread before it is recorded as `worker-crashed`.
 * `run` never rejects: every outcome is a canonical report.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Piscina as PiscinaPool } from 'piscina';
import type { CanonicalReport } from '../schema/canonical.js';
// (records.js, for failures, loads when one happens: the threads start before the batch's code loads)
import { now, PER_THREAD, RECYCLE_AFTER, WARM_UP, WARM_UP_NO_PDF, type WorkerTask } from './task.js';

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
  /**
   * V8's young generation per worker, MiB (semi-space size × 3). Default: YOUNG_MB, or
   * $XXGK_YOUNG_MB (benchmarks: bench/young-gen.ts).
   */
  youngMb?: number;
  /**
   * Compile the PDF engine (WebAssembly, ~50 ms of CPU) while a thread warms up. Default true;
   * false when no input is named like a PDF (a PDF among them still loads it, on first use).
   */
  warmPdf?: boolean;
}

/** Young generation per worker thread (MiB); see bench/RESULTS.md for the measurement. */
export const YOUNG_MB = 48;

function youngMb(opt: number | undefined): number | undefined {
  const env = Number(process.env.XXGK_YOUNG_MB);
  const v = opt ?? (Number.isFinite(env) && env > 0 ? env : YOUNG_MB);
  return v > 0 ? Math.min(1024, v) : undefined;
}

// From the sources (tests, tsx) the worker is TypeScript and needs the tsx loader; compiled, it is
// the worker's bundle with its code cache (worker-entry.ts: one script to load instead of ~130
// modules, its first file's functions already compiled).
const fromSource = import.meta.url.endsWith('.ts');
const WORKER = fileURLToPath(new URL(fromSource ? './worker.ts' : './worker-entry.js', import.meta.url));

type Task = WorkerTask | typeof WARM_UP | typeof WARM_UP_NO_PDF;

/** How often a file that dies before its thread started it is handed out again. */
const MAX_REDISPATCH = 3;

// required, not imported: piscina is CommonJS, and importing it from an ES module first scans its
// source for the names it exports (cjs-module-lexer), on the way to the first thread's start
// (17–23 ms against 11–17 ms in a fresh process: bench/RESULTS.md, session 6)
const { Piscina } = createRequire(import.meta.url)('piscina') as typeof import('piscina');

/** One Piscina pool and the files running in it. */
interface Generation {
  pool: PiscinaPool<Task, CanonicalReport | null>;
  /** Resolves when every thread has loaded the converter. */
  ready: Promise<unknown>;
  /** Set once `ready` has resolved: a file then goes to its thread without waiting a turn. */
  isReady: boolean;
  /** Files handed to this pool and not yet settled. */
  running: number;
  /** Files handed to this pool in all. */
  dispatched: number;
  retiring: boolean;
  closed: Promise<void> | null;
}

export class ConvertPool {
  private current: Generation;
  private readonly generations = new Set<Generation>();
  /** Files waiting for a free thread (FIFO). */
  private readonly waiting: (() => void)[] = [];
  private busy = 0;
  private destroyed = false;
  /** How many pools were retired (for the summary and the tests). */
  recycled = 0;
  /** Files run a second time because their worker died under them. */
  retried = 0;
  /** Files handed out again because their thread died before it started them (for the tests). */
  redispatched = 0;

  /** The OCR mode its threads were started with (they copy the environment when they start). */
  private readonly ocrEnv = process.env.XXGK_OCR;

  constructor(private opts: PoolOptions) {
    this.current = this.create();
  }

  /** The number of worker threads. */
  get threads(): number {
    return this.opts.threads;
  }

  /**
   * Whether this pool (started early, from a guess at the options: cli.ts) has exactly the threads
   * `startPool(opts, names)` would start now: if so it takes the options that are not the
   * threads' own (time limit, recycling) and is used as is. Only before any file has run in it.
   */
  adopt(opts: StartOptions, names?: readonly string[]): boolean {
    const spec = poolSpec(opts, names);
    const fits = spec.threads === this.opts.threads && spec.warmPdf === (this.opts.warmPdf !== false) && this.ocrEnv === process.env.XXGK_OCR
      && this.current.dispatched === 0 && this.generations.size === 1 && !this.destroyed;
    if (fits) this.opts = { ...this.opts, ...spec, ...limits(opts) };
    return fits;
  }

  private create(): Generation {
    const pool = new Piscina<Task, CanonicalReport | null>({
      filename: WORKER,
      minThreads: this.opts.threads,
      maxThreads: this.opts.threads,
      // (tasks without an AbortSignal: Piscina gives a thread a second task only then; the time
      // limit terminates the thread itself, see attempt)
      concurrentTasksPerWorker: PER_THREAD,
      idleTimeout: 30_000,
      // close() is only called on an idle pool; this bounds a thread that will not exit
      closeTimeout: 10_000,
      // by URL: the loader resolves from any working directory
      execArgv: fromSource ? ['--import', import.meta.resolve('tsx')] : [],
      resourceLimits: { maxOldGenerationSizeMb: this.opts.heapMb ?? 2048, maxYoungGenerationSizeMb: youngMb(this.opts.youngMb) },
    });
    // a pool-level error (e.g. a close timeout) must not become an uncaught 'error' event
    pool.on('error', () => undefined);
    // one warm-up task per thread: module loading is not a file's conversion time
    const ready = Promise.all(Array.from({ length: this.opts.threads }, () => pool.run(this.opts.warmPdf === false ? WARM_UP_NO_PDF : WARM_UP).catch(() => null)));
    const gen: Generation = { pool, ready, isReady: false, running: 0, dispatched: 0, retiring: false, closed: null };
    void ready.then(() => (gen.isReady = true));
    this.generations.add(gen);
    return gen;
  }

  /** Close a retired pool once the last file in it has settled. */
  private closeIfIdle(gen: Generation): void {
    if (!gen.retiring || gen.running > 0 || gen.closed) return;
    gen.closed = gen.pool.close().catch(() => undefined).then(() => {
      this.generations.delete(gen);
    });
  }

  private retire(gen: Generation): void {
    if (gen.retiring) return;
    gen.retiring = true;
    this.closeIfIdle(gen);
  }

  /** The pool for the next file, recycling first when it is due. */
  private pick(): Generation {
    const gen = this.current;
    const perThread = gen.dispatched / this.opts.threads;
    const tooMany = this.opts.recycleAfter !== undefined && perThread >= this.opts.recycleAfter;
    const tooBig = this.opts.maxRssMb !== undefined && process.memoryUsage.rss() / 1024 / 1024 > this.opts.maxRssMb;
    if (!tooMany && !tooBig) return gen;
    this.retire(gen);
    this.current = this.create();
    this.recycled++;
    return this.current;
  }

  private async acquire(): Promise<void> {
    if (this.busy < this.opts.threads * PER_THREAD) {
      this.busy++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next(); // the slot passes straight to the next file
    else this.busy--;
  }

  async run(task: WorkerTask): Promise<CanonicalReport> {
    await this.acquire();
    try {
      let first = await this.attempt(task);
      // still waiting in a thread that died under the file before it: handed out again, as new
      for (let n = 0; first.kind === 'unstarted' && n < MAX_REDISPATCH && !this.destroyed; n++) {
        this.redispatched++;
        first = await this.attempt(task);
      }
      if (first.kind !== 'died' || this.destroyed) return first.report;
      // the thread died under the file: once more on a fresh thread, so that a dying thread or
      // a pool torn down around the file never costs the file its conversion
      this.retried++;
      this.retire(this.current);
      this.current = this.create();
      this.recycled++;
      return (await this.attempt(task)).report;
    } finally {
      this.release();
    }
  }

  private async attempt(task: WorkerTask): Promise<{ kind: 'done' | 'died' | 'unstarted'; report: CanonicalReport }> {
    const gen = this.pick();
    gen.dispatched++;
    gen.running++;
    try {
      // (not awaited once resolved: the next file reaches its thread before the main thread
      // turns to the previous file's result, which it would otherwise write first)
      if (!gen.isReady) await gen.ready;
      if (this.destroyed) return { kind: 'done', report: await failed(task, 'interrupted', 'the batch was stopped before this file was converted; run again to convert it') };
      // the thread writes when it starts the file (task.ts, now()) and its id: the clock starts
      // then, not while the file waits behind another one in the thread
      const started = new SharedArrayBuffer(16);
      const stamp = new BigInt64Array(started);
      let timedOut = false;
      let timer: NodeJS.Timeout | undefined;
      const check = (): void => {
        const at = Number(Atomics.load(stamp, 0));
        const left = at === 0 ? Math.min(this.opts.timeoutMs, 1000) : at + this.opts.timeoutMs - now();
        if (at === 0 || left > 0) {
          timer = setTimeout(check, Math.max(1, left));
          return;
        }
        const id = Number(Atomics.load(stamp, 1));
        const thread = gen.pool.threads.find((w) => w.threadId === id);
        if (!thread) return; // gone already: the file fails with it
        timedOut = true;
        void thread.terminate();
      };
      timer = setTimeout(check, this.opts.timeoutMs);
      // the worker gets its own copy, moved without a second copy; the caller's bytes stay
      // intact for a retry
      const sent: WorkerTask = task.bytes ? { ...task, bytes: task.bytes.slice(), started } : { ...task, started };
      const transferList = sent.bytes ? [sent.bytes.buffer as ArrayBuffer] : undefined;
      try {
        const report = await gen.pool.run(sent, { transferList });
        if (!report) throw new Error('the worker returned nothing');
        return { kind: 'done', report };
      } catch (err) {
        const e = err as Error & { code?: string };
        if (timedOut) {
          return { kind: 'done', report: await failed(task, 'timeout', `conversion took longer than ${this.opts.timeoutMs / 1000} s and was stopped (the worker was terminated); raise --timeout if the file is just big`) };
        }
        if (this.destroyed) {
          return { kind: 'done', report: await failed(task, 'interrupted', 'the batch was stopped while this file was being converted; run again to convert it') };
        }
        const reason = (e?.message ?? String(err)).split('\n')[0]!.slice(0, 200);
        if (Atomics.load(stamp, 0) === 0n) {
          // the thread died under the file before it (its time limit, heap cap or crash)
          return { kind: 'unstarted', report: await failed(task, 'worker-crashed', `the conversion thread died ${MAX_REDISPATCH + 1} times before it could start this file (${reason}); please report it`) };
        }
        if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          return { kind: 'done', report: await failed(task, 'out-of-memory', `conversion ran out of memory (worker heap cap ${this.opts.heapMb ?? 2048} MiB); the file is probably pathological`) };
        }
        return { kind: 'died', report: await failed(task, 'worker-crashed', `the conversion worker died twice on this file (${reason}); the file may be pathological: please report it`) };
      } finally {
        clearTimeout(timer);
      }
    } finally {
      gen.running--;
      this.closeIfIdle(gen);
    }
  }

  async close(): Promise<void> {
    for (const gen of this.generations) this.retire(gen);
    await Promise.all([...this.generations].map((g) => g.closed));
  }

  /** Stop at once (SIGINT): running conversions are abandoned. */
  async destroy(): Promise<void> {
    this.destroyed = true;
    for (const next of this.waiting.splice(0)) next();
    await Promise.all([...this.generations].map((g) => g.pool.destroy().catch(() => undefined)));
  }
}

/**
 * The record of a file the worker did not finish, with the hash and size the task brought (the
 * original's for a legacy .doc converted first).
 */
async function failed(task: WorkerTask, code: string, message: string): Promise<CanonicalReport> {
  const { failedReport } = await import('./records.js');
  const o = task.original;
  const sha256 = o?.sha256 ?? task.sha256 ?? null;
  const bytes = o?.bytes ?? (sha256 !== null && task.bytes ? task.bytes.length : null);
  return failedReport({ file: task.display, sha256, bytes, format: o?.format ?? null }, code, message);
}

export interface StartOptions {
  jobs?: number;
  timeoutMs?: number;
  recycleAfter?: number;
  maxRssMb?: number;
}

/** How many threads, and whether they compile the PDF engine ahead (see startPool). */
export function poolSpec(opts: StartOptions, names?: readonly string[]): { threads: number; warmPdf: boolean } {
  return {
    threads: Math.max(1, Math.min(opts.jobs ?? availableParallelism(), names?.length ?? Infinity)),
    warmPdf: !names || names.some((n) => /\.pdf$/i.test(n)),
  };
}

function limits(opts: StartOptions): Pick<PoolOptions, 'timeoutMs' | 'recycleAfter' | 'maxRssMb'> {
  return { timeoutMs: opts.timeoutMs ?? 60_000, recycleAfter: opts.recycleAfter ?? RECYCLE_AFTER, maxRssMb: opts.maxRssMb ?? 4096 };
}

/**
 * The worker pool of a batch: one thread per core (or `jobs`). When the files' `names` are known,
 * never more threads than files (a single file starts a single thread), and the PDF engine is
 * compiled ahead only when one of them is named .pdf (see PoolOptions.warmPdf).
 */
export function startPool(opts: StartOptions, names?: readonly string[]): ConvertPool {
  return new ConvertPool({ ...poolSpec(opts, names), ...limits(opts) });
}
