// Part of `npm run build`: writes the JSON Schema of the canonical report next to the compiled
// code (dist/canonical-report.schema.json, exported as "xxgk/schema.json").
import { writeFileSync } from 'node:fs';
import { canonicalJsonSchema } from '../dist/schema/canonical.js';

writeFileSync(new URL('../dist/canonical-report.schema.json', import.meta.url), `${JSON.stringify(canonicalJsonSchema(), null, 2)}\n`);
