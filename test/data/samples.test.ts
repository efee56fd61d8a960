import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateScenario, serializeScenario } from '../../data/generator/index.js';
import { parseInstance } from '../../src/validate/index.js';

describe('bundled samples', () => {
  it.each([
    ['tiny', 'data/samples/tiny-4242.json'],
    ['knivsta', 'data/samples/knivsta-4242.json'],
  ] as const)('%s seed 4242 is exactly what the generator makes, and it validates', (profile, file) => {
    const text = readFileSync(file, 'utf8');
    expect(serializeScenario(generateScenario({ profile, seed: 4242 }))).toBe(text);
    expect(parseInstance(JSON.parse(text)).ok).toBe(true);
  });
});
