/**
 * The queue commands (Redis + BullMQ), registered on the CLI by one call. Only commander is
 * loaded here: bullmq, ioredis and the queue code are imported when a queue command runs, so
 * `xxgk convert` never loads them.
 *
 *   xxgk enqueue <inputs…> --redis URL --out DIR   one job per distinct content (idempotent)
 *   xxgk worker --redis URL [--jobs N] [--timeout S]  converts jobs, on any number of machines
 *   xxgk queue status --redis URL [--failed] [--json]
 *   xxgk queue retry --redis URL                    failed jobs back in the queue
 */
import { availableParallelism } from 'node:os';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { OCR_OPTION, positiveInt, positiveNumber, RECYCLE_OPTION } from '../cli-options.js';

/** Defaults of the stalled-job recovery (seconds; see worker.ts and the README). */
export const LOCK_DURATION_S = 30;
export const STALLED_INTERVAL_S = 15;
export const MAX_STALLED = 2;
/** Retries of a failure that is not the file's own: tries in all, and the first delay (s), doubled each time. */
export const DEFAULT_ATTEMPTS = 3;
export const DEFAULT_BACKOFF_S = 30;

const redisOption = () =>
  new Option('--redis <url>', 'Redis URL, e.g. redis://host:6379/0 (redis://:password@host:6379, rediss:// for TLS)').env('XXGK_REDIS').makeOptionMandatory();
const queueOption = () => new Option('--queue <name>', 'BullMQ queue name').default('xxgk');

export function registerQueueCommands(program: Command): void {
  program
    .command('enqueue')
    .description('queue files, directories (recursively) and path lists for `xxgk worker`s: one job per distinct content; enqueuing again adds only new or changed files')
    .argument('<inputs...>', 'report files, directories, or - to read paths from standard input (one per line)')
    .addOption(redisOption())
    .addOption(queueOption())
    .requiredOption('-o, --out <dir>', 'output directory, on storage shared by every worker (mounted at the same path), as are the inputs')
    .option('--base <dir>', 'the folder that file arguments and listed paths are relative to (as for convert)')
    .option('-0, --null', 'the list on standard input is NUL-separated (find -print0)')
    .addOption(new Option('--max-size <MiB>', 'files larger than this are recorded as failed/too-large unread').argParser(positiveNumber).default(200))
    .addOption(new Option('--attempts <n>', "tries of a job whose failure is not the file's own (timeout, worker-crashed, internal-error, output-error)").argParser(positiveInt).default(DEFAULT_ATTEMPTS))
    .addOption(new Option('--backoff <seconds>', 'delay before the first retry; doubled for each further one').argParser(positiveNumber).default(DEFAULT_BACKOFF_S))
    .action(async (inputs: string[], opts) => {
      const { runEnqueue } = await import('./enqueue.js');
      process.exitCode = await runEnqueue(inputs, opts);
    });
  program
    .command('worker')
    .description('convert queued jobs until stopped (SIGINT/SIGTERM: finish the running jobs; twice: hand them back to the queue)')
    .addOption(redisOption())
    .addOption(queueOption())
    .addOption(new Option('-j, --jobs <n>', 'worker threads (jobs converted at a time)').argParser(positiveInt).default(availableParallelism(), 'number of cores'))
    .addOption(new Option('--timeout <seconds>', 'per-file time limit; a file over it is retried (with backoff), then recorded as failed/timeout').argParser(positiveNumber).default(60))
    .addOption(RECYCLE_OPTION())
    .addOption(new Option('--lock-duration <seconds>', 'job lock: a worker that stops renewing it (killed, machine lost) has its job taken over after this').argParser(positiveNumber).default(LOCK_DURATION_S))
    .addOption(new Option('--stalled-interval <seconds>', 'how often this worker looks for stalled jobs (of any worker)').argParser(positiveNumber).default(STALLED_INTERVAL_S))
    .addOption(new Option('--max-stalled <n>', 'times a job may be taken over from a lost worker before it is failed').argParser(positiveInt).default(MAX_STALLED))
    .addOption(OCR_OPTION())
    .option('-q, --quiet', 'no line per job (retries and failures are still printed)')
    .action(async (opts) => {
      process.env.XXGK_OCR = (opts as { ocr: string }).ocr;
      const { runWorker } = await import('./worker.js');
      process.exitCode = await runWorker(opts);
    });
  const queue = program.command('queue').description('inspect the conversion queue');
  queue
    .command('status')
    .description('job counts: waiting, active, delayed (waiting for a retry), completed, failed')
    .addOption(redisOption())
    .addOption(queueOption())
    .option('--failed', "also list the failed jobs' inputs and reasons")
    .option('--json', 'print the status as JSON')
    .action(async (opts) => {
      const { runStatus } = await import('./status.js');
      process.exitCode = await runStatus(opts);
    });
  queue
    .command('retry')
    .description('put the failed jobs back in the queue (after raising --timeout, say)')
    .addOption(redisOption())
    .addOption(queueOption())
    .action(async (opts) => {
      const { runRetry } = await import('./status.js');
      process.exitCode = await runRetry(opts);
    });
}
