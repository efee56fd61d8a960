import { z } from 'zod';

/** An identifier: letters, digits and `-_.:`; never a name (ids appear in logs, names must not). */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'ids use letters, digits and - _ . : only');

/** A local calendar date, `YYYY-MM-DD`. */
export const LocalDate = z.iso.date();

/** A local wall-clock time, `HH:MM` (00:00–23:59; `24:00` allowed as an end meaning midnight). */
export const ClockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'clock times are HH:MM');

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export const Weekday = z.number().int().min(1).max(7);

/** A WGS84 position in decimal degrees. */
export const LatLon = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});

/** A non-negative whole number of minutes. */
export const MinutesSchema = z.number().int().min(0);

/** A share in [0, 1]. */
export const Share = z.number().min(0).max(1);

/**
 * A point in time written with its UTC offset, e.g. `2026-03-29T08:00+02:00`.
 * Plans use this form so times are unambiguous across daylight-saving switches.
 */
export const OffsetDateTime = z.iso.datetime({ offset: true, local: false });
