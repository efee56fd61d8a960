import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { useCli } from './harness.js';
import type { Plan } from '../../src/schema/plan.js';
import { miniInstance } from '../fixtures/mini.js';
import { planned } from '../report/fixtures.js';

const cli = useCli('slinga-diff-');
const { out, err, file } = cli;

/** The mini instance's baseline plan and a changed copy: v2 restaffed, v3 retimed, v4 moved day, v7 removed. */
function plans(): { old: Plan; next: Plan } {
  const { plan } = planned(miniInstance());
  const next = structuredClone(plan);
  const v = (id: string): Plan['visits'][number] => next.visits.find((x) => x.id === id)!;
  v('v2').staff = ['s2'];
  Object.assign(v('v3'), { start: '2026-03-23T12:30:00+01:00', end: '2026-03-23T12:45:00+01:00' });
  Object.assign(v('v4'), { date: '2026-03-23', start: '2026-03-23T14:00:00+01:00', end: '2026-03-23T15:00:00+01:00' });
  next.visits = next.visits.filter((x) => x.id !== 'v7');
  return { old: plan, next };
}

describe('slinga diff', () => {
  it('--json prints the PlanDiff contract', async () => {
    const { old, next } = plans();
    const code = await main(['diff', file('i.json', miniInstance()), file('old.json', old), file('new.json', next), '--json']);
    expect(code).toBe(0);
    const d = JSON.parse(out.join(''));
    expect(Object.keys(d)).toEqual(['visits', 'staff', 'clients']);
    expect(d.visits).toEqual({ unchanged: 4, restaffed: 1, retimed: 1, movedDay: 1, added: 0, removed: 1 });
    expect(d.staff).toEqual([
      { staffId: 's1', added: [], removed: ['v2', 'v7'], retimed: ['v3', 'v4'] },
      { staffId: 's2', added: ['v2'], removed: [], retimed: [] },
    ]);
    expect(d.clients).toEqual([
      {
        clientId: 'c1',
        changed: [
          { visitId: 'v2', what: 'restaffed', from: '2026-03-23T08:30:00+01:00 s1', to: '2026-03-23T08:30:00+01:00 s2' },
          { visitId: 'v3', what: 'retimed', from: '2026-03-23T11:45:00+01:00 s1', to: '2026-03-23T12:30:00+01:00 s1' },
          { visitId: 'v4', what: 'movedDay', from: '2026-03-29T07:05:00+02:00 s1', to: '2026-03-23T14:00:00+01:00 s1' },
        ],
      },
      { clientId: 'c2', changed: [{ visitId: 'v7', what: 'removed', from: '2026-03-29T12:05:00+02:00 s1', to: null }] },
    ]);
  });

  it('prints counts, whom to tell and whom to call without --json', async () => {
    const { old, next } = plans();
    expect(await main(['diff', file('i.json', miniInstance()), file('old.json', old), file('new.json', next)])).toBe(0);
    const text = out.join('');
    expect(text).toContain('visits: 4 unchanged, 1 restaffed, 1 retimed, 1 moved day, 0 added, 1 removed');
    expect(text).toContain('  s2: added v2\n');
    expect(text).toContain('    v7 removed: 2026-03-29T12:05:00+02:00 s1 → —\n');
  });

  it('exit 2 on a plan of the wrong shape (file and path) or of another instance', async () => {
    const { old, next } = plans();
    const inst = file('i.json', miniInstance());
    expect(await main(['diff', inst, file('old.json', old), file('bad.json', { visits: 3 }), '--json'])).toBe(2);
    expect(err.join('')).toMatch(/bad\.json: SCHEMA at/);
    expect(await main(['diff', inst, file('old.json', old), file('other.json', { ...next, instanceId: 'other' })])).toBe(2);
    expect(err.join('')).toContain('other.json: the plan is for instance "other", not "mini"');
    expect(await main(['diff', inst, file('old.json', old)])).toBe(2);
  });
});
