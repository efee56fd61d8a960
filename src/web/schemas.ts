/**
 * Bodies of the board's endpoint `POST /v1/plans/{id}/evaluate` (zod; the handler parses with them
 * and /openapi.json is generated from them).
 */
import { z } from 'zod';
import { ClockTime, Id } from '../schema/common.js';
import { Plan, TermTotal } from '../schema/plan.js';
import { CheckResponse } from '../service/schemas.js';

/** A hand edit: a visit given to other staff and/or started at another clock time on its day. */
export const Move = z
  .strictObject({
    visitId: Id.describe('A visit of the job\u2019s plan.'),
    staff: z.array(Id).min(1).max(2).optional().describe('Who makes it (default: as planned).'),
    start: ClockTime.optional().describe('Local start time on the visit\u2019s date (default: as planned); its length stays.'),
  })
  .describe('Move one visit.');
export type Move = z.infer<typeof Move>;

/** `POST /v1/plans/{id}/evaluate`. */
export const EvaluateRequest = z.strictObject({
  moves: z.array(Move).max(1000).default([]).describe('Applied in order to the job\u2019s plan; a later move of a visit wins. None: the plan as it came.'),
  lang: z.enum(['sv', 'en']).default('sv').describe('Language of the view\u2019s texts.'),
  withPlan: z.boolean().default(false).describe('Include the moved plan (for `POST /v1/replan`).'),
  changesOnly: z
    .boolean()
    .default(false)
    .describe('Answer `viewChanges` against the view of the plan as it came (moves none) instead of the whole `view` and `ids`, when the visits are the same list.'),
});
export type EvaluateRequest = z.infer<typeof EvaluateRequest>;

/** The answer: the checker's verdict, the objective's terms and their change, and the view to draw. */
export const EvaluateResponse = CheckResponse.extend({
  introduced: z.number().int().min(0).describe('Violations the moves brought (not in the plan as it came).'),
  terms: z.array(TermTotal).describe('The weekly objective\u2019s terms of the moved plan, as the planner totals them.'),
  delta: z
    .object({ total: z.number(), terms: z.record(z.string(), z.number()), units: z.record(z.string(), z.number()) })
    .describe('Change of each term\u2019s cost and units against the plan as it came (only terms that change).'),
  moved: z.array(Id).describe('Visits whose staff or start the moves changed.'),
  ids: z.array(Id).optional().describe('The plan\u2019s visit id of each visit of the view, in the view\u2019s order (with `changesOnly` only when they differ from the plan\u2019s as it came).'),
  locked: z.array(Id).describe('Visits the plan\u2019s locks keep (a replanned plan).'),
  view: z.record(z.string(), z.unknown()).optional().describe('The report\u2019s data model of the moved plan (map and timelines), with its texts; absent when `viewChanges` is sent.'),
  viewChanges: z
    .object({
      visits: z.array(z.tuple([z.number().int(), z.unknown()])).describe('[index, row] of each visit row that differs.'),
      days: z.array(z.tuple([z.number().int(), z.array(z.unknown())])).describe('[day index, the day\u2019s routes in order] of each day whose routes differ.'),
      parts: z.record(z.string(), z.unknown()).describe('Other parts of the view that differ, whole (null: absent).'),
    })
    .optional()
    .describe('With `changesOnly`: what differs from the view of the plan as it came; that view with these rows, days and parts replaced is the whole view.'),
  changes: z.string().optional().describe('The report\u2019s "Changes" section (HTML) of a replanned plan (not with `viewChanges`).'),
  plan: Plan.optional().describe('The moved plan (`withPlan`).'),
});
