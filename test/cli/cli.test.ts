import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCli } from './harness.js';
import { miniInstance } from '../fixtures/mini.js';

const cli = useCli('slinga-cli-');
const { out, err, run, file } = cli;

describe('slinga CLI', () => {
  it('validate: exit 0 on a valid instance', async () => {
    expect(await run('validate', file('i.json', miniInstance()))).toBe(0);
    expect(out.join('')).toContain('valid — 2 clients, 2 staff, 4 shifts, 7 days');
  });

  it('validate: exit 2 naming file, path and code for bad input, without a stack trace', async () => {
    const bad = miniInstance();
    bad.clients[0]!.team = 'ghost';
    const p = file('bad.json', bad);
    expect(await run('validate', p)).toBe(2);
    const text = err.join('');
    expect(text).toContain(`${p}: UNKNOWN_REF at clients[0].team: No team has id "ghost".`);
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('exit 2 for non-JSON, a missing file, an unknown flag and an unknown command', async () => {
    expect(await run('validate', file('x.json', '{ nope'))).toBe(2);
    expect(err.join('')).toContain('NOT_JSON');
    expect(await run('validate', join(cli.dir, 'missing.json'))).toBe(2);
    expect(err.join('')).toContain('FILE_NOT_FOUND');
    expect(await run('validate', '--frobnicate', 'x')).toBe(2);
    expect(await run('teleport')).toBe(2);
  });

  it('plan → check → kpi round trip on the mini instance', async () => {
    const inst = file('i.json', miniInstance());
    const planFile = join(cli.dir, 'plan.json');
    expect(await run('plan', inst, '--out', planFile, '--seed', '3')).toBe(0);
    const plan = JSON.parse(readFileSync(planFile, 'utf8'));
    expect(plan.meta.seed).toBe(3);
    expect(plan.visits.length).toBe(8);
    out.length = 0;
    expect(await run('check', inst, planFile, '--json')).toBe(0);
    expect(JSON.parse(out.join(''))).toEqual({ valid: true, violations: [] });
    out.length = 0;
    expect(await run('kpi', inst, planFile, '--json')).toBe(0);
    const k = JSON.parse(out.join(''));
    for (const key of ['continuity', 'namedContactShare', 'clientTimeShare', 'travelShare', 'grantedFidelity', 'preferences', 'unplanned', 'overtimeMinutes']) {
      expect(k).toHaveProperty(key);
    }
    expect(Object.keys(k.continuity.national)).toEqual(expect.arrayContaining(['eligibleClients', 'mean', 'median']));
    expect(Object.keys(k.grantedFidelity)).toEqual(expect.arrayContaining(['min', 'median', 'max', 'withinTolerance']));
  });

  it('plan: the same seed and worker count give a byte-identical plan file', async () => {
    const inst = file('i.json', miniInstance());
    const a = join(cli.dir, 'a.json');
    const b = join(cli.dir, 'b.json');
    expect(await run('plan', inst, '--out', a, '--seed', '7', '--workers', '2')).toBe(0);
    expect(await run('plan', inst, '--out', b, '--seed', '7', '--workers', '2')).toBe(0);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  });

  it('check: exit 1 with violations for a plan that breaks a rule', async () => {
    const inst = file('i.json', miniInstance());
    const planFile = join(cli.dir, 'plan.json');
    await run('plan', inst, '--out', planFile);
    const plan = JSON.parse(readFileSync(planFile, 'utf8'));
    plan.visits[0].staff = ['s2', 's2'];
    file('broken.json', plan);
    out.length = 0;
    expect(await run('check', inst, join(cli.dir, 'broken.json'), '--json')).toBe(1);
    const r = JSON.parse(out.join(''));
    expect(r.valid).toBe(false);
    expect(r.violations[0]).toHaveProperty('code');
    expect(r.violations[0]).toHaveProperty('message');
  });

  it('plan: bad input writes nothing to --out', async () => {
    const bad = miniInstance();
    bad.staff[0]!.base = 'nowhere';
    const planFile = join(cli.dir, 'plan.json');
    expect(await run('plan', file('bad.json', bad), '--out', planFile)).toBe(2);
    expect(existsSync(planFile)).toBe(false);
    expect(await run('plan', file('i.json', miniInstance()), '--out', planFile, '--strategy', 'nope')).toBe(2);
    expect(existsSync(planFile)).toBe(false);
    expect(err.join('')).toContain('unknown strategy "nope"');
  });

  it('check: exit 2 for a plan file of the wrong shape', async () => {
    expect(await run('check', file('i.json', miniInstance()), file('p.json', { visits: 3 }))).toBe(2);
    expect(err.join('')).toMatch(/p\.json: SCHEMA at/);
  });

  it('compare plans with each strategy and prints the KPIs side by side', async () => {
    const inst = file('i.json', miniInstance());
    expect(await run('compare', inst, '--workers', '1')).toBe(0);
    expect(out.join('')).toMatch(/^KPI\s+travel-first\s+balanced\s+continuity-first\n/);
    expect(out.join('')).toMatch(/Travel minutes\s+\d+/);
    out.length = 0;
    expect(await run('compare', inst, '--workers', '1', '--json', '--strategies', 'baseline,balanced')).toBe(0);
    const r = JSON.parse(out.join(''));
    expect(r.strategies.map((s: { strategy: string }) => s.strategy)).toEqual(['baseline', 'balanced']);
    expect(r.strategies[0].kpis.unplanned.count).toBe(0);
    expect(await run('compare', inst, '--strategies', 'nope')).toBe(2);
  });

  it('replan: sick staff with --now → a valid plan against the changed instance; bad changes exit 2 writing nothing', async () => {
    const inst = join(cli.dir, 'tiny.json');
    writeFileSync(inst, readFileSync(new URL('../../data/samples/tiny-4242.json', import.meta.url)));
    expect(await run('plan', inst, '--out', join(cli.dir, 'p.json'), '--iterations', '80', '--workers', '1')).toBe(0);
    const plan = JSON.parse(readFileSync(join(cli.dir, 'p.json'), 'utf8')) as { visits: { id: string; date: string; start: string; staff: string[] }[] };
    const v = plan.visits[0]!;
    const off = v.start.slice(-6);
    writeFileSync(join(cli.dir, 'c.json'), JSON.stringify({ changes: [{ type: 'staffAbsent', staffId: v.staff[0], from: `${v.date}T00:00:00${off}`, to: `${v.date}T23:59:00${off}` }] }));
    const now = `${v.date}T06:00:00${off}`;
    const rc = await run('replan', inst, join(cli.dir, 'p.json'), '--changes', join(cli.dir, 'c.json'), '--now', now, '--out', join(cli.dir, 'r.json'), '--workers', '1', '--iterations', '80');
    expect(rc).toBe(0);
    expect(existsSync(join(cli.dir, 'r.instance.json'))).toBe(true);
    out.length = 0;
    expect(await run('check', join(cli.dir, 'r.instance.json'), join(cli.dir, 'r.json'))).toBe(0);
    expect(out.join('')).toContain('valid');
    out.length = 0;
    expect(await run('diff', join(cli.dir, 'r.instance.json'), join(cli.dir, 'p.json'), join(cli.dir, 'r.json'), '--json')).toBe(0);
    const diff = JSON.parse(out.join('')) as { visits: { restaffed: number; removed: number } };
    expect(diff.visits.restaffed + diff.visits.removed).toBeGreaterThan(0);
    writeFileSync(join(cli.dir, 'bad.json'), JSON.stringify({ changes: [{ type: 'visitCancelled', visitId: 'nope' }] }));
    err.length = 0;
    expect(await run('replan', inst, join(cli.dir, 'p.json'), '--changes', join(cli.dir, 'bad.json'), '--out', join(cli.dir, 'r2.json'))).toBe(2);
    expect(err.join('')).toContain('changes[0].visitId');
    expect(existsSync(join(cli.dir, 'r2.json'))).toBe(false);
  });

  it('recommend: options for a one-off visit (text and --json) and for an absent staff member; a bad visit file exits 2 with paths into it', async () => {
    const inst = join(cli.dir, 'tiny.json');
    writeFileSync(inst, readFileSync(new URL('../../data/samples/tiny-4242.json', import.meta.url)));
    expect(await run('plan', inst, '--out', join(cli.dir, 'p.json'), '--iterations', '80', '--workers', '1')).toBe(0);
    const plan = JSON.parse(readFileSync(join(cli.dir, 'p.json'), 'utf8')) as { visits: { clientId: string; date: string; start: string; staff: string[] }[] };
    const v = plan.visits[0]!;
    const visit = file('visit.json', { clientId: v.clientId, date: v.date, minutes: 15, windows: [{ start: '08:00', end: '18:00' }] });
    out.length = 0;
    expect(await run('recommend', inst, join(cli.dir, 'p.json'), '--visit', visit, '--top', '2', '--json')).toBe(0);
    const r = JSON.parse(out.join('')) as { options: { staffId: string; date: string; start: string; costDelta: number; terms: object; reason: string }[] };
    expect(r.options.length).toBeGreaterThan(0);
    expect(r.options.length).toBeLessThanOrEqual(2);
    expect(r.options[0]).toMatchObject({ date: v.date });
    out.length = 0;
    expect(await run('recommend', inst, join(cli.dir, 'p.json'), '--visit', visit)).toBe(0);
    expect(out.join('')).toContain('1. ');
    const off = v.start.slice(-6);
    out.length = 0;
    expect(await run('recommend', inst, join(cli.dir, 'p.json'), '--replace', v.staff[0]!, '--from', `${v.date}T00:00:00${off}`, '--to', `${v.date}T23:59:00${off}`, '--json')).toBe(0);
    const rep = JSON.parse(out.join('')) as { type: string; visits: { visitId: string }[] };
    expect(rep.type).toBe('replace');
    expect(rep.visits.length).toBeGreaterThan(0);
    err.length = 0;
    expect(await run('recommend', inst, join(cli.dir, 'p.json'), '--visit', file('bad.json', { clientId: 'nobody', date: v.date, minutes: 0 }))).toBe(2);
    expect(err.join('')).toContain('at minutes');
    err.length = 0;
    expect(await run('recommend', inst, join(cli.dir, 'p.json'), '--visit', file('bad2.json', { clientId: 'nobody', date: v.date, minutes: 10 }))).toBe(2);
    expect(err.join('')).toContain('UNKNOWN_REF at clientId');
    expect(await run('recommend', inst, join(cli.dir, 'p.json'))).toBe(2);
    expect(await run('schema', 'visit')).toBe(0);
  });

  it('schema prints JSON Schema generated from zod for instance and plan', async () => {
    expect(await run('schema', 'instance')).toBe(0);
    const s = JSON.parse(out.join(''));
    expect(s.type).toBe('object');
    expect(s.properties).toHaveProperty('clients');
    expect(s.required).toEqual(expect.arrayContaining(['id', 'period', 'bases', 'staff', 'clients']));
    out.length = 0;
    expect(await run('schema', 'plan')).toBe(0);
    expect(JSON.parse(out.join('')).properties).toHaveProperty('routes');
    expect(await run('schema', 'other')).toBe(2);
  });
});
