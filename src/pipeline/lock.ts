/**
 * One batch per output folder: `<out>/xxgk.lock` holds the owner's pid and host. A second batch
 * on the same folder stops with a clear message instead of converting everything again and
 * deleting the first one's temp files. A lock left by a killed run (its pid is gone on this
 * host) is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

export const LOCK_NAME = 'xxgk.lock';

export class BatchError extends Error {
  constructor(
    readonly code: 'locked' | 'output-not-writable',
    message: string,
  ) {
    super(message);
    this.name = 'BatchError';
  }
}

interface Owner {
  pid: number;
  host: string;
  started: string;
}

/** Whether a process of this pid runs on this host (EPERM: it runs, as another user). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): Owner | null {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as Owner;
    return Number.isInteger(o.pid) && typeof o.host === 'string' ? o : null;
  } catch {
    return null;
  }
}

export class OutputLock {
  private held = false;
  private readonly onExit = () => this.release();

  private constructor(readonly file: string) {}

  /** Take the lock on `outDir` or throw a BatchError('locked'). */
  static acquire(outDir: string, name = LOCK_NAME): OutputLock {
    const lock = new OutputLock(path.join(outDir, name));
    const me: Owner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
    for (let attempt = 0; attempt < 3; attempt++) {
      let fd: number;
      try {
        fd = openSync(lock.file, 'wx');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST') {
          throw new BatchError('output-not-writable', `cannot write to the output folder ${outDir} (${code ?? String(err)}): check that it exists, is writable by this user and that the disk is not full`);
        }
        const owner = readOwner(lock.file);
        // a lock being written right now reads as empty: give it a moment
        if (owner === null && attempt === 0) {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
          continue;
        }
        if (owner && (owner.host !== me.host || alive(owner.pid)) && owner.pid !== process.pid) {
          throw new BatchError(
            'locked',
            `another xxgk batch (pid ${owner.pid} on ${owner.host}, started ${owner.started}) is writing to ${outDir}; wait for it to finish or use another --out. If no such batch runs any more, delete ${lock.file}`,
          );
        }
        // left by a run that was killed: take it over
        try {
          unlinkSync(lock.file);
        } catch {
          /* someone else took it over first: try again */
        }
        continue;
      }
      try {
        writeSync(fd, JSON.stringify(me));
      } finally {
        closeSync(fd);
      }
      lock.held = true;
      process.on('exit', lock.onExit);
      return lock;
    }
    throw new BatchError('locked', `could not take the lock ${lock.file}; if no other xxgk batch runs, delete it and try again`);
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    process.off('exit', this.onExit);
    try {
      if (readOwner(this.file)?.pid === process.pid) unlinkSync(this.file);
    } catch {
      /* already gone */
    }
  }
}
