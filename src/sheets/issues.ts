/**
 * Problems found in planners' sheets: each names the file (and sheet), the line, the column, a
 * stable code and a hint. Messages name ids and cell positions only, never cell contents that could
 * be names, addresses or needs.
 * @module
 */
import type { IssueCode } from '../validate/index.js';

/** Stable codes of sheet problems (plus the instance validation codes, mapped back to cells). */
export type SheetIssueCode =
  | IssueCode
  | 'SHEET_MISSING'
  | 'SHEET_UNREADABLE'
  | 'WORKBOOK_TOO_LARGE'
  | 'SHEET_UNKNOWN'
  | 'SHEET_DUPLICATE'
  | 'CSV_SYNTAX'
  | 'COLUMN_MISSING'
  | 'COLUMN_DUPLICATE'
  | 'COLUMN_UNKNOWN'
  | 'COLUMN_COUNT'
  | 'REQUIRED'
  | 'BAD_NUMBER'
  | 'NOT_WHOLE'
  | 'OUT_OF_RANGE'
  | 'BAD_TIME'
  | 'BAD_TIME_RANGE'
  | 'BAD_DATE'
  | 'UNKNOWN_WEEKDAY'
  | 'UNKNOWN_VALUE'
  | 'BAD_BOOLEAN'
  | 'BAD_ID'
  | 'UNKNOWN_SETTING'
  | 'UNKNOWN_STAFF'
  | 'UNKNOWN_CLIENT'
  | 'UNKNOWN_TASK'
  | 'NO_TASKS'
  | 'PERIOD';

/** One problem in a sheet. `line` is 1-based (the header is line 1 unless the file says otherwise). */
export interface SheetIssue {
  readonly code: SheetIssueCode;
  readonly severity: 'error' | 'warning';
  /** File (a CSV file or the workbook). */
  readonly file: string;
  /** Sheet name as found (the file's base name for CSV). */
  readonly sheet: string;
  /** Line (CSV) or row (XLSX), 1-based; absent for a whole sheet. */
  readonly line?: number;
  /** Column letter and header, e.g. `D (lat)`; absent for a whole row or sheet. */
  readonly column?: string;
  readonly message: string;
  readonly hint: string;
}

/** Where a cell is: enough to build an issue. */
export interface CellRef {
  readonly file: string;
  readonly sheet: string;
  readonly line?: number;
  readonly column?: string;
}

/** Spreadsheet column letter of a 0-based index (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Collects sheet issues; never stops at the first. */
export class SheetIssues {
  readonly items: SheetIssue[] = [];

  error(at: CellRef, code: SheetIssueCode, message: string, hint: string): void {
    this.items.push({ ...at, code, severity: 'error', message, hint });
  }

  warn(at: CellRef, code: SheetIssueCode, message: string, hint: string): void {
    this.items.push({ ...at, code, severity: 'warning', message, hint });
  }

  get hasErrors(): boolean {
    return this.items.some((i) => i.severity === 'error');
  }
}

/** Formats one issue: `file [sheet] line 4, column D (lat): CODE: message (hint: …)`. */
export function formatSheetIssue(i: SheetIssue): string {
  const sheet = i.file.endsWith('.xlsx') ? ` [${i.sheet}]` : '';
  const where = [i.line === undefined ? undefined : `line ${i.line}`, i.column === undefined ? undefined : `column ${i.column}`].filter(Boolean).join(', ');
  const sev = i.severity === 'warning' ? 'warning ' : '';
  return `${i.file}${sheet}${where ? ` ${where}` : ''}: ${sev}${i.code}: ${i.message} (hint: ${i.hint})`;
}

/** Every problem of an import that cannot go on: exit code 2 in the CLI, nothing written. */
export class SheetInputError extends Error {
  constructor(readonly issues: readonly SheetIssue[]) {
    super(`${issues.filter((i) => i.severity === 'error').length} problem(s) in the sheets`);
  }
}
