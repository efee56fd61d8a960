import { describe, expect, it } from 'vitest';
import { parseInstance, type ValidationIssue } from '../../src/validate/index.js';
import { miniInstance } from '../fixtures/mini.js';

function issues(input: unknown): ValidationIssue[] {
  const r = parseInstance(input);
  return r.ok ? [...r.warnings] : [...r.issues];
}

describe('parseInstance', () => {
  it('accepts the mini instance and fills defaults', () => {
    const r = parseInstance(miniInstance());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.instance.period.timeZone).toBe('Europe/Stockholm');
    expect(r.instance.travel.detourFactor).toBe(1.3);
    expect(r.instance.planning.grantedTolerance).toEqual({ lower: 0.95, upper: 1 });
    expect(r.warnings).toEqual([]);
  });

  it('reports every shape problem with its JSON path, not only the first', () => {
    const bad = miniInstance() as Record<string, unknown> & { clients: { location: { lat: number } }[]; staff: { travelMode: string }[] };
    bad.clients[0]!.location.lat = 123;
    bad.staff[1]!.travelMode = 'rocket';
    const found = issues(bad);
    expect(found.map((i) => i.path).sort()).toEqual(['clients[0].location.lat', 'staff[1].travelMode']);
    expect(found.every((i) => i.code === 'SCHEMA' && i.hint.length > 0)).toBe(true);
  });

  it('collects all cross-reference problems with stable codes', () => {
    const bad = miniInstance();
    bad.staff[0]!.team = 'nope';
    bad.clients[1]!.id = 'c1';
    bad.clients[0]!.namedContact = 'ghost';
    bad.clients[0]!.preferences = { refusedStaff: ['s2'] };
    bad.clients[0]!.tasks[0]!.windows = [{ start: '09:00', end: '08:00' }];
    bad.period.timeZone = 'Mars/Olympus';
    const found = issues(bad);
    const byCode = (code: string) => found.filter((i) => i.code === code);
    expect(byCode('UNKNOWN_REF').map((i) => i.path)).toEqual(['staff[0].team', 'clients[0].namedContact']);
    expect(byCode('DUPLICATE_ID')[0]!.message).toBe('client id "c1" is used twice (first at clients[0].id).');
    expect(byCode('TIME_RANGE_ORDER')[0]!.path).toBe('clients[0].tasks[0].windows[0]');
    expect(byCode('UNKNOWN_TIME_ZONE')[0]!.message).toContain('Mars/Olympus');
  });

  it('finds a task nobody qualified can do', () => {
    const bad = miniInstance();
    bad.clients[0]!.tasks[1]!.skills = ['wound'];
    const [i] = issues(bad).filter((x) => x.code === 'NO_QUALIFIED_STAFF');
    expect(i!.path).toBe('clients[0].tasks[1]');
    expect(i!.message).toBe('Task insulin of client c1 needs 1 staff with skills [wound]; 0 qualified and not refused.');
  });

  it('counts refusals when looking for two staff for a double-staffed task', () => {
    const bad = miniInstance();
    bad.clients[1]!.preferences = { refusedStaff: ['s2'] };
    const [i] = issues(bad).filter((x) => x.code === 'NO_QUALIFIED_STAFF');
    expect(i!.message).toContain('needs 2 staff');
  });

  it('finds windows that fit no shift', () => {
    const bad = miniInstance();
    bad.clients[0]!.tasks[0]!.windows = [{ start: '19:00', end: '21:00' }];
    const [i] = issues(bad).filter((x) => x.code === 'WINDOW_NO_SHIFT');
    expect(i!.path).toBe('clients[0].tasks[0]');
    expect(i!.message).toContain('Task morning of client c1');
  });

  it('finds tasks that need more minutes than granted', () => {
    const bad = miniInstance();
    bad.clients[1]!.granted.careMinutes = 50; // lift 2 × 20 (double) + meals 2 × 15 = 70 min needed
    const [i] = issues(bad).filter((x) => x.code === 'GRANTED_TOO_SMALL');
    expect(i!.path).toBe('clients[1].granted.careMinutes');
    expect(i!.message).toBe("Client c2's care tasks need at least 70 staff-minutes in the period, but 50 are granted.");
  });

  it('finds a break that cannot fit its window, and a named contact who is refused', () => {
    const bad = miniInstance();
    bad.staff[0]!.shifts[0]!.break = { minutes: 60, earliestStart: '11:00', latestEnd: '11:30' };
    bad.clients[0]!.preferences = { refusedStaff: ['s1'] };
    const found = issues(bad);
    expect(found.find((i) => i.code === 'BREAK_RULE')!.path).toBe('staff[0].shifts[0].break');
    expect(found.find((i) => i.code === 'NAMED_CONTACT_REFUSED')!.message).toContain('named contact s1');
  });

  it('warns (does not fail) about a period not starting on Monday', () => {
    const ok = miniInstance();
    ok.period.start = '2026-03-24';
    ok.staff.forEach((s) => s.shifts.forEach((sh) => (sh.date = sh.date === '2026-03-23' ? '2026-03-24' : sh.date)));
    ok.clients[1]!.tasks[0]!.frequency = { type: 'weekdays', weekdays: [7] }; // the lift's Monday is now outside the roster
    const r = parseInstance(ok);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings.map((w) => [w.code, w.severity])).toEqual([['PERIOD_START', 'warning']]);
  });

  it('never puts names into messages', () => {
    const bad = miniInstance();
    bad.clients[0]!.name = 'Astrid Lindgren';
    bad.clients[0]!.tasks[1]!.skills = ['wound'];
    for (const i of issues(bad)) expect(i.message).not.toContain('Astrid');
  });
});
