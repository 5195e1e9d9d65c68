/**
 * Sharding for batch schedulers (--shard i/n): the three shards of a folder, run one after the
 * other into one output folder, give byte-identical reports to one unsharded run; each shard
 * appends to its own manifest, every run reads all of them, and `xxgk manifest merge` folds them
 * into the one manifest.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-shard-'));
const input = path.join(dir, 'in');

function xxgk(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(root, 'src/cli.ts'), ...args], { cwd: dir, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `d` (relative path → bytes), manifests and locks left out. */
function tree(d: string, rel = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(path.join(d, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [k, v] of tree(d, r)) out.set(k, v);
    else if (!e.name.startsWith('xxgk')) out.set(r, readFileSync(path.join(d, r), 'utf8'));
  }
  return out;
}

const manifestLines = (d: string, name: string) => readFileSync(path.join(d, name), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

describe('--shard i/n', () => {
  const whole = path.join(dir, 'whole');
  const sharded = path.join(dir, 'sharded');
  const runs: ReturnType<typeof xxgk>[] = [];
  beforeAll(() => {
    mkdirSync(path.join(input, 'pdf'), { recursive: true });
    for (const f of readdirSync(path.join(root, 'samples')).filter((n) => /^(seed|invented-20)/.test(n) && n.endsWith('.docx'))) copyFileSync(path.join(root, 'samples', f), path.join(input, f));
    for (const f of ['seed-000-lushaer-2022.pdf', 'invented-2019-clean-qinghe-2020.pdf']) copyFileSync(path.join(root, 'samples/pdf', f), path.join(input, 'pdf', f));
    // the same bytes under a second name, and a file that is not a report
    copyFileSync(path.join(root, 'samples/seed-002-luhe-2021.docx'), path.join(input, 'copy of luhe.docx'));
    writeFileSync(path.join(input, 'broken.pdf'), '%PDF-1.7\nnot really');
    runs.push(xxgk(['convert', 'in', '--out', whole, '-q']));
    for (let i = 0; i < 3; i++) runs.push(xxgk(['convert', 'in', '--out', sharded, '--shard', `${i}/3`, '-q']));
  }, 600_000);

  it('all shards together give byte-identical reports to one unsharded run', () => {
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const a = tree(whole);
    const b = tree(sharded);
    expect(a.size).toBeGreaterThan(10);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [k, v] of a) expect(b.get(k), k).toBe(v);
  });

  it('each shard converts a disjoint part, identical bytes in one shard, and appends to its own manifest', () => {
    const files = readdirSync(sharded).filter((n) => n.startsWith('xxgk-manifest')).sort();
    expect(files).toEqual(['xxgk-manifest.shard-0-of-3.jsonl', 'xxgk-manifest.shard-1-of-3.jsonl', 'xxgk-manifest.shard-2-of-3.jsonl']);
    const inputs = files.map((f) => manifestLines(sharded, f).map((e) => e.input as string));
    const all = inputs.flat();
    expect(new Set(all).size).toBe(all.length); // disjoint
    expect(all.sort()).toEqual(manifestLines(whole, 'xxgk-manifest.jsonl').map((e) => e.input as string).sort());
    const shardOf = (name: string) => inputs.findIndex((list) => list.includes(name));
    expect(shardOf('in/copy of luhe.docx')).toBe(shardOf('in/seed-002-luhe-2021.docx'));
    expect(inputs.every((l) => l.length > 0)).toBe(true);
    for (const r of runs.slice(1)) expect(r.stderr).toMatch(/\d+ file\(s\) belong to other shards \(--shard\)/);
  });

  it('a later run reads every manifest (nothing converted again), and manifest merge folds them into one', () => {
    const again = xxgk(['convert', 'in', '--out', sharded]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/nothing to convert: all \d+ file\(s\) are unchanged/);
    const before = readdirSync(sharded).filter((n) => n.startsWith('xxgk-manifest.shard')).flatMap((f) => manifestLines(sharded, f));
    const m = xxgk(['manifest', 'merge', sharded]);
    expect(m.code, m.stderr).toBe(0);
    expect(readdirSync(sharded).filter((n) => n.startsWith('xxgk-manifest')).sort()).toEqual(['xxgk-manifest.jsonl']);
    expect(manifestLines(sharded, 'xxgk-manifest.jsonl')).toEqual(expect.arrayContaining(before));
    const after = xxgk(['convert', 'in', '--out', sharded, '--shard', '1/3']);
    expect(after.stderr).toMatch(/nothing to convert/);
    expect(statSync(path.join(sharded, 'xxgk-manifest.jsonl')).isFile()).toBe(true);
  });

  it('rejects a malformed --shard', () => {
    for (const bad of ['3/3', '1/0', 'a/b', '1']) expect(xxgk(['convert', 'in', '--out', path.join(dir, 'x'), '--shard', bad]).code).toBe(2);
  });
});
