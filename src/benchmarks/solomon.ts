/**
 * Solomon / Gehring–Homberger VRPTW: reader and adapter onto the routing engine.
 * Objective: total distance (double-precision Euclidean), any number of vehicles up to the file's
 * fleet size, capacity and time windows hard (service must start by the due date; the depot's due
 * date bounds the return).
 */
import { evaluateSolution } from '../../solver/evaluate.js';
import { compileProblem, type Problem } from '../../solver/problem.js';
import { solve, type Progress, type SearchOptions } from '../../solver/search.js';

/** One customer row (row 0 is the depot). */
export interface SolomonCustomer {
  id: number;
  x: number;
  y: number;
  demand: number;
  ready: number;
  due: number;
  service: number;
}

/** A parsed Solomon-format instance. */
export interface SolomonInstance {
  name: string;
  /** Fleet size (upper bound). */
  vehicles: number;
  capacity: number;
  /** Depot first, then customers in file order. */
  customers: SolomonCustomer[];
}

/**
 * Parses the Solomon text format (CRLF or LF).
 * @throws Error whose message names the offending line when the file is malformed.
 */
export function parseSolomon(text: string): SolomonInstance {
  const lines = text.replace(/\r/g, '').split('\n');
  let i = 0;
  const skipBlank = (): void => {
    while (i < lines.length && lines[i]!.trim() === '') i++;
  };
  skipBlank();
  if (i >= lines.length) throw new Error('Solomon file is empty');
  const name = lines[i]!.trim();
  i++;
  const vIdx = lines.findIndex((l) => /^\s*VEHICLE\s*$/i.test(l));
  if (vIdx < 0) throw new Error('Solomon file: no VEHICLE section');
  i = vIdx + 1;
  skipBlank();
  if (!/NUMBER/i.test(lines[i] ?? '')) throw new Error(`line ${i + 1}: expected "NUMBER CAPACITY" header`);
  i++;
  skipBlank();
  const fleet = (lines[i] ?? '').trim().split(/\s+/).map(Number);
  if (fleet.length !== 2 || !fleet.every((x) => Number.isInteger(x) && x > 0)) {
    throw new Error(`line ${i + 1}: expected two positive integers (vehicles, capacity), got "${(lines[i] ?? '').trim()}"`);
  }
  const cIdx = lines.findIndex((l) => /^\s*CUSTOMER\s*$/i.test(l));
  if (cIdx < 0) throw new Error('Solomon file: no CUSTOMER section');
  i = cIdx + 1;
  skipBlank();
  if (/CUST/i.test(lines[i] ?? '')) i++;
  const customers: SolomonCustomer[] = [];
  for (; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    const f = raw.split(/\s+/).map(Number);
    if (f.length !== 7 || f.some((x) => !Number.isFinite(x))) {
      throw new Error(`line ${i + 1}: expected 7 numbers (id x y demand ready due service), got "${raw}"`);
    }
    const [id, x, y, demand, ready, due, service] = f as [number, number, number, number, number, number, number];
    if (id !== customers.length) throw new Error(`line ${i + 1}: customer id ${id}, expected ${customers.length}`);
    if (ready > due) throw new Error(`line ${i + 1}: ready time ${ready} after due date ${due}`);
    if (demand < 0 || service < 0) throw new Error(`line ${i + 1}: negative demand or service time`);
    customers.push({ id, x, y, demand, ready, due, service });
  }
  if (customers.length < 2) throw new Error('Solomon file: needs a depot and at least one customer');
  return { name, vehicles: fleet[0]!, capacity: fleet[1]!, customers };
}

/** Builds the engine problem: location i = customer i (0 = depot), visit v = customer v+1. */
export function solomonProblem(inst: SolomonInstance): Problem {
  const cs = inst.customers;
  const n = cs.length;
  const travel = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) travel[a * n + b] = Math.hypot(cs[a]!.x - cs[b]!.x, cs[a]!.y - cs[b]!.y);
  }
  const depot = cs[0]!;
  return compileProblem({
    nLocations: n,
    travel,
    visits: cs.slice(1).map((c) => ({ location: c.id, duration: c.service, demand: c.demand, windows: [[c.ready, c.due]] as const })),
    vehicles: Array.from({ length: inst.vehicles }, () => ({ start: 0, end: 0, shiftStart: depot.ready, shiftEnd: depot.due, capacity: inst.capacity })),
    objective: { distance: 1 },
  });
}

/** Options for {@link solveSolomon}. */
export interface SolveSolomonOptions {
  timeLimitSeconds?: number;
  seed?: number;
  maxIterations?: number;
  onProgress?: (p: Progress) => void;
  /** Extra engine options (operators, temperatures) for experiments. */
  search?: SearchOptions;
}

/** Result in the `slinga vrptw --json` shape plus feasibility. */
export interface SolomonResult {
  vehicles: number;
  /** Sum of unrounded Euclidean distances. */
  distance: number;
  /** Customer numbers in visiting order, one list per used vehicle. */
  routes: number[][];
  /** Checked by the independent evaluator (capacity, windows, fleet size, all customers served). */
  feasible: boolean;
  iterations: number;
  seconds: number;
}

/** Solves a Solomon instance for minimum total distance. */
export function solveSolomon(inst: SolomonInstance, options: SolveSolomonOptions = {}): SolomonResult {
  const problem = solomonProblem(inst);
  const res = solve(problem, {
    ...options.search,
    seed: options.seed ?? 1,
    timeLimitSeconds: options.timeLimitSeconds ?? (options.maxIterations === undefined ? 10 : undefined),
    maxIterations: options.maxIterations,
    onProgress: options.onProgress,
  });
  const ev = evaluateSolution(problem, res.routes);
  const routes = res.routes.filter((r) => r.length > 0).map((r) => r.map((v) => v + 1));
  return {
    vehicles: routes.length,
    distance: ev.distance,
    routes,
    feasible: ev.feasible && ev.unassigned.length === 0,
    iterations: res.iterations,
    seconds: res.elapsedSeconds,
  };
}
