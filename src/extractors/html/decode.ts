/**
 * Bytes of a web page → text. The encoding is taken from, in this order: a byte-order mark; the
 * bytes themselves when they are valid UTF-8 (a page whose <meta> says gb2312 but whose bytes are
 * UTF-8 is common on re-published CMS pages, and valid UTF-8 Chinese is never accidental GBK); the
 * charset declared by the caller (an MHT part's Content-Type), in <meta charset>, in
 * <meta http-equiv="Content-Type" content="…; charset=…"> or in an XML declaration; else GB18030
 * (a superset of GBK and GB2312, the usual undeclared encoding of Chinese government pages).
 */
import type { Message } from '../../model.js';

export interface Decoded {
  text: string;
  /** The encoding used (WHATWG label). */
  encoding: string;
  /** How it was chosen: 'bom', 'utf-8-valid', 'declared', 'guessed'. */
  source: 'bom' | 'utf-8-valid' | 'declared' | 'guessed';
}

/** A charset label as TextDecoder knows it; GBK and GB2312 are read as their superset GB18030. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (/^(gb2312|gb_2312(-80)?|gbk|x-gbk|cp936|ms936|windows-936|gb18030|euc-cn|csgb2312|chinese|iso-ir-58)$/.test(l)) return 'gb18030';
  if (/^(utf-?8|unicode-1-1-utf-8|utf8mb4)$/.test(l)) return 'utf-8';
  if (/^(unicode|utf-?16)$/.test(l)) return 'utf-16le';
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return null;
  }
}

/** The charset a page declares in its first bytes (meta charset, http-equiv, XML declaration). */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 16384)));
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head);
  if (meta) return meta[1]!;
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']/i.exec(head);
  return xml ? xml[1]! : null;
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** Whether the bytes hold anything beyond ASCII. */
function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

export function decodeBytes(bytes: Uint8Array, hint: string | null, messages: Message[]): Decoded {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', source: 'bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', source: 'bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', source: 'bom' };
  }
  const declaredLabel = hint ?? declaredCharset(bytes);
  const declared = normalizeCharset(declaredLabel);
  if (declared === 'utf-16le' || declared === 'utf-16be') {
    return { text: new TextDecoder(declared).decode(bytes), encoding: declared, source: 'declared' };
  }
  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) {
    if (declared && declared !== 'utf-8' && hasHighBytes(bytes)) {
      messages.push({
        code: 'html.charset-mismatch',
        message: `the page declares charset ${JSON.stringify(declaredLabel)} but its bytes are valid UTF-8; it was read as UTF-8`,
        path: null,
      });
    }
    return { text: utf8, encoding: 'utf-8', source: declared === 'utf-8' || !declared ? (declared ? 'declared' : 'utf-8-valid') : 'utf-8-valid' };
  }
  if (declared && declared !== 'utf-8') {
    return { text: new TextDecoder(declared).decode(bytes), encoding: declared, source: 'declared' };
  }
  if (declared === 'utf-8') {
    messages.push({
      code: 'html.charset-mismatch',
      message: 'the page declares UTF-8 but its bytes are not valid UTF-8; it was read as GB18030 (GBK)',
      path: null,
    });
  }
  return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030', source: 'guessed' };
}
