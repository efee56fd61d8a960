/**
 * A new client (admission): for each team, the client's occurrences placed one after another, day
 * by day, each where it is cheapest among the team's staff without moving any other visit — each
 * day priced with the client's visits already placed on the other days, so continuity counts as it
 * will. The team that fits most occurrences, then at the least cost, comes first.
 */
import { compileProblem, evaluateSolution } from '../../solver/index.js';
import { dayProblem } from '../plan/weekly/day-problem.js';
import type { DaySolution } from '../plan/weekly/write.js';
import type { Plan } from '../schema/plan.js';
import { Recommendation, type RecommendOption } from '../schema/recommend.js';
import { optionReason, termDeltas, termsOf } from './describe.js';
import type { RecommendContext } from './context.js';
import { slotsFor } from './slots.js';

/** The admission recommendation for client `clientId` (added to the instance by the request's change). */
export function admission(ctx: RecommendContext, clientId: string): { recommendation: Recommendation; plans: Plan[] } {
  const { model, refOf, setup } = ctx.rm;
  const c = model.clientIndex.get(clientId)!;
  const nS = model.instance.staff.length;
  const cands = refOf.flatMap((v, ci) => (v === null && model.candClient[ci] === c ? [ci] : []));
  cands.sort((a, b) => model.candDay[a]! - model.candDay[b]! || (model.candidates[a]!.windows[0]?.start ?? 0) - (model.candidates[b]!.windows[0]?.start ?? 0) || a - b);
  const days = [...new Set(cands.map((ci) => model.candDay[ci]!))];
  let rejected = 0;
  const teams = model.instance.teams.flatMap((team) => {
    if (!model.instance.staff.some((s) => s.team === team.id)) return [];
    const extra = new Int32Array(model.instance.clients.length * nS);
    const routesOf = new Map<number, DaySolution>();
    const placedAt = new Map<number, { start: number; staff: string[]; delta: number }>();
    for (const d of days) {
      const others = ctx.state.ledger.othersThan(d);
      for (let i = 0; i < others.length; i++) others[i]! += extra[i]!;
      const problem = compileProblem(dayProblem(model, d, { weights: ctx.weights, others, windows: setup.windows.now(), rules: setup.rules }));
      const m = model.days[d]!;
      const inTeam = (k: number): boolean => model.shifts[m.shifts[k]!]!.staff.team === team.id;
      let routes = ctx.state.days[d]!.routes;
      for (const ci of cands.filter((x) => model.candDay[x] === d)) {
        const halves = ctx.halves(ci);
        const best = slotsFor(problem, routes, halves, inTeam)[0];
        if (!best) continue;
        routes = best.routes;
        const staff = ctx.staffOf(d, best.vehicles);
        placedAt.set(ci, { start: evaluateSolution(problem, routes).starts[halves[0]!]!, staff, delta: Math.round(best.delta * 1000) / 1000 });
        for (const s of staff) extra[c * nS + model.staffIndex.get(s)!]!++;
      }
      routesOf.set(d, { routes, problem });
    }
    const plan = ctx.write(routesOf);
    const valid = ctx.checker.check(plan).valid;
    if (!valid) {
      rejected++;
      return [];
    }
    const delta = termDeltas(ctx.baseTerms, termsOf(plan));
    const occurrences = cands.flatMap((ci) =>
      model.candidates[ci]!.members.map((mi) => {
        const o = model.occurrences[mi]!;
        const at = placedAt.get(ci);
        return { taskId: o.task.id, date: o.date, fits: at !== undefined, staff: at?.staff ?? [], start: at ? model.clock.formatInstant(at.start) : null };
      }),
    );
    const options: RecommendOption[] = cands.flatMap((ci) => {
      const at = placedAt.get(ci);
      if (!at) return [];
      return [
        {
          staffId: at.staff[0]!,
          staff: at.staff,
          date: model.clock.dateOf(at.start),
          start: model.clock.formatInstant(at.start),
          end: model.clock.formatInstant(at.start + model.candMinutes[ci]!),
          // Per occurrence only the day cost it adds is known (the terms are the team's, in `teams`).
          costDelta: at.delta,
          terms: {},
          units: {},
          met: false,
          moves: 0,
          reason: optionReason(model.clock, at.staff, at.start, {}, false, { moved: 0, most: 0 }, ` (team ${team.id}; adds ${at.delta} to the day's cost)`),
        },
      ];
    });
    return [
      {
        team: {
          teamId: team.id,
          fits: occurrences.filter((o) => o.fits).length,
          of: occurrences.length,
          costDelta: delta.total,
          travelMinutes: delta.units.travel ?? 0,
          terms: delta.terms,
          units: delta.units,
          distinctStaff: new Set([...placedAt.values()].flatMap((p) => p.staff)).size,
          occurrences,
        },
        options,
        plan,
      },
    ];
  });
  teams.sort((a, b) => b.team.fits - a.team.fits || a.team.costDelta - b.team.costDelta || a.team.teamId.localeCompare(b.team.teamId));
  const first = teams[0];
  const message = first
    ? `team ${first.team.teamId} fits ${first.team.fits} of ${first.team.of} occurrences at +${first.team.travelMinutes} travel minutes with ${first.team.distinctStaff} staff (objective ${first.team.costDelta >= 0 ? '+' : ''}${first.team.costDelta}); ${teams.length} teams tried`
    : 'no team can take the client without moving other visits';
  const options = first?.options ?? [];
  return { recommendation: Recommendation.parse({ type: 'client', options, teams: teams.map((t) => t.team), rejected, message }), plans: options.map(() => first!.plan) };
}
