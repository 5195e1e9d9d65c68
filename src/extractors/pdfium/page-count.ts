/**
 * The page count as the file declares it: the /Count of the root of the page tree (the last
 * `/Type /Pages` object without a /Parent that stands uncompressed in the file, i.e. the latest
 * incremental update). pdf.js takes this number as the page count; PDFium counts the leaves of
 * the tree instead. The extractor treats a /Count that is not 1, 2, 3, … as a damaged page tree,
 * so the pdfium engine reports the declared number when it is found and is not a positive
 * integer (or is larger than what PDFium found), and PDFium's count otherwise. null: not found
 * (e.g. inside a compressed object stream).
 */
const MAX_SCAN = 64 * 1024 * 1024;

export function declaredPageCount(bytes: Uint8Array): number | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, MAX_SCAN)).toString('latin1');
  const re = /\/Type\s*\/Pages(?![a-zA-Z])/g;
  let found: number | null = null;
  let count = 0;
  for (let m = re.exec(text); m && count < 10_000; m = re.exec(text)) {
    count++;
    const start = text.lastIndexOf('obj', m.index);
    if (start < 0 || m.index - start > 4096) continue;
    // the dictionary may hold a long /Kids array before its /Count
    const endObj = text.indexOf('endobj', m.index);
    const end = endObj < 0 ? Math.min(text.length, m.index + 4096) : Math.min(endObj, m.index + 1024 * 1024);
    const dict = text.slice(start, end);
    if (/\/Parent(?![a-zA-Z])/.test(dict)) continue;
    const c = /\/Count\s+([+-]?\d+(?:\.\d*)?)/.exec(dict);
    if (c) found = Number(c[1]);
  }
  return found;
}

/**
 * pdf.js refuses a standard-security /Encrypt dictionary whose /O or /U string is shorter than
 * its revision requires (32 bytes, 48 from revision 5) as damaged ("invalid key length"), where
 * PDFium asks for a password. The message pdf.ts quotes, or null when the dictionary looks sound
 * (or is not found uncompressed).
 */
export function malformedEncryption(bytes: Uint8Array): string | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, MAX_SCAN)).toString('latin1');
  const at = text.lastIndexOf('/Encrypt');
  if (at < 0) return null;
  let dict: string;
  const ref = /^\/Encrypt\s*(\d+)\s+(\d+)\s+R/.exec(text.slice(at, at + 40));
  if (ref) {
    const obj = text.lastIndexOf(`\n${ref[1]} ${ref[2]} obj`);
    if (obj < 0) return null;
    dict = text.slice(obj, obj + 4096);
  } else {
    dict = text.slice(at + 8, at + 4096);
  }
  if (!/\/Filter\s*\/Standard/.test(dict)) return null;
  const r = Number(/\/R\s+(\d+)/.exec(dict)?.[1] ?? NaN);
  if (!Number.isFinite(r)) return null;
  const need = r >= 5 ? 48 : 32;
  for (const key of ['O', 'U']) {
    const len = stringLength(dict, key);
    if (len !== null && len < need) return `invalid key length (/${key} of ${len} bytes in the /Encrypt dictionary)`;
  }
  return null;
}

/** Byte length of the string value of /key in a dictionary's text (literal or hex), else null. */
function stringLength(dict: string, key: string): number | null {
  const m = new RegExp(`/${key}\\s*([(<])`).exec(dict);
  if (!m) return null;
  let i = m.index + m[0].length;
  if (m[1] === '<') {
    const end = dict.indexOf('>', i);
    return end < 0 ? null : Math.ceil(dict.slice(i, end).replace(/\s/g, '').length / 2);
  }
  let depth = 1;
  let n = 0;
  for (; i < dict.length && depth > 0; i++) {
    const c = dict[i];
    if (c === '\\') {
      const o = /^[0-7]{1,3}/.exec(dict.slice(i + 1, i + 4));
      i += o ? o[0].length : 1;
      n++;
    } else if (c === '(') {
      depth++;
      n++;
    } else if (c === ')') {
      if (--depth > 0) n++;
    } else n++;
  }
  return depth === 0 ? n : null;
}
