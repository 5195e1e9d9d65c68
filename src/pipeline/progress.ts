/**
 * Progress while a batch runs and the summary at its end. On a TTY one live line (rewritten in
 * place); in CI or when piped, a plain line every few seconds.
 */
import type { BatchResult, BatchStats } from './batch.js';

export interface ProgressOptions {
  total: number;
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  /** Print a plain line at most this often when not on a TTY (ms). */
  plainIntervalMs?: number;
  quiet?: boolean;
  /** A line for every file, not only for those that need a look. */
  verbose?: boolean;
}

const fmtTime = (s: number) =>
  !Number.isFinite(s) ? '?' : s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${s.toFixed(1)}s`;

export class Progress {
  readonly started = Date.now();
  done = 0;
  readonly byOutcome = new Map<string, number>();
  readonly byStatus = new Map<string, number>();
  readonly byLayout = new Map<string, number>();
  readonly failures = new Map<string, { count: number; example: string }>();
  /** Files whose failure is not their own, tried again next run: by code. */
  readonly retryNext = new Map<string, number>();
  /** Files left alone because such failures used up their attempts. */
  gaveUp = 0;
  /** Reports converted now with failed arithmetic checks, and those checks. */
  checkReports = 0;
  failedChecks = 0;
  private lastPrint = 0;
  private readonly tty: boolean;

  constructor(private readonly opts: ProgressOptions) {
    this.tty = Boolean(opts.stream.isTTY) && !process.env.CI;
  }

  /** Files left to other shards (--shard). */
  otherShards = 0;

  add(r: BatchResult): void {
    this.done++;
    if (r.outcome === 'other-shard') {
      this.otherShards++;
      this.tick();
      return;
    }
    inc(this.byOutcome, r.outcome);
    inc(this.byStatus, r.status);
    if (r.outcome !== 'unchanged') inc(this.byLayout, `${r.layout.activeDisclosure ?? '-'}/${r.layout.applications ?? '-'}`);
    if (r.gaveUp) this.gaveUp++;
    if (r.code === 'output-error' || (r.attempt > 0 && r.outcome !== 'unchanged')) inc(this.retryNext, r.code ?? '');
    if (r.code && r.outcome !== 'unchanged') {
      const f = this.failures.get(r.code);
      if (f) f.count++;
      else this.failures.set(r.code, { count: 1, example: `${r.job.display}: ${r.message ?? ''}` });
    }
    const checks = r.review?.failedChecks.length ?? 0;
    if (checks > 0) {
      this.checkReports++;
      this.failedChecks += checks;
    }
    if (this.opts.quiet) return;
    if (r.code && r.outcome !== 'unchanged') this.write(`${r.status.padEnd(12)} ${r.job.display}  ${r.code}: ${r.message ?? ''}\n`);
    else if (r.review?.missing) this.write(`${'partial'.padEnd(12)} ${r.job.display}  ${r.review.missing}\n`);
    else if (this.opts.verbose) {
      const layout = r.outcome === 'unchanged' ? r.outcome : `${r.layout.activeDisclosure ?? '-'}/${r.layout.applications ?? '-'} ${r.ms} ms${r.outcome === 'reused' ? ' (reused)' : ''}`;
      this.write(`${String(r.status).padEnd(12)} ${r.job.display}  ${layout}\n`);
    }
    if (r.review?.checks) this.write(`${'checks'.padEnd(12)} ${r.job.display}  ${r.review.checks}\n`);
    this.tick();
  }

  private line(): string {
    const secs = (Date.now() - this.started) / 1000;
    const converted = (this.byOutcome.get('converted') ?? 0) + (this.byOutcome.get('reused') ?? 0);
    const rate = secs > 0 ? converted / secs : 0;
    const eta = rate > 0 ? (this.opts.total - this.done) / rate : Infinity;
    const failed = this.byStatus.get('failed') ?? 0;
    return `${this.done}/${this.opts.total} files, ${rate.toFixed(1)} files/s, ETA ${this.done === this.opts.total ? '0s' : fmtTime(eta)}, ${failed} failed`;
  }

  private write(text: string): void {
    if (this.tty) this.opts.stream.write(`\r\x1b[K${text}`);
    else this.opts.stream.write(text);
  }

  tick(force = false): void {
    if (this.opts.quiet) return;
    const now = Date.now();
    if (this.tty) {
      if (force || now - this.lastPrint > 100) {
        this.opts.stream.write(`\r\x1b[K${this.line()}`);
        this.lastPrint = now;
      }
    } else if (force || now - this.lastPrint >= (this.opts.plainIntervalMs ?? 5000)) {
      this.opts.stream.write(`progress: ${this.line()}\n`);
      this.lastPrint = now;
    }
  }

  summary(extra: Partial<BatchStats> & { interrupted?: boolean; maxAttempts?: number } = {}): string {
    const secs = (Date.now() - this.started) / 1000;
    const converted = this.byOutcome.get('converted') ?? 0;
    const reused = this.byOutcome.get('reused') ?? 0;
    const unchanged = this.byOutcome.get('unchanged') ?? 0;
    const lines: string[] = [];
    if (this.tty && !this.opts.quiet) lines.push('\r\x1b[K');
    lines.push(`xxgk: ${this.done} file(s) in ${secs.toFixed(1)} s (${secs > 0 ? ((converted + reused) / secs).toFixed(1) : '0.0'} files/s): converted ${converted}, reused ${reused} (identical bytes), unchanged ${unchanged}`);
    if (this.otherShards) lines.push(`  ${this.otherShards} file(s) belong to other shards (--shard): not converted by this run`);
    if (this.done - this.otherShards > 0 && converted + reused === 0) {
      lines.push(`  nothing to convert: all ${unchanged} file(s) are unchanged since the last run (--force converts them again)`);
    }
    lines.push(`  status: ${list(this.byStatus, ['ok', 'partial', 'not-a-report', 'needs-ocr', 'failed'])}`);
    if (this.byLayout.size) lines.push(`  layout (二/三): ${list(this.byLayout)}`);
    const partial = this.byStatus.get('partial') ?? 0;
    if (partial || this.checkReports) {
      lines.push(`  need a look: ${partial} partial report(s) (something missing or unreadable), ${this.checkReports} report(s) with ${this.failedChecks} failed arithmetic check(s)${this.opts.quiet ? '' : ' — listed above'}; the manifest names them (missing, failedChecks)`);
    }
    if (this.failures.size) {
      lines.push('  problems by code:');
      for (const [code, f] of [...this.failures.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))) {
        lines.push(`    ${code} ${f.count}, e.g. ${f.example.length > 160 ? `${f.example.slice(0, 157)}...` : f.example}`);
      }
    }
    if (this.retryNext.size) {
      const n = [...this.retryNext.values()].reduce((a, b) => a + b, 0);
      lines.push(`  ${n} file(s) failed for a reason that is not the file's own (${list(this.retryNext)}): the next run tries them again${extra.maxAttempts ? ` (at most ${extra.maxAttempts} runs in all)` : ''}`);
    }
    if (this.gaveUp) lines.push(`  ${this.gaveUp} file(s) not tried again: they failed for such reasons in ${extra.maxAttempts ?? 'several'} runs already (--force tries them again)`);
    if (extra.outputErrors) lines.push(`  OUTPUT ERRORS: ${extra.outputErrors} result(s) could not be written (see output-error above); they are converted again next run`);
    if (extra.manifestErrors) lines.push(`  OUTPUT ERRORS: ${extra.manifestErrors} manifest line(s) could not be written; those files are converted again next run`);
    if (extra.jsonlError) lines.push(`  OUTPUT ERRORS: the JSONL stream failed (${extra.jsonlError}); ${extra.jsonlLines ?? 0} line(s) were written before`);
    if (extra.interrupted && extra.total !== undefined) {
      const notStarted = extra.total - this.done;
      lines.push(`  interrupted: ${notStarted} file(s) not started; run the same command again to convert them`);
    }
    if (extra.retriedInRun) lines.push(`  ${extra.retriedInRun} file(s) run again on a fresh worker after their worker died`);
    if (extra.recycled) lines.push(`  worker pool recycled ${extra.recycled} time(s)`);
    if (extra.tornManifestLines) lines.push(`  ${extra.tornManifestLines} torn manifest line(s) from an interrupted run were ignored; those files were converted again`);
    return `${lines.join('\n')}\n`;
  }
}

function inc(m: Map<string, number>, k: string) {
  m.set(k, (m.get(k) ?? 0) + 1);
}

function list(m: Map<string, number>, order: string[] = []): string {
  const keys = [...order.filter((k) => m.has(k)), ...[...m.keys()].filter((k) => !order.includes(k)).sort()];
  return keys.map((k) => `${k} ${m.get(k)}`).join(', ') || 'none';
}
