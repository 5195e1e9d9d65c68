/**
 * Self-check for the generated DOCX files: reads word/document.xml back (a minimal reader, for
 * the self-check only), rebuilds the blocks — paragraphs with their heading level, tables as
 * origin cells with colSpan (w:gridSpan), rowSpan (w:vMerge restart + continues) and text
 * direction, borderless tables, paragraphs with w:pageBreakBefore — and
 * compares them with the sample's blocks. Also checks that every table row covers the grid
 * (rows with fewer cells are reported, they are intended only for V16 rows).
 */
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import { strFromU8, unzipSync } from 'fflate';
import type { SampleBlock, SampleCell } from './types.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function children(n: Node, local?: string): Element[] {
  const out: Element[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1) {
      const e = c as Element;
      if (e.namespaceURI === W && (local === undefined || e.localName === local)) out.push(e);
    }
  }
  return out;
}

function child(n: Node, local: string): Element | undefined {
  return children(n, local)[0];
}

function attr(e: Element | undefined, name: string): string | null {
  return e ? e.getAttributeNS(W, name) : null;
}

function paragraphText(p: Element): string {
  let s = '';
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      const e = c as Element;
      if (e.namespaceURI !== W) continue;
      if (e.localName === 't') s += e.textContent ?? '';
      else if (e.localName === 'br') s += '\n';
      else if (e.localName === 'tab') s += '\t';
      else if (e.localName !== 'pPr' && e.localName !== 'rPr') walk(e);
    }
  };
  walk(p);
  return s;
}

interface ReadCell {
  text: string;
  colSpan: number;
  rowSpan: number;
  /** w:textDirection, when the cell has one */
  textDirection?: string;
}
type ReadBlock =
  | { kind: 'paragraph'; text: string; headingLevel: number | null; pageBreakBefore: boolean }
  | { kind: 'table'; grid: number; rows: ReadCell[][]; shortRows: number[]; borderless: boolean; minRowHeights: Record<number, number> };

/** True when `borders` (w:tblBorders / w:tcBorders) sets every side it names to none/nil and names at least one. */
function allNone(borders: Element | undefined): boolean {
  if (!borders) return false;
  const sides = children(borders);
  return sides.length > 0 && sides.every((e) => ['none', 'nil'].includes(attr(e, 'val') ?? ''));
}

function readTable(tbl: Element): ReadBlock {
  const grid = children(child(tbl, 'tblGrid') ?? tbl, 'gridCol').length;
  const rows: ReadCell[][] = [];
  const shortRows: number[] = [];
  /** grid column → origin cell currently open for vertical merge */
  const open = new Map<number, ReadCell>();
  const tblPr = child(tbl, 'tblPr');
  let borderless = allNone(tblPr ? child(tblPr, 'tblBorders') : undefined);
  const minRowHeights: Record<number, number> = {};
  children(tbl, 'tr').forEach((tr, ri) => {
    const trPr = child(tr, 'trPr');
    const trHeight = trPr ? child(trPr, 'trHeight') : undefined;
    if (trHeight && attr(trHeight, 'hRule') === 'atLeast') minRowHeights[ri] = Number(attr(trHeight, 'val'));
    const row: ReadCell[] = [];
    let col = 0;
    for (const tc of children(tr, 'tc')) {
      const pr = child(tc, 'tcPr');
      const span = Number(attr(pr ? child(pr, 'gridSpan') : undefined, 'val') ?? '1');
      const vm = pr ? child(pr, 'vMerge') : undefined;
      const vmVal = vm ? (attr(vm, 'val') ?? 'continue') : null;
      if (!allNone(pr ? child(pr, 'tcBorders') : undefined)) borderless = false;
      if (vmVal === 'continue') {
        const origin = open.get(col);
        if (!origin) throw new Error(`row ${ri}: vMerge continue without an origin at column ${col}`);
        origin.rowSpan += 1;
      } else {
        const text = children(tc, 'p').map(paragraphText).join('\n');
        const cell: ReadCell = { text, colSpan: span, rowSpan: 1 };
        const dir = attr(pr ? child(pr, 'textDirection') : undefined, 'val');
        if (dir) cell.textDirection = dir;
        row.push(cell);
        if (vmVal === 'restart') open.set(col, cell);
        else open.delete(col);
      }
      col += span;
    }
    if (col > grid) throw new Error(`row ${ri} spans ${col} columns, grid has ${grid}`);
    if (col < grid) shortRows.push(ri);
    rows.push(row);
  });
  return { kind: 'table', grid, rows, shortRows, borderless, minRowHeights };
}

export function readDocx(bytes: Uint8Array): ReadBlock[] {
  const files = unzipSync(bytes);
  const xml = files['word/document.xml'];
  if (!xml) throw new Error('no word/document.xml');
  const doc = new DOMParser().parseFromString(strFromU8(xml), 'text/xml');
  const body = child(doc.documentElement as unknown as Node, 'body');
  if (!body) throw new Error('no w:body');
  const out: ReadBlock[] = [];
  for (const e of children(body)) {
    if (e.localName === 'p') {
      const pPr = child(e, 'pPr');
      const style = attr(pPr ? child(pPr, 'pStyle') : undefined, 'val');
      const m = style ? /^Heading(\d)$/.exec(style) : null;
      const pb = pPr ? child(pPr, 'pageBreakBefore') : undefined;
      const pageBreakBefore = pb !== undefined && !['0', 'false', 'off'].includes(attr(pb, 'val') ?? 'true');
      // the empty paragraph that only carries the properties of a section ending there (SampleDef.sections)
      if (pPr && child(pPr, 'sectPr') && paragraphText(e) === '') continue;
      out.push({ kind: 'paragraph', text: paragraphText(e), headingLevel: m ? Number(m[1]) : null, pageBreakBefore });
    } else if (e.localName === 'tbl') out.push(readTable(e));
  }
  return out;
}

/** Differences between the blocks read back from the DOCX and the sample's blocks. */
export function compareRoundtrip(bytes: Uint8Array, blocks: SampleBlock[]): { errors: string[]; shortRows: number } {
  const read = readDocx(bytes);
  const errors: string[] = [];
  let shortRows = 0;
  // The builder adds an empty paragraph between two adjacent tables; drop those.
  const expected: SampleBlock[] = [];
  blocks.forEach((b, i) => {
    expected.push(b);
    if (b.kind === 'table' && blocks[i + 1]?.kind === 'table') expected.push({ kind: 'paragraph', text: '', headingLevel: null });
  });
  if (read.length !== expected.length) errors.push(`block count ${read.length} ≠ ${expected.length}`);
  const norm = (c: SampleCell) => ({
    text: c.text,
    colSpan: c.colSpan ?? 1,
    rowSpan: c.rowSpan ?? 1,
    ...(c.textDirection ? { textDirection: c.textDirection } : {}),
  });
  for (let i = 0; i < Math.min(read.length, expected.length); i++) {
    const r = read[i]!;
    const x = expected[i]!;
    if (r.kind !== x.kind) {
      errors.push(`block ${i}: ${r.kind} ≠ ${x.kind}`);
      continue;
    }
    if (r.kind === 'paragraph' && x.kind === 'paragraph') {
      if (r.text !== x.text) errors.push(`block ${i}: text ${JSON.stringify(r.text.slice(0, 40))} ≠ ${JSON.stringify(x.text.slice(0, 40))}`);
      if (r.headingLevel !== x.headingLevel) errors.push(`block ${i}: heading ${r.headingLevel} ≠ ${x.headingLevel}`);
      if (r.pageBreakBefore !== (x.pageBreakBefore ?? false)) errors.push(`block ${i}: pageBreakBefore ${r.pageBreakBefore} ≠ ${x.pageBreakBefore ?? false}`);
    } else if (r.kind === 'table' && x.kind === 'table') {
      shortRows += r.shortRows.length;
      if (r.grid !== x.columnWidths.length) errors.push(`block ${i}: grid ${r.grid} ≠ ${x.columnWidths.length}`);
      const a = JSON.stringify(r.rows);
      const b = JSON.stringify(x.rows.map((row) => row.map(norm)));
      if (a !== b) errors.push(`block ${i}: table cells differ`);
      if (JSON.stringify(r.minRowHeights) !== JSON.stringify(x.minRowHeights ?? {}))
        errors.push(`block ${i}: row heights ${JSON.stringify(r.minRowHeights)} ≠ ${JSON.stringify(x.minRowHeights ?? {})}`);
      if (r.borderless !== (x.borders === 'none')) errors.push(`block ${i}: borderless ${r.borderless} ≠ ${x.borders === 'none'}`);
    }
  }
  return { errors, shortRows };
}
