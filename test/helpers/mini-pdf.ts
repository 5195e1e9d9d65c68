/**
 * A tiny PDF writer for tests: standard-14 Helvetica (F1), non-embedded STSong-Light with UCS-2
 * encodings (F2 horizontal, F3 vertical writing), an image XObject, optional RC4-40 encryption.
 * Options for browser-made files (test/helpers/browser-pdf.ts): another page size, and F4, the
 * horizontal STSong-Light with a /ToUnicode CMap that says what the text layer reads for some
 * codes (the page shows the glyph of the code; the text layer says what the map says).
 */
import { createHash } from 'node:crypto';


export interface MiniPage {
  content: string;
  image?: boolean;
}

/** UTF-16BE hex string for F2/F3 text. */
export function u(s: string): string {
  let h = '';
  for (let i = 0; i < s.length; i++) h += s.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${h}>`;
}
/** PDF y from a top-left y on an A4 page. */
export const Y = (top: number) => 842 - top;

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');
function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + (s[i] as number) + (key[i % key.length] as number)) & 255;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
  }
  const out = Buffer.alloc(data.length);
  let i = 0;
  j = 0;
  for (let k = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + (s[i] as number)) & 255;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
    out[k] = (data[k] as number) ^ (s[((s[i] as number) + (s[j] as number)) & 255] as number);
  }
  return out;
}
const pad32 = (pw: string) => Buffer.concat([Buffer.from(pw, 'latin1'), PAD]).subarray(0, 32);
const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();

export interface MiniPdfOptions {
  producer?: string;
  creator?: string;
  userPassword?: string;
  /** Page size in points (default 595 × 842). */
  mediaBox?: [number, number];
  /** F4: UCS-2 code → the text its glyph stands for in the text layer (a /ToUnicode CMap). */
  toUnicode?: ReadonlyMap<number, string>;
}

/** A /ToUnicode CMap (bfchar entries, 100 per block as the format wants). */
function toUnicodeCMap(map: ReadonlyMap<number, string>): string {
  const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  const utf16 = (s: string) => Array.from({ length: s.length }, (_, i) => hex4(s.charCodeAt(i))).join('');
  const entries = [...map.entries()].sort((a, b) => a[0] - b[0]);
  let body = '';
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    body += `${chunk.length} beginbfchar\n${chunk.map(([c, t]) => `<${hex4(c)}> <${utf16(t)}>`).join('\n')}\nendbfchar\n`;
  }
  return (
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
    '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n' +
    body +
    'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend'
  );
}

export function miniPdf(pages: MiniPage[], opts: MiniPdfOptions = {}): Uint8Array {
  const objs: string[] = [];
  const add = (body: string) => objs.push(body);
  const catalog = add('');
  const pagesObj = add('');
  const f1 = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const desc = add('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>');
  const cid = (enc: string) =>
    `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /${enc} /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor ${desc} 0 R /DW 1000 >>] >>`;
  const f2 = add(cid('UniGB-UCS2-H'));
  const f3 = add(cid('UniGB-UCS2-V'));
  let f4 = 0;
  if (opts.toUnicode) {
    const cmap = toUnicodeCMap(opts.toUnicode);
    const tu = add(`<< /Length ${Buffer.byteLength(cmap, 'latin1')} >>\nstream\n${cmap}\nendstream`);
    f4 = add(cid('UniGB-UCS2-H').replace('/DescendantFonts', `/ToUnicode ${tu} 0 R /DescendantFonts`));
  }
  const [mw, mh] = opts.mediaBox ?? [595, 842];
  const img = add('<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\u0000\u00ff\u00ff\u0000\nendstream');
  const pdfString = (t: string) => `<feff${u(t).slice(1, -1)}>`; // UTF-16BE with BOM
  const info = add(`<< /Producer ${pdfString(opts.producer ?? '')} /Creator ${pdfString(opts.creator ?? '')} >>`);
  const kids: number[] = [];
  for (const p of pages) {
    const content = add(`<< /Length ${Buffer.byteLength(p.content, 'latin1')} >>\nstream\n${p.content}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${mw} ${mh}] /Resources << /Font << /F1 ${f1} 0 R /F2 ${f2} 0 R /F3 ${f3} 0 R${f4 ? ` /F4 ${f4} 0 R` : ''} >>` +
          `${p.image ? ` /XObject << /Im1 ${img} 0 R >>` : ''} >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objs[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objs[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const id = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
  let encrypt = 0;
  if (opts.userPassword !== undefined) {
    // Standard security handler, revision 2 (RC4, 40-bit key): algorithms 3.2, 3.3 and 3.4.
    const P = -44;
    const O = rc4(md5(pad32('owner-secret')).subarray(0, 5), pad32(opts.userPassword));
    const pBuf = Buffer.alloc(4);
    pBuf.writeInt32LE(P);
    const key = md5(pad32(opts.userPassword), O, pBuf, id).subarray(0, 5);
    encrypt = add(`<< /Filter /Standard /V 1 /R 2 /O <${O.toString('hex')}> /U <${rc4(key, PAD).toString('hex')}> /P ${P} >>`);
  }
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objs.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out +=
    `trailer\n<< /Size ${objs.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>]` +
    `${encrypt ? ` /Encrypt ${encrypt} 0 R` : ''} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

// content helpers, top-left coordinates (A4 portrait)
/** CJK text (F2) with its left edge at x and its baseline at top-left y. */
export const cjk = (x: number, top: number, s: string, size = 10) => `BT /F2 ${size} Tf ${x} ${Y(top)} Td ${u(s)} Tj ET\n`;
/** Latin text (Helvetica). */
export const latin = (x: number, top: number, s: string, size = 10) => `BT /F1 ${size} Tf ${x} ${Y(top)} Td (${s}) Tj ET\n`;
/** Vertical-writing CJK text (Identity-V style font): the first glyph's top centre at (x, top). */
export const vcjk = (x: number, top: number, s: string, size = 10) => `BT /F3 ${size} Tf ${x} ${Y(top)} Td ${u(s)} Tj ET\n`;
/** CJK text rotated 90° counter-clockwise (reads bottom to top), starting at (x, top). */
export const rot = (x: number, top: number, s: string, size = 10) => `BT /F2 ${size} Tf 0 1 -1 0 ${x} ${Y(top)} Tm ${u(s)} Tj ET\n`;
/** Stroked line (LibreOffice style border). */
export const line = (x0: number, t0: number, x1: number, t1: number) => `${x0} ${Y(t0)} m ${x1} ${Y(t1)} l S\n`;
/** Thin filled rectangle along a line (WPS style border). */
export const bar = (x0: number, t0: number, x1: number, t1: number) =>
  t0 === t1 ? `${x0} ${Y(t0) - 0.25} ${x1 - x0} 0.5 re f\n` : `${x0 - 0.25} ${Y(t1)} 0.5 ${t1 - t0} re f\n`;

/**
 * 200 pages of 70 lines of CJK text: a PDF that takes the PDF engine several seconds, for tests of
 * the per-file time limit (stopped by a limit of 1–2 s).
 */
export function slowPdf(): Uint8Array {
  const line = (i: number) => `BT /F2 10 Tf 72 ${Y(60 + (i % 70) * 10)} Td ${u(`政府信息公开工作年度报告第${i}行`)} Tj ET\n`;
  const page = { content: Array.from({ length: 70 }, (_, i) => line(i)).join('') };
  return miniPdf(Array.from({ length: 200 }, () => page));
}
