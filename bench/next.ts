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
 */
import { generateScenario, nextPeriod } from '../data/generator/index.js';
import { checkPlan } from '../src/check/index.js';
import { computeKpis } from '../src/kpi/index.js';
import { planWeek } from '../src/plan/index.js';
import { referenceAgreement } from '../src/plan/weekly/reference.js';
import type { Instance } from '../src/schema/instance.js';
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

const pct = (a: number, b: number): string => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)} %`);

async function main(): Promise<void> {
  const profiles = arg('--profiles', 'knivsta,bracke').split(',') as ('knivsta' | 'bracke')[];
  const seed = Number(arg('--seed', '7331'));
  const workers = Number(arg('--workers', '2'));
  const timeLimit = Number(arg('--time-limit', '20'));
  const weights = Object.fromEntries(
    arg('--weights', '')
      .split(',')
      .filter(Boolean)
      .map((kv) => [kv.split('=')[0]!, Number(kv.split('=')[1])]),
  );
  console.log(`time limit ${timeLimit} s per plan, ${workers} workers`);
  console.log('| instance | period 2 plan | wall s | valid | unplanned | recurring visits | staff kept (on shift) | start within 30 min | continuity median (mean) | travel min | travel vs no reference |');
  console.log('|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const profile of profiles) {
    const input1 = generateScenario({ profile, seed });
    const first = parsed(input1, `${profile} period 1`);
    const second = parsed(nextPeriod(input1), `${profile} period 2`);
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
