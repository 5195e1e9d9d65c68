/**
 * Worker threads' young generation (V8 semi-spaces): the compiled CLI converts the same folder of
 * byte-distinct sample copies (DOCX and PDF) with --jobs 2 under $XXGK_YOUNG_MB = each value,
 * rounds interleaved (the machine is shared and noisy), median wall time per value.
 *   npm run build && npx tsx bench/young-gen.ts [copies=3] [rounds=3] [values=16,32,48,96,192]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';

const copies = Number(process.argv[2] ?? 3);
const rounds = Number(process.argv[3] ?? 3);
const values = (process.argv[4] ?? '16,32,48,96,192').split(',').map(Number);
const root = path.resolve(import.meta.dirname, '..');
const input = mkdtempSync(path.join(tmpdir(), 'xxgk-young-'));
const sources = [
  ...readdirSync(path.join(root, 'samples')).filter((f) => f.endsWith('.docx')).map((f) => path.join(root, 'samples', f)),
  ...readdirSync(path.join(root, 'samples/pdf')).map((f) => path.join(root, 'samples/pdf', f)),
];
let n = 0;
for (let k = 0; k < copies; k++) {
  for (const s of sources) writeFileSync(path.join(input, `${n++}${path.extname(s)}`), Buffer.concat([readFileSync(s), Buffer.from('\n'.repeat(k + 1))]));
}
console.log(`${n} files, node ${process.version}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const times = new Map<number, number[]>(values.map((v) => [v, []]));
for (let r = 0; r < rounds; r++) {
  for (const v of values) {
    const out = mkdtempSync(path.join(tmpdir(), 'xxgk-young-out-'));
    const t0 = performance.now();
    const res = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'convert', input, '--out', out, '--jobs', '2', '-q'], { env: { ...process.env, XXGK_YOUNG_MB: String(v) }, encoding: 'utf8' });
    const secs = (performance.now() - t0) / 1000;
    if (res.status !== 0) throw new Error(res.stderr);
    times.get(v)!.push(secs);
    rmSync(out, { recursive: true, force: true });
  }
}
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
for (const [v, t] of times) console.log(`young ${String(v).padStart(4)} MiB: median ${median(t).toFixed(1)} s (${(n / median(t)).toFixed(1)} files/s); runs ${t.map((x) => x.toFixed(1)).join(', ')}`);
console.log(`load after ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
rmSync(input, { recursive: true, force: true });
