import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSheetIssue, importSheets, readmeSheet, templateReadme, templateSheets, writeCsvFolder, xlsxBuffer } from '../../src/sheets/index.js';

describe('templates', () => {
  for (const lang of ['sv', 'en'] as const) {
    it(`filled with their example rows, the ${lang} CSV templates import and validate`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'slinga-tpl-'));
      await writeCsvFolder(dir, templateSheets(lang), { 'README.md': templateReadme(lang) });
      const r = await importSheets(dir);
      if (!r.ok) throw new Error(r.issues.map(formatSheetIssue).join('\n'));
      expect(r.instance.clients[0]!.tasks[0]!.windows).toEqual([{ start: '07:00', end: '09:00' }]);
      expect(r.instance.history).toHaveLength(1);
      expect(r.warnings.filter((w) => w.severity === 'error')).toEqual([]);
    });
    it(`the ${lang} workbook template (with its how-to sheet) imports and validates`, async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'slinga-tpl-')), 'mall.xlsx');
      writeFileSync(file, await xlsxBuffer([readmeSheet(lang), ...templateSheets(lang)]));
      const r = await importSheets(file);
      if (!r.ok) throw new Error(r.issues.map(formatSheetIssue).join('\n'));
      expect(r.instance.staff[0]!.shifts[0]!.break).toMatchObject({ minutes: 30, at: 'base' });
      expect(r.warnings.map((w) => w.code)).not.toContain('SHEET_UNKNOWN');
    });
  }
  it('the readme names every sheet and marks required columns', () => {
    const text = templateReadme('sv');
    for (const s of ['brukare', 'insatser', 'personal', 'pass', 'arbetsgrupper', 'baser', 'historik']) expect(text).toContain(`## ${s}`);
    expect(text).toContain('(krävs)');
  });
  it('the readme lists the settings, money included, and the optional-shift and wage columns', () => {
    const text = templateReadme('en');
    for (const k of ['period.start', 'economics.wagePerHourSek.care', 'economics.reimbursement.basis']) expect(text).toContain(`\`${k}\``);
    expect(text).toContain('- **optional**');
    expect(text).toContain('- **wage cost per hour**');
  });
});
