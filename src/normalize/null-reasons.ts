/**
 * Why a value of the three tables is null when no cell was read for it: its layout has no such
 * value, or its table, row or the table's layout was not found (from the normalizer's warnings).
 * A cell that was read as no number has its own reason (Context.nulls: blank, dash, unreadable).
 */
import type { Message } from '../model.js';
import type { NullReason } from '../schema/keys.js';
import type { FieldInfo, Layout } from '../schema/labels.js';

const TABLE_KEY = { 二: 'activeDisclosure', 三: 'applications', 四: 'reviewLitigation' } as const;

export interface ReasonContext {
  layout: { activeDisclosure: Layout | null; applications: Layout | null };
  warnings: Pick<Message, 'code' | 'path'>[];
}

export function layoutOfField(r: ReasonContext, f: FieldInfo): Layout | null {
  if (f.table === '二') return r.layout.activeDisclosure;
  if (f.table === '三') return r.layout.applications;
  return null; // §四 is the same in both layouts
}

export function structuralReason(r: ReasonContext, f: FieldInfo): NullReason {
  const table = TABLE_KEY[f.table];
  const on = (codes: string[], match: (p: string) => boolean) => r.warnings.some((w) => codes.includes(w.code) && w.path !== null && match(w.path));
  if (on(['table-missing', 'table-unrecognized'], (p) => p === table)) return 'table-missing';
  const layout = layoutOfField(r, f);
  if (layout !== null && !f.layouts.includes(layout)) return 'not-in-layout';
  if (on(['cell-unreadable', 'cell-ambiguous', 'cell-missing'], (p) => p === f.path)) return 'unreadable';
  const row = f.path.slice(0, f.path.lastIndexOf('.'));
  if (on(['row-missing', 'row-short'], (p) => p === row || p === table || f.path.startsWith(`${p}.`))) return 'row-missing';
  if (f.table !== '四' && layout === null && f.layouts.length === 1) return 'layout-unknown';
  if (on(['header-missing', 'header-unrecognized'], (p) => p === table)) return 'unreadable';
  return 'blank';
}
