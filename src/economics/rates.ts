/**
 * Rates of the instance's `economics` block in integer öre: what a paid minute of a staff member
 * costs at a given local time (wage × OB multiplier), what a shift costs, what a km by car costs.
 * No rate is built in: every number comes from the instance.
 * @module
 */
import { clockMinutes, isoWeekday, nextDate } from '../calendar.js';
import type { Economics, Shift, Staff } from '../schema/instance.js';
import { oreFromSek, type Ore } from '../units.js';

/** Wage cost per paid hour of a staff member in öre: the staff member's own rate, else the role's (`nurse` falls back to `care`). */
export function wagePerHourOre(economics: Economics, staff: Pick<Staff, 'id' | 'role'>): Ore {
  const own = economics.staffWagePerHourSek[staff.id];
  if (own !== undefined) return oreFromSek(own);
  const role = staff.role === 'nurse' ? (economics.wagePerHourSek.nurse ?? economics.wagePerHourSek.care) : economics.wagePerHourSek.care;
  return oreFromSek(role);
}

/**
 * The OB multiplier of one local minute: weekend (Saturday, Sunday) all day, evening from
 * `eveningFrom` to 06:00; the larger applies, never both.
 */
export function obMultiplier(economics: Economics, date: string, clockMinute: number): number {
  const weekday = isoWeekday(date);
  const weekend = weekday >= 6 ? economics.ob.weekendMultiplier : 1;
  const evening = clockMinute >= clockMinutes(economics.ob.eveningFrom) || clockMinute < 6 * 60 ? economics.ob.eveningMultiplier : 1;
  return Math.max(weekend, evening);
}

/**
 * The mean OB multiplier over a shift's local clock span (an end at or before the start is the
 * next day). Breaks are unpaid and deducted in proportion, so paid minutes × this mean is the
 * shift's OB-weighted paid time.
 */
export function shiftObFactor(economics: Economics, shift: Pick<Shift, 'date' | 'start' | 'end'>): number {
  const from = clockMinutes(shift.start);
  let to = clockMinutes(shift.end);
  if (to <= from) to += 1440;
  if (economics.ob.eveningMultiplier === 1 && economics.ob.weekendMultiplier === 1) return 1;
  const next = nextDate(shift.date);
  let sum = 0;
  for (let m = from; m < to; m++) sum += m < 1440 ? obMultiplier(economics, shift.date, m) : obMultiplier(economics, next, m - 1440);
  return sum / (to - from);
}

/**
 * Cost of `paidMinutes` of a shift in öre: wage per minute × OB factor × minutes, plus overtime
 * minutes at the overtime multiplier (over the OB factor), plus `optionalShiftFixedSek` when the
 * shift is optional.
 */
export function shiftCostOre(economics: Economics, staff: Pick<Staff, 'id' | 'role'>, shift: Pick<Shift, 'date' | 'start' | 'end' | 'optional'>, paidMinutes: number, overtimeMinutes = 0): Ore {
  const perMinute = wagePerHourOre(economics, staff) / 60;
  const ob = shiftObFactor(economics, shift);
  const fixed = shift.optional ? oreFromSek(economics.optionalShiftFixedSek) : 0;
  return Math.round(perMinute * ob * (paidMinutes + overtimeMinutes * economics.overtimeMultiplier) + fixed) as Ore;
}

/** Car cost of `metres` driven, in öre. */
export function carCostOre(economics: Economics, metres: number): Ore {
  return Math.round((oreFromSek(economics.carPerKmSek) * metres) / 1000) as Ore;
}

