import { isoWeek } from '../calendar.js';
import { carCostOre, shiftCostOre } from '../economics/rates.js';
import { categoryBudget } from '../model/demand.js';
import type { Economics } from '../schema/instance.js';
import { oreFromSek, sekFromOre } from '../units.js';
import { shiftPaidMinutes, type KpiContext } from './context.js';
import { routedShifts, shiftKey } from './time-shares.js';

/** Shifts of the roster: used by a route, optional, and optional without a route (released). */
export interface ShiftCounts {
  readonly used: number;
  readonly optional: number;
  readonly optionalReleased: number;
  /** Paid minutes of the released optional shifts (the time not paid). */
  readonly releasedPaidMinutes: number;
}

/** Revenue, cost and result in SEK (two decimals; computed in öre). */
export interface MoneyRow {
  readonly revenueSek: number;
  readonly costSek: number;
  readonly resultSek: number;
}

/** Money of one team: its total and per ISO week (`YYYY-Www`). */
export interface TeamMoney extends MoneyRow {
  readonly team: string;
  readonly weeks: (MoneyRow & { readonly week: string })[];
}

/** The `economics` KPI block. */
export interface EconomicsKpi extends MoneyRow {
  /** Wage cost of paid shifts (OB and overtime included; optional shifts' fixed cost included). */
  readonly wageCostSek: number;
  /** Car cost of the km driven by staff travelling by car. */
  readonly carCostSek: number;
  /** What the released optional shifts would have cost (wage × OB × paid minutes + fixed cost): the money saved. */
  readonly releasedShiftsSek: number;
  readonly perTeam: TeamMoney[];
  readonly perWeek: (MoneyRow & { readonly week: string })[];
}

/** Counts the roster's shifts against the plan's routes (an optional shift without a route is released). */
export function computeShiftCounts(ctx: KpiContext): ShiftCounts {
  const used = routedShifts(ctx);
  let optional = 0;
  let released = 0;
  let releasedPaid = 0;
  let nUsed = 0;
  for (const s of ctx.instance.staff) {
    for (const shift of s.shifts) {
      const routed = used.has(shiftKey(s.id, shift.id));
      if (routed) nUsed++;
      if (!shift.optional) continue;
      optional++;
      if (!routed) {
        released++;
        releasedPaid += shiftPaidMinutes(shift, ctx.clock);
      }
    }
  }
  return { used: nUsed, optional, optionalReleased: released, releasedPaidMinutes: releasedPaid };
}

/** ISO week key `YYYY-Www` of a local date. */
export function weekKey(date: string): string {
  const w = isoWeek(date);
  return `${w.year}-W${String(w.week).padStart(2, '0')}`;
}

/**
 * Money of a plan (docs/semantics.md, Economics), all in integer öre until the output:
 * - cost, by the staff member's team and the shift's ISO week: every fixed shift and every used
 *   optional shift at wage × OB × paid minutes (+ overtime at the overtime multiplier, + the
 *   optional shift's fixed cost), and car cost per km of routes of staff travelling by car;
 * - revenue, by the client's team and the visit's week: per client and budget (care, service) the
 *   planned staff-minutes, at most the granted (basis `performed`; in proportion over the weeks),
 *   or the granted minutes spread evenly over the weeks (basis `granted`), at the budget's rate per
 *   hour; HSL at its rate per planned staff-hour.
 * `null` when the instance has no `economics` block.
 */
export function computeEconomics(ctx: KpiContext): EconomicsKpi | null {
  const e = ctx.instance.economics;
  if (!e) return null;
  const weeks = [...new Set(ctx.clock.dates.map(weekKey))];
  const cells = new Map<string, { revenue: number; cost: number }>();
  const cell = (team: string, week: string): { revenue: number; cost: number } => {
    const key = `${team}\u0000${week}`;
    return cells.get(key) ?? cells.set(key, { revenue: 0, cost: 0 }).get(key)!;
  };
  for (const t of ctx.instance.teams) for (const w of weeks) cell(t.id, w);

  // Cost: paid shifts and car km.
  const used = routedShifts(ctx);
  const overtime = new Map(ctx.routes.map((r) => [shiftKey(r.route.staffId, r.route.shiftId), r.overtimeMinutes]));
  let wage = 0;
  let car = 0;
  let saved = 0;
  for (const s of ctx.instance.staff) {
    for (const shift of s.shifts) {
      const key = shiftKey(s.id, shift.id);
      if (shift.optional && !used.has(key)) {
        saved += shiftCostOre(e, s, shift, shiftPaidMinutes(shift, ctx.clock));
        continue;
      }
      const c = shiftCostOre(e, s, shift, shiftPaidMinutes(shift, ctx.clock), overtime.get(key) ?? 0);
      wage += c;
      cell(s.team, weekKey(shift.date)).cost += c;
    }
  }
  for (const r of ctx.routes) {
    if (r.staff?.travelMode !== 'car') continue;
    const c = carCostOre(e, r.travelMetres);
    car += c;
    cell(r.staff.team, weekKey(r.route.date)).cost += c;
  }

  // Revenue: per client and budget, planned staff-minutes per week, capped at the granted.
  for (const client of ctx.instance.clients) {
    const planned = { care: new Map<string, number>(), service: new Map<string, number>(), hsl: new Map<string, number>() };
    for (const v of ctx.visitsByClient.get(client.id) ?? []) {
      const week = weekKey(v.date);
      for (const t of v.tasks) {
        if (!t.task) continue;
        const budget = categoryBudget(t.task.category);
        const bucket = budget === 'care' ? planned.care : budget === 'service' ? planned.service : t.task.category === 'hsl' ? planned.hsl : null;
        if (bucket) bucket.set(week, (bucket.get(week) ?? 0) + t.minutes * v.visit.staff.length);
      }
    }
    const team = client.team;
    addBudget(e, weeks, planned.care, client.granted.careMinutes, e.reimbursement.carePerHourSek, (w, ore) => (cell(team, w).revenue += ore));
    addBudget(e, weeks, planned.service, client.granted.serviceMinutes, e.reimbursement.servicePerHourSek, (w, ore) => (cell(team, w).revenue += ore));
    for (const [w, m] of planned.hsl) cell(team, w).revenue += (oreFromSek(e.reimbursement.hslPerHourSek) * m) / 60;
  }

  const row = (revenue: number, cost: number): MoneyRow => {
    const r = Math.round(revenue);
    const c = Math.round(cost);
    return { revenueSek: sekFromOre(r), costSek: sekFromOre(c), resultSek: sekFromOre(r - c) };
  };
  const teams = [...new Set([...ctx.instance.teams.map((t) => t.id), ...[...cells.keys()].map((k) => k.split('\u0000')[0]!)])];
  const perTeam: TeamMoney[] = teams.map((team) => {
    const ws = weeks.map((week) => ({ week, ...row(cell(team, week).revenue, cell(team, week).cost) }));
    const tot = weeks.reduce((a, w) => ({ revenue: a.revenue + cell(team, w).revenue, cost: a.cost + cell(team, w).cost }), { revenue: 0, cost: 0 });
    return { team, ...row(tot.revenue, tot.cost), weeks: ws };
  });
  const perWeek = weeks.map((week) => {
    const tot = teams.reduce((a, t) => ({ revenue: a.revenue + cell(t, week).revenue, cost: a.cost + cell(t, week).cost }), { revenue: 0, cost: 0 });
    return { week, ...row(tot.revenue, tot.cost) };
  });
  const all = [...cells.values()].reduce((a, c) => ({ revenue: a.revenue + c.revenue, cost: a.cost + c.cost }), { revenue: 0, cost: 0 });
  return { ...row(all.revenue, all.cost), wageCostSek: sekFromOre(wage), carCostSek: sekFromOre(car), releasedShiftsSek: sekFromOre(saved), perTeam, perWeek };
}

/** Adds a budget's revenue per week: planned minutes capped at the granted (or the granted spread evenly). */
function addBudget(e: Economics, weeks: readonly string[], planned: ReadonlyMap<string, number>, granted: number, perHourSek: number, add: (week: string, ore: number) => void): void {
  const rate = oreFromSek(perHourSek) / 60;
  if (e.reimbursement.basis === 'granted') {
    for (const w of weeks) add(w, (rate * granted) / weeks.length);
    return;
  }
  const total = [...planned.values()].reduce((s, m) => s + m, 0);
  const scale = total > granted ? granted / total : 1;
  for (const [w, m] of planned) add(w, rate * m * scale);
}
