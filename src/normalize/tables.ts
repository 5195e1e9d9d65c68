/**
 * Find the three tables (二 主动公开, 三 申请, 四 复议诉讼) among the document's tables by their
 * content, joining a logical table that was split into several physical ones.
 */
import type { Block, Message, Table } from '../model.js';
import { expandTable, type Grid } from './grid.js';
import { joinParts } from './join.js';
import { labelKey } from './text.js';
import { mapped } from '../arrays.js';

export type TableKind = 'activeDisclosure' | 'applications' | 'reviewLitigation';

export function classifyTable(table: Table): TableKind | null {
  const key = mapped(table.rows, (r) => mapped(r, (c) => labelKey(c.text)).join('|')).join('|');
  const app = /本年新收|申请人情况|本年度办理结果|予以公开|结转下年度/.test(key);
  const active = /第二十条|信息内容\|?(本年|上一年|采购)|行政许可|行政规范性文件|规范性文件\|/.test(key);
  const review = /行政复议/.test(key) && /行政诉讼/.test(key) && /维持|审结/.test(key);
  // a table that holds more than one section is classified by what it mostly is; the first wins
  if (app && !active) return 'applications';
  if (active && !app) return 'activeDisclosure';
  if (review && !app) return 'reviewLitigation';
  if (app) return 'applications';
  return null;
}

export interface FoundTables {
  grids: Partial<Record<TableKind, Grid>>;
  /** Physical table indices (among table blocks) used for each kind. */
  parts: Partial<Record<TableKind, number[]>>;
  /**
   * Blocks that belong to the tables although they are paragraphs: the 第二十条第（X）项 captions
   * of §二 printed above its small tables, 续表 marks and page numbers between the parts of a
   * joined table (they are not section text).
   */
  tableParagraphs: Set<number>;
}

/**
 * Classify the tables; consecutive tables of one kind, and an unclassified table that directly
 * follows a classified one (a continuation after a page break), are stacked into one grid.
 */
export function findTables(blocks: Block[], messages: Message[]): FoundTables {
  const tables: { block: number; table: Table; index: number; kind: TableKind | null }[] = [];
  let index = 0;
  blocks.forEach((b, i) => {
    if (b.kind === 'table' && b.role === 'body') tables.push({ block: i, table: b, index: index++, kind: classifyTable(b) });
  });
  const parts: Partial<Record<TableKind, number[]>> = {};
  let prev: { kind: TableKind | null; block: number } | null = null;
  for (const t of tables) {
    let kind = t.kind;
    if (kind === null && prev?.kind && onlyBlankBetween(blocks, prev.block, t.block)) kind = prev.kind;
    if (kind) {
      const list = (parts[kind] ??= []);
      const contiguous = prev?.kind === kind && onlyBlankBetween(blocks, prev.block, t.block);
      if (list.length === 0 || contiguous) list.push(t.index);
      else {
        messages.push({
          code: 'table-duplicate',
          message: `another ${kind} table (table ${t.index + 1}) was found after the first one and ignored`,
          path: kind,
        });
      }
    }
    prev = { kind, block: t.block };
  }
  const tableParagraphs = new Set<number>();
  for (const kind of Object.keys(parts) as TableKind[]) {
    const list = parts[kind]!;
    const first = tables[list[0]!]!.block;
    const last = tables[list[list.length - 1]!]!.block;
    for (let i = first + 1; i < last; i++) if (blocks[i]!.kind === 'paragraph') tableParagraphs.add(i);
    // captions directly above the first part
    for (let i = first - 1; i >= 0; i--) {
      const b = blocks[i]!;
      if (b.kind !== 'paragraph') break;
      const key = labelKey(b.text);
      if (key === '') continue;
      if (!CAPTION.test(key)) break;
      tableParagraphs.add(i);
    }
  }
  const grids: Partial<Record<TableKind, Grid>> = {};
  for (const kind of Object.keys(parts) as TableKind[]) {
    const list = parts[kind]!;
    grids[kind] = joinParts(kind, mapped(list, (i) => ({ grid: expandTable(tables[i]!.table, i, messages), index: i })), messages);
  }
  return { grids, parts, tableParagraphs };
}

/** A §二 block caption (label key). */
const CAPTION = /^第二十条第?[一二三四五六七八九十]+项$/;

/** A 续表 mark or a page number (label key: no spaces, no punctuation). */
const CONTINUATION = /^(续表|续上表|接上表|续|\d{1,4}|第\d{1,4}页(共\d{1,4}页)?|共\d{1,4}页第\d{1,4}页)$/;

function onlyBlankBetween(blocks: Block[], a: number, b: number): boolean {
  for (let i = a + 1; i < b; i++) {
    const x = blocks[i]!;
    if (x.kind === 'table') return false;
    const key = labelKey(x.text);
    // a block caption printed between the small tables of section 二, a 续表 mark or a page
    // number left in the body flow at a page break do not break it
    if (x.role === 'body' && key.length > 0 && !CAPTION.test(key) && !CONTINUATION.test(key)) return false;
  }
  return true;
}
