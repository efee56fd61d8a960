import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeFollowup } from '../../src/followup/index.js';
import { buildManualPlan } from '../../src/manual/plan.js';
import { readVisitRows } from '../../src/manual/visits.js';
import { renderReport } from '../../src/report/index.js';
import { Instance } from '../../src/schema/instance.js';

const inst = Instance.parse({
  id: 'fu',
  period: { start: '2026-11-23', days: 7 },
  bases: [{ id: 'b1', location: { lat: 59.7255, lon: 17.787 } }],
  teams: [{ id: 't1' }],
  staff: ['s1', 's2'].map((id) => ({ id, team: 't1', base: 'b1', travelMode: 'car', shifts: [{ id: `${id}-1`, date: '2026-11-23', start: '07:00', end: '16:00' }] })),
  clients: ['c1', 'c2', 'c3'].map((id, i) => ({
    id,
    location: { lat: 59.73 + 0.02 * i, lon: 17.78 },
    team: 't1',
    granted: { careMinutes: 30 },
    tasks: [{ id: 'help', category: 'personal_care', frequency: { type: 'weekly', timesPerWeek: 1 }, duration: { standard: 30 } }],
  })),
});

async function rows(csv: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'slinga-fu-')), 'v.csv');
  writeFileSync(file, csv);
  return (await readVisitRows(file)).rows;
}

describe('followup', () => {
  it('counts missed, late, other staff and outside the plan; minutes granted vs planned vs performed', async () => {
    const planned = buildManualPlan(inst, await rows('brukare;datum;start;slut;personal\nc1;2026-11-23;08:00;08:30;s1\nc2;2026-11-23;09:00;09:30;s1\nc3;2026-11-23;10:00;10:30;s1\n'));
    if (!planned.ok) throw new Error('plan');
    // c1 on time by s1; c2 50 minutes late by s2 (not planned); c3 missed; an extra visit at c3 on Tuesday.
    const performed = await rows('client;staff;start;end\nc1;s1;2026-11-23 08:02;2026-11-23 08:31\nc2;s2;2026-11-23 09:50;2026-11-23 10:10\nc3;s1;2026-11-24 10:00;2026-11-24 10:20\n');
    const r = computeFollowup(inst, planned.plan, performed);
    if (!r.ok) throw new Error('followup');
    const f = r.followup;
    expect(f.totals).toMatchObject({ grantedMinutes: 90, plannedMinutes: 90, performedMinutes: 29 + 20 + 20, plannedVisits: 3, performedVisits: 2, missedVisits: 1, lateVisits: 1, byOtherStaff: 1, unplannedPerformed: 1 });
    const c2 = f.clients.find((c) => c.clientId === 'c2')!;
    expect(c2.late).toEqual([{ visitId: planned.plan.visits[1]!.id, minutesLate: 50 }]);
    expect(c2.distinctStaff).toEqual({ planned: 1, performed: 1 });
    expect(f.clients.find((c) => c.clientId === 'c3')!.missed).toEqual([planned.plan.visits[2]!.id]);
    expect(f.teams).toMatchObject([{ team: 't1', clients: 3, missedVisits: 1 }]);
    expect(f.continuity.performed.windowDays).toBe(7);
    const html = renderReport(inst, planned.plan, { lang: 'en', followup: f });
    expect(html).toContain('id="followup"');
    expect(html).toContain('Follow-up: granted, planned, performed');
  });
  it('an unknown client is an error with its line', async () => {
    const planned = buildManualPlan(inst, []);
    if (!planned.ok) throw new Error('plan');
    const r = computeFollowup(inst, planned.plan, await rows('client;staff;date;start;end\nc9;s1;2026-11-23;08:00;08:30\n'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => `${i.code}:${i.line}`)).toEqual(['UNKNOWN_CLIENT:2']);
  });
});
