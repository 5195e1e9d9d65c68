/**
 * Strings that come from files (metadata, parser errors, names) made fit for the output and for
 * one line of a log: lone surrogates and control characters removed, bounded in length. Used by
 * every extractor and by the pipeline's failure records.
 */

/** Lone UTF-16 surrogates (invalid in JSON text for most readers). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A string for the output: lone surrogates and NULs removed, at most `max` characters; null if not a string. */
export function cleanString(v: unknown, max: number): string | null {
  if (typeof v !== 'string') return null;
  return v.slice(0, max).replace(LONE_SURROGATE, '').replace(/\u0000/g, '');
}

/** The `name` of a thrown value, or "" (pdf.js throws plain objects with names too). */
export function errorName(e: unknown): string {
  return e && typeof e === 'object' && 'name' in e && typeof (e as { name: unknown }).name === 'string' ? (e as { name: string }).name : '';
}

/** Longest error detail quoted in a message. */
const MAX_DETAIL = 160;

/**
 * What went wrong, for a message: the error's first line, without stack frames or file paths
 * (of this program or anyone's), bounded in length. Never throws, whatever `e` is.
 */
export function errorDetail(e: unknown): string {
  let text: string;
  try {
    const name = errorName(e);
    const msg = e instanceof Error ? e.message : e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string' ? (e as { message: string }).message : String(e);
    text = name && name !== 'Error' && !msg.startsWith(name) ? `${name}: ${msg}` : msg;
  } catch {
    text = 'unknown error';
  }
  text = (text.split(/\r?\n/)[0] ?? '')
    .replace(/\bfile:\/\/\S+/g, '…')
    .replace(/(?:[A-Za-z]:)?(?:[\\/][\w.@~+-]+){2,}[\\/]?(?::\d+)*/g, '…')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(text);
  if (chars.length > MAX_DETAIL) text = chars.slice(0, MAX_DETAIL).join('') + '…';
  return text || 'unknown error';
}

/** Longest producer kept; metadata strings come from the file and can be anything. */
export const MAX_PRODUCER_CHARS = 200;

/**
 * A metadata string fit for the output: control characters (NUL, escapes) and lone surrogates
 * removed, whitespace collapsed, at most `max` characters; null when nothing is left.
 */
export function cleanMetadata(v: unknown, max = MAX_PRODUCER_CHARS): string | null {
  if (typeof v !== 'string') return null;
  const t = v
    .slice(0, max * 4)
    .replace(LONE_SURROGATE, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (t === '') return null;
  const chars = Array.from(t);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : t;
}

/** Longest error or warning message kept (characters). */
export const MAX_MESSAGE_CHARS = 600;

/**
 * A message for a person reading one line of a log: parser noise (xmldom's `@#[line:…,col:…]`),
 * stack frames, control characters and line breaks removed, at most MAX_MESSAGE_CHARS.
 */
export function cleanMessage(m: string): string {
  let t = m
    .replace(/@#\[line:[^\]]*\]/g, '')
    .replace(/\n\s+at [^\n]*/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(LONE_SURROGATE, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  if (t.length > MAX_MESSAGE_CHARS) t = `${t.slice(0, MAX_MESSAGE_CHARS - 1)}…`;
  return t;
}

