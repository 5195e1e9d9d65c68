/**
 * The body flow of a Word document (paragraphs with their heading level, text boxes, tables,
 * footnotes and endnotes) read in one walk over the element tree of word/document.xml that
 * docx-xml.ts readXmlPart built (within LIMITS). Tables are read by readTableGrid (exact grid).
 *
 * The text is what mammoth.js 1.13 (this converter's reader until 2026-12) gave for the same XML,
 * so that the canonical JSON did not change:
 *  - w:t text as is; w:tab → "\t"; w:br (text wrapping) → "\n", page and column breaks → nothing;
 *    w:noBreakHyphen → U+2011, w:softHyphen → U+00AD; w:sym through the dingbat table;
 *  - deleted text (w:del, w:moveFrom) and field instructions are not read, field results are;
 *    a paragraph whose mark is deleted (w:pPr/w:rPr/w:del) is joined to the next paragraph;
 *  - mc:AlternateContent: its mc:Fallback;
 *  - a text box (VML w:pict) contributes its paragraphs and tables right after the paragraph that
 *    anchors it; a table or paragraph nested inside a paragraph splits it;
 *  - footnote/endnote references are "[1]", "[2]", … in reference order, and the notes referenced
 *    follow the body (role 'footnote'), each as often as it is referenced;
 *  - a w14 checkbox content control drops its first character (the box glyph);
 *  - completely empty paragraphs are dropped; text outside paragraphs makes a paragraph unless blank;
 *  - heading level: the style named "Title" → 1; style id Heading1–6 or style name "heading 1"–
 *    "heading 6" (any case) → 1–6; style id or name "Heading" → 1.
 * and, where mammoth.js lost text or structure (no sample has these):
 *  - heading level also from style names "标题 1"–"标题 6" ("标题" → 1), else the paragraph's own
 *    outline level (w:outlineLvl 0–5 → 1–6, 9 = body text), else its style's (through w:basedOn);
 *  - w:cr → "\n", w:ptab → "\t"; w:dir/w:bdo read; w:ruby: its base text; w:sym of an ordinary
 *    font: its character; w:fldSimple: its result;
 *  - mc:AlternateContent without mc:Fallback: its first mc:Choice; DrawingML text boxes
 *    (wps:txbx) read like VML ones;
 *  - a reference to a note that does not exist is skipped with a warning (mammoth.js failed).
 * As the document prints (what docx-xml.ts rewriteBody did before the reader was replaced):
 *  - layout tables (isLayoutTable) reached at block level are read as their cells' content, row
 *    by row, cell by cell, down to MAX_LAYOUT_NESTING levels, so the tables in them are tables of
 *    the body;
 *  - a body paragraph holding nothing but a page-number field is left out.
 *
 * Recursion is bounded by the tree's depth (readXmlPart: LIMITS.maxXmlDepth). Never throws on a
 * tree readXmlPart built.
 */
import { type Block, type BlockRole, type Message } from '../../model.js';
import {
  MAX_LAYOUT_NESTING,
  XElement,
  alternateBranch,
  attr,
  child,
  collect,
  isDeletedRow,
  isLayoutTable,
  isPageNumberOnly,
  nm,
  paragraphText,
  readTableGrid,
  symbolText,
  type ParaText,
  type XNode,
} from '../docx-xml.js';

// ---------------------------------------------------------------------------------------------
// Styles

export interface ParagraphStyle {
  name: string | null;
  /** w:pPr/w:outlineLvl of the style itself, or null. */
  outline: number | null;
  basedOn: string | null;
}

/** Paragraph styles of styles.xml by style id (the first definition of an id wins, as in Word). */
export type Styles = Map<string, ParagraphStyle>;

const NS_W14 = 'http://schemas.microsoft.com/office/word/2010/wordml';

function intVal(el: XElement | undefined): number | null {
  if (!el) return null;
  const v = attr(el, 'val');
  if (v === null || !/^\s*-?\d+\s*$/.test(v)) return null;
  return Number.parseInt(v, 10);
}

export function readStyles(root: XElement): Styles {
  const styles: Styles = new Map();
  for (const s of root.childNodes) {
    if (!(s instanceof XElement) || nm(s) !== 'w:style' || attr(s, 'type') !== 'paragraph') continue;
    const id = attr(s, 'styleId');
    if (id === null || styles.has(id)) continue;
    const name = child(s, 'w:name');
    const pPr = child(s, 'w:pPr');
    const basedOn = child(s, 'w:basedOn');
    styles.set(id, {
      name: name ? attr(name, 'val') : null,
      outline: intVal(pPr && child(pPr, 'w:outlineLvl')),
      basedOn: basedOn ? attr(basedOn, 'val') : null,
    });
  }
  return styles;
}

const outlineLevel = (v: number | null): number | null => (v !== null && v >= 0 && v <= 5 ? v + 1 : null);

/** Heading level (1–6) of a paragraph with these properties, or null (see the module comment). */
export function headingLevel(pPr: XElement | undefined, styles: Styles): number | null {
  const pStyle = pPr && child(pPr, 'w:pStyle');
  const id = (pStyle && attr(pStyle, 'val')) || null;
  const style = id !== null ? styles.get(id) : undefined;
  const name = style?.name ?? null;
  const upper = name?.toUpperCase() ?? null;
  // mammoth.js's style map: ours ("p[style-name='Title'] => h1"), then its defaults
  if (upper === 'TITLE') return 1;
  if (id !== null) {
    const m = /^Heading([1-6])$/.exec(id);
    if (m) return Number(m[1]);
  }
  if (upper !== null) {
    const m = /^HEADING ([1-6])$/.exec(upper);
    if (m) return Number(m[1]);
  }
  if (id === 'Heading' || upper === 'HEADING') return 1;
  // beyond mammoth.js: Chinese style names, outline levels
  if (name !== null) {
    const t = name.trim();
    if (t === '标题') return 1;
    const m = /^标题\s*([1-6])$/.exec(t);
    if (m) return Number(m[1]);
  }
  const own = intVal(pPr && child(pPr, 'w:outlineLvl'));
  if (own !== null) return outlineLevel(own);
  // the style's, through w:basedOn (which may loop in a damaged file)
  let s = style;
  for (let i = 0; s && i < 32; i++) {
    if (s.outline !== null) return outlineLevel(s.outline);
    s = s.basedOn !== null ? styles.get(s.basedOn) : undefined;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Blocks, as an HTML reader would build them from mammoth.js's output

interface Frame {
  text: string;
  level: number | null;
}

/** Collects text into paragraphs and paragraphs and tables into blocks. */
class Builder {
  readonly blocks: Block[] = [];
  private readonly frames: Frame[] = [];
  private loose = '';
  constructor(readonly role: BlockRole) {}

  private emit(text: string, level: number | null): void {
    if (text !== '') this.blocks.push({ kind: 'paragraph', text, headingLevel: level, page: null, role: this.role });
  }

  /** Before a block starts: the text collected so far becomes a paragraph. */
  private flush(): void {
    const f = this.frames[this.frames.length - 1];
    if (f) {
      this.emit(f.text, f.level);
      f.text = '';
    } else if (this.loose !== '') {
      const t = this.loose;
      this.loose = '';
      if (t.trim() !== '') this.emit(t, null);
    }
  }

  open(level: number | null): void {
    this.flush();
    this.frames.push({ text: '', level });
  }

  close(): void {
    const f = this.frames.pop();
    if (f) this.emit(f.text, f.level);
  }

  text(s: string): void {
    const f = this.frames[this.frames.length - 1];
    if (f) f.text += s;
    else this.loose += s;
  }

  block(b: Block): void {
    this.flush();
    this.blocks.push(b);
  }

  finish(): Block[] {
    while (this.frames.length > 0) this.close();
    this.flush();
    return this.blocks;
  }
}

// ---------------------------------------------------------------------------------------------
// The reader

export interface NoteRef {
  type: 'footnote' | 'endnote';
  id: string;
}

export interface FlowContext {
  styles: Styles;
  /** Where table-reader warnings go. */
  messages: Message[];
  /** Footnotes and endnotes by `${type}:${id}`. */
  notes: Map<string, XElement>;
  /** The part's text holds a note reference (else tables need not be walked for them). */
  mayHaveNoteRefs: boolean;
  /** The part's text holds a field (else no paragraph can be a page number field). */
  mayHaveFields: boolean;
}

interface State {
  /** Reading the content of a paragraph (not at block level). */
  inPara: boolean;
  /** Read as it prints: layout tables unwrapped, page-number paragraphs left out (main body). */
  printed: boolean;
  /** Layout tables enclosing this content (for MAX_LAYOUT_NESTING). */
  depth: number;
  /** Text boxes of the paragraph being read (inPara only). */
  extras: Block[] | null;
  /** Whether those text boxes are read as printed. */
  extrasPrinted: boolean;
}

const TEXT_CONTAINERS = new Set([
  'w:r',
  'w:hyperlink',
  'w:ins',
  'w:moveTo',
  'w:customXml',
  'w:smartTag',
  'w:object',
  'w:fldSimple',
  'w:dir',
  'w:bdo',
  'v:roundrect',
  'v:shape',
  'v:textbox',
  'w:txbxContent',
  'v:group',
  'v:rect',
]);

class FlowReader {
  /** Content of paragraphs whose mark is deleted, joined to the next paragraph. */
  private pending: XNode[] = [];
  /** > 0: the next non-empty text is a checkbox glyph and is dropped. */
  private swallow = 0;
  /** Not collecting output (walking a table for its note references). */
  private discard = 0;

  constructor(
    private readonly ctx: FlowContext,
    private readonly refs: { list: NoteRef[]; next: number },
    private readonly missing: Set<string>,
  ) {}

  /** The blocks of a container (body, note, text box). */
  container(el: XElement, role: BlockRole, printed: boolean, depth: number): Block[] {
    const b = new Builder(role);
    this.nodes(el.childNodes, b, { inPara: false, printed, depth, extras: null, extrasPrinted: false });
    if (this.pending.length > 0) {
      // a deleted paragraph mark at the end: its content stays a paragraph of its own
      const rest = this.pending;
      this.pending = [];
      const extras: Block[] = [];
      b.open(null);
      this.nodes(rest, b, { inPara: true, printed: false, depth, extras, extrasPrinted: false });
      b.close();
      for (const e of extras) b.block(e);
    }
    return b.finish();
  }

  private text(s: string, b: Builder, glyph: boolean): void {
    if (glyph && this.swallow > 0 && s.length > 0) {
      this.swallow = 0;
      return;
    }
    if (this.discard === 0) b.text(s);
  }

  private nodes(list: readonly XNode[], b: Builder, st: State): void {
    for (const c of list) if (c instanceof XElement) this.element(c, b, st);
  }

  private element(c: XElement, b: Builder, st: State): void {
    const n = nm(c);
    switch (n) {
      case 'w:p':
        this.paragraph(c, b, st);
        return;
      case 'w:tbl':
        this.table(c, b, st);
        return;
      case 'w:t':
        this.text(c.textContent, b, true);
        return;
      case 'w:tab':
      case 'w:ptab':
        this.text('\t', b, false);
        return;
      case 'w:br': {
        const type = attr(c, 'type');
        if (type === null || type === 'textWrapping') this.text('\n', b, false);
        return;
      }
      case 'w:cr':
        this.text('\n', b, false);
        return;
      case 'w:noBreakHyphen':
        this.text('\u2011', b, true);
        return;
      case 'w:softHyphen':
        this.text('\u00AD', b, true);
        return;
      case 'w:sym': {
        const s = symbolText(c);
        if (s !== '') this.text(s, b, true);
        return;
      }
      case 'w:footnoteReference':
      case 'w:endnoteReference': {
        const type = n === 'w:footnoteReference' ? 'footnote' : 'endnote';
        this.refs.list.push({ type, id: attr(c, 'id') ?? '' });
        this.text(`[${this.refs.next++}]`, b, false);
        return;
      }
      case 'w:sdt':
        this.sdt(c, b, st);
        return;
      case 'mc:AlternateContent': {
        const branch = alternateBranch(c);
        if (branch) this.nodes(branch.childNodes, b, st);
        return;
      }
      case 'w:ruby': {
        const base = child(c, 'w:rubyBase');
        if (base) this.nodes(base.childNodes, b, st);
        return;
      }
      case 'w:pict':
        this.textBoxes([c], b, st);
        return;
      case 'w:drawing': {
        const boxes: XElement[] = [];
        const find = (e: XElement): void => {
          for (const k of e.childNodes) {
            if (!(k instanceof XElement)) continue;
            if (nm(k) === 'w:txbxContent') boxes.push(k);
            else find(k);
          }
        };
        find(c);
        if (boxes.length > 0) this.textBoxes(boxes, b, st);
        return;
      }
      default:
        if (TEXT_CONTAINERS.has(n)) this.nodes(c.childNodes, b, st);
      // anything else (properties, deleted content, bookmarks, images, unknown elements): no text
    }
  }

  /** Text box content: after the anchoring paragraph (in place outside paragraphs). */
  private textBoxes(els: XElement[], b: Builder, st: State): void {
    if (!st.inPara || st.extras === null) {
      for (const e of els) this.nodes(e.childNodes, b, { ...st, inPara: false, extras: null });
      return;
    }
    const sub = new Builder(b.role);
    for (const e of els) this.nodes(e.childNodes, sub, { inPara: false, printed: st.extrasPrinted, depth: st.depth, extras: null, extrasPrinted: false });
    st.extras.push(...sub.finish());
  }

  private sdt(c: XElement, b: Builder, st: State): void {
    const content = child(c, 'w:sdtContent');
    const pr = child(c, 'w:sdtPr');
    let checkbox = false;
    if (pr) for (const k of pr.childNodes) if (k instanceof XElement && k.localName === 'checkbox' && k.namespaceURI === NS_W14) checkbox = true;
    if (!content) return;
    if (!checkbox) {
      this.nodes(content.childNodes, b, st);
      return;
    }
    const saved = this.swallow;
    this.swallow = 1;
    this.nodes(content.childNodes, b, st);
    this.swallow = saved;
  }

  private paragraph(p: XElement, b: Builder, st: State): void {
    const pPr = child(p, 'w:pPr');
    let extrasPrinted = false;
    if (st.printed && !st.inPara && this.discard === 0 && !(pPr && child(pPr, 'w:sectPr'))) {
      if (this.ctx.mayHaveFields && isPageNumberParagraph(p)) return;
      extrasPrinted = true;
    }
    const rPr = pPr && child(pPr, 'w:rPr');
    if (rPr && child(rPr, 'w:del')) {
      this.pending.push(...p.childNodes);
      return;
    }
    let content: readonly XNode[] = p.childNodes;
    if (this.pending.length > 0) {
      content = [...this.pending, ...p.childNodes];
      this.pending = [];
    }
    const extras: Block[] = [];
    b.open(this.discard === 0 ? headingLevel(pPr, this.ctx.styles) : null);
    this.nodes(content, b, { inPara: true, printed: st.printed, depth: st.depth, extras, extrasPrinted });
    b.close();
    for (const e of extras) b.block(e);
  }

  private table(t: XElement, b: Builder, st: State): void {
    if (this.discard > 0) {
      // only the note references count here
      for (const tr of collect(t, 'w:tr', [])) {
        if (isDeletedRow(tr)) continue;
        for (const tc of collect(tr, 'w:tc', [])) this.nodes(tc.childNodes, b, { ...st, inPara: false, printed: false, extras: null });
      }
      return;
    }
    if (st.printed && !st.inPara && st.depth < MAX_LAYOUT_NESTING && isLayoutTable(t)) {
      const inner: State = { ...st, depth: st.depth + 1 };
      for (const tr of collect(t, 'w:tr', [])) {
        if (isDeletedRow(tr)) continue;
        for (const tc of collect(tr, 'w:tc', [])) {
          for (const k of tc.childNodes) if (k instanceof XElement && nm(k) !== 'w:tcPr') this.element(k, b, inner);
        }
      }
      return;
    }
    const grid = readTableGrid(t, { messages: this.ctx.messages });
    b.block({ kind: 'table', rows: grid.rows, page: null, role: b.role });
    if (this.ctx.mayHaveNoteRefs) {
      // references in the table's cells number the notes (the cells' text does not show them)
      this.discard++;
      const pending = this.pending;
      this.pending = [];
      this.table(t, new Builder(b.role), st);
      this.pending = pending;
      this.discard--;
    }
  }

  /** The notes referenced so far, in reference order. */
  notes(): Block[] {
    const out: Block[] = [];
    for (const ref of [...this.refs.list]) {
      const note = this.ctx.notes.get(`${ref.type}:${ref.id}`);
      if (!note) {
        this.missing.add(`${ref.type} ${ref.id}`);
        continue;
      }
      out.push(...new FlowReader(this.ctx, this.refs, this.missing).container(note, 'footnote', false, 0));
    }
    return out;
  }
}

/** Whether the paragraph holds a field (complex or simple), outside text boxes too. */
function hasField(el: XElement): boolean {
  for (const c of el.childNodes) {
    if (!(c instanceof XElement)) continue;
    const n = nm(c);
    if (n === 'w:fldChar' || n === 'w:fldSimple') return true;
    if (hasField(c)) return true;
  }
  return false;
}

/**
 * A body paragraph holding nothing but a page number field (PAGE, NUMPAGES, SECTIONPAGES, and at
 * most the words and punctuation around it), and no text box: layout, not text.
 */
function isPageNumberParagraph(p: XElement): boolean {
  if (!hasField(p)) return false;
  const extra: ParaText[] = [];
  const t = paragraphText(p, extra, {});
  return extra.length === 0 && t.text !== t.textWithoutPageFields && t.text.trim() !== '' && isPageNumberOnly(t);
}

/**
 * The body's blocks, then the notes it references. Warnings (table limits, missing notes) go to
 * ctx.messages.
 */
export function readBody(body: XElement, ctx: FlowContext): Block[] {
  const missing = new Set<string>();
  const reader = new FlowReader(ctx, { list: [], next: 1 }, missing);
  const blocks = reader.container(body, 'body', true, 0);
  blocks.push(...reader.notes());
  if (missing.size > 0) {
    const list = [...missing];
    ctx.messages.push({
      code: 'docx.note-missing',
      message: `The document refers to ${list.length === 1 ? 'a note' : 'notes'} that ${list.length === 1 ? 'does' : 'do'} not exist (${list.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''}); the reference marks are kept, the notes' text is missing.`,
      path: null,
    });
  }
  return blocks;
}

/** The notes of a footnotes.xml or endnotes.xml part (separators left out), by `${type}:${id}`. */
export function readNotes(root: XElement, type: 'footnote' | 'endnote', into: Map<string, XElement>): void {
  for (const n of root.childNodes) {
    if (!(n instanceof XElement) || nm(n) !== `w:${type}`) continue;
    const kind = attr(n, 'type');
    if (kind === 'separator' || kind === 'continuationSeparator') continue;
    // two notes with one id: the last one is shown (as mammoth.js did)
    into.set(`${type}:${attr(n, 'id') ?? ''}`, n);
  }
}
