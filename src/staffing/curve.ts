/**
 * Demand and supply of staff per team, date and interval (resursfördelning): how many staff the
 * plan keeps busy (visits, both staff of a double-staffed visit, travel) against how many are on
 * shift, and an estimate from the instance alone before any planning.
 * @module
 */
import { PeriodClock } from '../calendar.js';
import type { Instance } from '../schema/instance.js';
import type { Plan } from '../schema/plan.js';
import { buildWeekModel } from '../plan/weekly/model.js';

/** One curve: per team, per interval of the period, staff (fractional: busy staff-minutes ÷ interval). */
export interface TeamCurves {
  readonly team: string;
  /** Staff needed by the plan (visit + travel staff-minutes ÷ interval); zero without a plan. */
  readonly needed: Float64Array;
  /** Estimate from the instance alone (see {@link estimateDemand}). */
  readonly estimate: Float64Array;
  /** Staff on paid shifts: fixed shifts and (with a plan) the optional shifts it uses; breaks included. */
  readonly onShift: Float64Array;
  /** Staff on every roster shift, optional ones included. */
  readonly rostered: Float64Array;
  /** Waiting staff-minutes per interval in the plan (beside the curve, not in it). */
  readonly waiting: Float64Array;
}

/** The curves of a period. Interval `i` starts at period minute `i × interval` (local midnight of day 1 = 0). */
export interface StaffingCurves {
  readonly interval: number;
  readonly nIntervals: number;
  readonly clock: PeriodClock;
  readonly teams: readonly TeamCurves[];
  /** Visit + travel staff-minutes of the plan's routes, counted from the events (the reconciliation's other side). */
  readonly planStaffMinutes: { readonly visit: number; readonly travel: number; readonly waiting: number };
}

/** Adds `minutes` of one staff member between period minutes [from, to) to a curve, split over the intervals it spans. */
function spread(curve: Float64Array, interval: number, from: number, to: number, weight = 1): void {
  if (to <= from) return;
  const last = curve.length * interval;
  for (let t = Math.max(0, from); t < Math.min(to, last); ) {
    const i = Math.floor(t / interval);
    const end = Math.min(to, (i + 1) * interval);
    curve[i]! += (weight * (end - t)) / interval;
    t = end;
  }
}

/**
 * The curves of an instance and, when given, its plan. Needed: each route's visit events count for
 * the visited client's team; a travel leg for the team of the client it goes to (a leg back to the
 * base for the staff member's team). Supply: each shift for its staff member's team; an optional
 * shift without a route in the plan is not on shift (released). The estimate is computed unless
 * `options.estimate` is false (it is then all zero).
 */
export function staffingCurves(instance: Instance, plan?: Plan, interval = 15, options: { readonly estimate?: boolean } = {}): StaffingCurves {
  if (!Number.isInteger(interval) || interval < 1 || interval > 1440 || 1440 % interval !== 0) throw new RangeError(`interval must be a whole divisor of 1440 minutes, got ${interval}`);
  // The estimate needs the planner's model (granted time placed on days); the plan's curves only the clock.
  const model = options.estimate === false ? null : buildWeekModel(instance);
  const clock = model?.clock ?? new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
  // Overnight shifts and overtime may run into the day after the period.
  const nIntervals = ((clock.days + 1) * 1440) / interval;
  const teamIds = instance.teams.map((t) => t.id);
  const curves = new Map(
    teamIds.map((team) => [
      team,
      { team, needed: new Float64Array(nIntervals), estimate: new Float64Array(nIntervals), onShift: new Float64Array(nIntervals), rostered: new Float64Array(nIntervals), waiting: new Float64Array(nIntervals) },
    ]),
  );
  const of = (team: string): TeamCurves => curves.get(team)!;
  const clientTeam = new Map(instance.clients.map((c) => [c.id, c.team]));
  const visitClient = new Map((plan?.visits ?? []).map((v) => [v.id, v.clientId]));

  const used = new Set((plan?.routes ?? []).filter((r) => r.events.length > 0).map((r) => `${r.staffId}\u0000${r.shiftId}`));
  for (const s of instance.staff) {
    for (const shift of s.shifts) {
      const iv = clock.shiftInterval(shift.date, shift.start, shift.end);
      spread(of(s.team).rostered, interval, iv.start, iv.end);
      if (!shift.optional || used.has(`${s.id}\u0000${shift.id}`)) spread(of(s.team).onShift, interval, iv.start, iv.end);
    }
  }

  let visit = 0;
  let travel = 0;
  let waiting = 0;
  const staffTeam = new Map(instance.staff.map((s) => [s.id, s.team]));
  for (const r of plan?.routes ?? []) {
    const own = staffTeam.get(r.staffId) ?? teamIds[0]!;
    for (const e of r.events) {
      if (e.type === 'start' || e.type === 'end' || e.type === 'break') continue;
      const from = clock.parseInstant(e.start);
      const to = clock.parseInstant(e.end);
      if (e.type === 'visit') {
        visit += to - from;
        spread(of(clientTeam.get(visitClient.get(e.visitId) ?? '') ?? own).needed, interval, from, to);
      } else if (e.type === 'travel') {
        travel += to - from;
        spread(of(e.to.kind === 'client' ? (clientTeam.get(e.to.id) ?? own) : own).needed, interval, from, to);
      } else {
        waiting += to - from;
        spread(of(own).waiting, interval, from, to, interval);
      }
    }
  }
  if (model) estimateDemand(model, (team, from, to, weight) => spread(of(team).estimate, interval, from, to, weight));
  return { interval, nIntervals, clock, teams: teamIds.map(of), planStaffMinutes: { visit, travel, waiting } };
}

/**
 * The demand estimate before planning, from the instance alone: every visit the weekly planner
 * would plan (granted time placed on days, same-day tasks combined; `buildWeekModel`) needs its
 * minutes × staff count plus one travel leg (the travel time from the nearest other client of its
 * team that day, by car), spread evenly over where it can lie: from its earliest allowed start to
 * its latest allowed start + its length. A tight window gives a sharp peak, a free task a flat
 * band; the area (staff-minutes) is what a plan would need with that travel.
 */
export function estimateDemand(model: ReturnType<typeof buildWeekModel>, add: (team: string, from: number, to: number, weight: number) => void): void {
  const { candidates, occurrences, travel } = model;
  const car = travel.minutesByMode.car;
  const n = travel.locations.length;
  // Clients of a team per day (locations), for the nearest-neighbour leg.
  const byTeamDay = new Map<string, number[]>();
  candidates.forEach((c, ci) => {
    const o = occurrences[c.members[0]!]!;
    const key = `${o.client.team}\u0000${model.candDay[ci]}`;
    (byTeamDay.get(key) ?? byTeamDay.set(key, []).get(key)!).push(travel.indexOf('client', o.client.id));
  });
  candidates.forEach((c, ci) => {
    if (c.windows.length === 0) return;
    const o = occurrences[c.members[0]!]!;
    const loc = travel.indexOf('client', o.client.id);
    const others = byTeamDay.get(`${o.client.team}\u0000${model.candDay[ci]}`)!;
    let leg = Infinity;
    for (const x of others) if (x !== loc) leg = Math.min(leg, car[x * n + loc]!);
    // A team's only client that day: the leg from the nearest base.
    if (!Number.isFinite(leg)) for (const b of model.instance.bases) leg = Math.min(leg, car[travel.indexOf('base', b.id) * n + loc]!);
    const minutes = model.candMinutes[ci]! + leg;
    const staff = o.task.staffCount;
    const from = c.windows[0]!.start - leg;
    const to = c.windows[c.windows.length - 1]!.end + model.candMinutes[ci]!;
    // Staff-minutes `minutes × staff` spread evenly over [from, to): weight per minute of span.
    add(o.client.team, from, to, (minutes * staff) / Math.max(1, to - from));
  });
}
