/**
 * `slinga report` and `slinga export`, and the `--report` file of `slinga plan`.
 * @module
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { exportCsv, exportGeoJson, exportIcs } from '../export/index.js';
import { renderReport, type ReportLang } from '../report/index.js';
import type { Instance } from '../schema/instance.js';
import type { Plan } from '../schema/plan.js';
import type { ImportedMatrix } from '../travel/matrix.js';
import { loadInstance } from '../validate/index.js';
import { loadPlan, writeOut } from './io.js';
import { CliError } from './errors.js';

/** Export formats of `slinga export`. */
export const EXPORT_FORMATS = ['csv', 'ics', 'geojson', 'json'] as const;
/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

function checkLang(lang: string | undefined): ReportLang {
  if (lang === undefined || lang === 'sv' || lang === 'en') return lang ?? 'sv';
  throw new CliError(2, `--lang "${lang}" is not supported (use sv or en)`);
}

function checkSameInstance(instance: Instance, plan: Plan, planFile: string): void {
  if (plan.instanceId !== instance.id) {
    throw new CliError(2, `${planFile}: the plan is for instance "${plan.instanceId}", not "${instance.id}"`);
  }
}

/**
 * Renders the HTML report of a plan and writes it atomically to `out` (used by `slinga plan
 * --report` and `slinga report`). `lang` defaults to Swedish; anything but `sv`/`en` is exit 2.
 */
export async function writeReportFile(instance: Instance, plan: Plan, out: string, lang?: string, matrix?: ImportedMatrix): Promise<void> {
  const html = renderReport(instance, plan, { lang: checkLang(lang), matrix });
  await writeOut(out, html);
}

/** `slinga report <instance.json> <plan.json> --out <report.html> [--lang sv|en]` */
export async function cmdReport(instanceFile: string, planFile: string, opts: { out: string; lang?: string }): Promise<void> {
  const lang = checkLang(opts.lang);
  if (!opts.out) throw new CliError(2, '--out <report.html> is required');
  const { instance, matrix } = await loadInstance(instanceFile);
  const plan = await loadPlan(planFile);
  checkSameInstance(instance, plan, planFile);
  await writeReportFile(instance, plan, opts.out, lang, matrix);
  process.stderr.write(`${opts.out}: report of ${plan.visits.length} visits on ${plan.routes.length} routes\n`);
}

/**
 * `slinga export <instance.json> <plan.json> --format csv|ics|geojson|json --out <file|dir>`.
 * `ics` writes one `<staff id>.ics` per staff member into the directory `out` (created if needed;
 * `:` in ids becomes `_`); the other formats write one file.
 */
export async function cmdExport(instanceFile: string, planFile: string, opts: { format: string; out: string }): Promise<void> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) {
    throw new CliError(2, `--format "${opts.format}" is not supported (use ${EXPORT_FORMATS.join(', ')})`);
  }
  if (!opts.out) throw new CliError(2, '--out is required');
  const { instance } = await loadInstance(instanceFile);
  const plan = await loadPlan(planFile);
  checkSameInstance(instance, plan, planFile);
  switch (opts.format as ExportFormat) {
    case 'csv':
      await writeOut(opts.out, exportCsv(instance, plan));
      break;
    case 'geojson':
      await writeOut(opts.out, `${JSON.stringify(exportGeoJson(instance, plan))}\n`);
      break;
    case 'json':
      await writeOut(opts.out, `${JSON.stringify(plan, null, 2)}\n`);
      break;
    case 'ics': {
      const files = exportIcs(instance, plan);
      await mkdir(opts.out, { recursive: true });
      for (const [staffId, text] of files) await writeOut(join(opts.out, `${staffId.replace(/:/g, '_')}.ics`), text);
      break;
    }
  }
  process.stderr.write(`${opts.out}: ${opts.format} export written\n`);
}
