/**
 * Binary test fixtures that need external tools, made once and committed (tests do not need the
 * tools): a real Word 97-2003 .doc made by LibreOffice from a bundled sample.
 *   npx tsx scripts/make-fixtures.ts      (needs: apt-get install libreoffice-writer-nogui)
 * Every other bad input of the batch tests is built by test/helpers/bad-inputs.ts at test time.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findSoffice } from '../src/pipeline/legacy.js';

const soffice = findSoffice();
if (!soffice) {
  console.error('make-fixtures: soffice not found; apt-get install libreoffice-writer-nogui');
  process.exit(1);
}
const work = mkdtempSync(path.join(tmpdir(), 'xxgk-fixtures-'));
const source = 'samples/invented-2021-clean-yunxi-2023.docx';
execFileSync(soffice, ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(path.join(work, 'profile')).href}`,
  '--convert-to', 'doc', '--outdir', work, source], { stdio: 'inherit', timeout: 180_000 });
copyFileSync(path.join(work, 'invented-2021-clean-yunxi-2023.doc'), 'test/fixtures/legacy-report.doc');
rmSync(work, { recursive: true, force: true });
console.log('test/fixtures/legacy-report.doc written from', source);
