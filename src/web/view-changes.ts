/**
 * A drag's view as changes against the view of the plan as it came, so that the board does not
 * receive and read the whole week (about 0.6 MB on a municipality) for every drop. The server
 * compares the two views row by row ({@link viewChanges}: rows are shared between a session's
 * views, so a row the moves did not touch is the same object); the page rebuilds the whole view
 * from the plan's own view and the changes ({@link MERGE_VIEW}), the same view `view: 'full'` sends.
 * @module
 */
import type { ReportData } from '../report/index.js';

/** A view as the board draws it: the report's data with its texts. */
export type BoardView = ReportData & Record<string, unknown>;

/** What differs between the view of a moved plan and the view of the plan as it came. */
export interface ViewChanges {
  /** [index, row] of each visit row that differs. */
  readonly visits: [number, ReportData['visits'][number]][];
  /** [day index, the day's routes in order] of each day whose routes differ. */
  readonly days: [number, ReportData['routes']][];
  /** Other parts of the view that differ, whole. */
  readonly parts: Record<string, unknown>;
}

/**
 * The changes that turn `base` into `view`, or undefined when the visits are not the same list
 * (the view is then sent whole). Rows are compared as objects: a row built again with equal
 * content is sent again, which costs bytes, never correctness.
 */
export function viewChanges(base: BoardView, view: BoardView): ViewChanges | undefined {
  if (base.visits.length !== view.visits.length) return undefined;
  const visits: ViewChanges['visits'] = [];
  view.visits.forEach((row, i) => {
    if (row !== base.visits[i]) visits.push([i, row]);
  });
  const before = byDay(base.routes);
  const after = byDay(view.routes);
  const days: ViewChanges['days'] = [];
  for (const d of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(d) ?? [];
    const b = after.get(d) ?? [];
    if (a.length !== b.length || a.some((r, k) => r !== b[k])) days.push([d, b]);
  }
  days.sort((x, y) => x[0] - y[0]);
  const parts: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(base), ...Object.keys(view)])) {
    if (k !== 'visits' && k !== 'routes' && base[k] !== view[k]) parts[k] = view[k] ?? null;
  }
  return { visits, days, parts };
}

/** Routes per day index, in their order (the view's routes are sorted by day first). */
function byDay(routes: ReportData['routes']): Map<number, ReportData['routes']> {
  const out = new Map<number, ReportData['routes']>();
  for (const r of routes) (out.get(r[1]) ?? out.set(r[1], []).get(r[1])!).push(r);
  return out;
}

/**
 * The page's side (plain ES2017): `mergeView(base, changes)` is the whole view — the base's parts
 * and rows, the changed ones replaced, the routes day by day in day order (a part that is `null`
 * is absent). `base` is not changed.
 */
export const MERGE_VIEW = String.raw`function mergeView(base,ch){
  var D={},k;
  for(k in base)D[k]=base[k];
  for(k in ch.parts){if(ch.parts[k]===null)delete D[k];else D[k]=ch.parts[k];}
  if(ch.visits.length){D.visits=base.visits.slice();ch.visits.forEach(function(x){D.visits[x[0]]=x[1];});}
  if(ch.days.length){
    var by={},days=[],seen={};
    base.routes.forEach(function(r){if(!seen[r[1]]){seen[r[1]]=1;days.push(r[1]);by[r[1]]=[];}by[r[1]].push(r);});
    ch.days.forEach(function(x){if(!seen[x[0]]){seen[x[0]]=1;days.push(x[0]);}by[x[0]]=x[1];});
    days.sort(function(a,b){return a-b;});
    D.routes=[];days.forEach(function(d){D.routes=D.routes.concat(by[d]);});
  }
  return D;
}`;
