/**
 * Importing uploaded files (the service's sheets endpoint): a workbook's bytes or a set of CSV
 * texts make the same instance as the file or folder on disk, and the zip guard refuses what is not
 * a workbook or unpacks too far before the workbook reader sees it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Instance } from '../../src/schema/instance.js';
import { zipOf } from '../fixtures/zip.js';
import { columnLetter, csvText, formatSheetIssue, importSheetFiles, instanceSheets, xlsxBuffer, zipProblem } from '../../src/sheets/index.js';

const tiny = Instance.parse(JSON.parse(readFileSync('data/samples/tiny-4242.json', 'utf8')));

describe('importSheetFiles', () => {
  it('a workbook uploaded as bytes makes the instance its sheets hold', async () => {
    const bytes = await xlsxBuffer(instanceSheets(tiny, 'sv'));
    expect(zipProblem(bytes)).toBeUndefined();
    const r = await importSheetFiles('tiny.xlsx', [{ name: 'tiny.xlsx', data: new Uint8Array(bytes) }]);
    if (!r.ok) throw new Error(r.issues.map(formatSheetIssue).join('\n'));
    expect(r.instance).toEqual(tiny);
  });

  it('a set of CSV texts stands for the folder', async () => {
    const files = instanceSheets(tiny, 'en').map((t) => ({ name: `${t.name}.csv`, data: csvText(t) }));
    const r = await importSheetFiles('tiny', files);
    if (!r.ok) throw new Error(r.issues.map(formatSheetIssue).join('\n'));
    expect(r.instance).toEqual(tiny);
  });

  it('names the sheet, line and column of a bad cell, and every missing sheet', async () => {
    const sheets = instanceSheets(tiny, 'sv');
    const clients = sheets.find((t) => t.name === 'brukare')!;
    const lat = clients.headers.indexOf('lat');
    // The second client's latitude is a word (line 3: the header is line 1); the roster is left out.
    const bad = { ...clients, rows: clients.rows.map((r, i) => (i === 1 ? r.map((c, k) => (k === lat ? 'north' : c)) : r)) };
    const files = sheets.filter((t) => t.name !== 'pass').map((t) => ({ name: `${t.name}.csv`, data: csvText(t === clients ? bad : t) }));
    const r = await importSheetFiles('tiny', files);
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.issues.filter((i) => i.severity === 'error');
    expect(errors.map((e) => `${e.code} ${e.sheet}:${e.line ?? ''}:${e.column?.split(' ')[0] ?? ''}`).sort()).toEqual([`BAD_NUMBER brukare:3:${columnLetter(lat)}`, 'SHEET_MISSING pass::']);
  });

  it('refuses bytes that are not a zip archive, and an archive that unpacks beyond the limit', async () => {
    const garbage = await importSheetFiles('x.xlsx', [{ name: 'x.xlsx', data: new TextEncoder().encode('id;lat\nc1;59\n') }]);
    expect(garbage.ok ? [] : garbage.issues.map((i) => i.code)).toEqual(['SHEET_UNREADABLE']);
    const bomb = zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(8 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(zipProblem(bomb, { maxEntries: 10, maxUnpackedBytes: 1024 * 1024 })).toEqual({ code: 'WORKBOOK_TOO_LARGE', message: 'it unpacks to more than 1 MiB' });
    expect(zipProblem(bomb, { maxEntries: 10, maxUnpackedBytes: 16 * 1024 * 1024 })).toBeUndefined();
    const stored = zipOf('a.xml', Buffer.alloc(2 * 1024 * 1024, 0x20), 0);
    expect(zipProblem(stored, { maxEntries: 10, maxUnpackedBytes: 1024 * 1024 })?.code).toBe('WORKBOOK_TOO_LARGE');
    expect(zipProblem(bomb.subarray(0, bomb.length - 40))?.code).toBe('SHEET_UNREADABLE');
    const r = await importSheetFiles('bomb.xlsx', [{ name: 'bomb.xlsx', data: bomb }], { maxEntries: 10, maxUnpackedBytes: 1024 * 1024 });
    expect(r.ok ? [] : r.issues.map((i) => `${i.code} ${i.sheet}`)).toEqual(['WORKBOOK_TOO_LARGE bomb.xlsx']);
  });
});
