import { expandDemand, durationBounds, type DemandSpan } from '../../src/model/demand.js';
import type { Client, Shift, Staff, Task } from '../../src/schema/instance.js';
import { loadOf, pinnedStart, type TeamJobs } from './load.js';
import { mins, startRanges } from './tasks.js';

/** Load target of the qualified staff of one skill in its busiest interval. */
const SKILL_UTILISATION = 0.6;

/** Minutes kept free for travel from the base at shift start and back at shift end. */
export const SHIFT_MARGIN = 10;

/** Wall-clock interval of a shift in minutes after midnight of its date (end may pass 24:00). */
export function shiftSpan(shift: Pick<Shift, 'start' | 'end'>): readonly [number, number] {
  let span = spanCache.get(shift);
  if (!span) {
    const s = mins(shift.start);
    let e = mins(shift.end);
    if (e <= s) e += 24 * 60;
    span = [s, e];
    spanCache.set(shift, span);
  }
  return span;
}
const spanCache = new WeakMap<Pick<Shift, 'start' | 'end'>, readonly [number, number]>();

/** True when a visit of `duration` minutes can start in one of `ranges` inside the shift, with a margin at both ends. */
export function shiftFits(shift: Pick<Shift, 'start' | 'end'>, ranges: readonly (readonly [number, number])[], duration: number, margin = SHIFT_MARGIN): boolean {
  const [s, e] = shiftSpan(shift);
  return ranges.some(([a, b]) => Math.max(a, s + margin) <= Math.min(b, e - duration - margin));
}

const byDateCache = new WeakMap<Pick<Staff, 'shifts'>, Map<string, Shift[]>>();

/** The staff member's shifts on a date (cached per staff object; shifts must not change afterwards). */
export function shiftsOn(staff: Pick<Staff, 'shifts'>, date: string): readonly Shift[] {
  let m = byDateCache.get(staff);
  if (!m) {
    m = new Map();
    for (const sh of staff.shifts) m.set(sh.date, [...(m.get(sh.date) ?? []), sh]);
    byDateCache.set(staff, m);
  }
  return m.get(date) ?? [];
}

/** True when the staff member holds every skill. */
export function holdsAll(staff: Pick<Staff, 'skills'>, skills: readonly string[]): boolean {
  return skills.every((k) => staff.skills.includes(k));
}

/** One task occurrence-day that lacks qualified staff on shift. */
export interface CoverageGap {
  readonly clientId: string;
  readonly taskId: string;
  readonly date: string;
  readonly qualified: number;
  readonly needed: number;
}

/**
 * Every date of every demand span needs `staffCount` staff of the client's team, not refused by the
 * client, holding the task's skills, with a shift on that date in which the visit fits a window.
 * Returns the gaps (empty when covered).
 */
export function coverageGaps(clients: readonly Client[], staff: readonly Staff[], dates: readonly string[]): CoverageGap[] {
  const gaps: CoverageGap[] = [];
  forEachNeed(clients, staff, dates, (client, task, date, onShift) => {
    const qualified = onShift.filter((s) => holdsAll(s, task.skills)).length;
    if (qualified < task.staffCount) gaps.push({ clientId: client.id, taskId: task.id, date, qualified, needed: task.staffCount });
  });
  return gaps;
}

function forEachNeed(
  clients: readonly Client[],
  staff: readonly Staff[],
  dates: readonly string[],
  visit: (client: Client, task: Task, date: string, onShift: Staff[]) => void,
  spans: readonly DemandSpan[] = expandDemand({ clients: [...clients] }, dates),
): void {
  const byTeam = new Map<string, Staff[]>();
  for (const s of staff) {
    const list = byTeam.get(s.team);
    if (list) list.push(s);
    else byTeam.set(s.team, [s]);
  }
  const byClient = new Map(clients.map((c) => [c.id, c]));
  for (const span of spans) {
    const client = byClient.get(span.clientId)!;
    const task = client.tasks.find((t) => t.id === span.taskId)!;
    const refused = new Set(client.preferences.refusedStaff);
    const ranges = startRanges(task);
    const dur = durationBounds(task).min;
    for (const date of span.dates) {
      const onShift = (byTeam.get(client.team) ?? []).filter(
        (s) => !refused.has(s.id) && shiftsOn(s, date).some((sh) => shiftFits(sh, ranges, dur)),
      );
      visit(client, task, date, onShift);
    }
  }
}

/**
 * Grants skills (delegations) to staff on shift until every task occurrence-day is covered
 * (`coverageGaps` is empty) and, per team, date and skill, the qualified staff on shift can carry
 * the skill's peak load. Prefers care staff with the fewest skills, then `rank` (random order).
 * Returns the number of grants; throws when a need has too few staff on shift at all (a roster bug).
 */
export function enforceCoverage(
  clients: readonly Client[],
  staff: readonly Staff[],
  dates: readonly string[],
  rank: ReadonlyMap<string, number>,
  jobs: TeamJobs,
  spans: readonly DemandSpan[] = expandDemand({ clients: [...clients] }, dates),
): number {
  let grants = 0;
  const grant = (candidates: Staff[], skills: readonly string[], needed: number, have: number): number => {
    const pool = candidates
      .filter((s) => !holdsAll(s, skills))
      .sort(
        (a, b) =>
          Number(a.role === 'nurse') - Number(b.role === 'nurse') ||
          a.skills.length - b.skills.length ||
          (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0),
      );
    let n = have;
    for (const s of pool) {
      if (n >= needed) break;
      for (const k of skills) if (!s.skills.includes(k)) s.skills.push(k);
      s.skills.sort();
      grants++;
      n++;
    }
    return n;
  };

  // 1. Every occurrence-day has enough qualified staff on shift.
  forEachNeed(clients, staff, dates, (client, task, date, onShift) => {
    const qualified = onShift.filter((s) => holdsAll(s, task.skills)).length;
    if (qualified >= task.staffCount) return;
    const n = grant(onShift, task.skills, task.staffCount, qualified);
    if (n < task.staffCount) {
      throw new Error(`generator: only ${n} staff on shift for ${client.id}/${task.id} on ${date} (team ${client.team})`);
    }
  }, spans);

  // 2. Per team, date and skill: enough qualified staff for the densest interval of that skill's
  // visits (combined as a plan combines them, e.g. morning care with the 08:00 medication; see load.ts).
  const byTeam = new Map<string, Staff[]>();
  for (const s of staff) byTeam.set(s.team, [...(byTeam.get(s.team) ?? []), s]);
  for (const [team, perDate] of [...jobs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    perDate.forEach((list, di) => {
      const date = dates[di]!;
      const skills = [...new Set(list.flatMap((j) => j.skills))].sort();
      const pinned = list.filter((j) => j.staffCount > 1 && j.weight >= 1).map((j) => ({ s: pinnedStart(j) - j.baseTravel, e: pinnedStart(j) + j.dur, n: j.staffCount }));
      const doublesBusy = (t: number): number => pinned.filter((o) => o.s <= t && t < o.e).reduce((n, o) => n + o.n, 0);
      for (const skill of skills) {
        const withSkill = list.filter((j) => j.skills.includes(skill));
        const loads = withSkill.map((j) => ({ j, l: loadOf(j) }));
        const xs = [...new Set(loads.map((o) => o.l.a))].sort((p, q) => p - q);
        const ys = [...new Set(loads.map((o) => o.l.y))].sort((p, q) => p - q);
        for (const x of xs) {
          for (const y of ys) {
            if (y <= x) continue;
            const inside = loads.filter((o) => o.l.a >= x && o.l.y <= y);
            if (inside.length === 0) continue;
            const load = inside.reduce((s, o) => s + (o.l.exact ? o.l.load : o.l.load / SKILL_UTILISATION), 0);
            // Staff busy with double-staffed visits during all of the start window cannot start these.
            const busy = doublesBusy(Math.max(...inside.map((o) => o.j.b - o.j.travel)));
            const needed = Math.max(...inside.map((o) => o.j.staffCount), Math.ceil(load / (y - x) - 1e-9)) + busy;
            if (needed <= 1) continue; // step 1 already guaranteed one per occurrence
            // Staff on shift who could do every visit of the interval.
            const onShift = (byTeam.get(team) ?? []).filter((s) =>
              shiftsOn(s, date).some((sh) => inside.every((o) => shiftFits(sh, [[o.j.a, o.j.b]], o.j.dur))),
            );
            const have = onShift.filter((s) => s.skills.includes(skill)).length;
            if (have < needed) grant(onShift, [skill], needed, have);
          }
        }
      }
    });
  }
  // 3. Double-staffed visits are fixed first and at their earliest minute (see load.ts): per team and
  // date, as many lift pairs as such visits overlap there must be on shift in the team, driving (so
  // they are there as early as anyone from the base, and no other team's staff are pulled in).
  for (const [team, perDate] of [...jobs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    perDate.forEach((list, di) => {
      const date = dates[di]!;
      const doubles = list.filter((j) => j.staffCount > 1 && j.weight >= 1).map((j) => ({ j, s: pinnedStart(j) }));
      for (const d of doubles) {
        const overlapping = doubles.filter((o) => o.s < d.s + d.j.dur && d.s < o.s + o.j.dur);
        const needed = overlapping.reduce((n, o) => n + o.j.staffCount, 0);
        const skills = [...new Set(overlapping.flatMap((o) => o.j.skills))].sort();
        const onShift = (byTeam.get(team) ?? []).filter(
          (s) => s.role === 'care' && shiftsOn(s, date).some((sh) => overlapping.every((o) => shiftFits(sh, [[o.s, o.s]], o.j.dur, 0))),
        );
        const ready = (s: Staff): boolean => s.travelMode === 'car' && holdsAll(s, skills);
        let have = onShift.filter(ready).length;
        if (have >= needed) continue;
        // Car drivers first get the delegation; then trained staff switch to the car.
        have = grant(
          onShift.filter((s) => s.travelMode === 'car'),
          skills,
          needed,
          have,
        );
        for (const s of onShift.filter((x) => !ready(x)).sort((a, b) => Number(!holdsAll(a, skills)) - Number(!holdsAll(b, skills)) || (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0))) {
          if (have >= needed) break;
          s.travelMode = 'car';
          grant([s], skills, 1, 0);
          have++;
        }
      }
    });
  }
  return grants;
}
