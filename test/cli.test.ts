/**
 * The command line end to end: the README's convert command on the bundled samples, a batch that
 * mixes good files with broken ones, the schema command and usage errors.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { zipSync, strToU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function xxgk(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function xxgkIn(args: string[], input: string, cwd = root) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli.ts'), ...args], { cwd, input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function wordFile(paragraphs: string[]): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: paragraphs.map((t) => new Paragraph(t)) }] });
  return Packer.toBuffer(doc);
}

describe('xxgk convert on the bundled samples', () => {
  it('writes one JSON per sample document, the DOCX ones identical to the expected JSON', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'xxgk-samples-'));
    const r = xxgk(['convert', 'samples', '--out', out]);
    expect(r.code).toBe(0);
    const expectedDir = path.join(root, 'samples/expected');
    const names = readdirSync(expectedDir).filter((n) => n.endsWith('.json')).sort();
    const pages = readdirSync(path.join(expectedDir, 'html')).sort();
    const prints = readdirSync(path.join(expectedDir, 'browser-pdf')).sort();
    // samples/pdf/<name>.pdf is mirrored to out/pdf/<name>.json, samples/html/ to out/html/,
    // samples/browser-pdf/ to out/browser-pdf/
    expect(readdirSync(out).sort()).toEqual([...names, 'browser-pdf', 'html', 'pdf', 'xxgk-manifest.jsonl'].sort());
    expect(readdirSync(path.join(out, 'browser-pdf')).sort()).toEqual(prints);
    expect(readdirSync(path.join(out, 'pdf')).sort()).toEqual(names);
    expect(readdirSync(path.join(out, 'html')).sort()).toEqual(pages);
    for (const n of names) {
      expect(readFileSync(path.join(out, n), 'utf8'), n).toBe(readFileSync(path.join(expectedDir, n), 'utf8'));
    }
    for (const n of pages) {
      expect(readFileSync(path.join(out, 'html', n), 'utf8'), n).toBe(readFileSync(path.join(expectedDir, 'html', n), 'utf8'));
    }
    for (const n of prints) {
      expect(readFileSync(path.join(out, 'browser-pdf', n), 'utf8'), n).toBe(readFileSync(path.join(expectedDir, 'browser-pdf', n), 'utf8'));
    }
    const total = 2 * names.length + pages.length + prints.length;
    expect(r.stderr).toMatch(new RegExp(`${total} file\\(s\\) in [\\d.]+ s \\([\\d.]+ files/s\\): converted ${total}, `));
  });
});

describe('a batch mixing good and broken files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-batch-'));
  const out = path.join(dir, 'out');
  const input = path.join(dir, '输入 文件');
  let result: ReturnType<typeof xxgk>;
  const read = (rel: string) => JSON.parse(readFileSync(path.join(out, rel), 'utf8'));

  beforeAll(async () => {
    mkdirSync(path.join(input, '2023年', '乡镇'), { recursive: true });
    copyFileSync(path.join(root, 'samples/invented-2021-clean-yunxi-2023.docx'), path.join(input, '2023年', '乡镇', '云溪 市.docx'));
    writeFileSync(path.join(input, 'empty.docx'), '');
    writeFileSync(path.join(input, 'garbage.docx'), Buffer.from('this is not a zip file at all, just text'));
    writeFileSync(path.join(input, 'page.doc'), '<!DOCTYPE html><html><head><title>404</title></head><body>Not found</body></html>');
    writeFileSync(path.join(input, 'nodoc.docx'), zipSync({ 'foo.txt': strToU8('hello') }));
    writeFileSync(path.join(input, 'notables.docx'), await wordFile([
      '某某乡人民政府2023年政府信息公开工作年度报告',
      '一、总体情况', '2023年，本乡认真落实条例。',
      '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项',
    ]));
    writeFileSync(path.join(input, 'notice.docx'), await wordFile(['关于做好春节期间安全生产工作的通知', '各村（社区）：现将有关事项通知如下。']));
    writeFileSync(path.join(input, 'notes.txt'), 'ignored: not a document extension');
    result = xxgk(['convert', input, '--out', out]);
  });

  it('completes with exit code 0 and mirrors the input tree', () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/7 file\(s\) in [\d.]+ s/);
    expect(readdirSync(out).sort()).toEqual(['2023年', 'empty.json', 'garbage.json', 'nodoc.json', 'notables.json', 'notice.json', 'page.json', 'xxgk-manifest.jsonl']);
  });

  it('converts the good file', () => {
    const r = read('2023年/乡镇/云溪 市.json');
    expect(r.status).toBe('ok');
    // relative, never absolute: the input folder lies outside the working directory, so its name
    expect(r.source.file).toBe('输入 文件/2023年/乡镇/云溪 市.docx');
    expect(r.applications.newReceived.total).toBe(1683);
  });

  it.each([
    ['empty.json', 'failed', 'empty-file', /empty/],
    ['garbage.json', 'failed', 'corrupt', /not a ZIP/i],
    ['page.json', 'not-a-report', 'not-a-report', /not a 政府信息公开工作年度报告|404|error page/i],
    ['nodoc.json', 'failed', 'corrupt', /word\/document\.xml/],
    ['notice.json', 'not-a-report', 'not-a-report', /not a 政府信息公开工作年度报告/],
  ])('%s: %s / %s', (file, status, code, message) => {
    const r = read(file);
    expect(r.status).toBe(status);
    expect(r.error.code).toBe(code);
    expect(r.error.message).toMatch(message);
    expect(r.applications.newReceived.total).toBeNull();
    expect(Object.keys(r)).toEqual(['schemaVersion', 'source', 'status', 'error', 'report', 'sections', 'activeDisclosure', 'applications', 'reviewLitigation', 'derived', 'checks', 'warnings', 'evidence']);
  });

  it('a report without tables is partial and says which tables are missing', () => {
    const r = read('notables.json');
    expect(r.status).toBe('partial');
    expect(r.error).toBeNull();
    expect(r.report.title).toBe('某某乡人民政府2023年政府信息公开工作年度报告');
    expect(r.warnings.filter((w: { code: string }) => w.code === 'table-missing')).toHaveLength(3);
  });

  it('prints one line per file with its status', () => {
    expect(result.stderr).toMatch(/^failed\s+.*empty\.docx .*empty-file/m);
    expect(result.stderr).toMatch(/^not-a-report\s+.*notice\.docx/m);
  });
});

describe('other commands and usage errors', () => {
  it('schema prints the JSON Schema of the output', () => {
    const r = xxgk(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toContain('applications');
    expect(Object.keys(schema.properties.applications.properties.denied.properties)).toHaveLength(8);
  });

  it('the same file typed relative, absolute or listed lands at the same output, source.file and manifest key', () => {
    const sample = 'samples/seed-003-zhegou-2022.docx';
    const runs = [
      (out: string) => xxgk(['convert', sample, '--out', out]),
      (out: string) => xxgk(['convert', path.join(root, sample), '--out', out]),
      (out: string) => xxgkIn(['convert', '-', '--out', out], `${sample}\n`),
      (out: string) => xxgkIn(['convert', '-', '--out', out], `${path.join(root, sample)}\n`),
      (out: string) => xxgkIn(['convert', '-0', '-', '--out', out, '--base', path.join(root, 'samples')], 'seed-003-zhegou-2022.docx\0'),
    ];
    const seen = runs.map((run) => {
      const out = mkdtempSync(path.join(tmpdir(), 'xxgk-one-'));
      const r = run(out);
      expect(r.code, r.stderr).toBe(0);
      const manifest = readFileSync(path.join(out, 'xxgk-manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      const json = manifest[0].output as string;
      return [json, JSON.parse(readFileSync(path.join(out, json), 'utf8')).source.file, manifest[0].input];
    });
    const want = ['samples/seed-003-zhegou-2022.json', 'samples/seed-003-zhegou-2022.docx', 'samples/seed-003-zhegou-2022.docx'];
    expect(seen.slice(0, 4)).toEqual([want, want, want, want]);
    // --base: relative to that folder
    expect(seen[4]).toEqual(['seed-003-zhegou-2022.json', 'seed-003-zhegou-2022.docx', 'seed-003-zhegou-2022.docx']);
  });

  it('a .docx and a .pdf of the same name side by side get <name>.json and <name>.pdf.json', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-pair-'));
    copyFileSync(path.join(root, 'samples/seed-002-luhe-2021.docx'), path.join(dir, 'r.docx'));
    copyFileSync(path.join(root, 'samples/pdf/seed-002-luhe-2021.pdf'), path.join(dir, 'r.pdf'));
    const out = path.join(dir, 'out');
    expect(xxgk(['convert', dir, '--out', out]).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['r.json', 'r.pdf.json', 'xxgk-manifest.jsonl']);
    expect(JSON.parse(readFileSync(path.join(out, 'r.pdf.json'), 'utf8')).source).toMatchObject({ file: `${path.basename(dir)}/r.pdf`, format: 'pdf' });
  });

  it('usage errors exit 2, and so does a run that finds no input file at all', () => {
    expect(xxgk(['convert', 'samples']).code).toBe(2);
    const empty = mkdtempSync(path.join(tmpdir(), 'xxgk-empty-'));
    writeFileSync(path.join(empty, 'notes.txt'), 'not a document');
    const none = xxgk(['convert', empty, '--out', path.join(empty, 'out')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no input files found in .*xxgk-empty-.*\(files ending in \.docx \.doc \.wps \.pdf \.html/);
    expect(none.stderr).toMatch(/nothing was converted/);
    const missing = xxgk(['convert', 'no/such/dir', '--out', mkdtempSync(path.join(tmpdir(), 'xxgk-x-'))]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no\/such\/dir: no such file or directory/);
  });
});

describe('reports that need a look are named on the console and in the manifest', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-look-'));
  const input = path.join(dir, 'in');
  const out = path.join(dir, 'out');
  let r: ReturnType<typeof xxgk>;
  beforeAll(() => {
    mkdirSync(input);
    // partial (a 申请 row is short) / two failed checks / clean
    for (const n of ['seed-001-haicheng-2022', 'seed-000-lushaer-2022', 'invented-2021-clean-yunxi-2023']) {
      copyFileSync(path.join(root, 'samples', `${n}.docx`), path.join(input, `${n}.docx`));
    }
    r = xxgk(['convert', input, '--out', out]);
  });

  it('one line per partial report (what and where) and per report with failed checks; none for a clean one', () => {
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n');
    const partial = lines.filter((l) => l.startsWith('partial'));
    expect(partial).toHaveLength(1);
    expect(partial[0]).toMatch(/^partial +\S*\/seed-001-haicheng-2022\.docx +row-short \(applications\./);
    const checks = lines.filter((l) => l.startsWith('checks'));
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatch(/^checks +\S*\/seed-000-lushaer-2022\.docx +2 failed: /);
    expect(r.stderr).not.toMatch(/invented-2021-clean-yunxi-2023/);
    expect(r.stderr).toMatch(/need a look: 1 partial report\(s\) .*, 1 report\(s\) with 2 failed arithmetic check\(s\)/);
  });

  it('the manifest records what is missing and which checks failed', () => {
    const entries = readFileSync(path.join(out, 'xxgk-manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const by = (n: string) => entries.find((e) => e.output === `${n}.json`);
    expect(by('seed-001-haicheng-2022').missing).toMatch(/^row-short/);
    expect(by('seed-001-haicheng-2022').failedChecks).toBeUndefined();
    const expected = JSON.parse(readFileSync(path.join(root, 'samples/expected/seed-000-lushaer-2022.json'), 'utf8'));
    const failed = expected.checks.filter((c: { ok: boolean }) => !c.ok).map((c: { rule: string; row: string | null; column: string | null }) => `${c.rule}@${c.row ?? c.column}`);
    expect(failed).toHaveLength(2);
    expect(by('seed-000-lushaer-2022').failedChecks).toEqual(failed);
    expect(by('invented-2021-clean-yunxi-2023')).not.toHaveProperty('missing');
  });

  it('-v prints a line for every file', () => {
    const v = xxgk(['convert', input, '--out', path.join(dir, 'out-v'), '-v']);
    expect(v.stderr).toMatch(/^ok +\S*\/invented-2021-clean-yunxi-2023\.docx +2021\/2021 \d+ ms$/m);
  });
});
