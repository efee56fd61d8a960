import type { Kpis } from '../schema/plan.js';

/** Languages of the plain-text KPI table. */
export type KpiTextLang = 'en' | 'sv';

const LABELS = {
  en: {
    title: 'KPIs',
    national: (days: number) => `Continuity, national (${days} days)`,
    all: 'Continuity, all clients',
    note: 'Note',
    named: 'Named-contact share',
    clientTime: 'Client-time share',
    travel: 'Travel share',
    fidelity: 'Granted fidelity',
    within: 'Within granted tolerance',
    prefTime: 'Preferred times',
    prefStaff: 'Preferred staff',
    prefDay: 'Preferred days',
    unplanned: 'Unplanned',
    visits: 'Visits',
    visitMinutes: 'Client time',
    paid: 'Paid time',
    travelTime: 'Travel',
    waiting: 'Waiting',
    overtime: 'Overtime',
    balance: 'Client time per staff',
    meanMedian: (mean: string, median: string, n: number) => `mean ${mean}, median ${median} (clients: ${n})`,
    items: (count: number, min: string) => `count ${count}, ${min}`,
    range: (min: string, median: string, max: string) => `min ${min}, median ${median}, max ${max}`,
    spread: (min: string, max: string, sd: string) => `min ${min}, max ${max}, stdev ${sd}`,
    na: 'n/a',
    decimal: '.',
  },
  sv: {
    title: 'Nyckeltal',
    national: (days: number) => `Personalkontinuitet, nationellt (${days} dagar)`,
    all: 'Personalkontinuitet, alla brukare',
    note: 'Obs',
    named: 'Andel besök av fast omsorgskontakt',
    clientTime: 'Brukartid',
    travel: 'Restid',
    fidelity: 'Planerad ÷ beviljad tid',
    within: 'Inom tolerans',
    prefTime: 'Önskade tider',
    prefStaff: 'Önskad personal',
    prefDay: 'Önskade dagar',
    unplanned: 'Ej planerat',
    visits: 'Besök',
    visitMinutes: 'Tid hos brukare',
    paid: 'Betald tid',
    travelTime: 'Resor',
    waiting: 'Väntetid',
    overtime: 'Övertid',
    balance: 'Brukartid per medarbetare',
    meanMedian: (mean: string, median: string, n: number) => `medel ${mean}, median ${median} (brukare: ${n})`,
    items: (count: number, min: string) => `antal ${count}, ${min}`,
    range: (min: string, median: string, max: string) => `min ${min}, median ${median}, max ${max}`,
    spread: (min: string, max: string, sd: string) => `min ${min}, max ${max}, std.avv. ${sd}`,
    na: '–',
    decimal: ',',
  },
} as const;

/**
 * Formats KPIs as a short plain-text table, one `label  value` line each, labels padded to one
 * width. Shares are percentages with one decimal (`58.3%`); `null` values read `n/a`. Contains
 * ids and numbers only, never names or addresses. `lang` defaults to English.
 */
export function formatKpisText(kpis: Kpis, lang: KpiTextLang = 'en'): string {
  const L = LABELS[lang];
  const num = (x: number | null, digits = 1): string => (x === null ? L.na : x.toFixed(digits).replace('.', L.decimal));
  const pct = (x: number | null): string => (x === null ? L.na : `${num(x * 100)}%`);
  const min = (m: number): string => `${m} min (${num(m / 60)} h)`;
  const n = kpis.continuity.national;
  const rows: [string, string][] = [
    [L.national(n.windowDays), L.meanMedian(num(n.mean), num(n.median), n.eligibleClients)],
  ];
  if (n.note !== undefined) rows.push([`  ${L.note}`, n.note]);
  const all = kpis.continuity.all;
  rows.push(
    [L.all, L.meanMedian(num(all.mean), num(all.median), all.clients)],
    [L.named, pct(kpis.namedContactShare)],
    [L.clientTime, pct(kpis.clientTimeShare)],
    [L.travel, pct(kpis.travelShare)],
    [L.fidelity, L.range(num(kpis.grantedFidelity.min, 2), num(kpis.grantedFidelity.median, 2), num(kpis.grantedFidelity.max, 2))],
    [L.within, pct(kpis.grantedFidelity.withinTolerance)],
    [L.prefTime, pct(kpis.preferences.timeShare)],
    [L.prefStaff, pct(kpis.preferences.staffShare)],
    [L.prefDay, pct(kpis.preferences.dayShare)],
    [L.unplanned, L.items(kpis.unplanned.count, min(kpis.unplanned.minutes))],
  );
  for (const [reason, s] of Object.entries(kpis.unplanned.byReason)) rows.push([`  ${reason}`, L.items(s.count, min(s.minutes))]);
  rows.push(
    [L.visits, String(kpis.visits)],
    [L.visitMinutes, min(kpis.visitMinutes)],
    [L.paid, min(kpis.paidMinutes)],
    [L.travelTime, `${min(kpis.travelMinutes)}, ${num(kpis.travelMetres / 1000)} km`],
    [L.waiting, min(kpis.waitingMinutes)],
    [L.overtime, min(kpis.overtimeMinutes)],
  );
  const b = kpis.balance.clientMinutesPerStaff;
  rows.push([L.balance, b === null ? L.na : L.spread(min(b.min), min(b.max), `${num(b.stdev)} min`)]);
  const sv = lang === 'sv';
  const sh = kpis.shifts;
  if (sh && sh.optional > 0) rows.push([sv ? 'Valfria pass släppta' : 'Optional shifts released', `${sh.optionalReleased} / ${sh.optional}, ${min(sh.releasedPaidMinutes)}`]);
  const m = kpis.economics;
  if (m) {
    const sek = (x: number): string => `${num(x, 0)} SEK`;
    rows.push([sv ? 'Intäkt' : 'Revenue', sek(m.revenueSek)], [sv ? 'Kostnad' : 'Cost', sek(m.costSek)], [sv ? 'Resultat' : 'Result', sek(m.resultSek)]);
    for (const t of m.perTeam) rows.push([`  ${t.team}`, t.weeks.map((w) => `${w.week} ${sek(w.resultSek)}`).join(', ')]);
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  return [L.title, ...rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`)].join('\n') + '\n';
}
