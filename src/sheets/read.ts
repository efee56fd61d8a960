/**
 * Builds an instance (as written in a file, defaults omitted) from the sheets, recording every bad
 * cell, and a source map from JSON paths back to sheet rows so the instance validation can name
 * sheet, line and column too.
 * @module
 */
import { addDaysToDate, isoWeekday } from '../calendar.js';
import type { InstanceInput } from '../schema/instance.js';
import {
  BREAK_AT_WORDS,
  CATEGORY_WORDS,
  FREQUENCY_WORDS,
  GENDER_WORDS,
  PARITY_WORDS,
  PREFERRED_GENDER_WORDS,
  ROLE_WORDS,
  TRAVEL_WORDS,
  sheetDef,
  type SheetKey,
} from './columns.js';
import type { SheetSource } from './io.js';
import type { CellRef, SheetIssues } from './issues.js';
import { ECONOMICS_REQUIRED, setPath, settingOf } from './settings.js';
import { SourceMap } from './source-map.js';
import { bindTable, rowsOf, type RowReader } from './table.js';
import {
  cellText,
  parseBoolean,
  parseDate,
  parseEnum,
  parseId,
  parseIdList,
  parseList,
  parseNumber,
  parseTime,
  parseTimeRanges,
  parseWeekdays,
  parseWhole,
  ValueError,
  type CellValue,
} from './values.js';

type Obj = Record<string, unknown>;

/** The instance built from sheets (not yet validated) and where each part came from. */
export interface SheetsInstance {
  readonly input: InstanceInput;
  readonly sources: SourceMap;
}

function put(o: Obj, key: string, value: unknown): void {
  if (value !== undefined) o[key] = value;
}

function rows(source: SheetSource, key: SheetKey, issues: SheetIssues): RowReader[] {
  const raw = source.tables.get(key);
  return raw ? rowsOf(bindTable(sheetDef(key), raw, issues), issues) : [];
}

const text = (v: CellValue): string => cellText(v);
const weekdays = (v: CellValue): number[] => parseWeekdays(v);

/** A lat/lon pair; out-of-range degrees are reported at their cell. */
function location(r: RowReader): { lat: number; lon: number } | undefined {
  const deg = (key: string, limit: number) => (v: CellValue): number => {
    const n = parseNumber(v, r.decimalComma);
    if (Math.abs(n) > limit) throw new ValueError('OUT_OF_RANGE', `Degrees must lie within ±${limit}.`, 'decimal degrees (WGS84), e.g. lat 59.73, lon 17.79; are lat and lon swapped?');
    return n;
  };
  const lat = r.get('lat', deg('lat', 90), true);
  const lon = r.get('lon', deg('lon', 180), true);
  return lat === undefined || lon === undefined ? undefined : { lat, lon };
}

/** A preferred time cell: `08:00–09:30`, `mån–fre 08:00–09:30`; several separated by `;`. */
function preferredTimes(v: CellValue): Obj[] {
  return cellText(v)
    .split(/[;\n]/)
    .map((x) => x.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^(.*?)\s*(\d{1,2}(?:[:.]\d{2})?\s*[-–—]\s*\d{1,2}(?:[:.]\d{2})?)$/.exec(part);
      if (!m) throw new ValueError('BAD_TIME_RANGE', 'Expected a time range like 08:00–09:30, optionally after days (mån–fre 08:00–09:30).', 'several ranges separated by ;');
      const [range] = parseTimeRanges(m[2]!);
      return m[1] ? { ...range, weekdays: parseWeekdays(m[1]) } : { ...range };
    });
}

/** Reads the sheets into an instance input; problems go to `issues`. */
export function buildInstance(source: SheetSource, issues: SheetIssues, fallbackId: string): SheetsInstance {
  const sources = new SourceMap(source.path);
  const out: Obj = {};
  const settingsSeen = new Map<string, RowReader>();
  for (const r of rows(source, 'settings', issues)) {
    const key = r.get('setting', text, true);
    if (key === undefined) continue;
    const def = settingOf(key);
    if (!def) {
      r.error('setting', 'UNKNOWN_SETTING', 'This setting is not known.', 'settings: id, period.start, period.days, period.timeZone, continuity.*, travel.*, planning.* (see the template)');
      continue;
    }
    if (settingsSeen.has(def.key)) {
      r.error('setting', 'DUPLICATE_ID', `Setting ${def.key} is given twice (first on line ${settingsSeen.get(def.key)!.line}).`, 'keep one row per setting');
      continue;
    }
    settingsSeen.set(def.key, r);
    const value = r.get('value', (v) => def.parse(v, r.decimalComma), true);
    if (value !== undefined) setPath(out, def.key, value);
    sources.add(def.key, r, { '': 'value' });
  }
  if (out.id === undefined) out.id = fallbackId;

  out.bases = rows(source, 'bases', issues).map((r, i) => {
    sources.add(`bases[${i}]`, r, { id: 'id', name: 'name', 'location.lat': 'lat', 'location.lon': 'lon', location: 'lat' });
    const b: Obj = { id: r.get('id', parseId, true) };
    put(b, 'name', r.get('name', text));
    b.location = location(r);
    return b;
  });
  out.teams = rows(source, 'teams', issues).map((r, i) => {
    sources.add(`teams[${i}]`, r, { id: 'id', name: 'name' });
    const t: Obj = { id: r.get('id', parseId, true) };
    put(t, 'name', r.get('name', text));
    return t;
  });

  const staff: Obj[] = [];
  const staffIndex = new Map<string, number>();
  const staffWages: { id: string; sek: number; row: RowReader }[] = [];
  // Ids on rows reported as a whole: references to them are not reported again.
  const brokenIds = new Set<string>();
  rows(source, 'staff', issues).forEach((r) => {
    const i = staff.length;
    sources.add(`staff[${i}]`, r, {
      id: 'id', name: 'name', team: 'team', base: 'base', travelMode: 'travel_mode', role: 'role', skills: 'skills', gender: 'gender', languages: 'languages', maxWorkMinutesPerWeek: 'max_week_minutes',
    });
    if (r.broken) {
      brokenIds.add(`staff\u0000${String(r.cell('id'))}`);
      return;
    }
    const s: Obj = { id: r.get('id', parseId, true) };
    put(s, 'name', r.get('name', text));
    s.team = r.get('team', parseId, true);
    s.base = r.get('base', parseId, true);
    s.travelMode = r.get('travel_mode', (v) => parseEnum(v, TRAVEL_WORDS), true);
    put(s, 'role', r.get('role', (v) => parseEnum(v, ROLE_WORDS)));
    put(s, 'skills', r.get('skills', parseIdList));
    put(s, 'gender', r.get('gender', (v) => parseEnum(v, GENDER_WORDS)));
    put(s, 'languages', r.get('languages', parseList));
    put(s, 'maxWorkMinutesPerWeek', r.get('max_week_minutes', (v) => parseWhole(v, r.decimalComma)));
    const wage = r.get('wage_per_hour', (v) => parseNumber(v, r.decimalComma));
    if (wage !== undefined && typeof s.id === 'string') staffWages.push({ id: s.id, sek: wage, row: r });
    s.shifts = [];
    if (typeof s.id === 'string' && !staffIndex.has(s.id)) staffIndex.set(s.id, i);
    staff.push(s);
  });
  out.staff = staff;
  readEconomics(out, staffWages, sources, settingsSeen);

  const shiftIds = new Set<string>();
  const shiftDates: string[] = [];
  for (const r of rows(source, 'shifts', issues)) {
    const staffId = r.get('staff', parseId, true);
    const sh: Obj = { id: r.get('id', parseId) };
    sh.date = r.get('date', parseDate, true);
    sh.start = r.get('start', parseTime, true);
    sh.end = r.get('end', parseTime, true);
    put(sh, 'base', r.get('base', parseId));
    const minutes = r.get('break_minutes', (v) => parseWhole(v, r.decimalComma, 1, 120));
    const from = r.get('break_from', parseTime);
    const until = r.get('break_until', parseTime);
    const at = r.get('break_at', (v) => parseEnum(v, BREAK_AT_WORDS));
    if (r.cell('break_minutes') !== undefined) {
      if (r.cell('break_from') === undefined) r.error('break_from', 'REQUIRED', 'A break needs its earliest start.', 'write e.g. 11:00');
      if (r.cell('break_until') === undefined) r.error('break_until', 'REQUIRED', 'A break needs its latest end.', 'write e.g. 13:30');
      const b: Obj = { minutes, earliestStart: from, latestEnd: until };
      put(b, 'at', at);
      sh.break = b;
    } else if (r.cell('break_from') !== undefined || r.cell('break_until') !== undefined || at !== undefined) {
      r.error('break_minutes', 'REQUIRED', 'The break has times but no length in minutes.', 'write the break minutes, e.g. 30, or empty the break cells');
    }
    put(sh, 'maxOvertimeMinutes', r.get('overtime', (v) => parseWhole(v, r.decimalComma)));
    put(sh, 'optional', r.get('optional', parseBoolean));
    if (staffId === undefined) continue;
    const si = staffIndex.get(staffId);
    if (si === undefined && (brokenIds.has(`staff\u0000${staffId}`) || !source.tables.has('staff'))) continue;
    if (si === undefined) {
      r.error('staff', 'UNKNOWN_STAFF', `No staff member has id "${staffId}".`, 'use an id of the staff sheet (or add the staff member there)');
      continue;
    }
    if (sh.id === undefined && typeof sh.date === 'string') {
      let id = `${staffId}-${sh.date}`;
      for (let k = 2; shiftIds.has(id); k++) id = `${staffId}-${sh.date}-${k}`;
      sh.id = id;
    }
    if (typeof sh.id === 'string') shiftIds.add(sh.id);
    if (typeof sh.date === 'string') shiftDates.push(sh.date);
    const list = staff[si]!.shifts as Obj[];
    sources.add(`staff[${si}].shifts[${list.length}]`, r, {
      id: 'id', date: 'date', start: 'start', end: 'end', base: 'base', 'break.minutes': 'break_minutes', 'break.earliestStart': 'break_from', 'break.latestEnd': 'break_until', 'break.at': 'break_at', break: 'break_minutes', maxOvertimeMinutes: 'overtime', optional: 'optional',
    });
    list.push(sh);
  }

  const clients: Obj[] = [];
  const clientIndex = new Map<string, number>();
  const clientRows: RowReader[] = [];
  rows(source, 'clients', issues).forEach((r) => {
    if (r.broken) {
      brokenIds.add(`client\u0000${String(r.cell('id'))}`);
      return;
    }
    const i = clients.length;
    sources.add(`clients[${i}]`, r, {
      id: 'id', name: 'name', address: 'address', 'location.lat': 'lat', 'location.lon': 'lon', location: 'lat', team: 'team', 'granted.careMinutes': 'granted_care', 'granted.serviceMinutes': 'granted_service', granted: 'granted_care',
      namedContact: 'named_contact', 'preferences.preferredStaff': 'preferred_staff', 'preferences.refusedStaff': 'refused_staff', 'preferences.staffGender': 'staff_gender', 'preferences.languages': 'languages', 'preferences.days': 'preferred_days', 'preferences.timeRanges': 'preferred_times', 'preferences.fewStaff': 'few_staff',
    });
    const c: Obj = { id: r.get('id', parseId, true) };
    put(c, 'name', r.get('name', text));
    put(c, 'address', r.get('address', text));
    c.location = location(r);
    c.team = r.get('team', parseId, true);
    const granted: Obj = { careMinutes: r.get('granted_care', (v) => parseWhole(v, r.decimalComma), true) };
    put(granted, 'serviceMinutes', r.get('granted_service', (v) => parseWhole(v, r.decimalComma)));
    c.granted = granted;
    put(c, 'namedContact', r.get('named_contact', parseId));
    c.tasks = [];
    const prefs: Obj = {};
    put(prefs, 'days', r.get('preferred_days', weekdays));
    put(prefs, 'timeRanges', r.get('preferred_times', preferredTimes));
    put(prefs, 'preferredStaff', r.get('preferred_staff', parseIdList));
    put(prefs, 'refusedStaff', r.get('refused_staff', parseIdList));
    put(prefs, 'staffGender', r.get('staff_gender', (v) => parseEnum(v, PREFERRED_GENDER_WORDS)));
    put(prefs, 'languages', r.get('languages', parseList));
    put(prefs, 'fewStaff', r.get('few_staff', parseBoolean));
    c.preferences = prefs;
    if (typeof c.id === 'string' && !clientIndex.has(c.id)) clientIndex.set(c.id, i);
    clients.push(c);
    clientRows.push(r);
  });
  out.clients = clients;

  for (const r of rows(source, 'tasks', issues)) {
    const clientId = r.get('client', parseId, true);
    const t = readTask(r);
    if (clientId === undefined) continue;
    const ci = clientIndex.get(clientId);
    if (ci === undefined && (brokenIds.has(`client\u0000${clientId}`) || !source.tables.has('clients'))) continue;
    if (ci === undefined) {
      r.error('client', 'UNKNOWN_CLIENT', `No client has id "${clientId}".`, 'use an id of the clients sheet (brukare)');
      continue;
    }
    const list = clients[ci]!.tasks as Obj[];
    sources.add(`clients[${ci}].tasks[${list.length}]`, r, TASK_FIELDS);
    list.push(t);
  }
  clients.forEach((c, i) => {
    if ((c.tasks as Obj[]).length === 0 && typeof c.id === 'string') {
      clientRows[i]!.error('id', 'NO_TASKS', `Client ${c.id} has no row in the tasks sheet.`, 'add the client’s insatser to the tasks sheet (insatser), or remove the client');
    }
  });

  const history = rows(source, 'history', issues).map((r, i) => {
    sources.add(`history[${i}]`, r, { clientId: 'client', date: 'date', start: 'start', minutes: 'minutes', staff: 'staff', categories: 'categories' });
    return {
      clientId: r.get('client', parseId, true),
      date: r.get('date', parseDate, true),
      start: r.get('start', parseTime, true),
      minutes: r.get('minutes', (v) => parseWhole(v, r.decimalComma, 1), true),
      staff: r.get('staff', parseIdList, true),
      categories: r.get('categories', (v) => cellText(v).split(/[,;]/).map((x) => x.trim()).filter(Boolean).map((x) => parseEnum(x, CATEGORY_WORDS)), true),
    };
  });
  if (history.length > 0) out.history = history;

  inferPeriod(out, shiftDates, issues, { file: source.path, sheet: 'settings' });
  return { input: out as unknown as InstanceInput, sources };
}

/**
 * Staff wages into `economics.staffWagePerHourSek`, and the rates without which the block means
 * nothing: once a sheet gives any money, it gives the care wage and both reimbursements.
 */
function readEconomics(out: Obj, wages: readonly { id: string; sek: number; row: RowReader }[], sources: SourceMap, settings: ReadonlyMap<string, RowReader>): void {
  if (wages.length > 0) {
    const byStaff: Obj = {};
    for (const w of wages) {
      byStaff[w.id] = w.sek;
      sources.add(`economics.staffWagePerHourSek.${w.id}`, w.row, { '': 'wage_per_hour' });
    }
    setPath(out, 'economics.staffWagePerHourSek', byStaff);
  }
  if (out.economics === undefined) return;
  const missing = ECONOMICS_REQUIRED.filter((k) => !settings.has(k));
  if (missing.length === 0) return;
  const first = [...settings].filter(([k]) => k.startsWith('economics.')).map(([, r]) => r).sort((a, b) => a.line - b.line)[0];
  const hint = 'add a settings row for each, in SEK (e.g. economics.wagePerHourSek.care 253), or empty the money cells';
  if (first) first.error('setting', 'REQUIRED', `Money settings need ${missing.join(', ')} too.`, hint);
  else wages[0]!.row.error('wage_per_hour', 'REQUIRED', `A wage cost per hour needs the settings ${missing.join(', ')}.`, hint);
}

const TASK_FIELDS: Readonly<Record<string, string>> = {
  id: 'id', category: 'category', description: 'description', 'frequency.type': 'frequency', 'frequency.timesPerDay': 'times', 'frequency.timesPerWeek': 'times', 'frequency.weekdays': 'weekdays', 'frequency.isoWeekParity': 'week_parity', 'frequency.anchorWeek': 'anchor_week', frequency: 'frequency',
  'duration.standard': 'minutes', 'duration.min': 'min_minutes', 'duration.max': 'max_minutes', duration: 'minutes', windows: 'windows', 'fixedTime.time': 'fixed_time', 'fixedTime.toleranceMinutes': 'tolerance', fixedTime: 'fixed_time',
  skills: 'skills', staffCount: 'staff_count', minGapMinutes: 'min_gap', combinable: 'combinable', priority: 'priority', activeFrom: 'active_from', activeUntil: 'active_until',
};

function readTask(r: RowReader): Obj {
  const dc = r.decimalComma;
  const t: Obj = { id: r.get('id', parseId, true), category: r.get('category', (v) => parseEnum(v, CATEGORY_WORDS), true) };
  put(t, 'description', r.get('description', text));
  const type = r.get('frequency', (v) => parseEnum(v, FREQUENCY_WORDS), true);
  const times = r.get('times', (v) => parseWhole(v, dc, 1, 12));
  const days = r.get('weekdays', weekdays);
  const parity = r.get('week_parity', (v) => parseEnum(v, PARITY_WORDS));
  const anchor = r.get('anchor_week', parseDate);
  if (type === 'daily' || type === 'weekdays') {
    if (type === 'weekdays' && r.cell('weekdays') === undefined) r.error('weekdays', 'REQUIRED', 'A task on certain weekdays needs its days.', 'write e.g. mån, ons, fre');
    // "dagligen" with days other than all seven means those weekdays.
    if (days !== undefined && (type === 'weekdays' || days.length < 7)) t.frequency = { type: 'weekdays', weekdays: days, timesPerDay: times ?? 1 };
    else t.frequency = { type: 'daily', timesPerDay: times ?? 1 };
  } else if (type === 'weekly') {
    const f: Obj = { type, timesPerWeek: times ?? 1 };
    put(f, 'weekdays', days);
    t.frequency = f;
  } else if (type === 'everyOtherWeek') {
    if ((r.cell('week_parity') === undefined) === (r.cell('anchor_week') === undefined)) {
      r.error('week_parity', 'REQUIRED', 'A task every other week needs either odd/even weeks or an anchor week (one of them).', 'write udda or jämn in the weeks column, or a date in a week the task is due in the anchor week column');
    }
    const f: Obj = { type, timesPerWeek: times ?? 1 };
    put(f, 'isoWeekParity', parity);
    put(f, 'anchorWeek', anchor);
    put(f, 'weekdays', days);
    t.frequency = f;
  }
  const duration: Obj = { standard: r.get('minutes', (v) => parseWhole(v, dc, 1, 1440), true) };
  put(duration, 'min', r.get('min_minutes', (v) => parseWhole(v, dc, 1, 1440)));
  put(duration, 'max', r.get('max_minutes', (v) => parseWhole(v, dc, 1, 1440)));
  t.duration = duration;
  put(t, 'windows', r.get('windows', parseTimeRanges));
  const fixed = r.get('fixed_time', parseTime);
  const tolerance = r.get('tolerance', (v) => parseWhole(v, dc, 0, 240));
  if (fixed !== undefined) t.fixedTime = tolerance === undefined ? { time: fixed } : { time: fixed, toleranceMinutes: tolerance };
  else if (r.cell('tolerance') !== undefined) r.error('fixed_time', 'REQUIRED', 'A tolerance is given without a fixed time.', 'write the fixed clock time, or empty the tolerance');
  put(t, 'skills', r.get('skills', parseIdList));
  put(t, 'staffCount', r.get('staff_count', staffCount));
  put(t, 'minGapMinutes', r.get('min_gap', (v) => parseWhole(v, dc)));
  put(t, 'combinable', r.get('combinable', parseBoolean));
  put(t, 'priority', r.get('priority', (v) => parseWhole(v, dc, 1, 3)));
  put(t, 'activeFrom', r.get('active_from', parseDate));
  put(t, 'activeUntil', r.get('active_until', parseDate));
  return t;
}

/** 1 or 2 staff; `ja`/`dubbel` mean 2, `nej` 1 (a "dubbelbemanning" yes/no column). */
function staffCount(v: CellValue): 1 | 2 {
  const t = cellText(typeof v === 'number' ? String(v) : v).toLowerCase();
  if (t === 'dubbel' || t === 'double') return 2;
  if (/^[a-zåäö]+$/.test(t)) return parseBoolean(t) ? 2 : 1;
  return parseWhole(v, true, 1, 2) as 1 | 2;
}

/** Without period settings: the Monday of the first shift, 7 or 14 days to cover the shifts. */
function inferPeriod(out: Obj, shiftDates: readonly string[], issues: SheetIssues, at: CellRef): void {
  const period = (out.period ?? {}) as Obj;
  if (period.start !== undefined && period.days !== undefined) return;
  const sorted = [...shiftDates].sort();
  if (period.start === undefined) {
    const first = sorted[0];
    if (first === undefined) {
      issues.error(at, 'PERIOD', 'The period start is not given and there are no shifts to infer it from.', 'add a settings sheet with period.start (a Monday) and period.days (7 or 14)');
      return;
    }
    period.start = addDaysToDate(first, 1 - isoWeekday(first));
  }
  if (period.days === undefined) {
    const last = sorted[sorted.length - 1];
    period.days = last !== undefined && last >= addDaysToDate(period.start as string, 7) ? 14 : 7;
  }
  out.period = period;
  issues.warn(at, 'PERIOD', `The period is taken as ${String(period.days)} days from ${String(period.start)} (from the shift dates).`, 'set period.start and period.days in the settings sheet to be explicit');
}
