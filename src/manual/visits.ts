/**
 * Visit rows of a manual plan or of performed visits, read from CSV or XLSX: client, date, start,
 * end, staff (one or two ids, or a second column), optional task ids (with minutes, as the
 * körlista export writes them), visit id and shift id. The körlista CSV of `slinga export` reads as is.
 * @module
 */
import type { SheetDef } from '../sheets/columns.js';
import { SheetIssues, bindTable, readTables, rowsOf, sheetValues as V, type RawTable, type SheetIssue } from '../sheets/index.js';
import type { CellValue } from '../sheets/values.js';

const col = (key: string, en: string, sv: string, aliases: string[], required = false): SheetDef['columns'][number] => ({ key, en, sv, aliases, required, help: { sv: '', en: '' } });

/** Columns of a visits sheet (manual plan or performed visits). */
export const VISITS_SHEET: SheetDef = {
  key: 'history',
  en: 'visits',
  sv: 'besök',
  aliases: ['utförda besök', 'performed', 'körlista'],
  required: true,
  help: { sv: 'En rad per besök (och medarbetare).', en: 'One row per visit (and staff member).' },
  columns: [
    col('client', 'client', 'brukare', ['client id', 'client_id', 'brukar id', 'kund']),
    col('date', 'date', 'datum', ['dag']),
    col('start', 'start', 'start', ['från', 'starttid', 'start time', 'incheckning', 'check in', 'in']),
    col('end', 'end', 'slut', ['till', 'sluttid', 'end time', 'utcheckning', 'check out', 'ut']),
    col('staff', 'staff', 'personal', ['staff id', 'staff_id', 'medarbetare', 'utförare']),
    col('with', 'double staffed with', 'dubbelbemanning med', ['double_staffed_with', 'med']),
    col('tasks', 'tasks', 'insatser', ['task', 'task ids', 'insats']),
    col('visit', 'visit id', 'besök id', ['visit_id', 'visit', 'besök']),
    col('shift', 'shift id', 'pass id', ['shift_id', 'pass']),
  ],
};

/** One visit row: local date and clock times, staff ids, tasks with optional minutes. */
export interface VisitRow {
  readonly line: number;
  readonly file: string;
  readonly sheet: string;
  readonly clientId: string;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly staff: readonly string[];
  readonly tasks?: readonly { readonly taskId: string; readonly minutes?: number }[];
  readonly visitId?: string;
  readonly shiftId?: string;
}

/** Tasks as `morning (personal_care) 30 min; meals 15 min`, or `morning, meals`. */
function parseTasks(v: CellValue): { taskId: string; minutes?: number }[] {
  const text = V.cellText(v);
  const parts = text.includes(';') || /\bmin\b/.test(text) ? text.split(';') : text.split(/[,\s]+/);
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const m = /^(\S+)(?:\s*\([^)]*\))?(?:\s+(\d+)\s*min)?$/.exec(p);
      if (!m) throw new V.ValueError('UNKNOWN_TASK', 'Expected task ids, e.g. "morning; meals" or "morning (personal_care) 30 min".', 'task ids as in the tasks sheet, separated by ;');
      return m[2] === undefined ? { taskId: V.parseId(m[1]!) } : { taskId: V.parseId(m[1]!), minutes: Number(m[2]) };
    });
}

/** A date-time cell `2026-11-23 08:03` (time-capture exports) split into date and clock. */
function dateTime(v: CellValue): { date?: string; time: string } {
  if (v instanceof Date && (v.getUTCFullYear() > 1900)) return { date: V.parseDate(v), time: V.parseTime(v) };
  const m = /^(\d{4}-\d{1,2}-\d{1,2})[ T](\d{1,2}[:.]\d{2})(?::\d{2})?$/.exec(typeof v === 'string' ? v.trim() : '');
  if (m) return { date: V.parseDate(m[1]!), time: V.parseTime(m[2]!) };
  return { time: V.parseTime(v) };
}

/** Reads visit rows from a CSV or XLSX file (the first worksheet, or one named visits/besök); every bad cell is an issue. */
export async function readVisitRows(file: string): Promise<{ rows: VisitRow[]; issues: SheetIssue[] }> {
  const issues = new SheetIssues();
  const tables = await readTables(file, issues);
  const raw: RawTable | undefined = tables.find((t) => ['visits', 'besök', 'performed', 'utförda besök'].includes(t.sheet.toLowerCase())) ?? tables[0];
  const out: VisitRow[] = [];
  if (!raw) return { rows: out, issues: issues.items };
  const quiet = new SheetIssues();
  const table = bindTable(VISITS_SHEET, raw, quiet);
  // Other columns (names, addresses of the körlista) are expected and ignored.
  issues.items.push(...quiet.items.filter((i) => i.code !== 'COLUMN_UNKNOWN'));
  for (const key of ['client', 'start', 'end', 'staff']) {
    if (!table.index.has(key)) {
      const c = VISITS_SHEET.columns.find((x) => x.key === key)!;
      issues.error({ file, sheet: raw.sheet, line: raw.headerLine }, 'COLUMN_MISSING', `The visits sheet has no column "${c.sv}" / "${c.en}".`, `add a column with the header "${c.sv}" (or "${c.en}")`);
    }
  }
  if (issues.hasErrors) return { rows: out, issues: issues.items };
  for (const r of rowsOf(table, issues)) {
    const clientId = r.get('client', V.parseId, true);
    const start = r.get('start', dateTime, true);
    const end = r.get('end', dateTime, true);
    const date = r.has('date') ? r.get('date', V.parseDate, true) : start?.date;
    if (!r.has('date') && start && start.date === undefined) r.error('start', 'BAD_DATE', 'Without a date column the start needs its date, e.g. 2026-11-23 08:00.', 'add a date column or write date and time');
    const staff = [...(r.get('staff', V.parseIdList, true) ?? []), ...(r.get('with', V.parseIdList) ?? [])];
    if (staff.length > 2) r.error('staff', 'OUT_OF_RANGE', 'A visit has one or two staff.', 'one row per visit and staff member, or two ids for double staffing');
    const tasks = r.get('tasks', parseTasks);
    const visitId = r.get('visit', V.parseId);
    const shiftId = r.get('shift', V.parseId);
    if (clientId === undefined || date === undefined || start === undefined || end === undefined || staff.length === 0 || staff.length > 2) continue;
    // A visit lies within its day: a date written with the start or end must be the visit's date.
    if (start.date !== undefined && start.date !== date) {
      r.error('start', 'BAD_TIME_RANGE', `The visit starts on ${start.date}, not on its date ${date}.`, 'write the start on the visit\'s date');
      continue;
    }
    if (end.date !== undefined && end.date !== date) {
      r.error('end', 'BAD_TIME_RANGE', `The visit ends on ${end.date}, not on the day it starts (${date}); a visit lies within one day.`, 'split a visit over midnight into two rows, one each day (or end at 24:00)');
      continue;
    }
    if (end.time !== '24:00' && end.time <= start.time) {
      r.error('end', 'BAD_TIME_RANGE', `The visit ends (${end.time}) before or when it starts (${start.time}).`, 'a visit lies within one day: end after start');
      continue;
    }
    out.push({ line: r.line, file, sheet: raw.sheet, clientId, date, start: start.time, end: end.time, staff: [...new Set(staff)], tasks, visitId, shiftId });
  }
  return { rows: out, issues: issues.items };
}
