/**
 * Text helpers shared by the normalizer: Unicode normalisation, whitespace, label keys and
 * enumerators (一、 / 1、 / （一） / (1) / 1. …).
 */

const WS = /[\s\u3000\u00a0\u200b\u200c\u200d\ufeff]+/g;

/** NFKC (full-width ASCII → ASCII, Kangxi radicals → unified ideographs), without touching spacing. */
export function nfkc(s: string): string {
  return s.normalize('NFKC');
}

/** Trim including U+3000 ideographic spaces and zero-width characters. */
export function trimAll(s: string): string {
  return s.replace(/^[\s\u3000\u00a0\u200b\u200c\u200d\ufeff]+|[\s\u3000\u00a0\u200b\u200c\u200d\ufeff]+$/g, '');
}

/** Remove every kind of whitespace (CJK text has no meaningful spaces inside words). */
export function removeSpaces(s: string): string {
  return s.replace(WS, '');
}

/**
 * Collapse text for display: NFKC is NOT applied (titles keep their full-width punctuation),
 * line breaks and runs of whitespace between CJK characters are removed, other runs become one space.
 */
export function cleanInline(s: string): string {
  const t = trimAll(s).replace(WS, ' ');
  // drop spaces that touch a CJK character or CJK punctuation on either side
  return t.replace(/ (?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])|(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]) /g, '');
}

const PUNCT = /[()（）[\]【】〔〕{}<>《》〈〉「」『』"'“”‘’`、，,。.．:：;；!！?？·•…\-—–_~～/\\|]+/g;

/**
 * A comparison key for labels: NFKC, no whitespace, no punctuation, no enumerators' brackets.
 * "（三）不予公开 1.属于国家秘密" → "三不予公开1属于国家秘密".
 */
export function labelKey(s: string): string {
  return removeSpaces(nfkc(s)).replace(PUNCT, '');
}

const CN_NUM = '一二三四五六七八九十';

export type EnumeratorLevel = 'section' | 'sub' | 'item' | 'none';

export interface Enumerated {
  /** The numbering as printed ("一、", "1、", "（1）", …) or "" when there is none. */
  enumerator: string;
  level: EnumeratorLevel;
  /** 1-based number of the enumerator, or null. */
  number: number | null;
  /** The text after the enumerator, trimmed. */
  rest: string;
}

function cnToInt(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? CN_NUM.indexOf(m[1]) + 1 : 1) * 10 + (m[2] ? CN_NUM.indexOf(m[2]) + 1 : 0);
  if (s.length === 1 && CN_NUM.includes(s)) return CN_NUM.indexOf(s) + 1;
  return null;
}

/**
 * Split a leading enumerator off a heading or label.
 * section level: 一、 一. 1、 1. 第一部分 ; sub level: （一） (一) （1） (1) ① ; otherwise none.
 * Digits followed by 年/月/%/. digit are not enumerators ("2022年", "1.5").
 */
export function splitEnumerator(raw: string): Enumerated {
  const s = trimAll(nfkc(raw));
  let m = /^[(]\s*([一二三四五六七八九十]+|\d{1,2})\s*[)]\s*/.exec(s);
  if (m) return { enumerator: m[0].trim(), level: 'sub', number: cnToInt(m[1]!), rest: trimAll(s.slice(m[0].length)) };
  m = /^([①-⑳])\s*/.exec(s);
  if (m) return { enumerator: m[1]!, level: 'sub', number: m[1]!.charCodeAt(0) - 0x2460 + 1, rest: trimAll(s.slice(m[0].length)) };
  m = /^第([一二三四五六七八九十]+)(?:部分|章|节)?\s*[、.,:]?\s*/.exec(s);
  if (m && /^第[一二三四五六七八九十]+(?:部分|章|节|\s*[、.])/.test(s)) {
    return { enumerator: m[0].trim(), level: 'section', number: cnToInt(m[1]!), rest: trimAll(s.slice(m[0].length)) };
  }
  m = /^([一二三四五六七八九十]+)\s*[、.,]\s*/.exec(s);
  if (m) return { enumerator: m[0].trim(), level: 'section', number: cnToInt(m[1]!), rest: trimAll(s.slice(m[0].length)) };
  m = /^(\d{1,2})\s*(?:[、,]|\.(?!\d))\s*/.exec(s);
  if (m) return { enumerator: m[0].trim(), level: 'section', number: Number(m[1]), rest: trimAll(s.slice(m[0].length)) };
  return { enumerator: '', level: 'none', number: null, rest: s };
}

/** Remove every leading enumerator, repeatedly ("（三）1.属于…" → "属于…"). */
export function stripEnumerators(raw: string): string {
  let s = trimAll(nfkc(raw));
  for (let i = 0; i < 3; i++) {
    const e = splitEnumerator(s);
    if (e.level === 'none') break;
    s = e.rest;
  }
  return s;
}
