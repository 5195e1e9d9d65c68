/**
 * Input discovery: files and directories (recursive) → conversion jobs with their output paths.
 * `DIR/<path relative to the input argument>/<name without extension>.json`; a single file
 * argument gives `DIR/<name>.json`.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Extensions picked up when walking a directory (an explicit file argument is always taken). */
export const DOCUMENT_EXTENSIONS = new Set(['.docx', '.doc', '.wps', '.pdf', '.html', '.htm', '.mht']);

export interface Job {
  /** Path to read. */
  input: string;
  /** Path recorded in source.file: as given on the command line (relative stays relative). */
  display: string;
  /** Output path relative to the output directory. */
  output: string;
}

export interface Discovery {
  jobs: Job[];
  /** Arguments that do not exist or cannot be listed: usage errors. */
  problems: string[];
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      await walk(p, out);
    } else if ((e.isFile() || e.isSymbolicLink()) && DOCUMENT_EXTENSIONS.has(path.extname(e.name).toLowerCase())) {
      // a link is taken like a file; if it is dangling, its record says it cannot be read
      out.push(p);
    }
  }
}

function withoutExtension(p: string): string {
  const ext = path.extname(p);
  return ext ? p.slice(0, -ext.length) : p;
}

/**
 * A path read from a list (stdin): it is mirrored whole under the output directory, since a list
 * of thousands of files has many equal names ("a/2022/报告.pdf" → "a/2022/报告.json").
 */
function listedOutput(p: string): string {
  const rel = path.isAbsolute(p) ? path.relative(path.parse(p).root, p) : path.normalize(p);
  return `${withoutExtension(rel.split(path.sep).filter((x) => x !== '..' && x !== '.').join('/'))}.json`;
}

/**
 * Inputs: files, directories (walked recursively) and, for "-", paths read from `stdin` (one per
 * line; a listed directory is walked too).
 */
export async function discover(inputs: string[], stdin?: () => Promise<string>): Promise<Discovery> {
  const jobs: Job[] = [];
  const problems: string[] = [];
  const expanded: { arg: string; listed: boolean }[] = [];
  for (const arg of inputs) {
    if (arg === '-' && stdin) {
      for (const line of (await stdin()).split(/\r?\n/)) if (line.trim()) expanded.push({ arg: line.trim(), listed: true });
    } else expanded.push({ arg, listed: false });
  }
  for (const { arg, listed } of expanded) {
    let st;
    try {
      st = await stat(arg);
    } catch (err) {
      // a listed path that is gone or cannot be stat'ed gets its own error record (a nightly list
      // may name a file deleted since); a command-line argument that does not exist is a usage error
      if (listed) jobs.push({ input: arg, display: arg, output: listedOutput(arg) });
      else problems.push(`${arg}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : 'cannot be read'}`);
      continue;
    }
    if (st.isDirectory()) {
      const files: string[] = [];
      try {
        await walk(arg, files);
      } catch (err) {
        problems.push(`${arg}: cannot list the directory (${(err as NodeJS.ErrnoException).code ?? err})`);
        continue;
      }
      for (const f of files) {
        const rel = `${withoutExtension(path.relative(arg, f))}.json`;
        jobs.push({ input: f, display: f, output: listed ? listedOutput(f) : rel });
      }
    } else {
      jobs.push({ input: arg, display: arg, output: listed ? listedOutput(arg) : `${withoutExtension(path.basename(arg))}.json` });
    }
  }
  // two inputs that would write the same JSON (report.docx and report.pdf side by side): the
  // first keeps <name>.json, the others get <name>.<ext>.json
  const taken = new Set<string>();
  for (const j of jobs) {
    const key = j.output.normalize('NFC');
    if (taken.has(key)) {
      const ext = path.extname(j.input).slice(1).toLowerCase() || 'noext';
      j.output = `${withoutExtension(j.output)}.${ext}.json`;
    }
    taken.add(j.output.normalize('NFC'));
  }
  return { jobs, problems };
}
