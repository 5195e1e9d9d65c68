/**
 * Find the report inside a page by its content: every element gets the set of report markers
 * (section headings, labels of the three tables) printed in it, not counting text in links,
 * navigation, headers, footers and sidebars; the container is the deepest element that holds all
 * the markers the page has. Site chrome (breadcrumb, sidebar of other years' reports, 信息索引
 * table, footer) lies outside it and is never read.
 */
import { isLayoutTable } from './blocks.js';
import { textOf, type HElement, type HNode } from './dom.js';

const SECTION_MARKERS: RegExp[] = [
  /总体情况|总体概况|基本情况/,
  /主动公开政府信息/,
  /收到和处理政府信息公开申请/,
  /行政复议.{0,6}行政诉讼|复议.{0,4}诉讼/,
  /存在的?(?:主要)?问题/,
  /其他需要报告的事项/,
];
const TABLE_MARKERS: RegExp[] = [
  /第二十条/,
  /信息内容/,
  /本年新收/,
  /申请人情况/,
  /予以公开/,
  /结转下年度/,
  /尚未审结/,
  /未经复议直接起诉|复议后起诉/,
  /本年度办理结果/,
  /行政许可/,
  /自然人/,
];
export const MARKER_COUNT = SECTION_MARKERS.length + TABLE_MARKERS.length;
const TABLE_BITS = ((1 << TABLE_MARKERS.length) - 1) << SECTION_MARKERS.length;

/** Elements whose text never counts: links, navigation and other page furniture. */
const CHROME_TAGS = new Set(['a', 'nav', 'header', 'footer', 'aside', 'button', 'select', 'option']);
const CHROME_NAME = /(^|[-_\s])(nav|navbar|menu|sidebar|side|footer|foot|header|top|crumbs?|breadcrumbs?|position|location|share|related|relate|friend|links?|copyright)([-_\s]|\d|$)/i;

export function isChrome(el: HElement): boolean {
  if (CHROME_TAGS.has(el.name)) return true;
  const name = `${el.attrs.id ?? ''} ${el.attrs.class ?? ''}`;
  return name.trim() !== '' && CHROME_NAME.test(name);
}

function markersIn(text: string): number {
  const t = text.replace(/[\s\u00a0\u3000]/g, '');
  let m = 0;
  // a section heading is a short line
  for (const line of text.split(/\n/)) {
    const l = line.replace(/[\s\u00a0\u3000]/g, '');
    if (l.length === 0 || l.length > 40) continue;
    SECTION_MARKERS.forEach((re, i) => {
      if (re.test(l)) m |= 1 << i;
    });
  }
  TABLE_MARKERS.forEach((re, i) => {
    if (re.test(t)) m |= 1 << (SECTION_MARKERS.length + i);
  });
  return m;
}

const popcount = (m: number): number => {
  let n = 0;
  for (let x = m; x; x &= x - 1) n++;
  return n;
};

/** Text of an element with block boundaries as line breaks, chrome excluded, capped. */
function lineText(el: HElement, max: number): string {
  let out = '';
  const walk = (n: HNode): void => {
    if (out.length > max) return;
    if (n.type === 'text') {
      out += n.text.replace(/[\r\n]+/g, '');
      return;
    }
    if (isChrome(n)) return;
    const block = n.name !== 'span' && n.name !== 'font' && n.name !== 'b' && n.name !== 'strong' && n.name !== 'i' && n.name !== 'em' && n.name !== 'u' && !n.name.includes(':');
    if (block) out += '\n';
    for (const c of n.children) walk(c);
    if (block) out += '\n';
  };
  walk(el);
  return out;
}

export interface ContainerResult {
  container: HElement;
  markers: number;
  sectionMarkers: number;
  tableMarkers: number;
}

/** Small elements are read whole; bigger ones combine their children's markers. */
const SMALL = 300;

export function findContainer(root: HElement): ContainerResult {
  // post-order, iteratively: text length and markers of every element
  const len = new Map<HElement, number>();
  const mask = new Map<HElement, number>();
  const order: HElement[] = [];
  const todo: HElement[] = [root];
  while (todo.length) {
    const el = todo.pop()!;
    order.push(el);
    for (const c of el.children) if (c.type === 'el') todo.push(c);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i]!;
    if (el !== root && isChrome(el)) {
      len.set(el, 0);
      mask.set(el, 0);
      continue;
    }
    let l = 0;
    for (const c of el.children) l += c.type === 'text' ? c.text.length : (len.get(c) ?? 0);
    len.set(el, l);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i]!;
    if (el !== root && isChrome(el)) continue;
    let m = 0;
    if ((len.get(el) ?? 0) <= SMALL) m = markersIn(lineText(el, SMALL * 2));
    else {
      for (const c of el.children) m |= c.type === 'text' ? markersIn(c.text) : (mask.get(c) ?? 0);
    }
    mask.set(el, m);
  }
  const best = mask.get(root) ?? 0;
  let container = root;
  let depth = 0;
  // deepest element holding every marker
  const walk: [HElement, number][] = [[root, 0]];
  while (walk.length) {
    const [el, d] = walk.pop()!;
    if (((mask.get(el) ?? 0) & best) !== best) continue;
    if (d > depth) {
      container = el;
      depth = d;
    }
    for (const c of el.children) if (c.type === 'el') walk.push([c, d + 1]);
  }
  // too little to tell the report from the page: read it all
  if (popcount(best) < 3) container = root;
  // never a part of a data table: the whole table (a layout table's cell is fine)
  for (let p: HElement | null = container; p && p !== root; p = p.parent) {
    if (p.name === 'table' && !isLayoutTable(p)) container = p.parent ?? root;
  }
  return {
    container,
    markers: popcount(best),
    sectionMarkers: popcount(best & ~TABLE_BITS),
    tableMarkers: popcount(best & TABLE_BITS),
  };
}

export const TITLE_HINT = /(信息公开|政务公开).*(年度报告|工作报告|年报)|(年度报告|年报)$/;

/** Links, navigation, breadcrumb, sidebars, footers: never the article's title. */
function isNavigation(el: HElement): boolean {
  if (el.name === 'a' || el.name === 'nav' || el.name === 'footer' || el.name === 'aside') return true;
  return /nav|menu|crumb|side|foot|position|location|link|relate|list/i.test(`${el.attrs.id ?? ''} ${el.attrs.class ?? ''}`);
}

/** Text of an element without the text of its links. */
function textOutsideLinks(el: HElement, max: number): string {
  let out = '';
  const walk = (n: HNode): void => {
    if (out.length > max) return;
    if (n.type === 'text') out += n.text;
    else if (n.name !== 'a') for (const c of n.children) walk(c);
  };
  walk(el);
  return out;
}

function inside(el: HElement, pred: (e: HElement) => boolean): boolean {
  for (let p: HElement | null = el; p; p = p.parent) if (pred(p)) return true;
  return false;
}

/**
 * The report's title when the content container does not print it: the nearest element before
 * the container that is only a report title (a heading or a "title" element first), not a link,
 * not in navigation or the breadcrumb; else the page's <title>.
 */
export function titleOutside(root: HElement, container: HElement, pageTitle: string): string | null {
  const ancestors = new Set<HElement>();
  for (let p: HElement | null = container; p; p = p.parent) ancestors.add(p);
  let best: string | null = null;
  let bestStrong = false;
  const todo: HNode[] = [...root.children].reverse();
  while (todo.length) {
    const n = todo.pop()!;
    if (n.type !== 'el') continue;
    if (n === container) break;
    if (!ancestors.has(n)) {
      if (isNavigation(n)) continue;
      const raw = textOutsideLinks(n, 200);
      const t = raw.replace(/[\s\u00a0\u3000]/g, '').replace(/^(标题|名称|题目)[:：]/, '');
      if (t.length > 0 && t.length <= 80 && TITLE_HINT.test(t) && !/[>›»→]/.test(t) && !inside(n, isNavigation)) {
        const strong = /^h[1-6]$/.test(n.name) || /title|biaoti|bt/i.test(`${n.attrs.id ?? ''} ${n.attrs.class ?? ''}`);
        if (strong || !bestStrong) {
          best = t;
          bestStrong = strong;
        }
      }
    }
    for (let i = n.children.length - 1; i >= 0; i--) todo.push(n.children[i]!);
  }
  if (best) return best;
  for (const part of pageTitle.split(/[_|｜]|\s[-–—]\s|--/)) {
    const t = part.replace(/[\s\u00a0\u3000]/g, '');
    if (t.length <= 80 && TITLE_HINT.test(t)) return t;
  }
  return null;
}
