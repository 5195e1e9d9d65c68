/**
 * Queue mode (Redis + BullMQ): what the producer (`xxgk enqueue`), the workers (`xxgk worker`)
 * and `xxgk queue status` share — the job format, job ids, the Redis connection.
 *
 * A job is one distinct content (sha256) for one output tree: it names every input path that
 * holds these bytes (the paths, never the bytes: the inputs and the output tree are on storage
 * that every worker machine mounts at the same path). Its id is derived from the program
 * version, the sha256 and the output tree, so enqueuing the same tree twice adds nothing.
 *
 * Loaded only by the queue commands (lazily, from commands.ts): `xxgk convert` never loads
 * bullmq or ioredis.
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import { VERSION } from '../version.js';

/** The BullMQ queue used unless --queue says otherwise. */
export const DEFAULT_QUEUE = 'xxgk';
/** The BullMQ job name of a conversion. */
export const JOB_NAME = 'convert';
/** Version of the job data layout (a worker refuses layouts it does not know). */
export const JOB_FORMAT = 1;

/** One input path that holds the job's bytes: where to read it, what to write. */
export interface Target {
  /** Absolute path to read (UTF-8), or base64 of its exact bytes when `inputEncoding` says so. */
  input: string;
  /** 'base64': `input` is the base64 of a path that is not valid UTF-8 (GBK names). */
  inputEncoding?: 'base64';
  /** source.file (relative to --base, as `xxgk convert` shows it). */
  display: string;
  /** The manifest key of the input (as the batch writes it). */
  key: string;
  /** Output path relative to `outDir` ('/'-separated). */
  output: string;
}

export interface ConvertJobData {
  format: typeof JOB_FORMAT;
  /** Program version of the producer (part of the job id). */
  version: string;
  /** Absolute path of the output tree (shared). */
  outDir: string;
  /** sha256 of the bytes when enqueued; null: not read then (unreadable, not a regular file, too large). */
  sha256: string | null;
  bytes: number | null;
  /** Files larger than this are recorded as too-large (--max-size of enqueue). */
  maxBytes: number;
  /** Every input path with these bytes (one conversion, one JSON per target). */
  targets: Target[];
  /**
   * Names added by a later enqueue for content an earlier job already has: the id of that job,
   * whose output is copied when it is complete (else the bytes are converted again).
   */
  reuseFrom?: string;
}

/** What a completed job returns (kept in Redis as its return value). */
export interface ConvertJobResult {
  status: string;
  code: string | null;
  /** Outputs written, relative to outDir. */
  outputs: string[];
  /** `host:pid` of the worker. */
  worker: string;
  /** converted: by this job; reused: copied from `reuseFrom`'s output. */
  outcome: 'converted' | 'reused';
  ms: number;
}

export const hash = (s: string | Buffer, n = 16): string => createHash('sha256').update(s).digest('hex').slice(0, n);

/** BullMQ ids may not contain ':'; versions are `x.y.z[-tag]`. */
const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');

/** The job of a content: program version + sha256 + output tree (the same content for another tree is another job). */
export function contentJobId(sha256: string, outDir: string): string {
  return `v${safe(VERSION)}-${sha256}-${hash(outDir, 8)}`;
}

/** The job of an input that could not be read when enqueued: by its key, size and output tree. */
export function pathJobId(key: string, size: number | null, outDir: string): string {
  return `v${safe(VERSION)}-path-${hash(`${key}\0${outDir}`)}-${size ?? 'x'}`;
}

/** The job of names added later for content `baseId` already has. */
export function extraJobId(baseId: string, targets: Target[]): string {
  return `${baseId}-names-${hash(targets.map((t) => `${t.key}\0${t.output}`).sort().join('\0'), 8)}`;
}

/** The path to read of a target (bytes for a name that is not UTF-8). */
export function targetPath(t: Target): string | Buffer {
  return t.inputEncoding === 'base64' ? Buffer.from(t.input, 'base64') : t.input;
}

/** `host:pid`, as this worker names itself in BullMQ and in its manifest. */
export function workerName(): string {
  return `${hostname()}:${process.pid}`;
}

/** A Redis URL without its password, for messages. */
export function showUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/** Exit codes of the queue commands (those shared with convert keep its numbers). */
export const QUEUE_EXIT = {
  ok: 0,
  usage: 2,
  /** The output folder cannot be created. */
  outputError: 3,
  /** Redis cannot be reached (or refuses the commands). */
  redis: 5,
  /** A worker stopped by a second signal, its running jobs handed back to the queue. */
  interrupted: 130,
} as const;

export class QueueError extends Error {}

/**
 * Connect to Redis, failing within `deadlineMs` when it cannot be reached. `blocking`: for a
 * BullMQ Worker (commands wait for a reconnection forever, as BullMQ requires); otherwise
 * commands fail after a few tries (enqueue, status).
 */
export async function connect(url: string, opts: { blocking: boolean; deadlineMs?: number }): Promise<Redis> {
  let lastError = '';
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: opts.blocking ? null : 3,
    connectTimeout: 5_000,
    // reconnect after a lost connection: quickly at first, then every 5 s
    retryStrategy: (times) => Math.min(200 * times, 5_000),
  });
  // ioredis emits 'error' on every failed (re)connection: never an unhandled 'error' event
  client.on('error', (err: Error) => {
    lastError = err.message;
  });
  const deadline = opts.deadlineMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect().then(() => client.ping()),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${deadline / 1000} s`)), deadline);
      }),
    ]);
  } catch (err) {
    client.disconnect();
    throw new QueueError(`cannot reach Redis at ${showUrl(url)} (${lastError || (err as Error).message}): check --redis and that redis-server is running`);
  } finally {
    clearTimeout(timer);
  }
  return client;
}
