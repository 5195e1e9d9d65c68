/** `xxgk queue status` and `xxgk queue retry`: the state of the queue, and failed jobs sent round again. */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { connect, QUEUE_EXIT, QueueError, showUrl, type ConvertJobData, type ConvertJobResult } from './common.js';

export interface StatusOptions {
  redis: string;
  queue: string;
  failed?: boolean;
  json?: boolean;
}

export interface FailedJob {
  id: string;
  /** source.file of every input of the job. */
  inputs: string[];
  reason: string;
  attempts: number;
}

export interface QueueStatus {
  queue: string;
  counts: { waiting: number; active: number; delayed: number; completed: number; failed: number; prioritized: number };
  /** Workers connected now. */
  workers: number;
  failed?: FailedJob[];
}

async function withQueue<T>(opts: { redis: string; queue: string }, use: (q: Queue<ConvertJobData, ConvertJobResult>) => Promise<T>): Promise<{ value: T } | { code: number }> {
  let client: Redis;
  try {
    client = await connect(opts.redis, { blocking: false });
  } catch (err) {
    if (!(err instanceof QueueError)) throw err;
    process.stderr.write(`xxgk: ${err.message}\n`);
    return { code: QUEUE_EXIT.redis };
  }
  const queue = new Queue<ConvertJobData, ConvertJobResult>(opts.queue, { connection: client });
  queue.on('error', () => undefined);
  try {
    return { value: await use(queue) };
  } catch (err) {
    process.stderr.write(`xxgk: the queue could not be read (${(err as Error).message})\n`);
    return { code: QUEUE_EXIT.redis };
  } finally {
    await queue.close().catch(() => undefined);
    await client.quit().catch(() => client.disconnect());
  }
}

export async function runStatus(opts: StatusOptions): Promise<number> {
  const got = await withQueue(opts, async (queue) => {
    const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized');
    const status: QueueStatus = {
      queue: opts.queue,
      counts: {
        waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, completed: c.completed ?? 0,
        failed: c.failed ?? 0, prioritized: c.prioritized ?? 0,
      },
      workers: await queue.getWorkersCount().catch(() => 0),
    };
    if (opts.failed) {
      const jobs = await queue.getFailed(0, -1);
      status.failed = jobs.filter(Boolean).map((j) => ({
        id: String(j.id),
        inputs: (j.data?.targets ?? []).map((t) => t.display),
        reason: j.failedReason ?? '',
        attempts: j.attemptsMade,
      }));
    }
    return status;
  });
  if ('code' in got) return got.code;
  const r = got.value;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    return QUEUE_EXIT.ok;
  }
  const k = r.counts;
  const lines = [
    `queue "${r.queue}" at ${showUrl(opts.redis)}: waiting ${k.waiting + k.prioritized}, active ${k.active}, delayed ${k.delayed} (waiting for a retry), completed ${k.completed}, failed ${k.failed}; ${r.workers} worker(s) connected`,
  ];
  if (r.failed) {
    if (r.failed.length === 0) lines.push('no failed jobs');
    for (const f of r.failed) lines.push(`failed  ${f.inputs.join(', ') || f.id}  ${f.reason} (${f.attempts} attempt(s))`);
  } else if (k.failed > 0) lines.push(`(--failed lists the failed jobs' inputs and reasons; xxgk queue retry sends them round again)`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return QUEUE_EXIT.ok;
}

/** Put every failed job back in the queue, with its attempts afresh (after a fix: a longer --timeout, the storage mounted). */
export async function runRetry(opts: { redis: string; queue: string }): Promise<number> {
  const got = await withQueue(opts, async (queue) => {
    // one by one, each with its attempts counted afresh (a full round of retries with backoff)
    let n = 0;
    for (const j of (await queue.getFailed(0, -1)).filter(Boolean)) {
      await j.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      n++;
    }
    return n;
  });
  if ('code' in got) return got.code;
  process.stderr.write(`xxgk: ${got.value} failed job(s) put back in queue "${opts.queue}"\n`);
  return QUEUE_EXIT.ok;
}
