import type { z } from 'zod';

/** Stable codes of input problems. Integrators may match on them. */
export type IssueCode =
  | 'NOT_JSON'
  | 'FILE_NOT_FOUND'
  | 'SCHEMA'
  | 'DUPLICATE_ID'
  | 'UNKNOWN_REF'
  | 'UNKNOWN_TIME_ZONE'
  | 'PERIOD_START'
  | 'TIME_RANGE_ORDER'
  | 'BREAK_RULE'
  | 'SHIFT_OUTSIDE_PERIOD'
  | 'DURATION_BOUNDS'
  | 'WINDOW_NO_SHIFT'
  | 'NO_QUALIFIED_STAFF'
  | 'GRANTED_TOO_SMALL'
  | 'NAMED_CONTACT_REFUSED'
  | 'FIXED_TIME_AND_WINDOWS'
  | 'MATRIX'
  | 'CHANGE_TIME'
  | 'CHANGE_CONFLICT'
  | 'LOCK_CONFLICT';

/** One problem in an input file: stable code, JSON path, a message naming ids only, and a hint. */
export interface ValidationIssue {
  readonly code: IssueCode;
  readonly severity: 'error' | 'warning';
  /** JSON path into the input, e.g. `clients[3].tasks[0].windows[1].end`. */
  readonly path: string;
  readonly message: string;
  readonly hint: string;
}

/** Formats a path array as a JSON path (`clients[3].tasks[0]`). */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '$' : out;
}

/** Maps zod issues to validation issues (code `SCHEMA`). */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.map((i) => ({
    code: 'SCHEMA' as const,
    severity: 'error' as const,
    path: jsonPath(i.path),
    message: i.message,
    hint: schemaHint(i),
  }));
}

function schemaHint(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case 'invalid_type':
      return `expected ${i.expected}; see \`slinga schema instance\``;
    case 'invalid_value':
      return `allowed values: ${i.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `remove the unknown keys or check their spelling: ${i.keys.join(', ')}`;
    case 'invalid_union':
      return 'the value matches none of the allowed forms; see `slinga schema instance`';
    default:
      return 'see `slinga schema instance` for the expected shape';
  }
}

/** Collects issues; `error()`/`warn()` add one. */
export class IssueList {
  readonly items: ValidationIssue[] = [];

  error(code: IssueCode, path: string, message: string, hint: string): void {
    this.items.push({ code, severity: 'error', path, message, hint });
  }

  warn(code: IssueCode, path: string, message: string, hint: string): void {
    this.items.push({ code, severity: 'warning', path, message, hint });
  }

  get hasErrors(): boolean {
    return this.items.some((i) => i.severity === 'error');
  }
}
