import { describe, expect, it } from 'vitest';
import {
  ASSIGNMENT_TERMS,
  REPLAN_WEIGHTS,
  movedDay,
  restaffed,
  retimed,
  STRATEGY_WEIGHTS,
  continuityPrices,
  continuityUnits,
  crossTeam,
  genderOrLanguage,
  justifyPair,
  newFace,
  notNamed,
  notPreferredStaff,
  pairCost,
  visitCost,
} from '../../../src/plan/terms/index.js';
import type { Client, Staff } from '../../../src/schema/instance.js';
import { parseInstance } from '../../../src/validate/index.js';
import { miniInstance } from '../../fixtures/mini.js';

function people(): { client: Client; staff: Staff; other: Staff } {
  const input = miniInstance();
  input.teams.push({ id: 't2' });
  input.staff[1]!.team = 't2';
  const c = input.clients[0]!;
  c.namedContact = 's1';
  c.preferences = { ...c.preferences, preferredStaff: ['s1'], staffGender: 'female', languages: ['fi'] };
  input.staff[0]!.gender = 'female';
  input.staff[0]!.languages = ['fi'];
  input.staff[1]!.gender = 'male';
  input.staff[1]!.languages = ['sv'];
  const r = parseInstance(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { client: r.instance.clients[0]!, staff: r.instance.staff[0]!, other: r.instance.staff[1]! };
}

describe('assignment terms', () => {
  const { client, staff, other } = people();

  it('newFace: a whole unit for staff the client has not met, a convex share for known pairs', () => {
    expect(newFace.units({ client, staff, met: 3 })).toBe(1 / 16);
    expect(newFace.units({ client, staff, met: 1 })).toBe(1 / 4);
    expect(newFace.units({ client, staff: other, met: 0 })).toBe(1);
    expect(newFace.justify({ client, staff, met: 1 })).toBe(`staff s1 visits client ${client.id} only 1 time elsewhere in the period or the history`);
    expect(newFace.justify({ client, staff: other, met: 0 })).toBe(`staff s2 has not visited client ${client.id} on another day of the period or in the history`);
    expect(newFace.summary(412)).toBe('412 units of continuity: the first visit of each client–staff pair counts 1, its next ones 1/4, 1/9, … (history included)');
  });

  it('notNamed: visits by anyone but the named contact', () => {
    expect(notNamed.units({ client, staff, met: 3 })).toBe(0);
    expect(notNamed.units({ client, staff: other, met: 3 })).toBe(1);
    expect(notNamed.justify({ client, staff: other, met: 3 })).toBe(`client ${client.id}'s named contact is s1, not s2`);
  });

  it('crossTeam: staff of another team', () => {
    expect(crossTeam.units({ client, staff, met: 3 })).toBe(0);
    expect(crossTeam.units({ client, staff: other, met: 3 })).toBe(1);
    expect(crossTeam.justify({ client, staff: other, met: 3 })).toBe(`staff s2 belongs to team t2, client ${client.id} to team t1`);
  });

  it('notPreferredStaff: clients with preferred staff, visited by someone else', () => {
    expect(notPreferredStaff.units({ client, staff, met: 3 })).toBe(0);
    expect(notPreferredStaff.units({ client, staff: other, met: 3 })).toBe(1);
    expect(notPreferredStaff.justify({ client, staff: other, met: 3 })).toBe(`client ${client.id} prefers staff s1; s2 is not among them`);
  });

  it('genderOrLanguage: names which preference, never its value', () => {
    expect(genderOrLanguage.units({ client, staff, met: 3 })).toBe(0);
    expect(genderOrLanguage.units({ client, staff: other, met: 3 })).toBe(1);
    const msg = genderOrLanguage.justify({ client, staff: other, met: 3 });
    expect(msg).toBe(`staff s2 does not meet client ${client.id}'s gender preference`);
    expect(msg).not.toMatch(/female|male|fi|sv/);
  });

  it('continuity units of a pair: 1 + 1/4 + 1/9 … from the history on; the engine takes the marginals', () => {
    expect(continuityUnits(3, 0)).toBeCloseTo(1 + 1 / 4 + 1 / 9, 12);
    expect(continuityUnits(1, 2)).toBeCloseTo(1 / 9, 12);
    expect(continuityUnits(0, 5)).toBe(0);
    expect(continuityPrices(45, 3)).toEqual([45, 45 / 4, 5]);
  });

  it('visitCost prices who makes a visit without continuity', () => {
    const w = STRATEGY_WEIGHTS.balanced;
    expect(visitCost(w, { client, staff, met: 0 })).toBe(0);
    expect(visitCost(w, { client, staff: other, met: 0 })).toBe(w.notNamed + w.crossTeam + w.notPreferredStaff + w.genderOrLanguage);
  });

  it('pairCost sums weight × units; justifyPair lists each priced term', () => {
    const w = STRATEGY_WEIGHTS.balanced;
    expect(pairCost(w, { client, staff, met: 3 })).toBe(w.newFace / 16);
    expect(pairCost(w, { client, staff: other, met: 0 })).toBe(w.newFace + w.notNamed + w.crossTeam + w.notPreferredStaff + w.genderOrLanguage);
    expect(justifyPair({ client, staff: other, met: 0 }).map((j) => j.term)).toEqual(ASSIGNMENT_TERMS.map((t) => t.name).filter((n) => n !== 'restaffed' && n !== 'consistency'));
    expect(justifyPair({ client, staff: other, met: 0, referenceStaff: [staff.id] }).map((j) => j.term)).toEqual(ASSIGNMENT_TERMS.map((t) => t.name).filter((n) => n !== 'consistency'));
    expect(justifyPair({ client, staff, met: 3 }).map((j) => j.term)).toEqual(['newFace']);
  });

  it('restaffed prices a visit of the plan in force made by someone else, never a new visit', () => {
    expect(restaffed.units({ client, staff, met: 0 })).toBe(0);
    expect(restaffed.units({ client, staff, met: 0, referenceStaff: [staff.id] })).toBe(0);
    expect(restaffed.units({ client, staff: other, met: 0, referenceStaff: [staff.id] })).toBe(1);
    expect(restaffed.justify({ client, staff: other, met: 0, referenceStaff: [staff.id] })).toContain(`not by ${other.id}`);
    const w = REPLAN_WEIGHTS['minimal-change'];
    expect(visitCost(w, { client, staff: other, met: 0, referenceStaff: [staff.id] })).toBe(visitCost(w, { client, staff: other, met: 0 }) + w.restaffed);
    for (const preset of Object.values(STRATEGY_WEIGHTS)) expect(preset.restaffed).toBe(0);
  });

  it('retimed counts minutes past the due time only; movedDay is one unit per moved visit; both 0 outside a replan', () => {
    expect(retimed.units(600, 615)).toBe(0);
    expect(retimed.units(640, 615)).toBe(25);
    expect(retimed.justify('c1', '10:00', '10:40', 25)).toBe("client c1's visit starts 10:40, 25 minutes past the 15-minute tolerance around its time 10:00 in the plan in force");
    expect(movedDay.justify('c1', '2026-11-24', '2026-11-26')).toBe("client c1's visit of 2026-11-24 in the plan in force could not be done that day and is moved to 2026-11-26");
    expect(movedDay.summary(2)).toContain('2 visits');
    for (const preset of Object.values(STRATEGY_WEIGHTS)) expect([preset.retimed, preset.movedDay]).toEqual([0, 0]);
    const w = REPLAN_WEIGHTS['minimal-change'];
    // A moved day costs more than a restaffing: the client agrees to a new day.
    expect(w.movedDay).toBeGreaterThan(w.restaffed);
  });

  it('presets order continuity: travel-first < balanced < continuity-first', () => {
    expect(STRATEGY_WEIGHTS['travel-first'].newFace).toBeLessThan(STRATEGY_WEIGHTS.balanced.newFace);
    expect(STRATEGY_WEIGHTS.balanced.newFace).toBeLessThan(STRATEGY_WEIGHTS['continuity-first'].newFace);
  });
});
