/**
 * Who could have made a visit: shifts, skills, refusals and the staff member's other visits, read
 * from the instance and the plan. Used to say why a named contact or preferred staff member did
 * not come, and whether anyone of a preferred gender or language was on shift.
 * @module
 */
import type { KpiContext, VisitFact } from '../kpi/context.js';
import type { Client, Staff } from '../schema/instance.js';
import { distinct } from './text.js';

/**
 * Why a given staff member is not at a visit, in order of precedence:
 * `unknown` (not in the instance), `refused` (on the client's refused list), `skills` (lacks a skill
 * of the visit's tasks), `noShift` (no shift on the visit's date and none covering the visit),
 * `outsideShift` (shifts that day, but none covering the visit's time), `busy` (at another visit at that
 * time), `free` (on shift, qualified and not at another visit: the plan's choice, e.g. travel).
 */
export type Absence = 'unknown' | 'refused' | 'skills' | 'noShift' | 'outsideShift' | 'busy' | 'free';

/** The absence of one staff member from one visit; `missing` lists the skills lacked (`skills` only). */
export interface AbsenceFact {
  readonly kind: Absence;
  readonly visit: VisitFact;
  readonly missing: readonly string[];
}

interface Interval {
  readonly start: number;
  readonly end: number;
}

/** Skills every staff member of a visit needs: the union of its tasks' skills. */
export function visitSkills(v: VisitFact): string[] {
  return distinct(v.tasks.flatMap((t) => t.task?.skills ?? []));
}

/** True when the staff member is not refused by the client and holds every skill. */
export function qualifiedFor(staff: Staff, client: Client, skills: readonly string[]): boolean {
  return !client.preferences.refusedStaff.includes(staff.id) && skills.every((k) => staff.skills.includes(k));
}

/** Shifts (overtime allowance included) and planned visits of every staff member, indexed once. */
export class Roster {
  private readonly shifts = new Map<string, Interval[]>();
  private readonly busy = new Map<string, Interval[]>();
  private readonly dates = new Map<string, Set<string>>();

  constructor(private readonly ctx: KpiContext) {
    for (const s of ctx.instance.staff) {
      this.shifts.set(
        s.id,
        s.shifts.map((sh) => {
          const iv = ctx.clock.shiftInterval(sh.date, sh.start, sh.end);
          return { start: iv.start, end: iv.end + sh.maxOvertimeMinutes };
        }),
      );
      this.dates.set(s.id, new Set(s.shifts.map((sh) => sh.date)));
    }
    for (const v of ctx.visits) {
      for (const id of v.visit.staff) {
        let list = this.busy.get(id);
        if (!list) this.busy.set(id, (list = []));
        list.push({ start: v.start, end: v.end });
      }
    }
  }

  /** Period dates on which the staff member has a shift. */
  shiftDates(staffId: string): string[] {
    return this.ctx.clock.dates.filter((d) => this.hasShiftOn(staffId, d));
  }

  /** True when the staff member has a shift dated `date`. */
  hasShiftOn(staffId: string, date: string): boolean {
    return this.dates.get(staffId)?.has(date) ?? false;
  }

  /** Why `staffId` is not at visit `v` of `client` (see {@link Absence}). */
  absence(staffId: string, client: Client, v: VisitFact): AbsenceFact {
    const staff = this.ctx.staff.get(staffId);
    const fact = (kind: Absence, missing: readonly string[] = []): AbsenceFact => ({ kind, visit: v, missing });
    if (!staff) return fact('unknown');
    if (client.preferences.refusedStaff.includes(staffId)) return fact('refused');
    const missing = visitSkills(v).filter((k) => !staff.skills.includes(k));
    if (missing.length > 0) return fact('skills', missing);
    const shifts = this.shifts.get(staffId) ?? [];
    if (!shifts.some((s) => s.start <= v.start && v.end <= s.end)) {
      return fact(this.hasShiftOn(staffId, v.date) ? 'outsideShift' : 'noShift');
    }
    const other = (this.busy.get(staffId) ?? []).some((b) => b.start < v.end && v.start < b.end);
    return fact(other ? 'busy' : 'free');
  }

  /**
   * Staff who could make visit `v` of `client` as far as the roster goes: qualified (skills of the
   * visit, not refused), with a shift dated `date`, and passing `extra`.
   */
  qualifiedOnShift(client: Client, v: VisitFact, date: string, extra: (s: Staff) => boolean = () => true): Staff[] {
    const skills = visitSkills(v);
    return this.ctx.instance.staff.filter((s) => qualifiedFor(s, client, skills) && this.hasShiftOn(s.id, date) && extra(s));
  }
}
