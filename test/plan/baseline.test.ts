import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../src/check/index.js';
import { planBaseline } from '../../src/plan/baseline.js';
import type { InstanceInput } from '../../src/schema/instance.js';
import { Plan } from '../../src/schema/plan.js';
import { parseInstance } from '../../src/validate/index.js';
import { arbInstance } from '../fixtures/arb.js';
import { miniInstance } from '../fixtures/mini.js';

function plan(input: InstanceInput) {
  const r = parseInstance(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { instance: r.instance, plan: Plan.parse(planBaseline(r.instance)) };
}

describe('baseline planner', () => {
  it('plans the mini instance completely, and the independent checker accepts it', () => {
    const { instance, plan: p } = plan(miniInstance());
    expect(p.unplanned).toEqual([]);
    expect(p.visits).toHaveLength(8);
    expect(p.meta.solver).toBe('baseline');
    const lift = p.visits.find((v) => v.tasks[0]!.taskId === 'lift')!;
    expect(lift.staff).toEqual(['s1', 's2']);
    expect(checkPlan(instance, p)).toEqual({ valid: true, violations: [] });
  });

  it('is deterministic', () => {
    expect(JSON.stringify(plan(miniInstance()).plan)).toBe(JSON.stringify(plan(miniInstance()).plan));
  });

  it('reports what it cannot plan, with reason codes and sentences', () => {
    const input = miniInstance();
    input.staff[0]!.shifts.pop(); // s1 (the only insulin delegate) loses the Sunday shift
    const { instance, plan: p } = plan(input);
    const insulin = p.unplanned.find((u) => u.taskId === 'insulin')!;
    expect(insulin).toMatchObject({ clientId: 'c1', from: '2026-03-29', to: '2026-03-29', count: 1, minutes: 10, reason: 'NO_SHIFT' });
    expect(insulin.message).toBe(
      'Task insulin of client c1 on 2026-03-29 was not planned: no qualified staff member (skills [insulin], not refused) has a shift covering its allowed times.',
    );
    expect(checkPlan(instance, p).valid).toBe(true);
  });

  it('every plan of a random small instance passes the independent checker (property)', () => {
    let checked = 0;
    let visits = 0;
    fc.assert(
      fc.property(arbInstance, (input) => {
        const r = parseInstance(input);
        fc.pre(r.ok); // random instances may be invalid (e.g. no qualified staff); those are validation's job
        if (!r.ok) return;
        const p = Plan.parse(planBaseline(r.instance));
        const result = checkPlan(r.instance, p);
        if (!result.valid) throw new Error(JSON.stringify(result.violations.slice(0, 3)));
        checked++;
        visits += p.visits.length;
      }),
      { numRuns: 80, seed: 20261122 },
    );
    // The property must exercise real plans, not only skipped inputs.
    expect(checked).toBeGreaterThanOrEqual(40);
    expect(visits).toBeGreaterThan(200);
  });
});
