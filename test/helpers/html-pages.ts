/**
 * Renders report content (model blocks, e.g. what the DOCX extractor reads from a sample) as the
 * kinds of web page reports are published in, for the HTML extractor's fixtures and twins:
 *
 *  - 'cms': a content-management article page with full site chrome (header, navigation,
 *    breadcrumb, a sidebar of OTHER years' reports, a 信息索引 table with its own 发布机构 and
 *    发布日期, share and print buttons, footer with 网站标识码/ICP/公安备案, scripts); the title is
 *    an <h1> above the content container, which is found by content (its id is random-ish).
 *  - 'word': Word "Save as Web Page" (mso styles, <o:p>, conditional comments, &nbsp; blanks,
 *    widths, the zero-height last row, lines wrapped with CRLF inside the text).
 *  - 'nested': an old layout of nested <table>s, the report's tables inside layout tables,
 *    paragraphs separated by <br><br>.
 *  - 'minimal': a bare fragment (no <html>), <table border="1">, <th> header rows, <br> in cells.
 *  - 'wps': WPS Office "另存为网页" (double-spaced attributes, <!--StartFragment-->, every run of
 *    a cell split into its own <span><font face> — labels cut between spans, numbers in a
 *    'Times New Roman' span — mso-spacerun, <o:p>&nbsp;</o:p> blanks, no zero-height row).
 *  - 'modern': a minimal modern (X)HTML page (<section>, <thead> of <th>, <br />), where
 *    `stack` puts the sub-rows of a merged group into one <tr> with <br /> lines.
 *
 * encodePage() writes UTF-8 or GBK bytes (a GBK encoder built from the platform's GB18030
 * decoder); toMht() wraps a page into a MIME web archive.
 */
import type { Block, Cell, Paragraph, Table } from '../../src/model.js';

export type PageStyle = 'cms' | 'word' | 'nested' | 'minimal' | 'wps' | 'modern';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const isTitle = (b: Block): b is Paragraph => b.kind === 'paragraph' && /(信息公开|政务公开).*(年度报告|工作报告|年报)|(年度报告|年报)$/.test(b.text.replace(/\s/g, ''));

/** Insert CRLF line wraps inside long CJK text (Word's HTML does; a browser shows nothing there). */
function wrapCjk(s: string, every = 37): string {
  let out = '';
  let n = 0;
  const chars = [...s];
  for (const [i, ch] of chars.entries()) {
    out += ch;
    n++;
    // between two Chinese characters, where a browser shows nothing for the line break
    if (n >= every && /[\u4e00-\u9fff]/.test(ch) && /[\u4e00-\u9fff]/.test(chars[i + 1] ?? '')) {
      out += '\r\n';
      n = 0;
    }
  }
  return out.replace(/\r\n$/, '');
}

/** WPS writes each run in its own span: labels cut at their numbering, digits in a Latin font. */
function wpsRuns(text: string, size: string): string {
  const runs = text.match(/[（(][一二三四五六七八九十\d]+[）)]|[\d][\d,.]*|[^\d（(]+|[（(]/g) ?? [];
  return runs
    .map((r) =>
      /^[\d,.]+$/.test(r)
        ? `<span style="mso-spacerun:'yes';font-family:'Times New Roman';font-size:${size}pt;" >${esc(r)}</span>`
        : `<span style="mso-spacerun:'yes';font-family:宋体;mso-ascii-font-family:'Times New Roman';font-size:${size}pt;" ><font face="宋体" >${esc(r)}</font></span>`,
    )
    .join('');
}

interface CellOut {
  cell: Cell | null; // null: a placeholder for a grid gap
  col: number;
}

/** Rows of cells with placeholders where a cell's explicit column leaves a gap. */
function layoutRows(t: Table): CellOut[][] {
  const taken: boolean[][] = [];
  return t.rows.map((row, r) => {
    const out: CellOut[] = [];
    let c = 0;
    for (const cell of row) {
      while (taken[r]?.[c]) c++;
      const want = cell.col ?? c;
      while (c < want) {
        if (!taken[r]?.[c]) out.push({ cell: null, col: c });
        c++;
        while (taken[r]?.[c]) c++;
      }
      for (let dr = 0; dr < cell.rowSpan; dr++) for (let dc = 0; dc < cell.colSpan; dc++) (taken[r + dr] ??= [])[c + dc] = true;
      out.push({ cell, col: c });
      c += cell.colSpan;
    }
    return out;
  });
}

function tableWidth(t: Table): number {
  return Math.max(1, ...layoutRows(t).map((r) => r.reduce((w, c) => Math.max(w, c.col + (c.cell?.colSpan ?? 1)), 0)));
}

function cellHtml(style: PageStyle, c: Cell | null, tag: 'td' | 'th'): string {
  const text = c?.text ?? '';
  const span = c ? `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}` : '';
  const lines = text.split('\n');
  switch (style) {
    case 'word': {
      const w = 60 * (c?.colSpan ?? 1);
      const body = text.trim() === ''
        ? `<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US style='font-size:10.0pt'><o:p>&nbsp;</o:p></span></p>`
        : lines.map((l) => `<p class=MsoNormal align=center style='text-align:center'><span style='font-size:10.0pt;font-family:宋体;mso-ascii-font-family:"Times New Roman"'>${esc(l)}</span><span lang=EN-US style='font-size:10.0pt'><o:p></o:p></span></p>`).join('\r\n');
      return `<td width=${w}${span.replace(/"/g, '')} valign=top style='width:${(w * 0.75).toFixed(1)}pt;border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>\r\n${body}</td>`;
    }
    case 'nested':
      return `<${tag}${span} align="center"><font size="2">${text.trim() === '' ? '&nbsp;' : lines.map(esc).join('<br>')}</font></${tag}>`;
    case 'minimal':
      return `<${tag}${span}>${lines.map(esc).join('<br>')}</${tag}>`;
    case 'modern':
      return `<${tag}${span}>${lines.map((l) => (l.trim() === '' ? '&#160;' : esc(l))).join('<br />')}</${tag}>`;
    case 'wps': {
      const w = 69 * (c?.colSpan ?? 1);
      const body = text.trim() === ''
        ? `<p class=MsoNormal  align=center  style="text-align:center;vertical-align:middle;" ><span style="font-family:宋体;font-size:10.5000pt;" ><o:p>&nbsp;</o:p></span></p>`
        : lines.map((l) => `<p class=MsoNormal  align=center  style="text-align:center;vertical-align:middle;" >${wpsRuns(l, '10.5000')}<span style="font-family:宋体;font-size:10.5000pt;" ><o:p></o:p></span></p>`).join('');
      return `<td width=${w}  valign=center ${span.replace(/"/g, '').replace(/ (row|col)span/g, ' $1span')}  style="width:${(w * 0.75).toFixed(4)}pt;padding:0.0000pt 5.4000pt 0.0000pt 5.4000pt ;border-left:0.5000pt solid windowtext;mso-border-left-alt:0.5000pt solid windowtext;border-right:0.5000pt solid windowtext;border-top:0.5000pt solid windowtext;border-bottom:0.5000pt solid windowtext;" >${body}</td>`;
    }
    default:
      return `<${tag}${span}><p style="text-align:center">${text.trim() === '' ? '' : lines.map(esc).join('<br/>')}</p></${tag}>`;
  }
}

function tableHtml(style: PageStyle, t: Table): string {
  const rows = layoutRows(t);
  const trs = rows.map((row, r) => {
    const tag = (style === 'minimal' || style === 'modern') && r === 0 ? 'th' : 'td';
    return `<tr${style === 'word' ? " style='mso-yfti-irow:" + r + "'" : ''}>${row.map((c) => cellHtml(style, c.cell, tag)).join(style === 'word' ? '\r\n' : '')}</tr>`;
  });
  switch (style) {
    case 'word': {
      const w = tableWidth(t);
      const spacer = `<![if !supportMisalignedColumns]>\r\n<tr height=0>${Array.from({ length: w }, () => "<td width=60 style='border:none'></td>").join('')}</tr>\r\n<![endif]>`;
      return `<div align=center>\r\n<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt'>\r\n${trs.join('\r\n')}\r\n${spacer}\r\n</table>\r\n</div>`;
    }
    case 'nested':
      return `<table width="100%" border="1" cellspacing="0" cellpadding="2" bordercolor="#000000">${trs.join('\n')}</table>`;
    case 'minimal':
      return `<table border="1">\n${trs.join('\n')}\n</table>`;
    case 'modern':
      return `<table class="table-bordered" cellpadding="0" cellspacing="0">\n<thead>${trs[0] ?? ''}</thead>\n<tbody>\n${trs.slice(1).join('\n')}\n</tbody>\n</table>`;
    case 'wps':
      return `<table class=MsoNormalTable  border=1  cellspacing=0  style="border-collapse:collapse;width:${(tableWidth(t) * 51.75).toFixed(4)}pt;mso-table-layout-alt:fixed;border:none;mso-border-left-alt:0.5000pt solid windowtext;mso-border-top-alt:0.5000pt solid windowtext;mso-border-right-alt:0.5000pt solid windowtext;mso-border-bottom-alt:0.5000pt solid windowtext;mso-border-insideh:0.5000pt solid windowtext;mso-border-insidev:0.5000pt solid windowtext;mso-padding-alt:0.0000pt 5.4000pt 0.0000pt 5.4000pt ;" >${trs.map((tr) => tr.replace('<tr>', '<tr style="height:20.0000pt;" >')).join('')}</table>`;
    default:
      return `<table class="MsoNormalTable" border="1" cellspacing="0" style="width:100%"><tbody>${trs.join('')}</tbody></table>`;
  }
}

function paraHtml(style: PageStyle, p: Paragraph): string {
  const text = p.text;
  if (p.headingLevel) {
    const l = Math.min(6, p.headingLevel);
    return style === 'word' ? `<h${l}><span style='font-family:黑体'>${esc(wrapCjk(text))}<span lang=EN-US><o:p></o:p></span></span></h${l}>` : `<h${l}>${esc(text)}</h${l}>`;
  }
  switch (style) {
    case 'word':
      return `<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;mso-line-height-rule:exactly'><span style='font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:"Times New Roman"'>${text.split('\n').map((l) => esc(wrapCjk(l))).join('<br>\r\n')}<span lang=EN-US><o:p></o:p></span></span></p>`;
    case 'nested':
      return `${text.split('\n').map(esc).join('<br>')}<br><br>`;
    case 'minimal':
      return `<p>${text.split('\n').map(esc).join('<br>')}</p>`;
    case 'modern':
      return `<p>${text.split('\n').map(esc).join('<br />')}</p>`;
    case 'wps':
      return `<p class=MsoNormal  style="text-indent:32.0000pt;mso-char-indent-count:2.0000;line-height:28.0000pt;mso-line-height-rule:exactly;" ><span style="mso-spacerun:'yes';font-family:仿宋_GB2312;font-size:16.0000pt;" ><font face="仿宋_GB2312" >${text.split('\n').map(esc).join('<br>')}</font></span><span style="font-family:仿宋_GB2312;font-size:16.0000pt;" ><o:p></o:p></span></p>`;
    default:
      return `<p style="text-indent:2em">&nbsp;&nbsp;${text.split('\n').map(esc).join('<br/>')}</p>`;
  }
}

function contentHtml(style: PageStyle, blocks: Block[], stack = false): string {
  return blocks.map((b) => (b.kind === 'table' ? tableHtml(style, stack ? stackSubRows(b) : b) : paraHtml(style, b))).join(style === 'word' ? '\r\n\r\n' : style === 'wps' ? '' : '\n');
}

/**
 * The sub-rows of each merged group (a cell spanning N rows followed by N rows of plain one-line
 * cells in the same columns) put into one row whose cells hold the N lines; the spans of cells
 * from earlier rows shrink to the rows that are left.
 */
export function stackSubRows(t: Table): Table {
  const rows = t.rows;
  const newIndex: number[] = [];
  const out: Cell[][] = [];
  const plain = (c: Cell) => c.rowSpan === 1 && c.colSpan === 1 && !c.text.includes('\n');
  let r = 0;
  while (r < rows.length) {
    const row = rows[r]!;
    const g = row.findIndex((c) => c.rowSpan > 1);
    const n = g >= 0 ? row[g]!.rowSpan : 1;
    const tail = row.slice(g + 1);
    const rest = rows.slice(r + 1, r + n);
    const ok =
      n > 1 && r + n <= rows.length && row.filter((c) => c.rowSpan > 1).length === 1 && tail.length > 1 && tail.every(plain) &&
      rest.every((x) => x.length === tail.length && x.every(plain) && x.every((c, k) => c.col === tail[k]!.col));
    if (!ok) {
      newIndex[r] = out.length;
      out.push(row);
      r++;
      continue;
    }
    for (let k = r; k < r + n; k++) newIndex[k] = out.length;
    out.push([...row.slice(0, g), { ...row[g]!, rowSpan: 1 }, ...tail.map((c, k) => ({ ...c, text: [c, ...rest.map((x) => x[k]!)].map((x) => x.text).join('\n') }))]);
    r += n;
  }
  // spans of cells that reach into stacked rows
  const fixed = out.map((row) =>
    row.map((c) => {
      const from = rows.findIndex((x) => x.includes(c));
      if (from < 0 || c.rowSpan <= 1) return c;
      const last = Math.min(rows.length - 1, from + c.rowSpan - 1);
      return { ...c, rowSpan: newIndex[last]! - newIndex[from]! + 1 };
    }),
  );
  return { ...t, rows: fixed };
}

/**
 * The tables of a report split the way pages publish them: §二 as one small table per block with
 * its 第二十条第（X）项 caption as a paragraph between them, and §三 cut in two in the middle of
 * its body with the header repeated above the second part (group labels end at the cut).
 */
export function splitTables(blocks: Block[]): Block[] {
  const out = [...blocks];
  const para = (text: string): Paragraph => ({ kind: 'paragraph', text, headingLevel: null, page: null, role: 'body' });
  const has = (b: Block, s: string) => b.kind === 'table' && b.rows.some((row) => row.some((c) => c.text.includes(s)));
  const i = out.findIndex((b) => has(b, '第二十条'));
  if (i >= 0) {
    const t = out[i] as Table;
    const parts: Block[] = [];
    let cur: Cell[][] | null = null;
    for (const row of t.rows) {
      if (row.length === 1 && /第二十条/.test(row[0]!.text)) {
        if (cur?.length) parts.push({ ...t, rows: cur });
        parts.push(para(row[0]!.text));
        cur = [];
      } else (cur ??= []).push(row);
    }
    if (cur?.length) parts.push({ ...t, rows: cur });
    out.splice(i, 1, ...parts);
  }
  const j = out.findIndex((b) => has(b, '本年新收政府信息公开申请数量'));
  if (j >= 0) {
    const t = out[j] as Table;
    // the header: the rows above 一、本年新收…
    const header = t.rows.findIndex((row) => row.some((c) => c.text.includes('本年新收')));
    const cut = header + Math.floor((t.rows.length - header) / 2);
    const first = { ...t, rows: t.rows.slice(0, cut).map((row, y) => row.map((c) => ({ ...c, rowSpan: Math.min(c.rowSpan, cut - y) }))) };
    const second = { ...t, rows: [...t.rows.slice(0, header), ...t.rows.slice(cut)] };
    out.splice(j, 1, first, para('（续表）'), second);
  }
  return out;
}

export interface PageOptions {
  /** Charset to declare in the page (none: not declared). */
  declare?: string | null;
  /** 'modern' and 'minimal': stack the sub-rows of merged groups into one <tr>. */
  stack?: boolean;
  /** 'modern': write XHTML with an XML declaration naming this encoding (no <meta>). */
  xml?: string;
}

/** A whole page of the given style around the blocks. */
export function renderPage(blocks: Block[], style: PageStyle, opts: PageOptions = {}): string {
  const declare = opts.declare === undefined ? 'utf-8' : opts.declare;
  // the title: the first run of up to 3 short lines that names the report; the CMS and the
  // old layout print it above the content as one line, Word and fragments in the content
  let titleLines = 0;
  for (let k = 1; k <= 3 && k <= blocks.length; k++) {
    const lines = blocks.slice(0, k);
    if (!lines.every((b) => b.kind === 'paragraph' && b.text.trim().length <= 40)) break;
    if (isTitle({ ...(lines[k - 1] as Paragraph), text: lines.map((b) => (b as Paragraph).text).join('') })) {
      titleLines = k;
      break;
    }
  }
  const extract = titleLines > 0 && (style === 'cms' || style === 'nested' || style === 'modern');
  const title = titleLines > 0 ? blocks.slice(0, titleLines).map((b) => (b as Paragraph).text.trim()).join('') : '政府信息公开工作年度报告';
  const body = extract ? blocks.slice(titleLines) : blocks;
  const titleIndex = -1;
  const stack = opts.stack ?? false;
  switch (style) {
    case 'wps':
      return `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40"><head>${declare ? `<meta http-equiv=Content-Type  content="text/html; charset=${declare}" >` : ''}<link rel=File-List href="report.files/filelist.xml" ><title></title><!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>Administrator</o:Author><o:LastAuthor>WPS_1600000000</o:LastAuthor><o:Created>2024-01-12T08:00:00Z</o:Created><o:Pages>6</o:Pages></o:DocumentProperties><o:CustomDocumentProperties><o:KSOProductBuildVer dt:dt="string" >2052-12.1.0.16120</o:KSOProductBuildVer></o:CustomDocumentProperties></xml><![endif]--><!--[if gte mso 9]><xml><w:WordDocument><w:BrowserLevel>MicrosoftInternetExplorer4</w:BrowserLevel><w:DisplayGridHorizontal>0</w:DisplayGridHorizontal></w:WordDocument></xml><![endif]--><style>
@font-face{font-family:"Times New Roman";}
@font-face{font-family:"宋体";}
@font-face{font-family:"仿宋_GB2312";}
p.MsoNormal{mso-style-name:正文;mso-style-parent:"";margin:0pt;margin-bottom:.0001pt;mso-pagination:none;text-align:justify;text-justify:inter-ideograph;font-family:Calibri;mso-fareast-font-family:宋体;mso-bidi-font-family:'Times New Roman';font-size:10.5000pt;mso-font-kerning:1.0000pt;}
span.msoIns{mso-style-type:export-only;mso-style-name:"";text-decoration:underline;text-underline:single;color:blue;}
@page{mso-page-border-surround-header:no;mso-page-border-surround-footer:no;}@page Section0{margin-top:72.0000pt;margin-bottom:72.0000pt;margin-left:90.0000pt;margin-right:90.0000pt;size:595.3000pt 841.9000pt;layout-grid:15.6000pt;}
div.Section0{page:Section0;}
</style></head><body style="tab-interval:21.0000pt;text-justify-trim:punctuation;" ><!--StartFragment--><div class="Section0"  style="layout-grid:15.6000pt;" >${contentHtml(style, body)}<p class=MsoNormal ><span style="mso-spacerun:'yes';font-family:Calibri;font-size:10.5000pt;" ><o:p>&nbsp;</o:p></span></p></div><!--EndFragment--></body></html>`;
    case 'modern': {
      const head = opts.xml
        ? `<?xml version="1.0" encoding="${opts.xml}"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="zh-CN">\n<head>\n`
        : `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n${declare ? `<meta charset="${declare}" />\n` : ''}`;
      return `${head}<title>${esc(title)}</title>\n<link rel="stylesheet" href="/static/css/app.css" />\n</head>\n<body>\n<header class="site-header"><nav><a href="/">首页</a> <a href="/gk/">信息公开</a> <a href="/gk/nb/">年报</a></nav></header>\n<main>\n<article>\n<h1>${esc(title)}</h1>\n<p class="meta">来源：本站 <time datetime="2099-01-31">2099-01-31</time></p>\n<section class="article-content">\n${contentHtml(style, body, stack)}\n</section>\n</article>\n<aside><h2>相关阅读</h2><ul><li><a href="/gk/nb/2018.html">2018年政府信息公开工作年度报告</a></li></ul></aside>\n</main>\n<footer><p>版权所有 © 2099 某某区人民政府</p></footer>\n</body>\n</html>\n`;
    }
    case 'word':
      return `<html xmlns:v="urn:schemas-microsoft-com:vml"\r\nxmlns:o="urn:schemas-microsoft-com:office:office"\r\nxmlns:w="urn:schemas-microsoft-com:office:word"\r\nxmlns="http://www.w3.org/TR/REC-html40">\r\n\r\n<head>\r\n${declare ? `<meta http-equiv=Content-Type content="text/html; charset=${declare}">\r\n` : ''}<meta name=ProgId content=Word.Document>\r\n<meta name=Generator content="Microsoft Word 15">\r\n<meta name=Originator content="Microsoft Word 15">\r\n<title>${esc(title)}</title>\r\n<!--[if gte mso 9]><xml>\r\n <o:DocumentProperties>\r\n  <o:Author>办公室</o:Author>\r\n  <o:Created>2024-01-10T02:00:00Z</o:Created>\r\n </o:DocumentProperties>\r\n</xml><![endif]-->\r\n<style>\r\n<!--\r\n /* Style Definitions */\r\n p.MsoNormal, li.MsoNormal, div.MsoNormal\r\n\t{mso-style-unhide:no;margin:0cm;font-size:10.5pt;font-family:"Calibri",sans-serif;}\r\n@page WordSection1\r\n\t{size:595.3pt 841.9pt;}\r\ndiv.WordSection1\r\n\t{page:WordSection1;}\r\n-->\r\n</style>\r\n<!--[if gte mso 10]>\r\n<style>\r\n table.MsoNormalTable\r\n\t{mso-style-name:普通表格;}\r\n</style>\r\n<![endif]-->\r\n</head>\r\n\r\n<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>\r\n\r\n<div class=WordSection1 style='layout-grid:15.6pt'>\r\n\r\n${titleIndex >= 0 ? `<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt;font-family:方正小标宋简体'>${esc(wrapCjk(title, 20))}<span lang=EN-US><o:p></o:p></span></span></b></p>\r\n\r\n<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\r\n\r\n` : ''}${contentHtml(style, body)}\r\n\r\n<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\r\n\r\n</div>\r\n\r\n</body>\r\n\r\n</html>\r\n`;
    case 'nested':
      return `<html>\n<head>\n${declare ? `<meta http-equiv="Content-Type" content="text/html; charset=${declare}">\n` : ''}<title>${esc(title)}--信息公开</title>\n<link href="/css/style.css" rel="stylesheet" type="text/css">\n<script language="javascript">function MM_openBrWindow(u){window.open(u);}</script>\n</head>\n<body leftmargin="0" topmargin="0">\n<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">\n<tr><td colspan="2"><img src="/images/banner.jpg" width="980" height="120"></td></tr>\n<tr><td colspan="2" class="dh"><a href="/">首页</a> | <a href="/xxgk/">政府信息公开</a> | <a href="/zwgk/">政务公开</a> | <a href="/bsfw/">办事服务</a></td></tr>\n<tr>\n<td width="200" valign="top">\n<table width="100%" border="0" cellspacing="0" cellpadding="0">\n<tr><td class="lm">信息公开年报</td></tr>\n<tr><td><a href="/xxgk/nb/2019.htm">2019年度政府信息公开工作年度报告</a></td></tr>\n<tr><td><a href="/xxgk/nb/2018.htm">某某县2018年政府信息公开工作年度报告</a></td></tr>\n<tr><td><a href="/xxgk/nb/2017.htm">某某县2017年政府信息公开工作年度报告</a></td></tr>\n</table>\n</td>\n<td width="780" valign="top">\n<table width="100%" border="0" cellspacing="0" cellpadding="8">\n<tr><td>当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; 年报</td></tr>\n<tr><td align="center"><font size="5"><b>${esc(title)}</b></font></td></tr>\n<tr><td align="center">发布时间：2099-01-01 &nbsp; 浏览次数：1234</td></tr>\n<tr><td class="content">\n${contentHtml(style, body)}\n</td></tr>\n<tr><td align="right"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></td></tr>\n</table>\n</td>\n</tr>\n<tr><td colspan="2" align="center">主办：某某县人民政府办公室 &nbsp; 网站标识码：1234000001 &nbsp; 皖ICP备05001234号</td></tr>\n</table>\n</body>\n</html>\n`;
    case 'minimal':
      return `${titleIndex >= 0 ? `<h2>${esc(title)}</h2>\n` : ''}${contentHtml(style, body, stack)}\n`;
    default:
      return `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n${declare ? `<meta charset="${declare}">\n` : ''}<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="SiteName" content="某某市人民政府门户网站">\n<meta name="ArticleTitle" content="${esc(title)}">\n<meta name="PubDate" content="2099-02-03 10:00">\n<title>${esc(title)}_某某市人民政府</title>\n<link rel="stylesheet" href="/css/common.css">\n<script src="/js/jquery.min.js"></script>\n<script>var _hmt = _hmt || []; document.write('<div class="ad">广告</div>');</script>\n</head>\n<body>\n<div class="header"><div class="logo"><img src="/images/logo.png" alt="某某市人民政府"></div><div class="search"><form action="/search"><input name="q"><button>搜索</button></form></div></div>\n<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/xxgk/">政府信息公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>\n<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/xxgk/nb/">政府信息公开年报</a></div>\n<div class="main">\n<div class="left-side">\n<h3>政府信息公开年报</h3>\n<ul>\n<li><a href="/xxgk/nb/2019/">某某市人民政府2019年政府信息公开工作年度报告</a></li>\n<li><a href="/xxgk/nb/2018/">某某市人民政府2018年政府信息公开工作年度报告</a></li>\n<li><a href="/xxgk/nb/2017/">某某市人民政府2017年政府信息公开工作年度报告</a></li>\n</ul>\n</div>\n<div class="article">\n<table class="xxgk-index" border="1">\n<tr><td>索引号：</td><td>11340000-1234/2099-00001</td><td>发布机构：</td><td>某某市人民政府办公室</td></tr>\n<tr><td>发布日期：</td><td>2099-02-03</td><td>文号：</td><td>某政办〔2099〕1号</td></tr>\n<tr><td>主题分类：</td><td>政务公开</td><td>组配分类：</td><td>政府信息公开年报</td></tr>\n</table>\n<h1 class="article-title">${esc(title)}</h1>\n<div class="article-info">发布时间：2099-02-03 10:00 &nbsp; 来源：某某市人民政府办公室 &nbsp; 字号：<a>大</a> <a>中</a> <a>小</a></div>\n<div class="view TRS_UEDITOR trs_paper_default" id="c8f3a21">\n${contentHtml(style, body)}\n</div>\n<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>\n<div class="bdsharebuttonbox"><span>分享到：</span><a class="bds_weixin">微信</a><a class="bds_tsina">微博</a></div>\n</div>\n</div>\n<div class="footer"><p>主办单位：某某市人民政府办公室 &nbsp; 网站标识码：3400000001</p><p>皖ICP备05001234号 &nbsp; 皖公网安备 34010002000001号</p><p>发布日期：2099-02-03</p></div>\n<script>(function(){var s=document.createElement('script');s.src='https://hm.example.com/hm.js';document.body.appendChild(s);})();</script>\n</body>\n</html>\n`;
  }
}

/** A site page around a body: navigation, breadcrumb, footer (for pages that are not reports). */
function sitePage(body: string, title = '某某县人民政府'): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><div class="nav"><a href="/">首页</a><a href="/xxgk/">政府信息公开</a></div><div class="crumb">首页 &gt; 政务公开 &gt; 政府信息公开年报</div>${body}<div class="footer">网站标识码：3400000001 皖ICP备05001234号</div></body></html>`;
}

/** Pages a crawler saves that are not reports. */
export const NOT_REPORT_PAGES = {
  list: sitePage(`<ul class="xxgk-list">${[2023, 2022, 2021, 2020].map((y) => `<li><a href="/nb/${y}.html">某某县人民政府${y}年政府信息公开工作年度报告</a><span>${y + 1}-01-20</span></li>`).join('')}</ul>`),
  attachment: sitePage(`<h1>某某县人民政府2022年政府信息公开工作年度报告</h1><div id="zoom"><p>现将我县2022年政府信息公开工作年度报告予以公布。</p><p>附件：<a href="/files/2023/nb2022.pdf">某某县2022年政府信息公开工作年度报告.pdf</a></p></div>`),
  redirect: `<html><head><script>window.location.href="/xxgk/nb/2022/t20230120_1.html";</script></head><body></body></html>`,
  notFound: sitePage('<div class="err"><h2>404</h2><p>抱歉，您访问的页面不存在或已被删除！</p><a href="/">返回首页</a></div>', '404 页面不存在'),
};

/**
 * A page cut off by a crawler inside the row whose label is `rowLabel`: after `keep` of its cells
 * (the label's included), one character into the next cell's text (half a number).
 */
export function cutPage(html: string, rowLabel: string, keep: number): string {
  const row = html.indexOf(rowLabel);
  if (row < 0) throw new Error(`no row ${rowLabel}`);
  let at = row;
  for (let k = 0; k < keep; k++) at = html.indexOf('</td>', at) + 5;
  const cell = /<td[^>]*>(?:\s*<[^>]+>)*/y;
  cell.lastIndex = html.indexOf('<td', at);
  if (!cell.exec(html)) throw new Error('no next cell');
  return html.slice(0, cell.lastIndex + 1);
}

let gbkTable: Map<string, number[]> | null = null;

/** GBK bytes of a string (characters outside GBK as &#NNNN; references). */
export function encodeGbk(s: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const b = gbkTable.get(ch);
      if (b) out.push(...b);
      else for (const c of `&#${code};`) out.push(c.charCodeAt(0));
    }
  }
  return new Uint8Array(out);
}

export function encodePage(html: string, encoding: 'utf-8' | 'gbk' | 'utf-8-bom'): Uint8Array {
  if (encoding === 'gbk') return encodeGbk(html);
  const u = new TextEncoder().encode(html);
  if (encoding === 'utf-8') return u;
  const out = new Uint8Array(u.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(u, 3);
  return out;
}

function quotedPrintable(bytes: Uint8Array): string {
  let out = '';
  let line = 0;
  for (const b of bytes) {
    let t: string;
    if (b === 0x0a) {
      out += '\r\n';
      line = 0;
      continue;
    }
    if (b === 0x0d) continue;
    if ((b >= 33 && b <= 126 && b !== 61) || b === 32) t = String.fromCharCode(b);
    else t = `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line + t.length > 75) {
      out += '=\r\n';
      line = 0;
    }
    out += t;
    line += t.length;
  }
  return out;
}

/** A MIME web archive (as Word's "Single File Web Page" writes it) holding the page bytes. */
export function toMht(page: Uint8Array, charset: string, transfer: 'quoted-printable' | 'base64'): Uint8Array {
  const boundary = '----=_NextPart_01DA1234.56789ABC';
  const body = transfer === 'base64' ? (Buffer.from(page).toString('base64').match(/.{1,76}/g) ?? []).join('\r\n') : quotedPrintable(page);
  const text =
    `MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="${boundary}"\r\n\r\n` +
    `此文档为"单个文件网页"，也称为"Web 档案"文件。\r\n\r\n` +
    `--${boundary}\r\nContent-Location: file:///C:/report.htm\r\nContent-Transfer-Encoding: ${transfer}\r\nContent-Type: text/html; charset="${charset}"\r\n\r\n${body}\r\n\r\n` +
    `--${boundary}\r\nContent-Location: file:///C:/report.files/filelist.xml\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/xml; charset="utf-8"\r\n\r\n<xml xmlns:o=3D"urn:schemas-microsoft-com:office:office">\r\n</xml>\r\n\r\n` +
    `--${boundary}--\r\n`;
  // the preamble line is written in the page's charset (GBK for Word on Chinese Windows)
  return charset === 'utf-8' ? new TextEncoder().encode(text) : encodeGbk(text);
}
