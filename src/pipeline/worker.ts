/**
 * Piscina worker: converts one file per task, off the main thread. Everything CPU-heavy
 * (unzip, XML, mammoth, pdf.js, the normalizer, schema validation) runs here.
 */
import { convertFile, type OriginalSource } from './convert.js';
import type { CanonicalReport } from '../schema/canonical.js';

export interface WorkerTask {
  /** File to read (for a legacy .doc: the .docx LibreOffice made of it). */
  input: string;
  /** What source.file says. */
  display: string;
  maxBytes: number;
  original?: OriginalSource;
}

/** Sent once to each new thread so that module loading is not charged to a file's timeout. */
export const WARM_UP = 'warm-up' as const;

export default async function convertTask(task: WorkerTask | typeof WARM_UP): Promise<CanonicalReport | null> {
  if (task === WARM_UP) return null;
  return convertFile(task.input, { displayPath: task.display, maxBytes: task.maxBytes, original: task.original });
}
