/**
 * The report's "Staffing and money" section: per team an inline SVG of staff needed by the plan
 * against staff on shift (and on the whole roster, optional shifts included) over the period, the
 * shifts released, and — with an `economics` block — revenue, cost and result per team and week.
 * Offline: plain inline SVG, no script, no external resource.
 * @module
 */
import type { Instance } from '../schema/instance.js';
import type { Kpis, Plan } from '../schema/plan.js';
import { staffingCurves, type StaffingCurves, type TeamCurves } from '../staffing/curve.js';
import type { ReportLang } from './i18n.js';

const TEXT = {
  sv: {
    heading: 'Bemanning och ekonomi',
    curves: 'Personal som behövs (besök, dubbelbemanning, restid) mot personal i tjänst, per 15 minuter',
    needed: 'behövs enligt planen',
    onShift: 'i tjänst',
    rostered: 'på schemat inkl. valfria pass',
    shifts: (used: number, optional: number, released: number, h: string) => `${used} pass används; ${released} av ${optional} valfria pass släpps (${h} betald tid sparas).`,
    money: 'Intäkt, kostnad och resultat per team och vecka (SEK)',
    cols: ['Team', 'Vecka', 'Intäkt', 'Kostnad', 'Resultat'],
    total: 'Totalt',
    saved: (x: string) => `De släppta passen hade kostat ${x} SEK.`,
  },
  en: {
    heading: 'Staffing and money',
    curves: 'Staff needed (visits, double staffing, travel) against staff on shift, per 15 minutes',
    needed: 'needed by the plan',
    onShift: 'on shift',
    rostered: 'on the roster incl. optional shifts',
    shifts: (used: number, optional: number, released: number, h: string) => `${used} shifts used; ${released} of ${optional} optional shifts released (${h} paid time saved).`,
    money: 'Revenue, cost and result per team and week (SEK)',
    cols: ['Team', 'Week', 'Revenue', 'Cost', 'Result'],
    total: 'Total',
    saved: (x: string) => `The released shifts would have cost ${x} SEK.`,
  },
} as const;

const W = 960;
const H = 120;

/** One team's curves as an inline SVG: needed as a filled area, on shift and rostered as lines, a tick per day. */
export function curveSvg(c: StaffingCurves, t: TeamCurves, title: string): string {
  const n = c.clock.days * (1440 / c.interval);
  let max = 1;
  for (let i = 0; i < n; i++) max = Math.max(max, t.needed[i]!, t.onShift[i]!, t.rostered[i]!);
  const x = (i: number): string => ((i * W) / n).toFixed(1);
  const y = (v: number): string => (H - (v * (H - 10)) / max).toFixed(1);
  const line = (a: Float64Array): string => Array.from({ length: n }, (_, i) => `${x(i)},${y(a[i]!)}`).join(' ');
  const area = `0,${H} ${line(t.needed)} ${x(n - 1)},${H}`;
  const ticks = c.clock.dates.map((_, d) => `<line x1="${x((d * 1440) / c.interval)}" y1="0" x2="${x((d * 1440) / c.interval)}" y2="${H}" stroke="#ccc" stroke-width="0.5"/>`).join('');
  return `<svg viewBox="0 0 ${W} ${H + 2}" width="100%" role="img" aria-label="${title}">${ticks}<polygon points="${area}" fill="#9cc3e6" stroke="none"/><polyline points="${line(t.rostered)}" fill="none" stroke="#6b6b6b" stroke-dasharray="3 2" stroke-width="1"/><polyline points="${line(t.onShift)}" fill="none" stroke="#b03a2e" stroke-width="1.2"/><text x="2" y="10" font-size="10">${max.toFixed(0)}</text></svg>`;
}

/** The section's HTML (escaping with `e`). */
export function renderStaffingSection(instance: Instance, plan: Plan, kpis: Kpis, lang: ReportLang, e: (s: string | number) => string): string {
  const L = TEXT[lang];
  const curves = staffingCurves(instance, plan, 15, { estimate: false });
  const nf = new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 0 });
  const teamName = new Map(instance.teams.map((t) => [t.id, t.name ?? t.id]));
  const legend = `<p class="note"><span style="background:#9cc3e6">&#160;&#160;&#160;</span> ${e(L.needed)} · <span style="color:#b03a2e">━</span> ${e(L.onShift)} · <span style="color:#6b6b6b">┄</span> ${e(L.rostered)}</p>`;
  const charts = curves.teams.map((t) => `<h4>${e(teamName.get(t.team) ?? t.team)}</h4>${curveSvg(curves, t, e(`${teamName.get(t.team) ?? t.team}: ${L.curves}`))}`).join('');
  const s = kpis.shifts;
  const shifts = s ? `<p>${e(L.shifts(s.used, s.optional, s.optionalReleased, `${nf.format(s.releasedPaidMinutes / 60)} h`))}</p>` : '';
  let money = '';
  const m = kpis.economics;
  if (m) {
    const row = (cells: (string | number)[]): string => `<tr>${cells.map((c, i) => (i < 2 ? `<td>${e(c)}</td>` : `<td class="n">${e(typeof c === 'number' ? nf.format(c) : c)}</td>`)).join('')}</tr>`;
    const rows = m.perTeam.flatMap((t) => t.weeks.map((w) => row([teamName.get(t.team) ?? t.team, w.week, w.revenueSek, w.costSek, w.resultSek])));
    rows.push(row([L.total, '', m.revenueSek, m.costSek, m.resultSek]));
    money = `<h3>${e(L.money)}</h3><div class="wrap"><table><thead><tr>${L.cols.map((c) => `<th scope="col">${e(c)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div><p>${e(L.saved(nf.format(m.releasedShiftsSek ?? 0)))}</p>`;
  }
  return `<section id="staffing" aria-labelledby="staffing-h">
<h2 id="staffing-h">${e(L.heading)}</h2>
${shifts}${money}<h3>${e(L.curves)}</h3>${legend}${charts}
</section>
`;
}

/** The section's heading (for the report's navigation). */
export function staffingHeading(lang: ReportLang): string {
  return TEXT[lang].heading;
}
