/**
 * The report's data built for many plans of one instance (`ReportDataBuilder`, `ReportViewer`, the
 * board's drags) is exactly what a fresh `buildReportData` / `reportView` builds for each plan: rows
 * kept per visit and route object, route rows rebuilt when the visits' numbering changes.
 */
import { describe, expect, it } from 'vitest';
import { PeriodClock, isoWeekday } from '../../src/calendar.js';
import { diffPlans } from '../../src/plan/diff.js';
import { buildReportData, ReportDataBuilder, ReportViewer, reportView } from '../../src/report/index.js';
import type { Plan } from '../../src/schema/plan.js';
import { miniInstance } from '../fixtures/mini.js';
import { planned, tiny } from './fixtures.js';

/** Plans derived from `plan` as the board derives them: a few visits and routes replaced by new objects, the rest shared. */
function derivedPlans(plan: Plan): Plan[] {
  const out: Plan[] = [];
  const clock = (iso: string, minutes: number): string => new Date(Date.parse(iso) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
  for (let k = 0; k < 6; k++) {
    const i = (k * 7) % plan.visits.length;
    const visits = [...plan.visits];
    const v = visits[i]!;
    // Retimed by k × 5 minutes, or given the staff of another visit.
    visits[i] = k % 2 === 0 ? { ...v, start: clock(v.start, 5 * k), end: clock(v.end, 5 * k) } : { ...v, staff: [...visits[(i + 1) % visits.length]!.staff] };
    const routes = plan.routes.map((r, j) => (j === k % plan.routes.length ? { ...r, events: r.events.filter((e) => e.type !== 'wait') } : r));
    out.push({ ...plan, visits, routes });
  }
  // A visit dropped (all later visits renumbered), a visit of an unknown client, then the plan itself again.
  out.push({ ...plan, visits: plan.visits.slice(1) });
  out.push({ ...plan, visits: [{ ...plan.visits[0]!, clientId: 'nobody' }, ...plan.visits.slice(1)] });
  out.push(plan);
  return out;
}

describe('ReportDataBuilder', () => {
  it('gives buildReportData’s data for every plan it is reused for (tiny sample)', () => {
    const { instance, plan } = tiny();
    const clock = new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
    const label = (d: string): string => `${isoWeekday(d)} ${d}`;
    const builder = new ReportDataBuilder(instance, clock, label);
    expect(builder.build(plan)).toEqual(buildReportData(instance, plan, clock, label));
    for (const p of derivedPlans(plan)) expect(builder.build(p)).toEqual(buildReportData(instance, p, clock, label));
  });
});

describe('ReportViewer', () => {
  it('gives reportView’s view in both languages, also of a replanned plan with changes', () => {
    const { instance, plan } = tiny();
    const viewer = new ReportViewer(instance);
    for (const p of [plan, ...derivedPlans(plan)]) {
      expect(viewer.view(p, 'sv')).toEqual(reportView(instance, p, 'sv'));
      expect(viewer.view(p, 'en')).toEqual(reportView(instance, p, 'en'));
    }

    const mini = planned(miniInstance());
    const ref: Plan = structuredClone(mini.plan);
    // In the reference a single-staffed visit had the other staff member: restaffed in the plan.
    const v = ref.visits.find((x) => x.staff.length === 1)!;
    v.staff = [mini.instance.staff.find((s) => !v.staff.includes(s.id))!.id];
    const changed: Plan = { ...mini.plan, changes: diffPlans(ref, mini.plan) };
    const miniViewer = new ReportViewer(mini.instance);
    for (const p of [changed, ...derivedPlans(changed)]) {
      const view = miniViewer.view(p, 'sv');
      expect(view).toEqual(reportView(mini.instance, p, 'sv'));
      expect(view.changes).toContain(v.id);
    }
  });
});
