/**
 * Bulk and nightly runs through the CLI: every kind of bad input next to good files, resuming
 * after kill -9, incremental re-runs, identical files, timeouts, JSONL, stdin lists, exit codes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findSoffice } from '../src/pipeline/legacy.js';
import { MANIFEST_NAME, type ManifestEntry } from '../src/pipeline/manifest.js';
import { CanonicalReportSchema } from '../src/schema/canonical.js';
import { makeBadInputs, type Expectation } from './helpers/bad-inputs.js';
import { slowPdf } from './helpers/mini-pdf.js';

const root = path.resolve(import.meta.dirname, '..');
const asRoot = process.getuid?.() === 0;

function xxgk(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    input: opts.input,
    env: { ...process.env, CI: 'true', ...opts.env },
    timeout: 300_000,
  });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

const tmp = (name: string) => mkdtempSync(path.join(tmpdir(), `xxgk-${name}-`));
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const manifestOf = (out: string): ManifestEntry[] =>
  readFileSync(path.join(out, MANIFEST_NAME), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

function jsonFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return jsonFiles(p, base);
    return e.name.endsWith('.json') ? [path.relative(base, p)] : [];
  });
}

describe('a scraped folder: every bad input next to good reports', () => {
  const input = tmp('bad-in');
  const out = tmp('bad-out');
  const soffice = findSoffice();
  let expectations: Expectation[];
  let run: ReturnType<typeof xxgk>;

  beforeAll(async () => {
    expectations = await makeBadInputs(input, { withLibreOffice: soffice !== null, asRoot });
    if (!asRoot) chmodSync(path.join(input, 'unreadable.pdf'), 0o000);
    run = xxgk(['convert', input, '--out', out, '--max-size', '2', '--jsonl', path.join(out, 'all.jsonl')]);
  });

  /** Output names: <name>.json; a second input with the same name in a folder gets <name>.<ext>.json. */
  function outputsFor(files: string[]): Map<string, string> {
    const taken = new Set<string>();
    const m = new Map<string, string>();
    for (const f of [...files].sort()) {
      let o = `${f.replace(/\.[^.]+$/, '')}.json`;
      if (taken.has(o)) o = `${f}.json`;
      taken.add(o);
      m.set(f, o);
    }
    return m;
  }

  it('completes (exit 0) and writes one valid JSON per input', () => {
    expect(run.code).toBe(0);
    const outputs = outputsFor(expectations.map((e) => e.file));
    expect(jsonFiles(out).sort()).toEqual([...outputs.values()].sort());
  });

  it('gives each file its exact status and error code', () => {
    const outputs = outputsFor(expectations.map((e) => e.file));
    for (const e of expectations) {
      const r = readJson(path.join(out, outputs.get(e.file)!));
      expect(CanonicalReportSchema.safeParse(r).success, e.file).toBe(true);
      expect([e.file, r.status, r.error?.code ?? null]).toEqual([e.file, e.status, e.code]);
      if (e.message) expect(r.error.message, e.file).toMatch(e.message);
    }
  });

  it('converts the good files right', () => {
    const yunxi = readJson(path.join(out, '好的 报告/云溪市.json'));
    expect(yunxi.applications.newReceived.total).toBe(1683);
    const zhegou = readJson(path.join(out, '好的 报告/柘沟镇.json'));
    expect(zhegou.source.format).toBe('pdf');
    expect(zhegou.report.layout).toEqual({ activeDisclosure: '2019', applications: '2019' });
  });

  it.skipIf(findSoffice() === null)('reads a real legacy .doc through LibreOffice and reports the original', () => {
    const doc = readJson(path.join(out, 'legacy-report.json'));
    expect(doc.source.format).toBe('doc');
    expect(doc.source.bytes).toBe(readFileSync(path.join(root, 'test/fixtures/legacy-report.doc')).length);
    expect(doc.applications.newReceived.total).toBe(1683);
    expect(doc.applications.totalHandled.total).toBe(1690);
    expect(readJson(path.join(out, 'legacy-report.wps.json')).source.format).toBe('wps');
  });

  it('prints one line per problem file and a summary grouped by code', () => {
    expect(run.stderr).toMatch(/^failed\s+.*zero-bytes\.pdf\s+empty-file: /m);
    expect(run.stderr).toMatch(/xxgk: 17 file\(s\) in [\d.]+ s \([\d.]+ files\/s\): converted 14, reused 3 \(identical bytes\), unchanged 0/);
    expect(run.stderr).toMatch(/status: ok \d+, not-a-report 4, needs-ocr 1, failed \d+/);
    expect(run.stderr).toMatch(/problems by code:\n(\s+\S+ \d+, e\.g\. .*\n)+/);
    expect(run.stderr).toMatch(/^\s+not-a-report 4, e\.g\. /m);
  });

  it('writes the JSONL: one line per input, in input order', () => {
    const lines = readFileSync(path.join(out, 'all.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(expectations.length);
    expect(lines.every((l) => CanonicalReportSchema.safeParse(l).success)).toBe(true);
  });

  it('--fail-on failed makes a run with failed files exit 1; a re-run converts nothing and says so', () => {
    const again = xxgk(['convert', input, '--out', out, '--max-size', '2', '--fail-on', 'failed']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/converted 0, reused 0 \(identical bytes\), unchanged 17/);
    expect(again.stderr).toMatch(/nothing to convert: all 17 file\(s\) are unchanged since the last run/);
  });

  it('without LibreOffice a legacy .doc gets needs-libreoffice with the install hint', () => {
    const only = tmp('legacy-in');
    copyFileSync(path.join(root, 'test/fixtures/legacy-report.doc'), path.join(only, 'old.doc'));
    const o = tmp('legacy-out');
    const r = xxgk(['convert', only, '--out', o], { env: { SOFFICE: '/nonexistent/soffice' } });
    expect(r.code).toBe(0);
    const doc = readJson(path.join(o, 'old.json'));
    expect([doc.status, doc.error.code, doc.source.format]).toEqual(['failed', 'needs-libreoffice', 'doc']);
    expect(doc.error.message).toMatch(/apt-get install libreoffice-writer-nogui/);
  });
});

describe('incremental runs', () => {
  it('skips unchanged files, converts changed ones, converts identical files once, --force redoes all', () => {
    const input = tmp('inc-in');
    const out = tmp('inc-out');
    const s = (n: string) => path.join(root, 'samples', n);
    copyFileSync(s('seed-000-lushaer-2022.docx'), path.join(input, 'a.docx'));
    copyFileSync(s('seed-003-zhegou-2022.docx'), path.join(input, 'b.docx'));
    copyFileSync(s('seed-003-zhegou-2022.docx'), path.join(input, 'b 的副本.docx')); // same bytes, other name

    const first = xxgk(['convert', input, '--out', out]);
    expect(first.stderr).toMatch(/converted 2, reused 1 \(identical bytes\), unchanged 0/);
    const copy = readJson(path.join(out, 'b 的副本.json'));
    const orig = readJson(path.join(out, 'b.json'));
    // source.file: relative, never absolute (a folder outside the working directory: its name)
    expect(copy.source.file).toBe(`${path.basename(input)}/b 的副本.docx`);
    expect({ ...copy, source: null }).toEqual({ ...orig, source: null });

    copyFileSync(s('invented-2021-clean-yunxi-2023.docx'), path.join(input, 'a.docx')); // a changed
    const second = xxgk(['convert', input, '--out', out]);
    expect(second.stderr).toMatch(/converted 1, reused 0 \(identical bytes\), unchanged 2/);
    expect(readJson(path.join(out, 'a.json')).applications.newReceived.total).toBe(1683);

    const forced = xxgk(['convert', input, '--out', out, '--force']);
    expect(forced.stderr).toMatch(/converted 2, reused 1 \(identical bytes\), unchanged 0/);
  });

  it('reads a list of paths from standard input and mirrors them', () => {
    const out = tmp('stdin-out');
    const list = ['samples/seed-001-haicheng-2022.docx', 'samples/pdf/seed-001-haicheng-2022.pdf', 'samples/no-such-file.pdf'].join('\n');
    const r = xxgk(['convert', '-', '--out', out], { input: list });
    expect(r.code).toBe(0);
    expect(jsonFiles(out).sort()).toEqual(['samples/no-such-file.json', 'samples/pdf/seed-001-haicheng-2022.json', 'samples/seed-001-haicheng-2022.json']);
    expect(readJson(path.join(out, 'samples/no-such-file.json')).error.code).toBe('unreadable');
  });
});

describe('the library API', () => {
  it('convertMany yields one result per file as it completes, incrementally', async () => {
    const { convertMany } = await import('../src/index.js');
    const out = tmp('api-out');
    // absolute paths: the outputs mirror them relative to the working directory (the checkout)
    const inputs = ['samples/seed-002-luhe-2021.docx', 'samples/pdf/seed-002-luhe-2021.pdf'].map((f) => path.join(root, f));
    const first = [];
    for await (const r of convertMany(inputs, { outDir: out, jobs: 2 })) first.push(r);
    expect(first.map((r) => [path.relative(out, r.output), r.outcome, r.status, r.layout.applications]).sort()).toEqual([
      ['samples/pdf/seed-002-luhe-2021.json', 'converted', 'ok', '2021'],
      ['samples/seed-002-luhe-2021.json', 'converted', 'ok', '2021'],
    ]);
    expect(first.map((r) => r.job.display).sort()).toEqual(['samples/pdf/seed-002-luhe-2021.pdf', 'samples/seed-002-luhe-2021.docx']);
    const again = [];
    for await (const r of convertMany(inputs, { outDir: out })) again.push(r.outcome);
    expect(again).toEqual(['unchanged', 'unchanged']);
    await expect(async () => {
      for await (const r of convertMany(['no/such/file.pdf'], { outDir: out })) void r;
    }).rejects.toThrow(/no such file/);
  });
});

describe('worker recycling', () => {
  it('replaces the worker threads after --recycle-after files each, and every file still converts', () => {
    const input = tmp('recycle-in');
    const out = tmp('recycle-out');
    for (const f of ['seed-000-lushaer-2022', 'seed-001-haicheng-2022', 'seed-002-luhe-2021', 'seed-003-zhegou-2022']) {
      copyFileSync(path.join(root, 'samples', `${f}.docx`), path.join(input, `${f}.docx`));
    }
    const r = xxgk(['convert', input, '--out', out, '--jobs', '1', '--recycle-after', '1']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/converted 4, reused 0/);
    expect(r.stderr).toMatch(/worker pool recycled 3 time\(s\)/);
    for (const f of jsonFiles(out)) expect(readJson(path.join(out, f)).error).toBeNull();
  });
});

describe('a stuck file', () => {
  it('is stopped at the per-file timeout, recorded as timeout, and the batch goes on', () => {
    const input = tmp('slow-in');
    const out = tmp('slow-out');
    writeFileSync(path.join(input, 'slow.pdf'), slowPdf());
    copyFileSync(path.join(root, 'samples/seed-002-luhe-2021.docx'), path.join(input, 'fine.docx'));
    const r = xxgk(['convert', input, '--out', out, '--timeout', '1', '--jobs', '1']);
    expect(r.code).toBe(0);
    const slow = readJson(path.join(out, 'slow.json'));
    expect([slow.status, slow.error.code]).toEqual(['failed', 'timeout']);
    expect(slow.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readJson(path.join(out, 'fine.json')).status).toBe('ok');
  });
});

describe('kill -9 in the middle of a batch', () => {
  it('leaves only complete JSON, and the re-run converts exactly what was not finished', async () => {
    const input = tmp('kill-in');
    const out = tmp('kill-out');
    // 40 distinct files: the samples, each also with one byte appended (distinct content)
    const files = readdirSync(path.join(root, 'samples')).filter((f) => f.endsWith('.docx'));
    const pdfs = readdirSync(path.join(root, 'samples/pdf'));
    let n = 0;
    for (const [dir, list] of [['samples', files], ['samples/pdf', pdfs]] as const) {
      for (const f of list) {
        const bytes = readFileSync(path.join(root, dir, f));
        writeFileSync(path.join(input, `${n++}-${f}`), bytes);
        writeFileSync(path.join(input, `${n++}-x-${f}`), Buffer.concat([bytes, Buffer.from('\n')]));
      }
    }
    const total = n;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli.ts'), 'convert', input, '--out', out, '--jobs', '2'], {
      cwd: root,
      env: { ...process.env, CI: 'true' },
      stdio: 'ignore',
    });
    // kill once some files are done, well before all are
    const manifest = path.join(out, MANIFEST_NAME);
    const started = Date.now();
    while (Date.now() - started < 120_000) {
      await new Promise((r) => setTimeout(r, 100));
      if (existsSync(manifest) && readFileSync(manifest, 'utf8').split('\n').filter(Boolean).length >= 6) break;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const doneBefore = new Set(
      readFileSync(manifest, 'utf8').split('\n').filter(Boolean).flatMap((l) => {
        try {
          return [(JSON.parse(l) as ManifestEntry).input];
        } catch {
          return []; // torn by the kill
        }
      }),
    );
    expect(doneBefore.size).toBeGreaterThanOrEqual(6);
    expect(doneBefore.size).toBeLessThan(total);
    // whatever is on disk is complete and valid
    for (const f of jsonFiles(out)) expect(CanonicalReportSchema.safeParse(readJson(path.join(out, f))).success, f).toBe(true);

    const rerun = xxgk(['convert', input, '--out', out, '--jobs', '2']);
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toMatch(new RegExp(`converted ${total - doneBefore.size}, reused 0 \\(identical bytes\\), unchanged ${doneBefore.size}`));
    const outputs = jsonFiles(out);
    expect(outputs).toHaveLength(total);
    for (const f of outputs) expect(CanonicalReportSchema.safeParse(readJson(path.join(out, f))).success, f).toBe(true);
    // no input converted twice: one manifest entry per input
    const entries = manifestOf(out);
    expect(new Set(entries.map((e) => e.input)).size).toBe(total);
    expect(entries).toHaveLength(total);
    // no temp files left behind (one cut short by the kill is removed by the re-run)
    const temps = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? temps(path.join(dir, e.name)) : e.name.endsWith('.tmp') ? [e.name] : []));
    expect(temps(out)).toEqual([]);
  });
});

