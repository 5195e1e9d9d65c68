/**
 * The batch manifest: `<out>/xxgk-manifest.jsonl`, one JSON line per finished file, appended
 * after the file's JSON has been written (atomically). A run killed at any moment leaves at most
 * a torn last line, which is ignored on load; the next run skips what the manifest records as
 * done with the same bytes and the same program version, and converts the rest.
 *
 * A record whose failure does not belong to the file (the worker died, the time limit ran out on
 * a busy machine, a bug in the converter) is not "done": the next run tries that file again, up
 * to `maxAttempts` times in all for the same bytes and version; after that it is left alone
 * (and the summary says so) until the bytes, the version or --force change.
 */
import { appendFile, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export const MANIFEST_NAME = 'xxgk-manifest.jsonl';

/**
 * Every manifest of an output folder: the main one, one per shard (`xxgk-manifest.shard-0-of-4.jsonl`)
 * and one per queue worker process (`xxgk-manifest.worker-<host>-<pid>.jsonl`).
 */
export const MANIFEST_FILES = /^xxgk-manifest(?:\.shard-\d+-of-\d+|\.worker-[A-Za-z0-9_-]+)?\.jsonl$/;

/** The manifest a shard appends to. */
export const shardManifestName = (index: number, count: number): string => `xxgk-manifest.shard-${index}-of-${count}.jsonl`;

/** Failure codes that say nothing about the file itself: such files are tried again. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set(['worker-crashed', 'timeout', 'internal-error', 'output-error']);

/** Attempts for the same bytes and version before a retryable failure is accepted as final. */
export const DEFAULT_MAX_ATTEMPTS = 3;

export interface ManifestEntry {
  /** Input path as given (relative to the working directory or absolute); see Job.key. */
  input: string;
  /** Output path relative to the output directory. */
  output: string;
  sha256: string | null;
  bytes: number | null;
  /** Program version that wrote the output. */
  version: string;
  status: string;
  code: string | null;
  /** A partial report: what is missing or unreadable, and where (one line). */
  missing?: string;
  /** The arithmetic checks that failed, as `rule@row-or-column`. */
  failedChecks?: string[];
  /** A needs-ocr record written with OCR off (--ocr off): a run with OCR on reads the file. */
  ocrOff?: true;
}

interface Known {
  entry: ManifestEntry;
  /** Consecutive retryable failures recorded for entry's bytes and version. */
  attempts: number;
}

export class Manifest {
  /** Latest entry per input path. */
  private readonly byInput = new Map<string, Known>();
  /** An entry per (content, version), to reuse a conversion for identical bytes under another name. */
  private readonly byContent = new Map<string, ManifestEntry>();
  private chain: Promise<void> = Promise.resolve();
  /** Appends that failed (disk full, read-only): those files are converted again next time. */
  failedAppends = 0;
  lastAppendError: string | null = null;

  private constructor(readonly file: string, readonly maxAttempts: number) {}

  /**
   * Read every manifest of `outDir` (the main one first, then the shards' — what any run did
   * counts), appending from now on to `own` (the main manifest, or a shard's).
   */
  static async load(outDir: string, maxAttempts = DEFAULT_MAX_ATTEMPTS, own = MANIFEST_NAME): Promise<{ manifest: Manifest; torn: number }> {
    const m = new Manifest(path.join(outDir, own), maxAttempts);
    let torn = 0;
    let names: string[] = [];
    try {
      names = (await readdir(outDir)).filter((n) => MANIFEST_FILES.test(n));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    names.sort((a, b) => (a === MANIFEST_NAME ? -1 : b === MANIFEST_NAME ? 1 : a < b ? -1 : a > b ? 1 : 0));
    let ownText = '';
    for (const name of names) {
      let text = '';
      try {
        text = await readFile(path.join(outDir, name), 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      if (name === own) ownText = text;
      torn += m.read(text);
    }
    // a torn last line must not glue itself to the next append (only our own file: another
    // shard may be appending to its own right now)
    if (ownText.length > 0 && !ownText.endsWith('\n')) await appendFile(m.file, '\n');
    return { manifest: m, torn };
  }

  /** Remember the entries of a manifest's text; returns the number of torn lines. */
  private read(text: string): number {
    let torn = 0;
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let e: ManifestEntry;
      try {
        e = JSON.parse(line) as ManifestEntry;
      } catch {
        torn++; // a line cut short by a kill: that file is simply converted again
        continue;
      }
      if (e && typeof e.input === 'string' && typeof e.output === 'string' && typeof e.version === 'string') this.remember(e);
      else torn++;
    }
    return torn;
  }


  private remember(e: ManifestEntry): void {
    const prev = this.byInput.get(e.input);
    const same = prev && prev.entry.sha256 === e.sha256 && prev.entry.version === e.version;
    const retryable = e.code !== null && RETRYABLE_CODES.has(e.code);
    const attempts = retryable ? (same && prev.attempts > 0 ? prev.attempts + 1 : 1) : 0;
    this.byInput.set(e.input, { entry: e, attempts });
    if (e.sha256 && !retryable) this.byContent.set(`${e.sha256}:${e.version}`, e);
  }

  /** The latest entry for an input path. */
  last(input: string): ManifestEntry | undefined {
    return this.byInput.get(input)?.entry;
  }

  /**
   * The entry that makes converting `input` again unnecessary, if any: a final result for these
   * bytes and this version, or a retryable failure that has used up its attempts (`gaveUp`).
   */
  done(input: string, sha256: string, version: string): { entry: ManifestEntry; gaveUp: boolean } | undefined {
    const k = this.byInput.get(input);
    if (!k || k.entry.sha256 !== sha256 || k.entry.version !== version) return undefined;
    if (k.attempts === 0) return { entry: k.entry, gaveUp: false };
    return k.attempts >= this.maxAttempts ? { entry: k.entry, gaveUp: true } : undefined;
  }

  /** Retryable failures already recorded for these bytes (0 if none). */
  attempts(input: string, sha256: string, version: string): number {
    const k = this.byInput.get(input);
    return k && k.entry.sha256 === sha256 && k.entry.version === version ? k.attempts : 0;
  }

  /** A finished conversion of the same bytes by the same version under another name. */
  sameContent(sha256: string, version: string): ManifestEntry | undefined {
    return this.byContent.get(`${sha256}:${version}`);
  }

  /**
   * Append an entry (serialised: one whole line per write). A failed append rejects for this
   * entry only; later appends still go through.
   */
  record(e: ManifestEntry): Promise<void> {
    const line = `${JSON.stringify(e)}\n`;
    const written = this.chain.then(() => appendFile(this.file, line));
    this.chain = written.then(
      () => this.remember(e),
      (err: NodeJS.ErrnoException) => {
        this.failedAppends++;
        this.lastAppendError = err?.code ?? String(err);
      },
    );
    return written;
  }

  /** Wait for every append; never rejects (failures are counted in failedAppends). */
  async flush(): Promise<void> {
    await this.chain;
  }
}
