/**
 * Legacy Word (.doc) and WPS (.wps) binaries are read through LibreOffice: converted to .docx in
 * batches (one soffice start per batch: start-up dominates), with a private profile and a
 * timeout that kills the whole soffice process group.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ErrorInfo } from '../model.js';

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

interface Pending {
  file: string;
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

  convert(file: string): Promise<Result> {
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
    this.dir ??= await mkdtemp(path.join(tmpdir(), 'xxgk-lo-'));
    const n = this.batchNo++;
    const inDir = path.join(this.dir, `in-${n}`);
    const outDir = path.join(this.dir, `out-${n}`);
    await mkdir(inDir, { recursive: true });
    await mkdir(outDir, { recursive: true });
    // copy under unique ASCII names: LibreOffice names its output after the input's base name
    const names = await Promise.all(
      batch.map(async (p, i) => {
        const name = `${i}${path.extname(p.file).toLowerCase() || '.doc'}`;
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
      else if (outcome === 'timeout') p.resolve({ error: { code: 'timeout', message: 'LibreOffice did not finish converting this legacy Word file in time' } });
      else p.resolve({ error: { code: 'corrupt', message: 'LibreOffice could not read this legacy Word/WPS file: it is damaged or not really a Word document' } });
    });
  }

  async close(): Promise<void> {
    this.flush();
    await this.running;
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<'ok' | 'failed' | 'timeout'> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL'); // soffice.bin and its helpers
      } catch {
        child.kill('SIGKILL');
      }
      resolve('timeout');
    }, timeoutMs);
    child.on('error', () => {
      clearTimeout(timer);
      resolve('failed');
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? 'ok' : 'failed');
    });
  });
}
