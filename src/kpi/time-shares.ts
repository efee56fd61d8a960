import { shiftPaidMinutes, type KpiContext } from './context.js';
import { share } from './stats.js';

/** Time sums of one staff member over the period. */
export interface StaffWorkload {
  readonly staffId: string;
  /** Team of the staff member; `undefined` for an id not in the instance. */
  readonly team: string | undefined;
  /** Number of roster shifts. */
  shifts: number;
  /** Σ (shift length − break minutes) over the roster shifts, plus overtime. */
  paidMinutes: number;
  /** Σ max(0, route end − shift end). */
  overtimeMinutes: number;
  /** Minutes at clients (each visit the staff member is on counts in full). */
  clientMinutes: number;
  travelMinutes: number;
  travelMetres: number;
  waitingMinutes: number;
  /** Visits the staff member is on. */
  visits: number;
  /** Distinct clients visited. */
  readonly clients: Set<string>;
}

/** Totals over the whole plan (see docs/semantics.md, KPIs). */
export interface TimeTotals {
  paidMinutes: number;
  overtimeMinutes: number;
  /** Client time: Σ visit minutes × number of staff (a double-staffed visit counts for both). */
  visitMinutes: number;
  travelMinutes: number;
  travelMetres: number;
  waitingMinutes: number;
}

/** Time KPIs: totals, shares and per-staff workload. */
export interface TimeShares {
  readonly totals: TimeTotals;
  /** Client time ÷ paid minutes, `null` without paid minutes. */
  readonly clientTimeShare: number | null;
  /** Travel minutes ÷ paid minutes, `null` without paid minutes. */
  readonly travelShare: number | null;
  /** Per staff id: instance staff first (instance order), then unknown ids met in the plan. */
  readonly byStaff: ReadonlyMap<string, StaffWorkload>;
}

function emptyWorkload(staffId: string, team: string | undefined): StaffWorkload {
  return {
    staffId,
    team,
    shifts: 0,
    paidMinutes: 0,
    overtimeMinutes: 0,
    clientMinutes: 0,
    travelMinutes: 0,
    travelMetres: 0,
    waitingMinutes: 0,
    visits: 0,
    clients: new Set(),
  };
}

/** Key of a staff member's shift in {@link routedShifts}. */
export function shiftKey(staffId: string, shiftId: string): string {
  return `${staffId}\u0000${shiftId}`;
}

/** The shifts with a route in the plan (keys of {@link shiftKey}). */
export function routedShifts(ctx: KpiContext): Set<string> {
  return new Set(ctx.routes.filter((r) => r.route.events.length > 0).map((r) => shiftKey(r.route.staffId, r.route.shiftId)));
}

/**
 * Computes paid minutes (every roster shift's length minus its break, plus overtime; an optional
 * shift only when the plan has a route on it), overtime,
 * client time, travel and waiting, in total and per staff member, and the client-time and travel
 * shares of paid time. Waiting is the sum of `wait` events; idle time between events is not waiting.
 */
export function computeTimeShares(ctx: KpiContext): TimeShares {
  const byStaff = new Map<string, StaffWorkload>();
  const get = (id: string): StaffWorkload => {
    let w = byStaff.get(id);
    if (!w) byStaff.set(id, (w = emptyWorkload(id, ctx.staff.get(id)?.team)));
    return w;
  };
  const usedShifts = routedShifts(ctx);
  for (const s of ctx.instance.staff) {
    const w = get(s.id);
    for (const shift of s.shifts) {
      // An optional shift without a route is released: not called in, not paid.
      if (shift.optional && !usedShifts.has(shiftKey(s.id, shift.id))) continue;
      w.shifts++;
      w.paidMinutes += shiftPaidMinutes(shift, ctx.clock);
    }
  }
  for (const r of ctx.routes) {
    const w = get(r.route.staffId);
    w.overtimeMinutes += r.overtimeMinutes;
    w.paidMinutes += r.overtimeMinutes;
    w.travelMinutes += r.travelMinutes;
    w.travelMetres += r.travelMetres;
    w.waitingMinutes += r.waitingMinutes;
  }
  for (const v of ctx.visits) {
    for (const id of new Set(v.visit.staff)) {
      const w = get(id);
      w.clientMinutes += v.minutes;
      w.visits++;
      w.clients.add(v.visit.clientId);
    }
  }
  const totals: TimeTotals = {
    paidMinutes: 0,
    overtimeMinutes: 0,
    visitMinutes: 0,
    travelMinutes: 0,
    travelMetres: 0,
    waitingMinutes: 0,
  };
  for (const w of byStaff.values()) {
    totals.paidMinutes += w.paidMinutes;
    totals.overtimeMinutes += w.overtimeMinutes;
    totals.visitMinutes += w.clientMinutes;
    totals.travelMinutes += w.travelMinutes;
    totals.travelMetres += w.travelMetres;
    totals.waitingMinutes += w.waitingMinutes;
  }
  return {
    totals,
    clientTimeShare: share(totals.visitMinutes, totals.paidMinutes),
    travelShare: share(totals.travelMinutes, totals.paidMinutes),
    byStaff,
  };
}
