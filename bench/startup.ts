/**
 * End-to-end time of one small DOCX through the compiled CLI (process start, imports, one worker
 * thread, conversion, write), next to a bare `node -e 0` and `xxgk --version`: medians of N runs,
 * interleaved. Then where a cold thread's time goes: a fresh process imports the modules a worker
 * loads, one after the other, and converts the DOCX twice (first cold, then warm).
 *   npm run build && npx tsx bench/startup.ts [runs=9] [other-dist-dir ...]
 * Other compiled builds (a copy of an older dist/, next to a package.json so that its version.js
 * finds one) are timed in the same rounds, for a before/after in one run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
for (const d of dists) {
  cases[`xxgk convert one small DOCX${label(d)}`] = () => [path.join(d, 'cli.js'), 'convert', docx, '--out', mkdtempSync(path.join(tmpdir(), 'xxgk-startup-')), '-q'];
}
const times = new Map<string, number[]>(Object.keys(cases).map((k) => [k, []]));
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
console.log(`node ${process.version}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (let r = 0; r < runs; r++) {
  for (const [name, args] of Object.entries(cases)) {
    const a = args();
    const t0 = performance.now();
    const res = spawnSync(process.execPath, a, { encoding: 'utf8' });
    times.get(name)!.push(performance.now() - t0);
    if (res.status !== 0) throw new Error(`${name}: ${res.stderr}`);
    const out = a.indexOf('--out');
    if (out >= 0) rmSync(a[out + 1]!, { recursive: true, force: true });
  }
}
for (const [name, t] of times) console.log(`${name.padEnd(30)} median ${median(t).toFixed(0)} ms (min ${Math.min(...t).toFixed(0)})`);

// Where a cold thread's time goes (a fresh process each run; a worker thread pays about the same).
const STEPS = ['extractors/docx.js', 'extractors/html/index.js', 'extractors/pdf.js', 'normalize/index.js', 'schema/canonical.js', 'pipeline/convert.js'];
const script = (dist: string) => `
  import { readFileSync } from 'node:fs';
  const base = ${JSON.stringify(pathToFileURL(dist + '/').href)};
  const out = {};
  let t = performance.now();
  for (const m of ${JSON.stringify(STEPS)}) { await import(base + m); const n = performance.now(); out['import ' + m] = n - t; t = n; }
  const { extractDocx } = await import(base + 'extractors/docx.js');
  const { convertBytes } = await import(base + 'pipeline/convert.js');
  const bytes = new Uint8Array(readFileSync(${JSON.stringify(docx)}));
  t = performance.now(); await extractDocx(bytes); out['extractDocx, first'] = performance.now() - t;
  t = performance.now(); await extractDocx(bytes); out['extractDocx, second'] = performance.now() - t;
  t = performance.now(); await convertBytes(bytes, 'x.docx'); out['convertBytes (extract, normalize, validate)'] = performance.now() - t;
  process.stdout.write(JSON.stringify(out));`;
for (const d of dists) {
  const steps = new Map<string, number[]>();
  for (let r = 0; r < runs; r++) {
    const res = spawnSync(process.execPath, ['--input-type=module', '-e', script(d)], { encoding: 'utf8', cwd: root });
    if (res.status !== 0) throw new Error(`breakdown${label(d)}: ${res.stderr}`);
    for (const [k, v] of Object.entries(JSON.parse(res.stdout) as Record<string, number>)) steps.set(k, [...(steps.get(k) ?? []), v]);
  }
  console.log(`cold process, medians${label(d)}:`);
  for (const [k, v] of steps) console.log(`  ${k.padEnd(44)} ${median(v).toFixed(1)} ms`);
}
console.log(`load after ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
