import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileProblem, evaluateSolution } from '../../solver/index.js';
import { computeKpis } from '../../src/kpi/index.js';
import { planWeek } from '../../src/plan/index.js';
import { STRATEGY_WEIGHTS, VISIT_TERMS, continuityUnits } from '../../src/plan/terms/index.js';
import { dayProblem } from '../../src/plan/weekly/day-problem.js';
import { buildWeekModel, type WeekModel } from '../../src/plan/weekly/model.js';
import { historyCounts } from '../../src/plan/weekly/write.js';
import type { Instance } from '../../src/schema/instance.js';
import type { Plan } from '../../src/schema/plan.js';
import { parseInstance } from '../../src/validate/index.js';

function tiny(): Instance {
  const r = parseInstance(JSON.parse(readFileSync(new URL('../../data/samples/tiny-4242.json', import.meta.url), 'utf8')));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.instance;
}

/** The weekly objective recomputed from a plan alone: travel, visit terms per staff visit, continuity per pair. */
function objectiveOf(instance: Instance, plan: Plan, history: Int32Array, skipDate?: string): number {
  const w = STRATEGY_WEIGHTS.balanced;
  const nS = instance.staff.length;
  const client = new Map(instance.clients.map((c, i) => [c.id, i]));
  const staff = new Map(instance.staff.map((s, i) => [s.id, i]));
  const pairs = new Map<number, number>();
  let cost = 0;
  for (const v of plan.visits) {
    if (v.date === skipDate) continue;
    const c = client.get(v.clientId)!;
    for (const id of v.staff) {
      const s = staff.get(id)!;
      pairs.set(c * nS + s, (pairs.get(c * nS + s) ?? 0) + 1);
      for (const t of VISIT_TERMS) cost += w[t.name] * t.units({ client: instance.clients[c]!, staff: instance.staff[s]!, met: 0 });
    }
  }
  for (const [idx, n] of pairs) cost += w.newFace * continuityUnits(n, history[idx]!);
  for (const r of plan.routes) if (r.date !== skipDate) for (const e of r.events) if (e.type === 'travel') cost += w.travel * e.minutes;
  return cost;
}

/** Day d's routes of a plan as the day problem's engine routes (visits matched by client, date, tasks and order). */
function engineRoutes(model: WeekModel, plan: Plan, d: number): number[][] {
  const m = model.days[d]!;
  const date = model.clock.dates[d]!;
  const keyOf = (clientId: string, tasks: readonly string[]): string => `${clientId}|${[...tasks].sort().join(',')}`;
  // Engine visits of the day by key, in the day model's order (the order of its gap links).
  const byKey = new Map<string, number[]>();
  m.visits.forEach((dv, i) => {
    if (dv.half !== 0) return;
    const cand = model.candidates[dv.cand]!;
    const o = cand.members.map((x) => model.occurrences[x]!);
    const key = keyOf(o[0]!.client.id, o.map((x) => x.task.id));
    (byKey.get(key) ?? byKey.set(key, []).get(key)!).push(i);
  });
  const visits = plan.visits.filter((v) => v.date === date).sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
  const engineOf = new Map<string, number>();
  for (const v of visits) engineOf.set(v.id, byKey.get(keyOf(v.clientId, v.tasks.map((t) => t.taskId)))!.shift()!);
  const halfTaken = new Set<number>();
  return m.shifts.map((si) => {
    const { staff, shift } = model.shifts[si]!;
    const route = plan.routes.find((r) => r.staffId === staff.id && r.shiftId === shift.id);
    if (!route) return [];
    const out: number[] = [];
    for (const e of route.events) {
      if (e.type === 'break') out.push(-1);
      if (e.type !== 'visit') continue;
      const first = engineOf.get(e.visitId)!;
      // A double-staffed visit: its second staff member takes the second half.
      if (m.visits[first + 1]?.cand === m.visits[first]!.cand && m.visits[first + 1]!.half === 1 && halfTaken.has(first)) out.push(first + 1);
      else {
        out.push(first);
        halfTaken.add(first);
      }
    }
    return out;
  });
}

describe('the weekly objective is one thing', () => {
  it('meta.objective.total is the objective recomputed from the plan, and each day search minimised exactly its share of it', async () => {
    const instance = tiny();
    const plan = await planWeek(instance, { seed: 1, iterationsPerDay: 150, rounds: 2 });
    const w = STRATEGY_WEIGHTS.balanced;
    const model = buildWeekModel(instance, undefined, { namedContactDayCost: w.notNamed });
    const history = historyCounts(model);
    const total = objectiveOf(instance, plan, history);
    expect(plan.meta.objective!.total).toBeCloseTo(total, 6);
    expect(plan.meta.objective!.travelMinutes).toBe(computeKpis(instance, plan).travelMinutes);
    // Day by day: the engine's cost of the day's routes, priced against the other days and the
    // history, is the total minus the total without that day.
    const nS = instance.staff.length;
    const clientIdx = new Map(instance.clients.map((c, i) => [c.id, i]));
    const staffIdx = new Map(instance.staff.map((s, i) => [s.id, i]));
    for (let d = 0; d < model.days.length; d++) {
      const date = model.clock.dates[d]!;
      const others = Int32Array.from(history);
      for (const v of plan.visits) if (v.date !== date) for (const s of v.staff) others[clientIdx.get(v.clientId)! * nS + staffIdx.get(s)!]!++;
      const problem = compileProblem(dayProblem(model, d, { weights: w, others, windows: model.candidates.map((c) => c.windows) }));
      const ev = evaluateSolution(problem, engineRoutes(model, plan, d));
      expect(ev.feasible).toBe(true);
      expect(ev.cost).toBeCloseTo(total - objectiveOf(instance, plan, history, date), 6);
    }
  });
});
