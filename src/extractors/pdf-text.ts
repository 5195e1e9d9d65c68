/**
 * Text geometry for the PDF extractor: glyph runs from pdf.js text items, lines rebuilt from
 * baselines, CJK-aware joining, paragraphs, and page header/footer (page number) recognition.
 * All coordinates are top-left page coordinates in points (y downwards).
 */
import { multiply, SHAPE_SEEDS, type PlacedGlyph } from './pdf-ops.js';
import { mapped } from '../arrays.js';

/** A horizontal run of glyphs on one baseline (one pdf.js text item, or a piece of one). */
export interface Run {
  text: string;
  x0: number;
  x1: number;
  baseline: number;
  size: number;
  /** Glyph box top/bottom (from the font ascent/descent). */
  top: number;
  bottom: number;
  /** OCR only: how sure the recognition is of this text (0–1). */
  confidence?: number;
}

/**
 * A copy of a run with other text and horizontal extent (a piece of it, or its trimmed text).
 * Runs are always made with the same properties in the same order, here or in runsFromItems:
 * a spread copy (`{ ...r, text }`) gets a hidden class of its own at every place it is written,
 * and the hot code that reads runs (lines, cells) then sees many shapes and is deoptimised.
 */
export function runPiece(r: Run, text: string, x0: number, x1: number): Run {
  const out: Run = { text, x0, x1, baseline: r.baseline, size: r.size, top: r.top, bottom: r.bottom };
  if (r.confidence !== undefined) out.confidence = r.confidence;
  return out;
}

/** A copy of a run moved down by dy (same properties in the same order as every run: runPiece). */
export function movedRun(r: Run, dy: number): Run {
  const out: Run = { text: r.text, x0: r.x0, x1: r.x1, baseline: r.baseline + dy, size: r.size, top: r.top + dy, bottom: r.bottom + dy };
  if (r.confidence !== undefined) out.confidence = r.confidence;
  return out;
}

// hidden-class seeds (see SHAPE_SEEDS in pdf-ops.ts): a run, a line, a character position
SHAPE_SEEDS.push(
  runPiece({ text: '', x0: 0.5, x1: 0.5, baseline: 0.5, size: 0.5, top: 0.5, bottom: 0.5 }, '', 0.5, 0.5),
  { runs: [], text: '', x0: 0.5, x1: 0.5, baseline: 0.5, top: 0.5, bottom: 0.5, size: 0.5 } satisfies Line,
  { ch: '', x: 0.5, w: 0.5 },
);

/** Sum of the relative advances (charWeight) of characters, in order. */
function weightSum(chars: string[], from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += charWeight(chars[i] as string);
  return s;
}

export interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

export interface FontStyle {
  ascent?: number;
  descent?: number;
  vertical?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Characters

/** Ideographs, kana, hangul, CJK and full-width punctuation, and the quotes/dashes used in Chinese text. */
export function isCjk(ch: string | undefined): boolean {
  if (!ch) return false;
  const c = ch.codePointAt(0) as number;
  return (
    (c >= 0x2e80 && c <= 0x9fff) || // radicals, CJK symbols & punctuation, kana, ideographs
    (c >= 0xac00 && c <= 0xd7af) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe10 && c <= 0xfe1f) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xffef) ||
    (c >= 0x20000 && c <= 0x3ffff) ||
    (c >= 0x2018 && c <= 0x201f) ||
    c === 0x2026 ||
    c === 0x2014 ||
    c === 0x00b7
  );
}

/** Relative advance of a character: 1 for full-width (CJK) characters, 0.5 otherwise. */
export function charWeight(ch: string): number {
  return isCjk(ch) ? 1 : 0.5;
}

const KANGXI_OR_COMPAT = /[\u2F00-\u2FD5\uF900-\uFAFF]/gu;

/**
 * CJK Radicals Supplement (U+2E80–U+2EFF) → the unified ideograph that looks the same (Unicode's
 * EquivalentUnifiedIdeograph data, BMP targets only). These have no NFKC mapping (but ⺟ and ⻳),
 * yet some PDFs' text layers (a font's ToUnicode map built from its cmap, which maps the radical
 * and the ideograph to one glyph) say ⻰ where the page shows 龙, ⺠ for 民, ⻓ for 长, ⻔ for 门.
 * Left alone: ⺀ ⺇ ⺈ ⺌ ⺍ ⺑ ⺜ ⺧ ⺪ ⺮ ⺵ ⺶ ⺷ ⺸ ⻇ ⻊ ⻕ ⻞ ⻡, whose equivalents are missing or outside
 * the BMP (never in report text).
 */
export const RADICAL_SUPPLEMENT: ReadonlyMap<number, number> = new Map([
  [0x2E81, 0x5382], // ⺁ → 厂  CJK RADICAL CLIFF
  [0x2E82, 0x4E5B], // ⺂ → 乛  CJK RADICAL SECOND ONE
  [0x2E83, 0x4E5A], // ⺃ → 乚  CJK RADICAL SECOND TWO
  [0x2E84, 0x4E59], // ⺄ → 乙  CJK RADICAL SECOND THREE
  [0x2E85, 0x4EBB], // ⺅ → 亻  CJK RADICAL PERSON
  [0x2E86, 0x5182], // ⺆ → 冂  CJK RADICAL BOX
  [0x2E89, 0x5202], // ⺉ → 刂  CJK RADICAL KNIFE TWO
  [0x2E8A, 0x535C], // ⺊ → 卜  CJK RADICAL DIVINATION
  [0x2E8B, 0x353E], // ⺋ → 㔾  CJK RADICAL SEAL
  [0x2E8E, 0x5140], // ⺎ → 兀  CJK RADICAL LAME ONE
  [0x2E8F, 0x5C23], // ⺏ → 尣  CJK RADICAL LAME TWO
  [0x2E90, 0x5C22], // ⺐ → 尢  CJK RADICAL LAME THREE
  [0x2E92, 0x5DF3], // ⺒ → 巳  CJK RADICAL SNAKE
  [0x2E93, 0x5E7A], // ⺓ → 幺  CJK RADICAL THREAD
  [0x2E94, 0x5F51], // ⺔ → 彑  CJK RADICAL SNOUT ONE
  [0x2E95, 0x5F50], // ⺕ → 彐  CJK RADICAL SNOUT TWO
  [0x2E96, 0x5FC4], // ⺖ → 忄  CJK RADICAL HEART ONE
  [0x2E97, 0x38FA], // ⺗ → 㣺  CJK RADICAL HEART TWO
  [0x2E98, 0x624C], // ⺘ → 扌  CJK RADICAL HAND
  [0x2E99, 0x6535], // ⺙ → 攵  CJK RADICAL RAP
  [0x2E9B, 0x65E1], // ⺛ → 旡  CJK RADICAL CHOKE
  [0x2E9D, 0x6708], // ⺝ → 月  CJK RADICAL MOON
  [0x2E9E, 0x6B7A], // ⺞ → 歺  CJK RADICAL DEATH
  [0x2E9F, 0x6BCD], // ⺟ → 母  CJK RADICAL MOTHER
  [0x2EA0, 0x6C11], // ⺠ → 民  CJK RADICAL CIVILIAN
  [0x2EA1, 0x6C35], // ⺡ → 氵  CJK RADICAL WATER ONE
  [0x2EA2, 0x6C3A], // ⺢ → 氺  CJK RADICAL WATER TWO
  [0x2EA3, 0x706C], // ⺣ → 灬  CJK RADICAL FIRE
  [0x2EA4, 0x722B], // ⺤ → 爫  CJK RADICAL PAW ONE
  [0x2EA5, 0x722B], // ⺥ → 爫  CJK RADICAL PAW TWO
  [0x2EA6, 0x4E2C], // ⺦ → 丬  CJK RADICAL SIMPLIFIED HALF TREE TRUNK
  [0x2EA8, 0x72AD], // ⺨ → 犭  CJK RADICAL DOG
  [0x2EA9, 0x738B], // ⺩ → 王  CJK RADICAL JADE
  [0x2EAB, 0x7F52], // ⺫ → 罒  CJK RADICAL EYE
  [0x2EAC, 0x793A], // ⺬ → 示  CJK RADICAL SPIRIT ONE
  [0x2EAD, 0x793B], // ⺭ → 礻  CJK RADICAL SPIRIT TWO
  [0x2EAF, 0x7CF9], // ⺯ → 糹  CJK RADICAL SILK
  [0x2EB0, 0x7E9F], // ⺰ → 纟  CJK RADICAL C-SIMPLIFIED SILK
  [0x2EB1, 0x7F53], // ⺱ → 罓  CJK RADICAL NET ONE
  [0x2EB2, 0x7F52], // ⺲ → 罒  CJK RADICAL NET TWO
  [0x2EB3, 0x34C1], // ⺳ → 㓁  CJK RADICAL NET THREE
  [0x2EB4, 0x34C1], // ⺴ → 㓁  CJK RADICAL NET FOUR
  [0x2EB9, 0x8002], // ⺹ → 耂  CJK RADICAL OLD
  [0x2EBA, 0x8080], // ⺺ → 肀  CJK RADICAL BRUSH ONE
  [0x2EBB, 0x807F], // ⺻ → 聿  CJK RADICAL BRUSH TWO
  [0x2EBC, 0x6708], // ⺼ → 月  CJK RADICAL MEAT
  [0x2EBD, 0x81FC], // ⺽ → 臼  CJK RADICAL MORTAR
  [0x2EBE, 0x8279], // ⺾ → 艹  CJK RADICAL GRASS ONE
  [0x2EBF, 0x8279], // ⺿ → 艹  CJK RADICAL GRASS TWO
  [0x2EC0, 0x8279], // ⻀ → 艹  CJK RADICAL GRASS THREE
  [0x2EC1, 0x864E], // ⻁ → 虎  CJK RADICAL TIGER
  [0x2EC2, 0x8864], // ⻂ → 衤  CJK RADICAL CLOTHES
  [0x2EC3, 0x8980], // ⻃ → 覀  CJK RADICAL WEST ONE
  [0x2EC4, 0x897F], // ⻄ → 西  CJK RADICAL WEST TWO
  [0x2EC5, 0x89C1], // ⻅ → 见  CJK RADICAL C-SIMPLIFIED SEE
  [0x2EC6, 0x89D2], // ⻆ → 角  CJK RADICAL SIMPLIFIED HORN
  [0x2EC8, 0x8BA0], // ⻈ → 讠  CJK RADICAL C-SIMPLIFIED SPEECH
  [0x2EC9, 0x8D1D], // ⻉ → 贝  CJK RADICAL C-SIMPLIFIED SHELL
  [0x2ECB, 0x8F66], // ⻋ → 车  CJK RADICAL C-SIMPLIFIED CART
  [0x2ECC, 0x8FB6], // ⻌ → 辶  CJK RADICAL SIMPLIFIED WALK
  [0x2ECD, 0x8FB6], // ⻍ → 辶  CJK RADICAL WALK ONE
  [0x2ECE, 0x8FB6], // ⻎ → 辶  CJK RADICAL WALK TWO
  [0x2ECF, 0x961D], // ⻏ → 阝  CJK RADICAL CITY
  [0x2ED0, 0x9485], // ⻐ → 钅  CJK RADICAL C-SIMPLIFIED GOLD
  [0x2ED1, 0x9577], // ⻑ → 長  CJK RADICAL LONG ONE
  [0x2ED2, 0x9578], // ⻒ → 镸  CJK RADICAL LONG TWO
  [0x2ED3, 0x957F], // ⻓ → 长  CJK RADICAL C-SIMPLIFIED LONG
  [0x2ED4, 0x95E8], // ⻔ → 门  CJK RADICAL C-SIMPLIFIED GATE
  [0x2ED6, 0x961D], // ⻖ → 阝  CJK RADICAL MOUND TWO
  [0x2ED7, 0x96E8], // ⻗ → 雨  CJK RADICAL RAIN
  [0x2ED8, 0x9752], // ⻘ → 青  CJK RADICAL BLUE
  [0x2ED9, 0x97E6], // ⻙ → 韦  CJK RADICAL C-SIMPLIFIED TANNED LEATHER
  [0x2EDA, 0x9875], // ⻚ → 页  CJK RADICAL C-SIMPLIFIED LEAF
  [0x2EDB, 0x98CE], // ⻛ → 风  CJK RADICAL C-SIMPLIFIED WIND
  [0x2EDC, 0x98DE], // ⻜ → 飞  CJK RADICAL C-SIMPLIFIED FLY
  [0x2EDD, 0x98DF], // ⻝ → 食  CJK RADICAL EAT ONE
  [0x2EDF, 0x98E0], // ⻟ → 飠  CJK RADICAL EAT THREE
  [0x2EE0, 0x9963], // ⻠ → 饣  CJK RADICAL C-SIMPLIFIED EAT
  [0x2EE2, 0x9A6C], // ⻢ → 马  CJK RADICAL C-SIMPLIFIED HORSE
  [0x2EE3, 0x9AA8], // ⻣ → 骨  CJK RADICAL BONE
  [0x2EE4, 0x9B3C], // ⻤ → 鬼  CJK RADICAL GHOST
  [0x2EE5, 0x9C7C], // ⻥ → 鱼  CJK RADICAL C-SIMPLIFIED FISH
  [0x2EE6, 0x9E1F], // ⻦ → 鸟  CJK RADICAL C-SIMPLIFIED BIRD
  [0x2EE7, 0x5364], // ⻧ → 卤  CJK RADICAL C-SIMPLIFIED SALT
  [0x2EE8, 0x9EA6], // ⻨ → 麦  CJK RADICAL SIMPLIFIED WHEAT
  [0x2EE9, 0x9EC4], // ⻩ → 黄  CJK RADICAL SIMPLIFIED YELLOW
  [0x2EEA, 0x9EFE], // ⻪ → 黾  CJK RADICAL C-SIMPLIFIED FROG
  [0x2EEB, 0x6589], // ⻫ → 斉  CJK RADICAL J-SIMPLIFIED EVEN
  [0x2EEC, 0x9F50], // ⻬ → 齐  CJK RADICAL C-SIMPLIFIED EVEN
  [0x2EED, 0x6B6F], // ⻭ → 歯  CJK RADICAL J-SIMPLIFIED TOOTH
  [0x2EEE, 0x9F7F], // ⻮ → 齿  CJK RADICAL C-SIMPLIFIED TOOTH
  [0x2EEF, 0x7ADC], // ⻯ → 竜  CJK RADICAL J-SIMPLIFIED DRAGON
  [0x2EF0, 0x9F99], // ⻰ → 龙  CJK RADICAL C-SIMPLIFIED DRAGON
  [0x2EF1, 0x9F9C], // ⻱ → 龜  CJK RADICAL TURTLE
  [0x2EF2, 0x4E80], // ⻲ → 亀  CJK RADICAL J-SIMPLIFIED TURTLE
  [0x2EF3, 0x9F9F], // ⻳ → 龟  CJK RADICAL C-SIMPLIFIED TURTLE
]);
const RADICALS = /[\u2E80-\u2EFF]/gu;

/** Radicals (both blocks) and compatibility ideographs in a string → unified ideographs. */
export function unifyIdeographs(s: string): string {
  return s
    .replace(KANGXI_OR_COMPAT, (c) => c.normalize('NFKC'))
    .replace(RADICALS, (c) => {
      const to = RADICAL_SUPPLEMENT.get(c.codePointAt(0) as number);
      return to === undefined ? c : String.fromCodePoint(to);
    });
}
const VERTICAL_FORMS = /[\uFE10-\uFE19\uFE30-\uFE4F]/gu;

/**
 * Clean one item's string: Kangxi radicals, CJK Radicals Supplement characters and CJK
 * compatibility ideographs → unified ideographs (unifyIdeographs), whitespace next to a CJK character removed (justified CJK
 * text gets spurious spaces: "号 ， 邮 编 ："), other whitespace runs collapsed, ends trimmed.
 */
export function cleanText(s: string, vertical = false): string {
  let t = unifyIdeographs(s);
  if (vertical) t = t.replace(VERTICAL_FORMS, (c) => c.normalize('NFKC'));
  t = t.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u00ad\ufeff\u200b]/g, '');
  const chars = Array.from(t);
  let out = '';
  for (let i = 0; i < chars.length; ) {
    const ch = chars[i] as string;
    if (/\s/u.test(ch)) {
      let j = i;
      while (j < chars.length && /\s/u.test(chars[j] as string)) j++;
      const prev = out.length > 0 ? Array.from(out).pop() : undefined;
      const next = chars[j];
      if (prev !== undefined && next !== undefined && !isCjk(prev) && !isCjk(next)) out += ' ';
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** Join two pieces of text that continue each other (wrapped lines): no separator around CJK. */
export function joinWrapped(a: string, b: string, sep = ' '): string {
  if (a === '') return b;
  if (b === '') return a;
  const last = Array.from(a).pop();
  const first = Array.from(b)[0];
  if (isCjk(last) || isCjk(first)) return a + b;
  return a + sep + b;
}

// ---------------------------------------------------------------------------------------------
// Runs from text items

export interface PageText {
  runs: Run[];
  /** Rotated or vertical text as single glyphs. */
  glyphs: PlacedGlyph[];
}

/**
 * Turn pdf.js text items into horizontal runs (page coordinates) and single glyphs for rotated
 * text. Items of vertical-writing fonts are skipped when `skipVerticalFonts` (they are rebuilt from
 * the operator list), otherwise spread along their height.
 */
export function runsFromItems(
  items: TextItemLike[],
  styles: Record<string, FontStyle>,
  viewport: readonly number[],
  skipVerticalFonts: boolean,
): PageText {
  const runs: Run[] = [];
  const glyphs: PlacedGlyph[] = [];
  for (const it of items) {
    if (typeof it.str !== 'string' || it.str.trim() === '') continue;
    const style = styles[it.fontName] ?? {};
    const m = multiply(viewport, it.transform);
    const [a, b, c, d, e, f] = m;
    const ascent = typeof style.ascent === 'number' && style.ascent > 0 ? Math.min(style.ascent, 1.2) : 0.85;
    const descent = typeof style.descent === 'number' && style.descent < 0 ? Math.max(style.descent, -0.5) : -0.15;
    if (style.vertical) {
      if (skipVerticalFonts) continue;
      // Fallback: spread the characters along the item's height, top to bottom.
      const chars = Array.from(cleanText(it.str, true)).filter((ch) => ch.trim() !== '');
      const size = Math.hypot(c, d) || it.height;
      const len = it.height > 0 ? it.height : size * chars.length;
      chars.forEach((ch, i) => glyphs.push({ ch, cx: e, cy: f + ((i + 0.5) * len) / chars.length, size, dir: 'down' }));
      continue;
    }
    const hx = Math.hypot(a, b);
    const size = Math.hypot(c, d) || it.height || hx;
    if (hx === 0 || size === 0) continue;
    const ux = a / hx;
    const uy = b / hx;
    if (Math.abs(uy) < 0.02 && ux > 0) {
      const text = cleanText(it.str);
      if (text === '') continue;
      // Leading/trailing spaces of the item take part of its width.
      const chars = Array.from(it.str);
      const lead = chars.findIndex((ch) => ch.trim() !== '');
      const trail = chars.length - 1 - [...chars].reverse().findIndex((ch) => ch.trim() !== '');
      let x0 = e;
      let x1 = e + it.width;
      if (lead > 0 || trail < chars.length - 1) {
        // (sums by loops: an array of weights holds small integers or doubles by the text, and
        // code over it was deoptimised at every change)
        const total = weightSum(chars, 0, chars.length) || 1;
        const before = weightSum(chars, 0, lead);
        const after = weightSum(chars, trail + 1, chars.length);
        x0 = e + (it.width * before) / total;
        x1 = e + it.width - (it.width * after) / total;
      }
      runs.push({ text, x0, x1, baseline: f, size, top: f - ascent * size, bottom: f - descent * size });
      continue;
    }
    // Rotated text: place every character on its own.
    const chars = Array.from(cleanText(it.str, true));
    const total = weightSum(chars, 0, chars.length) || 1;
    // unit "up" vector of the glyphs in page space
    const upx = c / size;
    const upy = d / size;
    const mid = ((ascent + descent) / 2) * size;
    let acc = 0;
    for (const ch of chars) {
      const w = (charWeight(ch) / total) * it.width;
      if (ch.trim() !== '') {
        const along = acc + w / 2;
        glyphs.push({
          ch,
          cx: e + ux * along + upx * mid,
          cy: f + uy * along + upy * mid,
          size,
          dir: uy > 0 ? 'down' : 'up',
        });
      }
      acc += w;
    }
  }
  return { runs, glyphs };
}

/** Per-character centre x positions of a run (full-width characters count double). */
export function charCentres(run: Run): { ch: string; x: number; w: number }[] {
  const chars = Array.from(run.text);
  const total = weightSum(chars, 0, chars.length) || 1;
  const width = run.x1 - run.x0;
  const out: { ch: string; x: number; w: number }[] = [];
  let acc = 0;
  for (const ch of chars) {
    const w = (charWeight(ch) / total) * width;
    out.push({ ch, x: run.x0 + acc + w / 2, w });
    acc += w;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Lines

export interface Line {
  runs: Run[];
  text: string;
  x0: number;
  x1: number;
  baseline: number;
  top: number;
  bottom: number;
  /** Dominant font size (by characters). */
  size: number;
}

/** Runs of one line being gathered: its first run's baseline and size. */
interface LineGroup {
  runs: Run[];
  base: number;
  size: number;
}

/** Group runs into lines by baseline (tolerance 0.3 × font size), each ordered left to right. */
export function buildLines(runs: Run[]): Line[] {
  const sorted = [...runs].sort((p, q) => p.baseline - q.baseline || p.x0 - q.x0);
  // (one object per group rather than parallel arrays of baselines and sizes: a number array
  // changes its element kind when the first non-integer arrives, which deoptimised this loop)
  const groups: LineGroup[] = [];
  for (const r of sorted) {
    let best = -1;
    let bestDist = Infinity;
    for (let g = groups.length - 1; g >= 0 && g >= groups.length - 4; g--) {
      const group = groups[g] as LineGroup;
      const dist = Math.abs(group.base - r.baseline);
      const tol = 0.3 * Math.min(group.size, r.size);
      if (dist <= tol && dist < bestDist) {
        best = g;
        bestDist = dist;
      }
    }
    if (best >= 0) {
      (groups[best] as LineGroup).runs.push(r);
    } else {
      groups.push({ runs: [r], base: r.baseline, size: r.size });
    }
  }
  const lines: Line[] = [];
  for (const g of groups) lines.push(makeLine(g.runs));
  return lines.sort(byTopThenLeft);
}

const byTopThenLeft = (p: Line, q: Line): number => p.top - q.top || p.x0 - q.x0;

function makeLine(rs: Run[]): Line {
  const runs = dedupe([...rs].sort((p, q) => p.x0 - q.x0));
  let text = '';
  let prev: Run | null = null;
  for (const r of runs) {
    if (prev) {
      const gap = r.x0 - prev.x1;
      const last = Array.from(text).pop();
      const first = Array.from(r.text)[0];
      if (!isCjk(last) && !isCjk(first) && gap >= 0.25 * Math.min(prev.size, r.size)) text += ' ';
    }
    text += r.text;
    prev = r;
  }
  const sizeWeights = new Map<number, number>();
  for (const r of runs) {
    const k = Math.round(r.size * 10) / 10;
    sizeWeights.set(k, (sizeWeights.get(k) ?? 0) + r.text.length);
  }
  // the size with the most characters, the first of equals (as a stable sort by weight would give)
  let size = runs[0]?.size as number;
  let most = -Infinity;
  for (const [k, w] of sizeWeights) {
    if (w > most) {
      size = k;
      most = w;
    }
  }
  // (extents and weighted sums by one loop, in the runs' order: the same numbers as
  // Math.min(...runs.map(...)) and reduce, without the temporary arrays whose element kinds
  // (small integers or doubles) deoptimised this function)
  let chars = 0;
  let weighted = 0;
  let x0 = Infinity;
  let x1 = -Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  for (const r of runs) {
    chars += r.text.length;
    weighted += r.baseline * r.text.length;
    x0 = Math.min(x0, r.x0);
    x1 = Math.max(x1, r.x1);
    top = Math.min(top, r.top);
    bottom = Math.max(bottom, r.bottom);
  }
  return { runs, text, x0, x1, baseline: weighted / (chars || 1), top, bottom, size };
}

/** Drop runs that repeat the previous run at (almost) the same place (fake-bold double drawing). */
function dedupe(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    let dup = false;
    for (const o of out) {
      if (o.text === r.text && Math.abs(o.x0 - r.x0) < 0.3 * r.size && Math.abs(o.baseline - r.baseline) < 0.3 * r.size) {
        dup = true;
        break;
      }
    }
    if (!dup) out.push(r);
  }
  return out;
}

/**
 * Text of glyphs written vertically (or rotated): columns of glyphs, each read along its
 * direction; columns right-to-left for top-to-bottom writing, left-to-right for bottom-to-top.
 */
export function verticalText(glyphs: PlacedGlyph[]): string {
  if (glyphs.length === 0) return '';
  const down = glyphs.filter((g) => g.dir === 'down');
  const up = glyphs.filter((g) => g.dir === 'up');
  const part = (gs: PlacedGlyph[], dir: 'down' | 'up'): string => {
    if (gs.length === 0) return '';
    const sorted = [...gs].sort((p, q) => (dir === 'down' ? q.cx - p.cx : p.cx - q.cx));
    const cols: PlacedGlyph[][] = [];
    for (const g of sorted) {
      const col = cols.find((c) => Math.abs((c[0] as PlacedGlyph).cx - g.cx) <= 0.5 * Math.min((c[0] as PlacedGlyph).size, g.size));
      if (col) col.push(g);
      else cols.push([g]);
    }
    return mapped(cols, (c) => mapped(c.sort((p, q) => (dir === 'down' ? p.cy - q.cy : q.cy - p.cy)), (g) => g.ch).join(''))
      .reduce((acc, s) => joinWrapped(acc, s, '\n'), '');
  };
  return joinWrapped(part(down, 'down'), part(up, 'up'), '\n');
}

/**
 * Upright glyphs stacked in columns (how LibreOffice exports top-to-bottom cell text): every run
 * is one CJK character, the characters of a column follow each other at ≤ 1.15 em, and there are
 * at least two columns. Returns the text read column by column, right to left, else null.
 */
export function stackedColumnsText(runs: Run[]): string | null {
  if (runs.length < 3) return null;
  if (!runs.every((r) => Array.from(r.text).length === 1 && isCjk(r.text))) return null;
  const em = Math.max(...mapped(runs, (r) => r.size));
  const cols: Run[][] = [];
  for (const r of [...runs].sort((p, q) => (q.x0 + q.x1) / 2 - (p.x0 + p.x1) / 2)) {
    const cx = (r.x0 + r.x1) / 2;
    const col = cols.find((c) => Math.abs(((c[0] as Run).x0 + (c[0] as Run).x1) / 2 - cx) <= 0.3 * em);
    if (col) col.push(r);
    else cols.push([r]);
  }
  if (cols.length < 2) return null;
  // one line of characters set apart (letter-spaced text) is not a stack of columns
  if (cols.every((c) => c.length === 1)) return null;
  for (let i = 1; i < cols.length; i++) {
    const a = cols[i - 1] as Run[];
    const b = cols[i] as Run[];
    if (((a[0] as Run).x0 + (a[0] as Run).x1) / 2 - ((b[0] as Run).x0 + (b[0] as Run).x1) / 2 < 1.1 * em) return null;
  }
  for (const c of cols) {
    c.sort((p, q) => p.baseline - q.baseline);
    for (let i = 1; i < c.length; i++) {
      const pitch = (c[i] as Run).baseline - (c[i - 1] as Run).baseline;
      if (pitch <= 0.5 * em || pitch > 1.15 * em) return null;
    }
  }
  return mapped(cols, (c) => mapped(c, (r) => r.text).join('')).join('');
}

// ---------------------------------------------------------------------------------------------
// Page numbers and running headers/footers

/**
 * 'strong': unmistakably a page number ("- 2 -", "—2—", "第2页", "第 2 页 共 5 页", "2/5", "Page 2");
 * 'weak': a bare number ("2"), which could also be a table value; null: not a page number.
 */
export function pageNumberKind(text: string): 'strong' | 'weak' | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  if (t === '') return null;
  if (/^\d{1,3}$/.test(t)) return 'weak';
  if (/^[-—–―‒−~_·•.]+\d{1,4}[-—–―‒−~_·•.]*$/.test(t) || /^[-—–―‒−~_·•.]*\d{1,4}[-—–―‒−~_·•.]+$/.test(t)) return 'strong';
  if (/^第\d{1,4}页([,，/]?共\d{1,4}页)?$/.test(t) || /^共\d{1,4}页[,，/]?第\d{1,4}页$/.test(t)) return 'strong';
  if (/^\d{1,4}\/\d{1,4}$/.test(t)) return 'strong';
  if (/^page\d{1,4}(of\d{1,4})?$/i.test(t)) return 'strong';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

export interface FlowParagraph {
  text: string;
  top: number;
  bottom: number;
  /** Lines it was built from (first and last are used to join across pages). */
  first: Line;
  last: Line;
  lineGap: number | null;
}

export interface ColumnMetrics {
  left: number;
  right: number;
}

/**
 * The text column: left = the most used left edge among the leftmost ones (indented first lines
 * sit further right), right = the right edge reached by long lines (95th percentile), or by the
 * longest line when no line is long.
 */
export function columnMetrics(lines: Line[], pageWidth: number): ColumnMetrics {
  if (lines.length === 0) return { left: 0, right: pageWidth };
  const long = lines.filter((l) => l.x1 - l.x0 > 0.4 * pageWidth);
  const base = long.length > 0 ? long : lines;
  const minLeft = Math.min(...mapped(base, (l) => l.x0));
  const counts = new Map<number, number>();
  for (const l of lines) {
    if (l.x0 > minLeft + 3) continue;
    const k = Math.round(l.x0);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const left = [...counts.entries()].sort((p, q) => q[1] - p[1] || p[0] - q[0])[0]?.[0] ?? minLeft;
  const rights = mapped(base, (l) => l.x1).sort((p, q) => p - q);
  const right = long.length > 0 ? (rights[Math.round(0.95 * (rights.length - 1))] as number) : (rights[rights.length - 1] as number);
  return { left, right };
}

/** Can line b continue the paragraph whose last line is a? */
export function continues(a: Line, b: Line, col: ColumnMetrics, prevGap: number | null): boolean {
  const em = Math.max(a.size, b.size);
  if (Math.abs(a.size - b.size) > 0.15 * em) return false;
  const gap = b.baseline - a.baseline;
  if (gap <= 0.5 * em || gap > 2.2 * em) return false;
  if (prevGap !== null && Math.abs(gap - prevGap) > 0.25 * em) return false;
  if (a.x1 < col.right - 2.5 * em) return false; // a is clearly shorter than the column (kinsoku can cost ~2 characters)
  // a sentence ended, then a numbered heading ("二、", "（三）"): a new paragraph, whatever the
  // column's measured edges (a short document may have no line starting at the margin)
  if (/[。；;！!？?]$/u.test(a.text) && /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])/u.test(b.text)) return false;
  if (b.x0 > col.left + 0.6 * em) return false; // b is indented
  if (a.x0 < col.left - 1.5 * em) return false;
  return true;
}

/** Paragraphs from consecutive lines of one page region (lines sorted top to bottom). */
export function buildParagraphs(lines: Line[], col: ColumnMetrics): FlowParagraph[] {
  const out: FlowParagraph[] = [];
  let cur: FlowParagraph | null = null;
  for (const line of lines) {
    if (cur && continues(cur.last, line, col, cur.lineGap)) {
      cur.lineGap = line.baseline - cur.last.baseline;
      cur.text = joinWrapped(cur.text, line.text);
      cur.last = line;
      cur.bottom = line.bottom;
    } else {
      cur = { text: line.text, top: line.top, bottom: line.bottom, first: line, last: line, lineGap: null };
      out.push(cur);
    }
  }
  return out;
}
