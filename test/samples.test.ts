/**
 * Every bundled sample, converted, against (1) its committed expected JSON, field by field, and
 * (2) the values its definition says were printed (scripts/samples/defs), an oracle written
 * independently of the converter.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES, computeChecks, leafPaths } from '../scripts/samples/defs.js';
import { convertFile, toJson } from '../src/pipeline/convert.js';
import { CanonicalReportSchema } from '../src/schema/canonical.js';

const root = path.resolve(import.meta.dirname, '..');

function get(o: unknown, p: string): unknown {
  return p.split('.').reduce((x, k) => (x as Record<string, unknown> | undefined)?.[k], o);
}

describe.each(SAMPLES.map((s) => [s.name, s] as const))('sample %s', (name, def) => {
  const file = `samples/${name}.docx`;
  const expectedFile = path.join(root, 'samples/expected', `${name}.json`);
  const convert = () => convertFile(path.join(root, file), { displayPath: file });

  it('matches its expected JSON in every field', async () => {
    const report = await convert();
    expect(existsSync(expectedFile), `${expectedFile} is missing`).toBe(true);
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8'));
    expect(report).toEqual(expected);
    // byte-identical, too: key order and formatting are part of the contract
    expect(toJson(report)).toBe(readFileSync(expectedFile, 'utf8'));
    expect(CanonicalReportSchema.safeParse(expected).success).toBe(true);
  });

  it('gives exactly the values printed in the document', async () => {
    const report = await convert();
    expect(report.report).toMatchObject(def.expect.report);
    expect(report.report.layout).toEqual(def.expect.layout);
    for (const [key, title] of Object.entries(def.expect.sectionTitles)) {
      expect((report.sections as Record<string, { title: string } | null>)[key]?.title ?? null, key).toBe(title);
    }
    const leaves = leafPaths();
    expect(Object.keys(def.expect.values).sort()).toEqual([...leaves].sort());
    for (const p of leaves) expect(get(report, p), p).toBe(def.expect.values[p]);
    // the same checks evaluated, with the same outcome and operands
    const ours = report.checks.map((c) => {
      const on = c.rule === 'applications.rowTotal' ? c.row!.replace(/^applications\./, '')
        : c.rule === 'reviewLitigation.total' ? c.row!.replace(/^reviewLitigation\./, '') : c.column;
      return { id: `${c.rule}@${on}`, ok: c.ok, expected: c.expected, actual: c.actual };
    });
    const theirs = computeChecks(def.expect.values, def.expect.layout.applications).results;
    expect([...ours].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...theirs].sort((a, b) => a.id.localeCompare(b.id)));
    expect(ours.filter((c) => !c.ok).map((c) => c.id).sort()).toEqual([...def.expect.failingChecks].sort());
    // every printed number has evidence whose text is the cell as printed
    for (const p of leaves) {
      const v = get(report, p);
      if (typeof v === 'number') expect(report.evidence[p], p).toBeDefined();
    }
  });
});
