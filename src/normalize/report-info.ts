/**
 * The `report` block: title, organization, year covered and the date under the signature.
 * Everything comes from text printed in the report; what cannot be found is null plus a warning.
 */
import type { Block, Message, Paragraph } from '../model.js';
import { cleanInline, nfkc, removeSpaces, trimAll } from './text.js';
import { mapped } from '../arrays.js';

export interface ReportInfo {
  title: string | null;
  organization: string | null;
  year: number | null;
  publishedDate: string | null;
  /** Blocks that belong to the title and signature, not to any section's text. */
  consumed: Set<number>;
}

const ORG_SUFFIX =
  /(人民政府|政府|办公室|办公厅|委员会|管理委员会|管委会|局|厅|委|办|中心|院|所|站|镇|乡|街道办事处|街道|公司|集团|总队|支队|大队|部|署|会|社|馆|处)$/;

const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function cnSmall(s: string): number | null {
  // 一 … 三十一
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  const m = /^([一二三])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? CN_DIGIT[m[1]]! : 1) * 10 + (m[2] ? CN_DIGIT[m[2]]! : 0);
  if (s.length === 1 && s in CN_DIGIT) return CN_DIGIT[s]!;
  return null;
}

const DATE_PATTERNS: RegExp[] = [
  /(\d{4})年(\d{1,2})月(\d{1,2})日/,
  /([〇零O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日/,
  /(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)/,
];

export interface FoundDate {
  iso: string;
  /** Length of the matched date text (without spaces). */
  length: number;
  index: number;
}

/** Find a calendar date in a line ("2023年1月17日", "二〇二三年一月十七日", "2023-01-17"). */
export function findDate(text: string): FoundDate | null {
  const t = removeSpaces(nfkc(text));
  for (const re of DATE_PATTERNS) {
    const m = re.exec(t);
    if (!m) continue;
    const y = /^\d{4}$/.test(m[1]!) ? Number(m[1]) : Number(mapped([...m[1]!], (c) => CN_DIGIT[c] ?? NaN).join(''));
    const mo = cnSmall(m[2]!);
    const d = cnSmall(m[3]!);
    if (!Number.isFinite(y) || mo === null || d === null) continue;
    if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) continue;
    const dt = new Date(Date.UTC(y, mo - 1, d));
    if (dt.getUTCMonth() !== mo - 1) continue; // 2月30日
    const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    return { iso, length: m[0].length, index: m.index };
  }
  return null;
}

/** Years a report can cover (the schema's range): "1950年" in a title is history, not the year. */
const inRange = (y: number) => y >= 1990 && y <= 2100;

function yearIn(text: string): number | null {
  const m = /((?:19|20)\d{2})年/.exec(removeSpaces(nfkc(text)));
  return m && inRange(Number(m[1])) ? Number(m[1]) : null;
}

const TITLE_HINT = /(信息公开|政务公开).*(年度报告|工作报告|年报)|(年度报告|年报)$/;
const NOT_TITLE = /^(单位名称|单位主要负责人|根据|本报告|按照|依据|现将|为|发布|来源|索引号|日期)/;

/** A site's breadcrumb ("当前位置：首页 > 政务公开 > 政府信息公开年报"), printed with the page. */
const BREADCRUMB = /^(当前位置|您的位置|您现在的位置|您当前的位置|所在位置)[：:]|^首页[>＞»›]/;
/** A category name, not a report's title ("政府信息公开年报": a sidebar heading, a column name). */
const GENERIC_TITLE = /^[·•]?(政府)?(信息公开|政务公开)(工作)?(年度报告|年报)(专栏|目录)?$/;
/** The heading of a list of reports printed with a web page. */
const LIST_HEADING = /^(相关阅读|相关链接|相关文章|相关信息|相关报告|往年年报|历年年报|年报目录|其他年度)[：:]?$/;
/** A whole report title with its year (an item of a list of reports, when next to another). */
const DATED_TITLE = /((?:19|20)\d{2})年度?.*(信息公开|政务公开).*(年度报告|工作报告|年报)/;

function isBody(b: Block): b is Paragraph {
  return b.kind === 'paragraph' && b.role === 'body';
}

/** Organisation name from a title: "海原县海城镇人民政府2022年政府信息公开工作年度报告" → "海原县海城镇人民政府". */
export function organizationFromTitle(title: string): string | null {
  let t = removeSpaces(nfkc(title)).replace(/[《》]/g, '');
  t = t.replace(/(关于)?((19|20)\d{2}年度?)?(政府)?(信息公开|政务公开)(工作)?(年度)?(工作)?(报告|年报)$/, '');
  t = t.replace(/((19|20)\d{2}年度?)$/, '');
  // "2019年上海市人民政府办公厅政府信息公开工作年度报告": the year printed first is not part of the name
  t = t.replace(/^((19|20)\d{2}年度?)/, '');
  // "鲁沙尔镇人民政府信息公开…": the 政府 of 政府信息公开 belongs to the organisation
  if (/人民$/.test(t)) t += '政府';
  t = t.replace(/的$/, '');
  // nothing recognisable was stripped (e.g. "…年度报告格式模板"): no organisation in the title
  if (/报告|信息公开|政务公开|模板/.test(t)) return null;
  return t.length >= 2 ? t : null;
}

export function extractReportInfo(blocks: Block[], firstSectionIndex: number, messages: Message[]): ReportInfo {
  const consumed = new Set<number>();
  const limit = firstSectionIndex >= 0 ? firstSectionIndex : Math.min(blocks.length, 12);

  // --- title: the run of short lines before section 一 that ends with the line naming the report
  let title: string | null = null;
  const lead: number[] = [];
  for (let i = 0; i < limit; i++) {
    const b = blocks[i]!;
    if (!isBody(b)) continue;
    const t = removeSpaces(nfkc(b.text));
    if (!t) continue;
    if (t.length > 60) break;
    lead.push(i);
  }
  // the first run of up to 3 consecutive short lines that names the report (a title wrapped as
  // "…政府信息公开工作年" / "度报告" is found through the joined text)
  const textOf = (i: number) => removeSpaces(nfkc((blocks[i] as Paragraph).text));
  // A list of reports printed beside the report (a web page's sidebar of other years' reports,
  // "相关阅读"): whole dated titles next to each other with different years. Never the title, and
  // its years are not the report's.
  const datedYear = (i: number): string | null => {
    const b = blocks[i];
    if (!b || !isBody(b) || b.text.length > 80) return null;
    return DATED_TITLE.exec(removeSpaces(nfkc(b.text)))?.[1] ?? null;
  };
  const listItem = (i: number): boolean => {
    const y = datedYear(i);
    if (y === null) return false;
    const prev = datedYear(i - 1);
    const next = datedYear(i + 1);
    return (prev !== null && prev !== y) || (next !== null && next !== y);
  };
  // a category name is no title when it heads such a list (a title may be just "政府信息公开工作年度报告")
  const notTitle = (i: number) =>
    NOT_TITLE.test(textOf(i)) || BREADCRUMB.test(textOf(i)) || listItem(i) || (GENERIC_TITLE.test(textOf(i)) && (listItem(i + 1) || listItem(i - 1)));
  let titleStart = -1;
  let titleLine = -1;
  for (let a = 0; a < lead.length && titleLine < 0; a++) {
    if (notTitle(lead[a]!)) continue;
    let joined = '';
    for (let b = a; b < Math.min(lead.length, a + 3); b++) {
      if (b > a && (lead[b]! - lead[b - 1]! !== 1 || notTitle(lead[b]!))) break;
      joined += textOf(lead[b]!);
      if (TITLE_HINT.test(joined)) {
        titleStart = a;
        titleLine = b;
        break;
      }
    }
  }
  if (titleLine >= 0) {
    let from = titleStart;
    while (from > 0) {
      const prevIdx = lead[from - 1]!;
      const prev = textOf(prevIdx);
      const contiguous = lead[from]! - prevIdx === 1;
      if (!contiguous || notTitle(prevIdx) || /[：:，,。]/.test(prev) || prev.length > 30) break;
      from--;
    }
    const lines = lead.slice(from, titleLine + 1);
    title = cleanInline(mapped(lines, (i) => (blocks[i] as Paragraph).text).join('')).replace(/\s+/g, '');
    lines.forEach((i) => consumed.add(i));
  } else {
    // a title printed in the page header
    const header = blocks.find(
      (b) => b.kind === 'paragraph' && b.role === 'header' && TITLE_HINT.test(removeSpaces(nfkc(b.text))),
    );
    if (header && header.kind === 'paragraph') title = removeSpaces(cleanInline(header.text));
  }
  // such a list anywhere (printed before or after the report, under a heading such as 相关阅读)
  // is no section's text
  for (let i = 0; i < blocks.length; i++) {
    if (!listItem(i)) continue;
    consumed.add(i);
    const above = blocks[i - 1];
    if (above && isBody(above) && !listItem(i - 1)) {
      const t = removeSpaces(nfkc(above.text));
      if (t.length <= 12 && (GENERIC_TITLE.test(t) || LIST_HEADING.test(t))) consumed.add(i - 1);
    }
  }
  // a title never starts with a mark of punctuation (a speck read by OCR as ":" or "·", a stray
  // "、" left of a centred line)
  if (title) title = title.replace(/^[:：;；,，.。、·•]+/u, '') || null;
  if (!title) {
    messages.push({ code: 'report.title-missing', message: 'no report title found before the first section', path: 'report.title' });
  }

  // --- 单位名称：X
  let organization: string | null = null;
  for (let i = 0; i < limit; i++) {
    const b = blocks[i]!;
    if (!isBody(b)) continue;
    const m = /(?:单位名称|发布机关|报告单位)[：:]\s*([^\s：:]+?)(?:\s{2,}|\s*单位主要负责人|\s*$)/.exec(trimAll(nfkc(b.text)));
    if (m && m[1]) {
      organization = m[1];
      consumed.add(i);
      break;
    }
  }
  // lines such as "单位主要负责人签名：" are front matter too
  for (let i = 0; i < limit; i++) {
    const b = blocks[i]!;
    if (isBody(b) && /^(单位名称|单位主要负责人)/.test(removeSpaces(nfkc(b.text)))) consumed.add(i);
  }

  // --- signature block and date: scan the last body paragraphs
  let publishedDate: string | null = null;
  let signatureOrg: string | null = null;
  const tail: number[] = [];
  for (let i = blocks.length - 1; i >= 0 && tail.length < 8; i--) {
    const b = blocks[i]!;
    if (b.kind === 'table') break;
    if (isBody(b) && trimAll(b.text)) tail.push(i);
  }
  for (const i of tail) {
    const text = (blocks[i] as Paragraph).text;
    const d = findDate(text);
    const bare = removeSpaces(nfkc(text));
    if (!d) continue;
    const rest = bare.slice(0, d.index) + bare.slice(d.index + d.length);
    // a line that is a date, optionally preceded by the signing body ("XX镇人民政府 2023年1月17日")
    if (rest.length <= 2 || (rest.length <= 30 && ORG_SUFFIX.test(rest.slice(0, d.index)) && d.index + d.length >= bare.length - 1)) {
      publishedDate = d.iso;
      consumed.add(i);
      if (rest.length > 2) signatureOrg = bare.slice(0, d.index);
      // the signing body on the line(s) just above
      for (let j = i - 1; j >= 0 && !signatureOrg; j--) {
        const b = blocks[j]!;
        if (!isBody(b)) break;
        const t = removeSpaces(nfkc(b.text));
        if (!t) continue;
        if (t.length <= 30 && ORG_SUFFIX.test(t) && !/[，。；;,]/.test(t)) {
          signatureOrg = t;
          consumed.add(j);
        }
        break;
      }
      break;
    }
  }
  if (!publishedDate) {
    messages.push({ code: 'report.date-missing', message: 'no date found under the signature', path: 'report.publishedDate' });
  }
  if (!organization) organization = signatureOrg;
  if (!organization && title) organization = organizationFromTitle(title);
  if (!organization) {
    messages.push({ code: 'report.organization-missing', message: 'no reporting body found (单位名称, signature or title)', path: 'report.organization' });
  }

  // --- year covered: title, then the statistics period; the overview is handled by the caller
  let year = title ? yearIn(title) : null;
  if (year === null) {
    for (const b of blocks) {
      if (!isBody(b)) continue;
      const m = /统计.{0,12}?((?:19|20)\d{2})年(?:1|01)月(?:1|01)日/.exec(removeSpaces(nfkc(b.text)));
      if (m && inRange(Number(m[1]))) {
        year = Number(m[1]);
        break;
      }
    }
  }
  return { title, organization, year, publishedDate, consumed };
}

/** The year named at the start of the overview ("2022年，鲁沙尔镇…"): the first year the overview mentions. */
export function yearFromOverview(text: string, publishedDate: string | null): number | null {
  const y = yearIn(text);
  if (y === null) return null;
  if (publishedDate && y > Number(publishedDate.slice(0, 4))) return null;
  return y;
}
