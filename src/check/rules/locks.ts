import type { CheckRule, Violation } from '../types.js';

/**
 * The living plan: a replanned plan keeps its locks and its frozen past. Each lock in `plan.locks`
 * records what the visit keeps (its staff, its start, or both) as it stood in the plan that was
 * replanned, so this rule needs only the plan: the visit exists (`LOCK_MISSING`), keeps its staff
 * (`LOCK_STAFF`, as a set) and its start (`LOCK_TIME`, as an instant); a lock without what it keeps
 * is `LOCK_INCOMPLETE`, a second lock on one visit `LOCK_DUPLICATE`. With `frozenBefore`, every
 * visit that starts before it must be a frozen lock, and every frozen lock must start before it
 * (`FROZEN_CHANGED`): nothing was added to or moved into the past.
 */
export const locksRule: CheckRule = {
  name: 'locks',
  scope: 'entity',
  codes: ['LOCK_MISSING', 'LOCK_STAFF', 'LOCK_TIME', 'LOCK_INCOMPLETE', 'LOCK_DUPLICATE', 'FROZEN_CHANGED'],
  check(ctx) {
    const out: Violation[] = [];
    const locks = ctx.plan.locks ?? [];
    const seen = new Set<string>();
    const frozen = new Set<string>();
    const instant = (iso: string | undefined): number => (iso === undefined ? NaN : Date.parse(iso));
    locks.forEach((lock, i) => {
      const path = `locks[${i}]`;
      const ids = { path, visitId: lock.visitId };
      if (seen.has(lock.visitId)) {
        out.push({ code: 'LOCK_DUPLICATE', ...ids, message: `Visit ${lock.visitId} is locked more than once.` });
        return;
      }
      seen.add(lock.visitId);
      if (lock.reason === 'frozen') frozen.add(lock.visitId);
      const v = ctx.visitById.get(lock.visitId);
      if (!v) {
        out.push({ code: 'LOCK_MISSING', ...ids, message: `Visit ${lock.visitId} is locked but not in the plan.` });
        return;
      }
      const keepsStaff = lock.keep !== 'time';
      const keepsTime = lock.keep !== 'staff';
      if ((keepsStaff && !lock.staff) || (keepsTime && !lock.start)) {
        out.push({ code: 'LOCK_INCOMPLETE', ...ids, message: `The lock of visit ${lock.visitId} keeps ${lock.keep} but does not say which ${keepsStaff && !lock.staff ? 'staff' : 'start'}.` });
        return;
      }
      if (keepsStaff) {
        const want = [...lock.staff!].sort().join(',');
        const have = [...v.visit.staff].sort().join(',');
        if (want !== have) out.push({ code: 'LOCK_STAFF', ...ids, path: `${v.path}.staff`, message: `Visit ${lock.visitId} is locked to staff ${lock.staff!.join(', ')} but is made by ${v.visit.staff.join(', ')}.` });
      }
      if (keepsTime && instant(lock.start) !== instant(v.visit.start)) {
        out.push({ code: 'LOCK_TIME', ...ids, path: `${v.path}.start`, message: `Visit ${lock.visitId} is locked to start at ${lock.start} but starts at ${v.visit.start}.` });
      }
      if (lock.reason === 'frozen' && ctx.plan.frozenBefore !== undefined && !(instant(lock.start ?? v.visit.start) < instant(ctx.plan.frozenBefore))) {
        out.push({ code: 'FROZEN_CHANGED', ...ids, message: `Visit ${lock.visitId} is recorded as frozen but starts at or after ${ctx.plan.frozenBefore}.` });
      }
    });
    if (ctx.plan.frozenBefore !== undefined) {
      const cut = instant(ctx.plan.frozenBefore);
      for (const v of ctx.visits) {
        if (!(instant(v.visit.start) < cut) || frozen.has(v.visit.id)) continue;
        out.push({
          code: 'FROZEN_CHANGED',
          path: `${v.path}.start`,
          visitId: v.visit.id,
          message: `Visit ${v.visit.id} starts at ${v.visit.start}, before the plan was frozen (${ctx.plan.frozenBefore}), but was not in the frozen plan: the past changed.`,
        });
      }
    }
    return out;
  },
};
