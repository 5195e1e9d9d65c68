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
import { appendFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import type { ManifestEntry } from '../pipeline/manifest.js';
import { writeAtomic } from '../pipeline/atomic.js';

export { writeAtomic } from '../pipeline/atomic.js';


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
