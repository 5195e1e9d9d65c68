/**
 * The batch under the faults of a hostile corpus and a bad night: pool recycling under load,
 * failures that are not the file's own, a full disk and a read-only output, JSONL to pipes and
 * devices, file names that are not UTF-8 or too long, two batches on one folder, FIFOs, Ctrl-C,
 * and LibreOffice outliving a killed run. Each test reproduces a defect of an earlier version.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findSoffice } from '../src/pipeline/legacy.js';
import { Manifest, MANIFEST_NAME, type ManifestEntry } from '../src/pipeline/manifest.js';
import { CanonicalReportSchema } from '../src/schema/canonical.js';
import { VERSION } from '../src/version.js';
import { slowPdf } from './helpers/mini-pdf.js';

const root = path.resolve(import.meta.dirname, '..');
const CLI = path.join(root, 'src/cli.ts');
/** The tsx loader by URL: the CLI also runs from other working directories. */
const TSX = import.meta.resolve('tsx');
const asRoot = process.getuid?.() === 0;

function xxgk(args: string[], opts: { input?: string | Buffer; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd: opts.cwd ?? root,
    input: opts.input,
    env: { ...process.env, CI: 'true' },
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stderr: r.stderr.toString('utf8'), stdout: r.stdout.toString('utf8') };
}

function start(args: string[], opts: { cwd?: string } = {}) {
  return spawn(process.execPath, ['--import', TSX, CLI, ...args], { cwd: opts.cwd ?? root, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
}

const tmp = (name: string) => mkdtempSync(path.join(tmpdir(), `xxgk-${name}-`));
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const manifestOf = (out: string): ManifestEntry[] =>
  readFileSync(path.join(out, MANIFEST_NAME), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

function files(dir: string, pred: (name: string) => boolean, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p, pred, base);
    return pred(e.name) ? [path.relative(base, p)] : [];
  });
}
const jsonFiles = (dir: string) => files(dir, (n) => n.endsWith('.json'));
const tempFiles = (dir: string) => files(dir, (n) => n.endsWith('.tmp') || n.endsWith('xxgk-tmp'));

const SAMPLE_DOCX = readdirSync(path.join(root, 'samples')).filter((f) => f.endsWith('.docx')).sort();
/** Status and §三 total of each sample, from its expected JSON (checked by eye when committed). */
const expected = new Map(SAMPLE_DOCX.map((f) => {
  const e = readJson(path.join(root, 'samples/expected', f.replace(/\.docx$/, '.json')));
  return [f, { status: e.status as string, total: e.applications.newReceived.total as number | null }];
}));

/** `count` byte-distinct copies of the DOCX samples (a trailing byte after the ZIP's end keeps them readable). */
function distinctCopies(dir: string, count: number, prefix = ''): Map<string, string> {
  const made = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const f = SAMPLE_DOCX[i % SAMPLE_DOCX.length]!;
    const name = `${prefix}${String(i).padStart(4, '0')}-${f}`;
    const bytes = readFileSync(path.join(root, 'samples', f));
    writeFileSync(path.join(dir, name), Buffer.concat([bytes, Buffer.alloc(Math.floor(i / SAMPLE_DOCX.length), 0x0a)]));
    made.set(name, f);
  }
  return made;
}

describe('worker recycling under load (defect: one file lost per recycle)', () => {
  it('never fails a file when pools are replaced with files still queued, and a slow file times out as timeout', () => {
    const input = tmp('recycle-in');
    const out = tmp('recycle-out');
    const made = distinctCopies(input, 40);
    writeFileSync(path.join(input, '0020-slow.pdf'), slowPdf());
    const r = xxgk(['convert', input, '--out', out, '--jobs', '2', '--recycle-after', '1', '--timeout', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/worker-crashed/);
    expect(r.stderr).toMatch(/worker pool recycled \d+ time\(s\)/);
    for (const [name, sample] of made) {
      const j = readJson(path.join(out, name.replace(/\.docx$/, '.json')));
      expect([name, j.status, j.applications.newReceived.total]).toEqual([name, expected.get(sample)!.status, expected.get(sample)!.total]);
    }
    const slow = readJson(path.join(out, '0020-slow.json'));
    expect([slow.status, slow.error.code]).toEqual(['failed', 'timeout']);
  });
});

describe('failures that are not the file\'s own are retried on later runs', () => {
  it('a manifest record of worker-crashed does not count as done', () => {
    const input = tmp('crashed-in');
    const out = tmp('crashed-out');
    copyFileSync(path.join(root, 'samples/seed-002-luhe-2021.docx'), path.join(input, 'a.docx'));
    const file = path.join(input, 'a.docx');
    const bytes = readFileSync(file);
    // what an earlier run left: a failure record and its manifest line
    writeFileSync(path.join(out, 'a.json'), '{}');
    const entry: ManifestEntry = {
      input: file, output: 'a.json', sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length,
      version: VERSION, status: 'failed', code: 'worker-crashed',
    };
    writeFileSync(path.join(out, MANIFEST_NAME), `${JSON.stringify(entry)}\n`);
    const r = xxgk(['convert', input, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/converted 1, reused 0 \(identical bytes\), unchanged 0/);
    expect(readJson(path.join(out, 'a.json')).status).toBe('ok');
  });

  it('a timeout is tried again on the next runs, then left alone after --max-attempts, and the summary says so', () => {
    const input = tmp('retry-in');
    const out = tmp('retry-out');
    writeFileSync(path.join(input, 'slow.pdf'), slowPdf());
    copyFileSync(path.join(root, 'samples/seed-002-luhe-2021.docx'), path.join(input, 'fine.docx'));
    const args = ['convert', input, '--out', out, '--timeout', '1', '--jobs', '1', '--max-attempts', '2'];
    const first = xxgk(args);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/converted 2, reused 0/);
    expect(first.stderr).toMatch(/1 file\(s\) failed for a reason that is not the file's own \(timeout 1\): the next run tries them again \(at most 2 runs in all\)/);
    const second = xxgk(args);
    expect(second.stderr).toMatch(/converted 1, reused 0 \(identical bytes\), unchanged 1/);
    const third = xxgk(args);
    expect(third.stderr).toMatch(/converted 0, reused 0 \(identical bytes\), unchanged 2/);
    expect(third.stderr).toMatch(/1 file\(s\) not tried again: they failed for such reasons in 2 runs already \(--force tries them again\)/);
    expect(manifestOf(out).filter((e) => e.code === 'timeout')).toHaveLength(2);
  });
});

describe('identical bytes reused from an earlier run', () => {
  it('are not copied from an output JSON that was damaged since: the twin is converted itself', () => {
    const input = tmp('reuse-in');
    const out = tmp('reuse-out');
    copyFileSync(path.join(root, 'samples/seed-002-luhe-2021.docx'), path.join(input, 'a.docx'));
    expect(xxgk(['convert', input, '--out', out]).code).toBe(0);
    // the earlier output edited by hand: same source hash, no longer a valid report
    const a = readJson(path.join(out, 'a.json'));
    writeFileSync(path.join(out, 'a.json'), JSON.stringify({ ...a, applications: null }));
    copyFileSync(path.join(root, 'samples/seed-002-luhe-2021.docx'), path.join(input, 'b.docx'));
    const r = xxgk(['convert', input, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/converted 1, reused 0 \(identical bytes\), unchanged 1/);
    const b = readJson(path.join(out, 'b.json'));
    expect(CanonicalReportSchema.safeParse(b).success).toBe(true);
    expect([b.status, b.applications.newReceived.total]).toEqual([a.status, a.applications.newReceived.total]);
  });
});

describe('the manifest', () => {
  it('a failed append fails that entry only; later appends and the final flush still work', async () => {
    const out = tmp('manifest');
    const { manifest } = await Manifest.load(out);
    const e = (input: string): ManifestEntry => ({ input, output: `${input}.json`, sha256: null, bytes: null, version: VERSION, status: 'ok', code: null });
    await rm(out, { recursive: true });
    await expect(manifest.record(e('lost'))).rejects.toThrow(/ENOENT/);
    await mkdir(out);
    await manifest.record(e('kept'));
    await expect(manifest.flush()).resolves.toBeUndefined();
    expect(manifest.failedAppends).toBe(1);
    expect(manifestOf(out).map((x) => x.input)).toEqual(['kept']);
  });
});

/** A small tmpfs mounted for one test (root only; skipped elsewhere). */
function smallDisk(kb: number): string | null {
  if (!asRoot) return null;
  const dir = tmp('disk');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    return null;
  }
}
const unmount = (dir: string) => spawnSync('umount', [dir]);
const canMount = (() => {
  const d = smallDisk(64);
  if (!d) return false;
  unmount(d);
  return true;
})();

describe.skipIf(!canMount)('a full disk and a read-only output folder', () => {
  const mounts: string[] = [];
  afterAll(() => mounts.forEach(unmount));

  it('a read-only --out stops before converting, exit 3, with a clear message', () => {
    const disk = smallDisk(1024)!;
    mounts.push(disk);
    execFileSync('mount', ['-o', 'remount,ro', disk]);
    const r = xxgk(['convert', path.join(root, 'samples/seed-000-lushaer-2022.docx'), '--out', disk]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot write to the output folder .* \(EROFS\)/);
    expect(r.stderr).toMatch(/nothing was converted/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('disk full mid-run: exit 3, no temp files, every JSON complete, and the re-run converts exactly the missing ones', () => {
    const input = tmp('full-in');
    const made = distinctCopies(input, 13);
    // room for the lock, the manifest and a few of the ~50 KB reports only
    const disk = smallDisk(240)!;
    mounts.push(disk);
    const r = xxgk(['convert', input, '--out', disk, '--jobs', '2']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/output-error: could not write the result \(ENOSPC\)/);
    expect(r.stderr).toMatch(/OUTPUT ERRORS: \d+ result\(s\) could not be written/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(tempFiles(disk)).toEqual([]);
    const written = jsonFiles(disk);
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(made.size);
    for (const f of written) expect(CanonicalReportSchema.safeParse(readJson(path.join(disk, f))).success, f).toBe(true);

    execFileSync('mount', ['-o', 'remount,size=8m', disk]);
    const again = xxgk(['convert', input, '--out', disk, '--jobs', '2']);
    expect(again.code, again.stderr).toBe(0);
    const recorded = new Set(manifestOf(disk).filter((e) => e.code === null).map((e) => e.output));
    expect(jsonFiles(disk).sort()).toEqual([...made.keys()].map((n) => n.replace(/\.docx$/, '.json')).sort());
    expect(recorded.size).toBe(made.size);
  });
});

describe('--jsonl streams line by line', () => {
  it("'-' writes to standard output (no file named '-'), as files complete", async () => {
    const input = tmp('jsonl-in');
    const cwd = tmp('jsonl-cwd');
    const made = distinctCopies(input, 4);
    writeFileSync(path.join(input, 'zz-slow.pdf'), slowPdf());
    const child = start(['convert', input, '--out', path.join(cwd, 'out'), '--jsonl', '-', '--jobs', '1', '--timeout', '3'], { cwd });
    let stdout = '';
    let firstAt = 0;
    child.stdout.on('data', (d) => {
      firstAt ||= Date.now();
      stdout += d;
    });
    const code = await new Promise((r) => child.once('exit', r));
    const endAt = Date.now();
    expect(code).toBe(0);
    expect(existsSync(path.join(cwd, '-'))).toBe(false);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(made.size + 1);
    expect(lines.every((l) => CanonicalReportSchema.safeParse(l).success)).toBe(true);
    // the good files' lines came out while the slow file was still running
    expect(endAt - firstAt).toBeGreaterThan(1500);
  });

  it('a FIFO (and a link to it) is written in place, never replaced by a regular file', async () => {
    const dir = tmp('jsonl-fifo');
    const fifo = path.join(dir, 'lines');
    execFileSync('mkfifo', [fifo]);
    const link = path.join(dir, 'link');
    execFileSync('ln', ['-s', fifo, link]);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    let got = '';
    reader.stdout.on('data', (d) => (got += d));
    const r = xxgk(['convert', path.join(root, 'samples/seed-000-lushaer-2022.docx'), path.join(root, 'samples/seed-002-luhe-2021.docx'), '--out', path.join(dir, 'out'), '--jsonl', link]);
    await new Promise((res) => reader.once('exit', res));
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(got.trim().split('\n').map((l) => JSON.parse(l).status)).toEqual(['ok', 'ok']);
  });

  it.skipIf(!existsSync('/dev/stdout'))('/dev/stdout stays what it is', () => {
    const before = lstatSync('/dev/stdout');
    const r = xxgk(['convert', path.join(root, 'samples/seed-000-lushaer-2022.docx'), '--out', tmp('jsonl-dev'), '--jsonl', '/dev/stdout']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim()).status).toBe('ok');
    const after = lstatSync('/dev/stdout');
    expect([after.isSymbolicLink(), after.isFile()]).toEqual([before.isSymbolicLink(), before.isFile()]);
  });

  it('a regular file is replaced whole at the end; no temp file stays beside it', () => {
    const dir = tmp('jsonl-file');
    const file = path.join(dir, 'all.jsonl');
    writeFileSync(file, 'old content\n');
    const r = xxgk(['convert', path.join(root, 'samples/seed-000-lushaer-2022.docx'), '--out', path.join(dir, 'out'), '--jsonl', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l).status)).toEqual(['ok']);
    expect(readdirSync(dir).sort()).toEqual(['all.jsonl', 'out']);
  });
});

describe('file names', () => {
  it('names that are not UTF-8 (GBK) are converted, each to its own output, named readably', () => {
    const input = tmp('gbk-in');
    const out = tmp('gbk-out');
    const docx = readFileSync(path.join(root, 'samples/seed-002-luhe-2021.docx'));
    // 报告.docx and 年报.docx in GBK bytes; and a name that is neither UTF-8 nor GBK
    const names = [
      Buffer.from([0xb1, 0xa8, 0xb8, 0xe6, ...Buffer.from('.docx')]),
      Buffer.from([0xc4, 0xea, 0xb1, 0xa8, ...Buffer.from('.docx')]),
      Buffer.from([0xff, 0xfe, 0x41, ...Buffer.from('.docx')]),
    ];
    names.forEach((n, i) => writeFileSync(Buffer.concat([Buffer.from(`${input}/`), n]), Buffer.concat([docx, Buffer.alloc(i, 0x0a)])));
    // the same visible name in UTF-8 beside its GBK twin
    writeFileSync(path.join(input, '报告.docx'), Buffer.concat([docx, Buffer.alloc(5, 0x0a)]));
    const r = xxgk(['convert', input, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/converted 4, reused 0/);
    const outputs = jsonFiles(out).sort();
    expect(outputs).toHaveLength(4);
    const shown = outputs.map((f) => readJson(path.join(out, f))).map((j) => [path.basename(j.source.file), j.status]);
    expect(shown.map((s) => s[1])).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(shown.map((s) => s[0]).sort()).toEqual(['%FF%FEA.docx', '年报.docx', '报告.docx', '报告.docx']);
    // a second run knows every one of them
    expect(xxgk(['convert', input, '--out', out]).stderr).toMatch(/converted 0, reused 0 \(identical bytes\), unchanged 4/);
  });

  it('a name too long for an output name with its temp suffix still gets its JSON, shortened the same way every run', () => {
    const input = tmp('long-in');
    const out = tmp('long-out');
    const name = `${'政'.repeat(80)}.docx`; // 245 bytes: legal, but no room for <name>.json plus a temp suffix

    copyFileSync(path.join(root, 'samples/seed-002-luhe-2021.docx'), path.join(input, name));
    const r = xxgk(['convert', input, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const [json] = jsonFiles(out);
    expect(Buffer.byteLength(path.basename(json!))).toBeLessThanOrEqual(200);
    expect(path.basename(json!)).toMatch(/^政+~[0-9a-f]{8}\.json$/);
    expect(readJson(path.join(out, json!)).status).toBe('ok');
    expect(xxgk(['convert', input, '--out', out]).stderr).toMatch(/unchanged 1/);
  });
});

describe('two batches, FIFOs, interruptions', () => {
  it('a second batch on the same --out stops with exit 4 and leaves the first one alone; a stale lock is taken over', async () => {
    const input = tmp('lock-in');
    const out = tmp('lock-out');
    distinctCopies(input, 26);
    const first = start(['convert', input, '--out', out, '--jobs', '1']);
    let err = '';
    first.stderr.on('data', (d) => (err += d));
    while (!existsSync(path.join(out, 'xxgk.lock'))) await new Promise((r) => setTimeout(r, 50));
    const second = xxgk(['convert', input, '--out', out]);
    expect(second.code).toBe(4);
    expect(second.stderr).toMatch(/another xxgk batch \(pid \d+ on .*\) is writing to .*; wait for it to finish or use another --out/);
    const code = await new Promise((r) => first.once('exit', r));
    expect(code, err).toBe(0);
    expect(err).toMatch(/converted 26, reused 0/);
    expect(jsonFiles(out)).toHaveLength(26);
    expect(existsSync(path.join(out, 'xxgk.lock'))).toBe(false);

    // a lock left by a killed run
    writeFileSync(path.join(out, 'xxgk.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), started: 'then' }));
    const third = xxgk(['convert', input, '--out', out]);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).toMatch(/unchanged 26/);
  });

  it('a FIFO named like a document gets its own record and does not hang the batch', () => {
    const input = tmp('fifo-in');
    const out = tmp('fifo-out');
    execFileSync('mkfifo', [path.join(input, 'pipe.pdf')]);
    copyFileSync(path.join(root, 'samples/seed-002-luhe-2021.docx'), path.join(input, 'fine.docx'));
    const r = xxgk(['convert', input, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const j = readJson(path.join(out, 'pipe.json'));
    expect([j.status, j.error.code]).toEqual(['failed', 'unreadable']);
    expect(j.error.message).toMatch(/named pipe \(FIFO\)/);
    expect(CanonicalReportSchema.safeParse(j).success).toBe(true);
  });

  it('after one Ctrl-C the summary says how many files were not started, and the re-run converts exactly those', async () => {
    const input = tmp('int-in');
    const out = tmp('int-out');
    distinctCopies(input, 60);
    const child = start(['convert', input, '--out', out, '--jobs', '1']);
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const manifest = path.join(out, MANIFEST_NAME);
    while (!existsSync(manifest) || readFileSync(manifest, 'utf8').split('\n').filter(Boolean).length < 3) {
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGINT');
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(130);
    const m = /interrupted: (\d+) file\(s\) not started; run the same command again to convert them/.exec(err);
    expect(m, err).not.toBeNull();
    const notStarted = Number(m![1]);
    expect(notStarted).toBeGreaterThan(0);
    expect(jsonFiles(out)).toHaveLength(60 - notStarted);
    const again = xxgk(['convert', input, '--out', out]);
    expect(again.stderr).toMatch(new RegExp(`converted ${notStarted}, reused 0 \\(identical bytes\\), unchanged ${60 - notStarted}`));
  });
});

describe.skipIf(findSoffice() === null)('LibreOffice never outlives a killed batch', () => {
  const sofficeOf = (pid: number) =>
    spawnSync('pgrep', ['-f', `xxgk-lo-${pid}-`], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);

  /** A batch of three legacy .doc files, once its soffice is running. */
  async function whileSofficeRuns() {
    const input = tmp('lo-in');
    const out = tmp('lo-out');
    for (let i = 0; i < 3; i++) copyFileSync(path.join(root, 'test/fixtures/legacy-report.doc'), path.join(input, `old-${i}.doc`));
    const child = start(['convert', input, '--out', out]);
    const t0 = Date.now();
    while (sofficeOf(child.pid!).length === 0 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 50));
    expect(sofficeOf(child.pid!).length).toBeGreaterThan(0);
    return { input, out, child };
  }

  it('kill -9 during a legacy .doc conversion: soffice dies with it, and the next run removes its profile', async () => {
    const { input, out, child } = await whileSofficeRuns();
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const t1 = Date.now();
    while (sofficeOf(child.pid!).length > 0 && Date.now() - t1 < 10_000) await new Promise((r) => setTimeout(r, 100));
    expect(sofficeOf(child.pid!)).toEqual([]);
    const stale = () => readdirSync(tmpdir()).filter((n) => n.startsWith(`xxgk-lo-${child.pid}-`));
    expect(stale().length).toBe(1);
    const r = xxgk(['convert', input, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(stale()).toEqual([]);
    expect(readJson(path.join(out, 'old-0.json')).applications.newReceived.total).toBe(1683);
  });

  it('a double Ctrl-C during a legacy conversion: exit 130, soffice and its profile gone at once', async () => {
    const { input, out, child } = await whileSofficeRuns();
    child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 200));
    child.kill('SIGINT');
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(130);
    const t1 = Date.now();
    while (sofficeOf(child.pid!).length > 0 && Date.now() - t1 < 5_000) await new Promise((r) => setTimeout(r, 100));
    expect(sofficeOf(child.pid!)).toEqual([]);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith(`xxgk-lo-${child.pid}-`))).toEqual([]);
    expect(existsSync(path.join(out, 'xxgk.lock'))).toBe(false);
  });
});
