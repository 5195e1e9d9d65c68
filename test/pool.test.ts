/**
 * The worker pool's two files per thread (pool.ts, worker.ts): a thread converts them one after
 * the other, a file's time limit counts from when its thread starts it, and a file that was
 * waiting in a thread terminated for the file before it is converted all the same.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPool, type ConvertPool } from '../src/pipeline/pool.js';
import { sha256 } from '../src/pipeline/records.js';
import convertTask from '../src/pipeline/worker.js';
import { now, type WorkerTask } from '../src/pipeline/task.js';
import { slowPdf } from './helpers/mini-pdf.js';

const root = path.resolve(import.meta.dirname, '..');
const DOCX = 'samples/invented-2021-clean-yunxi-2023.docx';

function docxTask(): WorkerTask {
  const bytes = new Uint8Array(readFileSync(path.join(root, DOCX)));
  return { bytes, sha256: sha256(bytes), display: DOCX };
}

function slowPdfTask(): WorkerTask {
  const bytes = slowPdf();
  return { bytes, sha256: sha256(bytes), display: 'slow.pdf' };
}

describe('a thread with two files', () => {
  const pools: ConvertPool[] = [];
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.destroy()));
  });

  it('the file waiting behind one that times out is converted, not charged with the wait nor counted as a retry', async () => {
    const pool = startPool({ jobs: 1, timeoutMs: 1000 }, ['slow.pdf', DOCX]);
    pools.push(pool);
    expect(pool.threads).toBe(1);
    const t0 = Date.now();
    const slowTask = slowPdfTask();
    const slow = pool.run(slowTask).then((r) => ({ r, at: Date.now() - t0 }));
    // handed out while the slow file holds the only thread: it waits in that thread
    const next = pool.run(docxTask()).then((r) => ({ r, at: Date.now() - t0 }));
    const [s, d] = await Promise.all([slow, next]);
    expect([s.r.status, s.r.error?.code]).toEqual(['failed', 'timeout']);
    // the record of a file the thread did not finish has the hash and size the task brought
    expect(s.r.source).toMatchObject({ file: 'slow.pdf', sha256: slowTask.sha256, bytes: slowTask.bytes!.length });
    expect(s.at).toBeGreaterThanOrEqual(1000);
    expect([d.r.status, d.r.error, d.r.source.file]).toEqual(['ok', null, DOCX]);
    expect(d.r.applications.newReceived.total).toBe(1683);
    expect(d.r.applications.carriedForward.total).toBe(51);
    // it ended after the slow file was stopped: it had been waiting in the terminated thread
    expect(d.at).toBeGreaterThanOrEqual(s.at);
    expect([pool.redispatched, pool.retried]).toEqual([1, 0]);
  }, 60_000);
});

describe("a thread's conversions", () => {
  it('run one after the other, each stamping its start (time and thread id) for the time limit', async () => {
    const a = { ...docxTask(), started: new SharedArrayBuffer(16) };
    const b = { ...docxTask(), started: new SharedArrayBuffer(16) };
    const sa = new BigInt64Array(a.started);
    const sb = new BigInt64Array(b.started);
    const before = now();
    const pa = convertTask(a);
    const pb = convertTask(b);
    // b waits for a: not started when handed over, nor once a has begun
    expect(sb[0]).toBe(0n);
    await Promise.resolve();
    await Promise.resolve();
    expect(sa[0]).not.toBe(0n);
    expect(sb[0]).toBe(0n);
    const [ra, rb] = await Promise.all([pa, pb]);
    expect([ra?.status, rb?.status]).toEqual(['ok', 'ok']);
    expect(Number(sa[0])).toBeGreaterThanOrEqual(before);
    expect(Number(sb[0])).toBeGreaterThanOrEqual(Number(sa[0]));
    // the main thread's id (this test calls the converter directly)
    expect([sa[1], sb[1]]).toEqual([0n, 0n]);
  }, 60_000);
});
