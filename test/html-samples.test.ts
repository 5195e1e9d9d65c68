/**
 * The web-page samples (samples/html/, made by scripts/make-html-samples.ts): each converts to its
 * committed expected JSON byte for byte, and every canonical field of it equals that of the DOCX
 * sample it renders (whose expected JSON was checked by eye against the document).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HTML_SAMPLES } from '../scripts/make-html-samples.js';
import { convertFile, toJson } from '../src/pipeline/convert.js';
import { CanonicalReportSchema, type CanonicalReport } from '../src/schema/canonical.js';

const root = path.resolve(import.meta.dirname, '..');
const read = (p: string): CanonicalReport => JSON.parse(readFileSync(path.join(root, p), 'utf8'));
const fields = (r: CanonicalReport) => ({ ...r, source: null, warnings: r.warnings.map((w) => w.code), evidence: null });

describe.each(HTML_SAMPLES.map((s) => [s.file, s] as const))('web-page sample %s', (file, s) => {
  const expectedFile = `samples/expected/html/${file.replace(/\.[^.]+$/, '')}.json`;

  it('matches its expected JSON byte for byte', async () => {
    const report = await convertFile(path.join(root, 'samples/html', file), { displayPath: `samples/html/${file}` });
    expect(toJson(report)).toBe(readFileSync(path.join(root, expectedFile), 'utf8'));
    expect(CanonicalReportSchema.safeParse(report).success).toBe(true);
    expect(report.source.format).toBe('html');
  });

  it(`gives the canonical fields of samples/${s.docx}.docx`, () => {
    const html = read(expectedFile);
    const docx = read(`samples/expected/${s.docx}.json`);
    expect(fields(html)).toEqual(fields(docx));
    // every number of the three tables, spelled out for the record
    expect(html.applications).toEqual(docx.applications);
    expect(html.activeDisclosure).toEqual(docx.activeDisclosure);
    expect(html.reviewLitigation).toEqual(docx.reviewLitigation);
  });
});
