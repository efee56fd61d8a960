/**
 * The board's drag on a municipality (`npm run bench:board -- [--drags n] [--seed n]`): plans the
 * knivsta sample with `baseline` (the plan is cached in the OS temp directory), opens a board
 * session on it and evaluates random single drags — a visit given to another staff member working
 * that day, half of them also moved by up to an hour — as `POST /v1/plans/{id}/evaluate` does. Prints
 * per phase the median, p90 and max over the drags: the session's evaluation (routes rewritten,
 * checked, priced), the view the answer carries (as changes against the plan's own view, as the
 * board asks for it), and its JSON; then the full checker on the same
 * moved plans for comparison, and whether the session's verdict equalled the full check every time.
 *
 * With `--browser` it also serves the board (`slinga serve`'s app, compiled code, on a loopback
 * port), plans knivsta `baseline` through the page in headless Chromium (/usr/bin/chromium through
 * playwright-core) and drags visits of the first day to the next staff member's row: per drag the
 * time from the drop to the check and cost shown, split as the page measures it (server phases
 * from the answer's Server-Timing, waiting for the answer, reading it, drawing).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { checkPlan } from '../src/check/index.js';
import { openService } from '../src/service/index.js';
import { planWeek } from '../src/plan/index.js';
import { reportView } from '../src/report/index.js';
import { Plan } from '../src/schema/plan.js';
import { parseInstance } from '../src/validate/index.js';
import { BoardSession, viewChanges } from '../src/web/index.js';
import type { Move } from '../src/web/schemas.js';

const arg = (k: string, d: string): string => {
  const i = process.argv.indexOf(k);
  return i >= 0 ? process.argv[i + 1]! : d;
};
const drags = Number(arg('--drags', '40'));
let rng = Number(arg('--seed', '7')) >>> 0;
/** mulberry32: the benchmark's own reproducible draws. */
function rand(): number {
  rng = (rng + 0x6d2b79f5) >>> 0;
  let t = rng;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const parsed = parseInstance(JSON.parse(readFileSync('data/samples/knivsta-4242.json', 'utf8')));
if (!parsed.ok) throw new Error('knivsta sample invalid');
const instance = parsed.instance;
const cache = join(tmpdir(), `slinga-bench-board-${instance.id}.json`);
const plan = existsSync(cache) ? Plan.parse(JSON.parse(readFileSync(cache, 'utf8'))) : await planWeek(instance, { strategy: 'baseline', seed: 1 });
if (!existsSync(cache)) writeFileSync(cache, JSON.stringify(plan));

let t0 = performance.now();
const session = new BoardSession(instance, plan);
console.log(`knivsta: ${plan.visits.length} visits, ${plan.routes.length} routes; session built in ${(performance.now() - t0).toFixed(0)} ms`);

const working = new Map<string, string[]>();
for (const s of instance.staff) for (const sh of s.shifts) (working.get(sh.date) ?? working.set(sh.date, []).get(sh.date)!).push(s.id);
const moves: Move[] = [];
while (moves.length < drags) {
  const v = plan.visits[Math.floor(rand() * plan.visits.length)]!;
  if (v.staff.length !== 1) continue;
  const others = (working.get(v.date) ?? []).filter((s) => s !== v.staff[0]);
  if (others.length === 0) continue;
  const m: Move = { visitId: v.id, staff: [others[Math.floor(rand() * others.length)]!] };
  if (rand() < 0.5) {
    const start = v.start.slice(11, 16);
    const minute = Math.max(0, Math.min(23 * 60 + 55, Number(start.slice(0, 2)) * 60 + Number(start.slice(3, 5)) + Math.round((rand() * 120 - 60) / 5) * 5));
    m.start = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  }
  moves.push(m);
}

const sorted = (vs: readonly object[]): string => JSON.stringify(vs.map((v) => JSON.stringify(v)).sort());
const times: Record<string, number[]> = { evaluate: [], view: [], json: [], 'full check': [] };
let same = 0;
let sameView = 0;
const bytes = { changes: [] as number[], whole: [] as number[] };
for (const m of moves) {
  t0 = performance.now();
  const ev = session.evaluate([m]);
  times.evaluate!.push(performance.now() - t0);
  t0 = performance.now();
  const view = session.view(ev.plan, 'sv');
  const changes = viewChanges(session.baseView('sv').data, view.data);
  times.view!.push(performance.now() - t0);
  // The session's view (rows kept per visit and route) must be the one a fresh reportView builds.
  if (JSON.stringify(view.data) === JSON.stringify(reportView(instance, ev.plan, 'sv').data)) sameView++;
  t0 = performance.now();
  // What the board's answer carries: the view's changes against the plan's own view (the whole view without them).
  const body = JSON.stringify({ violations: ev.check.violations, terms: ev.terms, ...(changes ? { viewChanges: changes } : { view: view.data }) });
  times.json!.push(performance.now() - t0);
  bytes.changes.push(body.length);
  bytes.whole.push(JSON.stringify({ violations: ev.check.violations, terms: ev.terms, view: view.data }).length);
  t0 = performance.now();
  const full = checkPlan(instance, ev.plan);
  times['full check']!.push(performance.now() - t0);
  // The incremental checker's violations are the full check's as a multiset (order within a rule may differ).
  if (full.valid === ev.check.valid && sorted(full.violations) === sorted(ev.check.violations)) same++;
}
const q = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
// --drags 0 with --browser: the page's drags on a server whose code has not run a drag yet (cold).
if (drags > 0) report();
/** Per phase the median, p90 and max over the drags, and the equality counts. */
function report(): void {
  for (const [k, xs] of Object.entries(times)) console.log(`${k.padEnd(11)} median ${q(xs, 0.5).toFixed(1)} ms, p90 ${q(xs, 0.9).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`);
  const server = times.evaluate!.map((x, i) => x + times.view![i]! + times.json![i]!);
  console.log(`server side of a drag (evaluate + view + JSON): median ${q(server, 0.5).toFixed(1)} ms, p90 ${q(server, 0.9).toFixed(1)} ms`);
  console.log(`answer: median ${(q(bytes.changes, 0.5) / 1000).toFixed(0)} kB with the view's changes, ${(q(bytes.whole, 0.5) / 1000).toFixed(0)} kB with the whole view`);
  console.log(`session verdict equal to the full check: ${same} of ${moves.length} drags; view equal to a fresh reportView: ${sameView} of ${moves.length}`);
}

if (process.argv.includes('--browser')) await browserDrags(Number(arg('--browser-drags', '8')));

/** The drags through the page (see the module). */
async function browserDrags(n: number): Promise<void> {
  const svc = await openService({ data: ':memory:', workers: 2 });
  const base = (await svc.app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${base}/`);
    await page.setInputFiles('#instance-file', 'data/samples/knivsta-4242.json');
    await page.selectOption('#strategy', 'baseline');
    await page.click('#plan-it');
    await page.waitForSelector('html[data-job]', { timeout: 600_000 });
    console.log(`browser: week interactive ${((await page.evaluate('window.__boardReadyMs')) as number).toFixed(0)} ms after the plan arrived`);
    const rows = page.locator('#timeline g.row');
    const totals: number[] = [];
    for (let k = 0; k < n; k++) {
      const before = (await page.evaluate('window.__boardState.evals')) as number;
      const rect = rows.nth(k).locator('rect.vi').first();
      const box = (await rect.boundingBox())!;
      const target = (await rows.nth(k + 1).locator('rect.sh').first().boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2, target.y + target.height / 2, { steps: 6 });
      await page.mouse.up();
      for (let t = 0; (await page.evaluate('window.__boardState.evals')) === before; t++) {
        if (t > 600) throw new Error('no evaluation after a drag');
        await new Promise((r) => setTimeout(r, 50));
      }
      const ms = (await page.evaluate('window.__lastEvalMs')) as number;
      const parts = (await page.evaluate('window.__lastEvalParts')) as Record<string, number>;
      totals.push(ms);
      console.log(`browser: drag ${k + 1} shown in ${ms.toFixed(0)} ms (${Object.entries(parts).map(([p, v]) => `${p} ${v.toFixed(0)}`).join(', ')})`);
    }
    console.log(`browser: drags median ${q(totals, 0.5).toFixed(0)} ms, max ${Math.max(...totals).toFixed(0)} ms`);
  } finally {
    await browser.close();
    await svc.close();
  }
}
