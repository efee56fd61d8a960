/**
 * Reading and writing sheets: a folder of CSV files (comma, semicolon or tab separated, UTF-8 with
 * or without a BOM, as Excel and the care systems export them) or one XLSX workbook (exceljs).
 * @module
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { formulaSafe } from '../export/csv.js';
import { SHEETS, type SheetKey } from './columns.js';
import { SheetIssues } from './issues.js';
import type { RawTable } from './table.js';
import { normalizeWord, type CellValue } from './values.js';

/** Sheets read from a folder or workbook, by key, and the problems met reading them. */
export interface SheetSource {
  /** The folder or workbook. */
  readonly path: string;
  readonly tables: ReadonlyMap<SheetKey, RawTable>;
}

/** Sheets that explain the others (templates); never reported as unknown. */
const DOC_SHEETS = new Set(['readme', 'läs mig', 'las mig', 'instructions', 'instruktioner', 'how to fill', 'så fyller du i']);

/** The sheet a file or worksheet name stands for (`brukare`, `Clients`, `pass`, `roster` …). */
export function sheetKeyOf(name: string): SheetKey | undefined {
  const n = normalizeWord(name);
  return SHEETS.find((s) => [s.key, s.en, s.sv, ...s.aliases].some((x) => normalizeWord(x) === n))?.key;
}

/** The separator of a CSV text: the most frequent of `;`, `,` and tab outside quotes on the header line. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/** Parses one CSV text into a table; a syntax error (a stray quote) is one issue with its line. */
export function csvTable(text: string, file: string, sheet: string, issues: SheetIssues): RawTable | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = detectDelimiter(body);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, { delimiter, relax_column_count: true, skip_empty_lines: false, info: true, trim: true }) as unknown as typeof records;
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const line = (e as CsvError & { lines?: number }).lines;
    issues.error({ file, sheet, line }, 'CSV_SYNTAX', `The CSV cannot be read here: ${e.code}.`, 'a quote (") inside a cell must be doubled, and a quoted cell must be closed');
    return undefined;
  }
  const first = records.findIndex((r) => r.record.some((x) => x !== ''));
  if (first < 0) return { file, sheet, headerLine: 1, headers: [], rows: [], decimalComma: delimiter !== ',' };
  const headers = records[first]!.record;
  const overflow = new Map<number, number>();
  const rows = records.slice(first + 1).map(({ record, info }) => {
    const extra = record.slice(headers.length).filter((x) => x !== '').length;
    if (extra > 0) overflow.set(info.lines, extra);
    return { line: info.lines, cells: headers.map((_, i) => (record[i] === undefined || record[i] === '' ? undefined : record[i])) };
  });
  return { file, sheet, headerLine: records[first]!.info.lines, headers, rows, decimalComma: delimiter !== ',', overflow };
}

function cellOf(v: ExcelJS.CellValue): CellValue | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return cellOf(v.richText.map((t) => t.text).join(''));
  if ('formula' in v || 'sharedFormula' in v) return cellOf((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in v) return cellOf(v.text);
  if ('error' in v) return String(v.error);
  return undefined;
}

/** Reads every worksheet of a workbook file as tables (the first non-empty row is the header). */
export async function xlsxTables(file: string, issues: SheetIssues): Promise<RawTable[]> {
  return workbookTables(file, issues, (wb) => wb.xlsx.readFile(file));
}

/**
 * Reads every worksheet of workbook bytes (an upload) as tables. The bytes must have passed
 * {@link zipProblem}: the workbook is unpacked in memory.
 */
export async function xlsxBytesTables(file: string, bytes: Uint8Array, issues: SheetIssues): Promise<RawTable[]> {
  return workbookTables(file, issues, (wb) => wb.xlsx.load(bytes.slice().buffer as ArrayBuffer));
}

async function workbookTables(file: string, issues: SheetIssues, load: (wb: ExcelJS.Workbook) => Promise<unknown>): Promise<RawTable[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await load(wb);
  } catch (e) {
    issues.error({ file, sheet: basename(file) }, 'SHEET_UNREADABLE', `The workbook cannot be read (${e instanceof Error ? e.message.slice(0, 80) : 'unknown error'}).`, 'save it as .xlsx (Excel workbook) and try again');
    return [];
  }
  const out: RawTable[] = [];
  wb.eachSheet((ws) => {
    let headers: string[] | undefined;
    let headerLine = 1;
    const rows: { line: number; cells: (CellValue | undefined)[] }[] = [];
    const overflow = new Map<number, number>();
    ws.eachRow({ includeEmpty: false }, (row, line) => {
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellOf);
      if (!headers) {
        headers = values.map((x) => (x === undefined ? '' : String(x)));
        headerLine = line;
        return;
      }
      const extra = values.slice(headers.length).filter((x) => x !== undefined).length;
      if (extra > 0) overflow.set(line, extra);
      rows.push({ line, cells: headers.map((_, i) => values[i]) });
    });
    out.push({ file, sheet: ws.name, headerLine, headers: headers ?? [], rows, decimalComma: true, overflow });
  });
  return out;
}

/** Reads the tables of one file: a CSV file (one table) or a workbook (one per worksheet). */
export async function readTables(path: string, issues: SheetIssues): Promise<RawTable[]> {
  if (extname(path).toLowerCase() === '.xlsx') return xlsxTables(path, issues);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    issues.error({ file: path, sheet: basename(path) }, 'SHEET_UNREADABLE', `Cannot read ${path}.`, 'check the path');
    return [];
  }
  const t = csvTable(text, path, basename(path, extname(path)), issues);
  return t ? [t] : [];
}

/** Reads a folder of CSV files or a workbook and matches the sheets; reports missing and repeated sheets. */
export async function readSheets(path: string, issues: SheetIssues): Promise<SheetSource> {
  let tables: RawTable[] = [];
  let isDir = false;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    issues.error({ file: path, sheet: basename(path) }, 'SHEET_UNREADABLE', `Cannot read ${path}.`, 'give a folder of CSV files or an .xlsx workbook');
    return { path, tables: new Map() };
  }
  if (isDir) {
    const files = (await readdir(path)).filter((f) => extname(f).toLowerCase() === '.csv').sort();
    for (const f of files) tables.push(...(await readTables(join(path, f), issues)));
  } else tables = await readTables(path, issues);
  return matchSheets(path, tables, issues, isDir);
}

/** One uploaded file: a workbook's bytes or a CSV file's text, with the file's name. */
export interface SheetFile {
  readonly name: string;
  readonly data: Uint8Array | string;
}

/**
 * {@link readSheets} for files in memory (an upload): one `.xlsx` workbook, or a set of CSV files
 * standing for the folder. Workbook bytes must have passed {@link zipProblem}.
 */
export async function readSheetFiles(name: string, files: readonly SheetFile[], issues: SheetIssues): Promise<SheetSource> {
  const tables: RawTable[] = [];
  for (const f of files) {
    if (typeof f.data !== 'string') tables.push(...(await xlsxBytesTables(f.name, f.data, issues)));
    else {
      const t = csvTable(f.data, f.name, basename(f.name, extname(f.name)), issues);
      if (t) tables.push(t);
    }
  }
  return matchSheets(name, tables, issues, files.every((f) => typeof f.data === 'string'));
}

/** The sheets of read tables by key; reports unknown, repeated and missing sheets. */
function matchSheets(path: string, tables: readonly RawTable[], issues: SheetIssues, isDir: boolean): SheetSource {
  // A sheet that could not be parsed is reported already; it is not also "missing".
  const unreadable = new Set(issues.items.filter((i) => i.code === 'CSV_SYNTAX').map((i) => sheetKeyOf(i.sheet)));
  const byKey = new Map<SheetKey, RawTable>();
  for (const t of tables) {
    const key = sheetKeyOf(t.sheet);
    if (!key) {
      if (!DOC_SHEETS.has(normalizeWord(t.sheet))) issues.warn({ file: t.file, sheet: t.sheet }, 'SHEET_UNKNOWN', `Sheet "${t.sheet}" is not one slinga reads; it is ignored.`, `sheets: ${SHEETS.map((s) => s.sv).join(', ')} (or ${SHEETS.map((s) => s.en).join(', ')})`);
      continue;
    }
    const prev = byKey.get(key);
    if (prev) {
      issues.error({ file: t.file, sheet: t.sheet }, 'SHEET_DUPLICATE', `Sheet "${t.sheet}" is the same sheet as "${prev.sheet}" (${key}).`, 'keep one of them');
      continue;
    }
    byKey.set(key, t);
  }
  for (const s of SHEETS) {
    if (s.required && !byKey.has(s.key) && !unreadable.has(s.key)) {
      issues.error({ file: path, sheet: s.sv }, 'SHEET_MISSING', `There is no ${s.sv} / ${s.en} sheet.`, isDir ? `add ${s.sv}.csv (or ${s.en}.csv) to the folder` : `add a worksheet named ${s.sv} (or ${s.en})`);
    }
  }
  return { path, tables: byKey };
}

/** A sheet to write: name, header and rows of cells (`undefined` = empty). Free text columns are named for CSV formula safety. */
export interface OutTable {
  readonly name: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly (string | number | undefined)[])[];
  /** Column indices of free text (names, addresses) that CSV writing guards against formula injection. */
  readonly freeText?: readonly number[];
  /** Column widths for XLSX (characters). */
  readonly widths?: readonly number[];
}

/** CSV text of a table: semicolon-separated, UTF-8 with a BOM and CRLF, as Swedish Excel opens it directly. */
export function csvText(t: OutTable): string {
  const free = new Set(t.freeText ?? []);
  const rows = t.rows.map((r) => t.headers.map((_, i) => {
    const v = r[i];
    if (v === undefined) return '';
    return free.has(i) && typeof v === 'string' ? formulaSafe(v) : v;
  }));
  return `\ufeff${stringify([[...t.headers], ...rows], { delimiter: ';', record_delimiter: 'windows' })}`;
}

/** Writes tables as `<name>.csv` files into a folder (created), plus optional extra files. */
export async function writeCsvFolder(dir: string, tables: readonly OutTable[], extra: Readonly<Record<string, string>> = {}): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const t of tables) await writeFile(join(dir, `${t.name}.csv`), csvText(t));
  for (const [name, text] of Object.entries(extra)) await writeFile(join(dir, name), text);
}

/** The XLSX bytes of tables, one worksheet each, bold frozen header. */
export async function xlsxBuffer(tables: readonly OutTable[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'slinga';
  for (const t of tables) {
    const ws = wb.addWorksheet(t.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow([...t.headers]).font = { bold: true };
    for (const r of t.rows) ws.addRow(t.headers.map((_, i) => r[i] ?? null));
    t.headers.forEach((h, i) => {
      ws.getColumn(i + 1).width = t.widths?.[i] ?? Math.min(40, Math.max(10, h.length + 2));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
