/**
 * The following period of an instance: the same clients, tasks, staff and teams, one period later.
 * Pure and deterministic (no RNG, no clock): the same instance always gives the same next period.
 */
import { addDaysToDate, localInstant } from '../../src/calendar.js';
import { Instance, type InstanceInput } from '../../src/schema/instance.js';
import { demandSums, grantFor, type BudgetSums } from './granted.js';

/**
 * The instance of the period right after `instance`'s (same length), for planning "the next period
 * like the last" (`slinga plan --reference`).
 *
 * - `period.start` moves on by the period's length; the id gains (or counts up) a `-p<n>` suffix.
 * - Shifts are the staff's next roster weeks. The generator rosters a whole period at a time (a
 *   rolling schedule as long as the period: weekday shifts by contracted time, every 2nd or 3rd
 *   weekend by rotation), so the next weeks repeat it with dates moved by the period's length; a
 *   14-day roster repeated keeps the every-other-weekend rotation exactly (a 3-weekend rotation
 *   is not continued: the instance does not say who rotates how). Shift ids are kept.
 * - Weekdays stay weekdays (the length is 7 or 14 days), so tasks recur as before: `everyOtherWeek`
 *   tasks keep their weeks when the period is 14 days; one-off dates (`activeFrom`, `activeUntil`,
 *   an `anchorWeek`) stay the absolute dates they are.
 * - Granted time is per period: where the new period's demand differs (a 7-day period of a task due
 *   every other week), each budget is granted again at the old grant ÷ standard demand (the
 *   assessor's factor) with the generator's rounding and bounds; otherwise it stays as it was.
 * - Cancellations and extensions dated before the new period are over and are dropped.
 * - History visits that no longer fall in the 14-day continuity window before the new period are
 *   dropped; the rest is kept as it was (the plan of the last period is the history to use, via
 *   `--reference`).
 */
export function nextPeriod(instance: InstanceInput): InstanceInput {
  const days = instance.period.days;
  const start = addDaysToDate(instance.period.start, days);
  const timeZone = instance.period.timeZone ?? 'Europe/Stockholm';
  // The window of `historyCounts`: 14 days of continuity, the period's own days included.
  const windowStart = localInstant(addDaysToDate(start, -Math.max(0, 14 - days)), '00:00', timeZone).getTime();
  const next = structuredClone(instance);
  const dates = (from: string): string[] => Array.from({ length: days }, (_, i) => addDaysToDate(from, i));
  const parsed = Instance.parse(instance).clients;
  const before = demandSums(parsed, dates(instance.period.start));
  const after = demandSums(parsed, dates(start));
  const out: InstanceInput = {
    ...next,
    id: nextId(instance.id),
    period: { ...next.period, start },
    staff: next.staff.map((s) => ({ ...s, shifts: s.shifts.map((sh) => ({ ...sh, date: addDaysToDate(sh.date, days) })) })),
    clients: next.clients.map((c) => {
      const { cancellations, extensions, ...rest } = c;
      const kept = {
        cancellations: cancellations?.filter((x) => x.date >= start),
        extensions: extensions?.filter((x) => x.date >= start),
      };
      const [b, a] = [before.get(c.id)!, after.get(c.id)!];
      const regrant = (old: number, was: BudgetSums, now: BudgetSums): number =>
        was.min === now.min && was.standard === now.standard && was.max === now.max ? old : grantFor(now, was.standard > 0 && old > 0 ? old / was.standard : 1);
      const granted = {
        careMinutes: regrant(c.granted.careMinutes, b.care, a.care),
        serviceMinutes: regrant(c.granted.serviceMinutes ?? 0, b.service, a.service),
      };
      return {
        ...rest,
        granted: c.granted.serviceMinutes === undefined && granted.serviceMinutes === 0 ? { careMinutes: granted.careMinutes } : granted,
        ...(kept.cancellations && kept.cancellations.length > 0 ? { cancellations: kept.cancellations } : {}),
        ...(kept.extensions && kept.extensions.length > 0 ? { extensions: kept.extensions } : {}),
      };
    }),
  };
  if (instance.history !== undefined) out.history = next.history!.filter((h) => localInstant(h.date, h.start, timeZone).getTime() >= windowStart);
  return out;
}

/** `knivsta-s7331` → `knivsta-s7331-p2` → `knivsta-s7331-p3` (ids stay within 64 characters). */
export function nextId(id: string): string {
  const m = /^(.*)-p(\d+)$/.exec(id);
  const next = m ? `${m[1]!}-p${Number(m[2]!) + 1}` : `${id}-p2`;
  return next.length <= 64 ? next : next.slice(next.length - 64).replace(/^[^A-Za-z0-9]+/, '');
}
