import { distance as turfDistance } from '@turf/turf';
import type { Instance, TravelMode, TravelSettings } from '../schema/instance.js';
import type { Metres, Minutes } from '../units.js';
import type { ImportedMatrix } from './matrix.js';

/** The travel modes in matrix order. */
export const TRAVEL_MODES: readonly TravelMode[] = ['car', 'bike', 'walk'];

/** A location of the instance: a base or a client home. */
export interface Location {
  readonly kind: 'base' | 'client';
  readonly id: string;
  readonly lat: number;
  readonly lon: number;
}

/**
 * Road metres between two positions: great-circle distance (turf, haversine) × detour factor.
 */
export function roadMetres(a: { lat: number; lon: number }, b: { lat: number; lon: number }, detourFactor: number): number {
  const km = turfDistance([a.lon, a.lat], [b.lon, b.lat], { units: 'kilometers' });
  return km * 1000 * detourFactor;
}

/**
 * Driving minutes for a road distance under the travel model, before access time. A car runs the
 * first `urbanKm` of each leg at urban speed and the rest at rural speed, so short hops in town are
 * slow and long legs between villages are fast; bike and walk have one speed each.
 */
export function modelMinutes(metres: number, mode: TravelMode, travel: TravelSettings): number {
  const km = metres / 1000;
  switch (mode) {
    case 'car': {
      const urban = Math.min(km, travel.car.urbanKm);
      const rural = km - urban;
      return (urban / travel.car.urbanKmh + rural / travel.car.ruralKmh) * 60;
    }
    case 'bike':
      return (km / travel.bikeKmh) * 60;
    case 'walk':
      return (km / travel.walkKmh) * 60;
  }
}

/**
 * Travel times and distances between all locations of an instance, per travel mode, in integer
 * minutes and metres. Arriving at a client adds the access time (parking, keys); moving to the same
 * location costs nothing. Legs found in an imported matrix use it; the rest use the model.
 */
export class TravelModel {
  readonly locations: readonly Location[];
  /** Minutes per mode, row-major `n × n`, access time included. */
  readonly minutesByMode: Readonly<Record<TravelMode, Int32Array>>;
  /** Road metres, row-major `n × n` (the same for every mode). */
  readonly metresMatrix: Int32Array;
  private readonly index = new Map<string, number>();

  constructor(instance: Pick<Instance, 'bases' | 'clients' | 'travel'>, matrix?: ImportedMatrix) {
    const locations: Location[] = [
      ...instance.bases.map((b) => ({ kind: 'base' as const, id: b.id, lat: b.location.lat, lon: b.location.lon })),
      ...instance.clients.map((c) => ({ kind: 'client' as const, id: c.id, lat: c.location.lat, lon: c.location.lon })),
    ];
    this.locations = locations;
    locations.forEach((l, i) => this.index.set(`${l.kind}:${l.id}`, i));
    const n = locations.length;
    const travel = instance.travel;
    const metres = new Int32Array(n * n);
    const byMode = { car: new Int32Array(n * n), bike: new Int32Array(n * n), walk: new Int32Array(n * n) };
    const matrixModes = new Set<TravelMode>(instance.travel.matrix?.modes ?? TRAVEL_MODES);
    const mIndex = matrix ? new Map(matrix.ids.map((id, i) => [id, i])) : undefined;
    for (let i = 0; i < n; i++) {
      const a = locations[i]!;
      const ma = mIndex?.get(a.id);
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const b = locations[j]!;
        const mb = mIndex?.get(b.id);
        const access = b.kind === 'client' ? travel.accessMinutes : 0;
        const road = roadMetres(a, b, travel.detourFactor);
        const importedMetres = ma !== undefined && mb !== undefined ? matrix!.metres?.[ma]?.[mb] : null;
        metres[i * n + j] = Math.round(importedMetres ?? road);
        const importedMinutes = ma !== undefined && mb !== undefined ? matrix!.minutes[ma]?.[mb] : null;
        for (const mode of TRAVEL_MODES) {
          const drive =
            importedMinutes !== null && importedMinutes !== undefined && matrixModes.has(mode)
              ? importedMinutes
              : Math.ceil(modelMinutes(road, mode, travel) - 1e-9);
          byMode[mode][i * n + j] = drive + access;
        }
      }
    }
    this.metresMatrix = metres;
    this.minutesByMode = byMode;
  }

  /** Index of a base or client location. */
  indexOf(kind: 'base' | 'client', id: string): number {
    const i = this.index.get(`${kind}:${id}`);
    if (i === undefined) throw new RangeError(`unknown ${kind} ${id}`);
    return i;
  }

  /** Minutes from location `from` to `to` for a travel mode (access time included). */
  minutes(mode: TravelMode, from: number, to: number): Minutes {
    return this.minutesByMode[mode][from * this.locations.length + to]! as Minutes;
  }

  /** Road metres from location `from` to `to`. */
  metres(from: number, to: number): Metres {
    return this.metresMatrix[from * this.locations.length + to]! as Metres;
  }
}
