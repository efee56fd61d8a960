import { describe, expect, it } from 'vitest';
import { checkPlan, RULES, type CheckResult } from '../../src/check/index.js';
import {
  buildFixture,
  codes,
  eventIndex,
  localAt,
  messages,
  moveVisit,
  point,
  routeOf,
  timed,
  visitOf,
  type Fixture,
} from './fixtures.js';
import type { InstanceInput } from '../../src/schema/instance.js';

const check = (fx: Fixture): CheckResult => checkPlan(fx.instance, fx.plan);
/** Asserts that exactly one code was reported and returns its messages. */
const only = (r: CheckResult, code: string): string[] => {
  expect(codes(r)).toEqual([code]);
  expect(r.valid).toBe(false);
  return messages(r, code);
};
const staffOf = (i: InstanceInput, id: string) => i.staff.find((s) => s.id === id)!;
const clientOf = (i: InstanceInput, id: string) => i.clients.find((c) => c.id === id)!;
const taskOf = (i: InstanceInput, clientId: string, taskId: string) => clientOf(i, clientId).tasks.find((t) => t.id === taskId)!;

describe('valid fixture', () => {
  it('passes with zero violations', () => {
    const r = check(buildFixture());
    expect(r.violations).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it('every rule module declares its codes and returns none for the valid plan', () => {
    const fx = buildFixture();
    const r = check(fx);
    for (const rule of RULES) {
      expect(rule.codes.length).toBeGreaterThan(0);
      expect(r.violations.filter((v) => rule.codes.includes(v.code))).toEqual([]);
    }
  });
});

describe('references and instants', () => {
  it('UNKNOWN_REF: a visit for an unknown client', () => {
    const fx = buildFixture();
    visitOf(fx.plan, 'v1').clientId = 'c99';
    const r = check(fx);
    expect(messages(r, 'UNKNOWN_REF')).toContain('Visit v1 is for client c99, who is not in the instance.');
    expect(r.violations.find((v) => v.code === 'UNKNOWN_REF')?.path).toBe('visits[0].clientId');
  });

  it('UNKNOWN_REF: unknown staff, task, shift, visit, place, unplanned task and instance id', () => {
    const fx = buildFixture();
    visitOf(fx.plan, 'v5').staff = ['s9'];
    visitOf(fx.plan, 'v1').tasks[1]!.taskId = 't-zzz';
    fx.plan.instanceId = 'other';
    const r2 = routeOf(fx.plan, 's2');
    r2.shiftId = 'sh-x';
    const r1 = routeOf(fx.plan, 's1');
    const iv = eventIndex(r1, (e) => e.type === 'visit' && e.visitId === 'v2');
    const ev = r1.events[iv]!;
    if (ev.type === 'visit') ev.visitId = 'v99';
    const it = eventIndex(r1, (e) => e.type === 'travel');
    const tr = r1.events[it]!;
    if (tr.type === 'travel') tr.to = { kind: 'client', id: 'c42' };
    fx.plan.unplanned[0]!.taskId = 't-none';
    const r = check(fx);
    const msgs = messages(r, 'UNKNOWN_REF');
    expect(msgs).toContain('Visit v5 is assigned to staff s9, who is not in the instance.');
    expect(msgs).toContain('Visit v1 for client c1 includes task t-zzz, which is not in the instance.');
    expect(msgs).toContain('The plan is for instance other, but the instance checked is fx.');
    expect(msgs).toContain('The route of staff s2 is for shift sh-x, which is not in the instance.');
    expect(msgs).toContain('The route of staff s1 for shift sh-s1 contains visit v99, which is not in the plan.');
    expect(msgs).toContain('The route of staff s1 for shift sh-s1 goes to client c42, which is not in the instance.');
    expect(msgs).toContain('An unplanned item names task t-none, which client c3 does not have.');
  });

  it('UNKNOWN_REF: a route for unknown staff, an unplanned item for an unknown client', () => {
    const fx = buildFixture();
    routeOf(fx.plan, 's3').staffId = 'ghost';
    fx.plan.unplanned[0]!.clientId = 'c404';
    const msgs = messages(check(fx), 'UNKNOWN_REF');
    expect(msgs).toContain('A route is for staff ghost, who is not in the instance.');
    expect(msgs).toContain('An unplanned item is for client c404, who is not in the instance.');
  });

  it('DUPLICATE_ID: two visits with one id', () => {
    const fx = buildFixture();
    fx.plan.visits.push(structuredClone(visitOf(fx.plan, 'v5')));
    const r = check(fx);
    expect(messages(r, 'DUPLICATE_ID')).toEqual(['Visit id v5 is used by more than one visit.']);
  });

  it('BAD_TIME: unreadable instants are reported, not thrown', () => {
    const fx = buildFixture();
    visitOf(fx.plan, 'v1').start = 'not-a-time';
    point(routeOf(fx.plan, 's3'), 0).time = '2026-13-45T99:00';
    const r = check(fx);
    const msgs = messages(r, 'BAD_TIME');
    expect(msgs).toContain('The time at visits[0].start ("not-a-time") is not a date-time with a UTC offset.');
    expect(msgs.some((m) => m.includes('routes[2].events[0].time'))).toBe(true);
  });

  it('BAD_TIME: an instant off the whole minute is not silently rounded', () => {
    // s3 walks b1 → c3 in `need` whole minutes from 08:00. Ending the leg 30 s early
    // (08:00 + need − 0.5 min) used to round back to 08:00 + need, so a leg half a minute shorter
    // than the model passed. Plans use whole minutes: the instant is BAD_TIME.
    const fx = buildFixture();
    const r3 = routeOf(fx.plan, 's3');
    const i = eventIndex(r3, (e) => e.type === 'travel');
    const t = timed(r3, i);
    const early = new Date(Date.parse(t.end) - 30_000).toISOString();
    t.end = early;
    timed(r3, i + 1).start = early;
    const r = check(fx);
    expect(only(r, 'BAD_TIME')).toEqual([
      `The time at routes[2].events[${i}].end ("${early}") is not on a whole minute; plans write whole minutes.`,
      `The time at routes[2].events[${i + 1}].start ("${early}") is not on a whole minute; plans write whole minutes.`,
    ]);
  });

  it('BAD_INSTANCE: an unknown time zone is one violation, not an exception', () => {
    const fx = buildFixture();
    fx.instance.period.timeZone = 'Mars/Olympus';
    const r = only(check(fx), 'BAD_INSTANCE');
    expect(r[0]).toContain('unknown time zone: Mars/Olympus');
  });
});

describe('visit shape', () => {
  it('VISIT_DATE: date is not the local date of the start', () => {
    const fx = buildFixture();
    visitOf(fx.plan, 'v1').date = '2026-11-24';
    expect(only(check(fx), 'VISIT_DATE')).toEqual(['Visit v1 for client c1 is dated 2026-11-24 but starts 08:00 on 2026-11-23 local time.']);
  });

  it('VISIT_DURATION: end − start differs from the task minutes', () => {
    const fx = buildFixture();
    visitOf(fx.plan, 'v1').tasks[1]!.minutes = 25;
    expect(only(check(fx), 'VISIT_DURATION')).toEqual(['Visit v1 for client c1 runs 08:00–08:40 (40 minutes) but its tasks add up to 35 minutes.']);
  });

  it('TASK_DURATION: HSL keeps exactly its prescribed minutes (rule 8)', () => {
    const fx = buildFixture();
    const v = visitOf(fx.plan, 'v1');
    v.tasks[0]!.minutes = 15;
    v.tasks[1]!.minutes = 25;
    const r = check(fx);
    expect(only(r, 'TASK_DURATION')).toEqual(['Visit v1 for client c1 gives HSL task t-ins 15 minutes; the prescribed time is exactly 10 minutes.']);
    expect(r.violations[0]!.rule).toBe(8);
    expect(r.violations[0]!.path).toBe('visits[0].tasks[0].minutes');
  });

  it('TASK_DURATION: other tasks stay in [min, max]', () => {
    const fx = buildFixture();
    const v = visitOf(fx.plan, 'v5');
    v.tasks[0]!.minutes = 40;
    v.end = localAt(fx.clock, '09:40');
    const r3 = routeOf(fx.plan, 's3');
    timed(r3, eventIndex(r3, (e) => e.type === 'visit')).end = v.end;
    expect(only(check(fx), 'TASK_DURATION')).toEqual(['Visit v5 for client c3 gives task t-clean 40 minutes, outside its allowed 45–60 minutes.']);
  });

  it('VISIT_TASKS: a non-combinable task shares a visit', () => {
    const fx = buildFixture((i) => {
      taskOf(i, 'c1', 't-pc').combinable = false;
    });
    expect(only(check(fx), 'VISIT_TASKS')).toEqual(['Visit v1 for client c1 combines task t-pc with other tasks, but task t-pc must have a visit of its own.']);
  });

  it('VISIT_TASKS: a task twice, a task of another client, tasks of different staff counts', () => {
    const fx = buildFixture((i) => {
      taskOf(i, 'c2', 't-meal').duration = { standard: 15, min: 5 };
      taskOf(i, 'c1', 't-ins').staffCount = 2;
    });
    const v4 = visitOf(fx.plan, 'v4');
    v4.tasks = [
      { taskId: 't-meal', minutes: 7 },
      { taskId: 't-meal', minutes: 8 },
    ];
    visitOf(fx.plan, 'v5').tasks[0]!.taskId = 't-pc';
    const msgs = messages(check(fx), 'VISIT_TASKS');
    expect(msgs).toContain('Visit v4 for client c2 includes task t-meal more than once; two occurrences belong in different visits.');
    expect(msgs).toContain('Visit v5 for client c3 includes task t-pc, which belongs to client c1, not to client c3.');
    expect(msgs).toContain('Visit v1 for client c1 combines tasks that need different numbers of staff (1 and 2).');
  });

  it('STAFF_COUNT: staff count differs from what the tasks need (rule 5)', () => {
    const fx = buildFixture((i) => {
      taskOf(i, 'c2', 't-lift').staffCount = 1;
    });
    const r = check(fx);
    expect(only(r, 'STAFF_COUNT')).toEqual(['Visit v2 for client c2 has 2 staff but its tasks need 1.']);
    expect(r.violations[0]!.rule).toBe(5);
  });

  it('STAFF_COUNT: the same staff member twice', () => {
    const fx = buildFixture();
    visitOf(fx.plan, 'v2').staff = ['s1', 's1'];
    expect(messages(check(fx), 'STAFF_COUNT')).toEqual(['Visit v2 for client c2 lists staff s1 twice; the staff of a visit must be different people.']);
  });
});

describe('rules 1 and 4–8', () => {
  it('WINDOW: a start outside every window (rule 1)', () => {
    const fx = buildFixture();
    moveVisit(fx, 'v5', '08:50');
    const r = check(fx);
    expect(only(r, 'WINDOW')).toEqual(['Visit v5 for client c3 starts 08:50, outside every allowed window of task t-clean (09:00–15:00).']);
    expect(r.violations[0]).toMatchObject({ rule: 1, path: 'visits[4].start', visitId: 'v5', clientId: 'c3' });
  });

  it('WINDOW: the end of a window is inclusive, and any window will do', () => {
    const fx = buildFixture();
    moveVisit(fx, 'v1', '08:15'); // fixed time 08:00 + 15 tolerance, t-pc window 07:00–09:00
    moveVisit(fx, 'v5', '09:00');
    // Moving v1 later overlaps the next travel; check only the window codes.
    const r = check(fx);
    expect(codes(r)).not.toContain('WINDOW');
    expect(codes(r)).not.toContain('FIXED_TIME');
  });

  it('FIXED_TIME: more than the tolerance from the fixed time (rule 1)', () => {
    const fx = buildFixture();
    moveVisit(fx, 'v1', '07:40');
    expect(only(check(fx), 'FIXED_TIME')).toEqual(['Visit v1 for client c1 starts 07:40, more than 15 minutes from the fixed time 08:00 of task t-ins.']);
  });

  it('SKILL: staff lack a required delegation (rule 4)', () => {
    const fx = buildFixture((i) => {
      staffOf(i, 's1').skills = ['lift'];
    });
    const r = check(fx);
    expect(only(r, 'SKILL')).toEqual(['Staff s1 lacks insulin needed for task t-ins in visit v1 for client c1.']);
    expect(r.violations[0]).toMatchObject({ rule: 4, staffId: 's1', path: 'visits[0].staff[0]' });
  });

  it('DOUBLE_STAFFING: the two staff do not start together (rule 5)', () => {
    const fx = buildFixture();
    const r2 = routeOf(fx.plan, 's2');
    timed(r2, eventIndex(r2, (e) => e.type === 'visit' && e.visitId === 'v2')).start = localAt(fx.clock, '09:35');
    const r = check(fx);
    expect(only(r, 'DOUBLE_STAFFING')).toEqual([
      "Visit v2 for client c2 needs its two staff to start together at 09:30, but staff s2's route starts it at 09:35.",
    ]);
    expect(r.violations[0]!.rule).toBe(5);
  });

  it('MIN_GAP: two visits with the task too close (rule 6)', () => {
    const fx = buildFixture((i) => {
      taskOf(i, 'c2', 't-meal').minGapMinutes = 240;
    });
    expect(only(check(fx), 'MIN_GAP')).toEqual([
      'Visits v3 (10:30) and v4 (13:45) for client c2 both include task t-meal and start 195 minutes apart; the task needs at least 240 minutes.',
    ]);
  });

  it('REFUSED_STAFF: a refused staff member visits (rule 7)', () => {
    const fx = buildFixture((i) => {
      clientOf(i, 'c2').preferences = { refusedStaff: ['s2'] };
    });
    const msgs = only(check(fx), 'REFUSED_STAFF');
    expect(msgs).toHaveLength(3);
    expect(msgs[0]).toBe('Staff s2 is assigned to visit v2, but client c2 has refused staff s2.');
  });

  it('GRANTED_BUDGET: care minutes above granted (rule 8)', () => {
    const fx = buildFixture((i) => {
      clientOf(i, 'c1').granted.careMinutes = 20;
    });
    const r = check(fx);
    expect(only(r, 'GRANTED_BUDGET')).toEqual(['Client c1 has 30 planned care staff-minutes, above the limit of 20 (granted 20 × 1).']);
    expect(r.violations[0]).toMatchObject({ rule: 8, clientId: 'c1' });
  });

  it('GRANTED_BUDGET: double staffing counts twice, HSL not at all, service apart', () => {
    const fx = buildFixture((i) => {
      clientOf(i, 'c2').granted.careMinutes = 69; // 20 × 2 lift + 2 × 15 meals = 70
      clientOf(i, 'c3').granted.serviceMinutes = 59;
    });
    const msgs = only(check(fx), 'GRANTED_BUDGET');
    expect(msgs).toEqual([
      'Client c2 has 70 planned care staff-minutes, above the limit of 69 (granted 69 × 1).',
      'Client c3 has 60 planned service staff-minutes, above the limit of 59 (granted 59 × 1).',
    ]);
  });

  it('GRANTED_BUDGET: the upper tolerance widens the limit', () => {
    const fx = buildFixture((i) => {
      clientOf(i, 'c1').granted.careMinutes = 28;
      i.planning = { grantedTolerance: { upper: 1.1 } };
    });
    expect(check(fx).violations).toEqual([]);
  });

  it('CROSS_TEAM: cross-team help when the instance forbids it', () => {
    const fx = buildFixture((i) => {
      i.planning = { crossTeamAllowed: false };
      staffOf(i, 's3').team = 'tb';
    });
    expect(only(check(fx), 'CROSS_TEAM')).toEqual([
      'Staff s3 of team tb is assigned to visit v5 for client c3 of team ta, but helping across teams is not allowed.',
    ]);
  });

  it('MAX_DISTINCT_STAFF: a hard continuity cap, with history completing a 7-day period', () => {
    const soft = buildFixture((i) => {
      i.continuity = { maxDistinctStaffPer14Days: 1 };
    });
    expect(check(soft).violations).toEqual([]);
    const fx = buildFixture((i) => {
      i.continuity = { maxDistinctStaffPer14Days: 1, maxDistinctStaffMode: 'hard' };
      i.history = [
        { clientId: 'c1', date: '2026-11-20', start: '08:00', minutes: 30, staff: ['s3'], categories: ['personal_care'] },
        { clientId: 'c3', date: '2026-11-01', start: '08:00', minutes: 30, staff: ['s1'], categories: ['service'] },
      ];
    });
    expect(only(check(fx), 'MAX_DISTINCT_STAFF')).toEqual([
      'Client c1 meets 2 different staff in the 14 days 2026-11-16 to 2026-11-29; the hard limit is 1.',
      'Client c2 meets 2 different staff in the 14 days 2026-11-16 to 2026-11-29; the hard limit is 1.',
    ]);
  });
});

describe('demand accounting', () => {
  it('DEMAND_UNACCOUNTED: an occurrence neither planned nor unplanned', () => {
    const fx = buildFixture();
    fx.plan.unplanned = [];
    expect(only(check(fx), 'DEMAND_UNACCOUNTED')).toEqual([
      'Task t-sup of client c3 is due 1 time on 2026-11-24, but 0 planned and 0 reported unplanned make 0.',
    ]);
  });

  it('DEMAND_OVERPLANNED: more occurrences than due', () => {
    const fx = buildFixture();
    fx.plan.unplanned.push(structuredClone(fx.plan.unplanned[0]!));
    expect(only(check(fx), 'DEMAND_OVERPLANNED')).toEqual([
      'Task t-sup of client c3 is due 1 time on 2026-11-24, but 0 planned and 2 reported unplanned make 2.',
    ]);
  });

  it('DEMAND_WRONG_DAY: a weekly task planned outside its allowed days', () => {
    const fx = buildFixture((i) => {
      taskOf(i, 'c3', 't-clean').frequency = { type: 'weekly', timesPerWeek: 1, weekdays: [2, 3] };
    });
    const r = check(fx);
    expect(codes(r)).toEqual(['DEMAND_UNACCOUNTED', 'DEMAND_WRONG_DAY']);
    expect(messages(r, 'DEMAND_WRONG_DAY')).toEqual(['Visit v5 for client c3 includes task t-clean on 2026-11-23, a day on which the task is not due.']);
    expect(messages(r, 'DEMAND_UNACCOUNTED')[0]).toContain('is due 1 time between 2026-11-24 and 2026-11-25');
  });

  it('UNPLANNED_SPAN: an unplanned item that matches no due span', () => {
    const fx = buildFixture();
    fx.plan.unplanned[0]!.from = '2026-11-25';
    fx.plan.unplanned[0]!.to = '2026-11-25';
    const r = check(fx);
    expect(codes(r)).toEqual(['DEMAND_UNACCOUNTED', 'UNPLANNED_SPAN']);
    expect(messages(r, 'UNPLANNED_SPAN')).toEqual([
      'An unplanned item for task t-sup of client c3 covers 2026-11-25 to 2026-11-25, which matches no span in which the task is due.',
    ]);
  });

  it('UNPLANNED_MINUTES: an unplanned item that understates its minutes', () => {
    const fx = buildFixture();
    const u = fx.plan.unplanned[0]!;
    const stated = u.minutes;
    u.minutes = stated - 1;
    const r = check(fx);
    expect(codes(r)).toEqual(['UNPLANNED_MINUTES']);
    expect(messages(r, 'UNPLANNED_MINUTES')[0]).toMatch(
      new RegExp(`^The unplanned item for task ${u.taskId} of client ${u.clientId} states ${stated - 1} minutes; ${u.count} occurrence\\(s\\) of \\d+ minutes with \\d staff make ${stated}\\.$`),
    );
  });
});

describe('routes (rules 2 and 3)', () => {
  it("ROUTE_SHIFT: a route on another staff member's shift", () => {
    const fx = buildFixture();
    routeOf(fx.plan, 's3').shiftId = 'sh-s1';
    expect(messages(check(fx), 'ROUTE_SHIFT')).toEqual(['A route of staff s3 uses shift sh-s1, which belongs to staff s1.']);
  });

  it('ROUTE_SHIFT: two routes for one shift', () => {
    const fx = buildFixture();
    const t = localAt(fx.clock, '15:00');
    fx.plan.routes.push({
      staffId: 's3',
      shiftId: 'sh-s3',
      date: '2026-11-23',
      events: [
        { type: 'start', time: t, place: { kind: 'base', id: 'b1' } },
        { type: 'end', time: t, place: { kind: 'base', id: 'b1' } },
      ],
    });
    expect(only(check(fx), 'ROUTE_SHIFT')).toEqual(['Staff s3 has more than one route for shift sh-s3; at most one is allowed.']);
  });

  it('ROUTE_SHIFT: a route dated otherwise than its shift', () => {
    const fx = buildFixture();
    routeOf(fx.plan, 's1').date = '2026-11-24';
    expect(only(check(fx), 'ROUTE_SHIFT')).toEqual(['The route of staff s1 for shift sh-s1 is dated 2026-11-24, but the shift is on 2026-11-23.']);
  });

  it('ROUTE_SHAPE: a route without its end event, an event ending before it starts', () => {
    const fx = buildFixture();
    routeOf(fx.plan, 's3').events.pop();
    expect(only(check(fx), 'ROUTE_SHAPE')).toEqual(['The route of staff s3 for shift sh-s3 does not end with an end event.']);
    const fx2 = buildFixture();
    const r1 = routeOf(fx2.plan, 's1');
    const w = timed(r1, eventIndex(r1, (e) => e.type === 'wait'));
    w.end = w.start;
    w.start = localAt(fx2.clock, '07:55');
    expect(messages(check(fx2), 'ROUTE_SHAPE')).toEqual(['The route of staff s1 for shift sh-s1 has a wait event ending 07:05, before it starts 07:55.']);
  });

  it('SHIFT_BOUNDS: the route returns after the shift end (rule 2)', () => {
    const fx = buildFixture((i) => {
      staffOf(i, 's3').shifts[0]!.end = '10:00';
    });
    const r3 = routeOf(fx.plan, 's3');
    const back = fx.clock.clockOf(fx.clock.parseInstant(point(r3, r3.events.length - 1).time));
    const r = check(fx);
    expect(only(r, 'SHIFT_BOUNDS')).toEqual([`Staff s3's shift sh-s3 ends 10:00 but the route returns to base at ${back}.`]);
    expect(r.violations[0]).toMatchObject({ rule: 2, staffId: 's3', shiftId: 'sh-s3', path: 'routes[2].events[5]' });
  });

  it('SHIFT_BOUNDS: allowed overtime extends the end; starting early is not allowed', () => {
    const ok = buildFixture((i) => {
      staffOf(i, 's3').shifts[0]!.end = '10:00';
      staffOf(i, 's3').shifts[0]!.maxOvertimeMinutes = 60;
    });
    expect(check(ok).violations).toEqual([]);
    const fx = buildFixture((i) => {
      staffOf(i, 's3').shifts[0]!.start = '08:30';
    });
    expect(only(check(fx), 'SHIFT_BOUNDS')).toEqual(["Staff s3's shift sh-s3 starts 08:30 but the route leaves base at 08:00."]);
  });

  it('OVERLAP: an event starts before the previous one ends (rule 3)', () => {
    const fx = buildFixture();
    const r3 = routeOf(fx.plan, 's3');
    const t = timed(r3, eventIndex(r3, (e) => e.type === 'travel' && e.to.kind === 'base'));
    t.start = localAt(fx.clock, '09:55');
    t.end = fx.clock.formatInstant(fx.clock.parseInstant(t.start) + (t.type === 'travel' ? t.minutes : 0));
    expect(only(check(fx), 'OVERLAP')).toEqual(["Staff s3's route for shift sh-s3 has a travel event starting 09:55, before the previous visit event ends 10:00."]);
  });

  it('OVERLAP: two routes of one staff member overlap', () => {
    const fx = buildFixture((i) => {
      staffOf(i, 's3').shifts[1]!.date = '2026-11-23';
      staffOf(i, 's3').shifts[1]!.start = '09:00';
    });
    fx.plan.routes.push({
      staffId: 's3',
      shiftId: 'sh-s3-tue',
      date: '2026-11-23',
      events: [
        { type: 'start', time: localAt(fx.clock, '09:30'), place: { kind: 'base', id: 'b1' } },
        { type: 'end', time: localAt(fx.clock, '09:45'), place: { kind: 'base', id: 'b1' } },
      ],
    });
    const msgs = only(check(fx), 'OVERLAP');
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(/^Staff s3's routes for shift sh-s3 \(08:00–\d\d:\d\d from 2026-11-23\) and shift sh-s3-tue \(09:30–09:45 from 2026-11-23\) overlap\.$/);
  });

  it('PLACE: a visit reached without travelling there (rule 3)', () => {
    const fx = buildFixture();
    const r3 = routeOf(fx.plan, 's3');
    const i = eventIndex(r3, (e) => e.type === 'travel');
    const t = timed(r3, i);
    r3.events[i] = { type: 'wait', start: t.start, end: t.end, place: { kind: 'base', id: 'b1' } };
    const w = r3.events[i + 1]!;
    if (w.type === 'wait') w.place = { kind: 'base', id: 'b1' };
    expect(only(check(fx), 'PLACE')).toEqual(["Staff s3's route for shift sh-s3 reaches visit v5 at client c3 while at base b1, with no travel there."]);
  });

  it('PLACE: ending away from base, starting elsewhere, travelling from the wrong place', () => {
    const fx = buildFixture();
    const r3 = routeOf(fx.plan, 's3');
    point(r3, r3.events.length - 1).place = { kind: 'client', id: 'c3' };
    const r1 = routeOf(fx.plan, 's1');
    const i = eventIndex(r1, (e) => e.type === 'travel' && e.from.kind === 'client');
    const t = r1.events[i]!;
    if (t.type === 'travel') t.from = { kind: 'client', id: 'c3' };
    const msgs = messages(check(fx), 'PLACE');
    expect(msgs).toContain("Staff s3's route for shift sh-s3 ends at client c3, not at the shift base b1.");
    expect(msgs).toContain("Staff s1's route for shift sh-s1 travels from client c3, but the staff member is at client c1.");
  });

  it('TRAVEL_TIME: less travel time than the model needs (rule 3)', () => {
    const fx = buildFixture();
    const r3 = routeOf(fx.plan, 's3');
    const i = eventIndex(r3, (e) => e.type === 'travel');
    const t = r3.events[i]!;
    if (t.type !== 'travel') throw new Error('fixture');
    const need = t.minutes;
    const shorter = fx.clock.parseInstant(t.end) - 5;
    t.end = fx.clock.formatInstant(shorter);
    t.minutes = need - 5;
    timed(r3, i + 1).start = t.end;
    const r = check(fx);
    expect(only(r, 'TRAVEL_TIME')).toEqual([
      `Staff s3 travels from base b1 to client c3 in ${need - 5} minutes (from 08:00), but the trip takes ${need} minutes by walk, access time included.`,
    ]);
    expect(r.violations[0]!.rule).toBe(3);
  });

  it('TRAVEL_TIME: minutes that disagree with the event length', () => {
    const fx = buildFixture();
    const r3 = routeOf(fx.plan, 's3');
    const t = r3.events[eventIndex(r3, (e) => e.type === 'travel')]!;
    if (t.type !== 'travel') throw new Error('fixture');
    const real = t.minutes;
    t.minutes = real + 1;
    const end = fx.clock.clockOf(fx.clock.parseInstant(t.end));
    expect(only(check(fx), 'TRAVEL_TIME')).toEqual([
      `Staff s3's travel from base b1 to client c3 says ${real + 1} minutes but runs 08:00–${end} (${real} minutes).`,
    ]);
  });

  it('TRAVEL_TIME: an imported matrix is used (passed in, or inline OSRM)', () => {
    const fx = buildFixture();
    const ids = ['b1', 'c1', 'c2', 'c3'];
    const minutes = ids.map((a) => ids.map((b) => (a === b ? 0 : 30)));
    const r = checkPlan(fx.instance, fx.plan, { matrix: { ids, minutes } });
    expect(codes(r)).toEqual(['TRAVEL_TIME']);
    expect(messages(r, 'TRAVEL_TIME')[0]).toContain('but the trip takes 33 minutes by car, access time included.');
    const inline = buildFixture((i) => {
      i.travel = { matrix: { format: 'osrm', locationIds: ids, response: { code: 'Ok', durations: minutes.map((row) => row.map((m) => m * 60)) } } };
    });
    expect(codes(check(inline))).toEqual(['TRAVEL_TIME']);
  });

  it('VISIT_ROUTE: a staff member of a visit has no route event for it', () => {
    const fx = buildFixture();
    const r3 = routeOf(fx.plan, 's3');
    r3.events.splice(eventIndex(r3, (e) => e.type === 'visit'), 1);
    expect(only(check(fx), 'VISIT_ROUTE')).toEqual(['Staff s3 is assigned to visit v5 for client c3 at 09:00, but no route of staff s3 contains it.']);
  });

  it('VISIT_ROUTE: the route event has other times than the visit', () => {
    const fx = buildFixture();
    const r3 = routeOf(fx.plan, 's3');
    timed(r3, eventIndex(r3, (e) => e.type === 'visit')).end = localAt(fx.clock, '09:55');
    expect(only(check(fx), 'VISIT_ROUTE')).toEqual(["Visit v5 for client c3 runs 09:00–10:00, but staff s3's route has it at 09:00–09:55."]);
  });

  it('VISIT_ROUTE: a route holds a visit its staff member is not assigned to, or holds it twice', () => {
    const fx = buildFixture();
    visitOf(fx.plan, 'v2').staff = ['s1', 's3'];
    const r1 = routeOf(fx.plan, 's1');
    const i = eventIndex(r1, (e) => e.type === 'visit' && e.visitId === 'v1');
    r1.events.splice(i + 1, 0, structuredClone(r1.events[i]!));
    const msgs = messages(check(fx), 'VISIT_ROUTE');
    expect(msgs).toContain('The route of staff s2 for shift sh-s2 contains visit v2, but staff s2 is not assigned to it.');
    expect(msgs).toContain('The routes of staff s1 contain visit v1 2 times; it must appear exactly once.');
  });

  it('BREAK: no break in a shift with a break rule (rule 2)', () => {
    const fx = buildFixture();
    const r1 = routeOf(fx.plan, 's1');
    r1.events.splice(eventIndex(r1, (e) => e.type === 'break'), 1);
    expect(only(check(fx), 'BREAK')).toEqual(['Staff s1 takes no break in shift sh-s1; the rule asks for 30 minutes within 11:00–13:00 at the base b1.']);
  });

  it('BREAK: too short, two breaks', () => {
    const fx = buildFixture();
    const r1 = routeOf(fx.plan, 's1');
    const i = eventIndex(r1, (e) => e.type === 'break');
    timed(r1, i).end = localAt(fx.clock, '11:20');
    point(r1, r1.events.length - 1).time = localAt(fx.clock, '11:20');
    expect(only(check(fx), 'BREAK')).toEqual(["Staff s1's break in shift sh-s1 lasts 20 minutes (11:00–11:20); the rule asks for at least 30."]);
    const fx2 = buildFixture();
    const r2 = routeOf(fx2.plan, 's1');
    const j = eventIndex(r2, (e) => e.type === 'break');
    r2.events.splice(j, 0, { type: 'break', start: localAt(fx2.clock, '10:00'), end: localAt(fx2.clock, '10:00'), place: { kind: 'base', id: 'b1' } });
    expect(messages(check(fx2), 'BREAK')).toContain('Staff s1 takes 2 breaks in shift sh-s1; the rule asks for exactly one of at least 30 minutes.');
  });

  it('BREAK: outside its window, or not at the base when the rule says so', () => {
    const fx = buildFixture((i) => {
      staffOf(i, 's2').shifts[0]!.break!.earliestStart = '10:15';
    });
    expect(only(check(fx), 'BREAK')).toEqual(["Staff s2's break in shift sh-s2 runs 10:00–10:30, outside the allowed window 10:15–14:00."]);
    const fx2 = buildFixture((i) => {
      staffOf(i, 's2').shifts[0]!.break!.at = 'base';
    });
    expect(only(check(fx2), 'BREAK')).toEqual(["Staff s2's break in shift sh-s2 is taken at client c2; the rule says at the base b1."]);
  });
});
