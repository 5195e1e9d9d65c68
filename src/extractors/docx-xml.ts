/**
 * Direct readers for WordprocessingML parts, used where mammoth.js loses structure:
 *  - exact table grids (w:gridBefore/w:gridAfter, w:gridSpan, w:vMerge, legacy w:hMerge),
 *  - page headers and footers (mammoth ignores them),
 *  - docProps/app.xml's Application,
 *  - package/document relationships.
 *
 * Elements are matched by namespace URI + local name (not by prefix), so documents written
 * with unusual prefixes or in Strict OOXML namespaces read the same.
 *
 * Parsing: a small namespace-aware element tree built from htmlparser2's XML mode. (@xmldom/xmldom
 * was the first choice, but it needs ~90 ms for a 250 KB document.xml where this needs ~10 ms;
 * mammoth already parses the same part once with xmldom.) Well-formedness is checked as far as
 * it matters here: unclosed or mismatched elements and a missing root element are errors.
 */
import { createRequire } from 'node:module';
import { Parser } from 'htmlparser2';
import type { Cell } from '../model.js';

// ---------------------------------------------------------------------------------------------
// Namespaces and element helpers

const NS_W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const NS_W_STRICT = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
const NS_MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const NS_VML = 'urn:schemas-microsoft-com:vml';
const NS_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_R_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships';

export interface XAttr {
  localName: string;
  namespaceURI: string | null;
  value: string;
}

/** A text node of the tree built by parseXmlPart. */
class XText {
  readonly childNodes: XNode[] = [];
  constructor(readonly data: string) {}
}

/** An element of the tree built by parseXmlPart (DOM-like names). */
export class XElement {
  readonly childNodes: XNode[] = [];
  constructor(
    readonly localName: string,
    readonly namespaceURI: string | null,
    readonly attributes: XAttr[],
  ) {}
  /** Concatenated text of all descendant text nodes. */
  get textContent(): string {
    let out = '';
    const walk = (n: XNode): void => {
      if (n instanceof XText) out += n.data;
      else for (const c of n.childNodes) walk(c);
    };
    walk(this);
    return out;
  }
}
type XNode = XElement | XText;

/** Canonical name: 'w:tbl', 'mc:Fallback', 'v:textbox', or '{ns}local' for anything else. */
function nm(el: XElement): string {
  const ns = el.namespaceURI;
  const local = el.localName;
  if (ns === NS_W || ns === NS_W_STRICT) return 'w:' + local;
  if (ns === NS_MC) return 'mc:' + local;
  if (ns === NS_VML) return 'v:' + local;
  return '{' + (ns ?? '') + '}' + local;
}

function children(el: XElement): XElement[] {
  const out: XElement[] = [];
  for (const c of el.childNodes) if (c instanceof XElement) out.push(c);
  return out;
}

function child(el: XElement, name: string): XElement | undefined {
  return children(el).find((c) => nm(c) === name);
}

/** Attribute by local name, preferring the WordprocessingML namespaces, then any namespace. */
function attr(el: XElement, local: string): string | null {
  let any: string | null = null;
  for (const a of el.attributes) {
    if (a.localName !== local) continue;
    if (a.namespaceURI === NS_W || a.namespaceURI === NS_W_STRICT) return a.value;
    if (any === null) any = a.value;
  }
  return any;
}

function intAttr(el: XElement | undefined, local: string, dflt: number): number {
  if (!el) return dflt;
  const v = attr(el, local);
  if (v === null) return dflt;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : dflt;
}

// ---------------------------------------------------------------------------------------------
// Parsing

export class XmlPartError extends Error {
  constructor(
    readonly part: string,
    detail: string,
  ) {
    super(`${part}: ${detail}`);
  }
}

/** Decodes an XML part (UTF-8, or UTF-16 with BOM). */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  }
  return new TextDecoder('utf-8').decode(bytes); // strips a UTF-8 BOM
}

const NS_XML = 'http://www.w3.org/XML/1998/namespace';

/**
 * Parses an XML part into a namespace-aware element tree; throws XmlPartError (naming the part)
 * when it is not well-formed (unclosed/mismatched elements, no root element).
 */
export function parseXmlPart(bytes: Uint8Array, part: string): XElement {
  const text = decodeXml(bytes);
  const holder = new XElement('#document', null, []);
  const stack: { el: XElement; scope: Map<string, string> }[] = [{ el: holder, scope: new Map([['xml', NS_XML]]) }];
  let problem: string | null = null;

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const parent = stack[stack.length - 1] as { el: XElement; scope: Map<string, string> };
        let scope = parent.scope;
        for (const key of Object.keys(attribs)) {
          if (key === 'xmlns' || key.startsWith('xmlns:')) {
            if (scope === parent.scope) scope = new Map(scope);
            scope.set(key === 'xmlns' ? '' : key.slice(6), attribs[key] ?? '');
          }
        }
        const attrs: XAttr[] = [];
        for (const key of Object.keys(attribs)) {
          if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
          const colon = key.indexOf(':');
          attrs.push({
            localName: colon === -1 ? key : key.slice(colon + 1),
            // unprefixed attributes are in no namespace
            namespaceURI: colon === -1 ? null : (scope.get(key.slice(0, colon)) ?? null),
            value: attribs[key] ?? '',
          });
        }
        const colon = name.indexOf(':');
        const prefix = colon === -1 ? '' : name.slice(0, colon);
        const el = new XElement(colon === -1 ? name : name.slice(colon + 1), scope.get(prefix) ?? null, attrs);
        parent.el.childNodes.push(el);
        stack.push({ el, scope });
      },
      ontext(data) {
        if (stack.length > 1) (stack[stack.length - 1] as { el: XElement }).el.childNodes.push(new XText(data));
      },
      onclosetag(name, isImplied) {
        // htmlparser2 reports both self-closing tags ("<a/>") and elements closed implicitly
        // (mismatched end tag, end of input) as implied; only the latter are errors.
        if (isImplied && problem === null) {
          const end = parser.endIndex;
          const selfClosing = text.charCodeAt(end) === 0x3e && text.charCodeAt(end - 1) === 0x2f;
          if (!selfClosing) problem = `element <${name}> is not closed properly`;
        }
        if (stack.length > 1) stack.pop();
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(text);
  if (problem !== null) throw new XmlPartError(part, `not well-formed XML (${problem}); the file is damaged or truncated`);
  const root = holder.childNodes.find((c): c is XElement => c instanceof XElement);
  if (!root) throw new XmlPartError(part, 'not well-formed XML (no root element)');
  return root;
}

// ---------------------------------------------------------------------------------------------
// Relationships, app.xml

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function readRelationships(root: XElement): Relationship[] {
  const out: Relationship[] = [];
  for (const r of children(root)) {
    if (r.localName !== 'Relationship' || r.namespaceURI !== NS_REL) continue;
    out.push({
      id: attr(r, 'Id') ?? '',
      type: attr(r, 'Type') ?? '',
      target: attr(r, 'Target') ?? '',
      external: (attr(r, 'TargetMode') ?? '') === 'External',
    });
  }
  return out;
}

/** Resolves a relationship target to a zip entry name, relative to `baseDir` ('' or 'word/'). */
export function resolvePartName(baseDir: string, target: string): string {
  const raw = target.startsWith('/') ? target.slice(1) : baseDir + target;
  const parts: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** docProps/app.xml → trimmed Application text, or null. */
export function readApplication(root: XElement): string | null {
  for (const c of children(root)) {
    if (c.localName === 'Application') {
      const t = (c.textContent ?? '').trim();
      return t === '' ? null : t;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Symbols (w:sym): mapped exactly like mammoth does, via its own dependency dingbat-to-unicode.

type DingbatHex = (font: string, hex: string) => { string: string } | undefined;
let dingbatHex: DingbatHex | null | undefined;

function loadDingbat(): DingbatHex | null {
  if (dingbatHex !== undefined) return dingbatHex;
  try {
    const req = createRequire(import.meta.url);
    const fromMammoth = createRequire(req.resolve('mammoth'));
    const mod = fromMammoth('dingbat-to-unicode') as { hex?: DingbatHex };
    dingbatHex = typeof mod.hex === 'function' ? mod.hex : null;
  } catch {
    dingbatHex = null;
  }
  return dingbatHex;
}

function symbolText(el: XElement): string {
  const font = attr(el, 'font') ?? '';
  const ch = attr(el, 'char') ?? '';
  if (!/^[0-9A-Fa-f]{1,6}$/.test(ch)) return '';
  const map = loadDingbat();
  if (map) {
    const hit = map(font, ch) ?? (/^F0[0-9A-Fa-f]{2}$/i.test(ch) ? map(font, ch.slice(2)) : undefined);
    if (hit) return hit.string;
  }
  const code = Number.parseInt(ch, 16);
  // Symbol-font private-use codes (F000–F0FF) have no portable meaning: drop them.
  if (code >= 0xf000 && code <= 0xf0ff) return '';
  if (code < 0x20 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return '';
  return String.fromCodePoint(code);
}

// ---------------------------------------------------------------------------------------------
// Text extraction

const PAGE_FIELDS = new Set(['PAGE', 'NUMPAGES', 'SECTIONPAGES']);

function fieldName(instr: string): string {
  return (instr.trim().split(/\s+/)[0] ?? '').toUpperCase();
}

export interface ParaText {
  /** Full text including field results. */
  text: string;
  /** Text without the results of PAGE / NUMPAGES / SECTIONPAGES fields. */
  textWithoutPageFields: string;
}

/** Chooses the branch of mc:AlternateContent to read: Fallback when present, else the first Choice. */
function alternateBranch(el: XElement): XElement | undefined {
  return child(el, 'mc:Fallback') ?? child(el, 'mc:Choice');
}

/** Text of one w:p. Text box content found inside it is appended to `extra` as separate paragraphs. */
function paragraphText(p: XElement, extra: ParaText[]): ParaText {
  let text = '';
  let plain = '';
  // Complex field stack: each entry records whether it is a page-number field and whether we
  // are in its result part (after w:fldChar separate).
  const fields: { instr: string; result: boolean }[] = [];
  let simplePageDepth = 0;

  const inPageField = (): boolean =>
    simplePageDepth > 0 || fields.some((f) => f.result && PAGE_FIELDS.has(fieldName(f.instr)));

  const emit = (s: string): void => {
    text += s;
    if (!inPageField()) plain += s;
  };

  const walk = (el: XElement): void => {
    for (const c of children(el)) {
      switch (nm(c)) {
        case 'w:t':
          emit(c.textContent ?? '');
          break;
        case 'w:tab':
        case 'w:ptab':
          emit('\t');
          break;
        case 'w:br':
        case 'w:cr':
          emit('\n');
          break;
        case 'w:noBreakHyphen':
          emit('-');
          break;
        case 'w:softHyphen':
          emit('\u00AD');
          break;
        case 'w:sym':
          emit(symbolText(c));
          break;
        case 'w:fldChar': {
          const type = attr(c, 'fldCharType');
          if (type === 'begin') fields.push({ instr: '', result: false });
          else if (type === 'separate') {
            const top = fields[fields.length - 1];
            if (top) top.result = true;
          } else if (type === 'end') fields.pop();
          break;
        }
        case 'w:instrText': {
          const top = fields[fields.length - 1];
          if (top && !top.result) top.instr += c.textContent ?? '';
          break;
        }
        case 'w:fldSimple': {
          const isPage = PAGE_FIELDS.has(fieldName(attr(c, 'instr') ?? ''));
          if (isPage) simplePageDepth++;
          walk(c);
          if (isPage) simplePageDepth--;
          break;
        }
        case 'w:ruby': {
          const base = child(c, 'w:rubyBase');
          if (base) walk(base);
          break;
        }
        case 'w:txbxContent':
          extra.push(...blockParagraphs(c));
          break;
        case 'mc:AlternateContent': {
          const branch = alternateBranch(c);
          if (branch) walk(branch);
          break;
        }
        // Deleted / moved-away content, properties, and things without text.
        case 'w:del':
        case 'w:moveFrom':
        case 'w:delText':
        case 'w:delInstrText':
        case 'w:rPr':
        case 'w:pPr':
        case 'w:sdtPr':
        case 'w:sdtEndPr':
        case 'w:footnoteReference':
        case 'w:endnoteReference':
        case 'w:commentReference':
        case 'w:object':
          break;
        default:
          // w:r, w:hyperlink, w:ins, w:moveTo, w:smartTag, w:customXml, w:sdt(Content), w:dir,
          // w:bdo, w:pict, v:shape, v:textbox, w:drawing → … wps:txbx, etc.
          walk(c);
      }
    }
  };
  walk(p);
  return { text, textWithoutPageFields: plain };
}

/**
 * The paragraphs of a block container (body, cell, header, text box), in order. Text boxes
 * contribute their paragraphs right after the paragraph that anchors them (as mammoth does);
 * a nested table contributes one item: rows joined by "\n", cells by "\t".
 * Completely empty paragraphs are dropped.
 */
export function blockParagraphs(container: XElement): ParaText[] {
  const out: ParaText[] = [];
  const push = (p: ParaText): void => {
    if (p.text !== '') out.push(p);
  };
  const walk = (el: XElement): void => {
    for (const c of children(el)) {
      switch (nm(c)) {
        case 'w:p': {
          const extra: ParaText[] = [];
          push(paragraphText(c, extra));
          for (const e of extra) push(e);
          break;
        }
        case 'w:tbl': {
          const t = nestedTableText(c);
          push({ text: t, textWithoutPageFields: t });
          break;
        }
        case 'mc:AlternateContent': {
          const branch = alternateBranch(c);
          if (branch) walk(branch);
          break;
        }
        case 'w:del':
        case 'w:moveFrom':
        case 'w:sdtPr':
        case 'w:sdtEndPr':
        case 'w:tcPr':
        case 'w:sectPr':
          break;
        default:
          walk(c); // w:sdt, w:sdtContent, w:customXml, w:ins, w:moveTo, …
      }
    }
  };
  walk(container);
  return out;
}

function nestedTableText(tbl: XElement): string {
  const t = readTableGrid(tbl);
  return t.rows.map((r) => r.map((c) => c.text).join('\t')).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Tables

/** Unwraps row/cell-level wrappers (w:sdt → w:sdtContent, w:customXml, w:ins/moveTo, mc:AlternateContent). */
function collect(el: XElement, want: string, out: XElement[]): XElement[] {
  for (const c of children(el)) {
    const n = nm(c);
    if (n === want) out.push(c);
    else if (n === 'w:sdt') {
      const content = child(c, 'w:sdtContent');
      if (content) collect(content, want, out);
    } else if (n === 'w:customXml' || n === 'w:ins' || n === 'w:moveTo' || n === 'w:sdtContent') {
      collect(c, want, out);
    } else if (n === 'mc:AlternateContent') {
      const branch = alternateBranch(c);
      if (branch) collect(branch, want, out);
    }
  }
  return out;
}

export interface GridTable {
  rows: Cell[][];
  /** Number of grid columns actually used (max over rows of gridBefore + spans + gridAfter). */
  gridColumns: number;
}

/**
 * Builds the exact grid of a w:tbl: origin cells with their 0-based grid column (`col`),
 * colSpan from w:gridSpan (and legacy w:hMerge), rowSpan from w:vMerge, rows shifted by
 * w:gridBefore. Deleted rows (w:trPr/w:del) are skipped.
 */
export function readTableGrid(tbl: XElement): GridTable {
  const rows: Cell[][] = [];
  /** Origin cell currently open for vertical merging, by start grid column. */
  const vOpen = new Map<number, Cell>();
  let gridColumns = 0;

  for (const tr of collect(tbl, 'w:tr', [])) {
    const trPr = child(tr, 'w:trPr');
    if (trPr && child(trPr, 'w:del')) continue;
    const gridBefore = Math.max(0, intAttr(trPr && child(trPr, 'w:gridBefore'), 'val', 0));
    const gridAfter = Math.max(0, intAttr(trPr && child(trPr, 'w:gridAfter'), 'val', 0));

    const row: Cell[] = [];
    let col = 0;
    const closeRange = (from: number, to: number): void => {
      for (let k = from; k < to; k++) vOpen.delete(k);
    };
    closeRange(0, gridBefore);
    col = gridBefore;
    let hOrigin: Cell | null = null;

    for (const tc of collect(tr, 'w:tc', [])) {
      const tcPr = child(tc, 'w:tcPr');
      const span = Math.max(1, intAttr(tcPr && child(tcPr, 'w:gridSpan'), 'val', 1));
      const vMergeEl = tcPr && child(tcPr, 'w:vMerge');
      const vMerge = vMergeEl ? (attr(vMergeEl, 'val') === 'restart' ? 'restart' : 'continue') : null;
      const hMergeEl = tcPr && child(tcPr, 'w:hMerge');
      const hMerge = hMergeEl ? (attr(hMergeEl, 'val') === 'restart' ? 'restart' : 'continue') : null;
      const text = blockParagraphs(tc)
        .map((p) => p.text)
        .join('\n');

      // Legacy horizontal merge: a continuation widens the cell to its left.
      if (hMerge === 'continue' && hOrigin) {
        hOrigin.colSpan += span;
        if (text.trim() !== '') hOrigin.text = hOrigin.text === '' ? text : hOrigin.text + '\n' + text;
        closeRange(col, col + span);
        col += span;
        continue;
      }

      const above = vMerge === 'continue' ? vOpen.get(col) : undefined;
      if (above) {
        above.rowSpan += 1;
        // Word shows a continuation cell's content inside the merged cell; keep real text.
        if (text.trim() !== '') above.text = above.text === '' ? text : above.text + '\n' + text;
        hOrigin = null;
        col += span;
        continue;
      }

      const cell: Cell = { text, rowSpan: 1, colSpan: span, page: null, col };
      row.push(cell);
      closeRange(col, col + span);
      // Like mammoth (and Word), a later "continue" cell may attach to any origin cell starting in
      // the same grid column, whether or not the origin carries w:vMerge="restart".
      vOpen.set(col, cell);
      hOrigin = hMerge === 'restart' || hMerge === null ? cell : null;
      col += span;
    }
    closeRange(col, col + gridAfter);
    gridColumns = Math.max(gridColumns, col + gridAfter);
    rows.push(row);
  }
  return { rows, gridColumns };
}

/**
 * Elements mammoth.js descends into when reading the body (its body-reader's handlers that read
 * child elements). Anything else it ignores, so a table inside it is not in mammoth's output.
 */
const MAMMOTH_CONTAINERS = new Set([
  'w:p',
  'w:r',
  'w:hyperlink',
  'w:sdt',
  'w:sdtContent',
  'w:customXml',
  'w:ins',
  'w:moveTo',
  'w:object',
  'w:smartTag',
  'w:pict',
  'v:roundrect',
  'v:shape',
  'v:textbox',
  'w:txbxContent',
  'v:group',
  'v:rect',
]);

/**
 * The top-level tables of the document body, in document order, found the way mammoth.js
 * walks the body, so that the i-th table here is the i-th top-level table in mammoth's HTML:
 * through paragraphs, runs, w:sdt, w:customXml, w:ins/w:moveTo and VML text boxes;
 * mc:AlternateContent via its mc:Fallback only (all mammoth reads); not into w:del / w:moveFrom,
 * DrawingML (w:drawing), unknown elements, or tables nested in other tables.
 */
export function topLevelTables(body: XElement): XElement[] {
  const out: XElement[] = [];
  const walk = (el: XElement): void => {
    for (const c of children(el)) {
      const n = nm(c);
      if (n === 'w:tbl') out.push(c);
      else if (n === 'mc:AlternateContent') {
        const fb = child(c, 'mc:Fallback');
        if (fb) walk(fb);
      } else if (MAMMOTH_CONTAINERS.has(n)) walk(c);
    }
  };
  walk(body);
  return out;
}

/** w:body of a document.xml root. */
export function documentBody(root: XElement): XElement | undefined {
  return child(root, 'w:body');
}

/**
 * r:ids of header/footer references in all w:sectPr of the body (document order,
 * de-duplicated).
 */
export function headerFooterRefs(body: XElement): { headers: string[]; footers: string[] } {
  const headers: string[] = [];
  const footers: string[] = [];
  const relId = (el: XElement): string | null => {
    for (const a of el.attributes) {
      if (a.localName === 'id' && (a.namespaceURI === NS_R || a.namespaceURI === NS_R_STRICT)) return a.value;
    }
    return null;
  };
  const fromSectPr = (sectPr: XElement): void => {
    for (const c of children(sectPr)) {
      const n = nm(c);
      const id = n === 'w:headerReference' || n === 'w:footerReference' ? relId(c) : null;
      if (id === null) continue;
      const list = n === 'w:headerReference' ? headers : footers;
      if (!list.includes(id)) list.push(id);
    }
  };
  const walk = (el: XElement): void => {
    for (const c of children(el)) {
      const n = nm(c);
      if (n === 'w:sectPr') fromSectPr(c);
      else if (n === 'w:p') {
        const pPr = child(c, 'w:pPr');
        const s = pPr && child(pPr, 'w:sectPr');
        if (s) fromSectPr(s);
      } else if (n === 'w:sdt' || n === 'w:sdtContent' || n === 'w:customXml') walk(c);
    }
  };
  walk(body);
  return { headers, footers };
}

/**
 * True when a header/footer paragraph carries nothing but a page number: after removing the
 * results of PAGE/NUMPAGES/SECTIONPAGES fields, only whitespace, punctuation, symbols, the words
 * 第/页/共/頁/Page/of and at most 3 literal digits (a typed-in page number) remain.
 */
export function isPageNumberOnly(p: ParaText): boolean {
  const rest = p.textWithoutPageFields
    .replace(/page|of/gi, '')
    .replace(/[第页頁共总總\s\p{P}\p{S}]/gu, '');
  return /^\d{0,3}$/.test(rest);
}
