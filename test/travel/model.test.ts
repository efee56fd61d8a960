import { describe, expect, it } from 'vitest';
import { fromCsv, fromOsrmTable, MatrixFormatError } from '../../src/travel/matrix.js';
import { TravelModel, modelMinutes, roadMetres } from '../../src/travel/model.js';
import { TravelSettings } from '../../src/schema/instance.js';

const travel = TravelSettings.parse({});
const bases = [{ id: 'b1', location: { lat: 59.725, lon: 17.787 } }];
const clients = [
  { id: 'c1', location: { lat: 59.762, lon: 17.776 } },
  { id: 'c2', location: { lat: 59.725, lon: 17.787 } },
];

describe('travel model', () => {
  it('uses great-circle distance × detour factor', () => {
    // Knivsta centre → Alsike: ≈ 4.16 km great-circle.
    const m = roadMetres(bases[0]!.location, clients[0]!.location, 1.3);
    expect(m).toBeGreaterThan(5300);
    expect(m).toBeLessThan(5500);
  });

  it('runs the first km of a car leg at urban speed and the rest at rural speed', () => {
    // 2 km at 30 km/h = 4 min; 8 km at 65 km/h ≈ 7.38 min.
    expect(modelMinutes(10_000, 'car', travel)).toBeCloseTo(4 + (8 / 65) * 60, 6);
    expect(modelMinutes(1_000, 'car', travel)).toBeCloseTo(2, 6);
    expect(modelMinutes(4_500, 'walk', travel)).toBeCloseTo(60, 6);
    expect(modelMinutes(15_000, 'bike', travel)).toBeCloseTo(60, 6);
  });

  it('builds integer matrices with access time on arrival at clients only', () => {
    const model = new TravelModel({ bases, clients: clients as never, travel });
    const b = model.indexOf('base', 'b1');
    const c1 = model.indexOf('client', 'c1');
    const c2 = model.indexOf('client', 'c2');
    const drive = Math.ceil(modelMinutes(roadMetres(bases[0]!.location, clients[0]!.location, 1.3), 'car', travel));
    expect(model.minutes('car', b, c1)).toBe(drive + travel.accessMinutes);
    expect(model.minutes('car', c1, b)).toBe(drive);
    // Same coordinates, different place: access time still applies; same place: zero.
    expect(model.minutes('car', b, c2)).toBe(travel.accessMinutes);
    expect(model.minutes('car', c1, c1)).toBe(0);
    expect(Number.isInteger(model.metres(b, c1))).toBe(true);
  });

  it('imports an OSRM table response (seconds → whole minutes, rounded up)', () => {
    const m = fromOsrmTable(['b1', 'c1', 'c2'], {
      code: 'Ok',
      durations: [
        [0, 61, 120],
        [59, 0, 30],
        [120, 31, 0],
      ],
      distances: [
        [0, 900, 1500],
        [880, 0, 400],
        [1500, 410, 0],
      ],
    });
    expect(m.minutes[0]![1]).toBe(2);
    expect(m.minutes[1]![0]).toBe(1);
    const model = new TravelModel({ bases, clients: clients as never, travel }, m);
    expect(model.minutes('car', model.indexOf('base', 'b1'), model.indexOf('client', 'c1'))).toBe(2 + travel.accessMinutes);
    expect(model.metres(model.indexOf('client', 'c1'), model.indexOf('client', 'c2'))).toBe(400);
  });

  it('rejects an OSRM response of the wrong size or code', () => {
    expect(() => fromOsrmTable(['a', 'b'], { durations: [[0, 1]] })).toThrow(MatrixFormatError);
    expect(() => fromOsrmTable(['a'], { code: 'NoRoute', durations: [[0]] })).toThrow(/NoRoute/);
  });

  it('imports a CSV matrix and falls back to the model for missing pairs', () => {
    const m = fromCsv('from,to,minutes,metres\nb1,c1,7.2,5000\nc1,b1,6,4900\n');
    expect(m.ids).toEqual(['b1', 'c1']);
    expect(m.minutes[0]![1]).toBe(8);
    const model = new TravelModel({ bases, clients: clients as never, travel }, m);
    const b = model.indexOf('base', 'b1');
    const c1 = model.indexOf('client', 'c1');
    const c2 = model.indexOf('client', 'c2');
    expect(model.minutes('car', b, c1)).toBe(8 + travel.accessMinutes);
    expect(model.metres(c1, b)).toBe(4900);
    expect(model.minutes('car', b, c2)).toBe(travel.accessMinutes);
  });

  it('reports CSV lines with bad numbers', () => {
    expect(() => fromCsv('from,to,minutes\nb1,c1,abc\n')).toThrow(/line 2/);
    expect(() => fromCsv('a,b\n1,2\n')).toThrow(/from/);
  });
});
