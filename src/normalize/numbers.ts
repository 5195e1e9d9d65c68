/**
 * Cell text → number. A wrong number is worse than null: anything that is not clearly one
 * number becomes null, and the caller records a warning for text it could not read.
 */
import { nfkc, removeSpaces } from './text.js';

export type ParsedCell =
  | { kind: 'number'; value: number; unit: string | null }
  /** Empty cell (nothing but spaces). */
  | { kind: 'blank' }
  /** "/", "—", "无", "-": printed as not applicable / nothing. */
  | { kind: 'none'; marker: string }
  /** Text that is not a number: never guessed. */
  | { kind: 'unreadable'; text: string }
  /**
   * A number, but not one a canonical report can hold exactly: beyond ±Number.MAX_SAFE_INTEGER
   * (JSON readers, the schema's integers), or with more digits than a double keeps. Never rounded.
   */
  | { kind: 'out-of-range'; text: string; reason: 'too-large' | 'too-precise' };

/** The largest magnitude of a canonical number: every integer up to it is exact in a double. */
export const MAX_EXACT = Number.MAX_SAFE_INTEGER;

const NONE_MARKERS = new Set(['/', '\\', '-', '--', '—', '——', '–', '-—', '无', '空', '暂无', 'x', 'X', '×', '*', '不适用', '未涉及']);

/** Units that may be printed inside a value cell. Longest first. */
const UNITS = ['万元', '亿元', '千元', '元', '件', '个', '项', '条', '次', '人次', '家', '宗', '起', '份'];

const NUM = String.raw`[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
const NUMBER_RE = new RegExp(`^(${NUM})(${UNITS.join('|')})?$`);
const WORD_SIGN_RE = new RegExp(`^(增加|增|新增|减少|减|下降)(${NUM})(${UNITS.join('|')})?$`);

export function parseCell(raw: string): ParsedCell {
  const t = removeSpaces(nfkc(raw)).replace(/[，]/g, ',');
  if (t === '') return { kind: 'blank' };
  if (NONE_MARKERS.has(t)) return { kind: 'none', marker: t };
  let m = NUMBER_RE.exec(t);
  if (m) {
    const v = toNumber(m[1]!);
    if (typeof v === 'string') return { kind: 'out-of-range', text: raw, reason: v };
    return { kind: 'number', value: v, unit: m[2] ?? null };
  }
  m = WORD_SIGN_RE.exec(t);
  if (m) {
    const v = toNumber(m[2]!.replace(/^[+-]/, ''));
    if (typeof v === 'string') return { kind: 'out-of-range', text: raw, reason: v };
    const neg = /减|下降/.test(m[1]!);
    return { kind: 'number', value: neg ? -v : v, unit: m[3] ?? null };
  }
  return { kind: 'unreadable', text: raw };
}

/**
 * The value of a decimal as printed ("1,036", "-12.50"), or why it cannot be given exactly: its
 * magnitude passes MAX_EXACT (this also catches hundreds of digits, which Number() turns into
 * Infinity), or its digits are more than a double keeps (0.30000000000000001).
 */
function toNumber(s: string): number | 'too-large' | 'too-precise' {
  const plain = s.replace(/,/g, '');
  const [whole = '', fraction = ''] = plain.replace(/^[+-]/, '').split('.');
  const intDigits = whole.replace(/^0+(?=\d)/, '');
  // 16+ integer digits can only be out of range (MAX_EXACT has 16); decide before Number()
  if (intDigits.length > String(MAX_EXACT).length) return 'too-large';
  const v = Number(plain);
  if (!Number.isFinite(v) || Math.abs(v) > MAX_EXACT) return 'too-large';
  const frac = fraction.replace(/0+$/, '');
  if (frac.length > 0) {
    // exact iff the double, written with as many decimals as printed, gives the printed digits
    if (frac.length > 100 || Math.abs(v).toFixed(frac.length) !== `${intDigits}.${frac}`) return 'too-precise';
  }
  return Object.is(v, -0) ? 0 : v;
}
