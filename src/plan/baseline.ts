import { BREAK_NODE, solveBaseline, type BaselineContinuity, type BaselineJob, type BaselineResult, type BaselineShift } from '../../solver/baseline/greedy.js';
import { PeriodClock } from '../calendar.js';
import { taskPriority } from '../model/demand.js';
import type { Instance, Shift, Staff } from '../schema/instance.js';
import type { Plan, PlannedVisit, Route } from '../schema/plan.js';
import type { ImportedMatrix } from '../travel/matrix.js';
import { TRAVEL_MODES, TravelModel } from '../travel/model.js';
import { breakWindow } from '../validate/semantic.js';
import { VERSION } from '../version.js';
import { canServe, composeVisits, type VisitCandidate } from './compose.js';
import { unplannedItems } from './unplanned.js';
import { planOccurrences, type Occurrence } from './granted.js';
import { allShifts, shiftBase, writeRoute, writeVisit, type SolvedStop } from './write.js';

/** Options of the baseline planner. */
export interface BaselineOptions {
  readonly matrix?: ImportedMatrix;
  readonly seed?: number;
}

/**
 * The baseline planner: occurrences are combined into visits ({@link composeVisits}) and placed by
 * greedy cheapest insertion ({@link solveBaseline}). It makes valid plans and reports what it cannot plan, with
 * reasons; it does not optimise. Named `baseline` in the plan's metadata.
 */
export function planBaseline(instance: Instance, options: BaselineOptions = {}): Plan {
  const clock = new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
  const travel = new TravelModel(instance, options.matrix);
  const occurrences = planOccurrences(instance, clock.dates);
  const shifts = allShifts(instance);
  const candidates = composeVisits(clock, occurrences);
  const { jobs, result } = assignBaseline({ instance, clock, travel, occurrences, candidates, shifts });

  // Visits: one per assigned job, staff collected over the routes that hold it.
  const jobStaff = new Map<number, string[]>();
  const jobStart = new Map<number, number>();
  for (const r of result.routes) {
    const staffId = shifts[r.shift]!.staff.id;
    r.nodes.forEach((n, k) => {
      if (n === BREAK_NODE) return;
      (jobStaff.get(n) ?? jobStaff.set(n, []).get(n)!).push(staffId);
      jobStart.set(n, r.starts[k]!);
    });
  }
  const assigned = [...jobStart.keys()].sort((a, b) => jobStart.get(a)! - jobStart.get(b)! || a - b);
  const visitId = new Map<number, string>();
  const width = String(assigned.length).length;
  const visits: PlannedVisit[] = assigned.map((ji, k) => {
    const id = `v${String(k + 1).padStart(width, '0')}`;
    visitId.set(ji, id);
    const members = candidates[ji]!.members.map((i) => occurrences[i]!);
    const tasks = members.map((m) => ({ taskId: m.task.id, minutes: m.minutes }));
    return writeVisit(clock, id, members[0]!.client.id, jobStart.get(ji)!, tasks, [...jobStaff.get(ji)!].sort());
  });

  const routes: Route[] = result.routes.map((r) => {
    const { staff, shift } = shifts[r.shift]!;
    const stops: SolvedStop[] = r.nodes.map((n, k) => {
      const start = r.starts[k]!;
      if (n === BREAK_NODE) return { kind: 'break', start, end: start + shift.break!.minutes, atBase: shift.break!.at === 'base' };
      return { kind: 'visit', visitId: visitId.get(n)!, clientId: occurrences[candidates[n]!.members[0]!]!.client.id, start, end: start + jobs[n]!.duration };
    });
    return writeRoute(clock, travel, staff, shift, shiftBase(staff, shift), stops);
  });

  return {
    schemaVersion: 1,
    instanceId: instance.id,
    meta: { solver: 'baseline', strategy: 'baseline', seed: options.seed ?? 0, version: VERSION },
    visits,
    routes,
    unplanned: unplannedItems(
      result.unassigned.flatMap(({ job, reason }) => candidates[job]!.members.map((m) => ({ occurrence: m, reason }))),
      occurrences,
    ),
  };
}

/** A period's demand and supply as the planners see it: occurrences, composed visits and shifts. */
export interface PeriodDemand {
  readonly instance: Instance;
  readonly clock: PeriodClock;
  readonly travel: TravelModel;
  readonly occurrences: readonly Occurrence[];
  readonly candidates: readonly VisitCandidate[];
  readonly shifts: readonly { staff: Staff; shift: Shift }[];
}

/** What {@link assignBaseline} needs: the period's demand, optionally other windows and continuity pricing. */
export interface BaselineInput extends PeriodDemand {
  /** Start windows per candidate replacing its allowed windows (e.g. cut to preferred times). */
  readonly windows?: readonly (readonly { start: number; end: number }[])[];
  /** Continuity pricing for the greedy (see {@link BaselineContinuity}); `jobClient` is per candidate. */
  readonly continuity?: BaselineContinuity;
}

/**
 * The baseline's assignment step on its own: one greedy job per visit candidate, placed by cheapest
 * insertion over all shifts of the period. The weekly planner starts its search from this.
 */
export function assignBaseline(input: BaselineInput): { jobs: BaselineJob[]; result: BaselineResult } {
  const { instance, clock, travel, occurrences, candidates, shifts } = input;
  const teamIndex = new Map(instance.teams.map((t, i) => [t.id, i]));
  const staffIndex = new Map(instance.staff.map((s, i) => [s.id, i]));

  const numShifts: BaselineShift[] = shifts.map(({ staff, shift }) => {
    const iv = clock.shiftInterval(shift.date, shift.start, shift.end);
    const br = shift.break;
    const win = br ? breakWindow(clock, shift.date, iv.start, br.earliestStart, br.latestEnd) : { start: 0, end: 0 };
    return {
      staff: staffIndex.get(staff.id)!,
      team: teamIndex.get(staff.team) ?? -1,
      mode: TRAVEL_MODES.indexOf(staff.travelMode),
      base: travel.indexOf('base', shiftBase(staff, shift)),
      start: iv.start,
      end: iv.end,
      breakMinutes: br?.minutes ?? 0,
      breakFrom: Math.max(win.start, iv.start),
      breakTo: Math.min(win.end, iv.end),
      breakAtBase: br?.at === 'base',
    };
  });

  const gapGroups = new Map<string, number>();
  const jobs: BaselineJob[] = candidates.map((cand, ci) => {
    const members = cand.members.map((i) => occurrences[i]!);
    const o = members[0]!;
    const windows = input.windows?.[ci] ?? cand.windows;
    const minutes = members.reduce((sum, m) => sum + m.minutes, 0);
    const skills = [...new Set(members.flatMap((m) => m.task.skills))];
    const needs = { refused: o.client.preferences.refusedStaff, skills, windows, minutes };
    const eligible: number[] = [];
    shifts.forEach(({ staff }, si) => {
      if (canServe(staff, numShifts[si]!.start, numShifts[si]!.end, needs)) eligible.push(si);
    });
    const gapped = members.find((m) => m.task.minGapMinutes > 0);
    let gapGroup = -1;
    if (gapped) {
      const key = `${gapped.client.id}\u0000${gapped.task.id}`;
      gapGroup = gapGroups.get(key) ?? gapGroups.size;
      gapGroups.set(key, gapGroup);
    }
    return {
      loc: travel.indexOf('client', o.client.id),
      duration: minutes,
      windows: new Int32Array(windows.flatMap((w) => [w.start, w.end])),
      staffCount: o.task.staffCount,
      eligible: new Int32Array(eligible),
      priority: Math.min(...members.map((m) => taskPriority(m.task))),
      gapGroup,
      minGap: gapped?.task.minGapMinutes ?? 0,
      team: teamIndex.get(o.client.team) ?? -1,
      namedStaff: o.client.namedContact ? (staffIndex.get(o.client.namedContact) ?? -1) : -1,
    };
  });

  const result = solveBaseline({
    nLoc: travel.locations.length,
    travel: TRAVEL_MODES.map((m) => travel.minutesByMode[m]),
    jobs,
    shifts: numShifts,
    continuity: input.continuity,
  });
  return { jobs, result };
}
