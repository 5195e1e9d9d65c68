/** The worker pool started from a guess at `convert`'s options (cli.ts, cli-early.ts). */
import { statSync } from 'node:fs';
import type { ConvertGuess } from '../cli-early.js';
import { startPool, type ConvertPool } from './pool.js';

export interface EarlyPool {
  pool: ConvertPool;
  /** Set once convert has taken the pool over or stopped it; otherwise it is stopped when the command ends. */
  settled: boolean;
}

/** Whether `p` is a folder (false when it cannot be read). */
export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The names of the files to convert when the inputs name files only (a folder or '-' lists files
 * not known yet): a single file needs a single thread (see startPool).
 */
export function inputNames(inputs: readonly string[]): readonly string[] | undefined {
  return inputs.some((i) => i === '-' || isDirectory(i)) ? undefined : inputs;
}

export function startEarly(guess: ConvertGuess): EarlyPool {
  // the threads copy the environment when they start (XXGK_OCR: see cli-options.ts)
  process.env.XXGK_OCR = guess.ocr;
  return { pool: startPool({ jobs: guess.jobs }, inputNames(guess.inputs)), settled: false };
}
