/**
 * `slinga diff`: what changed between two plans of an instance, as JSON or as the planner's
 * "tell" and "call" lists.
 * @module
 */
import { diffPlans, formatDiffText } from '../plan/diff.js';
import { loadInstance } from '../validate/index.js';
import { CliError } from './errors.js';
import { loadPlan } from './io.js';

/**
 * `slinga diff <instance.json> <old-plan.json> <new-plan.json> [--json]`. The instance and both
 * plans are validated (exit 2 naming file and path). The new plan must be for the instance; an old
 * plan of another instance id is only warned about (a replan may have renamed the instance).
 */
export async function cmdDiff(instanceFile: string, oldFile: string, newFile: string, opts: { json?: boolean }): Promise<void> {
  const { instance } = await loadInstance(instanceFile);
  const reference = await loadPlan(oldFile);
  const next = await loadPlan(newFile);
  if (next.instanceId !== instance.id) throw new CliError(2, `${newFile}: the plan is for instance "${next.instanceId}", not "${instance.id}"`);
  if (reference.instanceId !== instance.id) process.stderr.write(`${oldFile}: warning: the plan is for instance "${reference.instanceId}", not "${instance.id}"\n`);
  const diff = diffPlans(reference, next);
  process.stdout.write(opts.json ? `${JSON.stringify(diff, null, 2)}\n` : `${formatDiffText(diff)}\n`);
}
