import { describe, expect, it } from 'vitest';
import { route } from '../../src/tasks/route.js';

describe('route task', () => {
  it('accepts results with visit indices and -1 (a break position of the rewritten engine), nothing below', () => {
    const result = { kind: 'route', routes: [[0, -1, 2], []], cost: 12.5, iterations: 3 };
    expect(route.validate(result)).toEqual(result);
    expect(() => route.validate({ ...result, routes: [[-2]] })).toThrow();
    expect(() => route.validate({ ...result, routes: [[0.5]] })).toThrow();
    expect(() => route.validate({ ...result, kind: 'plan' })).toThrow();
  });
});
