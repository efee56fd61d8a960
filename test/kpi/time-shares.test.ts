import { describe, expect, it } from 'vitest';
import { computeBreakdown, computeKpis } from '../../src/kpi/index.js';
import { Kpis } from '../../src/schema/plan.js';
import { MONDAY, PlanBuilder, client, makeInstance, shift, staff } from './fixtures.js';

function scenario() {
  const instance = makeInstance({
    teams: ['t1', 't2'],
    clients: [client('A'), client('B', { team: 't2' })],
    staff: [
      // s1: 08:00–16:00 with a 30-minute break → 450 paid, plus overtime.
      staff('s1', { shifts: [shift('s1-1', MONDAY, '08:00', '16:00', { maxOvertimeMinutes: 30, break: { minutes: 30, earliestStart: '11:00', latestEnd: '13:00' } })] }),
      // s2: 08:00–12:00, no break → 240.
      staff('s2', { shifts: [shift('s2-1', MONDAY, '08:00', '12:00')] }),
      // s3: 07:00–15:00, no route → 480 paid, 0 client minutes.
      staff('s3', { team: 't2', shifts: [shift('s3-1', MONDAY, '07:00', '15:00')] }),
      // s4: no shifts → not in the balance.
      staff('s4'),
    ],
  });
  const p = new PlanBuilder(instance);
  // v1: A, 60 min by s1. v2: B (team t2), 30 min double-staffed by s1 and s2.
  const v1 = p.visit('A', MONDAY, '09:00', ['s1'], 60);
  const v2 = p.visit('B', MONDAY, '10:30', ['s1', 's2'], 30);
  p.route('s1', 's1-1', MONDAY, [
    { type: 'start', at: '08:00' },
    { type: 'travel', from: '08:00', to: '08:10', minutes: 10, metres: 3000, toClient: 'A' },
    { type: 'wait', from: '08:10', to: '08:15' },
    { type: 'visit', visitId: v1, from: '09:00', to: '10:00' },
    { type: 'travel', from: '10:00', to: '10:15', minutes: 15, metres: 4000, toClient: 'B' },
    { type: 'visit', visitId: v2, from: '10:30', to: '11:00' },
    { type: 'break', from: '11:30', to: '12:00' },
    { type: 'travel', from: '15:40', to: '16:00', minutes: 20, metres: 5000 },
    { type: 'end', at: '16:20' },
  ]);
  p.route('s2', 's2-1', MONDAY, [
    { type: 'start', at: '08:00' },
    { type: 'travel', from: '10:00', to: '10:12', minutes: 12, metres: 2000, toClient: 'B' },
    { type: 'visit', visitId: v2, from: '10:30', to: '11:00' },
    { type: 'travel', from: '11:00', to: '11:12', minutes: 12, metres: 2000 },
    { type: 'end', at: '11:50' },
  ]);
  return { instance, plan: p.build() };
}

describe('time shares, overtime, balance', () => {
  it('computes paid, client, travel, waiting and overtime minutes and their shares', () => {
    // Overtime: s1 ends 16:20, shift end 16:00 → 20; s2 ends 11:50 before 12:00 → 0.
    // Paid: s1 480 − 30 + 20 = 470; s2 240; s3 480 → 1190.
    // Client time: v1 60 (s1) + v2 30 × 2 staff = 120. Travel: 10 + 15 + 20 + 12 + 12 = 69 min,
    // 3000 + 4000 + 5000 + 2000 + 2000 = 16000 m. Waiting: one 5-minute wait.
    const { instance, plan } = scenario();
    const k = computeKpis(instance, plan);
    expect(k.overtimeMinutes).toBe(20);
    expect(k.paidMinutes).toBe(1190);
    expect(k.visitMinutes).toBe(120);
    expect(k.travelMinutes).toBe(69);
    expect(k.travelMetres).toBe(16000);
    expect(k.waitingMinutes).toBe(5);
    expect(k.visits).toBe(2);
    expect(k.clientTimeShare).toBeCloseTo(120 / 1190, 12);
    expect(k.travelShare).toBeCloseTo(69 / 1190, 12);
    expect(() => Kpis.parse(k)).not.toThrow();
  });

  it('balance: client minutes over staff with a shift (population stdev)', () => {
    // Staff with shifts: s1 90, s2 30, s3 0 (s4 has none). Mean 40;
    // variance ((50² + 10² + 40²) / 3) = 4200 / 3 = 1400 → stdev √1400.
    const { instance, plan } = scenario();
    expect(computeKpis(instance, plan).balance.clientMinutesPerStaff).toEqual({ min: 0, max: 90, stdev: Math.sqrt(1400) });
  });

  it('per-staff and per-team breakdown', () => {
    // s1: paid 470, client 90, travel 45, waiting 5, overtime 20, 2 visits, 2 clients.
    // Team t1 (clients A; staff s1, s2, s4): paid 710, client 120, travel 69. A's visit is by s1 (t1): 0 cross-team.
    // Team t2 (client B; staff s3): B's visit is by s1 and s2 (t1) → 1 cross-team visit; paid 480, client 0.
    const { instance, plan } = scenario();
    const b = computeBreakdown(instance, plan);
    expect(b.staff.find((r) => r.staffId === 's1')).toEqual({
      staffId: 's1',
      team: 't1',
      shifts: 1,
      paidMinutes: 470,
      clientMinutes: 90,
      travelMinutes: 45,
      travelMetres: 12000,
      waitingMinutes: 5,
      overtimeMinutes: 20,
      visits: 2,
      distinctClients: 2,
      clientTimeShare: 90 / 470,
    });
    expect(b.staff.map((r) => r.staffId)).toEqual(['s1', 's2', 's3', 's4']);
    const [t1, t2] = b.teams;
    expect(t1).toMatchObject({ team: 't1', clients: 1, staff: 3, visits: 1, crossTeamVisits: 0, paidMinutes: 710, clientMinutes: 120, travelMinutes: 69, overtimeMinutes: 20 });
    expect(t1!.clientTimeShare).toBeCloseTo(120 / 710, 12);
    expect(t2).toMatchObject({ team: 't2', clients: 1, staff: 1, visits: 1, crossTeamVisits: 1, paidMinutes: 480, clientMinutes: 0, clientTimeShare: 0 });
  });

  it('a shift over the spring-forward night has its real length', () => {
    // 2026-03-28 22:00 → 2026-03-29 07:00 loses an hour at 02:00: 8 h = 480 real minutes, minus a 30-min break → 450.
    const instance = makeInstance({
      start: '2026-03-23',
      clients: [client('A')],
      staff: [staff('s1', { shifts: [shift('n', '2026-03-28', '22:00', '07:00', { break: { minutes: 30, earliestStart: '01:00', latestEnd: '04:00' } })] })],
    });
    const k = computeKpis(instance, new PlanBuilder(instance).build());
    expect(k.paidMinutes).toBe(450);
    expect(k.clientTimeShare).toBe(0);
    expect(k.travelShare).toBe(0);
  });

  it('shares are null without paid minutes', () => {
    // No shifts at all → denominators 0 → null; no staff with a shift → balance null.
    const instance = makeInstance({ clients: [client('A')], staff: [staff('s1')] });
    const k = computeKpis(instance, new PlanBuilder(instance).build());
    expect(k.clientTimeShare).toBeNull();
    expect(k.travelShare).toBeNull();
    expect(k.balance.clientMinutesPerStaff).toBeNull();
    expect(() => Kpis.parse(k)).not.toThrow();
  });
});
