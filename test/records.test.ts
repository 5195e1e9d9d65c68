/**
 * The batch's main thread writes failure records without loading the schema: failedReport is
 * valid by construction, whatever it is given; and the main thread's modules stay light.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { failedReport, sniff, toJson } from '../src/pipeline/records.js';
import { CanonicalReportSchema } from '../src/schema/canonical.js';

const root = path.resolve(import.meta.dirname, '..');

describe('failedReport', () => {
  const hostile: unknown[] = ['', 'a\u0000b', '\ud800x', 'x'.repeat(100_000), '行\n二\r\n三', 'é'.normalize('NFD'), 42, null, undefined, {}, NaN];
  it.each(hostile.map((v, i) => [i, v] as const))('hostile value #%s in every field gives a schema-valid record', (_i, v) => {
    const r = failedReport({ file: v as string, sha256: v as string, bytes: v as number, format: v as 'pdf' }, v as string, v as string);
    const checked = CanonicalReportSchema.safeParse(r);
    expect(checked.success, JSON.stringify(checked.error?.issues?.slice(0, 2))).toBe(true);
    expect(r.status).toBe('failed');
    expect(r.source.file.length).toBeLessThanOrEqual(4096);
    expect(r.error!.message).not.toMatch(/[\n\r\u0000]/);
    expect(JSON.parse(toJson(r))).toEqual(r);
  });

  it('keeps well-formed facts', () => {
    const sha = 'a'.repeat(64);
    const r = failedReport({ file: 'in/报告.docx', sha256: sha, bytes: 12, format: 'docx' }, 'corrupt', 'damaged ZIP');
    expect(r.source).toEqual({ file: 'in/报告.docx', sha256: sha, bytes: 12, format: 'docx', pages: null, producer: null });
    expect(r.error).toEqual({ code: 'corrupt', message: 'damaged ZIP' });
    expect(failedReport({ file: 'x', sha256: 'A'.repeat(64), bytes: -1, format: 'exe' as 'pdf' }, 'c', 'm').source).toMatchObject({ sha256: null, bytes: null, format: null });
  });

  it('sniff tells the formats apart by content', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(sniff(enc('%PDF-1.7\n'))).toBe('pdf');
    expect(sniff(enc('\ufeff<!DOCTYPE html><html>'))).toBe('html');
    expect(sniff(enc('MIME-Version: 1.0\r\nContent-Type: multipart/related'))).toBe('html');
    expect(sniff(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('ole');
    expect(sniff(new Uint8Array())).toBe('empty');
  });
});

describe("the batch's main thread", () => {
  it('loads neither the extractors (nor the OCR engine or image decoders), the normalizer nor the zod schema', () => {
    // a resolve hook logs every module the main thread's imports pull in
    const hook = `import { appendFileSync } from 'node:fs';
      export async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(process.env.XXGK_MODULE_LOG, r.url + '\\n'); return r; }`;
    const log = path.join(mkdtempSync(path.join(tmpdir(), 'xxgk-modules-')), 'modules.txt');
    const main = ['src/pipeline/batch.ts', 'src/pipeline/discover.ts', 'src/pipeline/progress.ts', 'src/schema/keys.ts'];
    const script = `import { register } from 'node:module';
      register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));
      for (const m of ${JSON.stringify(main.map((m) => pathToFileURL(path.join(root, m)).href))}) await import(m);`;
    const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script], {
      cwd: root, encoding: 'utf8', env: { ...process.env, XXGK_MODULE_LOG: log }, timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    expect(loaded.some((u) => u.includes('/src/pipeline/records.ts'))).toBe(true); // the hook saw our modules
    const heavy = loaded.filter((u) => /node_modules\/(mammoth|@xmldom|zod|pdfjs-dist|htmlparser2|@embedpdf|jpeg-js|pngjs|onnxruntime-node)\/|\/src\/(extractors\/(docx|pdf|html\/index|ocr\/(index|decode|recognizer))|normalize\/index|schema\/canonical)\.ts$/.test(u));
    expect(heavy).toEqual([]);
  });
});

describe('a worker thread', () => {
  it('loads the web-page, PDF and image readers on its first file of their kind, not for a Word file', () => {
    const hook = `import { appendFileSync } from 'node:fs';
      export async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(process.env.XXGK_MODULE_LOG, r.url + '\\n'); return r; }`;
    const log = path.join(mkdtempSync(path.join(tmpdir(), 'xxgk-modules-')), 'modules.txt');
    const sample = (f: string) => JSON.stringify(path.join(root, 'samples', f));
    // the worker's own entry point, run in this thread: a Word file, a mark in the log, a web page
    const script = `import { register } from 'node:module';
      import { appendFileSync, readFileSync } from 'node:fs';
      register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));
      const { default: convertTask } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'src/pipeline/worker.ts')).href)});
      const statuses = [];
      const one = async (f) => statuses.push((await convertTask({ bytes: readFileSync(f), display: f })).status);
      await one(${sample('invented-2021-clean-yunxi-2023.docx')});
      appendFileSync(process.env.XXGK_MODULE_LOG, 'MARK\\n');
      await one(${sample('html/fragment-bom-jinchuan-2023.html')});
      console.log(statuses.join(' '));`;
    const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script], {
      cwd: root, encoding: 'utf8', env: { ...process.env, XXGK_MODULE_LOG: log }, timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('ok ok');
    const [beforeMark, afterMark] = readFileSync(log, 'utf8').split('MARK\n').map((part) => part.split('\n').filter(Boolean));
    const reader = /node_modules\/(pdfjs-dist|htmlparser2|@embedpdf|jpeg-js|pngjs|onnxruntime-node)\/|\/src\/extractors\/(pdf|html\/index|ocr\/(index|image-file|decode|recognizer))\.ts$/;
    expect(beforeMark!.some((u) => u.includes('/src/extractors/docx.ts'))).toBe(true);
    expect(beforeMark!.filter((u) => reader.test(u))).toEqual([]);
    expect(afterMark!.some((u) => u.includes('/src/extractors/html/index.ts'))).toBe(true);
    expect(afterMark!.filter((u) => /\/src\/extractors\/(pdf|ocr\/index)\.ts$/.test(u))).toEqual([]);
  });

  it("takes the main thread's hash of the bytes instead of hashing them again", async () => {
    const { default: convertTask } = await import('../src/pipeline/worker.js');
    const { sha256 } = await import('../src/pipeline/records.js');
    const bytes = readFileSync(path.join(root, 'samples/invented-2021-clean-yunxi-2023.docx'));
    const own = await convertTask({ bytes: new Uint8Array(bytes), display: 'a.docx' });
    expect(own?.source.sha256).toBe(sha256(bytes));
    // a stand-in hash shows which one the record carries
    const given = 'ab'.repeat(32);
    const told = await convertTask({ bytes: new Uint8Array(bytes), sha256: given, display: 'a.docx' });
    expect(told?.source.sha256).toBe(given);
    expect(told?.status).toBe('ok');
    expect(told?.applications.newReceived.total).toBe(1683);
  });
});
