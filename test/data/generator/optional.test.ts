import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ECONOMICS_DEFAULTS, generateScenario, serializeScenario, withOptionalShifts } from '../../../data/generator/index.js';
import { parseInstance } from '../../../src/validate/index.js';

describe('generate --optional-share', () => {
  it('leaves instances without the flag byte-identical (the bundled samples)', () => {
    for (const [profile, file] of [['tiny', 'data/samples/tiny-4242.json'], ['knivsta', 'data/samples/knivsta-4242.json']] as const) {
      const text = serializeScenario(generateScenario({ profile, seed: 4242 }));
      expect(text).toBe(readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8'));
      expect(text).not.toContain('"optional"');
      expect(text).not.toContain('"economics"');
    }
  });

  it('marks the share of shifts optional, hourly (smallest contracts) staff first, and keeps the rest of the instance', () => {
    const plain = generateScenario({ profile: 'knivsta', seed: 11, scale: 0.3 });
    const opt = generateScenario({ profile: 'knivsta', seed: 11, scale: 0.3, optionalShare: 0.3 });
    const total = plain.staff.reduce((s, m) => s + m.shifts.length, 0);
    const marked = opt.staff.flatMap((s) => s.shifts.filter((sh) => sh.optional));
    expect(marked.length).toBe(Math.round(0.3 * total));
    // Same instance apart from the marks and the economics block.
    const { economics, ...rest } = opt;
    const unmarked = structuredClone(rest);
    for (const s of unmarked.staff) for (const sh of s.shifts) delete sh.optional;
    expect(serializeScenario(unmarked)).toBe(serializeScenario(plain));
    // Nurses keep their shifts; a staff member with an optional shift has no larger contract than one without.
    const withOpt = opt.staff.filter((s) => s.shifts.some((sh) => sh.optional));
    expect(withOpt.every((s) => s.role !== 'nurse')).toBe(true);
    const maxOpt = Math.max(...withOpt.map((s) => s.maxWorkMinutesPerWeek ?? 0));
    const fullyFixed = opt.staff.filter((s) => s.role !== 'nurse' && s.shifts.every((sh) => !sh.optional));
    expect(fullyFixed.every((s) => (s.maxWorkMinutesPerWeek ?? Infinity) >= maxOpt)).toBe(true);
    // The economics block: documented defaults, hourly wage for the staff with optional shifts.
    expect(economics!.reimbursement.carePerHourSek).toBe(411);
    expect(economics!.wagePerHourSek.care).toBe(ECONOMICS_DEFAULTS.careWage);
    expect(Object.keys(economics!.staffWagePerHourSek ?? {}).sort()).toEqual(withOpt.map((s) => s.id).sort());
    expect(parseInstance(opt).ok).toBe(true);
  });

  it('is deterministic and validates the share', () => {
    const a = serializeScenario(generateScenario({ profile: 'tiny', seed: 5, optionalShare: 0.5 }));
    expect(serializeScenario(generateScenario({ profile: 'tiny', seed: 5, optionalShare: 0.5 }))).toBe(a);
    expect(() => withOptionalShifts(generateScenario({ profile: 'tiny', seed: 5 }), 1.5)).toThrow(RangeError);
    expect(generateScenario({ profile: 'tiny', seed: 5, optionalShare: 0 }).staff.every((s) => s.shifts.every((sh) => !sh.optional))).toBe(true);
  });
});
