#!/usr/bin/env node
/**
 * xxgk: 政府信息公开工作年度报告 → canonical JSON.
 *   xxgk convert <file|dir|->... --out DIR [--jsonl FILE] [--jobs N] [--timeout S] [--force] …
 *   xxgk schema
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { startBatch, writeJsonl } from './pipeline/batch.js';
import { discover } from './pipeline/discover.js';
import { Progress } from './pipeline/progress.js';
import { canonicalJsonSchema, STATUSES } from './schema/canonical.js';
import { VERSION } from './version.js';

interface ConvertOpts {
  out: string;
  jsonl?: string;
  jobs: number;
  timeout: number;
  maxSize: number;
  force?: boolean;
  failOn: string[];
  quiet?: boolean;
  recycleAfter: number;
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

function positiveNumber(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number > 0');
  return n;
}

function statuses(v: string): string[] {
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((s) => !(STATUSES as readonly string[]).includes(s));
  if (bad.length) throw new InvalidArgumentError(`unknown status ${bad.join(', ')} (one of ${STATUSES.join(', ')})`);
  return list;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function runConvert(inputs: string[], opts: ConvertOpts): Promise<number> {
  const { jobs, problems } = await discover(inputs, readStdin);
  for (const p of problems) process.stderr.write(`xxgk: ${p}\n`);
  if (problems.length > 0) {
    process.stderr.write('xxgk: nothing was converted: fix the input paths above and run again\n');
    return 2;
  }
  const progress = new Progress({ total: jobs.length, stream: process.stderr, quiet: opts.quiet });
  const batch = await startBatch(jobs, {
    outDir: opts.out,
    jobs: opts.jobs,
    timeoutMs: opts.timeout * 1000,
    maxBytes: Math.round(opts.maxSize * 1024 * 1024),
    force: opts.force,
    recycleAfter: opts.recycleAfter,
  });
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write('\nxxgk: interrupted: finishing the files in progress (again to quit at once)\n');
    void batch.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const outputs = new Map<string, string>();
  for await (const r of batch.results) {
    progress.add(r);
    outputs.set(r.job.input, r.output);
  }
  progress.tick(true);
  if (opts.jsonl) {
    // input order, every report of this run (also the unchanged ones)
    await writeJsonl(path.resolve(opts.jsonl), jobs.map((j) => outputs.get(j.input)).filter((o): o is string => o !== undefined));
  }
  process.stderr.write(progress.summary({ recycled: batch.recycled, torn: batch.tornManifestLines }));
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  if (interrupted) return 130;
  const failing = opts.failOn.reduce((n, s) => n + (progress.byStatus.get(s) ?? 0), 0);
  return failing > 0 ? 1 : 0;
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('xxgk')
    .description('Convert 政府信息公开工作年度报告 (Word, PDF) into canonical JSON')
    .version(VERSION)
    .exitOverride();
  program
    .command('convert')
    .description('convert files, directories (recursively) and path lists into one JSON per report')
    .argument('<inputs...>', 'report files, directories, or - to read paths from standard input (one per line)')
    .requiredOption('-o, --out <dir>', 'output directory: input paths are mirrored under it, with the manifest')
    .option('--jsonl <file>', 'also write every report of the run as one JSON line, in input order')
    .addOption(new Option('-j, --jobs <n>', 'worker threads').argParser(positiveInt).default(availableParallelism(), 'number of cores'))
    .addOption(new Option('--timeout <seconds>', 'per-file time limit; a file over it is recorded as failed/timeout').argParser(positiveNumber).default(60))
    .addOption(new Option('--max-size <MiB>', 'files larger than this are recorded as failed/too-large unread').argParser(positiveNumber).default(200))
    .option('--force', 'convert everything again, even files the manifest records as done')
    .addOption(new Option('--fail-on <statuses>', 'exit 1 if any file ends with one of these statuses, e.g. failed or failed,needs-ocr').argParser(statuses).default([]))
    .addOption(new Option('--recycle-after <n>', 'replace the worker threads after this many files each (memory hygiene)').argParser(positiveInt).default(200))
    .option('-q, --quiet', 'print only the summary')
    .action(async (inputs: string[], opts: ConvertOpts) => {
      process.exitCode = await runConvert(inputs, opts);
    });
  program
    .command('schema')
    .description('print the JSON Schema of the canonical report')
    .action(() => {
      process.stdout.write(`${JSON.stringify(canonicalJsonSchema(), null, 2)}\n`);
    });
  return program;
}

async function main(): Promise<void> {
  // `xxgk schema | head`: a closed pipe is not an error
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; usage errors were already printed by commander
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`xxgk: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}

await main();
