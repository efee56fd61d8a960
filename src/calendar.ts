import { TZDate } from '@date-fns/tz';
import { addDays, format, formatISO, getISOWeek, getISOWeekYear, parseISO } from 'date-fns';
import type { Minutes } from './units.js';

/**
 * The period's clock. Inside the engine a point in time is the number of real (elapsed) minutes
 * since local midnight of the period's first day, so a day with a daylight-saving switch has
 * 1380 or 1500 minutes and every duration is exact. Local dates and clock times exist only at the
 * edges and are converted here, with the period's IANA time zone.
 */
export class PeriodClock {
  /** Local dates of the period, `YYYY-MM-DD`, in order. */
  readonly dates: readonly string[];
  /** Minute (from period start) of local midnight of each day, plus one entry for the end of the period. */
  readonly dayStarts: readonly Minutes[];
  private readonly startMs: number;
  /**
   * Memos of the time-zone conversions (pure functions of their arguments): the planner, the KPIs
   * and the explanations ask for the same few thousand (date, clock) pairs and minutes again and
   * again, and each conversion costs microseconds in the time-zone library.
   */
  private readonly minuteMemo = new Map<string, Minutes>();
  private readonly instantMemo = new Map<number, string>();
  private readonly clockMemo = new Map<number, string>();

  constructor(
    readonly firstDate: string,
    readonly days: number,
    readonly timeZone: string,
  ) {
    if (!isValidTimeZone(timeZone)) throw new RangeError(`unknown time zone: ${timeZone}`);
    const first = parseISO(firstDate);
    const dates: string[] = [];
    for (let d = 0; d < days; d++) dates.push(format(addDays(first, d), 'yyyy-MM-dd'));
    this.dates = dates;
    this.startMs = localInstant(firstDate, '00:00', timeZone).getTime();
    const starts: Minutes[] = [];
    for (let d = 0; d <= days; d++) {
      const date = format(addDays(first, d), 'yyyy-MM-dd');
      starts.push(this.msToMinute(localInstant(date, '00:00', timeZone).getTime()));
    }
    this.dayStarts = starts;
  }

  /** Minute of a local date and clock time. Dates outside the period are allowed (history). */
  toMinute(date: string, clock: string): Minutes {
    const key = `${date}T${clock}`;
    let m = this.minuteMemo.get(key);
    if (m === undefined) {
      m = this.msToMinute(localInstant(date, clock, this.timeZone).getTime());
      this.minuteMemo.set(key, m);
    }
    return m;
  }

  /** Minute of an instant written with offset (`2026-03-29T08:00+02:00`). */
  parseInstant(iso: string): Minutes {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) throw new RangeError(`not a date-time: ${iso}`);
    return Math.round((ms - this.startMs) / 60_000) as Minutes;
  }

  /** The instant of a minute, written with the local offset, e.g. `2026-03-29T08:00:00+02:00`. */
  formatInstant(minute: number): string {
    let text = this.instantMemo.get(minute);
    if (text === undefined) {
      text = formatISO(new TZDate(this.startMs + minute * 60_000, this.timeZone));
      this.instantMemo.set(minute, text);
    }
    return text;
  }

  /** Local date `YYYY-MM-DD` of a minute (inside the period from the day starts, outside by the time zone). */
  dateOf(minute: number): string {
    const d = this.dayIndexOf(minute);
    return d >= 0 ? this.dates[d]! : format(new TZDate(this.startMs + minute * 60_000, this.timeZone), 'yyyy-MM-dd');
  }

  /** Local clock `HH:MM` of a minute. */
  clockOf(minute: number): string {
    let text = this.clockMemo.get(minute);
    if (text === undefined) {
      text = format(new TZDate(this.startMs + minute * 60_000, this.timeZone), 'HH:mm');
      this.clockMemo.set(minute, text);
    }
    return text;
  }

  /** Index of the period day containing a minute, or -1 outside the period. */
  dayIndexOf(minute: number): number {
    if (minute < this.dayStarts[0]! || minute >= this.dayStarts[this.days]!) return -1;
    let d = 0;
    while (minute >= this.dayStarts[d + 1]!) d++;
    return d;
  }

  /** Index of a local date in the period, or -1. */
  dayIndex(date: string): number {
    return this.dates.indexOf(date);
  }

  /**
   * Start and end minute of a shift. An end at or before the start means the next day, so a night
   * shift 22:00–07:00 works; a shift over a daylight-saving switch gets its real length.
   */
  shiftInterval(date: string, start: string, end: string): { start: Minutes; end: Minutes } {
    const s = this.toMinute(date, start);
    let e = this.toMinute(date, end);
    if (e <= s) e = this.toMinute(nextDate(date), end);
    return { start: s, end: e };
  }

  private msToMinute(ms: number): Minutes {
    return Math.round((ms - this.startMs) / 60_000) as Minutes;
  }
}

/** The instant of a local date and clock time in a time zone (`24:00` is the next midnight). */
export function localInstant(date: string, clock: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = clock.split(':').map(Number) as [number, number];
  return new TZDate(y, m - 1, d, hh, mm, timeZone);
}

/** The next local date. */
export function nextDate(date: string): string {
  return addDaysToDate(date, 1);
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday (calendar arithmetic; no time zone is involved). */
export function isoWeekday(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** ISO week number and ISO week-year of a local date. */
export function isoWeek(date: string): { week: number; year: number } {
  const d = parseISO(date);
  return { week: getISOWeek(d), year: getISOWeekYear(d) };
}

/** Minutes from midnight of a `HH:MM` clock string (wall clock, ignoring DST). */
export function clockMinutes(clock: string): number {
  const [hh, mm] = clock.split(':').map(Number) as [number, number];
  return hh * 60 + mm;
}

/** True when the runtime knows the IANA time zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Adds whole days to a local date. */
export function addDaysToDate(date: string, days: number): string {
  // Calendar arithmetic on the date alone (UTC has no daylight-saving days), as the planners' date is.
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + days);
  return new Date(ms).toISOString().slice(0, 10);
}
