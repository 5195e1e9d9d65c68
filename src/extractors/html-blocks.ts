/**
 * Turns mammoth.js's HTML into model blocks.
 *
 *  - p, h1–h6, li → Paragraph (h1–h6 → headingLevel 1–6); a block nested inside another
 *    (e.g. <p> inside a footnote <li>, a nested list) splits the outer one.
 *  - table → Table (rows of cells; cell text = its paragraphs joined with "\n"; rowspan/colspan
 *    attributes, default 1, at most LIMITS.maxTableRows / LIMITS.maxTableColumns). A table nested
 *    in a cell contributes its text to the cell (rows joined by "\n", cells by "\t") and is not a
 *    block of its own.
 *  - <br> → "\n"; entities decoded; text kept untrimmed; completely empty paragraphs dropped.
 *  - mammoth's footnote/endnote list items (<li id="footnote-N">) get role 'footnote', and their
 *    "↑" back-links (<a href="#footnote-ref-N">) are dropped.
 */
import { Parser } from 'htmlparser2';
import { LIMITS, type Block, type Cell } from '../model.js';

interface RootFrame {
  type: 'root';
  loose: string;
}
interface CellFrame {
  type: 'cell';
  paras: string[];
  loose: string;
  rowSpan: number;
  colSpan: number;
}
interface TableFrame {
  type: 'table';
  rows: Cell[][];
}
interface ParaFrame {
  type: 'para';
  text: string;
  level: number | null;
  footnote: boolean;
}
type Frame = RootFrame | CellFrame | TableFrame | ParaFrame;

const PARA_TAGS: Record<string, number | null> = {
  p: null,
  li: null,
  h1: 1,
  h2: 2,
  h3: 3,
  h4: 4,
  h5: 5,
  h6: 6,
};

/** A rowspan/colspan attribute: at least 1, at most `max` (the file's spans are not trusted). */
export function spanAttr(v: string | undefined, max: number): number {
  if (v === undefined) return 1;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

export function htmlToBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  const root: RootFrame = { type: 'root', loose: '' };
  const frames: Frame[] = [root];
  /** For each open tag, whether it pushed a frame (so the close pops it). */
  const openTags: { name: string; pushed: boolean; footnote: boolean; skip: boolean }[] = [];
  let footnoteDepth = 0;
  let skipDepth = 0;

  const top = (): Frame => frames[frames.length - 1] as Frame;

  /** Nearest container (root or cell) below the top. */
  const container = (): RootFrame | CellFrame => {
    for (let i = frames.length - 1; i >= 0; i--) {
      const f = frames[i] as Frame;
      if (f.type === 'root' || f.type === 'cell') return f;
    }
    return root;
  };

  const emitPara = (text: string, level: number | null, footnote: boolean): void => {
    if (text === '') return;
    const c = container();
    if (c.type === 'cell') c.paras.push(text);
    else
      blocks.push({
        kind: 'paragraph',
        text,
        headingLevel: level,
        page: null,
        role: footnote ? 'footnote' : 'body',
      });
  };

  /** Before a nested block opens: flush the text collected so far by the enclosing block. */
  const flushOpen = (): void => {
    const t = top();
    if (t.type === 'para') {
      emitPara(t.text, t.level, t.footnote);
      t.text = '';
    } else if (t.type === 'root' || t.type === 'cell') {
      if (t.loose !== '') {
        const text = t.loose;
        t.loose = '';
        if (text.trim() === '') return; // whitespace between tags
        if (t.type === 'cell') t.paras.push(text);
        else emitPara(text, null, footnoteDepth > 0);
      }
    }
  };

  const appendText = (s: string): void => {
    if (skipDepth > 0 || s === '') return;
    const t = top();
    if (t.type === 'para') t.text += s;
    else if (t.type === 'root' || t.type === 'cell') t.loose += s;
    // text directly inside <table>/<tr> (whitespace) is ignored
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const rec = { name, pushed: false, footnote: false, skip: false };
        if (name in PARA_TAGS) {
          flushOpen();
          if (name === 'li' && /^(footnote|endnote)-\d+$/.test(attribs.id ?? '')) {
            rec.footnote = true;
            footnoteDepth++;
          }
          frames.push({ type: 'para', text: '', level: PARA_TAGS[name] ?? null, footnote: footnoteDepth > 0 });
          rec.pushed = true;
        } else if (name === 'table') {
          flushOpen();
          frames.push({ type: 'table', rows: [] });
          rec.pushed = true;
        } else if (name === 'tr') {
          const t = top();
          if (t.type === 'table') t.rows.push([]);
        } else if (name === 'td' || name === 'th') {
          frames.push({
            type: 'cell',
            paras: [],
            loose: '',
            rowSpan: spanAttr(attribs.rowspan, LIMITS.maxTableRows),
            colSpan: spanAttr(attribs.colspan, LIMITS.maxTableColumns),
          });
          rec.pushed = true;
        } else if (name === 'br') {
          appendText('\n');
        } else if (name === 'a' && /^#(footnote|endnote)-ref-/.test(attribs.href ?? '')) {
          rec.skip = true;
          skipDepth++;
          // mammoth writes "<p>note text <a href=#footnote-ref-N>↑</a></p>": drop its separator space
          const t = top();
          if (t.type === 'para' && t.text.endsWith(' ')) t.text = t.text.slice(0, -1);
        }
        openTags.push(rec);
      },
      ontext(data) {
        appendText(data);
      },
      onclosetag() {
        const rec = openTags.pop();
        if (!rec) return;
        if (rec.skip) skipDepth--;
        if (rec.pushed) {
          const f = frames.pop() as Frame;
          if (f.type === 'para') {
            emitPara(f.text, f.level, f.footnote);
          } else if (f.type === 'cell') {
            if (f.loose.trim() !== '') f.paras.push(f.loose);
            const t = top();
            const c: Cell = { text: f.paras.join('\n'), rowSpan: f.rowSpan, colSpan: f.colSpan, page: null };
            if (t.type === 'table') {
              if (t.rows.length === 0) t.rows.push([]);
              (t.rows[t.rows.length - 1] as Cell[]).push(c);
            }
          } else if (f.type === 'table') {
            const c = container();
            if (c.type === 'root') {
              blocks.push({ kind: 'table', rows: f.rows, page: null, role: 'body' });
            } else {
              const text = f.rows.map((r) => r.map((x) => x.text).join('\t')).join('\n');
              if (text !== '') c.paras.push(text);
            }
          }
        }
        if (rec.footnote) footnoteDepth--;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  // Unclosed frames (not produced by mammoth, but be safe).
  while (frames.length > 1) {
    const f = frames.pop() as Frame;
    if (f.type === 'para') emitPara(f.text, f.level, f.footnote);
  }
  if (root.loose.trim() !== '') emitPara(root.loose, null, false);
  return blocks;
}
