/**
 * End-to-end: the planner's board in headless Chromium (Debian's /usr/bin/chromium through
 * playwright-core) on a real `slinga serve` app listening on a loopback port. Plans the tiny
 * sample from an uploaded file, drags a visit to another staff member, sees the rule check and the
 * cost change, locks it, replans, finds the lock kept and the diff shown; then recommendations,
 * undo, the keyboard path, compare, English and contrast; the same drag, lock and replan on the
 * knivsta sample (its times are logged). Screenshots go to the OS temp directory.
 * Without Chromium the test fails on CI and is skipped locally.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/schema/plan.js';
import type { Service } from '../../src/service/index.js';
import { CONTRAST_CHECK } from '../report/fixtures.js';
import { openService } from '../../src/service/index.js';
import { ROOT, tinyInstance } from '../service/helpers.js';
import { csvText, instanceSheets, xlsxBuffer } from '../../src/sheets/index.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const hasChromium = existsSync(CHROMIUM);
const onCi = Boolean(process.env.CI);
const TINY = join(ROOT, 'data', 'samples', 'tiny-4242.json');
const KNIVSTA = join(ROOT, 'data', 'samples', 'knivsta-4242.json');

interface BoardState {
  job: string;
  moves: { visitId: string; staff?: string[]; start?: string }[];
  ids: string[];
  ev: { valid: boolean; violations: unknown[]; moved: string[]; locked: string[]; delta: { total: number; terms: Record<string, number> }; view?: unknown };
}

/** Opens a page on the service with problem listeners: page errors, console errors, requests elsewhere. */
async function open(browser: Browser, base: string, problems: string[], path = '/'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(base)) problems.push(`request elsewhere: ${r.url()}`);
  });
  await page.goto(base + path, { waitUntil: 'load' });
  await page.waitForSelector('html[data-ready="1"]');
  return page;
}

/**
 * Polls an expression until it is true. (Playwright's waitForFunction evaluates its predicate with
 * eval, which the page's Content-Security-Policy rightly refuses.)
 */
async function until(page: Page, expr: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expr))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const state = (page: Page): Promise<BoardState> => page.evaluate('window.__boardState') as Promise<BoardState>;

/** Plans an instance file through the page; resolves when the week is drawn. */
async function planFile(page: Page, file: string | string[], options: { strategy?: string; effort?: string } = {}): Promise<string> {
  await page.setInputFiles('#instance-file', file);
  if (options.strategy) await page.selectOption('#strategy', options.strategy);
  if (options.effort) await page.fill('#effort', options.effort);
  await page.click('#plan-it');
  await page.waitForSelector('html[data-job]', { timeout: 300_000 });
  return (await page.getAttribute('html', 'data-job'))!;
}

/**
 * Drags the first visit of timeline row `n` onto the next row with another staff member, keeping its
 * time; resolves with the moved visit id once the evaluation is drawn.
 */
async function dragToNextStaff(page: Page, n = 0): Promise<{ visitId: string; to: string }> {
  const rows = page.locator('#timeline g.row');
  const first = rows.nth(n);
  const staff0 = await first.getAttribute('data-s');
  const count = await rows.count();
  let target = -1;
  for (let k = n + 1; k < count && target < 0; k++) if ((await rows.nth(k).getAttribute('data-s')) !== staff0) target = k;
  expect(target).toBeGreaterThan(n);
  const rect = first.locator('rect.vi').first();
  const vi = Number(await rect.getAttribute('data-v'));
  await rect.scrollIntoViewIfNeeded();
  const box = (await rect.boundingBox())!;
  const tbox = (await rows.nth(target).locator('rect.sh').first().boundingBox())!;
  const before = (await page.evaluate('window.__boardState.evals')) as number;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, (box.y + tbox.y) / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2, tbox.y + tbox.height / 2, { steps: 4 });
  await page.mouse.up();
  await until(page, `window.__boardState.evals > ${before} && window.__boardState.ev.moved.length > 0`);
  const s = await state(page);
  const to = (await page.evaluate(`window.__boardState.D.staff[${Number(await rows.nth(target).getAttribute('data-s'))}][0]`)) as string;
  return { visitId: s.ids[vi]!, to };
}

describe.skipIf(!hasChromium && !onCi)('the board in headless Chromium', () => {
  let browser: Browser;
  let svc: Service;
  let base: string;
  let dir: string;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`${CHROMIUM} is missing: install the Debian package "chromium" (CI installs it in .ci/run)`);
    svc = await openService({ data: ':memory:', workers: 2 });
    base = (await svc.app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    dir = await mkdtemp(join(tmpdir(), 'slinga-board-'));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await svc?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('plans the tiny sample, drags a visit to another staff member, locks it, replans and shows the diff', async () => {
    const page = await open(browser, base, problems);
    const job = await planFile(page, TINY, { effort: '30' });
    console.log(`tiny: week interactive ${((await page.evaluate('window.__boardReadyMs')) as number).toFixed(0)} ms after the plan arrived`);
    expect(await page.locator('#timeline g.row').count()).toBeGreaterThan(1);
    expect(await page.locator('#map polyline').count()).toBe(await page.locator('#timeline g.row').count());
    expect(await page.locator('#check-out').textContent()).toContain('Inga regler bryts');

    const { visitId, to } = await dragToNextStaff(page);
    const s = await state(page);
    console.log(`tiny: drag evaluated and drawn in ${((await page.evaluate('window.__lastEvalMs')) as number).toFixed(0)} ms`);
    expect(s.ev.moved).toEqual([visitId]);
    expect(s.moves[0]!.staff).toEqual([to]);
    // The rule check and the cost change are on the page.
    const check = (await page.locator('#check-out').textContent())!;
    expect(check).toMatch(s.ev.valid ? /Inga regler bryts/ : /\d+ regelbrott \(\d+ nya/);
    expect(Object.keys(s.ev.delta.terms).length).toBeGreaterThan(0);
    const changed = await page.locator('#cost-out td.n').allTextContents();
    expect(changed.some((t) => /^[+\u2212]\d/.test(t))).toBe(true);
    expect(await page.locator(`#timeline rect.vi.mv`).count()).toBe(1);
    // The answer carried only the view's changes; merged, the page holds the whole view the server sends when asked for it.
    expect(s.ev.view).toBeUndefined();
    const whole = await page.evaluate(`fetch('/v1/plans/'+window.__boardState.job+'/evaluate',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({moves:window.__boardState.moves,lang:'sv'})}).then(function(r){return r.json();}).then(function(ev){var S=window.__boardState;return JSON.stringify(ev.view)===JSON.stringify(S.D)&&JSON.stringify(ev.ids)===JSON.stringify(S.ids);})`);
    expect(whole).toBe(true);
    await page.screenshot({ path: join(tmpdir(), 'slinga-board-drag.png'), fullPage: true });

    // Lock it (it is selected by the drag), then replan.
    await page.click('#lock');
    expect(await page.locator('#pending').textContent()).toContain('låses');
    await page.click('#replan');
    await until(page, `document.documentElement.getAttribute('data-job') !== ${JSON.stringify(job)}`, 120_000);
    const replanned = (await page.getAttribute('html', 'data-job'))!;
    await page.waitForSelector('#changes-box #changes');
    const plan = (await svc.app.inject({ method: 'GET', url: `/v1/plans/${replanned}/plan` })).json<Plan>();
    const kept = plan.visits.find((v) => v.id === visitId)!;
    expect(kept.staff).toEqual([to]);
    expect(plan.locks?.some((l) => l.visitId === visitId && l.keep === 'all')).toBe(true);
    expect(plan.changes).toBeDefined();
    expect(await page.locator('#changes-box #changes').textContent()).toContain('Att meddela medarbetare');
    const after = await state(page);
    expect(after.ev.locked).toContain(visitId);
    expect(after.moves).toEqual([]);
    await page.screenshot({ path: join(tmpdir(), 'slinga-board-replanned.png'), fullPage: true });
    console.log(`screenshots: ${join(tmpdir(), 'slinga-board-drag.png')}, ${join(tmpdir(), 'slinga-board-replanned.png')}`);
    expect(problems).toEqual([]);

    // Recommend other staff for a visit and use the first option; undo takes it back.
    await page.locator('#timeline rect.vi').first().focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#sel-body').isVisible()).toBe(true);
    expect(await page.evaluate('document.activeElement.id')).toBe('m-staff');
    await page.click('#rec-visit');
    await page.waitForSelector('#rec-out ol li');
    const use = page.locator('#rec-out button[data-o]');
    if ((await use.count()) > 0) {
      await use.first().click();
      await until(page, 'window.__boardState.moves.length === 1');
      await page.click('#undo');
      await until(page, 'window.__boardState.moves.length === 0 && window.__boardState.ev.moved.length === 0');
    }
    // Keyboard move: choose another staff member in the panel and press Move.
    await page.locator('#timeline rect.vi').first().focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.locator('#do-move').focus();
    await page.keyboard.press('Enter');
    await until(page, 'window.__boardState.moves.length === 1');
    expect((await page.evaluate(CONTRAST_CHECK)) as string[]).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);

  it('compares strategies and a manual plan, in English', async () => {
    const page = await open(browser, base, problems, '/?lang=en');
    expect(await page.locator('h1').textContent()).toContain('Planning board');
    const job = await planFile(page, TINY, { effort: '30' });
    const plan = (await svc.app.inject({ method: 'GET', url: `/v1/plans/${job}/plan` })).body;
    const manual = join(dir, 'manual.json');
    await writeFile(manual, plan);
    for (const box of await page.locator('#cmp-strategies input').all()) await box.setChecked((await box.getAttribute('value')) === 'baseline');
    await page.click('#cmp-run');
    await page.waitForSelector('html[data-compared="2"]', { timeout: 120_000 });
    await page.setInputFiles('#manual-file', manual);
    await page.click('#cmp-manual');
    await page.waitForSelector('html[data-compared="3"]');
    const head = await page.locator('#cmp-out thead th').allTextContents();
    expect(head).toEqual(['KPI', 'Board’s plan', 'baseline', 'Manual plan (manual.json)']);
    const travel = await page.locator('#cmp-out tbody tr', { hasText: 'Travel minutes' }).locator('td').allTextContents();
    expect(travel[0]).toBe(travel[2]); // the manual plan is the board's plan
    expect(travel.every((t) => /^\d+$/.test(t))).toBe(true);
    expect((await page.evaluate(CONTRAST_CHECK)) as string[]).toEqual([]);
    await page.screenshot({ path: join(tmpdir(), 'slinga-board-compare.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);

  it('plans import sheets: a workbook made from the tiny sample, the CSV files of a folder, and shows a bad cell', async () => {
    const page = await open(browser, base, problems);
    const sheets = instanceSheets(tinyInstance(), 'sv');
    const workbook = join(dir, 'Tiny vecka 48.xlsx');
    await writeFile(workbook, await xlsxBuffer(sheets));
    const job = await planFile(page, workbook, { effort: '30' });
    expect(await page.locator('#timeline g.row').count()).toBeGreaterThan(1);
    expect(await page.locator('#status').textContent()).toContain(`Importerat: ${tinyInstance().clients.length} brukare`);
    const plan = (await svc.app.inject({ method: 'GET', url: `/v1/plans/${job}/plan` })).json<Plan>();
    expect(plan.instanceId).toBe(tinyInstance().id);
    await page.screenshot({ path: join(tmpdir(), 'slinga-board-sheets.png'), fullPage: true });

    // The CSV files of a folder, chosen together.
    const csv: string[] = [];
    for (const t of sheets) {
      csv.push(join(dir, `${t.name}.csv`));
      await writeFile(csv.at(-1)!, csvText(t));
    }
    const other = await open(browser, base, problems);
    const job2 = await planFile(other, csv, { effort: '30' });
    expect(job2).not.toBe(job);
    await other.close();

    // A workbook without the roster: the importer's problem, with its sheet, on the page.
    const bad = join(dir, 'utan-pass.xlsx');
    await writeFile(bad, await xlsxBuffer(sheets.filter((t) => t.name !== 'pass')));
    await page.setInputFiles('#instance-file', bad);
    await page.click('#plan-it');
    await until(page, `/SHEET_MISSING pass/.test(document.getElementById('status').textContent)`);
    expect(await page.locator('#status').getAttribute('class')).toBe('bad');
    await page.setInputFiles('#instance-file', [workbook, csv[0]!]);
    await page.click('#plan-it');
    expect(await page.locator('#status').textContent()).toContain('inte blandat');
    // The 400 of the bad workbook is the one console error the page may log (the browser reports failed requests).
    const left = problems.splice(0).filter((p) => !/status of 400/.test(p));
    expect(left).toEqual([]);
    await page.close();
  }, 240_000);

  it('knivsta: plans the municipality, drags visits (rule check and cost), locks one, replans, keeps the lock and shows the diff; times logged, not asserted', async () => {
    const page = await open(browser, base, problems);
    const job = await planFile(page, KNIVSTA, { strategy: 'baseline' });
    const ready = (await page.evaluate('window.__boardReadyMs')) as number;
    console.log(`knivsta: week interactive ${ready.toFixed(0)} ms after the plan arrived`);
    const drags: number[] = [];
    let last = { visitId: '', to: '' };
    for (let n = 0; n < 4; n++) {
      last = await dragToNextStaff(page, n);
      drags.push((await page.evaluate('window.__lastEvalMs')) as number);
      const parts = (await page.evaluate('window.__lastEvalParts')) as Record<string, number>;
      console.log(`knivsta: drag ${n + 1} evaluated and drawn in ${drags[n]!.toFixed(0)} ms (${Object.entries(parts).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')} ms)`);
    }
    const s = await state(page);
    expect(s.ev.moved.length).toBeGreaterThan(0);
    expect(s.ev.moved).toContain(last.visitId);
    const check = (await page.locator('#check-out').textContent())!;
    expect(check).toMatch(s.ev.valid ? /Inga regler bryts/ : /\d+ regelbrott \(\d+ nya/);
    expect(Object.keys(s.ev.delta.terms).length).toBeGreaterThan(0);
    console.log(`knivsta: week interactive ${ready.toFixed(0)} ms after the plan arrived (first evaluation builds the session); drags ${drags.map((d) => d.toFixed(0)).join(', ')} ms`);
    await page.screenshot({ path: join(tmpdir(), 'slinga-board-knivsta.png') });

    // Undo them all; then a drag the rules allow (a visit kept at its time may fall outside the other
    // staff member's shift), locked and replanned: the lock is kept and the diff shown.
    for (let k = (await page.evaluate('window.__boardState.undo.length')) as number; k > 0; k--) {
      await page.click('#undo');
      await until(page, `window.__boardState.undo.length === ${k - 1}`);
    }
    await until(page, 'window.__boardState.moves.length === 0 && window.__boardState.ev.moved.length === 0');
    for (let n = 0; ; n++) {
      expect(n).toBeLessThan(30);
      last = await dragToNextStaff(page, n);
      if ((await state(page)).ev.valid) break;
      await page.click('#undo');
      await until(page, 'window.__boardState.undo.length === 0');
      await until(page, 'window.__boardState.moves.length === 0 && window.__boardState.ev.moved.length === 0');
    }
    await page.click('#lock');
    expect(await page.locator('#pending').textContent()).toContain('låses');
    await page.click('#replan');
    await until(page, `document.documentElement.getAttribute('data-job') !== ${JSON.stringify(job)}`, 300_000);
    const replanned = (await page.getAttribute('html', 'data-job'))!;
    await page.waitForSelector('#changes-box #changes', { timeout: 120_000 });
    const plan = (await svc.app.inject({ method: 'GET', url: `/v1/plans/${replanned}/plan` })).json<Plan>();
    expect(plan.visits.find((v) => v.id === last.visitId)!.staff).toEqual([last.to]);
    expect(plan.locks?.some((l) => l.visitId === last.visitId && l.keep === 'all')).toBe(true);
    expect(await page.locator('#changes-box #changes').textContent()).toContain('Att meddela medarbetare');
    expect((await state(page)).ev.locked).toContain(last.visitId);
    await page.screenshot({ path: join(tmpdir(), 'slinga-board-knivsta-replanned.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 600_000);
});
