/**
 * Canonical key order of instance objects: keys in this list come first in this order (one list for
 * all object kinds, consistent with each), any other keys follow alphabetically.
 */
const KEY_ORDER = [
  'schemaVersion',
  'id',
  'type',
  'category',
  'role',
  'date',
  'start',
  'end',
  'time',
  'toleranceMinutes',
  'days',
  'timeZone',
  'period',
  'bases',
  'teams',
  'location',
  'lat',
  'lon',
  'team',
  'base',
  'travelMode',
  'gender',
  'languages',
  'maxWorkMinutesPerWeek',
  'namedContact',
  'granted',
  'careMinutes',
  'serviceMinutes',
  'frequency',
  'timesPerDay',
  'timesPerWeek',
  'isoWeekParity',
  'weekdays',
  'duration',
  'standard',
  'min',
  'max',
  'windows',
  'fixedTime',
  'skills',
  'staffCount',
  'minGapMinutes',
  'combinable',
  'priority',
  'break',
  'minutes',
  'earliestStart',
  'latestEnd',
  'at',
  'maxOvertimeMinutes',
  'shifts',
  'tasks',
  'preferences',
  'timeRanges',
  'preferredStaff',
  'refusedStaff',
  'staffGender',
  'fewStaff',
  'staff',
  'clients',
  'continuity',
  'history',
  'travel',
  'planning',
];
const RANK = new Map(KEY_ORDER.map((k, i) => [k, i]));

function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a);
  const rb = RANK.get(b);
  if (ra !== undefined && rb !== undefined) return ra - rb;
  if (ra !== undefined) return -1;
  if (rb !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A deep copy with object keys in canonical order; `undefined` members are dropped. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(compareKeys)) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

/** An instance as JSON: canonical key order, 2-space indent, trailing newline. Same instance → same bytes. */
export function serializeScenario(instance: unknown): string {
  return `${JSON.stringify(canonical(instance), null, 2)}\n`;
}
