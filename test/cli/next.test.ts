import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { InstanceInput } from '../../src/schema/instance.js';
import type { Plan } from '../../src/schema/plan.js';
import { miniInstance } from '../fixtures/mini.js';

const TINY = new URL('../../data/samples/tiny-4242.json', import.meta.url).pathname;

let dir: string;
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'slinga-next-'));
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  process.exitCode = undefined;
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function run(...argv: string[]): Promise<number> {
  const code = await main(argv);
  process.exitCode = undefined;
  return code;
}

const read = <T = InstanceInput>(p: string): T => JSON.parse(readFileSync(p, 'utf8')) as T;

describe('slinga generate --next and plan --reference', () => {
  it('generate --next writes the following period: valid, same ids, dates one period later', async () => {
    const next = join(dir, 'next.json');
    expect(await run('generate', '--next', TINY, '--out', next)).toBe(0);
    expect(err.join('')).toContain('tiny-s4242-p2, 14 days from 2026-12-07');
    expect(await run('validate', next)).toBe(0);
    const a = read(TINY);
    const b = read(next);
    expect(b.clients.map((c) => c.id)).toEqual(a.clients.map((c) => c.id));
    expect(b.staff[0]!.shifts.map((s) => s.id)).toEqual(a.staff[0]!.shifts.map((s) => s.id));
    expect(b.staff[0]!.shifts[0]!.date).toBe('2026-12-07');
  });

  it('generate: exit 2 without --profile/--seed or --next, with --next and a generator option, and for an invalid instance (nothing written)', async () => {
    expect(await run('generate', '--out', join(dir, 'x.json'))).toBe(2);
    expect(await run('generate', '--next', TINY, '--seed', '3', '--out', join(dir, 'y.json'))).toBe(2);
    expect(err.join('')).toContain('drop --seed');
    const bad = miniInstance();
    bad.clients[0]!.team = 'ghost';
    const p = join(dir, 'bad.json');
    writeFileSync(p, JSON.stringify(bad));
    expect(await run('generate', '--next', p, '--out', join(dir, 'z.json'))).toBe(2);
    expect(err.join('')).toContain('UNKNOWN_REF');
    for (const f of ['x.json', 'y.json', 'z.json']) expect(existsSync(join(dir, f))).toBe(false);
  });

  it('generate --next: a travel matrix named relative to the instance stays the same file from the new place', async () => {
    const ids = ['b1', 'c1', 'c2'];
    const rows = ids.flatMap((a) => ids.map((b) => `${a},${b},${a === b ? 0 : 9}`));
    mkdirSync(join(dir, 'in'));
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'in', 'm.csv'), ['from,to,minutes', ...rows].join('\n'));
    const inst = miniInstance();
    inst.travel = { matrix: { format: 'csv', path: 'm.csv' } };
    writeFileSync(join(dir, 'in', 'i.json'), JSON.stringify(inst));
    const next = join(dir, 'out', 'next.json');
    expect(await run('generate', '--next', join(dir, 'in', 'i.json'), '--out', next)).toBe(0);
    expect(read(next).travel!.matrix!.path).toBe(join('..', 'in', 'm.csv'));
    expect(await run('validate', next)).toBe(0);
  });

  it('plan --reference: the plan of the period before keeps its staff and times, reports consistency, and checks valid', async () => {
    const p1 = join(dir, 'p1.json');
    const next = join(dir, 'next.json');
    const p2 = join(dir, 'p2.json');
    expect(await run('plan', TINY, '--out', p1, '--iterations', '100', '--workers', '1')).toBe(0);
    expect(await run('generate', '--next', TINY, '--out', next)).toBe(0);
    expect(await run('plan', next, '--out', p2, '--iterations', '100', '--workers', '1', '--reference', p1)).toBe(0);
    expect(err.join('')).toMatch(/reference: \d+ of \d+ visits continuing a visit of the last period/);
    expect(await run('check', next, p2)).toBe(0);
    const plan = read<Plan>(p2);
    const terms = plan.explanations!.terms.map((t) => t.term);
    expect(terms).toEqual(expect.arrayContaining(['consistency', 'consistencyTime']));
    expect(plan.meta.objective!.consistencyWeight).toBe(30);
    // User weights reach the term.
    expect(await run('plan', next, '--out', p2, '--iterations', '50', '--workers', '1', '--reference', p1, '--weights', 'consistency=80')).toBe(0);
    expect(read<Plan>(p2).meta.objective!.consistencyWeight).toBe(80);
  });

  it('plan --reference: exit 2 for a reference of the wrong shape and with the baseline strategy', async () => {
    const bad = join(dir, 'bad-plan.json');
    writeFileSync(bad, JSON.stringify({ visits: 'no' }));
    expect(await run('plan', TINY, '--out', join(dir, 'o.json'), '--reference', bad)).toBe(2);
    const p1 = join(dir, 'p1.json');
    expect(await run('plan', TINY, '--out', p1, '--iterations', '50', '--workers', '1')).toBe(0);
    expect(await run('plan', TINY, '--out', join(dir, 'o.json'), '--strategy', 'baseline', '--reference', p1)).toBe(2);
    expect(err.join('')).toContain('needs a weekly strategy');
    expect(existsSync(join(dir, 'o.json'))).toBe(false);
  });
});
