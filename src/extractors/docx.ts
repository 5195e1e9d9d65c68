/**
 * DOCX extractor: Word (Office Open XML) bytes → DocumentModel.
 *
 *  1. Sniff the bytes (empty, legacy OLE .doc/.wps, encrypted OOXML, not a ZIP, …).
 *  2. Read the ZIP central directory with fflate and refuse archives whose declared
 *     uncompressed size exceeds the limit, before inflating anything (zip-bomb guard). Then
 *     inflate only the XML/relationship parts, once each (fflate bounds every part to its declared
 *     size); images and other binaries are never inflated.
 *  3. Body flow (paragraphs, headings, lists, text boxes, footnotes) from mammoth.js, which is
 *     handed a small stored (uncompressed) ZIP of those XML parts.
 *  4. Tables from word/document.xml directly: the exact grid (w:gridBefore/w:gridAfter, gridSpan,
 *     vMerge, hMerge) that mammoth loses. The i-th mammoth table is replaced by the i-th XML table
 *     when the number of top-level tables agrees.
 *  5. Page headers/footers (which mammoth drops) from the header/footer parts referenced by the
 *     document's section properties.
 *
 * Never throws: failures come back as { ok: false, error }.
 */
import mammoth from 'mammoth';
import { unzipSync, zipSync } from 'fflate';
import type { Block, DocumentModel, ExtractResult, Message, Paragraph, Table } from '../model.js';
import { htmlToBlocks } from './html-blocks.js';
import {
  XmlPartError,
  blockParagraphs,
  documentBody,
  headerFooterRefs,
  isPageNumberOnly,
  parseXmlPart,
  readApplication,
  readRelationships,
  readTableGrid,
  resolvePartName,
  topLevelTables,
  type Relationship,
  type XElement,
} from './docx-xml.js';

export interface DocxExtractOptions {
  /** Refuse archives whose entries declare more than this many uncompressed bytes in total. */
  maxUncompressedBytes?: number;
}

export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024;

const STYLE_MAP = ["p[style-name='Title'] => h1:fresh"];

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_HEADER = /\/header$/;
const REL_FOOTER = /\/footer$/;

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

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, magic: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + magic.length) return false;
  return magic.every((b, i) => bytes[offset + i] === b);
}

/** Byte search for a string encoded as UTF-16LE (how OLE directory entries store names). */
function containsUtf16le(bytes: Uint8Array, s: string): boolean {
  const needle = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) needle[i * 2] = s.charCodeAt(i) & 0xff;
  const first = needle[0];
  outer: for (let i = bytes.indexOf(first as number); i !== -1 && i <= bytes.length - needle.length; i = bytes.indexOf(first as number, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

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

/** A password-protected Office file: an OLE container holding an EncryptionInfo stream. */
export function isEncryptedOle(bytes: Uint8Array): boolean {
  return startsWith(bytes, OLE_MAGIC) && containsUtf16le(bytes, 'EncryptionInfo');
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

interface Entry {
  name: string;
  originalSize: number;
  compression: number;
}

function listEntries(bytes: Uint8Array): Entry[] {
  const entries: Entry[] = [];
  try {
    unzipSync(bytes, {
      filter(f) {
        entries.push({ name: f.name, originalSize: f.originalSize, compression: f.compression });
        return false;
      },
    });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new ExtractFailure(
      'corrupt',
      `The ZIP container of this .docx is damaged and cannot be opened (${detail}); the file is probably truncated. Obtain the file again, or open it in Word/WPS (which may repair it) and save it again.`,
    );
  }
  return entries;
}

function isXmlPart(name: string): boolean {
  return /\.(xml|rels)$/i.test(name) && !name.endsWith('/');
}

function inflateParts(bytes: Uint8Array, names: Set<string>): Map<string, Uint8Array> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => names.has(f.name) });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new ExtractFailure(
      'corrupt',
      `The XML parts of this .docx cannot be decompressed (${detail}); the file is damaged. Open it in Word/WPS (which may repair it) and save it again.`,
    );
  }
  return new Map(Object.entries(files));
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

  const entries = listEntries(bytes);
  const limit = opts.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
  const total = entries.reduce((s, e) => s + e.originalSize, 0);
  if (total > limit) {
    throw new ExtractFailure(
      'too-large',
      `The .docx declares ${total} bytes of uncompressed content, more than the limit of ${limit} bytes; refusing to decompress it (possible ZIP bomb). If the file is genuine, convert it with a higher limit (maxUncompressedBytes of extractDocx).`,
    );
  }

  const names = new Set(entries.map((e) => e.name));
  const parts = inflateParts(bytes, new Set(entries.filter((e) => isXmlPart(e.name)).map((e) => e.name)));

  // Main document part: from the package relationships, else the conventional name.
  let mainPart = 'word/document.xml';
  const pkgRels = tryRels(parts, '_rels/.rels', messages);
  const officeDoc = pkgRels?.find((r) => REL_OFFICE_DOCUMENT.test(r.type) && !r.external);
  if (officeDoc) {
    const resolved = resolvePartName('', officeDoc.target);
    if (parts.has(resolved)) mainPart = resolved;
  }
  const documentXml = parts.get(mainPart);
  if (!documentXml) throw new ExtractFailure('corrupt', noDocumentMessage(names));

  let docRoot: XElement;
  try {
    docRoot = parseXmlPart(documentXml, mainPart);
  } catch (e) {
    throw new ExtractFailure(
      'corrupt',
      `${e instanceof Error ? e.message : String(e)}. The document body is damaged; open the file in Word/WPS (which may repair it) and save it again.`,
    );
  }
  const body = documentBody(docRoot);
  if (!body) {
    throw new ExtractFailure('corrupt', `${mainPart} has no w:body element: not a WordprocessingML document body.`);
  }

  // Body flow via mammoth, fed with the already inflated XML parts (stored, no recompression).
  const stored: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const [name, data] of parts) stored[name] = [data, { level: 0 }];
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(zipSync(stored)) },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        // Never read image data: we only want text (and images were not inflated).
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
    html = result.value;
    const seen = new Set<string>();
    for (const m of result.messages) {
      const text = m.type === 'error' ? `error: ${m.message}` : m.message;
      if (seen.has(text)) continue;
      seen.add(text);
      messages.push({ code: 'docx.mammoth', message: text, path: null });
    }
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new ExtractFailure(
      'corrupt',
      `mammoth.js could not read the Word document (${detail}). The file is probably damaged; open it in Word/WPS and save it again as .docx.`,
    );
  }
  const bodyBlocks = htmlToBlocks(html);

  // Tables: the XML grid replaces mammoth's table when the top-level table counts agree.
  const xmlTables = topLevelTables(body).map(readTableGrid);
  const mammothTables = bodyBlocks.filter((b): b is Table => b.kind === 'table');
  if (xmlTables.length === mammothTables.length) {
    let i = 0;
    for (let k = 0; k < bodyBlocks.length; k++) {
      const b = bodyBlocks[k] as Block;
      if (b.kind !== 'table') continue;
      const x = xmlTables[i++];
      if (!x) break;
      if (x.rows.length !== b.rows.length) {
        messages.push({
          code: 'docx.table-row-mismatch',
          message: `Table ${i}: mammoth.js read ${b.rows.length} rows but word/document.xml has ${x.rows.length}; kept mammoth's table, whose merged cells may be placed in the wrong column.`,
          path: null,
        });
        continue;
      }
      bodyBlocks[k] = { kind: 'table', rows: x.rows, page: null, role: 'body' };
    }
  } else {
    messages.push({
      code: 'docx.table-count-mismatch',
      message: `mammoth.js found ${mammothTables.length} top-level tables but ${mainPart} has ${xmlTables.length}; kept mammoth's tables, which ignore w:gridBefore/w:gridAfter (merged cells in such rows may be placed in the wrong column).`,
      path: null,
    });
  }

  // Headers and footers.
  const { headers, footers } = headerAndFooterParagraphs(body, mainPart, parts, messages);

  // Producer.
  let producer: string | null = null;
  const app = parts.get('docProps/app.xml');
  if (app) {
    try {
      producer = readApplication(parseXmlPart(app, 'docProps/app.xml'));
    } catch {
      producer = null;
    }
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

function tryRels(parts: Map<string, Uint8Array>, name: string, messages: Message[]): Relationship[] | null {
  const data = parts.get(name);
  if (!data) return null;
  try {
    return readRelationships(parseXmlPart(data, name));
  } catch (e) {
    messages.push({
      code: 'docx.bad-part',
      message: `${e instanceof Error ? e.message : String(e)}; ignored.`,
      path: null,
    });
    return null;
  }
}

function headerAndFooterParagraphs(
  body: XElement,
  mainPart: string,
  parts: Map<string, Uint8Array>,
  messages: Message[],
): { headers: Paragraph[]; footers: Paragraph[] } {
  const rels = tryRels(parts, relsPartName(mainPart), messages);
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
      let root: XElement;
      try {
        root = parseXmlPart(data, name);
      } catch (e) {
        messages.push({
          code: 'docx.bad-part',
          message: `${e instanceof XmlPartError ? e.message : String(e)}; the ${role} was ignored.`,
          path: null,
        });
        continue;
      }
      for (const p of blockParagraphs(root)) {
        if (p.text.trim() === '' || isPageNumberOnly(p) || seen.has(p.text)) continue;
        seen.add(p.text);
        out.push({ kind: 'paragraph', text: p.text, headingLevel: null, page: null, role });
      }
    }
    return out;
  };
  return { headers: read(headerParts, 'header'), footers: read(footerParts, 'footer') };
}
