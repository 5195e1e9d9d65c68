/**
 * HTML text → a small element tree, built with htmlparser2's tokenizer under LIMITS: elements
 * deeper than LIMITS.maxXmlDepth are flattened into their ancestor (their text kept), at most
 * LIMITS.maxXmlElements elements and LIMITS.maxPartTextChars characters of text are kept.
 * Scripts, styles and other non-rendered content are dropped (their text is kept apart for the
 * redirect check). Table structure is repaired the way browsers do the common cases: a <td>/<th>
 * closes an open cell of the same row, a <tr> closes the open row of the same table, even when
 * other elements (an unclosed <p>, <font>) are still open inside them. An element still open at
 * the end of the input is marked `unclosed` (a page cut off by a crawler).
 */
import { Parser } from 'htmlparser2';
import { LIMITS, type Message } from '../../model.js';

export interface HElement {
  type: 'el';
  name: string;
  attrs: Record<string, string>;
  children: HNode[];
  parent: HElement | null;
  /** Still open when the input ended (closed only by the end of the file). */
  unclosed: boolean;
}
export interface HText {
  type: 'text';
  text: string;
}
export type HNode = HElement | HText;

export interface ParsedPage {
  root: HElement;
  /** Text of <title>. */
  title: string;
  /** Text of the scripts (for redirect detection), capped. */
  scripts: string;
  /** <meta http-equiv=refresh> target, if any. */
  refresh: string | null;
  /** <meta name=generator> / ProgId. */
  generator: string | null;
}

/** Content that is never rendered as text. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'xml', 'select', 'textarea', 'button', 'head']);
const CELL = new Set(['td', 'th']);
const SECTION = new Set(['tbody', 'thead', 'tfoot']);
const MAX_SCRIPT_CHARS = 20_000;

export function parseHtml(html: string, messages: Message[]): ParsedPage {
  const root: HElement = { type: 'el', name: '#root', attrs: {}, children: [], parent: null, unclosed: false };
  const stack: HElement[] = [root];
  let elements = 0;
  let textChars = 0;
  let flattened = 0;
  let elementsDropped = 0;
  let textDropped = false;
  let skipDepth = 0;
  /**
   * Open tags that did not become elements (skipped, too deep, too many), to match their close
   * tags; `depth` is the element stack length when they opened.
   */
  const ghosts: { name: string; skip: boolean; depth: number }[] = [];
  let title = '';
  let inTitle = 0;
  let scripts = '';
  let inScript = 0;
  let refresh: string | null = null;
  let generator: string | null = null;
  let ending = false;

  const top = (): HElement => stack[stack.length - 1]!;
  /** Index in the stack of the nearest open element named in `names`, not crossing a `barrier`. */
  const nearest = (names: Set<string> | string, barrier: Set<string>): number => {
    for (let i = stack.length - 1; i > 0; i--) {
      const n = stack[i]!.name;
      if (typeof names === 'string' ? n === names : names.has(n)) return i;
      if (barrier.has(n)) return -1;
    }
    return -1;
  };
  const popTo = (index: number): void => {
    while (stack.length > index) {
      const el = stack.pop()!;
      if (ending) el.unclosed = true;
    }
    while (ghosts.length > 0 && ghosts[ghosts.length - 1]!.depth > index) {
      if (ghosts.pop()!.skip) skipDepth--;
    }
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'meta') {
          const eq = (attribs['http-equiv'] ?? '').toLowerCase();
          if (eq === 'refresh') refresh = attribs.content ?? '';
          const nm = (attribs.name ?? '').toLowerCase();
          if (nm === 'generator' || (nm === 'progid' && !generator)) generator = attribs.content ?? generator;
        }
        if (name === 'title') inTitle++;
        if (name === 'script') inScript++;
        if (skipDepth > 0 || SKIP.has(name) || 'hidden' in attribs || /display\s*:\s*none/i.test(attribs.style ?? '')) {
          skipDepth++;
          ghosts.push({ name, skip: true, depth: stack.length });
          return;
        }
        // browser-like implied closes inside tables
        if (CELL.has(name)) {
          const i = nearest(CELL, new Set(['tr', 'table']));
          if (i > 0) popTo(i);
        } else if (name === 'tr') {
          const i = nearest('tr', new Set(['table']));
          if (i > 0) popTo(i);
        } else if (SECTION.has(name)) {
          const i = nearest(new Set(['tr', ...SECTION]), new Set(['table']));
          if (i > 0) popTo(i);
        }
        if (stack.length > LIMITS.maxXmlDepth) {
          flattened++;
          ghosts.push({ name, skip: false, depth: stack.length });
          return;
        }
        if (elements >= LIMITS.maxXmlElements) {
          elementsDropped++;
          ghosts.push({ name, skip: false, depth: stack.length });
          return;
        }
        elements++;
        const el: HElement = { type: 'el', name, attrs: attribs, children: [], parent: top(), unclosed: false };
        top().children.push(el);
        stack.push(el);
      },
      ontext(data) {
        if (inTitle > 0 && title.length < 1000) title += data;
        if (inScript > 0 && scripts.length < MAX_SCRIPT_CHARS) scripts += data.slice(0, MAX_SCRIPT_CHARS - scripts.length);
        if (skipDepth > 0) return;
        if (textChars + data.length > LIMITS.maxPartTextChars) {
          data = data.slice(0, Math.max(0, LIMITS.maxPartTextChars - textChars));
          textDropped = true;
          if (!data) return;
        }
        textChars += data.length;
        const t = top();
        const last = t.children[t.children.length - 1];
        if (last && last.type === 'text') last.text += data;
        else t.children.push({ type: 'text', text: data });
      },
      onclosetag(name) {
        if (name === 'title' && inTitle > 0) inTitle--;
        if (name === 'script' && inScript > 0) inScript--;
        const last = ghosts[ghosts.length - 1];
        if (last && last.name === name) {
          ghosts.pop();
          if (last.skip) skipDepth--;
          return;
        }
        if (skipDepth > 0) {
          // inside skipped content: only a close tag of a skipped element counts
          for (let g = ghosts.length - 1; g >= 0; g--) {
            if (ghosts[g]!.name !== name) continue;
            while (ghosts.length > g) if (ghosts.pop()!.skip) skipDepth--;
            break;
          }
          return;
        }
        const i = nearestNamed(name);
        if (i > 0) popTo(i);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  const nearestNamed = (name: string): number => {
    for (let i = stack.length - 1; i > 0; i--) {
      const n = stack[i]!.name;
      if (n === name) return i;
      // a stray </td> or </tr> never closes an enclosing table's cells
      if ((CELL.has(name) || name === 'tr' || SECTION.has(name)) && n === 'table') return -1;
    }
    return -1;
  };
  parser.write(html);
  ending = true;
  parser.end();
  popTo(1);

  if (flattened) messages.push({ code: 'html.too-deep', message: `${flattened} element(s) nested deeper than ${LIMITS.maxXmlDepth} levels were flattened into their parent (text kept)`, path: null });
  if (elementsDropped) messages.push({ code: 'html.too-large', message: `the page has more than ${LIMITS.maxXmlElements} elements; ${elementsDropped} beyond that were ignored (their text kept)`, path: null });
  if (textDropped) messages.push({ code: 'html.too-large', message: `the page has more than ${LIMITS.maxPartTextChars} characters of text; the rest was ignored`, path: null });
  return { root, title: title.replace(/\s+/g, ' ').trim(), scripts, refresh, generator };
}

/** All text below a node, raw. */
export function textOf(node: HNode, max = Infinity): string {
  let out = '';
  const walk = (n: HNode): void => {
    if (out.length >= max) return;
    if (n.type === 'text') out += n.text;
    else for (const c of n.children) walk(c);
  };
  walk(node);
  return out;
}

/** Elements below `node` (pre-order), iteratively (no recursion limit). */
export function* elements(node: HElement): Generator<HElement> {
  const todo: HNode[] = [...node.children].reverse();
  while (todo.length > 0) {
    const n = todo.pop()!;
    if (n.type !== 'el') continue;
    yield n;
    for (let i = n.children.length - 1; i >= 0; i--) todo.push(n.children[i]!);
  }
}
