/**
 * What a queue worker writes into the shared output tree: the JSON (atomically, as the batch
 * does) and its own manifest.
 *
 * The batch's `xxgk-manifest.jsonl` is appended by one process holding `xxgk.lock`; appends from
 * several machines to one file on shared storage (NFS, SMB) are not atomic and would tear and
 * interleave lines. So each worker process appends to its own file next to it,
 * `xxgk-manifest.worker-<host>-<pid>.jsonl`, in exactly the batch's line format (ManifestEntry),
 * as a `--shard` batch appends to its own `xxgk-manifest.shard-i-of-n.jsonl`: readers merge
 * `xxgk-manifest*.jsonl` (lines of one file are in order).
 */
import { randomInt } from 'node:crypto';
import { appendFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import type { ManifestEntry } from '../pipeline/manifest.js';

/**
 * Write `text` to `file` atomically: a temp file in the same folder, renamed onto the target. The
 * temp name (`.xxgk-<pid>-<digits>.tmp`: the pattern `xxgk convert` removes when a write was cut
 * short) has random digits, since two machines may run workers with the same pid on one tree.
 */
export async function writeAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.xxgk-${process.pid}-${Date.now()}${randomInt(1e9)}.tmp`);
  try {
    await writeFile(tmp, text, { flag: 'wx' });
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** This process's manifest file name: `xxgk-manifest.worker-<host>-<pid>.jsonl` (host: letters, digits, _ and -). */
export function shardName(host = hostname(), pid = process.pid): string {
  return `xxgk-manifest.worker-${host.replace(/[^A-Za-z0-9_-]/g, '_') || 'host'}-${pid}.jsonl`;
}

/** Appends ManifestEntry lines to this process's manifest of an output tree, one whole line per write, in order. */
export class ShardManifest {
  private chain: Promise<void> = Promise.resolve();
  readonly file: string;

  constructor(outDir: string) {
    this.file = path.join(outDir, shardName());
  }

  append(e: ManifestEntry): Promise<void> {
    const line = `${JSON.stringify(e)}\n`;
    const written = this.chain.then(() => appendFile(this.file, line));
    this.chain = written.catch(() => undefined);
    return written;
  }

  flush(): Promise<void> {
    return this.chain;
  }
}
