/** Atomic writes into an output folder (the batch and the queue workers). */
import { randomInt } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Write `text` to `file` atomically: a temp file in the same folder, renamed onto the target. The
 * temp name (`.xxgk-<pid>-<digits>.tmp`: the pattern `xxgk convert` removes when a write was cut
 * short) has random digits, since two machines may run workers with the same pid on one tree.
 */
export async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.xxgk-${process.pid}-${Date.now()}${randomInt(1e9)}.tmp`);
  try {
    try {
      await writeFile(tmp, text, { flag: 'wx' });
    } catch (err) {
      // the folder is made when it is missing (not before every file: a batch writes thousands)
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(tmp, text, { flag: 'wx' });
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}
