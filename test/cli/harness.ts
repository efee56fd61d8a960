import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

/** A test file's CLI harness: a fresh directory per test, captured stdout and stderr, `main` run in-process. */
export interface CliHarness {
  /** This test's temporary directory. */
  readonly dir: string;
  /** What the CLI wrote to stdout / stderr in this test (the same arrays all along; empty them with `length = 0`). */
  readonly out: string[];
  readonly err: string[];
  /** Runs `slinga …argv` and returns its exit code. */
  run(...argv: string[]): Promise<number>;
  /** Writes a file into `dir` (objects as JSON) and returns its path. */
  file(name: string, content: unknown): string;
}

/** Installs the harness's beforeEach/afterEach in the calling test file. */
export function useCli(prefix: string): CliHarness {
  const out: string[] = [];
  const err: string[] = [];
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    out.length = 0;
    err.length = 0;
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    process.exitCode = undefined;
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });
  return {
    get dir() {
      return dir;
    },
    out,
    err,
    async run(...argv) {
      const code = await main(argv);
      process.exitCode = undefined;
      return code;
    },
    file(name, content) {
      const p = join(dir, name);
      writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
      return p;
    },
  };
}
