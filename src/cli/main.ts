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
import { cmdImport, cmdSheets } from './import.js';
import { cmdComparePlans, cmdFollowup, cmdImportPlan } from './plans.js';
import { cmdRecommend } from './recommend.js';
import { cmdReplan } from './replan.js';
import { cmdCompareTeams, cmdStaffing } from './staffing.js';
import { EXPORT_FORMATS, cmdExport, cmdReport } from './report.js';
import { addServiceCommands } from './serve.js';

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

/** Parses a share in [0, 1]. */
function share(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a number in [0, 1]');
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
    .option('--optional-share <x>', 'share of shifts marked optional (hourly staff first), with an economics block', share)
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
    .option('--iterations <n>', 'search iterations per re-solved day and pass (default 500 on up to 4 days, 2000 shared beyond)', int)
    .action(cmdReplan);

  program
    .command('recommend')
    .description('the best places for a visit, replacements for an absent staff member, or the team for a new client — nothing else moves')
    .argument('<instance>')
    .argument('<plan>')
    .option('--visit <file>', 'a new one-off visit (visit.json: clientId, date, minutes, windows …)')
    .option('--unplanned <id>', "an unplanned occurrence: its index in the plan's unplanned list, or clientId/taskId/date")
    .option('--replace <staffId>', 'replacements for the visits of a staff member away from --from to --to')
    .option('--client <file>', 'a new client (client.json, as in an instance) from --from')
    .option('--from <instant-or-date>', 'start of the absence (instant with offset), or the admission date')
    .option('--to <instant>', 'end of the absence (instant with offset)')
    .option('--top <k>', 'options per visit (default 3)', int)
    .option('--now <instant>', 'nothing that starts before this instant moves')
    .option('--weights <list>', "weights over the plan's own, e.g. newFace=60", weightList)
    .option('--json', 'print JSON')
    .action(cmdRecommend);

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
    .description('print the JSON Schema of an instance, a plan, a changes file, a one-off visit (recommend --visit) or a recommendation')
    .addArgument(new Command().createArgument('<kind>', 'instance, plan, changes, visit or recommendation').choices(['instance', 'plan', 'changes', 'visit', 'recommendation']))
    .action(cmdSchema);

  program
    .command('compare')
    .description('plan with each strategy and print the KPIs side by side (what does continuity cost?)')
    .argument('<instance>')
    .option('--strategies <list>', 'comma-separated strategies (default: all)')
    .option('--time-limit <s>', 'time limit per strategy in seconds', positive)
    .option('--seed <n>', 'seed', int, 1)
    .option('--workers <n>', 'worker threads (default: all cores)', int)
    .option('--plans <list>', 'compare these plan files instead of planning (e.g. manual.json,slinga.json)')
    .option('--teams <list>', 'plan with these team structures instead (as-is,merged: what do small groups cost?)')
    .option('--json', 'print JSON')
    .action((file: string, opts: Parameters<typeof cmdCompare>[1] & { plans?: string; teams?: string }) =>
      opts.teams !== undefined ? cmdCompareTeams(file, { ...opts, teams: opts.teams }) : opts.plans === undefined ? cmdCompare(file, opts) : cmdComparePlans(file, { ...opts, plans: opts.plans }),
    );

  program
    .command('staffing')
    .description('staff needed (by the plan, or estimated from the instance) against staff on shift, per team and interval')
    .argument('<instance>')
    .argument('[plan]')
    .option('--interval <minutes>', 'interval length in minutes (default 15)', int)
    .option('--json', 'print JSON')
    .option('--csv <file>', 'write the demand curve (team, date, interval start, staff needed)')
    .option('--suggest <file>', 'write a roster delta (optional shifts to release, shifts to add) as JSON and CSV')
    .action(cmdStaffing);

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
    .command('import')
    .description("import planners' sheets (a folder of CSV files or an .xlsx workbook) as an instance; or write templates")
    .argument('[source]', 'folder of CSV files or .xlsx workbook')
    .option('--out <file>', 'instance file to write')
    .option('--template <folder>', 'write empty templates with one example row instead')
    .option('--xlsx', 'templates as one workbook')
    .addOption(new Option('--lang <lang>', 'template language').choices(['sv', 'en']).default('sv'))
    .action(cmdImport);

  program
    .command('sheets')
    .description('write an instance as the sheets `slinga import` reads (a CSV folder, or a workbook when --out ends .xlsx)')
    .argument('<instance>')
    .requiredOption('--out <path>', 'folder or .xlsx workbook')
    .addOption(new Option('--lang <lang>', 'header language').choices(['sv', 'en']).default('sv'))
    .action(cmdSheets);

  program
    .command('import-plan')
    .description('a manual plan from visit rows (client, date, start, end, staff, optional tasks): routes derived, scored like any plan')
    .argument('<instance>')
    .argument('<visits>', 'CSV or XLSX (the körlista CSV of `slinga export` reads as is)')
    .requiredOption('--out <file>', 'plan file to write')
    .action(cmdImportPlan);

  program
    .command('followup')
    .description('granted vs planned vs performed per client and team, from performed visits (time capture)')
    .argument('<instance>')
    .argument('<plan>')
    .argument('<performed>', 'CSV or XLSX of performed visits: client, staff, date, start, end, optional tasks')
    .option('--tolerance <min>', 'minutes after the planned start a visit counts as late (default 30)', int)
    .option('--report <file>', 'also write the HTML report with the follow-up section')
    .addOption(new Option('--lang <lang>', 'report language').choices(['sv', 'en']).default('sv'))
    .option('--json', 'print JSON')
    .action(cmdFollowup);

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

  addServiceCommands(program);
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
