import type { Place } from '../../schema/plan.js';
import { placeText } from '../format.js';
import type { CheckRule, Violation } from '../types.js';

const same = (a: Place, b: Place): boolean => a.kind === b.kind && a.id === b.id;

/**
 * Rule 3, place continuity: a route starts and ends at the shift base, each travel leaves from where
 * the staff member is, a visit happens at the client's home (so every move between stops is a travel
 * event with its time), and waits and breaks happen where the staff member is; a break at a base is
 * at the shift base.
 */
export const placesRule: CheckRule = {
  name: 'places',
  scope: 'entity',
  codes: ['PLACE'],
  rule: 3,
  check(ctx) {
    const out: Violation[] = [];
    for (const r of ctx.routes) {
      const ids = { staffId: r.route.staffId, shiftId: r.route.shiftId, rule: 3 };
      const who = `Staff ${r.route.staffId}'s route for shift ${r.route.shiftId}`;
      const base: Place | undefined = r.shift ? { kind: 'base', id: r.shift.base } : undefined;
      let here: Place | undefined;
      const push = (path: string, message: string, visitId?: string): void => {
        out.push({ code: 'PLACE', path, ...ids, visitId, message });
      };
      for (const e of r.events) {
        const ev = e.event;
        switch (ev.type) {
          case 'start':
            if (base && !same(ev.place, base)) push(`${e.path}.place`, `${who} starts at ${placeText(ev.place)}, not at the shift base ${base.id}.`);
            here = ev.place;
            break;
          case 'travel':
            if (here && !same(ev.from, here)) {
              push(`${e.path}.from`, `${who} travels from ${placeText(ev.from)}, but the staff member is at ${placeText(here)}.`);
            }
            here = ev.to;
            break;
          case 'wait':
            if (here && !same(ev.place, here)) push(`${e.path}.place`, `${who} waits at ${placeText(ev.place)}, but the staff member is at ${placeText(here)}.`);
            here = ev.place;
            break;
          case 'break':
            if (here && !same(ev.place, here)) {
              push(`${e.path}.place`, `${who} has a break at ${placeText(ev.place)}, but the staff member is at ${placeText(here)}.`);
            } else if (base && ev.place.kind === 'base' && ev.place.id !== base.id) {
              push(`${e.path}.place`, `${who} has a break at base ${ev.place.id}, not at the shift base ${base.id}.`);
            }
            here = ev.place;
            break;
          case 'visit': {
            const v = ctx.visitById.get(ev.visitId);
            if (!v) break;
            const home: Place = { kind: 'client', id: v.visit.clientId };
            if (here && !same(here, home)) {
              push(e.path, `${who} reaches visit ${ev.visitId} at client ${home.id} while at ${placeText(here)}, with no travel there.`, ev.visitId);
            }
            here = home;
            break;
          }
          case 'end':
            if (base && !same(ev.place, base)) {
              push(`${e.path}.place`, `${who} ends at ${placeText(ev.place)}, not at the shift base ${base.id}.`);
            } else if (here && !same(ev.place, here)) {
              push(`${e.path}.place`, `${who} ends at ${placeText(ev.place)}, but the staff member is still at ${placeText(here)} with no travel back.`);
            }
            here = ev.place;
            break;
        }
      }
    }
    return out;
  },
};
