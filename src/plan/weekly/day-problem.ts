import type { LinkSpec, ProblemSpec, VisitSpec } from '../../../solver/index.js';
import { taskPriority } from '../../model/demand.js';
import { continuityPrices, visitCost, type PreviousVisit, type WeeklyWeights } from '../terms/index.js';
import type { WeekModel, Window } from './model.js';

/** What a day's costs depend on besides the model: the other days' continuity and the current windows. */
export interface DayPricing {
  readonly weights: WeeklyWeights;
  /**
   * Visits per (client, staff) made outside this day, at `c · nStaff + s`: the history and the
   * other days (the objective's exact marginals), plus any head start a construction adds.
   */
  readonly others: Int32Array;
  /** Per candidate, its current start windows (preferred, or relaxed to the allowed ones). */
  readonly windows: readonly (readonly Window[])[];
  /** Replanning: locks, the staff of the plan in force, the fixed past. */
  readonly rules?: ReplanRules;
  /** Next period like the last: per candidate, the reference period's visit it continues (priced by `consistency`). */
  readonly previous?: readonly (PreviousVisit | null)[];
}

/**
 * What a replan adds to the day problems. A locked (or frozen) candidate is a required visit of its
 * own top priority level — the search never accepts a solution without it, and it starts from one
 * with it — on its allowed shifts only; its time lock is a one-minute window (in `windows`). Every
 * other level moves down by one.
 */
export interface ReplanRules {
  /** Per candidate: 1 when locked or frozen. */
  readonly locked: Uint8Array;
  /** Per candidate: the global shifts it may be on (a staff lock), or null for any. */
  readonly allowedShifts: readonly (readonly number[] | null)[];
  /** Per candidate: staff ids of the visit in the plan in force, or null for a new visit. */
  readonly referenceStaff: readonly (readonly string[] | null)[];
  /** Per global shift: the break's start interval when the past fixes or bounds it. */
  readonly breaks: ReadonlyMap<number, { readonly earliest: number; readonly latest: number }>;
  /**
   * Per candidate: the start (period minutes) after which it is late against the plan in force —
   * its start there + 15 minutes, priced `retimed` per minute — or Infinity (new, locked in time,
   * or on a day not re-solved).
   */
  readonly due: Float64Array;
  /**
   * Per candidate: the date of its visit in the plan in force when the replan moved it to another
   * day of its week (priced `movedDay` once per visit), else null; absent when nothing moved.
   */
  readonly movedFrom?: readonly (string | null)[];
  /**
   * Per global shift: its visits in the plan in force as `cand × 2 + half` (priced `routeChanged`
   * when its visits differ as a set), or null for a shift the replan does not price (days not re-solved).
   */
  readonly routeReference?: readonly (readonly number[] | null)[];
}

/**
 * The routing problem of one day for the routing core: vehicles are the day's shifts (travel profile
 * = the staff member's travel mode, owner = the staff member), visits carry their windows, skills,
 * refused staff, a priority level (0 HSL, 1 personal care, 2 service: the score leaves the lower
 * levels unplanned first, lexicographically) and a cost per vehicle from the per-visit terms
 * ({@link visitCost}); continuity is the engine's pair cost over (client, staff) with the visits
 * made outside the day as the pairs' history and the newFace marginals as prices; a used optional
 * shift costs its `optionalShift` units as the vehicle's fixed cost; in a replan, a start past a
 * visit's due time ({@link ReplanRules.due}) costs `retimed` per minute (engine tardiness, hard
 * windows); a visit moved to another day costs `movedDay` on every staff member; a shift whose
 * visits differ from its reference costs `routeChanged` (the engine's route-change cost). Minimising the
 * day's cost minimises the weekly objective with the other days fixed (see `writeWeeklyPlan`).
 */
export function dayProblem(model: WeekModel, day: number, pricing: DayPricing): ProblemSpec {
  const m = model.days[day]!;
  const nS = model.instance.staff.length;
  const staffOf = m.shifts.map((si) => model.shifts[si]!.staff);
  const pairs = pricing.weights.newFace > 0;
  const windows = gapWindows(
    m.visits.map((dv) => pricing.windows[dv.cand]!),
    m.links,
  );
  const rules = pricing.rules;
  const previous = pricing.previous;
  // A moved visit's price, once per visit (on its first half), on every staff member alike.
  const movedCost = (dv: { cand: number; half: number }): number => (dv.half === 0 && rules?.movedFrom?.[dv.cand] ? pricing.weights.movedDay : 0);
  const anyMoved = m.visits.some((dv) => movedCost(dv) > 0);
  const costs =
    pricing.weights.notNamed + pricing.weights.crossTeam + pricing.weights.notPreferredStaff + pricing.weights.genderOrLanguage + (rules ? pricing.weights.restaffed : 0) + (previous ? pricing.weights.consistency : 0) > 0 || anyMoved;
  const retimedPriced = rules !== undefined && pricing.weights.retimed > 0;
  const referenceOf = (cand: number): readonly string[] | undefined => rules?.referenceStaff[cand] ?? undefined;
  // Route change: each shift's visits in force as this day's engine visits. A reference with a visit
  // not on this day (moved to another) can never be met: the shift is changed whatever the search
  // does, a constant the engine need not see (the plan reports it).
  const routeChangePriced = rules?.routeReference !== undefined && pricing.weights.routeChanged > 0;
  const dayIndexOf = routeChangePriced ? new Map(m.visits.map((dv, i) => [dv.cand * 2 + dv.half, i])) : null;
  const referenceOfShift = (si: number): number[] | undefined => {
    const ref = routeChangePriced ? rules!.routeReference![si] : null;
    if (!ref) return undefined;
    const out = ref.map((code) => dayIndexOf!.get(code) ?? -1);
    return out.includes(-1) ? undefined : out;
  };
  const allowedOf = (cand: number): number[] | undefined => {
    const allowed = rules?.allowedShifts[cand];
    return allowed ? m.shifts.flatMap((si, k) => (allowed.includes(si) ? [k] : [])) : undefined;
  };
  const visits: VisitSpec[] = m.visits.map((dv, i) => {
    const cand = model.candidates[dv.cand]!;
    const members = cand.members.map((i) => model.occurrences[i]!);
    const client = members[0]!.client;
    const refused = client.preferences.refusedStaff;
    return {
      location: model.travel.indexOf('client', client.id),
      duration: model.candMinutes[dv.cand]!,
      windows: windows[i]!.map((w) => [w.start, w.end] as const),
      skills: [...new Set(members.flatMap((o) => o.task.skills))].map((k) => model.skillIndex.get(k)!),
      refusedVehicles: staffOf.flatMap((s, k) => (refused.includes(s.id) ? [k] : [])),
      vehicleCost: costs ? staffOf.map((staff) => visitCost(pricing.weights, { client, staff, met: 0, referenceStaff: referenceOf(dv.cand), previous: previous?.[dv.cand] ?? undefined }) + movedCost(dv)) : undefined,
      allowedVehicles: allowedOf(dv.cand),
      priority: rules?.locked[dv.cand] ? 0 : Math.min(...members.map((o) => taskPriority(o.task))) - (rules ? 0 : 1),
      group: pairs ? model.candClient[dv.cand]! : undefined,
      // Lateness against the plan in force, once per visit (a second half starts with the first).
      ...(retimedPriced && dv.half === 0 && rules!.due[dv.cand]! < Infinity ? { due: rules!.due[dv.cand]! } : {}),
    };
  });
  return {
    nLocations: model.travel.locations.length,
    nProfiles: model.nProfiles,
    travel: model.matrix,
    visits,
    vehicles: m.shifts.map((si) => {
      const vehicle = model.vehicles[si]!;
      const fixed = rules?.breaks.get(si);
      const optional = model.shiftUnits[si]! * pricing.weights.optionalShift;
      const reference = referenceOfShift(si);
      return {
        ...vehicle,
        ...(reference ? { reference } : {}),
        ...(optional > 0 ? { fixedCost: optional } : {}),
        break: vehicle.break && fixed ? { ...vehicle.break, earliest: fixed.earliest, latest: fixed.latest } : vehicle.break,
        owner: pairs ? model.staffIndex.get(model.shifts[si]!.staff.id)! : undefined,
      };
    }),
    links: m.links,
    pairs: pairs ? { nGroups: model.instance.clients.length, nOwners: nS, met: pricing.others, marginal: continuityPrices(pricing.weights.newFace) } : undefined,
    objective: {
      distance: 0,
      travelTime: pricing.weights.travel,
      ...(retimedPriced ? { tardiness: pricing.weights.retimed, softWindows: false } : {}),
      ...(routeChangePriced ? { routeChange: pricing.weights.routeChanged } : {}),
    },
  };
}

/**
 * The windows of a day's visits cut to what their minimum gaps leave (b at least `gap` after a):
 * b no earlier than a's earliest start + gap, a no later than b's latest start − gap, along every
 * chain of gap links until nothing moves. A meal allowed at noon or in the evening that must come
 * three hours before another evening meal is then a noon meal: the search cannot place it in the
 * evening and strand its partner. A visit whose windows would vanish keeps its own.
 */
export function gapWindows(windows: readonly (readonly Window[])[], links: readonly LinkSpec[]): Window[][] {
  const out = windows.map((ws) => ws.map((w) => ({ ...w })));
  const gapLinks = links.filter((l) => !l.differentVehicles && l.maxGap === undefined && l.minGap > 0);
  if (gapLinks.length === 0) return out;
  const cut = (ws: Window[], lo: number, hi: number): Window[] | null => {
    const kept = ws.flatMap((w) => (Math.max(w.start, lo) <= Math.min(w.end, hi) ? [{ start: Math.max(w.start, lo), end: Math.min(w.end, hi) }] : []));
    return kept.length > 0 ? kept : null;
  };
  for (let round = 0, moved = true; moved && round < 8; round++) {
    moved = false;
    for (const l of gapLinks) {
      const a = out[l.a]!;
      const b = out[l.b]!;
      const nb = cut(b, a[0]!.start + l.minGap, Infinity);
      const na = cut(a, -Infinity, b[b.length - 1]!.end - l.minGap);
      if (!nb || !na) continue;
      if (nb[0]!.start !== b[0]!.start || nb.length !== b.length) moved = true;
      if (na[na.length - 1]!.end !== a[a.length - 1]!.end || na.length !== a.length) moved = true;
      out[l.b] = nb;
      out[l.a] = na;
    }
  }
  return out;
}
