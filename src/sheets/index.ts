/**
 * Planners' data in and out: an instance from a folder of CSV files or an XLSX workbook (sheets
 * clients, tasks, staff, shifts, teams, bases, optional settings and history), the instance back
 * as those sheets, and the templates.
 * @module
 */
import { basename, extname } from 'node:path';
import type { Instance, InstanceInput } from '../schema/instance.js';
import { parseInstance } from '../validate/index.js';
import { SheetIssues, type SheetIssue } from './issues.js';
import { readSheetFiles, readSheets, type SheetFile, type SheetSource } from './io.js';
import { buildInstance } from './read.js';
import { zipProblem, ZIP_LIMITS, type ZipLimits } from './zip.js';

export { SHEETS, sheetDef, type ColumnDef, type SheetDef, type SheetKey, type SheetLang } from './columns.js';
export { columnLetter, formatSheetIssue, SheetInputError, SheetIssues, type SheetIssue, type SheetIssueCode } from './issues.js';
export { csvTable, csvText, readSheetFiles, readSheets, readTables, writeCsvFolder, xlsxBuffer, xlsxBytesTables, xlsxTables, type OutTable, type SheetFile, type SheetSource } from './io.js';
export { zipProblem, ZIP_LIMITS, type ZipLimits, type ZipProblem } from './zip.js';
export { bindTable, rowsOf, RowReader, type BoundTable, type RawTable } from './table.js';
export { instanceSheets, readmeSheet, templateReadme, templateSheets, unsheetable } from './write.js';
export * as sheetValues from './values.js';

/** Result of {@link importSheets}: the instance (as built, and with defaults) or every problem. */
export type ImportResult =
  | { readonly ok: true; readonly input: InstanceInput; readonly instance: Instance; readonly warnings: readonly SheetIssue[] }
  | { readonly ok: false; readonly issues: readonly SheetIssue[] };

/** An id from a file or folder name (`Knivsta vecka 48.xlsx` → `Knivsta-vecka-48`). */
export function idFromName(path: string): string {
  const id = basename(path, extname(path)).replace(/[^A-Za-z0-9_.:-]+/g, '-').replace(/^[^A-Za-z0-9]+|-+$/g, '').slice(0, 64);
  return id === '' ? 'imported' : id;
}

/**
 * Reads the sheets of a folder of CSV files or an `.xlsx` workbook and validates the instance they
 * make. Two layers, like the JSON validation: first every bad cell (file, sheet, line, column, code,
 * hint); when the cells are sound, the instance validation, its JSON paths mapped back to cells.
 */
export async function importSheets(path: string): Promise<ImportResult> {
  const issues = new SheetIssues();
  return importSource(await readSheets(path, issues), issues, idFromName(path));
}

/**
 * {@link importSheets} for uploaded files: one `.xlsx` workbook (bytes) or a set of CSV files (texts)
 * standing for the folder; `name` (the workbook's or folder's name) gives the instance id unless
 * the settings sheet names one. A workbook is first unpacked under `limits` ({@link zipProblem}).
 */
export async function importSheetFiles(name: string, files: readonly SheetFile[], limits: ZipLimits = ZIP_LIMITS): Promise<ImportResult> {
  const issues = new SheetIssues();
  for (const f of files) {
    const p = typeof f.data === 'string' ? undefined : zipProblem(f.data, limits);
    if (p) issues.error({ file: f.name, sheet: basename(f.name) }, p.code, `The workbook cannot be read: ${p.message}.`, p.code === 'WORKBOOK_TOO_LARGE' ? 'split the workbook or remove what slinga does not read (pictures, other sheets)' : 'save it as .xlsx (Excel workbook) and try again');
  }
  if (issues.hasErrors) return { ok: false, issues: issues.items };
  return importSource(await readSheetFiles(name, files, issues), issues, idFromName(name));
}

function importSource(source: SheetSource, issues: SheetIssues, id: string): ImportResult {
  const built = buildInstance(source, issues, id);
  if (issues.hasErrors) return { ok: false, issues: issues.items };
  const parsed = parseInstance(built.input);
  const mapped = (parsed.ok ? parsed.warnings : parsed.issues).map((i) => built.sources.toSheetIssue(i));
  const all = [...issues.items, ...mapped];
  if (!parsed.ok) return { ok: false, issues: all };
  return { ok: true, input: built.input, instance: parsed.instance, warnings: all };
}
