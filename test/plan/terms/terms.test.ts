import { describe, expect, it } from 'vitest';
import { ASSIGNMENT_TERMS, STRATEGY_WEIGHTS, crossTeam, genderOrLanguage, justifyPair, newFace, notNamed, notPreferredStaff, pairCost } from '../../../src/plan/terms/index.js';
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

  it('newFace: one unit for staff the client has not met, with the reason', () => {
    expect(newFace.units({ client, staff, familiar: true })).toBe(0);
    expect(newFace.units({ client, staff: other, familiar: false })).toBe(1);
    expect(newFace.justify({ client, staff: other, familiar: false })).toBe(`staff s2 has not visited client ${client.id} on another day of the period or in the history`);
    expect(newFace.summary(412)).toBe('412 distinct client–staff pairs over the period (the sum over clients of the staff each meets)');
  });

  it('notNamed: visits by anyone but the named contact', () => {
    expect(notNamed.units({ client, staff, familiar: true })).toBe(0);
    expect(notNamed.units({ client, staff: other, familiar: true })).toBe(1);
    expect(notNamed.justify({ client, staff: other, familiar: true })).toBe(`client ${client.id}'s named contact is s1, not s2`);
  });

  it('crossTeam: staff of another team', () => {
    expect(crossTeam.units({ client, staff, familiar: true })).toBe(0);
    expect(crossTeam.units({ client, staff: other, familiar: true })).toBe(1);
    expect(crossTeam.justify({ client, staff: other, familiar: true })).toBe(`staff s2 belongs to team t2, client ${client.id} to team t1`);
  });

  it('notPreferredStaff: clients with preferred staff, visited by someone else', () => {
    expect(notPreferredStaff.units({ client, staff, familiar: true })).toBe(0);
    expect(notPreferredStaff.units({ client, staff: other, familiar: true })).toBe(1);
    expect(notPreferredStaff.justify({ client, staff: other, familiar: true })).toBe(`client ${client.id} prefers staff s1; s2 is not among them`);
  });

  it('genderOrLanguage: names which preference, never its value', () => {
    expect(genderOrLanguage.units({ client, staff, familiar: true })).toBe(0);
    expect(genderOrLanguage.units({ client, staff: other, familiar: true })).toBe(1);
    const msg = genderOrLanguage.justify({ client, staff: other, familiar: true });
    expect(msg).toBe(`staff s2 does not meet client ${client.id}'s gender preference`);
    expect(msg).not.toMatch(/female|male|fi|sv/);
  });

  it('pairCost sums weight × units; justifyPair lists each priced term', () => {
    const w = STRATEGY_WEIGHTS.balanced;
    expect(pairCost(w, { client, staff, familiar: true })).toBe(0);
    expect(pairCost(w, { client, staff: other, familiar: false })).toBe(w.newFace + w.notNamed + w.crossTeam + w.notPreferredStaff + w.genderOrLanguage);
    expect(justifyPair({ client, staff: other, familiar: false }).map((j) => j.term)).toEqual(ASSIGNMENT_TERMS.map((t) => t.name));
  });

  it('presets order continuity: travel-first < balanced < continuity-first', () => {
    expect(STRATEGY_WEIGHTS['travel-first'].newFace).toBeLessThan(STRATEGY_WEIGHTS.balanced.newFace);
    expect(STRATEGY_WEIGHTS.balanced.newFace).toBeLessThan(STRATEGY_WEIGHTS['continuity-first'].newFace);
  });
});
