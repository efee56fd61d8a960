/**
 * `viewChanges` and the page's `mergeView` (src/web/view-changes.ts): the base view with the
 * changes merged is the whole view, also when a day loses all its routes, a day gets its first,
 * a part appears or goes, and the visits are not the same list (then there are no changes to send).
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ReportViewer } from '../../src/report/index.js';
import { MERGE_VIEW, viewChanges, type BoardView, type ViewChanges } from '../../src/web/index.js';
import { tiny } from '../report/fixtures.js';

const json = (x: unknown): unknown => JSON.parse(JSON.stringify(x));
const merge = runInNewContext(`(${MERGE_VIEW})`) as (b: unknown, c: unknown) => unknown;
/** The page's merge on JSON, as the page receives it. */
const merged = (base: BoardView, ch: ViewChanges): unknown => json(merge(json(base), json(ch)));

describe('viewChanges and mergeView', () => {
  const { instance, plan } = tiny();
  const base = new ReportViewer(instance).view(plan, 'sv').data;

  it('no moves: nothing changes', () => {
    expect(viewChanges(base, base)).toEqual({ visits: [], days: [], parts: {} });
    expect(merged(base, viewChanges(base, base)!)).toEqual(json(base));
  });

  it('rows, a day emptied and a day filled, parts added and removed: merged, the whole view', () => {
    const day = base.routes[0]![1];
    const visits = base.visits.map((v, i) => (i === 1 ? ([...v] as typeof v) : v));
    const view: BoardView = { ...base, visits, routes: base.routes.filter((r) => r[1] !== day), chg: [[1, ['restaffed']]] };
    delete (view as Record<string, unknown>).cat;
    const ch = viewChanges(base, view)!;
    expect(ch.visits.map(([i]) => i)).toEqual([1]);
    expect(ch.days).toEqual([[day, []]]);
    expect(Object.keys(ch.parts).sort()).toEqual(['cat', 'chg']);
    expect(merged(base, ch)).toEqual(json(view));
    // And back: against the view without that day, the base's changes fill it again, in day order.
    const back = viewChanges(view, base)!;
    expect(back.days.map(([d]) => d)).toEqual([day]);
    expect(back.parts).toEqual({ cat: base.cat, chg: null });
    expect(merged(view, back)).toEqual(json(base));
  });

  it('visits not the same list: the view goes whole', () => {
    expect(viewChanges(base, { ...base, visits: base.visits.slice(1) })).toBeUndefined();
  });
});
