/**
 * `slinga import-plan` (a manual plan scored like any other), `slinga compare --plans a.json,b.json`
 * (plans side by side, with their rule violations) and `slinga followup` (granted vs planned vs
 * performed).
 * @module
 */
import { basename } from 'node:path';
import { checkPlan } from '../check/index.js';
import { computeFollowup, formatFollowupText } from '../followup/index.js';
import { computeKpis } from '../kpi/index.js';
import { buildManualPlan } from '../manual/plan.js';
import { readVisitRows } from '../manual/visits.js';
import { formatComparison } from '../plan/compare.js';
import { renderReport } from '../report/index.js';
import { loadInstance } from '../validate/index.js';
import { CliError } from './errors.js';
import { failWith, printSheetIssues } from './import.js';
import { loadPlan, writeOut } from './io.js';

/** `slinga import-plan <instance.json> <visits.csv|xlsx> --out <plan.json>` */
export async function cmdImportPlan(instanceFile: string, visitsFile: string, opts: { out: string }): Promise<void> {
  const { instance, matrix } = await loadInstance(instanceFile);
  const read = await readVisitRows(visitsFile);
  if (read.issues.some((i) => i.severity === 'error')) failWith(read.issues);
  const built = buildManualPlan(instance, read.rows, { matrix });
  if (!built.ok) failWith([...read.issues, ...built.issues]);
  printSheetIssues([...read.issues, ...built.warnings]);
  const kpis = computeKpis(instance, built.plan);
  await writeOut(opts.out, `${JSON.stringify({ ...built.plan, kpis }, null, 2)}\n`);
  const check = checkPlan(instance, built.plan, { matrix });
  process.stderr.write(
    `${opts.out}: ${built.plan.visits.length} visits on ${built.plan.routes.length} routes; unplanned ${kpis.unplanned.count} (${kpis.unplanned.minutes} min); ${check.valid ? 'no rule broken' : `${check.violations.length} rule violation(s) — see slinga check`}\n`,
  );
}

/** `slinga compare <instance.json> --plans a.json,b.json [--json]`: KPIs side by side and each plan's violations. */
export async function cmdComparePlans(instanceFile: string, opts: { plans: string; json?: boolean }): Promise<void> {
  const files = opts.plans.split(',').map((s) => s.trim()).filter(Boolean);
  if (files.length === 0) throw new CliError(2, '--plans needs at least one plan file');
  const { instance, matrix } = await loadInstance(instanceFile);
  const results = [];
  for (const file of files) {
    const plan = await loadPlan(file);
    if (plan.instanceId !== instance.id) throw new CliError(2, `${file}: the plan is for instance "${plan.instanceId}", not "${instance.id}"`);
    const check = checkPlan(instance, plan, { matrix });
    const byCode: Record<string, number> = {};
    for (const v of check.violations) byCode[v.code] = (byCode[v.code] ?? 0) + 1;
    results.push({ file, label: basename(file, '.json'), solver: plan.meta.solver, strategy: plan.meta.strategy, kpis: computeKpis(instance, plan), violations: { count: check.violations.length, byCode } });
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ plans: results }, null, 2)}\n`);
    return;
  }
  const table = formatComparison(results.map((r) => ({ strategy: r.label, kpis: r.kpis, objective: {}, seconds: 0 })));
  const lines = results.map((r) => {
    const codes = Object.entries(r.violations.byCode).map(([c, n]) => `${c} ${n}`).join(', ');
    return `${r.label} (${r.solver}/${r.strategy}): ${r.violations.count === 0 ? 'no rule broken' : `${r.violations.count} rule violation(s): ${codes} — slinga check ${instanceFile} ${r.file}`}`;
  });
  process.stdout.write(`${table}\n\n${lines.join('\n')}\n`);
}

/** `slinga followup <instance.json> <plan.json> <performed.csv> [--json] [--tolerance <min>] [--report <file>] [--lang sv|en]` */
export async function cmdFollowup(instanceFile: string, planFile: string, performedFile: string, opts: { json?: boolean; tolerance?: number; report?: string; lang?: string }): Promise<void> {
  const { instance } = await loadInstance(instanceFile);
  const plan = await loadPlan(planFile);
  if (plan.instanceId !== instance.id) throw new CliError(2, `${planFile}: the plan is for instance "${plan.instanceId}", not "${instance.id}"`);
  const read = await readVisitRows(performedFile);
  if (read.issues.some((i) => i.severity === 'error')) failWith(read.issues);
  const result = computeFollowup(instance, plan, read.rows, { lateToleranceMinutes: opts.tolerance });
  if (!result.ok) failWith([...read.issues, ...result.issues]);
  printSheetIssues(read.issues);
  const lang = opts.lang === 'en' ? 'en' : 'sv';
  if (opts.report !== undefined) await writeOut(opts.report, renderReport(instance, plan, { lang, followup: result.followup }));
  process.stdout.write(opts.json ? `${JSON.stringify(result.followup, null, 2)}\n` : `${formatFollowupText(result.followup)}\n`);
}
