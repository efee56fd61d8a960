import { shiftCostOre, wagePerHourOre } from '../../economics/rates.js';
import type { Economics, Shift, Staff } from '../../schema/instance.js';

/**
 * Fixed part of a used optional shift, in paid minutes, when the instance has no `economics` block
 * (calling in hourly staff, their way to the base): half an hour. With `economics` its
 * `optionalShiftFixedSek` decides.
 */
export const OPTIONAL_SHIFT_FIXED_MINUTES = 30;

/** A shift as the `optionalShift` term prices it. */
export interface ShiftContext {
  readonly staff: Staff;
  readonly shift: Shift;
  /** The shift's paid minutes: its length minus its break. */
  readonly paidMinutes: number;
  readonly economics?: Economics;
}

/**
 * A term of the weekly objective that prices a shift by being used at all (the routing core's
 * per-vehicle `fixedCost`, charged when a route has a visit). Messages name ids only.
 */
export interface ShiftTerm {
  /** Key of the term's weight in `WeeklyWeights`. */
  readonly name: 'optionalShift';
  readonly unit: string;
  /** Units the shift costs when used (0 for a shift paid anyway). */
  units(ctx: ShiftContext): number;
  /** Why the shift costs (only called when `units` is above 0). */
  justify(ctx: ShiftContext): string;
  /** A sentence for the plan's total of this term. */
  summary(amount: number, used: number, released: number): string;
}

/**
 * Optional shifts (hourly staff, extra shifts, the resource pool) are paid only when used, so a
 * used one costs its paid minutes plus a fixed part; a fixed shift is paid anyway and costs 0.
 * The unit is the paid minute at the care wage: without `economics` the shift's paid minutes +
 * {@link OPTIONAL_SHIFT_FIXED_MINUTES}; with it the shift's cost in öre (wage × OB × paid minutes +
 * `optionalShiftFixedSek`) divided by the care wage per minute, so evening, weekend and dearer
 * staff cost more. With weight 1 a paid minute weighs as much as a travel minute: the planner uses
 * an optional shift only when it plans visits that would stay unplanned (counted before every
 * cost) or saves more travel and continuity than it costs.
 */
export const optionalShift: ShiftTerm = {
  name: 'optionalShift',
  unit: 'paid minute',
  units: (ctx) => {
    if (!ctx.shift.optional) return 0;
    const e = ctx.economics;
    if (!e) return ctx.paidMinutes + OPTIONAL_SHIFT_FIXED_MINUTES;
    const perMinute = wagePerHourOre(e, { id: '', role: 'care' }) / 60;
    if (perMinute <= 0) return ctx.paidMinutes;
    return Math.round((100 * shiftCostOre(e, ctx.staff, ctx.shift, ctx.paidMinutes)) / perMinute) / 100;
  },
  justify: (ctx) =>
    `shift ${ctx.shift.id} of staff ${ctx.staff.id} (${ctx.shift.date} ${ctx.shift.start}–${ctx.shift.end}) is optional: used, it costs ${optionalShift.units(ctx)} paid minutes (${ctx.paidMinutes} paid${ctx.economics ? ', wage, OB and fixed cost from economics' : ` + ${OPTIONAL_SHIFT_FIXED_MINUTES} fixed`})`,
  summary: (amount, used, released) => `${used} optional shifts used (${amount} paid minutes at the care wage), ${released} released`,
};
