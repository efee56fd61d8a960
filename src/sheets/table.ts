/**
 * A sheet as read (header and rows with their line numbers), its headers matched to a
 * {@link SheetDef}, and a row reader whose typed getters record a problem at the cell instead of
 * throwing, so one pass reports every bad cell.
 * @module
 */
import { header as headerOf, type ColumnDef, type SheetDef } from './columns.js';
import { columnLetter, type CellRef, type SheetIssues } from './issues.js';
import { ValueError, normalizeWord, type CellValue } from './values.js';

/** One sheet as read from a CSV file or a worksheet. Empty cells are `undefined`. */
export interface RawTable {
  readonly file: string;
  /** Sheet name as found (CSV: the file name without `.csv`). */
  readonly sheet: string;
  readonly headerLine: number;
  readonly headers: readonly string[];
  readonly rows: readonly { readonly line: number; readonly cells: readonly (CellValue | undefined)[] }[];
  /** Whether `59,72` is a decimal number here (semicolon or tab CSV, XLSX); not in comma CSV. */
  readonly decimalComma: boolean;
  /** Cells per row beyond the header that were not empty (CSV), per line. */
  readonly overflow?: ReadonlyMap<number, number>;
}

/** A table whose headers are matched to a sheet definition. */
export interface BoundTable {
  readonly def: SheetDef;
  readonly raw: RawTable;
  /** Column key → index in the row. */
  readonly index: ReadonlyMap<string, number>;
  /** Keys of required columns that are missing (their cells are not reported row by row). */
  readonly missing: ReadonlySet<string>;
}

/** Whether a header names the column (its Swedish or English header or an alias). */
function names(col: ColumnDef, text: string): boolean {
  const t = normalizeWord(text);
  return [col.key, col.en, col.sv, ...(col.aliases ?? [])].some((n) => normalizeWord(n) === t);
}

/** Matches headers to the sheet's columns; reports missing, duplicate and unknown columns. */
export function bindTable(def: SheetDef, raw: RawTable, issues: SheetIssues): BoundTable {
  const index = new Map<string, number>();
  const at = (i?: number): CellRef => ({ file: raw.file, sheet: raw.sheet, line: raw.headerLine, column: i === undefined ? undefined : `${columnLetter(i)} (${raw.headers[i]})` });
  raw.headers.forEach((h, i) => {
    if (h.trim() === '') return;
    // Canonical and language headers first, so an alias of one column never takes another's exact header.
    const col =
      def.columns.find((cd) => [cd.key, cd.en, cd.sv].some((n) => normalizeWord(n) === normalizeWord(h))) ?? def.columns.find((cd) => names(cd, h));
    if (!col) {
      issues.warn(at(i), 'COLUMN_UNKNOWN', `Column "${h.slice(0, 40)}" is not a column of the ${def.en} sheet; it is ignored.`, `known columns: ${def.columns.map((cd) => headerOf(cd, 'sv')).join(', ')}`);
      return;
    }
    const first = index.get(col.key);
    if (first !== undefined) {
      issues.error(at(i), 'COLUMN_DUPLICATE', `Column ${columnLetter(i)} means the same as column ${columnLetter(first)} (${col.en}).`, 'keep one of them');
      return;
    }
    index.set(col.key, i);
  });
  const missing = new Set<string>();
  for (const col of def.columns) {
    if (col.required && !index.has(col.key)) {
      missing.add(col.key);
      issues.error(at(), 'COLUMN_MISSING', `The ${def.en} sheet has no column "${col.sv}" / "${col.en}".`, `add a column with the header "${col.sv}" (or "${col.en}")`);
    }
  }
  return { def, raw, index, missing };
}

/** Reads the cells of one row by column key; typed getters record problems and return `undefined`. */
export class RowReader {
  constructor(
    private readonly table: BoundTable,
    readonly line: number,
    private readonly cells: readonly (CellValue | undefined)[],
    private readonly issues: SheetIssues,
    /** A row already reported as a whole (too many cells): its cells are not read, only its id is kept. */
    readonly broken = false,
  ) {}

  /** Position of a column's cell in this row (the whole row without a key). */
  ref(key?: string): CellRef {
    const raw = this.table.raw;
    const i = key === undefined ? undefined : this.table.index.get(key);
    const col = i === undefined ? undefined : `${columnLetter(i)} (${raw.headers[i]})`;
    return { file: raw.file, sheet: raw.sheet, line: this.line, column: col };
  }

  /** The raw cell, `undefined` when empty or the column is absent. */
  cell(key: string): CellValue | undefined {
    const i = this.table.index.get(key);
    return i === undefined ? undefined : this.cells[i];
  }

  /** Whether a column is in the sheet. */
  has(key: string): boolean {
    return this.table.index.has(key);
  }

  get decimalComma(): boolean {
    return this.table.raw.decimalComma;
  }

  /** Parses a cell; an empty required cell and a bad value are recorded. */
  get<T>(key: string, parse: (v: CellValue) => T, required = false): T | undefined {
    const v = this.cell(key);
    if (this.broken) return undefined;
    if (v === undefined) {
      if (required && !this.table.missing.has(key)) {
        const col = this.table.def.columns.find((cd) => cd.key === key)!;
        this.issues.error(this.ref(key), 'REQUIRED', `The ${col.sv} / ${col.en} cell is empty.`, `every ${this.table.def.en} row needs it: ${col.help.en}`);
      }
      return undefined;
    }
    try {
      return parse(v);
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      this.issues.error(this.ref(key), e.code, e.message, e.hint);
      return undefined;
    }
  }

  /** Records a problem at a cell of this row. */
  error(key: string | undefined, code: Parameters<SheetIssues['error']>[1], message: string, hint: string): void {
    this.issues.error(this.ref(key), code, message, hint);
  }
}

/** The rows of a bound table as readers, skipping empty rows; reports rows with more cells than headers. */
export function rowsOf(table: BoundTable, issues: SheetIssues): RowReader[] {
  const out: RowReader[] = [];
  for (const row of table.raw.rows) {
    if (row.cells.every((x) => x === undefined)) continue;
    const extra = table.raw.overflow?.get(row.line);
    if (extra !== undefined) {
      issues.error(
        { file: table.raw.file, sheet: table.raw.sheet, line: row.line, column: columnLetter(table.raw.headers.length) },
        'COLUMN_COUNT',
        `This line has ${table.raw.headers.length + extra} cells but the header has ${table.raw.headers.length}.`,
        'a decimal comma or a separator inside an unquoted cell splits it: write 59.72, quote the cell, or save as semicolon-separated CSV',
      );
      out.push(new RowReader(table, row.line, row.cells, issues, true));
      continue;
    }
    out.push(new RowReader(table, row.line, row.cells, issues));
  }
  return out;
}
