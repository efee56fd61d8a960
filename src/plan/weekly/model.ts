import type { LinkSpec, VehicleSpec } from '../../../solver/index.js';
import { PeriodClock, isoWeekday } from '../../calendar.js';
import type { Instance, Shift, Staff } from '../../schema/instance.js';
import type { ImportedMatrix } from '../../travel/matrix.js';
import { TRAVEL_MODES, TravelModel } from '../../travel/model.js';
import { breakWindow } from '../../validate/semantic.js';
import { composeVisits, type VisitCandidate } from '../compose.js';
import { optionalShift } from '../terms/optional-shift.js';
import { planOccurrences, type GrantedModelOptions, type Occurrence } from '../granted.js';
import { allShifts, shiftBase } from '../write.js';

/** A start interval in period minutes. */
export interface Window {
  readonly start: number;
  readonly end: number;
}

/** Intersection of two sorted window lists (sorted; empty when they share no minute). */
export function cutWindows(a: readonly Window[], b: readonly Window[]): Window[] {
  const out: Window[] = [];
  for (const x of a) for (const y of b) if (Math.max(x.start, y.start) <= Math.min(x.end, y.end)) out.push({ start: Math.max(x.start, y.start), end: Math.min(x.end, y.end) });
  return out.sort((p, q) => p.start - q.start);
}

/** Intersection of several sorted window lists (empty when they share no minute). */
export function intersectWindows(lists: readonly (readonly Window[])[]): Window[] {
  let out: Window[] = lists[0]!.map((w) => ({ ...w }));
  for (const ws of lists.slice(1)) out = cutWindows(out, ws);
  return out;
}

/** One engine visit of a day: a visit candidate, or one half of a double-staffed candidate. */
export interface DayVisit {
  readonly cand: number;
  readonly half: 0 | 1;
}

/** The routing problem of one day, apart from the costs that change between passes. */
export interface DayModel {
  readonly day: number;
  /** Global shift indices; vehicle k of the day's problem is shift `shifts[k]`. */
  readonly shifts: readonly number[];
  readonly visits: readonly DayVisit[];
  /** Double staffing (gap [0, 0] on different vehicles) and minimum gaps between a task's visits. */
  readonly links: readonly LinkSpec[];
}

/** A period's demand and supply as the planners see it: occurrences, composed visits and shifts. */
export interface PeriodDemand {
  readonly instance: Instance;
  readonly clock: PeriodClock;
  readonly travel: TravelModel;
  readonly occurrences: readonly Occurrence[];
  readonly candidates: readonly VisitCandidate[];
  readonly shifts: readonly { staff: Staff; shift: Shift }[];
}

/**
 * Everything the weekly planner derives once from an instance: occurrences (granted time placed on
 * days with lengths), visit candidates, shifts as vehicles, the days' routing skeletons, the travel
 * matrices of every mode in one shared array, and indices. Immutable after {@link buildWeekModel}.
 */
export interface WeekModel extends PeriodDemand {
  readonly staffIndex: ReadonlyMap<string, number>;
  readonly clientIndex: ReadonlyMap<string, number>;
  /** Per candidate: client index, day index, minutes (per staff member), priority. */
  readonly candClient: Int32Array;
  readonly candDay: Int32Array;
  readonly candMinutes: Int32Array;
  /** Per candidate: its windows cut to the client's preferred times, or null when no preference applies. */
  readonly preferredWindows: readonly (readonly Window[] | null)[];
  readonly days: readonly DayModel[];
  /** Per global shift: the vehicle of the routing core (skills as indices, travel profile = mode). */
  readonly vehicles: readonly VehicleSpec[];
  /** Per global shift: units of the `optionalShift` term when used (0 for a shift paid anyway). */
  readonly shiftUnits: Float64Array;
  /** Skill name → index used in vehicle and visit specs. */
  readonly skillIndex: ReadonlyMap<string, number>;
  /** Travel minutes of all modes (profile p = `TRAVEL_MODES[p]`), nLoc² each, on shared memory. */
  readonly matrix: Float64Array;
  readonly nProfiles: number;
}

/**
 * Builds the {@link WeekModel}: granted time → occurrences (two LPs), same-day tasks → visits, and
 * one routing skeleton per day. Double-staffed visits become two engine visits linked with gap [0, 0]
 * on different vehicles; a task's minimum gap links every pair of its visits that day (a chain of
 * neighbours would break when the middle visit stays unplanned).
 */
export function buildWeekModel(instance: Instance, matrix?: ImportedMatrix, granted: GrantedModelOptions = {}): WeekModel {
  const clock = new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
  const occurrences = planOccurrences(instance, clock.dates, granted);
  return modelFromDemand(instance, occurrences, composeVisits(clock, occurrences, instance.staff), matrix);
}

/**
 * The {@link WeekModel} of given occurrences and visit candidates (candidate members index
 * `occurrences`): what {@link buildWeekModel} does after the granted-time models, and what a replan
 * uses with the visits of the plan in force.
 */
export function modelFromDemand(instance: Instance, occurrences: readonly Occurrence[], candidates: readonly VisitCandidate[], matrix?: ImportedMatrix): WeekModel {
  const clock = new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
  const travel = new TravelModel(instance, matrix);
  const shifts = allShifts(instance);
  const staffIndex = new Map(instance.staff.map((s, i) => [s.id, i]));
  const clientIndex = new Map(instance.clients.map((c, i) => [c.id, i]));
  const skillIndex = new Map<string, number>();
  const skillId = (k: string): number => skillIndex.get(k) ?? (skillIndex.set(k, skillIndex.size), skillIndex.size - 1);

  const candClient = Int32Array.from(candidates, (c) => clientIndex.get(occurrences[c.members[0]!]!.client.id)!);
  const candDay = Int32Array.from(candidates, (c) => clock.dayIndex(occurrences[c.members[0]!]!.date));
  const candMinutes = Int32Array.from(candidates, (c) => c.members.reduce((s, m) => s + occurrences[m]!.minutes, 0));
  const preferredWindows = candidates.map((c) => preferredWindowsOf(clock, occurrences, c));

  const days: DayModel[] = clock.dates.map((date, day) => {
    const dayShifts = shifts.map((s, i) => (s.shift.date === date ? i : -1)).filter((i) => i >= 0);
    const visits: DayVisit[] = [];
    const links: LinkSpec[] = [];
    const gapped = new Map<string, { gap: number; list: number[] }>();
    candidates.forEach((cand, ci) => {
      if (candDay[ci] !== day) return;
      const first = visits.length;
      visits.push({ cand: ci, half: 0 });
      const o = occurrences[cand.members[0]!]!;
      if (o.task.staffCount === 2) {
        visits.push({ cand: ci, half: 1 });
        links.push({ a: first, b: first + 1, minGap: 0, maxGap: 0, differentVehicles: true });
      }
      const gap = cand.members.map((m) => occurrences[m]!).find((m) => m.task.minGapMinutes > 0);
      if (gap) {
        const key = `${gap.client.id}\u0000${gap.task.id}`;
        (gapped.get(key) ?? gapped.set(key, { gap: gap.task.minGapMinutes, list: [] }).get(key)!).list.push(first);
      }
    });
    for (const { gap, list } of gapped.values()) {
      const ordered = gapOrder(list.map((v) => candidates[visits[v]!.cand]!.windows), gap).map((i) => list[i]!);
      list.splice(0, list.length, ...ordered);
      for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) links.push({ a: list[i]!, b: list[j]!, minGap: gap });
    }
    return { day, shifts: dayShifts, visits, links };
  });

  const vehicles: VehicleSpec[] = shifts.map(({ staff, shift }) => {
    const iv = clock.shiftInterval(shift.date, shift.start, shift.end);
    const base = travel.indexOf('base', shiftBase(staff, shift));
    const spec: VehicleSpec = {
      start: base,
      end: base,
      shiftStart: iv.start,
      shiftEnd: iv.end,
      skills: staff.skills.map(skillId),
      profile: TRAVEL_MODES.indexOf(staff.travelMode),
    };
    const br = shift.break;
    if (!br) return spec;
    const win = breakWindow(clock, shift.date, iv.start, br.earliestStart, br.latestEnd);
    return { ...spec, break: { duration: br.minutes, earliest: Math.max(win.start, iv.start), latest: Math.min(win.end, iv.end) - br.minutes, atBase: br.at === 'base' } };
  });
  const shiftUnits = Float64Array.from(shifts, ({ staff, shift }) => {
    if (!shift.optional) return 0;
    const iv = clock.shiftInterval(shift.date, shift.start, shift.end);
    return optionalShift.units({ staff, shift, paidMinutes: Math.max(0, iv.end - iv.start - (shift.break?.minutes ?? 0)), economics: instance.economics });
  });
  // Skills of tasks that no staff member holds still need an index (such visits stay unplanned).
  for (const o of occurrences) for (const k of o.task.skills) skillId(k);

  const n = travel.locations.length;
  const shared = new Float64Array(new SharedArrayBuffer(TRAVEL_MODES.length * n * n * Float64Array.BYTES_PER_ELEMENT));
  TRAVEL_MODES.forEach((mode, p) => shared.set(travel.minutesByMode[mode], p * n * n));

  return {
    instance,
    clock,
    travel,
    occurrences,
    candidates,
    shifts,
    staffIndex,
    clientIndex,
    candClient,
    candDay,
    candMinutes,
    preferredWindows,
    days,
    vehicles,
    shiftUnits,
    skillIndex,
    matrix: shared,
    nProfiles: TRAVEL_MODES.length,
  };
}

/**
 * A candidate's allowed start windows cut to the client's preferred time ranges that day; null when
 * no preference applies that weekday or no allowed window meets a preferred range (then the
 * preference does not concern this visit, e.g. a 08:00 range and an evening visit).
 */
export function preferredWindowsOf(clock: PeriodClock, occ: readonly Occurrence[], cand: VisitCandidate): Window[] | null {
  const o = occ[cand.members[0]!]!;
  const ranges = o.client.preferences.timeRanges.filter((r) => !r.weekdays || r.weekdays.includes(isoWeekday(o.date)));
  if (ranges.length === 0) return null;
  const out: { start: number; end: number }[] = [];
  for (const r of ranges) {
    const p = clock.shiftInterval(o.date, r.start, r.end);
    for (const w of cand.windows) {
      const start = Math.max(w.start, p.start);
      const end = Math.min(w.end, p.end);
      if (start <= end) out.push({ start, end });
    }
  }
  if (out.length === 0) return null;
  out.sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const x of out) {
    const last = merged[merged.length - 1];
    if (last && x.start <= last.end) last.end = Math.max(last.end, x.end);
    else merged.push({ ...x });
  }
  return merged;
}

/**
 * The order in which a task's visits of one day keep their minimum gap. A gap is symmetric but a
 * link orders the pair, so the order must admit a schedule: among the orders (visits sorted by last
 * then first allowed start, then permutations in lexicographic order, up to 5 visits), the first in
 * which every visit can start `gap` after the previous one inside its windows. A meal combined with
 * the noon medication then precedes a meal allowed morning, noon or evening, which goes first.
 */
export function gapOrder(windows: readonly (readonly Window[])[], gap: number): number[] {
  const idx = windows.map((_, i) => i);
  idx.sort((a, b) => windows[a]!.at(-1)!.end - windows[b]!.at(-1)!.end || windows[a]![0]!.start - windows[b]![0]!.start || a - b);
  if (idx.length > 5) return idx;
  const feasible = (order: readonly number[]): boolean => {
    let t = -Infinity;
    for (const i of order) {
      const w = windows[i]!.find((x) => x.end >= t);
      if (!w) return false;
      t = Math.max(t, w.start) + gap;
    }
    return true;
  };
  let found: number[] | null = null;
  const permute = (prefix: number[], rest: number[]): void => {
    if (found) return;
    if (rest.length === 0) {
      if (feasible(prefix)) found = prefix;
      return;
    }
    rest.forEach((x, k) => permute([...prefix, x], [...rest.slice(0, k), ...rest.slice(k + 1)]));
  };
  permute([], idx);
  return found ?? idx;
}
