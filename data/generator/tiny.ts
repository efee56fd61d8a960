import type { Rng } from '../../solver/rng.js';
import type { Client, Staff, Task } from '../../src/schema/instance.js';
import { clusterPoint, offsetKm } from './geo.js';
import { TINY_BASE } from './profiles.js';
import { makeShift } from './roster.js';
import { T, makeTask } from './tasks.js';
import type { TeamConfig } from './profiles.js';

/** One tiny block: 5 clients, 3 staff, one team. Returns clients and staff with ids from `ids`. */
export function tinyBlock(
  rng: Rng,
  dates: readonly string[],
  ids: { team: string; base: string; client: (i: number) => string; staff: (i: number) => string },
): { clients: Client[]; staff: Staff[] } {
  const team: TeamConfig = { id: ids.team, base: ids.base, modes: [['car', 1]], dayBreakAt: 'base', nurses: 0 };
  const s = [ids.staff(0), ids.staff(1), ids.staff(2)] as const;
  const c = [0, 1, 2, 3, 4].map(ids.client);

  // Roster over the period's first 14 days (weekday index 0 = Monday of week A): s01 weekdays
  // (Friday of week B off), s02 and s03 alternate weekends; every weekday has two staff on the day
  // shift (so the lift task can be double-staffed), every weekend day one.
  const pattern: Record<string, readonly number[]> = {
    [s[0]]: [0, 1, 2, 3, 4, 7, 8, 9, 10],
    [s[1]]: [1, 3, 5, 6, 7, 8, 9, 11],
    [s[2]]: [0, 2, 4, 10, 11, 12, 13],
  };
  const mkStaff = (id: string, pct: number, extra: Partial<Staff>): Staff => ({
    id,
    team: team.id,
    base: team.base,
    travelMode: 'car',
    role: 'care',
    skills: ['insulin', 'lift'],
    languages: ['sv'],
    maxWorkMinutesPerWeek: Math.round((pct * 2400 * 1.1) / 15) * 15,
    ...extra,
    shifts: pattern[id]!.filter((d) => d < dates.length).map((d) => makeShift(`${id}-${String(d + 1).padStart(2, '0')}`, dates[d]!, 'D', team)),
  });
  const staff: Staff[] = [
    mkStaff(s[0], 1, { gender: 'female', travelMode: 'walk', skills: ['insulin', 'lift', 'medication'] }),
    mkStaff(s[1], 0.8, { gender: 'female', travelMode: 'bike', languages: ['fi', 'sv'] }),
    mkStaff(s[2], 0.9, { gender: 'male', travelMode: 'car' }),
  ];

  const home = (km: number, bearing: number) => clusterPoint(rng, offsetKm(TINY_BASE, km, bearing), 0.15);
  const parity = rng.chance(0.5) ? 'odd' : 'even';
  const lunch: Task = makeTask({ ...T.meals(2, 15), id: 'lunch', frequency: { type: 'daily', timesPerDay: 1 }, windows: [{ start: '11:00', end: '13:00' }], minGapMinutes: 0 });
  const tasks: Task[][] = [
    // c001: morning care and insulin at a fixed time (HSL), weekly shopping.
    [makeTask(T.morning(rng.pick([25, 30]))), makeTask(T.insulin('insulin-am', '08:00')), makeTask(T.shopping())],
    // c002: lunch every day, cleaning every other week.
    [lunch, makeTask(T.cleaning(parity))],
    // c003: morning care, weekly shower with a lift: two staff, after the morning round (from 09:30),
    // so that a weekday's two staff can give c001's 08:00 insulin before meeting there.
    [makeTask(T.morning(35)), makeTask({ ...T.shower(1, 45), staffCount: 2, skills: ['lift'], windows: [{ start: '09:30', end: '14:30' }] })],
    // c004: service only: cleaning every other week, weekly shopping and laundry.
    [makeTask(T.cleaning(parity === 'odd' ? 'even' : 'odd')), makeTask(T.shopping()), makeTask(T.laundry('weekly'))],
    // c005: weekday morning help and meal deliveries.
    [makeTask(T.morningWeekdays(20)), makeTask(T.mealDelivery())],
  ];
  const places = [home(0.6, 10), home(0.9, 120), home(1.2, 250), home(0.4, 300), home(1.5, 60)];
  const named = [s[0], s[1], s[0], s[1], s[2]];
  const clients: Client[] = c.map((id, i) => ({
    id,
    location: places[i]!,
    team: team.id,
    granted: { careMinutes: 0, serviceMinutes: 0 },
    namedContact: named[i],
    tasks: tasks[i]!,
    preferences: { timeRanges: [], preferredStaff: [], refusedStaff: [], languages: [], fewStaff: true },
  }));
  clients[0]!.preferences.timeRanges = [{ start: '08:00', end: '09:00' }];
  clients[1]!.preferences.staffGender = 'female';
  clients[1]!.preferences.preferredStaff = [s[1]];
  clients[3]!.preferences.refusedStaff = [s[2]];
  clients[3]!.preferences.days = [2, 4];
  clients[4]!.preferences.languages = ['fi'];
  return { clients, staff };
}
