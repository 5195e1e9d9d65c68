#!/usr/bin/env node
/**
 * xxgk: 政府信息公开工作年度报告 → canonical JSON (the commands: cli-main.ts).
 *
 * For `xxgk convert` the worker threads are started first, from a guess at the options
 * (cli-early.ts), while the rest of the CLI loads on the main thread: a thread takes longer to
 * start than that code takes to load. The CLI keeps them only if they are the ones it would start
 * itself once commander has parsed the arguments.
 */
import { guessConvert } from './cli-early.js';
import type { EarlyPool } from './pipeline/early-pool.js';

const guess = guessConvert(process.argv.slice(2));
let early: EarlyPool | undefined;
if (guess) {
  const { startEarly } = await import('./pipeline/early-pool.js');
  early = startEarly(guess);
}
const { main } = await import('./cli-main.js');
await main(early);
