import type { TravelMode } from '../../src/schema/instance.js';
import type { LatLon } from './geo.js';

/** Names of the generator's profiles. */
export const PROFILE_NAMES = ['tiny', 'knivsta', 'bracke'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** Client need levels, lightest first (see tasks.ts for what each level means). */
export const ARCHETYPES = ['service', 'light', 'moderate', 'substantial', 'heavy'] as const;
export type Archetype = (typeof ARCHETYPES)[number];

/** Where a share of the clients live: a village or town cluster, or a ring sector of dispersed homes. */
export type AreaShape =
  | { readonly kind: 'cluster'; readonly centre: LatLon; readonly sigmaKm: number }
  | {
      readonly kind: 'ring';
      readonly centre: LatLon;
      readonly minKm: number;
      readonly maxKm: number;
      readonly fromDeg: number;
      readonly toDeg: number;
    };

export interface AreaConfig {
  readonly team: string;
  /** Share of the profile's clients living here (shares sum to 1). */
  readonly share: number;
  readonly shape: AreaShape;
  /** Rural homes: longer travel, no walking staff. */
  readonly rural: boolean;
}

export interface TeamConfig {
  readonly id: string;
  readonly base: string;
  /** Travel-mode mix of the team's care staff. */
  readonly modes: readonly (readonly [TravelMode, number])[];
  /** Day-shift break taken at the base (town teams) or anywhere (rural teams far from the base). */
  readonly dayBreakAt: 'base' | 'anywhere';
  /** Number of nurses (role `nurse`) attached to this team. */
  readonly nurses: number;
}

export interface ProfileConfig {
  readonly name: ProfileName;
  /** Clients at scale 1. */
  readonly clients: number;
  readonly bases: readonly { readonly id: string; readonly location: LatLon }[];
  readonly teams: readonly TeamConfig[];
  readonly areas: readonly AreaConfig[];
  /** Share of clients per archetype (sums to 1); counts are stratified, not drawn. */
  readonly archetypeMix: Readonly<Record<Archetype, number>>;
  /** Share of clients with HSL (delegated health care) tasks. */
  readonly hslShare: number;
  /** Share of clients with double-staffed (lift) tasks. */
  readonly doubleShare: number;
  /** Weekend rotation cycles of care staff: every 2nd or 3rd weekend, with weights. */
  readonly weekendCycles: readonly (readonly [2 | 3, number])[];
  readonly continuity: { readonly namedContactShareTarget: number; readonly maxDistinctStaffPer14Days: number };
  readonly travel: {
    readonly detourFactor: number;
    readonly car: { readonly urbanKmh: number; readonly ruralKmh: number; readonly urbanKm: number };
    readonly bikeKmh: number;
    readonly walkKmh: number;
    readonly accessMinutes: number;
  };
  /** Additional staff languages besides `sv`, with weights; share of staff with one. */
  readonly staffLanguages: readonly (readonly [string, number])[];
  readonly staffLanguageShare: number;
}

/** The schema's default travel settings (src/schema/instance.ts), written out explicitly. */
const DEFAULT_TRAVEL = {
  detourFactor: 1.3,
  car: { urbanKmh: 30, ruralKmh: 65, urbanKm: 2 },
  bikeKmh: 15,
  walkKmh: 4.5,
  accessMinutes: 3,
} as const;

/** Shared client mix (calibrated so Knivsta lands at ≈1,050 granted hours a week; see CALIBRATION.md). */
const ARCHETYPE_MIX: Readonly<Record<Archetype, number>> = {
  service: 0.4,
  light: 0.3,
  moderate: 0.17,
  substantial: 0.08,
  heavy: 0.05,
};

const KNIVSTA_CENTRE: LatLon = { lat: 59.7255, lon: 17.787 };
const ALSIKE: LatLon = { lat: 59.762, lon: 17.776 };
const SARSTA: LatLon = { lat: 59.713, lon: 17.8 };
/** Vassunda church area, south-west of Knivsta towards Sigtuna (the brief's 59.800 N lies north of Alsike, outside the parish). */
const VASSUNDA: LatLon = { lat: 59.705, lon: 17.665 };

const BRACKE: LatLon = { lat: 62.75, lon: 15.418 };
const GALLO: LatLon = { lat: 62.917, lon: 15.233 };
const KALARNE: LatLon = { lat: 62.983, lon: 16.083 };

export const PROFILES: Readonly<Record<Exclude<ProfileName, 'tiny'>, ProfileConfig>> = {
  knivsta: {
    name: 'knivsta',
    clients: 250,
    bases: [
      { id: 'b1', location: KNIVSTA_CENTRE },
      { id: 'b2', location: ALSIKE },
    ],
    teams: [
      { id: 't1', base: 'b1', modes: [['walk', 0.1], ['bike', 0.35], ['car', 0.55]], dayBreakAt: 'base', nurses: 1 },
      { id: 't2', base: 'b1', modes: [['walk', 0.05], ['bike', 0.3], ['car', 0.65]], dayBreakAt: 'base', nurses: 0 },
      { id: 't3', base: 'b2', modes: [['bike', 0.3], ['car', 0.7]], dayBreakAt: 'base', nurses: 1 },
      { id: 't4', base: 'b1', modes: [['car', 1]], dayBreakAt: 'anywhere', nurses: 0 },
      { id: 't5', base: 'b1', modes: [['car', 1]], dayBreakAt: 'anywhere', nurses: 1 },
    ],
    areas: [
      // Knivsta town, north of the railway station.
      { team: 't1', share: 0.25, rural: false, shape: { kind: 'cluster', centre: { lat: 59.733, lon: 17.785 }, sigmaKm: 0.6 } },
      // Knivsta town south and Särsta.
      { team: 't2', share: 0.14, rural: false, shape: { kind: 'cluster', centre: { lat: 59.72, lon: 17.79 }, sigmaKm: 0.6 } },
      { team: 't2', share: 0.1, rural: false, shape: { kind: 'cluster', centre: SARSTA, sigmaKm: 0.5 } },
      { team: 't3', share: 0.23, rural: false, shape: { kind: 'cluster', centre: ALSIKE, sigmaKm: 0.8 } },
      // West: Vassunda village and scattered farms between Ekoln and the E4.
      { team: 't4', share: 0.06, rural: true, shape: { kind: 'cluster', centre: VASSUNDA, sigmaKm: 0.8 } },
      { team: 't4', share: 0.08, rural: true, shape: { kind: 'ring', centre: KNIVSTA_CENTRE, minKm: 3, maxKm: 9, fromDeg: 200, toDeg: 320 } },
      // East: Lagga, Östuna, Husby-Långhundra — dispersed rural homes.
      { team: 't5', share: 0.14, rural: true, shape: { kind: 'ring', centre: KNIVSTA_CENTRE, minKm: 4, maxKm: 16, fromDeg: 20, toDeg: 160 } },
    ],
    archetypeMix: ARCHETYPE_MIX,
    hslShare: 87 / 282,
    doubleShare: 0.05,
    weekendCycles: [
      [2, 0.7],
      [3, 0.3],
    ],
    continuity: { namedContactShareTarget: 0.5, maxDistinctStaffPer14Days: 12 },
    travel: DEFAULT_TRAVEL,
    staffLanguages: [
      ['fi', 3],
      ['ar', 2],
      ['fa', 1],
      ['so', 1],
      ['ti', 1],
      ['pl', 1],
      ['bs', 1],
      ['en', 1],
    ],
    staffLanguageShare: 0.15,
  },
  bracke: {
    name: 'bracke',
    clients: 200,
    bases: [
      { id: 'b1', location: BRACKE },
      { id: 'b2', location: GALLO },
      { id: 'b3', location: KALARNE },
    ],
    teams: [
      { id: 't1', base: 'b1', modes: [['car', 1]], dayBreakAt: 'anywhere', nurses: 1 },
      { id: 't2', base: 'b2', modes: [['car', 1]], dayBreakAt: 'anywhere', nurses: 1 },
      { id: 't3', base: 'b3', modes: [['car', 1]], dayBreakAt: 'anywhere', nurses: 1 },
    ],
    areas: [
      // Bräcke: village, near countryside, far homes (Stavre, Hunge, Sundsjö direction) — away from Gällö and Kälarne.
      { team: 't1', share: 0.27, rural: false, shape: { kind: 'cluster', centre: BRACKE, sigmaKm: 0.7 } },
      { team: 't1', share: 0.1, rural: true, shape: { kind: 'ring', centre: BRACKE, minKm: 2, maxKm: 10, fromDeg: 90, toDeg: 300 } },
      { team: 't1', share: 0.08, rural: true, shape: { kind: 'ring', centre: BRACKE, minKm: 10, maxKm: 30, fromDeg: 100, toDeg: 290 } },
      // Gällö: village, then Pilgrimstad/Revsund direction (west and north).
      { team: 't2', share: 0.17, rural: false, shape: { kind: 'cluster', centre: GALLO, sigmaKm: 0.6 } },
      { team: 't2', share: 0.08, rural: true, shape: { kind: 'ring', centre: GALLO, minKm: 2, maxKm: 10, fromDeg: 210, toDeg: 420 } },
      { team: 't2', share: 0.05, rural: true, shape: { kind: 'ring', centre: GALLO, minKm: 10, maxKm: 30, fromDeg: 220, toDeg: 400 } },
      // Kälarne: village, then forest villages to the north, east and south.
      { team: 't3', share: 0.13, rural: false, shape: { kind: 'cluster', centre: KALARNE, sigmaKm: 0.6 } },
      { team: 't3', share: 0.07, rural: true, shape: { kind: 'ring', centre: KALARNE, minKm: 2, maxKm: 10, fromDeg: 330, toDeg: 560 } },
      { team: 't3', share: 0.05, rural: true, shape: { kind: 'ring', centre: KALARNE, minKm: 10, maxKm: 30, fromDeg: 340, toDeg: 540 } },
    ],
    archetypeMix: ARCHETYPE_MIX,
    hslShare: 87 / 282,
    doubleShare: 0.05,
    weekendCycles: [
      [2, 0.5],
      [3, 0.5],
    ],
    continuity: { namedContactShareTarget: 0.5, maxDistinctStaffPer14Days: 10 },
    travel: {
      detourFactor: 1.35,
      car: { urbanKmh: 35, ruralKmh: 70, urbanKm: 1 },
      bikeKmh: 15,
      walkKmh: 4.5,
      accessMinutes: 4,
    },
    staffLanguages: [
      ['fi', 2],
      ['en', 2],
      ['ar', 1],
      ['so', 1],
      ['ti', 1],
      ['de', 1],
    ],
    staffLanguageShare: 0.08,
  },
};

export const TINY_TRAVEL = DEFAULT_TRAVEL;
export const TINY_BASE: LatLon = KNIVSTA_CENTRE;
