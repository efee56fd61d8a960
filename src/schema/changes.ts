import { z } from 'zod';
import { ClockTime, Id, LocalDate, OffsetDateTime } from './common.js';
import { Client, Shift, Task } from './instance.js';
import { LockKeep } from './plan.js';

/**
 * What changed since a plan was made (`changes.json`, `slinga replan --changes`). Instants carry an
 * offset; `visitId` is the id in the plan being replanned. Semantics: docs/semantics.md ("Changes").
 */
export const Change = z.discriminatedUnion('type', [
  z.object({ type: z.literal('staffAbsent'), staffId: Id, from: OffsetDateTime, to: OffsetDateTime }).describe('A staff member is away (sick) from `from` to `to`.'),
  z
    .object({ type: z.literal('shiftChanged'), staffId: Id, shiftId: Id, start: ClockTime.optional(), end: ClockTime.optional(), removed: z.boolean().optional() })
    .describe('A shift starts or ends at another clock time, or is removed.'),
  z.object({ type: z.literal('shiftAdded'), staffId: Id, shift: Shift }).describe('An extra shift.'),
  z.object({ type: z.literal('clientAway'), clientId: Id, from: OffsetDateTime, to: OffsetDateTime }).describe('A client is away (hospital): visits starting in [from, to) do not happen.'),
  z.object({ type: z.literal('visitCancelled'), visitId: Id }),
  z.object({ type: z.literal('visitExtended'), visitId: Id, minutes: z.number().int().min(1).max(600) }).describe('A visit runs over by `minutes`.'),
  z.object({ type: z.literal('taskAdded'), clientId: Id, task: Task, from: LocalDate.optional() }).describe('A task granted from a date (default: the period start).'),
  z.object({ type: z.literal('taskRemoved'), clientId: Id, taskId: Id, from: LocalDate.optional() }).describe('A task ended from a date (default: the period start).'),
  z.object({ type: z.literal('clientAdded'), client: Client, from: LocalDate.optional() }).describe('A new client (admission) from a date.'),
  z.object({ type: z.literal('lock'), visitId: Id, keep: LockKeep }).describe('Keep a visit: its staff and time (all), its staff, or its time.'),
  z.object({ type: z.literal('unlock'), visitId: Id }).describe('Lift a lock of the plan being replanned.'),
  z.object({ type: z.literal('lockRoute'), staffId: Id, date: LocalDate }).describe('Keep every visit of a staff member on a date as it is.'),
]);
export type Change = z.infer<typeof Change>;

/** A changes file. */
export const Changes = z.object({ changes: z.array(Change) });
export type Changes = z.infer<typeof Changes>;
export type ChangesInput = z.input<typeof Changes>;
