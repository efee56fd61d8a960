/**
 * The "Follow-up" section of the HTML report: granted vs planned vs performed per team and client,
 * visits missed, late or by staff not planned, and continuity on performed visits. Ids only.
 * @module
 */
import type { Followup, FollowupCounts } from '../followup/index.js';
import type { ReportLang } from './i18n.js';

const T = {
  sv: {
    heading: 'Uppföljning: beviljat, planerat, utfört',
    intro: (tol: number) => `Utförda besök enligt tidregistreringen jämförda med planen och den beviljade tiden (personalminuter, HSL ej medräknad). Sen = mer än ${tol} minuter efter planerad start (fast tid: insatsens tolerans).`,
    continuity: (p: string, q: string, n: number) => `Personalkontinuitet (nationellt mått, median): planerat ${p}, utfört ${q} (${n} brukare med i måttet).`,
    cols: ['', 'Beviljat (min)', 'Planerat (min)', 'Utfört (min)', 'Utfört av beviljat', 'Planerade besök', 'Missade', 'Sena', 'Annan personal', 'Utanför planen'],
    team: 'Arbetsgrupp',
    client: 'Brukare',
    all: 'Alla',
    clients: 'Per brukare',
  },
  en: {
    heading: 'Follow-up: granted, planned, performed',
    intro: (tol: number) => `Performed visits as recorded by time capture against the plan and the granted time (staff-minutes, HSL excluded). Late = more than ${tol} minutes after the planned start (fixed time: the task's tolerance).`,
    continuity: (p: string, q: string, n: number) => `Staff continuity (national measure, median): planned ${p}, performed ${q} (${n} clients in the measure).`,
    cols: ['', 'Granted (min)', 'Planned (min)', 'Performed (min)', 'Performed of granted', 'Planned visits', 'Missed', 'Late', 'Other staff', 'Outside the plan'],
    team: 'Team',
    client: 'Client',
    all: 'All',
    clients: 'Per client',
  },
} as const;

/** Renders the follow-up section (`e` escapes HTML). */
export function renderFollowupSection(f: Followup, lang: ReportLang, e: (s: string | number) => string): string {
  const L = T[lang];
  const pf = new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 });
  const nf = new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 });
  const cells = (c: FollowupCounts): string =>
    [c.grantedMinutes, c.plannedMinutes, c.performedMinutes, c.deliveredShare === null ? '–' : pf.format(c.deliveredShare), c.plannedVisits, c.missedVisits, c.lateVisits, c.byOtherStaff, c.unplannedPerformed]
      .map((v, i) => `<td class="n${(i === 5 || i === 6) && Number(v) > 0 ? ' bad' : ''}">${e(typeof v === 'number' ? nf.format(v) : v)}</td>`)
      .join('');
  const head = (first: string): string => `<thead><tr>${[first, ...L.cols.slice(1)].map((c, i) => `<th scope="col"${i > 0 ? ' class="n"' : ''}>${e(c)}</th>`).join('')}</tr></thead>`;
  const teams = f.teams.map((t) => `<tr><th scope="row">${e(t.team)}</th>${cells(t)}</tr>`).join('');
  const clients = f.clients.map((c) => `<tr data-team="${e(c.team)}"><th scope="row">${e(c.clientId)}</th>${cells(c)}</tr>`).join('');
  const med = (x: number | null): string => (x === null ? '–' : nf.format(x));
  return `<section id="followup" aria-labelledby="followup-h">
<h2 id="followup-h">${e(L.heading)}</h2>
<p>${e(L.intro(f.lateToleranceMinutes))}</p>
<p>${e(L.continuity(med(f.continuity.planned.median), med(f.continuity.performed.median), f.continuity.performed.eligibleClients))}</p>
<div class="wrap"><table>${head(L.team)}<tbody><tr><th scope="row">${e(L.all)}</th>${cells(f.totals)}</tr>${teams}</tbody></table></div>
<details><summary>${e(L.clients)}</summary><div class="wrap"><table>${head(L.client)}<tbody>${clients}</tbody></table></div></details>
</section>
`;
}
