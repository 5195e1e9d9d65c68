/**
 * Runs a CommonJS bundle (the worker's, scripts/bundle-worker.mjs) with V8's code cache: the
 * bytecode of the functions a conversion runs, saved at build time, so that a new worker thread
 * neither parses the ~1 MB script nor compiles those functions again on its first file.
 *
 * The cache file is the SHA-256 of the script and of this Node's and V8's versions (32 bytes),
 * the CRC-32 of V8's data (4 bytes), then the data. A cache made for other source or another Node,
 * or damaged, is not used (V8 itself only checks the source's length, and in a release build no
 * checksum): the script then compiles as if there were no cache. Nothing here ever changes what
 * the script does, only how fast it starts.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { crc32 } from 'node:zlib';

export interface LoadedScript {
  exports: Record<string, unknown>;
  /** Write the code cache of everything compiled so far (build time). */
  saveCache: () => number;
  /** Whether a cache was found for this source and Node, and V8 took it. */
  cacheUsed: boolean;
}

const KEY_BYTES = 32;
const HEADER_BYTES = KEY_BYTES + 4;

/** Packages resolve from dist/, as from the script's folder. */
const importFromHere = (specifier: string): Promise<unknown> => import(specifier);

function cacheKey(source: string): Buffer {
  return createHash('sha256').update(`${process.version} ${process.versions.v8} ${process.arch}\n`).update(source).digest();
}

function readCache(cacheFile: string, key: Buffer): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(cacheFile);
  } catch {
    return undefined; // no cache: compiled from source
  }
  if (data.length <= HEADER_BYTES || !data.subarray(0, KEY_BYTES).equals(key)) return undefined;
  const body = data.subarray(HEADER_BYTES);
  return crc32(body) === data.readUInt32BE(KEY_BYTES) ? body : undefined;
}

/**
 * Run `file` (CommonJS) as a module of its own; its code cache is `file` + '.cache'
 * ($XXGK_CODE_CACHE=off: not read, for comparisons).
 */
export function runCommonJs(file: string): LoadedScript {
  const source = readFileSync(file, 'utf8');
  const cacheFile = `${file}.cache`;
  const key = cacheKey(source);
  const cachedData = process.env.XXGK_CODE_CACHE === 'off' ? undefined : readCache(cacheFile, key);
  // the module wrapper of Node's own CommonJS loader, and an import() for the script: functions
  // restored from a code cache lose Node's hook for the import() operator, so the bundle calls
  // this one (extractors/import-package.ts)
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __xxgkImport) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file), importFromHere);
  return {
    exports: module.exports,
    cacheUsed: cachedData !== undefined && script.cachedDataRejected === false,
    saveCache: () => {
      const data = script.createCachedData();
      // whole or not at all (V8 rejects a cut-off cache too, by its length)
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(data));
      writeFileSync(tmp, Buffer.concat([key, crc, data]));
      renameSync(tmp, cacheFile);
      return data.length;
    },
  };
}
