#!/usr/bin/env node
/**
 * xxgk: 政府信息公开工作年度报告 → canonical JSON.
 *   xxgk convert <inputs...> --out DIR
 *   xxgk schema
 */
import { Command, CommanderError } from 'commander';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { convertFile, toJson } from './pipeline/convert.js';
import { discover } from './pipeline/discover.js';
import { canonicalJsonSchema } from './schema/canonical.js';
import { VERSION } from './version.js';

/** Write a file atomically: a temp file in the same directory, then rename over the target. */
async function writeAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

async function runConvert(inputs: string[], opts: { out: string; quiet?: boolean }): Promise<number> {
  const { jobs, problems } = await discover(inputs);
  for (const p of problems) process.stderr.write(`xxgk: ${p}\n`);
  if (problems.length > 0 && jobs.length === 0) return 2;
  const started = Date.now();
  const byStatus = new Map<string, number>();
  for (const job of jobs) {
    const report = await convertFile(job.input, { displayPath: job.display });
    const target = path.join(opts.out, job.output);
    await writeAtomic(target, toJson(report));
    byStatus.set(report.status, (byStatus.get(report.status) ?? 0) + 1);
    if (!opts.quiet) {
      const detail = report.error
        ? `${report.error.code}: ${report.error.message}`
        : `layout ${report.report.layout.activeDisclosure ?? '?'}/${report.report.layout.applications ?? '?'}, ` +
          `${report.checks.filter((c) => !c.ok).length} failed checks, ${report.warnings.length} warnings`;
      process.stderr.write(`${report.status.padEnd(12)} ${job.display} → ${target} (${detail})\n`);
    }
  }
  const secs = (Date.now() - started) / 1000;
  const counts = [...byStatus.entries()].map(([s, n]) => `${s} ${n}`).join(', ') || 'nothing to convert';
  process.stderr.write(`xxgk: ${jobs.length} file(s) in ${secs.toFixed(1)} s: ${counts}\n`);
  return problems.length > 0 ? 2 : 0;
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('xxgk')
    .description('Convert 政府信息公开工作年度报告 (Word) into canonical JSON')
    .version(VERSION)
    .exitOverride();
  program
    .command('convert')
    .description('convert files and directories (recursively) into one JSON per report')
    .argument('<inputs...>', 'report files or directories')
    .requiredOption('-o, --out <dir>', 'output directory (input paths are mirrored under it)')
    .option('-q, --quiet', 'print only the summary line')
    .action(async (inputs: string[], opts: { out: string; quiet?: boolean }) => {
      process.exitCode = await runConvert(inputs, opts);
    });
  program
    .command('schema')
    .description('print the JSON Schema of the canonical report')
    .action(() => {
      process.stdout.write(`${JSON.stringify(canonicalJsonSchema(), null, 2)}\n`);
    });
  return program;
}

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; usage errors were already printed by commander
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`xxgk: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}

await main();
