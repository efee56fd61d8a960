import { canServe } from '../compose.js';
import type { WeekModel } from './model.js';

/** Share of each hour a core member's visits may fill (the rest is travel and other clients' visits). */
export const PEAK_SHARE = 0.85;

/** Share of a candidate's coverage lost per car minute between the client and the staff member's other core clients. */
export const CORE_TERRITORY_WEIGHT = 0.04;

/**
 * A small core team per client, chosen before routing so that the first pass already steers each
 * client's visits to few staff: the named contact first, then greedily the staff member who can do
 * the most of the client's still uncovered visits (on shift that day over the visit's window,
 * qualified, not refused), discounted by how far the client lies from the staff member's other core
 * clients (territories keep continuity cheap in travel), preferring the client's team (its staff count double) and staff with
 * less core work so far, until
 * every visit has someone or nobody covers the rest. Staff whose core visit minutes reach 80 % of
 * their shift minutes take no more clients. Clients with the most visits choose first.
 */
export function coreTeams(model: WeekModel, loadCap = 0.8, territory = CORE_TERRITORY_WEIGHT): Set<number>[] {
  const { instance, clock, shifts, occurrences: occ, candidates, candClient, staffIndex, travel } = model;
  // Territories: the summed car minutes from a client to each staff member's core clients so far.
  const nLoc = travel.locations.length;
  const car = travel.minutesByMode.car;
  const clientLoc = instance.clients.map((c) => travel.indexOf('client', c.id));
  const coreLocs: number[][] = instance.staff.map(() => []);
  const meanMinutes = (s: number, loc: number): number => {
    const locs = coreLocs[s]!;
    if (locs.length === 0) return 0;
    let sum = 0;
    for (const l of locs) sum += car[loc * nLoc + l]!;
    return sum / locs.length;
  };
  const nS = instance.staff.length;
  const capacity = new Float64Array(nS);
  const shiftsByDate = new Map<string, { s: number; start: number; end: number }[]>();
  for (const { staff, shift } of shifts) {
    const iv = clock.shiftInterval(shift.date, shift.start, shift.end);
    const s = staffIndex.get(staff.id)!;
    capacity[s]! += iv.end - iv.start;
    (shiftsByDate.get(shift.date) ?? shiftsByDate.set(shift.date, []).get(shift.date)!).push({ s, start: iv.start, end: iv.end });
  }
  const load = new Float64Array(nS);
  // Hourly load per staff member: a visit's minutes spread over the hours its window spans, at most
  // PEAK_SHARE of each hour, so a core team can do its visits at the times they are due.
  const nHours = Math.ceil((clock.days * 1440) / 60) + 48;
  const hourly = new Float64Array(nS * nHours);
  const spanOf = (w: { start: number; end: number }, minutes: number): [number, number] => [
    Math.max(0, Math.floor(w.start / 60)),
    Math.min(nHours - 1, Math.floor((w.end + minutes - 1) / 60)),
  ];
  const fits = (s: number, span: [number, number], minutes: number): boolean => {
    let used = 0;
    for (let h = span[0]; h <= span[1]; h++) used += hourly[s * nHours + h]!;
    return used + minutes <= PEAK_SHARE * 60 * (span[1] - span[0] + 1);
  };
  const book = (s: number, span: [number, number], minutes: number): void => {
    const per = minutes / (span[1] - span[0] + 1);
    for (let h = span[0]; h <= span[1]; h++) hourly[s * nHours + h]! += per;
  };
  const byClient = new Map<number, number[]>();
  candidates.forEach((_, ci) => (byClient.get(candClient[ci]!) ?? byClient.set(candClient[ci]!, []).get(candClient[ci]!)!).push(ci));
  const order = [...byClient.keys()].sort((a, b) => byClient.get(b)!.length - byClient.get(a)!.length || a - b);
  const result = instance.clients.map(() => new Set<number>());
  for (const c of order) {
    const client = instance.clients[c]!;
    const visits = byClient.get(c)!;
    const able = visits.map((ci) => {
      const cand = candidates[ci]!;
      const members = cand.members.map((m) => occ[m]!);
      const minutes = members.reduce((sum, o) => sum + o.minutes, 0);
      const needs = { refused: client.preferences.refusedStaff, skills: members.flatMap((o) => o.task.skills), windows: cand.windows, minutes };
      const set = new Set<number>();
      for (const sh of shiftsByDate.get(members[0]!.date) ?? []) if (canServe(instance.staff[sh.s]!, sh.start, sh.end, needs)) set.add(sh.s);
      const w = cand.windows[0]!;
      return { set, minutes, span: spanOf({ start: w.start, end: cand.windows[cand.windows.length - 1]!.end }, minutes) };
    });
    const uncovered = new Set(able.keys());
    const chosen = result[c]!;
    const named = client.namedContact !== undefined ? staffIndex.get(client.namedContact) : undefined;
    const take = (s: number): void => {
      chosen.add(s);
      coreLocs[s]!.push(clientLoc[c]!);
      for (const i of [...uncovered]) {
        const a = able[i]!;
        if (a.set.has(s) && fits(s, a.span, a.minutes)) {
          uncovered.delete(i);
          load[s]! += a.minutes;
          book(s, a.span, a.minutes);
        }
      }
    };
    if (named !== undefined) take(named);
    while (uncovered.size > 0) {
      let best = -1;
      let bestScore = -Infinity;
      for (let s = 0; s < nS; s++) {
        if (chosen.has(s) || load[s]! >= loadCap * capacity[s]!) continue;
        let n = 0;
        for (const i of uncovered) if (able[i]!.set.has(s) && fits(s, able[i]!.span, able[i]!.minutes)) n++;
        if (n === 0) continue;
        const score =
          n * Math.max(0.1, 1 - territory * meanMinutes(s, clientLoc[c]!)) * (instance.staff[s]!.team === client.team ? 2 : 1) - load[s]! / Math.max(1, capacity[s]!);
        if (score > bestScore) {
          bestScore = score;
          best = s;
        }
      }
      if (best < 0) break;
      take(best);
    }
  }
  return result;
}

