/**
 * Piscina worker: converts one file per task, off the main thread. Everything CPU-heavy
 * (unzip, XML, mammoth, pdf.js, the normalizer, schema validation) runs here.
 */
import { convertBytes, convertFile, type OriginalSource } from './convert.js';
import type { CanonicalReport } from '../schema/canonical.js';

export interface WorkerTask {
  /** The file's bytes, already read (and hashed) by the main thread; transferred, not copied. */
  bytes?: Uint8Array;
  /** Otherwise a file to read: the .docx LibreOffice made of a legacy .doc. */
  input?: string;
  /** What source.file says. */
  display: string;
  /** What source says when the bytes converted are not the user's file (legacy .doc). */
  original?: OriginalSource;
}

/** Sent once to each new thread so that module loading is not charged to a file's timeout. */
export const WARM_UP = 'warm-up' as const;

export default async function convertTask(task: WorkerTask | typeof WARM_UP): Promise<CanonicalReport | null> {
  if (task === WARM_UP) return null;
  if (task.bytes) return convertBytes(task.bytes, task.display, task.original);
  return convertFile(task.input!, { displayPath: task.display, original: task.original });
}
