import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/errors.js';
import { cmdExport, cmdReport, writeReportFile } from '../../src/cli/report.js';
import { CSV_COLUMNS } from '../../src/export/index.js';
import type { Instance } from '../../src/schema/instance.js';
import type { Plan } from '../../src/schema/plan.js';
import { tiny } from './fixtures.js';

describe('slinga report / export commands', () => {
  let dir: string;
  let instance: Instance;
  let plan: Plan;
  let instFile: string;
  let planFile: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'slinga-cli-report-'));
    ({ instance, plan } = tiny());
    instFile = join(dir, 'inst.json');
    planFile = join(dir, 'plan.json');
    await writeFile(instFile, JSON.stringify(instance));
    await writeFile(planFile, JSON.stringify(plan));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const rejectsWith2 = async (p: Promise<unknown>, text: RegExp): Promise<void> => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(2);
    expect((err as CliError).message).toMatch(text);
  };

  it('writes the report in Swedish by default and in English with --lang en', async () => {
    await cmdReport(instFile, planFile, { out: join(dir, 'r.html') });
    expect(await readFile(join(dir, 'r.html'), 'utf8')).toContain('<html lang="sv">');
    await cmdReport(instFile, planFile, { out: join(dir, 'r-en.html'), lang: 'en' });
    expect(await readFile(join(dir, 'r-en.html'), 'utf8')).toContain('<html lang="en">');
    await writeReportFile(instance, plan, join(dir, 'w.html'), 'en');
    expect(await readFile(join(dir, 'w.html'), 'utf8')).toBe(await readFile(join(dir, 'r-en.html'), 'utf8'));
  });

  it('exits 2 on a bad language, format or a plan of another instance', async () => {
    await rejectsWith2(cmdReport(instFile, planFile, { out: join(dir, 'x.html'), lang: 'de' }), /--lang/);
    await rejectsWith2(cmdExport(instFile, planFile, { format: 'xlsx', out: join(dir, 'x') }), /--format/);
    const other = join(dir, 'other.json');
    await writeFile(other, JSON.stringify({ ...plan, instanceId: 'someone-else' }));
    await rejectsWith2(cmdReport(instFile, other, { out: join(dir, 'x.html') }), /someone-else/);
    await expect(readdir(dir)).resolves.not.toContain('x.html');
  });

  it('exports csv, geojson, json and one ics per staff member', async () => {
    await cmdExport(instFile, planFile, { format: 'csv', out: join(dir, 'k.csv') });
    const csv = await readFile(join(dir, 'k.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    await cmdExport(instFile, planFile, { format: 'geojson', out: join(dir, 'r.geojson') });
    expect(JSON.parse(await readFile(join(dir, 'r.geojson'), 'utf8')).type).toBe('FeatureCollection');
    await cmdExport(instFile, planFile, { format: 'json', out: join(dir, 'p.json') });
    expect(JSON.parse(await readFile(join(dir, 'p.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(plan)));
    await cmdExport(instFile, planFile, { format: 'ics', out: join(dir, 'ics') });
    expect((await readdir(join(dir, 'ics'))).sort()).toEqual(instance.staff.map((s) => `${s.id}.ics`).sort());
  });
});
