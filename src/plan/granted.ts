import * as lpModule from 'javascript-lp-solver';
import type { Model, SolverAPI } from 'javascript-lp-solver';
import { isoWeekday } from '../calendar.js';
import { categoryBudget, durationBounds, expandDemand, type DemandSpan } from '../model/demand.js';
import type { Client, Instance, Task } from '../schema/instance.js';

/** One occurrence of a task, placed on a date, with its minutes (per staff member). */
export interface Occurrence {
  readonly client: Client;
  readonly task: Task;
  readonly span: DemandSpan;
  readonly date: string;
  readonly minutes: number;
}

/** Tuning of the granted-time models (weights are per minute). */
export interface GrantedModelOptions {
  /** Cost of a granted minute left unplanned (dominates everything else). */
  readonly underWeight?: number;
  /** Cost of a weekly occurrence on a day the client does not prefer. */
  readonly offDayCost?: number;
  /** Cost of two occurrences of the same weekly task on consecutive days. */
  readonly adjacentDayCost?: number;
  /** Weight of the team's peak day utilisation (share of paid minutes used by visits). */
  readonly peakWeight?: number;
  /**
   * Cost of a weekly occurrence on a day the client's named contact has no shift (0 = ignore). The
   * weekly planner sets it so that flexible visits land where the named contact can make them.
   */
  readonly namedContactDayCost?: number;
  /**
   * Next period like the last: true when the reference period had the client's task on this date's
   * counterpart day. A weekly span whose reference days are as many as its occurrences keeps them
   * (the LP's relaxation would spread such a task over its days to dodge the adjacent-day cost and
   * round it elsewhere); in other spans the other days cost {@link GrantedModelOptions.referenceDayCost}.
   * Used only when that cost is above 0.
   */
  readonly referenceDay?: (clientId: string, taskId: string, date: string) => boolean;
  /** Cost of a weekly occurrence on a day the reference did not have it (0 = ignore). */
  readonly referenceDayCost?: number;
}

/** The solver (its CJS-typed declarations make NodeNext TypeScript see one `default` too many). */
const lp = (lpModule as unknown as { default: SolverAPI }).default;

const NO_CAPACITY_COST = 1e5;

const DEFAULTS: Required<GrantedModelOptions> = { underWeight: 100, offDayCost: 20, adjacentDayCost: 8, peakWeight: 2000, namedContactDayCost: 0, referenceDay: () => true, referenceDayCost: 0 };

/**
 * Turns granted time and tasks into concrete occurrences: which day each occurrence is on and how
 * many minutes it lasts. Two linear programs, solved with javascript-lp-solver:
 *
 * **Days (per team, coupled through the team's daily capacity).** For every weekly or every-other-week
 * occurrence `o` and allowed day `d`, `y[o,d] ∈ [0, 1]`:
 *
 *     minimise   peakWeight · z  +  Σ offDayCost · y[o,d] (d not a preferred day)  +  Σ adjacentDayCost · a[k,d]
 *                +  Σ namedContactDayCost · y[o,d] (the client's named contact has no shift on d)
 *                +  Σ referenceDayCost · y[o,d] (with a reference plan: d is not the task's day there)
 *     subject to Σ_d y[o,d] = 1                                  (each occurrence on one day)
 *                Σ_{o in span} y[o,d] ≤ 1                        (one occurrence of a task per day)
 *                fixed[d] + Σ_o std[o] · y[o,d] ≤ z · capacity[d]  (z: the team's peak utilisation)
 *                y[o1,d] + y[o2,d+1] − 1 ≤ a[k,d]                (consecutive days of one task, soft)
 *
 * where `fixed[d]` are the standard minutes of daily and weekday tasks due on `d` and `capacity[d]` the
 * team's shift minutes that day. The assignment constraints are bipartite-matching-like, so the LP
 * optimum is mostly integral; fractional spans are rounded by largest `y`, one occurrence per day.
 *
 * **Minutes (per client and budget).** With `m[o] = std[o] − down1 − down2 + up1 + up2` inside
 * `[min, max]` (HSL: exactly `std`) and granted target `T = granted × min(1, upper)`:
 *
 *     minimise   underWeight · u  +  Σ (down1 + up1)/std  +  3 · Σ (down2 + up2)/std
 *     subject to Σ staffCount[o] · m[o] + u = T,  u ≥ 0,  0 ≤ up1, down1 ≤ 10 % of std
 *
 * so planned staff-minutes reach the granted minutes whenever the bounds allow, never exceed them,
 * and deviations from the standard time are spread (the first 10 % of each occurrence is cheaper).
 * Minutes are then rounded down and topped up one by one without passing `T`.
 */
export function planOccurrences(instance: Instance, dates: readonly string[], options: GrantedModelOptions = {}): Occurrence[] {
  const o = { ...DEFAULTS, ...options };
  const spans = expandDemand(instance, dates);
  const clients = new Map(instance.clients.map((c) => [c.id, { client: c, tasks: new Map(c.tasks.map((t) => [t.id, t])) }]));
  const fixed: { client: Client; task: Task; span: DemandSpan; date: string }[] = [];
  const flexible: { client: Client; task: Task; span: DemandSpan; k: number }[] = [];
  for (const span of spans) {
    const c = clients.get(span.clientId)!;
    const task = c.tasks.get(span.taskId)!;
    // With a reference whose days of this task fit the span exactly, those days are kept as they were.
    const kept = span.dates.length > 1 && o.referenceDayCost > 0 ? span.dates.filter((d) => o.referenceDay(span.clientId, span.taskId, d)) : [];
    for (let k = 0; k < span.count; k++) {
      if (span.dates.length === 1) fixed.push({ client: c.client, task, span, date: span.dates[0]! });
      else if (kept.length === span.count) fixed.push({ client: c.client, task, span, date: kept[k]! });
      else flexible.push({ client: c.client, task, span, k });
    }
  }
  const chosen = chooseDays(instance, dates, fixed, flexible, o);
  const placed = [...fixed, ...flexible.map((f, i) => ({ client: f.client, task: f.task, span: f.span, date: chosen[i]! }))];
  const minutes = chooseMinutes(instance, placed, o);
  return placed.map((p, i) => ({ ...p, minutes: minutes[i]! }));
}

function chooseDays(
  instance: Instance,
  dates: readonly string[],
  fixed: readonly { client: Client; task: Task; date: string }[],
  flexible: readonly { client: Client; task: Task; span: DemandSpan; k: number }[],
  o: Required<GrantedModelOptions>,
): string[] {
  const result = new Array<string>(flexible.length);
  const dayIndex = new Map(dates.map((d, i) => [d, i]));
  const working = new Map(instance.staff.map((s) => [s.id, new Set(s.shifts.map((sh) => sh.date))]));
  const byTeam = new Map<string, number[]>();
  flexible.forEach((f, i) => (byTeam.get(f.client.team) ?? byTeam.set(f.client.team, []).get(f.client.team)!).push(i));
  for (const [team, all] of byTeam) {
    const capacity = new Array<number>(dates.length).fill(0);
    for (const s of instance.staff) {
      if (s.team !== team) continue;
      for (const sh of s.shifts) {
        const d = dayIndex.get(sh.date);
        if (d !== undefined) capacity[d]! += shiftMinutes(sh.start, sh.end);
      }
    }
    const load = new Array<number>(dates.length).fill(0);
    for (const f of fixed) {
      if (f.client.team === team) load[dayIndex.get(f.date)!]! += durationBounds(f.task).standard * f.task.staffCount;
    }
    // A large team is solved in chunks of whole clients, each against the load the earlier chunks
    // left: the simplex grows faster than linearly with the model, chunks keep time per visit flat.
    for (const idx of clientChunks(flexible, all, LP_CHUNK)) {
      chooseChunk(dates, dayIndex, working, flexible, idx, capacity, load, o, result);
      for (const i of idx) load[dayIndex.get(result[i]!)!]! += durationBounds(flexible[i]!.task).standard * flexible[i]!.task.staffCount;
    }
  }
  return result;
}

/**
 * Flexible occurrences of one team per LP. javascript-lp-solver's simplex works on a dense tableau,
 * so its time grows much faster than the model and erratically: at 400 one bracke ×2 team LP (2,769
 * variables) took 19.6 s and others of its size 0.2–8 s; at 200 the whole days model of bracke ×2
 * takes about 2 s (was 25), knivsta ×2 seed 2 2.5 s (was 10), at about the same peak utilisation,
 * days off the clients' wishes and adjacent days (knivsta, bracke seed 7331; knivsta ×2 seed 2;
 * bracke ×2 seed 1).
 */
const LP_CHUNK = 200;

/** `idx` split into runs of whole clients (in order of appearance) of at most `size` occurrences each (a larger client alone). */
function clientChunks(flexible: readonly { client: Client }[], idx: readonly number[], size: number): number[][] {
  if (idx.length <= size) return [[...idx]];
  const byClient = new Map<string, number[]>();
  for (const i of idx) (byClient.get(flexible[i]!.client.id) ?? byClient.set(flexible[i]!.client.id, []).get(flexible[i]!.client.id)!).push(i);
  const chunks: number[][] = [[]];
  for (const members of byClient.values()) {
    if (chunks[chunks.length - 1]!.length > 0 && chunks[chunks.length - 1]!.length + members.length > size) chunks.push([]);
    chunks[chunks.length - 1]!.push(...members);
  }
  return chunks;
}

/** The days LP (see {@link planOccurrences}) for the flexible occurrences `idx` of one team, on top of `load`; writes `result`. */
function chooseChunk(
  dates: readonly string[],
  dayIndex: ReadonlyMap<string, number>,
  working: ReadonlyMap<string, ReadonlySet<string>>,
  flexible: readonly { client: Client; task: Task; span: DemandSpan; k: number }[],
  idx: readonly number[],
  capacity: readonly number[],
  load: readonly number[],
  o: Required<GrantedModelOptions>,
  result: string[],
): void {
  const model: Model = { optimize: 'cost', opType: 'min', constraints: {}, variables: {} };
  const cons = model.constraints;
  const vars = model.variables;
  for (let d = 0; d < dates.length; d++) {
    // fixed[d] + Σ std·y − z·capacity ≤ 0 (days without team capacity: see NO_CAPACITY_COST).
    cons[`cap${d}`] = { max: -load[d]! };
  }
  vars.z = { cost: o.peakWeight };
  for (let d = 0; d < dates.length; d++) vars.z[`cap${d}`] = -(capacity[d]! > 0 ? capacity[d]! : 1e6);
  const bySpan = new Map<DemandSpan, number[]>();
  for (const i of idx) {
    const f = flexible[i]!;
    (bySpan.get(f.span) ?? bySpan.set(f.span, []).get(f.span)!).push(i);
    cons[`one${i}`] = { equal: 1 };
    const std = durationBounds(f.task).standard * f.task.staffCount;
    const preferred = f.client.preferences.days;
    for (const date of f.span.dates) {
      const d = dayIndex.get(date)!;
      // A day on which the team has no shift at all is a last resort.
      const named = f.client.namedContact === undefined ? undefined : working.get(f.client.namedContact);
      const cost =
        (preferred && !preferred.includes(isoWeekday(date)) ? o.offDayCost : 0) +
        (capacity[d]! > 0 ? 0 : NO_CAPACITY_COST) +
        (named && !named.has(date) ? o.namedContactDayCost : 0) +
        (o.referenceDayCost > 0 && !o.referenceDay(f.client.id, f.task.id, date) ? o.referenceDayCost : 0);
      const v: Record<string, number> = { cost };
      v[`one${i}`] = 1;
      v[`cap${d}`] = std;
      v[`day${spanKey(f.span)}|${date}`] = 1;
      vars[`y${i}|${date}`] = v;
      cons[`day${spanKey(f.span)}|${date}`] = { max: 1 };
    }
  }
  // Consecutive days of one task: y[o1,d] + y[o2,d+1] − a ≤ 1 over all ordered pairs of the span.
  let pair = 0;
  for (const [span, members] of bySpan) {
    if (span.count < 2) continue;
    const days = new Set(span.dates);
    for (const date of days) {
      const next = dates[dayIndex.get(date)! + 1];
      if (next === undefined || !days.has(next)) continue;
      for (const a of members) {
        for (const b of members) {
          if (a === b) continue;
          const c = `adj${pair++}`;
          cons[c] = { max: 1 };
          vars[`y${a}|${date}`]![c] = 1;
          vars[`y${b}|${next}`]![c] = 1;
          vars[`a${c}`] = { cost: o.adjacentDayCost, [c]: -1 };
        }
      }
    }
  }
  const sol = lp.Solve(model) as Record<string, number | boolean | undefined>;
  // Round: per span, hand days out by descending y (one occurrence per day), ties by date order.
  for (const [span, members] of bySpan) {
    const taken = new Set<string>();
    const scored = members.flatMap((i) => span.dates.map((date, di) => ({ i, date, y: Number(sol[`y${i}|${date}`] ?? 0), di })));
    scored.sort((a, b) => b.y - a.y || a.i - b.i || a.di - b.di);
    for (const s of scored) {
      if (result[s.i] !== undefined || taken.has(s.date)) continue;
      result[s.i] = s.date;
      taken.add(s.date);
    }
  }
}

function spanKey(span: DemandSpan): string {
  return `${span.clientId}|${span.taskId}|${span.from}`;
}

function shiftMinutes(start: string, end: string): number {
  const toMin = (c: string): number => Number(c.slice(0, 2)) * 60 + Number(c.slice(3, 5));
  const s = toMin(start);
  const e = toMin(end);
  return e > s ? e - s : e + 1440 - s;
}

function chooseMinutes(instance: Instance, placed: readonly { client: Client; task: Task }[], o: Required<GrantedModelOptions>): number[] {
  const out = placed.map((p) => durationBounds(p.task).standard);
  // Occurrences per client, budget and task: one LP variable set per task, so that a task keeps one
  // length all week (morning care is 35 minutes every day, not 30 one day and 40 the next).
  const groups = new Map<string, Map<string, number[]>>();
  placed.forEach((p, i) => {
    const budget = categoryBudget(p.task.category);
    if (budget === 'none') return; // HSL: prescribed time, kept exactly
    const key = `${p.client.id}\u0000${budget}`;
    const tasks = groups.get(key) ?? groups.set(key, new Map()).get(key)!;
    (tasks.get(p.task.id) ?? tasks.set(p.task.id, []).get(p.task.id)!).push(i);
  });
  const upper = Math.min(1, instance.planning.grantedTolerance.upper);
  for (const [key, tasks] of groups) {
    const budget = key.split('\u0000')[1] as 'care' | 'service';
    const members = [...tasks.values()];
    const client = placed[members[0]![0]!]!.client;
    const target = Math.floor((budget === 'care' ? client.granted.careMinutes : client.granted.serviceMinutes) * upper);
    const b = members.map((idx) => ({ ...durationBounds(placed[idx[0]!]!.task), w: placed[idx[0]!]!.task.staffCount * idx.length, idx }));
    const stdTotal = b.reduce((s, x) => s + x.standard * x.w, 0);
    const model: Model = { optimize: 'cost', opType: 'min', constraints: { total: { equal: target - stdTotal } }, variables: {} };
    model.variables.u = { cost: o.underWeight, total: 1 };
    b.forEach((x, k) => {
      // Convex piecewise-linear cost of |m − std| in steps of 5 % of std: the LP spreads deviations.
      const step = Math.max(1, x.standard * 0.05);
      const segments = (room: number, sign: number, dir: string): void => {
        for (let s = 0, left = room; left > 1e-9; s++, left -= step) {
          const name = `${dir}${k}_${s}`;
          model.variables[name] = { cost: (s + 1) / x.standard, total: sign * x.w, [`${name}cap`]: 1 };
          model.constraints[`${name}cap`] = { max: Math.min(step, left) };
        }
      };
      segments(x.max - x.standard, 1, 'up');
      segments(x.standard - x.min, -1, 'dn');
    });
    const sol = lp.Solve(model) as Record<string, number | boolean | undefined>;
    const delta = b.map((_, k) =>
      Object.keys(model.variables)
        .filter((n) => n.startsWith(`up${k}_`) || n.startsWith(`dn${k}_`))
        .reduce((s, n) => s + (n.startsWith('up') ? 1 : -1) * Number(sol[n] ?? 0), 0),
    );
    // Integer minutes per occurrence: floor of the task's length, then the remainder one minute at a
    // time round-robin over all occurrences, never passing the target or a bound.
    let total = 0;
    b.forEach((x, k) => {
      const m = Math.min(x.max, Math.max(x.min, Math.floor(x.standard + delta[k]! + 1e-6)));
      for (const i of x.idx) out[i] = m;
      total += m * x.w;
    });
    const flat = b.flatMap((x) => x.idx.map((i) => ({ i, x, w: placed[i]!.task.staffCount })));
    for (let k = 0; total > target && k < flat.length * 100; k++) {
      const f = flat[k % flat.length]!;
      if (out[f.i]! > f.x.min) {
        out[f.i]!--;
        total -= f.w;
      }
    }
    for (let changed = true; changed; ) {
      changed = false;
      for (const f of flat) {
        if (out[f.i]! < f.x.max && total + f.w <= target) {
          out[f.i]!++;
          total += f.w;
          changed = true;
        }
      }
    }
  }
  return out;
}
