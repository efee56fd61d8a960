import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  generateScenario,
  serializeScenario,
  summarizeScenario,
  type ScenarioOptions,
} from '../../../data/generator/index.js';
import { addDaysToDate, clockMinutes } from '../../../src/calendar.js';
import { categoryBudget, durationBounds, expandDemand } from '../../../src/model/demand.js';
import { Instance } from '../../../src/schema/instance.js';

// Generations are cached: each option set is generated once per test file.
const cache = new Map<string, { text: string; instance: Instance }>();
function gen(options: ScenarioOptions): { text: string; instance: Instance } {
  const key = JSON.stringify(options);
  let hit = cache.get(key);
  if (!hit) {
    const text = serializeScenario(generateScenario(options));
    hit = { text, instance: Instance.parse(JSON.parse(text)) };
    cache.set(key, hit);
  }
  return hit;
}

const KNIVSTA = { profile: 'knivsta', seed: 4242 } as const;
const BRACKE = { profile: 'bracke', seed: 4242 } as const;
const TINY = { profile: 'tiny', seed: 4242 } as const;
const ALL: ScenarioOptions[] = [TINY, KNIVSTA, BRACKE, { ...KNIVSTA, days: 7 }];

function periodDates(inst: Instance): string[] {
  return Array.from({ length: inst.period.days }, (_, i) => addDaysToDate(inst.period.start, i));
}

function shiftSpan(sh: { start: string; end: string }): [number, number] {
  const s = clockMinutes(sh.start);
  let e = clockMinutes(sh.end);
  if (e <= s) e += 1440;
  return [s, e];
}

function startRanges(task: Instance['clients'][number]['tasks'][number]): [number, number][] {
  if (task.fixedTime) {
    const t = clockMinutes(task.fixedTime.time);
    return [[t - task.fixedTime.toleranceMinutes, t + task.fixedTime.toleranceMinutes]];
  }
  if (task.windows.length > 0) return task.windows.map((w) => [clockMinutes(w.start), clockMinutes(w.end)]);
  return [[0, 1440]];
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('generateScenario: determinism and purity', () => {
  it('gives the same bytes for the same options', () => {
    const small = { profile: 'knivsta', seed: 4242, scale: 0.3 } as const;
    expect(serializeScenario(generateScenario(small))).toBe(serializeScenario(generateScenario(small)));
    expect(serializeScenario(generateScenario(TINY))).toBe(gen(TINY).text);
  });

  it('gives different instances for different seeds', () => {
    expect(gen({ profile: 'knivsta', seed: 4243 }).text).not.toBe(gen(KNIVSTA).text);
    expect(gen({ profile: 'tiny', seed: 1 }).text).not.toBe(gen(TINY).text);
  });

  it('uses neither Math.random nor the clock', () => {
    const random = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    const now = vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now used');
    });
    expect(() => generateScenario({ profile: 'tiny', seed: 3 })).not.toThrow();
    expect(random).not.toHaveBeenCalled();
    expect(now).not.toHaveBeenCalled();
  });

  it('serializes canonically: 2-space JSON, trailing newline, stable under a parse round trip', () => {
    const { text } = gen(TINY);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toMatch(/^ {2}"schemaVersion": 1,$/);
    expect(serializeScenario(JSON.parse(text))).toBe(text);
  });

  it('defaults to a fixed Monday and 14 days', () => {
    const inst = gen(TINY).instance;
    expect(inst.period).toEqual({ start: '2026-11-23', days: 14, timeZone: 'Europe/Stockholm' });
  });

  it('rejects bad options', () => {
    expect(() => generateScenario({ profile: 'nowhere' as 'tiny', seed: 1 })).toThrow(RangeError);
    expect(() => generateScenario({ profile: 'tiny', seed: 1.5 })).toThrow(RangeError);
    expect(() => generateScenario({ profile: 'tiny', seed: 1, scale: 0 })).toThrow(RangeError);
    expect(() => generateScenario({ profile: 'tiny', seed: 1, days: 10 as 7 })).toThrow(RangeError);
    expect(() => generateScenario({ profile: 'tiny', seed: 1, start: '23/11/2026' })).toThrow(RangeError);
  });
});

describe.each(ALL)('instance %o', (options) => {
  it('parses and has no dangling or duplicate references', () => {
    const inst = gen(options).instance;
    const teams = new Set(inst.teams.map((t) => t.id));
    const bases = new Set(inst.bases.map((b) => b.id));
    const staff = new Map(inst.staff.map((s) => [s.id, s]));
    expect(teams.size).toBe(inst.teams.length);
    expect(bases.size).toBe(inst.bases.length);
    expect(staff.size).toBe(inst.staff.length);
    expect(new Set(inst.clients.map((c) => c.id)).size).toBe(inst.clients.length);
    const shiftIds = inst.staff.flatMap((s) => s.shifts.map((sh) => sh.id));
    expect(new Set(shiftIds).size).toBe(shiftIds.length);
    const dates = new Set(periodDates(inst));
    for (const s of inst.staff) {
      expect(teams.has(s.team)).toBe(true);
      expect(bases.has(s.base)).toBe(true);
      for (const sh of s.shifts) {
        expect(dates.has(sh.date)).toBe(true);
        if (sh.base !== undefined) expect(bases.has(sh.base)).toBe(true);
      }
    }
    for (const c of inst.clients) {
      expect(teams.has(c.team)).toBe(true);
      expect(new Set(c.tasks.map((t) => t.id)).size).toBe(c.tasks.length);
      // Every client has a named contact: a care worker of the client's team whom the client does not refuse.
      expect(c.namedContact).toBeDefined();
      const contact = staff.get(c.namedContact!);
      expect(contact?.team).toBe(c.team);
      expect(contact?.role).toBe('care');
      expect(c.preferences.refusedStaff).not.toContain(c.namedContact);
      for (const id of [...c.preferences.refusedStaff, ...c.preferences.preferredStaff]) expect(staff.has(id)).toBe(true);
      expect(c.name).toBeUndefined();
      expect(c.address).toBeUndefined();
    }
    expect(inst.staff.every((s) => s.name === undefined)).toBe(true);
  });

  it('has, for every task on every day it is due, enough qualified staff of its team on a shift that fits a window', () => {
    const inst = gen(options).instance;
    const byClient = new Map(inst.clients.map((c) => [c.id, c]));
    // Shifts by team and date, as [staff, wall-clock span].
    const onDate = new Map<string, [Instance['staff'][number], [number, number]][]>();
    for (const s of inst.staff) {
      for (const sh of s.shifts) {
        const key = `${s.team}|${sh.date}`;
        onDate.set(key, [...(onDate.get(key) ?? []), [s, shiftSpan(sh)]]);
      }
    }
    const gaps: string[] = [];
    for (const span of expandDemand(inst, periodDates(inst))) {
      const client = byClient.get(span.clientId)!;
      const task = client.tasks.find((t) => t.id === span.taskId)!;
      const dur = durationBounds(task).min;
      const ranges = startRanges(task);
      for (const date of span.dates) {
        const qualified = new Set<string>();
        for (const [s, [a, b]] of onDate.get(`${client.team}|${date}`) ?? []) {
          if (client.preferences.refusedStaff.includes(s.id)) continue;
          if (!task.skills.every((k) => s.skills.includes(k))) continue;
          if (ranges.some(([x, y]) => Math.max(x, a) <= Math.min(y, b - dur))) qualified.add(s.id);
        }
        if (qualified.size < task.staffCount) gaps.push(`${client.id}/${task.id}@${date}`);
      }
    }
    expect(gaps).toEqual([]);
  });

  it('grants at least the minimum and at most what 95% of allows to reach, per budget', () => {
    const inst = gen(options).instance;
    const sums = new Map(inst.clients.map((c) => [c.id, { care: [0, 0], service: [0, 0] }]));
    const byClient = new Map(inst.clients.map((c) => [c.id, c]));
    for (const span of expandDemand(inst, periodDates(inst))) {
      const task = byClient.get(span.clientId)!.tasks.find((t) => t.id === span.taskId)!;
      const budget = categoryBudget(task.category);
      if (budget === 'none') continue;
      const b = durationBounds(task);
      const s = sums.get(span.clientId)![budget];
      s[0] += span.count * task.staffCount * b.min;
      s[1] += span.count * task.staffCount * b.max;
    }
    for (const c of inst.clients) {
      const s = sums.get(c.id)!;
      expect(c.granted.careMinutes).toBeGreaterThanOrEqual(s.care[0]!);
      expect(c.granted.serviceMinutes).toBeGreaterThanOrEqual(s.service[0]!);
      expect(0.95 * c.granted.careMinutes).toBeLessThanOrEqual(s.care[1]!);
      expect(0.95 * c.granted.serviceMinutes).toBeLessThanOrEqual(s.service[1]!);
    }
  });

  it('keeps HSL durations exact and durations around the standard', () => {
    const inst = gen(options).instance;
    for (const c of inst.clients) {
      for (const t of c.tasks) {
        if (t.category === 'hsl') {
          expect(t.duration.min ?? t.duration.standard).toBe(t.duration.standard);
          expect(t.skills.length).toBeGreaterThan(0);
        } else {
          expect(t.duration.min!).toBeLessThanOrEqual(t.duration.standard);
          expect(t.duration.max!).toBeGreaterThanOrEqual(t.duration.standard);
        }
      }
    }
  });
});

describe('profiles', () => {
  it('knivsta: about 250 clients and 1,050 granted hours a week (±10%), for two seeds', () => {
    for (const o of [KNIVSTA, { profile: 'knivsta', seed: 4243 } as const]) {
      const s = summarizeScenario(gen(o).instance);
      expect(s.clients).toBe(250);
      expect(s.grantedHoursPerWeek).toBeGreaterThanOrEqual(945);
      expect(s.grantedHoursPerWeek).toBeLessThanOrEqual(1155);
      expect(s.teams).toBeGreaterThanOrEqual(4);
      expect(s.teams).toBeLessThanOrEqual(5);
      expect(s.hslClients / s.clients).toBeGreaterThan(0.25);
      expect(s.hslClients / s.clients).toBeLessThan(0.35);
      expect(s.doubleStaffedClients).toBeGreaterThan(0);
      expect(s.demandShareOfPaid).toBeGreaterThan(0.45);
      expect(s.demandShareOfPaid).toBeLessThan(0.7);
    }
  });

  it('knivsta: everyOtherWeek cleaning, meals with gaps, fixed-time HSL, nurses, part-timers, walking or cycling staff', () => {
    const inst = gen(KNIVSTA).instance;
    const tasks = inst.clients.flatMap((c) => c.tasks);
    expect(tasks.some((t) => t.frequency.type === 'everyOtherWeek' && t.category === 'service')).toBe(true);
    expect(tasks.some((t) => t.category === 'meal' && t.minGapMinutes >= 180)).toBe(true);
    expect(tasks.some((t) => t.category === 'hsl' && t.fixedTime !== undefined)).toBe(true);
    expect(tasks.some((t) => t.category === 'alarm' || t.category === 'meal_delivery')).toBe(true);
    expect(inst.staff.some((s) => s.role === 'nurse')).toBe(true);
    expect(inst.staff.some((s) => s.travelMode !== 'car')).toBe(true);
    expect(new Set(inst.staff.map((s) => s.maxWorkMinutesPerWeek)).size).toBeGreaterThan(1);
    expect(inst.staff.some((s) => s.shifts.some((sh) => sh.start >= '15:00'))).toBe(true);
    expect(inst.continuity.namedContactShareTarget).toBe(0.5);
  });

  it('bracke: three teams, three bases tens of km apart, about 200 clients, all by car', () => {
    const inst = gen(BRACKE).instance;
    expect(inst.teams).toHaveLength(3);
    expect(inst.bases).toHaveLength(3);
    expect(inst.clients).toHaveLength(200);
    expect(inst.staff.every((s) => s.travelMode === 'car')).toBe(true);
    const [a, b, c] = inst.bases.map((x) => x.location);
    const km = (p: { lat: number; lon: number }, q: { lat: number; lon: number }): number =>
      Math.hypot((p.lat - q.lat) * 111.3, (p.lon - q.lon) * 111.3 * Math.cos((p.lat * Math.PI) / 180));
    for (const d of [km(a!, b!), km(a!, c!), km(b!, c!)]) expect(d).toBeGreaterThan(15);
  });

  it('tiny: 5 clients, 3 staff, one team and base, one fixed-time HSL task, one double-staffed task, one weekly service task', () => {
    const inst = gen(TINY).instance;
    expect(inst.clients).toHaveLength(5);
    expect(inst.staff).toHaveLength(3);
    expect(inst.teams).toHaveLength(1);
    expect(inst.bases).toHaveLength(1);
    const tasks = inst.clients.flatMap((c) => c.tasks);
    expect(tasks.filter((t) => t.category === 'hsl' && t.fixedTime)).toHaveLength(1);
    expect(tasks.filter((t) => t.staffCount === 2)).toHaveLength(1);
    expect(tasks.some((t) => t.category === 'service' && t.frequency.type === 'weekly')).toBe(true);
  });

  it('scale multiplies clients and, about proportionally, staff (scale 2 doubles)', () => {
    const tiny2 = gen({ ...TINY, scale: 2 }).instance;
    expect(tiny2.clients).toHaveLength(10);
    expect(tiny2.staff).toHaveLength(6);
    expect(tiny2.teams).toHaveLength(2);
    // Doubling on a real profile: 0.5 → 1 (cheaper than 1 → 2, same property).
    const half = summarizeScenario(gen({ ...BRACKE, scale: 0.5 }).instance);
    const one = summarizeScenario(gen(BRACKE).instance);
    expect(one.clients).toBe(2 * half.clients);
    expect(one.staff).toBeGreaterThan(1.5 * half.staff);
    expect(one.staff).toBeLessThan(2.5 * half.staff);
    expect(one.grantedHoursPerWeek / half.grantedHoursPerWeek).toBeGreaterThan(1.7);
    expect(one.grantedHoursPerWeek / half.grantedHoursPerWeek).toBeLessThan(2.3);
  });

  it('days 7 vs 14: same clients and tasks, half the period, about the same granted hours a week', () => {
    const d14 = gen(KNIVSTA).instance;
    const d7 = gen({ ...KNIVSTA, days: 7 }).instance;
    expect(d7.period.days).toBe(7);
    expect(d7.clients.map((c) => c.tasks)).toEqual(d14.clients.map((c) => c.tasks));
    const lastDate = addDaysToDate(d7.period.start, 6);
    expect(d7.staff.every((s) => s.shifts.every((sh) => sh.date <= lastDate))).toBe(true);
    const w7 = summarizeScenario(d7).grantedHoursPerWeek;
    const w14 = summarizeScenario(d14).grantedHoursPerWeek;
    expect(Math.abs(w7 - w14) / w14).toBeLessThan(0.1);
  });

  it('summarizes visits implied as the sum of demand span counts', () => {
    const inst = gen(TINY).instance;
    const s = summarizeScenario(inst);
    const total = expandDemand(inst, periodDates(inst)).reduce((n, span) => n + span.count, 0);
    expect(s.visitsImplied).toBe(total);
    expect(s.staff).toBe(3);
    expect(s.shifts).toBe(inst.staff.reduce((n, x) => n + x.shifts.length, 0));
  });
});
