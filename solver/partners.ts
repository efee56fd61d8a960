/**
 * What the schedule model's scan needs to know about link partners outside the visits it has
 * scanned: whether a partner is unplanned, fixed on another route (with its start), ahead in the
 * same sequence, or moved by the same proposal.
 */

/** Where a link partner stands, as a scan needs to know ({@link PartnerView.locate}). */
export const PARTNER_NONE = 0;
/** On a route the scan does not change: {@link PartnerView.startOf} gives its start. */
export const PARTNER_FIXED = 1;
/** Later in the sequence being scanned. */
export const PARTNER_AHEAD = 2;
/** On another route the same proposal changes: its start is not known to this scan. */
export const PARTNER_MOVED = 3;

/** What a scan needs to know about link partners outside the visits it has scanned. */
export interface PartnerView {
  /** One of the PARTNER_* codes for partner w (never for a visit the scan has already scanned). */
  locate(w: number): number;
  /** Start of a {@link PARTNER_FIXED} partner. */
  startOf(w: number): number;
}


/** A view for problems without links (or scans that never meet a linked visit). */
export const NO_PARTNERS: PartnerView = { locate: () => PARTNER_NONE, startOf: () => NaN };

/**
 * Partners as a committed route's scan sees them: a partner on the route itself is ahead (the scan
 * has not reached it), one on another route is fixed at its committed start.
 */
export class CommittedPartners implements PartnerView {
  /** The route being scanned. */
  route = -1;
  constructor(
    private readonly routeOf: Int32Array,
    private readonly start: Float64Array,
  ) {}
  locate(w: number): number {
    const r = this.routeOf[w]!;
    return r < 0 ? PARTNER_NONE : r === this.route ? PARTNER_AHEAD : PARTNER_FIXED;
  }
  startOf(w: number): number {
    return this.start[w]!;
  }
}

