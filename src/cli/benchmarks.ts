import { readFile } from 'node:fs/promises';
import { parseMankowska, solveMankowska } from '../benchmarks/mankowska.js';
import { parseSolomon, solveSolomon } from '../benchmarks/solomon.js';
import { CliError } from './errors.js';

/** Reads and parses a benchmark file; unreadable or malformed files are exit 2 naming the file. */
async function readParsed<T>(file: string, parse: (text: string) => T): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new CliError(2, `cannot read ${file}`);
  }
  try {
    return parse(text);
  } catch (e) {
    throw new CliError(2, `${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** `slinga vrptw` — minimum total distance with the file's fleet size and capacity. */
export async function cmdVrptw(file: string, opts: { timeLimit: number; seed: number; json?: boolean }): Promise<void> {
  const inst = await readParsed(file, parseSolomon);
  const r = solveSolomon(inst, { timeLimitSeconds: opts.timeLimit, seed: opts.seed });
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ vehicles: r.vehicles, distance: r.distance, routes: r.routes })}\n`);
  } else {
    process.stdout.write(
      `${file}: distance ${r.distance.toFixed(2)}, ${r.vehicles} vehicles, ${r.feasible ? 'feasible' : 'INFEASIBLE'} (${r.iterations} iterations, ${r.seconds.toFixed(1)} s)\n` +
        r.routes.map((route, i) => `  route ${i + 1}: ${route.join(' ')}`).join('\n') +
        '\n',
    );
  }
  if (!r.feasible) process.exitCode = 1;
}

/** `slinga hhcrsp` — Mankowska et al. (2014): (distance + total tardiness + max tardiness) / 3. */
export async function cmdHhcrsp(file: string, opts: { timeLimit: number; seed: number; json?: boolean }): Promise<void> {
  const inst = await readParsed(file, parseMankowska);
  const r = solveMankowska(inst, { timeLimitSeconds: opts.timeLimit, seed: opts.seed });
  if (opts.json) {
    const { cost, distance, tardiness, maxTardiness, routes } = r;
    process.stdout.write(`${JSON.stringify({ cost, distance, tardiness, maxTardiness, routes })}\n`);
  } else {
    process.stdout.write(
      `${file}: cost ${r.cost.toFixed(3)} (distance ${r.distance.toFixed(2)}, tardiness ${r.tardiness.toFixed(2)}, max ${r.maxTardiness.toFixed(2)}), ${r.feasible ? 'feasible' : 'INFEASIBLE'}\n`,
    );
  }
  if (!r.feasible) process.exitCode = 1;
}
