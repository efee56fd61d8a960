import { parse } from 'csv-parse/sync';

/** A travel matrix imported from a file: minutes (and optionally metres) between location ids. */
export interface ImportedMatrix {
  /** Location ids (base and client ids) in row/column order. */
  readonly ids: readonly string[];
  /** `minutes[i][j]`: whole minutes from ids[i] to ids[j]; `null` where the source has no route. */
  readonly minutes: readonly (readonly (number | null)[])[];
  /** `metres[i][j]` where the source has distances. */
  readonly metres?: readonly (readonly (number | null)[])[];
}

/** Problems found while reading a matrix; the caller maps them to validation issues. */
export class MatrixFormatError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[],
  ) {
    super(message);
  }
}

/**
 * Reads an OSRM table-service response (`{ code, durations, distances }`, seconds and metres),
 * with rows and columns in the order of `ids`.
 */
export function fromOsrmTable(
  ids: readonly string[],
  response: { code?: string; durations: (number | null)[][]; distances?: (number | null)[][] },
): ImportedMatrix {
  if (response.code !== undefined && response.code !== 'Ok') {
    throw new MatrixFormatError(`OSRM response code is "${response.code}", expected "Ok"`, ['code']);
  }
  const n = ids.length;
  checkSquare(response.durations, n, 'durations');
  if (response.distances) checkSquare(response.distances, n, 'distances');
  return {
    ids,
    minutes: response.durations.map((row) => row.map((s) => (s === null ? null : Math.ceil(s / 60 - 1e-9)))),
    metres: response.distances?.map((row) => row.map((m) => (m === null ? null : Math.round(m)))),
  };
}

/**
 * Reads a CSV matrix with header `from,to,minutes[,metres]`. Pairs that are absent stay `null`
 * and fall back to the travel model.
 */
export function fromCsv(text: string, knownIds?: readonly string[]): ImportedMatrix {
  const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const header = rows.length > 0 ? Object.keys(rows[0]!) : [];
  for (const col of ['from', 'to', 'minutes']) {
    if (rows.length > 0 && !header.includes(col)) throw new MatrixFormatError(`CSV header lacks column "${col}"`, [0]);
  }
  const ids = knownIds ? [...knownIds] : [];
  const index = new Map(ids.map((id, i) => [id, i]));
  const add = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = ids.length;
      ids.push(id);
      index.set(id, i);
    }
    return i;
  };
  const cells: { from: number; to: number; minutes: number; metres: number | null }[] = [];
  rows.forEach((row, line) => {
    const minutes = Number(row.minutes);
    const metres = row.metres === undefined || row.metres === '' ? null : Number(row.metres);
    if (!Number.isFinite(minutes) || minutes < 0) {
      throw new MatrixFormatError(`line ${line + 2}: minutes "${row.minutes}" is not a non-negative number`, [line + 2, 'minutes']);
    }
    if (metres !== null && (!Number.isFinite(metres) || metres < 0)) {
      throw new MatrixFormatError(`line ${line + 2}: metres "${row.metres}" is not a non-negative number`, [line + 2, 'metres']);
    }
    cells.push({ from: add(row.from ?? ''), to: add(row.to ?? ''), minutes: Math.ceil(minutes - 1e-9), metres });
  });
  const n = ids.length;
  const minutes: (number | null)[][] = Array.from({ length: n }, () => new Array<number | null>(n).fill(null));
  const metres: (number | null)[][] = Array.from({ length: n }, () => new Array<number | null>(n).fill(null));
  let anyMetres = false;
  for (const c of cells) {
    minutes[c.from]![c.to] = c.minutes;
    if (c.metres !== null) {
      metres[c.from]![c.to] = Math.round(c.metres);
      anyMetres = true;
    }
  }
  return { ids, minutes, metres: anyMetres ? metres : undefined };
}

function checkSquare(m: (number | null)[][], n: number, name: string): void {
  if (m.length !== n) throw new MatrixFormatError(`${name} has ${m.length} rows, expected ${n} (one per location id)`, [name]);
  m.forEach((row, i) => {
    if (row.length !== n) throw new MatrixFormatError(`${name}[${i}] has ${row.length} columns, expected ${n}`, [name, i]);
  });
}
