/**
 * Builders for small hand-made instances and plans for the KPI tests. Plans need not pass the
 * checker: the KPIs read visits and routes as given.
 */
import { PeriodClock } from '../../src/calendar.js';
import {
  Instance,
  type InstanceInput,
  type TaskCategory,
} from '../../src/schema/instance.js';
import { Plan, type PlanInput, type RouteEvent, type UnplannedReason } from '../../src/schema/plan.js';

type ClientInput = InstanceInput['clients'][number];
type StaffInput = InstanceInput['staff'][number];
type ShiftInput = StaffInput['shifts'][number];
type TaskInput = ClientInput['tasks'][number];
type HistoryInput = NonNullable<InstanceInput['history']>[number];

/** A Monday (ISO week 6 of 2026), no daylight-saving switch within 14 days. */
export const MONDAY = '2026-02-02';

const HERE = { lat: 59.85, lon: 17.64 };

/** A task; daily once, 30 standard minutes unless overridden. */
export function task(id: string, category: TaskCategory, extra: Partial<TaskInput> = {}): TaskInput {
  return { id, category, frequency: { type: 'daily', timesPerDay: 1 }, duration: { standard: 30 }, ...extra };
}

/** A client in team `t1` with one personal-care task `pc`, nothing granted, unless overridden. */
export function client(id: string, extra: Partial<ClientInput> = {}): ClientInput {
  return {
    id,
    location: HERE,
    team: 't1',
    granted: { careMinutes: 0 },
    tasks: [task('pc', 'personal_care'), task('meal', 'meal_delivery'), task('hsl', 'hsl'), task('clean', 'service', { frequency: { type: 'weekly', timesPerWeek: 1 } })],
    ...extra,
  };
}

/** A shift. */
export function shift(id: string, date: string, start: string, end: string, extra: Partial<ShiftInput> = {}): ShiftInput {
  return { id, date, start, end, ...extra };
}

/** A care worker in team `t1` at base `b1`, travelling by car, without shifts unless given. */
export function staff(id: string, extra: Partial<StaffInput> = {}): StaffInput {
  return { id, team: 't1', base: 'b1', travelMode: 'car', shifts: [], ...extra };
}

/** A history visit (default 30 minutes of personal care). */
export function history(
  clientId: string,
  date: string,
  start: string,
  staffIds: string[],
  categories: TaskCategory[] = ['personal_care'],
): HistoryInput {
  return { clientId, date, start, minutes: 30, staff: staffIds, categories };
}

/** Builds and parses an instance (defaults filled in by the schema). */
export function makeInstance(opts: {
  start?: string;
  days?: 7 | 14;
  clients: ClientInput[];
  staff?: StaffInput[];
  history?: HistoryInput[];
  teams?: string[];
  extra?: Partial<InstanceInput>;
}): Instance {
  const staffList = opts.staff ?? [staff('s1')];
  return Instance.parse({
    id: 'kpi-test',
    period: { start: opts.start ?? MONDAY, days: opts.days ?? 7 },
    bases: [{ id: 'b1', location: HERE }],
    teams: (opts.teams ?? ['t1']).map((id) => ({ id })),
    staff: staffList,
    clients: opts.clients,
    history: opts.history ?? [],
    ...opts.extra,
  } satisfies InstanceInput);
}

/** A task of a visit: id and minutes. */
export interface VisitTaskSpec {
  readonly taskId: string;
  readonly minutes: number;
}

/** Route events written with local date and `HH:MM` clock times. */
export type RouteEventSpec =
  | { type: 'start' | 'end'; at: string }
  | { type: 'travel'; from: string; to: string; minutes: number; metres: number; toClient?: string }
  | { type: 'wait'; from: string; to: string }
  | { type: 'visit'; visitId: string; from: string; to: string }
  | { type: 'break'; from: string; to: string };

/** Builds a plan for an instance; times are local `HH:MM` on a given date. */
export class PlanBuilder {
  private readonly clock: PeriodClock;
  private readonly visits: PlanInput['visits'] = [];
  private readonly routes: PlanInput['routes'] = [];
  private readonly unplanned: PlanInput['unplanned'] = [];
  private n = 0;

  constructor(private readonly instance: Instance) {
    this.clock = new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
  }

  /** The instant of a local date and clock time, with offset. */
  instant(date: string, clock: string): string {
    return this.clock.formatInstant(this.clock.toMinute(date, clock));
  }

  /**
   * Adds a visit starting at `start` on `date`. `tasks` defaults to one `pc` task of `minutes`
   * (default 30). The end is start + Σ task minutes. Returns the visit id.
   */
  visit(clientId: string, date: string, start: string, staffIds: string[], tasks?: VisitTaskSpec[] | number): string {
    const list: VisitTaskSpec[] = Array.isArray(tasks) ? tasks : [{ taskId: 'pc', minutes: tasks ?? 30 }];
    const total = list.reduce((s, t) => s + t.minutes, 0);
    const s = this.clock.toMinute(date, start);
    const id = `v${++this.n}`;
    this.visits.push({
      id,
      clientId,
      date,
      start: this.clock.formatInstant(s),
      end: this.clock.formatInstant(s + total),
      staff: staffIds,
      tasks: list.map((t) => ({ ...t })),
    });
    return id;
  }

  /** Adds two counted visits (08:00 and 12:00, 30 min) on every given date, by the given staff. */
  twicePerDay(clientId: string, dates: readonly string[], morning: string[], noon: string[] = morning): this {
    for (const d of dates) {
      this.visit(clientId, d, '08:00', morning);
      this.visit(clientId, d, '12:00', noon);
    }
    return this;
  }

  /** Adds a route for a staff member's shift on `date`. */
  route(staffId: string, shiftId: string, date: string, events: RouteEventSpec[]): this {
    const base = { kind: 'base' as const, id: 'b1' };
    const out: RouteEvent[] = events.map((e): RouteEvent => {
      switch (e.type) {
        case 'start':
        case 'end':
          return { type: e.type, time: this.instant(date, e.at), place: base };
        case 'travel':
          return {
            type: 'travel',
            start: this.instant(date, e.from),
            end: this.instant(date, e.to),
            from: base,
            to: e.toClient ? { kind: 'client', id: e.toClient } : base,
            minutes: e.minutes,
            metres: e.metres,
          };
        case 'wait':
          return { type: 'wait', start: this.instant(date, e.from), end: this.instant(date, e.to), place: base };
        case 'break':
          return { type: 'break', start: this.instant(date, e.from), end: this.instant(date, e.to), place: base };
        case 'visit':
          return { type: 'visit', visitId: e.visitId, start: this.instant(date, e.from), end: this.instant(date, e.to) };
      }
    });
    this.routes.push({ staffId, shiftId, date, events: out });
    return this;
  }

  /** Adds an unplanned item. */
  unplannedItem(clientId: string, taskId: string, date: string, count: number, minutes: number, reason: UnplannedReason): this {
    this.unplanned.push({ clientId, taskId, from: date, to: date, count, minutes, reason, message: 'not planned' });
    return this;
  }

  /** The parsed plan. */
  build(extra: Partial<PlanInput> = {}): Plan {
    return Plan.parse({
      instanceId: this.instance.id,
      meta: { solver: 'test', strategy: 'none', seed: 1, version: '0' },
      visits: this.visits,
      routes: this.routes,
      unplanned: this.unplanned,
      ...extra,
    } satisfies PlanInput);
  }
}

/** The local dates of a period. */
export function periodDates(instance: Instance): readonly string[] {
  return new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone).dates;
}
