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
 *
 * encodePage() writes UTF-8 or GBK bytes (a GBK encoder built from the platform's GB18030
 * decoder); toMht() wraps a page into a MIME web archive.
 */
import type { Block, Cell, Paragraph, Table } from '../../src/model.js';

export type PageStyle = 'cms' | 'word' | 'nested' | 'minimal';

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
    default:
      return `<${tag}${span}><p style="text-align:center">${text.trim() === '' ? '' : lines.map(esc).join('<br/>')}</p></${tag}>`;
  }
}

function tableHtml(style: PageStyle, t: Table): string {
  const rows = layoutRows(t);
  const trs = rows.map((row, r) => {
    const tag = style === 'minimal' && r === 0 ? 'th' : 'td';
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
    default:
      return `<p style="text-indent:2em">&nbsp;&nbsp;${text.split('\n').map(esc).join('<br/>')}</p>`;
  }
}

function contentHtml(style: PageStyle, blocks: Block[]): string {
  return blocks.map((b) => (b.kind === 'table' ? tableHtml(style, b) : paraHtml(style, b))).join(style === 'word' ? '\r\n\r\n' : '\n');
}

export interface PageOptions {
  /** Charset to declare in the page (none: not declared). */
  declare?: string | null;
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
  const extract = titleLines > 0 && (style === 'cms' || style === 'nested');
  const title = titleLines > 0 ? blocks.slice(0, titleLines).map((b) => (b as Paragraph).text.trim()).join('') : '政府信息公开工作年度报告';
  const body = extract ? blocks.slice(titleLines) : blocks;
  const titleIndex = -1;
  switch (style) {
    case 'word':
      return `<html xmlns:v="urn:schemas-microsoft-com:vml"\r\nxmlns:o="urn:schemas-microsoft-com:office:office"\r\nxmlns:w="urn:schemas-microsoft-com:office:word"\r\nxmlns="http://www.w3.org/TR/REC-html40">\r\n\r\n<head>\r\n${declare ? `<meta http-equiv=Content-Type content="text/html; charset=${declare}">\r\n` : ''}<meta name=ProgId content=Word.Document>\r\n<meta name=Generator content="Microsoft Word 15">\r\n<meta name=Originator content="Microsoft Word 15">\r\n<title>${esc(title)}</title>\r\n<!--[if gte mso 9]><xml>\r\n <o:DocumentProperties>\r\n  <o:Author>办公室</o:Author>\r\n  <o:Created>2024-01-10T02:00:00Z</o:Created>\r\n </o:DocumentProperties>\r\n</xml><![endif]-->\r\n<style>\r\n<!--\r\n /* Style Definitions */\r\n p.MsoNormal, li.MsoNormal, div.MsoNormal\r\n\t{mso-style-unhide:no;margin:0cm;font-size:10.5pt;font-family:"Calibri",sans-serif;}\r\n@page WordSection1\r\n\t{size:595.3pt 841.9pt;}\r\ndiv.WordSection1\r\n\t{page:WordSection1;}\r\n-->\r\n</style>\r\n<!--[if gte mso 10]>\r\n<style>\r\n table.MsoNormalTable\r\n\t{mso-style-name:普通表格;}\r\n</style>\r\n<![endif]-->\r\n</head>\r\n\r\n<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>\r\n\r\n<div class=WordSection1 style='layout-grid:15.6pt'>\r\n\r\n${titleIndex >= 0 ? `<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt;font-family:方正小标宋简体'>${esc(wrapCjk(title, 20))}<span lang=EN-US><o:p></o:p></span></span></b></p>\r\n\r\n<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\r\n\r\n` : ''}${contentHtml(style, body)}\r\n\r\n<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\r\n\r\n</div>\r\n\r\n</body>\r\n\r\n</html>\r\n`;
    case 'nested':
      return `<html>\n<head>\n${declare ? `<meta http-equiv="Content-Type" content="text/html; charset=${declare}">\n` : ''}<title>${esc(title)}--信息公开</title>\n<link href="/css/style.css" rel="stylesheet" type="text/css">\n<script language="javascript">function MM_openBrWindow(u){window.open(u);}</script>\n</head>\n<body leftmargin="0" topmargin="0">\n<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">\n<tr><td colspan="2"><img src="/images/banner.jpg" width="980" height="120"></td></tr>\n<tr><td colspan="2" class="dh"><a href="/">首页</a> | <a href="/xxgk/">政府信息公开</a> | <a href="/zwgk/">政务公开</a> | <a href="/bsfw/">办事服务</a></td></tr>\n<tr>\n<td width="200" valign="top">\n<table width="100%" border="0" cellspacing="0" cellpadding="0">\n<tr><td class="lm">信息公开年报</td></tr>\n<tr><td><a href="/xxgk/nb/2019.htm">2019年度政府信息公开工作年度报告</a></td></tr>\n<tr><td><a href="/xxgk/nb/2018.htm">某某县2018年政府信息公开工作年度报告</a></td></tr>\n<tr><td><a href="/xxgk/nb/2017.htm">某某县2017年政府信息公开工作年度报告</a></td></tr>\n</table>\n</td>\n<td width="780" valign="top">\n<table width="100%" border="0" cellspacing="0" cellpadding="8">\n<tr><td>当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; 年报</td></tr>\n<tr><td align="center"><font size="5"><b>${esc(title)}</b></font></td></tr>\n<tr><td align="center">发布时间：2099-01-01 &nbsp; 浏览次数：1234</td></tr>\n<tr><td class="content">\n${contentHtml(style, body)}\n</td></tr>\n<tr><td align="right"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></td></tr>\n</table>\n</td>\n</tr>\n<tr><td colspan="2" align="center">主办：某某县人民政府办公室 &nbsp; 网站标识码：1234000001 &nbsp; 皖ICP备05001234号</td></tr>\n</table>\n</body>\n</html>\n`;
    case 'minimal':
      return `${titleIndex >= 0 ? `<h2>${esc(title)}</h2>\n` : ''}${contentHtml(style, body)}\n`;
    default:
      return `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n${declare ? `<meta charset="${declare}">\n` : ''}<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="SiteName" content="某某市人民政府门户网站">\n<meta name="ArticleTitle" content="${esc(title)}">\n<meta name="PubDate" content="2099-02-03 10:00">\n<title>${esc(title)}_某某市人民政府</title>\n<link rel="stylesheet" href="/css/common.css">\n<script src="/js/jquery.min.js"></script>\n<script>var _hmt = _hmt || []; document.write('<div class="ad">广告</div>');</script>\n</head>\n<body>\n<div class="header"><div class="logo"><img src="/images/logo.png" alt="某某市人民政府"></div><div class="search"><form action="/search"><input name="q"><button>搜索</button></form></div></div>\n<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/xxgk/">政府信息公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>\n<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/xxgk/nb/">政府信息公开年报</a></div>\n<div class="main">\n<div class="left-side">\n<h3>政府信息公开年报</h3>\n<ul>\n<li><a href="/xxgk/nb/2019/">某某市人民政府2019年政府信息公开工作年度报告</a></li>\n<li><a href="/xxgk/nb/2018/">某某市人民政府2018年政府信息公开工作年度报告</a></li>\n<li><a href="/xxgk/nb/2017/">某某市人民政府2017年政府信息公开工作年度报告</a></li>\n</ul>\n</div>\n<div class="article">\n<table class="xxgk-index" border="1">\n<tr><td>索引号：</td><td>11340000-1234/2099-00001</td><td>发布机构：</td><td>某某市人民政府办公室</td></tr>\n<tr><td>发布日期：</td><td>2099-02-03</td><td>文号：</td><td>某政办〔2099〕1号</td></tr>\n<tr><td>主题分类：</td><td>政务公开</td><td>组配分类：</td><td>政府信息公开年报</td></tr>\n</table>\n<h1 class="article-title">${esc(title)}</h1>\n<div class="article-info">发布时间：2099-02-03 10:00 &nbsp; 来源：某某市人民政府办公室 &nbsp; 字号：<a>大</a> <a>中</a> <a>小</a></div>\n<div class="view TRS_UEDITOR trs_paper_default" id="c8f3a21">\n${contentHtml(style, body)}\n</div>\n<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>\n<div class="bdsharebuttonbox"><span>分享到：</span><a class="bds_weixin">微信</a><a class="bds_tsina">微博</a></div>\n</div>\n</div>\n<div class="footer"><p>主办单位：某某市人民政府办公室 &nbsp; 网站标识码：3400000001</p><p>皖ICP备05001234号 &nbsp; 皖公网安备 34010002000001号</p><p>发布日期：2099-02-03</p></div>\n<script>(function(){var s=document.createElement('script');s.src='https://hm.example.com/hm.js';document.body.appendChild(s);})();</script>\n</body>\n</html>\n`;
  }
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
