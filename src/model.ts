/**
 * The intermediate document model: what every extractor produces and the only thing the
 * normalizer sees. It knows nothing about the input format.
 *
 * A document is an ordered list of blocks (paragraphs and tables) in reading order.
 * Tables are given as rows of *origin* cells, HTML style: a cell that spans several grid
 * positions appears once, in the row where it starts, with rowSpan/colSpan > 1; the grid
 * positions it covers in later rows are simply absent from those rows.
 */

export type SourceFormat = 'pdf' | 'docx' | 'doc' | 'wps' | 'html' | 'txt' | 'image';

/** Where a block came from inside the file. */
export type BlockRole = 'body' | 'header' | 'footer' | 'textbox' | 'footnote';

export interface Paragraph {
  kind: 'paragraph';
  /** Text as extracted; line breaks inside the paragraph are "\n". Not trimmed, not normalised. */
  text: string;
  /** 1–6 when the source marks the paragraph as a heading (Word heading styles, HTML h1–h6), else null. */
  headingLevel: number | null;
  /** 1-based page, or null for formats without pages. */
  page: number | null;
  role: BlockRole;
}

export interface Cell {
  /** Cell text; paragraphs inside the cell joined with "\n". Not trimmed, not normalised. */
  text: string;
  rowSpan: number;
  colSpan: number;
  /** 1-based page, or null for formats without pages. */
  page: number | null;
  /**
   * 0-based grid column where the cell starts, when the extractor knows it exactly
   * (e.g. DOCX rows with w:gridBefore). When absent, the cell goes to the next free grid column.
   */
  col?: number;
  /**
   * OCR only: how sure the recognition is of the cell's text (0–1, the least sure character).
   * Absent for text read from a text layer or a file's own text.
   */
  confidence?: number;
}

/**
 * OCR: a number read with a lower confidence than this is not used (the extractor marks it, the
 * normalizer leaves the value null with a `cell-low-confidence` warning). Chosen on the generated
 * scans (bench/ocr.ts, bench/RESULTS.md).
 */
export const OCR_MIN_CONFIDENCE = 0.9;

export interface Table {
  kind: 'table';
  rows: Cell[][];
  /** Page of the first row (1-based) or null. */
  page: number | null;
  role: BlockRole;
}

export type Block = Paragraph | Table;

export interface DocumentModel {
  format: SourceFormat;
  /** Page count for paged formats (PDF), else null. */
  pages: number | null;
  /** PDF Creator/Producer, DOCX docProps/app.xml Application; null if none. */
  producer: string | null;
  blocks: Block[];
  /** Present when pages were read by OCR: the engine, the pages (1-based) and the resolution. */
  ocr?: { engine: string; pages: number[]; dpi: number };
}

/** A non-fatal note from any stage (extractor or normalizer). */
export interface Message {
  code: string;
  message: string;
  /** Dotted canonical path the message is about, or null. */
  path: string | null;
}

/** A fatal problem: the file could not be turned into a document model at all. */
export interface ErrorInfo {
  code: string;
  message: string;
}

/**
 * Every extractor returns a value plus messages instead of throwing (mammoth.js style).
 * `ok: false` means the file could not be read at all; `error` says why and what to do.
 */
export type ExtractResult =
  | { ok: true; document: DocumentModel; messages: Message[] }
  | { ok: false; error: ErrorInfo; messages: Message[] };

export function paragraph(
  text: string,
  opts: Partial<Omit<Paragraph, 'kind' | 'text'>> = {},
): Paragraph {
  return {
    kind: 'paragraph',
    text,
    headingLevel: opts.headingLevel ?? null,
    page: opts.page ?? null,
    role: opts.role ?? 'body',
  };
}

export function cell(text: string, opts: Partial<Omit<Cell, 'text'>> = {}): Cell {
  const c: Cell = {
    text,
    rowSpan: opts.rowSpan ?? 1,
    colSpan: opts.colSpan ?? 1,
    page: opts.page ?? null,
  };
  if (opts.col !== undefined) c.col = opts.col;
  return c;
}

/**
 * Upper bounds on every size that comes from an input file, in one place. A file is never
 * trusted to say how much memory or recursion it needs: anything above a limit is clamped or
 * dropped with a warning message, or, when the document is unusable, the extractor returns a
 * clear error (`ok: false`) instead of throwing or exhausting the process.
 */
export const LIMITS = {
  // --- ZIP container (DOCX) -------------------------------------------------------------------
  /** Sum of the declared uncompressed sizes of all entries (zip-bomb guard; error `too-large`). */
  maxUncompressedBytes: 256 * 1024 * 1024,
  /** Entries in the ZIP central directory (error `too-large`). */
  maxZipEntries: 10_000,
  /**
   * Largest uncompressed/compressed ratio accepted for one inflated part, and for all inflated
   * parts together (zip-bomb guard; error `too-large`). Real Word XML compresses 3–30:1.
   */
  maxCompressionRatio: 200,
  /** The ratio is only checked once the uncompressed size (per part / in total) exceeds this. */
  compressionRatioMinBytes: 8 * 1024 * 1024,

  // --- XML parts ------------------------------------------------------------------------------
  /**
   * Uncompressed size of one XML part that is parsed. The main document part above it is an
   * error (`too-large`); any other part is skipped with a warning.
   */
  maxXmlPartBytes: 64 * 1024 * 1024,
  /** Elements kept per XML part; the rest of the part is dropped with a warning. */
  maxXmlElements: 1_000_000,
  /** Element nesting depth kept; deeper elements (with their content) are dropped with a warning. */
  maxXmlDepth: 256,
  /**
   * Nesting depth at which the XML parser stops altogether (its own element stack is not built
   * for more); such a part is unusable (main document: error `too-large`).
   */
  maxXmlParseDepth: 20_000,
  /** Characters of text kept per XML part. */
  maxPartTextChars: 16_000_000,
  /** Characters of text kept per paragraph (w:p). */
  maxParagraphTextChars: 1_000_000,
  /** Characters of text kept per table cell (w:tc). */
  maxCellTextChars: 1_000_000,

  // --- tables ---------------------------------------------------------------------------------
  /** Tables (nested ones included) kept per XML part. */
  maxTables: 1_000,
  /** Nesting depth of tables: a table inside this many enclosing tables is dropped (warning). */
  maxTableNesting: 32,
  /** Rows kept per table. */
  maxTableRows: 5_000,
  /** Cells (w:tc / td, origin cells) kept per table. */
  maxTableCells: 20_000,
  /**
   * Grid columns of one table: the most any span, w:gridBefore/w:gridAfter or cell position may
   * reach, whatever the file says (a DOCX table is further bounded by its own w:tblGrid).
   */
  maxTableColumns: 256,
  /** Grid positions (rows × columns) one expanded table grid may have. */
  maxGridSlots: 2_000_000,
} as const;
