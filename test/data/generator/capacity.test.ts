import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../../data/generator/index.js';
import { coverNeed, fixedPeakStaff, loadOf, teamJobs, type Job } from '../../../data/generator/load.js';
import { PROFILES } from '../../../data/generator/profiles.js';
import { makeTask, T } from '../../../data/generator/tasks.js';
import { checkPlan } from '../../../src/check/index.js';
import { expandDemand } from '../../../src/model/demand.js';
import { planBaseline } from '../../../src/plan/baseline.js';
import { Instance, type Client } from '../../../src/schema/instance.js';

// The capacity promise: enough qualified staff that a plan covers every task. The greedy baseline
// planner is the conservative witness: if even it plans everything, a good plan does.
describe('capacity: the baseline plans every task of a small generated instance', () => {
  it.each([
    { profile: 'tiny', seed: 4242 },
    { profile: 'tiny', seed: 7 },
    { profile: 'knivsta', seed: 4242, scale: 0.2 },
    { profile: 'bracke', seed: 4242, scale: 0.2 },
  ] as const)('%o: nothing unplanned, and the checker accepts the plan', (options) => {
    const instance = Instance.parse(generateScenario(options));
    const plan = planBaseline(instance);
    expect(plan.unplanned).toEqual([]);
    const check = checkPlan(instance, plan);
    expect(check.violations).toEqual([]);
    expect(check.valid).toBe(true);
  });
});

const client = (id: string, tasks: Client['tasks'], lat = 59.73): Client => ({
  id,
  location: { lat, lon: 17.79 },
  team: 't1',
  granted: { careMinutes: 0, serviceMinutes: 0 },
  tasks,
  preferences: { timeRanges: [], preferredStaff: [], refusedStaff: [], languages: [], fewStaff: true },
});

describe('capacity model (load.ts)', () => {
  const cfg = PROFILES.knivsta;
  const dates = ['2026-11-23'];
  const jobsOf = (clients: Client[]): Job[] => {
    const spans = expandDemand({ clients }, dates);
    return teamJobs(clients, dates, spans, cfg.travel, new Map([['t1', cfg.bases[0]!.location]]), new Map([['t1', 1]])).get('t1')![0]!;
  };

  it('combines morning care with the 08:00 medication, as the planner does, so the care lands in the fixed-time peak', () => {
    const jobs = jobsOf([client('c1', [makeTask(T.morning(30)), makeTask(T.medication('08:00'))])]);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ a: 7 * 60 + 30, b: 8 * 60 + 30, dur: 35, skills: ['medication'] });
  });

  it('pins a double-staffed visit at its earliest start and needs both its staff then', () => {
    const lift = makeTask({ ...T.morning(40), staffCount: 2, skills: ['lift'] });
    const jobs = jobsOf([client('c1', [lift]), client('c2', [lift], 59.731)]);
    const loads = jobs.map(loadOf);
    expect(loads.every((l) => l.exact)).toBe(true);
    // Two pairs at about 07:05: four staff at once, however light the rest of the day.
    expect(fixedPeakStaff(jobs)).toBe(4);
    const need = coverNeed(loads, { from: 420, to: 960, paid: 510 }, { from: 420, to: 750, paid: 315 }, 0.85, 2, fixedPeakStaff(jobs));
    expect(need.main + need.peak).toBeGreaterThanOrEqual(4);
  });

  it('covers a peak with the cheaper peak shift when the rest of the day is light', () => {
    // Twenty 30-minute visits that must start 07:30–08:30: a morning rush, nothing later.
    const loads = Array.from({ length: 20 }, () => ({ a: 450, y: 540, load: 40, exact: false }));
    const need = coverNeed(loads, { from: 420, to: 960, paid: 510 }, { from: 420, to: 750, paid: 315 }, 0.85, 2);
    expect(need.main).toBe(2);
    // 800 staff-minutes ÷ 0.85 in 90 minutes: 11 staff.
    expect(need.main + need.peak).toBe(11);
  });
});
