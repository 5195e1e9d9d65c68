/**
 * Readers for WordprocessingML parts: the namespace-aware element tree every part is parsed into
 * (within LIMITS), and what is read from it directly:
 *  - exact table grids (w:gridBefore/w:gridAfter, w:gridSpan, w:vMerge, legacy w:hMerge),
 *  - the text of paragraphs in cells, page headers and footers, page-number fields,
 *  - layout tables (isLayoutTable), docProps/app.xml's Application, package/document relationships.
 * The body flow (paragraphs, headings, text boxes, notes) is read by docx/body.ts from the same tree.
 *
 * Elements are matched by namespace URI + local name (not by prefix), so documents written
 * with unusual prefixes or in Strict OOXML namespaces read the same.
 *
 * Parsing: one pass of docx/xml-scan.ts (an indexOf-based scanner) over the part builds a small
 * namespace-aware element tree; formatting elements no reader looks into (run properties, borders,
 * …) are not built. (@xmldom/xmldom needed ~90 ms for a 250 KB document.xml, htmlparser2's XML
 * mode ~10 ms warm but far more in a cold thread.) Well-formedness is checked as far as it
 * matters here: unclosed or mismatched elements and a missing root element are errors.
 */
import { createRequire } from 'node:module';
import { scanXml } from './docx/xml-scan.js';
import { LIMITS, type Cell, type Message } from '../model.js';

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

/** Shared by every element without children (the parser gives an element its own array at its first child). */
const NO_CHILDREN: XNode[] = [];

/** A text node of the tree built by parseXmlPart. */
export class XText {
  readonly childNodes: XNode[] = NO_CHILDREN;
  constructor(readonly data: string) {}
}

/** An element of the tree built by parseXmlPart (DOM-like names). */
export class XElement {
  childNodes: XNode[] = NO_CHILDREN;
  /** Canonical name (see nm). */
  readonly name: string;
  constructor(
    readonly localName: string,
    readonly namespaceURI: string | null,
    readonly attributes: XAttr[],
    name?: string,
  ) {
    this.name = name ?? canonicalName(localName, namespaceURI);
  }
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
export type XNode = XElement | XText;

function canonicalName(local: string, ns: string | null): string {
  if (ns === NS_W || ns === NS_W_STRICT) return 'w:' + local;
  if (ns === NS_MC) return 'mc:' + local;
  if (ns === NS_VML) return 'v:' + local;
  return '{' + (ns ?? '') + '}' + local;
}

/** Canonical name: 'w:tbl', 'mc:Fallback', 'v:textbox', or '{ns}local' for anything else. */
export function nm(el: XElement): string {
  return el.name;
}

export function child(el: XElement, name: string): XElement | undefined {
  for (const c of el.childNodes) if (c instanceof XElement && nm(c) === name) return c;
  return undefined;
}

/** Attribute by local name, preferring the WordprocessingML namespaces, then any namespace. */
export function attr(el: XElement, local: string): string | null {
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

const isWordNs = (ns: string | null): boolean => ns === NS_W || ns === NS_W_STRICT;

/**
 * WordprocessingML elements whose content no reader uses, left out of the tree: run properties
 * (w:rPr outside w:pPr, whose w:rPr may mark the paragraph mark deleted), table properties,
 * borders, tab stops and tracked formatting changes. They hold no text.
 */
const SKIPPED = new Set(['tblPr', 'tblPrEx', 'tcBorders', 'tcMar', 'pBdr', 'tabs', 'rPrChange', 'pPrChange', 'tblPrChange', 'tcPrChange', 'trPrChange', 'sectPrChange', 'tblGridChange']);

/** Raised inside the parser callbacks to stop a parse that nests deeper than the parser can take. */
class ParseAbort extends Error {}

/** Characters of text still allowed in one paragraph, cell or part. */
interface TextBudget {
  left: number;
}

interface TableBudget {
  rows: number;
  cells: number;
}

interface ParseFrame {
  /** null: the element was dropped (beyond a limit), with everything inside it. */
  el: XElement | null;
  scope: Map<string, string>;
  /** Innermost open table, its nesting depth (0 outside tables), paragraph and cell. */
  table: TableBudget | null;
  tableDepth: number;
  para: TextBudget | null;
  cell: TextBudget | null;
}

function frameOf(parent: ParseFrame, el: XElement | null, scope: Map<string, string>): ParseFrame {
  return { el, scope, table: parent.table, tableDepth: parent.tableDepth, para: parent.para, cell: parent.cell };
}

export interface ParsedXmlPart {
  /** The root element, or null when the part is unusable (`problem` says why). */
  root: XElement | null;
  problem: string | null;
  /** 'too-deep': nested deeper than the parser takes (LIMITS.maxXmlParseDepth); else not well-formed. */
  problemKind: 'malformed' | 'too-deep' | null;
  /** Warnings about content dropped or cut because it exceeded a limit (see LIMITS). */
  messages: Message[];
  /** The decoded part text. */
  source: string;
}

/** The first `n` UTF-16 code units of `s`, not splitting a surrogate pair. */
function cutText(s: string, n: number): string {
  if (n <= 0) return '';
  const c = s.charCodeAt(n - 1);
  return s.slice(0, c >= 0xd800 && c <= 0xdbff ? n - 1 : n);
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/**
 * Parses an XML part into a namespace-aware element tree, within LIMITS: elements nested deeper
 * than maxXmlDepth, tables nested deeper than maxTableNesting, tables/rows/cells/elements past
 * their counts are dropped (with their content), and text past the per-paragraph, per-cell and
 * per-part character limits is cut; each kind of loss gives one warning. The element stack is
 * explicit (no recursion), so the tree it returns is at most maxXmlDepth deep: every recursive
 * reader of it is bounded too. Never throws.
 */
export function readXmlPart(bytes: Uint8Array, part: string): ParsedXmlPart {
  return readXmlText(decodeXml(bytes), part);
}

/** readXmlPart of an already decoded part. */
export function readXmlText(text: string, part: string): ParsedXmlPart {
  const holder = new XElement('#document', null, []);
  const stack: ParseFrame[] = [
    { el: holder, scope: new Map([['xml', NS_XML]]), table: null, tableDepth: 0, para: null, cell: null },
  ];
  const partText: TextBudget = { left: LIMITS.maxPartTextChars };
  /** The frame of every element inside a skipped one (SKIPPED): nothing in it is kept. */
  const SKIP_FRAME: ParseFrame = { el: null, scope: new Map(), table: null, tableDepth: 0, para: null, cell: null };
  let problem: string | null = null;
  let elements = 0;
  let tables = 0;
  const dropped = { depth: 0, nesting: 0, elements: 0, tables: 0, rows: 0, cells: 0, rowsAfterCells: 0 };
  const cut = { paragraph: 0, cell: 0, part: 0 };

  /** Namespace-resolved names, per scope (a scope changes only where xmlns attributes are). */
  const names = new Map<Map<string, string>, Map<string, [string, string | null, string]>>();
  const resolve = (scope: Map<string, string>, qname: string): [string, string | null, string] => {
    let cache = names.get(scope);
    if (!cache) names.set(scope, (cache = new Map()));
    let hit = cache.get(qname);
    if (!hit) {
      const colon = qname.indexOf(':');
      const local = colon === -1 ? qname : qname.slice(colon + 1);
      const ns = scope.get(colon === -1 ? '' : qname.slice(0, colon)) ?? null;
      hit = [local, ns, canonicalName(local, ns)];
      cache.set(qname, hit);
    }
    return hit;
  };

  const handler = {
      // (true: nothing inside the element is kept, so the scanner need not decode it)
      open(name: string, attribs: string[]): boolean {
        const parent = stack[stack.length - 1] as ParseFrame;
        if (stack.length > LIMITS.maxXmlParseDepth) throw new ParseAbort();
        if (parent.el === null) {
          stack.push(parent); // inside a dropped or skipped element: dropped with it
          return true;
        }
        let scope = parent.scope;
        for (let k = 0; k < attribs.length; k += 2) {
          const key = attribs[k] as string;
          if (key === 'xmlns' || key.startsWith('xmlns:')) {
            if (scope === parent.scope) scope = new Map(scope);
            scope.set(key === 'xmlns' ? '' : key.slice(6), attribs[k + 1] as string);
          }
        }
        const [local, ns, canonical] = resolve(scope, name);
        const isW = ns === NS_W || ns === NS_W_STRICT;
        // property elements no reader looks into (formatting, borders, tracked formatting
        // changes): not built at all, nor counted against the limits
        if (isW && (SKIPPED.has(local) || (local === 'rPr' && !(parent.el.localName === 'pPr' && isWordNs(parent.el.namespaceURI))))) {
          stack.push(SKIP_FRAME);
          return true;
        }
        const kind = isW && (local === 'tbl' || local === 'tr' || local === 'tc' || local === 'p') ? local : null;

        let reason: keyof typeof dropped | null = null;
        // depth of the new element: the holder is depth 0, the root element depth 1
        if (stack.length > LIMITS.maxXmlDepth) reason = 'depth';
        else if (elements >= LIMITS.maxXmlElements) reason = 'elements';
        else if (kind === 'tbl' && parent.tableDepth >= LIMITS.maxTableNesting) reason = 'nesting';
        else if (kind === 'tbl' && tables >= LIMITS.maxTables) reason = 'tables';
        else if (kind === 'tr' && parent.table && parent.table.rows >= LIMITS.maxTableRows) reason = 'rows';
        else if (kind === 'tr' && parent.table && parent.table.cells >= LIMITS.maxTableCells) reason = 'rowsAfterCells';
        else if (kind === 'tc' && parent.table && parent.table.cells >= LIMITS.maxTableCells) reason = 'cells';
        if (reason !== null) {
          dropped[reason]++;
          stack.push(frameOf(parent, null, parent.scope));
          return true;
        }

        const attrs: XAttr[] = [];
        for (let k = 0; k < attribs.length; k += 2) {
          const key = attribs[k] as string;
          const value = attribs[k + 1] as string;
          if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
          const c = key.indexOf(':');
          // unprefixed attributes are in no namespace
          attrs.push(c === -1 ? { localName: key, namespaceURI: null, value } : { localName: key.slice(c + 1), namespaceURI: resolve(scope, key)[1], value });
        }
        const el = new XElement(local, ns, attrs, canonical);
        if (parent.el.childNodes === NO_CHILDREN) parent.el.childNodes = [el];
        else parent.el.childNodes.push(el);
        elements++;
        const frame = frameOf(parent, el, scope);
        if (kind === 'tbl') {
          tables++;
          frame.table = { rows: 0, cells: 0 };
          frame.tableDepth = parent.tableDepth + 1;
        } else if (kind === 'tr' && parent.table) parent.table.rows++;
        else if (kind === 'tc') {
          if (parent.table) parent.table.cells++;
          frame.cell = { left: LIMITS.maxCellTextChars };
        } else if (kind === 'p') frame.para = { left: LIMITS.maxParagraphTextChars };
        stack.push(frame);
        return false;
      },
      text(data: string) {
        if (stack.length <= 1) return;
        const f = stack[stack.length - 1] as ParseFrame;
        if (f.el === null) return; // inside a dropped element
        let keep = Math.min(data.length, partText.left);
        let by: keyof typeof cut = 'part';
        if (f.para && f.para.left < keep) (keep = f.para.left), (by = 'paragraph');
        if (f.cell && f.cell.left < keep) (keep = f.cell.left), (by = 'cell');
        let s = data;
        if (keep < data.length) {
          s = cutText(data, keep);
          cut[by] += data.length - s.length;
        }
        partText.left -= s.length;
        if (f.para) f.para.left -= s.length;
        if (f.cell) f.cell.left -= s.length;
        if (s !== '') {
          if (f.el.childNodes === NO_CHILDREN) f.el.childNodes = [new XText(s)];
          else f.el.childNodes.push(new XText(s));
        }
      },
      close(name: string, implied: boolean) {
        // closed by the end of the input or by the end tag of an element around it
        if (implied && problem === null) problem = `element <${name}> is not closed properly`;
        if (stack.length <= 1) return;
        stack.pop();
      },
  };

  const messages: Message[] = [];
  const warn = (code: string, message: string): void => {
    messages.push({ code, message: `${part}: ${message}`, path: null });
  };
  try {
    scanXml(text, handler);
  } catch (e) {
    if (!(e instanceof ParseAbort)) throw e;
    return {
      root: null,
      problem: `elements are nested more than ${fmt(LIMITS.maxXmlParseDepth)} levels deep (a Word document needs well under 100); the part cannot be read (malformed or malicious file)`,
      problemKind: 'too-deep',
      messages,
      source: text,
    };
  }

  const lost = ' were dropped with everything inside them; their text is missing from the output';
  if (dropped.nesting) warn('docx.too-deep', `${fmt(dropped.nesting)} table(s) nested more than ${LIMITS.maxTableNesting} tables deep${lost}.`);
  if (dropped.depth) warn('docx.too-deep', `${fmt(dropped.depth)} element(s) nested more than ${LIMITS.maxXmlDepth} levels deep${lost}.`);
  if (dropped.tables) warn('docx.too-many-tables', `more than ${fmt(LIMITS.maxTables)} tables; the other ${fmt(dropped.tables)}${lost}.`);
  if (dropped.rows) warn('docx.table-too-large', `a table has more than ${fmt(LIMITS.maxTableRows)} rows; ${fmt(dropped.rows)} more row(s)${lost}.`);
  if (dropped.cells || dropped.rowsAfterCells) {
    const what = [dropped.cells ? `${fmt(dropped.cells)} more cell(s)` : '', dropped.rowsAfterCells ? `${fmt(dropped.rowsAfterCells)} more row(s)` : ''];
    warn('docx.table-too-large', `a table has more than ${fmt(LIMITS.maxTableCells)} cells; ${what.filter(Boolean).join(' and ')}${lost}.`);
  }
  if (dropped.elements) warn('docx.too-many-elements', `more than ${fmt(LIMITS.maxXmlElements)} XML elements; the last ${fmt(dropped.elements)} element(s) (at their outermost level)${lost}.`);
  if (cut.paragraph) warn('docx.text-too-long', `a paragraph is longer than ${fmt(LIMITS.maxParagraphTextChars)} characters; ${fmt(cut.paragraph)} character(s) were cut.`);
  if (cut.cell) warn('docx.text-too-long', `a table cell holds more than ${fmt(LIMITS.maxCellTextChars)} characters; ${fmt(cut.cell)} character(s) were cut.`);
  if (cut.part) warn('docx.text-too-long', `the part holds more than ${fmt(LIMITS.maxPartTextChars)} characters of text; ${fmt(cut.part)} character(s) were cut.`);

  const rest = { messages, source: text };
  if (problem !== null) {
    return { root: null, problem: `not well-formed XML (${problem}); the file is damaged or truncated`, problemKind: 'malformed', ...rest };
  }
  const root = holder.childNodes.find((c): c is XElement => c instanceof XElement);
  if (!root) return { root: null, problem: 'not well-formed XML (no root element)', problemKind: 'malformed', ...rest };
  return { root, problem: null, problemKind: null, ...rest };
}

/**
 * Parses an XML part (within LIMITS, see readXmlPart; its warnings are dropped here); throws
 * XmlPartError (naming the part) when it is not well-formed (unclosed/mismatched elements, no
 * root element) or nested too deep to read.
 */
export function parseXmlPart(bytes: Uint8Array, part: string): XElement {
  const r = readXmlPart(bytes, part);
  if (!r.root) throw new XmlPartError(part, r.problem ?? 'unreadable');
  return r.root;
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
  for (const r of root.childNodes) {
    if (!(r instanceof XElement)) continue;
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
  for (const c of root.childNodes) {
    if (!(c instanceof XElement)) continue;
    if (c.localName === 'Application') {
      const t = (c.textContent ?? '').trim();
      return t === '' ? null : t;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Symbols (w:sym): Symbol/Wingdings/Webdings codes mapped to Unicode by dingbat-to-unicode (the
// table mammoth.js used), loaded on the first w:sym only.

type DingbatHex = (font: string, hex: string) => { string: string } | undefined;
let dingbatHex: DingbatHex | null | undefined;

function loadDingbat(): DingbatHex | null {
  if (dingbatHex !== undefined) return dingbatHex;
  try {
    const mod = createRequire(import.meta.url)('dingbat-to-unicode') as { hex?: DingbatHex };
    dingbatHex = typeof mod.hex === 'function' ? mod.hex : null;
  } catch {
    dingbatHex = null;
  }
  return dingbatHex;
}

export function symbolText(el: XElement): string {
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

export const PAGE_FIELDS = new Set(['PAGE', 'NUMPAGES', 'SECTIONPAGES']);

export function fieldName(instr: string): string {
  return (instr.trim().split(/\s+/)[0] ?? '').toUpperCase();
}

export interface ParaText {
  /** Full text including field results. */
  text: string;
  /** Text without the results of PAGE / NUMPAGES / SECTIONPAGES fields. */
  textWithoutPageFields: string;
}

/** Chooses the branch of mc:AlternateContent to read: Fallback when present, else the first Choice. */
export function alternateBranch(el: XElement): XElement | undefined {
  return child(el, 'mc:Fallback') ?? child(el, 'mc:Choice');
}

/** Text of one w:p. Text box content found inside it is appended to `extra` as separate paragraphs. */
export function paragraphText(p: XElement, extra: ParaText[], ctx: ReadContext): ParaText {
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
    for (const c of el.childNodes) {
      if (!(c instanceof XElement)) continue;
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
          extra.push(...blockParagraphs(c, ctx));
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
 * What the readers below carry down: where warnings go, and how many tables enclose the content
 * being read. Recursion is bounded twice over: the tree from readXmlPart is at most
 * LIMITS.maxXmlDepth deep, and a table nested in LIMITS.maxTableNesting tables is not read.
 */
export interface ReadContext {
  messages?: Message[];
  /** Tables enclosing the content being read (0 at the top level). */
  tableDepth?: number;
}

/**
 * The paragraphs of a block container (body, cell, header, text box), in order. Text boxes
 * contribute their paragraphs right after the paragraph that anchors them (as mammoth.js did);
 * a nested table contributes one item: rows joined by "\n", cells by "\t".
 * Completely empty paragraphs are dropped.
 */
export function blockParagraphs(container: XElement, ctx: ReadContext = {}): ParaText[] {
  const out: ParaText[] = [];
  const push = (p: ParaText): void => {
    if (p.text !== '') out.push(p);
  };
  const walk = (el: XElement): void => {
    for (const c of el.childNodes) {
      if (!(c instanceof XElement)) continue;
      switch (nm(c)) {
        case 'w:p': {
          const extra: ParaText[] = [];
          push(paragraphText(c, extra, ctx));
          for (const e of extra) push(e);
          break;
        }
        case 'w:tbl': {
          const t = nestedTableText(c, ctx);
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

function nestedTableText(tbl: XElement, ctx: ReadContext): string {
  // readXmlPart already dropped such tables (with a warning); this keeps the recursion bounded
  // for any tree.
  if ((ctx.tableDepth ?? 0) >= LIMITS.maxTableNesting) return '';
  const t = readTableGrid(tbl, ctx);
  return t.rows.map((r) => r.map((c) => c.text).join('\t')).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Tables

/** Unwraps row/cell-level wrappers (w:sdt → w:sdtContent, w:customXml, w:ins/moveTo, mc:AlternateContent). */
export function collect(el: XElement, want: string, out: XElement[]): XElement[] {
  for (const c of el.childNodes) {
    if (!(c instanceof XElement)) continue;
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
 *
 * Spans come from the file and are not trusted: the table is W grid columns wide (its w:tblGrid,
 * at most LIMITS.maxTableColumns), and a w:gridSpan, w:gridBefore or w:gridAfter wider than W is
 * bogus. Such a span is reduced to the room the rest of the row leaves in the table (so a row that
 * otherwise fills the grid keeps its real layout), and gridBefore/gridAfter likewise; each table
 * with such spans gives one warning. No cell starts at or beyond LIMITS.maxTableColumns.
 */
export function readTableGrid(tbl: XElement, ctx: ReadContext = {}): GridTable {
  const rows: Cell[][] = [];
  /** Origin cell currently open for vertical merging, by start grid column. */
  const vOpen = new Map<number, Cell>();
  let gridColumns = 0;
  const inner: ReadContext = { ...ctx, tableDepth: (ctx.tableDepth ?? 0) + 1 };
  const maxCols = LIMITS.maxTableColumns;
  const tblGrid = child(tbl, 'w:tblGrid');
  let declared = 0;
  if (tblGrid) for (const c of tblGrid.childNodes) if (c instanceof XElement && c.name === 'w:gridCol') declared++;
  /** The table's real width. */
  const W = declared > 0 ? Math.min(declared, maxCols) : maxCols;
  let clamped = 0;
  let largest = 0;
  let dropped = 0;
  const clamp = (raw: number, to: number): number => {
    clamped++;
    largest = Math.max(largest, raw);
    return to;
  };

  for (const tr of collect(tbl, 'w:tr', []).slice(0, LIMITS.maxTableRows)) {
    const trPr = child(tr, 'w:trPr');
    if (trPr && child(trPr, 'w:del')) continue;
    const rawBefore = Math.max(0, intAttr(trPr && child(trPr, 'w:gridBefore'), 'val', 0));
    const rawAfter = Math.max(0, intAttr(trPr && child(trPr, 'w:gridAfter'), 'val', 0));
    const tcs = collect(tr, 'w:tc', []).slice(0, LIMITS.maxTableCells);
    const spans = tcs.map((tc) => {
      const tcPr = child(tc, 'w:tcPr');
      return Math.max(1, intAttr(tcPr && child(tcPr, 'w:gridSpan'), 'val', 1));
    });
    // room the cells after cell i need at least (a bogus span counts as 1)
    const sane = (span: number): number => (span > W ? 1 : span);
    const after: number[] = new Array<number>(spans.length).fill(0);
    for (let i = spans.length - 2; i >= 0; i--) after[i] = (after[i + 1] as number) + sane(spans[i + 1] as number);
    const rowWidth = spans.length > 0 ? (after[0] as number) + sane(spans[0] as number) : 0;
    const gridBefore = rawBefore > W ? clamp(rawBefore, Math.max(0, W - rowWidth)) : rawBefore;

    const row: Cell[] = [];
    let col = 0;
    const closeRange = (from: number, to: number): void => {
      for (let k = from; k < to; k++) vOpen.delete(k);
    };
    closeRange(0, gridBefore);
    col = gridBefore;
    let hOrigin: Cell | null = null;

    for (let i = 0; i < tcs.length; i++) {
      const tc = tcs[i] as XElement;
      if (col >= maxCols) {
        dropped += tcs.length - i;
        break;
      }
      const tcPr = child(tc, 'w:tcPr');
      const rawSpan = spans[i] as number;
      let span = rawSpan > W ? clamp(rawSpan, Math.max(1, W - col - (after[i] as number))) : rawSpan;
      if (col + span > maxCols) span = clamp(rawSpan, maxCols - col);
      const vMergeEl = tcPr && child(tcPr, 'w:vMerge');
      const vMerge = vMergeEl ? (attr(vMergeEl, 'val') === 'restart' ? 'restart' : 'continue') : null;
      const hMergeEl = tcPr && child(tcPr, 'w:hMerge');
      const hMerge = hMergeEl ? (attr(hMergeEl, 'val') === 'restart' ? 'restart' : 'continue') : null;
      const text = blockParagraphs(tc, inner)
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
      // Like mammoth.js (and Word), a later "continue" cell may attach to any origin cell starting in
      // the same grid column, whether or not the origin carries w:vMerge="restart".
      vOpen.set(col, cell);
      hOrigin = hMerge === 'restart' || hMerge === null ? cell : null;
      col += span;
    }
    const gridAfter = rawAfter > W ? clamp(rawAfter, Math.max(0, W - col)) : Math.min(rawAfter, Math.max(0, maxCols - col));
    closeRange(col, col + gridAfter);
    gridColumns = Math.max(gridColumns, col + gridAfter);
    rows.push(row);
  }
  if (ctx.messages && clamped) {
    ctx.messages.push({
      code: 'docx.span-clamped',
      message: `A table (${rows.length} rows) has ${clamped} w:gridSpan/w:gridBefore/w:gridAfter value(s) wider than its ${W} grid columns (the largest: ${largest}); they were reduced to the room left in their row. The file is malformed; merged cells in those rows may be misplaced.`,
      path: null,
    });
  }
  if (ctx.messages && dropped) {
    ctx.messages.push({
      code: 'docx.table-too-large',
      message: `A table (${rows.length} rows) has ${dropped} cell(s) starting beyond grid column ${maxCols}, the most a table may have; they were dropped.`,
      path: null,
    });
  }
  return { rows, gridColumns };
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
    for (const c of sectPr.childNodes) {
      if (!(c instanceof XElement)) continue;
      const n = nm(c);
      const id = n === 'w:headerReference' || n === 'w:footerReference' ? relId(c) : null;
      if (id === null) continue;
      const list = n === 'w:headerReference' ? headers : footers;
      if (!list.includes(id)) list.push(id);
    }
  };
  const walk = (el: XElement): void => {
    for (const c of el.childNodes) {
      if (!(c instanceof XElement)) continue;
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

// ---------------------------------------------------------------------------------------------
// Layout tables

/** Whether a table cell (or any element) prints something: non-blank text, or a table. */
function hasContent(el: XElement): boolean {
  for (const c of el.childNodes) {
    if (!(c instanceof XElement)) continue;
    const n = nm(c);
    if (n === 'w:del' || n === 'w:moveFrom' || n === 'w:instrText' || n === 'w:delText' || n === 'w:tcPr') continue;
    if (n === 'w:tbl') return true;
    if (n === 'w:t') {
      if ((c.textContent ?? '').trim() !== '') return true;
      continue;
    }
    if (hasContent(c)) return true;
  }
  return false;
}

export const isDeletedRow = (tr: XElement): boolean => {
  const trPr = child(tr, 'w:trPr');
  return trPr !== undefined && child(trPr, 'w:del') !== undefined;
};

/** Layout tables nested in layout tables deeper than this are left as tables (see docx/body.ts). */
export const MAX_LAYOUT_NESTING = 3;

/** Paragraphs that print something, and tables, directly in a cell (through w:sdt and the like). */
function cellStats(tc: XElement): { paragraphs: number; tables: number } {
  let paragraphs = 0;
  let tables = 0;
  const walk = (el: XElement): void => {
    for (const c of el.childNodes) {
      if (!(c instanceof XElement)) continue;
      const n = nm(c);
      if (n === 'w:tbl') tables++;
      else if (n === 'w:p') {
        if (hasContent(c)) paragraphs++;
      } else if (n === 'w:sdt' || n === 'w:sdtContent' || n === 'w:customXml' || n === 'w:ins' || n === 'w:moveTo') walk(c);
    }
  };
  walk(tc);
  return { paragraphs, tables };
}

/**
 * A table used to lay out the page rather than to hold data, whose cells' content is read as if it
 * stood in the body:
 *  - one column of content (no row has more than one cell that prints something: a 1×1 frame, a
 *    page table with an empty margin column, title/body/signature stacked in rows) holding a
 *    table, or at least 3 paragraphs, in a cell;
 *  - or at most 3 cells with content per row (a page table with a sidebar; a report table has 4
 *    to 15 columns of values) where a cell holds 2 or more tables, or a table and at least 3
 *    paragraphs.
 * A small table with a table in a cell, or a 1×1 table of a line or two, stays a table.
 */
export function isLayoutTable(tbl: XElement): boolean {
  let widest = 0;
  let single = false;
  let multi = false;
  for (const tr of collect(tbl, 'w:tr', []).slice(0, LIMITS.maxTableRows)) {
    if (isDeletedRow(tr)) continue;
    let inRow = 0;
    for (const tc of collect(tr, 'w:tc', []).slice(0, LIMITS.maxTableCells)) {
      if (!hasContent(tc)) continue;
      inRow++;
      const { paragraphs, tables } = cellStats(tc);
      if (tables > 0 || paragraphs >= 3) single = true;
      if (tables >= 2 || (tables >= 1 && paragraphs >= 3)) multi = true;
    }
    widest = Math.max(widest, inRow);
    if (widest > 3) return false;
  }
  return (widest === 1 && single) || multi;
}
