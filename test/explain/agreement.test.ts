import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../data/generator/index.js';
import { explainClients } from '../../src/explain/index.js';
import { analysePlan } from '../../src/kpi/analysis.js';
import { computeKpiReport } from '../../src/kpi/index.js';
import { mean, median, minMax } from '../../src/kpi/stats.js';
import { planBaseline } from '../../src/plan/baseline.js';
import type { Instance, InstanceInput } from '../../src/schema/instance.js';
import { ClientSummary, type Plan, type PreferenceTally } from '../../src/schema/plan.js';
import { parseInstance } from '../../src/validate/index.js';

function planned(input: InstanceInput): { instance: Instance; plan: Plan } {
  const r = parseInstance(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { instance: r.instance, plan: planBaseline(r.instance) };
}

function sampleFile(name: string): InstanceInput {
  return JSON.parse(readFileSync(new URL(`../../data/samples/${name}`, import.meta.url), 'utf8')) as InstanceInput;
}

function sample(): InstanceInput {
  return sampleFile('tiny-4242.json');
}

function pooled(tallies: readonly (PreferenceTally | null)[]): number | null {
  let met = 0;
  let total = 0;
  for (const t of tallies) {
    if (!t) continue;
    met += t.met;
    total += t.total;
  }
  return total > 0 ? met / total : null;
}

const CASES: [string, () => InstanceInput][] = [
  ['the bundled tiny-4242 sample (14 days)', sample],
  ['a generated tiny instance (7 days)', () => generateScenario({ profile: 'tiny', seed: 11, days: 7 })],
  // Larger (a few seconds), but with clients eligible for the national continuity measure.
  ['the bundled knivsta-4242 sample (14 days)', () => sampleFile('knivsta-4242.json')],
];

describe.each(CASES)('agreement with computeKpis on %s', (_name, input) => {
  const { instance, plan } = planned(input());
  const { kpis, breakdown } = computeKpiReport(instance, plan);
  const summaries = explainClients(instance, plan);

  it('has one schema-valid summary per client, in instance order', () => {
    expect(summaries.map((s) => s.clientId)).toEqual(instance.clients.map((c) => c.id));
    for (const s of summaries) expect(ClientSummary.parse(s)).toEqual(s);
  });

  it('matches the per-client breakdown', () => {
    for (const [i, s] of summaries.entries()) {
      const row = breakdown.clients[i]!;
      expect(s.granted.totalMinutes).toBe(row.grantedMinutes);
      expect(s.planned.totalMinutes).toBe(row.plannedMinutes);
      expect(s.planned.careMinutes + s.planned.serviceMinutes).toBe(row.plannedMinutes);
      expect(s.fidelity).toBe(row.fidelity);
      expect(s.withinTolerance).toBe(row.withinTolerance);
      expect(s.visits).toBe(row.visits);
      expect(s.distinctStaff.period).toBe(row.distinctStaff);
      expect(s.staffMet.length).toBe(row.distinctStaff);
      expect(s.distinctStaff.nationalEligible ? s.distinctStaff.window : null).toBe(row.nationalContinuity);
      expect(s.namedContact?.share ?? null).toBe(row.namedContactShare);
      expect(s.unplanned).toEqual({ count: row.unplannedCount, minutes: row.unplannedMinutes });
    }
  });

  it('pools to the plan KPIs', () => {
    const ratios = summaries.flatMap((s) => (s.fidelity === null ? [] : [s.fidelity]));
    const range = minMax(ratios);
    expect(kpis.grantedFidelity).toEqual({
      min: range?.min ?? null,
      median: median(ratios),
      max: range?.max ?? null,
      withinTolerance: ratios.length > 0 ? summaries.filter((s) => s.withinTolerance).length / ratios.length : null,
    });
    const eligible = summaries.filter((s) => s.distinctStaff.nationalEligible).map((s) => s.distinctStaff.window);
    expect(kpis.continuity.national).toMatchObject({ eligibleClients: eligible.length, mean: mean(eligible), median: median(eligible) });
    expect(summaries.every((s) => s.distinctStaff.windowDays === kpis.continuity.national.windowDays)).toBe(true);
    const all = summaries.filter((s) => s.visits > 0).map((s) => s.distinctStaff.period);
    expect(kpis.continuity.all).toEqual({ clients: all.length, mean: mean(all), median: median(all) });
    const named = summaries.flatMap((s) => (s.namedContact ? [{ met: s.namedContact.visits, total: s.visits }] : []));
    expect(kpis.namedContactShare).toBe(pooled(named));
    expect(kpis.preferences).toEqual({
      timeShare: pooled(summaries.map((s) => s.preferences.timeRanges)),
      staffShare: pooled(summaries.map((s) => s.preferences.staff)),
      dayShare: pooled(summaries.map((s) => s.preferences.days)),
    });
    expect(summaries.reduce((n, s) => n + s.visits, 0)).toBe(kpis.visits);
    expect(summaries.reduce((n, s) => n + s.unplanned.count, 0)).toBe(kpis.unplanned.count);
  });

  it('gives the same result with a precomputed analysis', () => {
    expect(explainClients(instance, plan, { analysis: analysePlan(instance, plan) })).toEqual(summaries);
  });
});

describe('privacy', () => {
  it('no summary contains a name, an address or a task description', () => {
    const input = sample();
    const secrets: string[] = [];
    input.clients.forEach((c, i) => {
      c.name = `ClientName${i} Svensson`;
      c.address = `Hemgatan ${i + 1}, 741 30 Knivsta`;
      c.tasks.forEach((t, k) => (t.description = `Diagnosis-${i}-${k}: insulin, dementia`));
      secrets.push(c.name, c.address, ...c.tasks.map((t) => t.description!));
    });
    input.staff.forEach((s, i) => {
      s.name = `StaffName${i} Berg`;
      secrets.push(s.name);
    });
    input.bases.forEach((b, i) => {
      b.name = `BaseName${i}`;
      secrets.push(b.name);
    });
    const { instance, plan } = planned(input);
    const summaries = explainClients(instance, plan);
    expect(summaries.flatMap((s) => s.notes).length).toBeGreaterThan(0);
    const text = JSON.stringify(summaries);
    for (const secret of secrets) expect(text).not.toContain(secret);
    for (const word of ['Svensson', 'Hemgatan', 'Diagnosis', 'dementia', 'StaffName', 'BaseName']) expect(text).not.toContain(word);
  });
});
