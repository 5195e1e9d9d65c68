/**
 * End-to-end time of one small DOCX through the compiled CLI (process start, imports, one worker
 * thread, conversion, write), next to a bare `node -e 0` and `xxgk --version`: medians of N runs,
 * interleaved.
 *   npm run build && npx tsx bench/startup.ts [runs=9]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';

const runs = Number(process.argv[2] ?? 9);
const root = path.resolve(import.meta.dirname, '..');
const docx = path.join(root, 'samples/invented-2021-clean-yunxi-2023.docx');
const cases: Record<string, () => string[]> = {
  'node -e 0': () => ['-e', '0'],
  'xxgk --version': () => [path.join(root, 'dist/cli.js'), '--version'],
  'xxgk convert one small DOCX': () => [path.join(root, 'dist/cli.js'), 'convert', docx, '--out', mkdtempSync(path.join(tmpdir(), 'xxgk-startup-')), '-q'],
};
const times = new Map<string, number[]>(Object.keys(cases).map((k) => [k, []]));
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
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
for (const [name, t] of times) console.log(`${name.padEnd(30)} median ${median(t).toFixed(0)} ms (min ${Math.min(...t).toFixed(0)})`);
console.log(`load after ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
