/**
 * What the note writers read about one client, resolved once per plan.
 * @module
 */
import type { KpiAnalysis } from '../kpi/analysis.js';
import type { VisitFact } from '../kpi/context.js';
import type { Client } from '../schema/instance.js';
import type { Roster } from './roster.js';
import type { WindowStaff } from './window.js';

/** One client with the plan-wide facts its notes need. */
export interface ClientFacts {
  readonly analysis: KpiAnalysis;
  readonly roster: Roster;
  readonly windows: WindowStaff;
  readonly client: Client;
  /** The client's planned visits, in plan order. */
  readonly visits: readonly VisitFact[];
  /** How many dates, visits or references a note lists before `and N more`. */
  readonly maxListed: number;
}

/** A visit named by id, local date and start: `v9 2026-02-04 11:00`. */
export function visitRef(f: ClientFacts, v: VisitFact): string {
  return `${v.visit.id} ${v.date} ${f.analysis.ctx.clock.clockOf(v.start)}`;
}
