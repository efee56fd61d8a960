import { describe, expect, it } from 'vitest';
import { changedVisits, diffPlans, formatDiffText } from '../../src/plan/diff.js';
import { PlanDiff, Plan, type PlannedVisit } from '../../src/schema/plan.js';

/** A visit of 30 minutes on 2026-11-2x (CET, +01:00) at a local clock time. */
function visit(id: string, clientId: string, date: string, clock: string, staff: string[], tasks: string[] = ['care']): PlannedVisit {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  const end = h * 60 + m + 30;
  const hhmm = (x: number): string => `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
  return {
    id,
    clientId,
    date,
    start: `${date}T${clock}:00+01:00`,
    end: `${date}T${hhmm(end)}:00+01:00`,
    staff,
    tasks: tasks.map((taskId) => ({ taskId, minutes: 30 / tasks.length })),
  };
}

function plan(visits: PlannedVisit[]): Plan {
  return Plan.parse({ instanceId: 'x', meta: { solver: 't', strategy: 't', seed: 1, version: '0' }, visits, routes: [], unplanned: [] });
}

const MON = '2026-11-23';
const TUE = '2026-11-24';

describe('diffPlans', () => {
  it('identical plans: everything unchanged, nobody to tell or call', () => {
    const p = plan([visit('a', 'c1', MON, '08:00', ['s1']), visit('b', 'c2', MON, '09:00', ['s2', 's3'])]);
    const d = diffPlans(p, structuredClone(p));
    expect(d).toEqual({ visits: { unchanged: 2, restaffed: 0, retimed: 0, movedDay: 0, added: 0, removed: 0 }, staff: [], clients: [] });
    expect(PlanDiff.parse(d)).toEqual(d);
  });

  it('identity ignores visit ids, task order and duplicate task ids; instants compare across offsets', () => {
    const ref = plan([visit('a', 'c1', MON, '08:00', ['s1'], ['care', 'meal'])]);
    const moved = visit('z', 'c1', MON, '08:00', ['s1'], ['meal', 'care', 'care']);
    moved.start = '2026-11-23T09:10:00+02:00'; // 08:10 +01:00: 10 minutes later
    const d = diffPlans(ref, plan([moved]));
    expect(d.visits).toEqual({ unchanged: 1, restaffed: 0, retimed: 0, movedDay: 0, added: 0, removed: 0 });
  });

  it('restaffed: staff set differs; tell the one who gains and the one who loses it', () => {
    const d = diffPlans(plan([visit('a', 'c1', MON, '08:00', ['s1', 's2'])]), plan([visit('a2', 'c1', MON, '08:00', ['s2', 's3'])]));
    expect(d.visits).toEqual({ unchanged: 0, restaffed: 1, retimed: 0, movedDay: 0, added: 0, removed: 0 });
    expect(d.staff).toEqual([
      { staffId: 's1', added: [], removed: ['a'], retimed: [] },
      { staffId: 's3', added: ['a2'], removed: [], retimed: [] },
    ]);
    expect(d.clients).toEqual([
      { clientId: 'c1', changed: [{ visitId: 'a2', what: 'restaffed', from: '2026-11-23T08:00:00+01:00 s1,s2', to: '2026-11-23T08:00:00+01:00 s2,s3' }] },
    ]);
  });

  it('staff order alone is no restaffing', () => {
    const d = diffPlans(plan([visit('a', 'c1', MON, '08:00', ['s1', 's2'])]), plan([visit('a', 'c1', MON, '08:00', ['s2', 's1'])]));
    expect(d.visits.unchanged).toBe(1);
  });

  it('retimed: 16 minutes is a retime, 15 is not', () => {
    const ref = plan([visit('a', 'c1', MON, '08:00', ['s1']), visit('b', 'c2', MON, '10:00', ['s2'])]);
    const d = diffPlans(ref, plan([visit('a', 'c1', MON, '08:16', ['s1']), visit('b', 'c2', MON, '09:45', ['s2'])]));
    expect(d.visits).toEqual({ unchanged: 1, restaffed: 0, retimed: 1, movedDay: 0, added: 0, removed: 0 });
    expect(d.staff).toEqual([{ staffId: 's1', added: [], removed: [], retimed: ['a'] }]);
    expect(d.clients).toEqual([
      { clientId: 'c1', changed: [{ visitId: 'a', what: 'retimed', from: '2026-11-23T08:00:00+01:00 s1', to: '2026-11-23T08:16:00+01:00 s1' }] },
    ]);
  });

  it('restaffed and retimed: counted under each, never unchanged; two client entries', () => {
    const d = diffPlans(plan([visit('a', 'c1', MON, '08:00', ['s1', 's2'])]), plan([visit('a', 'c1', MON, '09:00', ['s1', 's3'])]));
    expect(d.visits).toEqual({ unchanged: 0, restaffed: 1, retimed: 1, movedDay: 0, added: 0, removed: 0 });
    expect(d.staff).toEqual([
      { staffId: 's1', added: [], removed: [], retimed: ['a'] },
      { staffId: 's2', added: [], removed: ['a'], retimed: [] },
      { staffId: 's3', added: ['a'], removed: [], retimed: [] },
    ]);
    expect(d.clients[0]!.changed.map((c) => c.what)).toEqual(['restaffed', 'retimed']);
    expect(changedVisits(d)).toEqual(new Map([['a', ['restaffed', 'retimed']]]));
  });

  it('added and removed: a different task set or client is another visit', () => {
    const ref = plan([visit('a', 'c1', MON, '08:00', ['s1']), visit('b', 'c2', MON, '09:00', ['s2'])]);
    const d = diffPlans(ref, plan([visit('a', 'c1', MON, '08:00', ['s1'], ['care', 'meal']), visit('c', 'c3', MON, '09:00', ['s2'])]));
    expect(d.visits).toEqual({ unchanged: 0, restaffed: 0, retimed: 0, movedDay: 0, added: 2, removed: 2 });
    expect(d.staff).toEqual([
      { staffId: 's1', added: ['a'], removed: ['a'], retimed: [] },
      { staffId: 's2', added: ['c'], removed: ['b'], retimed: [] },
    ]);
    expect(d.clients).toEqual([
      {
        clientId: 'c1',
        changed: [
          { visitId: 'a', what: 'added', from: null, to: '2026-11-23T08:00:00+01:00 s1' },
          { visitId: 'a', what: 'removed', from: '2026-11-23T08:00:00+01:00 s1', to: null },
        ],
      },
      { clientId: 'c2', changed: [{ visitId: 'b', what: 'removed', from: '2026-11-23T09:00:00+01:00 s2', to: null }] },
      { clientId: 'c3', changed: [{ visitId: 'c', what: 'added', from: null, to: '2026-11-23T09:00:00+01:00 s2' }] },
    ]);
    expect(changedVisits(d)).toEqual(new Map([['a', ['added']], ['c', ['added']]]));
  });

  it('movedDay: same client and tasks on another date of the same ISO week, not added + removed', () => {
    const ref = plan([visit('a', 'c1', MON, '08:00', ['s1']), visit('w', 'c1', MON, '10:00', ['s1'], ['clean'])]);
    const d = diffPlans(ref, plan([visit('a', 'c1', MON, '08:00', ['s1']), visit('w2', 'c1', TUE, '10:00', ['s2'], ['clean'])]));
    expect(d.visits).toEqual({ unchanged: 1, restaffed: 0, retimed: 0, movedDay: 1, added: 0, removed: 0 });
    expect(d.staff).toEqual([
      { staffId: 's1', added: [], removed: ['w'], retimed: [] },
      { staffId: 's2', added: ['w2'], removed: [], retimed: [] },
    ]);
    expect(d.clients).toEqual([
      { clientId: 'c1', changed: [{ visitId: 'w2', what: 'movedDay', from: '2026-11-23T10:00:00+01:00 s1', to: '2026-11-24T10:00:00+01:00 s2' }] },
    ]);
  });

  it('movedDay keeps same-date pairs first, tells kept staff as retimed, and never crosses ISO weeks', () => {
    // Two on Monday become one on Monday and one on Tuesday: the Monday pair is nearest, the other moved.
    const ref = plan([visit('m1', 'c1', MON, '08:00', ['s1']), visit('m2', 'c1', MON, '17:00', ['s1'])]);
    const d = diffPlans(ref, plan([visit('n1', 'c1', MON, '08:05', ['s1']), visit('n2', 'c1', TUE, '17:00', ['s1'])]));
    expect(d.visits).toEqual({ unchanged: 1, restaffed: 0, retimed: 0, movedDay: 1, added: 0, removed: 0 });
    expect(d.staff).toEqual([{ staffId: 's1', added: [], removed: [], retimed: ['n2'] }]);
    // Sunday 2026-11-29 → Monday 2026-11-30 is the next ISO week: removed + added.
    const e = diffPlans(plan([visit('a', 'c1', '2026-11-29', '08:00', ['s1'])]), plan([visit('b', 'c1', '2026-11-30', '08:00', ['s1'])]));
    expect(e.visits).toEqual({ unchanged: 0, restaffed: 0, retimed: 0, movedDay: 0, added: 1, removed: 1 });
  });

  it('two same-task visits on one day pair by nearest start, deterministically', () => {
    const ref = plan([visit('am', 'c1', MON, '08:00', ['s1']), visit('pm', 'c1', MON, '17:00', ['s2'])]);
    // Listed in the other order; the morning visit moved 20 min and the evening one 5 min.
    const next = plan([visit('x', 'c1', MON, '16:55', ['s2']), visit('y', 'c1', MON, '08:20', ['s1'])]);
    const d = diffPlans(ref, next);
    expect(d.visits).toEqual({ unchanged: 1, restaffed: 0, retimed: 1, movedDay: 0, added: 0, removed: 0 });
    expect(d.staff).toEqual([{ staffId: 's1', added: [], removed: [], retimed: ['y'] }]);
    expect(d.clients).toEqual([
      { clientId: 'c1', changed: [{ visitId: 'y', what: 'retimed', from: '2026-11-23T08:00:00+01:00 s1', to: '2026-11-23T08:20:00+01:00 s1' }] },
    ]);
    // Equal distances tie-break by ids: the same answer whatever the input order.
    const tie = plan([visit('p', 'c1', MON, '12:00', ['s1']), visit('q', 'c1', MON, '12:00', ['s2'])]);
    const one = diffPlans(tie, plan([visit('r', 'c1', MON, '12:00', ['s3'])]));
    const two = diffPlans(plan([...tie.visits].reverse()), plan([visit('r', 'c1', MON, '12:00', ['s3'])]));
    expect(one).toEqual(two);
    // Same start: by visit id.
    expect(one.clients[0]!.changed).toEqual([
      { visitId: 'q', what: 'removed', from: '2026-11-23T12:00:00+01:00 s2', to: null },
      { visitId: 'r', what: 'restaffed', from: '2026-11-23T12:00:00+01:00 s1', to: '2026-11-23T12:00:00+01:00 s3' },
    ]);
  });

  it('byReason: changed visits by the reference visit reason; others, and added visits, under other', () => {
    const ref = plan([
      visit('a', 'c1', MON, '08:00', ['s1']),
      visit('b', 'c2', MON, '09:00', ['s1']),
      visit('c', 'c3', MON, '10:00', ['s1']),
      visit('d', 'c4', MON, '11:00', ['s2']),
    ]);
    const next = plan([
      visit('a', 'c1', MON, '08:00', ['s3']), // restaffed (staffAbsent)
      visit('b', 'c2', MON, '09:30', ['s3']), // restaffed and retimed (staffAbsent): one visit
      visit('d', 'c4', MON, '11:00', ['s2']), // unchanged: not counted even with a reason
      visit('e', 'c5', MON, '12:00', ['s2']), // added
    ]); // c removed (visitCancelled)
    const reasons = new Map([
      ['a', 'staffAbsent'],
      ['b', 'staffAbsent'],
      ['c', 'visitCancelled'],
      ['d', 'lock'],
      ['e', 'staffAbsent'], // a reference id only: the added visit e is not looked up
    ]);
    const d = diffPlans(ref, next, { reasons });
    expect(d.byReason).toEqual({ other: 1, staffAbsent: 2, visitCancelled: 1 });
    expect(Object.keys(d.byReason!)).toEqual(['other', 'staffAbsent', 'visitCancelled']);
    expect(diffPlans(ref, next).byReason).toBeUndefined();
  });

  it('formats a readable text: counts, tell per staff, call per client', () => {
    const d = diffPlans(plan([visit('a', 'c1', MON, '08:00', ['s1'])]), plan([visit('a', 'c1', MON, '09:00', ['s2'])]));
    expect(formatDiffText(d)).toBe(
      [
        'visits: 0 unchanged, 1 restaffed, 1 retimed, 0 moved day, 0 added, 0 removed',
        '',
        'tell (2 staff):',
        '  s1: removed a',
        '  s2: added a',
        '',
        'call (1 clients):',
        '  c1:',
        '    a restaffed: 2026-11-23T08:00:00+01:00 s1 → 2026-11-23T09:00:00+01:00 s2',
        '    a retimed: 2026-11-23T08:00:00+01:00 s1 → 2026-11-23T09:00:00+01:00 s2',
      ].join('\n'),
    );
  });
});
