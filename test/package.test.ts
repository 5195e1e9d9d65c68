/**
 * The package as users get it: `npm pack`, installed into an empty project WITHOUT optional
 * dependencies (so pdf.js's @napi-rs/canvas is missing), then `xxgk --version`, `xxgk convert` on
 * a DOCX and a PDF sample, the exported JSON Schema, and a TypeScript import that typechecks.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const work = mkdtempSync(path.join(tmpdir(), 'xxgk-pack-'));
const project = path.join(work, 'project');
const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;

describe('the packed package, installed without optional dependencies', () => {
  beforeAll(() => {
    // npm pack runs `prepare` (the build) and writes xxgk-<version>.tgz
    execFileSync(npm, ['pack', '--silent', '--pack-destination', work], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
    execFileSync(npm, ['install', '--omit=optional', '--prefer-offline', '--no-audit', '--no-fund', '--silent', path.join(work, `xxgk-${version}.tgz`)], {
      cwd: project, stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000,
    });
  }, 600_000);

  const bin = () => path.join(project, 'node_modules/.bin/xxgk');

  it('ships only the compiled code, the schema and the docs; @napi-rs/canvas is absent here', () => {
    const pkg = path.join(project, 'node_modules/xxgk');
    expect(readdirSync(pkg).sort()).toEqual(expect.arrayContaining(['README.md', 'dist', 'package.json']));
    expect(readdirSync(pkg).filter((f) => !['README.md', 'dist', 'package.json', 'LICENSE'].includes(f))).toEqual([]);
    expect(existsSync(path.join(pkg, 'dist/index.d.ts'))).toBe(true);
    expect(existsSync(path.join(project, 'node_modules/@napi-rs/canvas'))).toBe(false);
  });

  it('xxgk --version and xxgk convert work (the bundled worker and its on-demand readers); a PDF converts without the canvas package', () => {
    const v = spawnSync(bin(), ['--version'], { cwd: project, encoding: 'utf8' });
    expect(v.status, v.stderr).toBe(0);
    expect(v.stdout.trim()).toBe(version);
    const out = path.join(project, 'out');
    const r = spawnSync(bin(), ['convert', path.join(root, 'samples/invented-2021-clean-yunxi-2023.docx'), path.join(root, 'samples/pdf/invented-2021-clean-yunxi-2023.pdf'), path.join(root, 'samples/html/fragment-bom-jinchuan-2023.html'), '--out', out, '--jsonl', '-'], { cwd: project, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/@napi-rs\/canvas is not installed/);
    // standard output is the JSONL stream only: pdf.js's warnings are kept off it
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.source.format, l.status, l.applications.newReceived.total]).sort()).toEqual([['docx', 'ok', 1683], ['html', 'ok', 1270], ['pdf', 'ok', 1683]]);
    // the compiled CLI runs its worker threads from the bundle and its code cache
    // (scripts/bundle-worker.mjs), made at build time for this Node
    expect(existsSync(path.join(project, 'node_modules/xxgk/dist/worker/worker.cjs'))).toBe(true);
    expect(existsSync(path.join(project, 'node_modules/xxgk/dist/worker/worker.cjs.cache'))).toBe(true);
  });

  it('a worker thread, with the limits the pool gives it, starts from the code cache', () => {
    const entry = pathToFileURL(path.join(project, 'node_modules/xxgk/dist/pipeline/worker-entry.js')).href;
    const script = `
      import { Worker } from 'node:worker_threads';
      const w = new Worker(${JSON.stringify(`Promise.all([import(${JSON.stringify(entry)}), import('node:worker_threads')]).then(([m, t]) => t.parentPort.postMessage([m.codeCacheUsed, typeof m.default]))`)}, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 2048, maxYoungGenerationSizeMb: 48 } });
      w.once('message', (m) => { console.log(JSON.stringify(m)); w.terminate(); });`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([true, 'function']);
  });

  it('exports the JSON Schema with descriptions, and the types typecheck in a TypeScript import', () => {
    const schema = JSON.parse(readFileSync(path.join(project, 'node_modules/xxgk/dist/canonical-report.schema.json'), 'utf8'));
    expect(schema.$id).toBe('https://xxgk.invalid/schema/canonical-report-v1.json');
    expect(schema.properties.applications.properties.newReceived.properties.total.description).toMatch(/一、本年新收政府信息公开申请数量/);
    writeFileSync(path.join(project, 'use.ts'), [
      "import { convertFile, FIELDS, type CanonicalReport } from 'xxgk';",
      "import schema from 'xxgk/schema.json' with { type: 'json' };",
      'const report: Promise<CanonicalReport> = convertFile("a.docx");',
      'const total: number | null | undefined = (await report).applications.newReceived.total;',
      'const paths: string[] = FIELDS.map((f) => f.path);',
      'export { total, paths, schema };',
    ].join('\n'));
    writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, resolveJsonModule: true, skipLibCheck: true, types: ['node'], typeRoots: [path.join(root, 'node_modules/@types')] },
      files: ['use.ts'],
    }));
    const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: project, encoding: 'utf8', timeout: 120_000 });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});
