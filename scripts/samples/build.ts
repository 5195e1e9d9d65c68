/**
 * Renders a sample (blocks) as a Word document with the `docx` package, then re-zips it
 * deterministically: fixed core.xml dates, entries in a fixed order, a fixed mtime.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  HeightRule,
  LineRuleType,
  Packer,
  PageOrientation,
  SectionType,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextDirection,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { SampleBlock, SampleCell, SampleDef, SampleParagraph, SampleTable } from './types.js';

const BODY_FONT = '仿宋_GB2312';
const TABLE_FONT = '宋体';
const BODY_SIZE = 32; // half-points: 16pt (三号)
const TABLE_SIZE = 20; // 10pt

const HEADING_LEVELS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

function renderParagraph(b: SampleParagraph): Paragraph {
  const font = b.font;
  const size = b.sizePt ? b.sizePt * 2 : undefined;
  const runs = (b.runs ?? [{ text: b.text }]).map(
    (r) =>
      new TextRun({
        text: r.text,
        ...(r.bold || b.bold ? { bold: true } : {}),
        ...(font ? { font } : {}),
        ...(size ? { size } : {}),
      }),
  );
  const level = b.headingLevel;
  return new Paragraph({
    children: runs,
    ...(b.titleStyle ? { heading: HeadingLevel.TITLE } : {}),
    ...(level !== null ? { heading: HEADING_LEVELS[Math.min(Math.max(level, 1), 6) - 1] } : {}),
    ...(b.align ? { alignment: ALIGN[b.align] } : {}),
    ...(b.indent ? { indent: { firstLine: 640 } } : {}),
    ...(b.pageBreakBefore ? { pageBreakBefore: true } : {}),
  });
}

function cellParagraphs(c: SampleCell): Paragraph[] {
  const run = (text: string, brk = false) =>
    new TextRun({ text, font: TABLE_FONT, size: TABLE_SIZE, ...(brk ? { break: 1 } : {}) });
  const para = (children: TextRun[]) =>
    new Paragraph({ children, alignment: AlignmentType.CENTER, spacing: { line: 260, lineRule: LineRuleType.AUTO } });
  const lines = c.text.split('\n');
  if (lines.length === 1 || c.lines === 'paragraphs' || c.lines === undefined) {
    return lines.map((l) => para(l === '' ? [] : [run(l)]));
  }
  return [para(lines.map((l, i) => run(l, i > 0)))];
}

const TEXT_DIRECTION = {
  tbRl: TextDirection.TOP_TO_BOTTOM_RIGHT_TO_LEFT,
  btLr: TextDirection.BOTTOM_TO_TOP_LEFT_TO_RIGHT,
} as const;

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
const NO_CELL_BORDERS = { top: NO_BORDER, left: NO_BORDER, bottom: NO_BORDER, right: NO_BORDER } as const;

function renderTable(b: SampleTable): Table {
  const width = b.columnWidths.reduce((a, x) => a + x, 0);
  const borderless = b.borders === 'none';
  return new Table({
    columnWidths: b.columnWidths,
    width: { size: width, type: WidthType.DXA },
    alignment: AlignmentType.CENTER,
    ...(borderless ? { borders: TableBorders.NONE } : {}),
    rows: b.rows.map(
      (r, ri) =>
        new TableRow({
          ...(b.minRowHeights?.[ri] ? { height: { value: b.minRowHeights[ri], rule: HeightRule.ATLEAST } } : {}),
          children: r.map(
            (c) =>
              new TableCell({
                children: cellParagraphs(c),
                verticalAlign: VerticalAlignTable.CENTER,
                ...(c.colSpan && c.colSpan > 1 ? { columnSpan: c.colSpan } : {}),
                ...(c.rowSpan && c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
                ...(c.textDirection ? { textDirection: TEXT_DIRECTION[c.textDirection] } : {}),
                ...(borderless ? { borders: NO_CELL_BORDERS } : {}),
              }),
          ),
        }),
    ),
  });
}

function renderBlock(b: SampleBlock): Paragraph | Table {
  return b.kind === 'paragraph' ? renderParagraph(b) : renderTable(b);
}

/** The body's children: a table is followed by an empty paragraph only where two tables would touch. */
function bodyChildren(blocks: SampleBlock[]): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  blocks.forEach((b, i) => {
    out.push(renderBlock(b));
    if (b.kind === 'table' && blocks[i + 1]?.kind === 'table') out.push(new Paragraph({}));
  });
  return out;
}

const PAGE_MARGIN = { top: 2098, bottom: 1984, left: 1531, right: 1417 } as const;

/** The Word sections: A4 portrait from block 0, then one per SampleDef.sections entry (new page each). */
function sectionsOf(def: SampleDef) {
  const starts = [{ from: 0, orientation: 'portrait' as const }, ...(def.sections ?? [])];
  return starts.map((s, k) => {
    const to = starts[k + 1]?.from ?? def.blocks.length;
    if (!(s.from < to)) throw new Error(`${def.name}: section ${k} is empty (blocks ${s.from}..${to})`);
    return {
      properties: {
        ...(k > 0 ? { type: SectionType.NEXT_PAGE } : {}),
        page: {
          size: {
            width: 11906,
            height: 16838,
            ...(s.orientation === 'landscape' ? { orientation: PageOrientation.LANDSCAPE } : {}),
          },
          margin: PAGE_MARGIN,
        },
      },
      children: bodyChildren(def.blocks.slice(s.from, to)),
    };
  });
}

const FIXED_CREATED = '2024-01-01T00:00:00Z';
/** DOS timestamps are local time: build the date from local components so the bytes do not depend on TZ. */
const FIXED_MTIME = new Date(2024, 0, 1, 0, 0, 0);

export async function buildDocx(def: SampleDef): Promise<Uint8Array> {
  const doc = new Document({
    creator: def.docProps?.creator ?? 'xxgk samples',
    lastModifiedBy: def.docProps?.creator ?? 'xxgk samples',
    revision: 1,
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: BODY_SIZE }, paragraph: { spacing: { line: 560, lineRule: LineRuleType.EXACT } } },
        title: { run: { font: '方正小标宋简体', size: 44, bold: false, color: '000000' }, paragraph: { alignment: AlignmentType.CENTER } },
        heading1: { run: { font: '黑体', size: 32, bold: false, color: '000000' }, paragraph: { indent: { firstLine: 640 } } },
        heading2: { run: { font: '楷体_GB2312', size: 32, bold: false, color: '000000' }, paragraph: { indent: { firstLine: 640 } } },
        heading3: { run: { font: '仿宋_GB2312', size: 32, bold: true, color: '000000' }, paragraph: { indent: { firstLine: 640 } } },
        heading4: { run: { font: '仿宋_GB2312', size: 32, bold: false, color: '000000' }, paragraph: { indent: { firstLine: 640 } } },
      },
    },
    sections: sectionsOf(def),
  });
  const raw = new Uint8Array(await Packer.toBuffer(doc));
  return normalizeZip(raw, def.docProps?.created ?? FIXED_CREATED);
}

/** Re-zips the package: fixed core.xml dates, fixed entry order, fixed mtime and compression. */
export function normalizeZip(raw: Uint8Array, created: string): Uint8Array {
  const entries = unzipSync(raw);
  const core = entries['docProps/core.xml'];
  if (core) {
    const xml = strFromU8(core)
      .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${created}$2`)
      .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${created}$2`);
    entries['docProps/core.xml'] = strToU8(xml);
  }
  const first = ['[Content_Types].xml', '_rels/.rels'];
  const names = Object.keys(entries).sort((a, b) => {
    const ia = first.indexOf(a);
    const ib = first.indexOf(b);
    if (ia !== -1 || ib !== -1) return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const zippable: Zippable = {};
  for (const name of names) {
    const data = entries[name];
    if (data) zippable[name] = [data, { level: 6, mtime: FIXED_MTIME }];
  }
  return zipSync(zippable);
}
