/**
 * Minimal change (replanning): a visit of the plan in force done on another day than there costs
 * one unit — the client expected it that day, and moving it is a phone call and a new agreement. A
 * replan moves a visit only when it cannot be done on its own day (it stays unplanned there after
 * the search) and its task may be done on another day of the same week (weekly tasks): the new day's
 * search then carries this cost for the visit on every staff member, so the engine weighs it
 * exactly against leaving the visit out (always worse: unplanned counts first) and the visit's
 * other costs.
 */

/** The moved-day term: one unit per moved visit, with its justification. */
export const movedDay = {
  name: 'movedDay' as const,
  unit: 'visit',
  /** Why a visit costs under this term; `clientId` names the visit, dates `YYYY-MM-DD`. */
  justify(clientId: string, fromDate: string, toDate: string): string {
    return `client ${clientId}'s visit of ${fromDate} in the plan in force could not be done that day and is moved to ${toDate}`;
  },
  summary(visits: number): string {
    return `${visits} visits of the plan in force moved to another day of their week (they could not be done on their own)`;
  },
};
