import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSheets, type SheetIssue } from '../../src/sheets/index.js';

/** A small valid folder (Swedish headers, semicolons); `edit` changes one file's text. */
const FILES: Record<string, string> = {
  'inställningar.csv': 'inställning;värde\nid;test\nperiod.start;2026-11-23\nperiod.days;7\n',
  'baser.csv': 'id;lat;lon\nb1;59.7255;17.787\n',
  'arbetsgrupper.csv': 'id\nt1\n',
  'personal.csv': 'id;arbetsgrupp;bas;färdsätt;kompetenser\ns1;t1;b1;bil;insulin\ns2;t1;b1;cykel;\n',
  'pass.csv': 'personal;datum;start;slut;rast minuter;rast tidigast;rast senast\ns1;2026-11-23;7.00;16.00;30;11:00;13:30\ns2;2026-11-23;07:00;12:00;;;\n',
  'brukare.csv': 'brukare;lat;lon;arbetsgrupp;beviljad tid omsorg\nc1;59.73;17.78;t1;600\n',
  'insatser.csv': 'brukare;insats;kategori;frekvens;antal;dagar;minuter;tidsfönster\nc1;morgon;personlig omvårdnad;vissa veckodagar;1;mån–fre;30;07:00–09:00\n',
};

async function run(edit: Record<string, string | null> = {}): Promise<{ ok: boolean; issues: readonly SheetIssue[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'slinga-bad-'));
  for (const [name, text] of Object.entries({ ...FILES, ...edit })) if (text !== null) writeFileSync(join(dir, name), text);
  const r = await importSheets(dir);
  return r.ok ? { ok: true, issues: r.warnings } : { ok: false, issues: r.issues };
}

/** Expects exactly one error, with this code, sheet, line and column letter. */
async function oneError(edit: Record<string, string | null>, code: string, sheet: string, line: number | undefined, column: string | undefined): Promise<SheetIssue> {
  const r = await run(edit);
  const errors = r.issues.filter((i) => i.severity === 'error');
  expect(r.ok).toBe(false);
  expect(errors.map((e) => `${e.code} ${e.sheet}:${e.line}:${e.column?.split(' ')[0]}`)).toEqual([`${code} ${sheet}:${line}:${column}`]);
  expect(errors[0]!.hint.length).toBeGreaterThan(5);
  return errors[0]!;
}

const tasks = (row: string, header = 'brukare;insats;kategori;frekvens;antal;dagar;minuter;tidsfönster'): Record<string, string> => ({ 'insatser.csv': `${header}\n${row}\n` });
const clients = (row: string, header = 'brukare;lat;lon;arbetsgrupp;beviljad tid omsorg'): Record<string, string> => ({ 'brukare.csv': `${header}\n${row}\n` });
const shifts = (row: string): Record<string, string> => ({ 'pass.csv': `personal;datum;start;slut;rast minuter;rast tidigast;rast senast\n${row}\n` });

describe('sheets accept what planners write', () => {
  it('the fixture imports', async () => {
    const r = await run();
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.ok).toBe(true);
  });
  it('a UTF-8 BOM and CRLF line ends (Excel export)', async () => {
    expect((await run({ 'brukare.csv': `\ufeff${FILES['brukare.csv']!.replace(/\n/g, '\r\n')}` })).ok).toBe(true);
  });
  it('comma-separated files and English headers', async () => {
    expect((await run({ 'brukare.csv': 'client,lat,lon,team,granted care minutes\nc1,59.73,17.78,t1,600\n' })).ok).toBe(true);
  });
  it('a decimal comma in a semicolon file', async () => {
    expect((await run(clients('c1;59,73;17,78;t1;600'))).ok).toBe(true);
  });
  it('times 8.00, 8, 0800 and days "mån, ons, fre", "vardagar", "Mon-Fri"', async () => {
    for (const days of ['mån, ons, fre', 'vardagar', 'Mon-Fri', '1-5']) {
      expect((await run(tasks(`c1;morgon;omvårdnad;veckodagar;1;${days};30;8-0900`))).ok).toBe(true);
    }
  });
  it('a roster sheet named schema with generated shift ids', async () => {
    expect((await run({ 'pass.csv': null, 'schema.csv': FILES['pass.csv']! })).ok).toBe(true);
  });
});

describe('malformed rows: one clear message with sheet, line and column each', () => {
  it('missing column', async () => {
    await oneError(clients('c1;59.73;17.78;t1', 'brukare;lat;lon;arbetsgrupp'), 'COLUMN_MISSING', 'brukare', 1, undefined);
  });
  it('missing sheet', async () => {
    const r = await run({ 'baser.csv': null });
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(['SHEET_MISSING']);
  });
  it('empty required cell', async () => {
    await oneError(clients('c1;59.73;;t1;600'), 'REQUIRED', 'brukare', 2, 'C');
  });
  it('unknown weekday', async () => {
    const e = await oneError(tasks('c1;morgon;omvårdnad;veckodagar;1;mån–fredag–lör;30;07:00–09:00'.replace('mån–fredag–lör', 'mån-xyz')), 'UNKNOWN_WEEKDAY', 'insatser', 2, 'F');
    expect(e.hint).toMatch(/mån–fre/);
  });
  it('25:00', async () => {
    await oneError(shifts('s1;2026-11-23;07:00;25:00;;;'), 'BAD_TIME', 'pass', 2, 'D');
  });
  it('minutes 60 in a clock time (7:60)', async () => {
    await oneError(shifts('s1;2026-11-23;7:60;16:00;;;'), 'BAD_TIME', 'pass', 2, 'C');
  });
  it('a time range without an end', async () => {
    await oneError(tasks('c1;morgon;omvårdnad;veckodagar;1;mån–fre;30;07:00'), 'BAD_TIME_RANGE', 'insatser', 2, 'H');
  });
  it('comma decimals in a comma-separated file (the cell splits)', async () => {
    await oneError({ 'brukare.csv': 'brukare,lat,lon,arbetsgrupp,beviljad tid omsorg\nc1,59,73,17.78,t1,600\n' }, 'COLUMN_COUNT', 'brukare', 2, 'F');
  });
  it('a quoted decimal comma in a comma-separated file', async () => {
    const e = await oneError({ 'brukare.csv': 'brukare,lat,lon,arbetsgrupp,beviljad tid omsorg\nc1,"59,73",17.78,t1,600\n' }, 'BAD_NUMBER', 'brukare', 2, 'B');
    expect(e.hint).toMatch(/semicolon/);
  });
  it('decimals where whole minutes are needed', async () => {
    await oneError(tasks('c1;morgon;omvårdnad;veckodagar;1;mån–fre;30,5;07:00–09:00'), 'NOT_WHOLE', 'insatser', 2, 'G');
  });
  it('text where a number is needed', async () => {
    await oneError(clients('c1;59.73;17.78;t1;mycket'), 'BAD_NUMBER', 'brukare', 2, 'E');
  });
  it('latitude out of range', async () => {
    await oneError(clients('c1;597.3;17.78;t1;600'), 'OUT_OF_RANGE', 'brukare', 2, 'B');
  });
  it('a bad date', async () => {
    await oneError(shifts('s1;2026-02-30;07:00;16:00;;;'), 'BAD_DATE', 'pass', 2, 'B');
  });
  it('duplicate id', async () => {
    const e = await oneError({ 'personal.csv': 'id;arbetsgrupp;bas;färdsätt;kompetenser\ns1;t1;b1;bil;insulin\ns2;t1;b1;cykel;\ns1;t1;b1;gång;\n' }, 'DUPLICATE_ID', 'personal', 4, 'A');
    expect(e.message).toMatch(/line 2/);
  });
  it('unknown staff in a shift', async () => {
    await oneError(shifts('s9;2026-11-23;07:00;16:00;;;'), 'UNKNOWN_STAFF', 'pass', 2, 'A');
  });
  it('unknown client in a task', async () => {
    const r = await run(tasks('c9;morgon;omvårdnad;veckodagar;1;mån–fre;30;07:00–09:00'));
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => `${i.code} ${i.sheet}:${i.line}`)).toEqual(['UNKNOWN_CLIENT insatser:2', 'NO_TASKS brukare:2']);
  });
  it('unknown team (instance validation mapped back to the cell)', async () => {
    await oneError(clients('c1;59.73;17.78;t7;600'), 'UNKNOWN_REF', 'brukare', 2, 'D');
  });
  it('unknown category word', async () => {
    const e = await oneError(tasks('c1;morgon;dusch;veckodagar;1;mån–fre;30;07:00–09:00'), 'UNKNOWN_VALUE', 'insatser', 2, 'C');
    expect(e.hint).toMatch(/personlig omvårdnad/);
  });
  it('unknown travel mode', async () => {
    await oneError({ 'personal.csv': 'id;arbetsgrupp;bas;färdsätt\ns1;t1;b1;buss\ns2;t1;b1;bil\n' }, 'UNKNOWN_VALUE', 'personal', 2, 'D');
  });
  it('an id with spaces (a name in the id column)', async () => {
    await oneError({ 'baser.csv': 'id;lat;lon\nKontoret Norr;59.7255;17.787\n' }, 'BAD_ID', 'baser', 2, 'A');
  });
  it('weekdays task without days', async () => {
    await oneError(tasks('c1;morgon;omvårdnad;veckodagar;1;;30;07:00–09:00'), 'REQUIRED', 'insatser', 2, 'F');
  });
  it('every other week without odd/even or anchor', async () => {
    await oneError(tasks('c1;stad;service;varannan vecka;1;mån–fre;30;08:00–14:00'), 'REQUIRED', 'insatser', 1 + 1, undefined);
  });
  it('a break without its window', async () => {
    await oneError(shifts('s1;2026-11-23;07:00;16:00;30;;13:30'), 'REQUIRED', 'pass', 2, 'F');
  });
  it('a window ending before it starts (instance validation at the cell)', async () => {
    await oneError(tasks('c1;morgon;omvårdnad;veckodagar;1;mån–fre;30;09:00–07:00'), 'TIME_RANGE_ORDER', 'insatser', 2, 'H');
  });
  it('a stray quote (CSV syntax)', async () => {
    await oneError(clients('c1;"59.73"x;17.78;t1;600'), 'CSV_SYNTAX', 'brukare', 2, undefined);
  });
  it('a yes/no cell with another word', async () => {
    await oneError({ 'brukare.csv': 'brukare;lat;lon;arbetsgrupp;beviljad tid omsorg;få personal\nc1;59.73;17.78;t1;600;kanske\n' }, 'BAD_BOOLEAN', 'brukare', 2, 'F');
  });
  it('an unknown setting', async () => {
    await oneError({ 'inställningar.csv': 'inställning;värde\nid;test\nperiod.start;2026-11-23\nperiod.days;7\nperiod.längd;7\n' }, 'UNKNOWN_SETTING', 'inställningar', 5, 'A');
  });
  it('a client without tasks', async () => {
    await oneError({ 'brukare.csv': 'brukare;lat;lon;arbetsgrupp;beviljad tid omsorg\nc1;59.73;17.78;t1;600\nc2;59.73;17.78;t1;600\n' }, 'NO_TASKS', 'brukare', 3, 'A');
  });
  it('every problem at once', async () => {
    const r = await run({ ...clients('c1;597.3;17.78;t1;mycket'), ...shifts('s1;2026-11-23;07:00;25:00;;;') });
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => i.code).sort()).toEqual(['BAD_NUMBER', 'BAD_TIME', 'OUT_OF_RANGE']);
  });
});
