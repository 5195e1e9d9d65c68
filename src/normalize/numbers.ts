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
  | { kind: 'unreadable'; text: string };

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
  if (m) return { kind: 'number', value: toNumber(m[1]!), unit: m[2] ?? null };
  m = WORD_SIGN_RE.exec(t);
  if (m) {
    const v = toNumber(m[2]!.replace(/^[+-]/, ''));
    const neg = /减|下降/.test(m[1]!);
    return { kind: 'number', value: neg ? -v : v, unit: m[3] ?? null };
  }
  return { kind: 'unreadable', text: raw };
}

function toNumber(s: string): number {
  const v = Number(s.replace(/,/g, ''));
  return Object.is(v, -0) ? 0 : v;
}
