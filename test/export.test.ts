/**
 * `xxgk export`: the bundled samples' expected reports as CSV and Parquet, read back with an
 * independent reader (DuckDB) and compared value by value with the JSON; the long shape's null
 * reasons; the data dictionary covering every value of the schema.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportReports, readReports } from '../src/export/index.js';
import { LONG_COLUMNS, WIDE_COLUMNS } from '../src/export/rows.js';
import { emptyActiveDisclosure, emptyApplications, emptyReviewLitigation } from '../src/schema/keys.js';
import { FIELDS } from '../src/schema/labels.js';
import type { CanonicalReport } from '../src/schema/canonical.js';

const root = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-export-'));
const out = path.join(dir, 'out');
const names = readdirSync(path.join(root, 'samples/expected')).filter((n) => n.endsWith('.json') && !n.startsWith('layout-')).sort();
const expected = new Map<string, CanonicalReport>(names.map((n) => [n, JSON.parse(readFileSync(path.join(root, 'samples/expected', n), 'utf8'))]));
const byFile = new Map([...expected.values()].map((r) => [r.source.file, r]));

function leaves(o: unknown, prefix: string, acc: string[] = []): string[] {
  if (o !== null && typeof o === 'object') for (const [k, v] of Object.entries(o)) leaves(v, `${prefix}.${k}`, acc);
  else acc.push(prefix);
  return acc;
}

function get(obj: unknown, p: string): unknown {
  return p.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

type Duck = { runAndReadAll(sql: string): Promise<{ getRowObjects(): Record<string, unknown>[] }> };
// DuckDB, an independent Parquet and CSV reader (its native build may be missing on a platform:
// the read-back tests are skipped then)
const duckdb = await import('@duckdb/node-api').catch(() => null);
let duck: Duck;

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  for (const n of names) copyFileSync(path.join(root, 'samples/expected', n), path.join(out, n));
  if (duckdb) duck = (await (await duckdb.DuckDBInstance.create(':memory:')).connect()) as unknown as Duck;
});

describe('the data dictionary', () => {
  it('has exactly the values of the schema, each with labels for the layouts that print it', () => {
    const schemaLeaves = [
      ...leaves(emptyActiveDisclosure(), 'activeDisclosure'),
      ...leaves(emptyApplications(), 'applications'),
      ...leaves(emptyReviewLitigation(), 'reviewLitigation'),
    ];
    expect(FIELDS.map((f) => f.path)).toEqual(schemaLeaves);
    for (const f of FIELDS) {
      expect(f.layouts.length, f.path).toBeGreaterThan(0);
      for (const l of f.layouts) {
        expect(f.row[l], `${f.path} ${l}`).toMatch(/[\u4e00-\u9fff]/);
        expect(f.column[l], `${f.path} ${l}`).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    const by = new Map(FIELDS.map((f) => [f.path, f]));
    expect(by.get('activeDisclosure.fees.amount')).toMatchObject({ layouts: ['2021'], unit: '万元', type: 'amount', column: { '2021': '本年收费金额（单位：万元）' } });
    expect(by.get('activeDisclosure.regulations.newlyMade')).toMatchObject({ layouts: ['2019'], column: { '2019': '本年新制作数量' } });
    expect(by.get('applications.otherHandling.unpaidFees.commercial')?.layouts).toEqual(['2021']);
    expect(by.get('applications.otherHandling.total.total')?.derivedIn).toEqual(['2021']);
    expect(by.get('reviewLitigation.litigationAfterReview.pending')?.column['2019']).toBe('尚未审结');
  });
});

describe.skipIf(!duckdb)('wide export read back with DuckDB', () => {
  it('CSV: every value of every sample as in its JSON', async () => {
    const file = path.join(dir, 'wide.csv');
    const r = await exportReports(out, { format: 'csv', shape: 'wide', to: file, bom: true });
    expect(r).toEqual({ reports: names.length, rows: names.length, skipped: [] });
    expect(readFileSync(file).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = (await duck.runAndReadAll(`SELECT * FROM read_csv('${file}', header = true, all_varchar = true, quote = '"', escape = '"')`)).getRowObjects();
    expect(rows).toHaveLength(names.length);
    expect(Object.keys(rows[0]!)).toEqual(WIDE_COLUMNS.map((c) => c.name));
    let compared = 0;
    for (const row of rows) {
      const rep = byFile.get(row.file as string)!;
      expect(rep, String(row.file)).toBeDefined();
      expect(row.organization).toBe(rep.report.organization);
      expect(row.status).toBe(rep.status);
      for (const f of FIELDS) {
        const v = get(rep, f.path);
        expect(row[f.path], `${rep.source.file} ${f.path}`).toBe(v === null ? null : String(v));
        compared++;
      }
    }
    expect(compared).toBe(names.length * FIELDS.length);
  });

  it('Parquet: counts are 64-bit integers, amounts doubles, every value as in its JSON', async () => {
    const file = path.join(dir, 'wide.parquet');
    await exportReports(out, { format: 'parquet', shape: 'wide', to: file });
    const types = (await duck.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`)).getRowObjects();
    const type = new Map(types.map((t) => [t.column_name as string, t.column_type as string]));
    expect(type.get('applications.newReceived.total')).toBe('BIGINT');
    expect(type.get('activeDisclosure.licensing.change')).toBe('BIGINT');
    expect(type.get('activeDisclosure.fees.amount')).toBe('DOUBLE');
    expect(type.get('activeDisclosure.fees.unit')).toBe('VARCHAR');
    expect(type.get('year')).toBe('BIGINT');
    const rows = (await duck.runAndReadAll(`SELECT * FROM read_parquet('${file}')`)).getRowObjects();
    expect(rows).toHaveLength(names.length);
    for (const row of rows) {
      const rep = byFile.get(row.file as string)!;
      for (const f of FIELDS) {
        const v = get(rep, f.path);
        const want = v === null ? null : f.type === 'count' || f.type === 'signed-count' ? BigInt(v as number) : v;
        expect(row[f.path], `${rep.source.file} ${f.path}`).toEqual(want);
      }
    }
  });
});

describe('long export', () => {
  it('one row per report and value, with the printed cell text, page and why a value is null', async () => {
    const file = path.join(dir, 'long.jsonl');
    const r = await exportReports(out, { format: 'jsonl', shape: 'long', to: file });
    expect(r.rows).toBe(names.length * FIELDS.length);
    const rows = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(Object.keys(rows[0])).toEqual(LONG_COLUMNS.map((c) => c.name));
    const of = (name: string, field: string) => {
      const rep = expected.get(`${name}.json`)!;
      return rows.find((x) => x.file === rep.source.file && x.field === field);
    };
    // a printed number: value, its cell text
    const yunxi = expected.get('invented-2021-clean-yunxi-2023.json')!;
    expect(of('invented-2021-clean-yunxi-2023', 'applications.newReceived.total')).toMatchObject({ value: 1683, null_reason: null, cell_text: yunxi.evidence['applications.newReceived.total']!.text, layout: '2021' });
    // a 2019 value in a 2021 report
    expect(of('invented-2021-clean-yunxi-2023', 'activeDisclosure.regulations.newlyMade')).toMatchObject({ value: null, null_reason: 'not-in-layout' });
    expect(of('invented-2019-clean-qinghe-2020', 'applications.otherHandling.unpaidFees.total')).toMatchObject({ value: null, null_reason: 'not-in-layout' });
    // blank cells ("/", "—", empty) in the blanks sample
    const blanks = expected.get('invented-blanks-qingshi-2023.json')!;
    const blankField = FIELDS.find((f) => f.table === '三' && get(blanks, f.path) === null && f.layouts.includes('2021') && !blanks.warnings.some((w) => w.path && f.path.startsWith(w.path)))!;
    expect(of('invented-blanks-qingshi-2023', blankField.path).null_reason).toBe('blank');
    // the short row of a partial report
    const haicheng = expected.get('seed-001-haicheng-2022.json')!;
    const short = haicheng.warnings.find((w) => w.code === 'row-short')!.path!;
    const shortNull = FIELDS.find((f) => f.path.startsWith(`${short}.`) && get(haicheng, f.path) === null)!;
    expect(of('seed-001-haicheng-2022', shortNull.path).null_reason).toBe('row-missing');
  });
});

describe('xxgk export', () => {
  const xxgk = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

  it('writes CSV to standard output and the dictionary; a folder without reports exits 2', async () => {
    const r = xxgk(['export', out, '--shape', 'wide']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\r\n');
    expect(lines).toHaveLength(names.length + 1);
    expect(r.stderr).toMatch(new RegExp(`exported ${names.length} report\\(s\\) as ${names.length} wide row\\(s\\) \\(csv\\)`));
    const d = xxgk(['export', '--dictionary', '--format', 'jsonl']);
    expect(d.stdout.trim().split('\n')).toHaveLength(FIELDS.length);
    expect(JSON.parse(d.stdout.split('\n')[0]!)).toMatchObject({ field: 'activeDisclosure.regulations.issued', row_2021: '第二十条第（一）项 规章', column_2021: '本年制发件数', row_2019: null });
    const empty = mkdtempSync(path.join(tmpdir(), 'xxgk-export-empty-'));
    expect(xxgk(['export', empty]).status).toBe(2);
    expect(xxgk(['export', out, '-f', 'parquet']).status).toBe(2);
    const { reports } = await readReports(out);
    expect(reports).toHaveLength(names.length);
  });
});
