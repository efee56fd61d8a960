import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../data/generator/index.js';
import { Instance } from '../../src/schema/instance.js';
import { formatSheetIssue, importSheets, instanceSheets, writeCsvFolder, xlsxBuffer, type SheetIssue } from '../../src/sheets/index.js';

/** tiny with half its shifts optional, the generator's economics block, a nurse wage and one shift marked "not optional" explicitly. */
function withMoney(): Instance {
  const input = generateScenario({ profile: 'tiny', seed: 5, optionalShare: 0.5 });
  const fixed = input.staff.find((s) => s.shifts.some((sh) => !sh.optional))!;
  fixed.shifts.find((sh) => !sh.optional)!.optional = false;
  input.economics = { ...input.economics!, wagePerHourSek: { care: 253.5, nurse: 365 }, reimbursement: { ...input.economics!.reimbursement, basis: 'granted' } };
  return Instance.parse(input);
}

async function roundTrip(instance: Instance, lang: 'sv' | 'en', xlsx: boolean): Promise<Instance> {
  const dir = mkdtempSync(join(tmpdir(), 'slinga-money-'));
  let path = dir;
  if (xlsx) {
    path = join(dir, `${instance.id}.xlsx`);
    writeFileSync(path, await xlsxBuffer(instanceSheets(instance, lang)));
  } else await writeCsvFolder(dir, instanceSheets(instance, lang));
  const r = await importSheets(path);
  if (!r.ok) throw new Error(r.issues.map(formatSheetIssue).join('\n'));
  return Instance.parse(r.input);
}

describe('optional shifts and the economics block through the sheets', () => {
  const money = withMoney();
  it('the fixture has what is tested: optional shifts, staff wages, a non-default basis', () => {
    expect(money.staff.flatMap((s) => s.shifts).filter((sh) => sh.optional).length).toBeGreaterThan(0);
    expect(Object.keys(money.economics!.staffWagePerHourSek).length).toBeGreaterThan(0);
    expect(money.staff.some((s) => s.shifts.some((sh) => sh.optional === false))).toBe(true);
  });
  for (const [lang, xlsx] of [['sv', false], ['en', false], ['sv', true], ['en', true]] as const) {
    it(`round trip through ${xlsx ? 'XLSX' : 'CSV'} with ${lang} headers is deep-equal`, async () => {
      expect(await roundTrip(money, lang, xlsx)).toEqual(money);
    });
  }
  it('an instance without money stays without an economics block', async () => {
    const plain = Instance.parse(generateScenario({ profile: 'tiny', seed: 5 }));
    const back = await roundTrip(plain, 'sv', false);
    expect(back.economics).toBeUndefined();
    expect(back).toEqual(plain);
  });
});

const BASE: Record<string, string> = {
  'inställningar.csv': 'inställning;värde\nid;test\nperiod.start;2026-11-23\nperiod.days;7\ntimkostnad omsorg;253,5\nersättning omsorg;411\nersättning service;411\nersättningsgrund;beviljad\nob helg;1,35\n',
  'baser.csv': 'id;lat;lon\nb1;59.7255;17.787\n',
  'arbetsgrupper.csv': 'id\nt1\n',
  'personal.csv': 'id;arbetsgrupp;bas;färdsätt;timkostnad\ns1;t1;b1;bil;\ns2;t1;b1;cykel;284\n',
  'pass.csv': 'personal;datum;start;slut;valfritt\ns1;2026-11-23;07:00;16:00;\ns2;2026-11-23;07:00;12:00;ja\n',
  'brukare.csv': 'brukare;lat;lon;arbetsgrupp;beviljad tid omsorg\nc1;59.73;17.78;t1;600\n',
  'insatser.csv': 'brukare;insats;kategori;frekvens;antal;dagar;minuter;tidsfönster\nc1;morgon;personlig omvårdnad;vissa veckodagar;1;mån–fre;30;07:00–09:00\n',
};

async function run(edit: Record<string, string> = {}): Promise<{ ok: boolean; issues: readonly SheetIssue[]; instance?: Instance }> {
  const dir = mkdtempSync(join(tmpdir(), 'slinga-money-bad-'));
  for (const [name, text] of Object.entries({ ...BASE, ...edit })) writeFileSync(join(dir, name), text);
  const r = await importSheets(dir);
  return r.ok ? { ok: true, issues: r.warnings, instance: r.instance } : { ok: false, issues: r.issues };
}

const errors = (issues: readonly SheetIssue[]): string[] => issues.filter((i) => i.severity === 'error').map((e) => `${e.code} ${e.sheet}:${e.line}:${e.column?.split(' ')[0]}`);

describe('money cells as planners write them', () => {
  it('Swedish setting names, decimal commas, a staff wage and ja in the optional column', async () => {
    const r = await run();
    expect(errors(r.issues)).toEqual([]);
    const e = r.instance!.economics!;
    expect(e.wagePerHourSek.care).toBe(253.5);
    expect(e.ob.weekendMultiplier).toBe(1.35);
    expect(e.reimbursement.basis).toBe('granted');
    expect(e.staffWagePerHourSek).toEqual({ s2: 284 });
    expect(r.instance!.staff.map((s) => s.shifts[0]!.optional)).toEqual([undefined, true]);
  });
  it('a word other than yes/no in the optional column', async () => {
    expect(errors((await run({ 'pass.csv': 'personal;datum;start;slut;valfritt\ns1;2026-11-23;07:00;16:00;kanske\n' })).issues)).toEqual(['BAD_BOOLEAN pass:2:E']);
  });
  it('money settings without the reimbursements: one error at the first money line naming what is missing', async () => {
    const r = await run({ 'inställningar.csv': 'inställning;värde\nid;test\nperiod.start;2026-11-23\nperiod.days;7\ntimkostnad omsorg;253\n' });
    expect(errors(r.issues)).toEqual(['REQUIRED inställningar:5:A']);
    expect(r.issues.find((i) => i.severity === 'error')!.message).toMatch(/economics\.reimbursement\.carePerHourSek, economics\.reimbursement\.servicePerHourSek/);
  });
  it('a staff wage without any money settings', async () => {
    const r = await run({ 'inställningar.csv': 'inställning;värde\nid;test\nperiod.start;2026-11-23\nperiod.days;7\n' });
    expect(errors(r.issues)).toEqual(['REQUIRED personal:3:E']);
    expect(r.issues.find((i) => i.severity === 'error')!.message).toMatch(/economics\.wagePerHourSek\.care/);
  });
  it('a negative staff wage: the instance validation at the staff cell', async () => {
    expect(errors((await run({ 'personal.csv': 'id;arbetsgrupp;bas;färdsätt;timkostnad\ns1;t1;b1;bil;\ns2;t1;b1;cykel;-5\n' })).issues)).toEqual(['SCHEMA personal:3:E']);
  });
  it('an OB multiplier below 1: at the value cell of its settings line', async () => {
    const r = await run({ 'inställningar.csv': `${BASE['inställningar.csv']!}ob kväll;0,5\n` });
    expect(errors(r.issues)).toEqual(['SCHEMA inställningar:10:B']);
  });
  it('an unknown reimbursement basis', async () => {
    const r = await run({ 'inställningar.csv': BASE['inställningar.csv']!.replace('beviljad', 'månadsvis') });
    expect(errors(r.issues)).toEqual(['UNKNOWN_VALUE inställningar:8:B']);
  });
});
