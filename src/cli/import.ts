/**
 * `slinga import`, `slinga import --template`, `slinga sheets`: planners' spreadsheets in and out.
 * @module
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  formatSheetIssue,
  importSheets,
  instanceSheets,
  readmeSheet,
  templateReadme,
  templateSheets,
  unsheetable,
  writeCsvFolder,
  xlsxBuffer,
  type SheetIssue,
  type SheetLang,
} from '../sheets/index.js';
import { loadInstance } from '../validate/index.js';
import { CliError } from './errors.js';
import { writeOut } from './io.js';

function lang(value: string | undefined): SheetLang {
  if (value === undefined || value === 'sv' || value === 'en') return value ?? 'sv';
  throw new CliError(2, `--lang "${value}" is not supported (use sv or en)`);
}

/** Prints sheet issues on stderr, one per line. */
export function printSheetIssues(issues: readonly SheetIssue[]): void {
  if (issues.length > 0) process.stderr.write(`${issues.map(formatSheetIssue).join('\n')}\n`);
}

/** Throws exit 2 after printing every problem (nothing is written). */
export function failWith(issues: readonly SheetIssue[]): never {
  printSheetIssues(issues);
  const n = issues.filter((i) => i.severity === 'error').length;
  throw new CliError(2, `${n} problem(s); nothing written`);
}

/** `slinga import <folder-or-workbook.xlsx> --out <instance.json>` and `slinga import --template <folder> [--xlsx] [--lang sv|en]`. */
export async function cmdImport(source: string | undefined, opts: { out?: string; template?: string; xlsx?: boolean; lang?: string }): Promise<void> {
  const l = lang(opts.lang);
  if (opts.template !== undefined) {
    if (source !== undefined) throw new CliError(2, 'give either a source to import or --template <folder>, not both');
    await writeTemplate(opts.template, l, opts.xlsx === true);
    return;
  }
  if (source === undefined) throw new CliError(2, 'give a folder of CSV files or an .xlsx workbook to import (or --template <folder>)');
  if (opts.out === undefined) throw new CliError(2, '--out <instance.json> is required');
  const result = await importSheets(source);
  if (!result.ok) failWith(result.issues);
  printSheetIssues(result.warnings);
  await writeOut(opts.out, `${JSON.stringify(result.input, null, 2)}\n`);
  const i = result.instance;
  const shifts = i.staff.reduce((n, s) => n + s.shifts.length, 0);
  const tasks = i.clients.reduce((n, c) => n + c.tasks.length, 0);
  process.stderr.write(`${opts.out}: valid — ${i.clients.length} clients, ${tasks} tasks, ${i.staff.length} staff, ${shifts} shifts, ${i.period.days} days from ${i.period.start}\n`);
}

async function writeTemplate(folder: string, l: SheetLang, xlsx: boolean): Promise<void> {
  await mkdir(folder, { recursive: true });
  if (xlsx) {
    const file = join(folder, l === 'sv' ? 'slinga-mall.xlsx' : 'slinga-template.xlsx');
    await writeBytes(file, await xlsxBuffer([readmeSheet(l), ...templateSheets(l)]));
    process.stderr.write(`${file}: template workbook written (fill it in, then: slinga import ${file} --out instance.json)\n`);
    return;
  }
  const readme = l === 'sv' ? 'LÄS-MIG.md' : 'README.md';
  await writeCsvFolder(folder, templateSheets(l), { [readme]: templateReadme(l) });
  process.stderr.write(`${folder}: template CSV files and ${readme} written (fill them in, then: slinga import ${folder} --out instance.json)\n`);
}

/** `slinga sheets <instance.json> --out <folder-or-workbook.xlsx> [--lang sv|en]` */
export async function cmdSheets(instanceFile: string, opts: { out: string; lang?: string }): Promise<void> {
  const l = lang(opts.lang);
  const { instance } = await loadInstance(instanceFile);
  for (const part of unsheetable(instance)) process.stderr.write(`${instanceFile}: warning: ${part} is not written to the sheets\n`);
  const tables = instanceSheets(instance, l);
  if (opts.out.toLowerCase().endsWith('.xlsx')) await writeBytes(opts.out, await xlsxBuffer(tables));
  else await writeCsvFolder(opts.out, tables);
  process.stderr.write(`${opts.out}: ${tables.length} sheets written\n`);
}

/** Writes bytes atomically (temp file + rename), like {@link writeOut}. */
async function writeBytes(file: string, bytes: Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, file);
}
