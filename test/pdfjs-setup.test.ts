/**
 * pdf.js set-up (src/extractors/pdfjs-setup.ts): after loading, the process has its native
 * Array.prototype.push and JSON back, and reading a PDF builds no glyph outline — while the text
 * layer and the operator list stay exactly what pdf.js gives by default. Run in a fresh process
 * (the set-up changes globals). Fails when a pdf.js upgrade breaks either.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

const probe = (setup: string, pdf: string) => `
  const native = { push: Array.prototype.push, stringify: JSON.stringify, parse: JSON.parse };
  const { loadPdfJs, INERT_FONT_OPTIONS, setupState } = await import(${JSON.stringify(setup)});
  const pdfjs = await loadPdfJs();
  const { readFileSync } = await import('node:fs');
  const dir = ${JSON.stringify(path.join(root, 'node_modules/pdfjs-dist'))};
  async function read(extra) {
    const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(${JSON.stringify(pdf)})), cMapUrl: dir + '/cmaps/', cMapPacked: true,
      standardFontDataUrl: dir + '/standard_fonts/', isEvalSupported: false, verbosity: 0, ...extra }).promise;
    const pages = [];
    let objs = null;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      objs = page.commonObjs;
      const tc = await page.getTextContent();
      const ol = await page.getOperatorList();
      pages.push({ text: tc.items.map((i) => [i.str, i.transform.map((x) => Math.round(x * 100) / 100), i.width, i.fontName && 1]), ops: ol.fnArray.join(',') });
    }
    const paths = [...objs].filter(([id]) => String(id).includes('_path_')).length;
    await doc.destroy();
    return { pages, paths };
  }
  const inert = await read(INERT_FONT_OPTIONS);
  const display = await read({});
  console.log(JSON.stringify({
    push: Array.prototype.push === native.push, stringify: JSON.stringify === native.stringify, parse: JSON.parse === native.parse,
    restored: setupState.restored, inertPaths: inert.paths, displayPaths: display.paths,
    sameText: JSON.stringify(inert.pages.map((p) => p.text)) === JSON.stringify(display.pages.map((p) => p.text)),
    sameOps: JSON.stringify(inert.pages.map((p) => p.ops)) === JSON.stringify(display.pages.map((p) => p.ops)),
    pages: inert.pages.length, items: inert.pages.reduce((s, p) => s + p.text.length, 0),
  }));
`;

describe('pdf.js set-up', () => {
  it('restores the natives the legacy build replaces and builds no glyph outline, the text and operators unchanged', () => {
    const setup = pathToFileURL(path.join(root, 'src/extractors/pdfjs-setup.ts')).href;
    const pdf = path.join(root, 'samples/pdf/invented-2021-clean-yunxi-2023.pdf');
    const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', probe(setup, pdf)], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(out).toMatchObject({ push: true, stringify: true, parse: true, sameText: true, sameOps: true, inertPaths: 0 });
    // the legacy build did replace them (else this test proves nothing), and the default
    // display set-up does build outlines
    expect(out.restored).toEqual(expect.arrayContaining(['Array.prototype.push', 'JSON.stringify', 'JSON.parse']));
    expect(out.displayPaths).toBeGreaterThan(0);
    expect(out.pages).toBeGreaterThan(2);
    expect(out.items).toBeGreaterThan(300);
  });
});
