/**
 * Queue mode end to end, on a real redis-server (started here on a free loopback port) and the
 * CLI run from source: `xxgk enqueue` is idempotent; two `xxgk worker` processes, one of them
 * killed with SIGKILL mid-job, leave exactly the JSON files a plain `xxgk convert` writes; a file
 * that times out is retried with backoff and ends in the failed set, as `xxgk queue status` says.
 *
 * Skipped (with a message) where redis-server is not installed; .ci/run installs it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManifestEntry } from '../src/pipeline/manifest.js';
import type { ConvertJobData, ConvertJobResult } from '../src/queue/common.js';
import { CanonicalReportSchema } from '../src/schema/canonical.js';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'src/cli.ts');
// the CLI runs from source in the test's folder (paths relative to it): tsx by its full URL
const tsx = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const hasRedis = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasRedis) {
  console.warn('queue.test.ts: redis-server is not installed, so the queue tests are skipped (apt-get install redis-server)');
}

const work = mkdtempSync(path.join(tmpdir(), 'xxgk-queue-'));
let redis: ChildProcess | null = null;
let url = '';
const clients: Redis[] = [];
const workers = new Set<ChildProcess>();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function xxgk(args: string[], timeout = 120_000) {
  const r = spawnSync(process.execPath, ['--import', tsx, cli, ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Running {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

function startWorker(args: string[]): Running {
  const child = spawn(process.execPath, ['--import', tsx, cli, 'worker', '--redis', url, ...args], {
    cwd: work, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  workers.add(child);
  let err = '';
  child.stderr!.on('data', (d) => (err += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    workers.delete(child);
    resolve(code);
  }));
  return { child, stderr: () => err, exited };
}

function queueOf(name: string): Queue<ConvertJobData, ConvertJobResult> {
  const client = new Redis(url, { maxRetriesPerRequest: null });
  clients.push(client);
  return new Queue<ConvertJobData, ConvertJobResult>(name, { connection: client });
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs: number, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function jsonFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return jsonFiles(p, base);
    return e.name.endsWith('.json') ? [path.relative(base, p)] : [];
  }).sort();
}

/** The lines of every worker's manifest in a queue output folder (a line torn by the kill is skipped). */
function shardLines(out: string): ManifestEntry[] {
  if (!existsSync(out)) return [];
  return readdirSync(out)
    .filter((n) => /^xxgk-manifest\.worker-[A-Za-z0-9_-]+-\d+\.jsonl$/.test(n))
    .flatMap((n) => readFileSync(path.join(out, n), 'utf8').split('\n'))
    .flatMap((l) => {
      try {
        return l ? [JSON.parse(l) as ManifestEntry] : [];
      } catch {
        return [];
      }
    });
}

// the inputs: every DOCX and PDF sample, a second name for one of them, and a corrupt file
const input = path.join(work, 'in');
const docx = readdirSync(path.join(root, 'samples')).filter((n) => n.endsWith('.docx'));
const pdfs = readdirSync(path.join(root, 'samples/pdf')).filter((n) => n.endsWith('.pdf'));
const inputCount = docx.length + pdfs.length + 2;

describe.skipIf(!hasRedis)('queue mode on Redis (BullMQ)', () => {
  beforeAll(async () => {
    mkdirSync(path.join(input, 'docx'), { recursive: true });
    mkdirSync(path.join(input, 'pdf'), { recursive: true });
    mkdirSync(path.join(input, 'copies'), { recursive: true });
    for (const n of docx) copyFileSync(path.join(root, 'samples', n), path.join(input, 'docx', n));
    for (const n of pdfs) copyFileSync(path.join(root, 'samples/pdf', n), path.join(input, 'pdf', n));
    copyFileSync(path.join(root, 'samples', docx[0]!), path.join(input, 'copies', '同一份 报告.docx'));
    writeFileSync(path.join(input, 'copies', 'garbage.docx'), 'this is not a zip file at all, just text');

    const port = await freePort();
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', work], { stdio: 'ignore' });
    url = `redis://127.0.0.1:${port}`;
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    probe.on('error', () => undefined);
    await until('redis-server', async () => {
      try {
        if (probe.status !== 'ready') await probe.connect();
        return (await probe.ping()) === 'PONG';
      } catch {
        probe.disconnect();
        return false;
      }
    }, 15_000);
    probe.disconnect();
  });

  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    for (const c of clients) c.disconnect();
    redis?.kill('SIGKILL');
  });

  it('enqueuing the same tree twice adds nothing; a file under two names is one job', async () => {
    const first = xxgk(['enqueue', 'in', '--redis', url, '--queue', 'q1', '--out', 'out1']);
    expect(first.code, first.stderr).toBe(0);
    const distinct = inputCount - 1;
    expect(first.stderr).toContain(`${inputCount} file(s), ${distinct} distinct content(s) (1 name(s) share bytes with another): added ${distinct} job(s), 0 already queued`);
    const q = queueOf('q1');
    const counts = async () => Object.values(await q.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized')).reduce((a, b) => a + b, 0);
    expect(await counts()).toBe(distinct);

    const again = xxgk(['enqueue', 'in', '--redis', url, '--queue', 'q1', '--out', 'out1']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`added 0 job(s), ${distinct} already queued`);
    expect(await counts()).toBe(distinct);

    // the copy rides on the job of the original: one conversion, a JSON per name
    const jobs = await q.getWaiting(0, -1);
    const shared = jobs.find((j) => j.data.targets.length > 1)!;
    expect(shared.data.targets.map((t) => t.display).sort()).toEqual([`in/copies/同一份 报告.docx`, `in/docx/${docx[0]}`].sort());
    expect(shared.data.targets.every((t) => path.isAbsolute(t.input))).toBe(true);
    expect(shared.id).toMatch(new RegExp(`^v[0-9.]+-${shared.data.sha256}-[0-9a-f]{8}$`));

    // a new name for content already queued: a small job of its own (the first is not changed)
    copyFileSync(path.join(root, 'samples', docx[0]!), path.join(input, 'copies', '第三个名字.docx'));
    try {
      const third = xxgk(['enqueue', 'in', '--redis', url, '--queue', 'q1', '--out', 'out1']);
      expect(third.stderr).toContain(`added 1 job(s) (1 for new names of content already queued), ${distinct - 1} already queued`);
      expect(await counts()).toBe(distinct + 1);
      const status = xxgk(['queue', 'status', '--redis', url, '--queue', 'q1', '--json']);
      expect(status.code, status.stderr).toBe(0);
      expect(JSON.parse(status.stdout).counts).toMatchObject({ waiting: distinct + 1, active: 0, completed: 0, failed: 0 });
    } finally {
      // the other tests use the tree without it
      spawnSync('rm', ['-f', path.join(input, 'copies', '第三个名字.docx')]);
    }
  }, 60_000);

  it('two workers, one killed with SIGKILL mid-job: every input gets exactly the JSON a plain convert writes', async () => {
    const enq = xxgk(['enqueue', 'in', '--redis', url, '--queue', 'q2', '--out', 'out2']);
    expect(enq.code, enq.stderr).toBe(0);
    const q = queueOf('q2');
    const total = inputCount - 1;
    // short locks: a killed worker's job is taken over within seconds
    const opts = ['--queue', 'q2', '--jobs', '1', '--lock-duration', '3', '--stalled-interval', '1'];
    const b = startWorker(opts);
    // kill worker A while it holds a job (after some jobs are done); should A have finished its
    // job just before the kill, a new A is started and killed again
    let victim: Awaited<ReturnType<typeof q.getActive>>[number] | undefined;
    for (let round = 0; round < 3 && !victim; round++) {
      const w = startWorker(opts);
      await until('a job active on worker A', async () => {
        if (round === 0 && shardLines(path.join(work, 'out2')).length < 3) return null;
        return (await q.getActive()).some((j) => j.processedBy?.endsWith(`:${w.child.pid}`));
      }, 60_000, 20);
      w.child.kill('SIGKILL');
      expect(await w.exited).toBe(null);
      // still active, and on A: it was killed mid-job
      victim = (await q.getActive()).find((j) => j.processedBy?.endsWith(`:${w.child.pid}`));
    }
    expect(victim, 'a job held by the killed worker').toBeDefined();

    const c = await until('every job finished', async () => {
      const c = await q.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
      return c.completed! + c.failed! === total ? c : null;
    }, 80_000, 250);
    expect(c).toMatchObject({ completed: total, failed: 0 });
    // the job A held was taken over (stalled-job recovery) and completed by B
    const taken = (await q.getJob(victim!.id!))!;
    expect(await taken.getState()).toBe('completed');
    expect(taken.returnvalue.worker).toMatch(new RegExp(`:${b.child.pid}$`));
    expect(taken.stalledCounter).toBeGreaterThanOrEqual(1);
    // a file's own failure is a completed job, tried once
    const garbage = (await q.getCompleted(0, -1)).find((j) => j.data.targets[0]!.display === 'in/copies/garbage.docx')!;
    expect(garbage.returnvalue).toMatchObject({ status: 'failed', code: 'corrupt' });
    expect((await q.getJobLogs(garbage.id!)).logs).toHaveLength(1);

    // SIGTERM: a graceful stop
    b.child.kill('SIGTERM');
    expect(await b.exited, b.stderr()).toBe(0);
    expect(b.stderr()).toMatch(/stopped; \d+ job\(s\) completed/);

    const batch = xxgk(['convert', 'in', '--out', 'outB', '--jobs', '2', '-q']);
    expect(batch.code, batch.stderr).toBe(0);
    const out2 = path.join(work, 'out2');
    const outB = path.join(work, 'outB');
    const names = jsonFiles(outB);
    expect(names).toHaveLength(inputCount);
    // one JSON per input, no more (a write cut by the kill leaves at most a .tmp file)
    expect(jsonFiles(out2)).toEqual(names);
    for (const n of names) {
      const text = readFileSync(path.join(out2, n), 'utf8');
      expect(CanonicalReportSchema.safeParse(JSON.parse(text)).success, n).toBe(true);
      // same bytes: the same conversion, and source.file is the same name relative to the base
      expect(text, n).toBe(readFileSync(path.join(outB, n), 'utf8'));
    }
    // the workers' manifests (one per process) name every input, in the batch's line format
    const batchManifest = readFileSync(path.join(outB, 'xxgk-manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ManifestEntry);
    const lines = shardLines(out2);
    const byInput = new Map(lines.map((l) => [l.input, l]));
    expect([...byInput.keys()].sort()).toEqual(batchManifest.map((l) => l.input).sort());
    for (const e of batchManifest) expect(byInput.get(e.input)).toEqual(e);
    expect(existsSync(path.join(out2, 'xxgk-manifest.jsonl'))).toBe(false);
  }, 150_000);

  it('a file that times out is retried with backoff, then lands in the failed set with its record written', async () => {
    const big = pdfs.map((n) => path.join('in/pdf', n)).sort((x, y) => statSync(path.join(work, y)).size - statSync(path.join(work, x)).size)[0]!;
    const enq = xxgk(['enqueue', big, '--redis', url, '--queue', 'q3', '--out', 'out3', '--attempts', '3', '--backoff', '0.5']);
    expect(enq.code, enq.stderr).toBe(0);
    const q = queueOf('q3');
    // 1 ms: no conversion is that fast
    const w = startWorker(['--queue', 'q3', '--jobs', '1', '--timeout', '0.001']);
    await until('the job to fail for good', async () => (await q.getFailedCount()) === 1, 150_000, 200);
    const [job] = await q.getFailed();
    expect(job!.attemptsMade).toBe(3);
    expect(job!.failedReason).toMatch(/^timeout: conversion took longer than 0\.001 s/);
    // three attempts, the retries 0.5 s then 1 s later (exponential backoff)
    const logs = (await q.getJobLogs(job!.id!)).logs;
    expect(logs).toHaveLength(3);
    const at = logs.map((l) => Date.parse(l.split(' ')[0]!));
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(450);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(950);
    expect(logs[2]).toContain('last attempt: record written, job failed');
    // the last attempt wrote the timeout record, as the batch does
    const record = JSON.parse(readFileSync(path.join(work, 'out3', big.replace(/\.pdf$/, '.json')), 'utf8'));
    expect(CanonicalReportSchema.safeParse(record).success).toBe(true);
    expect(record).toMatchObject({ status: 'failed', error: { code: 'timeout' }, source: { file: big } });

    const status = xxgk(['queue', 'status', '--redis', url, '--queue', 'q3', '--failed']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/waiting 0, active 0, delayed 0 \(waiting for a retry\), completed 0, failed 1; 1 worker\(s\) connected/);
    expect(status.stdout).toContain(`failed  ${big}  timeout: conversion took longer than 0.001 s`);
    expect(status.stdout).toContain('(3 attempt(s))');

    // queue retry: back in the queue with its attempts afresh, a full round again
    const retry = xxgk(['queue', 'retry', '--redis', url, '--queue', 'q3']);
    expect(retry.code, retry.stderr).toBe(0);
    expect(retry.stderr).toContain('1 failed job(s) put back in queue "q3"');
    // (at least 6 log lines: a busy machine may add one for a stalled-job recovery)
    await until('the job to fail again', async () => (await q.getFailedCount()) === 1 && (await q.getJobLogs(job!.id!)).logs.length >= 6, 60_000, 200).catch(async (err) => {
      const j = await q.getJob(job!.id!);
      throw new Error(`${(err as Error).message}: state ${await j?.getState()}, attemptsMade ${j?.attemptsMade}, logs ${JSON.stringify((await q.getJobLogs(job!.id!)).logs)}, counts ${JSON.stringify(await q.getJobCounts())}, worker stderr: ${w.stderr().slice(-1500)}`);
    });
    expect((await q.getJob(job!.id!))!.attemptsMade).toBe(3);

    w.child.kill('SIGTERM');
    expect(await w.exited, w.stderr()).toBe(0);
    expect(w.stderr()).toMatch(/retry .* \(attempt 1\/3\)/);
    expect(w.stderr()).toMatch(/FAILED .* \(attempt 3\/3\)/);
  }, 200_000);

  it('SIGTERM twice: the running jobs are handed back to the queue at once (exit 130)', async () => {
    const enq = xxgk(['enqueue', 'in/pdf', '--redis', url, '--queue', 'q4', '--out', 'out4']);
    expect(enq.code, enq.stderr).toBe(0);
    const q = queueOf('q4');
    const w = startWorker(['--queue', 'q4', '--jobs', '2']);
    await until('a job running after two are done', async () => (await q.getCompletedCount()) >= 2 && (await q.getActiveCount()) >= 1, 60_000, 20);
    w.child.kill('SIGTERM');
    // (two signals sent at once arrive as one)
    await until('the first signal to be seen', async () => w.stderr().includes('stopping: no new jobs'), 10_000, 5);
    w.child.kill('SIGTERM');
    expect(await w.exited, w.stderr()).toBe(130);
    expect(w.stderr()).toContain('handing the running jobs back to the queue');
    const c = await q.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed');
    expect(c).toMatchObject({ active: 0, failed: 0, delayed: 0 });
    expect(c.waiting! + c.completed!).toBe(pdfs.length);
    // nothing written for them: another worker takes them up
    const back = [];
    for (const j of await q.getWaiting(0, -1)) {
      if ((await q.getJobLogs(j.id!)).logs.some((l) => l.includes('handed back (the worker was stopped)'))) back.push(j);
    }
    expect(back.length).toBeGreaterThanOrEqual(1);
    for (const j of back) expect(existsSync(path.join(work, 'out4', j.data.targets[0]!.output))).toBe(false);
  }, 90_000);
});

describe('without the queue', () => {
  it('xxgk convert never loads bullmq or ioredis (the queue commands import them when they run)', () => {
    const probe = path.join(work, 'loaded.mjs');
    writeFileSync(probe, [
      "import { createRequire } from 'node:module';",
      'const require = createRequire(import.meta.url);',
      "process.on('exit', () => process.stderr.write(`queue modules loaded: ${Object.keys(require('node:module')._cache).filter((k) => /[\\\\/](bullmq|ioredis)[\\\\/]/.test(k)).length}\\n`));",
    ].join('\n'));
    const r = spawnSync(process.execPath, ['--import', tsx, '--import', pathToFileURL(probe).href, cli, 'convert', path.join(root, 'samples', docx[0]!), '--out', path.join(work, 'plain'), '-q'], { cwd: work, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('queue modules loaded: 0');
  });
});
