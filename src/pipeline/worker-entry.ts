/**
 * What a compiled worker thread loads: the worker's code bundled into one CommonJS script
 * (dist/worker/worker.cjs, scripts/bundle-worker.mjs), run with the code cache made at build
 * time (code-cache.ts). From the sources (tests, tsx) threads load worker.ts instead.
 */
import { fileURLToPath } from 'node:url';
import { runCommonJs } from './code-cache.js';
import type convertTaskType from './worker.js';

const bundle = runCommonJs(fileURLToPath(new URL('../worker/worker.cjs', import.meta.url)));

/** Whether this thread started from the code cache (for the tests and benchmarks). */
export const codeCacheUsed = bundle.cacheUsed;

const convertTask = bundle.exports.default as typeof convertTaskType;
export default convertTask;
