/**
 * Fuzzing and soak runs (not part of the tests; test/fuzz.test.ts is the small fixed version).
 *
 *   npx tsx bench/fuzz.ts [count=1000] [seed=1] [--jobs 1] [--timeout 30] [--only REGEX] [--twice] [--light] [--keep DIR]
 *       count mutants of the samples (test/helpers/mutants.ts) converted as one batch; prints
 *       statuses/codes per mutation class and kind, every crash (worker-crashed, internal-error,
 *       output-error), schema failures, stack traces in messages, timeouts, the slowest files
 *       and the timing. --only keeps the mutants whose name matches REGEX (e.g. "gridspan|deep-q");
 *       --twice converts them again into a second folder and compares the JSON byte for byte;
 *       --light draws the stress sizes from the small end (as test/fuzz.test.ts does);
 *       --keep DIR writes the mutants and outputs to DIR/in and DIR/out and leaves them there.
 *       Exit code 1 when anything crashed, failed the schema or leaked a stack trace.
 *
 *   npx tsx bench/fuzz.ts soak [N=3000] [--jobs 1] [--recycle-after 50] [--timeout 60] [--keep DIR]
 *       N byte-distinct valid copies of the samples (scripts/many-files.ts, 100 per folder)
 *       through the CLI with --recycle-after; every copy must give the canonical fields of its
 *       sample (samples/expected), and none may be worker-crashed. Prints statuses, mismatches,
 *       the recycling count, peak RSS of the CLI process, the RSS of the whole process tree per
 *       tenth of the run (max/min/median and the trend of the medians) and the timing.
 *
 *   npx tsx bench/fuzz.ts make DIR [count=1000] [seed=1] [--only REGEX] [--light]
 *       only writes the mutants (to reproduce one: make it, then `xxgk convert DIR/<name> --out …`).
 *
 * Use --jobs 1 on a shared machine for long runs.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBatch } from '../src/pipeline/batch.js';
import { discover } from '../src/pipeline/discover.js';
import { CanonicalReportSchema } from '../src/schema/canonical.js';
import { defaultSamples, makeMutants, outputName, writeMutants, type Mutant } from '../test/helpers/mutants.js';
import { writeManyFiles } from '../scripts/many-files.js';

const root = path.resolve(import.meta.dirname, '..');

// -- arguments --------------------------------------------------------------------------------

const argv = process.argv.slice(2);
function option(name: string, fallback: string): string {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const v = argv[i + 1];
  argv.splice(i, 2);
  if (v === undefined) throw new Error(`${name} needs a value`);
  return v;
}
function flag(name: string): boolean {
  const i = argv.indexOf(name);
  if (i >= 0) argv.splice(i, 1);
  return i >= 0;
}

const BUG_CODES = new Set(['worker-crashed', 'internal-error', 'output-error']);
const STACK = /\n\s+at |^\s+at |\/src\/|node:internal|file:\/\//m;

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function tally<T>(xs: T[], key: (x: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
}
const fmtTally = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, v]) => `${k} ${v}`).join(', ');

interface Row {
  mutant: Mutant;
  status: string;
  code: string | null;
  message: string | null;
  ms: number;
  json: string | null;
  problems: string[];
  /** A message with control characters, a line break or U+FFFD (not a failure: worth a look). */
  hygiene: string | null;
}

/** Reads and checks one output JSON: present, schema-valid, no stack traces, no /etc/passwd. */
function checkOutput(file: string): { json: string | null; problems: string[]; status?: string; code?: string | null; message?: string | null; hygiene?: string | null } {
  if (!existsSync(file)) return { json: null, problems: ['no JSON output'] };
  const json = readFileSync(file, 'utf8');
  const problems: string[] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    return { json, problems: [`output is not JSON (${(e as Error).message})`] };
  }
  const checked = CanonicalReportSchema.safeParse(parsed);
  if (!checked.success) problems.push(`schema: ${checked.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const r = parsed as { status?: string; error?: { code?: string; message?: string } | null; warnings?: { code?: string; message?: string }[] };
  const messages = [r.error?.message ?? '', ...(r.warnings ?? []).map((w) => w.message ?? '')];
  const stack = messages.find((m) => STACK.test(m));
  if (stack) problems.push(`stack trace or source path in a message: ${JSON.stringify(stack.slice(0, 300))}`);
  if (/root:x:0:0:/.test(json)) problems.push('contents of /etc/passwd in the output (XXE)');
  const raw = messages.find((m) => /[\u0000-\u0008\u000a-\u001f\u007f\ufffd]/.test(m));
  return { json, problems, status: r.status, code: r.error?.code ?? null, message: r.error?.message ?? null, hygiene: raw ? JSON.stringify(raw.slice(0, 160)) : null };
}

async function runBatch(input: string, out: string, jobs: number, timeoutS: number): Promise<Map<string, { ms: number; status: string; code: string | null; message: string | null }>> {
  const { jobs: list } = await discover([input]);
  const batch = await startBatch(list, { outDir: out, jobs, timeoutMs: timeoutS * 1000, force: true, soffice: null });
  const results = new Map<string, { ms: number; status: string; code: string | null; message: string | null }>();
  let n = 0;
  const t0 = Date.now();
  let last = t0;
  for await (const r of batch.results) {
    results.set(path.basename(r.job.display), { ms: r.ms, status: String(r.status), code: r.code, message: r.message });
    n++;
    if (Date.now() - last > 10_000) {
      last = Date.now();
      process.stderr.write(`  … ${n}/${list.length} in ${secs(last - t0)}\n`);
    }
  }
  return results;
}

// -- fuzz -------------------------------------------------------------------------------------

async function fuzz(): Promise<number> {
  const jobs = Number(option('--jobs', '1'));
  const timeout = Number(option('--timeout', '30'));
  const only = option('--only', '');
  const keep = option('--keep', '');
  const twice = flag('--twice');
  const light = flag('--light');
  const count = Number(argv[0] ?? 1000);
  const seed = Number(argv[1] ?? 1);
  const work = keep ? path.resolve(keep) : mkdtempSync(path.join(tmpdir(), 'xxgk-fuzz-'));
  const input = path.join(work, 'in');
  const out = path.join(work, 'out');
  rmSync(input, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
  rmSync(`${out}2`, { recursive: true, force: true });

  let t0 = performance.now();
  let mutants = makeMutants(defaultSamples(), count, seed, { light });
  if (only) mutants = mutants.filter((m) => new RegExp(only).test(m.name) || new RegExp(only).test(m.kind));
  writeMutants(input, mutants);
  const genMs = performance.now() - t0;
  const mb = mutants.reduce((n, m) => n + m.bytes.length, 0) / 2 ** 20;
  console.log(`fuzz: ${mutants.length} mutants (seed ${seed}${light ? ', light' : ''}${only ? `, --only ${only}` : ''}; ${mutants.filter((m) => m.format === 'docx').length} docx, ${mutants.filter((m) => m.format === 'pdf').length} pdf; ${mb.toFixed(1)} MiB) made in ${secs(genMs)} in ${input}`);
  console.log(`  by class: ${fmtTally(tally(mutants, (m) => m.cls))}`);
  console.log(`  converting with --jobs ${jobs} --timeout ${timeout} …`);

  t0 = performance.now();
  const results = await runBatch(input, out, jobs, timeout);
  const runMs = performance.now() - t0;

  const rows: Row[] = mutants.map((m) => {
    const r = results.get(m.name);
    const o = checkOutput(path.join(out, outputName(m.name)));
    const problems = [...o.problems];
    if (!r) problems.push('no result from the batch');
    return {
      mutant: m, status: r?.status ?? o.status ?? '(none)', code: r?.code ?? o.code ?? null, message: r?.message ?? o.message ?? null,
      ms: r?.ms ?? -1, json: o.json, problems, hygiene: o.hygiene ?? null,
    };
  });

  const label = (r: Row) => (r.code && r.status === 'failed' ? `failed:${r.code}` : r.code && r.code !== r.status ? `${r.status}:${r.code}` : r.status);
  console.log(`\nstatuses: ${fmtTally(tally(rows, label))}`);
  console.log('\nper class:');
  for (const cls of [...new Set(rows.map((r) => r.mutant.cls))]) {
    const rs = rows.filter((r) => r.mutant.cls === cls);
    console.log(`  ${pad(cls, 8)} ${pad(rs.length, 5)} ${fmtTally(tally(rs, label))}`);
  }
  console.log('\nper kind:');
  for (const kind of [...new Set(rows.map((r) => r.mutant.kind))].sort()) {
    const rs = rows.filter((r) => r.mutant.kind === kind);
    const slowest = Math.max(...rs.map((r) => r.ms));
    console.log(`  ${pad(kind, 22)} ${pad(rs.length, 4)} max ${pad(secs(slowest), 7)} ${fmtTally(tally(rs, label))}`);
  }

  const crashes = rows.filter((r) => r.code !== null && BUG_CODES.has(r.code));
  const broken = rows.filter((r) => r.problems.length > 0);
  const timeouts = rows.filter((r) => r.code === 'timeout' || r.code === 'out-of-memory');
  console.log(`\ncrashes (${[...BUG_CODES].join('/')}): ${crashes.length}`);
  for (const r of crashes) console.log(`  ${r.mutant.name}  ${r.code}: ${r.message}`);
  console.log(`outputs missing, invalid or leaking: ${broken.length}`);
  for (const r of broken) console.log(`  ${r.mutant.name}  ${r.problems.join(' | ')}`);
  const raw = rows.filter((r) => r.hygiene);
  console.log(`messages with control characters, line breaks or U+FFFD (not counted as failures): ${raw.length}`);
  for (const r of raw.slice(0, 10)) console.log(`  ${r.mutant.name}  ${r.hygiene}`);
  console.log(`timeouts / out-of-memory: ${timeouts.length}`);
  for (const r of timeouts) console.log(`  ${r.mutant.name}  ${r.code}`);
  console.log('slowest (time from dispatch to result, so it includes waiting for a free worker):');
  for (const r of [...rows].sort((a, b) => b.ms - a.ms).slice(0, 15)) console.log(`  ${pad(secs(r.ms), 8)} ${r.mutant.name}  ${label(r)}`);

  let nondeterministic: Row[] = [];
  if (twice) {
    const t1 = performance.now();
    await runBatch(input, `${out}2`, jobs, timeout);
    nondeterministic = rows.filter((r) => {
      const f = path.join(`${out}2`, outputName(r.mutant.name));
      return !existsSync(f) || readFileSync(f, 'utf8') !== r.json;
    });
    console.log(`\nsecond run: ${secs(performance.now() - t1)}; outputs that differ: ${nondeterministic.length}`);
    for (const r of nondeterministic) console.log(`  ${r.mutant.name}  (first run: ${label(r)})`);
  }

  console.log(`\ntiming: generation ${secs(genMs)}, conversion ${secs(runMs)} (${(rows.length / (runMs / 1000)).toFixed(1)} files/s, --jobs ${jobs})`);
  if (!keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept: ${input} and ${out}`);
  return crashes.length + broken.length + nondeterministic.length > 0 ? 1 : 0;
}

// -- soak -------------------------------------------------------------------------------------

/** The canonical fields a copy must share with its sample (PDF twins included). */
function comparable(r: Record<string, unknown>) {
  return JSON.stringify({
    status: r.status, error: r.error, report: r.report, activeDisclosure: r.activeDisclosure, applications: r.applications,
    reviewLitigation: r.reviewLitigation, checks: r.checks,
  });
}

async function soak(): Promise<number> {
  const jobs = option('--jobs', '1');
  const recycle = option('--recycle-after', '50');
  const timeout = option('--timeout', '60');
  const keep = option('--keep', '');
  const count = Number(argv[1] ?? 3000);
  const work = keep ? path.resolve(keep) : mkdtempSync(path.join(tmpdir(), 'xxgk-soak-'));
  const input = path.join(work, 'in');
  const out = path.join(work, 'out');
  rmSync(input, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });

  let t0 = performance.now();
  const files = writeManyFiles(input, count);
  console.log(`soak: ${files.length} distinct valid files written in ${secs(performance.now() - t0)} (${input})`);
  console.log(`  converting through the CLI: --jobs ${jobs} --recycle-after ${recycle} --timeout ${timeout} …`);

  t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli.ts'), 'convert', input, '--out', out, '--jobs', jobs, '--recycle-after', recycle, '--timeout', timeout, '--quiet'], {
    cwd: root, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.stdout.on('data', () => undefined);
  let peakKb = 0;
  // RSS of the whole process tree (the CLI, its worker threads, any LibreOffice children), sampled
  const samples: { ms: number; kb: number }[] = [];
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
      samples.push({ ms: performance.now() - t0, kb: treeRssKb(child.pid!) });
    } catch {
      // gone
    }
  }, 250);
  const code: number | null = await new Promise((resolve) => child.on('close', (c) => resolve(c)));
  clearInterval(poll);
  const runMs = performance.now() - t0;

  const expected = new Map<string, string>();
  const statuses = new Map<string, number>();
  const mismatches: string[] = [];
  const crashes: string[] = [];
  let missing = 0;
  for (const f of files) {
    const jsonFile = path.join(out, f.rel.replace(/\.[^.]+$/, '.json'));
    if (!existsSync(jsonFile)) {
      missing++;
      mismatches.push(`${f.rel}: no JSON`);
      continue;
    }
    const r = JSON.parse(readFileSync(jsonFile, 'utf8')) as Record<string, unknown> & { status: string; error: { code: string; message: string } | null };
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    if (r.error && BUG_CODES.has(r.error.code)) crashes.push(`${f.rel}: ${r.error.code}: ${r.error.message}`);
    if (!expected.has(f.sample)) expected.set(f.sample, comparable(JSON.parse(readFileSync(path.join(root, 'samples/expected', `${f.sample}.json`), 'utf8'))));
    if (comparable(r) !== expected.get(f.sample)) mismatches.push(`${f.rel}: ${r.status}${r.error ? ` ${r.error.code}: ${r.error.message}` : ''} (differs from samples/expected/${f.sample}.json)`);
  }
  const summary = stderr.split('\n').filter((l) => /^xxgk:|^\s+(status|layout|problems|recycl|\S+ \d+, e\.g\.)|recycl/i.test(l));
  console.log(`\nexit code ${code}; CLI summary:\n${summary.map((l) => `  ${l}`).join('\n')}`);
  console.log(`statuses: ${fmtTally(statuses)}`);
  console.log(`worker-crashed/internal-error/output-error: ${crashes.length}`);
  for (const c of crashes.slice(0, 20)) console.log(`  ${c}`);
  console.log(`outputs missing: ${missing}; differing from the sample's expected fields: ${mismatches.length - missing}`);
  for (const m of mismatches.slice(0, 20)) console.log(`  ${m}`);
  const traces = stderr.split('\n').filter((l) => /^\s+at /.test(l));
  if (traces.length) console.log(`stack trace lines on stderr: ${traces.length}, e.g. ${traces[0]}`);
  console.log(`\ntiming: ${secs(runMs)} for ${files.length} files (${(files.length / (runMs / 1000)).toFixed(1)} files/s); CLI peak RSS ${(peakKb / 1024).toFixed(0)} MiB`);
  const trend = rssTrend(samples, runMs);
  console.log(`RSS of the process tree by tenth of the run (${samples.length} samples, every 250 ms), MiB:`);
  console.log(`  max: ${trend.max.join(' ')}\n  min: ${trend.min.join(' ')}\n  median: ${trend.median.join(' ')}`);
  console.log(`  least-squares slope of the per-tenth medians over the last nine tenths: ${trend.slope.toFixed(1)} MiB per tenth (${trend.verdict})`);
  if (!keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept: ${input} and ${out}`);
  return code === 0 && crashes.length === 0 && mismatches.length === 0 && traces.length === 0 ? 0 : 1;
}

/** Resident memory of a process and all its descendants (kB; threads are inside their process). */
function treeRssKb(pid: number): number {
  let kb = 0;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    kb += m ? Number(m[1]) : 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const kids = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const kid of kids ? kids.split(/\s+/) : []) kb += treeRssKb(Number(kid));
    }
  } catch {
    // the process ended between two reads
  }
  return kb;
}

/**
 * Whether memory is bounded: per tenth of the run the max, min and median RSS, and the slope of
 * the medians after the first tenth (start-up). A leak shows as medians that keep rising; a
 * bounded run rises while the first pools fill, then stays level between recycles.
 */
function rssTrend(samples: { ms: number; kb: number }[], runMs: number) {
  const tenths = Array.from({ length: 10 }, (_, i) => samples.filter((x) => x.ms >= (i * runMs) / 10 && x.ms < ((i + 1) * runMs) / 10).map((x) => x.kb / 1024));
  const stat = (f: (v: number[]) => number) => tenths.map((v) => (v.length ? Math.round(f(v)) : NaN));
  const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  const median = stat(med);
  const ys = median.slice(1).filter((y) => Number.isFinite(y));
  const xm = (ys.length - 1) / 2;
  const ym = ys.reduce((a, b) => a + b, 0) / Math.max(1, ys.length);
  const slope = ys.reduce((a, y, i) => a + (i - xm) * (y - ym), 0) / Math.max(1e-9, ys.reduce((a, _y, i) => a + (i - xm) ** 2, 0));
  const range = Math.max(...ys) - Math.min(...ys);
  const verdict = slope * 9 > 0.25 * ym ? 'rising: a leak?' : `level: ${Math.round(range)} MiB between the lowest and highest tenth`;
  return { max: stat((v) => Math.max(...v)), min: stat((v) => Math.min(...v)), median, slope, verdict };
}

// -- make -------------------------------------------------------------------------------------

function make(): number {
  const only = option('--only', '');
  const light = flag('--light');
  const [, dir, countArg, seedArg] = argv;
  if (!dir) throw new Error('usage: npx tsx bench/fuzz.ts make DIR [count] [seed] [--only REGEX]');
  let mutants = makeMutants(defaultSamples(), Number(countArg ?? 1000), Number(seedArg ?? 1), { light });
  if (only) mutants = mutants.filter((m) => new RegExp(only).test(m.name) || new RegExp(only).test(m.kind));
  writeMutants(path.resolve(dir), mutants);
  console.log(`${mutants.length} mutants written to ${path.resolve(dir)}`);
  return 0;
}

const mode = argv[0];
const exitCode = mode === 'soak' ? await soak() : mode === 'make' ? make() : await fuzz();
// explicit: worker threads of a batch must not keep the bench alive
process.exit(exitCode);
