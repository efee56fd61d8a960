import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCli } from './harness.js';
import { Instance } from '../../src/schema/instance.js';

const TINY = 'data/samples/tiny-4242.json';
const cli = useCli('slinga-import-cli-');
const { out, err, run } = cli;

describe('slinga import, sheets, import-plan, compare --plans, followup', () => {
  it('sheets → import round-trips tiny through a workbook; the result validates', async () => {
    const xlsx = join(cli.dir, 'tiny.xlsx');
    const json = join(cli.dir, 'back.json');
    expect(await run('sheets', TINY, '--out', xlsx, '--lang', 'en')).toBe(0);
    expect(await run('import', xlsx, '--out', json)).toBe(0);
    expect(Instance.parse(JSON.parse(readFileSync(json, 'utf8')))).toEqual(Instance.parse(JSON.parse(readFileSync(TINY, 'utf8'))));
    expect(await run('validate', json)).toBe(0);
  });
  it('a malformed folder: exit 2, every problem on stderr with line and column, nothing written', async () => {
    const folder = join(cli.dir, 'bad');
    expect(await run('sheets', TINY, '--out', folder)).toBe(0);
    const pass = join(folder, 'pass.csv');
    writeFileSync(pass, readFileSync(pass, 'utf8').replace(/07:00/, '25:00').replace(/;s\d+-?\d*;/, ';s999-1;').replace(/^(\ufeff[^\n]*\n)s\d+;/, '$1nobody;'));
    const json = join(cli.dir, 'never.json');
    expect(await run('import', folder, '--out', json)).toBe(2);
    expect(existsSync(json)).toBe(false);
    const text = err.join('');
    expect(text).toMatch(/pass\.csv line 2, column [A-Z] \([^)]*\): (UNKNOWN_STAFF|BAD_TIME)/);
    expect(text).toMatch(/nothing written/);
  });
  it('templates: --template writes CSV files and a readme; they import', async () => {
    const folder = join(cli.dir, 'tpl');
    expect(await run('import', '--template', folder, '--lang', 'en')).toBe(0);
    expect(existsSync(join(folder, 'README.md'))).toBe(true);
    expect(await run('import', folder, '--out', join(cli.dir, 't.json'))).toBe(0);
  });
  it('a manual plan from the körlista export: check, kpi, report and compare --plans treat it like any plan', async () => {
    const base = join(cli.dir, 'base.json');
    const csv = join(cli.dir, 'k.csv');
    const manual = join(cli.dir, 'manual.json');
    expect(await run('plan', TINY, '--strategy', 'baseline', '--out', base)).toBe(0);
    expect(await run('export', TINY, base, '--format', 'csv', '--out', csv)).toBe(0);
    expect(await run('import-plan', TINY, csv, '--out', manual)).toBe(0);
    expect(await run('check', TINY, manual)).toBe(0);
    expect(await run('kpi', TINY, manual, '--json')).toBe(0);
    expect(await run('report', TINY, manual, '--out', join(cli.dir, 'r.html'))).toBe(0);
    out.length = 0;
    expect(await run('compare', TINY, '--plans', `${base},${manual}`, '--json')).toBe(0);
    const cmp = JSON.parse(out.join('')) as { plans: { solver: string; kpis: { travelMinutes: number }; violations: { count: number } }[] };
    expect(cmp.plans.map((p) => p.solver)).toEqual(['baseline', 'manual']);
    expect(cmp.plans[1]!.kpis.travelMinutes).toBe(cmp.plans[0]!.kpis.travelMinutes);
    expect(cmp.plans.map((p) => p.violations.count)).toEqual([0, 0]);
    // The planned visits performed as planned: nothing missed, late or by other staff.
    out.length = 0;
    expect(await run('followup', TINY, manual, csv, '--json', '--report', join(cli.dir, 'f.html'))).toBe(0);
    const f = JSON.parse(out.join('')) as { totals: { missedVisits: number; lateVisits: number; byOtherStaff: number; plannedMinutes: number; performedMinutes: number } };
    expect(f.totals).toMatchObject({ missedVisits: 0, lateVisits: 0, byOtherStaff: 0 });
    expect(f.totals.performedMinutes).toBe(f.totals.plannedMinutes);
    expect(readFileSync(join(cli.dir, 'f.html'), 'utf8')).toContain('id="followup"');
  });
});
