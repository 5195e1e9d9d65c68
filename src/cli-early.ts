/**
 * What `xxgk convert` will ask of its worker threads, read from the arguments before the CLI's
 * own code (commander, the batch) has loaded, so that the threads can start first (cli.ts).
 *
 * This is a guess, never the decision: the CLI parses the arguments with commander as always and
 * keeps the threads started early only when they are exactly the ones it would start itself
 * (same number, same PDF warm-up, same OCR mode: `ConvertPool.adopt`); otherwise they are closed
 * and the right ones started. A wrong guess costs a little CPU, never a different result. No
 * imports: it runs before anything else loads.
 */

/** `convert`'s options that take a value (test/cli-early.test.ts checks them against the program). */
export const CONVERT_VALUE_OPTIONS: ReadonlySet<string> = new Set([
  '--base', '--shard', '-o', '--out', '--jsonl', '-j', '--jobs', '--timeout', '--max-size', '--ocr',
  '--fail-on', '--recycle-after', '--max-attempts',
]);

/** `convert`'s options without a value (help is not among them: no threads for a help text). */
export const CONVERT_FLAGS: ReadonlySet<string> = new Set(['-0', '--null', '--force', '-q', '--quiet', '-v', '--verbose']);

export interface ConvertGuess {
  /** --jobs, or undefined for the default (the number of cores). */
  jobs: number | undefined;
  ocr: 'auto' | 'off';
  inputs: string[];
}

/** Arguments longer than this, or more of them, are left to commander (a guess is not worth it). */
const MAX_ARGS = 10_000;

/**
 * The threads `args` (process.argv without node and the script) will need, or null when they are
 * not a plain `convert` (another command, help, an option this does not know, a bad value).
 */
export function guessConvert(args: readonly string[]): ConvertGuess | null {
  if (args[0] !== 'convert' || args.length > MAX_ARGS) return null;
  let jobs: string | undefined;
  let ocr = 'auto';
  const inputs: string[] = [];
  const take = (name: string, value: string | undefined): boolean => {
    if (value === undefined) return false;
    if (name === '-j' || name === '--jobs') jobs = value;
    else if (name === '--ocr') ocr = value;
    return true;
  };
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      inputs.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (eq < 0 && CONVERT_FLAGS.has(name)) continue;
      if (!CONVERT_VALUE_OPTIONS.has(name)) return null;
      if (!take(name, eq > 0 ? a.slice(eq + 1) : args[++i])) return null;
      continue;
    }
    if (a.length > 1 && a.startsWith('-')) {
      // short options: -q, -qv0, -j4, -j 4, -o out, -oout
      for (let k = 1; k < a.length; k++) {
        const name = `-${a[k]}`;
        if (CONVERT_FLAGS.has(name)) continue;
        if (!CONVERT_VALUE_OPTIONS.has(name)) return null;
        if (!take(name, k + 1 < a.length ? a.slice(k + 1) : args[++i])) return null;
        break;
      }
      continue;
    }
    inputs.push(a);
  }
  const n = jobs === undefined ? undefined : Number(jobs);
  if (n !== undefined && !(Number.isInteger(n) && n >= 1)) return null;
  if ((ocr !== 'auto' && ocr !== 'off') || inputs.length === 0) return null;
  return { jobs: n, ocr, inputs };
}
