/**
 * The HTML report planners read: one self-contained file (inline CSS and JS, no network), Swedish
 * by default. KPIs with plain-language explanations, a day map (SVG from coordinates) and
 * timelines per staff member, every client's week, every staff member's körlistor (printable),
 * and every unplanned item with its reason; filters by team, staff and day.
 *
 * Heavy views are rendered in the browser from data embedded once as JSON; summary tables (every
 * client, staff member and unplanned item) are rendered here. Shows only what the instance and
 * plan contain: ids, and names and addresses where the instance has them; never task descriptions.
 * @module
 */
import { isoWeekday } from '../calendar.js';
import { computeKpiReport, formatKpisText, periodClock } from '../kpi/index.js';
import type { Instance } from '../schema/instance.js';
import type { Plan } from '../schema/plan.js';
import type { ImportedMatrix } from '../travel/matrix.js';
import type { Followup } from '../followup/index.js';
import { buildReportData, jsonForScript, ReportDataBuilder, type ReportData } from './data.js';
import { renderFollowupSection } from './followup.js';
import { renderStaffingSection, staffingHeading } from './staffing.js';
import { texts, type ReportLang } from './i18n.js';
import { SCRIPT } from './script.js';
import { CHANGES_STYLE, STYLE } from './style.js';

export { texts, type ReportLang, type ReportTexts } from './i18n.js';
export { buildReportData, clockSegments, jsonForScript, ReportDataBuilder, staffColour, type ReportData } from './data.js';

/** Options of {@link renderReport}. */
export interface ReportOptions {
  /** Report language; default Swedish. */
  readonly lang?: ReportLang;
  /** The instance's imported travel matrix, if any. Accepted for symmetry with the planner; the report reads travel from the plan. */
  readonly matrix?: ImportedMatrix;
  /** A follow-up of performed visits (`slinga followup --report`): adds its section after the summary. */
  readonly followup?: Followup;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const e = escapeHtml;

/**
 * Renders the report of a plan as one self-contained HTML document (UTF-8). Deterministic: the
 * same instance and plan give the same bytes. KPIs come from {@link computeKpiReport}.
 */
export function renderReport(instance: Instance, plan: Plan, options: ReportOptions = {}): string {
  const lang: ReportLang = options.lang === 'en' ? 'en' : 'sv';
  const L = texts(lang);
  const clock = periodClock(instance);
  const { kpis, breakdown } = computeKpiReport(instance, plan);
  const dayLabel = (d: string): string => `${L.weekdays[isoWeekday(d)]} ${d}`;
  const data = buildReportData(instance, plan, clock, dayLabel);

  const nf1 = new Intl.NumberFormat(L.locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const nf2 = new Intl.NumberFormat(L.locale, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const nf0 = new Intl.NumberFormat(L.locale, { maximumFractionDigits: 0 });
  const pf = new Intl.NumberFormat(L.locale, { style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const num = (x: number | null): string => (x === null ? L.kpi.na : nf1.format(x));
  const ratio = (x: number | null): string => (x === null ? L.kpi.na : nf2.format(x));
  const pct = (x: number | null): string => (x === null ? L.kpi.na : pf.format(x));
  const mins = (m: number): string => `${nf0.format(m)} min (${nf1.format(m / 60)} h)`;

  const teamName = new Map(instance.teams.map((t) => [t.id, t.name ?? t.id]));
  const teamIdx = new Map(data.teams.map((t, i) => [t, i]));
  const staffLabel = new Map(instance.staff.map((s) => [s.id, s.name ? `${s.name} (${s.id})` : s.id]));
  const staffIdx = new Map(instance.staff.map((s, i) => [s.id, i]));
  const label = (name: string | undefined, id: string): string => (name ? `${e(name)} <span class="id">(${e(id)})</span>` : e(id));

  // KPI cards.
  const n = kpis.continuity.national;
  const all = kpis.continuity.all;
  const fid = kpis.grantedFidelity;
  const tol = instance.planning.grantedTolerance;
  const card = (title: string, value: string, explain: string, extra = ''): string =>
    `<div class="kpi"><h3>${e(title)}</h3><p class="v">${value}</p><p>${e(explain)}</p>${extra}</div>`;
  const byReason = Object.entries(kpis.unplanned.byReason)
    .map(([r, s]) => `<li>${e(L.reasons[r] ?? r)}: ${s.count} (${e(mins(s.minutes))})</li>`)
    .join('');
  const cards = [
    card(
      L.kpi.national,
      `${e(num(n.median))} <span class="s">${e(L.kpi.nationalValue(num(n.mean), num(n.median), n.eligibleClients, n.windowDays))}</span>`,
      L.kpi.nationalExplain,
      n.note ? `<p class="note">${e(n.note)}</p>` : '',
    ),
    card(L.kpi.all, `${e(num(all.median))} <span class="s">${e(L.kpi.allValue(num(all.mean), num(all.median), all.clients))}</span>`, L.kpi.allExplain),
    card(L.kpi.named, e(pct(kpis.namedContactShare)), L.kpi.namedExplain(pct(instance.continuity.namedContactShareTarget))),
    card(L.kpi.clientTime, e(pct(kpis.clientTimeShare)), L.kpi.clientTimeExplain),
    card(L.kpi.travel, e(pct(kpis.travelShare)), L.kpi.travelExplain(mins(kpis.travelMinutes), `${nf1.format(kpis.travelMetres / 1000)} km`)),
    card(
      L.kpi.fidelity,
      `${e(ratio(fid.median))} <span class="s">${e(L.kpi.fidelityValue(ratio(fid.min), ratio(fid.median), ratio(fid.max)))}</span>`,
      L.kpi.fidelityExplain(pct(fid.withinTolerance), nf2.format(tol.lower), nf2.format(tol.upper)),
    ),
    card(
      L.kpi.prefs,
      `<span class="s">${e(L.kpi.prefsValue(pct(kpis.preferences.timeShare), pct(kpis.preferences.staffShare), pct(kpis.preferences.dayShare)))}</span>`,
      L.kpi.prefsExplain,
    ),
    card(
      L.kpi.unplanned,
      `<span${kpis.unplanned.count > 0 ? ' class="bad"' : ''}>${e(L.kpi.unplannedValue(kpis.unplanned.count, mins(kpis.unplanned.minutes)))}</span>`,
      L.kpi.unplannedExplain,
      byReason ? `<ul>${byReason}</ul>` : '',
    ),
    card(L.kpi.other, `<span class="s">${e(L.kpi.otherValue(kpis.visits, mins(kpis.waitingMinutes), mins(kpis.overtimeMinutes)))}</span>`, L.kpi.otherExplain),
  ].join('');

  const th = (cols: readonly string[], numeric: ReadonlySet<number> = new Set()): string =>
    `<thead><tr>${cols.map((c, i) => `<th scope="col"${numeric.has(i) ? ' class="n"' : ''}>${e(c)}</th>`).join('')}</tr></thead>`;
  const td = (v: string | number): string => `<td class="n">${typeof v === 'number' ? e(nf0.format(v)) : e(v)}</td>`;

  const teamRows = breakdown.teams
    .map(
      (t) =>
        `<tr><td>${e(teamName.get(t.team) ?? t.team)}</td>${td(t.clients)}${td(t.staff)}${td(t.visits)}${td(t.crossTeamVisits)}${td(num(t.continuityNationalMean))}${td(pct(t.namedContactShare))}${td(pct(t.clientTimeShare))}${td(pct(t.travelShare))}${td(ratio(t.fidelity))}${td(t.unplannedCount)}</tr>`,
    )
    .join('');

  // Staff met per client, in first-visit order.
  const met = new Map<string, Set<string>>();
  for (const v of plan.visits) {
    let s = met.get(v.clientId);
    if (!s) met.set(v.clientId, (s = new Set()));
    for (const id of v.staff) s.add(id);
  }
  const clientRowById = new Map(breakdown.clients.map((r) => [r.clientId, r]));
  const clientRows = instance.clients
    .map((c, ci) => {
      const r = clientRowById.get(c.id)!;
      const staffMet = [...(met.get(c.id) ?? [])].map((id) => staffLabel.get(id) ?? id).join(', ');
      return `<tr data-c="${ci}"><th scope="row">${label(c.name, c.id)}</th><td>${e(teamName.get(c.team) ?? c.team)}</td>${td(r.visits)}<td>${e(staffMet)} <span class="id">(${r.distinctStaff})</span></td>${td(r.grantedMinutes)}${td(r.plannedMinutes)}${td(ratio(r.fidelity))}${td(pct(r.namedContactShare))}${td(pct(r.timePrefShare))}${td(pct(r.staffPrefShare))}${td(pct(r.dayPrefShare))}${td(r.unplannedCount)}<td><button type="button" class="wk" aria-expanded="false">${e(L.showWeek)}</button></td></tr>`;
    })
    .join('');

  const staffRowById = new Map(breakdown.staff.map((r) => [r.staffId, r]));
  const staffRows = instance.staff
    .map((s, si) => {
      const r = staffRowById.get(s.id);
      const z = (f: (x: NonNullable<typeof r>) => number): string => td(r ? f(r) : 0);
      return `<tr data-s="${si}"><th scope="row"><span class="sw" style="background:${data.staff[si]![3]}"></span>${label(s.name, s.id)}</th><td>${e(teamName.get(s.team) ?? s.team)}</td><td>${e(L.modes[s.travelMode] ?? s.travelMode)}</td>${z((x) => x.shifts)}${z((x) => x.visits)}${z((x) => x.distinctClients)}${td(mins(r?.clientMinutes ?? 0))}${td(mins(r?.travelMinutes ?? 0))}${td(mins(r?.waitingMinutes ?? 0))}${td(mins(r?.overtimeMinutes ?? 0))}${td(pct(r?.clientTimeShare ?? null))}<td><button type="button" data-staff="${si}">${e(L.showKorlista)}</button></td></tr>`;
    })
    .join('');

  const clients = new Map(instance.clients.map((c) => [c.id, c]));
  const dayIdx = (d: string): number => {
    const i = clock.dayIndex(d);
    if (i >= 0) return i;
    return d < clock.dates[0]! ? 0 : clock.days - 1;
  };
  const unplannedRows = plan.unplanned
    .map((u) => {
      const c = clients.get(u.clientId);
      const task = c?.tasks.find((t) => t.id === u.taskId);
      const team = c ? (teamIdx.get(c.team) ?? -1) : -1;
      const taskText = task ? `${u.taskId} (${L.categories[task.category] ?? task.category})` : u.taskId;
      return `<tr data-team="${team}" data-from="${dayIdx(u.from)}" data-to="${dayIdx(u.to)}"><th scope="row">${label(c?.name, u.clientId)}</th><td>${e(c ? (teamName.get(c.team) ?? c.team) : '')}</td><td>${e(taskText)}</td><td class="d">${e(u.from)}</td><td class="d">${e(u.to)}</td>${td(u.count)}${td(u.minutes)}<td>${e(L.reasons[u.reason] ?? u.reason)}</td><td>${e(L.reasonExplain[u.reason] ?? '')}</td><td class="note">${e(u.message)}</td></tr>`;
    })
    .join('');

  const changesSection = plan.changes ? renderChanges(plan, L, staffLabel, clients, clock) : '';

  const teamOptions = data.teams.map((t, i) => `<option value="${i}">${e(teamName.get(t) ?? t)}</option>`).join('');
  const staffOptions = instance.staff.map((s) => `<option value="${staffIdx.get(s.id)}">${e(staffLabel.get(s.id)!)}</option>`).join('');
  const dayOptions = data.days.map(([, lab], i) => `<option value="${i}">${e(lab)}</option>`).join('');

  const embedded = embed(data, L, lang, plan);
  const periodEnd = clock.dates[clock.days - 1]!;
  const title = `${L.title} — ${instance.id}`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="slinga ${e(plan.meta.version)}">
<title>${e(title)}</title>
<style>${STYLE}${plan.changes ? CHANGES_STYLE : ''}</style>
</head>
<body>
<a class="skip" href="#main">${e(L.skip)}</a>
<header>
<h1>${e(title)}</h1>
<p class="meta">${e(L.period(`${instance.period.start} – ${periodEnd}`, instance.period.days, instance.period.timeZone))}</p>
<p class="meta">${e(L.planMeta(plan.meta.solver, plan.meta.strategy, plan.meta.seed, plan.meta.version))}</p>
<nav aria-label="${e(L.title)}"><ul>${(['summary', 'day', 'clients', 'staff', 'korlistor', 'unplanned'] as const).map((k) => `<li><a href="#${k}">${e(L.nav[k])}</a></li>${k === 'summary' && plan.changes ? `<li><a href="#changes">${e(L.changes.heading)}</a></li>` : ''}${k === 'summary' && options.followup ? `<li><a href="#followup">${e(lang === 'sv' ? 'Uppföljning' : 'Follow-up')}</a></li>` : ''}${k === 'summary' ? `<li><a href="#staffing">${e(staffingHeading(lang))}</a></li>` : ''}`).join('')}</ul></nav>
</header>
<main id="main">
<fieldset id="filters"><legend>${e(L.filters.legend)}</legend>
<label>${e(L.filters.team)}<select id="f-team"><option value="">${e(L.filters.all)}</option>${teamOptions}</select></label>
<label>${e(L.filters.staff)}<select id="f-staff"><option value="">${e(L.filters.all)}</option>${staffOptions}</select></label>
<label>${e(L.filters.day)}<select id="f-day"><option value="">${e(L.filters.allDays)}</option>${dayOptions}</select></label>
<button type="button" id="f-reset">${e(L.filters.reset)}</button>
</fieldset>
<section id="summary" aria-labelledby="summary-h">
<h2 id="summary-h">${e(L.kpi.heading)}</h2>
<div class="kpis">${cards}</div>
<h3>${e(L.kpi.teams)}</h3>
<div class="wrap"><table>${th(L.teamCols, new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))}<tbody>${teamRows}</tbody></table></div>
<details><summary>${e(L.kpi.asText)}</summary><pre>${e(formatKpisText(kpis, lang))}</pre></details>
</section>
${changesSection}${options.followup ? renderFollowupSection(options.followup, lang, e) : ''}${renderStaffingSection(instance, plan, kpis, lang, e)}<section id="day" aria-labelledby="day-h">
<h2 id="day-h">${e(L.nav.day)}</h2>
<p id="day-msg" aria-live="polite"></p>
<div id="day-views">
<div id="mapbox"><svg id="map" role="img" aria-label="${e(L.js.map!)}"></svg><ul id="legend" aria-label="${e(L.filters.staff)}"></ul></div>
<h3>${e(L.js.timeline!)}</h3>
<div class="tlegend"><span><span class="sw vi"></span>${e(L.js.legendVisit!)}</span><span><span class="sw tr"></span>${e(L.js.travel!)}</span><span><span class="sw wt"></span>${e(L.js.wait!)}</span><span><span class="sw br"></span>${e(L.js.break!)}</span></div>
<svg id="timeline" role="img" aria-label="${e(L.js.timeline!)}"></svg>
</div>
</section>
<section id="clients" aria-labelledby="clients-h">
<h2 id="clients-h">${e(L.nav.clients)}</h2>
<p id="n-clients" aria-live="polite"></p>
<div class="wrap"><table>${th(L.clientCols, new Set([2, 4, 5, 6, 7, 8, 9, 10, 11]))}<tbody>${clientRows}</tbody></table></div>
</section>
<section id="staff" aria-labelledby="staff-h">
<h2 id="staff-h">${e(L.nav.staff)}</h2>
<p id="n-staff" aria-live="polite"></p>
<div class="wrap"><table>${th(L.staffCols, new Set([3, 4, 5, 6, 7, 8, 9, 10]))}<tbody>${staffRows}</tbody></table></div>
</section>
<section id="korlistor" aria-labelledby="korlistor-h">
<h2 id="korlistor-h" tabindex="-1">${e(L.nav.korlistor)}</h2>
<p class="noprint">${e(L.printHint)} <button type="button" id="print">${e(L.print)}</button></p>
<div id="kl-list"></div>
</section>
<section id="unplanned" aria-labelledby="unplanned-h">
<h2 id="unplanned-h">${e(L.nav.unplanned)}</h2>
${
  plan.unplanned.length === 0
    ? `<p>${e(L.noUnplanned)}</p>`
    : `<p id="n-unplanned" aria-live="polite"></p><div class="wrap"><table>${th(L.unplannedCols, new Set([5, 6]))}<tbody>${unplannedRows}</tbody></table></div>`
}
</section>
</main>
<script type="application/json" id="data">${jsonForScript(embedded)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** The embedded data with the texts the views need. */
function embed(data: ReportData, L: ReturnType<typeof texts>, lang: ReportLang, plan: Plan): ReportData & Record<string, unknown> {
  return {
    ...data,
    t: L.js,
    cat: L.categories,
    dec: lang === 'sv' ? ',' : '.',
    // Badge texts only for plans with changes: other reports embed exactly what they did before.
    ...(plan.changes ? { chgT: L.changes.kinds } : {}),
  };
}

/**
 * What the planner's board (src/web) draws with the report's own components: the data the map and
 * timelines are rendered from (with their texts), and the "Changes" section of a replanned plan.
 */
export function reportView(instance: Instance, plan: Plan, lang: ReportLang = 'sv'): { data: ReportData & Record<string, unknown>; changes?: string } {
  return new ReportViewer(instance).view(plan, lang);
}

/**
 * {@link reportView} for many plans of one instance (the board's drags): per language one
 * {@link ReportDataBuilder}, so a drag's view rebuilds only the rows of the visits and routes it
 * changed. The views share rows: read them, never change them.
 */
export class ReportViewer {
  private readonly clock: ReturnType<typeof periodClock>;
  private readonly builders = new Map<ReportLang, ReportDataBuilder>();

  constructor(readonly instance: Instance) {
    this.clock = periodClock(instance);
  }

  /** The view of a plan of the instance (see {@link reportView}). */
  view(plan: Plan, lang: ReportLang = 'sv'): { data: ReportData & Record<string, unknown>; changes?: string } {
    const L = texts(lang);
    const { instance, clock } = this;
    let builder = this.builders.get(lang);
    if (!builder) this.builders.set(lang, (builder = new ReportDataBuilder(instance, clock, (d) => `${L.weekdays[isoWeekday(d)]} ${d}`)));
    const data = builder.build(plan);
    if (!plan.changes) return { data: embed(data, L, lang, plan) };
    const staffLabel = new Map(instance.staff.map((s) => [s.id, s.name ? `${s.name} (${s.id})` : s.id]));
    const clients = new Map(instance.clients.map((c) => [c.id, c]));
    return { data: embed(data, L, lang, plan), changes: renderChanges(plan, L, staffLabel, clients, clock) };
  }
}

/**
 * The "Changes" section of a replanned plan: the counts, changed visits by reason, whom to tell
 * (per staff member; visits of this plan with day and time) and, folded, whom to call.
 */
function renderChanges(
  plan: Plan,
  L: ReturnType<typeof texts>,
  staffLabel: ReadonlyMap<string, string>,
  clients: ReadonlyMap<string, Instance['clients'][number]>,
  clock: ReturnType<typeof periodClock>,
): string {
  const d = plan.changes!;
  const v = d.visits;
  const byId = new Map(plan.visits.map((x) => [x.id, x]));
  // A visit of this plan with its weekday, date and start; removed visits exist only in the reference.
  const here = (id: string): string => {
    const x = byId.get(id);
    if (!x) return e(id);
    const m = clock.parseInstant(x.start);
    return `${e(id)} <span class="id">${e(`${L.weekdays[isoWeekday(x.date)]} ${x.date} ${clock.clockOf(m)}`)}</span>`;
  };
  const list = (ids: readonly string[], f: (id: string) => string): string => ids.map(f).join(', ');
  const tellRows = d.staff
    .map((s) => `<tr><th scope="row">${e(staffLabel.get(s.staffId) ?? s.staffId)}</th><td>${list(s.added, here)}</td><td>${list(s.removed, e)}</td><td>${list(s.retimed, here)}</td></tr>`)
    .join('');
  const callRows = d.clients
    .flatMap((c) => {
      const cl = clients.get(c.clientId);
      const who = cl?.name ? `${e(cl.name)} <span class="id">(${e(c.clientId)})</span>` : e(c.clientId);
      return c.changed.map(
        (ch) => `<tr><th scope="row">${who}</th><td>${e(ch.visitId)}</td><td><span class="badge">${e(L.changes.kinds[ch.what] ?? ch.what)}</span></td><td class="d">${e(ch.from ?? '—')}</td><td class="d">${e(ch.to ?? '—')}</td></tr>`,
      );
    })
    .join('');
  const reasons = d.byReason ? Object.entries(d.byReason).map(([r, n]) => `<li>${e(r)}: ${n}</li>`).join('') : '';
  const cols = (c: readonly string[]): string => `<thead><tr>${c.map((x) => `<th scope="col">${e(x)}</th>`).join('')}</tr></thead>`;
  return `<section id="changes" aria-labelledby="changes-h">
<h2 id="changes-h">${e(L.changes.heading)}</h2>
<p>${e(L.changes.intro)}</p>
<ul class="counts"><li>${e(L.changes.counts(v.unchanged, v.restaffed, v.retimed, v.movedDay, v.added, v.removed))}</li></ul>
${reasons ? `<h3>${e(L.changes.byReason)}</h3><ul class="counts">${reasons}</ul>` : ''}
<h3>${e(L.changes.tell)}</h3>
${d.staff.length === 0 ? `<p>${e(L.changes.nobody)}</p>` : `<div class="wrap"><table class="tell">${cols(L.changes.tellCols)}<tbody>${tellRows}</tbody></table></div>`}
${d.clients.length === 0 ? '' : `<details><summary>${e(L.changes.call)}</summary><div class="wrap"><table class="call">${cols(L.changes.callCols)}<tbody>${callRows}</tbody></table></div></details>`}
</section>
`;
}
