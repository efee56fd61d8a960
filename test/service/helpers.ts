/**
 * Helpers of the service tests: the tiny sample, quick search options, services that are closed
 * after each test, and polling a job until it ends. Worker threads run compiled code (dist/):
 * `npm test` builds first.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';
import { parseInstance } from '../../src/validate/index.js';
import { openService, type Service, type ServiceOptions } from '../../src/service/index.js';
import type { JobStatus } from '../../src/service/schemas.js';
import type { Instance } from '../../src/schema/instance.js';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '..', '..');

/** The tiny sample instance as JSON. */
export function tinyJson(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, 'data', 'samples', 'tiny-4242.json'), 'utf8')) as Record<string, unknown>;
}

/** The tiny sample, validated. */
export function tinyInstance(): Instance {
  const r = parseInstance(tinyJson());
  if (!r.ok) throw new Error('tiny sample invalid');
  return r.instance;
}

/** A search small enough for tests (iterations bound it: reproducible). */
export const QUICK = { iterationsPerDay: 30, rounds: 1 } as const;
/** A search long enough to be caught running (cancelled before it ends). */
export const LONG = { iterationsPerDay: 5_000, rounds: 20 } as const;

const open: Service[] = [];
const dirs: string[] = [];

/** Opens a service, closed after the test. */
export async function service(options: Partial<ServiceOptions> = {}): Promise<Service> {
  const s = await openService({ data: ':memory:', workers: 2, ...options });
  open.push(s);
  return s;
}

/** A temporary directory, removed after the test. */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'slinga-service-'));
  dirs.push(d);
  return d;
}

afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Bearer header. */
export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

const FINAL = new Set(['done', 'failed', 'cancelled']);

/** Polls a job until `until` holds (default: it has ended); fails after `timeoutMs`. */
export async function waitJob(s: Service, id: string, headers: Record<string, string> = {}, until: (j: JobStatus) => boolean = (j) => FINAL.has(j.status), timeoutMs = 60_000): Promise<JobStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await s.app.inject({ method: 'GET', url: `/v1/plans/${id}`, headers });
    if (r.statusCode !== 200) throw new Error(`GET /v1/plans/${id}: ${r.statusCode} ${r.body}`);
    const j = r.json<JobStatus>();
    if (until(j)) return j;
    if (FINAL.has(j.status)) throw new Error(`job ${id} ended ${j.status} (${j.error ?? ''}) before the condition held`);
    if (Date.now() > deadline) throw new Error(`job ${id} still ${j.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Submits a plan job; returns its id. */
export async function submitPlan(s: Service, options: Record<string, unknown> = { ...QUICK }, headers: Record<string, string> = {}, instance: unknown = tinyJson()): Promise<string> {
  const r = await s.app.inject({ method: 'POST', url: '/v1/plans', payload: { instance, options }, headers });
  if (r.statusCode !== 202) throw new Error(`POST /v1/plans: ${r.statusCode} ${r.body}`);
  return r.json<{ id: string }>().id;
}
