import { generateScenario } from '../../data/generator/index.js';
import { planBaseline } from '../../src/plan/baseline.js';
import type { Instance, InstanceInput } from '../../src/schema/instance.js';
import { Plan } from '../../src/schema/plan.js';
import { parseInstance } from '../../src/validate/index.js';
import { miniInstance } from '../fixtures/mini.js';

/** Parses an instance input and plans it with the baseline planner. */
export function planned(input: InstanceInput): { instance: Instance; plan: Plan } {
  const r = parseInstance(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { instance: r.instance, plan: Plan.parse(planBaseline(r.instance)) };
}

/** Hostile display texts: markup, quotes, CSV specials and a formula. */
export const HOSTILE = {
  staff: `<img src=x onerror="alert(1)">Åsa "Ö" O'Neil`,
  staff2: '=HYPERLINK("x"),Bo',
  client: '</script><script>alert(2)</script>',
  address: 'Storgatan 1, 741 30 "Knivsta"\nport 2',
  base: '<b>Kontoret</b>',
  team: 'Lag & <i>Norr</i>',
  description: 'SECRET-DIAGNOSIS-TEXT',
};

/**
 * The mini instance (spring DST week) with hostile names and addresses, a task description that
 * must never reach the report, and one extra unplanned item with a markup message.
 */
export function hostileMini(): { instance: Instance; plan: Plan } {
  const input = miniInstance();
  input.staff[0]!.name = HOSTILE.staff;
  input.staff[1]!.name = HOSTILE.staff2;
  input.clients[0]!.name = HOSTILE.client;
  input.clients[0]!.address = HOSTILE.address;
  input.clients[0]!.tasks[0]!.description = HOSTILE.description;
  input.bases[0]!.name = HOSTILE.base;
  input.teams[0]!.name = HOSTILE.team;
  const { instance, plan } = planned(input);
  plan.unplanned.push({
    clientId: 'c2',
    taskId: 'meal',
    from: '2026-03-29',
    to: '2026-03-29',
    count: 1,
    minutes: 15,
    reason: 'CAPACITY',
    message: 'Task meal of client c2 <b>not</b> planned.',
  });
  return { instance, plan };
}

/** A generated tiny instance (seed 7) and its baseline plan. */
export function tiny(): { instance: Instance; plan: Plan } {
  return planned(generateScenario({ profile: 'tiny', seed: 7 }));
}

/** The knivsta instance, seed 4242, 14 days, and its baseline plan (a few seconds). */
export function knivsta(): { instance: Instance; plan: Plan } {
  return planned(generateScenario({ profile: 'knivsta', seed: 4242 }));
}

/**
 * In-page check (a string: the tests compile without the DOM library): every visible HTML element
 * with its own text has WCAG contrast ≥ 4.5 (≥ 3 for large text) against its nearest opaque
 * background. Returns the failures.
 */
export const CONTRAST_CHECK = `(() => {
  const rgb = (s) => { const m = s.match(/[\\d.]+/g) || []; return { r: +m[0], g: +m[1], b: +m[2], a: m[3] === undefined ? 1 : +m[3] }; };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const bg = (el) => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.a > 0) return c; } return { r: 255, g: 255, b: 255, a: 1 }; };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el instanceof SVGElement) continue;
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    if (!el.getClientRects().length) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden') continue;
    const fg = rgb(cs.color), b = bg(el);
    const l1 = lum(fg), l2 = lum(b), ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const size = parseFloat(cs.fontSize), bold = +cs.fontWeight >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < need) out.push(el.tagName + ' ' + ratio.toFixed(2) + ' ' + el.textContent.trim().slice(0, 30));
  }
  return out.slice(0, 10);
})()`;
