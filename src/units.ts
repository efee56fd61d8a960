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
