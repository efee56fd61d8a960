import type { Rng } from '../../solver/rng.js';
import { isoWeek, isoWeekday } from '../../src/calendar.js';
import type { BreakRule, Shift, TravelMode, TravelSettings } from '../../src/schema/instance.js';
import { coverNeed, fixedPeakStaff, loadOf, peakNeed, type CoverKind, type Job, type Load, type TeamJobs } from './load.js';
import type { TeamConfig } from './profiles.js';
import { mins, pickWeighted } from './tasks.js';

/** Shift kinds of the TimeCare-like roster. */
export type ShiftKind = 'D' | 'M' | 'E' | 'K' | 'L' | 'N';

interface ShiftDef {
  readonly start: string;
  readonly end: string;
  readonly breakMinutes: number;
  readonly breakFrom: string;
  readonly breakTo: string;
  /** `team`: the team's day-break rule decides. */
  readonly breakAt: 'base' | 'anywhere' | 'team';
}

/**
 * D day 07:00–16:00, M morning 07:00–12:30 (part-time peak cover), E evening 16:00–22:00,
 * K short evening 17:30–21:30 without break (part-time evening peak cover),
 * L late 17:00–23:00 (only where late checks are due), N nurse day 08:00–16:30.
 */
export const SHIFT_DEFS: Readonly<Record<ShiftKind, ShiftDef>> = {
  D: { start: '07:00', end: '16:00', breakMinutes: 30, breakFrom: '11:00', breakTo: '13:30', breakAt: 'team' },
  M: { start: '07:00', end: '12:30', breakMinutes: 15, breakFrom: '09:30', breakTo: '12:00', breakAt: 'anywhere' },
  E: { start: '16:00', end: '22:00', breakMinutes: 30, breakFrom: '17:30', breakTo: '19:30', breakAt: 'anywhere' },
  K: { start: '17:30', end: '21:30', breakMinutes: 0, breakFrom: '17:30', breakTo: '21:30', breakAt: 'anywhere' },
  L: { start: '17:00', end: '23:00', breakMinutes: 30, breakFrom: '18:30', breakTo: '20:30', breakAt: 'anywhere' },
  N: { start: '08:00', end: '16:30', breakMinutes: 30, breakFrom: '11:30', breakTo: '13:00', breakAt: 'base' },
};

/** Paid minutes of a shift kind: length minus break. */
export function paidMinutes(kind: ShiftKind): number {
  const d = SHIFT_DEFS[kind];
  return mins(d.end) - mins(d.start) - d.breakMinutes;
}

/** Full-time week in Swedish municipal home care (Kommunal's agreement): 40 hours. */
export const FULL_TIME_WEEK_MINUTES = 40 * 60;

/** Workload target: staff-minutes incl. travel per staff-minute of the busiest interval of the day. */
const UTILISATION = 0.85;
/** Evening work is sparser (one visit per client, far apart, a break in the middle): more slack. */
const EVENING_UTILISATION = 0.8;

/** Makes the shift object of one kind on one date. */
export function makeShift(id: string, date: string, kind: ShiftKind, team: TeamConfig): Shift {
  const d = SHIFT_DEFS[kind];
  if (d.breakMinutes === 0) return { id, date, start: d.start, end: d.end, maxOvertimeMinutes: 0 };
  const rule: BreakRule = {
    minutes: d.breakMinutes,
    earliestStart: d.breakFrom,
    latestEnd: d.breakTo,
    at: d.breakAt === 'team' ? team.dayBreakAt : d.breakAt,
  };
  return { id, date, start: d.start, end: d.end, break: rule, maxOvertimeMinutes: 0 };
}

/** Kind of a roster shift (from its start/end). */
export function kindOf(shift: Pick<Shift, 'start' | 'end'>): ShiftKind | undefined {
  for (const k of Object.keys(SHIFT_DEFS) as ShiftKind[]) {
    if (SHIFT_DEFS[k].start === shift.start && SHIFT_DEFS[k].end === shift.end) return k;
  }
  return undefined;
}

/** A care worker being rostered (ids are given afterwards). */
export interface Worker {
  readonly key: number;
  readonly team: string;
  readonly pct: number;
  readonly pref: 'day' | 'evening' | 'mixed';
  readonly cycle: 2 | 3;
  readonly offset: number;
  readonly weekCap: number;
  readonly periodTarget: number;
  /** Random tie-break order. */
  readonly order: number;
  readonly shifts: Map<number, ShiftKind>;
  readonly weekMinutes: Map<string, number>;
  total: number;
}

/** Slots to fill per date for one team. */
export interface TeamDemand {
  readonly team: string;
  /** Per date index: number of shifts of each kind needed. */
  readonly slots: Record<'D' | 'M' | 'E' | 'K' | 'L', number>[];
  /** Demanded staff-minutes per date (standard durations, double staffing counted twice). */
  readonly demandMinutes: number[];
}

/** Band limits: windows closing by 10:30 are morning work, visits done by 15:45 or opening before 14:00 are day work, windows opening from 21:15 need a late shift. */
const MORNING_END = 10 * 60 + 30;
const DAY_END = 15 * 60 + 45;
const EVENING_FROM = 14 * 60;
const LATE_FROM = 21 * 60 + 15;

/** How much slower than by car the team's staff travel on average (bike, walk), capped per mode at 3×. */
export function modeFactor(team: TeamConfig, travel: TravelSettings): number {
  const speed = (m: TravelMode): number => (m === 'car' ? travel.car.urbanKmh : m === 'bike' ? travel.bikeKmh : travel.walkKmh);
  const total = team.modes.reduce((s, [, w]) => s + w, 0);
  return team.modes.reduce((s, [m, w]) => s + (w / total) * Math.min(3, travel.car.urbanKmh / speed(m)), 0);
}

/**
 * Staffing need per team and date from the team's jobs (visits as a plan combines them, with travel
 * estimated among the clients due at about the same time; see load.ts): for every interval between a
 * work start and a latest end, the staff-minutes that must fall inside it (double-staffed visits
 * exactly, at their earliest start; other visits + travel ÷ the utilisation target), ÷ its length.
 * Day (D, M) and evening (E, L) shifts are sized separately; at least two day staff every day.
 */
export function teamDemand(jobs: TeamJobs, dates: readonly string[], teams: readonly string[]): TeamDemand[] {
  return teams.map((team) => {
    const perDate = jobs.get(team) ?? dates.map(() => []);
    const demandMinutes = perDate.map((list) => list.reduce((s, j) => s + j.weight * j.dur * j.staffCount, 0));
    const slots = perDate.map((list) => {
      const day: Load[] = [];
      const eve: Load[] = [];
      const late: Load[] = [];
      for (const j of list) {
        const o = loadOf(j);
        if (j.b <= MORNING_END || j.b + j.dur <= DAY_END || j.a < EVENING_FROM) day.push(o);
        else if (j.a >= LATE_FROM) late.push(o);
        else eve.push(o);
      }
      const kind = (k: ShiftKind): CoverKind => ({ from: mins(SHIFT_DEFS[k].start), to: mins(SHIFT_DEFS[k].end), paid: paidMinutes(k) });
      const isDayJob = (j: Job): boolean => j.b <= MORNING_END || j.b + j.dur <= DAY_END || j.a < EVENING_FROM;
      const dayCover = coverNeed(day, kind('D'), kind('M'), UTILISATION, 2, fixedPeakStaff(list.filter(isDayJob)));
      const D = dayCover.main;
      const M = dayCover.peak;
      const L = late.length > 0 ? Math.max(1, peakNeed(late, mins('21:00'), UTILISATION)) : 0;
      const eveCover = coverNeed([...eve, ...late], kind('E'), kind('K'), EVENING_UTILISATION, eve.length > 0 ? 2 : 0, fixedPeakStaff(list.filter((j) => !isDayJob(j))));
      let E = Math.max(eve.length > 0 ? 2 : 0, eveCover.main - L);
      const K = eveCover.peak;
      if (list.some((j) => j.staffCount > 1 && !(j.b <= MORNING_END || j.b + j.dur <= DAY_END || j.a < EVENING_FROM)) && E + K + L < 2) E = 2 - K - L;
      return { D, M, E, K, L };
    });
    return { team, slots, demandMinutes };
  });
}

const CONTRACTS: readonly (readonly [number, number])[] = [
  [1, 0.35],
  [0.9, 0.2],
  [0.8, 0.25],
  [0.75, 0.2],
];

/**
 * Fills the slots with workers, TimeCare style: each worker has an employment rate (75–100%),
 * a day/evening/mixed pattern and a weekend rotation (every 2nd or 3rd weekend). Weekends are
 * filled first from the rotation group on duty, then weekdays by most remaining contracted time.
 * Day shifts never follow an evening shift (11 h daily rest), at most 6 days in a row. When no
 * worker can take a slot, the team hires one more.
 */
export function buildRoster(
  rng: Rng,
  demand: TeamDemand,
  dates: readonly string[],
  cycles: readonly (readonly [2 | 3, number])[],
): Worker[] {
  // Size the pool so that hardly anyone is hired mid-period: rerun with the hires in the pool from the start.
  let n: number | undefined;
  let result = rosterAttempt(rng.fork(), demand, dates, cycles, n);
  for (let i = 0; i < 4 && result.hires > 0; i++) {
    n = result.pool + result.hires;
    result = rosterAttempt(rng.fork(), demand, dates, cycles, n);
  }
  return result.workers;
}

function rosterAttempt(
  rng: Rng,
  demand: TeamDemand,
  dates: readonly string[],
  cycles: readonly (readonly [2 | 3, number])[],
  poolSize: number | undefined,
): { workers: Worker[]; pool: number; hires: number } {
  const weeks = dates.map((d) => isoWeek(d));
  const weekKey = (i: number): string => `${weeks[i]!.year}-${weeks[i]!.week}`;
  const weekend = dates.map((d) => isoWeekday(d) >= 6);
  const periodWeeks = dates.length / 7;

  let totalPaid = 0;
  let evePaid = 0;
  for (const s of demand.slots) {
    totalPaid += s.D * paidMinutes('D') + s.M * paidMinutes('M') + s.E * paidMinutes('E') + s.K * paidMinutes('K') + s.L * paidMinutes('L');
    evePaid += s.E * paidMinutes('E') + s.K * paidMinutes('K') + s.L * paidMinutes('L');
  }
  const avgPct = CONTRACTS.reduce((s, [p, w]) => s + p * w, 0);
  const n0 = poolSize ?? Math.max(2, Math.ceil(totalPaid / (avgPct * FULL_TIME_WEEK_MINUTES * periodWeeks)));
  let hires = 0;
  const eveShare = totalPaid > 0 ? evePaid / totalPaid : 0;

  const workers: Worker[] = [];
  const offsets = new Map<number, number>();
  const hire = (pref: Worker['pref'] | undefined, onDutyWeek?: number): Worker => {
    const pct = pickWeighted(rng, CONTRACTS);
    const cycle = pickWeighted(rng, cycles);
    let offset: number;
    if (onDutyWeek !== undefined) offset = onDutyWeek % cycle;
    else {
      const next = offsets.get(cycle) ?? rng.int(cycle);
      offset = next % cycle;
      offsets.set(cycle, next + 1);
    }
    const p: Worker['pref'] =
      pref ?? (rng.chance(0.2) ? 'mixed' : rng.chance(Math.min(0.9, eveShare * 1.1)) ? 'evening' : 'day');
    const w: Worker = {
      key: workers.length,
      team: demand.team,
      pct,
      pref: p,
      cycle,
      offset,
      weekCap: Math.round((pct * FULL_TIME_WEEK_MINUTES * 1.1) / 15) * 15,
      periodTarget: pct * FULL_TIME_WEEK_MINUTES * periodWeeks,
      order: rng.next(),
      shifts: new Map(),
      weekMinutes: new Map(),
      total: 0,
    };
    workers.push(w);
    return w;
  };
  for (let i = 0; i < n0; i++) hire(undefined);

  const isDay = (k: ShiftKind | undefined): boolean => k === 'D' || k === 'M';
  const isEve = (k: ShiftKind | undefined): boolean => k === 'E' || k === 'K' || k === 'L';
  const run = (w: Worker, di: number): number => {
    let n = 1;
    for (let i = di - 1; i >= 0 && w.shifts.has(i); i--) n++;
    for (let i = di + 1; i < dates.length && w.shifts.has(i); i++) n++;
    return n;
  };
  const eligible = (w: Worker, di: number, kind: ShiftKind, strictPref: boolean, strictWeekend: boolean): boolean => {
    if (w.shifts.has(di)) return false;
    const paid = paidMinutes(kind);
    if ((w.weekMinutes.get(weekKey(di)) ?? 0) + paid > w.weekCap) return false;
    if (w.total + paid > w.periodTarget * 1.05) return false;
    if (isDay(kind) && isEve(w.shifts.get(di - 1))) return false;
    if (isEve(kind) && isDay(w.shifts.get(di + 1))) return false;
    if (run(w, di) > 6) return false;
    if (strictPref && w.pref !== 'mixed' && (w.pref === 'day') !== isDay(kind)) return false;
    if (strictWeekend && weekend[di] && weeks[di]!.week % w.cycle !== w.offset) return false;
    return true;
  };
  const assign = (w: Worker, di: number, kind: ShiftKind): void => {
    w.shifts.set(di, kind);
    w.weekMinutes.set(weekKey(di), (w.weekMinutes.get(weekKey(di)) ?? 0) + paidMinutes(kind));
    w.total += paidMinutes(kind);
  };
  const fill = (di: number): void => {
    const s = demand.slots[di]!;
    const kinds: ShiftKind[] = [
      ...Array<ShiftKind>(s.L).fill('L'),
      ...Array<ShiftKind>(s.E).fill('E'),
      ...Array<ShiftKind>(s.K).fill('K'),
      ...Array<ShiftKind>(s.D).fill('D'),
      ...Array<ShiftKind>(s.M).fill('M'),
    ];
    for (const kind of kinds) {
      let chosen: Worker | undefined;
      for (const [strictPref, strictWeekend] of [
        [true, true],
        [false, true],
        [true, false],
        [false, false],
      ] as const) {
        const pool = workers.filter((w) => eligible(w, di, kind, strictPref, strictWeekend));
        if (pool.length === 0) continue;
        // Saturday workers keep Sunday; otherwise most remaining contracted time first.
        const score = (w: Worker): number =>
          (weekend[di] && w.shifts.get(di - 1) === kind ? 10 : 0) + (w.periodTarget - w.total) / w.periodTarget + w.order * 1e-6;
        pool.sort((x, y) => score(y) - score(x));
        chosen = pool[0];
        break;
      }
      if (!chosen) {
        chosen = hire(isDay(kind) ? 'day' : 'evening', weeks[di]!.week);
        hires++;
      }
      assign(chosen, di, kind);
    }
  };

  // Week by week: weekend first (rotation), then weekdays.
  const weekOrder: number[][] = [];
  for (let i = 0; i < dates.length; i++) {
    const last = weekOrder[weekOrder.length - 1];
    if (last && weekKey(last[0]!) === weekKey(i)) last.push(i);
    else weekOrder.push([i]);
  }
  for (const days of weekOrder) {
    for (const di of days) if (weekend[di]) fill(di);
    for (const di of days) if (!weekend[di]) fill(di);
  }
  return { workers: workers.filter((w) => w.shifts.size > 0), pool: n0, hires };
}
