/**
 * Minimal change (replanning): a staff member's shift whose visits differ from the plan in force —
 * one added, one taken away — costs one unit, whatever the number of visits that changed: the
 * staff member must be told and must read the new route. With `restaffed` (per visit) it makes a
 * replan give an absent colleague's visits to few others rather than a little to everyone. Times
 * alone do not count (see `retimed`); a visit cancelled by the changes does not count either (the
 * route is compared with the plan in force less what the changes removed).
 */

/** The route-change term: one unit per changed shift, with its justification. */
export const routeChanged = {
  name: 'routeChanged' as const,
  unit: 'changed route',
  /** Visits a route gained and lost against its reference (each a set; the route changed when either is above 0). */
  change<T>(reference: readonly T[], now: readonly T[]): { added: number; removed: number } {
    const had = new Set(reference);
    const added = now.filter((x) => !had.has(x)).length;
    return { added, removed: had.size - (now.length - added) };
  },
  /** Why a shift costs under this term: its staff id and date, visits added and taken away. */
  justify(staffId: string, date: string, added: number, removed: number): string {
    return `${staffId}'s route of ${date} changed against the plan in force: ${added} visits added, ${removed} taken away`;
  },
  summary(routes: number): string {
    return `${routes} staff routes differ from the plan in force in their visits (each a staff member to tell)`;
  },
};
