/**
 * Library API.
 *
 *   import { convertFile, convertMany } from 'xxgk';
 *   const report = await convertFile('a.pdf');                       // one file, in this thread
 *   for await (const r of convertMany(['dir/'], { outDir: 'out' }))  // many, on all cores
 *     console.log(r.job.display, r.status);
 */
import { startBatch, type BatchOptions, type BatchResult } from './pipeline/batch.js';
import { discover } from './pipeline/discover.js';

export { convertBytes, convertFile, toJson, type ConvertOptions } from './pipeline/convert.js';
export { canonicalJsonSchema, CanonicalReportSchema, type CanonicalReport } from './schema/canonical.js';
export { BatchError, type BatchOptions, type BatchResult, type BatchStats } from './pipeline/batch.js';
export { VERSION } from './version.js';
export { exportReports, readReports, type ExportOptions, type ExportResult } from './export/index.js';
export { FIELDS, type FieldInfo } from './schema/labels.js';
export { reviewOf, type Review } from './pipeline/review.js';

/**
 * Convert files and directories (recursively) into `opts.outDir`, incrementally (see the
 * manifest), yielding one result per input file as it completes. Throws only for inputs that do
 * not exist (a usage error); every file problem is a result with status "failed" and a code.
 */
export async function* convertMany(inputs: string[], opts: BatchOptions): AsyncGenerator<BatchResult> {
  const { jobs, problems } = await discover(inputs);
  if (problems.length) throw new Error(`xxgk: ${problems.join('; ')}`);
  const batch = await startBatch(jobs, opts);
  try {
    for await (const r of batch.results) yield r;
  } finally {
    await batch.stop();
  }
}
