/**
 * Fuzz: ~300 deterministic mutants of the samples (test/helpers/mutants.ts: damaged bytes, ZIP
 * structure, word/document.xml, PDF objects and content streams; half DOCX, half PDF) converted
 * by the CLI as one batch, twice (the second time into a fresh folder with --force). Whatever the
 * damage, the batch completes, every input gets one schema-valid JSON, no file is a crash
 * (worker-crashed, internal-error), no message carries a stack trace, and the same bytes give
 * the same JSON.
 *
 * To reproduce a failing mutant: `npx tsx bench/fuzz.ts make DIR 300 <SEED> --light --only <name>`
 * (or makeMutants(defaultSamples(), 300, SEED, { light: true }) and pick it by name), then
 * `node --import tsx src/cli.ts convert DIR/<name> --out OUT`. Thousands of mutants with the
 * full stress sizes: `npx tsx bench/fuzz.ts 1000`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CanonicalReportSchema } from '../src/schema/canonical.js';
import { defaultSamples, makeMutants, outputName, writeMutants, type Mutant } from './helpers/mutants.js';

const root = path.resolve(import.meta.dirname, '..');
const SEED = 20261201;
const COUNT = 300;
const CLASSES = ['bytes', 'zip', 'xml', 'pdf', 'content'];
/** Codes that mean a bug in the converter, not a bad file. */
const CRASH_CODES = new Set(['worker-crashed', 'internal-error']);
const STACK_IN_MESSAGE = /\n?\s{2,}at |\/src\/|node:internal|file:\/\//;
/** Line breaks, control characters, xmldom's position marker. */
// eslint-disable-next-line no-control-regex
const UNCLEAN_MESSAGE = /[\u0000-\u001f\u007f]|@#\[line:/;

function xxgk(args: string[]) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
    timeout: 400_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, signal: r.signal, stderr: r.stderr ?? '', error: r.error, ms: Date.now() - t0 };
}

function jsonFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return jsonFiles(p, base);
    return e.name.endsWith('.json') ? [path.relative(base, p)] : [];
  });
}

interface Converted {
  mutant: Mutant;
  text: string | null;
  json: { status: string; error: { code: string; message: string } | null; warnings: { code: string; message: string }[] } | null;
}

/** At most `n` lines of a list, for assertion messages. */
const show = (lines: string[], n = 25) => `\n  ${lines.slice(0, n).join('\n  ')}${lines.length > n ? `\n  … and ${lines.length - n} more` : ''}`;
const describeRecord = (r: Converted) => `${r.mutant.name}: ${r.json?.status ?? '(no JSON)'} ${r.json?.error ? `${r.json.error.code}: ${r.json.error.message.slice(0, 300)}` : ''}`;

describe(`fuzz: ${COUNT} mutants of the samples (seed ${SEED}) through the CLI, twice`, () => {
  const work = mkdtempSync(path.join(tmpdir(), 'xxgk-fuzz-'));
  const input = path.join(work, 'in');
  const out1 = path.join(work, 'out1');
  const out2 = path.join(work, 'out2');
  let mutants: Mutant[] = [];
  let run1: ReturnType<typeof xxgk>;
  let run2: ReturnType<typeof xxgk>;
  let first: Converted[] = [];
  let second: Converted[] = [];

  const read = (out: string): Converted[] =>
    mutants.map((m) => {
      const f = path.join(out, outputName(m.name));
      if (!existsSync(f)) return { mutant: m, text: null, json: null };
      const text = readFileSync(f, 'utf8');
      let json: Converted['json'] = null;
      try {
        json = JSON.parse(text);
      } catch {
        // reported by the schema test
      }
      return { mutant: m, text, json };
    });

  beforeAll(() => {
    const t0 = Date.now();
    mutants = makeMutants(defaultSamples(), COUNT, SEED, { light: true });
    writeMutants(input, mutants);
    const made = Date.now() - t0;
    run1 = xxgk(['convert', input, '--out', out1, '--jobs', '2', '--timeout', '30']);
    run2 = xxgk(['convert', input, '--out', out2, '--jobs', '2', '--timeout', '30', '--force']);
    first = read(out1);
    second = read(out2);
    const tally = new Map<string, number>();
    for (const r of first) {
      const k = `${r.mutant.cls} ${r.json?.error?.code ?? r.json?.status ?? '(none)'}`;
      tally.set(k, (tally.get(k) ?? 0) + 1);
    }
    console.log(
      `fuzz: ${mutants.length} mutants made in ${(made / 1000).toFixed(1)} s; run 1 ${(run1.ms / 1000).toFixed(1)} s, run 2 ${(run2.ms / 1000).toFixed(1)} s\n` +
        [...tally].sort().map(([k, v]) => `  ${k}: ${v}`).join('\n'),
    );
  }, 600_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('makes byte-distinct mutants of every class, about half DOCX and half PDF', () => {
    expect(mutants).toHaveLength(COUNT);
    expect(new Set(mutants.map((m) => createHash('sha256').update(m.bytes).digest('hex'))).size).toBe(COUNT);
    expect(new Set(mutants.map((m) => m.name)).size).toBe(COUNT);
    expect([...new Set(mutants.map((m) => m.cls))].sort()).toEqual([...CLASSES].sort());
    const docx = mutants.filter((m) => m.format === 'docx').length;
    expect(Math.abs(docx - COUNT / 2)).toBeLessThanOrEqual(COUNT / 20);
    // deterministic: the same seed gives the same bytes
    const again = makeMutants(defaultSamples(), 12, SEED, { light: true });
    expect(again.map((m) => m.name)).toEqual(mutants.slice(0, 12).map((m) => m.name));
    expect(again.every((m, i) => Buffer.from(m.bytes).equals(Buffer.from(mutants[i]!.bytes)))).toBe(true);
  });

  it('completes both runs (exit 0) without a stack trace on stderr', () => {
    for (const [name, run] of [['run 1', run1], ['run 2', run2]] as const) {
      const traces = run.stderr.split('\n').filter((l) => /^\s+at /.test(l));
      expect(run.error, `${name}: ${run.error?.message}`).toBeUndefined();
      expect({ run: name, code: run.code, signal: run.signal, traces: traces.slice(0, 10) }, run.stderr.slice(-3000)).toEqual({ run: name, code: 0, signal: null, traces: [] });
    }
  });

  it('writes exactly one JSON per input, named <name without extension>.json', () => {
    const expected = mutants.map((m) => outputName(m.name)).sort();
    for (const out of [out1, out2]) {
      const got = jsonFiles(out).sort();
      const missing = expected.filter((f) => !got.includes(f));
      const extra = got.filter((f) => !expected.includes(f));
      expect({ missing, extra }, out).toEqual({ missing: [], extra: [] });
    }
  });

  it('every JSON passes CanonicalReportSchema', () => {
    const bad: string[] = [];
    for (const r of [...first, ...second]) {
      if (r.text === null) continue; // reported above
      let parsed: unknown;
      try {
        parsed = JSON.parse(r.text);
      } catch (e) {
        bad.push(`${r.mutant.name}: not JSON (${(e as Error).message})`);
        continue;
      }
      const c = CanonicalReportSchema.safeParse(parsed);
      if (!c.success) bad.push(`${r.mutant.name}: ${c.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    expect(bad, `schema failures:${show(bad)}`).toEqual([]);
  });

  it('no input is a crash (worker-crashed, internal-error)', () => {
    const crashed = [...first, ...second].filter((r) => r.json?.error && CRASH_CODES.has(r.json.error.code));
    expect(crashed.map(describeRecord), `crashes:${show(crashed.map(describeRecord))}`).toEqual([]);
  });

  it('every error and warning message is one clean line: no stack trace, source path, control character or parser noise', () => {
    const leaks: string[] = [];
    for (const r of [...first, ...second]) {
      const messages = [r.json?.error?.message ?? '', ...(r.json?.warnings ?? []).map((w) => w.message)];
      const m = messages.find((x) => STACK_IN_MESSAGE.test(x) || UNCLEAN_MESSAGE.test(x));
      if (m) leaks.push(`${r.mutant.name}: ${JSON.stringify(m.slice(0, 400))}`);
      if (r.text && /root:x:0:0:/.test(r.text)) leaks.push(`${r.mutant.name}: contains /etc/passwd (external entity resolved)`);
    }
    expect(leaks, `leaks:${show(leaks)}`).toEqual([]);
  });

  it('gives byte-identical JSON in both runs', () => {
    const label = (r: Converted) => `${r.json?.status ?? '(no JSON)'}/${r.json?.error?.code ?? '-'}`;
    /** The first line that differs, from each run. */
    const firstDifference = (a: string | null, b: string | null) => {
      const x = (a ?? '(no JSON)').split('\n');
      const y = (b ?? '(no JSON)').split('\n');
      const i = x.findIndex((l, k) => l !== y[k]);
      const at = i < 0 ? x.length : i;
      return `line ${at + 1}: ${JSON.stringify((x[at] ?? '').trim().slice(0, 160))} vs ${JSON.stringify((y[at] ?? '').trim().slice(0, 160))}`;
    };
    const differ = first.flatMap((r, i) =>
      r.text === second[i]!.text ? [] : [`${r.mutant.name}: run 1 ${label(r)}, run 2 ${label(second[i]!)}; ${firstDifference(r.text, second[i]!.text)}`]);
    expect(differ, `outputs that differ between the runs:${show(differ)}`).toEqual([]);
  });

  it('no mutant (all small files) runs into the 30 s time limit or out of memory', () => {
    const slow = first.filter((r) => r.json?.error && ['timeout', 'out-of-memory'].includes(r.json.error.code));
    expect(slow.map(describeRecord), `time or memory limit:${show(slow.map(describeRecord))}`).toEqual([]);
  });
});
