import type { KpiContext } from './context.js';
import { count, tally, tallyShare, type Tally } from './stats.js';

/** Named-contact (fast omsorgskontakt) share, pooled and per client. */
export interface NamedContactResult {
  /** Visits with the named contact among the staff ÷ visits, over clients with a named contact. */
  readonly share: number | null;
  /** Per client id with a named contact: its visits and those with the named contact. */
  readonly byClient: ReadonlyMap<string, Tally>;
}

/**
 * Named-contact share: of all visits to clients that have a named contact, the share with the named
 * contact among the visit's staff. `null` when no such visit exists.
 */
export function computeNamedContact(ctx: KpiContext): NamedContactResult {
  const total = tally();
  const byClient = new Map<string, Tally>();
  for (const client of ctx.instance.clients) {
    if (client.namedContact === undefined) continue;
    const t = tally();
    byClient.set(client.id, t);
    for (const v of ctx.visitsByClient.get(client.id) ?? []) {
      const hit = v.visit.staff.includes(client.namedContact);
      count(t, hit);
      count(total, hit);
    }
  }
  return { share: tallyShare(total), byClient };
}
