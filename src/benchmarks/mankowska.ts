/**
 * Mankowska, Meisel & Bierwirth (2014) HHCRSP: reader and adapter onto the routing engine.
 * Each (patient, required service) is one engine visit; double services become a link
 * (`start(second) − start(first) ∈ [mind, maxd]`, simultaneous when both are 0) on two different
 * caregivers, sequential as well as simultaneous: in this benchmark family a double service always
 * needs two caregivers (the BRKGA decoder of Kummer Neto et al., afkummer/gecco2020-brkga
 * SortingDecoder.cpp, skips one caregiver for both services of any double service, and none of the
 * 790 double services in the Ceschia et al. (2024) best solutions of A–E has one caregiver twice).
 * In the published instances no caregiver has both skills of a sequential pair anyway; the rule
 * matters for instances whose skills overlap. Windows are soft; objective = (distance + Σ tardiness + max tardiness) / 3.
 */
import { evaluateSolution } from '../../solver/evaluate.js';
import { compileProblem, type LinkSpec, type Problem, type VisitSpec } from '../../solver/problem.js';
import { solve, type Progress, type SearchOptions } from '../../solver/search.js';

/** A parsed Mankowska instance (0-based nodes; node 0 start depot, node N−1 end depot). */
export interface MankowskaInstance {
  nodes: number;
  vehicles: number;
  services: number;
  /** required[i][s] = 1 when patient i needs service s (depot rows as in the file). */
  required: number[][];
  /** 0-based nodes with two services. */
  doubleService: number[];
  /** qualified[k][s] = 1 when caregiver k can do service s. */
  qualified: number[][];
  x: number[];
  y: number[];
  /** N×N travel distances/times. */
  d: number[][];
  /** duration[i][k][s]: processing time of service s at patient i by caregiver k. */
  duration: number[][][];
  minGap: number[];
  maxGap: number[];
  e: number[];
  l: number[];
}

const KEYWORDS = ['nbNodes', 'nbVehi', 'nbServi', 'r', 'DS', 'a', 'x', 'y', 'd', 'p', 'mind', 'maxd', 'e', 'l'] as const;

/**
 * Parses the Mankowska text format (keyword line, then data lines).
 * @throws Error naming the line of the first malformed section.
 */
export function parseMankowska(text: string): MankowskaInstance {
  const lines = text.replace(/\r/g, '').split('\n');
  const sections = new Map<string, { line: number; rows: number[][] }>();
  let cur: { line: number; rows: number[][] } | null = null;
  lines.forEach((raw, idx) => {
    const t = raw.trim();
    if (t === '') return;
    if ((KEYWORDS as readonly string[]).includes(t)) {
      if (sections.has(t)) throw new Error(`line ${idx + 1}: section "${t}" appears twice`);
      cur = { line: idx + 1, rows: [] };
      sections.set(t, cur);
      return;
    }
    if (!cur) throw new Error(`line ${idx + 1}: data before the first keyword: "${t.slice(0, 40)}"`);
    const nums = t.split(/\s+/).map(Number);
    if (nums.some((x) => !Number.isFinite(x))) throw new Error(`line ${idx + 1}: expected numbers, got "${t.slice(0, 60)}"`);
    cur.rows.push(nums);
  });
  const get = (k: string): { line: number; rows: number[][] } => {
    const s = sections.get(k);
    if (!s) throw new Error(`missing section "${k}"`);
    return s;
  };
  const scalar = (k: string): number => {
    const s = get(k);
    const v = s.rows[0]?.[0];
    if (v === undefined || !Number.isInteger(v) || v <= 0) throw new Error(`line ${s.line + 1}: "${k}" needs a positive integer`);
    return v;
  };
  const N = scalar('nbNodes');
  const V = scalar('nbVehi');
  const S = scalar('nbServi');
  if (N < 3) throw new Error(`line ${get('nbNodes').line + 1}: nbNodes must be at least 3`);
  const matrix = (k: string, rows: number, cols: number): number[][] => {
    const s = get(k);
    if (s.rows.length !== rows) throw new Error(`line ${s.line}: section "${k}" has ${s.rows.length} rows, expected ${rows}`);
    s.rows.forEach((r, i) => {
      if (r.length !== cols) throw new Error(`line ${s.line + 1 + i}: section "${k}" row has ${r.length} values, expected ${cols}`);
    });
    return s.rows;
  };
  const vector = (k: string): number[] => matrix(k, 1, N)[0]!;
  const required = matrix('r', N, S);
  const qualified = matrix('a', V, S);
  const ds = sections.get('DS');
  const doubleService = (ds?.rows[0] ?? []).map((x) => x - 1);
  for (const i of doubleService) {
    if (!(Number.isInteger(i) && i >= 1 && i <= N - 2)) throw new Error(`line ${ds!.line + 1}: double-service patient ${i + 1} is not a patient node`);
  }
  const d = matrix('d', N, N);
  const pRows = matrix('p', N * V, S);
  const duration: number[][][] = [];
  for (let i = 0; i < N; i++) duration.push(Array.from({ length: V }, (_, k) => pRows[i * V + k]!));
  const inst: MankowskaInstance = {
    nodes: N,
    vehicles: V,
    services: S,
    required,
    doubleService,
    qualified,
    x: vector('x'),
    y: vector('y'),
    d,
    duration,
    minGap: vector('mind'),
    maxGap: vector('maxd'),
    e: vector('e'),
    l: vector('l'),
  };
  const dsSet = new Set(doubleService);
  for (let i = 1; i < N - 1; i++) {
    const count = required[i]!.reduce((s, x) => s + (x ? 1 : 0), 0);
    const want = dsSet.has(i) ? 2 : 1;
    if (count !== want) throw new Error(`line ${get('r').line + 1 + i}: patient ${i} needs ${count} services, expected ${want}`);
  }
  return inst;
}

/** The engine problem plus the mapping from visits back to (patient, service). */
export interface MankowskaModel {
  problem: Problem;
  visitPatient: number[];
  visitService: number[];
}

/** Builds the engine problem for an instance. */
export function mankowskaModel(inst: MankowskaInstance): MankowskaModel {
  const N = inst.nodes;
  const V = inst.vehicles;
  const travel = new Float64Array(N * N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) travel[i * N + j] = inst.d[i]![j]!;
  const visits: VisitSpec[] = [];
  const visitPatient: number[] = [];
  const visitService: number[] = [];
  const links: LinkSpec[] = [];
  for (let i = 1; i < N - 1; i++) {
    const mine: number[] = [];
    for (let s = 0; s < inst.services; s++) {
      if (!inst.required[i]![s]) continue;
      mine.push(visits.length);
      visitPatient.push(i);
      visitService.push(s);
      visits.push({
        location: i,
        duration: Array.from({ length: V }, (_, k) => inst.duration[i]![k]![s]!),
        windows: [[inst.e[i]!, inst.l[i]!]],
        allowedVehicles: Array.from({ length: V }, (_, k) => k).filter((k) => inst.qualified[k]![s]),
      });
    }
    if (mine.length === 2) {
      // Two caregivers for every double service, whatever the gap.
      links.push({ a: mine[0]!, b: mine[1]!, minGap: inst.minGap[i]!, maxGap: inst.maxGap[i]!, differentVehicles: true });
    }
  }
  const problem = compileProblem({
    nLocations: N,
    travel,
    visits,
    vehicles: Array.from({ length: V }, () => ({ start: 0, end: N - 1, shiftStart: inst.e[0] ?? 0, shiftEnd: Infinity })),
    links,
    objective: { distance: 1 / 3, tardiness: 1 / 3, maxTardiness: 1 / 3 },
  });
  return { problem, visitPatient, visitService };
}

/** A route in the `slinga hhcrsp --json` shape. */
export interface MankowskaRoute {
  caregiver: number;
  stops: { patient: number; service: number; start: number }[];
}

/** Result in the `slinga hhcrsp --json` shape plus feasibility and run data. */
export interface MankowskaResult {
  /** (distance + tardiness + maxTardiness) / 3. */
  cost: number;
  distance: number;
  tardiness: number;
  maxTardiness: number;
  routes: MankowskaRoute[];
  /** Checked by the independent evaluator (every service once, qualified caregiver, gaps). */
  feasible: boolean;
  iterations: number;
  seconds: number;
}

/** Options for {@link solveMankowska}. */
export interface SolveMankowskaOptions {
  timeLimitSeconds?: number;
  seed?: number;
  maxIterations?: number;
  onProgress?: (p: Progress) => void;
  search?: SearchOptions;
}

/**
 * Evaluates routes given as (patient, service) sequences per caregiver with the independent
 * evaluator (earliest start times). Used for published solutions and the solver's own output.
 */
export function evaluateMankowska(inst: MankowskaInstance, routes: { caregiver: number; stops: { patient: number; service: number }[] }[]): MankowskaResult {
  const model = mankowskaModel(inst);
  const key = new Map<string, number>();
  model.visitPatient.forEach((pt, v) => key.set(`${pt}:${model.visitService[v]}`, v));
  const byVehicle: number[][] = Array.from({ length: inst.vehicles }, () => []);
  for (const r of routes) {
    if (!(r.caregiver >= 0 && r.caregiver < inst.vehicles)) throw new Error(`caregiver ${r.caregiver} does not exist`);
    for (const s of r.stops) {
      const v = key.get(`${s.patient}:${s.service}`);
      if (v === undefined) throw new Error(`patient ${s.patient} does not need service ${s.service}`);
      byVehicle[r.caregiver]!.push(v);
    }
  }
  return toResult(model, byVehicle, 0, 0);
}

function toResult(model: MankowskaModel, byVehicle: number[][], iterations: number, seconds: number): MankowskaResult {
  const ev = evaluateSolution(model.problem, byVehicle);
  const routes: MankowskaRoute[] = byVehicle.map((r, k) => ({
    caregiver: k,
    stops: r.map((v) => ({ patient: model.visitPatient[v]!, service: model.visitService[v]!, start: ev.starts[v]! })),
  }));
  return {
    cost: (ev.distance + ev.tardiness + ev.maxTardiness) / 3,
    distance: ev.distance,
    tardiness: ev.tardiness,
    maxTardiness: ev.maxTardiness,
    routes,
    feasible: ev.feasible && ev.unassigned.length === 0,
    iterations,
    seconds,
  };
}

/** Solves a Mankowska instance. */
export function solveMankowska(inst: MankowskaInstance, options: SolveMankowskaOptions = {}): MankowskaResult {
  const model = mankowskaModel(inst);
  const res = solve(model.problem, {
    ...options.search,
    seed: options.seed ?? 1,
    timeLimitSeconds: options.timeLimitSeconds ?? (options.maxIterations === undefined ? 30 : undefined),
    maxIterations: options.maxIterations,
    onProgress: options.onProgress,
  });
  return toResult(model, res.routes, res.iterations, res.elapsedSeconds);
}
