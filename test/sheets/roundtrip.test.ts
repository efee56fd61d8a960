import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Instance } from '../../src/schema/instance.js';
import { importSheets, instanceSheets, writeCsvFolder, xlsxBuffer, formatSheetIssue } from '../../src/sheets/index.js';

const knivsta = Instance.parse(JSON.parse(readFileSync('data/samples/knivsta-4242.json', 'utf8')));
const tiny = Instance.parse(JSON.parse(readFileSync('data/samples/tiny-4242.json', 'utf8')));

async function viaCsv(instance: Instance, lang: 'sv' | 'en'): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'slinga-sheets-'));
  await writeCsvFolder(dir, instanceSheets(instance, lang));
  const r = await importSheets(dir);
  if (!r.ok) throw new Error(r.issues.map(formatSheetIssue).join('\n'));
  return Instance.parse(r.input);
}

async function viaXlsx(instance: Instance, lang: 'sv' | 'en'): Promise<unknown> {
  const file = join(mkdtempSync(join(tmpdir(), 'slinga-sheets-')), `${instance.id}.xlsx`);
  writeFileSync(file, await xlsxBuffer(instanceSheets(instance, lang)));
  const r = await importSheets(file);
  if (!r.ok) throw new Error(r.issues.map(formatSheetIssue).join('\n'));
  return Instance.parse(r.input);
}

describe('sheets round trip', () => {
  it('knivsta through CSV (Swedish headers) is deep-equal after defaults', async () => {
    expect(await viaCsv(knivsta, 'sv')).toEqual(knivsta);
  });
  it('knivsta through XLSX (Swedish headers) is deep-equal after defaults', async () => {
    expect(await viaXlsx(knivsta, 'sv')).toEqual(knivsta);
  });
  it('tiny through CSV and XLSX with English headers', async () => {
    expect(await viaCsv(tiny, 'en')).toEqual(tiny);
    expect(await viaXlsx(tiny, 'en')).toEqual(tiny);
  });
});
