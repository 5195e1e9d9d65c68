/**
 * PDFs the way Chromium prints a report web page ("Save as PDF", Skia/PDF), from model blocks
 * (e.g. what the DOCX extractor reads of a sample), for the PDF extractor's fixtures and twins.
 * No browser is needed: the page is laid out here the way Chrome lays out the CMS page of
 * test/helpers/html-pages.ts on A4 at 96 dpi, and written with mini-pdf.ts.
 *
 *  - Content as Skia writes it: one `0.75 0 0 -0.75 0 H cm` (CSS pixels, y downwards), text with
 *    flipped text matrices (`1 0 0 -1 x y Tm`), fill colours set per object, no stroked lines.
 *  - Paragraphs wrapped to the text column (CJK breaks anywhere, Latin words kept whole, closing
 *    punctuation hung at the line end), first-line indent 2em; the report title centred.
 *  - Tables: the automatic column-width algorithm (content widths, min widths, spans), CJK text
 *    wrapped inside cell widths and centred, rows never split, a table broken across pages only
 *    between rows that no row span crosses, the header rows (<thead>) repeated on the next page.
 *  - borders 'skia': every side of every cell a separate filled 1px rectangle or closed path, the
 *    edges two cells share drawn twice, half-pixel offsets and widths that differ by side;
 *    'none': CSS border:0, the text of the cells in the same places, no rulings at all.
 *  - headerFooter: Chrome's header and footer lines on every page (date and time top left, the
 *    page <title> top centre, the URL bottom left, "1/5" bottom right).
 *  - chrome: the site printed around the report: logo line with links, a nav bar on a filled
 *    band, the breadcrumb, the sidebar of OTHER years' reports (stacked above the article at print
 *    width, or below it as "相关阅读"), the 信息索引 table (索引号/发布机构/发布日期), the title as <h1>, the article info line,
 *    print/close and share links, and the footer with 网站标识码/ICP.
 *  - textLayer 'radicals': the text layer says CJK Radicals Supplement / Kangxi radical code
 *    points (⺠ for 民, ⻓ for 长, ⻔ for 门, ⺝ for 月, ⼀ for 一 …) where the page shows the
 *    ideograph; 'spaced': it says "本 年 新 收" (a space after every ideograph) where the page
 *    shows 本年新收. Both come from the font's /ToUnicode map; the glyphs and their places are
 *    those of the plain text.
 *
 * Byte-deterministic: no clock, no randomness.
 */
import type { Block, Cell, Paragraph, Table } from '../../src/model.js';
import { miniPdf, type MiniPage } from './mini-pdf.js';

export interface BrowserPdfOptions {
  borders: 'skia' | 'none';
  headerFooter: boolean;
  chrome: boolean;
  /** What the text layer says for some glyphs (the page looks the same). */
  radicals?: boolean;
  spaced?: boolean;
  /** Repeat the header rows of a table broken across pages (default true). */
  thead?: boolean;
  /** Header line date (default "2024/1/22 10:05") and footer URL. */
  printedAt?: string;
  url?: string;
  /** The site's name (logo, <title> suffix, footer). */
  site?: string;
  /** The years of the OTHER reports in the sidebar (default 2019, 2018, 2017). */
  sidebarYears?: number[];
  /** Where the sidebar lands in print: stacked above the article (default) or below it ("相关阅读"). */
  sidebarAt?: 'top' | 'bottom';
}

// ---------------------------------------------------------------------------------------------
// Page geometry (CSS px; 1px = 0.75pt)

const PAGE_W = 794;
const PAGE_H = 1123;
const MARGIN = 38; // Chrome's default margins (~1 cm)
const LEFT = MARGIN;
const RIGHT = PAGE_W - MARGIN;
const TOP = MARGIN;
const BOTTOM = PAGE_H - MARGIN;
const WIDTH = RIGHT - LEFT;

const BODY = { size: 16, line: 28, gap: 8 };
const CELL = { size: 14, line: 20, padX: 5, padY: 4 };

// Helvetica advance widths (AFM, per 1000 em) for the ASCII characters written in F1.
const HELV: Record<string, number> = {
  ' ': 278, '!': 278, '"': 355, '#': 556, $: 556, '%': 889, '&': 667, "'": 191, '(': 333, ')': 333, '*': 389, '+': 584, ',': 278,
  '-': 333, '.': 278, '/': 278, ':': 278, ';': 278, '<': 584, '=': 584, '>': 584, '?': 556, '@': 1015, '[': 278, '\\': 278,
  ']': 278, '^': 469, _: 556, '`': 333, '{': 334, '|': 260, '}': 334, '~': 584,
  A: 667, B: 667, C: 722, D: 722, E: 667, F: 611, G: 778, H: 722, I: 278, J: 500, K: 667, L: 556, M: 833, N: 722, O: 778,
  P: 667, Q: 778, R: 722, S: 667, T: 611, U: 722, V: 667, W: 944, X: 667, Y: 667, Z: 611,
  a: 556, b: 556, c: 500, d: 556, e: 556, f: 278, g: 556, h: 556, i: 222, j: 222, k: 500, l: 222, m: 833, n: 556, o: 556,
  p: 556, q: 556, r: 333, s: 500, t: 278, u: 556, v: 500, w: 722, x: 500, y: 500, z: 500,
};

const isAscii = (ch: string) => ch.charCodeAt(0) <= 0x7e;
const charWidth = (ch: string, size: number) => (isAscii(ch) ? ((HELV[ch] ?? 556) * size) / 1000 : size);
const textWidth = (s: string, size: number) => [...s].reduce((w, ch) => w + charWidth(ch, size), 0);

/** The ideographs a 'radicals' text layer replaces: unified → radical code point. */
export const RADICAL_OF: Readonly<Record<string, string>> = {
  民: '\u2EA0', 龙: '\u2EF0', 长: '\u2ED3', 门: '\u2ED4', 马: '\u2EE2', 车: '\u2ECB', 西: '\u2EC4', 见: '\u2EC5', 页: '\u2EDA',
  风: '\u2EDB', 飞: '\u2EDC', 齐: '\u2EEC', 黄: '\u2EE9', 贝: '\u2EC9', 青: '\u2ED8', 雨: '\u2ED7', 食: '\u2EDD', 角: '\u2EC6',
  月: '\u2E9D', 母: '\u2E9F', 王: '\u2EA9', 示: '\u2EAC', 鬼: '\u2EE4', 骨: '\u2EE3', 麦: '\u2EE8', 鱼: '\u2EE5', 鸟: '\u2EE6',
  // Kangxi radicals (U+2F00–U+2FD5)
  一: '\u2F00', 人: '\u2F08', 日: '\u2F47', 工: '\u2F2F', 大: '\u2F24', 行: '\u2F8F', 子: '\u2F26', 山: '\u2F2D', 水: '\u2F54',
  文: '\u2F42', 方: '\u2F45', 生: '\u2F63', 用: '\u2F64', 田: '\u2F65', 立: '\u2F74', 言: '\u2F94', 走: '\u2F9B',
};

const isIdeograph = (ch: string) => /[\u3400-\u9fff]/u.test(ch);

// ---------------------------------------------------------------------------------------------
// Drawing (content stream operators, px coordinates inside the page's flip)

const fmt = (n: number) => {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

class Canvas {
  ops: string[] = [];
  /** Which font writes CJK text: F2, or F4 (with the odd /ToUnicode). */
  constructor(private readonly cjkFont: 'F2' | 'F4') {}

  /** Text with its left edge at x and its baseline at y (px). */
  text(x: number, y: number, s: string, size: number, color = '0 0 0'): void {
    let seg = '';
    let segAscii = false;
    let segX = x;
    let cur = x;
    const flush = () => {
      if (seg === '') return;
      const font = segAscii ? 'F1' : this.cjkFont;
      const str = segAscii ? `(${seg.replace(/[\\()]/g, (c) => `\\${c}`)})` : ucs2(seg);
      this.ops.push(`BT ${color} rg /${font} ${fmt(size)} Tf 1 0 0 -1 ${fmt(segX)} ${fmt(y)} Tm ${str} Tj ET`);
      seg = '';
    };
    for (const ch of s) {
      const a = isAscii(ch);
      if (seg !== '' && a !== segAscii) flush();
      if (seg === '') {
        segAscii = a;
        segX = cur;
      }
      seg += ch;
      cur += charWidth(ch, size);
    }
    flush();
  }

  rect(x: number, y: number, w: number, h: number, color = '0 0 0'): void {
    this.ops.push(`${color} rg ${fmt(x)} ${fmt(y)} ${fmt(w)} ${fmt(h)} re f`);
  }

  /** A rectangle as a closed path (how Skia writes some borders). */
  pathRect(x: number, y: number, w: number, h: number, color = '0 0 0'): void {
    this.ops.push(`${color} rg ${fmt(x)} ${fmt(y)} m ${fmt(x + w)} ${fmt(y)} l ${fmt(x + w)} ${fmt(y + h)} l ${fmt(x)} ${fmt(y + h)} l h f`);
  }
}

function ucs2(s: string): string {
  let h = '';
  for (let i = 0; i < s.length; i++) h += s.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${h}>`;
}

// ---------------------------------------------------------------------------------------------
// Line breaking

const NO_LINE_START = /^[，。、；：！？）》」』”’%．,.;:!?)\]]$/u;

/** Break text into lines no wider than `width` (the first `firstIndent` narrower). */
export function wrap(text: string, size: number, width: number, firstIndent = 0): string[] {
  const tokens = text.match(/[!-~]+|\s|[^\s!-~]/gu) ?? [];
  const lines: string[] = [];
  let line = '';
  let w = 0;
  let avail = width - firstIndent;
  for (const tok of tokens) {
    const tw = textWidth(tok, size);
    if (line !== '' && w + tw > avail + 0.01 && !NO_LINE_START.test(tok)) {
      lines.push(line.trimEnd());
      line = '';
      w = 0;
      avail = width;
      if (/^\s$/u.test(tok)) continue;
    }
    line += tok;
    w += tw;
  }
  if (line.trim() !== '' || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Tables

interface PlacedCell {
  cell: Cell | null;
  r: number;
  c: number;
  rs: number;
  cs: number;
}

/** Cells with their grid places (explicit columns honoured; gaps get placeholder cells). */
function gridCells(t: Table): { cells: PlacedCell[]; ncols: number; nrows: number } {
  const taken: boolean[][] = [];
  const cells: PlacedCell[] = [];
  t.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken[r]?.[c]) c++;
      const want = cell.col ?? c;
      while (c < want) {
        if (!taken[r]?.[c]) cells.push({ cell: null, r, c, rs: 1, cs: 1 });
        c++;
        while (taken[r]?.[c]) c++;
      }
      const rs = Math.max(1, Math.min(cell.rowSpan, t.rows.length - r));
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cell.colSpan; dc++) (taken[r + dr] ??= [])[c + dc] = true;
      cells.push({ cell, r, c, rs, cs: cell.colSpan });
      c += cell.colSpan;
    }
  });
  // a row with fewer cells than the table's columns just ends (nothing is drawn after its last cell)
  const ncols = Math.max(1, ...cells.map((p) => p.c + p.cs));
  return { cells, ncols, nrows: t.rows.length };
}

interface TableLayout {
  xs: number[]; // column edges, px from the table's left
  heights: number[]; // row heights
  cells: PlacedCell[];
  lines: Map<PlacedCell, string[]>;
  header: number; // leading rows repeated on every page (<thead>)
}

function layoutTable(t: Table, width: number, thead: boolean): TableLayout {
  const { cells, ncols, nrows } = gridCells(t);
  const pad = 2 * CELL.padX + 1;
  const natural = (p: PlacedCell) => Math.max(0, ...(p.cell?.text ?? '').split('\n').map((l) => textWidth(l.trim(), CELL.size))) + pad;
  const minimum = (p: PlacedCell) =>
    Math.max(CELL.size, ...((p.cell?.text ?? '').match(/[!-~]+|[^\s!-~]/gu) ?? []).map((tok) => textWidth(tok, CELL.size))) + pad;
  const pref = Array.from({ length: ncols }, () => pad + CELL.size);
  const min = Array.from({ length: ncols }, () => pad + CELL.size);
  for (const p of cells) if (p.cs === 1) {
    pref[p.c] = Math.max(pref[p.c]!, natural(p));
    min[p.c] = Math.max(min[p.c]!, minimum(p));
  }
  for (const p of cells) if (p.cs > 1) {
    const span = (a: number[]) => a.slice(p.c, p.c + p.cs).reduce((s, v) => s + v, 0);
    const dp = natural(p) - span(pref);
    if (dp > 0) for (let k = p.c; k < p.c + p.cs; k++) pref[k]! += dp / p.cs;
    const dm = minimum(p) - span(min);
    if (dm > 0) for (let k = p.c; k < p.c + p.cs; k++) min[k]! += dm / p.cs;
  }
  for (let k = 0; k < ncols; k++) pref[k] = Math.max(pref[k]!, min[k]!);
  const sumPref = pref.reduce((s, v) => s + v, 0);
  const sumMin = min.reduce((s, v) => s + v, 0);
  let widths: number[];
  if (sumPref <= width) widths = pref.map((v) => v + ((width - sumPref) * v) / sumPref);
  else if (sumMin < width) {
    const flex = sumPref - sumMin;
    widths = min.map((m, k) => m + ((width - sumMin) * (pref[k]! - m)) / flex);
  } else widths = min.map((m) => (m * width) / sumMin);
  const xs = [0];
  for (const w of widths) xs.push(xs[xs.length - 1]! + w);

  const lines = new Map<PlacedCell, string[]>();
  const heights = Array.from({ length: nrows }, () => CELL.line + 2 * CELL.padY);
  for (const p of cells) {
    const inner = xs[p.c + p.cs]! - xs[p.c]! - pad;
    const ls = (p.cell?.text ?? '').split('\n').flatMap((l) => (l.trim() === '' ? [] : wrap(l.trim(), CELL.size, inner)));
    lines.set(p, ls);
    if (p.rs === 1) heights[p.r] = Math.max(heights[p.r]!, Math.max(1, ls.length) * CELL.line + 2 * CELL.padY);
  }
  for (const p of cells) if (p.rs > 1) {
    const need = Math.max(1, lines.get(p)!.length) * CELL.line + 2 * CELL.padY;
    const have = heights.slice(p.r, p.r + p.rs).reduce((s, v) => s + v, 0);
    if (need > have) heights[p.r + p.rs - 1]! += need - have;
  }
  return { xs, heights, cells, lines, header: thead ? headerRows(t) : 0 };
}

/** Leading rows without any number (the header), when short and followed by rows with numbers. */
function headerRows(t: Table): number {
  const i = t.rows.findIndex((row) => row.some((c) => /^\s*\d+\s*$/.test(c.text)));
  if (i <= 0 || i > 4 || i >= t.rows.length / 2) return 0;
  // a row span may not cross out of the header
  const crossing = t.rows.slice(0, i).some((row, r) => row.some((c) => r + c.rowSpan > i));
  return crossing ? 0 : i;
}

// ---------------------------------------------------------------------------------------------
// Pages

class Pager {
  pages: Canvas[] = [];
  y = TOP;
  constructor(private readonly cjkFont: 'F2' | 'F4') {
    this.newPage();
  }
  get page(): Canvas {
    return this.pages[this.pages.length - 1]!;
  }
  newPage(): void {
    this.pages.push(new Canvas(this.cjkFont));
    this.y = TOP;
  }
  /** Make room for h px (a new page when it does not fit, unless the page is empty). */
  need(h: number): void {
    if (this.y + h > BOTTOM && this.y > TOP) this.newPage();
  }
}

function drawParagraph(pg: Pager, text: string, opts: { size?: number; line?: number; align?: 'left' | 'center'; indent?: number; gap?: number; x0?: number; width?: number; color?: string } = {}): void {
  const size = opts.size ?? BODY.size;
  const lh = opts.line ?? Math.round(size * 1.75);
  const x0 = opts.x0 ?? LEFT;
  const width = opts.width ?? WIDTH;
  for (const [k, part] of text.split('\n').entries()) {
    const indent = opts.align === 'center' ? 0 : (opts.indent ?? 2 * size);
    const lines = wrap(part.trim(), size, width, k === 0 ? indent : 0);
    lines.forEach((l, i) => {
      pg.need(lh);
      const w = textWidth(l, size);
      const x = opts.align === 'center' ? x0 + (width - w) / 2 : x0 + (i === 0 && k === 0 ? indent : 0);
      // the baseline sits 0.8 of the font size below the line's top plus half the leading
      pg.page.text(x, pg.y + (lh - size) / 2 + 0.88 * size, l, size, opts.color);
      pg.y += lh;
    });
  }
  pg.y += opts.gap ?? BODY.gap;
}

/** Skia borders of one cell fragment: each side its own fill, 1px wide, half-pixel offsets that differ by side. */
function drawBorders(cv: Canvas, x0: number, y0: number, x1: number, y1: number, r: number, c: number, top: boolean, bottom: boolean): void {
  const w = x1 - x0;
  const h = y1 - y0;
  const odd = (r + c) % 2 === 1;
  if (top) cv.rect(x0 - 0.5, y0 - 0.5, w + 1, 1);
  if (bottom) cv.rect(x0 - 0.5, y1 - (odd ? 0.5 : 0), w + 1, odd ? 1 : 0.8);
  cv.pathRect(x0 - 0.5, y0 - 0.5, 1, h + 1);
  cv.pathRect(x1 - (odd ? 0.5 : 0.4), y0 - 0.5, odd ? 1 : 0.9, h + 1);
}

/**
 * A table, rows placed one after the other and never split; a row that does not fit goes to the
 * next page (after the repeated header rows), also inside a row span: the spanning cell is then
 * drawn in two fragments (no border at the break), its text lines where they fall.
 */
function drawTable(pg: Pager, t: Table, borders: 'skia' | 'none', thead: boolean, x0 = LEFT, width = WIDTH): void {
  const L = layoutTable(t, width, thead);
  const n = L.heights.length;
  const pos: { page: number; y: number }[] = [];
  const repeats: { page: number; y: number }[] = [];
  const headerH = L.heights.slice(0, L.header).reduce((s, v) => s + v, 0);
  for (let r = 0; r < n; r++) {
    const h = L.heights[r]!;
    if (pg.y + h > BOTTOM && pg.y > TOP) {
      pg.newPage();
      if (L.header > 0 && r >= L.header) {
        repeats.push({ page: pg.pages.length - 1, y: pg.y });
        pg.y += headerH;
      }
    }
    pos[r] = { page: pg.pages.length - 1, y: pg.y };
    pg.y += h;
  }
  const paintCell = (p: PlacedCell, rowPos: (r: number) => { page: number; y: number }) => {
    // fragments: runs of the spanned rows on one page
    const segs: { page: number; y0: number; y1: number; off0: number }[] = [];
    let off = 0;
    for (let k = p.r; k < p.r + p.rs; k++) {
      const at = rowPos(k);
      const h = L.heights[k]!;
      const last = segs[segs.length - 1];
      if (last && last.page === at.page) last.y1 = at.y + h;
      else segs.push({ page: at.page, y0: at.y, y1: at.y + h, off0: off });
      off += h;
    }
    const cx0 = x0 + L.xs[p.c]!;
    const cx1 = x0 + L.xs[p.c + p.cs]!;
    segs.forEach((sg, i) => {
      if (borders === 'skia') drawBorders(pg.pages[sg.page]!, cx0, sg.y0, cx1, sg.y1, p.r, p.c, i === 0, i === segs.length - 1);
    });
    const ls = L.lines.get(p)!;
    const textTop = off / 2 - (ls.length * CELL.line) / 2;
    let s = 0;
    let pushed = 0; // lines moved to the next fragment
    ls.forEach((l, i) => {
      let o = textTop + i * CELL.line;
      while (s < segs.length - 1 && o >= segs[s]!.off0 + (segs[s]!.y1 - segs[s]!.y0)) s++;
      let sg = segs[s]!;
      if (o + CELL.line > sg.off0 + (sg.y1 - sg.y0) && s < segs.length - 1) {
        s++;
        sg = segs[s]!;
        pushed = 0;
      }
      if (o < sg.off0) o = sg.off0 + pushed++ * CELL.line;
      const y = sg.y0 + (o - sg.off0);
      const w = textWidth(l, CELL.size);
      pg.pages[sg.page]!.text((cx0 + cx1) / 2 - w / 2, y + (CELL.line - CELL.size) / 2 + 0.88 * CELL.size, l, CELL.size);
    });
  };
  for (const p of L.cells) paintCell(p, (r) => pos[r]!);
  for (const rep of repeats) {
    const tops: number[] = [];
    let y = rep.y;
    for (let r = 0; r < L.header; r++) {
      tops[r] = y;
      y += L.heights[r]!;
    }
    for (const p of L.cells) if (p.r < L.header) paintCell(p, (r) => ({ page: rep.page, y: tops[r]! }));
  }
  pg.y += 12;
}

// ---------------------------------------------------------------------------------------------
// The document

/** The list of OTHER years' reports. */
function drawSidebar(pg: Pager, site: string, years: number[] | undefined, heading: string): void {
  drawParagraph(pg, heading, { size: 16, indent: 0, gap: 2 });
  pg.page.rect(LEFT, pg.y, 200, 2, '0.1 0.37 0.71');
  pg.y += 8;
  for (const y of years ?? [2019, 2018, 2017]) drawParagraph(pg, `· ${site}${y}年政府信息公开工作年度报告`, { size: 14, indent: 0, gap: 0 });
  pg.y += 16;
}

const TITLE = /(信息公开|政务公开).*(年度报告|工作报告|年报)|(年度报告|年报)$/;

/** The report title: the first run of up to 3 short paragraphs that names the report. */
function titleLines(blocks: Block[]): number {
  for (let k = 1; k <= 3 && k <= blocks.length; k++) {
    const lines = blocks.slice(0, k);
    if (!lines.every((b) => b.kind === 'paragraph' && b.text.trim().length <= 40)) break;
    if (TITLE.test(lines.map((b) => (b as Paragraph).text.replace(/\s/g, '')).join(''))) return k;
  }
  return 0;
}

export function browserPdf(blocks: Block[], opts: BrowserPdfOptions): Uint8Array {
  const site = opts.site ?? '某某市人民政府';
  const odd = opts.radicals === true || opts.spaced === true;
  const pg = new Pager(odd ? 'F4' : 'F2');
  const thead = opts.thead ?? true;
  const nTitle = titleLines(blocks);
  const title = nTitle > 0 ? blocks.slice(0, nTitle).map((b) => (b as Paragraph).text.trim()).join('') : '政府信息公开工作年度报告';

  let body = blocks;
  if (opts.chrome) {
    // logo line, nav bar, breadcrumb
    pg.page.text(LEFT, TOP + 26, site, 26, '0.1 0.3 0.6');
    pg.page.text(RIGHT - textWidth('无障碍 | 长者模式 | 登录', 12), TOP + 22, '无障碍 | 长者模式 | 登录', 12);
    pg.y = TOP + 44;
    pg.page.rect(LEFT, pg.y, WIDTH, 34, '0.1 0.37 0.71');
    let nx = LEFT + 24;
    for (const item of ['首页', '政务公开', '政府信息公开', '互动交流', '办事服务']) {
      pg.page.text(nx, pg.y + 23, item, 15, '1 1 1');
      nx += textWidth(item, 15) + 40;
    }
    pg.y += 46;
    drawParagraph(pg, '当前位置：首页 > 政务公开 > 政府信息公开年报', { size: 13, indent: 0, gap: 10, color: '0.4 0.4 0.4' });
    // the sidebar (stacked above the article at print width)
    if (opts.sidebarAt !== 'bottom') drawSidebar(pg, site, opts.sidebarYears, '政府信息公开年报');
    // 信息索引
    const cells = (texts: string[]): Cell[] => texts.map((text) => ({ text, rowSpan: 1, colSpan: 1, page: null }));
    const index: Table = {
      kind: 'table',
      page: null,
      role: 'body',
      rows: [
        cells(['索引号：', '11340000-1234/2099-00001', '发布机构：', `${site}办公室`]),
        cells(['发布日期：', '2099-02-03', '文号：', '某政办〔2099〕1号']),
        cells(['主题分类：', '政务公开', '组配分类：', '政府信息公开年报']),
      ],
    };
    drawTable(pg, index, opts.borders, false);
    drawParagraph(pg, title, { size: 22, align: 'center', gap: 6 });
    drawParagraph(pg, `发布时间：2099-02-03 10:00    来源：${site}办公室    字号：大 中 小`, { size: 12, align: 'center', gap: 16, color: '0.4 0.4 0.4' });
    body = blocks.slice(nTitle);
  }

  body.forEach((b, i) => {
    if (b.kind === 'table') {
      drawTable(pg, b, opts.borders, thead);
      return;
    }
    if (b.text.trim() === '') return;
    if (!opts.chrome && i < nTitle) {
      drawParagraph(pg, b.text, { size: 22, align: 'center', gap: i === nTitle - 1 ? 16 : 0 });
      return;
    }
    const size = b.headingLevel === 1 ? 17 : BODY.size;
    drawParagraph(pg, b.text, { size, line: BODY.line });
  });

  if (opts.chrome) {
    pg.y += 8;
    if (opts.sidebarAt === 'bottom') drawSidebar(pg, site, opts.sidebarYears, '相关阅读');
    drawParagraph(pg, '【打印本页】  【关闭窗口】', { size: 13, indent: 0, gap: 4 });
    drawParagraph(pg, '分享到：微信 微博 QQ空间', { size: 13, indent: 0, gap: 20 });
    pg.need(90);
    pg.page.rect(LEFT, pg.y, WIDTH, 90, '0.93 0.93 0.93');
    pg.y += 12;
    drawParagraph(pg, `主办单位：${site}办公室    网站标识码：3400000001`, { size: 12, align: 'center', gap: 0 });
    drawParagraph(pg, '皖ICP备05001234号    皖公网安备 34010002000001号', { size: 12, align: 'center', gap: 0 });
  }

  // Chrome's header and footer lines
  const total = pg.pages.length;
  if (opts.headerFooter) {
    const pageTitle = `${title}_${site}`;
    const url = opts.url ?? 'https://www.example.gov.cn/xxgk/nb/2099/t20990203_1234567.html';
    pg.pages.forEach((cv, k) => {
      cv.text(20, 20, opts.printedAt ?? '2024/1/22 10:05', 11);
      cv.text(PAGE_W / 2 - textWidth(pageTitle, 11) / 2, 20, pageTitle, 11);
      cv.text(20, PAGE_H - 12, url, 11);
      const n = `${k + 1}/${total}`;
      cv.text(PAGE_W - 20 - textWidth(n, 11), PAGE_H - 12, n, 11);
    });
  }

  // what the text layer says for the CJK glyphs used
  let toUnicode: Map<number, string> | undefined;
  if (odd) {
    toUnicode = new Map();
    const used = new Set<string>();
    for (const cv of pg.pages)
      for (const op of cv.ops)
        for (const m of op.matchAll(/<([0-9a-f]+)> Tj/g)) for (let i = 0; i < m[1]!.length; i += 4) used.add(String.fromCharCode(parseInt(m[1]!.slice(i, i + 4), 16)));
    for (const ch of [...used].sort()) {
      let to = (opts.radicals && RADICAL_OF[ch]) || ch;
      if (opts.spaced && isIdeograph(ch)) to += ' ';
      if (to !== ch) toUnicode.set(ch.charCodeAt(0), to);
    }
  }

  const H = PAGE_H * 0.75;
  const pages: MiniPage[] = pg.pages.map((cv) => ({ content: `q 0.75 0 0 -0.75 0 ${fmt(H)} cm\n${cv.ops.join('\n')}\nQ` }));
  return miniPdf(pages, {
    producer: 'Skia/PDF m120',
    creator: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    mediaBox: [PAGE_W * 0.75, H],
    toUnicode,
  });
}

/** The variants of every sample (samples/browser-pdf/ and the twins of test/browser-pdf.test.ts). */
export const VARIANTS = {
  'skia-chrome': { borders: 'skia', headerFooter: true, chrome: true },
  borderless: { borders: 'none', headerFooter: false, chrome: false },
  'radicals-spaced': { borders: 'skia', headerFooter: true, chrome: false, radicals: true, spaced: true },
  /** Site chrome with the list of other years' reports below the article ("相关阅读"), no header/footer lines, tables broken without repeated header rows. */
  'chrome-no-thead': { borders: 'skia', headerFooter: false, chrome: true, thead: false, sidebarAt: 'bottom' },
} as const satisfies Record<string, BrowserPdfOptions>;
export type VariantName = keyof typeof VARIANTS;
