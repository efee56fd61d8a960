/**
 * Replanning benchmark (`npm run bench:replan -- [--profiles knivsta,bracke] [--seed n] [--workers n]
 * [--time-limit s] [--weights k=v,…]`): generates each profile at a seed, plans it `balanced`, then replans four daily
 * changes with `--now` 06:30 on day 2 and prints, per change, wall time, validity against the changed
 * instance, unplanned occurrences, the diff's counts and the share of visits the change did not
 * concern that stayed unchanged (same staff, start within 15 minutes).
 *
 * Changes: the care worker with most visits on day 2 absent that day (also: the share of their visits
 * given to staff the client met elsewhere in the plan); the client with most visits in hospital from
 * day 2 08:00 for 3 days; a new client from day 4 with 3 visits a day; the first visit after 10:00 on
 * day 2 extended by 40 minutes.
 *
 * Then `recommend` on the same plan: a new 30-minute one-off visit for the first client on day 3
 * (09:00–12:00), replacements for the absent care worker's day-2 visits, and the new client's
 * admission from day 4 — wall time, options, and how many were checked.
 */
import { PeriodClock } from '../src/calendar.js';
import { checkPlan } from '../src/check/index.js';
import { generateScenario } from '../data/generator/index.js';
import { planWeek } from '../src/plan/index.js';
import { recommend } from '../src/recommend/index.js';
import { replan } from '../src/replan/index.js';
import type { Change } from '../src/schema/changes.js';
import type { Instance } from '../src/schema/instance.js';
import type { Plan } from '../src/schema/plan.js';
import { parseInstance } from '../src/validate/index.js';

const arg = (k: string, d: string): string => {
  const i = process.argv.indexOf(k);
  return i >= 0 ? process.argv[i + 1]! : d;
};

/** The recommendation benchmarks of one plan: a one-off visit, replacements for the sick worker, the new client. */
function recommendations(instance: Instance, plan: Plan, sick: string, client: Extract<Change, { type: 'clientAdded' }>): string[] {
  const clock = new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
  const at = (date: string, time: string): string => clock.formatInstant(clock.toMinute(date, time));
  const rows: string[] = [];
  const time = <T>(f: () => T): [T, number] => {
    const t0 = performance.now();
    const r = f();
    return [r, (performance.now() - t0) / 1000];
  };
  const [visit, tv] = time(() => recommend(instance, plan, { type: 'visit', visit: { clientId: instance.clients[0]!.id, date: clock.dates[2]!, minutes: 30, windows: [{ start: '09:00', end: '12:00' }] } }));
  rows.push(`| one-off visit, day 3 09:00–12:00 | ${tv.toFixed(2)} | ${visit.options.length} options, best +${visit.options[0]?.costDelta ?? '-'} (${visit.options.filter((o) => o.moves === 0).length} move nothing else) | ${visit.rejected} |`);
  const [rep, tr] = time(() => recommend(instance, plan, { type: 'replace', staffId: sick, from: at(clock.dates[1]!, '00:00'), to: at(clock.dates[1]!, '23:59') }, { now: at(clock.dates[1]!, '06:30') }));
  const covered = rep.visits!.filter((v) => v.options.length > 0).length;
  const met = rep.visits!.filter((v) => v.options[0]?.met).length;
  rows.push(`| replacements for ${sick}, day 2 | ${tr.toFixed(2)} | ${covered} of ${rep.visits!.length} visits with options, ${met} best by staff the client has met | ${rep.rejected} |`);
  const [adm, ta] = time(() => recommend(instance, plan, { type: 'client', client: client.client, from: client.from! }));
  const best = adm.teams![0];
  rows.push(`| new client from day 4 | ${ta.toFixed(2)} | ${best ? `team ${best.teamId}: ${best.fits} of ${best.of} fit, +${best.travelMinutes} travel min, ${best.distinctStaff} staff; ${adm.teams!.length} teams` : 'no team'} | ${adm.rejected} |`);
  return rows;
}

function scenarios(instance: Instance, plan: Plan): { name: string; changes: Change[]; concerns: (id: string) => boolean; sick?: string }[] {
  const clock = new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
  const day = clock.dates[1]!;
  const at = (date: string, time: string): string => clock.formatInstant(clock.toMinute(date, time));
  const count = <K>(keys: K[]): K => {
    const n = new Map<K, number>();
    for (const k of keys) n.set(k, (n.get(k) ?? 0) + 1);
    return [...n].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))[0]![0];
  };
  const sick = count(plan.visits.filter((v) => v.date === day).flatMap((v) => v.staff));
  const busy = count(plan.visits.map((v) => v.clientId));
  const near = instance.clients[0]!;
  const task = (id: string, start: string, end: string) => ({
    id,
    category: 'personal_care' as const,
    frequency: { type: 'daily' as const, timesPerDay: 1 },
    duration: { standard: 30 },
    windows: [{ start, end }],
    skills: [],
    staffCount: 1 as const,
    minGapMinutes: 0,
    combinable: true,
  });
  const ext = plan.visits.filter((v) => v.date === day && clock.clockOf(clock.parseInstant(v.start)) >= '10:00').sort((a, b) => a.start.localeCompare(b.start))[0]!;
  const byId = new Map(plan.visits.map((v) => [v.id, v]));
  return [
    { name: 'sick staff, day 2', sick, changes: [{ type: 'staffAbsent', staffId: sick, from: at(day, '00:00'), to: at(day, '23:59') }], concerns: (id) => byId.get(id)!.date === day && byId.get(id)!.staff.includes(sick) },
    { name: 'client in hospital 3 days', changes: [{ type: 'clientAway', clientId: busy, from: at(day, '08:00'), to: at(clock.dates[4]!, '08:00') }], concerns: (id) => byId.get(id)!.clientId === busy },
    {
      name: 'new client from day 4, 3 visits a day',
      changes: [
        {
          type: 'clientAdded',
          from: clock.dates[3]!,
          client: {
            id: 'bench-new-client',
            location: { lat: near.location.lat + 0.004, lon: near.location.lon + 0.003 },
            team: near.team,
            granted: { careMinutes: 90 * clock.days, serviceMinutes: 0 },
            tasks: [task('morning', '07:30', '09:30'), task('lunch', '11:30', '13:00'), task('evening', '17:30', '19:30')],
            preferences: { timeRanges: [], preferredStaff: [], refusedStaff: [], languages: [], fewStaff: true },
          },
        },
      ],
      concerns: () => false,
    },
    { name: 'visit extended 40 min', changes: [{ type: 'visitExtended', visitId: ext.id, minutes: 40 }], concerns: (id) => id === ext.id },
  ];
}

async function main(): Promise<void> {
  const profiles = arg('--profiles', 'knivsta,bracke').split(',') as ('knivsta' | 'bracke')[];
  const seed = Number(arg('--seed', '7331'));
  const workers = Number(arg('--workers', '2'));
  const timeLimit = process.argv.includes('--time-limit') ? Number(arg('--time-limit', '0')) : undefined;
  // --weights k=v,… over the replan preset (e.g. to measure what a weight does).
  const weights = Object.fromEntries(
    arg('--weights', '')
      .split(',')
      .filter(Boolean)
      .map((kv) => [kv.split('=')[0]!, Number(kv.split('=')[1])]),
  );
  console.log('| instance | change | wall s | valid | unplanned (before) | unchanged | restaffed | retimed | added | removed | others unchanged | staff to tell |');
  console.log('|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const recommended: string[] = [];
  for (const profile of profiles) {
    const parsed = parseInstance(generateScenario({ profile, seed }));
    if (!parsed.ok) throw new Error(`${profile}: generated instance does not validate`);
    const instance = parsed.instance;
    const plan = await planWeek(instance, { seed: 1, workers, strategy: 'balanced', timeLimitSeconds: timeLimit });
    const clock = new PeriodClock(instance.period.start, instance.period.days, instance.period.timeZone);
    const now = clock.formatInstant(clock.toMinute(clock.dates[1]!, '06:30'));
    const before = plan.unplanned.reduce((n, u) => n + u.count, 0);
    const all = scenarios(instance, plan);
    const admission = all.flatMap((s) => s.changes).find((c): c is Extract<Change, { type: 'clientAdded' }> => c.type === 'clientAdded')!;
    recommended.push(...recommendations(instance, plan, all[0]!.sick!, admission).map((r) => `| ${profile}-s${seed} ${r}`));
    for (const s of all) {
      const t0 = performance.now();
      const r = await replan(instance, plan, { changes: s.changes }, { seed: 1, now, workers, weights });
      const wall = (performance.now() - t0) / 1000;
      const valid = checkPlan(r.instance, r.plan).valid;
      const after = new Map(r.plan.visits.map((v) => [v.id, v]));
      const others = plan.visits.filter((v) => !s.concerns(v.id));
      const kept = others.filter((v) => {
        const n = after.get(v.id);
        return n && [...n.staff].sort().join() === [...v.staff].sort().join() && Math.abs(Date.parse(n.start) - Date.parse(v.start)) <= 15 * 60_000;
      }).length;
      const c = r.plan.changes!;
      const unplanned = r.plan.unplanned.reduce((n, u) => n + u.count, 0);
      console.log(
        `| ${profile}-s${seed} | ${s.name} | ${wall.toFixed(1)} | ${valid ? 'yes' : 'NO'} | ${unplanned} (${before}) | ${c.visits.unchanged} | ${c.visits.restaffed} | ${c.visits.retimed} | ${c.visits.added} | ${c.visits.removed} | ${((100 * kept) / others.length).toFixed(2)} % | ${c.staff.length} |`,
      );
      if (s.sick) {
        const met = new Map<string, Set<string>>();
        for (const v of plan.visits) for (const st of v.staff) if (!(st === s.sick && v.date === clock.dates[1])) (met.get(v.clientId) ?? met.set(v.clientId, new Set()).get(v.clientId)!).add(st);
        let given = 0;
        let known = 0;
        for (const v of plan.visits.filter((x) => s.concerns(x.id))) {
          for (const st of after.get(v.id)?.staff ?? []) {
            if (v.staff.includes(st)) continue;
            given++;
            if (met.get(v.clientId)?.has(st)) known++;
          }
        }
        console.log(`|  | (absent ${s.sick}: ${given} staff visits given to others, ${known} to staff the client meets elsewhere in the plan) | | | | | | | | | | |`);
      }
    }
  }
  console.log('\n| instance | recommend | wall s | result | rejected by the checker |');
  console.log('|---|---|---:|---|---:|');
  for (const r of recommended) console.log(r);
}

await main();
