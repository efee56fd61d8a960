import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PeriodClock } from '../../src/calendar.js';
import { checkPlan } from '../../src/check/index.js';
import { expandDemand } from '../../src/model/demand.js';
import { planWeek } from '../../src/plan/index.js';
import { applyChanges } from '../../src/replan/apply.js';
import { parseChanges } from '../../src/replan/validate.js';
import type { Instance, InstanceInput } from '../../src/schema/instance.js';
import type { Plan } from '../../src/schema/plan.js';
import { parseInstance } from '../../src/validate/index.js';

const tiny = (): Instance => {
  const r = parseInstance(JSON.parse(readFileSync(new URL('../../data/samples/tiny-4242.json', import.meta.url), 'utf8')) as InstanceInput);
  if (!r.ok) throw new Error('tiny sample invalid');
  return r.instance;
};

describe('changes: validation and applying them', () => {
  let instance: Instance;
  let plan: Plan;
  let clock: PeriodClock;
  beforeAll(async () => {
    instance = tiny();
    plan = await planWeek(instance, { seed: 1, iterationsPerDay: 100, rounds: 1 });
    clock = new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
  });
  const at = (date: string, time: string): string => clock.formatInstant(clock.toMinute(date, time));

  it('reports every problem at once, each with its code and JSON path', () => {
    const v = plan.visits[0]!;
    const r = parseChanges(instance, plan, {
      changes: [
        { type: 'staffAbsent', staffId: 'nobody', from: at(v.date, '08:00'), to: at(v.date, '07:00') },
        { type: 'visitCancelled', visitId: 'v-none' },
        { type: 'visitCancelled', visitId: v.id },
        { type: 'visitExtended', visitId: v.id, minutes: 10 },
        { type: 'lock', visitId: v.id, keep: 'all' },
        { type: 'taskRemoved', clientId: v.clientId, taskId: 'no-task' },
        { type: 'lockRoute', staffId: v.staff[0], date: '2030-01-01' },
        { type: 'clientAdded', client: { ...instance.clients[0]! } },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['UNKNOWN_REF', 'changes[0].staffId'],
      ['CHANGE_TIME', 'changes[0].to'],
      ['UNKNOWN_REF', 'changes[1].visitId'],
      ['CHANGE_CONFLICT', 'changes[3].visitId'],
      ['UNKNOWN_REF', 'changes[5].taskId'],
      ['CHANGE_TIME', 'changes[6].date'],
      ['DUPLICATE_ID', 'changes[7].client.id'],
      ['LOCK_CONFLICT', 'changes[4].visitId'],
    ]);
    expect(r.issues.every((i) => i.hint.length > 0)).toBe(true);
  });

  it('rejects a wrong shape with zod paths (an instant without offset, an unknown type)', () => {
    const r = parseChanges(instance, plan, { changes: [{ type: 'staffAbsent', staffId: 's1', from: '2026-11-24T07:00:00', to: '2026-11-24T09:00:00+01:00' }, { type: 'moon' }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['changes[0].from', 'changes[1].type']));
  });

  it('LOCK_CONFLICT: locking the staff of a visit whose staff member is away then', () => {
    const v = plan.visits[0]!;
    const r = parseChanges(instance, plan, { changes: [{ type: 'staffAbsent', staffId: v.staff[0], from: at(v.date, '00:00'), to: at(v.date, '23:00') }, { type: 'lock', visitId: v.id, keep: 'staff' }] });
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['LOCK_CONFLICT']);
  });

  it('a cancelled visit leaves the demand: the plan without it accounts for every occurrence', () => {
    const v = plan.visits[0]!;
    const applied = applyChanges(instance, plan, { changes: [{ type: 'visitCancelled', visitId: v.id }] });
    expect(applied.removed.get(v.id)).toBe('visitCancelled');
    const without = { ...plan, visits: plan.visits.filter((x) => x.id !== v.id), routes: plan.routes };
    const demand = checkPlan(applied.instance, without).violations.filter((x) => x.code.startsWith('DEMAND'));
    expect(demand).toEqual([]);
    // The input instance is not touched.
    expect(instance.clients.every((c) => c.cancellations === undefined)).toBe(true);
  });

  it('client away: visits starting in the stay are removed; staff absent: that staff member\'s shift is cut and the visits displaced', () => {
    const v = plan.visits.find((x) => x.date === clock.dates[1])!;
    const away = applyChanges(instance, plan, { changes: [{ type: 'clientAway', clientId: v.clientId, from: at(clock.dates[1]!, '00:00'), to: at(clock.dates[2]!, '00:00') }] });
    const gone = plan.visits.filter((x) => x.clientId === v.clientId && x.date === clock.dates[1]);
    expect([...away.removed.keys()].sort()).toEqual(gone.map((x) => x.id).sort());
    const sick = applyChanges(instance, plan, { changes: [{ type: 'staffAbsent', staffId: v.staff[0]!, from: at(v.date, '00:00'), to: at(v.date, '23:59') }] });
    expect(sick.instance.staff.find((s) => s.id === v.staff[0])!.shifts.some((s) => s.date === v.date)).toBe(false);
    expect(sick.displaced.get(v.id)).toBe('staffAbsent');
    expect(sick.affectedDates.has(v.date)).toBe(true);
  });

  it('extension, new task and new client: durations, granted minutes and the demand from their first date', () => {
    const v = plan.visits[0]!;
    const ext = applyChanges(instance, plan, { changes: [{ type: 'visitExtended', visitId: v.id, minutes: 40 }] });
    expect(ext.extended.get(v.id)?.minutes).toBe(40);
    expect(ext.instance.clients.find((c) => c.id === v.clientId)!.extensions).toHaveLength(1);
    const client = instance.clients[0]!;
    const task = { ...client.tasks[0]!, id: 'extra', frequency: { type: 'daily' as const, timesPerDay: 1 } };
    const added = applyChanges(instance, plan, { changes: [{ type: 'taskAdded', clientId: client.id, task, from: clock.dates[3] }] });
    const spans = expandDemand(added.instance, clock.dates).filter((s) => s.clientId === client.id && s.taskId === 'extra');
    expect(spans.map((s) => s.from)).toEqual(clock.dates.slice(3));
    const fresh = { ...client, id: 'c-new', namedContact: undefined };
    const admitted = applyChanges(instance, plan, { changes: [{ type: 'clientAdded', client: fresh, from: clock.dates[3] }] });
    const c = admitted.instance.clients.find((x) => x.id === 'c-new')!;
    expect(c.tasks.every((t) => t.activeFrom === clock.dates[3])).toBe(true);
    expect(c.granted.careMinutes).toBe(Math.round((client.granted.careMinutes * (clock.dates.length - 3)) / clock.dates.length));
  });

  it('an instance validates its replan fields: active range order, cancellations and extensions of own tasks inside the period', () => {
    const bad = structuredClone(instance);
    const c = bad.clients[0]!;
    c.tasks[0] = { ...c.tasks[0]!, activeFrom: clock.dates[3], activeUntil: clock.dates[1] };
    c.cancellations = [{ taskId: 'nope', date: clock.dates[0]!, count: 1 }];
    c.extensions = [{ taskId: c.tasks[0]!.id, date: '2031-01-01', minutes: 5 }];
    const r = parseInstance(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path])).toEqual(
      expect.arrayContaining([
        ['TIME_RANGE_ORDER', 'clients[0].tasks[0].activeUntil'],
        ['UNKNOWN_REF', 'clients[0].cancellations[0].taskId'],
        ['CHANGE_TIME', 'clients[0].extensions[0].date'],
      ]),
    );
  });

  it('locks: carried over from the plan, added, lifted; a route lock keeps each of its visits', () => {
    const [a, b] = plan.visits;
    const withLocks = { ...plan, locks: [{ visitId: a!.id, keep: 'time' as const, start: a!.start, reason: 'lock' as const }] };
    const route = plan.routes[0]!;
    const applied = applyChanges(instance, withLocks, { changes: [{ type: 'lock', visitId: b!.id, keep: 'staff' }, { type: 'unlock', visitId: a!.id }, { type: 'lockRoute', staffId: route.staffId, date: route.date }] });
    const ids = route.events.flatMap((e) => (e.type === 'visit' ? [e.visitId] : []));
    if (!ids.includes(a!.id)) expect(applied.locks.some((l) => l.visitId === a!.id)).toBe(false);
    if (!ids.includes(b!.id)) expect(applied.locks.find((l) => l.visitId === b!.id)?.keep).toBe('staff');
    for (const id of ids) expect(applied.locks.find((l) => l.visitId === id)?.keep).toBe('all');
  });
});
