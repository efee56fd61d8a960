import type { Instance } from '../schema/instance.js';
import type { Place, Plan } from '../schema/plan.js';

/** A GeoJSON position: [longitude, latitude]. */
export type Position = [number, number];

/** A GeoJSON Feature with a Point or LineString geometry (RFC 7946). */
export interface GeoFeature {
  readonly type: 'Feature';
  readonly geometry: { readonly type: 'Point'; readonly coordinates: Position } | { readonly type: 'LineString'; readonly coordinates: Position[] };
  readonly properties: Record<string, string | number | string[] | null>;
}

/** A GeoJSON FeatureCollection. */
export interface GeoFeatureCollection {
  readonly type: 'FeatureCollection';
  readonly features: GeoFeature[];
}

/**
 * Routes as GeoJSON (RFC 7946, WGS84 `[lon, lat]`): a Point per base (`kind: "base"`), a LineString
 * per route from its base through its stops back to its base (`kind: "route"`, staff, shift, date,
 * travel minutes and metres, visit count) and a Point per visit at the client's home
 * (`kind: "visit"`, ids and instants; no names). Unknown ids are skipped.
 */
export function exportGeoJson(instance: Instance, plan: Plan): GeoFeatureCollection {
  const bases = new Map(instance.bases.map((b) => [b.id, b]));
  const clients = new Map(instance.clients.map((c) => [c.id, c]));
  const pos = (p: Place): Position | undefined => {
    const l = p.kind === 'base' ? bases.get(p.id)?.location : clients.get(p.id)?.location;
    return l ? [l.lon, l.lat] : undefined;
  };
  const features: GeoFeature[] = instance.bases.map((b) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [b.location.lon, b.location.lat] },
    properties: { kind: 'base', id: b.id, name: b.name ?? null },
  }));
  for (const r of plan.routes) {
    const coords: Position[] = [];
    const push = (p: Position | undefined): void => {
      if (p) coords.push(p);
    };
    let travelMinutes = 0;
    let travelMetres = 0;
    let visits = 0;
    for (const e of r.events) {
      if (e.type === 'start' || e.type === 'end') push(pos(e.place));
      else if (e.type === 'travel') {
        push(pos(e.to));
        travelMinutes += e.minutes;
        travelMetres += e.metres;
      } else if (e.type === 'visit') visits++;
    }
    if (coords.length === 1) coords.push(coords[0]!);
    if (coords.length < 2) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: coords },
      properties: { kind: 'route', staffId: r.staffId, shiftId: r.shiftId, date: r.date, travelMinutes, travelMetres, visits },
    });
  }
  for (const v of plan.visits) {
    const c = clients.get(v.clientId);
    if (!c) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [c.location.lon, c.location.lat] },
      properties: { kind: 'visit', visitId: v.id, clientId: v.clientId, date: v.date, start: v.start, end: v.end, staff: v.staff },
    });
  }
  return { type: 'FeatureCollection', features };
}
