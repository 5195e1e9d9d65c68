/**
 * MHTML web archives (.mht/.mhtml, "single file web page" from IE, Word or a browser): a MIME
 * message whose root part is the page. Multipart or single-part; quoted-printable, base64, 7bit,
 * 8bit or binary transfer encodings; each part's charset from its Content-Type.
 */

export interface MhtPage {
  /** The bytes of the HTML part, transfer-decoded (still in the part's charset). */
  bytes: Uint8Array;
  /** The charset its Content-Type declares, or null. */
  charset: string | null;
  /** Number of parts in the archive. */
  parts: number;
}

/** Parts read at most (a web archive holds the page plus its images and styles). */
const MAX_PARTS = 10_000;

const latin1 = (b: Uint8Array): string => new TextDecoder('latin1').decode(b);
const fromLatin1 = (s: string): Uint8Array => {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
};

/** Whether the bytes look like a MIME web archive (headers first, MIME-Version among them). */
export function isMht(bytes: Uint8Array): boolean {
  let head = latin1(bytes.subarray(0, Math.min(bytes.length, 4096)));
  head = head.replace(/^\ufeff|^\xef\xbb\xbf/, '').replace(/^\s+/, '');
  const end = head.search(/\r?\n\r?\n/);
  const headers = end >= 0 ? head.slice(0, end) : head;
  return /^[A-Za-z-]+:/.test(headers) && /(^|\n)mime-version\s*:/i.test(headers) && /(^|\n)content-type\s*:/i.test(headers);
}

interface Part {
  headers: Map<string, string>;
  body: string; // latin1 string of the raw bytes
}

function parseHeaders(block: string): Map<string, string> {
  const h = new Map<string, string>();
  // unfold continuation lines
  const lines = block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    if (!h.has(name)) h.set(name, line.slice(i + 1).trim());
  }
  return h;
}

function splitPart(raw: string): Part {
  const m = /\r?\n\r?\n/.exec(raw);
  if (!m) return { headers: parseHeaders(raw), body: '' };
  return { headers: parseHeaders(raw.slice(0, m.index)), body: raw.slice(m.index + m[0].length) };
}

function param(value: string | undefined, name: string): string | null {
  if (!value) return null;
  const re = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i');
  const m = re.exec(value);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function decodeQuotedPrintable(s: string): Uint8Array {
  const t = s.replace(/=\r?\n/g, '');
  const out = new Uint8Array(t.length);
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x3d && i + 2 < t.length + 0 && /^[0-9A-Fa-f]{2}$/.test(t.slice(i + 1, i + 3))) {
      out[n++] = Number.parseInt(t.slice(i + 1, i + 3), 16);
      i += 2;
    } else out[n++] = c & 0xff;
  }
  return out.subarray(0, n);
}

function decodeBody(part: Part): Uint8Array {
  const enc = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (enc === 'base64') return new Uint8Array(Buffer.from(part.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'));
  if (enc === 'quoted-printable') return decodeQuotedPrintable(part.body);
  return fromLatin1(part.body);
}

/** The page inside a web archive, or null when there is no HTML part. */
export function readMht(bytes: Uint8Array): MhtPage | null {
  const all = latin1(bytes).replace(/^\xef\xbb\xbf/, '').replace(/^\s+/, '');
  const top = splitPart(all);
  const ctype = top.headers.get('content-type') ?? '';
  if (!/^multipart\//i.test(ctype)) {
    if (!/text\/html|application\/xhtml/i.test(ctype)) return null;
    return { bytes: decodeBody(top), charset: param(ctype, 'charset'), parts: 1 };
  }
  const boundary = param(ctype, 'boundary');
  if (!boundary) return null;
  const delim = `--${boundary}`;
  const parts: Part[] = [];
  let pos = top.body.indexOf(delim);
  while (pos >= 0 && parts.length < MAX_PARTS) {
    let start = pos + delim.length;
    if (top.body.startsWith('--', start)) break; // closing delimiter
    const nl = top.body.indexOf('\n', start);
    if (nl < 0) break;
    start = nl + 1;
    const next = top.body.indexOf(`\n${delim}`, start);
    const end = next >= 0 ? next : top.body.length; // a cut-off archive: the part runs to the end
    let raw = top.body.slice(start, end);
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    parts.push(splitPart(raw));
    pos = next >= 0 ? next + 1 : -1;
  }
  const startId = param(ctype, 'start');
  const html =
    (startId ? parts.find((p) => (p.headers.get('content-id') ?? '') === startId) : undefined) ??
    parts.find((p) => /text\/html|application\/xhtml/i.test(p.headers.get('content-type') ?? ''));
  if (!html) return null;
  return { bytes: decodeBody(html), charset: param(html.headers.get('content-type'), 'charset'), parts: parts.length };
}
