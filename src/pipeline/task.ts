/**
 * What the main thread sends a worker thread, and the pool's constants: no imports, so that the
 * pool starts its threads without loading the rest of the batch's code (cli.ts starts them first).
 */
import type { SourceFormat } from '../model.js';

/**
 * Files per worker thread before its pool is replaced (memory hygiene; the RSS cap recycles
 * sooner when needed). A new thread compiles its hot code again: recycling every 200 files cost
 * ~30 % more CPU than every 1,000, at the same level RSS (bench/RESULTS.md).
 */
export const RECYCLE_AFTER = 1000;

/**
 * Files handed to a worker thread at once: the one it converts and the next, which it starts as
 * soon as the first ends (pool.ts). Measured in bench/RESULTS.md (session 6).
 */
export const PER_THREAD = 2;

/**
 * Milliseconds on a clock that every thread of the process reads alike and that adjustments of
 * the system clock do not move (the thread's time origin plus its monotonic time): a task's
 * `started` and the pool's time limit.
 */
export const now = (): number => Math.round(performance.timeOrigin + performance.now());

/**
 * What `source` describes when the bytes converted are not the user's file: a legacy .doc/.wps
 * converted to .docx by LibreOffice is reported as the original.
 */
export interface OriginalSource {
  sha256: string;
  bytes: number;
  format: SourceFormat;
}

export interface WorkerTask {
  /** The file's bytes, already read (and hashed) by the main thread; transferred, not copied. */
  bytes?: Uint8Array;
  /** Their SHA-256, as the main thread computed it (not computed again in the worker). */
  sha256?: string;
  /** Otherwise a file to read: the .docx LibreOffice made of a legacy .doc. */
  input?: string;
  /** What source.file says. */
  display: string;
  /** What source says when the bytes converted are not the user's file (legacy .doc). */
  original?: OriginalSource;
  /**
   * Shared with the pool (16 bytes, two BigInt64 slots): the thread writes its id into slot 1,
   * then the time it starts the conversion (`now()`) into slot 0. The pool's time
   * limit counts from then (a file may wait in its thread behind another one: pool.ts).
   */
  started?: SharedArrayBuffer;
}

/** Sent once to each new thread so that module loading is not charged to a file's timeout. */
export const WARM_UP = 'warm-up' as const;
/** The same, for a batch with no PDF among its file names: the PDF engine is not compiled ahead. */
export const WARM_UP_NO_PDF = 'warm-up-no-pdf' as const;
