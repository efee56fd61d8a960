import type { Rng } from '../../solver/rng.js';

/** A WGS84 position. */
export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

const KM_PER_DEG_LAT = 111.32;

/** Moves a position by `km` along a compass bearing (degrees, 0 = north, 90 = east). Flat-earth, fine below ~50 km. */
export function offsetKm(origin: LatLon, km: number, bearingDeg: number): LatLon {
  const rad = (bearingDeg * Math.PI) / 180;
  const north = km * Math.cos(rad);
  const east = km * Math.sin(rad);
  const lat = origin.lat + north / KM_PER_DEG_LAT;
  const lon = origin.lon + east / (KM_PER_DEG_LAT * Math.cos((origin.lat * Math.PI) / 180));
  return { lat: round6(lat), lon: round6(lon) };
}

/** A point scattered around a centre: distance half-normal with scale `sigmaKm`, capped at 3σ. */
export function clusterPoint(rng: Rng, centre: LatLon, sigmaKm: number): LatLon {
  const r = Math.min(3 * sigmaKm, Math.abs(rng.normal()) * sigmaKm);
  return offsetKm(centre, r, rng.next() * 360);
}

/**
 * A point in a ring sector around a centre: distance uniform over the ring's area between
 * `minKm` and `maxKm`, bearing uniform in [fromDeg, toDeg] (may exceed 360).
 */
export function ringPoint(rng: Rng, centre: LatLon, minKm: number, maxKm: number, fromDeg: number, toDeg: number): LatLon {
  const u = rng.next();
  const r = Math.sqrt(minKm * minKm + u * (maxKm * maxKm - minKm * minKm));
  const bearing = (fromDeg + rng.next() * (toDeg - fromDeg)) % 360;
  return offsetKm(centre, r, bearing);
}

/** Rounds to 6 decimals (~0.1 m), so coordinates serialize compactly and identically everywhere. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Great-circle distance in km (haversine). */
export function haversineKm(a: LatLon, b: LatLon): number {
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLon = (b.lon - a.lon) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}
