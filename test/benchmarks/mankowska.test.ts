import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSchedule } from '../../solver/evaluate.js';
import { evaluateMankowska, mankowskaModel, parseMankowska, solveMankowska } from '../../src/benchmarks/mankowska.js';
import { benchData } from '../fixtures/benchmarks.js';

const dir = resolve(benchData, 'mankowska2014');

interface CeschiaSolution {
  routes: { caregiver_id: string; locations?: { patient: string; service: string; arrival_time: number }[] }[];
}

function bksRows(): Record<string, string>[] {
  const lines = readFileSync(resolve(dir, 'bks.csv'), 'utf8').trim().split('\n');
  const head = lines[0]!.split(',');
  // Only the leading, unquoted columns are needed here.
  return lines.slice(1).map((l) => Object.fromEntries(head.map((h, i) => [h, l.split(',')[i] ?? ''])));
}

function ceschia(file: string): { caregiver: number; stops: { patient: number; service: number; start: number }[] }[] {
  const sol = JSON.parse(readFileSync(resolve(dir, 'bks_solutions_ceschia2024', file), 'utf8')) as CeschiaSolution;
  return sol.routes.map((r) => ({
    caregiver: Number(r.caregiver_id.slice(1)) - 1,
    stops: (r.locations ?? []).map((l) => ({ patient: Number(l.patient.slice(1)), service: Number(l.service.slice(1)) - 1, start: l.arrival_time })),
  }));
}

const solutionFiles = readdirSync(resolve(dir, 'bks_solutions_ceschia2024'));

describe('Mankowska reader and evaluator', () => {
  const rows = bksRows().filter((r) => /^[A-C]\d+$/.test(r.instance!));
  for (const row of rows) {
    const file = solutionFiles.find((f) => f.startsWith(`sol-${row.file!.replace('instances/', '').replace('.txt', '')}-`));
    if (!file) continue;
    it(`${row.instance}: reproduces the Ceschia et al. (2024) solution cost`, () => {
      const inst = parseMankowska(readFileSync(resolve(dir, row.file!), 'utf8'));
      const routes = ceschia(file);
      const res = evaluateMankowska(inst, routes);
      expect(res.feasible).toBe(true);
      const published = Number(row.ceschia2024_cost);
      // Earliest start times can only be as good as the published ones.
      expect(res.cost).toBeLessThanOrEqual(published + 0.01);
      expect(res.cost).toBeGreaterThan(published - 0.01);
      // The published start times themselves satisfy travel, windows and gaps.
      const model = mankowskaModel(inst);
      const key = new Map(model.visitPatient.map((pt, v) => [`${pt}:${model.visitService[v]}`, v]));
      const byVehicle: number[][] = Array.from({ length: inst.vehicles }, () => []);
      const starts: number[] = new Array<number>(model.problem.nVisits).fill(NaN);
      for (const r of routes)
        for (const s of r.stops) {
          const v = key.get(`${s.patient}:${s.service}`)!;
          byVehicle[r.caregiver]!.push(v);
          starts[v] = s.start;
        }
      const chk = checkSchedule(model.problem, byVehicle, starts, 2e-3);
      expect(chk.violations).toEqual([]);
      expect(chk.cost).toBeCloseTo(published, 1);
    });
  }

  it('solves A1 to a feasible solution near the optimum (fixed iterations)', () => {
    const inst = parseMankowska(readFileSync(resolve(dir, 'instances/InstanzCPLEX_HCSRP_10_1.txt'), 'utf8'));
    const res = solveMankowska(inst, { seed: 1, maxIterations: 1500 });
    expect(res.feasible).toBe(true);
    expect(res.cost).toBeLessThan(218.199 * 1.05);
    const again = evaluateMankowska(inst, res.routes);
    expect(again.cost).toBeCloseTo(res.cost, 6);
    const same = solveMankowska(inst, { seed: 1, maxIterations: 1500 });
    expect(same.routes).toEqual(res.routes);
  });

  it('reports malformed files with the line', () => {
    const good = readFileSync(resolve(dir, 'instances/InstanzCPLEX_HCSRP_10_1.txt'), 'utf8');
    expect(() => parseMankowska(good.replace('nbVehi\n3', 'nbVehi\nthree'))).toThrow(/line 4/);
    expect(() => parseMankowska(good.replace(/\ne\n[^\n]*\n/, '\ne\n1 2 3\n'))).toThrow(/line \d+: section "e" row has 3 values/);
    expect(() => parseMankowska('')).toThrow(/missing section/);
  });
});
