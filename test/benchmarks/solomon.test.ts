import { describe, expect, it } from 'vitest';
import { parseSolomon, solveSolomon } from '../../src/benchmarks/solomon.js';
import { solomonText } from '../solver/helpers.js';

describe('Solomon reader and adapter', () => {
  it('reads the header, fleet and customers (CRLF)', () => {
    const inst = parseSolomon(solomonText('C101', 100).replace(/\n/g, '\r\n'));
    expect(inst.name).toBe('C101');
    expect(inst.vehicles).toBe(25);
    expect(inst.capacity).toBe(200);
    expect(inst.customers).toHaveLength(101);
    expect(inst.customers[1]).toEqual({ id: 1, x: 45, y: 68, demand: 10, ready: 912, due: 967, service: 90 });
  });

  it('names the line of a malformed row', () => {
    const text = solomonText('C101', 10);
    const lines = text.split('\n');
    const row = lines.findIndex((l) => /^\s+3\s/.test(l));
    lines[row] = '    3   42   abc';
    expect(() => parseSolomon(lines.join('\n'))).toThrow(new RegExp(`line ${row + 1}: expected 7 numbers`));
    expect(() => parseSolomon('')).toThrow(/empty/);
    expect(() => parseSolomon('X\nVEHICLE\nNUMBER CAPACITY\n 0 200\n')).toThrow(/line 4/);
  });

  it('solves a 25-customer cut: vrptw JSON shape, every customer once, feasible, deterministic', () => {
    const inst = parseSolomon(solomonText('RC101', 25));
    const a = solveSolomon(inst, { seed: 4, maxIterations: 1000 });
    const b = solveSolomon(inst, { seed: 4, maxIterations: 1000 });
    expect(a.feasible).toBe(true);
    expect(a.routes).toEqual(b.routes);
    expect(a.vehicles).toBe(a.routes.length);
    expect(a.routes.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    // Distance recomputed here from the coordinates.
    const c = inst.customers;
    let d = 0;
    for (const r of a.routes) {
      const seq = [0, ...r, 0];
      for (let i = 0; i + 1 < seq.length; i++) d += Math.hypot(c[seq[i]!]!.x - c[seq[i + 1]!]!.x, c[seq[i]!]!.y - c[seq[i + 1]!]!.y);
    }
    expect(a.distance).toBeCloseTo(d, 9);
  });
});
