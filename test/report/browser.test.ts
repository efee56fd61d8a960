/**
 * End-to-end: the knivsta report in headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core; no browser download, no network). Checks that the map and the timelines
 * render, that the staff and team filters work, measures time to interactive and saves a
 * screenshot to the OS temp directory. Without Chromium the test fails on CI and is skipped locally.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport, type ReportData } from '../../src/report/index.js';
import type { Plan } from '../../src/schema/plan.js';
import { CONTRAST_CHECK, HOSTILE, hostileMini, knivsta } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const hasChromium = existsSync(CHROMIUM);

const onCi = Boolean(process.env.CI);

describe.skipIf(!hasChromium && !onCi)('report in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  let data: ReportData;
  let readyMs: number;
  let scriptMs: number;
  let plan: Plan;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) {
      throw new Error(`${CHROMIUM} is missing: install the Debian package "chromium" (CI installs it in .ci/run) to run the report's browser test`);
    }
    const k = knivsta();
    const instance = k.instance;
    plan = k.plan;
    const html = renderReport(instance, plan);
    data = JSON.parse(/<script type="application\/json" id="data">([^]*?)<\/script>/.exec(html)![1]!) as ReportData;
    dir = await mkdtemp(join(tmpdir(), 'slinga-report-'));
    const file = join(dir, 'report.html');
    await writeFile(file, html);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`network request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="1"]', { timeout: 10_000 });
    readyMs = (await page.evaluate('window.__reportReadyMs')) as number;
    scriptMs = (await page.evaluate('window.__reportScriptMs')) as number;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const count = (sel: string): Promise<number> => page.locator(sel).count();
  const day0 = (): ReportData['routes'] => data.routes.filter((r) => r[1] === 0);

  it('is interactive within 2 s of navigation, with no errors and no network', () => {
    console.log(`knivsta report interactive ${readyMs.toFixed(0)} ms after navigation start (inline script ${scriptMs.toFixed(0)} ms)`);
    expect(readyMs).toBeLessThan(2000);
    expect(problems).toEqual([]);
  });

  it('draws the day map and the timelines of the first day', async () => {
    const routes = day0();
    expect(routes.length).toBeGreaterThan(0);
    expect(await count('#map polyline')).toBe(routes.length);
    expect(await count('#map rect.bs')).toBeGreaterThan(0);
    expect(await count('#map circle.cl')).toBeGreaterThan(0);
    const box = await page.locator('#map').boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(box!.height).toBeGreaterThan(100);
    // String expressions: the tests compile without the DOM library.
    const extent = (await page.evaluate("(() => { const b = document.querySelector('#map polyline').getBBox(); return b.width + b.height; })()")) as number;
    expect(extent).toBeGreaterThan(0);
    expect(await count('#timeline g.row')).toBe(routes.length);
    const visitEvents = routes.reduce((n, r) => n + r[6].filter((x, k) => k % 5 === 0 && x === 2).length, 0);
    expect(await count('#timeline rect.vi')).toBe(visitEvents);
    expect(await count('#timeline rect.tr')).toBeGreaterThan(0);
    expect(await count('#kl-list .korlista')).toBe(routes.length);
    const title = await page.locator('#map polyline title').first().textContent();
    expect(title).toMatch(/\d\d:\d\d/);
  });

  it('filters by staff: one route on the map, one timeline, only that körlista and the clients met', async () => {
    const route = day0()[0]!;
    const staff = route[0];
    await page.selectOption('#f-staff', String(staff));
    expect(await count('#map polyline')).toBe(1);
    expect(await page.locator('#map polyline').getAttribute('data-s')).toBe(String(staff));
    expect(await count('#timeline g.row')).toBe(day0().filter((r) => r[0] === staff).length);
    const sheets = await page.locator('#kl-list .korlista').evaluateAll((els) => els.map((e) => e.getAttribute('data-s')));
    expect(sheets.length).toBeGreaterThan(0);
    expect(new Set(sheets)).toEqual(new Set([String(staff)]));
    const met = new Set(data.visits.filter((v) => v[4].includes(staff)).map((v) => v[0]));
    expect(await count('#clients tbody tr[data-c]:visible')).toBe(met.size);
    expect(await count('#staff tbody tr[data-s]:visible')).toBe(1);
    await page.locator('#day-h').evaluate((e) => e.scrollIntoView());
    const shot = join(tmpdir(), 'slinga-report-staff-filter.png');
    await page.screenshot({ path: shot });
    console.log(`screenshot: ${shot}`);
  });

  it('filters by team and day with the keyboard', async () => {
    await page.click('#f-reset');
    expect(await count('#map polyline')).toBe(day0().length);
    await page.selectOption('#f-team', '0');
    const teamStaff = new Set(data.staff.flatMap((s, i) => (s[2] === 0 ? [String(i)] : [])));
    const shown = await page.locator('#map polyline').evaluateAll((els) => els.map((e) => e.getAttribute('data-s')!));
    expect(shown.length).toBe(day0().filter((r) => data.staff[r[0]]![2] === 0).length);
    for (const s of shown) expect(teamStaff.has(s)).toBe(true);
    await page.click('#f-reset');
    await page.focus('#f-day');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#f-day').inputValue()).toBe('1');
    expect(await count('#map polyline')).toBe(data.routes.filter((r) => r[1] === 1).length);
    const outline = (await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')) as string;
    expect(outline).not.toBe('none');
    await page.locator('#day-h').evaluate((e) => e.scrollIntoView());
    await page.screenshot({ path: join(tmpdir(), 'slinga-report.png') });
  });

  it('filters unplanned items by day', async () => {
    await page.click('#f-reset');
    if (plan.unplanned.length === 0) {
      expect(await count('#unplanned tbody tr')).toBe(0);
      return;
    }
    for (const [i, [day]] of data.days.entries()) {
      await page.selectOption('#f-day', String(i));
      const expected = plan.unplanned.filter((u) => u.from <= day && day <= u.to).length;
      expect(await count('#unplanned tbody tr:visible'), day).toBe(expected);
    }
    await page.selectOption('#f-day', '');
    expect(await count('#unplanned tbody tr:visible')).toBe(plan.unplanned.length);
    expect(await page.locator('#day-views').isVisible()).toBe(false);
    await page.click('#f-reset');
  });

  it('prints only the körlistor', async () => {
    const staff = day0()[0]![0];
    await page.selectOption('#f-staff', String(staff));
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['#summary', '#day', '#clients', '#staff', '#unplanned', '#filters', 'header nav']) {
      expect(await page.locator(hidden).isVisible(), hidden).toBe(false);
    }
    expect(await page.locator('.korlista').first().isVisible()).toBe(true);
    const breakAfter = (await page.evaluate("getComputedStyle(document.querySelector('.korlista')).breakAfter")) as string;
    expect(breakAfter).toBe('page');
    await page.screenshot({ path: join(tmpdir(), 'slinga-report-print.png') });
    await page.emulateMedia({ media: 'screen' });
    await page.click('#f-reset');
  });

  it('has AA contrast for every visible text (screen)', async () => {
    await page.locator('#clients tbody tr[data-c] button.wk').nth(1).click();
    const failures = (await page.evaluate(CONTRAST_CHECK)) as string[];
    expect(failures).toEqual([]);
    await page.locator('#clients tbody tr[data-c] button.wk').nth(1).click();
  });

  it('opens a client week with a button', async () => {
    const button = page.locator('#clients tbody tr[data-c] button.wk').first();
    await button.focus();
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await count('#clients tr.det .week > div')).toBe(data.days.length);
    expect(problems).toEqual([]);
  });

  it('renders hostile names as text in every client-side view (DST week, English)', async () => {
    const { instance, plan: mini } = hostileMini();
    const p = await browser.newPage();
    const dialogs: string[] = [];
    p.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    p.on('pageerror', (e) => problems.push(`page error (mini): ${e.message}`));
    await p.setContent(renderReport(instance, mini, { lang: 'en' }), { waitUntil: 'load' });
    await p.waitForSelector('html[data-ready="1"]');
    await p.selectOption('#f-day', '');
    await p.locator('#clients button.wk').first().click();
    await p.selectOption('#f-day', '6'); // Sunday 2026-03-29, after the switch to summer time
    expect(await p.locator('img, i, b:not(.week b), script:not(#data):not(:last-of-type)').count()).toBe(0);
    expect(dialogs).toEqual([]);
    const sheet = (await p.locator('#kl-list').textContent())!;
    expect(sheet).toContain(HOSTILE.client);
    // Local times after the spring switch: the clock in each +02:00 instant.
    for (const v of mini.visits.filter((x) => x.date === '2026-03-29')) expect(sheet).toContain(`${v.start.slice(11, 16)}\u2013${v.end.slice(11, 16)}`);
    expect(await p.locator('#clients tr.det').textContent()).toContain(HOSTILE.staff);
    const titles = await p.locator('#map title, #timeline title').allTextContents();
    expect(titles.join('\n')).toContain(HOSTILE.client);
    expect(problems).toEqual([]);
    await p.close();
  });
});
