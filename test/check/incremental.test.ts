/**
 * The incremental checker (src/check/incremental.ts) gives the full checker's violations on plans
 * derived from a base plan by random hand edits: visits given to other (or unknown) staff, moved,
 * shortened; routes removed, edited, given to another staff member or shift, copied; events moved
 * between routes. Bases: planned weeks of the tiny sample and the mini week under hard policies
 * (no help across teams, a hard cap on distinct staff), and a replan with locks and a frozen past.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PeriodClock } from '../../src/calendar.js';
import { checkPlan, PlanChecker, RULES, type Violation } from '../../src/check/index.js';
import { planWeek } from '../../src/plan/index.js';
import { replan } from '../../src/replan/index.js';
import type { Instance, InstanceInput } from '../../src/schema/instance.js';
import type { Plan, PlannedVisit, Route, RouteEvent } from '../../src/schema/plan.js';
import { parseInstance } from '../../src/validate/index.js';
import { miniInstance } from '../fixtures/mini.js';

function load(input: unknown): Instance {
  const r = parseInstance(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.instance;
}
const strict = (i: InstanceInput): InstanceInput => ({
  ...i,
  planning: { ...i.planning, crossTeamAllowed: false },
  continuity: { ...i.continuity, maxDistinctStaffPer14Days: 2, maxDistinctStaffMode: 'hard' },
});
const tinyInput = (): InstanceInput => JSON.parse(readFileSync(new URL('../../data/samples/tiny-4242.json', import.meta.url), 'utf8')) as InstanceInput;
const quick = { seed: 1, iterationsPerDay: 40, rounds: 1 } as const;

/** One hand edit; indices wrap around the plan's lists. */
type Edit =
  | { kind: 'staff'; i: number; staff: number; two: boolean }
  | { kind: 'time'; i: number; delta: number; end: boolean }
  | { kind: 'minutes'; i: number; delta: number }
  | { kind: 'nearSibling'; i: number; j: number; delta: number }
  | { kind: 'dropRoute'; r: number }
  | { kind: 'dropEvent'; r: number; e: number }
  | { kind: 'eventTime'; r: number; e: number; delta: number }
  | { kind: 'routeStaff'; r: number; staff: number }
  | { kind: 'routeShift'; r: number; other: number }
  | { kind: 'copyRoute'; r: number; staff: number }
  | { kind: 'moveEvent'; r: number; e: number; to: number }
  | { kind: 'garble'; i: number };

const n = fc.nat(10_000);
const delta = fc.integer({ min: -120, max: 120 });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('staff' as const), i: n, staff: n, two: fc.boolean() }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('time' as const), i: n, delta, end: fc.boolean() }), weight: 3 },
  fc.record({ kind: fc.constant('minutes' as const), i: n, delta }),
  { arbitrary: fc.record({ kind: fc.constant('nearSibling' as const), i: n, j: n, delta: fc.integer({ min: -30, max: 30 }) }), weight: 2 },
  fc.record({ kind: fc.constant('dropRoute' as const), r: n }),
  fc.record({ kind: fc.constant('dropEvent' as const), r: n, e: n }),
  { arbitrary: fc.record({ kind: fc.constant('eventTime' as const), r: n, e: n, delta }), weight: 2 },
  fc.record({ kind: fc.constant('routeStaff' as const), r: n, staff: n }),
  fc.record({ kind: fc.constant('routeShift' as const), r: n, other: n }),
  fc.record({ kind: fc.constant('copyRoute' as const), r: n, staff: n }),
  { arbitrary: fc.record({ kind: fc.constant('moveEvent' as const), r: n, e: n, to: n }), weight: 2 },
  fc.record({ kind: fc.constant('garble' as const), i: n }),
);

/** The plan after the edits: changed visits and routes are new objects, everything else the base's. */
function derive(instance: Instance, clock: PeriodClock, base: Plan, edits: readonly Edit[]): Plan {
  const visits: PlannedVisit[] = [...base.visits];
  let routes: Route[] = [...base.routes];
  const staffIds = [...instance.staff.map((s) => s.id), 'ghost'];
  const shiftOf = (iso: string, d: number): string => (Number.isNaN(Date.parse(iso)) ? iso : clock.formatInstant(clock.parseInstant(iso) + d));
  const shiftEvent = (e: RouteEvent, d: number): RouteEvent => (e.type === 'start' || e.type === 'end' ? { ...e, time: shiftOf(e.time, d) } : { ...e, start: shiftOf(e.start, d), end: shiftOf(e.end, d) });
  for (const x of edits) {
    if ('i' in x) {
      const i = x.i % visits.length;
      const v = visits[i]!;
      if (x.kind === 'staff') visits[i] = { ...v, staff: x.two ? [staffIds[x.staff % staffIds.length]!, staffIds[(x.staff + 1) % staffIds.length]!] : [staffIds[x.staff % staffIds.length]!] };
      else if (x.kind === 'time') visits[i] = x.end ? { ...v, end: shiftOf(v.end, x.delta) } : { ...v, start: shiftOf(v.start, x.delta), end: shiftOf(v.end, x.delta) };
      else if (x.kind === 'minutes') visits[i] = { ...v, tasks: v.tasks.map((t, k) => (k === 0 ? { ...t, minutes: Math.max(1, t.minutes + x.delta) } : t)) };
      else if (x.kind === 'nearSibling') {
        // Next to another visit of the client that day (gaps, double bookings across routes).
        const siblings = visits.filter((w) => w.clientId === v.clientId && w.date === v.date && w.id !== v.id);
        const w = siblings[x.j % Math.max(1, siblings.length)];
        if (w && !Number.isNaN(Date.parse(w.start)) && !Number.isNaN(Date.parse(v.start))) {
          const d = clock.parseInstant(w.start) + x.delta - clock.parseInstant(v.start);
          visits[i] = { ...v, start: shiftOf(v.start, d), end: shiftOf(v.end, d) };
        }
      }
      else visits[i] = { ...v, start: 'not a time' };
      continue;
    }
    if (routes.length === 0) continue;
    const r = x.r % routes.length;
    const route = routes[r]!;
    const staff = 'staff' in x ? instance.staff[x.staff % instance.staff.length]! : undefined;
    switch (x.kind) {
      case 'dropRoute':
        routes = routes.filter((_, k) => k !== r);
        break;
      case 'dropEvent':
        routes[r] = { ...route, events: route.events.filter((_, k) => k !== x.e % route.events.length) };
        break;
      case 'eventTime':
        routes[r] = { ...route, events: route.events.map((e, k) => (k === x.e % route.events.length ? shiftEvent(e, x.delta) : e)) };
        break;
      case 'routeStaff':
        routes[r] = { ...route, staffId: staff!.id };
        break;
      case 'routeShift': {
        const all = instance.staff.flatMap((s) => s.shifts);
        routes[r] = { ...route, shiftId: all[x.other % all.length]!.id };
        break;
      }
      case 'copyRoute':
        routes.push({ ...route, staffId: staff!.id, shiftId: staff!.shifts[0]?.id ?? route.shiftId });
        break;
      case 'moveEvent': {
        const k = x.e % route.events.length;
        const to = x.to % routes.length;
        const ev = route.events[k]!;
        routes[r] = { ...route, events: route.events.filter((_, j) => j !== k) };
        const target = routes[to]!;
        routes[to] = { ...target, events: [...target.events.slice(0, 1), ev, ...target.events.slice(1)] };
        break;
      }
    }
  }
  return { ...base, visits, routes };
}

const sorted = (vs: readonly Violation[]): string[] => vs.map((v) => JSON.stringify(v)).sort();

describe('IncrementalChecker', () => {
  const bases: { name: string; instance: Instance; plan: Plan }[] = [];
  beforeAll(async () => {
    for (const [name, input] of [
      ['tiny', tinyInput()],
      ['tiny, strict', strict(tinyInput())],
      ['mini, strict', strict(miniInstance())],
    ] as const) {
      const instance = load(input);
      bases.push({ name, instance, plan: await planWeek(instance, quick) });
    }
    // A replan: locks of the frozen past and of kept visits, frozenBefore.
    const tiny = bases[0]!;
    const clock = new PeriodClock(tiny.instance.period.start, tiny.instance.period.days, tiny.instance.period.timeZone);
    const now = clock.formatInstant(clock.toMinute(tiny.instance.period.start, '10:00'));
    const r = await replan(tiny.instance, tiny.plan, { changes: [] }, { ...quick, now });
    expect(r.plan.locks?.length).toBeGreaterThan(0);
    bases.push({ name: 'tiny replanned', instance: r.instance, plan: r.plan });
  }, 60_000);

  it('every rule has a scope', () => {
    expect(RULES.every((r) => ['entity', 'client', 'staff', 'plan'].includes(r.scope))).toBe(true);
  });

  it('gives the full check on random hand edits', () => {
    for (const { name, instance, plan } of bases) {
      const clock = new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
      const checker = new PlanChecker(instance);
      const derived = checker.derived(plan);
      expect(sorted(derived.check(plan).violations), name).toEqual(sorted(checkPlan(instance, plan).violations));
      let broken = 0;
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
          const moved = derive(instance, clock, plan, edits);
          const full = checkPlan(instance, moved);
          if (!full.valid) broken++;
          const inc = derived.check(moved);
          expect(sorted(inc.violations), `${name}: ${JSON.stringify(edits)}`).toEqual(sorted(full.violations));
          expect(inc.valid).toBe(full.valid);
        }),
        { seed: 20261204, numRuns: 150 },
      );
      // The edits break rules (the property is not about valid plans only), and almost all are checked incrementally.
      expect(broken, name).toBeGreaterThan(100);
      console.log(`${name}: ${derived.counts.full} of ${derived.counts.checked} derived plans checked in full`);
      expect(derived.counts.full, name).toBeLessThan(derived.counts.checked / 10);
    }
  });

  it('client rules see every visit of the client, whatever routes hold them', () => {
    // The mini week's two meals of one client a day, 3 h apart: one is taken off its route in the
    // base, then moved next to the other; only the client's scope sees the broken gap.
    const { instance, plan } = bases[2]!;
    const clock = new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
    const client = instance.clients.find((c) => c.tasks.some((t) => t.minGapMinutes > 0))!;
    const task = client.tasks.find((t) => t.minGapMinutes > 0)!;
    const meals = plan.visits.filter((v) => v.clientId === client.id && v.tasks.some((t) => t.taskId === task.id));
    const [a, b] = meals.filter((v) => meals.filter((w) => w.date === v.date).length === 2);
    expect(a && b && a.date === b.date).toBe(true);
    const base = { ...plan, routes: plan.routes.map((r) => (r.events.some((e) => e.type === 'visit' && e.visitId === b!.id) ? { ...r, events: r.events.filter((e) => !(e.type === 'visit' && e.visitId === b!.id)) } : r)) };
    const derived = new PlanChecker(instance).derived(base);
    const d = clock.parseInstant(a!.start) + 30 - clock.parseInstant(b!.start);
    const moved = { ...base, visits: base.visits.map((v) => (v === b ? { ...v, start: clock.formatInstant(clock.parseInstant(v.start) + d), end: clock.formatInstant(clock.parseInstant(v.end) + d) } : v)) };
    const full = checkPlan(instance, moved);
    expect(full.violations.map((v) => v.code)).toContain('MIN_GAP');
    expect(sorted(derived.check(moved).violations)).toEqual(sorted(full.violations));
    expect(derived.counts.full).toBe(0);
  });

  it('checks in full what is outside its contract: other visit ids, other locks', () => {
    const { instance, plan } = bases[3]!;
    const derived = new PlanChecker(instance).derived(plan);
    const renamed = { ...plan, visits: plan.visits.map((v, i) => (i === 0 ? { ...v, id: 'renamed' } : v)) };
    expect(sorted(derived.check(renamed).violations)).toEqual(sorted(checkPlan(instance, renamed).violations));
    const unlocked = { ...plan, locks: plan.locks!.slice(1) };
    expect(sorted(derived.check(unlocked).violations)).toEqual(sorted(checkPlan(instance, unlocked).violations));
    expect(derived.counts).toEqual({ checked: 2, full: 2 });
  });
});
