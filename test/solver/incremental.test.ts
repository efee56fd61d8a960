import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateSolution } from '../../solver/evaluate.js';
import { Rng } from '../../solver/rng.js';
import { WorkingSolution } from '../../solver/solution.js';
import { mankowskaModel, parseMankowska } from '../../src/benchmarks/mankowska.js';
import { parseSolomon, solomonProblem } from '../../src/benchmarks/solomon.js';
import { benchData } from '../fixtures/benchmarks.js';
import { solomonText } from './helpers.js';

/** Removes random visits and reinserts them one by one, checking predicted against actual deltas. */
function checkInsertions(sol: WorkingSolution, rounds: number, seed: number): void {
  const p = sol.p;
  const rng = new Rng(seed);
  for (let round = 0; round < rounds; round++) {
    sol.nRemoved = 0;
    for (let i = 0; i < 6; i++) {
      const v = rng.int(p.nVisits);
      if (sol.routeOf[v]! >= 0) sol.remove(v);
    }
    sol.finishRemovals();
    const pending: number[] = [];
    for (let v = 0; v < p.nVisits; v++) if (sol.routeOf[v]! < 0) pending.push(v);
    for (const v of pending) {
      const before = sol.cost();
      const d = sol.bestInsertion(v, 0.1, rng);
      if (d === Infinity) continue;
      sol.insert(v, sol.bestRoute, sol.bestPos);
      const after = sol.cost();
      expect(after - before + p.unassignedPenalty[v]!).toBeCloseTo(d, 6);
      const ev = evaluateSolution(p, sol.routes());
      expect(ev.violations).toEqual([]);
      expect(ev.cost).toBeCloseTo(after, 6);
    }
  }
}

describe('incremental insertion evaluation agrees with the independent evaluator', () => {
  it('Solomon (O(1) hard-window checks)', () => {
    checkInsertions(new WorkingSolution(solomonProblem(parseSolomon(solomonText('RC101', 50)))), 30, 1);
  });
  it('Mankowska B1 (soft windows, max tardiness, synchronisation and precedence links)', () => {
    const inst = parseMankowska(readFileSync(resolve(benchData, 'mankowska2014/instances/InstanzCPLEX_HCSRP_25_1.txt'), 'utf8'));
    checkInsertions(new WorkingSolution(mankowskaModel(inst).problem), 30, 2);
  });
});
