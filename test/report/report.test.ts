import { beforeAll, describe, expect, it } from 'vitest';
import { PeriodClock } from '../../src/calendar.js';
import { computeKpis } from '../../src/kpi/index.js';
import { clockSegments, escapeHtml, renderReport, type ReportData } from '../../src/report/index.js';
import type { Instance } from '../../src/schema/instance.js';
import type { Plan } from '../../src/schema/plan.js';
import { HOSTILE, hostileMini, knivsta, tiny } from './fixtures.js';

/** The JSON embedded in a report. */
function embedded(html: string): ReportData & { t: Record<string, string> } {
  const m = /<script type="application\/json" id="data">([^]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no embedded data');
  return JSON.parse(m[1]!) as ReportData & { t: Record<string, string> };
}

/** Asserts that every staff member, client and unplanned item of the plan appears in the report. */
function expectComplete(instance: Instance, plan: Plan, html: string): void {
  for (const [i, s] of instance.staff.entries()) {
    const row = new RegExp(`<tr data-s="${i}">(.*?)</tr>`).exec(html);
    expect(row, `staff ${s.id}`).not.toBeNull();
    expect(row![1]).toContain(escapeHtml(s.id));
    expect(html).toContain(`<option value="${i}">${escapeHtml(s.name ? `${s.name} (${s.id})` : s.id)}</option>`);
  }
  for (const [i, c] of instance.clients.entries()) {
    const row = new RegExp(`<tr data-c="${i}">(.*?)</tr>`).exec(html);
    expect(row, `client ${c.id}`).not.toBeNull();
    expect(row![1]).toContain(escapeHtml(c.id));
    if (c.name) expect(row![1]).toContain(escapeHtml(c.name));
  }
  const rows = [...html.matchAll(/<tr data-team="-?\d+" data-from="\d+" data-to="\d+">(.*?)<\/tr>/g)].map((m) => m[1]!);
  expect(rows).toHaveLength(plan.unplanned.length);
  plan.unplanned.forEach((u, i) => {
    for (const s of [u.clientId, u.taskId, u.from, u.to, u.message]) expect(rows[i]).toContain(escapeHtml(s));
  });
  const data = embedded(html);
  expect(data.staff.map((s) => s[0])).toEqual(instance.staff.map((s) => s.id));
  expect(data.clients.map((c) => c[0])).toEqual(instance.clients.map((c) => c.id));
  expect(data.visits).toHaveLength(plan.visits.length);
  expect(data.routes).toHaveLength(plan.routes.length);
  // every visit event of every route points at its visit
  const visitEvents = data.routes.reduce((n, r) => n + r[6].filter((_, k) => k % 5 === 0 && r[6][k] === 2).length, 0);
  expect(visitEvents).toBe(plan.visits.reduce((n, v) => n + v.staff.length, 0));
}

describe('renderReport', () => {
  it('is one self-contained document: no external resources, a CSP that forbids the network', () => {
    const { instance, plan } = tiny();
    const html = renderReport(instance, plan);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<link\b|<img\b|<iframe\b|\bsrc=|@import|url\(/i);
    expect(html).toContain(`default-src 'none'`);
    expect(html.match(/<script\b/g)).toHaveLength(2);
  });

  it('lists every staff member, client and unplanned item (tiny and hostile mini)', () => {
    for (const { instance, plan } of [tiny(), hostileMini()]) expectComplete(instance, plan, renderReport(instance, plan));
  });

  it('escapes every name, address and message; never shows task descriptions', () => {
    const { instance, plan } = hostileMini();
    const html = renderReport(instance, plan);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script><');
    expect(html).not.toContain('alert(2)</script>');
    expect(html).not.toContain('<b>Kontoret');
    expect(html).not.toContain('<b>not');
    expect(html).not.toContain('<i>Norr');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain(escapeHtml(HOSTILE.client));
    expect(html).toContain(escapeHtml(HOSTILE.staff));
    expect(html).toContain(escapeHtml(HOSTILE.team));
    expect(html).toContain(escapeHtml('<b>not</b>'));
    expect(html).not.toContain(HOSTILE.description);
    // The embedded JSON keeps names intact but cannot close its element.
    const data = embedded(html);
    expect(data.clients[0]![1]).toBe(HOSTILE.client);
    expect(data.clients[0]![5]).toBe(HOSTILE.address);
    expect(data.bases[0]![1]).toBe(HOSTILE.base);
  });

  it('is Swedish by default and English with lang en', () => {
    const { instance, plan } = tiny();
    const sv = renderReport(instance, plan);
    const en = renderReport(instance, plan, { lang: 'en' });
    expect(sv).toContain('<html lang="sv">');
    expect(sv).toContain('Personalkontinuitet (nationellt mått)');
    expect(sv).toContain('Körlistor');
    expect(embedded(sv).t.korlista).toBe('Körlista');
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Staff continuity (national measure)');
    expect(en).toContain('Route sheets');
    expect(embedded(en).t.korlista).toBe('Route sheet');
    expect(en).not.toContain('Personalkontinuitet (nationellt');
  });

  it('shows the KPIs computed by computeKpis', () => {
    const { instance, plan } = tiny();
    const k = computeKpis(instance, plan);
    const en = renderReport(instance, plan, { lang: 'en' });
    expect(en).toContain(`${k.visits} visits`);
    expect(en).toContain(new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(k.clientTimeShare!));
    const sv = renderReport(instance, plan);
    expect(sv).toContain(new Intl.NumberFormat('sv-SE', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(k.travelShare!));
  });

  it('is deterministic', () => {
    const a = tiny();
    const b = tiny();
    expect(renderReport(a.instance, a.plan)).toBe(renderReport(b.instance, b.plan));
  });

  it('maps minutes to local clock times across the spring DST switch', () => {
    const clock = new PeriodClock('2026-03-23', 7, 'Europe/Stockholm');
    const segs = clockSegments(clock);
    const wall = (m: number): number => {
      let s = segs[0]!;
      for (const x of segs) if (x[0] <= m) s = x;
      return (s[1] + m - s[0]) % 1440;
    };
    expect(segs).toHaveLength(2);
    for (let m = 0; m < clock.dayStarts[7]! + 1440; m += 7) {
      const [hh, mm] = clock.clockOf(m).split(':').map(Number) as [number, number];
      expect(wall(m)).toBe(hh * 60 + mm);
    }
    const autumn = new PeriodClock('2026-10-19', 14, 'Europe/Stockholm');
    expect(clockSegments(autumn)).toHaveLength(2);
  });
});

describe('renderReport on the knivsta 14-day plan (seed 4242)', () => {
  let instance: Instance;
  let plan: Plan;
  let html: string;
  beforeAll(() => {
    ({ instance, plan } = knivsta());
    html = renderReport(instance, plan);
  }, 120_000);

  it('stays under 5 MB', () => {
    const bytes = Buffer.byteLength(html);
    console.log(`knivsta report: ${(bytes / 1e6).toFixed(2)} MB, ${plan.visits.length} visits, ${plan.routes.length} routes`);
    expect(bytes).toBeLessThanOrEqual(5 * 1024 * 1024);
  });

  it('lists every staff member, client and unplanned item', () => {
    expectComplete(instance, plan, html);
  });
});
