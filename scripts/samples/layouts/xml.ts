/**
 * String-level helpers for rewriting the word/document.xml that scripts/samples/build.ts writes
 * (the `docx` package: no comments, no CDATA, every prefix declared on the root element), used by
 * scripts/make-layout-samples.ts to wrap, split and decorate the body of a bundled sample.
 */

/** One element of a sequence of sibling elements: its qualified name and [start, end) in the source. */
export interface Span {
  name: string;
  start: number;
  end: number;
}

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)(?:\s[^>]*?)?(\/?)>/g;

/** The sibling elements in xml[from, to) (the content of one element), in order. */
export function elements(xml: string, from: number, to: number): Span[] {
  const out: Span[] = [];
  TAG.lastIndex = from;
  let depth = 0;
  let open: Span | null = null;
  for (let m = TAG.exec(xml); m && m.index < to; m = TAG.exec(xml)) {
    const [, close, name, self] = m as unknown as [string, string, string, string];
    if (close) {
      depth--;
      if (depth === 0 && open) {
        open.end = m.index + m[0].length;
        out.push(open);
        open = null;
      }
    } else if (self) {
      if (depth === 0) out.push({ name, start: m.index, end: m.index + m[0].length });
    } else {
      if (depth === 0) open = { name, start: m.index, end: -1 };
      depth++;
    }
  }
  if (depth !== 0) throw new Error(`unbalanced XML between ${from} and ${to}`);
  return out;
}

/** [start, end) of the content of the element at `s` (between its start and end tags). */
export function inner(xml: string, s: Span): [number, number] {
  const open = xml.indexOf('>', s.start) + 1;
  if (xml[open - 2] === '/') return [open, open];
  return [open, xml.lastIndexOf('</', s.end)];
}

export const text = (xml: string, s: Span): string => xml.slice(s.start, s.end);

/** The children of an element. */
export function childrenOf(xml: string, s: Span): Span[] {
  const [a, b] = inner(xml, s);
  return elements(xml, a, b);
}

/** A document.xml cut into the part before the body's children, the children, and the rest. */
export interface Body {
  head: string;
  /** Body children (w:p, w:tbl, …) without the final w:sectPr. */
  items: string[];
  sectPr: string;
  tail: string;
}

export function splitBody(xml: string): Body {
  const open = xml.indexOf('<w:body>');
  const close = xml.lastIndexOf('</w:body>');
  if (open < 0 || close < 0) throw new Error('no <w:body>');
  const from = open + '<w:body>'.length;
  const kids = elements(xml, from, close);
  const last = kids[kids.length - 1];
  if (!last || last.name !== 'w:sectPr') throw new Error('the body does not end with w:sectPr');
  return { head: xml.slice(0, from), items: kids.slice(0, -1).map((k) => text(xml, k)), sectPr: text(xml, last), tail: xml.slice(close) };
}

export const joinBody = (b: Body): string => b.head + b.items.join('') + b.sectPr + b.tail;

/** The plain text of a fragment (its w:t elements). */
export function plain(fragment: string): string {
  return [...fragment.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

/** A w:tbl cut into its properties (tblPr, tblGrid) and rows. */
export interface TableParts {
  props: string;
  rows: string[];
}

export function tableParts(tbl: string): TableParts {
  const kids = childrenOf(tbl, { name: 'w:tbl', start: 0, end: tbl.length });
  const rows = kids.filter((k) => k.name === 'w:tr').map((k) => text(tbl, k));
  const props = kids.filter((k) => k.name !== 'w:tr').map((k) => text(tbl, k)).join('');
  return { props, rows };
}

export const table = (t: TableParts): string => `<w:tbl>${t.props}${t.rows.join('')}</w:tbl>`;

/** The cells (w:tc) of a row, with the row's properties. */
export function rowCells(tr: string): { props: string; cells: string[] } {
  const kids = childrenOf(tr, { name: 'w:tr', start: 0, end: tr.length });
  return {
    props: kids.filter((k) => k.name !== 'w:tc').map((k) => text(tr, k)).join(''),
    cells: kids.filter((k) => k.name === 'w:tc').map((k) => text(tr, k)),
  };
}

export const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const NO_BORDERS =
  '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>';

/**
 * A borderless layout table of one row whose cells hold the given body fragments (a cell must end
 * with a paragraph: one is added after a trailing table). `widths` in twips, one per cell.
 */
/** Single 1/2-point borders on every side and between cells (a layout table drawn as a frame). */
const SINGLE_BORDERS =
  '<w:tblBorders><w:top w:val="single" w:sz="4" w:color="auto"/><w:left w:val="single" w:sz="4" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:color="auto"/>' +
  '<w:right w:val="single" w:sz="4" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:color="auto"/></w:tblBorders>';

export function layoutTable(cells: string[], widths: number[], bordered = false): string {
  const total = widths.reduce((a, b) => a + b, 0);
  const grid = widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('');
  const tcs = cells.map((c, i) => {
    const content = c === '' || /<\/w:tbl>$/.test(c) ? `${c}<w:p/>` : c;
    return `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${widths[i]}"/></w:tcPr>${content}</w:tc>`;
  });
  return (
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${total}"/><w:jc w:val="center"/>${bordered ? SINGLE_BORDERS : NO_BORDERS}` +
    `<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>` +
    `<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>${grid}</w:tblGrid><w:tr>${tcs.join('')}</w:tr></w:tbl>`
  );
}

/** A 1-point empty paragraph that starts a new page (keeps two tables apart without taking room). */
export const PAGE_BREAK_BEFORE =
  '<w:p><w:pPr><w:pageBreakBefore/><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>';
