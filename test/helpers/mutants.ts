/**
 * Deterministic mutants of the bundled samples for fuzzing the converter: damaged bytes,
 * damaged ZIP structure, pathological word/document.xml, damaged PDF objects and pathological
 * PDF content streams. No Math.random: every mutant comes from its own seeded PRNG
 * (mulberry32 of seed, index and attempt), so one mutant can be rebuilt from the seed and its name:
 *
 *   makeMutants(defaultSamples(), 300, 1)      → [{ name: 'm0000-bytes-flip-…-<sample>.docx', … }, …]
 *   makeMutant(defaultSamples(), 1, 3)         → the same mutant m0003 (one named "m0042r3-…" is
 *                                                attempt 3: makeMutant(defaultSamples(), 1, 42, 3))
 *   makeMutants(defaultSamples(), 300, 1, { light: true })  → the same classes with small stress sizes
 *
 * Schedule: even indexes are DOCX, odd ones PDF; per format the classes take turns, and within a
 * class the mutators take turns; a mutator's main variant (which value, which structure) also
 * takes turns (Rng.variant), the rest is drawn from the PRNG. Every mutant is byte-distinct from
 * the others and from the samples (sha256; a collision re-draws with the next attempt).
 *
 * Classes (spread evenly, about half DOCX and half PDF):
 *   bytes   — byte flips, truncation, insertion, deletion, appended/prepended garbage (both formats)
 *   zip     — EOCD/central directory/local header damage, deflate-stream flips, dropped and
 *             duplicated parts, huge declared sizes, the encrypted flag, odd methods and names
 *   xml     — word/document.xml unzipped, mutated as text, rezipped with fflate (unclosed and
 *             dropped tags, odd gridSpan/gridBefore/vMerge, deep nesting, entities and XXE, bad
 *             UTF-8, NULs, long runs, huge numbers, many rows); and the parts around it
 *             (relationships, header/footer parts, styles and numbering loops, content types)
 *   pdf     — /Count, /Length, startxref, xref, trailer, /Prev loops, filters, streams, /MediaBox,
 *             object numbers, page-tree loops, /Encrypt
 *   content — page content streams replaced through an incremental update (huge/NaN matrices,
 *             thousands of ruling rects, deep q nesting, garbage operators, damaged ToUnicode)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync, strFromU8, strToU8, unzipSync, unzlibSync, zipSync, zlibSync } from 'fflate';

export type Format = 'docx' | 'pdf';
export type MutationClass = 'bytes' | 'zip' | 'xml' | 'pdf' | 'content';

export interface Mutant {
  /** File name, e.g. m0042-pdf-count-neg1-seed-001-haicheng.pdf: index, class, mutation, detail, sample. */
  name: string;
  bytes: Uint8Array;
  /** "class/mutation", e.g. "pdf/count". */
  kind: string;
  cls: MutationClass;
  /** What exactly was done, e.g. "count=-1". */
  detail: string;
  /** The sample file it was made from (path as given). */
  sample: string;
  format: Format;
  index: number;
  /** > 0 when earlier attempts gave bytes equal to an earlier mutant (or failed). */
  attempt: number;
}

const root = path.resolve(import.meta.dirname, '../..');

/** samples/*.docx and samples/pdf/*.pdf, sorted. */
export function defaultSamples(base = root): string[] {
  const docx = readdirSync(path.join(base, 'samples')).filter((f) => f.endsWith('.docx')).sort().map((f) => path.join(base, 'samples', f));
  const pdf = readdirSync(path.join(base, 'samples/pdf')).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(base, 'samples/pdf', f));
  return [...docx, ...pdf];
}

// ---------------------------------------------------------------------------------------------
// PRNG

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(...xs: number[]): number {
  let h = 0x811c9dc5;
  for (const x of xs) {
    h = Math.imul(h ^ (x >>> 0), 0x01000193);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

export class Rng {
  private readonly next: () => number;
  /**
   * light: stress parameters (sizes, depths, counts) drawn from the small end only.
   * occurrence: how many mutants of this mutator came before (plus the attempt), so that
   * variant() walks through a mutator's main variants evenly instead of drawing them at random.
   */
  constructor(seed: number, readonly light = false, private readonly occurrence = 0, private readonly salt = 0) {
    this.next = mulberry32(seed);
  }
  /** The mutator's main variant: the next one in turn (from a per-seed starting point); uses no randomness. */
  variant<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('variant of an empty list');
    return xs[(this.occurrence + this.salt) % xs.length] as T;
  }
  /** A stress parameter: from `light` in light mode, else from `full`. */
  size<T>(light: readonly T[], full: readonly T[]): T {
    return this.pick(this.light ? light : full);
  }
  float(): number {
    return this.next();
  }
  /** 0 ≤ n < max */
  int(max: number): number {
    return max <= 0 ? 0 : Math.floor(this.next() * max);
  }
  /** lo ≤ n ≤ hi */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from an empty list');
    return xs[this.int(xs.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  bytes(n: number): Uint8Array {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }
  /** k distinct sorted indexes below n */
  sample(n: number, k: number): number[] {
    const set = new Set<number>();
    k = Math.min(k, n);
    while (set.size < k) set.add(this.int(n));
    return [...set].sort((a, b) => a - b);
  }
}

// ---------------------------------------------------------------------------------------------
// Samples

interface Sample {
  file: string;
  tag: string;
  format: Format;
  bytes: Buffer;
  /** latin1 view (PDF) */
  text: string;
  zip?: ZipInfo | null;
  parts?: Record<string, Uint8Array> | null;
}

function sampleTag(file: string): string {
  // seed-001-haicheng-2022 → seed-001-haicheng
  return path.basename(file).replace(/\.[^.]+$/, '').replace(/-(19|20)\d\d$/, '');
}

function loadSample(file: string): Sample {
  const bytes = readFileSync(file);
  const format: Format = bytes.subarray(0, 2).toString('latin1') === 'PK' ? 'docx' : 'pdf';
  return { file, tag: sampleTag(file), format, bytes, text: format === 'pdf' ? bytes.toString('latin1') : '' };
}

function zipOf(s: Sample): ZipInfo | null {
  if (s.zip === undefined) s.zip = parseZip(s.bytes);
  return s.zip;
}

function partsOf(s: Sample): Record<string, Uint8Array> | null {
  if (s.parts === undefined) {
    try {
      s.parts = unzipSync(s.bytes);
    } catch {
      s.parts = null;
    }
  }
  return s.parts;
}

// ---------------------------------------------------------------------------------------------
// ZIP: parsing and writing by hand (for what fflate refuses to write)

interface CdEntry {
  /** offset of the central directory header */
  cd: number;
  name: string;
  flags: number;
  method: number;
  compSize: number;
  size: number;
  local: number;
  /** offset of the data (after the local header) */
  data: number;
}

interface ZipInfo {
  eocd: number;
  cdOffset: number;
  cdSize: number;
  entries: CdEntry[];
}

function parseZip(b: Buffer): ZipInfo | null {
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = b.readUInt16LE(eocd + 10);
  const cdSize = b.readUInt32LE(eocd + 12);
  const cdOffset = b.readUInt32LE(eocd + 16);
  const entries: CdEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (b.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    const local = b.readUInt32LE(p + 42);
    const data = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    entries.push({
      cd: p, name: b.toString('utf8', p + 46, p + 46 + nameLen), flags: b.readUInt16LE(p + 8), method: b.readUInt16LE(p + 10),
      compSize: b.readUInt32LE(p + 20), size: b.readUInt32LE(p + 24), local, data,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { eocd, cdOffset, cdSize, entries };
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = (CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8)) >>> 0;
  return (c ^ 0xffffffff) >>> 0;
}

export interface RawEntry {
  name: string | Uint8Array;
  /** uncompressed content */
  data: Uint8Array;
  /** 0 stored, 8 deflate (default), or anything (the data is then stored as given) */
  method?: number;
  flags?: number;
  /** declared sizes / crc instead of the true ones (local and central alike unless *Cd given) */
  size?: number;
  compSize?: number;
  crc?: number;
  sizeCd?: number;
  compSizeCd?: number;
}

/** A ZIP written by hand: duplicates, lies about sizes, odd methods and flags are all allowed. */
export function writeZip(entries: RawEntry[], opts: { comment?: Uint8Array; count?: number } = {}): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : Buffer.from(e.name);
    const method = e.method ?? 8;
    const body = method === 8 ? Buffer.from(deflateSync(e.data, { level: 6 })) : Buffer.from(e.data);
    const crc = e.crc ?? crc32(e.data);
    const flags = (e.flags ?? 0) | (typeof e.name === 'string' && /[^\x00-\x7f]/.test(e.name) ? 0x800 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags & 0xffff, 6);
    local.writeUInt16LE(method & 0xffff, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x5821, 12); // 2024-01-01
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE((e.compSize ?? body.length) >>> 0, 18);
    local.writeUInt32LE((e.size ?? e.data.length) >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags & 0xffff, 8);
    central.writeUInt16LE(method & 0xffff, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x5821, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE((e.compSizeCd ?? e.compSize ?? body.length) >>> 0, 20);
    central.writeUInt32LE((e.sizeCd ?? e.size ?? e.data.length) >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset >>> 0, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const comment = Buffer.from(opts.comment ?? new Uint8Array(0));
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = opts.count ?? entries.length;
  end.writeUInt16LE(count & 0xffff, 8);
  end.writeUInt16LE(count & 0xffff, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset >>> 0, 16);
  end.writeUInt16LE(comment.length & 0xffff, 20);
  return new Uint8Array(Buffer.concat([...locals, cd, end, comment]));
}

/** Rezip parts with fflate (deterministic: fixed mtime), in the given order. */
function rezip(parts: Record<string, Uint8Array>): Uint8Array {
  const input: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [k, v] of Object.entries(parts)) input[k] = [v, { mtime: new Date(Date.UTC(2024, 0, 1)) }];
  return zipSync(input, { level: 6 });
}

function entriesOf(parts: Record<string, Uint8Array>): RawEntry[] {
  return Object.entries(parts).map(([name, data]) => ({ name, data }));
}

// ---------------------------------------------------------------------------------------------
// Mutators

interface Mutation {
  bytes: Uint8Array;
  detail: string;
}

interface Mutator {
  cls: MutationClass;
  name: string;
  formats: readonly Format[];
  run(s: Sample, r: Rng): Mutation | null;
}

const BOTH = ['docx', 'pdf'] as const;
const DOCX = ['docx'] as const;
const PDF = ['pdf'] as const;

const buf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

function flipAt(b: Buffer, pos: number, r: Rng): void {
  b[pos] = (b[pos]! ^ r.range(1, 255)) & 0xff;
}

function u32(b: Buffer, at: number, v: number): void {
  b.writeUInt32LE((v >>> 0) & 0xffffffff, at);
}

const hex = (n: number) => n.toString(16);

/** The entry a mutation aims at: usually word/document.xml, sometimes another one. */
function targetEntry(z: ZipInfo, r: Rng): CdEntry {
  const doc = z.entries.find((e) => e.name === 'word/document.xml');
  return doc && r.chance(0.75) ? doc : r.pick(z.entries);
}

const shortName = (e: CdEntry) => (e.name === 'word/document.xml' ? 'doc' : e.name.replace(/^.*\//, '').replace(/\W+/g, ''));

// -- bytes (both formats) ---------------------------------------------------------------------

const bytesMutators: Mutator[] = [
  {
    cls: 'bytes', name: 'flip', formats: BOTH,
    run(s, r) {
      const b = Buffer.from(s.bytes);
      const n = r.range(1, 16);
      // half the time the flips cluster in one region (a header, a stream), else anywhere
      const local = r.chance(0.5);
      const centre = r.int(b.length);
      for (let k = 0; k < n; k++) {
        const pos = local ? Math.min(b.length - 1, Math.max(0, centre + r.range(-64, 64))) : r.int(b.length);
        flipAt(b, pos, r);
      }
      return { bytes: b, detail: `${n}${local ? 'near' : 'any'}` };
    },
  },
  {
    cls: 'bytes', name: 'trunc', formats: BOTH,
    run(s, r) {
      const len = s.bytes.length;
      const points: [string, number][] = [
        ['0', 0], ['1', 1], ['4', 4], ['mid', len >> 1], ['last22', len - 22], ['minus1', len - 1],
        ['rand', r.range(5, len - 2)], ['rand', r.range(5, len - 2)], ['q1', len >> 2], ['q3', (3 * len) >> 2],
      ];
      const [label, at] = r.variant(points);
      return { bytes: s.bytes.subarray(0, at), detail: `${label}-${at}` };
    },
  },
  {
    cls: 'bytes', name: 'insert', formats: BOTH,
    run(s, r) {
      const at = r.int(s.bytes.length + 1);
      const n = r.range(1, 64);
      const ins = r.chance(0.3) ? new Uint8Array(n).fill(r.pick([0, 0x0a, 0x20, 0xff, 0x3c, 0x25])) : r.bytes(n);
      return { bytes: Buffer.concat([s.bytes.subarray(0, at), ins, s.bytes.subarray(at)]), detail: `${n}at${at}` };
    },
  },
  {
    cls: 'bytes', name: 'delete', formats: BOTH,
    run(s, r) {
      const n = r.range(1, 64);
      const at = r.int(s.bytes.length - n);
      return { bytes: Buffer.concat([s.bytes.subarray(0, at), s.bytes.subarray(at + n)]), detail: `${n}at${at}` };
    },
  },
  {
    cls: 'bytes', name: 'append', formats: BOTH,
    run(s, r) {
      const v = r.variant(['random', 'zeros', 'self', 'pdfhead', 'zipsig', 'text']);
      let tail: Uint8Array;
      if (v === 'random') tail = r.bytes(r.range(1, 4096));
      else if (v === 'zeros') tail = new Uint8Array(r.size([1, 512, 65536], [1, 512, 65536, 1 << 20]));
      else if (v === 'self') tail = s.bytes;
      else if (v === 'pdfhead') tail = Buffer.from(`%PDF-1.7\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\nstartxref\n${r.int(99999)}\n%%EOF\n`, 'latin1');
      else if (v === 'zipsig') tail = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...r.bytes(18)]);
      else tail = Buffer.from('\n垃圾数据 garbage '.repeat(r.range(1, 200)), 'utf8');
      return { bytes: Buffer.concat([s.bytes, tail]), detail: `${v}${tail.length}` };
    },
  },
  {
    cls: 'bytes', name: 'prepend', formats: BOTH,
    run(s, r) {
      const n = r.variant([1, 3, 16, 512, 1019, 1020, 1024, 2048]);
      const head = r.chance(0.5) ? r.bytes(n) : new Uint8Array(n).fill(0x20);
      return { bytes: Buffer.concat([head, s.bytes]), detail: `${n}` };
    },
  },
];

// -- zip (DOCX) -------------------------------------------------------------------------------

const zipMutators: Mutator[] = [
  {
    cls: 'zip', name: 'eocd-count', formats: DOCX,
    run(s, r) {
      const z = zipOf(s);
      if (!z) return null;
      const b = Buffer.from(s.bytes);
      const n = z.entries.length;
      const v = r.variant([0, 1, 0xffff, n + 1, n - 1, n * 2]);
      const which = r.pick(['disk', 'total', 'both']);
      if (which !== 'total') b.writeUInt16LE(v & 0xffff, z.eocd + 8);
      if (which !== 'disk') b.writeUInt16LE(v & 0xffff, z.eocd + 10);
      return { bytes: b, detail: `${which}${v}` };
    },
  },
  {
    cls: 'zip', name: 'eocd-cdsize', formats: DOCX,
    run(s, r) {
      const z = zipOf(s);
      if (!z) return null;
      const b = Buffer.from(s.bytes);
      const v = r.variant([0, 1, 0xffffffff, z.cdSize + 1, z.cdSize - 1, z.cdSize - 46, z.cdSize * 2, 0x7fffffff]);
      u32(b, z.eocd + 12, v);
      return { bytes: b, detail: hex(v) };
    },
  },
  {
    cls: 'zip', name: 'eocd-cdoffset', formats: DOCX,
    run(s, r) {
      const z = zipOf(s);
      if (!z) return null;
      const b = Buffer.from(s.bytes);
      const v = r.variant([0, 0xffffffff, z.cdOffset + 1, z.cdOffset - 1, b.length, z.eocd, r.int(b.length), z.cdOffset + 46]);
      u32(b, z.eocd + 16, v);
      return { bytes: b, detail: hex(v) };
    },
  },
  {
    cls: 'zip', name: 'eocd-comment', formats: DOCX,
    run(s, r) {
      const z = zipOf(s);
      if (!z) return null;
      const v = r.variant(['len1', 'lenffff', 'len22', 'fake-eocd', 'long']);
      if (v === 'fake-eocd') {
        // a comment that holds a second EOCD record pointing at garbage
        const fake = Buffer.alloc(22);
        fake.writeUInt32LE(0x06054b50, 0);
        fake.writeUInt16LE(r.int(0xffff), 8);
        fake.writeUInt16LE(r.int(0xffff), 10);
        u32(fake, 12, r.int(0xffffffff));
        u32(fake, 16, r.int(s.bytes.length));
        const b = Buffer.concat([s.bytes, fake]);
        b.writeUInt16LE(22, z.eocd + 20);
        return { bytes: b, detail: v };
      }
      if (v === 'long') {
        const comment = Buffer.from('注释'.repeat(10000), 'utf8').subarray(0, 65535);
        const b = Buffer.concat([s.bytes, comment]);
        b.writeUInt16LE(comment.length, z.eocd + 20);
        return { bytes: b, detail: v };
      }
      const b = Buffer.from(s.bytes);
      b.writeUInt16LE(v === 'len1' ? 1 : v === 'len22' ? 22 : 0xffff, z.eocd + 20);
      return { bytes: b, detail: v };
    },
  },
  {
    cls: 'zip', name: 'cd-flip', formats: DOCX,
    run(s, r) {
      const z = zipOf(s);
      if (!z) return null;
      const b = Buffer.from(s.bytes);
      const n = r.range(1, 8);
      for (let k = 0; k < n; k++) flipAt(b, z.cdOffset + r.int(z.cdSize), r);
      return { bytes: b, detail: `${n}` };
    },
  },
  {
    cls: 'zip', name: 'cd-localoffset', formats: DOCX,
    run(s, r) {
      const z = zipOf(s);
      if (!z) return null;
      const e = targetEntry(z, r);
      const b = Buffer.from(s.bytes);
      const v = r.variant([0, 0xffffffff, b.length, e.local + 1, r.pick(z.entries).local, z.cdOffset, z.eocd]);
      u32(b, e.cd + 42, v);
      return { bytes: b, detail: `${shortName(e)}-${hex(v)}` };
    },
  },
  {
    cls: 'zip', name: 'sizes', formats: DOCX,
    run(s, r) {
      const z = zipOf(s);
      if (!z) return null;
      const e = targetEntry(z, r);
      const b = Buffer.from(s.bytes);
      const where = r.variant(['local-comp', 'local-size', 'cd-comp', 'cd-size', 'both-size', 'both-comp']);
      const base = where.endsWith('comp') ? e.compSize : e.size;
      const v = r.pick([0, 1, 0xffffffff, base * 2, base - 1, base + 1, base >> 1, 0x7fffffff]);
      if (where === 'local-comp' || where === 'both-comp') u32(b, e.local + 18, v);
      if (where === 'local-size' || where === 'both-size') u32(b, e.local + 22, v);
      if (where === 'cd-comp' || where === 'both-comp') u32(b, e.cd + 20, v);
      if (where === 'cd-size' || where === 'both-size') u32(b, e.cd + 24, v);
      return { bytes: b, detail: `${shortName(e)}-${where}-${hex(v)}` };
    },
  },
  {
    cls: 'zip', name: 'deflate-flip', formats: DOCX,
    run(s, r) {
      const z = zipOf(s);
      if (!z) return null;
      const e = targetEntry(z, r);
      if (e.compSize < 2) return null;
      const b = Buffer.from(s.bytes);
      const n = r.range(1, 16);
      const v = r.variant(['any', 'head', 'tail']);
      for (let k = 0; k < n; k++) {
        const off = v === 'head' ? r.int(Math.min(8, e.compSize)) : v === 'tail' ? e.compSize - 1 - r.int(Math.min(8, e.compSize)) : r.int(e.compSize);
        flipAt(b, e.data + off, r);
      }
      return { bytes: b, detail: `${shortName(e)}-${v}${n}` };
    },
  },
  {
    cls: 'zip', name: 'drop', formats: DOCX,
    run(s, r) {
      const parts = partsOf(s);
      if (!parts) return null;
      const v = r.variant(['document', 'content-types', 'rels', 'doc-rels', 'styles', 'all-but-document', 'empty-document', 'document-dir']);
      const p: Record<string, Uint8Array> = {};
      for (const [k, d] of Object.entries(parts)) {
        if (v === 'document' && k === 'word/document.xml') continue;
        if (v === 'content-types' && k === '[Content_Types].xml') continue;
        if (v === 'rels' && k === '_rels/.rels') continue;
        if (v === 'doc-rels' && k === 'word/_rels/document.xml.rels') continue;
        if (v === 'styles' && k === 'word/styles.xml') continue;
        if (v === 'all-but-document' && k !== 'word/document.xml') continue;
        if (v === 'document-dir' && k === 'word/document.xml') {
          p['word/document.xml/'] = new Uint8Array(0);
          continue;
        }
        p[k] = v === 'empty-document' && k === 'word/document.xml' ? new Uint8Array(0) : d;
      }
      return { bytes: rezip(p), detail: v };
    },
  },
  {
    cls: 'zip', name: 'duplicate', formats: DOCX,
    run(s, r) {
      const parts = partsOf(s);
      if (!parts) return null;
      const doc = parts['word/document.xml'];
      if (!doc) return null;
      const v = r.variant(['same', 'empty', 'garbage', 'truncated', 'content-types', 'all']);
      const entries = entriesOf(parts);
      if (v === 'all') return { bytes: writeZip([...entries, ...entries]), detail: v };
      if (v === 'content-types') {
        const ct = parts['[Content_Types].xml'];
        if (!ct) return null;
        return { bytes: writeZip([...entries, { name: '[Content_Types].xml', data: strToU8('<Types/>') }]), detail: v };
      }
      const other = v === 'same' ? doc : v === 'empty' ? new Uint8Array(0) : v === 'garbage' ? r.bytes(r.range(10, 5000)) : doc.subarray(0, r.int(doc.length));
      const first = r.chance(0.5);
      const dup: RawEntry = { name: 'word/document.xml', data: other };
      const i = entries.findIndex((e) => e.name === 'word/document.xml');
      const out = [...entries];
      out.splice(first ? i : i + 1, 0, dup);
      return { bytes: writeZip(out), detail: `${v}-${first ? 'before' : 'after'}` };
    },
  },
  {
    cls: 'zip', name: 'huge-declared', formats: DOCX,
    run(s, r) {
      const parts = partsOf(s);
      if (!parts) return null;
      const size = r.variant([0xffffffff, 0x7fffffff, 3_000_000_000, 300 * 1024 * 1024, 257 * 1024 * 1024, 0x80000000]);
      const method = r.pick([0, 8]);
      const where = r.pick(['both', 'local', 'cd']);
      const target = r.chance(0.7) ? 'word/document.xml' : r.pick(Object.keys(parts));
      const entries = entriesOf(parts).map((e): RawEntry => {
        if (e.name !== target) return e;
        return { ...e, method, ...(where !== 'cd' ? { size } : {}), ...(where !== 'local' ? { sizeCd: size } : {}), ...(where === 'local' ? { sizeCd: e.data.length } : {}) };
      });
      return { bytes: writeZip(entries), detail: `${target === 'word/document.xml' ? 'doc' : target.replace(/\W+/g, '')}-m${method}-${where}-${hex(size)}` };
    },
  },
  {
    cls: 'zip', name: 'encrypted-flag', formats: DOCX,
    run(s, r) {
      const z = zipOf(s);
      if (!z) return null;
      const b = Buffer.from(s.bytes);
      const v = r.variant(['doc-both', 'doc-local', 'doc-cd', 'all', 'strong']);
      const targets = v === 'all' ? z.entries : z.entries.filter((e) => e.name === 'word/document.xml');
      const bit = v === 'strong' ? 0x41 : 0x01;
      for (const e of targets) {
        if (v !== 'doc-cd') b.writeUInt16LE(b.readUInt16LE(e.local + 6) | bit, e.local + 6);
        if (v !== 'doc-local') b.writeUInt16LE(b.readUInt16LE(e.cd + 8) | bit, e.cd + 8);
      }
      return { bytes: b, detail: v };
    },
  },
  {
    cls: 'zip', name: 'method', formats: DOCX,
    run(s, r) {
      const z = zipOf(s);
      if (!z) return null;
      const e = targetEntry(z, r);
      const b = Buffer.from(s.bytes);
      const m = r.variant([0, 1, 9, 12, 14, 93, 99, 0xffff]);
      const where = r.pick(['local', 'cd', 'both']);
      if (where !== 'cd') b.writeUInt16LE(m, e.local + 8);
      if (where !== 'local') b.writeUInt16LE(m, e.cd + 10);
      if (m === e.method) return null;
      return { bytes: b, detail: `${shortName(e)}-${where}-${m}` };
    },
  },
  {
    cls: 'zip', name: 'names', formats: DOCX,
    run(s, r) {
      const parts = partsOf(s);
      if (!parts) return null;
      const v = r.variant(['upper', 'backslash', 'traversal', 'nul', 'long', 'absolute', 'cd-mismatch', 'bad-utf8']);
      const entries = entriesOf(parts).map((e): RawEntry => {
        if (e.name !== 'word/document.xml') return e;
        if (v === 'upper') return { ...e, name: 'WORD/DOCUMENT.XML' };
        if (v === 'backslash') return { ...e, name: 'word\\document.xml' };
        if (v === 'traversal') return { ...e, name: '../../word/document.xml' };
        if (v === 'nul') return { ...e, name: 'word/document.xml\0.txt' };
        if (v === 'absolute') return { ...e, name: '/word/document.xml' };
        if (v === 'bad-utf8') return { ...e, name: Buffer.concat([Buffer.from('word/doc'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('.xml')]) };
        return e;
      });
      if (v === 'long') entries.push({ name: `word/${'长'.repeat(20000)}.xml`, data: strToU8('<x/>') });
      let bytes = writeZip(entries);
      if (v === 'cd-mismatch') {
        // the central directory says word/document.xml, the local header says word/documenT.xml
        const b = Buffer.from(bytes);
        const z = parseZip(b);
        const e = z?.entries.find((x) => x.name === 'word/document.xml');
        if (!z || !e) return null;
        b[e.local + 30 + 'word/documen'.length] = 0x54;
        bytes = b;
      }
      return { bytes, detail: v };
    },
  },
  {
    cls: 'zip', name: 'many-entries', formats: DOCX,
    run(s, r) {
      const parts = partsOf(s);
      if (!parts) return null;
      const n = r.size([500, 2000], [2000, 10000, 65535, 70000]);
      const entries = entriesOf(parts);
      const tiny = new Uint8Array(0);
      for (let k = 0; k < n; k++) entries.push({ name: `word/media/p${k}.xml`, data: tiny, method: 0 });
      return { bytes: writeZip(entries), detail: `${n}` };
    },
  },
  {
    cls: 'zip', name: 'zip64', formats: DOCX,
    run(s, r) {
      const z = zipOf(s);
      if (!z) return null;
      const b = Buffer.from(s.bytes);
      const v = r.variant(['eocd-ffff', 'sizes-ffffffff', 'locator']);
      if (v === 'eocd-ffff') {
        b.writeUInt16LE(0xffff, z.eocd + 8);
        b.writeUInt16LE(0xffff, z.eocd + 10);
        u32(b, z.eocd + 12, 0xffffffff);
        u32(b, z.eocd + 16, 0xffffffff);
        return { bytes: b, detail: v };
      }
      if (v === 'sizes-ffffffff') {
        const e = targetEntry(z, r);
        u32(b, e.cd + 20, 0xffffffff);
        u32(b, e.cd + 24, 0xffffffff);
        return { bytes: b, detail: `${v}-${shortName(e)}` };
      }
      // a ZIP64 end-of-central-directory locator pointing at garbage, just before the EOCD
      const loc = Buffer.alloc(20);
      loc.writeUInt32LE(0x07064b50, 0);
      loc.writeBigUInt64LE(BigInt(r.int(0xffffffff)) * 1000n, 8);
      loc.writeUInt32LE(1, 16);
      return { bytes: Buffer.concat([b.subarray(0, z.eocd), loc, b.subarray(z.eocd)]), detail: v };
    },
  },
];

// -- xml (word/document.xml) ------------------------------------------------------------------

/** Unzip, change word/document.xml (as text or bytes), rezip with fflate. */
function withDocument(s: Sample, change: (xml: string) => string | Uint8Array | null): Uint8Array | null {
  const parts = partsOf(s);
  const doc = parts?.['word/document.xml'];
  if (!parts || !doc) return null;
  const changed = change(strFromU8(doc));
  if (changed === null) return null;
  const out: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(parts)) out[k] = k === 'word/document.xml' ? (typeof changed === 'string' ? strToU8(changed) : changed) : v;
  return rezip(out);
}

function positions(xml: string, re: RegExp): { index: number; match: string }[] {
  const out: { index: number; match: string }[] = [];
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  for (let m = g.exec(xml); m; m = g.exec(xml)) {
    out.push({ index: m.index, match: m[0] });
    if (m[0] === '') g.lastIndex++;
  }
  return out;
}

const spliceStr = (s: string, at: number, del: number, ins: string) => s.slice(0, at) + ins + s.slice(at + del);

/** Where text runs start: just after <w:t> or <w:t xml:space="preserve">. */
function textStarts(xml: string): number[] {
  return positions(xml, /<w:t(?: [^>]*)?>/).map((p) => p.index + p.match.length);
}

/** The end of the body content: before the last <w:sectPr, else </w:body>. */
function bodyEnd(xml: string): number {
  const sect = xml.lastIndexOf('<w:sectPr');
  return sect >= 0 ? sect : xml.lastIndexOf('</w:body>');
}

const WEIRD_INTS = ['0', '-1', '-5', '-2147483648', '2147483647', '2147483648', '4294967296', '999999999', '99999999999999999999', 'abc', '', '1.5', '1e9', 'NaN', 'Infinity', ' 3', '0x10', '65536', '３', '-0'];

const cell = (text: string) => `<w:tc><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;

const REL_HEADER = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/header';
const REL_FOOTER = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer';
const HDR_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** Adds relationships to word/_rels/document.xml.rels. */
function addRels(parts: Record<string, Uint8Array>, rels: string): boolean {
  const file = 'word/_rels/document.xml.rels';
  const text = parts[file] ? strFromU8(parts[file]) : null;
  if (!text || !text.includes('</Relationships>')) return false;
  parts[file] = strToU8(text.replace('</Relationships>', `${rels}</Relationships>`));
  return true;
}

/** Adds header/footer references at the start of the body's last w:sectPr. */
function addSectRefs(parts: Record<string, Uint8Array>, refs: string): boolean {
  const doc = parts['word/document.xml'] ? strFromU8(parts['word/document.xml']) : null;
  if (!doc) return false;
  const m = /<w:sectPr(?: [^>]*)?>(?![\s\S]*<w:sectPr)/.exec(doc);
  if (!m) return false;
  parts['word/document.xml'] = strToU8(spliceStr(doc, m.index + m[0].length, 0, refs));
  return true;
}

const xmlMutators: Mutator[] = [
  {
    // the parts around word/document.xml: relationships, headers/footers, styles, numbering
    cls: 'xml', name: 'parts', formats: DOCX,
    run(s, r) {
      const orig = partsOf(s);
      if (!orig) return null;
      const parts: Record<string, Uint8Array> = { ...orig };
      const v = r.variant(['header-self', 'header-traversal', 'header-external', 'header-missing-id', 'header-missing-part', 'header-huge', 'header-broken',
        'main-missing', 'main-absolute', 'main-upper', 'main-external', 'rels-dup-ids', 'rels-broken', 'styles-basedon-loop', 'styles-broken',
        'numbering-loop', 'numbering-broken', 'content-types-broken', 'footer-deep']);
      const header = (id: string, kind: 'header' | 'footer' = 'header') => `<w:${kind}Reference w:type="default" r:id="${id}"/>`;
      const rel = (id: string, type: string, target: string, external = false) => `<Relationship Id="${id}" Type="${type}" Target="${target}"${external ? ' TargetMode="External"' : ''}/>`;
      let ok = true;
      switch (v) {
        case 'header-self':
          ok = addRels(parts, rel('rIdFz1', REL_HEADER, 'document.xml')) && addSectRefs(parts, header('rIdFz1'));
          break;
        case 'header-traversal':
          ok = addRels(parts, rel('rIdFz1', REL_HEADER, '../../../../../../etc/passwd')) && addSectRefs(parts, header('rIdFz1'));
          break;
        case 'header-external':
          ok = addRels(parts, rel('rIdFz1', REL_HEADER, 'http://127.0.0.1:9/header1.xml', true)) && addSectRefs(parts, header('rIdFz1'));
          break;
        case 'header-missing-id':
          ok = addSectRefs(parts, header('rIdNoSuch') + header('', 'footer'));
          break;
        case 'header-missing-part':
          ok = addRels(parts, rel('rIdFz1', REL_HEADER, 'header9.xml')) && addSectRefs(parts, header('rIdFz1'));
          break;
        case 'header-huge':
        case 'header-broken':
        case 'footer-deep': {
          const n = r.size([500], [20_000]);
          const body = v === 'header-huge' ? `<w:p><w:r><w:t>第 1 页 共 9 页 一、总体情况 2023年</w:t></w:r></w:p>`.repeat(n)
            : v === 'footer-deep' ? `${'<w:tbl><w:tr><w:tc>'.repeat(r.size([200], [2000]))}<w:p/>${'</w:tc></w:tr></w:tbl>'.repeat(r.size([200], [2000]))}`
              : '<w:p><w:r><w:t>页眉';
          const kind = v === 'footer-deep' ? 'footer' : 'header';
          const tag = kind === 'footer' ? 'w:ftr' : 'w:hdr';
          parts[`word/${kind}1.xml`] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${tag} ${HDR_NS}>${body}${v === 'header-broken' ? '' : `</${tag}>`}`);
          ok = addRels(parts, rel('rIdFz1', kind === 'footer' ? REL_FOOTER : REL_HEADER, `${kind}1.xml`)) && addSectRefs(parts, header('rIdFz1', kind));
          break;
        }
        case 'main-missing':
        case 'main-absolute':
        case 'main-upper':
        case 'main-external': {
          const f = '_rels/.rels';
          const t = parts[f] ? strFromU8(parts[f]) : '';
          const target = v === 'main-missing' ? 'word/missing.xml' : v === 'main-absolute' ? '/word/document.xml' : v === 'main-upper' ? 'WORD/DOCUMENT.XML' : 'http://127.0.0.1:9/document.xml" TargetMode="External';
          const nt = t.replace('Target="word/document.xml"', `Target="${target}"`);
          ok = nt !== t;
          parts[f] = strToU8(nt);
          break;
        }
        case 'rels-dup-ids': {
          const f = 'word/_rels/document.xml.rels';
          const t = parts[f] ? strFromU8(parts[f]) : '';
          // every id twice: the second time pointing at the document itself
          parts[f] = strToU8(t.replace(/<Relationship Id="(\w+)" Type="([^"]+)" Target="[^"]+"\/>/g, (m, id: string, type: string) => `${m}${rel(id, type, 'document.xml')}`));
          break;
        }
        case 'rels-broken':
          parts['word/_rels/document.xml.rels'] = strToU8('<?xml version="1.0"?><Relationships><Relationship Id="rId1" Target=');
          break;
        case 'styles-basedon-loop': {
          const f = 'word/styles.xml';
          const t = parts[f] ? strFromU8(parts[f]) : '';
          // Normal based on Title based on Normal; every other style based on itself
          parts[f] = strToU8(t.replace(/(<w:style [^>]*w:styleId="(\w+)"[^>]*>)((?:(?!<\/w:style>).)*?)(<\/w:style>)/g, (_m, open: string, id: string, inner: string, close: string) => {
            const target = id === 'Normal' ? 'Title' : id === 'Title' ? 'Normal' : id;
            return `${open}${inner.replace(/<w:basedOn w:val="[^"]*"\/>/, '')}<w:basedOn w:val="${target}"/>${close}`;
          }));
          ok = t.length > 0;
          break;
        }
        case 'styles-broken':
        case 'numbering-broken': {
          const f = v === 'styles-broken' ? 'word/styles.xml' : 'word/numbering.xml';
          const d = parts[f];
          if (!d) return null;
          parts[f] = d.subarray(0, r.int(d.length));
          break;
        }
        case 'numbering-loop': {
          const f = 'word/numbering.xml';
          const t = parts[f] ? strFromU8(parts[f]) : '';
          // each abstract numbering links to a style whose numbering is itself; numIds point nowhere
          const nt = t.replace(/<w:abstractNum ([^>]*)>/g, '<w:abstractNum $1><w:numStyleLink w:val="Heading1"/><w:styleLink w:val="Heading1"/>')
            .replace(/<w:abstractNumId w:val="\d+"\/>/g, '<w:abstractNumId w:val="999999"/>');
          ok = nt !== t;
          parts[f] = strToU8(nt);
          break;
        }
        default:
          parts['[Content_Types].xml'] = strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="');
      }
      if (!ok) return null;
      return { bytes: rezip(parts), detail: v };
    },
  },
  {
    cls: 'xml', name: 'unclosed', formats: DOCX,
    run(s, r) {
      const v = r.variant(['<w:p>', '<w:tbl><w:tr><w:tc>', '<w:t>开', '<w:r>', '<!-- comment', '<![CDATA[ x', '<w:t a="', '<w:tc>', '<', '&amp', '&#xD800;', '&#0;']);
      let at = 0;
      const bytes = withDocument(s, (xml) => {
        const tags = positions(xml, />/);
        const body = xml.indexOf('<w:body>');
        const cand = tags.filter((t) => t.index > body);
        if (!cand.length) return null;
        at = r.pick(cand).index + 1;
        return spliceStr(xml, at, 0, v);
      });
      return bytes && { bytes, detail: `${v.replace(/\W+/g, '')}-${at}` };
    },
  },
  {
    cls: 'xml', name: 'drop-close', formats: DOCX,
    run(s, r) {
      const tag = r.variant(['</w:tc>', '</w:tr>', '</w:tbl>', '</w:p>', '</w:r>', '</w:t>', '</w:body>', '</w:document>', '</w:tcPr>']);
      const all = r.chance(0.25);
      let n = 0;
      const bytes = withDocument(s, (xml) => {
        const at = positions(xml, new RegExp(tag.replace(/\//g, '\\/')));
        if (!at.length) return null;
        if (all) {
          n = at.length;
          return xml.split(tag).join('');
        }
        const p = r.pick(at);
        n = p.index;
        return spliceStr(xml, p.index, tag.length, '');
      });
      return bytes && { bytes, detail: `${tag.replace(/\W+/g, '')}-${all ? 'all' : `at${n}`}` };
    },
  },
  {
    cls: 'xml', name: 'truncate', formats: DOCX,
    run(s, r) {
      let at = 0;
      const bytes = withDocument(s, (xml) => {
        at = r.int(xml.length);
        return xml.slice(0, at);
      });
      return bytes && { bytes, detail: `${at}` };
    },
  },
  {
    cls: 'xml', name: 'gridspan', formats: DOCX,
    run(s, r) {
      const val = r.variant(WEIRD_INTS);
      const all = r.chance(0.3);
      const bytes = withDocument(s, (xml) => {
        const spans = positions(xml, /<w:gridSpan w:val="[^"]*"\/>/);
        const repl = `<w:gridSpan w:val="${val}"/>`;
        if (all && spans.length) return xml.replace(/<w:gridSpan w:val="[^"]*"\/>/g, repl);
        if (spans.length && r.chance(0.6)) {
          const p = r.pick(spans);
          return spliceStr(xml, p.index, p.match.length, repl);
        }
        const tcPr = positions(xml, /<w:tcPr>/);
        if (!tcPr.length) return null;
        const p = r.pick(tcPr);
        return spliceStr(xml, p.index + p.match.length, 0, repl);
      });
      return bytes && { bytes, detail: `${all ? 'all' : 'one'}=${val === '' ? 'empty' : val}` };
    },
  },
  {
    cls: 'xml', name: 'gridbefore', formats: DOCX,
    run(s, r) {
      const before = r.variant(WEIRD_INTS);
      const after = r.pick(['1', '0', '-3', '99999', 'x', '2147483648']);
      const frac = r.pick([1, 0.5, 0.1]);
      const bytes = withDocument(s, (xml) => {
        const rows = positions(xml, /<w:tr(?: [^>]*)?>/);
        if (!rows.length) return null;
        const pr = `<w:trPr><w:gridBefore w:val="${before}"/><w:gridAfter w:val="${after}"/></w:trPr>`;
        let out = xml;
        // back to front so that indexes stay valid
        for (const p of [...rows].reverse()) if (r.chance(frac)) out = spliceStr(out, p.index + p.match.length, 0, pr);
        return out === xml ? spliceStr(xml, rows[0]!.index + rows[0]!.match.length, 0, pr) : out;
      });
      return bytes && { bytes, detail: `${before === '' ? 'empty' : before}_${after}_f${frac}` };
    },
  },
  {
    cls: 'xml', name: 'vmerge', formats: DOCX,
    run(s, r) {
      const v = r.variant(['all-continue', 'all-restart', 'every-cell', 'every-cell-restart-first', 'bogus-val', 'orphan-continue']);
      const bytes = withDocument(s, (xml) => {
        switch (v) {
          case 'all-continue':
            return xml.replace(/<w:vMerge w:val="restart"\/>/g, '<w:vMerge w:val="continue"/>');
          case 'all-restart':
            return xml.replace(/<w:vMerge w:val="continue"\/>/g, '<w:vMerge w:val="restart"/>');
          case 'every-cell':
            return xml.replace(/<w:tcPr>/g, '<w:tcPr><w:vMerge/>');
          case 'every-cell-restart-first': {
            let first = true;
            return xml.replace(/<w:tcPr>/g, () => {
              const t = first ? '<w:tcPr><w:vMerge w:val="restart"/>' : '<w:tcPr><w:vMerge w:val="continue"/>';
              first = false;
              return t;
            });
          }
          case 'bogus-val':
            return xml.replace(/<w:vMerge w:val="(restart|continue)"\/>/g, () => `<w:vMerge w:val="${r.pick(['bogus', '', '-1', 'RESTART'])}"/>`);
          default: {
            // continue cells in the first row of every table: a chain with nothing to continue
            return xml.replace(/(<w:tbl>(?:(?!<w:tr[ >]).)*<w:tr[^>]*>(?:(?!<\/w:tr>).)*?<w:tcPr>)/gs, '$1<w:vMerge w:val="continue"/>');
          }
        }
      });
      return bytes && { bytes, detail: v };
    },
  },
  {
    cls: 'xml', name: 'deep', formats: DOCX,
    run(s, r) {
      const depth = r.size([100, 200, 300], [100, 200, 300, 500, 800, 2000]);
      const v = r.variant(['tbl-body', 'tbl-cell', 'sdt', 'hyperlink']);
      const bytes = withDocument(s, (xml) => {
        let open: string;
        let close: string;
        let inner = '<w:p><w:r><w:t>深</w:t></w:r></w:p>';
        if (v === 'sdt') {
          open = '<w:sdt><w:sdtContent>';
          close = '</w:sdtContent></w:sdt>';
        } else if (v === 'hyperlink') {
          open = '<w:hyperlink w:anchor="a">';
          close = '</w:hyperlink>';
          inner = '<w:r><w:t>深</w:t></w:r>';
          const nest = `<w:p>${open.repeat(depth)}${inner}${close.repeat(depth)}</w:p>`;
          return spliceStr(xml, bodyEnd(xml), 0, nest);
        } else {
          open = '<w:tbl><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid><w:tr><w:tc>';
          close = '<w:p/></w:tc></w:tr></w:tbl>';
        }
        const nest = open.repeat(depth) + inner + close.repeat(depth);
        if (v === 'tbl-cell') {
          const cells = positions(xml, /<\/w:tcPr>/);
          if (!cells.length) return null;
          const p = r.pick(cells);
          return spliceStr(xml, p.index + p.match.length, 0, nest);
        }
        return spliceStr(xml, bodyEnd(xml), 0, nest);
      });
      return bytes && { bytes, detail: `${v}-${depth}` };
    },
  },
  {
    cls: 'xml', name: 'entities', formats: DOCX,
    run(s, r) {
      const v = r.variant(['laughs', 'quadratic', 'xxe-file', 'xxe-http', 'param', 'undefined-ref']);
      const bytes = withDocument(s, (xml) => {
        let dtd: string;
        let ref: string;
        if (v === 'laughs') {
          const ents = ['<!ENTITY lol0 "lol">'];
          for (let k = 1; k <= 9; k++) ents.push(`<!ENTITY lol${k} "${`&lol${k - 1};`.repeat(10)}">`);
          dtd = `<!DOCTYPE w:document [${ents.join('')}]>`;
          ref = '&lol9;';
        } else if (v === 'quadratic') {
          dtd = `<!DOCTYPE w:document [<!ENTITY a "${'a'.repeat(20000)}">]>`;
          ref = '&a;'.repeat(5000);
        } else if (v === 'xxe-file') {
          dtd = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
          ref = '&xxe;';
        } else if (v === 'xxe-http') {
          dtd = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/x">]>';
          ref = '&xxe;';
        } else if (v === 'param') {
          dtd = '<!DOCTYPE w:document [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>';
          ref = 'x';
        } else {
          dtd = '';
          ref = '&undefinedEntity;&#99999999;&#x110000;';
        }
        const decl = xml.indexOf('?>');
        const withDtd = decl >= 0 ? spliceStr(xml, decl + 2, 0, dtd) : dtd + xml;
        const starts = textStarts(withDtd);
        if (!starts.length) return null;
        return spliceStr(withDtd, r.pick(starts), 0, ref);
      });
      return bytes && { bytes, detail: v };
    },
  },
  {
    cls: 'xml', name: 'bad-utf8', formats: DOCX,
    run(s, r) {
      const seqs: [string, number[]][] = [
        ['c328', [0xc3, 0x28]], ['ff', [0xff]], ['surrogate', [0xed, 0xa0, 0x80]], ['overlong', [0xc0, 0xaf]],
        ['cut3', [0xe4, 0xb8]], ['fffe', [0xef, 0xbf, 0xbe]], ['f8', [0xf8, 0x88, 0x80, 0x80, 0x80]], ['bom-mid', [0xef, 0xbb, 0xbf]],
      ];
      const [label, seq] = r.variant(seqs);
      const many = r.chance(0.3);
      const v = r.pick(['text', 'text', 'tag', 'decl']);
      const bytes = withDocument(s, (xml) => {
        const b = Buffer.from(xml, 'utf8');
        if (v === 'decl') {
          // says UTF-16 (or Shift_JIS), is UTF-8
          return Buffer.from(xml.replace(/encoding="UTF-8"/i, `encoding="${r.pick(['UTF-16', 'Shift_JIS', 'bogus', 'GBK'])}"`), 'utf8');
        }
        const src = b.toString('latin1');
        const at = v === 'tag' ? positions(src, /<w:(?:p|r|tc|tr)\b/).map((p) => p.index + 3) : positions(src, /<w:t(?: [^>]*)?>/).map((p) => p.index + p.match.length);
        if (!at.length) return null;
        const chosen = many ? r.sample(at.length, Math.min(at.length, 50)).map((i) => at[i]!) : [r.pick(at)];
        let out = b;
        for (const p of [...chosen].sort((x, y) => y - x)) out = Buffer.concat([out.subarray(0, p), Buffer.from(seq), out.subarray(p)]);
        return out;
      });
      return bytes && { bytes, detail: `${v}-${label}${many ? '-many' : ''}` };
    },
  },
  {
    cls: 'xml', name: 'nul', formats: DOCX,
    run(s, r) {
      const v = r.variant(['text', 'tag', 'many', 'controls']);
      const bytes = withDocument(s, (xml) => {
        if (v === 'controls') return xml.replace(/<w:t>([^<]{0,3})/g, (_, t: string) => `<w:t>\u0001\u0008\u000b\u001f\ufffe${t}`);
        const starts = v === 'tag' ? positions(xml, /<w:(?:p|r|tc)\b/).map((p) => p.index + 2) : textStarts(xml);
        if (!starts.length) return null;
        const chosen = v === 'many' ? r.sample(starts.length, 200).map((i) => starts[i]!) : [r.pick(starts)];
        let out = xml;
        for (const p of [...chosen].sort((x, y) => y - x)) out = spliceStr(out, p, 0, '\0');
        return out;
      });
      return bytes && { bytes, detail: v };
    },
  },
  {
    cls: 'xml', name: 'long-run', formats: DOCX,
    run(s, r) {
      const n = r.size([10_000, 100_000], [100_000, 1_000_000, 3_000_000]);
      const unit = r.variant(['一', 'A', '1', '1,', ' ', '、一、', '（一）', '0 ', '9.']);
      const where = r.pick(['para', 'cell']);
      const text = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
      const bytes = withDocument(s, (xml) => {
        if (where === 'para') return spliceStr(xml, bodyEnd(xml), 0, `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`);
        const cells = positions(xml, /<w:tc>(?:(?!<\/w:tc>).)*?<w:t(?: [^>]*)?>[^<]*<\/w:t>/gs);
        if (!cells.length) return null;
        const p = r.pick(cells);
        const replaced = p.match.replace(/(<w:t(?: [^>]*)?>)[^<]*(<\/w:t>)$/, `$1${text}$2`);
        return spliceStr(xml, p.index, p.match.length, replaced);
      });
      return bytes && { bytes, detail: `${where}-${n}-${Buffer.from(unit).toString('hex').slice(0, 12)}` };
    },
  },
  {
    cls: 'xml', name: 'big-number', formats: DOCX,
    run(s, r) {
      const vals = [
        '99999999999999999999', '1e308', '1.7976931348623157e+309', '-99999999999999999999', '９９９９９９９９９９９９９９９９９９９９',
        '9007199254740993', '1,000,000,000,000,000,000,000', '0.000000000000000000001', '٣٤٥', '一亿', '１e５', '--5', '+-3', 'NaN', 'Infinity',
        '12.34.56', '1 2 3', '-0', '1'.repeat(400), '0x1F', '1/0', '%', '∞',
      ];
      const val = r.variant(vals);
      const frac = r.pick([1, 0.3, 0.05]);
      const bytes = withDocument(s, (xml) => {
        let hit = 0;
        const out = xml.replace(/(<w:t(?: [^>]*)?>)(\s*[+-]?\d[\d,.]*\s*)(<\/w:t>)/g, (m, a: string, _n: string, c: string) => {
          if (!r.chance(frac)) return m;
          hit++;
          return `${a}${val}${c}`;
        });
        return hit ? out : null;
      });
      return bytes && { bytes, detail: `f${frac}-${Buffer.from(val).toString('hex').slice(0, 16)}` };
    },
  },
  {
    cls: 'xml', name: 'many', formats: DOCX,
    run(s, r) {
      const v = r.variant(['rows', 'tables', 'paragraphs', 'cells']);
      const n = v === 'tables' ? r.size([5, 20], [20, 100]) : v === 'paragraphs' ? r.size([2000], [20_000, 100_000]) : r.size([200, 1000], [1000, 5000, 20_000]);
      const bytes = withDocument(s, (xml) => {
        if (v === 'rows') {
          const rows = positions(xml, /<w:tr[ >](?:(?!<\/w:tr>).)*<\/w:tr>/gs);
          if (!rows.length) return null;
          const p = r.pick(rows);
          return spliceStr(xml, p.index + p.match.length, 0, p.match.repeat(n));
        }
        if (v === 'tables') {
          const tbls = positions(xml, /<w:tbl>(?:(?!<\/w:tbl>).)*<\/w:tbl>/gs);
          if (!tbls.length) return null;
          const p = r.pick(tbls);
          return spliceStr(xml, p.index + p.match.length, 0, `<w:p/>${p.match}`.repeat(n));
        }
        if (v === 'paragraphs') return spliceStr(xml, bodyEnd(xml), 0, '<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>'.repeat(n));
        // one row with n cells
        const rowEnd = positions(xml, /<\/w:tr>/);
        if (!rowEnd.length) return null;
        return spliceStr(xml, r.pick(rowEnd).index, 0, cell('7').repeat(n));
      });
      return bytes && { bytes, detail: `${v}-${n}` };
    },
  },
];

// -- pdf (objects) ----------------------------------------------------------------------------

const latin1 = (s: string) => Buffer.from(s, 'latin1');

function objRe(n: number | string): RegExp {
  return new RegExp(`(^|[\\r\\n\\s>])(${n} 0 obj)`, 'm');
}

/** Offset of "N 0 obj" (the first definition). */
function objAt(t: string, n: number | string): number {
  const m = objRe(n).exec(t);
  return m ? m.index + m[1]!.length : -1;
}

interface PdfStream {
  num: number;
  dict: string;
  /** offset of the first data byte and the end (exclusive, before the EOL of endstream) */
  start: number;
  end: number;
}

const streamCache = new Map<string, PdfStream[]>();

function pdfStreams(t: string): PdfStream[] {
  const cached = streamCache.get(t);
  if (cached) return cached;
  const out = scanStreams(t);
  if (streamCache.size > 64) streamCache.clear();
  streamCache.set(t, out);
  return out;
}

function scanStreams(t: string): PdfStream[] {
  const out: PdfStream[] = [];
  const re = /(\d+) 0 obj\s*(<<(?:(?!endobj)[\s\S])*?>>)\s*stream\r?\n/g;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const start = m.index + m[0].length;
    const endKw = t.indexOf('endstream', start);
    if (endKw < 0) break;
    let end = endKw;
    if (t[end - 1] === '\n') end--;
    if (t[end - 1] === '\r') end--;
    out.push({ num: Number(m[1]), dict: m[2]!, start, end });
    re.lastIndex = endKw;
  }
  return out;
}

interface PageObj {
  num: number;
  at: number;
  dict: string;
  contents: number | null;
}

function pdfPages(t: string): PageObj[] {
  const out: PageObj[] = [];
  const re = /(\d+) 0 obj\s*(<<\/Type\/Page\/(?:(?!endobj)[\s\S])*?>>)\s*endobj/g;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const c = /\/Contents (\d+) 0 R/.exec(m[2]!);
    out.push({ num: Number(m[1]), at: m.index, dict: m[2]!, contents: c ? Number(c[1]) : null });
  }
  return out;
}

function lastTrailer(t: string): { at: number; dict: string; size: number; root: string | null; info: string | null } | null {
  const at = t.lastIndexOf('trailer');
  if (at < 0) return null;
  const sx = t.indexOf('startxref', at);
  const dict = t.slice(at + 7, sx < 0 ? undefined : sx);
  const size = /\/Size (\d+)/.exec(dict);
  const root = /\/Root (\d+ \d+ R)/.exec(dict);
  const info = /\/Info (\d+ \d+ R)/.exec(dict);
  return { at, dict, size: size ? Number(size[1]) : 0, root: root ? root[1]! : null, info: info ? info[1]! : null };
}

function startxrefOf(t: string): number {
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(t);
  return m ? Number(m[1]) : -1;
}

/**
 * An incremental update: (re)defines objects, with its own xref section and a trailer whose
 * /Prev is the previous xref (or `prev` when given, e.g. itself for a loop).
 */
function incrementalUpdate(t: string, objects: { num: number; body: string }[], opts: { prev?: number | 'self' | string; trailerExtra?: string; size?: number } = {}): string | null {
  const tr = lastTrailer(t);
  const prevXref = startxrefOf(t);
  if (!tr || !tr.root || prevXref < 0) return null;
  // latin1 text: one character per byte, so string offsets are byte offsets
  let out = t.endsWith('\n') ? t : `${t}\n`;
  const offsets: [number, number][] = [];
  for (const o of objects) {
    offsets.push([o.num, out.length]);
    out += `${o.num} 0 obj\n${o.body}\nendobj\n`;
  }
  const xrefAt = out.length;
  let xref = 'xref\n0 1\n0000000000 65535 f \n';
  for (const [num, off] of [...offsets].sort((a, b) => a[0] - b[0])) xref += `${num} 1\n${String(off).padStart(10, '0')} 00000 n \n`;
  const size = opts.size ?? Math.max(tr.size, ...objects.map((o) => o.num + 1));
  const prev = opts.prev === 'self' ? xrefAt : opts.prev ?? prevXref;
  out += `${xref}trailer\n<</Size ${size}/Root ${tr.root}${tr.info ? `/Info ${tr.info}` : ''}/Prev ${prev}${opts.trailerExtra ?? ''}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return out;
}

/** A stream object body with an exact /Length. */
function streamBody(data: Uint8Array, dict = ''): string {
  return `<</Length ${data.length}${dict}>>\nstream\n${Buffer.from(data).toString('latin1')}\nendstream`;
}

function pdfMutation(s: Sample, f: (t: string) => { text: string; detail: string } | null): Mutation | null {
  const res = f(s.text);
  return res && { bytes: latin1(res.text), detail: res.detail };
}

const pdfMutators: Mutator[] = [
  {
    cls: 'pdf', name: 'count', formats: PDF,
    run(s, r) {
      // negative counts every fourth, so that any four consecutive count mutants include one
      const v = r.variant(['-1', '1e9', '0', '1000000000', '-2147483649', '2147483648', '99999999999999999999', '3.5', '-5', '/Foo', '()', 'null', '6']);
      return pdfMutation(s, (t) => {
        const m = /\/Count (\d+)/.exec(t);
        if (!m) return null;
        return { text: spliceStr(t, m.index, m[0].length, `/Count ${v}`), detail: v };
      });
    },
  },
  {
    cls: 'pdf', name: 'length', formats: PDF,
    run(s, r) {
      return pdfMutation(s, (t) => {
        const st = r.pick(pdfStreams(t));
        const len = st.end - st.start;
        const v = r.variant(['0', '-1', '1', '99999999', `${len + 17}`, `${len - 17}`, `${len * 2}`, 'missing-ref', 'direct-wrong', 'null']);
        const ind = /\/Length (\d+) 0 R/.exec(st.dict);
        const dictAt = t.indexOf(st.dict, objAt(t, st.num));
        if (v === 'missing-ref' || v === 'direct-wrong' || !ind) {
          const val = v === 'missing-ref' ? '99999 0 R' : v === 'direct-wrong' ? `${Math.max(0, len - r.range(1, 500))}` : v;
          const nd = st.dict.replace(/\/Length (\d+ 0 R|\d+)/, `/Length ${val}`);
          return { text: spliceStr(t, dictAt, st.dict.length, nd), detail: `obj${st.num}=${v}` };
        }
        // the indirect length object: "N 0 obj\n123\nendobj"
        const lo = objAt(t, ind[1]!);
        const m = /^(\d+ 0 obj\s*)(\d+)/.exec(t.slice(lo));
        if (!m) return null;
        return { text: spliceStr(t, lo + m[1]!.length, m[2]!.length, v), detail: `obj${st.num}=${v}` };
      });
    },
  },
  {
    cls: 'pdf', name: 'startxref', formats: PDF,
    run(s, r) {
      return pdfMutation(s, (t) => {
        const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(t);
        if (!m) return null;
        const off = Number(m[1]);
        const v = r.variant(['abc', '0', '-1', '99999999999', '1', `${off + 7}`, `${off - 1}`, '', `${t.length}`, '1e3', `${r.int(t.length)}`]);
        const numAt = m.index + m[0].indexOf(m[1]!, 9);
        return { text: spliceStr(t, numAt, m[1]!.length, v), detail: v || 'empty' };
      });
    },
  },
  {
    cls: 'pdf', name: 'xref', formats: PDF,
    run(s, r) {
      return pdfMutation(s, (t) => {
        const xa = t.lastIndexOf('\nxref');
        if (xa < 0) return null;
        const ta = t.indexOf('trailer', xa);
        const section = t.slice(xa, ta);
        const lines = section.split('\n');
        const entryIdx = lines.map((l, i) => (/^\d{10} \d{5} [nf]/.test(l) ? i : -1)).filter((i) => i >= 0);
        const v = r.variant(['offsets', 'n-to-f', 'header-count', 'header-start', 'zero-all', 'no-keyword', 'short-lines', 'garbage']);
        let out = [...lines];
        if (v === 'offsets' || v === 'garbage') {
          for (const i of r.sample(entryIdx.length, r.range(1, 8)).map((k) => entryIdx[k]!)) {
            out[i] = v === 'offsets' ? `${String(r.int(1e10)).padStart(10, '0')}${out[i]!.slice(10)}` : `${Buffer.from(r.bytes(10)).toString('latin1').replace(/\n/g, ' ')}${out[i]!.slice(10)}`;
          }
        } else if (v === 'n-to-f') {
          for (const i of r.sample(entryIdx.length, r.range(1, 5)).map((k) => entryIdx[k]!)) out[i] = out[i]!.replace(/ n/, ' f');
        } else if (v === 'header-count' || v === 'header-start') {
          const h = out.findIndex((l) => /^\d+ \d+$/.test(l));
          if (h < 0) return null;
          const [a, b] = out[h]!.split(' ');
          out[h] = v === 'header-count' ? `${a} ${r.pick(['999999', '1', '0', '4294967296'])}` : `${r.pick(['5', '1', '2147483647', '4294967290'])} ${b}`;
        } else if (v === 'zero-all') {
          out = out.map((l, i) => (entryIdx.includes(i) ? `0000000000${l.slice(10)}` : l));
        } else if (v === 'no-keyword') {
          out[1] = out[1]!.replace('xref', 'xxxx');
        } else {
          out = out.map((l, i) => (entryIdx.includes(i) ? l.trimEnd() : l));
        }
        return { text: t.slice(0, xa) + out.join('\n') + t.slice(ta), detail: v };
      });
    },
  },
  {
    cls: 'pdf', name: 'trailer', formats: PDF,
    run(s, r) {
      return pdfMutation(s, (t) => {
        const tr = lastTrailer(t);
        if (!tr || !tr.root) return null;
        const pages = pdfPages(t);
        const v = r.variant(['no-root', 'root-missing-obj', 'root-info', 'root-page', 'root-null', 'no-dict', 'size-0', 'size-huge', 'encrypt-bogus', 'encrypt-missing']);
        const rootDecl = `/Root ${tr.root}`;
        let dict = tr.dict;
        if (v === 'no-root') dict = dict.replace(rootDecl, '');
        else if (v === 'root-missing-obj') dict = dict.replace(rootDecl, '/Root 99999 0 R');
        else if (v === 'root-info') dict = dict.replace(rootDecl, `/Root ${tr.info ?? '1 0 R'}`);
        else if (v === 'root-page') dict = dict.replace(rootDecl, `/Root ${pages[0]?.num ?? 1} 0 R`);
        else if (v === 'root-null') dict = dict.replace(rootDecl, '/Root null');
        else if (v === 'no-dict') dict = '\n';
        else if (v === 'size-0') dict = dict.replace(/\/Size \d+/, '/Size 0');
        else if (v === 'size-huge') dict = dict.replace(/\/Size \d+/, '/Size 2147483647');
        else if (v === 'encrypt-bogus') dict = dict.replace(rootDecl, `${rootDecl}/Encrypt<</Filter/Standard/V 9/R 99/O(x)/U(y)/P -1>>`);
        else dict = dict.replace(rootDecl, `${rootDecl}/Encrypt 99998 0 R`);
        return { text: t.slice(0, tr.at + 7) + dict + t.slice(tr.at + 7 + tr.dict.length), detail: v };
      });
    },
  },
  {
    cls: 'pdf', name: 'prev-loop', formats: PDF,
    run(s, r) {
      return pdfMutation(s, (t) => {
        const v = r.variant(['trailer-self', 'update-self', 'two-updates', 'prev-garbage', 'prev-negative']);
        const tr = lastTrailer(t);
        const sx = startxrefOf(t);
        if (!tr || sx < 0) return null;
        if (v === 'trailer-self' || v === 'prev-garbage' || v === 'prev-negative') {
          const prev = v === 'trailer-self' ? sx : v === 'prev-garbage' ? r.int(t.length) : -5;
          const dict = tr.dict.replace(/>>\s*$/, `/Prev ${prev}>>\n`);
          return { text: t.slice(0, tr.at + 7) + dict + t.slice(tr.at + 7 + tr.dict.length), detail: `${v}-${prev}` };
        }
        const info = tr.info ? Number(tr.info.split(' ')[0]) : 1;
        const body = `<</Producer(fuzz ${r.int(1e6)})>>`;
        if (v === 'update-self') {
          const u = incrementalUpdate(t, [{ num: info, body }], { prev: 'self' });
          return u ? { text: u, detail: v } : null;
        }
        // A → B → A: A's /Prev is a fixed-width placeholder, filled in with B's offset
        const a = incrementalUpdate(t, [{ num: info, body }], { prev: 'PREVPLACEHO' });
        if (!a) return null;
        const b = incrementalUpdate(a, [{ num: info, body: `<</Producer(fuzz2)>>` }]);
        if (!b) return null;
        const bXref = startxrefOf(b);
        return { text: b.replace('/Prev PREVPLACEHO', `/Prev ${String(bXref).padStart(11, '0')}`), detail: v };
      });
    },
  },
  {
    cls: 'pdf', name: 'filter', formats: PDF,
    run(s, r) {
      const names = ['/FooDecode', '/LZWDecode', '/JBIG2Decode', '/DCTDecode', '/JPXDecode', '/Crypt', '/ASCIIHexDecode', '/RunLengthDecode', '/CCITTFaxDecode', '/ASCII85Decode', '[/FlateDecode/FlateDecode]', '[]', '/FlateDecode/DecodeParms<</Predictor 12/Columns -1>>', '/FlateDecode/DecodeParms<</Predictor 15/Columns 99999999/Colors 99>>'];
      const name = r.variant(names);
      const all = r.chance(0.3);
      return pdfMutation(s, (t) => {
        const at = positions(t, /\/Filter\/FlateDecode/);
        if (!at.length) return null;
        const repl = `/Filter${name}`;
        if (all) return { text: t.split('/Filter/FlateDecode').join(repl), detail: `all-${name.replace(/\W+/g, '')}` };
        const p = r.pick(at);
        return { text: spliceStr(t, p.index, p.match.length, repl), detail: `at${p.index}-${name.replace(/\W+/g, '').slice(0, 24)}` };
      });
    },
  },
  {
    cls: 'pdf', name: 'stream', formats: PDF,
    run(s, r) {
      return pdfMutation(s, (t) => {
        const streams = pdfStreams(t);
        const pages = pdfPages(t);
        const contentNums = new Set(pages.map((p) => p.contents));
        const contentOnly = r.chance(0.6);
        const pool = contentOnly ? streams.filter((x) => contentNums.has(x.num)) : streams;
        if (!pool.length) return null;
        const st = r.pick(pool);
        const len = st.end - st.start;
        const v = r.pick(['cut', 'zero-tail', 'flip', 'empty', 'cut-keep-length']);
        if (v === 'flip') {
          const b = latin1(t);
          const n = r.range(1, 16);
          for (let k = 0; k < n; k++) flipAt(b, st.start + r.int(len), r);
          return { text: b.toString('latin1'), detail: `${contentOnly ? 'content' : 'any'}${st.num}-flip${n}` };
        }
        if (v === 'zero-tail') {
          const keep = r.int(len);
          return { text: t.slice(0, st.start + keep) + '\0'.repeat(len - keep) + t.slice(st.end), detail: `${contentOnly ? 'content' : 'any'}${st.num}-zero${keep}` };
        }
        const keep = v === 'empty' ? 0 : r.int(len);
        return { text: t.slice(0, st.start + keep) + t.slice(st.end), detail: `${contentOnly ? 'content' : 'any'}${st.num}-${v}${keep}` };
      });
    },
  },
  {
    cls: 'pdf', name: 'mediabox', formats: PDF,
    run(s, r) {
      const boxes = ['[0 0 NaN NaN]', '[0 0 1e308 1e308]', '[0 0 99999999999 99999999999]', '[0 0 0 0]', '[0 0 -595 -842]', '[0 0 595]', '[]', '[(a) (b) (c) (d)]',
        '[0 0 595 842 10 10]', '5 0 R', '[-2147483648 -2147483648 2147483647 2147483647]', '[0 0 1 1]', '[0 0 0.0001 0.0001]', '[842 595 0 0]', 'null'];
      const box = r.variant(boxes);
      const extra = r.pick(['', '', '/Rotate 45', '/Rotate 1000000000', '/UserUnit 1e-30', '/CropBox[0 0 -1 -1]', '/Rotate -90']);
      const which = r.pick(['one', 'all', 'pages']);
      return pdfMutation(s, (t) => {
        const re = /\/MediaBox\s*\[[^\]]*\]/g;
        const all = positions(t, re);
        if (!all.length) return null;
        const repl = `/MediaBox${box.startsWith('[') ? '' : ' '}${box}${extra}`;
        let out: string;
        if (which === 'all') out = t.replace(re, repl);
        else if (which === 'pages') {
          // the one in the /Pages node (inherited)
          const p = all.find((x) => t.lastIndexOf('/Type/Pages', x.index) > t.lastIndexOf('endobj', x.index));
          if (!p) return null;
          out = spliceStr(t, p.index, p.match.length, repl);
        } else {
          const p = r.pick(all);
          out = spliceStr(t, p.index, p.match.length, repl);
        }
        return { text: out, detail: `${which} ${box}${extra}` };
      });
    },
  },
  {
    cls: 'pdf', name: 'objnum', formats: PDF,
    run(s, r) {
      const big = r.pick(['2147483647', '4294967296', '99999999999', '9007199254740993', '1e9', '-3']);
      const v = r.variant(['rename-content', 'rename-pages', 'ref-missing', 'xref-start', 'generation']);
      return pdfMutation(s, (t) => {
        const pages = pdfPages(t);
        if (!pages.length) return null;
        if (v === 'rename-content' || v === 'rename-pages') {
          let n: number;
          if (v === 'rename-content') {
            const c = r.pick(pages).contents;
            if (c === null) return null;
            n = c;
          } else {
            const m = /\/Parent (\d+) 0 R/.exec(pages[0]!.dict);
            if (!m) return null;
            n = Number(m[1]);
          }
          const out = t.replace(objRe(n), `$1${big} 0 obj`).replace(new RegExp(`([^\\d])${n} 0 R`, 'g'), `$1${big} 0 R`);
          return { text: out, detail: `${v}${n}-${big}` };
        }
        if (v === 'ref-missing') {
          const out = t.replace(/\/Kids\[ ?(\d+) 0 R/, `/Kids[ ${big} 0 R`);
          return out === t ? null : { text: out, detail: `${v}-${big}` };
        }
        if (v === 'xref-start') {
          const out = t.replace(/\nxref\n0 (\d+)/, `\nxref\n${big} $1`);
          return out === t ? null : { text: out, detail: `${v}-${big}` };
        }
        const p = r.pick(pages);
        const out = t.replace(objRe(p.num), `$1${p.num} ${r.pick(['65536', '99999', '-1'])} obj`);
        return { text: out, detail: `${v}-page${p.num}` };
      });
    },
  },
  {
    cls: 'pdf', name: 'pagetree', formats: PDF,
    run(s, r) {
      const v = r.variant(['kids-self', 'parent-loop', 'kids-empty', 'kids-1000', 'page-as-pages', 'kids-missing', 'kids-not-array']);
      return pdfMutation(s, (t) => {
        const pages = pdfPages(t);
        const pm = /(\d+) 0 obj\s*<<\/Type\/Pages/.exec(t);
        if (!pages.length || !pm) return null;
        const pagesNum = Number(pm[1]);
        const kids = /\/Kids\[([^\]]*)\]/.exec(t.slice(pm.index));
        if (!kids) return null;
        const kidsAt = pm.index + kids.index;
        const setKids = (inner: string) => spliceStr(t, kidsAt, kids[0].length, `/Kids[${inner}]`);
        const tr = lastTrailer(t);
        switch (v) {
          case 'kids-self':
            return { text: setKids(`${kids[1]} ${pagesNum} 0 R `), detail: v };
          case 'kids-empty':
            return { text: setKids(''), detail: v };
          case 'kids-missing':
            return { text: spliceStr(t, kidsAt, kids[0].length, ''), detail: v };
          case 'kids-not-array':
            return { text: spliceStr(t, kidsAt, kids[0].length, '/Kids 42'), detail: v };
          case 'kids-1000': {
            const first = pages[0]!.num;
            const body = t.slice(pm.index).replace(/\/Kids\[[^\]]*\]/, `/Kids[${` ${first} 0 R`.repeat(1000)} ]`).replace(/\/Count \d+/, '/Count 1000');
            return { text: t.slice(0, pm.index) + body, detail: v };
          }
          case 'parent-loop': {
            // an intermediate Pages node whose parent is itself, holding the pages
            if (!tr) return null;
            const n = tr.size;
            const u = incrementalUpdate(t, [
              { num: n, body: `<</Type/Pages/Parent ${n} 0 R/Kids[${kids[1]}]/Count ${pages.length}>>` },
              { num: pagesNum, body: `<</Type/Pages/Kids[ ${n} 0 R ]/Count ${pages.length}>>` },
            ]);
            return u ? { text: u, detail: v } : null;
          }
          default: {
            const p = r.pick(pages);
            const out = spliceStr(t, p.at, p.dict.length + 20, t.slice(p.at, p.at + p.dict.length + 20).replace('/Type/Page/', '/Type/Pages/'));
            return { text: out, detail: `${v}${p.num}` };
          }
        }
      });
    },
  },
];

// -- content (PDF page content streams, replaced through an incremental update) ---------------

function contentOf(t: string, num: number): Uint8Array | null {
  const st = pdfStreams(t).find((x) => x.num === num);
  if (!st) return null;
  const raw = latin1(t.slice(st.start, st.end));
  if (!/\/FlateDecode/.test(st.dict)) return raw;
  try {
    return unzlibSync(raw);
  } catch {
    return null;
  }
}

/** Replace the content streams of some pages (chosen by `pick`) with `make(original)`. */
function replaceContents(s: Sample, r: Rng, make: (orig: string, page: number) => string, opts: { allPages?: boolean; compress?: boolean } = {}): { text: string; pages: string } | null {
  const t = s.text;
  const pages = pdfPages(t).filter((p) => p.contents !== null);
  if (!pages.length) return null;
  const chosen = opts.allPages || r.chance(0.3) ? pages : [r.pick(pages)];
  const objects: { num: number; body: string }[] = [];
  for (const p of chosen) {
    const orig = contentOf(t, p.contents!);
    if (!orig) return null;
    const data = latin1(make(Buffer.from(orig).toString('latin1'), p.num));
    const compress = opts.compress ?? r.chance(0.5);
    objects.push({ num: p.contents!, body: compress ? streamBody(zlibSync(data), '/Filter/FlateDecode') : streamBody(data) });
  }
  const text = incrementalUpdate(t, objects);
  return text ? { text, pages: chosen.length === pages.length ? 'all' : `p${chosen.map((p) => pages.indexOf(p) + 1).join('_')}` } : null;
}

function contentMutator(name: string, variants: (r: Rng) => { label: string; make: (orig: string, r: Rng) => string; allPages?: boolean; compress?: boolean }): Mutator {
  return {
    cls: 'content', name, formats: PDF,
    run(s, r) {
      const v = variants(r);
      const res = replaceContents(s, r, (orig) => v.make(orig, r), { allPages: v.allPages, compress: v.compress });
      return res && { bytes: latin1(res.text), detail: `${v.label}-${res.pages}` };
    },
  };
}

const contentMutators: Mutator[] = [
  contentMutator('cm', (r) => {
    const m = r.variant(['1e30 0 0 1e30 0 0', '0 0 0 0 0 0', '1e-30 0 0 1e-30 0 0', '-1 0 0 -1 595 842', '0 1 -1 0 595 0', '1 0 0 1 1e12 1e12', '1 0 0 1 NaN NaN', '1 0 0 1 -1e9 0', '3 0 0 3 0 0']);
    return { label: m, make: (o) => `${m} cm\n${o}` };
  }),
  contentMutator('dup', (r) => {
    const n = r.size([2, 10], [2, 10, 50, 200]);
    return { label: `x${n}`, make: (o) => `${o}\n`.repeat(n), compress: true };
  }),
  contentMutator('rects', (r) => {
    const v = r.variant(['grid', 'random', 'hairlines', 'nested']);
    const n = v === 'grid' ? r.size([30, 60], [30, 100, 300]) : r.size([300, 1000], [500, 3000, 20000]);
    return {
      label: `${v}${n}`,
      compress: true,
      make: (o, rr) => {
        const ops: string[] = [o, 'q 0 g'];
        if (v === 'grid') {
          // an n × n ruled grid over the page: a table of n² cells
          for (let k = 0; k <= n; k++) {
            ops.push(`${50 + (k * 500) / n} 50 0.5 742 re f`);
            ops.push(`50 ${50 + (k * 742) / n} 500 0.5 re f`);
          }
        } else if (v === 'random') {
          for (let k = 0; k < n; k++) {
            const horiz = rr.chance(0.5);
            ops.push(`${rr.int(595)} ${rr.int(842)} ${horiz ? rr.range(5, 500) : 0.5} ${horiz ? 0.5 : rr.range(5, 700)} re f`);
          }
        } else if (v === 'hairlines') {
          for (let k = 0; k < n; k++) ops.push(`${rr.int(595)} ${rr.int(842)} m ${rr.int(595)} ${rr.int(842)} l S`);
        } else {
          for (let k = 0; k < n; k++) ops.push(`${k * 0.01} ${k * 0.01} ${595 - k * 0.02} ${842 - k * 0.02} re S`);
        }
        ops.push('Q');
        return ops.join('\n');
      },
    };
  }),
  contentMutator('deep-q', (r) => {
    const n = r.size([1000, 5000], [1000, 10000, 100000]);
    const closed = r.chance(0.5);
    return { label: `${n}${closed ? 'closed' : 'open'}`, compress: true, make: (o) => `${'q '.repeat(n)}\n${o}\n${closed ? 'Q '.repeat(n) : ''}` };
  }),
  contentMutator('unbalanced', (r) => {
    const v = r.variant(['no-ET', 'no-Q', 'extra-BT', 'no-BT', 'extra-Q', 'ET-first']);
    return {
      label: v,
      make: (o) => {
        if (v === 'no-ET') return o.replace(/\bET\b/g, '');
        if (v === 'no-Q') return o.replace(/\bQ\b/g, '');
        if (v === 'extra-BT') return o.replace(/\bBT\b/g, 'BT BT');
        if (v === 'no-BT') return o.replace(/\bBT\b/g, '');
        if (v === 'extra-Q') return `Q Q Q\n${o}\nQ Q`;
        return `ET\n${o}`;
      },
    };
  }),
  contentMutator('garbage', (r) => {
    const v = r.variant(['tokens', 'inline-image', 'strings', 'dicts', 'numbers', 'binary']);
    return {
      label: v,
      make: (o, rr) => {
        const lines = o.split('\n');
        const junk = (): string => {
          switch (v) {
            case 'tokens':
              return rr.pick(['Tj', 'TJ', "'", '"', 'Tf', 'Tm', 'Td', 'cm', 're', 'f', 'Do', 'BI', 'EI', 'sh', 'gs', 'BDC', 'EMC', 'd0', 'd1', '/X', '[', ']', '<<', '>>', '{', '}', '(']);
            case 'inline-image':
              return `BI /W ${rr.pick([1, 100000, -1])} /H ${rr.pick([1, 100000, 0])} /BPC 8 /CS /RGB /F /AHx ID ${'00ff'.repeat(rr.int(50))} EI`;
            case 'strings':
              return `(${'\\'.repeat(rr.int(5))}${'('.repeat(rr.int(3))}abc) Tj <${'f'.repeat(rr.int(9))}> Tj`;
            case 'dicts':
              return `/P <</MCID ${rr.pick(['-1', '1e30', '<<', '[[[['])}>> BDC`;
            case 'numbers':
              return `${rr.pick(['1e308', '-0', '.', '-', '--1', '99999999999999999999', '1.2.3'])} ${rr.pick(['0', 'NaN'])} Td`;
            default:
              return Buffer.from(rr.bytes(rr.range(1, 40))).toString('latin1');
          }
        };
        const n = rr.range(1, 60);
        for (let k = 0; k < n; k++) lines.splice(rr.int(lines.length + 1), 0, junk());
        return lines.join('\n');
      },
    };
  }),
  contentMutator('text', (r) => {
    const v = r.variant(['huge-Tj', 'TJ-kerning', 'Tf-zero', 'Tf-huge', 'Tf-negative', 'Tc-huge', 'Tz-zero', 'rotate-all', 'missing-font', 'ts-rise']);
    return {
      label: v,
      make: (o, rr) => {
        switch (v) {
          case 'huge-Tj':
            return `${o}\nBT /F1 12 Tf 50 400 Td <${'0102'.repeat(rr.size([2000], [10000, 200000]))}> Tj ET`;
          case 'TJ-kerning':
            return o.replace(/\[([^\]]*)\]\s*TJ/g, (_m, inner: string) => `[${inner} ${rr.pick(['-1e30', '1e30', '99999999', 'NaN'])} ${inner}] TJ`);
          case 'Tf-zero':
            return o.replace(/(\/\w+) [\d.]+ Tf/g, '$1 0 Tf');
          case 'Tf-huge':
            return o.replace(/(\/\w+) [\d.]+ Tf/g, '$1 1e20 Tf');
          case 'Tf-negative':
            return o.replace(/(\/\w+) [\d.]+ Tf/g, '$1 -12 Tf');
          case 'Tc-huge':
            return o.replace(/\bBT\b/g, 'BT 1e9 Tc 1e9 Tw 1e9 TL');
          case 'Tz-zero':
            return o.replace(/\bBT\b/g, 'BT 0 Tz');
          case 'rotate-all':
            return o.replace(/\bBT\b/g, 'BT 0 1 -1 0 300 300 Tm');
          case 'missing-font':
            return o.replace(/\/(\w+) ([\d.]+ Tf)/g, '/NoSuchFont $2');
          default:
            return o.replace(/\bBT\b/g, 'BT 1e6 Ts');
        }
      },
    };
  }),
  contentMutator('empty', (r) => {
    const v = r.variant(['empty', 'spaces', 'only-rects']);
    return { label: v, allPages: r.chance(0.5), make: (o) => (v === 'empty' ? '' : v === 'spaces' ? ' '.repeat(1000) : o.replace(/BT[\s\S]*?ET/g, '')) };
  }),
  {
    cls: 'content', name: 'tounicode', formats: PDF,
    run(s, r) {
      const t = s.text;
      const cmaps = pdfStreams(t).filter((st) => {
        const d = contentOf(t, st.num);
        return d !== null && Buffer.from(d.subarray(0, 400)).toString('latin1').includes('begincmap');
      });
      if (!cmaps.length) return null;
      const st = r.pick(cmaps);
      const orig = Buffer.from(contentOf(t, st.num)!).toString('latin1');
      const v = r.variant(['to-nul', 'to-surrogate', 'to-fffe', 'huge-range', 'garbage', 'truncate', 'swap-digits', 'long-target']);
      let cm: string;
      if (v === 'to-nul' || v === 'to-surrogate' || v === 'to-fffe') {
        const target = v === 'to-nul' ? '0000' : v === 'to-surrogate' ? 'D800' : 'FFFE';
        cm = orig.replace(/(<[0-9A-Fa-f]+>\s*)<[0-9A-Fa-f]{4}>/g, `$1<${target}>`);
      } else if (v === 'huge-range') cm = orig.replace(/endcodespacerange/, 'endcodespacerange\n1 beginbfrange\n<0000> <FFFF> <4E00>\nendbfrange');
      else if (v === 'garbage') cm = orig.replace(/beginbfchar[\s\S]*?endbfchar/, `beginbfchar\n${Buffer.from(r.bytes(200)).toString('latin1')}\nendbfchar`);
      else if (v === 'truncate') cm = orig.slice(0, r.int(orig.length));
      else if (v === 'swap-digits') cm = orig.replace(/<(00[0-9A-F]{2})>\s*<(00[0-9A-F]{2}|4E[0-9A-F]{2}|[0-9A-F]{4})>/g, (_m, a: string) => `<${a}> <${(r.int(10) + 0x30).toString(16).padStart(4, '0')}>`);
      else cm = orig.replace(/(<[0-9A-Fa-f]+>\s*)<[0-9A-Fa-f]{4}>/, `$1<${'4E00'.repeat(500)}>`);
      if (cm === orig) return null;
      const text = incrementalUpdate(t, [{ num: st.num, body: streamBody(zlibSync(latin1(cm)), '/Filter/FlateDecode') }]);
      return text ? { bytes: latin1(text), detail: `obj${st.num}-${v}` } : null;
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Schedule and generation

const ALL: Mutator[] = [...bytesMutators, ...zipMutators, ...xmlMutators, ...pdfMutators, ...contentMutators];

/** Mutation classes per format, in round-robin order. */
const CLASSES: Record<Format, MutationClass[]> = { docx: ['bytes', 'zip', 'xml'], pdf: ['bytes', 'pdf', 'content'] };

export function mutatorNames(): string[] {
  return ALL.map((m) => `${m.cls}/${m.name}`);
}

/** Which format, class and mutator the index-th mutant uses: even indexes DOCX, odd PDF (when both exist). */
function schedule(index: number, formats: Format[]): { format: Format; mutator: Mutator; occurrence: number } {
  const format = formats.length === 1 ? formats[0]! : formats[index % 2]!;
  const k = formats.length === 1 ? index : index >> 1;
  const classes = CLASSES[format];
  const cls = classes[k % classes.length]!;
  const list = ALL.filter((m) => m.cls === cls && m.formats.includes(format));
  const turn = Math.floor(k / classes.length);
  return { format, mutator: list[turn % list.length]!, occurrence: Math.floor(turn / list.length) };
}

function hashString(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A file-name-safe rendering of a detail: "-1" → "neg1", "1.5" → "1p5", "３" → "uff13". */
const slug = (s: string) =>
  s.replace(/(^|[^\w])-(?=\d)/g, '$1neg').replace(/(\d)\.(\d)/g, '$1p$2').replace(/[^\x00-\x7f]/g, (c) => `u${c.codePointAt(0)!.toString(16)}`)
    .toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 48).replace(/-$/, '') || 'x';

const sampleCache = new Map<string, Sample>();
function samplesOf(files: string[]): Sample[] {
  return files.map((f) => {
    let s = sampleCache.get(f);
    if (!s) sampleCache.set(f, (s = loadSample(f)));
    return s;
  });
}

function mutantName(index: number, attempt: number, m: Mutator, detail: string, s: Sample): string {
  const id = `m${String(index).padStart(4, '0')}${attempt ? `r${attempt}` : ''}`;
  return `${id}-${m.cls}-${m.name}-${slug(detail)}-${s.tag}.${s.format}`;
}

export interface MutantOptions {
  /**
   * Stress parameters (text lengths, row/entry/page-operator counts, nesting depths) from the
   * small end only: every mutation class is still there, but no mutant is meant to be slow.
   * For the test suite; the bench uses the full range.
   */
  light?: boolean;
}

/**
 * The index-th mutant for this seed, on attempt `attempt` (a new attempt re-draws everything but
 * format and mutator; after 8 failed attempts the mutator falls back to a byte flip). null only
 * if nothing could be made.
 */
export function makeMutant(sampleFiles: string[], seed: number, index: number, attempt = 0, opts: MutantOptions = {}): Mutant | null {
  const samples = samplesOf(sampleFiles);
  const formats = (['docx', 'pdf'] as const).filter((f) => samples.some((s) => s.format === f));
  if (!formats.length) return null;
  const planned = schedule(index, formats);
  const mutator = attempt < 8 ? planned.mutator : bytesMutators[0]!;
  const r = new Rng(mix(seed, index, attempt), opts.light ?? false, planned.occurrence + attempt, mix(seed, hashString(`${mutator.cls}/${mutator.name}`)) % 997);
  const pool = samples.filter((s) => s.format === planned.format);
  const sample = r.pick(pool);
  let res: Mutation | null;
  try {
    res = mutator.run(sample, r);
  } catch {
    res = null;
  }
  if (!res) return null;
  return {
    name: mutantName(index, attempt, mutator, res.detail, sample),
    bytes: res.bytes instanceof Buffer ? new Uint8Array(res.bytes.buffer, res.bytes.byteOffset, res.bytes.byteLength) : res.bytes,
    kind: `${mutator.cls}/${mutator.name}`,
    cls: mutator.cls,
    detail: res.detail,
    sample: sample.file,
    format: sample.format,
    index,
    attempt,
  };
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * `count` byte-distinct mutants (distinct from each other and from the samples), deterministic
 * for (sampleFiles, count, seed). Mutant i is the same whatever `count` is.
 */
export function makeMutants(sampleFiles: string[], count: number, seed: number, opts: MutantOptions = {}): Mutant[] {
  const seen = new Set(samplesOf(sampleFiles).map((s) => sha(s.bytes)));
  const out: Mutant[] = [];
  for (let i = 0; i < count; i++) {
    for (let attempt = 0; attempt < 64; attempt++) {
      const m = makeMutant(sampleFiles, seed, i, attempt, opts);
      if (!m) continue;
      const h = sha(m.bytes);
      if (seen.has(h)) continue;
      seen.add(h);
      out.push(m);
      break;
    }
  }
  return out;
}

/** Writes the mutants into `dir` (flat); returns the paths written. */
export function writeMutants(dir: string, mutants: Mutant[]): string[] {
  mkdirSync(dir, { recursive: true });
  return mutants.map((m) => {
    const p = path.join(dir, m.name);
    writeFileSync(p, m.bytes);
    return p;
  });
}

/** The output JSON a mutant gets from `convert <dir>` (discover.ts: <name without extension>.json). */
export function outputName(name: string): string {
  const ext = path.extname(name);
  return `${ext ? name.slice(0, -ext.length) : name}.json`;
}
