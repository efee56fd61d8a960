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
import type { Plan, Place, PlannedVisit, Route } from '../schema/plan.js';

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
  return new ReportDataBuilder(instance, clock, weekdayLabel).build(plan);
}

type VisitRow = ReportData['visits'][number];
type RouteRow = ReportData['routes'][number];

/**
 * {@link buildReportData} for many plans of one instance (the board's drags): the instance's parts
 * are built once, and each visit's and route's row once per object — plans are immutable, and a
 * drag's plan shares all but a few visits and routes with the plan it came from. Rows are shared
 * between the results: read them, never change them.
 */
export class ReportDataBuilder {
  private readonly fixed: Pick<ReportData, 'days' | 'seg' | 'teams' | 'bases' | 'staff' | 'clients'>;
  private readonly baseIdx: ReadonlyMap<string, number>;
  private readonly staffIdx: ReadonlyMap<string, number>;
  private readonly clientIdx: ReadonlyMap<string, number>;
  /** Rows of visits; null for a visit of an unknown client (not in the data). */
  private readonly visitRows = new WeakMap<PlannedVisit, VisitRow | null>();
  /** Visit ids of the last plan's data in order, their index, and route rows built with that numbering. */
  private numbering: { ids: string[]; index: Map<string, number>; routes: WeakMap<Route, RouteRow | null> } = { ids: [], index: new Map(), routes: new WeakMap() };
  /** `chg` of the last plan's changes. */
  private lastChg?: { changes: NonNullable<Plan['changes']>; numbering: object; chg: [number, string[]][] };

  constructor(
    readonly instance: Instance,
    readonly clock: PeriodClock,
    weekdayLabel: (date: string) => string,
  ) {
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
    this.baseIdx = new Map(instance.bases.map((b, i) => [b.id, i]));
    this.staffIdx = new Map(instance.staff.map((s, i) => [s.id, i]));
    this.clientIdx = new Map(instance.clients.map((c, i) => [c.id, i]));
    this.fixed = {
      days: clock.dates.map((d, i) => [d, weekdayLabel(d), clock.dayStarts[i]!]),
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
    };
  }

  /** The embedded data of a plan of the instance (see {@link buildReportData}). */
  build(plan: Plan): ReportData {
    const visits: VisitRow[] = [];
    const ids: string[] = [];
    for (const v of plan.visits) {
      const row = this.visitRow(v);
      if (!row) continue;
      ids.push(v.id);
      visits.push(row);
    }
    // Route rows name visits by their index in the data: kept only while the numbering is the same.
    const last = this.numbering.ids;
    if (ids.length !== last.length || ids.some((id, i) => id !== last[i])) {
      const index = new Map<string, number>();
      ids.forEach((id, i) => index.set(id, i));
      this.numbering = { ids, index, routes: new WeakMap() };
    }
    const routes: RouteRow[] = [];
    for (const r of plan.routes) {
      const row = this.routeRow(r);
      if (row) routes.push(row);
    }
    routes.sort((a, b) => a[1] - b[1] || a[0] - b[0] || a[4] - b[4]);
    return { ...this.fixed, visits, routes, ...(plan.changes ? { chg: this.chg(plan.changes) } : {}) };
  }

  private dayOf(date: string, minute: number): number {
    const i = this.clock.dayIndex(date);
    return i >= 0 ? i : Math.max(0, this.clock.dayIndexOf(minute));
  }

  private visitRow(v: PlannedVisit): VisitRow | null {
    const known = this.visitRows.get(v);
    if (known !== undefined) return known;
    const { clock } = this;
    const ci = this.clientIdx.get(v.clientId);
    let row: VisitRow | null = null;
    if (ci !== undefined) {
      const client = this.instance.clients[ci]!;
      const start = clock.parseInstant(v.start);
      const tasks: number[] = [];
      for (const t of v.tasks) {
        const ti = client.tasks.findIndex((x) => x.id === t.taskId);
        if (ti >= 0) tasks.push(ti, t.minutes);
      }
      const staff = v.staff.map((s) => this.staffIdx.get(s)).filter((s): s is number => s !== undefined);
      row = [ci, this.dayOf(v.date, start), start, clock.parseInstant(v.end), staff, tasks];
    }
    this.visitRows.set(v, row);
    return row;
  }

  private routeRow(r: Route): RouteRow | null {
    const { routes: memo, index: visitIdx } = this.numbering;
    const known = memo.get(r);
    if (known !== undefined) return known;
    const { clock } = this;
    const si = this.staffIdx.get(r.staffId);
    let row: RouteRow | null = null;
    if (si !== undefined) {
      const nb = this.instance.bases.length;
      const locOf = (p: Place): number => {
        const i = p.kind === 'base' ? this.baseIdx.get(p.id) : this.clientIdx.get(p.id);
        return i === undefined ? -1 : p.kind === 'base' ? i : nb + i;
      };
      let base = -1;
      let start = Number.NaN;
      let end = Number.NaN;
      const ev: number[] = [];
      for (const e of r.events) {
        switch (e.type) {
          case 'start':
            start = clock.parseInstant(e.time);
            base = e.place.kind === 'base' ? (this.baseIdx.get(e.place.id) ?? -1) : -1;
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
      row = [si, this.dayOf(r.date, start), r.shiftId, base, start, end, ev];
    }
    memo.set(r, row);
    return row;
  }

  /** [visit index, kinds] of each changed visit, sorted; kept while the changes and the numbering are the same. */
  private chg(changes: NonNullable<Plan['changes']>): [number, string[]][] {
    if (this.lastChg?.changes === changes && this.lastChg.numbering === this.numbering) return this.lastChg.chg;
    const chg: [number, string[]][] = [];
    for (const [id, kinds] of changedVisits(changes)) {
      const vi = this.numbering.index.get(id);
      if (vi !== undefined) chg.push([vi, kinds]);
    }
    chg.sort((a, b) => a[0] - b[0]);
    this.lastChg = { changes, numbering: this.numbering, chg };
    return chg;
  }
}

/**
 * JSON for a `<script type="application/json">` element: `<`, `>`, `&` and the line separators are
 * written as `\u` escapes, so no name can close the element or start markup.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
