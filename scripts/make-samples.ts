/**
 * Builds samples/<name>.docx for every sample in scripts/samples/defs.ts and self-checks the
 * expectations: every leaf present and well-typed, and the arithmetic checks failing exactly
 * where the sample says they do (clean samples: every check evaluable and holding), the build
 * byte-identical when repeated, and the DOCX read back equal to the sample's blocks.
 *
 *   npm run samples
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDocx } from './samples/build.js';
import { computeChecks, leafPaths, SAMPLES, STRING_LEAVES } from './samples/defs.js';
import { APPLICATION_ROWS, REVIEW_FIELDS, REVIEW_GROUPS, ROW_COLUMNS } from './samples/leaves.js';
import { compareRoundtrip } from './samples/roundtrip.js';
import type { SampleDef } from './samples/types.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'samples');

function verify(def: SampleDef): string[] {
  const errors: string[] = [];
  const leaves = leafPaths();
  const values = def.expect.values;
  for (const path of leaves) {
    if (!(path in values)) {
      errors.push(`missing leaf ${path}`);
      continue;
    }
    const v = values[path];
    if (STRING_LEAVES.has(path)) {
      if (v !== null && typeof v !== 'string') errors.push(`${path} should be a string or null`);
    } else if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) errors.push(`${path} should be a number or null`);
  }
  const known = new Set(leaves);
  for (const path of Object.keys(values)) if (!known.has(path)) errors.push(`unknown path ${path}`);

  const { results, skipped } = computeChecks(values, def.expect.layout.applications);
  const failing = results.filter((r) => !r.ok).map((r) => r.id).sort();
  const declared = [...def.expect.failingChecks].sort();
  if (failing.join('|') !== declared.join('|'))
    errors.push(`failing checks ${JSON.stringify(failing)} ≠ declared ${JSON.stringify(declared)}`);
  if (def.clean) {
    if (skipped.length) errors.push(`clean sample has skipped checks: ${skipped.join(', ')}`);
    if (failing.length) errors.push('clean sample has failing checks');
  }
  if (def.distinctNumbers) errors.push(...checkDistinct(def));
  if (def.expect.report.publishedDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(def.expect.report.publishedDate))
    errors.push('publishedDate is not YYYY-MM-DD');
  return errors;
}

/** §三 rows: 7 non-zero, pairwise different values, no two rows equal; §四: 15 different non-zero values. */
function checkDistinct(def: SampleDef): string[] {
  const values = def.expect.values;
  const errors: string[] = [];
  const seen = new Map<string, string>();
  for (const row of APPLICATION_ROWS) {
    if (row === 'otherHandling.total' && def.expect.layout.applications === '2021') continue; // derived, not printed
    const vs = ROW_COLUMNS.map((c) => values[`applications.${row}.${c}`]);
    if (vs.every((v) => v === null)) continue; // a row the layout does not have
    if (vs.some((v) => v === null || v === 0) || new Set(vs).size !== vs.length)
      errors.push(`applications.${row}: values not all non-zero and different: ${vs.join(',')}`);
    const key = vs.join(',');
    const other = seen.get(key);
    if (other) errors.push(`applications.${row} equals applications.${other}`);
    seen.set(key, row);
  }
  const rl = REVIEW_GROUPS.flatMap((g) => REVIEW_FIELDS.map((f) => values[`reviewLitigation.${g}.${f}`]));
  if (rl.some((v) => v === null || v === 0) || new Set(rl).size !== rl.length) errors.push(`reviewLitigation: values not all non-zero and different`);
  return errors;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const names = new Set<string>();
  let failed = false;
  for (const def of SAMPLES) {
    if (names.has(def.name)) throw new Error(`duplicate sample name ${def.name}`);
    names.add(def.name);
    const errors = verify(def);
    const bytes = await buildDocx(def);
    const again = await buildDocx(def);
    if (Buffer.compare(Buffer.from(bytes), Buffer.from(again)) !== 0) errors.push('build is not deterministic');
    const roundtrip = compareRoundtrip(bytes, def.blocks);
    errors.push(...roundtrip.errors.map((e) => `docx read-back: ${e}`));
    writeFileSync(join(OUT, `${def.name}.docx`), bytes);
    const { results, skipped } = computeChecks(def.expect.values, def.expect.layout.applications);
    const nonNull = Object.values(def.expect.values).filter((v) => v !== null).length;
    const status = errors.length ? 'FAIL' : 'ok';
    console.log(
      `${status.padEnd(4)} ${def.name.padEnd(38)} ${String(bytes.length).padStart(6)} B  layout §二 ${def.expect.layout.activeDisclosure ?? '-'} §三 ${def.expect.layout.applications ?? '-'}  ` +
        `${nonNull}/${leafPaths().length} values non-null  checks ${results.filter((r) => r.ok).length} ok, ${results.filter((r) => !r.ok).length} failing, ${skipped.length} skipped` +
        (roundtrip.shortRows ? `  short rows ${roundtrip.shortRows}` : ''),
    );
    for (const e of errors) console.log(`     ✗ ${e}`);
    if (errors.length) failed = true;
  }
  if (failed) {
    console.error('sample self-check failed');
    process.exitCode = 1;
  }
}

await main();
