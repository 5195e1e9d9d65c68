/**
 * Piscina worker: converts one file per task, off the main thread. Everything CPU-heavy
 * (unzip, XML, the PDF engine, OCR, the normalizer, schema validation) runs here.
 *
 * Last line of defence: an error that escapes as an unhandled rejection or an uncaught exception
 * (a library's floating promise, a throw in a timer callback) would end the thread, and the batch
 * would record `worker-crashed` for whatever file the thread had. Instead, while a task runs, such
 * an error becomes that task's result (`corrupt` for a PDF: pdf.js is what parses it; else
 * `internal-error`). An error whose async context belongs to a task already finished (a timer a
 * library left behind; piscina's idle threads sleep, so it fires during the next task) is not
 * charged to the running task: it is reported on stderr and the thread carries on.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { isMainThread, threadId } from 'node:worker_threads';
import { damagedMessage } from '../extractors/pdf-damaged.js';
import { errorDetail } from '../clean.js';
import { convertFile, convertHashed, failedReport, sha256, sniff } from './convert.js';
import { now, WARM_UP, WARM_UP_NO_PDF, type WorkerTask } from './task.js';
import { loadPdfium } from '../extractors/pdfium/load.js';

export { WARM_UP, type WorkerTask } from './task.js';
import type { CanonicalReport } from '../schema/canonical.js';

interface Running {
  task: WorkerTask;
  settle: (report: CanonicalReport) => void;
}

/** The task this thread is converting, if any. */
let running: Running | null = null;
/** The task whose conversion started the current async context. */
const origin = new AsyncLocalStorage<Running>();
let guarded = false;

function installGuards(): void {
  if (guarded) return;
  guarded = true;
  process.on('unhandledRejection', (reason) => stray(reason));
  process.on('uncaughtException', (err) => stray(err));
}

function stray(err: unknown): void {
  const r = running;
  const from = origin.getStore();
  if (!r || (from && from !== r)) {
    // nothing to charge it to (a late error of a finished file): keep the thread alive
    try {
      process.stderr.write(`xxgk worker: ignored an error raised after its file was done (${errorDetail(err)})\n`);
    } catch {
      // stderr gone: nothing to do
    }
    return;
  }
  running = null;
  r.settle(strayReport(r.task, err));
}

/** The record of a task during which an error escaped the conversion. */
export function strayReport(task: WorkerTask, err: unknown): CanonicalReport {
  const bytes = task.bytes && task.bytes.byteLength > 0 ? task.bytes : null;
  const isPdf = bytes ? sniff(bytes) === 'pdf' : /\.pdf$/i.test(task.display);
  const detail = errorDetail(err);
  const report = failedReport(
    { file: task.display, sha256: bytes ? (task.sha256 ?? sha256(bytes)) : null, bytes: bytes ? bytes.length : null, format: isPdf ? 'pdf' : null },
    isPdf ? 'corrupt' : 'internal-error',
    isPdf ? damagedMessage(`the PDF reader failed on it: ${detail}`) : `conversion crashed (${detail}); please report this file`,
  );
  // the original's hash, size and format come from the main thread: valid as they are
  if (task.original) report.source = { ...report.source, ...task.original };
  return report;
}

/**
 * Settles once the last conversion handed to this thread has ended; null when none is left. The
 * pool hands a thread its next file while it converts one (pool.ts): files are converted one after
 * the other, never interleaved, and a file handed to an idle thread starts at once.
 */
let previous: Promise<unknown> | null = null;

export default async function convertTask(task: WorkerTask | typeof WARM_UP | typeof WARM_UP_NO_PDF): Promise<CanonicalReport | null> {
  // only in a worker thread: in the main thread (the library may call this directly)
  // process-wide handlers are not ours to install
  if (!isMainThread) installGuards();
  if (task === WARM_UP || task === WARM_UP_NO_PDF) {
    // the default PDF engine's WebAssembly (~50 ms) starts compiling now, in the background: a
    // first PDF finds it ready, a Word file does not wait for it
    if (task === WARM_UP && process.env.XXGK_PDF_ENGINE !== 'pdfjs') loadPdfium().catch(() => undefined);
    return null;
  }
  const mine = previous ? previous.then(() => convertNow(task)) : convertNow(task);
  const ended: Promise<unknown> = mine.catch(() => undefined);
  previous = ended;
  void ended.then(() => {
    if (previous === ended) previous = null;
  });
  return mine;
}

function convertNow(task: WorkerTask): Promise<CanonicalReport> {
  if (task.started) {
    // the pool's clock for this file starts now (the id first: the time is what it waits for)
    const stamp = new BigInt64Array(task.started);
    Atomics.store(stamp, 1, BigInt(threadId));
    Atomics.store(stamp, 0, BigInt(now()));
  }
  return new Promise<CanonicalReport>((resolve) => {
    const me: Running = { task, settle: resolve };
    running = me;
    const work = origin.run(me, () =>
      task.bytes
        ? convertHashed(task.bytes, task.sha256 ?? sha256(task.bytes), task.display, task.original)
        : convertFile(task.input!, { displayPath: task.display, original: task.original }),
    );
    work.then(
      (report) => {
        if (running === me) running = null;
        resolve(report);
      },
      (err: unknown) => {
        if (running === me) running = null;
        resolve(strayReport(task, err));
      },
    );
  });
}
