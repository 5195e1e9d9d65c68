/**
 * Types of the bundled sample reports (scripts/make-samples.ts → samples/*.docx).
 *
 * A sample is an ordered list of blocks (paragraphs and tables, in reading order) plus the
 * expectation a correct converter must meet. Blocks follow the same conventions as the
 * document model in src/model.ts: table rows hold *origin* cells only (a merged cell appears
 * once, in the row where it starts, with rowSpan/colSpan); text line breaks are "\n".
 */

/** A run of text inside a paragraph; the runs of a paragraph concatenate to its text. */
export interface SampleRun {
  text: string;
  bold?: boolean;
}

export interface SampleParagraph {
  kind: 'paragraph';
  /** The paragraph's text as printed (concatenation of its runs). */
  text: string;
  /** Optional formatting runs (e.g. a bold lead-in); default: one run holding `text`. */
  runs?: SampleRun[];
  /** Word heading style level (Heading 1–4 → 1–4), or null for a plain paragraph. */
  headingLevel: number | null;
  /** Use Word's "Title" paragraph style. */
  titleStyle?: boolean;
  bold?: boolean;
  align?: 'left' | 'center' | 'right' | 'justify';
  /** First-line indent of two characters (body text). */
  indent?: boolean;
  /** Font name (by name only, nothing is embedded). */
  font?: string;
  /** Font size in points. */
  sizePt?: number;
  /** Start the paragraph on a new page (Word w:pageBreakBefore; adds no text). */
  pageBreakBefore?: boolean;
}

export interface SampleCell {
  /** Cell text; "\n" separates lines (rendered as paragraphs or line breaks, see `lines`). */
  text: string;
  colSpan?: number;
  rowSpan?: number;
  /** How a "\n" in `text` is written to Word: separate paragraphs (default) or a line break. */
  lines?: 'paragraphs' | 'break';
  /**
   * Word cell text direction (w:textDirection): 'tbRl' = vertical, top to bottom, lines right
   * to left (Word's "vertical" CJK text); 'btLr' = rotated, bottom to top. Default: horizontal.
   */
  textDirection?: 'tbRl' | 'btLr';
}

export interface SampleTable {
  kind: 'table';
  /** Which report table this is (informative). */
  role: 'activeDisclosure' | 'applications' | 'reviewLitigation' | 'other';
  /** Grid column widths in twips; their count is the number of grid columns. */
  columnWidths: number[];
  rows: SampleCell[][];
  /** 'none': no ruling lines at all (table and every cell border w:val="none"). Default: single lines. */
  borders?: 'none';
  /** Minimum row heights in twips by row index (Word w:trHeight hRule="atLeast"); other rows: auto. */
  minRowHeights?: Record<number, number>;
}

export type SampleBlock = SampleParagraph | SampleTable;

export type Layout = '2019' | '2021';

export interface SampleExpectation {
  report: {
    title: string | null;
    organization: string | null;
    year: number | null;
    /** YYYY-MM-DD */
    publishedDate: string | null;
  };
  layout: { activeDisclosure: Layout | null; applications: Layout | null };
  /** Section titles as printed, without their number (e.g. "总体情况"). */
  sectionTitles: {
    overview: string | null;
    activeDisclosure: string | null;
    applications: string | null;
    reviewLitigation: string | null;
    problems: string | null;
    other: string | null;
  };
  /** Every leaf of activeDisclosure, applications and reviewLitigation, by dotted canonical path. */
  values: Record<string, number | string | null>;
  /**
   * The arithmetic check instances (canonical-json.md "checks") that must come out ok:false,
   * as "rule@column" (applications.balance / applications.totalHandled: the column key),
   * "applications.rowTotal@<row path>", "reviewLitigation.total@<group>". Every other
   * evaluable instance must be ok:true; instances with a null operand are skipped.
   */
  failingChecks: string[];
}

export interface SampleDef {
  /** File name without extension: samples/<name>.docx */
  name: string;
  description: string;
  /**
   * true for an invented "clean" sample: every arithmetic check instance can be evaluated
   * (no null operand) and holds. The self-check enforces it.
   */
  clean?: boolean;
  /**
   * true where the numbers are chosen to catch column shifts: in §三 every row's 7 values are
   * non-zero and pairwise different, and no two rows are equal; §四's 15 values are pairwise
   * different and non-zero. The self-check enforces it.
   */
  distinctNumbers?: boolean;
  /** Values written to docProps/core.xml. */
  docProps?: { creator?: string; created?: string /* ISO 8601 UTC */ };
  blocks: SampleBlock[];
  expect: SampleExpectation;
  /**
   * Facts about the PDF twin samples/pdf/<name>.pdf that `npm run samples -- --pdf` checks
   * (besides what it checks for every sample: pages, embedded CJK fonts, title, first §三 value,
   * and ruling lines present unless every table is borderless, none if so).
   * - `pageBreaks`: [last, next] pairs of texts (whitespace ignored, as `pdftotext -layout` prints
   *   them): some page's text ends with `last` and the next page's text starts with `next`, e.g.
   *   the table rows either side of the break.
   * - `verticalTexts`: texts printed vertically: `pdftotext -raw` gives them one glyph per line.
   * - `landscapePages`: the 1-based pages printed landscape (wider than high, as `pdfinfo` gives
   *   their size and rotation); every other page must be portrait.
   */
  pdf?: { pageBreaks?: Array<[last: string, next: string]>; verticalTexts?: string[]; landscapePages?: number[] };
  /**
   * Word sections after the first (which starts at block 0 and is A4 portrait): each starts a new
   * page at block `from` with the given orientation (A4, the same margins). Default: one section.
   */
  sections?: Array<{ from: number; orientation: 'portrait' | 'landscape' }>;
}

/** A printed value cell: its text exactly as printed and the value a correct converter reads. */
export interface Val {
  text: string;
  value: number | null;
  /** Unit printed inside the cell ("251000元" → "元"), where the field has a unit. */
  unit?: string | null;
  /** How a "\n" in the text is written (see SampleCell.lines). */
  lines?: 'paragraphs' | 'break';
}
