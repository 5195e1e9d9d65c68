/**
 * The worker threads `xxgk convert` starts before commander has loaded (cli.ts, cli-early.ts):
 * the guess at the options must give the threads commander's parse gives, for the usual command
 * lines, and the CLI keeps early threads only when they are those (ConvertPool.adopt).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import type { Command, Option } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { CONVERT_FLAGS, CONVERT_VALUE_OPTIONS, guessConvert } from '../src/cli-early.js';
import { buildProgram } from '../src/cli-main.js';
import { inputNames } from '../src/pipeline/early-pool.js';
import { poolSpec, startPool, type ConvertPool } from '../src/pipeline/pool.js';

const convertCommand = (): Command => buildProgram().commands.find((c) => c.name() === 'convert')!;

/** What commander makes of `args` (the action replaced: nothing runs). */
async function parsed(args: string[]): Promise<{ inputs: string[]; opts: { jobs: number; ocr: string } }> {
  const program = buildProgram();
  let got: { inputs: string[]; opts: { jobs: number; ocr: string } } | undefined;
  program.commands.find((c) => c.name() === 'convert')!.action((inputs: string[], opts: { jobs: number; ocr: string }) => {
    got = { inputs, opts };
  });
  await program.parseAsync(['node', 'xxgk', ...args]);
  return got!;
}

describe('the guess at convert options', () => {
  it('knows which of convert\'s options take a value and which do not', () => {
    const valued = new Set<string>();
    const flags = new Set<string>();
    for (const o of convertCommand().options as Option[]) {
      for (const name of [o.short, o.long]) {
        if (!name) continue;
        (o.required || o.optional ? valued : flags).add(name);
      }
    }
    expect([...valued].sort()).toEqual([...CONVERT_VALUE_OPTIONS].sort());
    expect([...flags].sort()).toEqual([...CONVERT_FLAGS].sort());
  });

  const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-early-'));
  const a = path.join(dir, 'a.docx');
  const b = path.join(dir, 'b.pdf');
  writeFileSync(a, 'x');
  writeFileSync(b, 'x');
  const lines: string[][] = [
    ['convert', a, '--out', 'o'],
    ['convert', a, '-o', 'o', '-j', '4'],
    ['convert', '-j1', a, b, '-oo', '-q'],
    ['convert', '--jobs=3', a, b, '--out=o', '--ocr=off', '-v'],
    ['convert', dir, '--out', 'o', '--ocr', 'off', '--force', '--timeout', '5', '--recycle-after', '10'],
    ['convert', '-', '-0', '--out', 'o', '--base', dir, '--jsonl', '-', '--fail-on', 'failed'],
    ['convert', '--shard', '0/2', '--max-size', '5', '--max-attempts', '2', '--out', 'o', '--', '-weird.docx'],
    ['convert', '-qvj', '2', b, '--out', 'o'],
  ];
  it.each(lines.map((l) => [l.join(' '), l] as const))('%s: the threads commander would ask for', async (_, args) => {
    const guess = guessConvert(args);
    expect(guess).not.toBeNull();
    const real = await parsed(args);
    expect(guess!.inputs).toEqual(real.inputs);
    expect(guess!.ocr).toBe(real.opts.ocr);
    expect(poolSpec({ jobs: guess!.jobs }, inputNames(guess!.inputs))).toEqual(poolSpec({ jobs: real.opts.jobs }, inputNames(real.inputs)));
  });

  it('the threads follow the inputs: one file one thread, a .pdf among them warms the PDF engine', () => {
    expect(poolSpec({ jobs: guessConvert(['convert', a, '--out', 'o'])!.jobs }, inputNames([a]))).toEqual({ threads: 1, warmPdf: false });
    expect(poolSpec({ jobs: 8 }, inputNames([a, b]))).toEqual({ threads: 2, warmPdf: true });
    expect(poolSpec({}, inputNames([dir]))).toEqual({ threads: availableParallelism(), warmPdf: true });
  });

  it('makes no guess for other commands, help, unknown options or bad values', () => {
    for (const args of [
      [], ['--version'], ['export', 'o'], ['queue', 'work', '--redis', 'x'], ['schema'],
      ['convert'], ['convert', '--out', 'o'], ['convert', a, '--help'], ['convert', a, '-h'],
      ['convert', a, '--bogus'], ['convert', a, '-x'], ['convert', a, '--jobs', '0'], ['convert', a, '--jobs', 'two'],
      ['convert', a, '--ocr', 'maybe'], ['convert', a, '--out'], ['convert', a, '--force=yes'],
    ]) expect(guessConvert(args), args.join(' ')).toBeNull();
  });
});

describe('ConvertPool.adopt', () => {
  const pools: ConvertPool[] = [];
  const ocr = process.env.XXGK_OCR;
  afterEach(async () => {
    process.env.XXGK_OCR = ocr;
    await Promise.all(pools.splice(0).map((p) => p.close()));
  });
  const start = (...args: Parameters<typeof startPool>) => {
    const p = startPool(...args);
    pools.push(p);
    return p;
  };
  const limitsOf = (p: ConvertPool) => (p as unknown as { opts: { timeoutMs: number; recycleAfter: number } }).opts;

  it('takes the time limit and recycling of the real options when the threads are the same', () => {
    const p = start({ jobs: 1 }, ['a.docx']);
    expect(p.adopt({ jobs: 4, timeoutMs: 5_000, recycleAfter: 7 }, ['a.docx'])).toBe(true);
    expect(limitsOf(p)).toMatchObject({ timeoutMs: 5_000, recycleAfter: 7, threads: 1 });
  });

  it('refuses other threads: their number, the PDF warm-up, the OCR mode they started with', () => {
    process.env.XXGK_OCR = 'auto';
    const p = start({ jobs: 1 }, ['a.docx']);
    expect(p.adopt({ jobs: 2 }, ['a.docx', 'b.docx'])).toBe(false);
    expect(p.adopt({ jobs: 1 }, ['b.pdf'])).toBe(false);
    process.env.XXGK_OCR = 'off';
    expect(p.adopt({ jobs: 1 }, ['a.docx'])).toBe(false);
    process.env.XXGK_OCR = 'auto';
    expect(p.adopt({ jobs: 1, timeoutMs: 1 }, ['a.docx'])).toBe(true);
  });
});
