/**
 * Notes on who visits a client: refused staff, the continuity cap, the named contact, preferred
 * staff, and staff of a preferred gender or language.
 * @module
 */
import type { VisitFact } from '../kpi/context.js';
import type { Staff } from '../schema/instance.js';
import { visitRef, type ClientFacts } from './facts.js';
import type { Absence, AbsenceFact } from './roster.js';
import { distinct, listed, pct, plural, skillsText } from './text.js';

/** Absence kinds in the order their parts are written. */
const ABSENCE_ORDER: readonly Absence[] = ['unknown', 'refused', 'skills', 'noShift', 'outsideShift', 'busy', 'free'];

/**
 * Why a staff member is missing from a set of visits, as comma-separated parts, e.g.
 * `6 on days s7 has no shift (2026-02-05, 2026-02-06), 1 with s7 at another visit at that time`.
 */
export function absenceText(f: ClientFacts, staffId: string, facts: readonly AbsenceFact[]): string {
  const parts: string[] = [];
  for (const kind of ABSENCE_ORDER) {
    const group = facts.filter((a) => a.kind === kind);
    if (group.length === 0) continue;
    const n = group.length;
    const visits = (): string => listed(group.map((a) => visitRef(f, a.visit)), f.maxListed);
    switch (kind) {
      case 'unknown':
        parts.push(`${staffId} is not a staff member of the instance`);
        break;
      case 'refused':
        parts.push(`${staffId} is on the client's refused list`);
        break;
      case 'skills':
        parts.push(`${n} needing skills ${staffId} lacks ${skillsText(distinct(group.flatMap((a) => a.missing)))}`);
        break;
      case 'noShift':
        parts.push(`${n} on days ${staffId} has no shift (${listed(distinct(group.map((a) => a.visit.date)), f.maxListed)})`);
        break;
      case 'outsideShift':
        parts.push(`${n} outside ${staffId}'s shift hours (${visits()})`);
        break;
      case 'busy':
        parts.push(`${n} with ${staffId} at another visit at that time`);
        break;
      case 'free':
        parts.push(`${n} with ${staffId} on shift and qualified but not assigned (${visits()})`);
        break;
    }
  }
  return parts.join(', ');
}

/** A note for each refused staff member who is at a visit of the client (rule 7 forbids it). */
export function refusedNotes(f: ClientFacts): string[] {
  const out: string[] = [];
  for (const id of f.client.preferences.refusedStaff) {
    const at = f.visits.filter((v) => v.visit.staff.includes(id));
    if (at.length === 0) continue;
    out.push(`Refused staff member ${id} is at ${plural(at.length, 'visit')} (${listed(at.map((v) => visitRef(f, v)), f.maxListed)}), which rule 7 forbids.`);
  }
  return out;
}

/**
 * A note when the client meets more distinct staff than `continuity.maxDistinctStaffPer14Days` in
 * the 14 days ending with the period (every visit; a 7-day period adds the history of the 7 days
 * before), naming the staff who made a single visit in the period.
 */
export function capNote(f: ClientFacts, staffMet: readonly { staffId: string; visits: number }[]): string | null {
  const { maxDistinctStaffPer14Days: cap, maxDistinctStaffMode: mode } = f.analysis.ctx.instance.continuity;
  const met = f.windows.cap.get(f.client.id)?.size ?? 0;
  if (cap === undefined || f.visits.length === 0 || met <= cap) return null;
  const history = f.windows.capFrom < f.analysis.ctx.instance.period.start ? ' (history included)' : '';
  const note = `Meets ${met} different staff in the 14 days ${f.windows.capFrom} to ${f.windows.capTo}${history}, above the maximum of ${cap} (${mode}).`;
  const singles = staffMet.filter((s) => s.visits === 1).map((s) => s.staffId);
  if (singles.length === 0) return note;
  return `${note} ${singles.length === 1 ? `${singles[0]} makes a single visit` : `${listed(singles, f.maxListed)} make a single visit each`} in the period.`;
}

/**
 * A note when the named contact's share of the client's visits is below
 * `continuity.namedContactShareTarget`: the share, the days the contact works, and why the contact
 * is missing from the other visits (no shift that day, outside shift hours, skills, at another visit,
 * or on shift and qualified but not assigned).
 */
export function namedContactNote(f: ClientFacts): string | null {
  const id = f.client.namedContact;
  if (id === undefined || f.visits.length === 0) return null;
  const target = f.analysis.ctx.instance.continuity.namedContactShareTarget;
  const others = f.visits.filter((v) => !v.visit.staff.includes(id));
  const hits = f.visits.length - others.length;
  const share = hits / f.visits.length;
  if (share >= target - 1e-9) return null;
  const days = f.analysis.ctx.clock.dates.length;
  const works = f.analysis.ctx.staff.has(id) ? ` and has shifts on ${f.roster.shiftDates(id).length} of the ${days} days` : '';
  const why = absenceText(
    f,
    id,
    others.map((v) => f.roster.absence(id, f.client, v)),
  );
  return `Named contact ${id} is at ${hits} of ${f.visits.length} visits (${pct(share)}; target ${pct(target)})${works}. Of the ${plural(others.length, 'other visit')}: ${why}.`;
}

/**
 * A note when some visits have none of the client's preferred staff: for each preferred staff
 * member, why they are missing from those visits.
 */
export function preferredStaffNote(f: ClientFacts): string | null {
  const preferred = f.client.preferences.preferredStaff;
  if (preferred.length === 0) return null;
  const others = f.visits.filter((v) => !v.visit.staff.some((s) => preferred.includes(s)));
  if (others.length === 0) return null;
  const hits = f.visits.length - others.length;
  const per = preferred.map((id) => `for ${id}: ${absenceText(f, id, others.map((v) => f.roster.absence(id, f.client, v)))}`);
  return `A preferred staff member (${preferred.join(', ')}) is at ${hits} of ${f.visits.length} visits. Of the ${plural(others.length, 'other visit')}, ${per.join('; ')}.`;
}

/** A staff attribute a client prefers (gender or language). */
export interface AttributePreference {
  /** `of the preferred gender (female)`: completes "Staff … are at n of m visits". */
  readonly label: string;
  /** `female staff member`: completes "no qualified …". */
  readonly who: string;
  readonly test: (s: Staff) => boolean;
}

/** True when a staff member of the visit (known to the instance) has the attribute. */
function visitHas(f: ClientFacts, pref: AttributePreference, v: VisitFact): boolean {
  return v.visit.staff.some((id) => {
    const s = f.analysis.ctx.staff.get(id);
    return s !== undefined && pref.test(s);
  });
}

/** Visits with a staff member who has the attribute, of all the client's visits. */
export function attributeTally(f: ClientFacts, pref: AttributePreference): { met: number; total: number } {
  return { met: f.visits.filter((v) => visitHas(f, pref, v)).length, total: f.visits.length };
}

/**
 * A note when some visits have no staff member with a preferred attribute: which of them fall on
 * days when no qualified staff member (skills of the visit, not refused) with the attribute has a
 * shift, and which on days when one has; or that no staff member of the instance has it at all.
 */
export function attributeNote(f: ClientFacts, pref: AttributePreference): string | null {
  const ctx = f.analysis.ctx;
  const others = f.visits.filter((v) => !visitHas(f, pref, v));
  if (others.length === 0) return null;
  const head = `Staff ${pref.label} are at ${f.visits.length - others.length} of ${f.visits.length} visits.`;
  if (!ctx.instance.staff.some(pref.test)) return `${head} No ${pref.who} is in the instance.`;
  const none: VisitFact[] = [];
  const some: VisitFact[] = [];
  for (const v of others) (f.roster.qualifiedOnShift(f.client, v, v.date, pref.test).length > 0 ? some : none).push(v);
  const dates = (vs: readonly VisitFact[]): string => listed(distinct(vs.map((v) => v.date)), f.maxListed);
  const parts: string[] = [];
  if (none.length > 0) parts.push(`${none.length} on days no qualified ${pref.who} has a shift (${dates(none)})`);
  if (some.length > 0) parts.push(`${some.length} on days a qualified ${pref.who} has one (${dates(some)})`);
  return `${head} Of the ${plural(others.length, 'other visit')}: ${parts.join(', ')}.`;
}
