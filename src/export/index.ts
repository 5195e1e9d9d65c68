/**
 * `xxgk export`: the reports of an output folder as one flat table (CSV, Parquet or JSONL; wide
 * or long), and the data dictionary. Reports are read from the folder's JSON files (every one is
 * checked against the schema; one that is not a canonical report is skipped and named).
 */
import { createWriteStream } from 'node:fs';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { CanonicalReportSchema, type CanonicalReport } from '../schema/canonical.js';
import { FIELDS } from '../schema/labels.js';
import { LONG_COLUMNS, longRows, WIDE_COLUMNS, wideRow, type Cell, type Column } from './rows.js';

export type ExportFormat = 'csv' | 'parquet' | 'jsonl';
export type ExportShape = 'wide' | 'long';

export interface ExportOptions {
  format: ExportFormat;
  shape: ExportShape;
  /** A file path, or '-' for standard output (not for parquet). */
  to: string;
  /** CSV: start with a UTF-8 byte-order mark (Excel on Windows then reads the Chinese text right). */
  bom?: boolean;
  stdout?: Writable;
}

export interface ExportResult {
  reports: number;
  rows: number;
  /** JSON files that are not canonical reports (name: why). */
  skipped: string[];
}

/** Deepest folder nesting walked below the output folder. */
const MAX_DEPTH = 64;

async function jsonFiles(dir: string, depth = 0, out: string[] = []): Promise<string[]> {
  if (depth > MAX_DEPTH) return out;
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue; // temp files, hidden folders
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await jsonFiles(p, depth + 1, out);
    else if (e.isFile() && e.name.endsWith('.json')) out.push(p);
  }
  return out;
}

/** The canonical reports of an output folder, in path order. */
export async function readReports(outDir: string): Promise<{ reports: CanonicalReport[]; skipped: string[] }> {
  const reports: CanonicalReport[] = [];
  const skipped: string[] = [];
  for (const file of await jsonFiles(outDir)) {
    const rel = path.relative(outDir, file);
    try {
      const checked = CanonicalReportSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (checked.success) reports.push(checked.data);
      else skipped.push(`${rel}: not a canonical report (${checked.error.issues[0]?.path.join('.') ?? ''}: ${checked.error.issues[0]?.message ?? ''})`);
    } catch (err) {
      skipped.push(`${rel}: ${err instanceof SyntaxError ? 'not JSON' : `unreadable (${(err as NodeJS.ErrnoException).code ?? String(err)})`}`);
    }
  }
  return { reports, skipped };
}

// ---------------------------------------------------------------------------------------------
// Writers

function csvField(v: Cell): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

function jsonlLine(columns: Column[], cells: Cell[]): string {
  const o: Record<string, Cell> = {};
  columns.forEach((c, i) => (o[c.name] = cells[i] ?? null));
  return `${JSON.stringify(o)}\n`;
}

async function parquetBytes(columns: Column[], rows: Cell[][]): Promise<Uint8Array> {
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  const columnData = columns.map((c, i) => {
    const data = rows.map((r) => {
      const v = r[i] ?? null;
      if (v === null) return null;
      if (c.type === 'int') return BigInt(v as number);
      if (c.type === 'double') return Number(v);
      return String(v);
    });
    return { name: c.name, data, type: c.type === 'int' ? ('INT64' as const) : c.type === 'double' ? ('DOUBLE' as const) : ('STRING' as const), nullable: true };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData, createdBy: 'xxgk' }));
}

/** Write `text` chunks to a file (atomically: temp + rename) or to standard output. */
async function writeOut(to: string, chunks: Iterable<string | Uint8Array>, stdout?: Writable): Promise<void> {
  if (to === '-') {
    const out = stdout ?? process.stdout;
    for (const c of chunks) {
      if (!out.write(c)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    return;
  }
  const tmp = path.join(path.dirname(to), `.${path.basename(to)}.${process.pid}.xxgk-tmp`);
  try {
    const stream = createWriteStream(tmp, { flags: 'wx' });
    for (const c of chunks) {
      if (!stream.write(c)) await new Promise<void>((r) => stream.once('drain', () => r()));
    }
    await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
    await rename(tmp, to);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

function* encode(lines: Iterable<string>, bom: boolean): Iterable<string> {
  if (bom) yield '\ufeff';
  yield* lines;
}

export async function writeTable(columns: Column[], rows: Cell[][], opts: Pick<ExportOptions, 'format' | 'to' | 'bom' | 'stdout'>): Promise<void> {
  if (opts.format === 'parquet') {
    if (opts.to === '-') throw new Error('Parquet is binary: give a file with --to');
    const bytes = await parquetBytes(columns, rows);
    const tmp = path.join(path.dirname(opts.to), `.${path.basename(opts.to)}.${process.pid}.xxgk-tmp`);
    await writeFile(tmp, bytes);
    await rename(tmp, opts.to);
    return;
  }
  const lines = opts.format === 'csv'
    ? encode((function* () {
        yield csvLine(columns.map((c) => c.name));
        for (const r of rows) yield csvLine(r);
      })(), opts.bom ?? false)
    : (function* () {
        for (const r of rows) yield jsonlLine(columns, r);
      })();
  await writeOut(opts.to, lines, opts.stdout);
}

/** Export the reports of `outDir`. */
export async function exportReports(outDir: string, opts: ExportOptions): Promise<ExportResult> {
  const { reports, skipped } = await readReports(outDir);
  const columns = opts.shape === 'wide' ? WIDE_COLUMNS : LONG_COLUMNS;
  const rows = opts.shape === 'wide' ? reports.map(wideRow) : reports.flatMap(longRows);
  await writeTable(columns, rows, opts);
  return { reports: reports.length, rows: rows.length, skipped };
}

export const DICTIONARY_COLUMNS: Column[] = [
  { name: 'field', type: 'string' },
  { name: 'table', type: 'string' },
  { name: 'layouts', type: 'string' },
  { name: 'type', type: 'string' },
  { name: 'unit', type: 'string' },
  { name: 'row_2019', type: 'string' },
  { name: 'column_2019', type: 'string' },
  { name: 'row_2021', type: 'string' },
  { name: 'column_2021', type: 'string' },
  { name: 'derived_in', type: 'string' },
];

export function dictionaryRows(): Cell[][] {
  const has = (f: (typeof FIELDS)[number], l: '2019' | '2021') => f.layouts.includes(l);
  return FIELDS.map((f) => [
    f.path, f.table, f.layouts.join(' '), f.type, f.unit,
    has(f, '2019') ? f.row['2019'] : null, has(f, '2019') ? f.column['2019'] : null,
    has(f, '2021') ? f.row['2021'] : null, has(f, '2021') ? f.column['2021'] : null,
    f.derivedIn?.join(' ') ?? null,
  ]);
}
