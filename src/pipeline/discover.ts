/**
 * Input discovery: files and directories (recursive) → conversion jobs with their output paths.
 *
 * Paths do not depend on how the command is typed (relative, absolute, from a list):
 * - a file found in a directory argument D goes to `OUT/<path inside D>.json`;
 * - a file argument or a listed path goes to `OUT/<path relative to the base>.json`, the base
 *   being `--base` (default: the current directory); `..` segments of a path outside it are
 *   dropped from the output path.
 * `source.file` and the manifest key are the path relative to the base (for a directory outside
 * the base: `<D's name>/<path inside D>`), never an absolute path, so the same file gets the same
 * output, source.file and manifest entry however it was named.
 *
 * Directories are read as bytes: a name that is not valid UTF-8 (GBK names from Windows zips
 * are common) is still converted, from its exact bytes. Its `display` (source.file) is the name
 * decoded as GB18030 where that works, and its `key` (the manifest's identity of the input) keeps
 * the bytes, so two such names never collapse into one. Every input gets its own output; names
 * too long for the file system are shortened deterministically.
 */
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Extensions picked up when walking a directory (an explicit file argument is always taken). */
export const DOCUMENT_EXTENSIONS = new Set(['.docx', '.doc', '.wps', '.pdf', '.html', '.htm', '.mht', '.shtml', '.xhtml', '.mhtml', '.jpg', '.jpeg', '.png', '.tif', '.tiff']);

/** Longest output file name in bytes: room under the usual 255 for a temp suffix. */
export const MAX_NAME_BYTES = 200;
/** Deepest folder nesting walked below an input directory. */
export const MAX_WALK_DEPTH = 64;

export interface Job {
  /** Path to read: a string, or the exact bytes of a path that is not valid UTF-8. */
  input: string | Buffer;
  /** Path recorded in source.file: as given on the command line (relative stays relative). */
  display: string;
  /** The input's identity in the manifest: `display`, plus the bytes where display is lossy. */
  key: string;
  /** Output path relative to the output directory ('/'-separated). */
  output: string;
}

export interface DiscoverOptions {
  /** The folder file arguments and listed paths are relative to (default: the current directory). */
  base?: string;
  /** Read the standard-input list as NUL-separated paths (`find -print0`), whatever it holds. */
  nul?: boolean;
}

export interface Discovery {
  jobs: Job[];
  /** Arguments that do not exist or cannot be listed: usage errors. */
  problems: string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030', { fatal: true });

/** A path given as bytes: a string when it is valid UTF-8, else the bytes. */
export function fromBytes(p: Buffer): string | Buffer {
  try {
    return utf8.decode(p);
  } catch {
    return p;
  }
}

/** The readable form of a path: GB18030 for non-UTF-8 names where that decodes, else escapes. */
export function displayOf(p: string | Buffer): string {
  if (typeof p === 'string') return p;
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i <= p.length; i++) {
    if (i === p.length || p[i] === 0x2f) {
      const seg = p.subarray(start, i);
      parts.push(decodeSegment(seg));
      start = i + 1;
    }
  }
  return parts.join('/');
}

function decodeSegment(seg: Buffer): string {
  try {
    return utf8.decode(seg);
  } catch {
    try {
      return gb18030.decode(seg);
    } catch {
      // neither: keep what is ASCII, escape the rest
      return [...seg].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
    }
  }
}

function keyOf(p: string | Buffer): string {
  return typeof p === 'string' ? p : `${displayOf(p)} [bytes:${p.toString('hex')}]`;
}

function joinPath(dir: string | Buffer, name: Buffer): string | Buffer {
  if (typeof dir === 'string') {
    const s = fromBytes(name);
    if (typeof s === 'string') return path.join(dir, s);
    return Buffer.concat([Buffer.from(path.join(dir, 'x').slice(0, -1)), name]);
  }
  return Buffer.concat([dir, Buffer.from(dir.at(-1) === 0x2f ? '' : '/'), name]);
}

function extOf(name: string): string {
  return path.extname(name).toLowerCase();
}

interface Found {
  path: string | Buffer;
  /** Path relative to the walked argument, readable, '/'-separated. */
  rel: string;
}

async function walk(dir: string | Buffer, rel: string, out: Found[], depth: number, problems: string[]): Promise<void> {
  if (depth > MAX_WALK_DEPTH) {
    problems.push(`${displayOf(dir)}: folders nested more than ${MAX_WALK_DEPTH} deep were not walked`);
    return;
  }
  const entries = await readdir(dir, { withFileTypes: true, encoding: 'buffer' });
  entries.sort((a, b) => Buffer.compare(a.name, b.name));
  for (const e of entries) {
    const p = joinPath(dir, e.name);
    const name = decodeSegment(e.name);
    const r = rel ? `${rel}/${name}` : name;
    if (e.isDirectory()) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      await walk(p, r, out, depth + 1, problems);
    } else if (DOCUMENT_EXTENSIONS.has(extOf(name))) {
      // files and links (a dangling one gets a record saying it cannot be read), but also a
      // FIFO, socket or device named like a document: its record says it is not a regular file
      out.push({ path: p, rel: r });
    }
  }
}

function withoutExtension(p: string): string {
  const ext = path.extname(p);
  return ext ? p.slice(0, -ext.length) : p;
}

const hash8 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 8);

/** Cut a name to at most `max` UTF-8 bytes on a character boundary. */
function cutBytes(s: string, max: number): string {
  let out = '';
  let n = 0;
  for (const ch of s) {
    const b = Buffer.byteLength(ch);
    if (n + b > max) break;
    out += ch;
    n += b;
  }
  return out;
}

/**
 * `<stem>.json` for the last segment, with every segment bounded: a segment over MAX_NAME_BYTES
 * keeps its first bytes and gets `~<hash of the whole segment>` (the same name gives the same
 * output on every run).
 */
function boundedOutput(stem: string, key: string, suffix = ''): string {
  const parts = stem.split('/').filter((x) => x !== '' && x !== '.' && x !== '..');
  if (parts.length === 0) parts.push(`unnamed~${hash8(key)}`);
  return parts
    .map((seg, i) => {
      const last = i === parts.length - 1;
      const tail = last ? `${suffix}.json` : '';
      if (Buffer.byteLength(seg + tail) <= MAX_NAME_BYTES) return seg + tail;
      const mark = `~${hash8(last ? `${seg}\0${suffix}\0${key}` : seg)}`;
      return cutBytes(seg, MAX_NAME_BYTES - Buffer.byteLength(mark + tail)) + mark + tail;
    })
    .join('/');
}

// Paths are handled as latin1 strings (one character per byte) so that path functions work on
// names that are not UTF-8 as well; `bytesOf`/`fromLatin1` convert.
const latin1 = (p: string | Buffer): string => (typeof p === 'string' ? Buffer.from(p) : p).toString('latin1');
const fromLatin1 = (s: string): string | Buffer => fromBytes(Buffer.from(s, 'latin1'));

/** An absolute path (latin1) of `p`, relative paths taken from `from` (latin1; default the working directory). */
const absolute = (p: string | Buffer, from = latin1(process.cwd())): string => path.resolve(from, latin1(p));

/** `p` relative to `baseL` (an absolute latin1 path), '/'-separated, with `..` where it lies outside. */
function relativeTo(baseL: string, p: string | Buffer): string | Buffer {
  const rel = path.relative(baseL, absolute(p));
  return fromLatin1((rel || '.').split(path.sep).join('/'));
}

/** `p` relative to `baseL`, or null when it lies outside. */
function inside(baseL: string, p: string | Buffer): string | Buffer | null {
  const rel = path.relative(baseL, absolute(p));
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return null;
  return fromLatin1(rel.split(path.sep).join('/'));
}

/** An output stem mirroring a relative path: no `.`/`..` segments, no extension. */
function mirroredStem(rel: string): string {
  return withoutExtension(rel.split('/').filter((x) => x !== '..' && x !== '.' && x !== '').join('/'));
}

/** One entry of a path list: a string, or bytes where the line is not valid UTF-8. */
export type Listed = string | Buffer;

/**
 * Split a path list (standard input): one path per line, or NUL-separated (`find -print0`) when
 * the list contains a NUL. Lines that are not valid UTF-8 are kept as bytes.
 */
export function splitList(data: Buffer, nul = false): Listed[] {
  const sep = nul || data.includes(0) ? 0 : 0x0a;
  const out: Listed[] = [];
  let start = 0;
  for (let i = 0; i <= data.length; i++) {
    if (i === data.length || data[i] === sep) {
      let line = data.subarray(start, i);
      start = i + 1;
      if (sep === 0x0a && line.at(-1) === 0x0d) line = line.subarray(0, -1);
      const p = fromBytes(Buffer.from(line));
      if (typeof p === 'string') {
        const t = sep === 0 ? p : p.trim();
        if (t) out.push(t);
      } else if (line.length) out.push(p);
    }
  }
  return out;
}

/**
 * Inputs: files, directories (walked recursively) and, for "-", paths read from `stdin` (one per
 * line, or NUL-separated; a listed directory is walked too).
 */
export async function discover(inputs: string[], stdin?: () => Promise<Buffer | string>, opts: DiscoverOptions = {}): Promise<Discovery> {
  const baseL = absolute(opts.base ?? '.');
  const jobs: (Job & { stem: string; ext: string })[] = [];
  const problems: string[] = [];
  const expanded: { arg: Listed; listed: boolean }[] = [];
  for (const arg of inputs) {
    if (arg === '-' && stdin) {
      const data = await stdin();
      // listed paths are relative to the base
      for (const p of splitList(typeof data === 'string' ? Buffer.from(data) : data, opts.nul)) {
        expanded.push({ arg: fromLatin1(absolute(p, baseL)), listed: true });
      }
    } else expanded.push({ arg, listed: false });
  }
  /** source.file and key: relative to the base; a file of a directory outside it: `<dir name>/<rel>`. */
  const add = (input: string | Buffer, shown: string | Buffer, stem: string) => {
    const display = displayOf(shown);
    jobs.push({ input, display, key: keyOf(shown), output: '', stem, ext: extOf(display).slice(1) || 'noext' });
  };
  for (const { arg, listed } of expanded) {
    const typed = displayOf(arg);
    let st;
    try {
      st = await stat(arg);
    } catch (err) {
      // a listed path that is gone or cannot be stat'ed gets its own error record (a nightly list
      // may name a file deleted since); a command-line argument that does not exist is a usage error
      if (listed) {
        const rel = relativeTo(baseL, arg);
        add(arg, rel, mirroredStem(displayOf(rel)));
      } else problems.push(`${typed}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : 'cannot be read'}`);
      continue;
    }
    if (st.isDirectory()) {
      const files: Found[] = [];
      try {
        await walk(arg, '', files, 0, problems);
      } catch (err) {
        problems.push(`${typed}: cannot list the directory (${(err as NodeJS.ErrnoException).code ?? err})`);
        continue;
      }
      const dirL = absolute(arg);
      for (const f of files) {
        const shown = inside(baseL, f.path) ?? fromLatin1(`${path.basename(dirL) || '_'}/${latin1(relativeTo(dirL, f.path))}`);
        // a listed folder is mirrored from the base like a listed file; an argument folder from itself
        add(f.path, shown, listed ? mirroredStem(displayOf(relativeTo(baseL, f.path))) : withoutExtension(f.rel));
      }
    } else {
      const rel = relativeTo(baseL, arg);
      add(arg, rel, mirroredStem(displayOf(rel)));
    }
  }
  // two inputs that would write the same JSON (report.docx and report.pdf side by side, or two
  // names that read the same): the first keeps <name>.json, the next <name>.<ext>.json, then
  // <name>.<ext>~<hash of the input>.json
  const taken = new Set<string>();
  const claim = (o: string) => {
    const k = o.normalize('NFC').toLowerCase();
    if (taken.has(k)) return false;
    taken.add(k);
    return true;
  };
  for (const j of jobs) {
    const candidates = [boundedOutput(j.stem, j.key), boundedOutput(j.stem, j.key, `.${j.ext}`), boundedOutput(j.stem, j.key, `.${j.ext}~${hash8(j.key)}`)];
    j.output = candidates.find(claim) ?? candidates[2]!;
  }
  return { jobs: jobs.map(({ stem: _s, ext: _e, ...j }) => j), problems };
}
