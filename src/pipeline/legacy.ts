/**
 * Legacy Word (.doc) and WPS (.wps) binaries are read through LibreOffice: converted to .docx in
 * batches (one soffice start per batch: start-up dominates), with a private profile and a
 * timeout that kills the whole soffice process group.
 *
 * soffice never outlives us: it runs in its own process group under a small shell watchdog that
 * holds a pipe from this process; when this process ends in any way (kill -9 included) the pipe
 * closes and the watchdog kills the group. On a normal exit or a second Ctrl-C the group is
 * killed and the private profile removed at once. Profiles left by a killed run (their pid is
 * gone) are removed when the next converter starts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ErrorInfo } from '../model.js';
import { alive } from './lock.js';

/** The soffice binary: $SOFFICE, else soffice/libreoffice on PATH, else null. */
export function findSoffice(): string | null {
  if (process.env.SOFFICE) return existsSync(process.env.SOFFICE) ? process.env.SOFFICE : null;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of ['soffice', 'libreoffice']) {
      const p = path.join(dir, name);
      if (dir && existsSync(p)) return p;
    }
  }
  return null;
}

export const NEEDS_LIBREOFFICE: ErrorInfo = {
  code: 'needs-libreoffice',
  message:
    'legacy Word 97-2003 (.doc) / WPS (.wps) binary: it is read through LibreOffice, which is not installed. Install it (Debian/Ubuntu: apt-get install libreoffice-writer-nogui) or set SOFFICE to the soffice binary, then run again.',
};

type Result = { docx: string } | { error: ErrorInfo };

/** What a file waiting for LibreOffice gets when the batch is stopped at once (not written). */
const INTERRUPTED: ErrorInfo = { code: 'interrupted', message: 'the batch was stopped before LibreOffice converted this file' };

const PROFILE_PREFIX = 'xxgk-lo-';

/** Remove the temp folders (profile, copies) of converters whose process is gone. */
export async function removeStaleProfiles(dir = tmpdir()): Promise<number> {
  let removed = 0;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const m = new RegExp(`^${PROFILE_PREFIX}(\\d+)-`).exec(name);
    if (!m || alive(Number(m[1]))) continue;
    await rm(path.join(dir, name), { recursive: true, force: true }).catch(() => undefined);
    removed++;
  }
  return removed;
}

/** soffice process groups running now, killed when this process exits. */
const groups = new Set<number>();
/** Temp folders to remove when this process exits. */
const folders = new Set<string>();
let exitHook = false;

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* gone */
  }
}

function onExit(): void {
  for (const pid of groups) killGroup(pid);
  groups.clear();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  folders.clear();
}

interface Pending {
  file: string | Buffer;
  resolve: (r: Result) => void;
}

export class LegacyConverter {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private dir: string | null = null;
  private batchNo = 0;

  constructor(
    private readonly soffice: string,
    private readonly opts: { batchSize?: number; delayMs?: number; timeoutMs?: number } = {},
  ) {}

  private started = false;
  private killed = false;

  convert(file: string | Buffer): Promise<Result> {
    if (!this.started) {
      this.started = true;
      void removeStaleProfiles();
      if (!exitHook) {
        exitHook = true;
        process.on('exit', onExit);
      }
    }
    return new Promise((resolve) => {
      this.queue.push({ file, resolve });
      if (this.queue.length >= (this.opts.batchSize ?? 16)) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.opts.delayMs ?? 300);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.queue.splice(0);
    if (batch.length === 0) return;
    this.running = this.running.then(() => this.runBatch(batch));
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    if (!this.dir) {
      this.dir = await mkdtemp(path.join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
      folders.add(this.dir);
    }
    const n = this.batchNo++;
    const inDir = path.join(this.dir, `in-${n}`);
    const outDir = path.join(this.dir, `out-${n}`);
    await mkdir(inDir, { recursive: true });
    await mkdir(outDir, { recursive: true });
    // copy under unique ASCII names: LibreOffice names its output after the input's base name
    const names = await Promise.all(
      batch.map(async (p, i) => {
        const ext = path.extname(typeof p.file === 'string' ? p.file : p.file.toString('latin1')).toLowerCase();
        const name = `${i}${ext === '.wps' ? '.wps' : '.doc'}`;
        try {
          await copyFile(p.file, path.join(inDir, name));
          return name;
        } catch {
          return null;
        }
      }),
    );
    const profile = pathToFileURL(path.join(this.dir, 'profile')).href;
    const args = ['--headless', '--norestore', '--nolockcheck', `-env:UserInstallation=${profile}`, '--convert-to', 'docx', '--outdir', outDir,
      ...names.filter((x): x is string => x !== null).map((x) => path.join(inDir, x))];
    const outcome = await run(this.soffice, args, this.opts.timeoutMs ?? 180_000);
    batch.forEach((p, i) => {
      const name = names[i];
      const docx = name ? path.join(outDir, `${path.parse(name).name}.docx`) : null;
      if (docx && existsSync(docx)) p.resolve({ docx });
      else if (this.killed) p.resolve({ error: INTERRUPTED });
      else if (outcome === 'timeout') p.resolve({ error: { code: 'timeout', message: 'LibreOffice did not finish converting this legacy Word file in time' } });
      else p.resolve({ error: { code: 'corrupt', message: 'LibreOffice could not read this legacy Word/WPS file: it is damaged or not really a Word document' } });
    });
  }

  async close(): Promise<void> {
    this.flush();
    await this.running;
    if (this.dir) {
      await rm(this.dir, { recursive: true, force: true });
      folders.delete(this.dir);
    }
  }

  /** Stop at once: kill every soffice, answer every waiting file with an interruption. */
  async kill(): Promise<void> {
    this.killed = true;
    for (const p of this.queue.splice(0)) p.resolve({ error: INTERRUPTED });
    for (const pid of groups) killGroup(pid);
    await this.running.catch(() => undefined);
  }
}

/**
 * The watchdog: runs the command in the background (stdin /dev/null, the pipe's fd closed) and
 * waits; a reader on the pipe from us sees end-of-file when we are gone and kills the group.
 */
const WATCHDOG = [
  'exec 3<&0',
  '"$@" </dev/null 3<&- &',
  'child=$!',
  '{ while read -r _; do :; done; kill -KILL 0; } <&3 &',
  'watcher=$!',
  'exec 3<&-',
  'wait "$child"; code=$?',
  'kill "$watcher" 2>/dev/null',
  'exit "$code"',
].join('\n');

function run(cmd: string, args: string[], timeoutMs: number): Promise<'ok' | 'failed' | 'timeout'> {
  return new Promise((resolve) => {
    // a process group of its own: soffice.bin and its helpers are killed together
    const child: ChildProcess = spawn('/bin/sh', ['-c', WATCHDOG, 'xxgk-soffice', cmd, ...args], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
    const pid = child.pid;
    if (pid !== undefined) groups.add(pid);
    child.stdin?.on('error', () => undefined);
    const timer = setTimeout(() => {
      if (pid !== undefined) killGroup(pid);
      else child.kill('SIGKILL');
      resolve('timeout');
    }, timeoutMs);
    const done = (outcome: 'ok' | 'failed') => {
      clearTimeout(timer);
      if (pid !== undefined) {
        killGroup(pid); // anything it left running
        groups.delete(pid);
      }
      child.stdin?.destroy();
      resolve(outcome);
    };
    child.on('error', () => done('failed'));
    child.on('exit', (code) => done(code === 0 ? 'ok' : 'failed'));
  });
}
