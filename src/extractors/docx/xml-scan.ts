/**
 * A minimal XML scanner for Office Open XML parts: start tags with their attributes, end tags,
 * text (entities and character references decoded; CDATA sections as text); comments,
 * processing instructions and the DOCTYPE skipped. It finds each markup boundary with the
 * engine's native indexOf instead of a character-by-character state machine, which is what makes
 * a cold worker thread read a document part fast (htmlparser2's tokenizer, used before, ran in the
 * interpreter for most of a first document).
 *
 * Errors are reported the way htmlparser2's XML mode reported them, which docx-xml.ts relies on:
 * an element left open at the end of the input, or closed by the end tag of an element around it,
 * is closed with `implied` true; an end tag that matches no open element is ignored. A tag cut off
 * by the end of the input ends the scan (the elements still open are then closed, implied).
 * No recursion: the scanner keeps only the stack of open element names.
 */

export interface ScanHandler {
  /**
   * A start tag; `attrs` holds qualified name, decoded value, name, value, … in order (the first of
   * duplicated names only). The array is reused for the next tag: copy what is kept.
   *
   * Returns true when nothing inside the element matters to the handler (it keeps none of it):
   * the scanner then still reports every start and end tag inside it, in order, but with no
   * attributes and without the text, which it neither cuts out nor decodes.
   */
  open(name: string, attrs: string[]): boolean | void;
  /** Decoded text (may come in several pieces for one run of text). */
  text(data: string): void;
  /** End of an element: explicit (`</a>`, `<a/>`) or implied (see the module comment). */
  close(name: string, implied: boolean): void;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function codePoint(n: number): string {
  // NUL, surrogates and values beyond Unicode are not characters: U+FFFD, as htmlparser2 did
  if (!(n > 0) || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(n);
}

/** Decodes the five XML entities and character references; anything else is kept as written. */
export function decodeEntities(s: string): string {
  let amp = s.indexOf('&');
  if (amp === -1) return s;
  let out = '';
  let at = 0;
  while (amp !== -1) {
    // an entity is short: look for its ';' in the next few characters only (no rescans of a long
    // text full of "&")
    let semi = -1;
    for (let k = amp + 1, end = Math.min(s.length, amp + 12); k < end; k++) {
      if (s.charCodeAt(k) === 0x3b) {
        semi = k;
        break;
      }
    }
    if (semi === -1) {
      amp = s.indexOf('&', amp + 1);
      continue;
    }
    const body = s.slice(amp + 1, semi);
    let rep: string | undefined;
    if (body.charCodeAt(0) === 0x23 /* # */) {
      const hex = body.charCodeAt(1) === 0x78 || body.charCodeAt(1) === 0x58;
      const digits = hex ? body.slice(2) : body.slice(1);
      if (digits !== '' && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) rep = codePoint(Number.parseInt(digits, hex ? 16 : 10));
    } else rep = NAMED[body];
    if (rep === undefined) {
      amp = s.indexOf('&', amp + 1);
      continue;
    }
    out += s.slice(at, amp) + rep;
    at = semi + 1;
    amp = s.indexOf('&', at);
  }
  return out + s.slice(at);
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/** A character that may start a tag name (letters, '_', ':', anything beyond ASCII). */
const isNameStart = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a || c >= 0x80;

/** Open elements an end tag is matched against (well beyond LIMITS.maxXmlDepth, the depth kept). */
const MAX_MATCH = 1024;

/** Whether `name` is among the attributes so far (only the first 64 are compared: a tag with
 * thousands of attributes costs linear time; later duplicates are then kept, harmlessly). */
function hasName(attrs: string[], name: string): boolean {
  for (let k = 0; k < attrs.length && k < 128; k += 2) if (attrs[k] === name) return true;
  return false;
}

/** Scans `src`, calling `h` for every start tag, piece of text and end tag. Never throws itself. */
export function scanXml(src: string, h: ScanHandler): void {
  const open: string[] = [];
  const attrs: string[] = [];
  const n = src.length;
  let i = 0;
  /** While ≥ 0: the depth (open.length) of the element whose content the handler ignores. */
  let quietAt = -1;
  const text = (from: number, to: number): void => {
    if (to > from && quietAt < 0) h.text(decodeEntities(src.slice(from, to)));
  };
  const started = (name: string): void => {
    if (h.open(name, attrs) === true && quietAt < 0) quietAt = open.length;
    open.push(name);
  };
  const closed = (name: string, implied: boolean): void => {
    if (open.length <= quietAt) quietAt = -1;
    h.close(name, implied);
  };
  scan: while (i < n) {
    const lt = src.indexOf('<', i);
    if (lt === -1) {
      text(i, n);
      break;
    }
    const c = src.charCodeAt(lt + 1);
    if (c === 0x2f /* / */) {
      text(i, lt);
      const gt = src.indexOf('>', lt + 2);
      if (gt === -1) break;
      let e = gt;
      while (e > lt + 2 && isSpace(src.charCodeAt(e - 1))) e--;
      const name = src.slice(lt + 2, e);
      i = gt + 1;
      // the element it closes: the innermost open one of that name, looked for among the
      // innermost MAX_MATCH (a stray end tag costs no more than that, however deep the nesting)
      let k = open.length - 1;
      while (k >= 0 && k >= open.length - MAX_MATCH && open[k] !== name) k--;
      if (k < 0 || open[k] !== name) continue; // matches no open element: ignored
      while (open.length > k + 1) closed(open.pop() as string, true);
      open.pop();
      closed(name, false);
    } else if (c === 0x3f /* ? */) {
      text(i, lt);
      const end = src.indexOf('?>', lt + 2);
      if (end === -1) break;
      i = end + 2;
    } else if (c === 0x21 /* ! */) {
      text(i, lt);
      if (src.startsWith('<!--', lt)) {
        const end = src.indexOf('-->', lt + 4);
        if (end === -1) break;
        i = end + 3;
      } else if (src.startsWith('<![CDATA[', lt)) {
        const end = src.indexOf(']]>', lt + 9);
        if (end === -1) break;
        if (end > lt + 9 && quietAt < 0) h.text(src.slice(lt + 9, end));
        i = end + 3;
      } else {
        // <!DOCTYPE …> (with an internal subset in brackets) or other declarations
        const bracket = src.indexOf('[', lt);
        const gt = src.indexOf('>', lt);
        if (gt === -1) break;
        if (bracket !== -1 && bracket < gt) {
          const end = src.indexOf(']>', bracket);
          if (end === -1) break;
          i = end + 2;
        } else i = gt + 1;
      }
    } else if (isNameStart(c)) {
      text(i, lt);
      let j = lt + 1;
      while (j < n) {
        const d = src.charCodeAt(j);
        if (isSpace(d) || d === 0x2f || d === 0x3e) break;
        j++;
      }
      const name = src.slice(lt + 1, j);
      if (attrs.length !== 0) attrs.length = 0; // (a runtime call even when empty: most tags have no attributes)
      // inside an element the handler ignores: the attributes are only stepped over
      const quiet = quietAt >= 0;
      for (;;) {
        while (j < n && isSpace(src.charCodeAt(j))) j++;
        if (j >= n) break scan; // cut off inside the tag
        const d = src.charCodeAt(j);
        if (d === 0x3e /* > */) {
          started(name);
          i = j + 1;
          continue scan;
        }
        if (d === 0x2f /* / */) {
          if (src.charCodeAt(j + 1) === 0x3e) {
            started(name);
            open.pop();
            closed(name, false);
            i = j + 2;
            continue scan;
          }
          j++;
          continue;
        }
        // an attribute: name [= value]
        const a0 = j;
        while (j < n) {
          const e = src.charCodeAt(j);
          if (e === 0x3d /* = */ || isSpace(e) || e === 0x3e || e === 0x2f) break;
          j++;
        }
        const aname = quiet ? '' : src.slice(a0, j);
        while (j < n && isSpace(src.charCodeAt(j))) j++;
        let value = '';
        if (src.charCodeAt(j) === 0x3d) {
          j++;
          while (j < n && isSpace(src.charCodeAt(j))) j++;
          const q = src.charCodeAt(j);
          if (q === 0x22 || q === 0x27) {
            const end = src.indexOf(q === 0x22 ? '"' : "'", j + 1);
            if (end === -1) break scan; // cut off inside the value
            if (!quiet) value = decodeEntities(src.slice(j + 1, end));
            j = end + 1;
          } else {
            const v0 = j;
            while (j < n) {
              const e = src.charCodeAt(j);
              if (isSpace(e) || e === 0x3e) break;
              j++;
            }
            if (!quiet) value = decodeEntities(src.slice(v0, j));
          }
        }
        if (aname !== '' && !hasName(attrs, aname)) attrs.push(aname, value);
        if (j === a0) j++; // nothing consumed (a stray character): move on
      }
    } else {
      // "<" not starting markup: text
      text(i, lt + 1);
      i = lt + 1;
    }
  }
  while (open.length > 0) closed(open.pop() as string, true);
}
