/**
 * Shared state of one normalisation: warnings and evidence, and the one place where a cell's
 * text becomes a canonical number.
 */
import { OCR_MIN_CONFIDENCE as MIN_OCR_CONFIDENCE, type Message } from '../model.js';
import type { Evidence } from '../schema/canonical.js';
import type { GridCell } from './grid.js';
import { MAX_EXACT, parseCell } from './numbers.js';


/** Warning codes that make a report `partial` (something expected is missing or unreadable). */
export const DEGRADING = new Set([
  'table-missing',
  'table-unrecognized',
  'header-missing',
  'header-unrecognized',
  'row-missing',
  'row-short',
  'cell-missing',
  'cell-unreadable',
  'cell-ambiguous',
  'cell-low-confidence',
  'layout-unknown',
  // a continuation of a split table whose columns do not line up with the first part's
  'table-continuation-misaligned',
  // content the extractor dropped at a size limit, or pages the page tree does not reach
  'docx.too-deep',
  'docx.table-too-large',
  'docx.text-too-long',
  'docx.part-too-large',
  'pdf.pages-missing',
  'html.too-large',
  'html.table-too-deep',
  'html.table-too-large',
  'html.too-many-tables',
]);

/** A cell's text for a message: trimmed, quoted, at most 60 characters (then its length). */
export function quoteCell(text: string): string {
  const t = text.trim();
  const chars = Array.from(t);
  return chars.length <= 60 ? JSON.stringify(t) : `${JSON.stringify(chars.slice(0, 60).join(''))}… (${chars.length} characters)`;
}

export interface ReadOptions {
  /** Counts must be integers; amounts may be fractional. */
  integer: boolean;
  /** Whether a leading sign is meaningful (2019 本年增/减). */
  signed?: boolean;
}

export class Context {
  readonly warnings: Message[] = [];
  readonly evidence = new Map<string, Evidence>();
  /** Cells read as no number: why, and the cell (for a null value's evidence). */
  readonly nulls = new Map<string, { reason: 'blank' | 'dash' | 'unreadable'; cell: GridCell }>();

  warn(code: string, message: string, path: string | null = null): void {
    this.warnings.push({ code, message, path });
  }

  /**
   * Read a cell as a canonical number. Blank, "/", "—", "无" → null (no warning: the report
   * printed nothing). Anything not clearly one number → null plus a `cell-unreadable` warning.
   * Records evidence for every number returned. Returns the unit printed in the cell, if any.
   */
  read(path: string, cell: GridCell, opts: ReadOptions): { value: number | null; unit: string | null } {
    const p = parseCell(cell.text);
    if (p.kind === 'blank' || p.kind === 'none') {
      this.nulls.set(path, { reason: p.kind === 'blank' ? 'blank' : 'dash', cell });
      return { value: null, unit: null };
    }
    const apart = cell.confidence === undefined ? null : /\d\s*\n\s*[+\-]?\d/.test(cell.text) ? 'two lines of digits' : /\d[ \t\u3000]+[+\-]?\d/.test(cell.text) ? 'digits set apart on one line' : null;
    if (apart) {
      // OCR: digits on two lines of one cell, or apart on one line, are two pieces of ink (a
      // neighbour's number across a rule too faint to find, a stain, a rule's remnant read as 1),
      // not one number: parseCell would join "0 1" into 1
      this.warn('cell-low-confidence', `OCR read ${apart} in one cell (${quoteCell(cell.text)}); the value is left null: check it on page ${cell.page ?? '?'} of the scan`, path);
      this.nulls.set(path, { reason: 'unreadable', cell });
      return { value: null, unit: null };
    }
    if (cell.confidence !== undefined && cell.confidence < MIN_OCR_CONFIDENCE) {
      this.warn(
        'cell-low-confidence',
        `OCR read ${quoteCell(cell.text)} with confidence ${cell.confidence.toFixed(2)} (below ${MIN_OCR_CONFIDENCE}); the value is left null: check it on page ${cell.page ?? '?'} of the scan`,
        path,
      );
      this.nulls.set(path, { reason: 'unreadable', cell });
      return { value: null, unit: null };
    }

    // whatever follows without a number is unreadable (a number read sets the evidence instead)
    this.nulls.set(path, { reason: 'unreadable', cell });
    if (p.kind === 'unreadable') {
      this.warn('cell-unreadable', `cannot read a number from ${JSON.stringify(cell.text.trim())}`, path);
      return { value: null, unit: null };
    }
    if (p.kind === 'out-of-range') {
      const why = p.reason === 'too-large'
        ? `is beyond ±${MAX_EXACT}, the largest number a report can hold exactly`
        : 'has more digits than a report can hold exactly';
      this.warn('cell-unreadable', `${path}: the printed number ${quoteCell(cell.text)} ${why}; the value is left null (check the source)`, path);
      return { value: null, unit: null };
    }
    if (opts.integer && !Number.isInteger(p.value)) {
      this.warn('cell-unreadable', `expected a whole number, found ${JSON.stringify(cell.text.trim())}`, path);
      return { value: null, unit: null };
    }
    if (!opts.signed && p.value < 0) {
      this.warn('cell-unreadable', `a count cannot be negative: ${JSON.stringify(cell.text.trim())}`, path);
      return { value: null, unit: null };
    }
    this.evidence.set(path, {
      page: cell.page,
      text: cell.text,
      table: cell.table,
      row: cell.row,
      col: cell.col,
      ...(cell.confidence === undefined ? {} : { confidence: cell.confidence }),
    });
    return { value: p.value, unit: p.unit };
  }
}
