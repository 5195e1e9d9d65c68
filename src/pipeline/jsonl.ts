/**
 * The `--jsonl` stream: one line per report, written as each file completes (never the whole
 * run in memory).
 * - `-` (or /dev/stdout): standard output.
 * - an existing FIFO, character device (/dev/stdout) or other non-regular file: written in place,
 *   never replaced.
 * - a regular file or a new path: written to a temp file of our own beside it and renamed onto
 *   the target when the run ends, so that readers never see half a file; a failed write removes
 *   the temp file.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { lstat, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';

const STDOUT_NAMES = new Set(['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1']);

export class JsonlWriter {
  private error: string | null = null;
  lines = 0;

  private constructor(
    private readonly out: Writable,
    /** The temp file to rename onto `target` at the end (null: written in place). */
    private readonly temp: string | null,
    readonly target: string,
    private readonly own: boolean,
  ) {
    out.on('error', (err: NodeJS.ErrnoException) => {
      this.error ??= err.code ?? err.message;
    });
  }

  static async open(target: string, stdout: Writable = process.stdout): Promise<JsonlWriter> {
    // our own standard output by name too: it may be a socket, which cannot be opened by path
    if (target === '-' || STDOUT_NAMES.has(target)) return new JsonlWriter(stdout, null, '-', false);
    let file = path.resolve(target);
    let regular: boolean;
    let seen = false;
    try {
      const link = await lstat(file);
      seen = true;
      // stat follows links: /dev/stdout → /proc/self/fd/1 → a pipe or a terminal
      regular = (await stat(file)).isFile();
      if (regular && link.isSymbolicLink()) file = await realpath(file);
    } catch (err) {
      // a new file; anything else that cannot be looked at is written in place, never replaced
      // (a dangling link is written through, not replaced)
      regular = !seen && (err as NodeJS.ErrnoException).code === 'ENOENT';
    }
    if (!regular) {
      const stream = createWriteStream(file, { flags: 'a' });
      await opened(stream);
      return new JsonlWriter(stream, null, file, true);
    }
    const temp = path.join(path.dirname(file), `.${path.basename(file).slice(0, 100)}.${process.pid}.xxgk-tmp`);
    const stream = createWriteStream(temp, { flags: 'wx' });
    await opened(stream);
    return new JsonlWriter(stream, temp, file, true);
  }

  /** Write one report as one line; resolves when the stream can take more. */
  async write(report: unknown): Promise<void> {
    if (this.error) return;
    this.lines++;
    if (!this.out.write(`${JSON.stringify(report)}\n`)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.out.off('drain', done);
          this.out.off('error', done);
          this.out.off('close', done);
          resolve();
        };
        this.out.on('drain', done);
        this.out.on('error', done);
        this.out.on('close', done);
      });
    }
  }

  /**
   * Finish: flush, and put the file in place. Returns null, or what went wrong (the target is
   * then left as it was and the temp file is removed).
   */
  async close(): Promise<string | null> {
    if (this.own) {
      await new Promise<void>((resolve) => (this.out as WriteStream).end(() => resolve()));
      if (!this.error && !(this.out as WriteStream).closed) await new Promise((r) => this.out.once('close', r));
    } else if (!this.error) {
      await new Promise<void>((resolve) => (this.out.writableNeedDrain ? this.out.once('drain', () => resolve()) : resolve()));
    }
    if (this.temp) {
      if (this.error) await rm(this.temp, { force: true });
      else {
        try {
          await rename(this.temp, this.target);
        } catch (err) {
          this.error = (err as NodeJS.ErrnoException).code ?? String(err);
          await rm(this.temp, { force: true });
        }
      }
    }
    return this.error;
  }
}

function opened(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
}
