import { PeriodClock } from '../../src/calendar.js';
import { categoryBudget, durationBounds, expandDemand } from '../../src/model/demand.js';
import { Instance, type InstanceInput } from '../../src/schema/instance.js';

/** Headline figures of an instance, for the CLI to print after `generate`. */
export interface ScenarioSummary {
  readonly id: string;
  readonly start: string;
  readonly days: number;
  readonly teams: number;
  readonly bases: number;
  readonly clients: number;
  readonly staff: number;
  readonly nurses: number;
  readonly shifts: number;
  /** Paid shift hours (length minus break) per week. */
  readonly paidHoursPerWeek: number;
  /** Granted care + service hours per week (staff-hours). */
  readonly grantedHoursPerWeek: number;
  readonly grantedCareHoursPerWeek: number;
  readonly grantedServiceHoursPerWeek: number;
  /** Prescribed HSL hours per week (outside the granted budget). */
  readonly hslHoursPerWeek: number;
  /** Σ count of the demand spans: task occurrences the plan must place (or report unplanned). */
  readonly visitsImplied: number;
  readonly tasks: number;
  readonly hslClients: number;
  readonly doubleStaffedTasks: number;
  readonly doubleStaffedClients: number;
  readonly clientsWithTimePreference: number;
  readonly clientsWithRefusedStaff: number;
  readonly clientsWithNamedContact: number;
  /** Demanded staff-minutes at standard durations (HSL included) ÷ paid minutes: the best reachable client-time share. */
  readonly demandShareOfPaid: number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Summarizes any instance (defaults are applied first). */
export function summarizeScenario(input: InstanceInput): ScenarioSummary {
  const inst = Instance.parse(input);
  const clock = new PeriodClock(inst.period.start, inst.period.days, inst.period.timeZone);
  const weeks = inst.period.days / 7;
  let paid = 0;
  let shifts = 0;
  for (const s of inst.staff) {
    for (const sh of s.shifts) {
      const iv = clock.shiftInterval(sh.date, sh.start, sh.end);
      paid += iv.end - iv.start - (sh.break?.minutes ?? 0);
      shifts++;
    }
  }
  const spans = expandDemand(inst, clock.dates);
  const byClient = new Map(inst.clients.map((c) => [c.id, c]));
  let visits = 0;
  let demand = 0;
  let hsl = 0;
  for (const span of spans) {
    const task = byClient.get(span.clientId)!.tasks.find((t) => t.id === span.taskId)!;
    const m = span.count * durationBounds(task).standard * task.staffCount;
    visits += span.count;
    demand += m;
    if (categoryBudget(task.category) === 'none') hsl += m;
  }
  const care = inst.clients.reduce((s, c) => s + c.granted.careMinutes, 0);
  const service = inst.clients.reduce((s, c) => s + c.granted.serviceMinutes, 0);
  const perWeekHours = (m: number): number => round1(m / 60 / weeks);
  return {
    id: inst.id,
    start: inst.period.start,
    days: inst.period.days,
    teams: inst.teams.length,
    bases: inst.bases.length,
    clients: inst.clients.length,
    staff: inst.staff.length,
    nurses: inst.staff.filter((s) => s.role === 'nurse').length,
    shifts,
    paidHoursPerWeek: perWeekHours(paid),
    grantedHoursPerWeek: perWeekHours(care + service),
    grantedCareHoursPerWeek: perWeekHours(care),
    grantedServiceHoursPerWeek: perWeekHours(service),
    hslHoursPerWeek: perWeekHours(hsl),
    visitsImplied: visits,
    tasks: inst.clients.reduce((s, c) => s + c.tasks.length, 0),
    hslClients: inst.clients.filter((c) => c.tasks.some((t) => t.category === 'hsl')).length,
    doubleStaffedTasks: inst.clients.reduce((s, c) => s + c.tasks.filter((t) => t.staffCount === 2).length, 0),
    doubleStaffedClients: inst.clients.filter((c) => c.tasks.some((t) => t.staffCount === 2)).length,
    clientsWithTimePreference: inst.clients.filter((c) => c.preferences.timeRanges.length > 0).length,
    clientsWithRefusedStaff: inst.clients.filter((c) => c.preferences.refusedStaff.length > 0).length,
    clientsWithNamedContact: inst.clients.filter((c) => c.namedContact !== undefined).length,
    demandShareOfPaid: paid > 0 ? Math.round((demand / paid) * 1000) / 1000 : 0,
  };
}

/** The summary as aligned `key: value` lines. */
export function formatSummary(summary: ScenarioSummary): string {
  const entries = Object.entries(summary);
  const width = Math.max(...entries.map(([k]) => k.length));
  return `${entries.map(([k, v]) => `${k.padEnd(width)}  ${String(v)}`).join('\n')}\n`;
}
