/**
 * DOCX extractor: Word (Office Open XML) bytes → DocumentModel.
 *
 *  1. Sniff the bytes (empty, legacy OLE .doc/.wps, encrypted OOXML, not a ZIP, …).
 *  2. Read and check the ZIP central directory (a damaged or truncated archive is `corrupt`) and
 *     refuse archives whose declared uncompressed size or compression ratio exceeds LIMITS, before
 *     inflating anything (zip-bomb guard, `too-large`). Then inflate only the XML/relationship
 *     parts, once each, with node's zlib, stopped at each part's declared size, and
 *     checked against it and its CRC-32; images and other binaries are never inflated.
 *     Every XML part read is parsed within LIMITS (docx-xml.ts readXmlPart): content past a limit is
 *     dropped or cut with a warning.
 *  3. The main document part is parsed once into an element tree (docx-xml.ts readXmlPart), and
 *     read in one walk (docx/body.ts readBody): paragraphs with their heading level (styles.xml),
 *     text boxes, footnotes and endnotes (their parts parsed the same way), and the tables, whose
 *     exact grid (w:gridBefore/w:gridAfter, gridSpan, vMerge, hMerge) docx-xml.ts readTableGrid
 *     builds. The body is read as it prints: layout tables (a 1×1 frame, a page table with an
 *     empty margin column) are read as their cells' content, so the report's tables nested in them
 *     are tables of the body; paragraphs holding only a PAGE field, and tracked deleted rows, are
 *     left out.
 *  4. Page headers/footers from the header/footer parts referenced by the document's section
 *     properties.
 *  Only the parts read are parsed (document, relationships, styles, notes, headers, footers,
 *  docProps/app.xml); every XML part is inflated and checked, so a damaged archive is `corrupt`.
 *
 * Never throws: failures come back as { ok: false, error }.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { LIMITS, type DocumentModel, type ExtractResult, type Message, type Paragraph } from '../model.js';
import { readBody, readNotes, readStyles, type Styles } from './docx/body.js';
import {
  XmlPartError,
  blockParagraphs,
  documentBody,
  headerFooterRefs,
  isPageNumberOnly,
  readApplication,
  readRelationships,
  readXmlPart,
  resolvePartName,
  type ParsedXmlPart,
  type Relationship,
  type XElement,
} from './docx-xml.js';
import { isEncryptedOle, OLE_MAGIC, startsWith } from './ole.js';

export { isEncryptedOle } from './ole.js';

export interface DocxExtractOptions {
  /** Refuse archives whose entries declare more than this many uncompressed bytes in total. */
  maxUncompressedBytes?: number;
}

export const DEFAULT_MAX_UNCOMPRESSED_BYTES: number = LIMITS.maxUncompressedBytes;

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_HEADER = /\/header$/;
const REL_FOOTER = /\/footer$/;
const REL_STYLES = /\/styles$/;
const REL_FOOTNOTES = /\/footnotes$/;
const REL_ENDNOTES = /\/endnotes$/;

class ExtractFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function extractDocx(bytes: Uint8Array, opts: DocxExtractOptions = {}): Promise<ExtractResult> {
  const messages: Message[] = [];
  try {
    const document = await extract(bytes, opts, messages);
    return { ok: true, document, messages };
  } catch (e) {
    if (e instanceof ExtractFailure) {
      return { ok: false, error: { code: e.code, message: e.message }, messages };
    }
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: {
        code: 'corrupt',
        message: `The Word document could not be read (${detail}). The file is probably damaged; open it in Word or WPS and save it again as .docx.`,
      },
      messages,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Sniffing

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function describeStart(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 8);
  const hex = Array.from(head, (b) => b.toString(16).padStart(2, '0')).join(' ');
  const ascii = Array.from(head, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  return `first bytes: ${hex} "${ascii}"`;
}

/** A guess at what non-ZIP bytes are, for the error message. */
function guessKind(bytes: Uint8Array): string | null {
  let i = 0;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) i = 3;
  while (i < bytes.length && i < 4096 && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  const text = new TextDecoder('latin1').decode(bytes.subarray(i, i + 2048));
  const lower = text.toLowerCase();
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46], i)) return 'it looks like a PDF file; convert it with the PDF extractor or rename it to .pdf';
  if (lower.startsWith('{\\rtf')) return 'it looks like an RTF document; open it in Word or WPS and save it as .docx';
  if (lower.startsWith('mime-version:')) return 'it looks like a web archive (MHTML, "single file web page"); open it in Word and save it as .docx';
  if (lower.startsWith('<')) {
    if (lower.includes('w:worddocument') || lower.includes('progid="word.document"'))
      return 'it looks like a Word 2003 XML document; open it in Word or WPS and save it as .docx';
    if (lower.includes('<html') || lower.includes('<!doctype html') || lower.includes('<head') || lower.includes('<body') || lower.includes('<meta'))
      return 'it looks like an HTML page (often a web page saved with a .doc/.docx name, or a download error page); convert it as HTML or download the real file again';
    return 'it looks like an XML or HTML text file, not a Word document';
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'it is an empty ZIP archive';
  if (startsWith(bytes, [0x52, 0x61, 0x72, 0x21])) return 'it looks like a RAR archive; extract it first';
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf])) return 'it looks like a 7-Zip archive; extract it first';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'it looks like a gzip archive; extract it first';
  if (startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'it looks like an image (JPEG/PNG)';
  return null;
}


function sniff(bytes: Uint8Array): void {
  if (bytes.length === 0) {
    throw new ExtractFailure('empty-file', 'The file is empty (0 bytes). The download or upload probably failed; obtain the file again.');
  }
  if (startsWith(bytes, OLE_MAGIC)) {
    if (isEncryptedOle(bytes)) {
      throw new ExtractFailure(
        'encrypted',
        'The Word document is password-protected (encrypted OLE container with an EncryptionInfo stream). Open it in Word or WPS with the password, remove the protection, and save it again as .docx.',
      );
    }
    throw new ExtractFailure(
      'needs-libreoffice',
      'This is a legacy Word 97-2003 (.doc) or WPS (.wps) binary file (OLE compound document), not .docx. The batch converter reads it through LibreOffice when `soffice` is on PATH: install it with `apt-get install libreoffice-writer-nogui`, or convert it yourself (`soffice --headless --convert-to docx file.doc`).',
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    const guess = guessKind(bytes);
    throw new ExtractFailure(
      'corrupt',
      `Not a ZIP/Office Open XML container, so not a .docx file (${describeStart(bytes)})` +
        (guess ? `: ${guess}.` : '. The file may be truncated or mislabelled; obtain the original again.'),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// ZIP
//
// The central directory is read and checked here rather than trusted (a generic unzip reads
// whatever the bytes at the recorded offsets happen to be): a damaged or truncated archive is
// `corrupt` (download it again), and only an archive that consistently declares too much content,
// or a too high compression ratio, is refused as a possible ZIP bomb (`too-large`). Parts are
// inflated with node's zlib (inflateRawSync with maxOutputLength the declared size), stopping
// as soon as the data would exceed it, and checked against their declared size and CRC-32.

interface Entry {
  name: string;
  /** General purpose bit flags. */
  flags: number;
  compression: number;
  crc: number;
  compressedSize: number;
  originalSize: number;
  /** Offset of the entry's (compressed) data, after its local header. */
  dataStart: number;
}

const damagedZip = (what: string): ExtractFailure =>
  new ExtractFailure(
    'corrupt',
    `The ZIP container of this .docx is damaged: ${what}. The file is truncated or was corrupted in transfer; download it again (if the original is damaged too, Word or WPS may repair it: open it there and save it again as .docx).`,
  );

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const SIG_DESCRIPTOR = 0x08074b50;

/** Reads and checks the central directory (and each entry's local header); throws ExtractFailure. */
function readZipDirectory(bytes: Uint8Array): Entry[] {
  const n = bytes.length;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (o: number, len: number): boolean => o >= 0 && o + len <= n;
  const u16 = (o: number): number => (has(o, 2) ? dv.getUint16(o, true) : -1);
  const u32 = (o: number): number => (has(o, 4) ? dv.getUint32(o, true) : -1);
  const u64 = (o: number): number => (has(o, 8) ? dv.getUint32(o, true) + dv.getUint32(o + 4, true) * 2 ** 32 : -1);

  // End of central directory record: the last one within the 64 KiB comment window.
  let e = -1;
  for (let i = n - 22; i >= 0 && i >= n - 22 - 0xffff; i--) {
    if (u32(i) === SIG_EOCD) {
      e = i;
      break;
    }
  }
  if (e < 0) throw damagedZip(`it has no end-of-central-directory record (${n} bytes; the end of the file is missing)`);
  let disk = u16(e + 4);
  let cdDisk = u16(e + 6);
  let onDisk = u16(e + 8);
  let count = u16(e + 10);
  let cdSize = u32(e + 12);
  let cdOffset = u32(e + 16);
  let cdLimit = e; // the central directory ends before the end records
  if (u32(e - 20) === SIG_EOCD64_LOCATOR) {
    const z = u64(e - 12);
    if (z < 0 || !has(z, 56) || z + 56 > e - 20 || u32(z) !== SIG_EOCD64) throw damagedZip('its ZIP64 end record is missing or misplaced');
    disk = u32(z + 16);
    cdDisk = u32(z + 20);
    onDisk = u64(z + 24);
    count = u64(z + 32);
    cdSize = u64(z + 40);
    cdOffset = u64(z + 48);
    cdLimit = z;
  }
  if (disk !== 0 || cdDisk !== 0) throw damagedZip('its end record says it is part of a split (multi-volume) archive');
  if (onDisk !== count) throw damagedZip(`its end record disagrees with itself on the number of entries (${onDisk} vs ${count})`);
  if (count === 0) return [];
  if (cdOffset + cdSize > cdLimit) {
    throw damagedZip(`its central directory (${cdSize} bytes at offset ${cdOffset}) runs past the end records at offset ${cdLimit}`);
  }

  const cdEnd = cdOffset + cdSize;
  // Too many entries is only a size excess once the directory really holds them all: the
  // records are walked (not kept) first, so a garbled count is reported as damage.
  const tooMany = count > LIMITS.maxZipEntries;
  const entries: Entry[] = [];
  let o = cdOffset;
  for (let i = 0; i < count; i++) {
    if (o + 46 > cdEnd) throw damagedZip(`its central directory should list ${count} entries but holds only ${i}`);
    if (u32(o) !== SIG_CENTRAL) throw damagedZip(`entry ${i + 1} of ${count} in the central directory is garbled (offset ${o})`);
    if (tooMany) {
      o += 46 + u16(o + 28) + u16(o + 30) + u16(o + 32);
      continue;
    }
    const flags = u16(o + 8);
    const compression = u16(o + 10);
    const crc = u32(o + 16);
    let compressedSize = u32(o + 20);
    let originalSize = u32(o + 24);
    const nameLen = u16(o + 28);
    const extraLen = u16(o + 30);
    const commentLen = u16(o + 32);
    let localOffset = u32(o + 42);
    const next = o + 46 + nameLen + extraLen + commentLen;
    if (next > cdEnd) throw damagedZip(`entry ${i + 1} of ${count} runs past the end of the central directory`);
    const name = strFromU8(bytes.subarray(o + 46, o + 46 + nameLen), !(flags & 0x800));
    if (originalSize === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      // ZIP64 extended information extra field: the 64-bit values, in this order, when needed
      let found = false;
      for (let x = o + 46 + nameLen; x + 4 <= o + 46 + nameLen + extraLen; x += 4 + u16(x + 2)) {
        if (u16(x) !== 1) continue;
        let v = x + 4;
        const take = (): number => {
          const r = u64(v);
          v += 8;
          return r;
        };
        if (originalSize === 0xffffffff) originalSize = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localOffset === 0xffffffff) localOffset = take();
        found = v <= x + 4 + u16(x + 2);
        break;
      }
      if (!found) throw damagedZip(`entry "${name}" lacks the ZIP64 sizes its central directory record refers to`);
    }

    // The local header must be where the directory says, agree with it, and the data must fit.
    if (localOffset + 30 > cdOffset || u32(localOffset) !== SIG_LOCAL) {
      throw damagedZip(`entry "${name}" is not at offset ${localOffset}, where the central directory says it is`);
    }
    if (u16(localOffset + 8) !== compression) throw damagedZip(`entry "${name}": its local header and the central directory disagree on the compression method`);
    const dataStart = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28);
    if (!(flags & 0x8)) {
      const lc = u32(localOffset + 18);
      const lu = u32(localOffset + 22);
      const zip64 = lc === 0xffffffff || lu === 0xffffffff;
      if (!zip64 && (lc !== compressedSize || lu !== originalSize || u32(localOffset + 14) !== crc)) {
        throw damagedZip(
          `entry "${name}": the central directory says ${compressedSize} → ${originalSize} bytes (CRC ${crc.toString(16)}), its local header ${lc} → ${lu} bytes (CRC ${u32(localOffset + 14).toString(16)})`,
        );
      }
    }
    if (dataStart + compressedSize > cdOffset) {
      throw damagedZip(`the data of entry "${name}" (${compressedSize} bytes at offset ${dataStart}) runs past the start of the central directory`);
    }
    if (flags & 0x8) {
      // sizes after the data, in a data descriptor (signature optional; 32- or 64-bit sizes)
      const d = dataStart + compressedSize;
      const matches = (at: number): boolean =>
        u32(at) === crc &&
        ((at + 12 <= cdOffset && u32(at + 4) === compressedSize && u32(at + 8) === originalSize) ||
          (at + 20 <= cdOffset && u64(at + 4) === compressedSize && u64(at + 12) === originalSize));
      if (!matches(d) && !(u32(d) === SIG_DESCRIPTOR && matches(d + 4))) {
        throw damagedZip(`entry "${name}": the sizes in the central directory (${compressedSize} → ${originalSize} bytes) do not match its data descriptor`);
      }
    }
    entries.push({ name, flags, compression, crc, compressedSize, originalSize, dataStart });
    o = next;
  }
  if (o !== cdEnd) throw damagedZip(`its central directory holds more than the ${count} entries its end record lists`);
  if (tooMany) {
    throw new ExtractFailure(
      'too-large',
      `The .docx ZIP archive has ${count} entries, more than the limit of ${LIMITS.maxZipEntries} (a Word document has a few dozen); refusing to read it.`,
    );
  }
  return entries;
}

function isXmlPart(name: string): boolean {
  return /\.(xml|rels)$/i.test(name) && !name.endsWith('/');
}

/** Refuses archives that declare too much content, or compress too well (possible ZIP bomb). */
function checkSizes(entries: Entry[], xml: Entry[], maxTotal: number): void {
  const total = entries.reduce((s, e) => s + e.originalSize, 0);
  if (total > maxTotal) {
    throw new ExtractFailure(
      'too-large',
      `The .docx declares ${total} bytes of uncompressed content, more than the limit of ${maxTotal} bytes; refusing to decompress it (possible ZIP bomb). If the file is genuine, convert it with a higher limit (maxUncompressedBytes of extractDocx).`,
    );
  }
  const { maxCompressionRatio: maxRatio, compressionRatioMinBytes: minBytes } = LIMITS;
  const ratio = (u: number, c: number): number => u / Math.max(c, 1);
  const bomb = (what: string, u: number, c: number): ExtractFailure =>
    new ExtractFailure(
      'too-large',
      `${what} ${c} compressed bytes to ${u} bytes, a compression ratio of ${Math.round(ratio(u, c))}:1 (real Word documents compress well under ${maxRatio}:1); refusing to decompress it (possible ZIP bomb).`,
    );
  for (const e of xml) {
    if (e.originalSize > minBytes && ratio(e.originalSize, e.compressedSize) > maxRatio) throw bomb(`The .docx part ${e.name} expands`, e.originalSize, e.compressedSize);
  }
  const u = xml.reduce((s, e) => s + e.originalSize, 0);
  const c = xml.reduce((s, e) => s + e.compressedSize, 0);
  if (u > minBytes && ratio(u, c) > maxRatio) throw bomb(`The XML parts of this .docx together expand`, u, c);
}

/** One entry's content: exactly its declared size, CRC-checked; throws ExtractFailure('corrupt'). */
function inflateEntry(bytes: Uint8Array, e: Entry): Uint8Array {
  if (e.flags & 0x1) throw damagedZip(`part ${e.name} is encrypted with ZIP encryption, which Word documents never use`);
  const src = bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
  let out: Uint8Array;
  if (e.compression === 0) {
    if (e.compressedSize !== e.originalSize) throw damagedZip(`stored part ${e.name} declares ${e.originalSize} bytes but holds ${e.compressedSize}`);
    out = src.slice();
  } else if (e.compression === 8) {
    // node's zlib stops as soon as the output would pass the declared size
    try {
      const buf = inflateRawSync(src, { maxOutputLength: Math.max(1, e.originalSize) });
      out = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } catch (err) {
      if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw damagedZip(`part ${e.name} decompresses to more than the ${e.originalSize} bytes the archive declares for it`);
      }
      throw damagedZip(`part ${e.name} cannot be decompressed (${err instanceof Error ? err.message : String(err)})`);
    }
    if (out.length !== e.originalSize) throw damagedZip(`part ${e.name} decompresses to ${out.length} bytes, not the ${e.originalSize} the archive declares`);
  } else {
    throw damagedZip(`part ${e.name} uses compression method ${e.compression}, which Word documents never use`);
  }
  if (crc32(out) !== e.crc) throw damagedZip(`part ${e.name} fails its CRC-32 check`);
  return out;
}

/** Bytes as Latin-1 or UTF-8 text (ZIP entry names). */
function strFromU8(b: Uint8Array, latin1: boolean): string {
  if (!latin1) return new TextDecoder().decode(b);
  let r = '';
  for (let i = 0; i < b.length; i += 16384) r += String.fromCharCode(...b.subarray(i, i + 16384));
  return r;
}

function relsPartName(part: string): string {
  const slash = part.lastIndexOf('/');
  return part.slice(0, slash + 1) + '_rels/' + part.slice(slash + 1) + '.rels';
}

function dirOf(part: string): string {
  return part.slice(0, part.lastIndexOf('/') + 1);
}

// ---------------------------------------------------------------------------------------------
// Main

async function extract(bytes: Uint8Array, opts: DocxExtractOptions, messages: Message[]): Promise<DocumentModel> {
  sniff(bytes);

  const entries = readZipDirectory(bytes);
  const xmlEntries = new Map<string, Entry>();
  for (const e of entries) if (isXmlPart(e.name)) xmlEntries.set(e.name, e);
  checkSizes(entries, [...xmlEntries.values()], opts.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES);

  // Inflate the XML parts (in directory order; a duplicated name: the last entry wins).
  const names = new Set(entries.map((e) => e.name));
  const parts = new Map<string, Uint8Array>();
  const oversized = new Map<string, Entry>();
  for (const e of entries) {
    if (xmlEntries.get(e.name) !== e) continue;
    if (e.originalSize > LIMITS.maxXmlPartBytes) oversized.set(e.name, e);
    else parts.set(e.name, inflateEntry(bytes, e));
  }

  // XML parts are parsed once when their tree is kept (`keep`), and their limit warnings are
  // reported once.
  const parsed = new Map<string, ParsedXmlPart>();
  const reported = new Set<string>();
  const parse = (name: string, data: Uint8Array, keep: boolean): ParsedXmlPart => {
    const hit = parsed.get(name);
    if (hit) return hit;
    const r = readXmlPart(data, name);
    if (!reported.has(name)) messages.push(...r.messages);
    reported.add(name);
    if (keep) parsed.set(name, r);
    return r;
  };

  // Main document part: from the package relationships, else the conventional name.
  let mainPart = 'word/document.xml';
  const pkgRels = tryRels(parts, '_rels/.rels', messages, parse);
  const officeDoc = pkgRels?.find((r) => REL_OFFICE_DOCUMENT.test(r.type) && !r.external);
  if (officeDoc) {
    const resolved = resolvePartName('', officeDoc.target);
    if (parts.has(resolved) || oversized.has(resolved)) mainPart = resolved;
  }
  const big = oversized.get(mainPart);
  if (big) {
    throw new ExtractFailure(
      'too-large',
      `The document body ${mainPart} is ${big.originalSize} bytes uncompressed, more than the ${LIMITS.maxXmlPartBytes} bytes this converter parses (a long report has a few MB); refusing to read it.`,
    );
  }
  for (const [name, e] of oversized) {
    messages.push({
      code: 'docx.part-too-large',
      message: `The part ${name} is ${e.originalSize} bytes uncompressed, more than the ${LIMITS.maxXmlPartBytes} bytes this converter parses; it was ignored.`,
      path: null,
    });
  }
  const documentXml = parts.get(mainPart);
  if (!documentXml) throw new ExtractFailure('corrupt', noDocumentMessage(names));

  const doc = parse(mainPart, documentXml, true);
  if (!doc.root) {
    throw new ExtractFailure(
      'corrupt',
      doc.problemKind === 'too-deep'
        ? `${mainPart}: ${doc.problem}. Open the file in Word/WPS and save it again, or obtain a sane copy.`
        : `${mainPart}: ${doc.problem}. The document body is damaged; open the file in Word/WPS (which may repair it) and save it again.`,
    );
  }
  const body = documentBody(doc.root);
  if (!body) {
    throw new ExtractFailure('corrupt', `${mainPart} has no w:body element: not a WordprocessingML document body.`);
  }

  // The parts the body refers to: from the document's relationships, else the conventional names.
  const rels = tryRels(parts, relsPartName(mainPart), messages, parse);
  const related = (type: RegExp, fallback: string): string => {
    for (const r of rels ?? []) {
      if (r.external || !type.test(r.type)) continue;
      const name = resolvePartName(dirOf(mainPart), r.target);
      if (parts.has(name)) return name;
    }
    return fallback;
  };
  /** A part other than the body, parsed; null (with a warning) when it cannot be read. */
  const readPart = (name: string, what: string): XElement | null => {
    const data = parts.get(name);
    if (!data) return null;
    const r = parse(name, data, false);
    if (r.root) return r.root;
    messages.push(
      r.problemKind === 'too-deep'
        ? { code: 'docx.too-deep', message: `${name}: ${r.problem}; the part was ignored.`, path: null }
        : { code: 'docx.bad-part', message: `${new XmlPartError(name, r.problem ?? 'unreadable').message}; ${what} ignored.`, path: null },
    );
    return null;
  };
  const stylesRoot = readPart(related(REL_STYLES, 'word/styles.xml'), 'its styles were');
  const styles: Styles = stylesRoot ? readStyles(stylesRoot) : new Map();
  const notes = new Map<string, XElement>();
  for (const [type, rel] of [['footnote', REL_FOOTNOTES], ['endnote', REL_ENDNOTES]] as const) {
    const root = readPart(related(rel, `word/${type}s.xml`), `its ${type}s were`);
    if (root) readNotes(root, type, notes);
  }

  // The body flow and its tables, in one walk.
  const bodyBlocks = readBody(body, {
    styles,
    messages,
    notes,
    mayHaveNoteRefs: /(?:footnote|endnote)Reference/.test(doc.source),
    mayHaveFields: doc.source.includes('fldChar') || doc.source.includes('fldSimple'),
  });

  // Headers and footers.
  const { headers, footers } = headerAndFooterParagraphs(body, mainPart, rels, parts, messages, parse);

  // Producer.
  let producer: string | null = null;
  const app = parts.get('docProps/app.xml');
  if (app) {
    const r = parse('docProps/app.xml', app, true);
    producer = r.root ? readApplication(r.root) : null;
  }

  return {
    format: 'docx',
    pages: null,
    producer,
    blocks: [...headers, ...bodyBlocks, ...footers],
  };
}

function noDocumentMessage(names: Set<string>): string {
  let hint = '';
  if (names.has('xl/workbook.xml')) hint = ' It looks like an Excel workbook (.xlsx).';
  else if (names.has('ppt/presentation.xml')) hint = ' It looks like a PowerPoint presentation (.pptx).';
  else if (names.has('content.xml') && names.has('mimetype')) hint = ' It looks like an OpenDocument file (.odt); open it and save it as .docx.';
  else if (names.has('Documents/1/FixedDocument.fdoc') || names.has('FixedDocumentSequence.fdseq')) hint = ' It looks like an XPS document.';
  return `ZIP archive has no word/document.xml part: not a Word document.${hint} Make sure you picked the right file.`;
}

type ParsePart = (name: string, data: Uint8Array, keep: boolean) => ParsedXmlPart;

function tryRels(parts: Map<string, Uint8Array>, name: string, messages: Message[], parse: ParsePart): Relationship[] | null {
  const data = parts.get(name);
  if (!data) return null;
  const r = parse(name, data, true);
  if (!r.root) {
    messages.push({ code: 'docx.bad-part', message: `${new XmlPartError(name, r.problem ?? 'unreadable').message}; ignored.`, path: null });
    return null;
  }
  return readRelationships(r.root);
}

function headerAndFooterParagraphs(
  body: XElement,
  mainPart: string,
  rels: Relationship[] | null,
  parts: Map<string, Uint8Array>,
  messages: Message[],
  parse: ParsePart,
): { headers: Paragraph[]; footers: Paragraph[] } {
  let headerParts: string[];
  let footerParts: string[];
  if (rels) {
    const byId = new Map(rels.map((r) => [r.id, r]));
    const { headers, footers } = headerFooterRefs(body);
    const resolve = (ids: string[], type: RegExp): string[] => {
      const out: string[] = [];
      for (const id of ids) {
        const r = byId.get(id);
        if (!r || r.external || !type.test(r.type)) continue;
        const name = resolvePartName(dirOf(mainPart), r.target);
        if (!out.includes(name)) out.push(name);
      }
      return out;
    };
    headerParts = resolve(headers, REL_HEADER);
    footerParts = resolve(footers, REL_FOOTER);
  } else {
    // No document relationships: fall back to every header/footer part, in natural order.
    const all = [...parts.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    headerParts = all.filter((n) => /^word\/header\d*\.xml$/i.test(n));
    footerParts = all.filter((n) => /^word\/footer\d*\.xml$/i.test(n));
  }

  const read = (names: string[], role: 'header' | 'footer'): Paragraph[] => {
    const out: Paragraph[] = [];
    const seen = new Set<string>();
    for (const name of names) {
      const data = parts.get(name);
      if (!data) {
        messages.push({ code: 'docx.bad-part', message: `The ${role} part ${name} referenced by the document is missing; ignored.`, path: null });
        continue;
      }
      const { root, problem } = parse(name, data, true);
      if (!root) {
        messages.push({
          code: 'docx.bad-part',
          message: `${new XmlPartError(name, problem ?? 'unreadable').message}; the ${role} was ignored.`,
          path: null,
        });
        continue;
      }
      for (const p of blockParagraphs(root, { messages })) {
        if (p.text.trim() === '' || isPageNumberOnly(p) || seen.has(p.text)) continue;
        seen.add(p.text);
        out.push({ kind: 'paragraph', text: p.text, headingLevel: null, page: null, role });
      }
    }
    return out;
  };
  return { headers: read(headerParts, 'header'), footers: read(footerParts, 'footer') };
}
