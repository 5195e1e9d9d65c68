/**
 * Writes samples/expected/<name>.json from the current pipeline, for review. Run it only after
 * a deliberate change, read the diff of every file it changes (`git diff samples/expected`)
 * against the sample documents, and commit only what you checked.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { SAMPLES } from './samples/defs.js';
import { convertFile, toJson } from '../src/pipeline/convert.js';

await mkdir('samples/expected', { recursive: true });
for (const s of SAMPLES) {
  const report = await convertFile(`samples/${s.name}.docx`);
  await writeFile(`samples/expected/${s.name}.json`, toJson(report));
  console.log(`samples/expected/${s.name}.json  ${report.status}`);
}
