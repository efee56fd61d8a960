import type { PeriodClock } from '../calendar.js';
import type { Staff } from '../schema/instance.js';
import { taskPriority } from '../model/demand.js';
import { taskWindows } from '../validate/semantic.js';
import type { Occurrence } from './granted.js';

/** A visit to plan: one or more occurrences of one client's tasks on one date, started together. */
export interface VisitCandidate {
  /** Indices into the occurrence list. */
  readonly members: readonly number[];
  /** Allowed start intervals (period minutes): the intersection of the members' windows. */
  readonly windows: readonly { start: number; end: number }[];
}

/** What a visit asks of whoever makes it. */
export interface VisitNeeds {
  /** Staff the client refuses. */
  readonly refused: readonly string[];
  readonly skills: readonly string[];
  /** Allowed start intervals (period minutes). */
  readonly windows: readonly { start: number; end: number }[];
  readonly minutes: number;
}

/**
 * True when a staff member on a shift (period minutes `start`–`end`) may make a visit: not refused,
 * holding every skill it needs, and some allowed start lets it fit inside the shift. Travel is not
 * considered: this is the eligibility every planner and reason starts from.
 */
export function canServe(staff: Pick<Staff, 'id' | 'skills'>, start: number, end: number, v: VisitNeeds): boolean {
  if (v.refused.includes(staff.id) || !holdsSkills(staff, v.skills)) return false;
  return v.windows.some((w) => w.end >= start && w.start + v.minutes <= end);
}

/** True when a staff member holds every skill of a set. */
function holdsSkills(staff: Pick<Staff, 'skills'>, skills: readonly string[]): boolean {
  return skills.every((k) => staff.skills.includes(k));
}

/** Share of the staff qualified for the wider of two parts that must stay qualified for them combined ({@link composeVisits}). */
export const COMBINED_QUALIFIED_SHARE = 0.5;

/**
 * Combines a client's same-day occurrences into shared visits, as a care team would: an occurrence
 * joins an existing visit when both tasks are combinable, need the same number of staff, are not
 * service tasks (those are flexible and better placed off the morning peak), at most one of them has
 * a minimum gap, the task is not already in the visit, its allowed start windows contain the
 * visit's (so combining never narrows the visit), and the skills they need together are held by at
 * least {@link COMBINED_QUALIFIED_SHARE} of the staff qualified for the more common part: a wound
 * dressing (a nurse's skill) stays a visit of its own rather than tying the lunch medication to the
 * few staff who hold both, inside the medication's hour (measured on bracke-7331: that pair left both
 * unplanned under every strategy). Everything else gets its own visit.
 */
export function composeVisits(clock: PeriodClock, occurrences: readonly Occurrence[], staff: readonly Pick<Staff, 'skills'>[]): VisitCandidate[] {
  const qualified = qualifiedCounter(staff);
  const byClientDay = new Map<string, number[]>();
  occurrences.forEach((o, i) => {
    const key = `${o.client.id}\u0000${o.date}`;
    (byClientDay.get(key) ?? byClientDay.set(key, []).get(key)!).push(i);
  });
  const out: VisitCandidate[] = [];
  for (const idx of byClientDay.values()) {
    const windows = idx.map((i) => taskWindows(clock, occurrences[i]!.date, occurrences[i]!.task));
    // Narrowest first, so wide tasks join narrow visits rather than the reverse.
    const order = idx.map((_, k) => k).sort((a, b) => width(windows[a]!) - width(windows[b]!) || a - b);
    const groups: { members: number[]; windows: { start: number; end: number }[] }[] = [];
    for (const k of order) {
      const o = occurrences[idx[k]!]!;
      const w = windows[k]!;
      const home = o.task.combinable && taskPriority(o.task) < 3 ? groups.find((g) => joinable(occurrences, g.members, g.windows, o, w, qualified)) : undefined;
      if (home) home.members.push(idx[k]!);
      else groups.push({ members: [idx[k]!], windows: w });
    }
    for (const g of groups) out.push(g);
  }
  return out;
}

function width(ws: readonly { start: number; end: number }[]): number {
  return ws.reduce((s, w) => s + w.end - w.start, 0);
}

function joinable(
  occ: readonly Occurrence[],
  members: readonly number[],
  visitWindows: readonly { start: number; end: number }[],
  o: Occurrence,
  w: readonly { start: number; end: number }[],
  qualified: (skills: readonly string[]) => number,
): boolean {
  const first = occ[members[0]!]!;
  if (!first.task.combinable || taskPriority(first.task) >= 3) return false;
  if (first.task.staffCount !== o.task.staffCount) return false;
  if (members.some((m) => occ[m]!.task.id === o.task.id)) return false;
  if (o.task.minGapMinutes > 0 && members.some((m) => occ[m]!.task.minGapMinutes > 0)) return false;
  // Every visit window must lie inside one of the task's windows.
  if (!visitWindows.every((v) => w.some((x) => x.start <= v.start && v.end <= x.end))) return false;
  const visitSkills = members.flatMap((m) => occ[m]!.task.skills);
  const together = qualified([...visitSkills, ...o.task.skills]);
  return together >= COMBINED_QUALIFIED_SHARE * Math.max(qualified(visitSkills), qualified(o.task.skills));
}

/** Counts the staff holding every skill of a set (memoised per distinct set). */
function qualifiedCounter(staff: readonly Pick<Staff, 'skills'>[]): (skills: readonly string[]) => number {
  const memo = new Map<string, number>();
  return (skills) => {
    const key = [...new Set(skills)].sort().join('\u0000');
    let n = memo.get(key);
    if (n === undefined) {
      n = staff.filter((s) => holdsSkills(s, skills)).length;
      memo.set(key, n);
    }
    return n;
  };
}
