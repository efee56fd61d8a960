import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../src/check/index.js';
import type { Plan } from '../../src/schema/plan.js';
import { buildFixture, type Fixture } from './fixtures.js';

/** One small random change to the plan's times, ids or events. */
type Mutation =
  | { kind: 'visitTime'; i: number; field: 'start' | 'end' | 'both'; delta: number }
  | { kind: 'eventTime'; r: number; e: number; field: 'start' | 'end' | 'both'; delta: number }
  | { kind: 'travelMinutes'; r: number; e: number; delta: number }
  | { kind: 'dropEvent'; r: number; e: number }
  | { kind: 'staff'; i: number; staff: string }
  | { kind: 'taskMinutes'; i: number; delta: number }
  | { kind: 'garbleInstant'; i: number };

const delta = fc.integer({ min: -90, max: 90 });
const field = fc.constantFrom('start' as const, 'end' as const, 'both' as const);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('visitTime' as const), i: fc.nat(9), field, delta }),
  fc.record({ kind: fc.constant('eventTime' as const), r: fc.nat(5), e: fc.nat(15), field, delta }),
  fc.record({ kind: fc.constant('travelMinutes' as const), r: fc.nat(5), e: fc.nat(15), delta }),
  fc.record({ kind: fc.constant('dropEvent' as const), r: fc.nat(5), e: fc.nat(15) }),
  fc.record({ kind: fc.constant('staff' as const), i: fc.nat(9), staff: fc.constantFrom('s1', 's2', 's3', 'nobody') }),
  fc.record({ kind: fc.constant('taskMinutes' as const), i: fc.nat(9), delta }),
  fc.record({ kind: fc.constant('garbleInstant' as const), i: fc.nat(9) }),
);

function shift(fx: Fixture, iso: string, d: number): string {
  if (Number.isNaN(Date.parse(iso))) return iso; // already garbled by an earlier mutation
  return fx.clock.formatInstant(fx.clock.parseInstant(iso) + d);
}

function apply(fx: Fixture, m: Mutation): void {
  const plan: Plan = fx.plan;
  const visit = 'i' in m ? plan.visits[m.i % plan.visits.length]! : undefined;
  const route = 'r' in m ? plan.routes[m.r % plan.routes.length]! : undefined;
  const event = route && 'e' in m ? route.events[m.e % route.events.length] : undefined;
  switch (m.kind) {
    case 'visitTime':
      if (m.field !== 'end') visit!.start = shift(fx, visit!.start, m.delta);
      if (m.field !== 'start') visit!.end = shift(fx, visit!.end, m.delta);
      break;
    case 'eventTime':
      if (!event) break;
      if (event.type === 'start' || event.type === 'end') event.time = shift(fx, event.time, m.delta);
      else {
        if (m.field !== 'end') event.start = shift(fx, event.start, m.delta);
        if (m.field !== 'start') event.end = shift(fx, event.end, m.delta);
      }
      break;
    case 'travelMinutes':
      if (event?.type === 'travel') event.minutes = Math.max(0, event.minutes + m.delta);
      break;
    case 'dropEvent':
      route!.events.splice(m.e % route!.events.length, 1);
      break;
    case 'staff':
      visit!.staff[0] = m.staff;
      break;
    case 'taskMinutes':
      visit!.tasks[0]!.minutes = Math.max(1, visit!.tasks[0]!.minutes + m.delta);
      break;
    case 'garbleInstant':
      visit!.end = 'garbled';
      break;
  }
}

const SENSITIVE = ['Astrid', 'Andersson', 'Storgatan', 'insulin injection'];

describe('property: random small mutations', () => {
  it('never throw; valid exactly when there are no violations; messages name no sensitive data', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
        const fx = buildFixture();
        for (const m of ms) apply(fx, m);
        const r = checkPlan(fx.instance, fx.plan);
        expect(r.valid).toBe(r.violations.length === 0);
        for (const v of r.violations) {
          expect(v.code).toMatch(/^[A-Z_]+$/);
          expect(v.message.length).toBeGreaterThan(10);
          for (const s of SENSITIVE) expect(v.message).not.toContain(s);
        }
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });

  it('a zero shift of any time keeps the plan valid', () => {
    fc.assert(
      fc.property(fc.record({ kind: fc.constant('eventTime' as const), r: fc.nat(5), e: fc.nat(15), field, delta: fc.constant(0) }), (m) => {
        const fx = buildFixture();
        apply(fx, m);
        expect(checkPlan(fx.instance, fx.plan).violations).toEqual([]);
      }),
      { numRuns: 30, seed: 7 },
    );
  });
});

describe('independence', () => {
  it('src/check imports nothing from the solver', () => {
    const root = join(import.meta.dirname, '../../src/check');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(join(root, f), 'utf8');
      expect(text, f).not.toMatch(/from\s+['"][^'"]*solver/);
    }
  });
});
