import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../src/check/index.js';
import { exportCsv } from '../../src/export/csv.js';
import { computeKpis } from '../../src/kpi/index.js';
import { buildManualPlan, splitMinutes } from '../../src/manual/plan.js';
import { readVisitRows } from '../../src/manual/visits.js';
import { planBaseline } from '../../src/plan/baseline.js';
import { Instance } from '../../src/schema/instance.js';
import { Plan } from '../../src/schema/plan.js';

const tiny = Instance.parse(JSON.parse(readFileSync('data/samples/tiny-4242.json', 'utf8')));

async function manual(instance: Instance, csv: string): Promise<Plan> {
  const file = join(mkdtempSync(join(tmpdir(), 'slinga-manual-')), 'visits.csv');
  writeFileSync(file, csv);
  const rows = await readVisitRows(file);
  expect(rows.issues.filter((i) => i.severity === 'error')).toEqual([]);
  const r = buildManualPlan(instance, rows.rows);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return Plan.parse(r.plan);
}

/** One base, one car driver 07:00–16:00 on Monday, three clients with one weekly 30-minute task each. */
const small = Instance.parse({
  id: 'small',
  period: { start: '2026-11-23', days: 7 },
  bases: [{ id: 'b1', location: { lat: 59.7255, lon: 17.787 } }],
  teams: [{ id: 't1' }],
  staff: [{ id: 's1', team: 't1', base: 'b1', travelMode: 'car', shifts: [{ id: 'sh1', date: '2026-11-23', start: '07:00', end: '16:00' }] }],
  clients: ['c1', 'c2', 'c3'].map((id, i) => ({
    id,
    location: { lat: 59.73 + 0.02 * i, lon: 17.78 + 0.02 * i },
    team: 't1',
    granted: { careMinutes: 30 },
    tasks: [{ id: 'help', category: 'personal_care', frequency: { type: 'weekly', timesPerWeek: 1 }, duration: { standard: 30 } }],
  })),
});

describe('import-plan: a manual plan scored like any other', () => {
  it("the baseline's körlista CSV re-imports to the same KPIs and no violation", async () => {
    const base = planBaseline(tiny);
    const plan = await manual(tiny, exportCsv(tiny, base));
    expect(checkPlan(tiny, plan).violations).toEqual([]);
    const a = computeKpis(tiny, base);
    const b = computeKpis(tiny, plan);
    // Unplanned items carry the planner's reasons in the baseline, NOT_SCHEDULED in a manual plan.
    expect({ ...b, unplanned: { ...b.unplanned, byReason: {} } }).toEqual({ ...a, unplanned: { ...a.unplanned, byReason: {} } });
    expect(b.unplanned.count).toBe(a.unplanned.count);
  });
  it('a feasible manual plan is valid; uncovered occurrences are unplanned', async () => {
    const plan = await manual(small, 'brukare;datum;start;slut;personal\nc1;2026-11-23;08:00;08:30;s1\nc2;2026-11-23;09:00;09:30;s1\n');
    expect(checkPlan(small, plan).violations).toEqual([]);
    expect(plan.unplanned).toMatchObject([{ clientId: 'c3', taskId: 'help', count: 1, reason: 'NOT_SCHEDULED', minutes: 30 }]);
  });
  it('a double booking and a missing travel gap get exactly those violations', async () => {
    const plan = await manual(
      small,
      'brukare;datum;start;slut;personal\nc1;2026-11-23;08:00;08:30;s1\nc2;2026-11-23;08:31;09:01;s1\nc3;2026-11-23;08:45;09:15;s1\n',
    );
    const v = checkPlan(small, plan).violations;
    expect(v.map((x) => `${x.code} ${x.staffId}`)).toEqual(['OVERLAP s1', 'TRAVEL_TIME s1']);
    expect(v[0]!.visitId).toBe(plan.visits.find((x) => x.clientId === 'c3')!.id);
    expect(v[1]!.message).toMatch(/from client c1 to client c2 in 1 minutes/);
  });
  it('unknown clients, staff and tasks are errors with their line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'slinga-manual-')), 'visits.csv');
    writeFileSync(file, 'client,date,start,end,staff,tasks\nc9,2026-11-23,08:00,08:30,s1,\nc1,2026-11-23,08:00,08:30,s9,\nc1,2026-11-23,08:00,08:30,s1,bath\n');
    const r = buildManualPlan(small, (await readVisitRows(file)).rows);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => `${i.code}:${i.line}`)).toEqual(['UNKNOWN_CLIENT:2', 'UNKNOWN_STAFF:3', 'UNKNOWN_TASK:4']);
  });
  it('a visit over midnight or ending on another day is an error at its end cell, not a shorter visit', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'slinga-manual-')), 'visits.csv');
    writeFileSync(file, 'client,start,end,staff\nc1,2026-11-23 23:30,2026-11-24 00:30,s1\nc2,2026-11-23 08:00,2026-11-25 08:40,s1\nc3,2026-11-23 08:00,2026-11-23 08:30,s1\n');
    const r = await readVisitRows(file);
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => `${i.code}:${i.line}`)).toEqual(['BAD_TIME_RANGE:2', 'BAD_TIME_RANGE:3']);
    expect(r.rows.map((x) => x.clientId)).toEqual(['c3']);
  });
  it('splitMinutes keeps the total', () => {
    expect(splitMinutes(31, [30, 15])).toEqual([21, 10]);
    expect(splitMinutes(10, [5, 5, 5]).reduce((a, b) => a + b)).toBe(10);
  });
});
