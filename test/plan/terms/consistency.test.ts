import { describe, expect, it } from 'vitest';
import { ASSIGNMENT_TERMS, BASELINE_WEIGHTS, CONSISTENCY_WEIGHT, REPLAN_WEIGHTS, STRATEGY_WEIGHTS, consistency, justifyPair, pairCost, visitCost } from '../../../src/plan/terms/index.js';
import type { PreviousVisit } from '../../../src/plan/terms/index.js';
import { parseInstance } from '../../../src/validate/index.js';
import { miniInstance } from '../../fixtures/mini.js';

function people() {
  const r = parseInstance(miniInstance());
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { client: r.instance.clients[0]!, staff: r.instance.staff[0]!, other: r.instance.staff[1]! };
}

describe('consistency: next period like the last', () => {
  const { client, staff, other } = people();
  // 2026-03-24 is a Tuesday.
  const previous: PreviousVisit = { visitId: 'v017', date: '2026-03-24', start: '08:10', staff: [staff.id] };

  it('costs one unit per staff visit by someone else than in the reference visit, nothing without one', () => {
    expect(consistency.units({ client, staff, met: 0 })).toBe(0);
    expect(consistency.units({ client, staff: other, met: 0 })).toBe(0);
    expect(consistency.units({ client, staff, met: 0, previous })).toBe(0);
    expect(consistency.units({ client, staff: other, met: 0, previous })).toBe(1);
    // A double-staffed reference visit: either of its two staff members keeps it.
    expect(consistency.units({ client, staff: other, met: 0, previous: { ...previous, staff: [staff.id, other.id] } })).toBe(0);
  });

  it('says which visit, weekday, staff and times, naming ids only', () => {
    const msg = consistency.justify({ client, staff: other, met: 0, previous, start: '09:30' });
    expect(msg).toBe(`visit v017 of client ${client.id} on Tuesday was with staff ${staff.id} at 08:10 last period; now with ${other.id} at 09:30`);
    expect(consistency.justify({ client, staff: other, met: 0, previous })).toBe(`visit v017 of client ${client.id} on Tuesday was with staff ${staff.id} at 08:10 last period; now with ${other.id}`);
    expect(consistency.summary(12)).toBe("12 staff visits by someone else than in the last period's visit of the same client, tasks and weekday");
  });

  it('is a visit term: priced by its weight, listed by justifyPair; presets carry 0 so plans without a reference are as before', () => {
    const w = { ...STRATEGY_WEIGHTS.balanced, consistency: CONSISTENCY_WEIGHT };
    expect(visitCost(w, { client, staff: other, met: 0, previous })).toBe(visitCost(w, { client, staff: other, met: 0 }) + CONSISTENCY_WEIGHT);
    expect(pairCost(w, { client, staff, met: 0, previous })).toBe(pairCost(w, { client, staff, met: 0 }));
    expect(justifyPair({ client, staff: other, met: 0, previous }).map((j) => j.term)).toContain('consistency');
    expect(ASSIGNMENT_TERMS.map((t) => t.name)).toContain('consistency');
    for (const preset of [...Object.values(STRATEGY_WEIGHTS), ...Object.values(REPLAN_WEIGHTS), BASELINE_WEIGHTS]) expect(preset.consistency).toBe(0);
    // Below a new face: taking a client's odd visit off a rarely met staff member can still pay.
    expect(CONSISTENCY_WEIGHT).toBeLessThan(STRATEGY_WEIGHTS.balanced.newFace);
  });
});
