/**
 * End-to-end time of one small DOCX through the compiled CLI (process start, imports, one worker
 * thread, conversion, write), next to a bare `node -e 0` and `xxgk --version`: medians of N runs,
 * interleaved. Then where a cold thread's time goes: a fresh process loads the worker's entry
 * (the bundle, with its code cache and with XXGK_CODE_CACHE=off) and converts the DOCX twice (first
 * cold, then warm).
 *   npm run build && npx tsx bench/startup.ts [runs=9] [other-dist-dir ...]
 * Other compiled builds (a copy of an older dist/, next to a package.json so that its version.js
 * finds one) are timed in the same rounds, for a before/after in one run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const runs = Number(process.argv[2] ?? 9);
const root = path.resolve(import.meta.dirname, '..');
const dists = [path.join(root, 'dist'), ...process.argv.slice(3).map((d) => path.resolve(d))];
const docx = path.join(root, 'samples/invented-2021-clean-yunxi-2023.docx');
const label = (d: string) => (dists.length === 1 ? '' : ` [${path.relative(root, d) || d}]`);
const cases: Record<string, () => string[]> = {
  'node -e 0': () => ['-e', '0'],
  'xxgk --version': () => [path.join(root, 'dist/cli.js'), '--version'],
};
const convert = (d: string) => () => [path.join(d, 'cli.js'), 'convert', docx, '--out', mkdtempSync(path.join(tmpdir(), 'xxgk-startup-')), '-q'];
for (const d of dists) cases[`xxgk convert one small DOCX${label(d)}`] = convert(d);
// the same build without its worker's code cache
const NO_CACHE = 'xxgk convert one small DOCX, XXGK_CODE_CACHE=off';
cases[NO_CACHE] = convert(dists[0]!);
const times = new Map<string, number[]>(Object.keys(cases).map((k) => [k, []]));
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
console.log(`node ${process.version}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (let r = 0; r < runs; r++) {
  for (const [name, args] of Object.entries(cases)) {
    const a = args();
    const t0 = performance.now();
    const res = spawnSync(process.execPath, a, { encoding: 'utf8', env: name === NO_CACHE ? { ...process.env, XXGK_CODE_CACHE: 'off' } : process.env });
    times.get(name)!.push(performance.now() - t0);
    if (res.status !== 0) throw new Error(`${name}: ${res.stderr}`);
    const out = a.indexOf('--out');
    if (out >= 0) rmSync(a[out + 1]!, { recursive: true, force: true });
  }
}
for (const [name, t] of times) console.log(`${name.padEnd(50)} median ${median(t).toFixed(0)} ms (min ${Math.min(...t).toFixed(0)})`);

// Where a cold thread's time goes (a fresh process each run; a worker thread pays about the same):
// loading the worker's entry (its bundle, with or without the code cache), then the DOCX twice.
const script = (dist: string) => `
  import { readFileSync } from 'node:fs';
  const out = {};
  let t = performance.now();
  const m = await import(${JSON.stringify(pathToFileURL(path.join(dist, 'pipeline/worker-entry.js')).href)});
  out['load the worker (cache used: ' + m.codeCacheUsed + ')'] = performance.now() - t;
  const bytes = () => new Uint8Array(readFileSync(${JSON.stringify(docx)}));
  t = performance.now(); await m.default({ bytes: bytes(), display: 'x.docx' }); out['convert, first'] = performance.now() - t;
  t = performance.now(); await m.default({ bytes: bytes(), display: 'x.docx' }); out['convert, second'] = performance.now() - t;
  process.stdout.write(JSON.stringify(out));`;
const variants = dists.flatMap((d) => [{ d, env: {}, name: label(d) }, { d, env: { XXGK_CODE_CACHE: 'off' }, name: `${label(d)} XXGK_CODE_CACHE=off` }]);
const steps = variants.map(() => new Map<string, number[]>());
for (let r = 0; r < runs; r++) {
  variants.forEach((v, i) => {
    if (!existsSync(path.join(v.d, 'pipeline/worker-entry.js'))) return; // a build from before the entry
    const res = spawnSync(process.execPath, ['--input-type=module', '-e', script(v.d)], { encoding: 'utf8', cwd: root, env: { ...process.env, ...v.env } });
    if (res.status !== 0) throw new Error(`breakdown${v.name}: ${res.stderr}`);
    for (const [k, x] of Object.entries(JSON.parse(res.stdout) as Record<string, number>)) steps[i]!.set(k, [...(steps[i]!.get(k) ?? []), x]);
  });
}
variants.forEach((v, i) => {
  if (steps[i]!.size === 0) return;
  console.log(`cold process, medians${v.name}:`);
  for (const [k, x] of steps[i]!) console.log(`  ${k.padEnd(44)} ${median(x).toFixed(1)} ms`);
});
console.log(`load after ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
