/**
 * Real published files from ../shared/realworld/raw (not part of the project; skipped when absent).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertFile } from '../src/pipeline/convert.js';
import { REAL_PDFS } from './realworld-truth.js';

const root = path.resolve(import.meta.dirname, '..');
const blank = path.join(root, '../shared/realworld/raw/govnianbao__BLANK-template-2021-format.docx');

function numbers(v: unknown, out: number[] = []): number[] {
  if (typeof v === 'number') out.push(v);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) numbers(x, out);
  return out;
}

describe.skipIf(!existsSync(blank))('the blank 2021 template (WPS docx)', () => {
  it('converts without error: 2021 on both tables, every value null, nothing invented', async () => {
    const r = await convertFile(blank, { displayPath: 'govnianbao__BLANK-template-2021-format.docx' });
    expect(r.status).toBe('ok');
    expect(r.error).toBeNull();
    expect(r.source).toMatchObject({ format: 'docx', bytes: 22974, pages: null });
    expect(r.source.sha256).toMatch(/^f062d96536912a9d[0-9a-f]{48}$/);
    expect(r.source.producer).toMatch(/^WPS Office/);
    expect(r.report.layout).toEqual({ activeDisclosure: '2021', applications: '2021' });
    expect(r.report.title).toBe('政府信息公开工作年度报告格式模板');
    expect(r.report.organization).toBeNull();
    expect(r.report.year).toBeNull();
    expect(numbers(r.activeDisclosure)).toEqual([]);
    expect(numbers(r.applications)).toEqual([]);
    expect(numbers(r.reviewLitigation)).toEqual([]);
    expect(r.activeDisclosure.fees.unit).toBe('万元');
    // no number, so evidence only says why each value is null: the template's cells are empty
    expect(Object.values(r.evidence).every((e) => e.reason !== undefined)).toBe(true);
    expect(new Set(Object.values(r.evidence).map((e) => e.reason))).toEqual(new Set(['blank', 'not-in-layout']));
    expect(r.derived).toEqual([]);
    expect(r.checks).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toContain('tables-blank');
    // the six headings of the template, unnumbered titles
    expect(Object.values(r.sections).map((s) => s?.title)).toEqual([
      '总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况',
      '政府信息公开行政复议、行政诉讼情况', '存在的主要问题及改进情况', '其他需要报告的事项',
    ]);
    expect(r.sections.other?.text).toBe('（文字描述，收取信息处理费情况在此处报告。）');
  });
});

const COLUMNS = ['naturalPerson', 'commercial', 'research', 'socialWelfare', 'legalService', 'otherOrg', 'total'] as const;
const OUTCOMES = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;

function at(o: unknown, p: string): unknown {
  return p.split('.').reduce((x, k) => (x as Record<string, unknown>)[k], o);
}

describe.each(REAL_PDFS.map((t) => [t.file, t] as const))('real PDF %s', (file, truth) => {
  const full = path.join(root, '../shared/realworld/raw', file);
  it.skipIf(!existsSync(full))('gives every number the report prints, with layouts, organisation, year and evidence pages', async () => {
    const r = await convertFile(full, { displayPath: file });
    expect(r.error).toBeNull();
    expect(r.source).toMatchObject({ format: 'pdf', pages: truth.pages });
    expect(r.report).toEqual({ ...truth.report, layout: truth.layout });

    const ad: Record<string, unknown> = {};
    for (const [row, fields] of Object.entries(r.activeDisclosure)) {
      for (const [f, v] of Object.entries(fields)) ad[`${row}.${f}`] = v;
    }
    const expectedAd = Object.fromEntries(Object.keys(ad).map((k) => [k, truth.activeDisclosure[k] ?? null]));
    expect(ad).toEqual(expectedAd);

    for (const [row, values] of Object.entries(truth.applications)) {
      const got = COLUMNS.map((c) => at(r.applications, `${row}.${c}`));
      expect(got, row).toEqual(values ?? Array(7).fill(null));
    }
    const groups = ['review', 'litigationDirect', 'litigationAfterReview'] as const;
    expect(groups.map((g) => OUTCOMES.map((o) => r.reviewLitigation[g][o]))).toEqual(truth.reviewLitigation);

    const failing = r.checks.filter((c) => !c.ok).map((c) => `${c.rule}@${c.row ?? c.column}`);
    expect(failing.sort()).toEqual([...truth.failing].sort());
    for (const [p, page] of Object.entries(truth.evidencePages)) expect(r.evidence[p]?.page, p).toBe(page);
    // every number printed has evidence on a real page
    for (const [p, e] of Object.entries(r.evidence)) {
      if (e.reason !== undefined && e.table === undefined) continue; // a null value no cell was read for
      expect(e.page, p).toBeGreaterThanOrEqual(1);
      expect(e.page!, p).toBeLessThanOrEqual(truth.pages);
    }
    expect(r.status).toBe('ok');
  });
});
