import { TZDate } from '@date-fns/tz';
import ical from 'ical-generator';
import { periodClock } from '../kpi/index.js';
import type { Instance } from '../schema/instance.js';
import type { Plan } from '../schema/plan.js';
import { routeStops } from './csv.js';

/** Options of {@link exportIcs}. */
export interface IcsOptions {
  /**
   * DTSTAMP of every event. Default: local midnight of the period's first day, so the same plan
   * always gives the same bytes.
   */
  readonly stamp?: Date;
}

/** UTC offset in minutes (east positive) of a zone at an instant. */
function offsetAt(ms: number, timeZone: string): number {
  return -new TZDate(ms, timeZone).getTimezoneOffset();
}

const fmtOffset = (m: number): string => `${m < 0 ? '-' : '+'}${String(Math.floor(Math.abs(m) / 60)).padStart(2, '0')}${String(Math.abs(m) % 60).padStart(2, '0')}`;

/** `YYYYMMDDTHHMMSS` of an instant shifted by an offset (local wall time at that offset). */
function wallStamp(ms: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * 60_000);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}T${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/**
 * A VTIMEZONE component (RFC 5545 §3.6.5) for an IANA zone between two instants, built from the
 * runtime's time-zone data: one STANDARD/DAYLIGHT observance per offset change, each with its exact
 * onset, so readers need no external zone database.
 */
export function vtimezone(timeZone: string, fromMs: number, toMs: number): string {
  const HOUR = 3_600_000;
  const obs: { at: number; from: number; to: number }[] = [];
  let prev = offsetAt(fromMs, timeZone);
  obs.push({ at: fromMs, from: prev, to: prev });
  for (let t = fromMs + HOUR; t <= toMs; t += HOUR) {
    const off = offsetAt(t, timeZone);
    if (off === prev) continue;
    let lo = t - HOUR;
    let hi = t;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(mid, timeZone) === prev) lo = mid;
      else hi = mid;
    }
    obs.push({ at: hi, from: prev, to: off });
    prev = off;
  }
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  const std = Math.min(...obs.map((o) => o.to));
  for (const o of obs) {
    const kind = o.to > std ? 'DAYLIGHT' : 'STANDARD';
    lines.push(`BEGIN:${kind}`, `DTSTART:${wallStamp(o.at, o.from)}`, `TZOFFSETFROM:${fmtOffset(o.from)}`, `TZOFFSETTO:${fmtOffset(o.to)}`, `END:${kind}`);
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

/**
 * One iCalendar file per staff member of the instance (staff without visits get an empty
 * calendar), made with ical-generator: one event per visit, times in the period's time zone
 * (`DTSTART;TZID=…` with a VTIMEZONE covering the period; DTSTAMP in UTC), stable UIDs `visit-staff@slinga`.
 * Summary: client name (or id) and task ids; location: the address where the instance has one.
 */
export function exportIcs(instance: Instance, plan: Plan, options: IcsOptions = {}): Map<string, string> {
  const clock = periodClock(instance);
  const tz = instance.period.timeZone;
  const periodStartMs = Date.parse(clock.formatInstant(0));
  const periodEndMs = Date.parse(clock.formatInstant(clock.dayStarts[clock.days]!));
  const DAY = 86_400_000;
  const zone = vtimezone(tz, periodStartMs - 7 * DAY, periodEndMs + 7 * DAY);
  const stamp = new Date(options.stamp?.getTime() ?? periodStartMs);
  const clients = new Map(instance.clients.map((c) => [c.id, c]));
  const staffNames = new Map(instance.staff.map((s) => [s.id, s.name ?? s.id]));
  const stops = routeStops(plan);
  const cals = new Map(
    instance.staff.map((s) => [
      s.id,
      ical({
        name: `slinga ${instance.id} ${s.name ?? s.id}`,
        prodId: { company: 'slinga', product: 'slinga', language: 'SV' },
        // No calendar-wide zone name: DTSTAMP stays UTC (RFC 5545); events carry TZID and the
        // generator adds the VTIMEZONE they reference.
        timezone: { name: null, generator: (z: string) => (z === tz ? zone : null) },
      }),
    ]),
  );
  const visits = [...plan.visits].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const v of visits) {
    const client = clients.get(v.clientId);
    const who = client?.name ?? v.clientId;
    const taskText = v.tasks
      .map((t) => {
        const task = client?.tasks.find((k) => k.id === t.taskId);
        return `${t.taskId}${task ? ` (${task.category})` : ''} ${t.minutes} min`;
      })
      .join(', ');
    for (const sid of v.staff) {
      const cal = cals.get(sid);
      if (!cal) continue;
      const stop = stops.get(`${v.id}\u0000${sid}`);
      const others = v.staff.filter((x) => x !== sid).map((x) => staffNames.get(x) ?? x);
      const description = [
        `${v.clientId}: ${taskText}`,
        ...(others.length > 0 ? [`+ ${others.join(', ')}`] : []),
        ...(stop ? [`${stop.shiftId} #${stop.order}`] : []),
      ].join('\n');
      cal.createEvent({
        id: `${v.id}-${sid}@slinga`,
        start: new TZDate(Date.parse(v.start), tz),
        end: new TZDate(Date.parse(v.end), tz),
        timezone: tz,
        stamp,
        summary: `${who}: ${v.tasks.map((t) => t.taskId).join(', ')}`,
        description,
        location: client?.address ?? null,
      });
    }
  }
  return new Map([...cals].map(([id, cal]) => [id, cal.toString()]));
}
