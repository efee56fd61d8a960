import { z } from 'zod';
import { ClockTime, Id, LatLon, LocalDate, MinutesSchema, Share, Weekday } from './common.js';

/** Travel modes. Each has its own speed; car speed differs in town and country. */
export const TravelMode = z.enum(['car', 'bike', 'walk']);
export type TravelMode = z.infer<typeof TravelMode>;

/**
 * Task categories (insatser). The category decides which budget a task draws on:
 * `personal_care`, `meal`, `supervision`, `escort` → care budget; `service` → service budget;
 * `hsl` (delegated health care) is prescribed time outside the granted budget;
 * `alarm` and `meal_delivery` count for the budget of care but are excluded from the national continuity measure.
 */
export const TaskCategory = z.enum([
  'personal_care',
  'service',
  'meal',
  'supervision',
  'escort',
  'hsl',
  'alarm',
  'meal_delivery',
]);
export type TaskCategory = z.infer<typeof TaskCategory>;

/** A clock-time range on a day, `end` after `start` (a range never crosses midnight). */
export const TimeRange = z
  .object({
    start: ClockTime,
    end: ClockTime,
  })
  .describe('A clock-time range on one local day; `end` must be after `start`.');
export type TimeRange = z.infer<typeof TimeRange>;

export const Base = z.object({
  id: Id,
  name: z.string().optional().describe('Display name; never logged.'),
  location: LatLon,
});
export type Base = z.infer<typeof Base>;

export const Team = z.object({
  id: Id,
  name: z.string().optional(),
});
export type Team = z.infer<typeof Team>;

/** A break rule: `minutes` long, taken wholly inside [earliestStart, latestEnd] of the shift's day. */
export const BreakRule = z.object({
  minutes: z.number().int().min(1).max(120),
  earliestStart: ClockTime,
  latestEnd: ClockTime,
  at: z
    .enum(['base', 'anywhere'])
    .default('anywhere')
    .describe('`base`: the break is taken at the shift base (travel there and back counts); `anywhere`: where the staff member is.'),
});
export type BreakRule = z.infer<typeof BreakRule>;

/**
 * A work shift (pass). `start`/`end` are local clock times on `date`; an `end` at or before `start`
 * means the shift ends the next day. Travel from and back to the base lies inside the shift.
 */
export const Shift = z.object({
  id: Id,
  date: LocalDate,
  start: ClockTime,
  end: ClockTime,
  base: Id.optional().describe("Base for this shift; defaults to the staff member's base."),
  break: BreakRule.optional(),
  maxOvertimeMinutes: MinutesSchema.default(0).describe('Work past `end` allowed for this shift (paid as overtime).'),
  optional: z
    .boolean()
    .optional()
    .describe('Hourly staff, an extra shift or the resource pool: paid only when the plan uses it; an unused one is released.'),
});
export type Shift = z.infer<typeof Shift>;

export const Staff = z.object({
  id: Id,
  name: z.string().optional().describe('Display name; never logged.'),
  team: Id,
  base: Id,
  travelMode: TravelMode,
  role: z
    .enum(['care', 'nurse'])
    .default('care')
    .describe('`nurse`: licensed HSL staff; their visits are excluded from the national continuity measure.'),
  skills: z.array(Id).default([]).describe('Skills and delegations held, e.g. `insulin`, `lift`.'),
  gender: z.enum(['female', 'male', 'other']).optional(),
  languages: z.array(z.string().min(2).max(8)).default([]).describe('Language codes, e.g. `sv`, `fi`, `ar`.'),
  maxWorkMinutesPerWeek: MinutesSchema.optional().describe('Contracted maximum of paid minutes per ISO week.'),
  shifts: z.array(Shift),
});
export type Staff = z.infer<typeof Staff>;

/**
 * How often a task recurs in the period.
 * - `daily`: `timesPerDay` occurrences on every day of the period.
 * - `weekdays`: `timesPerDay` occurrences on each listed ISO weekday.
 * - `weekly`: `timesPerWeek` occurrences per ISO week, on days the planner chooses among `weekdays` (default all).
 * - `everyOtherWeek`: like `weekly`, every second week: counted from `anchorWeek`, or the ISO weeks of a parity.
 */
export const Frequency = z.discriminatedUnion('type', [
  z.object({ type: z.literal('daily'), timesPerDay: z.number().int().min(1).max(12).default(1) }),
  z.object({
    type: z.literal('weekdays'),
    weekdays: z.array(Weekday).min(1),
    timesPerDay: z.number().int().min(1).max(12).default(1),
  }),
  z.object({
    type: z.literal('weekly'),
    timesPerWeek: z.number().int().min(1).max(7),
    weekdays: z.array(Weekday).min(1).optional(),
  }),
  z
    .object({
      type: z.literal('everyOtherWeek'),
      isoWeekParity: z
        .enum(['odd', 'even'])
        .optional()
        .describe('Weeks whose ISO week number has this parity (note: a year with week 53 has two odd weeks in a row).'),
      anchorWeek: LocalDate.optional().describe('A date in a week in which the task is due; it then alternates strictly, every second week from there.'),
      timesPerWeek: z.number().int().min(1).max(7).default(1),
      weekdays: z.array(Weekday).min(1).optional(),
    })
    .refine((f) => (f.isoWeekParity === undefined) !== (f.anchorWeek === undefined), {
      message: 'give exactly one of isoWeekParity and anchorWeek',
    }),
]);
export type Frequency = z.infer<typeof Frequency>;

/**
 * Duration of one occurrence. `standard` (schablontid) is a hint; the planner may choose any whole
 * number of minutes in [min, max] (both default to `standard`). HSL tasks keep exactly `standard`.
 */
export const Duration = z.object({
  standard: z.number().int().min(1).max(24 * 60),
  min: z.number().int().min(1).optional(),
  max: z.number().int().min(1).optional(),
});
export type Duration = z.infer<typeof Duration>;

/** A fixed clock time (typical for HSL): the visit starts within ± `toleranceMinutes` of `time`. */
export const FixedTime = z.object({
  time: ClockTime,
  toleranceMinutes: MinutesSchema.max(240).default(15),
});
export type FixedTime = z.infer<typeof FixedTime>;

export const Task = z.object({
  id: Id,
  category: TaskCategory,
  description: z.string().optional().describe('Free text; health information, never logged.'),
  frequency: Frequency,
  duration: Duration,
  windows: z
    .array(TimeRange)
    .default([])
    .describe('Allowed start windows (any one). Empty and no `fixedTime` means any time inside a shift.'),
  fixedTime: FixedTime.optional(),
  skills: z.array(Id).default([]).describe('Skills or delegations every assigned staff member must hold.'),
  staffCount: z.union([z.literal(1), z.literal(2)]).default(1).describe('2 = double staffing: both start together.'),
  minGapMinutes: MinutesSchema.default(0).describe(
    'Minimum minutes from the start of one visit with this task to the start of the next visit with this task (same client).',
  ),
  combinable: z.boolean().default(true).describe('May share a visit with other combinable tasks of the client on the same day.'),
  priority: z.number().int().min(1).max(3).optional().describe('1 = highest. Defaults from category: hsl 1, care 2, service 3.'),
  activeFrom: LocalDate.optional().describe('First date the task is due (a task granted from a date; replanning).'),
  activeUntil: LocalDate.optional().describe('Last date the task is due (a task ended from a date; replanning).'),
});
export type Task = z.infer<typeof Task>;

export const TimePreference = z.object({
  start: ClockTime,
  end: ClockTime,
  weekdays: z.array(Weekday).min(1).optional().describe('Days the range applies to; default every day.'),
});
export type TimePreference = z.infer<typeof TimePreference>;

export const Preferences = z.object({
  days: z.array(Weekday).optional().describe('Preferred weekdays for tasks whose day is free (weekly tasks).'),
  timeRanges: z.array(TimePreference).default([]).describe('Preferred visit start times.'),
  preferredStaff: z.array(Id).default([]),
  refusedStaff: z.array(Id).default([]).describe('Hard: these staff never visit the client.'),
  staffGender: z.enum(['female', 'male']).optional(),
  languages: z.array(z.string().min(2).max(8)).default([]).describe('Staff speaking one of these is preferred.'),
  fewStaff: z.boolean().default(true).describe('"As few different staff as possible".'),
});
export type Preferences = z.infer<typeof Preferences>;

export const GrantedTime = z.object({
  careMinutes: MinutesSchema.describe('Granted minutes for care tasks over the whole period (staff-minutes).'),
  serviceMinutes: MinutesSchema.default(0).describe('Granted minutes for service tasks over the whole period (staff-minutes).'),
});
export type GrantedTime = z.infer<typeof GrantedTime>;

export const Client = z.object({
  id: Id,
  name: z.string().optional().describe('Display name; sensitive, never logged.'),
  address: z.string().optional().describe('Sensitive, never logged.'),
  location: LatLon,
  team: Id,
  granted: GrantedTime,
  namedContact: Id.optional().describe('Fast omsorgskontakt: staff id.'),
  tasks: z.array(Task).min(1),
  preferences: Preferences.prefault({}),
  cancellations: z
    .array(z.object({ taskId: Id, date: LocalDate, count: z.number().int().min(1).default(1) }))
    .optional()
    .describe('Occurrences that will not happen (a cancelled visit, a stay in hospital): taken off the demand of the span containing the date.'),
  extensions: z
    .array(z.object({ taskId: Id, date: LocalDate, minutes: z.number().int().min(1) }))
    .optional()
    .describe('A visit that runs over: on that date the task may last `minutes` longer than its maximum (HSL: exactly standard + minutes).'),
});
export type Client = z.infer<typeof Client>;

/** Granted-time tolerance: planned ÷ granted must lie in [lower, upper]. `upper` is a hard limit. */
export const GrantedTolerance = z.object({
  lower: Share.default(0.95),
  upper: z.number().min(1).max(2).default(1),
});

export const ContinuityPolicy = z.object({
  namedContactShareTarget: Share.default(0.5),
  maxDistinctStaffPer14Days: z.number().int().min(1).optional(),
  maxDistinctStaffMode: z.enum(['soft', 'hard']).default('soft'),
});
export type ContinuityPolicy = z.infer<typeof ContinuityPolicy>;

/** A visit before the period (for continuity across weeks). */
export const HistoryVisit = z.object({
  clientId: Id,
  date: LocalDate,
  start: ClockTime,
  minutes: z.number().int().min(1),
  staff: z.array(Id).min(1).max(2),
  categories: z.array(TaskCategory).min(1),
});
export type HistoryVisit = z.infer<typeof HistoryVisit>;

export const CarSpeeds = z.object({
  urbanKmh: z.number().positive().default(30),
  ruralKmh: z.number().positive().default(65),
  urbanKm: z.number().min(0).default(2).describe('The first km of each leg (road distance) run at urban speed, the rest at rural speed.'),
});

/** An imported travel-time matrix. Rows and columns follow `locationIds` (base and client ids). */
export const TravelMatrix = z.discriminatedUnion('format', [
  z.object({
    format: z.literal('osrm'),
    locationIds: z.array(Id).min(1),
    path: z.string().optional().describe('File with an OSRM table-service response, relative to the instance file.'),
    response: z
      .object({
        code: z.string().optional(),
        durations: z.array(z.array(z.number().nullable())),
        distances: z.array(z.array(z.number().nullable())).optional(),
      })
      .optional()
      .describe('The OSRM table response inline: durations in seconds, distances in metres.'),
    modes: z.array(TravelMode).optional().describe('Modes the matrix applies to (default all); others use the model.'),
  }),
  z.object({
    format: z.literal('csv'),
    path: z.string().describe('CSV with header `from,to,minutes[,metres]`, ids as in the instance.'),
    locationIds: z.array(Id).optional(),
    modes: z.array(TravelMode).optional(),
  }),
]);
export type TravelMatrix = z.infer<typeof TravelMatrix>;

export const TravelSettings = z.object({
  detourFactor: z.number().min(1).max(3).default(1.3).describe('Road distance ÷ great-circle distance.'),
  car: CarSpeeds.prefault({}),
  bikeKmh: z.number().positive().default(15),
  walkKmh: z.number().positive().default(4.5),
  accessMinutes: MinutesSchema.max(30).default(3).describe('Added on arrival at a client (parking, keys, stairs).'),
  matrix: TravelMatrix.optional(),
});
export type TravelSettings = z.infer<typeof TravelSettings>;

export const PlanningSettings = z.object({
  grantedTolerance: GrantedTolerance.prefault({}),
  crossTeamAllowed: z.boolean().default(true).describe('Staff may help in other teams (at a cost).'),
});

const Sek = z.number().min(0).max(1_000_000);

/**
 * Money: what a paid hour costs, what a granted hour brings. Amounts are SEK as written (converted
 * to integer öre inside); no rate is built in, each comes from here.
 */
export const Economics = z.object({
  wagePerHourSek: z
    .object({ care: Sek, nurse: Sek.optional() })
    .describe('Cost per paid hour by role, wage with social costs (PO); `nurse` defaults to `care`.'),
  staffWagePerHourSek: z.record(Id, Sek).default({}).describe('Cost per paid hour of single staff members (overrides the role).'),
  ob: z
    .object({
      eveningFrom: ClockTime.default('19:00').describe('Paid minutes from this clock time to midnight (and before 06:00) are evening time.'),
      eveningMultiplier: z.number().min(1).max(5).default(1),
      weekendMultiplier: z.number().min(1).max(5).default(1).describe('Saturday and Sunday, all day (the larger multiplier applies, never both).'),
    })
    .prefault({})
    .describe('Unsocial-hours supplements (OB) as multipliers of the wage.'),
  overtimeMultiplier: z.number().min(1).max(5).default(1.5).describe('Multiplier of the wage for overtime minutes.'),
  carPerKmSek: Sek.default(0).describe('Car cost per km driven by staff travelling by car.'),
  optionalShiftFixedSek: Sek.default(0).describe('Fixed cost per used optional shift (call-in, admin), on top of its paid minutes.'),
  reimbursement: z
    .object({
      carePerHourSek: Sek.describe('Per granted hour of care (omsorg).'),
      servicePerHourSek: Sek.describe('Per granted hour of service.'),
      hslPerHourSek: Sek.default(0).describe('Per prescribed HSL hour planned.'),
      basis: z
        .enum(['granted', 'performed'])
        .default('performed')
        .describe('`granted`: every granted hour of the period; `performed`: planned minutes per client and budget, at most the granted.'),
    })
    .describe('Reimbursement (ersättning) per hour and budget.'),
});
export type Economics = z.infer<typeof Economics>;

/** A planning instance: one period, its staff, clients, rules and travel model. */
export const Instance = z.object({
  schemaVersion: z.literal(1).default(1),
  id: Id,
  period: z.object({
    start: LocalDate.describe('First day; usually a Monday.'),
    days: z.union([z.literal(7), z.literal(14)]),
    timeZone: z.string().default('Europe/Stockholm').describe('IANA time zone of all clock times.'),
  }),
  bases: z.array(Base).min(1),
  teams: z.array(Team).min(1),
  staff: z.array(Staff).min(1),
  clients: z.array(Client),
  continuity: ContinuityPolicy.prefault({}),
  history: z.array(HistoryVisit).default([]),
  travel: TravelSettings.prefault({}),
  planning: PlanningSettings.prefault({}),
  economics: Economics.optional().describe('Wages, OB, car cost and reimbursement: money KPIs and the price of optional shifts.'),
});
/** A parsed instance with defaults filled in. */
export type Instance = z.infer<typeof Instance>;
/** An instance as written in a file (defaults may be omitted). */
export type InstanceInput = z.input<typeof Instance>;
