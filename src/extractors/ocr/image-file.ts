/**
 * Page images as input (a scanned report sent as JPEG, PNG or a multi-page TIFF): every page
 * decoded, read by OCR, and laid out by the PDF extractor's own page code (`blocksFromPages`).
 * Never throws: failures come back as { ok: false, error }.
 */
import { errorDetail } from '../../clean.js';
import type { ExtractResult, Message } from '../../model.js';
import { blocksFromPages, DEFAULT_MAX_PAGES, ocrMode, type OcrMode, type PageInput } from '../pdf.js';
import { decodeImage, imagePageCount } from './decode.js';
import { engineName, ocrPage } from './index.js';

/** An image smaller than this on its longer side is no page of a report (a logo, an icon). */
const MIN_PAGE_PIXELS = 600;
/** A4's shorter side in inches: the resolution of an image that does not say its own. */
const A4_SHORT_IN = 8.27;

export async function extractImage(bytes: Uint8Array, opts: { ocr?: OcrMode; maxPages?: number } = {}): Promise<ExtractResult> {
  const messages: Message[] = [];
  const fail = (code: string, message: string): ExtractResult => ({ ok: false, error: { code, message }, messages });
  const count = imagePageCount(bytes);
  if (count === 0) return fail('corrupt', 'the image cannot be read (no page image found in it): obtain the file again, or save it again as PNG');
  const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
  if (count > maxPages) return fail('too-large', `the image file holds ${count} pages, more than the limit of ${maxPages}; an annual report is a few pages long`);
  if (ocrMode(opts) === 'off') return fail('needs-ocr', `the file is an image of ${count} page(s) without text; it needs OCR, which is off: convert with --ocr auto`);
  let engine: string;
  try {
    engine = await engineName();
  } catch (e) {
    return fail('needs-ocr', `the file is an image of ${count} page(s) without text; it needs OCR, which could not run: ${errorDetail(e)}`);
  }
  const inputs: PageInput[] = [];
  const dpis: number[] = [];
  for (let p = 0; p < count; p++) {
    const decoded = decodeImage(bytes, p);
    if (!decoded.ok) return fail(decoded.code, count > 1 ? `page ${p + 1}: ${decoded.message}` : decoded.message);
    const { image } = decoded;
    if (Math.max(image.width, image.height) < MIN_PAGE_PIXELS) {
      if (count === 1) return fail('not-a-report', `an image of ${image.width}×${image.height} pixels is too small to be a scanned page of a report (a logo or an icon?)`);
      messages.push({ code: 'image.page-too-small', message: `page ${p + 1} (${image.width}×${image.height} pixels) is too small to be a scanned page; skipped`, path: null });
      continue;
    }
    // the resolution the file gives, else that of an A4 page filling the image
    const dpi = Math.min(600, Math.max(72, decoded.dpi ?? Math.min(image.width, image.height) / A4_SHORT_IN));
    dpis.push(dpi);
    try {
      const { input } = await ocrPage(image, p + 1, (image.width / dpi) * 72, (image.height / dpi) * 72);
      inputs.push(input);
    } catch (e) {
      messages.push({ code: 'image.ocr-page-error', message: `page ${p + 1}: OCR failed (${errorDetail(e)}); its content is missing`, path: null });
    }
  }
  const chars = inputs.reduce((s, i) => s + i.runs.reduce((n, r) => n + r.text.replace(/\s/g, '').length, 0), 0);
  if (chars < 20) return fail('needs-ocr', `OCR found no readable text in the image${count > 1 ? 's' : ''} (blank, a photo, or too poor a scan): check the file`);
  const pages = inputs.map((i) => i.page);
  messages.push({
    code: 'image.ocr',
    message: `the file is ${count > 1 ? `${count} page images` : 'a page image'}, read by OCR (${engine}); numbers read by OCR carry their confidence in evidence: check the flagged ones against the image`,
    path: null,
  });
  return {
    ok: true,
    document: { format: 'image', pages: count, producer: null, blocks: blocksFromPages(inputs, messages), ocr: { engine, pages, dpi: Math.round(Math.min(...dpis)) } },
    messages,
  };
}
