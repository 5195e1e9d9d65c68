/**
 * `xxgk enqueue`: discover the inputs as `xxgk convert` does, hash each file (streamed: files can
 * be large; the bytes never go into Redis), and add one job per distinct content to the queue.
 *
 * Idempotent: a job's id is derived from the program version, the sha256 and the output tree
 * (common.ts), so enqueuing the same tree again adds nothing, and a file whose bytes changed gets
 * a new job. Names with the same bytes share one job (converted once, a JSON written per name).
 * A name seen later for content that already has a job gets a small job of its own, which
 * copies the first job's result when that is done.
 */
import { createReadStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Queue } from 'bullmq';
import PQueue from 'p-queue';
import { discover, DOCUMENT_EXTENSIONS, type Job } from '../pipeline/discover.js';
import { VERSION } from '../version.js';
import {
  connect, contentJobId, extraJobId, JOB_FORMAT, JOB_NAME, pathJobId, QUEUE_EXIT, QueueError, showUrl,
  type ConvertJobData, type Target,
} from './common.js';

export interface EnqueueOptions {
  redis: string;
  queue: string;
  out: string;
  base?: string;
  null?: boolean;
  maxSize: number;
  /** Tries per job for failures that are not the file's own (timeout, crash, internal error). */
  attempts: number;
  /** First retry delay (s); doubled at each further try. */
  backoff: number;
  quiet?: boolean;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** An absolute path, kept as bytes when it is not UTF-8. */
function absolute(p: string | Buffer): string | Buffer {
  if (typeof p === 'string') return path.resolve(p);
  if (p[0] === 0x2f) return p;
  return Buffer.concat([Buffer.from(`${process.cwd().replace(/\/$/, '')}/`), p]);
}

function target(job: Job): Target {
  const abs = absolute(job.input);
  return typeof abs === 'string'
    ? { input: abs, display: job.display, key: job.key, output: job.output }
    : { input: abs.toString('base64'), inputEncoding: 'base64', display: job.display, key: job.key, output: job.output };
}

/** sha256 and size of a regular file within the limit; else what the worker will record (sha null). */
async function fingerprint(file: string | Buffer, maxBytes: number): Promise<{ sha256: string | null; bytes: number | null }> {
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) return { sha256: null, bytes: null };
    size = st.size;
  } catch {
    return { sha256: null, bytes: null };
  }
  if (size > maxBytes) return { sha256: null, bytes: size };
  try {
    const h = createHash('sha256');
    let n = 0;
    for await (const chunk of createReadStream(file)) {
      h.update(chunk as Buffer);
      n += (chunk as Buffer).length;
    }
    return { sha256: h.digest('hex'), bytes: n };
  } catch {
    return { sha256: null, bytes: null };
  }
}

export async function runEnqueue(inputs: string[], opts: EnqueueOptions): Promise<number> {
  const { jobs, problems } = await discover(inputs, readStdin, { base: opts.base, nul: opts.null });
  for (const p of problems) process.stderr.write(`xxgk: ${p}\n`);
  if (problems.length > 0) {
    process.stderr.write('xxgk: nothing was enqueued: fix the input paths above and run again\n');
    return QUEUE_EXIT.usage;
  }
  if (jobs.length === 0) {
    process.stderr.write(`xxgk: no input files found in ${inputs.map((i) => JSON.stringify(i)).join(', ')} (files ending in ${[...DOCUMENT_EXTENSIONS].join(' ')}); nothing was enqueued\n`);
    return QUEUE_EXIT.usage;
  }
  const outDir = path.resolve(opts.out);
  const maxBytes = Math.round(opts.maxSize * 1024 * 1024);
  try {
    // created here, on the shared storage: a worker that does not see it refuses its jobs
    await mkdir(outDir, { recursive: true });
  } catch (err) {
    process.stderr.write(`xxgk: cannot create the output folder ${outDir} (${(err as NodeJS.ErrnoException).code ?? String(err)}); nothing was enqueued\n`);
    return QUEUE_EXIT.outputError;
  }

  let client;
  try {
    client = await connect(opts.redis, { blocking: false });
  } catch (err) {
    if (!(err instanceof QueueError)) throw err;
    process.stderr.write(`xxgk: ${err.message}; nothing was enqueued\n`);
    return QUEUE_EXIT.redis;
  }
  const queue = new Queue<ConvertJobData>(opts.queue, { connection: client });
  queue.on('error', () => undefined);
  try {
    // hash the files, a few at a time (shared storage answers better to several reads in flight)
    const prints = new Array<{ sha256: string | null; bytes: number | null }>(jobs.length);
    const io = new PQueue({ concurrency: 8 });
    await Promise.all(jobs.map((j, i) => io.add(async () => {
      prints[i] = await fingerprint(j.input, maxBytes);
    })));

    // one job per content; the inputs not read now get one each (the worker records why)
    const groups = new Map<string, ConvertJobData>();
    jobs.forEach((j, i) => {
      const { sha256, bytes } = prints[i]!;
      const id = sha256 ? contentJobId(sha256, outDir) : pathJobId(j.key, bytes, outDir);
      const g = groups.get(id);
      if (g) g.targets.push(target(j));
      else groups.set(id, { format: JOB_FORMAT, version: VERSION, outDir, sha256, bytes, maxBytes, targets: [target(j)] });
    });

    const jobOpts = {
      attempts: opts.attempts,
      backoff: { type: 'exponential' as const, delay: Math.round(opts.backoff * 1000) },
      // completed and failed jobs are kept: their ids make enqueuing again idempotent, and
      // `xxgk queue status --failed` lists the failures
      removeOnComplete: false,
      removeOnFail: false,
    };
    let added = 0;
    let known = 0;
    let extra = 0;
    const entries = [...groups.entries()];
    for (let i = 0; i < entries.length; i += 200) {
      const chunk = entries.slice(i, i + 200);
      const existing = await Promise.all(chunk.map(([id]) => queue.getJob(id)));
      const toAdd: { name: string; data: ConvertJobData; opts: typeof jobOpts & { jobId: string } }[] = [];
      for (let k = 0; k < chunk.length; k++) {
        const [id, data] = chunk[k]!;
        const have = existing[k] as { data?: ConvertJobData } | undefined;
        if (!have) {
          toAdd.push({ name: JOB_NAME, data, opts: { ...jobOpts, jobId: id } });
          continue;
        }
        // the content has a job: names it does not cover get a job that reuses its result
        const covered = new Set((have.data?.targets ?? []).map((t) => `${t.key}\0${t.output}`));
        const missing = data.targets.filter((t) => !covered.has(`${t.key}\0${t.output}`));
        if (missing.length === 0) {
          known++;
          continue;
        }
        const extraId = extraJobId(id, missing);
        if (await queue.getJob(extraId)) {
          known++;
          continue;
        }
        extra++;
        toAdd.push({ name: JOB_NAME, data: { ...data, targets: missing, reuseFrom: id }, opts: { ...jobOpts, jobId: extraId } });
      }
      if (toAdd.length) await queue.addBulk(toAdd);
      added += toAdd.length;
    }
    const names = jobs.length;
    const shared = names - groups.size;
    process.stderr.write(
      `xxgk: ${names} file(s), ${groups.size} distinct content(s)${shared > 0 ? ` (${shared} name(s) share bytes with another)` : ''}: ` +
        `added ${added} job(s)${extra ? ` (${extra} for new names of content already queued)` : ''}, ${known} already queued, ` +
        `on queue "${opts.queue}" at ${showUrl(opts.redis)}; outputs go to ${outDir}\n`,
    );
    return QUEUE_EXIT.ok;
  } catch (err) {
    process.stderr.write(`xxgk: enqueuing failed (${(err as Error).message}); run again: jobs already added are not added twice\n`);
    return QUEUE_EXIT.redis;
  } finally {
    await queue.close().catch(() => undefined);
    await client.quit().catch(() => client.disconnect());
  }
}
