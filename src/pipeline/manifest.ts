/**
 * The batch manifest: `<out>/xxgk-manifest.jsonl`, one JSON line per finished file, appended
 * after the file's JSON has been written (atomically). A run killed at any moment leaves at most
 * a torn last line, which is ignored on load; the next run skips what the manifest records as
 * done with the same bytes and the same program version, and converts the rest.
 */
import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';

export const MANIFEST_NAME = 'xxgk-manifest.jsonl';

export interface ManifestEntry {
  /** Input path as given (relative to the working directory or absolute). */
  input: string;
  /** Output path relative to the output directory. */
  output: string;
  sha256: string | null;
  bytes: number | null;
  /** Program version that wrote the output. */
  version: string;
  status: string;
  code: string | null;
}

export class Manifest {
  /** Latest entry per input path. */
  private readonly byInput = new Map<string, ManifestEntry>();
  /** An entry per (content, version), to reuse a conversion for identical bytes under another name. */
  private readonly byContent = new Map<string, ManifestEntry>();
  private chain: Promise<void> = Promise.resolve();

  private constructor(readonly file: string) {}

  static async load(outDir: string): Promise<{ manifest: Manifest; torn: number }> {
    const m = new Manifest(path.join(outDir, MANIFEST_NAME));
    let torn = 0;
    let text = '';
    try {
      text = await readFile(m.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        m.remember(JSON.parse(line) as ManifestEntry);
      } catch {
        torn++; // a line cut short by a kill: that file is simply converted again
      }
    }
    // a torn last line must not glue itself to the next append
    if (text.length > 0 && !text.endsWith('\n')) await appendFile(m.file, '\n');
    return { manifest: m, torn };
  }

  private remember(e: ManifestEntry): void {
    this.byInput.set(e.input, e);
    if (e.sha256) this.byContent.set(`${e.sha256}:${e.version}`, e);
  }

  /** The latest entry for an input path. */
  last(input: string): ManifestEntry | undefined {
    return this.byInput.get(input);
  }

  /** The entry that makes converting `input` again unnecessary, if any. */
  done(input: string, sha256: string, version: string): ManifestEntry | undefined {
    const e = this.byInput.get(input);
    return e && e.sha256 === sha256 && e.version === version ? e : undefined;
  }

  /** A finished conversion of the same bytes by the same version under another name. */
  sameContent(sha256: string, version: string): ManifestEntry | undefined {
    return this.byContent.get(`${sha256}:${version}`);
  }

  /** Append an entry (serialised: one whole line per write). */
  record(e: ManifestEntry): Promise<void> {
    this.remember(e);
    this.chain = this.chain.then(() => appendFile(this.file, `${JSON.stringify(e)}\n`));
    return this.chain;
  }

  async flush(): Promise<void> {
    await this.chain;
  }
}
