/**
 * HTML extractor: a saved web page (.html/.htm/.shtml/.xhtml, a bare fragment, or a .mht/.mhtml
 * web archive) → DocumentModel, the same model the Word and PDF extractors produce.
 *
 *  1. Web archive: the HTML part, transfer-decoded (mht.ts). Encoding: BOM, valid UTF-8,
 *     declared charset, else GB18030 (decode.ts).
 *  2. Parse into a bounded element tree (dom.ts, htmlparser2).
 *  3. Find the report's container by content (container.ts); the site chrome around it is never
 *     read. A title printed outside it (the article heading above a 信息索引 table) is recovered.
 *  4. Container → blocks (blocks.ts): paragraphs, headings and the report's tables with spans.
 *
 * A page that is positively something else — a redirect shell, an error page, a page that only
 * links to the report as an attachment, a list of reports — is `not-a-report` with a message
 * saying which. Never throws.
 */
import type { Block, ExtractResult, Message } from '../../model.js';
import { findSections } from '../../normalize/sections.js';
import { toBlocks } from './blocks.js';
import { findContainer, titleOutside, TITLE_HINT } from './container.js';
import { decodeBytes } from './decode.js';
import { elements, parseHtml, textOf, type HElement, type ParsedPage } from './dom.js';
import { isMht, readMht } from './mht.js';

export { isMht } from './mht.js';

const squash = (s: string): string => s.replace(/[\s\u00a0\u3000]+/g, '');

export async function extractHtml(bytes: Uint8Array): Promise<ExtractResult> {
  const messages: Message[] = [];
  try {
    return extract(bytes, messages);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { code: 'corrupt', message: `the web page could not be read (${detail})` }, messages };
  }
}

function extract(input: Uint8Array, messages: Message[]): ExtractResult {
  if (input.length === 0) return { ok: false, error: { code: 'empty-file', message: 'the file is empty (0 bytes); re-download it' }, messages };
  let bytes = input;
  let hint: string | null = null;
  if (isMht(input)) {
    const page = readMht(input);
    if (!page) {
      return {
        ok: false,
        error: { code: 'corrupt', message: 'the file is a MIME web archive (.mht) without an HTML part; save the page again ("Web page, complete" or "Web archive")' },
        messages,
      };
    }
    bytes = page.bytes;
    hint = page.charset;
  }
  const decoded = decodeBytes(bytes, hint, messages);
  const page = parseHtml(decoded.text, messages);
  const found = findContainer(page.root);

  if (found.tableMarkers === 0 && found.sectionMarkers < 3) {
    const why = notAReport(page);
    if (why) return { ok: false, error: { code: 'not-a-report', message: why }, messages };
  }

  const result = toBlocks(found.container, messages);
  const blocks: Block[] = result.blocks;
  if (found.container !== page.root && !hasTitle(blocks)) {
    const title = titleOutside(page.root, found.container, page.title);
    if (title) blocks.unshift({ kind: 'paragraph', text: title, headingLevel: 1, page: null, role: 'body' });
  }
  if (result.truncatedTables > 0) {
    messages.push({
      code: 'row-missing',
      message:
        `the page ends inside a table (the file is cut off, e.g. an interrupted download)` +
        (result.droppedHalfRows > 0 ? '; the incomplete last row was dropped, only complete rows were read' : '; rows after the end of the file are missing') +
        '. Download the page again',
      path: null,
    });
  }
  return {
    ok: true,
    document: { format: 'html', pages: null, producer: page.generator?.trim() || null, blocks },
    messages,
  };
}

/** Whether a report title is printed before the first section heading. */
function hasTitle(blocks: Block[]): boolean {
  const { spans } = findSections(blocks);
  const first = Math.min(...Object.values(spans).map((s) => s.heading), blocks.length);
  for (let i = 0; i < first && i < 30; i++) {
    const b = blocks[i]!;
    if (b.kind !== 'paragraph') continue;
    const t = squash(b.text);
    // as the normalizer reads a title: a short line, not the opening sentence naming the report
    if (t.length <= 60 && TITLE_HINT.test(t) && !/^(单位名称|单位主要负责人|根据|本报告|按照|依据|现将|为|发布|来源|索引号|日期)/.test(t)) return true;
  }
  return false;
}

const DOC_LINK = /\.(pdf|docx?|wps|xlsx?|et|ofd|zip|rar|7z)(?:[?#]|$)/i;
const REPORT_NAME = /年度报告|年报|工作报告/;

function links(root: HElement): { text: string; href: string }[] {
  const out: { text: string; href: string }[] = [];
  for (const el of elements(root)) {
    if (el.name !== 'a') continue;
    out.push({ text: squash(textOf(el, 300)), href: (el.attrs.href ?? '').trim() });
    if (out.length >= 5000) break;
  }
  return out;
}

/** Why a page without the report's headings and tables is not a report, when that is clear. */
function notAReport(page: ParsedPage): string | null {
  const text = squash(textOf(page.root, 200_000));
  const all = links(page.root);
  const redirect =
    /(?:window|document|top|self|parent)?\.?location(?:\.href)?\s*=|location\.(?:replace|assign)\s*\(/.exec(page.scripts) !== null || page.refresh !== null;
  if (redirect && text.length < 300) {
    const target =
      /url\s*=\s*['"]?([^'";\s]+)/i.exec(page.refresh ?? '')?.[1] ??
      /location(?:\.href)?\s*=\s*['"]([^'"]+)['"]/.exec(page.scripts)?.[1] ??
      /location\.(?:replace|assign)\s*\(\s*['"]([^'"]+)['"]/.exec(page.scripts)?.[1] ??
      null;
    return `the page is a redirect shell (${page.refresh !== null ? 'meta refresh' : 'JavaScript'}${target ? ` to ${target}` : ''}), not a 政府信息公开工作年度报告; open the target page and save that`;
  }
  const errorRe = /404|页面不存在|页面未找到|找不到(?:该|您)?(?:要访问的)?(?:页面|网页)|网页不存在|notfound|已被删除|已删除或不存在|访问的页面/i;
  if (text.length < 3000 && (errorRe.test(squash(page.title)) || errorRe.test(text.slice(0, 1000)))) {
    return `the page is an error page (${JSON.stringify((squash(page.title) || text).slice(0, 40))}), not a 政府信息公开工作年度报告; the address was wrong or the report was removed — download it again`;
  }
  const attachments = all.filter((l) => DOC_LINK.test(l.href));
  const reportPages = all.filter((l) => !DOC_LINK.test(l.href) && TITLE_HINT.test(l.text));
  if (attachments.length > 0 && reportPages.length < 2) {
    const a = attachments.find((l) => REPORT_NAME.test(l.text) || REPORT_NAME.test(decodeURIComponentSafe(l.href))) ?? attachments[0]!;
    return `the page only links to the report as an attachment: ${JSON.stringify(a.text || a.href)} (${a.href}); download that file and convert it`;
  }
  const reports = all.filter((l) => TITLE_HINT.test(l.text) || (REPORT_NAME.test(l.text) && /\d{4}/.test(l.text)));
  if (reports.length >= 2) {
    const names = reports.slice(0, 3).map((l) => JSON.stringify(l.text)).join(', ');
    return `the page is a list of ${reports.length} reports (${names}${reports.length > 3 ? ', …' : ''}), not a report itself; convert the linked pages`;
  }
  return null;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
