/**
 * Hand-made fixtures for the checker: a small valid instance and plan whose travel legs are
 * computed with the real TravelModel, so the valid plan passes and each test can break one rule.
 */
import { PeriodClock } from '../../src/calendar.js';
import { Instance, type InstanceInput } from '../../src/schema/instance.js';
import { Plan, type PlanInput, type PlannedVisit, type Place, type Route, type RouteEvent } from '../../src/schema/plan.js';
import { TravelModel } from '../../src/travel/model.js';
import type { CheckResult } from '../../src/check/index.js';

/** A parsed instance and plan plus the clock and travel model used to build them. */
export interface Fixture {
  instance: Instance;
  plan: Plan;
  clock: PeriodClock;
  travel: TravelModel;
}

const MON = '2026-11-23';
const base: Place = { kind: 'base', id: 'b1' };
const client = (id: string): Place => ({ kind: 'client', id });

/** The valid instance: 1 base, 3 staff (one walking), 3 clients, one period of 7 days from Monday 2026-11-23. */
export function instanceInput(): InstanceInput {
  return {
    id: 'fx',
    period: { start: MON, days: 7 },
    bases: [{ id: 'b1', location: { lat: 59.8586, lon: 17.6389 } }],
    teams: [{ id: 'ta' }, { id: 'tb' }],
    staff: [
      {
        id: 's1',
        team: 'ta',
        base: 'b1',
        travelMode: 'car',
        skills: ['insulin', 'lift'],
        shifts: [{ id: 'sh-s1', date: MON, start: '07:00', end: '15:00', break: { minutes: 30, earliestStart: '11:00', latestEnd: '13:00', at: 'base' } }],
      },
      {
        id: 's2',
        team: 'ta',
        base: 'b1',
        travelMode: 'car',
        skills: ['lift'],
        shifts: [{ id: 'sh-s2', date: MON, start: '07:00', end: '15:00', break: { minutes: 30, earliestStart: '10:00', latestEnd: '14:00' } }],
      },
      {
        id: 's3',
        team: 'ta',
        base: 'b1',
        travelMode: 'walk',
        shifts: [
          { id: 'sh-s3', date: MON, start: '08:00', end: '16:00' },
          { id: 'sh-s3-tue', date: '2026-11-24', start: '08:00', end: '16:00' },
        ],
      },
    ],
    clients: [
      {
        id: 'c1',
        name: 'Astrid Andersson',
        address: 'Storgatan 1',
        location: { lat: 59.862, lon: 17.645 },
        team: 'ta',
        granted: { careMinutes: 30 },
        tasks: [
          {
            id: 't-ins',
            category: 'hsl',
            description: 'insulin injection',
            frequency: { type: 'weekdays', weekdays: [1] },
            duration: { standard: 10 },
            fixedTime: { time: '08:00', toleranceMinutes: 15 },
            skills: ['insulin'],
          },
          {
            id: 't-pc',
            category: 'personal_care',
            frequency: { type: 'weekdays', weekdays: [1] },
            duration: { standard: 30, min: 20, max: 40 },
            windows: [
              { start: '07:00', end: '09:00' },
              { start: '17:00', end: '19:00' },
            ],
          },
        ],
      },
      {
        id: 'c2',
        location: { lat: 59.866, lon: 17.63 },
        team: 'ta',
        granted: { careMinutes: 80 },
        preferences: { refusedStaff: ['s3'] },
        tasks: [
          {
            id: 't-lift',
            category: 'personal_care',
            frequency: { type: 'weekdays', weekdays: [1] },
            duration: { standard: 20 },
            windows: [{ start: '09:00', end: '11:00' }],
            skills: ['lift'],
            staffCount: 2,
          },
          {
            id: 't-meal',
            category: 'meal',
            frequency: { type: 'weekdays', weekdays: [1], timesPerDay: 2 },
            duration: { standard: 15 },
            windows: [{ start: '10:00', end: '15:00' }],
            minGapMinutes: 180,
          },
        ],
      },
      {
        id: 'c3',
        location: { lat: 59.85, lon: 17.65 },
        team: 'ta',
        granted: { careMinutes: 0, serviceMinutes: 60 },
        tasks: [
          {
            id: 't-clean',
            category: 'service',
            frequency: { type: 'weekly', timesPerWeek: 1, weekdays: [1] },
            duration: { standard: 60, min: 45 },
            windows: [{ start: '09:00', end: '15:00' }],
            combinable: false,
          },
          { id: 't-sup', category: 'supervision', frequency: { type: 'weekdays', weekdays: [2] }, duration: { standard: 15 } },
        ],
      },
    ],
  };
}

/** Builds one route step by step; travel legs take exactly the model's minutes. */
export class RouteBuilder {
  readonly events: RouteEvent[] = [];
  private here: Place;
  private t: number;

  constructor(
    private readonly fx: { clock: PeriodClock; travel: TravelModel },
    private readonly mode: 'car' | 'bike' | 'walk',
    startMinute: number,
    place: Place = base,
  ) {
    this.t = startMinute;
    this.here = place;
    this.events.push({ type: 'start', time: this.iso(startMinute), place });
  }

  private iso(m: number): string {
    return this.fx.clock.formatInstant(m);
  }

  /** Travels from the current place, taking the model's minutes for the mode. */
  travel(to: Place): this {
    const { travel } = this.fx;
    const a = travel.indexOf(this.here.kind, this.here.id);
    const b = travel.indexOf(to.kind, to.id);
    const minutes = travel.minutes(this.mode, a, b);
    this.events.push({
      type: 'travel',
      start: this.iso(this.t),
      end: this.iso(this.t + minutes),
      from: this.here,
      to,
      minutes,
      metres: travel.metres(a, b),
    });
    this.t += minutes;
    this.here = to;
    return this;
  }

  /** Waits where the staff member is until a minute (no event when already there). */
  waitUntil(minute: number): this {
    if (minute < this.t) throw new Error(`fixture: late by ${this.t - minute} minutes`);
    if (minute > this.t) this.events.push({ type: 'wait', start: this.iso(this.t), end: this.iso(minute), place: this.here });
    this.t = minute;
    return this;
  }

  /** Waits for and performs a visit. */
  visit(v: PlannedVisit, clock: PeriodClock): this {
    this.waitUntil(clock.parseInstant(v.start));
    this.t = clock.parseInstant(v.end);
    this.events.push({ type: 'visit', visitId: v.id, start: v.start, end: v.end });
    return this;
  }

  /** A break where the staff member is. */
  break(minutes: number): this {
    this.events.push({ type: 'break', start: this.iso(this.t), end: this.iso(this.t + minutes), place: this.here });
    this.t += minutes;
    return this;
  }

  /** Minutes of travel from the current place to another. */
  legTo(to: Place): number {
    const { travel } = this.fx;
    return travel.minutes(this.mode, travel.indexOf(this.here.kind, this.here.id), travel.indexOf(to.kind, to.id));
  }

  /** Ends the route where the staff member is. */
  end(): RouteEvent[] {
    this.events.push({ type: 'end', time: this.iso(this.t), place: this.here });
    return this.events;
  }
}

/** A fresh valid fixture; every call returns new objects that tests may mutate. */
export function buildFixture(editInstance?: (i: InstanceInput) => void): Fixture {
  const input = instanceInput();
  editInstance?.(input);
  const instance = Instance.parse(input);
  const clock = new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
  const travel = new TravelModel(instance);
  const fx = { clock, travel };
  const at = (hm: string): string => clock.formatInstant(clock.toMinute(MON, hm));
  const m = (hm: string): number => clock.toMinute(MON, hm);
  const visit = (id: string, clientId: string, start: string, end: string, staff: string[], tasks: [string, number][]): PlannedVisit => ({
    id,
    clientId,
    date: MON,
    start: at(start),
    end: at(end),
    staff,
    tasks: tasks.map(([taskId, minutes]) => ({ taskId, minutes })),
  });
  const v1 = visit('v1', 'c1', '08:00', '08:40', ['s1'], [['t-ins', 10], ['t-pc', 30]]);
  const v2 = visit('v2', 'c2', '09:30', '09:50', ['s1', 's2'], [['t-lift', 20]]);
  const v3 = visit('v3', 'c2', '10:30', '10:45', ['s2'], [['t-meal', 15]]);
  const v4 = visit('v4', 'c2', '13:45', '14:00', ['s2'], [['t-meal', 15]]);
  const v5 = visit('v5', 'c3', '09:00', '10:00', ['s3'], [['t-clean', 60]]);

  const r1 = new RouteBuilder(fx, 'car', m('07:00'))
    .travel(client('c1'))
    .visit(v1, clock)
    .travel(client('c2'))
    .visit(v2, clock)
    .travel(base)
    .waitUntil(m('11:00'))
    .break(30)
    .end();
  const b2 = new RouteBuilder(fx, 'car', m('07:00')).travel(client('c2')).visit(v2, clock).waitUntil(m('10:00')).break(30).visit(v3, clock).travel(base);
  const r2 = b2
    .waitUntil(m('13:45') - b2.legTo(client('c2')))
    .travel(client('c2'))
    .visit(v4, clock)
    .travel(base)
    .end();
  const r3 = new RouteBuilder(fx, 'walk', m('08:00')).travel(client('c3')).visit(v5, clock).travel(base).end();
  const routes: Route[] = [
    { staffId: 's1', shiftId: 'sh-s1', date: MON, events: r1 },
    { staffId: 's2', shiftId: 'sh-s2', date: MON, events: r2 },
    { staffId: 's3', shiftId: 'sh-s3', date: MON, events: r3 },
  ];
  const planInput: PlanInput = {
    instanceId: 'fx',
    meta: { solver: 'hand', strategy: 'none', seed: 0, version: 'test' },
    visits: [v1, v2, v3, v4, v5],
    routes,
    unplanned: [
      {
        clientId: 'c3',
        taskId: 't-sup',
        from: '2026-11-24',
        to: '2026-11-24',
        count: 1,
        minutes: 15,
        reason: 'NO_SHIFT',
        message: 'No shift covers the supervision of client c3 on 2026-11-24.',
      },
    ],
  };
  return { instance, plan: Plan.parse(planInput), clock, travel };
}

/**
 * A night-shift fixture over a daylight-saving switch: a period starting `periodStart`, a shift
 * 22:00–07:00 on `saturday`, one supervision visit 05:30–05:50 on the Sunday after (window
 * 05:00–07:00). Autumn (2026-10-25) gives a 600-minute shift, spring (2026-03-29) a 480-minute one.
 */
export function buildDstFixture(periodStart = '2026-10-19', saturday = '2026-10-24', sunday = '2026-10-25'): Fixture {
  const instance = Instance.parse({
    id: 'dst',
    period: { start: periodStart, days: 7 },
    bases: [{ id: 'b1', location: { lat: 59.8586, lon: 17.6389 } }],
    teams: [{ id: 'ta' }],
    staff: [{ id: 'n1', team: 'ta', base: 'b1', travelMode: 'car', shifts: [{ id: 'night', date: saturday, start: '22:00', end: '07:00' }] }],
    clients: [
      {
        id: 'd1',
        location: { lat: 59.862, lon: 17.645 },
        team: 'ta',
        granted: { careMinutes: 20 },
        tasks: [
          {
            id: 't-night',
            category: 'supervision',
            frequency: { type: 'weekdays', weekdays: [7] },
            duration: { standard: 20 },
            windows: [{ start: '05:00', end: '07:00' }],
          },
        ],
      },
    ],
  } satisfies InstanceInput);
  const clock = new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
  const travel = new TravelModel(instance);
  const startMin = clock.toMinute(sunday, '05:30');
  const v: PlannedVisit = {
    id: 'vn',
    clientId: 'd1',
    date: sunday,
    start: clock.formatInstant(startMin),
    end: clock.formatInstant(startMin + 20),
    staff: ['n1'],
    tasks: [{ taskId: 't-night', minutes: 20 }],
  };
  const events = new RouteBuilder({ clock, travel }, 'car', clock.toMinute(saturday, '22:00'))
    .travel(client('d1'))
    .visit(v, clock)
    .travel(base)
    .end();
  const plan = Plan.parse({
    instanceId: 'dst',
    meta: { solver: 'hand', strategy: 'none', seed: 0, version: 'test' },
    visits: [v],
    routes: [{ staffId: 'n1', shiftId: 'night', date: saturday, events }],
    unplanned: [],
  } satisfies PlanInput);
  return { instance, plan, clock, travel };
}

/** The codes of a result, sorted and deduplicated. */
export function codes(r: CheckResult): string[] {
  return [...new Set(r.violations.map((v) => v.code))].sort();
}

/** The messages of a result that have a code. */
export function messages(r: CheckResult, code: string): string[] {
  return r.violations.filter((v) => v.code === code).map((v) => v.message);
}

/** A visit of the plan by id (throws in tests when missing). */
export function visitOf(plan: Plan, id: string): PlannedVisit {
  const v = plan.visits.find((x) => x.id === id);
  if (!v) throw new Error(`fixture has no visit ${id}`);
  return v;
}

/** The route of a staff member. */
export function routeOf(plan: Plan, staffId: string): Route {
  const r = plan.routes.find((x) => x.staffId === staffId);
  if (!r) throw new Error(`fixture has no route for ${staffId}`);
  return r;
}

/** Index of the first event of a route matching a predicate. */
export function eventIndex(route: Route, pred: (e: RouteEvent) => boolean): number {
  const i = route.events.findIndex(pred);
  if (i < 0) throw new Error('fixture: no such event');
  return i;
}

/** The instant of a local clock time on Monday 2026-11-23 (or another date). */
export function localAt(clock: PeriodClock, hm: string, date = MON): string {
  return clock.formatInstant(clock.toMinute(date, hm));
}

/** A route event that has `start` and `end` (travel, wait, visit, break), for mutation in tests. */
export function timed(route: Route, i: number): Extract<RouteEvent, { start: string }> {
  const e = route.events[i];
  if (!e || !('start' in e)) throw new Error(`fixture: event ${i} has no start`);
  return e;
}

/** A `start` or `end` event, for mutation in tests. */
export function point(route: Route, i: number): Extract<RouteEvent, { time: string }> {
  const e = route.events[i];
  if (!e || !('time' in e)) throw new Error(`fixture: event ${i} has no time`);
  return e;
}

/**
 * Moves a visit to a new local start on Monday, keeping its length, and its route events with it;
 * a wait just before each event is stretched or shortened to meet it.
 */
export function moveVisit(fx: Fixture, visitId: string, hm: string): void {
  const v = visitOf(fx.plan, visitId);
  const length = fx.clock.parseInstant(v.end) - fx.clock.parseInstant(v.start);
  const start = fx.clock.toMinute(MON, hm);
  v.start = fx.clock.formatInstant(start);
  v.end = fx.clock.formatInstant(start + length);
  for (const r of fx.plan.routes) {
    r.events.forEach((e, i) => {
      if (e.type !== 'visit' || e.visitId !== visitId) return;
      e.start = v.start;
      e.end = v.end;
      const prev = r.events[i - 1];
      if (prev?.type === 'wait') prev.end = v.start;
    });
  }
}
