/**
 * The layout variants of bundled samples (scripts/make-layout-samples.ts): each rewrites the
 * word/document.xml of a sample DOCX (and adds parts where it needs them) into a real-world Word
 * layout that hides or splits the report's tables, without changing what a reader sees printed,
 * so that its canonical fields are the base sample's.
 */
import {
  PAGE_BREAK_BEFORE,
  escapeXml,
  joinBody,
  layoutTable,
  plain,
  rowCells,
  splitBody,
  table,
  tableParts,
  type Body,
} from './xml.js';

export interface Parts {
  [name: string]: string;
}

export interface LayoutVariant {
  /** samples/<name>.docx */
  name: string;
  /** The bundled sample it rewrites (samples/<base>.docx). */
  base: string;
  /** Which case of issue 9 it covers. */
  case: string;
  description: string;
  /**
   * Canonical fields (dotted paths) the variant changes on purpose, with why; none of the
   * variants here changes one: what is printed is the base sample's.
   */
  intendedDifferences: Record<string, string>;
  /** Rewrites the package's XML parts (by name) in place. */
  transform: (parts: Parts) => void;
  /**
   * The parts to print the PDF twin from, when they differ from the DOCX (tracked changes: the
   * twin is printed from the accepted copy; see make-layout-samples.ts).
   */
  pdfTransform?: (parts: Parts) => void;
}

/** Text width of the samples' pages (A4, margins 1531 + 1417 twips). */
const TEXT_WIDTH = 8958;

const tblWidth = (tbl: string): number => Number(/<w:tblW w:type="dxa" w:w="(\d+)"\/>/.exec(tbl)?.[1] ?? TEXT_WIDTH);

const isTable = (item: string) => item.startsWith('<w:tbl>');
const findTable = (b: Body, marker: string): number => {
  const i = b.items.findIndex((x) => isTable(x) && plain(x).includes(marker));
  if (i < 0) throw new Error(`no table holding ${marker}`);
  return i;
};
const findPara = (b: Body, marker: string): number => {
  const i = b.items.findIndex((x) => x.startsWith('<w:p') && plain(x).includes(marker));
  if (i < 0) throw new Error(`no paragraph holding ${marker}`);
  return i;
};

function editBody(parts: Parts, f: (b: Body) => void): void {
  const xml = parts['word/document.xml'];
  if (!xml) throw new Error('no word/document.xml');
  const b = splitBody(xml);
  f(b);
  parts['word/document.xml'] = joinBody(b);
}

// ---------------------------------------------------------------------------------------------
// Runs

/** The run (w:r) of `fragment` whose w:t holds `target`, as [start, end, rPr, its text]. */
function findRun(fragment: string, target: string, from = 0): { start: number; end: number; rPr: string; t: string } {
  const re = /<w:r>(<w:rPr>.*?<\/w:rPr>)?<w:t(?: xml:space="preserve")?>([^<]*)<\/w:t><\/w:r>/g;
  re.lastIndex = from;
  for (let m = re.exec(fragment); m; m = re.exec(fragment)) {
    const t = m[2] ?? '';
    if (t.includes(escapeXml(target))) return { start: m.index, end: m.index + m[0].length, rPr: m[1] ?? '', t };
  }
  throw new Error(`no run holding ${target}`);
}

const run = (rPr: string, t: string): string => (t === '' ? '' : `<w:r>${rPr}<w:t xml:space="preserve">${t}</w:t></w:r>`);
const REV = 'w:author="审核人" w:date="2024-01-10T09:00:00Z"';

/**
 * Splits the run holding `target` into [before][wrap(target)][after]: wrap gets the run's rPr and
 * the (escaped) target text and returns what replaces it.
 */
function wrapInRun(fragment: string, target: string, wrap: (rPr: string, t: string) => string, from = 0): string {
  const r = findRun(fragment, target, from);
  const t = escapeXml(target);
  const at = r.t.indexOf(t);
  const replaced = run(r.rPr, r.t.slice(0, at)) + wrap(r.rPr, t) + run(r.rPr, r.t.slice(at + t.length));
  return fragment.slice(0, r.start) + replaced + fragment.slice(r.end);
}

/** A tracked replacement: `deleted` struck out, then the printed `target` inserted. */
const revision = (id: number, deleted: string) => (rPr: string, t: string) =>
  `<w:del w:id="${id}" ${REV}><w:r>${rPr}<w:delText xml:space="preserve">${escapeXml(deleted)}</w:delText></w:r></w:del>` +
  `<w:ins w:id="${id + 1}" ${REV}>${run(rPr, t)}</w:ins>`;

/** A complex field: begin, instruction, separate, the printed result, end. */
const complexField = (instr: string) => (rPr: string, t: string) =>
  `<w:r>${rPr}<w:fldChar w:fldCharType="begin"/></w:r><w:r>${rPr}<w:instrText xml:space="preserve"> ${escapeXml(instr)} </w:instrText></w:r>` +
  `<w:r>${rPr}<w:fldChar w:fldCharType="separate"/></w:r>${run(rPr, t)}<w:r>${rPr}<w:fldChar w:fldCharType="end"/></w:r>`;

const simpleField = (instr: string) => (rPr: string, t: string) => `<w:fldSimple w:instr=" ${escapeXml(instr)} ">${run(rPr, t)}</w:fldSimple>`;

let sdtId = 100;
const sdt = (content: string, tag: string): string =>
  `<w:sdt><w:sdtPr><w:alias w:val="${tag}"/><w:tag w:val="${tag}"/><w:id w:val="${sdtId++}"/></w:sdtPr><w:sdtContent>${content}</w:sdtContent></w:sdt>`;

// ---------------------------------------------------------------------------------------------
// Tables

/** Index of the first row of a table whose text holds `marker`. */
function rowIndex(rows: string[], marker: string): number {
  const i = rows.findIndex((r) => plain(r).includes(marker));
  if (i < 0) throw new Error(`no row holding ${marker}`);
  return i;
}

/** Rewrites cell `k` (0-based, among the row's w:tc) of a row. */
function editCell(tr: string, k: number, f: (tc: string) => string): string {
  const { props, cells } = rowCells(tr);
  const tc = cells[k];
  if (tc === undefined) throw new Error(`row has no cell ${k}`);
  cells[k] = f(tc);
  return `<w:tr>${props}${cells.join('')}</w:tr>`;
}

/** §三 rows with their 总计 cell last: value rows (those with 7 numbers at the end). */
function valueRows(rows: string[]): number[] {
  const out: number[] = [];
  rows.forEach((r, i) => {
    const { cells } = rowCells(r);
    const last = cells.slice(-7).map((c) => plain(c));
    if (last.length === 7 && last.every((x) => /^\d[\d,]*$/.test(x))) out.push(i);
  });
  return out;
}

/** A deleted table row as Word writes it: w:trPr/w:del, each cell's runs inside w:del. */
function deletedRow(tr: string, id: number, values: string[]): string {
  const { cells } = rowCells(tr);
  let v = 0;
  const tcs = cells.map((tc) => {
    const text = plain(tc);
    if (text === '') return tc;
    const printed = /^\d[\d,]*$/.test(text) ? (values[v++] ?? text) : text;
    const r = findRun(tc, text);
    return tc.slice(0, r.start) + `<w:del w:id="${id++}" ${REV}><w:r>${r.rPr}<w:delText xml:space="preserve">${escapeXml(printed)}</w:delText></w:r></w:del>` + tc.slice(r.end);
  });
  return `<w:tr><w:trPr><w:del w:id="${id}" ${REV}/></w:trPr>${tcs.join('')}</w:tr>`;
}

/** The 2019/2021 §二 table as small tables, its 第二十条第（X）项 caption rows as paragraphs between them. */
function splitActive(b: Body): void {
  const i = findTable(b, '第二十条');
  const { props, rows } = tableParts(b.items[i] as string);
  const out: string[] = [];
  let cur: string[] = [];
  const flush = () => {
    // kept on one page (Word: "keep with next" on every row but the last)
    const rows = cur.map((r, k) => (k < cur.length - 1 ? r.replaceAll('<w:pPr>', '<w:pPr><w:keepNext/>') : r));
    if (rows.length) out.push(table({ props, rows }));
    cur = [];
  };
  for (const r of rows) {
    const cells = rowCells(r).cells;
    if (cells.length === 1 && /^第二十条/.test(plain(r))) {
      flush();
      out.push(`<w:p><w:pPr><w:keepNext/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${escapeXml(plain(r))}</w:t></w:r></w:p>`);
    } else cur.push(r);
  }
  flush();
  if (out.filter(isTable).length < 4) throw new Error('§二 did not split into at least four tables');
  b.items.splice(i, 1, ...out);
  // the header rows of §四 marked as repeating (Word: "repeat as header row"), §三 on a new page
  const k = findTable(b, '行政诉讼');
  const f = tableParts(b.items[k] as string);
  const firstValues = f.rows.findIndex((r) => rowCells(r).cells.some((c) => /^\d+$/.test(plain(c))));
  f.rows = f.rows.map((r, n) => (n < firstValues ? r.replace('<w:tr>', '<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>') : r));
  b.items[k] = table(f);
  // §三 on a new page
  const h = findPara(b, '收到和处理政府信息公开申请');
  b.items[h] = (b.items[h] as string).replace(/<w:pPr>(<w:pStyle [^>]*\/>)?/, (m) => `${m}<w:pageBreakBefore/>`);
}

// ---------------------------------------------------------------------------------------------
// Text box, footer

interface BoxPlace {
  /** Twips from the top of the paragraph (relativeFrom paragraph) or of the page. */
  top: number;
  height: number;
  relativeTo: 'paragraph' | 'page';
  /** wrap top and bottom (pushes the text down), or float over it. */
  wrap: boolean;
  id: number;
}

/** A run holding the paragraphs as a floating text box: DrawingML (wps) with a VML fallback, both holding them. */
function textBoxRun(paras: string, at: BoxPlace): string {
  const emu = TEXT_WIDTH * 635;
  const h = at.height * 635;
  const name = `文本框 ${at.id}`;
  const choice =
    `<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="${251659264 + at.id}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">` +
    `<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="margin"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="${at.relativeTo}"><wp:posOffset>${at.top * 635}</wp:posOffset></wp:positionV>` +
    `<wp:extent cx="${emu}" cy="${h}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>${at.wrap ? '<wp:wrapTopAndBottom/>' : '<wp:wrapNone/>'}<wp:docPr id="${at.id}" name="${name}"/><wp:cNvGraphicFramePr/>` +
    `<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">` +
    `<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${emu}" cy="${h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>` +
    `<wps:txbx><w:txbxContent>${paras}</w:txbxContent></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr"><a:noAutofit/></wps:bodyPr></wps:wsp>` +
    `</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>`;
  const vertical = at.relativeTo === 'page' ? ';mso-position-vertical-relative:page' : '';
  const fallback =
    `<mc:Fallback><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>` +
    `<v:shape id="${name}" o:spid="_x0000_s${1025 + at.id}" type="#_x0000_t202" style="position:absolute;margin-left:0;margin-top:${at.top / 20}pt;width:${TEXT_WIDTH / 20}pt;height:${at.height / 20}pt;z-index:${251659264 + at.id};mso-position-horizontal-relative:margin${vertical}" filled="f" stroked="f">` +
    `<v:textbox inset="0,0,0,0"><w:txbxContent>${paras}</w:txbxContent></v:textbox>${at.wrap ? '<w10:wrap type="topAndBottom" anchorx="margin"/>' : ''}</v:shape></w:pict></mc:Fallback>`;
  return `<w:r><mc:AlternateContent>${choice}${fallback}</mc:AlternateContent></w:r>`;
}

/** The paragraphs as a text box at the top of an empty paragraph, the text below it. */
const textBoxParagraph = (paras: string): string => `<w:p>${textBoxRun(paras, { top: 0, height: 1100, relativeTo: 'paragraph', wrap: true, id: 1 })}</w:p>`;

/** Page height of the samples (A4) in twips. */
const PAGE_HEIGHT = 16838;

/** Adds word/footer1.xml (第 PAGE 页 共 NUMPAGES 页, centred) to the package and the section. */
function addFooter(parts: Parts): void {
  const ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const rPr = '<w:rPr><w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体"/><w:sz w:val="28"/></w:rPr>';
  const page = complexField('PAGE \\* MERGEFORMAT')(rPr, '1');
  const pages = simpleField('NUMPAGES')(rPr, '1');
  parts['word/footer1.xml'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr ${ns}><w:p><w:pPr><w:jc w:val="center"/></w:pPr>` +
    `${run(rPr, '第 ')}${page}${run(rPr, ' 页 共 ')}${pages}${run(rPr, ' 页')}</w:p></w:ftr>`;
  parts['word/_rels/document.xml.rels'] = (parts['word/_rels/document.xml.rels'] as string).replace(
    '</Relationships>',
    '<Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>',
  );
  parts['[Content_Types].xml'] = (parts['[Content_Types].xml'] as string).replace(
    '</Types>',
    '<Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml" PartName="/word/footer1.xml"/></Types>',
  );
  editBody(parts, (b) => {
    b.sectPr = b.sectPr.replace('<w:sectPr>', '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter1"/>');
  });
}

function addExternalLink(parts: Parts, id: string, url: string): void {
  parts['word/_rels/document.xml.rels'] = (parts['word/_rels/document.xml.rels'] as string).replace(
    '</Relationships>',
    `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="${escapeXml(url)}" TargetMode="External"/></Relationships>`,
  );
}

/** The =SUM(LEFT) fields replaced by the results they print (complex fields and w:fldSimple). */
export function flattenSumFields(xml: string): string {
  const r = '<w:r>(?:(?!<w:r>).)*?';
  const complex = new RegExp(
    `${r}<w:fldChar w:fldCharType="begin"/></w:r>${r}<w:instrText[^>]*> =SUM\\(LEFT\\) </w:instrText></w:r>${r}<w:fldChar w:fldCharType="separate"/></w:r>(.*?)${r}<w:fldChar w:fldCharType="end"/></w:r>`,
    'g',
  );
  return xml.replace(complex, '$1').replace(/<w:fldSimple w:instr=" =SUM\(LEFT\) ">(.*?)<\/w:fldSimple>/g, '$1');
}

/** Word's setting to show the document without revision marks (the final, accepted view). */
function hideMarkup(parts: Parts): void {
  parts['word/settings.xml'] = (parts['word/settings.xml'] as string).replace(
    '<w:defaultTabStop',
    '<w:revisionView w:markup="false" w:insDel="false"/><w:defaultTabStop',
  );
}

// ---------------------------------------------------------------------------------------------
// The variants

const none = {};

/**
 * §三 as two tables, the second on the next page, cut after the second row of the （三）不予公开
 * group (Word's Split Table, the header rows repeated); §四 on a new page when `section4OnNewPage`
 * (else it starts at the foot of page 4, where LibreOffice breaks its last header row inside the
 * wrapped 总计 of its last column).
 */
function splitApplications(b: Body, section4OnNewPage: boolean): void {
  const i = findTable(b, '本年新收');
  const { props, rows } = tableParts(b.items[i] as string);
  const header = rowIndex(rows, '本年新收');
  const cut = rowIndex(rows, '危及“三安全一稳定”');
  const second = rows.slice(0, header).map((r) => r.replace('<w:tr>', '<w:tr><w:trPr><w:tblHeader/></w:trPr>'));
  // Word's Split Table: the cells of a vertical merge cut at the split start anew, empty
  const first = (rows[cut] as string).replaceAll('<w:vMerge w:val="continue"/>', '<w:vMerge w:val="restart"/>');
  b.items.splice(i, 1, table({ props, rows: rows.slice(0, cut) }), PAGE_BREAK_BEFORE, table({ props, rows: [...second, first, ...rows.slice(cut + 1)] }));
  if (!section4OnNewPage) return;
  const h = findPara(b, '行政复议、行政诉讼情况');
  b.items[h] = (b.items[h] as string).replace(/<w:pPr>(<w:pStyle [^>]*\/>)?/, (m) => `${m}<w:pageBreakBefore/>`);
}

/**
 * §二 as small tables (splitActive), the (六) caption on a new page after a spacer of `spacer`
 * twips (exact line height), its table allowed to break: LibreOffice breaks it right after its
 * header row, left alone at the foot of the page (with the header row marked as repeating,
 * LibreOffice moves the whole table to the next page instead).
 */
export function headerAtFoot(b: Body, caption: string, spacer: number): void {
  splitActive(b);
  const c = findPara(b, caption);
  b.items[c] = (b.items[c] as string).replace('<w:keepNext/>', '');
  const t = b.items.findIndex((x, k) => k > c && isTable(x));
  b.items[t] = (b.items[t] as string).replaceAll('<w:keepNext/>', '');
  b.items.splice(c, 0, `<w:p><w:pPr><w:pageBreakBefore/><w:spacing w:before="0" w:after="0" w:line="${spacer}" w:lineRule="exact"/></w:pPr></w:p>`);
}

/** Each report table nested alone in a one-cell layout table (ruled or not). */
const nestEach = (bordered: boolean) => (parts: Parts) =>
  editBody(parts, (b) => {
    b.items = b.items.map((x) => (isTable(x) ? layoutTable([x], [tblWidth(x)], bordered) : x));
  });

/** The report tables, with the headings between them, in the one cell of a layout table. */
const nestAll = (bordered: boolean) => (parts: Parts) =>
  editBody(parts, (b) => {
    const first = b.items.findIndex(isTable);
    const last = b.items.length - 1 - [...b.items].reverse().findIndex(isTable);
    const inside = b.items.slice(first, last + 1);
    b.items.splice(first, inside.length, layoutTable([inside.join('')], [Math.max(...inside.filter(isTable).map(tblWidth))], bordered));
  });

/** The whole body in the one cell of a page-wide layout table. */
const bodyInCell = (bordered: boolean) => (parts: Parts) =>
  editBody(parts, (b) => {
    b.items = [layoutTable([b.items.join('')], [TEXT_WIDTH], bordered)];
  });

/** The whole body in the right cell of a two-column page table whose narrow left column is empty. */
const bodyInRightColumn = (bordered: boolean) => (parts: Parts) =>
  editBody(parts, (b) => {
    const w = Math.max(TEXT_WIDTH, ...b.items.filter(isTable).map(tblWidth));
    b.items = [layoutTable(['', b.items.join('')], [400, w], bordered)];
  });

export const LAYOUT_VARIANTS: LayoutVariant[] = [
  {
    name: 'layout-nested-each-yunxi-2023',
    base: 'invented-2021-clean-yunxi-2023',
    case: '1',
    description: 'each of the three report tables nested alone in a borderless one-cell layout table',
    intendedDifferences: none,
    transform: nestEach(false),
  },
  {
    name: 'layout-nested-all-qinghe-2020',
    base: 'invented-2019-clean-qinghe-2020',
    case: '1',
    description: 'all three report tables, with the headings of §三 and §四 between them, in the one cell of a borderless layout table',
    intendedDifferences: none,
    transform: nestAll(false),
  },
  {
    name: 'layout-body-cell-lushaer-2022',
    base: 'seed-000-lushaer-2022',
    case: '2',
    description: 'the whole body (title, headings, paragraphs, the three tables, signature) in the one cell of a borderless 1×1 page table',
    intendedDifferences: none,
    transform: bodyInCell(false),
  },
  {
    name: 'layout-body-2col-zhegou-2022',
    base: 'seed-003-zhegou-2022',
    case: '2',
    description: 'the whole body in the right cell of a borderless two-column page table whose narrow left column is empty',
    intendedDifferences: none,
    transform: bodyInRightColumn(false),
  },
  {
    name: 'bordered-nested-each-yunxi-2023',
    base: 'invented-2021-clean-yunxi-2023',
    case: '1',
    description: 'each of the three report tables nested alone in a one-cell layout table WITH borders (a ruled frame around each table, sharing its sides)',
    intendedDifferences: none,
    transform: nestEach(true),
  },
  {
    name: 'bordered-nested-all-qinghe-2020',
    base: 'invented-2019-clean-qinghe-2020',
    case: '1',
    description: 'all three report tables, with the headings of §三 and §四 between them, in the one cell of a layout table WITH borders (a ruled frame over two pages whose sides the report tables share)',
    intendedDifferences: none,
    transform: nestAll(true),
  },
  {
    name: 'bordered-body-cell-lushaer-2022',
    base: 'seed-000-lushaer-2022',
    case: '2',
    description: 'the whole body in the one cell of a 1×1 page table WITH borders (a ruled frame around every page, the paragraphs and headings in its cell)',
    intendedDifferences: none,
    transform: bodyInCell(true),
  },
  {
    name: 'bordered-body-2col-zhegou-2022',
    base: 'seed-003-zhegou-2022',
    case: '2',
    description: 'the whole body in the right cell of a two-column page table WITH borders whose narrow left column is empty (a ruled empty column beside the body on every page)',
    intendedDifferences: none,
    transform: bodyInRightColumn(true),
  },
  {
    name: 'split-header-qinghe-2020',
    base: 'invented-2019-clean-qinghe-2020',
    case: '3',
    description:
      '§二 (2019 layout) as small tables with the 第二十条第（X）项 captions as paragraphs between them (layout-captions-qinghe-2020), the (六) caption on a new page below a ' +
      '11700-twip spacer: LibreOffice breaks the (六) table right after its header row, left alone at the foot of page 2, its two rows on page 3',
    intendedDifferences: none,
    transform: (parts) => editBody(parts, (b) => headerAtFoot(b, '第二十条第（六）项', 11700)),
  },
  {
    name: 'layout-split-songlin-2022',
    base: 'invented-pagebreak-songlin-2022',
    case: '3',
    description:
      '§三 as two tables, the second on the next page (a 1-point paragraph with a page break before between them), cut after the second row of the （三）不予公开 group; §四 on a new page, the second repeating the three header rows (no group label above its first rows)',
    intendedDifferences: none,
    transform: (parts) => editBody(parts, (b) => splitApplications(b, true)),
  },
  {
    name: 'split-total-songlin-2022',
    base: 'invented-pagebreak-songlin-2022',
    case: '4',
    description:
      'layout-split-songlin-2022 without the page break before §四: §四 starts at the foot of page 4 and LibreOffice breaks its last header row inside the wrapped 总计 ' +
      'of its last column (总 on page 4, 计 alone above the values on page 5)',
    intendedDifferences: none,
    transform: (parts) => editBody(parts, (b) => splitApplications(b, false)),
  },
  {
    name: 'layout-captions-nanchuan-2022',
    base: 'invented-renamed-nanchuan-2022',
    case: '4',
    description: '§二 (2021 layout) as four small tables with the 第二十条第（X）项 captions as paragraphs between them, each kept on one page; §三 on a new page',
    intendedDifferences: none,
    transform: (parts) => editBody(parts, splitActive),
  },
  {
    name: 'layout-captions-qinghe-2020',
    base: 'invented-2019-clean-qinghe-2020',
    case: '4',
    description: '§二 (2019 layout) as five small tables with the 第二十条第（X）项 captions as paragraphs between them, each kept on one page; §三 on a new page',
    intendedDifferences: none,
    transform: (parts) => editBody(parts, splitActive),
  },
  {
    name: 'layout-textbox-revisions-jinchuan-2023',
    base: 'invented-vertical-jinchuan-2023',
    case: '5',
    description:
      'the title in a floating text box (DrawingML wps:txbx with a VML v:textbox fallback holding the same paragraph); tracked changes left in: ' +
      'a §三 value cell and a body sentence each with a deletion and the insertion printed instead, and a deleted §三 row',
    intendedDifferences: none,
    transform: (parts) => {
      editBody(parts, (b) => {
        b.items[0] = textBoxParagraph(b.items[0] as string);
        // body text: "1270" replaced a struck-out "1207"
        const p = findPara(b, '全年新收政府信息公开申请1270件');
        b.items[p] = wrapInRun(b.items[p] as string, '1270', revision(901, '1207'));
        // §三: the first value of 一、本年新收 replaced a struck-out value, and a deleted row
        const i = findTable(b, '本年新收');
        const t = tableParts(b.items[i] as string);
        const r = rowIndex(t.rows, '本年新收');
        t.rows[r] = editCell(t.rows[r] as string, 1, (tc) => wrapInRun(tc, plain(tc), revision(903, String(Number(plain(tc)) + 7))));
        const g = rowIndex(t.rows, '予以公开');
        const dup = deletedRow(t.rows[g + 1] as string, 910, ['9', '8', '7', '6', '5', '4', '39']);
        t.rows.splice(g + 1, 0, dup);
        b.items[i] = table(t);
      });
      hideMarkup(parts);
    },
  },
  {
    name: 'layout-fields-sdt-yunxi-2023',
    base: 'invented-2021-clean-yunxi-2023',
    case: '5',
    description:
      'fields: a HYPERLINK complex field and a w:hyperlink in §一, PAGE/NUMPAGES in the footer, and — PAGE — in a text box at the foot of the last page anchored in the body, ' +
      '=SUM(LEFT) in every §三 总计 cell (complex fields and w:fldSimple in turn, the result printed); content controls (w:sdt) around ' +
      'the §二 table, around a §三 row, around a §四 cell and inline around runs',
    intendedDifferences: none,
    transform: (parts) => {
      sdtId = 100;
      addExternalLink(parts, 'rIdLink1', 'http://www.yunxi.gov.cn/xxgk/');
      editBody(parts, (b) => {
        const p1 = findPara(b, '全年通过政府门户网站');
        b.items[p1] = wrapInRun(b.items[p1] as string, '政府门户网站', complexField('HYPERLINK "http://www.yunxi.gov.cn/" \\t "_blank"'));
        const p2 = findPara(b, '政务新媒体统一纳入监管');
        b.items[p2] = wrapInRun(b.items[p2] as string, '政务新媒体', (rPr, t) => `<w:hyperlink r:id="rIdLink1" w:history="1">${run(rPr, t)}</w:hyperlink>`);
        const p3 = findPara(b, '严格落实公开前保密审查');
        b.items[p3] = wrapInRun(b.items[p3] as string, '保密审查', (rPr, t) => sdt(run(rPr, t), '审查'));
        // §三: SUM(LEFT) in every 总计 cell; a content control around the 上年结转 row and a value
        const i = findTable(b, '本年新收');
        const t = tableParts(b.items[i] as string);
        valueRows(t.rows).forEach((r, n) => {
          const cells = rowCells(t.rows[r] as string).cells.length;
          t.rows[r] = editCell(t.rows[r] as string, cells - 1, (tc) => wrapInRun(tc, plain(tc), (n % 2 ? simpleField : complexField)('=SUM(LEFT)')));
        });
        const c = rowIndex(t.rows, '上年结转');
        t.rows[c] = sdt(t.rows[c] as string, '上年结转');
        const g = rowIndex(t.rows, '予以公开');
        t.rows[g] = editCell(t.rows[g] as string, 3, (tc) => wrapInRun(tc, plain(tc), (rPr, x) => sdt(run(rPr, x), '数值')));
        b.items[i] = table(t);
        // §四: a content control around a whole cell (w:sdt holding the w:tc)
        const k = findTable(b, '行政诉讼');
        const f = tableParts(b.items[k] as string);
        const last = f.rows.length - 1;
        const { props, cells } = rowCells(f.rows[last] as string);
        cells[2] = sdt(cells[2] as string, '复议纠正');
        f.rows[last] = `<w:tr>${props}${cells.join('')}</w:tr>`;
        b.items[k] = table(f);
        // §二: a content control around the whole table
        const a = findTable(b, '第二十条');
        b.items[a] = sdt(b.items[a] as string, '主动公开表');
        // a PAGE field alone in a paragraph of a text box floating at the foot of the page,
        // anchored in the last body paragraph (the date)
        const pr = '<w:rPr><w:sz w:val="28"/></w:rPr>';
        const pageNo = `<w:p><w:pPr><w:jc w:val="center"/></w:pPr>${run(pr, '— ')}${complexField('PAGE')(pr, '3')}${run(pr, ' —')}</w:p>`;
        const end = b.items.length - 1;
        const box = textBoxRun(pageNo, { top: PAGE_HEIGHT - 800, height: 400, relativeTo: 'page', wrap: false, id: 2 });
        b.items[end] = (b.items[end] as string).replace(/<\/w:p>$/, `${box}</w:p>`);
      });
      addFooter(parts);
    },
    // LibreOffice computes =SUM(LEFT) itself when it loads the file and, in rows whose label cells
    // are merged, sums another range than Word (e.g. 380 for 予以公开 where Word prints 408): the
    // twin is printed from a copy whose SUM fields are replaced by the results the DOCX holds
    pdfTransform: (parts) => {
      parts['word/document.xml'] = flattenSumFields(parts['word/document.xml'] as string);
    },
  },
];

