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
});
export type Kpis = z.infer<typeof Kpis>;

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
  }),
  visits: z.array(PlannedVisit),
  routes: z.array(Route),
  unplanned: z.array(UnplannedItem),
  kpis: Kpis.optional(),
});
export type Plan = z.infer<typeof Plan>;
export type PlanInput = z.input<typeof Plan>;
