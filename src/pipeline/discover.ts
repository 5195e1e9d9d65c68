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
    } else if (e.isFile() && DOCUMENT_EXTENSIONS.has(path.extname(e.name).toLowerCase())) {
      out.push(p);
    }
  }
}

function withoutExtension(p: string): string {
  const ext = path.extname(p);
  return ext ? p.slice(0, -ext.length) : p;
}

export async function discover(inputs: string[]): Promise<Discovery> {
  const jobs: Job[] = [];
  const problems: string[] = [];
  for (const arg of inputs) {
    let st;
    try {
      st = await stat(arg);
    } catch {
      problems.push(`${arg}: no such file or directory`);
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
        jobs.push({ input: f, display: f, output: `${withoutExtension(path.relative(arg, f))}.json` });
      }
    } else {
      jobs.push({ input: arg, display: arg, output: `${withoutExtension(path.basename(arg))}.json` });
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
