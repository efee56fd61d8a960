/**
 * What changed between two plans (`slinga diff`, `plan.changes`): which visits kept their staff and
 * time, which were restaffed, retimed, moved to another day, added or removed; per staff member what
 * the planner must tell them, per client whom to call. Ids, dates and instants only.
 * @module
 */
import { isoWeek } from '../calendar.js';
import type { Plan, PlanDiff, PlannedVisit, VisitChangeKind } from '../schema/plan.js';

/** A start that moved more than this many minutes is a retime (the contract's threshold). */
export const RETIME_MINUTES = 15;

/** Options of {@link diffPlans}. */
export interface DiffOptions {
  /**
   * Why visits changed: reference visit id → change type (e.g. `staffAbsent`). When given, the diff
   * gets `byReason`; changed visits without an entry, and added visits (they have no reference
   * id), count under `other`.
   */
  readonly reasons?: ReadonlyMap<string, string>;
}

/** A visit with its identity key and start as epoch minutes. */
interface Entry {
  readonly v: PlannedVisit;
  /** Client and sorted, distinct task ids: the identity of a visit apart from its date. */
  readonly key: string;
  readonly start: number;
}

/** A reference visit and its partner in the new plan. */
interface Pair {
  readonly ref: Entry;
  readonly next: Entry;
  readonly movedDay: boolean;
}

const KIND_ORDER: readonly VisitChangeKind[] = ['restaffed', 'retimed', 'movedDay', 'added', 'removed'];

/** Code-point order: deterministic and locale-independent. */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function entry(v: PlannedVisit): Entry {
  const tasks = [...new Set(v.tasks.map((t) => t.taskId))].sort(cmp);
  // Instants carry offsets: compare them as instants, never as strings.
  const ms = Date.parse(v.start);
  if (Number.isNaN(ms)) throw new RangeError(`visit ${v.id}: start is not a date-time: ${v.start}`);
  return { v, key: `${v.clientId}\u0000${tasks.join('\u0000')}`, start: ms / 60_000 };
}

/**
 * Pairs reference and new visits within groups of equal `group` key: every candidate pair sorted by
 * |Δstart| then ids, taken greedily (deterministic; nearest starts pair first). `allow` filters
 * candidates. Returns the pairs and marks the paired entries in `used`.
 */
function pairGreedy(
  refs: readonly Entry[],
  nexts: readonly Entry[],
  group: (e: Entry) => string,
  allow: (r: Entry, n: Entry) => boolean,
  used: Set<Entry>,
): [Entry, Entry][] {
  const byGroup = new Map<string, Entry[]>();
  for (const n of nexts) {
    const g = group(n);
    let list = byGroup.get(g);
    if (!list) byGroup.set(g, (list = []));
    list.push(n);
  }
  const candidates: [Entry, Entry, number][] = [];
  for (const r of refs) for (const n of byGroup.get(group(r)) ?? []) if (allow(r, n)) candidates.push([r, n, Math.abs(n.start - r.start)]);
  candidates.sort((a, b) => a[2] - b[2] || cmp(a[0].v.id, b[0].v.id) || cmp(a[1].v.id, b[1].v.id));
  const out: [Entry, Entry][] = [];
  for (const [r, n] of candidates) {
    if (used.has(r) || used.has(n)) continue;
    used.add(r);
    used.add(n);
    out.push([r, n]);
  }
  return out;
}

const sameStaff = (a: readonly string[], b: readonly string[]): boolean => {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((s) => sb.has(s));
};

/** `2026-11-24T08:00:00+01:00 s12,s40`: the start as written in the plan and the sorted staff ids. */
function visitSummary(v: PlannedVisit): string {
  return `${v.start} ${[...new Set(v.staff)].sort(cmp).join(',')}`;
}

/**
 * What changed from `reference` to `next`. Two visits are the same when client, date and the set of
 * task ids agree; several such visits pair by nearest start. A pair is `restaffed` when the staff
 * sets differ and `retimed` when the start moved more than {@link RETIME_MINUTES} minutes (both may
 * hold; `unchanged` when neither). Visits left without a same-date partner pair with a visit of the
 * same client and task set on another date of the same ISO week as `movedDay`; the rest are
 * `removed` (reference) or `added` (next). A moved visit counts only under `movedDay`.
 *
 * `staff` lists per staff member the new-plan ids of visits now on their route (`added`: new, moved
 * to them, or moved day onto them), the reference ids they no longer make (`removed`), and the
 * new-plan ids of visits they keep whose start moved more than the threshold (`retimed`). `clients`
 * lists each change of each visit (a visit both restaffed and retimed gives two entries) with
 * before and after as start and staff. Sorted by id, then visit start; pure and deterministic.
 */
export function diffPlans(reference: Plan, next: Plan, options: DiffOptions = {}): PlanDiff {
  const refs = reference.visits.map(entry);
  const nexts = next.visits.map(entry);
  const used = new Set<Entry>();
  const pairs: Pair[] = [];
  for (const [ref, n] of pairGreedy(refs, nexts, (e) => `${e.key}\u0001${e.v.date}`, () => true, used)) pairs.push({ ref, next: n, movedDay: false });
  const weekOf = (date: string): string => {
    const w = isoWeek(date);
    return `${w.year}-${w.week}`;
  };
  const leftRefs = refs.filter((e) => !used.has(e));
  const leftNexts = nexts.filter((e) => !used.has(e));
  const moved = pairGreedy(leftRefs, leftNexts, (e) => `${e.key}\u0001${weekOf(e.v.date)}`, (r, n) => r.v.date !== n.v.date, used);
  for (const [ref, n] of moved) pairs.push({ ref, next: n, movedDay: true });

  const counts = { unchanged: 0, restaffed: 0, retimed: 0, movedDay: 0, added: 0, removed: 0 };
  const staff = new Map<string, { added: Set<string>; removed: Set<string>; retimed: Set<string> }>();
  const person = (id: string): { added: Set<string>; removed: Set<string>; retimed: Set<string> } => {
    let s = staff.get(id);
    if (!s) staff.set(id, (s = { added: new Set(), removed: new Set(), retimed: new Set() }));
    return s;
  };
  type Change = { clientId: string; visitId: string; what: VisitChangeKind; from: string | null; to: string | null; at: number };
  const changes: Change[] = [];
  // Reference id per changed visit; undefined for added visits (never looked up by a new-plan id,
  // which could coincide with an unrelated reference id).
  const changedKeys: (string | undefined)[] = [];

  for (const { ref, next: n, movedDay } of pairs) {
    const restaffed = !sameStaff(ref.v.staff, n.v.staff);
    const shifted = Math.abs(n.start - ref.start) > RETIME_MINUTES;
    const kinds: VisitChangeKind[] = movedDay ? ['movedDay'] : [...(restaffed ? ['restaffed' as const] : []), ...(shifted ? ['retimed' as const] : [])];
    if (kinds.length === 0) {
      counts.unchanged++;
      continue;
    }
    for (const k of kinds) counts[k]++;
    changedKeys.push(ref.v.id);
    for (const k of kinds) changes.push({ clientId: n.v.clientId, visitId: n.v.id, what: k, from: visitSummary(ref.v), to: visitSummary(n.v), at: n.start });
    const before = new Set(ref.v.staff);
    const after = new Set(n.v.staff);
    for (const s of after) {
      if (!before.has(s)) person(s).added.add(n.v.id);
      else if (shifted) person(s).retimed.add(n.v.id);
    }
    for (const s of before) if (!after.has(s)) person(s).removed.add(ref.v.id);
  }
  for (const r of refs) {
    if (used.has(r)) continue;
    counts.removed++;
    changedKeys.push(r.v.id);
    changes.push({ clientId: r.v.clientId, visitId: r.v.id, what: 'removed', from: visitSummary(r.v), to: null, at: r.start });
    for (const s of r.v.staff) person(s).removed.add(r.v.id);
  }
  for (const n of nexts) {
    if (used.has(n)) continue;
    counts.added++;
    changedKeys.push(undefined);
    changes.push({ clientId: n.v.clientId, visitId: n.v.id, what: 'added', from: null, to: visitSummary(n.v), at: n.start });
    for (const s of n.v.staff) person(s).added.add(n.v.id);
  }

  const sorted = (s: Set<string>): string[] => [...s].sort(cmp);
  const staffOut = [...staff.entries()]
    .sort((a, b) => cmp(a[0], b[0]))
    .map(([staffId, s]) => ({ staffId, added: sorted(s.added), removed: sorted(s.removed), retimed: sorted(s.retimed) }))
    .filter((s) => s.added.length + s.removed.length + s.retimed.length > 0);

  const byClient = new Map<string, Change[]>();
  for (const c of changes) {
    let list = byClient.get(c.clientId);
    if (!list) byClient.set(c.clientId, (list = []));
    list.push(c);
  }
  const clients = [...byClient.entries()]
    .sort((a, b) => cmp(a[0], b[0]))
    .map(([clientId, list]) => ({
      clientId,
      changed: list
        .sort((a, b) => a.at - b.at || cmp(a.visitId, b.visitId) || KIND_ORDER.indexOf(a.what) - KIND_ORDER.indexOf(b.what))
        .map(({ visitId, what, from, to }) => ({ visitId, what, from, to })),
    }));

  const diff: PlanDiff = { visits: counts, staff: staffOut, clients };
  if (options.reasons) {
    const tally = new Map<string, number>();
    for (const id of changedKeys) {
      const reason = (id === undefined ? undefined : options.reasons.get(id)) ?? 'other';
      tally.set(reason, (tally.get(reason) ?? 0) + 1);
    }
    diff.byReason = Object.fromEntries([...tally.entries()].sort((a, b) => cmp(a[0], b[0])));
  }
  return diff;
}

/** The visit ids of `diff` that are in the new plan, with their kinds of change (removed visits are not). */
export function changedVisits(diff: PlanDiff): Map<string, VisitChangeKind[]> {
  const out = new Map<string, VisitChangeKind[]>();
  for (const c of diff.clients) {
    for (const ch of c.changed) {
      if (ch.what === 'removed') continue;
      const list = out.get(ch.visitId);
      if (list) {
        if (!list.includes(ch.what)) list.push(ch.what);
      } else out.set(ch.visitId, [ch.what]);
    }
  }
  return out;
}

/**
 * A plan diff as plain text for a planner: the counts, then whom to tell (per staff member: visits
 * added to, removed from and retimed on their route), then whom to call (per client: each change
 * with before → after). Ids, dates and times only.
 */
export function formatDiffText(diff: PlanDiff): string {
  const v = diff.visits;
  const lines = [
    `visits: ${v.unchanged} unchanged, ${v.restaffed} restaffed, ${v.retimed} retimed, ${v.movedDay} moved day, ${v.added} added, ${v.removed} removed`,
  ];
  if (diff.byReason) lines.push(`by reason: ${Object.entries(diff.byReason).map(([r, n]) => `${r} ${n}`).join(', ') || 'none'}`);
  lines.push('', `tell (${diff.staff.length} staff):`);
  if (diff.staff.length === 0) lines.push('  nobody');
  for (const s of diff.staff) {
    const parts = [
      s.added.length > 0 ? `added ${s.added.join(' ')}` : '',
      s.removed.length > 0 ? `removed ${s.removed.join(' ')}` : '',
      s.retimed.length > 0 ? `retimed ${s.retimed.join(' ')}` : '',
    ].filter(Boolean);
    lines.push(`  ${s.staffId}: ${parts.join('; ')}`);
  }
  lines.push('', `call (${diff.clients.length} clients):`);
  if (diff.clients.length === 0) lines.push('  nobody');
  for (const c of diff.clients) {
    lines.push(`  ${c.clientId}:`);
    for (const ch of c.changed) lines.push(`    ${ch.visitId} ${ch.what}: ${ch.from ?? '—'} → ${ch.to ?? '—'}`);
  }
  return lines.join('\n');
}
