/**
 * `xxgk manifest merge`: the shards' manifests (`xxgk-manifest.shard-i-of-n.jsonl`) appended to
 * the folder's one manifest, in the order every run reads them (the main one first), then
 * removed. Lines are kept as they are (the attempts of retryable failures count lines), torn
 * lines dropped. Refused while any batch holds a lock on the folder.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BatchError, OutputLock } from './lock.js';
import { MANIFEST_FILES, MANIFEST_NAME } from './manifest.js';

export async function mergeManifests(outDir: string): Promise<{ files: number; lines: number; into: string }> {
  if (!existsSync(outDir)) throw new BatchError('output-not-writable', `${outDir} does not exist`);
  const lock = OutputLock.acquire(outDir);
  try {
    const names = readdirSync(outDir);
    const busy = names.filter((n) => /^xxgk\.shard-\d+-of-\d+\.lock$/.test(n));
    for (const n of busy) {
      // a shard lock left by a dead process is taken and released (acquire checks its owner)
      OutputLock.acquire(outDir, n).release();
    }
    const shards = names.filter((n) => MANIFEST_FILES.test(n) && n !== MANIFEST_NAME).sort();
    const main = path.join(outDir, MANIFEST_NAME);
    const parts = [existsSync(main) ? await readFile(main, 'utf8') : '', ...(await Promise.all(shards.map((n) => readFile(path.join(outDir, n), 'utf8'))))];
    const lines = parts.flatMap((t) => t.split('\n')).filter((l) => {
      if (!l.trim()) return false;
      try {
        const e = JSON.parse(l);
        return e && typeof e.input === 'string' && typeof e.output === 'string' && typeof e.version === 'string';
      } catch {
        return false;
      }
    });
    const tmp = path.join(outDir, `.xxgk-${process.pid}-merge.tmp`);
    await writeFile(tmp, lines.map((l) => `${l}\n`).join(''));
    await rename(tmp, main);
    for (const n of shards) await rm(path.join(outDir, n), { force: true });
    return { files: shards.length + 1, lines: lines.length, into: main };
  } finally {
    lock.release();
  }
}
