import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchData } from '../fixtures/benchmarks.js';

/** A Solomon file cut to its first `n` customers (in memory). */
export function solomonText(name: string, n: number): string {
  const lines = readFileSync(resolve(benchData, 'solomon', `${name}.txt`), 'utf8').replace(/\r/g, '').split('\n');
  const out: string[] = [];
  let data = 0;
  let inCustomers = false;
  for (const l of lines) {
    if (/^\s*\d+\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\s*$/.test(l) && inCustomers) {
      if (data++ > n) continue;
    }
    if (/CUST NO/.test(l)) inCustomers = true;
    out.push(l);
  }
  return out.join('\n');
}

/** Euclidean travel matrix for points. */
export function euclid(points: readonly (readonly [number, number])[]): Float64Array {
  const n = points.length;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = Math.hypot(points[i]![0] - points[j]![0], points[i]![1] - points[j]![1]);
  return m;
}
