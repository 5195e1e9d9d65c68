/**
 * Every sample's PDF (made from its DOCX by LibreOffice, committed under samples/pdf) must give
 * the same canonical fields as the DOCX itself.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../scripts/samples/defs.js';
import { convertFile } from '../src/pipeline/convert.js';
import type { CanonicalReport } from '../src/schema/canonical.js';
import { comparable } from './helpers/twins.js';

const root = path.resolve(import.meta.dirname, '..');


describe.each(SAMPLES.map((s) => [s.name] as const))('twins %s', (name) => {
  const pdf = path.join(root, 'samples/pdf', `${name}.pdf`);
  it('the PDF gives the same canonical fields as the DOCX', async () => {
    expect(existsSync(pdf), `${pdf} is missing: run npm run samples -- --pdf`).toBe(true);
    const fromDocx = await convertFile(path.join(root, 'samples', `${name}.docx`));
    const fromPdf = await convertFile(pdf);
    expect(fromPdf.source.format).toBe('pdf');
    expect(fromPdf.source.pages).toBeGreaterThanOrEqual(1);
    expect(comparable(fromPdf)).toEqual(comparable(fromDocx));
    // evidence in a PDF always has a page
    for (const [p, e] of Object.entries(fromPdf.evidence)) {
      if (e.table === undefined) continue; // a null value no cell was read for
      expect(e.page, p).toBeGreaterThanOrEqual(1);
      expect(e.page!, p).toBeLessThanOrEqual(fromPdf.source.pages!);
    }
  });
});
