import type { Rng } from '../../solver/rng.js';
import { durationBounds, expandDemand, categoryBudget, type DemandSpan } from '../../src/model/demand.js';
import type { Client, Staff, TimePreference } from '../../src/schema/instance.js';
import { holdsAll, shiftFits, shiftsOn } from './coverage.js';
import { hm, mins, startRanges } from './tasks.js';

/** Rates of client preferences (sources in CALIBRATION.md). */
export const PREFERENCE_RATES = {
  timeRanges: 0.4,
  days: 0.15,
  preferredStaff: 0.6,
  secondPreferredStaff: 0.25,
  refusedStaff: 0.03,
  gender: 0.1,
  language: 0.05,
} as const;

/**
 * Draws soft and hard preferences: preferred time ranges and days, refused staff (hard), staff gender
 * and language. Preferred staff come later, with the named contact.
 */
export function assignPreferences(rng: Rng, clients: Client[], staff: readonly Staff[]): void {
  const careByTeam = new Map<string, Staff[]>();
  for (const s of staff) if (s.role === 'care') careByTeam.set(s.team, [...(careByTeam.get(s.team) ?? []), s]);
  for (const c of clients) {
    const p = c.preferences;
    const team = careByTeam.get(c.team) ?? [];
    if (rng.chance(PREFERENCE_RATES.timeRanges)) p.timeRanges = timePreference(rng, c);
    const weekly = c.tasks.some((t) => t.frequency.type === 'weekly' || t.frequency.type === 'everyOtherWeek');
    if (weekly && rng.chance(PREFERENCE_RATES.days)) {
      p.days = rng
        .shuffle([1, 2, 3, 4, 5])
        .slice(0, rng.chance(0.5) ? 2 : 3)
        .sort((a, b) => a - b);
    }
    if (team.length > 3 && rng.chance(PREFERENCE_RATES.refusedStaff)) p.refusedStaff = [rng.pick(team).id];
    if (rng.chance(PREFERENCE_RATES.gender)) p.staffGender = rng.chance(0.9) ? 'female' : 'male';
    if (rng.chance(PREFERENCE_RATES.language)) {
      const spoken = [...new Set(team.flatMap((s) => s.languages).filter((l) => l !== 'sv'))].sort();
      p.languages = [spoken.length > 0 ? rng.pick(spoken) : 'fi'];
    }
  }
}

/** A preferred start range inside the client's main window: one hour of the morning window, or a half day for service. */
function timePreference(rng: Rng, c: Client): TimePreference[] {
  const out: TimePreference[] = [];
  const morning = c.tasks.find((t) => t.id === 'morning');
  if (morning && morning.windows.length > 0) {
    const [a, b] = [mins(morning.windows[0]!.start), mins(morning.windows[0]!.end)];
    const starts: number[] = [];
    for (let t = a; t + 60 <= b; t += 30) starts.push(t);
    const s = rng.pick(starts);
    out.push({ start: hm(s), end: hm(s + 60) });
    const evening = c.tasks.find((t) => t.id === 'evening');
    if (evening && rng.chance(0.3)) out.push({ start: '19:30', end: '20:30' });
  } else {
    const am = rng.chance(0.6);
    const pref: TimePreference = am ? { start: '09:00', end: '12:00' } : { start: '12:00', end: '14:00' };
    if (rng.chance(0.3)) pref.weekdays = [1, 2, 3, 4, 5];
    out.push(pref);
  }
  return out;
}

/**
 * Named contact (fast omsorgskontakt) for every client: a care worker of the client's team, not
 * refused, able to do most of the client's task occurrences (at least 60% of the best candidate's
 * count: skills held, a shift on the day that fits the window); among those the worker with the
 * fewest named clients per shift, so contacts spread over the team. Then preferred staff:
 * the named contact, sometimes a second team member.
 */
export function assignNamedContacts(
  rng: Rng,
  clients: Client[],
  staff: readonly Staff[],
  dates: readonly string[],
  spans: readonly DemandSpan[] = expandDemand({ clients: [...clients] }, dates),
): void {
  const careByTeam = new Map<string, Staff[]>();
  for (const s of staff) if (s.role === 'care') careByTeam.set(s.team, [...(careByTeam.get(s.team) ?? []), s]);
  const contacts = new Map<string, number>();
  const spansByClient = new Map<string, DemandSpan[]>();
  for (const span of spans) spansByClient.set(span.clientId, [...(spansByClient.get(span.clientId) ?? []), span]);
  // Heaviest clients first, so they get the best-qualified contacts.
  const order = [...clients].sort((a, b) => b.tasks.length - a.tasks.length || (a.id < b.id ? -1 : 1));
  for (const c of order) {
    const refused = new Set(c.preferences.refusedStaff);
    const team = (careByTeam.get(c.team) ?? []).filter((s) => !refused.has(s.id));
    if (team.length === 0) continue;
    const spans = spansByClient.get(c.id) ?? [];
    const taskInfo = new Map(c.tasks.map((t) => [t.id, { task: t, ranges: startRanges(t), dur: durationBounds(t).min }]));
    const score = (s: Staff): number => {
      let n = 0;
      for (const span of spans) {
        const { task, ranges, dur } = taskInfo.get(span.taskId)!;
        if (!holdsAll(s, task.skills)) continue;
        const days = span.dates.filter((d) => shiftsOn(s, d).some((sh) => shiftFits(sh, ranges, dur))).length;
        // Client-facing care counts more than HSL (nurses and delegated staff share HSL anyway).
        const weight = categoryBudget(task.category) === 'none' ? 0.5 : 1;
        n += weight * span.count * Math.min(1, days / span.dates.length);
      }
      return n;
    };
    const scored = team.map((s) => ({ s, score: score(s), load: ((contacts.get(s.id) ?? 0) + 1) / Math.max(1, s.shifts.length) }));
    const best = Math.max(...scored.map((x) => x.score));
    const pick = scored
      .filter((x) => x.score >= best * 0.6 - 1e-9)
      .sort((x, y) => x.load - y.load || (x.s.id < y.s.id ? -1 : 1))[0]!.s;
    c.namedContact = pick.id;
    contacts.set(pick.id, (contacts.get(pick.id) ?? 0) + 1);
  }
  for (const c of clients) {
    if (!c.namedContact || !rng.chance(PREFERENCE_RATES.preferredStaff)) continue;
    const preferred = [c.namedContact];
    const refused = new Set(c.preferences.refusedStaff);
    const others = (careByTeam.get(c.team) ?? []).filter((s) => s.id !== c.namedContact && !refused.has(s.id));
    if (others.length > 0 && rng.chance(PREFERENCE_RATES.secondPreferredStaff)) preferred.push(rng.pick(others).id);
    c.preferences.preferredStaff = preferred;
  }
}
