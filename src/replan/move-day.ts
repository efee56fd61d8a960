/**
 * Moving a visit to another day (replanning). A visit the replan cannot do on its own day — its
 * staff member is sick and nobody else can take it there — is better done on another day of its
 * week than not at all, when its tasks allow it: weekly tasks (a shower twice a week, cleaning) may
 * be done on any allowed day of the ISO week, daily ones may not. This module picks, for each such
 * unplanned visit, the day with the most room among the days its tasks allow, and writes the week's
 * demand with those visits moved there; the replan then re-solves those days with the visits
 * priced by `movedDay` and keeps the result only when it is better (fewer unplanned first).
 */
import type { PeriodClock } from '../calendar.js';
import type { Occurrence } from '../plan/granted.js';
import { cutWindows, intersectWindows, type WeekModel, type Window } from '../plan/weekly/model.js';
import type { DaySolution } from '../plan/weekly/write.js';
import type { Changes } from '../schema/changes.js';
import { taskWindows } from '../validate/semantic.js';

/** A visit candidate moved to another day, with its windows there (period minutes). */
export interface DayMove {
  readonly cand: number;
  readonly day: number;
  readonly windows: readonly Window[];
}

/** What {@link dayMoves} needs to know about the replan besides the model and its first result. */
export interface MoveContext {
  /** `now` in period minutes (-Infinity without one): a moved visit starts after it. */
  readonly now: number;
  /** Per candidate: 1 when locked or frozen (never moved). */
  readonly locked: Uint8Array;
  /** Per candidate: the shifts a staff lock keeps it on, or null (a staff-locked visit is not moved). */
  readonly allowedShifts: readonly (readonly number[] | null)[];
  /** The days the first search re-solved: only their unplanned visits move (the others were not tried again). */
  readonly searched: readonly number[];
  /** The changes: a client's stay away closes its days to the client's visits. */
  readonly changes: Changes;
}

/**
 * The unplanned candidates of a first replan result that can move to another day of their week, and
 * where (only from days the first search re-solved): every member occurrence is of a weekly task whose span allows the day, the client has no
 * other visit of those tasks that day, is not away any part of it, and the day is today or later
 * with a window after `now`. Among those days, the one with the most shift minutes left (shift
 * minutes minus planned visit minutes, after earlier moves) wins; ties go to the nearest day, then
 * the earlier. Deterministic: candidates in index order.
 */
export function dayMoves(model: WeekModel, days: readonly DaySolution[], ctx: MoveContext): DayMove[] {
  const { clock, candidates, occurrences } = model;
  const planned = plannedCandidates(model, days);
  // Shift minutes left per day.
  const room = model.days.map((m) => {
    let left = 0;
    for (const si of m.shifts) left += model.vehicles[si]!.shiftEnd - model.vehicles[si]!.shiftStart;
    for (const dv of m.visits) if (planned[dv.cand]) left -= model.candMinutes[dv.cand]!;
    return left;
  });
  // The days each (client, task) already has a visit on.
  const key = (o: Occurrence): string => `${o.client.id}\u0000${o.task.id}`;
  const taken = new Map<string, Set<number>>();
  candidates.forEach((c, ci) => {
    for (const m of c.members) {
      const k = key(occurrences[m]!);
      (taken.get(k) ?? taken.set(k, new Set()).get(k)!).add(model.candDay[ci]!);
    }
  });
  const away = awayIntervals(clock, ctx.changes);
  const today = Number.isFinite(ctx.now) ? Math.max(0, clock.dayIndexOf(ctx.now)) : 0;
  const moves: DayMove[] = [];
  candidates.forEach((cand, ci) => {
    if (planned[ci] || ctx.locked[ci] || ctx.allowedShifts[ci]?.length) return;
    const members = cand.members.map((m) => occurrences[m]!);
    if (members.some((o) => o.span.dates.length < 2)) return;
    const from = model.candDay[ci]!;
    if (!ctx.searched.includes(from)) return;
    const stays = away.get(members[0]!.client.id) ?? [];
    let best: DayMove | null = null;
    let bestRoom = -Infinity;
    for (let d = today; d < model.days.length; d++) {
      const date = clock.dates[d]!;
      if (d === from || model.days[d]!.shifts.length === 0) continue;
      if (members.some((o) => !o.span.dates.includes(date) || taken.get(key(o))!.has(d))) continue;
      const dayStart = clock.shiftInterval(date, '00:00', '00:00');
      if (stays.some((s) => s.start < dayStart.end && s.end > dayStart.start)) continue;
      const windows = cutWindows(intersectWindows(members.map((o) => taskWindows(clock, date, o.task))), [{ start: ctx.now, end: Infinity }]);
      if (windows.length === 0) continue;
      const better = room[d]! > bestRoom || (room[d] === bestRoom && best !== null && Math.abs(d - from) < Math.abs(best.day - from));
      if (better) {
        best = { cand: ci, day: d, windows };
        bestRoom = room[d]!;
      }
    }
    if (!best) return;
    moves.push(best);
    room[best.day]! -= model.candMinutes[ci]! * members[0]!.task.staffCount;
    for (const o of members) taken.get(key(o))!.add(best.day);
  });
  return moves;
}

/** The week's demand with the moves made: occurrences on their new dates, candidates with their windows there (indices unchanged). */
export function movedDemand(model: WeekModel, moves: readonly DayMove[]): { occurrences: Occurrence[]; candidates: { members: number[]; windows: Window[] }[] } {
  const occurrences = [...model.occurrences];
  const candidates = model.candidates.map((c) => ({ members: [...c.members], windows: c.windows.map((w) => ({ ...w })) }));
  for (const mv of moves) {
    const date = model.clock.dates[mv.day]!;
    for (const m of candidates[mv.cand]!.members) occurrences[m] = { ...occurrences[m]!, date };
    candidates[mv.cand]!.windows = mv.windows.map((w) => ({ ...w }));
  }
  return { occurrences, candidates };
}

/**
 * A first result's routes in the engine indices of the moved model: the same visits on the same
 * routes (a moved candidate was unplanned, so on none).
 */
export function carryRoutes(from: WeekModel, to: WeekModel, days: readonly DaySolution[]): number[][][] {
  return from.days.map((m, d) => {
    const index = new Map(to.days[d]!.visits.map((dv, i) => [`${dv.cand}:${dv.half}`, i]));
    return days[d]!.routes.map((r) => r.map((v) => (v < 0 ? v : index.get(`${m.visits[v]!.cand}:${m.visits[v]!.half}`)!)));
  });
}

/** Per candidate: 1 when every engine visit of it (both halves of a double-staffed one) is on a route. */
function plannedCandidates(model: WeekModel, days: readonly DaySolution[]): Uint8Array {
  const halves = new Int32Array(model.candidates.length);
  model.days.forEach((m, d) => {
    for (const r of days[d]!.routes) for (const v of r) if (v >= 0) halves[m.visits[v]!.cand]!++;
  });
  return Uint8Array.from(model.candidates, (c, ci) => (halves[ci]! >= model.occurrences[c.members[0]!]!.task.staffCount ? 1 : 0));
}

/** Per client: the stays away the changes list (period minutes, [start, end)). */
function awayIntervals(clock: PeriodClock, changes: Changes): Map<string, { start: number; end: number }[]> {
  const out = new Map<string, { start: number; end: number }[]>();
  for (const c of changes.changes) {
    if (c.type !== 'clientAway') continue;
    (out.get(c.clientId) ?? out.set(c.clientId, []).get(c.clientId)!).push({ start: clock.parseInstant(c.from), end: clock.parseInstant(c.to) });
  }
  return out;
}
