import { InputError, type ValidationIssue } from '../validate/index.js';

/** An error the CLI reports with a given exit code and a message on stderr (no stack trace). */
export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Formats validation issues for stderr: `file: path: message (hint)`, one per line. */
export function formatIssues(file: string, issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${file}: ${i.severity === 'warning' ? 'warning ' : ''}${i.code} at ${i.path}: ${i.message} (hint: ${i.hint})`).join('\n');
}

/** Prints a CliError and returns its exit code. */
export function exitWith(e: CliError): number {
  process.stderr.write(`slinga: ${e.message}\n`);
  return e.exitCode;
}

/**
 * Maps any error to an exit code: input problems → 2 with every issue listed; anything else is a
 * bug → 3 with its message only (stack traces only with SLINGA_DEBUG=1).
 */
export function handleError(e: unknown): number {
  if (e instanceof InputError) {
    process.stderr.write(`${formatIssues(e.file, e.issues)}\n`);
    return 2;
  }
  if (e instanceof CliError) return exitWith(e);
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`slinga: internal error: ${message}\n`);
  if (process.env.SLINGA_DEBUG === '1' && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return 3;
}
