/**
 * A cheap look at the raw PDF bytes before pdf.js parses them, for what pdf.js cannot bound:
 * - graphics-state nesting (`q` … `Q`) in content streams: pdf.js's operator list and text
 *   extraction take time quadratic in the depth (100,000 nested `q` in a 1 KB compressed stream
 *   hold a worker for minutes). Real documents nest a few levels (Acrobat's own implementation
 *   limit is 28); a stream nesting deeper than MAX_Q_DEPTH is refused at once as damaged;
 * - page objects: how many `/Type /Page` objects stand uncompressed in the file, to say so when
 *   the page tree's /Count claims fewer pages (pdf.js then silently reads only /Count pages).
 * Only plain or FlateDecode streams whose dictionary looks like a content stream are inflated,
 * each to at most MAX_INFLATED bytes; anything unreadable is skipped (pdf.js decides then).
 */
import { constants, inflateSync } from 'node:zlib';

export const MAX_Q_DEPTH = 1000;
const MAX_INFLATED = 32 * 1024 * 1024;
/** Streams looked at, at most (a file with more is left to pdf.js and the time limit). */
const MAX_STREAMS = 5000;

export interface Prescan {
  /** Deepest `q` nesting seen in a content stream. */
  maxQDepth: number;
  /** Uncompressed `/Type /Page` objects (a lower bound of the real page objects). */
  pageObjects: number;
}

/** Deepest q nesting in a content stream's text (strings and comments are not tokens). */
export function qDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let max = 0;
  const re = /\((?:\\.|[^\\)])*\)|%[^\r\n]*|(?<![^\s\][()<>{}/%])([qQ])(?![^\s\][()<>{}/%])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] === 'q') {
      if (++depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
    } else if (m[1] === 'Q' && depth > 0) depth--;
  }
  return max;
}

export function prescanPdf(bytes: Uint8Array): Prescan {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString('latin1');
  const pageObjects = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  let maxQDepth = 0;
  let streams = 0;
  const re = /stream\r?\n/g;
  for (let m = re.exec(text); m && streams < MAX_STREAMS; m = re.exec(text)) {
    if (m.index >= 3 && text.slice(m.index - 3, m.index) === 'end') continue;
    streams++;
    const dictStart = text.lastIndexOf('<<', m.index);
    if (dictStart < 0 || m.index - dictStart > 4096) continue;
    const dict = text.slice(dictStart, m.index);
    // images, fonts, XObjects, object and xref streams, metadata: not page content
    if (/\/(Subtype|Length1|Length2|Type\s*\/(XRef|ObjStm|Metadata|XObject|EmbeddedFile))/.test(dict)) continue;
    const filter = /\/Filter\s*\[?\s*\/(\w+)\s*\]?/.exec(dict)?.[1] ?? null;
    if (filter !== null && filter !== 'FlateDecode' && filter !== 'Fl') continue;
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) continue;
    let content: string;
    try {
      const raw = buf.subarray(start, end);
      content = filter ? inflateSync(raw, { maxOutputLength: MAX_INFLATED, finishFlush: constants.Z_SYNC_FLUSH }).toString('latin1') : raw.toString('latin1');
    } catch {
      continue;
    }
    maxQDepth = Math.max(maxQDepth, qDepth(content, MAX_Q_DEPTH));
    if (maxQDepth > MAX_Q_DEPTH) break;
    re.lastIndex = end;
  }
  return { maxQDepth, pageObjects };
}
