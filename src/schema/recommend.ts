import { z } from 'zod';
import { Id, LocalDate, OffsetDateTime } from './common.js';
import { Client, TaskCategory, TimeRange } from './instance.js';

/**
 * A new one-off visit to recommend a place for (`slinga recommend --visit visit.json`): a client,
 * the day, its minutes, allowed start windows, skills and staff count. It becomes a task of the
 * client due once, that day.
 */
export const OneOffVisit = z
  .object({
    clientId: Id,
    date: LocalDate.describe('The day of the visit.'),
    taskId: Id.optional().describe('Id of the one-off task (default `extra-<date>`).'),
    category: TaskCategory.default('service'),
    minutes: z.number().int().min(1).max(600),
    windows: z.array(TimeRange).default([]).describe('Allowed start windows (any one); empty = any time inside a shift.'),
    skills: z.array(Id).default([]),
    staffCount: z.union([z.literal(1), z.literal(2)]).default(1),
  })
  .describe('A new one-off visit to place.');
export type OneOffVisit = z.infer<typeof OneOffVisit>;

/** What to recommend for: a new one-off visit, an unplanned occurrence, an absent staff member, or a new client. */
export const RecommendRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('visit'), visit: OneOffVisit }),
  z
    .object({ type: z.literal('unplanned'), unplanned: z.string().min(1) })
    .describe('An unplanned occurrence of the plan: its index in `plan.unplanned` or `clientId/taskId/date`.'),
  z.object({ type: z.literal('replace'), staffId: Id, from: OffsetDateTime, to: OffsetDateTime }).describe('Replacements for the visits of a staff member who is away from `from` to `to`.'),
  z.object({ type: z.literal('client'), client: Client, from: LocalDate }).describe('A new client (admission) from a date.'),
]);
export type RecommendRequest = z.infer<typeof RecommendRequest>;
export type RecommendRequestInput = z.input<typeof RecommendRequest>;

/** One way to place a visit: who, when, what it costs by term, and why. */
export const RecommendOption = z.object({
  /** The staff member (the first of two for double staffing). */
  staffId: Id,
  /** Every staff member of the visit (two for double staffing). */
  staff: z.array(Id).min(1),
  date: LocalDate,
  start: OffsetDateTime,
  end: OffsetDateTime,
  /** Change of the plan's objective (lower is better). */
  costDelta: z.number(),
  /** Change of each objective term's cost (only terms that change). */
  terms: z.record(z.string(), z.number()),
  /** Change of each term's units (travel minutes, new faces, visits …). */
  units: z.record(z.string(), z.number()),
  /** Whether the client has met every staff member of the option (history or this plan). */
  met: z.boolean(),
  /** Visits of the plan in force whose start the option shifts (each by at most 15 minutes, same staff). */
  moves: z.number().int().min(0),
  /** The plan's visit this option places (replacements and unplanned occurrences of the plan). */
  visitId: Id.optional(),
  reason: z.string(),
});
export type RecommendOption = z.infer<typeof RecommendOption>;

/** Replacements for one visit of an absent staff member, best first. */
export const VisitReplacements = z.object({
  visitId: Id,
  clientId: Id,
  date: LocalDate,
  start: OffsetDateTime,
  options: z.array(RecommendOption),
});

/** One occurrence of a new client's care: whether it fits, and where. */
export const AdmissionOccurrence = z.object({
  taskId: Id,
  date: LocalDate,
  fits: z.boolean(),
  staff: z.array(Id),
  start: OffsetDateTime.nullable(),
});

/** A team's answer for a new client: how much fits and what it costs. */
export const AdmissionTeam = z.object({
  teamId: Id,
  fits: z.number().int().min(0),
  of: z.number().int().min(0),
  costDelta: z.number(),
  travelMinutes: z.number(),
  /** Change of each objective term's cost and units with the client's visits placed. */
  terms: z.record(z.string(), z.number()),
  units: z.record(z.string(), z.number()),
  /** Distinct staff the client would meet over the period. */
  distinctStaff: z.number().int().min(0),
  occurrences: z.array(AdmissionOccurrence),
});

/** What `recommend` returns (`slinga recommend --json`): options best first, and per kind the detail. */
export const Recommendation = z.object({
  type: z.enum(['visit', 'unplanned', 'replace', 'client']),
  options: z.array(RecommendOption),
  /** `replace`: per visit of the absent staff member its ranked replacements. */
  visits: z.array(VisitReplacements).optional(),
  /** `client`: every team tried, the cheapest that fits most first. */
  teams: z.array(AdmissionTeam).optional(),
  /** Options that were found but failed the independent checker once inserted (should be 0). */
  rejected: z.number().int().min(0),
  message: z.string(),
});
export type Recommendation = z.infer<typeof Recommendation>;
