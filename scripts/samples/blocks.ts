/** Small constructors for sample blocks and printed value cells. */
import type { SampleParagraph, SampleRun, Val } from './types.js';

type ParaOpts = Partial<Omit<SampleParagraph, 'kind' | 'text' | 'runs'>>;

function para(text: string, opts: ParaOpts = {}, runs?: SampleRun[]): SampleParagraph {
  const p: SampleParagraph = { kind: 'paragraph', text, headingLevel: opts.headingLevel ?? null };
  if (runs) {
    const joined = runs.map((r) => r.text).join('');
    if (joined !== text) throw new Error(`runs do not add up to the text: ${text}`);
    p.runs = runs;
  }
  if (opts.titleStyle) p.titleStyle = true;
  if (opts.bold) p.bold = true;
  if (opts.align) p.align = opts.align;
  if (opts.indent) p.indent = true;
  if (opts.font) p.font = opts.font;
  if (opts.sizePt) p.sizePt = opts.sizePt;
  if (opts.pageBreakBefore) p.pageBreakBefore = true;
  return p;
}

/** Report title line: centred, large, 方正小标宋简体 (or `font`). */
export function title(text: string, opts: ParaOpts = {}): SampleParagraph {
  return para(text, { align: 'center', font: '方正小标宋简体', sizePt: 22, ...opts });
}

/** A paragraph in Word heading style `level` (Heading 1–4). */
export function heading(level: number, text: string, opts: ParaOpts = {}): SampleParagraph {
  return para(text, { headingLevel: level, ...opts });
}

/** A heading-looking plain paragraph (no Word heading style): 黑体 by default. */
export function plainHeading(text: string, opts: ParaOpts = {}): SampleParagraph {
  return para(text, { font: '黑体', sizePt: 16, indent: true, ...opts });
}

/** A bold plain paragraph (no Word heading style), e.g. a sub-heading. */
export function boldPara(text: string, opts: ParaOpts = {}): SampleParagraph {
  return para(text, { bold: true, indent: true, ...opts });
}

/** Body paragraph (仿宋_GB2312, first-line indent). */
export function p(text: string, opts: ParaOpts = {}): SampleParagraph {
  return para(text, { indent: true, ...opts });
}

/** Body paragraph that starts with a bold lead-in (e.g. "（一）强化领导。" + rest). */
export function lead(boldText: string, rest: string, opts: ParaOpts = {}): SampleParagraph {
  return para(boldText + rest, { indent: true, ...opts }, [{ text: boldText, bold: true }, { text: rest }]);
}

/** Paragraph with mixed bold/plain runs given as [text, bold] pairs. */
export function runs(parts: Array<[string, boolean]>, opts: ParaOpts = {}): SampleParagraph {
  const rs = parts.map(([text, bold]) => (bold ? { text, bold } : { text }));
  return para(rs.map((r) => r.text).join(''), { indent: true, ...opts }, rs);
}

/** Right-aligned line (signature block, date). */
export function right(text: string, opts: ParaOpts = {}): SampleParagraph {
  return para(text, { align: 'right', ...opts });
}

/** Unindented left-aligned line. */
export function line(text: string, opts: ParaOpts = {}): SampleParagraph {
  return para(text, { align: 'left', ...opts });
}

/** An empty paragraph. */
export function empty(): SampleParagraph {
  return para('');
}

// ---------------------------------------------------------------------------------------------
// Printed value cells

/** A number printed plainly ("5"). */
export function n(value: number): Val {
  return { text: String(value), value };
}

/** A cell printed as `text` whose correct reading is `value` (and optional unit). */
export function t(text: string, value: number | null, unit?: string | null): Val {
  const v: Val = { text, value };
  if (unit !== undefined) v.unit = unit;
  return v;
}

/** Blank cell → null. */
export const BLANK: Val = { text: '', value: null };
/** "/" → null. */
export const SLASH: Val = { text: '/', value: null };
/** "—" → null. */
export const DASH: Val = { text: '—', value: null };
/** "无" → null. */
export const NONE: Val = { text: '无', value: null };

/** `k` cells printed "0". */
export function zeros(k: number): Val[] {
  return Array.from({ length: k }, () => n(0));
}

/** Numbers printed plainly. */
export function ns(...values: number[]): Val[] {
  return values.map(n);
}

/** Cells from printed strings (each a number, signed number or padded number; "" → null). */
export function printed(...texts: string[]): Val[] {
  return texts.map((s) => {
    const trimmed = s.trim();
    if (trimmed === '') return { text: s, value: null };
    if (!/^[+-]?\d+(\.\d+)?$/.test(trimmed)) throw new Error(`printed(): not a plain number: ${JSON.stringify(s)}`);
    return { text: s, value: Number(trimmed) };
  });
}

/** A cell printed "0". */
export const ZERO: Val = { text: '0', value: 0 };
