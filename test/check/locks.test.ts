import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPlan } from '../../src/check/index.js';
import { planWeek } from '../../src/plan/index.js';
import type { Instance, InstanceInput } from '../../src/schema/instance.js';
import type { Plan, VisitLock } from '../../src/schema/plan.js';
import { parseInstance } from '../../src/validate/index.js';

const tiny = (): Instance => {
  const r = parseInstance(JSON.parse(readFileSync(new URL('../../data/samples/tiny-4242.json', import.meta.url), 'utf8')) as InstanceInput);
  if (!r.ok) throw new Error('tiny sample invalid');
  return r.instance;
};
const plus = (iso: string, minutes: number): string => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

describe('checker: locks and the frozen past', () => {
  let instance: Instance;
  let plan: Plan;
  beforeAll(async () => {
    instance = tiny();
    plan = await planWeek(instance, { seed: 1, iterationsPerDay: 100, rounds: 1 });
  });
  const codes = (p: Plan): string[] => checkPlan(instance, p).violations.map((v) => v.code);
  const lockOf = (i: number, keep: VisitLock['keep'], reason: VisitLock['reason'] = 'lock'): VisitLock => ({ visitId: plan.visits[i]!.id, keep, reason, staff: [...plan.visits[i]!.staff], start: plan.visits[i]!.start });

  it('passes when every lock holds (keep all, staff, time), and when the same instant is written in UTC', () => {
    const locks = [lockOf(0, 'all'), lockOf(1, 'staff'), { ...lockOf(2, 'time'), start: new Date(Date.parse(plan.visits[2]!.start)).toISOString() }];
    expect(codes({ ...plan, locks })).toEqual([]);
  });

  it('LOCK_MISSING: a locked visit that is not in the plan', () => {
    expect(codes({ ...plan, locks: [{ ...lockOf(0, 'all'), visitId: 'gone' }] })).toEqual(['LOCK_MISSING']);
  });

  it('LOCK_STAFF: another staff member makes a visit locked to its staff', () => {
    const other = instance.staff.find((s) => !plan.visits[0]!.staff.includes(s.id))!.id;
    const r = checkPlan(instance, { ...plan, locks: [{ ...lockOf(0, 'staff'), staff: [other] }] });
    expect(r.violations.map((v) => v.code)).toEqual(['LOCK_STAFF']);
    expect(r.violations[0]!.message).toContain(`locked to staff ${other}`);
  });

  it('LOCK_TIME: a time-locked visit starting a minute off; keep staff ignores the time', () => {
    expect(codes({ ...plan, locks: [{ ...lockOf(0, 'time'), start: plus(plan.visits[0]!.start, 1) }] })).toEqual(['LOCK_TIME']);
    expect(codes({ ...plan, locks: [{ ...lockOf(0, 'staff'), start: plus(plan.visits[0]!.start, 1) }] })).toEqual([]);
  });

  it('LOCK_INCOMPLETE and LOCK_DUPLICATE', () => {
    const { staff: _s, ...noStaff } = lockOf(0, 'all');
    expect(codes({ ...plan, locks: [noStaff] })).toEqual(['LOCK_INCOMPLETE']);
    expect(codes({ ...plan, locks: [lockOf(1, 'all'), lockOf(1, 'time')] })).toEqual(['LOCK_DUPLICATE']);
  });

  it('FROZEN_CHANGED: a visit in the past without a frozen lock, or a frozen lock after the cut', () => {
    const sorted = [...plan.visits].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    const first = plan.visits.indexOf(sorted[0]!);
    const cut = plus(sorted[0]!.start, 1);
    expect(codes({ ...plan, frozenBefore: cut, locks: [lockOf(first, 'all', 'frozen')] })).toEqual([]);
    expect(codes({ ...plan, frozenBefore: cut, locks: [] })).toEqual(['FROZEN_CHANGED']);
    const later = plan.visits.indexOf(sorted.at(-1)!);
    expect(codes({ ...plan, frozenBefore: cut, locks: [lockOf(first, 'all', 'frozen'), lockOf(later, 'all', 'frozen')] })).toEqual(['FROZEN_CHANGED']);
  });
});
