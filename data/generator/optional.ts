/**
 * `--optional-share`: marks a share of the roster optional (hourly staff first) and adds an
 * `economics` block with documented Swedish defaults (CALIBRATION.md, "Optional shifts and
 * economics"). Deterministic and RNG-free: applied after the scenario is drawn, so the rest of the
 * instance is the same as without the flag, and without the flag nothing changes at all.
 */
import type { Economics, InstanceInput } from '../../src/schema/instance.js';

/**
 * Defaults, SEK (2025 levels; sources in CALIBRATION.md): an undersköterska's monthly wage of about
 * 29,000 SEK over 165 hours is 176 SEK/h, with social costs and pension (PO) of about 44 % 253 SEK/h;
 * a district nurse about 365 SEK/h; hourly staff (timavlönade) 12 % holiday pay on top, 284 SEK/h;
 * OB from 19:00 about +15 % and at weekends about +35 % of the wage; a municipal car about
 * 3.50 SEK/km; calling in an hourly worker about 100 SEK; reimbursement 411 SEK per granted hour
 * (domain.md: one municipality's own provider, 2023), HSL 450 SEK per hour.
 */
export const ECONOMICS_DEFAULTS = {
  careWage: 253,
  nurseWage: 365,
  hourlyWage: 284,
  eveningFrom: '19:00',
  eveningMultiplier: 1.15,
  weekendMultiplier: 1.35,
  overtimeMultiplier: 1.5,
  carPerKm: 3.5,
  optionalShiftFixed: 100,
  carePerHour: 411,
  servicePerHour: 411,
  hslPerHour: 450,
} as const;

/**
 * Marks `share` of all shifts optional and adds the economics block. Hourly staff first: care
 * staff with the smallest contracted week (then id) have all their shifts marked, the last one as
 * many (in date order) as the share still needs; nurses keep theirs (HSL). Those staff get the
 * hourly wage.
 */
export function withOptionalShifts(instance: InstanceInput, share: number): InstanceInput {
  if (!Number.isFinite(share) || share < 0 || share > 1) throw new RangeError(`optional share must be a number in [0, 1], got ${share}`);
  const out = structuredClone(instance);
  const total = out.staff.reduce((s, m) => s + m.shifts.length, 0);
  let left = Math.round(share * total);
  const order = out.staff
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => (s.role ?? 'care') === 'care')
    .sort((a, b) => (a.s.maxWorkMinutesPerWeek ?? Infinity) - (b.s.maxWorkMinutesPerWeek ?? Infinity) || (a.s.id < b.s.id ? -1 : a.s.id > b.s.id ? 1 : 0));
  const hourly: Record<string, number> = {};
  for (const { s } of order) {
    if (left <= 0) break;
    const shifts = [...s.shifts].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    for (const shift of shifts.slice(0, left)) shift.optional = true;
    left -= Math.min(left, shifts.length);
    hourly[s.id] = ECONOMICS_DEFAULTS.hourlyWage;
  }
  const d = ECONOMICS_DEFAULTS;
  const economics: Economics = {
    wagePerHourSek: { care: d.careWage, nurse: d.nurseWage },
    staffWagePerHourSek: hourly,
    ob: { eveningFrom: d.eveningFrom, eveningMultiplier: d.eveningMultiplier, weekendMultiplier: d.weekendMultiplier },
    overtimeMultiplier: d.overtimeMultiplier,
    carPerKmSek: d.carPerKm,
    optionalShiftFixedSek: d.optionalShiftFixed,
    reimbursement: { carePerHourSek: d.carePerHour, servicePerHourSek: d.servicePerHour, hslPerHourSek: d.hslPerHour, basis: 'performed' },
  };
  return { ...out, economics };
}
