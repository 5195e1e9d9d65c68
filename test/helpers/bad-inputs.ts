/**
 * Builds, in a folder, one real file for every kind of bad input a scraped batch contains, plus
 * good reports, and says what each must come out as. Made by code at test time (the only
 * committed binary is test/fixtures/legacy-report.doc, made by scripts/make-fixtures.ts).
 */
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { deflateSync, strToU8, zipSync } from 'fflate';
import { miniPdf } from './mini-pdf.js';

const root = path.resolve(import.meta.dirname, '../..');

export interface Expectation {
  /** Path relative to the input folder. */
  file: string;
  status: string;
  code: string | null;
  /** What the error message must mention. */
  message?: RegExp;
}

async function wordFile(paragraphs: string[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map((t) => new Paragraph(t)) }] }));
}

/** A .docx whose one entry inflates to `size` bytes of zeros from about size/1000 bytes. */
function zipBomb(size: number): Uint8Array {
  const zeros = new Uint8Array(size);
  const deflated = deflateSync(zeros, { level: 9 });
  // by hand: local header + data + central directory for one honest deflated entry
  const name = strToU8('word/document.xml');
  const crc = crc32(zeros);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const body = Buffer.concat([local, name, deflated]);
  const cd = Buffer.concat([central, name]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(body.length, 16);
  return new Uint8Array(Buffer.concat([body, cd, end]));
}

function crc32(data: Uint8Array): number {
  let c = ~0;
  for (let i = 0; i < data.length; i++) {
    c ^= data[i]!;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

const HTML = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>2023年政府信息公开工作年度报告</title></head><body><p>页面内容</p></body></html>';

/** Writes the inputs under `dir`; `withLibreOffice`: whether the batch may use soffice. */
export async function makeBadInputs(dir: string, opts: { withLibreOffice: boolean; asRoot: boolean }): Promise<Expectation[]> {
  mkdirSync(path.join(dir, '好的 报告'), { recursive: true });
  const put = (rel: string, data: string | Uint8Array) => writeFileSync(path.join(dir, rel), data);
  const samplePdf = readFileSync(path.join(root, 'samples/pdf/invented-2021-clean-yunxi-2023.pdf'));

  copyFileSync(path.join(root, 'samples/invented-2021-clean-yunxi-2023.docx'), path.join(dir, '好的 报告', '云溪市.docx'));
  copyFileSync(path.join(root, 'samples/pdf/seed-003-zhegou-2022.pdf'), path.join(dir, '好的 报告', '柘沟镇.pdf'));
  put('zero-bytes.pdf', '');
  put('truncated.pdf', samplePdf.subarray(0, Math.floor(samplePdf.length * 0.4)));
  put('password.pdf', miniPdf([{ content: 'BT /F1 12 Tf 72 700 Td (secret) Tj ET' }], { userPassword: 'open-sesame' }));
  put('image-only.pdf', miniPdf([{ content: 'q 595 0 0 842 0 0 cm /Im1 Do Q', image: true }, { content: 'q 595 0 0 842 0 0 cm /Im1 Do Q', image: true }]));
  put('not-a-zip.docx', 'PK? no: this text was saved with a .docx name');
  put('no-document-part.docx', zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/styles.xml': strToU8('<styles/>') }));
  put('zip-bomb.docx', zipBomb(300 * 1024 * 1024));
  put('web-page.doc', HTML);
  put('web-page.pdf', HTML);
  put('web-page.docx', HTML);
  copyFileSync(path.join(root, 'test/fixtures/legacy-report.doc'), path.join(dir, 'legacy-report.doc'));
  // Kingsoft WPS files are Word-binary based; LibreOffice reads them the same way
  copyFileSync(path.join(root, 'test/fixtures/legacy-report.doc'), path.join(dir, 'legacy-report.wps'));
  put('notice.docx', await wordFile(['关于做好春节期间安全生产工作的通知', '各村（社区）：现将有关事项通知如下。']));
  put('huge.pdf', Buffer.concat([samplePdf, Buffer.alloc(3 * 1024 * 1024)]));
  if (opts.asRoot) {
    // root reads everything: a dangling link stands for a file that cannot be read
    symlinkSync(path.join(dir, 'gone.pdf'), path.join(dir, 'unreadable.pdf'));
  } else {
    put('unreadable.pdf', samplePdf);
    // chmod 000 is done by the caller (it must happen after copying)
  }

  const legacy: Expectation[] = opts.withLibreOffice
    ? [
        { file: 'legacy-report.doc', status: 'ok', code: null },
        { file: 'legacy-report.wps', status: 'ok', code: null },
      ]
    : [
        { file: 'legacy-report.doc', status: 'failed', code: 'needs-libreoffice', message: /apt-get install libreoffice-writer-nogui/ },
        { file: 'legacy-report.wps', status: 'failed', code: 'needs-libreoffice', message: /apt-get install libreoffice-writer-nogui/ },
      ];
  return [
    { file: '好的 报告/云溪市.docx', status: 'ok', code: null },
    { file: '好的 报告/柘沟镇.pdf', status: 'ok', code: null },
    { file: 'zero-bytes.pdf', status: 'failed', code: 'empty-file', message: /empty/ },
    { file: 'truncated.pdf', status: 'failed', code: 'corrupt', message: /truncated|damaged/i },
    { file: 'password.pdf', status: 'failed', code: 'encrypted', message: /password/ },
    { file: 'image-only.pdf', status: 'needs-ocr', code: 'needs-ocr', message: /OCR/ },
    { file: 'not-a-zip.docx', status: 'failed', code: 'corrupt', message: /not a ZIP/i },
    { file: 'no-document-part.docx', status: 'failed', code: 'corrupt', message: /word\/document\.xml/ },
    { file: 'zip-bomb.docx', status: 'failed', code: 'too-large', message: /ZIP bomb/ },
    { file: 'web-page.doc', status: 'not-a-report', code: 'not-a-report', message: /not a 政府信息公开工作年度报告/ },
    { file: 'web-page.pdf', status: 'not-a-report', code: 'not-a-report', message: /not a 政府信息公开工作年度报告/ },
    { file: 'web-page.docx', status: 'not-a-report', code: 'not-a-report', message: /not a 政府信息公开工作年度报告/ },
    ...legacy,
    { file: 'notice.docx', status: 'not-a-report', code: 'not-a-report' },
    { file: 'huge.pdf', status: 'failed', code: 'too-large', message: /--max-size|limit/ },
    { file: 'unreadable.pdf', status: 'failed', code: 'unreadable', message: /cannot read/ },
  ];
}
