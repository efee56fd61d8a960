import { z } from 'zod';
import { Id, LocalDate, MinutesSchema, OffsetDateTime, Share } from './common.js';

/** Where a route event happens: a base or a client's home. */
export const Place = z.object({ kind: z.enum(['base', 'client']), id: Id });
export type Place = z.infer<typeof Place>;

/** One task performed in a visit and the minutes given to it. */
export const VisitTask = z.object({
  taskId: Id,
  minutes: z.number().int().min(1),
});
export type VisitTask = z.infer<typeof VisitTask>;

/**
 * A planned visit. `end − start` equals the sum of its task minutes. With two staff both start at
 * `start` (double staffing).
 */
export const PlannedVisit = z.object({
  id: Id,
  clientId: Id,
  date: LocalDate.describe('Local date of the visit start.'),
  start: OffsetDateTime,
  end: OffsetDateTime,
  staff: z.array(Id).min(1).max(2),
  tasks: z.array(VisitTask).min(1),
});
export type PlannedVisit = z.infer<typeof PlannedVisit>;

/** Events of a route, in time order. */
export const RouteEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), time: OffsetDateTime, place: Place }),
  z.object({
    type: z.literal('travel'),
    start: OffsetDateTime,
    end: OffsetDateTime,
    from: Place,
    to: Place,
    minutes: MinutesSchema,
    metres: z.number().int().min(0),
  }),
  z.object({ type: z.literal('wait'), start: OffsetDateTime, end: OffsetDateTime, place: Place }),
  z.object({ type: z.literal('visit'), visitId: Id, start: OffsetDateTime, end: OffsetDateTime }),
  z.object({ type: z.literal('break'), start: OffsetDateTime, end: OffsetDateTime, place: Place }),
  z.object({ type: z.literal('end'), time: OffsetDateTime, place: Place }),
]);
export type RouteEvent = z.infer<typeof RouteEvent>;

/** One staff member's route (slinga) for one shift. */
export const Route = z.object({
  staffId: Id,
  shiftId: Id,
  date: LocalDate,
  events: z.array(RouteEvent),
});
export type Route = z.infer<typeof Route>;

/** Why something could not be planned. Stable codes; the message explains it to a planner. */
export const UnplannedReason = z.enum([
  'NO_QUALIFIED_STAFF',
  'NO_SHIFT',
  'WINDOW_UNREACHABLE',
  'CAPACITY',
  'REFUSED_STAFF',
  'BUDGET',
  'GAP',
  'DOUBLE_STAFFING',
  'NOT_SCHEDULED',
]);
export type UnplannedReason = z.infer<typeof UnplannedReason>;

/**
 * Occurrences of a task that were not planned. `from`..`to` is the span in which they were due
 * (one day for daily tasks, the week's allowed days for weekly tasks).
 */
export const UnplannedItem = z.object({
  clientId: Id,
  taskId: Id,
  from: LocalDate,
  to: LocalDate,
  count: z.number().int().min(1),
  minutes: MinutesSchema.describe('Standard minutes of the unplanned occurrences (× staff count).'),
  reason: UnplannedReason,
  message: z.string(),
});
export type UnplannedItem = z.infer<typeof UnplannedItem>;

const MoneyRow = z.object({ revenueSek: z.number(), costSek: z.number(), resultSek: z.number() });
const MeanMedian = z.object({ mean: z.number().nullable(), median: z.number().nullable() });

/** Key performance indicators (definitions: docs/semantics.md). Shares are fractions in [0, 1]. */
export const Kpis = z.object({
  continuity: z.object({
    national: MeanMedian.extend({
      eligibleClients: z.number().int().min(0),
      windowDays: z.number().int(),
      usesHistory: z.boolean(),
      note: z.string().optional(),
    }),
    all: MeanMedian.extend({ clients: z.number().int().min(0) }),
  }),
  namedContactShare: Share.nullable(),
  clientTimeShare: Share.nullable(),
  travelShare: Share.nullable(),
  grantedFidelity: z.object({
    min: z.number().nullable(),
    median: z.number().nullable(),
    max: z.number().nullable(),
    withinTolerance: Share.nullable(),
  }),
  preferences: z.object({
    timeShare: Share.nullable(),
    staffShare: Share.nullable(),
    dayShare: Share.nullable(),
  }),
  unplanned: z.object({
    count: z.number().int().min(0),
    minutes: MinutesSchema,
    byReason: z.record(z.string(), z.object({ count: z.number().int(), minutes: z.number().int() })),
  }),
  overtimeMinutes: MinutesSchema,
  travelMinutes: MinutesSchema,
  travelMetres: z.number().int().min(0),
  visitMinutes: MinutesSchema,
  paidMinutes: MinutesSchema,
  waitingMinutes: MinutesSchema,
  visits: z.number().int().min(0),
  balance: z.object({
    clientMinutesPerStaff: z.object({ min: z.number(), max: z.number(), stdev: z.number() }).nullable(),
  }),
  shifts: z
    .object({
      used: z.number().int().min(0),
      optional: z.number().int().min(0),
      optionalReleased: z.number().int().min(0),
      releasedPaidMinutes: MinutesSchema,
    })
    .optional()
    .describe('Roster shifts with a route, optional shifts, and optional shifts released (no route: not paid).'),
  economics: z
    .object({
      revenueSek: z.number(),
      costSek: z.number(),
      resultSek: z.number(),
      wageCostSek: z.number(),
      carCostSek: z.number(),
      releasedShiftsSek: z.number().optional().describe('What the released optional shifts would have cost.'),
      perTeam: z.array(MoneyRow.extend({ team: Id, weeks: z.array(MoneyRow.extend({ week: z.string() })) })),
      perWeek: z.array(MoneyRow.extend({ week: z.string() })),
    })
    .optional()
    .describe('Money in SEK when the instance has an `economics` block (docs/semantics.md, Economics).'),
});
export type Kpis = z.infer<typeof Kpis>;

/**
 * One term of the planner's objective, totalled over the plan: `amount` in `unit` (minutes, visits,
 * staff…), `cost = weight × amount`, and a sentence for the planner. Filled by the planner.
 */
export const TermTotal = z.object({
  term: z.string(),
  weight: z.number(),
  amount: z.number(),
  unit: z.string(),
  cost: z.number(),
  message: z.string(),
});
export type TermTotal = z.infer<typeof TermTotal>;

/** Visits meeting a preference out of the visits it applies to. */
export const PreferenceTally = z.object({
  met: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type PreferenceTally = z.infer<typeof PreferenceTally>;

/**
 * What the plan gives one client (definitions as in `computeKpis`, docs/semantics.md): granted and
 * planned staff-minutes, fidelity, visits, the staff met, the named contact, preferences met, and
 * `notes` saying what was not met and why, where instance and plan tell. Ids, dates, times and
 * minutes only: never names, addresses or task descriptions.
 */
export const ClientSummary = z.object({
  clientId: Id,
  team: Id,
  /** Granted minutes over the period; `totalMinutes` = care + service (the fidelity denominator). */
  granted: z.object({ careMinutes: MinutesSchema, serviceMinutes: MinutesSchema, totalMinutes: MinutesSchema }),
  /**
   * Planned staff-minutes (task minutes × staff) per budget; `totalMinutes` = care + service (the
   * fidelity numerator); `hslMinutes` is prescribed time outside the budget.
   */
  planned: z.object({
    careMinutes: MinutesSchema,
    serviceMinutes: MinutesSchema,
    totalMinutes: MinutesSchema,
    hslMinutes: MinutesSchema,
  }),
  /** planned total ÷ granted total; `null` without granted minutes. */
  fidelity: z.number().min(0).nullable(),
  /** Whether `fidelity` lies in `planning.grantedTolerance` [lower, upper]; `null` without granted minutes. */
  withinTolerance: z.boolean().nullable(),
  visits: z.number().int().min(0),
  /** Unplanned occurrences of the client's tasks (Σ `count`, Σ `minutes` of `plan.unplanned`). */
  unplanned: z.object({ count: z.number().int().min(0), minutes: MinutesSchema }),
  distinctStaff: z.object({
    /** Distinct staff over the period (every visit, every role). */
    period: z.number().int().min(0),
    /** Distinct staff as the national continuity measure counts them, over its window (the history when it completes a 7-day period). */
    window: z.number().int().min(0),
    /** Days of that window: 14, or 7 for a 7-day period without complete history. */
    windowDays: z.number().int().min(0),
    /** Whether the client qualifies for the national measure (two counted visits every day of the window). */
    nationalEligible: z.boolean(),
  }),
  /** Staff who visited the client in the period and how many visits each made, most visits first. */
  staffMet: z.array(z.object({ staffId: Id, visits: z.number().int().min(1) })),
  /** Visits with the named contact among the staff; `null` when the client has no named contact. */
  namedContact: z
    .object({ staffId: Id, visits: z.number().int().min(0), share: Share.nullable() })
    .nullable(),
  /** Each `null` when the client has no such preference. */
  preferences: z.object({
    /** Visits starting inside a preferred time range, of the visits on weekdays a range applies to. */
    timeRanges: PreferenceTally.nullable(),
    /** Weekly-task visits on a preferred day, of all weekly-task visits. */
    days: PreferenceTally.nullable(),
    /** Visits with a preferred staff member among the staff. */
    staff: PreferenceTally.nullable(),
    /** Visits with a staff member of the preferred gender among the staff. */
    gender: PreferenceTally.nullable(),
    /** Visits with a staff member speaking a preferred language among the staff. */
    language: PreferenceTally.nullable(),
  }),
  /** Sentences on what was not met and why (ids, dates, times and minutes only). */
  notes: z.array(z.string()),
});
export type ClientSummary = z.infer<typeof ClientSummary>;

/** Explanations shipped with a plan: per-term objective totals and a summary per client. */
export const PlanExplanations = z.object({
  terms: z.array(TermTotal),
  clients: z.array(ClientSummary),
});
export type PlanExplanations = z.infer<typeof PlanExplanations>;

/** What a lock keeps of a visit: its staff and start, its staff only, or its start only. */
export const LockKeep = z.enum(['all', 'staff', 'time']);
export type LockKeep = z.infer<typeof LockKeep>;

/**
 * A lock a replanned plan honours: the visit `visitId` keeps the staff and/or start recorded here
 * (copied from the plan that was replanned), so the checker can verify it from the plan alone.
 * `reason` is `lock` (a planner's lock) or `frozen` (the visit started before `--now`).
 */
export const VisitLock = z.object({
  visitId: Id,
  keep: LockKeep,
  staff: z.array(Id).min(1).max(2).optional().describe('Staff the visit keeps (keep all or staff).'),
  start: OffsetDateTime.optional().describe('Start the visit keeps (keep all or time).'),
  reason: z.enum(['lock', 'frozen']).default('lock'),
});
export type VisitLock = z.infer<typeof VisitLock>;

/** What kind of change a visit underwent between a reference plan and a new one. */
export const VisitChangeKind = z.enum(['restaffed', 'retimed', 'movedDay', 'added', 'removed']);
export type VisitChangeKind = z.infer<typeof VisitChangeKind>;

/**
 * What changed between a reference plan and a new one (`slinga diff`, `plan.changes`). Two visits
 * are the same when client, date and task ids agree (several such visits pair by nearest start);
 * retimed means the start moved more than 15 minutes. Per staff member: what the planner must tell
 * that person; per client: whom to call. `byReason` counts changed visits by the change that caused
 * them (replan only).
 */
export const PlanDiff = z.object({
  visits: z.object({
    unchanged: z.number().int().min(0),
    restaffed: z.number().int().min(0),
    retimed: z.number().int().min(0),
    movedDay: z.number().int().min(0),
    added: z.number().int().min(0),
    removed: z.number().int().min(0),
  }),
  staff: z.array(
    z.object({
      staffId: Id,
      added: z.array(Id),
      removed: z.array(Id),
      retimed: z.array(Id),
    }),
  ),
  clients: z.array(
    z.object({
      clientId: Id,
      changed: z.array(
        z.object({
          visitId: Id,
          what: VisitChangeKind,
          from: z.string().nullable().describe('Before: start instant and staff ids, or null when added.'),
          to: z.string().nullable().describe('After: start instant and staff ids, or null when removed.'),
        }),
      ),
    }),
  ),
  byReason: z.record(z.string(), z.number().int().min(0)).optional(),
});
export type PlanDiff = z.infer<typeof PlanDiff>;

/** An optional shift the plan does without: not called in, not paid. */
export const ReleasedShift = z.object({
  staffId: Id,
  shiftId: Id,
  date: LocalDate,
  start: z.string(),
  end: z.string(),
  paidMinutes: MinutesSchema.describe('Length minus break: the paid time saved.'),
});
export type ReleasedShift = z.infer<typeof ReleasedShift>;

/** A plan: visits, routes, unplanned items; KPIs and objective terms as explanations. */
export const Plan = z.object({
  schemaVersion: z.literal(1).default(1),
  instanceId: Id,
  meta: z.object({
    solver: z.string(),
    strategy: z.string(),
    seed: z.number().int(),
    version: z.string(),
    objective: z.record(z.string(), z.number()).optional().describe('Per-term objective totals.'),
    stopped: z
      .enum(['completed', 'time-limit', 'aborted'])
      .optional()
      .describe('Why the search stopped: all passes done, the time limit, or an abort (the best plan found so far).'),
  }),
  visits: z.array(PlannedVisit),
  routes: z.array(Route),
  unplanned: z.array(UnplannedItem),
  kpis: Kpis.optional(),
  explanations: PlanExplanations.optional(),
  locks: z.array(VisitLock).optional().describe('Locks and frozen visits a replanned plan keeps (checked by `slinga check`).'),
  frozenBefore: OffsetDateTime.optional().describe('Replanned with `--now`: nothing that started before this instant changed.'),
  changes: PlanDiff.optional().describe('What changed against the plan that was replanned.'),
  releasedShifts: z.array(ReleasedShift).optional().describe('Optional shifts of the roster the plan does without (present when the roster has optional shifts).'),
});
export type Plan = z.infer<typeof Plan>;
export type PlanInput = z.input<typeof Plan>;
