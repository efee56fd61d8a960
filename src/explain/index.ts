/**
 * Per-client explanations of a plan: what each client is granted and gets, whom they meet, which
 * preferences are met, and sentences saying what was not met and why, where the instance and the plan
 * tell. Computed from the instance and the plan only, with the KPI modules' definitions, so the
 * figures agree with `computeKpis` and `computeBreakdown`.
 * @module
 */
import { analysePlan, type KpiAnalysis } from '../kpi/analysis.js';
import { breakdownFromAnalysis } from '../kpi/breakdown.js';
import { tallyShare, type Tally } from '../kpi/stats.js';
import { categoryBudget, durationBounds, expandDemand } from '../model/demand.js';
import type { Client, Instance } from '../schema/instance.js';
import type { ClientSummary, Plan, PreferenceTally } from '../schema/plan.js';
import type { ClientFacts } from './facts.js';
import { fidelityNote, unplannedNote, type BudgetMinutes } from './minutes-notes.js';
import { dayNotes, timeRangeNote } from './preference-notes.js';
import { Roster } from './roster.js';
import { attributeNote, attributeTally, capNote, namedContactNote, preferredStaffNote, refusedNotes, type AttributePreference } from './staff-notes.js';
import { windowStaff } from './window.js';

/** Options of {@link explainClients}. */
export interface ExplainOptions {
  /**
   * A finished `analysePlan` of the same instance and plan (e.g. the one the KPIs came from), so it
   * is not computed twice. Taken as given.
   */
  readonly analysis?: KpiAnalysis;
  /** How many dates, visits or references a note lists before `and N more`. Default 5. */
  readonly maxListed?: number;
}

/** `{met, total}` of a KPI tally. */
function fromTally(t: Tally): PreferenceTally {
  return { met: t.hits, total: t.total };
}

/** The gender and language preferences of a client as staff attributes (absent ones left out). */
function attributePreferences(client: Client): { gender: AttributePreference | null; language: AttributePreference | null } {
  const { staffGender, languages } = client.preferences;
  const spoken = languages.join(' or ');
  return {
    gender:
      staffGender === undefined
        ? null
        : { label: `of the preferred gender (${staffGender})`, who: `${staffGender} staff member`, test: (s) => s.gender === staffGender },
    language:
      languages.length === 0
        ? null
        : { label: `speaking a preferred language (${spoken})`, who: `staff member speaking ${spoken}`, test: (s) => s.languages.some((l) => languages.includes(l)) },
  };
}

/**
 * The most staff-minutes per client and budget that the occurrences due in the period allow at
 * their tasks' maximum durations (× staff count).
 */
function maximumMinutes(instance: Instance, dates: readonly string[]): Map<string, BudgetMinutes> {
  const out = new Map<string, BudgetMinutes>();
  const tasks = new Map(instance.clients.map((c) => [c.id, new Map(c.tasks.map((t) => [t.id, t]))]));
  for (const span of expandDemand(instance, dates)) {
    const task = tasks.get(span.clientId)!.get(span.taskId)!;
    const budget = categoryBudget(task.category);
    if (budget === 'none') continue;
    let m = out.get(span.clientId);
    if (!m) out.set(span.clientId, (m = { care: 0, service: 0 }));
    m[budget] += span.count * durationBounds(task).max * task.staffCount;
  }
  return out;
}

/**
 * Summarises the plan for every client of the instance, in instance order (see `ClientSummary` in
 * the plan schema). Figures follow the KPI definitions of docs/semantics.md and agree with
 * `computeKpis`/`computeBreakdown`: granted and planned staff-minutes and fidelity as the fidelity KPI,
 * distinct staff as the continuity KPI (the national window, history included), the named contact and
 * preference tallies as their KPIs. `notes` say what was not met and why where the instance and the
 * plan determine it: fidelity outside the tolerance (unplanned budgeted occurrences, granted time
 * beyond the tasks' maximum durations, room left within them), unplanned occurrences by reason code,
 * refused staff at a visit, the continuity cap exceeded, the named contact below its target share
 * (no shift that day, outside shift hours, missing skills, at another visit), preferred staff,
 * time ranges (a task allowed only outside them), days (task weekdays, the period, the roster) and
 * gender or language (nobody qualified with it on shift that day). Notes contain ids, dates, clock
 * times and minutes only: never names, addresses or task descriptions.
 */
export function explainClients(instance: Instance, plan: Plan, options: ExplainOptions = {}): ClientSummary[] {
  const a = options.analysis ?? analysePlan(instance, plan);
  const { ctx } = a;
  const maxListed = options.maxListed ?? 5;
  const rows = new Map(breakdownFromAnalysis(a).clients.map((r) => [r.clientId, r]));
  const roster = new Roster(ctx);
  const windows = windowStaff(ctx, a.continuity.kpi.national);
  const maxMinutes = maximumMinutes(instance, ctx.clock.dates);

  return instance.clients.map((client): ClientSummary => {
    const row = rows.get(client.id)!;
    const visits = ctx.visitsByClient.get(client.id) ?? [];
    const f: ClientFacts = { analysis: a, roster, windows, client, visits, maxListed };

    const planned = { care: 0, service: 0, none: 0 };
    const perStaff = new Map<string, number>();
    for (const v of visits) {
      for (const t of v.tasks) if (t.task) planned[categoryBudget(t.task.category)] += t.minutes * v.visit.staff.length;
      for (const s of v.visit.staff) perStaff.set(s, (perStaff.get(s) ?? 0) + 1);
    }
    const staffMet = [...perStaff]
      .map(([staffId, n]) => ({ staffId, visits: n }))
      .sort((x, y) => y.visits - x.visits || (x.staffId < y.staffId ? -1 : x.staffId > y.staffId ? 1 : 0));

    const named = a.namedContact.byClient.get(client.id);
    const prefs = a.preferences.byClient.get(client.id)!;
    const p = client.preferences;
    const attrs = attributePreferences(client);
    const granted = { care: client.granted.careMinutes, service: client.granted.serviceMinutes };

    const notes = [
      fidelityNote(f, { granted, planned, fidelity: row.fidelity, maxMinutes: maxMinutes.get(client.id) ?? { care: 0, service: 0 } }),
      unplannedNote(f),
      ...refusedNotes(f),
      capNote(f, staffMet),
      namedContactNote(f),
      preferredStaffNote(f),
      timeRangeNote(f),
      ...dayNotes(f),
      attrs.gender && attributeNote(f, attrs.gender),
      attrs.language && attributeNote(f, attrs.language),
    ].filter((n): n is string => typeof n === 'string');

    return {
      clientId: client.id,
      team: client.team,
      granted: { careMinutes: granted.care, serviceMinutes: granted.service, totalMinutes: row.grantedMinutes },
      planned: { careMinutes: planned.care, serviceMinutes: planned.service, totalMinutes: row.plannedMinutes, hslMinutes: planned.none },
      fidelity: row.fidelity,
      withinTolerance: row.withinTolerance,
      visits: row.visits,
      unplanned: { count: row.unplannedCount, minutes: row.unplannedMinutes },
      distinctStaff: {
        period: row.distinctStaff,
        window: windows.national.get(client.id)?.size ?? 0,
        windowDays: a.continuity.kpi.national.windowDays,
        nationalEligible: a.continuity.nationalByClient.has(client.id),
      },
      staffMet,
      namedContact:
        client.namedContact === undefined || !named
          ? null
          : { staffId: client.namedContact, visits: named.hits, share: tallyShare(named) },
      preferences: {
        timeRanges: p.timeRanges.length > 0 ? fromTally(prefs.time) : null,
        days: p.days !== undefined && p.days.length > 0 ? fromTally(prefs.day) : null,
        staff: p.preferredStaff.length > 0 ? fromTally(prefs.staff) : null,
        gender: attrs.gender && attributeTally(f, attrs.gender),
        language: attrs.language && attributeTally(f, attrs.language),
      },
      notes,
    };
  });
}
