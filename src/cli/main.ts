#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { VERSION } from '../version.js';
import { CliError, exitWith, handleError } from './errors.js';
import { cmdCheck, cmdCompare, cmdGenerate, cmdKpi, cmdPlan, cmdSchema, cmdValidate } from './commands.js';
import { SUITES } from '../bench/harness.js';
import { cmdBench } from './bench.js';
import { cmdHhcrsp, cmdVrptw } from './benchmarks.js';
import { cmdDiff } from './diff.js';
import { cmdReplan } from './replan.js';
import { EXPORT_FORMATS, cmdExport, cmdReport } from './report.js';

/** Parses a non-negative integer option. */
function int(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}

/** Parses a positive number option. */
function positive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number > 0');
  return n;
}

/** Parses `name=value,…` weights (names are checked by the planner). */
function weightList(value: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of value.split(',').map((x) => x.trim()).filter(Boolean)) {
    const [k, v] = part.split('=');
    const n = Number(v);
    if (!k || v === undefined || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`expected name=number ≥ 0, got "${part}"`);
    out[k.trim()] = n;
  }
  return out;
}

/** Builds the `slinga` command line (exported for tests). */
export function buildProgram(): Command {
  const program = new Command('slinga')
    .description('Plans Swedish home care: weekly schedules and daily routes from granted time, preferences and continuity.')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('generate')
    .description('generate a seeded scenario instance, or (--next) the following period of an instance')
    .addOption(new Option('--profile <name>', 'scenario profile (required unless --next)').choices(['tiny', 'knivsta', 'bracke']))
    .option('--seed <n>', 'seed (required unless --next)', int)
    .option('--next <instance>', 'write the period after this instance: same clients and staff, their next roster weeks')
    .option('--scale <factor>', 'multiply clients and staff', positive)
    .addOption(new Option('--days <n>', 'period length').choices(['7', '14']))
    .option('--start <date>', 'first day (YYYY-MM-DD, a Monday)')
    .requiredOption('--out <file>', 'instance file to write')
    .action(cmdGenerate);

  program.command('validate').description('validate an instance file').argument('<instance>').action(cmdValidate);

  program
    .command('plan')
    .description('plan an instance and write the plan')
    .argument('<instance>')
    .requiredOption('--out <file>', 'plan file to write')
    .option('--seed <n>', 'seed', int, 1)
    .option('--time-limit <s>', 'time limit in seconds', positive)
    .option('--workers <n>', 'worker threads', int)
    .option('--strategy <name>', 'strategy: balanced (default), travel-first, continuity-first, baseline')
    .option('--weights <list>', 'user weights over the strategy preset, e.g. newFace=60,notNamed=15', weightList)
    .option('--iterations <n>', 'search iterations per day and pass (default 2500)', int)
    .option('--reference <plan>', "the previous period's plan: keep its staff and clock times per weekday (next period like the last)")
    .option('--report <file>', 'also write an HTML report')
    .addOption(new Option('--lang <lang>', 'report language').choices(['sv', 'en']).default('sv'))
    .action(cmdPlan);

  program
    .command('replan')
    .description('replan a plan after changes (sick staff, hospital stays, new clients, locks) with as little change as possible')
    .argument('<instance>')
    .argument('<plan>')
    .requiredOption('--changes <file>', 'changes.json (see `slinga schema changes`)')
    .option('--now <instant>', 'freeze everything that starts before this instant (with offset)')
    .requiredOption('--out <file>', 'new plan file to write')
    .option('--out-instance <file>', 'changed instance to write (default: beside --out, .instance.json)')
    .option('--seed <n>', 'seed', int, 1)
    .option('--time-limit <s>', 'time limit in seconds', positive)
    .option('--workers <n>', 'worker threads', int)
    .option('--strategy <name>', 'minimal-change (default), balanced, travel-first, continuity-first')
    .option('--weights <list>', 'user weights over the preset, e.g. restaffed=200', weightList)
    .option('--iterations <n>', 'search iterations per re-solved day and pass (default 500)', int)
    .action(cmdReplan);

  program
    .command('check')
    .description('check a plan against every rule; exit 1 if it breaks one')
    .argument('<instance>')
    .argument('<plan>')
    .option('--json', 'print JSON')
    .action(cmdCheck);

  program.command('kpi').description('compute the KPIs of a plan').argument('<instance>').argument('<plan>').option('--json', 'print JSON').action(cmdKpi);

  program
    .command('diff')
    .description('what changed between two plans: counts, whom to tell (staff) and whom to call (clients)')
    .argument('<instance>')
    .argument('<old-plan>')
    .argument('<new-plan>')
    .option('--json', 'print JSON')
    .action(cmdDiff);

  program
    .command('schema')
    .description('print the JSON Schema of an instance, a plan or a changes file')
    .addArgument(new Command().createArgument('<kind>', 'instance, plan or changes').choices(['instance', 'plan', 'changes']))
    .action(cmdSchema);

  program
    .command('compare')
    .description('plan with each strategy and print the KPIs side by side (what does continuity cost?)')
    .argument('<instance>')
    .option('--strategies <list>', 'comma-separated strategies (default: all)')
    .option('--time-limit <s>', 'time limit per strategy in seconds', positive)
    .option('--seed <n>', 'seed', int, 1)
    .option('--workers <n>', 'worker threads (default: all cores)', int)
    .option('--json', 'print JSON')
    .action(cmdCompare);

  program
    .command('report')
    .description('write the offline HTML report of a plan')
    .argument('<instance>')
    .argument('<plan>')
    .requiredOption('--out <file>', 'HTML file to write')
    .addOption(new Option('--lang <lang>', 'language').choices(['sv', 'en']).default('sv'))
    .action(cmdReport);

  program
    .command('export')
    .description('export körlistor (CSV), calendars per staff (iCalendar), routes (GeoJSON) or the plan (JSON)')
    .argument('<instance>')
    .argument('<plan>')
    .addOption(new Option('--format <format>', 'what to write').choices([...EXPORT_FORMATS]).makeOptionMandatory())
    .requiredOption('--out <path>', 'file to write (a directory for ics)')
    .action(cmdExport);

  program
    .command('vrptw')
    .description('solve a Solomon / Gehring–Homberger VRPTW file (total distance)')
    .argument('<file>')
    .option('--time-limit <s>', 'time limit in seconds', positive, 10)
    .option('--seed <n>', 'seed', int, 1)
    .option('--json', 'print JSON')
    .action(cmdVrptw);

  program
    .command('hhcrsp')
    .description('solve a Mankowska et al. (2014) HHCRSP file')
    .argument('<file>')
    .option('--time-limit <s>', 'time limit in seconds', positive, 30)
    .option('--seed <n>', 'seed', int, 1)
    .option('--json', 'print JSON')
    .action(cmdHhcrsp);

  program
    .command('bench')
    .description('run a benchmark suite on the worker pool and print comparable tables')
    .addArgument(new Command().createArgument('<suite>', 'solomon, mankowska or scenarios').choices([...SUITES]))
    .option('--instances <list>', 'comma-separated instance names (e.g. R101,R102 or knivsta-x1)')
    .option('--strategies <list>', 'comma-separated strategies (scenarios)')
    .option('--scales <list>', 'comma-separated scenario scales (default 0.5,1,2)')
    .option('--seeds <n>', 'number of seeds per instance', int, 1)
    .option('--seed <n>', 'first seed', int, 1)
    .option('--time-limit <s>', 'time limit per run in seconds (default: solomon 10, mankowska 30)', positive)
    .option('--max-iterations <n>', 'iteration limit per run (reproducible)', int)
    .option('--workers <n>', 'worker threads (default: all cores)', int)
    .option('--json <file>', 'write the report as JSON')
    .option('--csv <file>', 'write the runs as CSV')
    .option('--baseline <file>', 'a stored --json report: print deltas against it')
    .option('--data <dir>', 'benchmark data folder (default ../shared/benchmarks)')
    .action(cmdBench);

  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; every usage error is "unusable arguments".
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof CliError) return exitWith(e);
    return handleError(e);
  }
}

/** True when this module is the program being run (also through the npm bin symlink). */
function isEntry(): boolean {
  const arg = process.argv[1];
  if (arg === undefined) return false;
  try {
    return realpathSync(arg) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntry()) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
