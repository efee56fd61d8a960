import { rename, writeFile } from 'node:fs/promises';
import { Plan } from '../schema/plan.js';
import { InputError, fromZodIssuesForFile, readJsonFile } from '../validate/index.js';

/** Writes a file atomically (temp file + rename), so a failed run never leaves a half-written `--out`. */
export async function writeOut(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

/** Reads and shape-checks a plan file. */
export async function loadPlan(file: string): Promise<Plan> {
  const json = await readJsonFile(file);
  const parsed = Plan.safeParse(json);
  if (!parsed.success) throw new InputError(file, fromZodIssuesForFile(parsed.error.issues));
  return parsed.data;
}
