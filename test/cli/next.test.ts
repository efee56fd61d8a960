import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCli } from './harness.js';
import type { InstanceInput } from '../../src/schema/instance.js';
import type { Plan } from '../../src/schema/plan.js';
import { miniInstance } from '../fixtures/mini.js';

const TINY = new URL('../../data/samples/tiny-4242.json', import.meta.url).pathname;

const cli = useCli('slinga-next-');
const { err, run } = cli;

const read = <T = InstanceInput>(p: string): T => JSON.parse(readFileSync(p, 'utf8')) as T;

describe('slinga generate --next and plan --reference', () => {
  it('generate --next writes the following period: valid, same ids, dates one period later', async () => {
    const next = join(cli.dir, 'next.json');
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
    expect(await run('generate', '--out', join(cli.dir, 'x.json'))).toBe(2);
    expect(await run('generate', '--next', TINY, '--seed', '3', '--out', join(cli.dir, 'y.json'))).toBe(2);
    expect(err.join('')).toContain('drop --seed');
    const bad = miniInstance();
    bad.clients[0]!.team = 'ghost';
    const p = join(cli.dir, 'bad.json');
    writeFileSync(p, JSON.stringify(bad));
    expect(await run('generate', '--next', p, '--out', join(cli.dir, 'z.json'))).toBe(2);
    expect(err.join('')).toContain('UNKNOWN_REF');
    for (const f of ['x.json', 'y.json', 'z.json']) expect(existsSync(join(cli.dir, f))).toBe(false);
  });

  it('generate --next: a travel matrix named relative to the instance stays the same file from the new place', async () => {
    const ids = ['b1', 'c1', 'c2'];
    const rows = ids.flatMap((a) => ids.map((b) => `${a},${b},${a === b ? 0 : 9}`));
    mkdirSync(join(cli.dir, 'in'));
    mkdirSync(join(cli.dir, 'out'));
    writeFileSync(join(cli.dir, 'in', 'm.csv'), ['from,to,minutes', ...rows].join('\n'));
    const inst = miniInstance();
    inst.travel = { matrix: { format: 'csv', path: 'm.csv' } };
    writeFileSync(join(cli.dir, 'in', 'i.json'), JSON.stringify(inst));
    const next = join(cli.dir, 'out', 'next.json');
    expect(await run('generate', '--next', join(cli.dir, 'in', 'i.json'), '--out', next)).toBe(0);
    expect(read(next).travel!.matrix!.path).toBe(join('..', 'in', 'm.csv'));
    expect(await run('validate', next)).toBe(0);
  });

  it('plan --reference: the plan of the period before keeps its staff and times, reports consistency, and checks valid', async () => {
    const p1 = join(cli.dir, 'p1.json');
    const next = join(cli.dir, 'next.json');
    const p2 = join(cli.dir, 'p2.json');
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
    const bad = join(cli.dir, 'bad-plan.json');
    writeFileSync(bad, JSON.stringify({ visits: 'no' }));
    expect(await run('plan', TINY, '--out', join(cli.dir, 'o.json'), '--reference', bad)).toBe(2);
    const p1 = join(cli.dir, 'p1.json');
    expect(await run('plan', TINY, '--out', p1, '--iterations', '50', '--workers', '1')).toBe(0);
    expect(await run('plan', TINY, '--out', join(cli.dir, 'o.json'), '--strategy', 'baseline', '--reference', p1)).toBe(2);
    expect(err.join('')).toContain('needs a weekly strategy');
    expect(existsSync(join(cli.dir, 'o.json'))).toBe(false);
  });
});
