/**
 * Element tree → model blocks, as a browser would lay the page out in reading order.
 *
 *  - Block elements (p, div, li, h1–h6, …) end a paragraph; <br> outside tables ends one too
 *    (pages that separate paragraphs with <br><br>); h1–h6 give headingLevel. Whitespace is
 *    collapsed as HTML renders it (a line break between two Chinese characters disappears);
 *    &nbsp; is kept; paragraphs that are blank (&nbsp;, <o:p></o:p>) are dropped.
 *  - A data table → a Table block: rows of origin cells with rowspan/colspan (bounded by LIMITS);
 *    cell text = its paragraphs and <br> lines joined by "\n"; a table nested in a cell gives its
 *    text (rows "\n", cells "\t"). A layout table (it holds other tables, or has one column) is
 *    not a table of the report: its cells are read as page content.
 *  - Rows Word adds for column widths (height 0, every cell blank) are dropped. A row that
 *    stacks several sub-rows with <br> in its cells (every multi-line cell has the same N lines,
 *    one of them all numbers) becomes N rows; its one-line cells span them.
 *  - Grid columns a few pixels wide (cell widths that disagree by a pixel or two, Word's slivers)
 *    are removed when no cell lies only in them, so that a value is under the header it is
 *    printed under.
 *  - A row still open at the end of the file (a page cut off by a crawler) is dropped, never read
 *    from half a row; the table is reported as truncated.
 */
import { LIMITS, type Block, type Cell, type Message } from '../../model.js';
import { textOf, type HElement, type HNode } from './dom.js';

const BLOCK = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section', 'article',
  'header', 'footer', 'main', 'aside', 'nav', 'center', 'form', 'fieldset', 'address', 'figure', 'figcaption', 'pre',
  'hr', 'table', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot', 'caption', 'body', 'html', 'legend', 'details', 'summary',
]);
const HEADING: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const IGNORE = new Set(['img', 'input', 'map', 'area', 'audio', 'video', 'canvas', 'colgroup', 'col', 'wbr']);
const CJK = /[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\uf900-\ufaff]/;
const BR = '\u0001';

/** Collapse HTML whitespace; a run containing a line break between CJK characters vanishes. */
export function collapse(raw: string): string {
  const s = raw.replace(/[ \t\n\r\f]+/g, (run, offset: number, all: string) => {
    if (/[\n\r]/.test(run)) {
      const before = all[offset - 1] ?? '';
      const after = all[offset + run.length] ?? '';
      if (CJK.test(before) && CJK.test(after)) return '';
    }
    return ' ';
  });
  return s
    .split(BR)
    .map((line) => line.replace(/^ +| +$/g, ''))
    .join('\n');
}

const isBlank = (s: string): boolean => s.replace(/[\s\u00a0\u3000\u200b\ufeff]/g, '') === '';

/** Short lines of page furniture that sit inside some content containers. */
const CHROME_LINE =
  /^(?:[【[]?(?:打印本页|打印|关闭窗口|关闭|返回顶部|返回|收藏|分享到|字号|大|中|小|默认|正文)[】\]]?[\s|｜:：]*)+$|^(?:发布(?:日期|时间)|信息来源|来源|浏览次数|访问次数|阅读次数|点击数|点击量|责任编辑|编辑|作者)[:：]/;

export interface BlocksResult {
  blocks: Block[];
  /** A table of the page is cut off (ends inside it). */
  truncatedTables: number;
  droppedHalfRows: number;
}

interface Ctx {
  messages: Message[];
  tables: number;
  truncatedTables: number;
  droppedHalfRows: number;
  tooManyTables: boolean;
}

function attrNumber(v: string | undefined): number | null {
  if (v === undefined) return null;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : null;
}


/** A cell's width in CSS pixels (width attribute or style), or null. */
function widthOf(el: HElement): number | null {
  const style = /(?:^|;)\s*width\s*:\s*([\d.]+)\s*(px|pt|cm|mm|in)?/i.exec(el.attrs.style ?? '');
  if (style) {
    const v = Number.parseFloat(style[1]!);
    const unit = (style[2] ?? 'px').toLowerCase();
    const f = unit === 'pt' ? 4 / 3 : unit === 'cm' ? 96 / 2.54 : unit === 'mm' ? 96 / 25.4 : unit === 'in' ? 96 : 1;
    if (Number.isFinite(v)) return v * f;
  }
  const w = el.attrs.width;
  if (w !== undefined && /^\s*[\d.]+\s*(px)?\s*$/i.test(w)) return Number.parseFloat(w);
  return null;
}

function isHiddenRow(tr: HElement, cells: HElement[]): boolean {
  const h = tr.attrs.height;
  const zeroHeight = (h !== undefined && /^\s*0+(\.0*)?\s*(px)?\s*$/.test(h)) || /(?:^|;)\s*height\s*:\s*0+(\.0*)?\s*(px|pt|cm)?\s*(;|$)/i.test(tr.attrs.style ?? '');
  if (!zeroHeight && !cells.every((c) => /border\s*:\s*none/i.test(c.attrs.style ?? ''))) return false;
  return cells.every((c) => isBlank(textOf(c, 200)));
}

/** Children rows of a table (through thead/tbody/tfoot, not into nested tables). */
function tableRows(table: HElement): HElement[] {
  const rows: HElement[] = [];
  for (const c of table.children) {
    if (c.type !== 'el') continue;
    if (c.name === 'tr') rows.push(c);
    else if (c.name === 'tbody' || c.name === 'thead' || c.name === 'tfoot') {
      for (const r of c.children) if (r.type === 'el' && r.name === 'tr') rows.push(r);
    }
  }
  return rows;
}

function rowCells(tr: HElement): HElement[] {
  return tr.children.filter((c): c is HElement => c.type === 'el' && (c.name === 'td' || c.name === 'th'));
}

function hasNestedTable(el: HElement): boolean {
  const todo: HNode[] = [...el.children];
  while (todo.length) {
    const n = todo.pop()!;
    if (n.type !== 'el') continue;
    if (n.name === 'table') return true;
    todo.push(...n.children);
  }
  return false;
}

const TABLE_MARKERS = /本年新收|信息内容|申请人情况|行政复议|第二十条|予以公开|结转下年度/;

/** A table that lays out the page rather than holding data. */
export function isLayoutTable(table: HElement): boolean {
  const rows = tableRows(table);
  let width = 0;
  let cells = 0;
  for (const r of rows) {
    const cs = rowCells(r);
    cells += cs.length;
    width = Math.max(width, cs.reduce((w, c) => w + spanAttr(c.attrs.colspan, LIMITS.maxTableColumns), 0));
  }
  if (width <= 1) return true;
  if (!hasNestedTable(table)) return false;
  if (cells <= 20) return true;
  // a big table with tables inside: layout if the report's tables are among them
  for (const r of rows) {
    for (const c of rowCells(r)) {
      for (const n of c.children) {
        if (n.type === 'el' && (n.name === 'table' || hasNestedTable(n)) && TABLE_MARKERS.test(textOf(n, 20000).replace(/\s/g, ''))) return true;
      }
    }
  }
  return false;
}

/** Paragraph builder: collects inline text and emits paragraphs at block boundaries. */
class Flow {
  text = '';
  level: number | null = null;
  readonly paras: { text: string; level: number | null }[] = [];
  constructor(readonly max: number) {}
  add(s: string): void {
    if (this.text.length < this.max) this.text += s.slice(0, this.max - this.text.length);
  }
  flush(): void {
    const t = collapse(this.text);
    this.text = '';
    if (!isBlank(t)) this.paras.push({ text: t, level: this.level });
  }
}

export function toBlocks(container: HElement, messages: Message[]): BlocksResult {
  const ctx: Ctx = { messages, tables: 0, truncatedTables: 0, droppedHalfRows: 0, tooManyTables: false };
  const blocks: Block[] = [];
  const flow = new Flow(LIMITS.maxParagraphTextChars);
  const emit = (): void => {
    flow.flush();
    for (const p of flow.paras) {
      if (p.text.length <= 40 && CHROME_LINE.test(p.text.replace(/\s/g, ''))) continue;
      blocks.push({ kind: 'paragraph', text: p.text, headingLevel: p.level, page: null, role: 'body' });
    }
    flow.paras.length = 0;
  };

  const walk = (node: HNode, level: number | null): void => {
    if (node.type === 'text') {
      flow.add(node.text);
      return;
    }
    const name = node.name;
    if (IGNORE.has(name)) return;
    if (name === 'br') {
      emit();
      return;
    }
    if (name === 'table') {
      emit();
      if (isLayoutTable(node)) {
        for (const c of node.children) walk(c, level);
        emit();
        return;
      }
      const t = buildTable(node, ctx, 0);
      if (t.caption) blocks.push({ kind: 'paragraph', text: t.caption, headingLevel: null, page: null, role: 'body' });
      if (t.rows.length > 0) blocks.push({ kind: 'table', rows: t.rows, page: null, role: 'body' });
      return;
    }
    const block = BLOCK.has(name);
    const hl = HEADING[name] ?? level;
    if (block) {
      emit();
      flow.level = hl;
    }
    for (const c of node.children) walk(c, hl);
    if (block) {
      emit();
      flow.level = level;
    }
  };
  walk(container, null);
  emit();
  return { blocks, truncatedTables: ctx.truncatedTables, droppedHalfRows: ctx.droppedHalfRows };
}

/** A cell's text: its paragraphs and <br> lines joined with "\n"; nested tables as text. */
function cellText(cell: HElement, ctx: Ctx, nesting: number): string {
  const lines: string[] = [];
  let cur = '';
  let total = 0;
  const max = LIMITS.maxCellTextChars;
  const add = (s: string): void => {
    if (total >= max) return;
    const part = s.slice(0, max - total);
    cur += part;
    total += part.length;
  };
  const end = (): void => {
    const t = collapse(cur);
    cur = '';
    if (!isBlank(t)) lines.push(t);
  };
  const walk = (n: HNode): void => {
    if (n.type === 'text') return add(n.text);
    if (IGNORE.has(n.name)) return;
    if (n.name === 'br') return add(BR);
    if (n.name === 'table') {
      end();
      if (nesting + 1 >= LIMITS.maxTableNesting) {
        ctx.messages.push({ code: 'html.table-too-deep', message: `a table nested more than ${LIMITS.maxTableNesting} deep was ignored`, path: null });
        return;
      }
      const t = buildTable(n, ctx, nesting + 1);
      const text = t.rows.map((r) => r.map((x) => x.text).join('\t')).join('\n');
      if (!isBlank(text)) lines.push(text);
      return;
    }
    const block = BLOCK.has(n.name);
    if (block) end();
    for (const c of n.children) walk(c);
    if (block) end();
  };
  for (const c of cell.children) walk(c);
  end();
  return lines.join('\n');
}

interface RawCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  width: number | null;
}

function buildTable(table: HElement, ctx: Ctx, nesting: number): { rows: Cell[][]; caption: string | null } {
  ctx.tables++;
  if (ctx.tables > LIMITS.maxTables) {
    if (!ctx.tooManyTables) ctx.messages.push({ code: 'html.too-many-tables', message: `the page has more than ${LIMITS.maxTables} tables; the rest were ignored`, path: null });
    ctx.tooManyTables = true;
    return { rows: [], caption: null };
  }
  const captionEl = table.children.find((c): c is HElement => c.type === 'el' && c.name === 'caption');
  const caption = captionEl ? collapse(textOf(captionEl, 2000)).trim() || null : null;
  let rows: RawCell[][] = [];
  let cells = 0;
  let dropped = 0;
  let half = false;
  for (const tr of tableRows(table)) {
    const els = rowCells(tr);
    if (tr.unclosed) {
      // the file ends inside this row: never read half a row
      half = true;
      break;
    }
    if (els.length === 0 || isHiddenRow(tr, els)) continue;
    if (rows.length >= LIMITS.maxTableRows || cells + els.length > LIMITS.maxTableCells) {
      dropped++;
      continue;
    }
    cells += els.length;
    rows.push(
      els.map((c) => ({
        text: cellText(c, ctx, nesting),
        rowSpan: spanAttr(c.attrs.rowspan, LIMITS.maxTableRows),
        colSpan: spanAttr(c.attrs.colspan, LIMITS.maxTableColumns),
        width: widthOf(c),
      })),
    );
  }
  if (dropped) {
    ctx.messages.push({ code: 'html.table-too-large', message: `a table has more than ${LIMITS.maxTableRows} rows or ${LIMITS.maxTableCells} cells; ${dropped} row(s) beyond that were ignored`, path: null });
  }
  if (half || table.unclosed) {
    ctx.truncatedTables++;
    if (half) ctx.droppedHalfRows++;
  }
  rows = splitStackedRows(rows);
  removeSlivers(rows);
  return { rows: rows.map((r) => r.map((c) => ({ text: c.text, rowSpan: c.rowSpan, colSpan: c.colSpan, page: null }))), caption };
}

const NUMERIC_LINE = /^[\s\u00a0]*[-+]?[\d,，.．]+[\s\u00a0]*$/;
/** A blank mark printed in a value cell: /, —, -, ×, 无 … */
const MARK_LINE = /^[\s\u00a0]*(?:[/／\\—–\-－─―~～×*＊]{1,4}|无)[\s\u00a0]*$/;
const valueLine = (x: string): boolean => NUMERIC_LINE.test(x) || MARK_LINE.test(x) || isBlank(x);

/**
 * A row whose cells stack N sub-rows with line breaks ("1.属于国家秘密<br>2.…" next to
 * "0<br>3<br>…") becomes N rows. Only when every cell with more than one line has exactly N
 * lines, at least two cells do, one of them is all values (numbers, blank marks such as / — 无)
 * and one is not (the labels); one-line cells span the N rows.
 */
function splitStackedRows(rows: RawCell[][]): RawCell[][] {
  const out: RawCell[][] = [];
  /** For each INPUT row, the cells (from earlier rows) whose rowSpan covers it, in input rows. */
  const covering: RawCell[][] = [];
  rows.forEach((row, i) => {
    const lines = row.map((c) => c.text.split('\n'));
    const multi = lines.filter((l) => l.length > 1);
    const n = multi[0]?.length ?? 1;
    const stacked =
      multi.length >= 2 &&
      n <= 100 &&
      multi.every((l) => l.length === n) &&
      multi.some((l) => l.every(valueLine) && l.some((x) => !isBlank(x))) &&
      multi.some((l) => !l.every(valueLine)) &&
      row.every((c) => c.rowSpan === 1);
    if (!stacked) {
      out.push(row);
      for (const c of row) for (let k = 1; k < c.rowSpan && i + k < rows.length; k++) (covering[i + k] ??= []).push(c);
      return;
    }
    // cells of earlier rows that span into this row now span its N sub-rows
    for (const c of covering[i] ?? []) c.rowSpan += n - 1;
    for (let k = 0; k < n; k++) {
      out.push(
        row.flatMap((c, j) => {
          const l = lines[j]!;
          if (l.length === n) return [{ ...c, text: l[k]!.trim() }];
          return k === 0 ? [{ ...c, rowSpan: n }] : [];
        }),
      );
    }
  });
  return out;
}

/**
 * Remove grid columns a few pixels wide in which no cell lies alone (Word's slivers where two
 * rows' cell edges differ by a pixel), when the cells' widths say so.
 */
function removeSlivers(rows: RawCell[][]): void {
  const maxCols = LIMITS.maxTableColumns;
  // place the cells on the grid
  const placed: { cell: RawCell; col: number }[] = [];
  const taken: boolean[][] = [];
  let width = 0;
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (c < maxCols && taken[r]?.[c]) c++;
      if (c >= maxCols) return;
      const cs = Math.min(cell.colSpan, maxCols - c);
      for (let dr = 0; dr < cell.rowSpan && r + dr < rows.length; dr++) {
        const line = (taken[r + dr] ??= []);
        for (let dc = 0; dc < cs; dc++) line[c + dc] = true;
      }
      placed.push({ cell, col: c });
      c += cs;
      width = Math.max(width, c);
    }
  });
  if (width < 3 || width > 64 || placed.some((p) => p.cell.width === null && p.cell.colSpan > 1)) return;
  // solve column widths: single-column cells first, then spans with one unknown column
  const colW: (number | null)[] = new Array(width).fill(null);
  for (const p of placed) if (p.cell.colSpan === 1 && p.cell.width !== null && colW[p.col] === null) colW[p.col] = p.cell.width;
  for (let pass = 0; pass < width; pass++) {
    let progress = false;
    for (const p of placed) {
      if (p.cell.width === null || p.cell.colSpan < 2) continue;
      const cols = Array.from({ length: Math.min(p.cell.colSpan, width - p.col) }, (_, k) => p.col + k);
      const unknown = cols.filter((c) => colW[c] === null);
      if (unknown.length !== 1) continue;
      const rest = cols.reduce((s, c) => s + (colW[c] ?? 0), 0);
      colW[unknown[0]!] = Math.max(0, p.cell.width - rest);
      progress = true;
    }
    if (!progress) break;
  }
  const total = colW.reduce<number>((s, w) => s + (w ?? 0), 0);
  const alone = new Set(placed.filter((p) => p.cell.colSpan === 1).map((p) => p.col));
  const slivers = colW
    .map((w, c) => (w !== null && w <= Math.max(4, total * 0.01) && !alone.has(c) ? c : -1))
    .filter((c) => c >= 0);
  if (slivers.length === 0) return;
  for (const p of placed) {
    const covered = slivers.filter((s) => s >= p.col && s < p.col + p.cell.colSpan).length;
    p.cell.colSpan = Math.max(1, p.cell.colSpan - covered);
  }
}

/** A rowspan/colspan attribute: at least 1, at most `max` (the file's spans are not trusted). */
export function spanAttr(v: string | undefined, max: number): number {
  if (v === undefined) return 1;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}
