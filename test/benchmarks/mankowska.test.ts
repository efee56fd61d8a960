import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSchedule, evaluateSolution } from '../../solver/evaluate.js';
import { evaluateMankowska, mankowskaModel, parseMankowska, solveMankowska, type MankowskaInstance } from '../../src/benchmarks/mankowska.js';
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

const A1 = 'instances/InstanzCPLEX_HCSRP_10_1.txt';
const B1 = 'instances/InstanzCPLEX_HCSRP_25_1.txt';

function load(file: string): MankowskaInstance {
  return parseMankowska(readFileSync(resolve(dir, file), 'utf8'));
}

/**
 * The instance with every caregiver qualified for every service (in memory). In the published
 * instances no caregiver has both skills of a sequential double service, so the skills alone keep
 * its two services apart; here only the link's different-caregiver rule can.
 */
function allSkills(inst: MankowskaInstance): MankowskaInstance {
  return { ...inst, qualified: inst.qualified.map((row) => row.map(() => 1)) };
}

/** Caregivers per patient, one entry per service done. */
function caregiversOf(routes: { caregiver: number; stops: { patient: number }[] }[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const r of routes) for (const s of r.stops) out.set(s.patient, [...(out.get(s.patient) ?? []), r.caregiver]);
  return out;
}

describe('Mankowska double services: two different caregivers, simultaneous or sequential', () => {
  it('every double-service link requires different caregivers, the sequential (min/max gap) ones too', () => {
    for (const file of [A1, B1]) {
      const inst = load(file);
      const { problem, visitPatient } = mankowskaModel(inst);
      expect(problem.nLinks).toBe(inst.doubleService.length);
      let sequential = 0;
      for (let l = 0; l < problem.nLinks; l++) {
        const patient = visitPatient[problem.linkA[l]!]!;
        expect(visitPatient[problem.linkB[l]!]).toBe(patient);
        expect([problem.linkMin[l], problem.linkMax[l]]).toEqual([inst.minGap[patient], inst.maxGap[patient]]);
        if (problem.linkMax[l]! > 0) sequential++;
        expect(problem.linkDifferent[l], `${file}: patient ${patient}`).toBe(1);
      }
      // A1 has 2 sequential double services (of 3), B1 has 4 (of 8).
      expect(sequential).toBe(file === A1 ? 2 : 4);
    }
  });

  it('the evaluator rejects both services of a sequential double service on one caregiver', () => {
    const inst = allSkills(load(A1));
    // Patient 10 needs services 2 and 5, the second starting 8-16 min after the first; each takes 14 min.
    const patient = 10;
    expect([inst.minGap[patient], inst.maxGap[patient]]).toEqual([8, 16]);
    const routes = ceschia('sol-InstanzCPLEX_HCSRP_10_1-3825612719.json');
    expect(evaluateMankowska(inst, routes).feasible).toBe(true);
    // Move the second service right behind the first, on the first one's caregiver: the gap (14) fits.
    const moved = routes.map((r) => ({ ...r, stops: r.stops.filter((s) => !(s.patient === patient && s.service === 5)) }));
    const first = moved.find((r) => r.stops.some((s) => s.patient === patient && s.service === 2))!;
    const at = first.stops.findIndex((s) => s.patient === patient);
    first.stops.splice(at + 1, 0, { patient, service: 5, start: NaN });
    expect(caregiversOf(moved).get(patient)).toEqual([first.caregiver, first.caregiver]);

    const model = mankowskaModel(inst);
    const visit = new Map(model.visitPatient.map((pt, v) => [`${pt}:${model.visitService[v]}`, v]));
    const byVehicle: number[][] = Array.from({ length: inst.vehicles }, () => []);
    for (const r of moved) for (const s of r.stops) byVehicle[r.caregiver]!.push(visit.get(`${s.patient}:${s.service}`)!);
    const ev = evaluateSolution(model.problem, byVehicle);
    expect(ev.feasible).toBe(false);
    expect(ev.violations).toEqual([
      { code: 'link', message: expect.stringMatching(/different vehicles/) as unknown as string, visits: [visit.get(`${patient}:2`), visit.get(`${patient}:5`)] },
    ]);
    expect(evaluateMankowska(inst, moved).feasible).toBe(false);
  });

  it('solveMankowska puts the two services of every double-service patient on two caregivers', () => {
    // A1 as published, and A1/B1 with every skill for everyone (where one caregiver could do both).
    for (const inst of [load(A1), allSkills(load(A1)), allSkills(load(B1))]) {
      const res = solveMankowska(inst, { seed: 1, maxIterations: 300 });
      expect(res.feasible).toBe(true);
      const byPatient = caregiversOf(res.routes);
      for (let i = 1; i < inst.nodes - 1; i++) expect(byPatient.get(i)).toHaveLength(inst.doubleService.includes(i) ? 2 : 1);
      for (const patient of inst.doubleService) {
        const [c0, c1] = byPatient.get(patient)!;
        expect(c0, `patient ${patient}`).not.toBe(c1);
      }
    }
  });
});
