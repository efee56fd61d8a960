import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { diffPlans } from '../../src/plan/diff.js';
import { renderReport, type ReportData } from '../../src/report/index.js';
import type { Plan } from '../../src/schema/plan.js';
import { miniInstance } from '../fixtures/mini.js';
import { planned } from './fixtures.js';

type Embedded = ReportData & { chgT?: Record<string, string> };

function embedded(html: string): Embedded {
  const m = /<script type="application\/json" id="data">([^]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no embedded data');
  return JSON.parse(m[1]!) as Embedded;
}

/**
 * The mini plan replanned against an older version of itself: in the reference v2 had s2 and v3
 * started 30 min earlier, and v7 did not exist. So v2 is restaffed, v3 retimed, v7 added.
 */
function replanned(): ReturnType<typeof planned> {
  const { instance, plan } = planned(miniInstance());
  const ref: Plan = structuredClone(plan);
  ref.visits.find((v) => v.id === 'v2')!.staff = ['s2'];
  Object.assign(ref.visits.find((v) => v.id === 'v3')!, { start: '2026-03-23T11:15:00+01:00', end: '2026-03-23T11:30:00+01:00' });
  ref.visits = ref.visits.filter((v) => v.id !== 'v7');
  return { instance, plan: { ...plan, changes: diffPlans(ref, plan) } };
}

/**
 * Runs the report's inline script against a minimal stand-in DOM (the browser test needs
 * Chromium): returns the markup it writes into elements, by id, and the week of client 0.
 */
function runScript(html: string): { inner: Map<string, string>; week: () => string } {
  const json = /<script type="application\/json" id="data">([^]*?)<\/script>/.exec(html)![1]!;
  const script = /<script>([^]*?)<\/script>/.exec(html)![1]!;
  const handlers = new Map<string, (ev: unknown) => void>();
  const els = new Map<string, Record<string, unknown>>();
  const el = (id: string): Record<string, unknown> => {
    let x = els.get(id);
    if (!x) {
      x = {
        innerHTML: '',
        textContent: id === 'data' ? json : '',
        value: '',
        options: [],
        hidden: false,
        setAttribute: () => {},
        removeAttribute: () => {},
        addEventListener: (_: string, f: (ev: unknown) => void) => handlers.set(id, f),
      };
      els.set(id, x);
    }
    return x;
  };
  const document = {
    getElementById: el,
    querySelectorAll: () => [],
    createElement: () => ({ innerHTML: '' }),
    documentElement: { setAttribute: () => {} },
  };
  runInNewContext(script, { document, performance: { now: () => 0 }, window: {} });
  const week = (): string => {
    let inserted: { innerHTML: string } | undefined;
    const tr = { getAttribute: () => '0', children: { length: 13 }, nextElementSibling: null, parentNode: { insertBefore: (d: { innerHTML: string }) => (inserted = d) } };
    const btn = { closest: () => tr, getAttribute: () => 'false', setAttribute: () => {} };
    handlers.get('clients')!({ target: { closest: () => btn } });
    return inserted!.innerHTML;
  };
  return { inner: new Map([...els].map(([id, x]) => [id, String(x.innerHTML)])), week };
}

describe('report of a plan with changes', () => {
  it('a plan without changes embeds no change data and has no changes section or badge styles', () => {
    const { instance, plan } = planned(miniInstance());
    const html = renderReport(instance, plan);
    expect(html).not.toContain('id="changes"');
    expect(html).not.toContain('.badge{');
    const data = embedded(html);
    expect(data).not.toHaveProperty('chg');
    expect(data).not.toHaveProperty('chgT');
    const { inner } = runScript(html);
    expect(inner.get('kl-list')).not.toContain('chg');
    expect(inner.get('timeline')).not.toContain('chg');
  });

  it('shows a Changes section with the counts and whom to tell', () => {
    const { instance, plan } = replanned();
    const html = renderReport(instance, plan);
    expect(html).toContain('<li><a href="#summary">Nyckeltal</a></li><li><a href="#changes">Ändringar</a></li>');
    expect(html).toContain('<section id="changes" aria-labelledby="changes-h">');
    expect(html).toContain('5 oförändrade, 1 med ny personal, 1 med ny tid (mer än 15 min), 0 flyttade till annan dag, 1 nya, 0 borttagna besök');
    const tell = /<table class="tell">([^]*?)<\/table>/.exec(html)![1]!;
    const rows = [...tell.matchAll(/<tr><th scope="row">(.*?)<\/th>(.*?)<\/tr>/g)].map((m) => [m[1], m[2]]);
    expect(rows.map((r) => r[0])).toEqual(['s1', 's2']);
    // s1 gains v2 (Monday 08:30), keeps v3 at a new time and gains the new v7; s2 loses v2.
    expect(rows[0]![1]).toBe(
      '<td>v2 <span class="id">mån 2026-03-23 08:30</span>, v7 <span class="id">sön 2026-03-29 12:05</span></td><td></td><td>v3 <span class="id">mån 2026-03-23 11:45</span></td>',
    );
    expect(rows[1]![1]).toBe('<td></td><td>v2</td><td></td>');
    expect(html).toContain('<td><span class="badge">ny tid</span></td>');
    const en = renderReport(instance, plan, { lang: 'en' });
    expect(en).toContain('5 unchanged, 1 restaffed, 1 retimed (more than 15 min), 0 moved to another day, 1 added, 0 removed visits');
    expect(embedded(en).chgT).toMatchObject({ restaffed: 'new staff', retimed: 'new time', added: 'new visit' });
  });

  it('marks changed visits with a class and a text badge in timelines, route sheets and client weeks', () => {
    const { instance, plan } = replanned();
    const html = renderReport(instance, plan);
    const data = embedded(html);
    const idx = (id: string): number => plan.visits.findIndex((v) => v.id === id);
    expect(data.chg).toEqual([
      [idx('v2'), ['restaffed']],
      [idx('v3'), ['retimed']],
      [idx('v7'), ['added']],
    ]);
    const { inner, week } = runScript(html);
    // Day 0 (Monday) is shown first: v2 and v3 are changed; v1 is not.
    const sheets = inner.get('kl-list')!;
    expect(sheets.match(/<tr class="chg">/g)).toHaveLength(2);
    expect(sheets).toContain('08:30\u201309:10 <span class="badge">ny personal</span>');
    expect(sheets).toContain('11:45\u201311:55 <span class="badge">ny tid</span>');
    expect(inner.get('timeline')!.match(/class="vi chg"/g)).toHaveLength(2);
    expect(inner.get('timeline')).toContain('<title>[ny tid] 11:45');
    // Client c1's week: v2 and v3 marked, its other visits not.
    const w = week();
    expect(w.match(/<li class="chg">/g)).toHaveLength(2);
    expect(w).toContain('<span class="badge">ny personal</span>');
  });
});
