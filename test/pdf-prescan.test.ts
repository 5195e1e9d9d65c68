/**
 * What pdf.js cannot bound is refused before it starts: deeply nested graphics states (pdf.js
 * takes time quadratic in the depth), and a page tree that declares fewer pages than the file
 * holds is said, not silently read short.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_Q_DEPTH, prescanPdf, qDepth } from '../src/extractors/pdf-prescan.js';
import { convertBytes } from '../src/pipeline/convert.js';
import { CanonicalReportSchema } from '../src/schema/canonical.js';
import { miniPdf, u, Y } from './helpers/mini-pdf.js';

const root = path.resolve(import.meta.dirname, '..');
const text = (s: string) => `BT /F2 12 Tf 72 ${Y(100)} Td ${u(s)} Tj ET\n`;

describe('q nesting', () => {
  it('counts q/Q tokens only, not letters in strings, names or comments', () => {
    expect(qDepth('q q 1 0 0 1 0 0 cm Q q Q Q')).toBe(2);
    expect(qDepth('(q q q) Tj /qq gs % q q q\nq Q')).toBe(1);
    expect(qDepth('q\nq\rq\tQ Q Q')).toBe(3);
  });

  it('100,000 nested q: refused at once as damaged, not a worker held for minutes', async () => {
    const pdf = miniPdf([{ content: `${'q '.repeat(100_000)}${text('政府信息公开工作年度报告')}${'Q '.repeat(100_000)}` }]);
    expect(prescanPdf(pdf).maxQDepth).toBeGreaterThan(MAX_Q_DEPTH);
    const t = Date.now();
    const r = await convertBytes(pdf, 'deep.pdf');
    expect(Date.now() - t).toBeLessThan(5000);
    expect([r.status, r.error?.code]).toEqual(['failed', 'corrupt']);
    expect(r.error?.message).toMatch(/nests more than 1000 graphics states/);
    expect(CanonicalReportSchema.safeParse(r).success).toBe(true);
  });

  it('the real and sample PDFs nest a few levels only', () => {
    for (const f of ['seed-000-lushaer-2022.pdf', 'invented-vertical-jinchuan-2023.pdf']) {
      expect(prescanPdf(readFileSync(path.join(root, 'samples/pdf', f))).maxQDepth).toBeLessThanOrEqual(4);
    }
  });
});

describe('a page tree that declares too few pages', () => {
  it('is reported (pdf.pages-missing, a degrading warning), and the pages it declares are read', async () => {
    const pages = [1, 2, 3].map((i) => ({ content: text(`第${i}页`) }));
    const honest = miniPdf(pages);
    const short = Buffer.from(Buffer.from(honest).toString('latin1').replace('/Count 3', '/Count 1'), 'latin1');
    const r = await convertBytes(new Uint8Array(short), 'short.pdf');
    expect(r.source.pages).toBe(1);
    const w = r.warnings.find((x) => x.code === 'pdf.pages-missing');
    expect(w?.message).toMatch(/declares 1 page\(s\) but the file holds at least 3 page objects/);
    const ok = await convertBytes(honest, 'honest.pdf');
    expect(ok.warnings.some((x) => x.code === 'pdf.pages-missing')).toBe(false);
  });
});
