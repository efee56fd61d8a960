import type { WeekModel } from './model.js';

/**
 * A small core team per client, chosen before routing so that the first pass already steers each
 * client's visits to few staff: the named contact first, then greedily the staff member who can do
 * the most of the client's still uncovered visits (on shift that day over the visit's window,
 * qualified, not refused), preferring the client's team and staff with less core work so far, until
 * every visit has someone or nobody covers the rest. Staff whose core visit minutes reach 80 % of
 * their shift minutes take no more clients. Clients with the most visits choose first.
 */
export function coreTeams(model: WeekModel, loadCap = 0.8): Set<number>[] {
  const { instance, clock, shifts, occurrences: occ, candidates, candClient, staffIndex } = model;
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
      const skills = members.flatMap((o) => o.task.skills);
      const set = new Set<number>();
      for (const sh of shiftsByDate.get(members[0]!.date) ?? []) {
        const staff = instance.staff[sh.s]!;
        if (client.preferences.refusedStaff.includes(staff.id) || !skills.every((k) => staff.skills.includes(k))) continue;
        if (cand.windows.some((w) => w.end >= sh.start && w.start + minutes <= sh.end)) set.add(sh.s);
      }
      return { set, minutes };
    });
    const uncovered = new Set(able.keys());
    const chosen = result[c]!;
    const named = client.namedContact !== undefined ? staffIndex.get(client.namedContact) : undefined;
    const take = (s: number): void => {
      chosen.add(s);
      for (const i of [...uncovered]) {
        if (able[i]!.set.has(s)) {
          uncovered.delete(i);
          load[s]! += able[i]!.minutes;
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
        for (const i of uncovered) if (able[i]!.set.has(s)) n++;
        if (n === 0) continue;
        const score = n + (instance.staff[s]!.team === client.team ? 0.5 : 0) - load[s]! / Math.max(1, capacity[s]!);
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

