/**
 * The compact data model embedded once in the HTML report as JSON. Views (map, timelines,
 * körlistor, client weeks) are rendered from it by the inline script. Times are elapsed minutes
 * since local midnight of the period's first day; `seg` maps them to local wall-clock time
 * (computed with {@link PeriodClock}, so daylight-saving days are exact).
 * @module
 */
import { clockMinutes, type PeriodClock } from '../calendar.js';
import type { Instance } from '../schema/instance.js';
import { changedVisits } from '../plan/diff.js';
import type { Plan, Place } from '../schema/plan.js';

/** Event type codes in `ReportData.routes[i][6]` (five numbers per event: type, start, end, ref, extra). */
export const EV_TRAVEL = 0;
export const EV_WAIT = 1;
export const EV_VISIT = 2;
export const EV_BREAK = 3;

/** The JSON embedded in the report. Arrays rather than objects keep it small. */
export interface ReportData {
  /** Per day: [date, label, minute of local midnight]. */
  readonly days: [string, string, number][];
  /** Clock segments: [from minute, wall-clock minute of day at that minute]; sorted. */
  readonly seg: [number, number][];
  readonly teams: string[];
  /** [id, name, x, y]. */
  readonly bases: [string, string, number, number][];
  /** [id, name, team index, colour, travel mode]. */
  readonly staff: [string, string, number, string, string][];
  /** [id, name, team index, x, y, address, [[task id, category], …]]. */
  readonly clients: [string, string, number, number, number, string, [string, string][]][];
  /** [client index, day index, start, end, staff indices, [task index, minutes, …]]. */
  readonly visits: [number, number, number, number, number[], number[]][];
  /**
   * [staff index, day index, shift id, base index, start, end, events (5 numbers each)].
   * travel: ref = location (bases first, then clients), extra = metres; visit: ref = visit index;
   * wait and break: ref = location or -1.
   */
  readonly routes: [number, number, string, number, number, number, number[]][];
  /**
   * Only when the plan has `changes`: [visit index, kinds of change] of each changed visit of this
   * plan (restaffed, retimed, movedDay, added). Absent otherwise, so such reports stay as before.
   */
  readonly chg?: [number, string[]][];
}

/** Golden-angle hues: distinct, deterministic colours, dark enough for 3:1 contrast on white. */
export function staffColour(i: number): string {
  const h = Math.round((i * 137.508) % 360);
  const l = h > 40 && h < 200 ? 30 : 40; // yellows and greens need to be darker
  return `hsl(${h} 75% ${l}%)`;
}

/**
 * Local wall-clock segments of the period (and one day beyond, for night shifts): within a
 * segment, wall-clock minute = start wall + (minute − start). A day with a DST switch has two.
 */
export function clockSegments(clock: PeriodClock): [number, number][] {
  const segs: [number, number][] = [];
  const wall = (m: number): number => clockMinutes(clock.clockOf(m));
  const starts = clock.dayStarts;
  const end = starts[clock.days]! + 1500;
  let from: number = starts[0]!;
  segs.push([from, wall(from)]);
  while (from < end) {
    // Check a day at a time; find a break of linearity (a DST switch) by bisection.
    const to = Math.min(end, from + 1440);
    const expect = (m: number): number => (segs[segs.length - 1]![1] + (m - segs[segs.length - 1]![0])) % 1440;
    if (wall(to - 1) !== expect(to - 1)) {
      let lo = from;
      let hi = to - 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (wall(mid) === expect(mid)) lo = mid;
        else hi = mid;
      }
      segs.push([hi, wall(hi)]);
      from = hi;
    } else from = to;
  }
  return segs;
}

/** Builds the embedded data for a plan. Unknown ids in the plan are skipped, never invented. */
export function buildReportData(instance: Instance, plan: Plan, clock: PeriodClock, weekdayLabel: (date: string) => string): ReportData {
  // Equirectangular projection of all locations into a 1000-unit wide box.
  const pts = [...instance.bases.map((b) => b.location), ...instance.clients.map((c) => c.location)];
  const minLat = Math.min(...pts.map((p) => p.lat));
  const maxLat = Math.max(...pts.map((p) => p.lat));
  const minLon = Math.min(...pts.map((p) => p.lon));
  const maxLon = Math.max(...pts.map((p) => p.lon));
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const span = Math.max((maxLon - minLon) * k, maxLat - minLat, 1e-6);
  const px = (p: { lat: number; lon: number }): [number, number] => [
    Math.round(((p.lon - minLon) * k * 1000) / span),
    Math.round(((maxLat - p.lat) * 1000) / span),
  ];

  const teams = [...instance.teams.map((t) => t.id)];
  for (const id of [...instance.staff.map((s) => s.team), ...instance.clients.map((c) => c.team)]) if (!teams.includes(id)) teams.push(id);
  const teamIdx = new Map(teams.map((t, i) => [t, i]));
  const baseIdx = new Map(instance.bases.map((b, i) => [b.id, i]));
  const staffIdx = new Map(instance.staff.map((s, i) => [s.id, i]));
  const clientIdx = new Map(instance.clients.map((c, i) => [c.id, i]));
  const nb = instance.bases.length;
  const locOf = (p: Place): number => {
    const i = p.kind === 'base' ? baseIdx.get(p.id) : clientIdx.get(p.id);
    return i === undefined ? -1 : p.kind === 'base' ? i : nb + i;
  };

  const days: [string, string, number][] = clock.dates.map((d, i) => [d, weekdayLabel(d), clock.dayStarts[i]!]);
  const dayOf = (date: string, minute: number): number => {
    const i = clock.dayIndex(date);
    return i >= 0 ? i : Math.max(0, clock.dayIndexOf(minute));
  };

  const visitIdx = new Map<string, number>();
  const visits: ReportData['visits'] = [];
  for (const v of plan.visits) {
    const ci = clientIdx.get(v.clientId);
    if (ci === undefined) continue;
    const client = instance.clients[ci]!;
    const start = clock.parseInstant(v.start);
    const tasks: number[] = [];
    for (const t of v.tasks) {
      const ti = client.tasks.findIndex((x) => x.id === t.taskId);
      if (ti >= 0) tasks.push(ti, t.minutes);
    }
    const staff = v.staff.map((s) => staffIdx.get(s)).filter((s): s is number => s !== undefined);
    visitIdx.set(v.id, visits.length);
    visits.push([ci, dayOf(v.date, start), start, clock.parseInstant(v.end), staff, tasks]);
  }

  const routes: ReportData['routes'] = [];
  for (const r of plan.routes) {
    const si = staffIdx.get(r.staffId);
    if (si === undefined) continue;
    let base = -1;
    let start = Number.NaN;
    let end = Number.NaN;
    const ev: number[] = [];
    for (const e of r.events) {
      switch (e.type) {
        case 'start':
          start = clock.parseInstant(e.time);
          base = e.place.kind === 'base' ? (baseIdx.get(e.place.id) ?? -1) : -1;
          break;
        case 'end':
          end = clock.parseInstant(e.time);
          break;
        case 'travel':
          ev.push(EV_TRAVEL, clock.parseInstant(e.start), clock.parseInstant(e.end), locOf(e.to), e.metres);
          break;
        case 'wait':
          ev.push(EV_WAIT, clock.parseInstant(e.start), clock.parseInstant(e.end), locOf(e.place), 0);
          break;
        case 'break':
          ev.push(EV_BREAK, clock.parseInstant(e.start), clock.parseInstant(e.end), locOf(e.place), 0);
          break;
        case 'visit':
          ev.push(EV_VISIT, clock.parseInstant(e.start), clock.parseInstant(e.end), visitIdx.get(e.visitId) ?? -1, 0);
          break;
      }
    }
    if (Number.isNaN(start)) start = ev.length > 0 ? ev[1]! : 0;
    if (Number.isNaN(end)) end = ev.length > 0 ? ev[ev.length - 3]! : start;
    routes.push([si, dayOf(r.date, start), r.shiftId, base, start, end, ev]);
  }
  routes.sort((a, b) => a[1] - b[1] || a[0] - b[0] || a[4] - b[4]);

  const chg: [number, string[]][] = [];
  if (plan.changes) {
    for (const [id, kinds] of changedVisits(plan.changes)) {
      const vi = visitIdx.get(id);
      if (vi !== undefined) chg.push([vi, kinds]);
    }
    chg.sort((a, b) => a[0] - b[0]);
  }

  return {
    days,
    seg: clockSegments(clock),
    teams,
    bases: instance.bases.map((b) => [b.id, b.name ?? '', ...px(b.location)]),
    staff: instance.staff.map((s, i) => [s.id, s.name ?? '', teamIdx.get(s.team)!, staffColour(i), s.travelMode]),
    clients: instance.clients.map((c) => [
      c.id,
      c.name ?? '',
      teamIdx.get(c.team)!,
      ...px(c.location),
      c.address ?? '',
      c.tasks.map((t): [string, string] => [t.id, t.category]),
    ]),
    visits,
    routes,
    ...(plan.changes ? { chg } : {}),
  };
}

/**
 * JSON for a `<script type="application/json">` element: `<`, `>`, `&` and the line separators are
 * written as `\u` escapes, so no name can close the element or start markup.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
