/**
 * The bundled sample reports and their intended values: the oracle for tests.
 *
 *   import { SAMPLES, leafPaths } from '../scripts/samples/defs.js';
 *
 * samples/<name>.docx is built from `blocks` by `npm run samples`; `expect` is what a correct
 * converter outputs for it (see shared/spec/canonical-json.md). samples/pdf/<name>.pdf is the same
 * document printed by LibreOffice (`npm run samples -- --pdf`), with the same `expect`.
 */
import { invented2019Clean } from './defs/invented-2019-clean.js';
import { invented2021Clean } from './defs/invented-2021-clean.js';
import { inventedBorderless } from './defs/invented-borderless.js';
import { inventedBorderless2019 } from './defs/invented-borderless-2019.js';
import { inventedCaption } from './defs/invented-caption.js';
import { inventedLandscape } from './defs/invented-landscape.js';
import { inventedNarrow } from './defs/invented-narrow.js';
import { inventedBlanks } from './defs/invented-blanks.js';
import { inventedLocalModified } from './defs/invented-local-modified.js';
import { inventedPagebreak } from './defs/invented-pagebreak.js';
import { inventedRenamed } from './defs/invented-renamed.js';
import { inventedVertical } from './defs/invented-vertical.js';
import { seed000 } from './defs/seed-000.js';
import { seed001 } from './defs/seed-001.js';
import { seed002 } from './defs/seed-002.js';
import { seed003 } from './defs/seed-003.js';
import { seed004 } from './defs/seed-004.js';
import type { SampleDef } from './types.js';

export type {
  Layout,
  SampleBlock,
  SampleCell,
  SampleDef,
  SampleExpectation,
  SampleParagraph,
  SampleRun,
  SampleTable,
  Val,
} from './types.js';
export { computeChecks, leafPaths, STRING_LEAVES, type CheckResult } from './leaves.js';

export const SAMPLES: SampleDef[] = [
  seed000,
  seed001,
  seed002,
  seed003,
  seed004,
  invented2021Clean,
  invented2019Clean,
  inventedLocalModified,
  inventedBlanks,
  inventedRenamed,
  inventedPagebreak,
  inventedVertical,
  inventedBorderless,
  inventedLandscape,
  inventedNarrow,
  inventedCaption,
  inventedBorderless2019,
];
