import { BREAK_NODE, solveBaseline, type BaselineJob, type BaselineReason, type BaselineShift } from '../../solver/baseline/greedy.js';
import { PeriodClock } from '../calendar.js';
import { durationBounds, taskPriority } from '../model/demand.js';
import type { Instance } from '../schema/instance.js';
import type { Plan, PlannedVisit, Route, UnplannedItem, UnplannedReason } from '../schema/plan.js';
import type { ImportedMatrix } from '../travel/matrix.js';
import { TRAVEL_MODES, TravelModel } from '../travel/model.js';
import { breakWindow } from '../validate/semantic.js';
import { VERSION } from '../version.js';
import { composeVisits } from './compose.js';
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

  const candidates = composeVisits(clock, occurrences);
  const gapGroups = new Map<string, number>();
  const jobs: BaselineJob[] = candidates.map((cand) => {
    const members = cand.members.map((i) => occurrences[i]!);
    const o = members[0]!;
    const minutes = members.reduce((sum, m) => sum + m.minutes, 0);
    const skills = [...new Set(members.flatMap((m) => m.task.skills))];
    const refused = o.client.preferences.refusedStaff;
    const eligible: number[] = [];
    shifts.forEach(({ staff }, si) => {
      const s = numShifts[si]!;
      if (refused.includes(staff.id)) return;
      if (!skills.every((k) => staff.skills.includes(k))) return;
      if (!cand.windows.some((w) => w.end >= s.start && w.start + minutes <= s.end)) return;
      eligible.push(si);
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
      windows: new Int32Array(cand.windows.flatMap((w) => [w.start, w.end])),
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
  });

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

const REASON_TEXT: Record<BaselineReason, (o: Occurrence) => string> = {
  NO_SHIFT: (o) => `no qualified staff member (skills ${fmtSkills(o)}, not refused) has a shift covering its allowed times`,
  WINDOW_UNREACHABLE: (o) => `no qualified staff member on shift can reach client ${o.client.id} within the allowed times and still return to base`,
  CAPACITY: () => 'the shifts of qualified staff were already full at the allowed times',
  DOUBLE_STAFFING: () => 'two qualified staff could not be brought to the client at the same minute',
  GAP: (o) => `the minimum gap of ${o.task.minGapMinutes} minutes to the client's other visits with this task could not be kept`,
};

function fmtSkills(o: Occurrence): string {
  return o.task.skills.length > 0 ? `[${o.task.skills.join(', ')}]` : '[none]';
}

/** Groups unassigned occurrences by client, task, span and reason, with planner-readable messages. */
function unplannedItems(unassigned: readonly { occurrence: number; reason: BaselineReason }[], occ: readonly Occurrence[]): UnplannedItem[] {
  const items = new Map<string, UnplannedItem>();
  for (const { occurrence, reason } of unassigned) {
    const o = occ[occurrence]!;
    const key = [o.client.id, o.task.id, o.span.from, o.span.to, reason].join('\u0000');
    const minutes = durationBounds(o.task).standard * o.task.staffCount;
    const prev = items.get(key);
    if (prev) {
      items.set(key, { ...prev, count: prev.count + 1, minutes: prev.minutes + minutes });
      continue;
    }
    const when = o.span.from === o.span.to ? `on ${o.span.from}` : `in ${o.span.from}–${o.span.to}`;
    items.set(key, {
      clientId: o.client.id,
      taskId: o.task.id,
      from: o.span.from,
      to: o.span.to,
      count: 1,
      minutes,
      reason: reason as UnplannedReason,
      message: `Task ${o.task.id} of client ${o.client.id} ${when} was not planned: ${REASON_TEXT[reason](o)}.`,
    });
  }
  return [...items.values()];
}
