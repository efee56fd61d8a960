/**
 * Cell values as planners write them, parsed into the instance's units, and written back.
 * Weekdays (`mån–fre`, `Mon, Wed`, `vardagar`), clock times (`8.00`, `08:00`, `800`, an Excel time),
 * dates (`2026-11-23`, an Excel date), numbers (a decimal comma where the file allows it), booleans
 * (`ja`/`nej`) and enumerations with Swedish and English words. A bad value throws {@link ValueError},
 * which the row reader turns into an issue at that cell.
 * @module
 */
import type { SheetIssueCode } from './issues.js';

/** A cell as read: CSV gives strings, XLSX also numbers, booleans and dates. Empty cells are `undefined`. */
export type CellValue = string | number | boolean | Date;

/** A value that cannot be read; the row reader adds the cell position. */
export class ValueError extends Error {
  constructor(
    readonly code: SheetIssueCode,
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** Lower case, `_`/`-`/`.` as spaces, one space, no parenthesised units or trailing `:`/`*`. */
export function normalizeWord(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\(.*?\)/g, ' ')
    .replace(/[_.\-/]+/g, ' ')
    .replace(/[:*]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Text of a cell; a leading `'` protecting a formula character (as the CSV writer adds) is removed. */
export function cellText(v: CellValue): string {
  if (v instanceof Date) return v.toISOString();
  const text = String(v).trim();
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** An id: letters, digits and `-_.:`, at most 64 characters (numbers from XLSX become text). */
export function parseId(v: CellValue): string {
  const text = typeof v === 'number' && Number.isInteger(v) ? String(v) : cellText(v);
  if (text.length > 64 || !ID.test(text)) throw new ValueError('BAD_ID', 'This id has characters other than letters, digits and - _ . : (or is longer than 64).', 'ids are codes like c001 or s-12, never names; no spaces');
  return text;
}

/** A list of ids or words split on `,`, `;` or spaces. */
export function parseList(v: CellValue): string[] {
  return cellText(v)
    .split(/[,;\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** A list of ids. */
export function parseIdList(v: CellValue): string[] {
  return parseList(v).map((x) => parseId(x));
}

/** A number; a decimal comma only where `decimalComma` (semicolon CSV, XLSX text). Spaces between digits are thousands. */
export function parseNumber(v: CellValue, decimalComma: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean' || v instanceof Date) throw new ValueError('BAD_NUMBER', 'Expected a number.', 'write digits, e.g. 59.7293');
  const text = cellText(v).replace(/[\s\u00a0]/g, '');
  if (/^[-+]?\d+,\d+$/.test(text)) {
    if (decimalComma) return Number(text.replace(',', '.'));
    throw new ValueError('BAD_NUMBER', 'This number has a decimal comma in a comma-separated file.', 'write a decimal point (59.7293), or save the file as semicolon-separated CSV');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) throw new ValueError('BAD_NUMBER', 'Expected a number.', 'write digits, e.g. 59.7293 or 30');
  return Number(text);
}

/** A whole number in [min, max]. */
export function parseWhole(v: CellValue, decimalComma: boolean, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const n = parseNumber(v, true);
  if (!Number.isInteger(n)) {
    throw new ValueError('NOT_WHOLE', 'Expected a whole number.', decimalComma ? 'write whole minutes, e.g. 30' : 'write whole minutes, e.g. 30 (no decimals)');
  }
  if (n < min || n > max) throw new ValueError('OUT_OF_RANGE', `Expected a whole number from ${min} to ${max}.`, `write a value in ${min}–${max}`);
  return n;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A clock time `HH:MM` from `8.00`, `08:00`, `8`, `0800`, `kl 8`, an Excel time (fraction of a day or a Date). `24:00` ends a day. */
export function parseTime(v: CellValue): string {
  if (v instanceof Date) return `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`;
  if (typeof v === 'number' && v >= 0 && v < 1) {
    // An Excel time: a fraction of a day.
    const m = Math.round(v * 1440);
    return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
  }
  if (typeof v === 'number' && v >= 1 && v <= 24) {
    // A number typed by a planner: `8` is 08:00, `8.3` (typed 8.30, the zero lost) 08:30, `8.05` 08:05.
    const hh = Math.floor(v);
    const mm = Math.round((v - hh) * 100);
    if (mm > 59) throw new ValueError('BAD_TIME', `There is no clock time ${pad(hh)}:${pad(mm)}.`, 'write e.g. 08:00 or 8.00');
    return parseTime(`${hh}:${pad(mm)}`);
  }
  const text = cellText(v).toLowerCase().replace(/^kl\.?\s*/, '');
  const m = /^(\d{1,2})(?:[:.](\d{2}))?(?::00)?$/.exec(text) ?? /^(\d{2})(\d{2})$/.exec(text);
  if (!m) throw new ValueError('BAD_TIME', 'Expected a clock time.', 'write e.g. 08:00 or 8.00');
  const hh = Number(m[1]);
  const mm = m[2] === undefined ? 0 : Number(m[2]);
  if (hh > 24 || mm > 59 || (hh === 24 && mm > 0)) {
    throw new ValueError('BAD_TIME', `There is no clock time ${pad(hh)}:${pad(mm)}.`, 'hours 00–23 and minutes 00–59 (24:00 only as an end); a shift past midnight ends e.g. at 07:00');
  }
  return `${pad(hh)}:${pad(mm)}`;
}

/** A clock-time range `07:00–09:00` (`7.00-9.00`, `7–9`, `07:00 till 09:00`). */
export function parseTimeRange(text: string): { start: string; end: string } {
  const parts = text
    .trim()
    .replace(/\s+(till|to)\s+/i, '-')
    .split(/\s*[-–—]\s*/);
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw new ValueError('BAD_TIME_RANGE', 'Expected a time range like 07:00–09:00.', 'write start–end, e.g. 07:00–09:00; several ranges separated by ;');
  return { start: parseTime(parts[0]), end: parseTime(parts[1]) };
}

/** Time ranges separated by `;`, `,` or new lines. */
export function parseTimeRanges(v: CellValue): { start: string; end: string }[] {
  return cellText(v)
    .split(/[;,\n]/)
    .map((x) => x.trim())
    .filter(Boolean)
    .map(parseTimeRange);
}

const DAY_WORDS: readonly (readonly string[])[] = [
  ['mån', 'må', 'man', 'måndag', 'måndagar', 'mon', 'mo', 'monday'],
  ['tis', 'ti', 'tisdag', 'tisdagar', 'tue', 'tues', 'tu', 'tuesday'],
  ['ons', 'on', 'onsdag', 'onsdagar', 'wed', 'we', 'wednesday'],
  ['tor', 'tors', 'to', 'torsdag', 'torsdagar', 'thu', 'thur', 'thurs', 'th', 'thursday'],
  ['fre', 'fr', 'fredag', 'fredagar', 'fri', 'friday'],
  ['lör', 'lö', 'lor', 'lördag', 'lördagar', 'sat', 'sa', 'saturday'],
  ['sön', 'sö', 'son', 'söndag', 'söndagar', 'sun', 'su', 'sunday'],
];
const DAY_INDEX = new Map<string, number>(DAY_WORDS.flatMap((words, i) => words.map((w) => [w, i + 1] as const)));
const DAY_PHRASES = new Map<string, number[]>([
  ['alla dagar', [1, 2, 3, 4, 5, 6, 7]],
  ['alla', [1, 2, 3, 4, 5, 6, 7]],
  ['varje dag', [1, 2, 3, 4, 5, 6, 7]],
  ['dagligen', [1, 2, 3, 4, 5, 6, 7]],
  ['every day', [1, 2, 3, 4, 5, 6, 7]],
  ['all', [1, 2, 3, 4, 5, 6, 7]],
  ['daily', [1, 2, 3, 4, 5, 6, 7]],
  ['vardagar', [1, 2, 3, 4, 5]],
  ['weekdays', [1, 2, 3, 4, 5]],
  ['helg', [6, 7]],
  ['helger', [6, 7]],
  ['weekend', [6, 7]],
  ['weekends', [6, 7]],
]);

function dayOf(token: string): number {
  const t = token.replace(/\.$/, '');
  if (/^[1-7]$/.test(t)) return Number(t);
  const d = DAY_INDEX.get(t);
  if (d === undefined) {
    throw new ValueError('UNKNOWN_WEEKDAY', `"${token.slice(0, 12)}" is not a weekday.`, 'write days like mån–fre, mån, ons, fre, lör–sön, vardagar, alla dagar (or Mon–Fri, 1–5)');
  }
  return d;
}

/** ISO weekdays (1 = Monday) from `mån–fre`, `mån, ons, fre`, `Mon-Fri`, `1-5`, `vardagar`, `helg`, `alla dagar`; sorted, unique. */
export function parseWeekdays(v: CellValue): number[] {
  const text = cellText(typeof v === 'number' ? String(v) : v)
    .toLowerCase()
    .replace(/[–—]/g, '-')
    .replace(/\s*-\s*/g, '-')
    .trim();
  const phrase = DAY_PHRASES.get(text);
  if (phrase) return phrase;
  const out = new Set<number>();
  for (const token of text.split(/\s*(?:[,;/&+]|\s+och\s+|\s+and\s+|\s)\s*/).filter(Boolean)) {
    const p = DAY_PHRASES.get(token);
    if (p) {
      p.forEach((d) => out.add(d));
      continue;
    }
    const range = token.split('-');
    if (range.length === 1) out.add(dayOf(token));
    else if (range.length === 2) {
      const a = dayOf(range[0]!);
      const b = dayOf(range[1]!);
      for (let d = a; ; d = (d % 7) + 1) {
        out.add(d);
        if (d === b) break;
      }
    } else dayOf(token);
  }
  if (out.size === 0) throw new ValueError('UNKNOWN_WEEKDAY', 'No weekday given.', 'write days like mån–fre');
  return [...out].sort((a, b) => a - b);
}

const SV_DAYS = ['mån', 'tis', 'ons', 'tor', 'fre', 'lör', 'sön'];
const EN_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Writes weekdays compactly: `mån–fre`, `mån, ons, fre`, `lör–sön` (English `Mon–Fri`). */
export function formatWeekdays(days: readonly number[], lang: 'sv' | 'en'): string {
  const names = lang === 'sv' ? SV_DAYS : EN_DAYS;
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${names[sorted[i]! - 1]}–${names[sorted[j]! - 1]}`);
    else for (let k = i; k <= j; k++) parts.push(names[sorted[k]! - 1]!);
    i = j + 1;
  }
  return parts.join(', ');
}

/** Writes time ranges `07:00–09:00; 16:30–18:30`. */
export function formatTimeRanges(ranges: readonly { start: string; end: string }[]): string {
  return ranges.map((r) => `${r.start}–${r.end}`).join('; ');
}

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** A local date `YYYY-MM-DD` from text, an Excel date (a Date at UTC midnight) or an Excel serial day number. */
export function parseDate(v: CellValue): string {
  if (v instanceof Date) return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if (typeof v === 'number' && Number.isInteger(v) && v > 20000 && v < 80000) {
    return parseDate(new Date(Date.UTC(1899, 11, 30) + v * 86_400_000));
  }
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?(?:\.000)?Z?)?$/.exec(cellText(v));
  if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw new ValueError('BAD_DATE', 'Expected a date YYYY-MM-DD.', 'write e.g. 2026-11-23');
  return `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
}

const TRUE = new Set(['ja', 'j', 'yes', 'y', 'true', 'sant', '1', 'x']);
const FALSE = new Set(['nej', 'n', 'no', 'false', 'falskt', '0']);

/** A yes/no cell: `ja`/`nej`, `yes`/`no`, `true`/`false`, `1`/`0`, `x`. */
export function parseBoolean(v: CellValue): boolean {
  if (typeof v === 'boolean') return v;
  const t = normalizeWord(String(v));
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  throw new ValueError('BAD_BOOLEAN', 'Expected yes or no.', 'write ja or nej (yes or no)');
}

/** Writes a boolean as `ja`/`nej` or `yes`/`no`. */
export function formatBoolean(b: boolean, lang: 'sv' | 'en'): string {
  return lang === 'sv' ? (b ? 'ja' : 'nej') : b ? 'yes' : 'no';
}

/** An enumeration: canonical value → words (the first is the Swedish label, the canonical value is always accepted). */
export type Vocabulary<T extends string> = Readonly<Record<T, readonly string[]>>;

/** Reads an enumeration cell by its Swedish or English words. */
export function parseEnum<T extends string>(v: CellValue, vocab: Vocabulary<T>): T {
  const t = normalizeWord(String(v));
  for (const [value, words] of Object.entries(vocab) as [T, readonly string[]][]) {
    if (normalizeWord(value) === t || words.some((w) => normalizeWord(w) === t)) return value;
  }
  const allowed = (Object.entries(vocab) as [T, readonly string[]][]).map(([value, words]) => `${words[0]} (${value})`).join(', ');
  throw new ValueError('UNKNOWN_VALUE', 'This value is not one of the allowed words.', `allowed: ${allowed}`);
}

/** Writes an enumeration value: its Swedish label, or the canonical value in English. */
export function formatEnum<T extends string>(value: T, vocab: Vocabulary<T>, lang: 'sv' | 'en'): string {
  return lang === 'sv' ? (vocab[value][0] ?? value) : value;
}
