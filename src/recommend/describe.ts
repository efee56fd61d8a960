/**
 * An option as the planner reads it: the change of every objective term (from the plan written with
 * the option, against the plan without it — the objective the planner reports, term by term) and a
 * sentence naming who, when and what it costs.
 */
import type { PeriodClock } from '../calendar.js';
import type { Plan, TermTotal } from '../schema/plan.js';

/** Per term: cost and units changed between two plans' term totals (only terms that change). */
export function termDeltas(before: readonly TermTotal[], after: readonly TermTotal[]): { terms: Record<string, number>; units: Record<string, number>; total: number } {
  const old = new Map(before.map((t) => [t.term, t]));
  const terms: Record<string, number> = {};
  const units: Record<string, number> = {};
  let total = 0;
  for (const t of after) {
    const o = old.get(t.term);
    const cost = round(t.cost - (o?.cost ?? 0));
    const amount = round(t.amount - (o?.amount ?? 0));
    if (cost !== 0) terms[t.term] = cost;
    if (amount !== 0 && t.term !== 'unplanned') units[t.term] = amount;
    total += cost;
  }
  return { terms, units, total: round(total) };
}

/** The objective's term totals of a plan. */
export function termsOf(plan: Plan): readonly TermTotal[] {
  return plan.explanations?.terms ?? [];
}

/** What each unit change means, for the sentence. */
const PHRASES: Record<string, (n: number) => string> = {
  travel: (n) => `${n > 0 ? '+' : ''}${n} travel minutes`,
  newFace: (n) => (n > 0 ? 'a face new to the client' : 'fewer new faces for the client'),
  notNamed: () => 'not the named contact',
  crossTeam: () => "from another team than the client's",
  notPreferredStaff: () => 'not a preferred staff member',
  genderOrLanguage: () => "not the client's preferred gender or language",
  restaffed: () => 'another staff member than in the plan in force',
  consistency: () => 'not as in the previous period',
};

/**
 * "t07 at 09:40 on 2026-11-24: +12 travel minutes, a face new to the client; no other visit moves"
 * (or how many of the staff member's other visits shift, and by how much at most).
 * Ids only (the output may be logged by the caller).
 */
export function optionReason(clock: PeriodClock, staff: readonly string[], start: number, units: Record<string, number>, met: boolean, shifts: { moved: number; most: number }, extra = ''): string {
  // Continuity units are fractional (later visits of a pair cost less): "new face" only when it is one.
  const parts = Object.entries(units)
    .filter(([term, n]) => n !== 0 && PHRASES[term] && !(term === 'newFace' && met))
    .map(([term, n]) => PHRASES[term]!(n));
  if (met) parts.push('the client has met them');
  const who = staff.join(' and ');
  const others = shifts.moved === 0 ? 'no other visit moves' : `${shifts.moved} other visit${shifts.moved > 1 ? 's' : ''} of ${who} shift${shifts.moved > 1 ? '' : 's'} by at most ${shifts.most} minutes`;
  return `${who} at ${clock.clockOf(start)} on ${clock.dateOf(start)}: ${parts.length > 0 ? parts.join(', ') : 'no extra cost'}; ${others}${extra}`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
