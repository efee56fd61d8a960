import type { Rng } from '../../solver/rng.js';
import type { Frequency, Task, TaskCategory, TimeRange } from '../../src/schema/instance.js';
import type { Archetype } from './profiles.js';

/** `HH:MM` of minutes after midnight. */
export function hm(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Minutes after midnight of `HH:MM` (the schema's clock format; hot path, so no string splitting). */
export function mins(clock: string): number {
  const d = (i: number): number => clock.charCodeAt(i) - 48;
  return (d(0) * 10 + d(1)) * 60 + d(3) * 10 + d(4);
}

function win(start: string, end: string): TimeRange {
  return { start, end };
}

const WEEKDAYS_MON_FRI = [1, 2, 3, 4, 5];

interface TaskSpec {
  readonly id: string;
  readonly category: TaskCategory;
  readonly frequency: Frequency;
  readonly standard: number;
  readonly windows?: readonly TimeRange[];
  readonly fixed?: { readonly time: string; readonly toleranceMinutes: number };
  readonly skills?: readonly string[];
  readonly staffCount?: 1 | 2;
  readonly minGapMinutes?: number;
  readonly combinable?: boolean;
  /** Flexibility of the duration: [min, max] = standard × [lo, hi]. Ignored for HSL (exact). */
  readonly flex?: readonly [number, number];
}

/** A fully specified task (every schema default written out). */
export function makeTask(spec: TaskSpec): Task {
  const exact = spec.category === 'hsl';
  const [lo, hi] = spec.flex ?? [0.8, 1.25];
  const min = exact ? spec.standard : Math.max(1, Math.round(spec.standard * lo));
  const max = exact ? spec.standard : Math.max(spec.standard, Math.round(spec.standard * hi));
  const task: Task = {
    id: spec.id,
    category: spec.category,
    frequency: spec.frequency,
    duration: exact ? { standard: spec.standard } : { standard: spec.standard, min, max },
    windows: spec.windows ? [...spec.windows] : [],
    skills: [...(spec.skills ?? [])].sort(),
    staffCount: spec.staffCount ?? 1,
    minGapMinutes: spec.minGapMinutes ?? 0,
    combinable: spec.combinable ?? true,
  };
  if (spec.fixed) task.fixedTime = { time: spec.fixed.time, toleranceMinutes: spec.fixed.toleranceMinutes };
  return task;
}

const daily = (timesPerDay = 1): Frequency => ({ type: 'daily', timesPerDay });
const weekly = (timesPerWeek = 1, weekdays: number[] = WEEKDAYS_MON_FRI): Frequency => ({ type: 'weekly', timesPerWeek, weekdays });
const everyOtherWeek = (parity: 'odd' | 'even', weekdays: number[] = WEEKDAYS_MON_FRI): Frequency => ({
  type: 'everyOtherWeek',
  isoWeekParity: parity,
  timesPerWeek: 1,
  weekdays,
});

/** The task templates (schablontider and windows; sources in CALIBRATION.md). */
export const T = {
  morning: (standard: number, window: TimeRange = win('07:00', '10:00')): TaskSpec => ({
    id: 'morning',
    category: 'personal_care',
    frequency: daily(),
    standard,
    windows: [window],
  }),
  morningWeekdays: (standard: number): TaskSpec => ({
    id: 'morning',
    category: 'personal_care',
    frequency: { type: 'weekdays', weekdays: WEEKDAYS_MON_FRI, timesPerDay: 1 },
    standard,
    windows: [win('07:30', '10:00')],
  }),
  evening: (standard: number, window: TimeRange = win('18:30', '21:00')): TaskSpec => ({
    id: 'evening',
    category: 'personal_care',
    frequency: daily(),
    standard,
    windows: [window],
  }),
  meals: (timesPerDay: 2 | 3, standard: number): TaskSpec => ({
    id: 'meals',
    category: 'meal',
    frequency: daily(timesPerDay),
    standard,
    windows:
      timesPerDay === 3
        ? [win('08:00', '09:30'), win('11:30', '13:00'), win('16:30', '18:30')]
        : [win('11:00', '13:00'), win('16:30', '18:30')],
    minGapMinutes: 180,
  }),
  supervision: (): TaskSpec => ({
    id: 'supervision',
    category: 'supervision',
    frequency: daily(),
    standard: 10,
    windows: [win('13:30', '15:15')],
    flex: [0.8, 1.5],
  }),
  nightCheck: (): TaskSpec => ({
    id: 'night-check',
    category: 'supervision',
    frequency: daily(),
    standard: 10,
    windows: [win('21:00', '21:40')],
    flex: [0.8, 1.5],
  }),
  shower: (timesPerWeek: 1 | 2, standard: number): TaskSpec => ({
    id: 'shower',
    category: 'personal_care',
    frequency: weekly(timesPerWeek),
    standard,
    windows: [win('08:30', '14:30')],
  }),
  cleaning: (parity: 'odd' | 'even'): TaskSpec => ({
    id: 'cleaning',
    category: 'service',
    frequency: everyOtherWeek(parity),
    standard: 60,
    windows: [win('08:30', '14:00')],
    combinable: false,
    flex: [0.85, 1.25],
  }),
  shopping: (): TaskSpec => ({
    id: 'shopping',
    category: 'service',
    frequency: weekly(1),
    standard: 45,
    windows: [win('09:00', '14:00')],
    combinable: false,
  }),
  laundry: (parity: 'odd' | 'even' | 'weekly'): TaskSpec => ({
    id: 'laundry',
    category: 'service',
    frequency: parity === 'weekly' ? weekly(1) : everyOtherWeek(parity),
    standard: 30,
    windows: [win('08:30', '14:30')],
  }),
  escort: (): TaskSpec => ({
    id: 'escort',
    category: 'escort',
    frequency: weekly(1),
    standard: 60,
    windows: [win('09:30', '13:30')],
    combinable: false,
    flex: [0.75, 1.25],
  }),
  mealDelivery: (): TaskSpec => ({
    id: 'meal-delivery',
    category: 'meal_delivery',
    frequency: { type: 'weekdays', weekdays: [1, 3, 5], timesPerDay: 1 },
    standard: 10,
    windows: [win('10:00', '13:00')],
  }),
  alarm: (): TaskSpec => ({
    id: 'alarm',
    category: 'alarm',
    frequency: weekly(3, [1, 2, 3, 4, 5, 6, 7]),
    standard: 15,
    windows: [win('09:00', '20:00')],
    flex: [0.67, 1.33],
  }),
  medication: (time: string): TaskSpec => ({
    id: `med-${time.replace(':', '')}`,
    category: 'hsl',
    frequency: daily(),
    standard: 5,
    fixed: { time, toleranceMinutes: 30 },
    skills: ['medication'],
  }),
  insulin: (id: 'insulin-am' | 'insulin-pm', time: string): TaskSpec => ({
    id,
    category: 'hsl',
    frequency: daily(),
    standard: 10,
    fixed: { time, toleranceMinutes: id === 'insulin-am' ? 15 : 20 },
    skills: ['insulin'],
  }),
  wound: (weekdays: number[], standard: number): TaskSpec => ({
    id: 'wound',
    category: 'hsl',
    frequency: { type: 'weekdays', weekdays, timesPerDay: 1 },
    standard,
    windows: [win('09:00', '14:00')],
    skills: ['wound'],
  }),
} as const;

/** Options for one client's needs. */
export interface NeedOptions {
  readonly hsl: boolean;
  readonly double: boolean;
}

/**
 * The tasks of one client of a given archetype (need level), with HSL tasks and double staffing
 * added when asked. Every client gets at least one task that is due every week.
 */
export function buildTasks(rng: Rng, archetype: Archetype, opts: NeedOptions): Task[] {
  const specs: TaskSpec[] = [];
  const parity = (): 'odd' | 'even' => (rng.chance(0.5) ? 'odd' : 'even');
  const service = (cleaning: number, shopping: number, laundry: number): void => {
    if (rng.chance(cleaning)) specs.push(T.cleaning(parity()));
    if (rng.chance(shopping)) specs.push(T.shopping());
    if (rng.chance(laundry)) specs.push(T.laundry(rng.chance(0.3) ? 'weekly' : parity()));
  };
  switch (archetype) {
    case 'service':
      service(0.85, 0.7, 0.35);
      if (rng.chance(0.2)) specs.push(T.mealDelivery());
      if (rng.chance(0.05)) specs.push(T.alarm());
      break;
    case 'light':
      if (rng.chance(0.85)) specs.push(T.shower(1, rng.pick([30, 40, 45])));
      if (rng.chance(0.35)) specs.push(T.morningWeekdays(rng.pick([15, 20])));
      service(0.8, 0.6, 0.2);
      if (rng.chance(0.3)) specs.push(T.mealDelivery());
      if (rng.chance(0.1)) specs.push(T.escort());
      if (rng.chance(0.05)) specs.push(T.alarm());
      break;
    case 'moderate':
      specs.push(T.morning(rng.pick([20, 25, 30]), pickMorningWindow(rng)));
      if (rng.chance(0.85)) specs.push(T.shower(1, rng.pick([40, 45])));
      if (rng.chance(0.3)) specs.push(T.evening(15));
      if (rng.chance(0.15)) specs.push(T.supervision());
      service(0.8, 0.65, 0.25);
      if (rng.chance(0.2)) specs.push(T.mealDelivery());
      if (rng.chance(0.1)) specs.push(T.escort());
      if (rng.chance(0.08)) specs.push(T.alarm());
      break;
    case 'substantial':
      specs.push(T.morning(rng.pick([30, 35]), pickMorningWindow(rng)));
      specs.push(T.meals(2, 15));
      specs.push(T.evening(rng.pick([20, 25])));
      if (rng.chance(0.9)) specs.push(T.shower(1, 45));
      service(0.85, 0.6, 0.3);
      if (rng.chance(0.1)) specs.push(T.escort());
      if (rng.chance(0.1)) specs.push(T.alarm());
      break;
    case 'heavy':
      specs.push(T.morning(rng.pick([40, 45])));
      specs.push(T.meals(3, 15));
      specs.push(T.evening(rng.pick([25, 30])));
      if (rng.chance(0.5)) specs.push(T.supervision());
      if (rng.chance(0.4)) specs.push(T.nightCheck());
      specs.push(T.shower(rng.chance(0.3) ? 2 : 1, 45));
      service(0.85, 0.5, 0.4);
      if (rng.chance(0.1)) specs.push(T.alarm());
      break;
  }
  if (!specs.some((s) => s.frequency.type !== 'everyOtherWeek')) specs.push(T.shopping());

  if (opts.double) {
    // Lift transfers (ceiling hoist): morning and evening care need two staff with lift training.
    const lift = (s: TaskSpec): TaskSpec => ({ ...s, staffCount: 2, skills: ['lift'] });
    const iMorning = specs.findIndex((s) => s.id === 'morning');
    if (iMorning >= 0) specs[iMorning] = lift(specs[iMorning]!);
    else specs.push(lift(T.morning(40)));
    const iEvening = specs.findIndex((s) => s.id === 'evening');
    if (rng.chance(0.7)) {
      if (iEvening >= 0) specs[iEvening] = lift(specs[iEvening]!);
      else specs.push(lift(T.evening(25)));
    }
  }

  if (opts.hsl) {
    const before = specs.length;
    if (rng.chance(0.85)) {
      const k = pickWeighted(rng, [
        [1, 0.3],
        [2, 0.35],
        [3, 0.2],
        [4, 0.15],
      ]);
      const times = [['08:00'], ['08:00', '20:00'], ['08:00', '12:00', '20:00'], ['08:00', '12:00', '17:00', '20:00']][k - 1]!;
      for (const t of times) specs.push(T.medication(t));
    }
    if (rng.chance(0.25)) {
      specs.push(T.insulin('insulin-am', rng.pick(['07:30', '08:00'])));
      if (rng.chance(0.5)) specs.push(T.insulin('insulin-pm', rng.pick(['17:00', '17:30'])));
    }
    if (rng.chance(0.18)) specs.push(T.wound(rng.chance(0.5) ? [1, 4] : [1, 3, 5], rng.pick([20, 30])));
    if (specs.length === before) specs.push(T.medication('08:00'));
  }
  return specs.map(makeTask);
}

function pickMorningWindow(rng: Rng): TimeRange {
  const r = rng.next();
  if (r < 0.2) return win('07:00', '09:00');
  if (r < 0.35) return win('08:00', '10:30');
  return win('07:00', '10:00');
}

/** A value drawn with the given weights. */
export function pickWeighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let u = rng.next() * total;
  for (const [v, w] of items) {
    u -= w;
    if (u < 0) return v;
  }
  return items[items.length - 1]![0];
}

/** Allowed start ranges of a task, in minutes after midnight: fixed time ± tolerance, windows, or the whole day. */
export function startRanges(task: Pick<Task, 'fixedTime' | 'windows'>): [number, number][] {
  let r = rangeCache.get(task);
  if (!r) {
    r = computeRanges(task);
    rangeCache.set(task, r);
  }
  return r;
}
const rangeCache = new WeakMap<Pick<Task, 'fixedTime' | 'windows'>, [number, number][]>();

function computeRanges(task: Pick<Task, 'fixedTime' | 'windows'>): [number, number][] {
  if (task.fixedTime) {
    const t = mins(task.fixedTime.time);
    return [[t - task.fixedTime.toleranceMinutes, t + task.fixedTime.toleranceMinutes]];
  }
  if (task.windows.length > 0) return task.windows.map((w) => [mins(w.start), mins(w.end)]);
  return [[0, 24 * 60]];
}
