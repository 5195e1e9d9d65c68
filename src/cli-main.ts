/**
 * xxgk: 政府信息公开工作年度报告 → canonical JSON (the entry point: cli.ts).
 *   xxgk convert <file|dir|->... --out DIR [--jsonl FILE|-] [--jobs N] [--timeout S] [--force] …
 *   xxgk schema
 *
 * Exit codes (convert): see EXIT below and the README.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { availableParallelism } from 'node:os';
import { inputNames, isDirectory, type EarlyPool } from './pipeline/early-pool.js';
// (what `convert` needs beyond the pool is imported once its threads are starting)
import { BatchError } from './pipeline/lock.js';
import { DEFAULT_MAX_ATTEMPTS } from './pipeline/manifest.js';
import { startPool, type ConvertPool } from './pipeline/pool.js';
import { STATUSES } from './schema/keys.js';
import { VERSION } from './version.js';
import { registerQueueCommands } from './queue/commands.js';
import { OCR_OPTION, positiveInt, positiveNumber, RECYCLE_OPTION } from './cli-options.js';

/** Exit codes of `xxgk convert`. */
export const EXIT = {
  /** Every input has its result (whatever its status, unless --fail-on says otherwise). */
  ok: 0,
  /** Some file ended with a status named by --fail-on. */
  failOn: 1,
  /** Usage: bad options or input paths that do not exist; nothing was converted. */
  usage: 2,
  /** Some output could not be written (a JSON, a manifest line, the JSONL), or --out is not writable. */
  outputError: 3,
  /** Another batch is using the same --out (its lock file). */
  locked: 4,
  /** Interrupted (Ctrl-C, SIGTERM): files in progress were finished, the rest not started. */
  interrupted: 130,
} as const;

interface ConvertOpts {
  out: string;
  jsonl?: string;
  jobs: number;
  timeout: number;
  maxSize: number;
  force?: boolean;
  failOn: string[];
  quiet?: boolean;
  verbose?: boolean;
  base?: string;
  null?: boolean;
  shard?: { index: number; count: number };
  recycleAfter: number;
  maxAttempts: number;
  ocr: 'auto' | 'off';
}

function statuses(v: string): string[] {
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((s) => !(STATUSES as readonly string[]).includes(s));
  if (bad.length) throw new InvalidArgumentError(`unknown status ${bad.join(', ')} (one of ${STATUSES.join(', ')})`);
  return list;
}

/** Standard input as bytes: listed paths that are not UTF-8 are kept exactly. */
async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function shardArg(v: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(count) || count < 1 || count > 65536 || index >= count) {
    throw new InvalidArgumentError('expected i/n with 0 <= i < n <= 65536, e.g. 0/4');
  }
  return { index, count };
}

async function runManifestMerge(outDir: string): Promise<number> {
  const { mergeManifests } = await import('./pipeline/manifest-merge.js');
  try {
    const r = await mergeManifests(outDir);
    process.stderr.write(`xxgk: merged ${r.files} manifest file(s) (${r.lines} line(s)) into ${r.into}\n`);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof BatchError) {
      process.stderr.write(`xxgk: ${err.message}\n`);
      return err.code === 'locked' ? EXIT.locked : EXIT.outputError;
    }
    throw err;
  }
}

async function runConvert(inputs: string[], opts: ConvertOpts, started?: EarlyPool): Promise<number> {
  // read by the worker threads (which copy the environment when they start) and the batch
  process.env.XXGK_OCR = opts.ocr;
  const poolOpts = { jobs: opts.jobs, timeoutMs: opts.timeout * 1000, recycleAfter: opts.recycleAfter };
  // the worker threads load their modules while the inputs are discovered and the batch opens
  // (named files: as many threads as files at most, PDF engine compiled ahead only for a .pdf);
  // the threads cli.ts started from a guess at the options are used if they are these
  const names = inputNames(inputs);
  let early: ConvertPool;
  if (started?.pool.adopt(poolOpts, names)) early = started.pool;
  else {
    void started?.pool.destroy().catch(() => undefined);
    early = startPool(poolOpts, names);
  }
  if (started) started.settled = true;
  // the rest of the batch's code loads while the threads start, on another core
  const [{ discover, DOCUMENT_EXTENSIONS }, { startBatch }, { Progress }, { canvasAvailable }] = await Promise.all([
    import('./pipeline/discover.js'),
    import('./pipeline/batch.js'),
    import('./pipeline/progress.js'),
    import('./extractors/pdfjs-setup.js'),
  ]);
  const { jobs, problems } = await discover(inputs, readStdin, { base: opts.base, nul: opts.null });
  for (const p of problems) process.stderr.write(`xxgk: ${p}\n`);
  if (problems.length > 0) {
    await early.close().catch(() => undefined);
    process.stderr.write('xxgk: nothing was converted: fix the input paths above and run again\n');
    return EXIT.usage;
  }
  if (jobs.length === 0) {
    await early.close().catch(() => undefined);
    process.stderr.write(`xxgk: no input files found in ${inputs.map((i) => JSON.stringify(i)).join(', ')} (files ending in ${[...DOCUMENT_EXTENSIONS].join(' ')} are converted; hidden folders and node_modules are skipped); nothing was converted\n`);
    return EXIT.usage;
  }
  if (jobs.some((j) => /\.pdf$/i.test(j.display)) && !canvasAvailable()) {
    process.stderr.write("xxgk: note: pdf.js's optional package @napi-rs/canvas is not installed (npm install --omit=optional?); PDFs are read without it (only rendering needs it)\n");
  }
  const progress = new Progress({ total: jobs.length, stream: process.stderr, quiet: opts.quiet, verbose: opts.verbose });
  let batch;
  try {
    batch = await startBatch(jobs, {
      outDir: opts.out,
      jobs: opts.jobs,
      timeoutMs: opts.timeout * 1000,
      maxBytes: Math.round(opts.maxSize * 1024 * 1024),
      force: opts.force,
      recycleAfter: opts.recycleAfter,
      maxAttempts: opts.maxAttempts,
      jsonl: opts.jsonl,
      pool: early,
      shard: opts.shard,
    });
  } catch (err) {
    if (!(err instanceof BatchError)) throw err;
    process.stderr.write(`xxgk: ${err.message}\nxxgk: nothing was converted\n`);
    return err.code === 'locked' ? EXIT.locked : EXIT.outputError;
  }
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) {
      // a second Ctrl-C: quit now (LibreOffice and the lock are cleaned up by exit handlers)
      process.stderr.write(`\nxxgk: stopped at once; ${jobs.length - progress.done} file(s) without a result: run again to convert them\n`);
      process.exit(EXIT.interrupted);
    }
    interrupted = true;
    process.stderr.write('\nxxgk: interrupted: finishing the files in progress (again to quit at once)\n');
    void batch.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  for await (const r of batch.results) progress.add(r);
  progress.tick(true);
  const stats = batch.stats;
  process.stderr.write(progress.summary({ ...stats, interrupted, maxAttempts: opts.maxAttempts }));
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  if (stats.outputErrors > 0 || stats.manifestErrors > 0 || stats.jsonlError) return EXIT.outputError;
  if (interrupted) return EXIT.interrupted;
  const failing = opts.failOn.reduce((n, s) => n + (progress.byStatus.get(s) ?? 0), 0);
  return failing > 0 ? EXIT.failOn : EXIT.ok;
}

async function runExport(outDir: string | undefined, opts: { format: 'csv' | 'parquet' | 'jsonl'; shape: 'wide' | 'long'; to: string; bom?: boolean; dictionary?: boolean }): Promise<number> {
  const { DICTIONARY_COLUMNS, dictionaryRows, exportReports, writeTable } = await import('./export/index.js');
  // `xxgk export … | head`: a closed pipe is not an error
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  if (opts.format === 'parquet' && opts.to === '-') {
    process.stderr.write('xxgk: Parquet is binary: give the file to write with --to FILE\n');
    return EXIT.usage;
  }
  try {
    if (opts.dictionary) {
      await writeTable(DICTIONARY_COLUMNS, dictionaryRows(), opts);
      return EXIT.ok;
    }
    if (!outDir || !isDirectory(outDir)) {
      process.stderr.write(`xxgk: ${outDir ? `${outDir} is not a folder` : 'name the output folder to export'} (the --out folder of xxgk convert)\n`);
      return EXIT.usage;
    }
    const r = await exportReports(outDir, opts);
    for (const s of r.skipped) process.stderr.write(`xxgk: skipped ${s}\n`);
    process.stderr.write(`xxgk: exported ${r.reports} report(s) as ${r.rows} ${opts.shape} row(s) (${opts.format})${opts.to === '-' ? '' : ` to ${opts.to}`}${r.skipped.length ? `; ${r.skipped.length} JSON file(s) skipped` : ''}\n`);
    return r.reports === 0 ? EXIT.usage : EXIT.ok;
  } catch (err) {
    process.stderr.write(`xxgk: cannot write ${opts.to} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})\n`);
    return EXIT.outputError;
  }
}

export function buildProgram(early?: EarlyPool): Command {
  const program = new Command();
  program
    .name('xxgk')
    .description('Convert 政府信息公开工作年度报告 (Word, PDF, web pages) into canonical JSON')
    .version(VERSION)
    .exitOverride();
  program
    .command('convert')
    .description('convert files, directories (recursively) and path lists into one JSON per report')
    .argument('<inputs...>', 'report files, directories, or - to read paths from standard input (one per line)')
    .option('--base <dir>', 'the folder that file arguments and listed paths are relative to: it decides their output paths, source.file and manifest keys (default: the current directory)')
    .option('-0, --null', 'the list on standard input is NUL-separated (find -print0)')
    .addOption(new Option('--shard <i/n>', 'convert only the files whose content hash falls in shard i of n (0-based), for batch schedulers: every shard writes into the same --out folder, with its own manifest').argParser(shardArg))
    .requiredOption('-o, --out <dir>', 'output directory: input paths are mirrored under it, with the manifest')
    .option('--jsonl <file>', "also stream every report of the run as one JSON line, as each file completes ('-': standard output)")
    .addOption(new Option('-j, --jobs <n>', 'worker threads').argParser(positiveInt).default(availableParallelism(), 'number of cores'))
    .addOption(new Option('--timeout <seconds>', 'per-file time limit; a file over it is recorded as failed/timeout').argParser(positiveNumber).default(60))
    .addOption(new Option('--max-size <MiB>', 'files larger than this are recorded as failed/too-large unread').argParser(positiveNumber).default(200))
    .addOption(OCR_OPTION())
    .option('--force', 'convert everything again, even files the manifest records as done')
    .addOption(new Option('--fail-on <statuses>', 'exit 1 if any file ends with one of these statuses, e.g. failed or failed,needs-ocr').argParser(statuses).default([]))
    .addOption(RECYCLE_OPTION())
    .addOption(new Option('--max-attempts <n>', "runs that try a file again after a failure that is not the file's own (timeout, worker-crashed, internal-error, output-error)").argParser(positiveInt).default(DEFAULT_MAX_ATTEMPTS))
    .option('-q, --quiet', 'print only the summary')
    .option('-v, --verbose', 'print a line for every file (by default only files that need a look: failed, partial, failed checks)')
    .action(async (inputs: string[], opts: ConvertOpts) => {
      process.exitCode = await runConvert(inputs, opts, early);
    });
  program
    .command('export')
    .description('write the reports of an output folder as one flat table (CSV, Parquet or JSONL), or the data dictionary')
    .argument('[out-dir]', 'a folder written by xxgk convert')
    .addOption(new Option('-f, --format <format>', 'table format').choices(['csv', 'parquet', 'jsonl']).default('csv'))
    .addOption(new Option('-s, --shape <shape>', 'wide: one row per report, a column per value; long: one row per report and value (with why a value is null, the printed cell text and its page)').choices(['wide', 'long']).default('wide'))
    .option('-t, --to <file>', "where to write ('-': standard output; Parquet needs a file)", '-')
    .option('--bom', 'CSV: start with a UTF-8 byte-order mark (for Excel)')
    .option('--dictionary', 'write the data dictionary instead: every value, its Chinese row and column labels in both layouts, type and unit')
    .action(async (outDir: string | undefined, opts: { format: 'csv' | 'parquet' | 'jsonl'; shape: 'wide' | 'long'; to: string; bom?: boolean; dictionary?: boolean }) => {
      process.exitCode = await runExport(outDir, opts);
    });
  program
    .command('manifest')
    .description('manage the manifests of an output folder')
    .command('merge')
    .description("merge the shards' manifests (--shard) into the folder's one manifest (run when no batch is running on it)")
    .argument('<out-dir>', 'the --out folder')
    .action(async (outDir: string) => {
      process.exitCode = await runManifestMerge(outDir);
    });
  program
    .command('schema')
    .description('print the JSON Schema of the canonical report')
    .action(async () => {
      // `xxgk schema | head`: a closed pipe is not an error
      process.stdout.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'EPIPE') process.exit(0);
        throw err;
      });
      const { canonicalJsonSchema } = await import('./schema/canonical.js');
      process.stdout.write(`${JSON.stringify(canonicalJsonSchema(), null, 2)}\n`);
    });
  registerQueueCommands(program);
  return program;
}

/** Run the command line; `early`: threads started from a guess at convert's options (cli.ts). */
export async function main(early?: EarlyPool): Promise<void> {
  try {
    await buildProgram(early).parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; usage errors were already printed by commander
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`xxgk: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  } finally {
    // not the threads convert needed (or no convert at all: a usage error): no file ran in them,
    // so they are stopped at once
    if (early && !early.settled) await early.pool.destroy().catch(() => undefined);
  }
}
