/**
 * Integer internal units. Everything inside the engine is whole minutes and whole metres;
 * conversion happens only at the edges (parsing the instance, writing the plan).
 */

declare const minutesBrand: unique symbol;
declare const metresBrand: unique symbol;

/** Whole minutes (a duration, or a point in time counted from the period start). */
export type Minutes = number & { readonly [minutesBrand]: true };
/** Whole metres. */
export type Metres = number & { readonly [metresBrand]: true };

/** Brands a whole number of minutes; rounds up so a travel time is never understated. */
export function minutes(value: number): Minutes {
  return Math.ceil(value - 1e-9) as Minutes;
}

/** Brands a whole number of metres (rounded to the nearest metre). */
export function metres(value: number): Metres {
  return Math.round(value) as Metres;
}

declare const oreBrand: unique symbol;

/** Whole öre (1/100 SEK): money inside the engine is integer öre, SEK only at the edges. */
export type Ore = number & { readonly [oreBrand]: true };

/** Brands an amount in öre (rounded to the nearest öre). */
export function ore(value: number): Ore {
  return Math.round(value) as Ore;
}

/** Öre from SEK as written in an instance (`411.5` → 41150). */
export function oreFromSek(sek: number): Ore {
  return Math.round(sek * 100) as Ore;
}

/** SEK from öre for output (two decimals exact). */
export function sekFromOre(value: Ore | number): number {
  return Math.round(value) / 100;
}
