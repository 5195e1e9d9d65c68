/**
 * src/pipeline/code-cache.ts: a CommonJS script run with V8's code cache. What matters is that
 * the cache never changes what runs: a cache for other source (even of the same length, which V8
 * alone would take) or a damaged one is not used, and import() works in functions restored from
 * the cache. Every load is a fresh process: within one, V8's own compilation cache would answer.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-code-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const script = (answer: number) => `
  const path = require('node:path');
  exports.answer = () => ${answer};
  exports.where = () => [__dirname, path.basename(__filename)];
  exports.load = async () => (await __xxgkImport('node:path')).sep;
`;

interface Run {
  cacheUsed: boolean;
  answer: number;
  where: [string, string];
  sep: string;
  saved?: number;
}

/** Load `file` in a new process (optionally saving its cache after running it). */
function load(file: string, save = false): Run {
  const code = `
    const { runCommonJs } = await import(${JSON.stringify(path.join(root, 'src/pipeline/code-cache.ts'))});
    const s = runCommonJs(${JSON.stringify(file)});
    const out = { cacheUsed: s.cacheUsed, answer: s.exports.answer(), where: s.exports.where(), sep: await s.exports.load() };
    if (${save}) out.saved = s.saveCache();
    console.log(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Run;
}

describe('runCommonJs', () => {
  it('runs the script as a module; the cache it saves is used next time; a cache for other source is not', () => {
    const file = path.join(dir, 'a.cjs');
    writeFileSync(file, script(41));
    const first = load(file, true);
    expect(first).toMatchObject({ cacheUsed: false, answer: 41, where: [dir, 'a.cjs'], sep: path.sep });
    expect(first.saved).toBeGreaterThan(0);
    expect(existsSync(`${file}.cache`)).toBe(true);
    // import() from a function restored from the cache
    expect(load(file)).toMatchObject({ cacheUsed: true, answer: 41, sep: path.sep });
    // same length, other code: V8 would take the cache (it checks the length); the key does not
    writeFileSync(file, script(42));
    expect(load(file)).toMatchObject({ cacheUsed: false, answer: 42 });
  });

  it('a cut-off or damaged cache file is not used', () => {
    const file = path.join(dir, 'b.cjs');
    writeFileSync(file, script(7));
    load(file, true);
    const whole = readFileSync(`${file}.cache`);
    const flipped = Buffer.from(whole);
    flipped[flipped.length - 5]! ^= 0xff; // V8 would take this one (no checksum in a release build)
    for (const bad of [whole.subarray(0, 9), whole.subarray(0, 36), whole.subarray(0, Math.floor(whole.length / 2)), flipped]) {
      writeFileSync(`${file}.cache`, bad);
      expect(load(file)).toMatchObject({ cacheUsed: false, answer: 7 });
    }
    writeFileSync(`${file}.cache`, whole);
    expect(load(file)).toMatchObject({ cacheUsed: true, answer: 7 });
  });
});
