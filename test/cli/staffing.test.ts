import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCli } from './harness.js';
import { ECONOMICS, optionalInstance } from '../fixtures/optional.js';

const cli = useCli('slinga-staffing-');
const { out, run, file } = cli;

describe('slinga staffing', () => {
  it('prints the estimate per team and day without a plan, and the plan\'s need with one', async () => {
    const inst = file('i.json', { ...optionalInstance(), economics: ECONOMICS });
    expect(await run('staffing', inst)).toBe(0);
    expect(out.join('')).toMatch(/estimate from the instance/);
    expect(out.join('')).toMatch(/^t1\s+2026-03-23\s+/m);
    const plan = join(cli.dir, 'p.json');
    expect(await run('plan', inst, '--out', plan, '--iterations', '200')).toBe(0);
    out.length = 0;
    const csv = join(cli.dir, 'demand.csv');
    const delta = join(cli.dir, 'delta.json');
    expect(await run('staffing', inst, plan, '--csv', csv, '--suggest', delta)).toBe(0);
    const text = out.join('');
    expect(text).toMatch(/by the plan/);
    expect(text).toMatch(/reconciliation: curve \d+ staff-minutes = visits \d+ \+ travel \d+ \(deviation 0\.000 %\)/);
    expect(text).toMatch(/release 1 optional shifts/);
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toBe('team,date,intervalStart,staffNeeded');
    expect(JSON.parse(readFileSync(delta, 'utf8')).release[0].shiftId).toBe('s2-1');
    expect(existsSync(join(cli.dir, 'delta.csv'))).toBe(true);
    out.length = 0;
    expect(await run('staffing', inst, plan, '--json', '--interval', '60')).toBe(0);
    const j = JSON.parse(out.join(''));
    expect(j.interval).toBe(60);
    expect(j.basis).toBe('plan');
    expect(j.reconciliation.deviation).toBeLessThan(0.01);
  });

  it('exit 2 for an interval that does not divide the day', async () => {
    expect(await run('staffing', file('i.json', optionalInstance()), '--interval', '7')).toBe(2);
  });

  it('kpi --json has shifts and money; the plan lists released shifts', async () => {
    const inst = file('i.json', { ...optionalInstance(), economics: ECONOMICS });
    const plan = join(cli.dir, 'p.json');
    expect(await run('plan', inst, '--out', plan, '--iterations', '200')).toBe(0);
    expect(JSON.parse(readFileSync(plan, 'utf8')).releasedShifts).toHaveLength(1);
    out.length = 0;
    expect(await run('kpi', inst, plan, '--json')).toBe(0);
    const k = JSON.parse(out.join(''));
    expect(k.shifts).toMatchObject({ optional: 2, optionalReleased: 1 });
    expect(k.economics.revenueSek).toBe(1050);
    expect(k.economics.perTeam[0].team).toBe('t1');
    out.length = 0;
    expect(await run('kpi', inst, plan)).toBe(0);
    expect(out.join('')).toMatch(/Optional shifts released\s+1 \/ 2, 540 min/);
    expect(out.join('')).toMatch(/Revenue\s+1050 SEK/);
    expect(out.join('')).toMatch(/ {2}t1\s+2026-W13 -?\d+ SEK/);
  });

  it('compare --teams as-is,merged prints continuity, client time, travel and the result side by side', async () => {
    const inst = file('i.json', { ...optionalInstance(), economics: ECONOMICS });
    expect(await run('compare', inst, '--teams', 'as-is,merged', '--workers', '1')).toBe(0);
    const text = out.join('');
    expect(text).toMatch(/^KPI\s+as-is\s+merged\n/);
    expect(text).toMatch(/Client-time share/);
    expect(text).toMatch(/Result\s+-?[\d,]+ SEK\s+-?[\d,]+ SEK/);
    expect(text).toMatch(/merged vs as-is: result/);
    expect(await run('compare', inst, '--teams', 'nope')).toBe(2);
  });

  it('generate --optional-share writes optional shifts and an economics block', async () => {
    const o = join(cli.dir, 'g.json');
    expect(await run('generate', '--profile', 'tiny', '--seed', '4242', '--optional-share', '0.3', '--out', o)).toBe(0);
    const g = JSON.parse(readFileSync(o, 'utf8'));
    expect(g.economics.reimbursement.carePerHourSek).toBe(411);
    expect(g.staff.some((s: { shifts: { optional?: boolean }[] }) => s.shifts.some((sh) => sh.optional))).toBe(true);
    expect(await run('generate', '--profile', 'tiny', '--seed', '4242', '--optional-share', '2', '--out', o)).toBe(2);
  });
});
