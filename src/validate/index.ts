import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Instance } from '../schema/instance.js';
import { MatrixFormatError, fromCsv, fromOsrmTable, type ImportedMatrix } from '../travel/matrix.js';
import { IssueList, fromZodIssues, type ValidationIssue } from './issues.js';
import { checkSemantics } from './semantic.js';

export { jsonPath, fromZodIssues as fromZodIssuesForFile, type IssueCode, type ValidationIssue } from './issues.js';
export { taskWindows, breakWindow } from './semantic.js';

/** Result of parsing: the instance (defaults filled) with warnings, or every problem found. */
export type ParseResult =
  | { readonly ok: true; readonly instance: Instance; readonly matrix?: ImportedMatrix; readonly warnings: readonly ValidationIssue[] }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** Options of {@link parseInstance}. */
export interface ParseOptions {
  /** A matrix already loaded by the caller (e.g. from `travel.matrix.path`). */
  readonly matrix?: ImportedMatrix;
}

/**
 * Validates an instance in two layers: zod for shape, then cross-reference checks. Collects every
 * problem (stable code, JSON path, message, hint) instead of stopping at the first. Downstream code
 * trusts an instance that passed.
 */
export function parseInstance(input: unknown, options: ParseOptions = {}): ParseResult {
  const shape = Instance.safeParse(input);
  if (!shape.success) return { ok: false, issues: fromZodIssues(shape.error.issues) };
  const issues = new IssueList();
  checkSemantics(shape.data, issues);
  let matrix = options.matrix;
  const spec = shape.data.travel.matrix;
  if (!matrix && spec?.format === 'osrm' && spec.response) {
    try {
      matrix = fromOsrmTable(spec.locationIds, spec.response);
    } catch (e) {
      if (!(e instanceof MatrixFormatError)) throw e;
      issues.error('MATRIX', `travel.matrix.response.${e.path.join('.')}`, e.message, 'see the OSRM table-service response format');
    }
  }
  if (issues.hasErrors) return { ok: false, issues: issues.items };
  return { ok: true, instance: shape.data, matrix, warnings: issues.items };
}

/** An input file problem: exit code 2 in the CLI. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly ValidationIssue[],
  ) {
    super(`${file}: ${issues.length} problem(s)`);
  }
}

/** Reads and parses a JSON file; a missing file or bad JSON becomes an {@link InputError}. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new InputError(file, [{ code: 'FILE_NOT_FOUND', severity: 'error', path: '$', message: `Cannot read ${file}.`, hint: 'check the path' }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new InputError(file, [{ code: 'NOT_JSON', severity: 'error', path: '$', message: `Not valid JSON: ${detail}`, hint: 'the file must be one JSON object' }]);
  }
}

/**
 * Loads and validates an instance file, including an imported travel matrix referenced by
 * `travel.matrix.path` (relative to the instance file). Throws {@link InputError} listing every problem.
 */
export async function loadInstance(file: string): Promise<{ instance: Instance; matrix?: ImportedMatrix; warnings: readonly ValidationIssue[] }> {
  const json = await readJsonFile(file);
  let matrix: ImportedMatrix | undefined;
  const spec = (json as { travel?: { matrix?: { format?: string; path?: string; locationIds?: string[] } } } | null)?.travel?.matrix;
  if (spec?.path && typeof spec.path === 'string') {
    const matrixFile = resolve(dirname(file), spec.path);
    let text: string;
    try {
      text = await readFile(matrixFile, 'utf8');
    } catch {
      throw new InputError(file, [
        { code: 'MATRIX', severity: 'error', path: 'travel.matrix.path', message: `Cannot read the travel matrix ${spec.path}.`, hint: 'the path is relative to the instance file' },
      ]);
    }
    try {
      if (spec.format === 'csv') matrix = fromCsv(text, spec.locationIds);
      else matrix = fromOsrmTable(spec.locationIds ?? [], JSON.parse(text) as Parameters<typeof fromOsrmTable>[1]);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      throw new InputError(file, [{ code: 'MATRIX', severity: 'error', path: 'travel.matrix.path', message: `${spec.path}: ${message}`, hint: 'see README: travel matrices' }]);
    }
  }
  const result = parseInstance(json, { matrix });
  if (!result.ok) throw new InputError(file, result.issues);
  return { instance: result.instance, matrix: result.matrix, warnings: result.warnings };
}
