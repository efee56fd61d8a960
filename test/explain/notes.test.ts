import { describe, expect, it } from 'vitest';
import { explainClients } from '../../src/explain/index.js';
import type { InstanceInput } from '../../src/schema/instance.js';
import { MONDAY, PlanBuilder, client, history, makeInstance, shift, staff, task } from '../kpi/fixtures.js';

type ClientInput = InstanceInput['clients'][number];
type StaffInput = InstanceInput['staff'][number];

const WEEK = ['2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05', '2026-02-06', '2026-02-07', '2026-02-08'];

/** A staff member with 07:00–15:00 shifts on the given dates (default the whole week). */
function worker(id: string, extra: Partial<StaffInput> = {}, dates: readonly string[] = WEEK): StaffInput {
  return staff(id, { shifts: dates.map((d) => shift(`${id}-${d}`, d, '07:00', '15:00')), ...extra });
}

/** Client A with daily personal care `pc` (30 min) unless overridden. */
function clientA(extra: Partial<ClientInput> = {}): ClientInput {
  return client('A', { tasks: [task('pc', 'personal_care')], ...extra });
}

/** The notes of client A. */
function notesOf(instance: ReturnType<typeof makeInstance>, p: PlanBuilder): string[] {
  return explainClients(instance, p.build()).find((c) => c.clientId === 'A')!.notes;
}

describe('notes on granted time', () => {
  it('below tolerance because of unplanned budgeted occurrences, with reason codes and references', () => {
    const instance = makeInstance({ clients: [clientA({ granted: { careMinutes: 210 } })], staff: [worker('s1')] });
    const p = new PlanBuilder(instance);
    WEEK.slice(0, 6).forEach((d) => p.visit('A', d, '08:00', ['s1']));
    p.unplannedItem('A', 'pc', WEEK[6]!, 1, 30, 'CAPACITY');
    expect(notesOf(instance, p)).toEqual([
      'Planned 180 of 210 granted minutes (86%), below the lower tolerance of 95%. 1 occurrence of budgeted tasks (30 standard minutes) is unplanned (CAPACITY 1).',
      '1 task occurrence (30 minutes) is unplanned: CAPACITY 1 (task pc); see unplanned[0].',
    ]);
  });

  it('below tolerance because the granted time exceeds what the maximum durations allow', () => {
    const instance = makeInstance({ clients: [clientA({ granted: { careMinutes: 300 } })], staff: [worker('s1')] });
    const p = new PlanBuilder(instance);
    WEEK.forEach((d) => p.visit('A', d, '08:00', ['s1']));
    expect(notesOf(instance, p)).toEqual([
      "Planned 210 of 300 granted minutes (70%), below the lower tolerance of 95%. The care tasks' maximum durations allow only 210 of the 300 granted care minutes.",
    ]);
  });

  it('below tolerance with room left within the maximum durations', () => {
    const instance = makeInstance({
      clients: [clientA({ granted: { careMinutes: 280 }, tasks: [task('pc', 'personal_care', { duration: { standard: 30, max: 40 } })] })],
      staff: [worker('s1')],
    });
    const p = new PlanBuilder(instance);
    WEEK.forEach((d) => p.visit('A', d, '08:00', ['s1']));
    expect(notesOf(instance, p)).toEqual([
      "Planned 210 of 280 granted minutes (75%), below the lower tolerance of 95%. Nothing budgeted is unplanned; within the tasks' maximum durations the planned visits could be 70 minutes longer.",
    ]);
  });

  it('above the upper tolerance', () => {
    const instance = makeInstance({ clients: [clientA({ granted: { careMinutes: 200 } })], staff: [worker('s1')] });
    const p = new PlanBuilder(instance);
    WEEK.forEach((d) => p.visit('A', d, '08:00', ['s1']));
    expect(notesOf(instance, p)).toEqual(['Planned 210 of 200 granted minutes (105%), above the upper tolerance of 100%.']);
  });

  it('lists unplanned HSL occurrences without a fidelity note, grouped by reason', () => {
    const instance = makeInstance({
      clients: [clientA({ tasks: [task('hsl', 'hsl'), task('meal', 'meal')] })],
      staff: [worker('s1')],
    });
    const p = new PlanBuilder(instance);
    p.unplannedItem('A', 'hsl', WEEK[0]!, 1, 30, 'NO_SHIFT');
    p.unplannedItem('A', 'hsl', WEEK[1]!, 1, 30, 'NO_SHIFT');
    p.unplannedItem('A', 'meal', WEEK[1]!, 2, 60, 'GAP');
    expect(notesOf(instance, p)).toEqual([
      '4 task occurrences (120 minutes) are unplanned: NO_SHIFT 2 (task hsl), GAP 2 (task meal); see unplanned[0], unplanned[1], unplanned[2].',
    ]);
  });
});

describe('notes on staff', () => {
  it('refused staff at a visit', () => {
    const instance = makeInstance({
      clients: [clientA({ preferences: { refusedStaff: ['s2'] } })],
      staff: [worker('s1'), worker('s2')],
    });
    const p = new PlanBuilder(instance);
    const v = p.visit('A', MONDAY, '08:00', ['s2']);
    expect(notesOf(instance, p)).toEqual([`Refused staff member s2 is at 1 visit (${v} 2026-02-02 08:00), which rule 7 forbids.`]);
  });

  it('continuity cap exceeded over the 14 days with history, naming single-visit staff', () => {
    const instance = makeInstance({
      clients: [clientA()],
      staff: [worker('s1'), worker('s2')],
      history: [history('A', '2026-01-30', '08:00', ['s3'])],
      extra: { continuity: { maxDistinctStaffPer14Days: 2 } },
    });
    const p = new PlanBuilder(instance);
    WEEK.forEach((d, i) => p.visit('A', d, '08:00', [i === 3 ? 's2' : 's1']));
    expect(notesOf(instance, p)).toEqual([
      'Meets 3 different staff in the 14 days 2026-01-26 to 2026-02-08 (history included), above the maximum of 2 (soft). s2 makes a single visit in the period.',
    ]);
  });

  it('named contact below target: skills, no shift, outside shift hours, at another visit, free', () => {
    const instance = makeInstance({
      clients: [
        clientA({
          namedContact: 's1',
          tasks: [task('pc', 'personal_care'), task('insulin', 'hsl', { skills: ['insulin'], duration: { standard: 10 } })],
        }),
        client('B', { tasks: [task('pc', 'personal_care')] }),
      ],
      staff: [
        staff('s1', {
          shifts: [
            shift('m', WEEK[0]!, '07:00', '15:00'),
            shift('w', WEEK[2]!, '12:00', '18:00'),
            shift('th', WEEK[3]!, '07:00', '15:00'),
            shift('f', WEEK[4]!, '07:00', '15:00'),
            shift('sa', WEEK[5]!, '07:00', '15:00'),
          ],
        }),
        worker('s2', { skills: ['insulin'] }),
      ],
    });
    const p = new PlanBuilder(instance);
    p.visit('A', WEEK[0]!, '08:00', ['s1']); // hit
    p.visit('A', WEEK[1]!, '08:00', ['s2']); // s1 has no shift on Tuesday
    const outside = p.visit('A', WEEK[2]!, '08:00', ['s2']); // s1 works 12:00–18:00
    p.visit('A', WEEK[3]!, '08:00', ['s2'], [{ taskId: 'insulin', minutes: 10 }]); // s1 lacks insulin
    p.visit('B', WEEK[4]!, '08:00', ['s1']);
    p.visit('A', WEEK[4]!, '08:10', ['s2']); // s1 is at B's visit
    const free = p.visit('A', WEEK[5]!, '08:00', ['s2']); // s1 on shift, idle
    expect(notesOf(instance, p)).toEqual([
      'Named contact s1 is at 1 of 6 visits (17%; target 50%) and has shifts on 5 of the 7 days. Of the 5 other visits: ' +
        `1 needing skills s1 lacks [insulin], 1 on days s1 has no shift (2026-02-03), 1 outside s1's shift hours (${outside} 2026-02-04 08:00), ` +
        `1 with s1 at another visit at that time, 1 with s1 on shift and qualified but not assigned (${free} 2026-02-07 08:00).`,
    ]);
  });

  it('named contact unknown to the instance; no note when the target is met', () => {
    const ghost = makeInstance({ clients: [clientA({ namedContact: 'ghost' })], staff: [worker('s1')] });
    const p = new PlanBuilder(ghost);
    p.visit('A', MONDAY, '08:00', ['s1']);
    expect(notesOf(ghost, p)).toEqual(['Named contact ghost is at 0 of 1 visits (0%; target 50%). Of the 1 other visit: ghost is not a staff member of the instance.']);

    const met = makeInstance({ clients: [clientA({ namedContact: 's1' })], staff: [worker('s1'), worker('s2')] });
    const q = new PlanBuilder(met);
    q.visit('A', WEEK[0]!, '08:00', ['s1']);
    q.visit('A', WEEK[1]!, '08:00', ['s2']);
    expect(notesOf(met, q)).toEqual([]);
  });

  it('preferred staff: each preferred staff member with their reasons', () => {
    const instance = makeInstance({
      clients: [clientA({ preferences: { preferredStaff: ['s2', 's3', 's4'], refusedStaff: ['s4'] } })],
      staff: [worker('s1'), worker('s2', {}, [WEEK[0]!]), worker('s4')],
    });
    const p = new PlanBuilder(instance);
    p.visit('A', WEEK[0]!, '08:00', ['s2']);
    p.visit('A', WEEK[1]!, '08:00', ['s1']);
    expect(notesOf(instance, p)).toEqual([
      'A preferred staff member (s2, s3, s4) is at 1 of 2 visits. Of the 1 other visit, for s2: 1 on days s2 has no shift (2026-02-03); ' +
        "for s3: s3 is not a staff member of the instance; for s4: s4 is on the client's refused list.",
    ]);
  });

  it('gender: nobody of that gender in the instance', () => {
    const instance = makeInstance({ clients: [clientA({ preferences: { staffGender: 'male' } })], staff: [worker('s1', { gender: 'female' })] });
    const p = new PlanBuilder(instance);
    p.visit('A', MONDAY, '08:00', ['s1']);
    expect(notesOf(instance, p)).toEqual(['Staff of the preferred gender (male) are at 0 of 1 visits. No male staff member is in the instance.']);
  });

  it('gender: qualified staff of that gender on shift, or not, that day', () => {
    const instance = makeInstance({
      clients: [clientA({ preferences: { staffGender: 'female' }, tasks: [task('pc', 'personal_care', { skills: ['lift'] })] })],
      staff: [worker('s1', { gender: 'male', skills: ['lift'] }), worker('s2', { gender: 'female', skills: ['lift'] }, [WEEK[0]!]), worker('s3', { gender: 'female' })],
    });
    const p = new PlanBuilder(instance);
    p.visit('A', WEEK[0]!, '08:00', ['s1']);
    p.visit('A', WEEK[1]!, '08:00', ['s1']);
    expect(notesOf(instance, p)).toEqual([
      // s3 is female and on shift Tuesday but lacks the lift skill.
      'Staff of the preferred gender (female) are at 0 of 2 visits. Of the 2 other visits: 1 on days no qualified female staff member has a shift (2026-02-03), ' +
        '1 on days a qualified female staff member has one (2026-02-02).',
    ]);
  });

  it('language: several preferred languages', () => {
    const instance = makeInstance({ clients: [clientA({ preferences: { languages: ['fi', 'ar'] } })], staff: [worker('s1'), worker('s2', { languages: ['ar'] }, [WEEK[0]!])] });
    const p = new PlanBuilder(instance);
    p.visit('A', WEEK[0]!, '08:00', ['s2']);
    p.visit('A', WEEK[1]!, '08:00', ['s1']);
    expect(notesOf(instance, p)).toEqual([
      'Staff speaking a preferred language (fi or ar) are at 1 of 2 visits. Of the 1 other visit: 1 on days no qualified staff member speaking fi or ar has a shift (2026-02-03).',
    ]);
  });
});

describe('notes on preferred times and days', () => {
  it('time ranges: tasks allowed only outside them, and visits whose tasks would have allowed them', () => {
    const instance = makeInstance({
      clients: [
        clientA({
          tasks: [
            task('pc', 'personal_care', { windows: [{ start: '07:00', end: '10:00' }] }),
            task('lunch', 'meal', { windows: [{ start: '12:00', end: '13:00' }] }),
            task('insulin', 'hsl', { fixedTime: { time: '20:00', toleranceMinutes: 15 }, duration: { standard: 10 } }),
          ],
          preferences: { timeRanges: [{ start: '08:00', end: '09:00' }, { start: '10:00', end: '11:00', weekdays: [6, 7] }] },
        }),
      ],
      staff: [worker('s1')],
    });
    const p = new PlanBuilder(instance);
    p.visit('A', WEEK[0]!, '08:30', ['s1']); // inside
    const early = p.visit('A', WEEK[0]!, '07:15', ['s1']);
    p.visit('A', WEEK[0]!, '12:00', ['s1'], [{ taskId: 'lunch', minutes: 30 }]);
    p.visit('A', WEEK[1]!, '20:00', ['s1'], [{ taskId: 'insulin', minutes: 10 }]);
    expect(notesOf(instance, p)).toEqual([
      '3 of 4 visits start outside the preferred times (08:00–09:00, 10:00–11:00 (Sat, Sun)): 2 contain a task that may start only outside them ' +
        `(lunch 12:00–13:00, insulin 20:00 ± 15 min); 1 could have started inside them as far as their tasks' allowed times go (${early} 2026-02-02 07:15).`,
    ]);
  });

  it('days: task weekdays exclude the preferred days', () => {
    const instance = makeInstance({
      clients: [clientA({ tasks: [task('clean', 'service', { frequency: { type: 'weekly', timesPerWeek: 1, weekdays: [1, 2] } })], preferences: { days: [5] } })],
      staff: [worker('s1')],
    });
    const p = new PlanBuilder(instance);
    const v = p.visit('A', MONDAY, '10:00', ['s1'], [{ taskId: 'clean', minutes: 30 }]);
    expect(notesOf(instance, p)).toEqual([`Visit ${v} 2026-02-02 10:00 (weekly task clean) is on a Mon, not a preferred day (Fri): task clean is allowed only on Mon, Tue.`]);
  });

  it('days: no qualified staff on shift on the preferred days', () => {
    const instance = makeInstance({
      clients: [clientA({ tasks: [task('clean', 'service', { frequency: { type: 'weekly', timesPerWeek: 1 }, skills: ['allergy'] })], preferences: { days: [3, 4] } })],
      staff: [worker('s1', { skills: ['allergy'] }, [WEEK[0]!, WEEK[1]!]), worker('s2')],
    });
    const p = new PlanBuilder(instance);
    const v = p.visit('A', MONDAY, '10:00', ['s1'], [{ taskId: 'clean', minutes: 30 }]);
    expect(notesOf(instance, p)).toEqual([
      `Visit ${v} 2026-02-02 10:00 (weekly task clean) is on a Mon, not a preferred day (Wed, Thu): no qualified staff member (skills [allergy], not refused) has a shift on 2026-02-04, 2026-02-05.`,
    ]);
  });

  it('days: no preferred day of that week inside the period', () => {
    // The period starts on a Wednesday: the Monday of its first week lies before it.
    const instance = makeInstance({
      start: '2026-02-04',
      clients: [clientA({ tasks: [task('clean', 'service', { frequency: { type: 'weekly', timesPerWeek: 1 } })], preferences: { days: [1] } })],
      staff: [worker('s1', {}, ['2026-02-04'])],
    });
    const p = new PlanBuilder(instance);
    const v = p.visit('A', '2026-02-04', '10:00', ['s1'], [{ taskId: 'clean', minutes: 30 }]);
    expect(notesOf(instance, p)).toEqual([
      `Visit ${v} 2026-02-04 10:00 (weekly task clean) is on a Wed, not a preferred day (Mon): no preferred day of that week that its tasks allow lies in the period.`,
    ]);
  });

  it('lists at most maxListed items and counts the rest', () => {
    const instance = makeInstance({
      days: 14,
      clients: [clientA({ tasks: [task('clean', 'service', { frequency: { type: 'weekly', timesPerWeek: 2 } })], preferences: { days: [7] } })],
      staff: [worker('s1')],
    });
    const p = new PlanBuilder(instance);
    for (const d of ['2026-02-02', '2026-02-03', '2026-02-09', '2026-02-10']) p.visit('A', d, '10:00', ['s1'], [{ taskId: 'clean', minutes: 30 }]);
    const notes = explainClients(instance, p.build(), { maxListed: 2 })[0]!.notes;
    expect(notes).toHaveLength(3);
    expect(notes[2]).toBe('2 more weekly-task visits are not on a preferred day.');
  });
});
