/**
 * Next-period benchmark (`npm run bench:next -- [--profiles knivsta,bracke] [--seed n] [--workers n]
 * [--time-limit s] [--weights k=v,…]`): generates each profile at a seed (default 7331, not tuned on),
 * plans period 1 `balanced`, makes period 2 with `nextPeriod` (`slinga generate --next`), and plans
 * period 2 twice: without a reference and with period 1 as the reference (`slinga plan --reference`).
 * Prints per plan of period 2: validity, unplanned occurrences, of the recurring visits (same client,
 * task ids and weekday as a period-1 visit) the share of staff visits whose period-1 staff member is
 * on shift at that time and keeps the visit (target ≥ 80 %), the share starting within 30 minutes of
 * the same weekday's period-1 time (target ≥ 80 %), the national continuity median and mean (no worse
 * than without a reference) and travel minutes (within +5 % of without a reference).
 *
 * Period 2 is planned with seed 2 (period 1 with seed 1): the same roster and demand with the same
 * seed and iteration limit would reproduce period 1 exactly, which measures nothing. `--time-limit`
 * is per plan (default 20 s for a quick run; the measurements in docs/weekly-planner.md use 180).
 * `--swap <share>` changes period 2's roster (see `swapShifts`), so that not every reference staff
 * member is on shift when their visit recurs.
 */
import { generateScenario, nextPeriod } from '../data/generator/index.js';
import { Rng } from '../solver/rng.js';
import { isoWeek, isoWeekday } from '../src/calendar.js';
import { checkPlan } from '../src/check/index.js';
import { computeKpis } from '../src/kpi/index.js';
import { planWeek } from '../src/plan/index.js';
import { referenceAgreement } from '../src/plan/weekly/reference.js';
import type { Instance, InstanceInput } from '../src/schema/instance.js';
import type { Plan } from '../src/schema/plan.js';
import { parseInstance } from '../src/validate/index.js';

const arg = (k: string, d: string): string => {
  const i = process.argv.indexOf(k);
  return i >= 0 ? process.argv[i + 1]! : d;
};

function parsed(input: Parameters<typeof parseInstance>[0], what: string): Instance {
  const r = parseInstance(input);
  if (!r.ok) throw new Error(`${what}: does not validate (${r.issues[0]?.code} at ${r.issues[0]?.path})`);
  return r.instance;
}

/**
 * A changed roster (`--swap <share>`): in each ISO week, about `share` of the care workers with a
 * weekday shift swap one weekday with a colleague of their team who has the same kind of shift
 * (start and end) on another weekday and neither works the other's day, so contracted hours and
 * daily rest stay as they were. Deterministic (seeded).
 */
function swapShifts(input: InstanceInput, share: number, seed: number): { input: InstanceInput; swaps: number } {
  if (share <= 0) return { input, swaps: 0 };
  const rng = new Rng(seed);
  const out = structuredClone(input);
  let swaps = 0;
  const weekday = (d: string): boolean => isoWeekday(d) <= 5;
  const weekOf = (d: string): string => `${isoWeek(d).year}-${isoWeek(d).week}`;
  for (const team of out.teams) {
    const staff = out.staff.filter((s) => s.team === team.id && s.role !== 'nurse');
    const weeks = [...new Set(staff.flatMap((s) => s.shifts.map((sh) => weekOf(sh.date))))].sort();
    for (const week of weeks) {
      const order = rng.shuffle(staff.map((_, i) => i));
      const used = new Set<number>();
      for (const a of order) {
        if (used.has(a) || !rng.chance(share)) continue;
        const sa = staff[a]!;
        const dates = (s: typeof sa): Set<string> => new Set(s.shifts.map((sh) => sh.date));
        const own = sa.shifts.filter((sh) => weekday(sh.date) && weekOf(sh.date) === week);
        let done = false;
        for (const b of order) {
          if (done || b === a || used.has(b)) continue;
          const sb = staff[b]!;
          for (const x of own) {
            const y = sb.shifts.find((sh) => weekday(sh.date) && weekOf(sh.date) === week && sh.start === x.start && sh.end === x.end && !dates(sa).has(sh.date) && !dates(sb).has(x.date));
            if (!y) continue;
            [x.date, y.date] = [y.date, x.date];
            used.add(a).add(b);
            swaps++;
            done = true;
            break;
          }
        }
      }
    }
  }
  for (const s of out.staff) s.shifts.sort((p, q) => p.date.localeCompare(q.date) || p.start.localeCompare(q.start));
  return { input: out, swaps };
}

const pct = (a: number, b: number): string => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)} %`);

async function main(): Promise<void> {
  const profiles = arg('--profiles', 'knivsta,bracke').split(',') as ('knivsta' | 'bracke')[];
  const seed = Number(arg('--seed', '7331'));
  const workers = Number(arg('--workers', '2'));
  const timeLimit = Number(arg('--time-limit', '20'));
  const swap = Number(arg('--swap', '0'));
  const weights = Object.fromEntries(
    arg('--weights', '')
      .split(',')
      .filter(Boolean)
      .map((kv) => [kv.split('=')[0]!, Number(kv.split('=')[1])]),
  );
  console.log(`time limit ${timeLimit} s per plan, ${workers} workers${swap > 0 ? `, period 2 roster: --swap ${swap}` : ''}`);
  console.log('| instance | period 2 plan | wall s | valid | unplanned | recurring visits | staff kept (on shift) | start within 30 min | continuity median (mean) | travel min | travel vs no reference |');
  console.log('|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const profile of profiles) {
    const input1 = generateScenario({ profile, seed });
    const first = parsed(input1, `${profile} period 1`);
    const swapped = swapShifts(nextPeriod(input1), swap, seed);
    const second = parsed(swapped.input, `${profile} period 2`);
    if (swap > 0) console.log(`|  | (period 2 roster: ${swapped.swaps} pairs of weekday shifts swapped) | | | | | | | | | |`);
    const t0 = performance.now();
    const plan1 = await planWeek(first, { seed: 1, workers, strategy: 'balanced', timeLimitSeconds: timeLimit });
    const k1 = computeKpis(first, plan1);
    console.log(
      `| ${first.id} | (period 1, reference) | ${((performance.now() - t0) / 1000).toFixed(0)} | ${checkPlan(first, plan1).valid ? 'yes' : 'NO'} | ${k1.unplanned.count} | | | | ${k1.continuity.national.median} (${k1.continuity.national.mean?.toFixed(2)}) | ${k1.travelMinutes} | |`,
    );
    let baseTravel = 0;
    for (const [name, reference] of [
      ['without reference', undefined],
      ['with --reference', plan1],
    ] as const) {
      const t = performance.now();
      const plan: Plan = await planWeek(second, { seed: 2, workers, strategy: 'balanced', timeLimitSeconds: timeLimit, reference, weights: reference ? weights : undefined });
      const wall = (performance.now() - t) / 1000;
      const k = computeKpis(second, plan);
      const a = referenceAgreement(second, plan, plan1);
      if (!reference) baseTravel = k.travelMinutes;
      console.log(
        `| ${second.id} | ${name} | ${wall.toFixed(0)} | ${checkPlan(second, plan).valid ? 'yes' : 'NO'} | ${k.unplanned.count} | ${a.recurring} | ${pct(a.staffKept, a.staffOnShift)} (${a.staffKept}/${a.staffOnShift}) | ${pct(a.withinTime, a.recurring)} | ${k.continuity.national.median} (${k.continuity.national.mean?.toFixed(2)}) | ${k.travelMinutes} | ${reference ? `${(((k.travelMinutes - baseTravel) / baseTravel) * 100).toFixed(1)} %` : ''} |`,
      );
    }
  }
}

await main();
