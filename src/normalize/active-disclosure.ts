/**
 * Section 二 (主动公开政府信息情况): blocks of [caption 第二十条第（X）项] [header 信息内容 …]
 * [data rows]. Values are assigned by the MEANING of their column header, so the 2019 and 2021
 * layouts land on their own keys (templates.md §2.4) and a mixed table is still read right.
 */
import type { ActiveDisclosure } from '../schema/canonical.js';
import { emptyActiveDisclosure } from '../schema/keys.js';
import type { Context } from './context.js';
import { distinctCells, type Grid, type GridCell } from './grid.js';
import { labelKey, nfkc, removeSpaces } from './text.js';

type RowKey = keyof ActiveDisclosure;
type Field =
  | 'issued' | 'repealed' | 'inForce' | 'newlyMade' | 'newlyPublished' | 'totalPublished'
  | 'decisions' | 'previousYearItems' | 'change' | 'amount' | 'projects';

const ROWS: [RowKey, RegExp][] = [
  ['normativeDocuments', /规范性文件/],
  ['regulations', /规章/],
  ['otherServices', /对外管理服务/],
  ['licensing', /行政许可/],
  ['penalty', /行政处罚/],
  ['coercion', /行政强制/],
  ['fees', /收费/],
  ['procurement', /集中采购|采购/],
];

/** Header label → field, with the layout the label belongs to. */
const HEADERS: [Field, RegExp, '2019' | '2021'][] = [
  ['issued', /制发/, '2021'],
  ['repealed', /废止/, '2021'],
  ['inForce', /现行有效/, '2021'],
  ['newlyMade', /新制作/, '2019'],
  ['newlyPublished', /新公开/, '2019'],
  ['totalPublished', /对外公开总/, '2019'],
  ['previousYearItems', /上一?年.*项目数/, '2019'],
  ['change', /增减|增\/减/, '2019'],
  ['decisions', /本年处理决定/, '2021'],
  ['decisions', /处理决定/, '2019'],
  ['amount', /收费金额/, '2021'],
  ['projects', /采购项目数/, '2019'],
  ['amount', /采购.*金额/, '2019'],
];

const ALLOWED: Record<RowKey, Field[]> = {
  regulations: ['issued', 'repealed', 'inForce', 'newlyMade', 'newlyPublished', 'totalPublished'],
  normativeDocuments: ['issued', 'repealed', 'inForce', 'newlyMade', 'newlyPublished', 'totalPublished'],
  licensing: ['decisions', 'previousYearItems', 'change'],
  otherServices: ['decisions', 'previousYearItems', 'change'],
  penalty: ['decisions', 'previousYearItems', 'change'],
  coercion: ['decisions', 'previousYearItems', 'change'],
  fees: ['amount', 'previousYearItems', 'change'],
  procurement: ['projects', 'amount'],
};

/** The cells each layout's table has (templates.md §2.1, §2.2). */
const EXPECTED: Record<'2019' | '2021', string[]> = {
  '2021': [
    'regulations.issued', 'regulations.repealed', 'regulations.inForce',
    'normativeDocuments.issued', 'normativeDocuments.repealed', 'normativeDocuments.inForce',
    'licensing.decisions', 'penalty.decisions', 'coercion.decisions', 'fees.amount',
  ],
  '2019': [
    'regulations.newlyMade', 'regulations.newlyPublished', 'regulations.totalPublished',
    'normativeDocuments.newlyMade', 'normativeDocuments.newlyPublished', 'normativeDocuments.totalPublished',
    ...['licensing', 'otherServices', 'penalty', 'coercion'].flatMap((r) => [
      `${r}.previousYearItems`, `${r}.change`, `${r}.decisions`,
    ]),
    'fees.previousYearItems', 'fees.change', 'procurement.projects', 'procurement.amount',
  ],
};

interface Column {
  field: Field;
  layout: '2019' | '2021';
  from: number;
  to: number; // exclusive
  unit: string | null;
}

function unitOf(text: string): string | null {
  const m = /单位[:：]\s*([^,，;；)）\s]+)/.exec(nfkc(text));
  return m ? m[1]! : null;
}

export interface ActiveDisclosureResult {
  value: ActiveDisclosure;
  layout: '2019' | '2021' | null;
}

export function readActiveDisclosure(grid: Grid, ctx: Context): ActiveDisclosureResult {
  const out = emptyActiveDisclosure();
  const seen = new Set<string>();
  const votes = { '2019': 0, '2021': 0 };
  let header: Column[] | null = null;

  for (const row of grid.rows) {
    const cells = distinctCells(row);
    if (cells.length === 0) continue;
    const first = cells[0]!;
    const firstKey = labelKey(first.text);
    if (/第二十条/.test(firstKey) || (/^第?[一二三四五六七八九十]+项$/.test(firstKey) && cells.length === 1)) {
      if (/第二十条第?九项/.test(firstKey)) votes['2019']++;
      header = null; // a new block starts; its header row follows
      continue;
    }
    if (firstKey.startsWith('信息内容')) {
      header = [];
      for (const c of cells.slice(1)) {
        const key = labelKey(c.text);
        if (!key) continue;
        const h = HEADERS.find(([, re]) => re.test(key));
        if (!h) {
          ctx.warn('header-unrecognized', `unknown column header ${JSON.stringify(removeSpaces(c.text))} in the 主动公开 table`, 'activeDisclosure');
          continue;
        }
        votes[h[2]]++;
        header.push({ field: h[0], layout: h[2], from: c.col, to: c.col + c.colSpan, unit: unitOf(c.text) });
      }
      continue;
    }
    const rowDef = ROWS.find(([, re]) => re.test(firstKey));
    if (!rowDef) {
      if (cells.some((c) => labelKey(c.text))) {
        ctx.warn('row-unrecognized', `unrecognised row ${JSON.stringify(removeSpaces(first.text))} in the 主动公开 table was skipped`, 'activeDisclosure');
      }
      continue;
    }
    const [rowKey] = rowDef;
    if (rowKey === 'otherServices' || rowKey === 'procurement') votes['2019']++;
    if (/行政规范性文件/.test(firstKey)) votes['2021']++;
    if (!header) {
      ctx.warn('header-missing', `the row ${JSON.stringify(removeSpaces(first.text))} has no 信息内容 header row above it; its values are not read`, `activeDisclosure.${rowKey}`);
      continue;
    }
    for (const col of header) {
      const path = `activeDisclosure.${rowKey}.${col.field}`;
      if (!ALLOWED[rowKey].includes(col.field)) {
        ctx.warn('header-unrecognized', `column ${col.field} does not apply to row ${rowKey}; skipped`, path);
        continue;
      }
      if (seen.has(path)) {
        ctx.warn('row-duplicate', `a second value for ${path} was ignored`, path);
        continue;
      }
      const cell = valueCell(row, col, header, first);
      if (cell === 'missing') {
        ctx.warn('cell-missing', `no cell under the column header for ${path}`, path);
        seen.add(path);
        continue;
      }
      if (cell === 'ambiguous') {
        ctx.warn('cell-ambiguous', `the cell under ${path} also spans another column; not read`, path);
        seen.add(path);
        continue;
      }
      seen.add(path);
      const integer = col.field !== 'amount';
      const { value, unit } = ctx.read(path, cell, { integer, signed: col.field === 'change' });
      setField(out, rowKey, col.field, value);
      if (col.field === 'amount' && rowKey === 'fees' && col.layout === '2021') {
        out.fees.unit = unit ?? col.unit ?? '万元';
      }
      if (col.field === 'amount' && rowKey === 'procurement') {
        out.procurement.unit = unit ?? col.unit ?? null;
      }
    }
  }

  let layout: '2019' | '2021' | null = null;
  if (votes['2019'] > 0 && votes['2021'] === 0) layout = '2019';
  else if (votes['2021'] > 0 && votes['2019'] === 0) layout = '2021';
  else if (votes['2019'] > 0 && votes['2021'] > 0) {
    ctx.warn('layout-mixed', `the 主动公开 table mixes 2019 and 2021 labels (${votes['2019']} vs ${votes['2021']}); values were read by column meaning`, 'report.layout.activeDisclosure');
  } else {
    ctx.warn('layout-unknown', 'the 主动公开 table has none of the 2019 or 2021 column labels', 'report.layout.activeDisclosure');
  }
  if (layout) {
    for (const p of EXPECTED[layout]) {
      const path = `activeDisclosure.${p}`;
      if (!seen.has(path)) ctx.warn('cell-missing', `the ${layout} layout has ${path} but the table does not`, path);
    }
  }
  return { value: out, layout };
}

/** The cell of `row` under a header column, or why there is none. */
function valueCell(
  row: (GridCell | null)[],
  col: Column,
  header: Column[],
  label: GridCell,
): GridCell | 'missing' | 'ambiguous' {
  const found = new Set<GridCell>();
  for (let c = col.from; c < col.to; c++) {
    const g = row[c];
    if (g && g !== label) found.add(g);
  }
  if (found.size === 0) return 'missing';
  const filled = [...found].filter((g) => removeSpaces(g.text) !== '');
  if (filled.length > 1) return 'ambiguous';
  const g = filled[0] ?? [...found][0]!;
  if (removeSpaces(g.text) === '') return g;
  // a filled cell that reaches under another header's columns cannot be attributed
  const other = header.some((h) => h !== col && g.col < h.to && g.col + g.colSpan > h.from);
  return other ? 'ambiguous' : g;
}

function setField(out: ActiveDisclosure, row: RowKey, field: Field, value: number | null): void {
  const target = out[row] as Record<string, number | string | null>;
  target[field] = value;
}
