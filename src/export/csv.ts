import { stringify } from 'csv-stringify/sync';
import { periodClock } from '../kpi/index.js';
import type { Instance } from '../schema/instance.js';
import type { Plan } from '../schema/plan.js';

/** Column names of the körlista CSV, in order. */
export const CSV_COLUMNS = [
  'staff_id',
  'staff_name',
  'team',
  'date',
  'shift_id',
  'order',
  'start',
  'end',
  'minutes',
  'client_id',
  'client_name',
  'address',
  'tasks',
  'double_staffed_with',
  'travel_minutes_before',
  'visit_id',
] as const;

/**
 * Free text from the instance that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
 * CR first) gets a leading `'` (OWASP CSV-injection advice). Quoting is csv-stringify's job.
 */
export function formulaSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Position of a staff member's visit in their route: order (1-based) and travel minutes before it. */
export interface RouteStop {
  readonly shiftId: string;
  readonly order: number;
  readonly travelBefore: number;
}

/** Index of `visitId\u0000staffId` → the stop in that staff member's route. */
export function routeStops(plan: Plan): Map<string, RouteStop> {
  const out = new Map<string, RouteStop>();
  for (const r of plan.routes) {
    let order = 0;
    let travel = 0;
    for (const e of r.events) {
      if (e.type === 'travel') travel += e.minutes;
      else if (e.type === 'visit') {
        out.set(`${e.visitId}\u0000${r.staffId}`, { shiftId: r.shiftId, order: ++order, travelBefore: travel });
        travel = 0;
      }
    }
  }
  return out;
}

/**
 * Körlistor as CSV (RFC 4180, CRLF line ends, UTF-8): a header and one row per visit per staff
 * member (a double-staffed visit has a row for each), sorted by staff (instance order), start and
 * visit id. Local dates and clock times in the period's time zone. Names and addresses appear only
 * where the instance has them; task descriptions never do.
 */
export function exportCsv(instance: Instance, plan: Plan): string {
  const clock = periodClock(instance);
  const staffOrder = new Map(instance.staff.map((s, i) => [s.id, i]));
  const staff = new Map(instance.staff.map((s) => [s.id, s]));
  const clients = new Map(instance.clients.map((c) => [c.id, c]));
  const stops = routeStops(plan);
  const rows: { key: [number, number, string]; cells: (string | number)[] }[] = [];
  for (const v of plan.visits) {
    const start = clock.parseInstant(v.start);
    const end = clock.parseInstant(v.end);
    const client = clients.get(v.clientId);
    const tasks = v.tasks
      .map((t) => {
        const task = client?.tasks.find((k) => k.id === t.taskId);
        return `${t.taskId}${task ? ` (${task.category})` : ''} ${t.minutes} min`;
      })
      .join('; ');
    for (const sid of v.staff) {
      const s = staff.get(sid);
      const stop = stops.get(`${v.id}\u0000${sid}`);
      rows.push({
        key: [staffOrder.get(sid) ?? Number.MAX_SAFE_INTEGER, start, v.id],
        cells: [
          sid,
          formulaSafe(s?.name ?? ''),
          s?.team ?? '',
          clock.dateOf(start),
          stop?.shiftId ?? '',
          stop?.order ?? '',
          clock.clockOf(start),
          clock.clockOf(end),
          end - start,
          v.clientId,
          formulaSafe(client?.name ?? ''),
          formulaSafe(client?.address ?? ''),
          tasks,
          v.staff.filter((x) => x !== sid).join(' '),
          stop?.travelBefore ?? '',
          v.id,
        ],
      });
    }
  }
  rows.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || (a.key[2] < b.key[2] ? -1 : a.key[2] > b.key[2] ? 1 : 0));
  return stringify(
    rows.map((r) => r.cells),
    { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows' },
  );
}
