import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, formulaSafe, exportCsv, exportGeoJson, exportIcs, vtimezone } from '../../src/export/index.js';
import type { Instance } from '../../src/schema/instance.js';
import type { Plan } from '../../src/schema/plan.js';
import { HOSTILE, hostileMini, tiny } from '../report/fixtures.js';

const pairs = (plan: Plan): string[] => plan.visits.flatMap((v) => v.staff.map((s) => `${v.id}/${s}`)).sort();

describe('exportCsv', () => {
  for (const [name, make] of [
    ['tiny', tiny],
    ['hostile mini', hostileMini],
  ] as const) {
    it(`has the header and one row per visit per staff member (${name})`, () => {
      const { instance, plan } = make();
      const csv = exportCsv(instance, plan);
      const rows = parse(csv, { columns: false }) as string[][];
      expect(rows[0]).toEqual([...CSV_COLUMNS]);
      const body = rows.slice(1).map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]!])));
      expect(body).toHaveLength(plan.visits.reduce((n, v) => n + v.staff.length, 0));
      expect(body.map((r) => `${r.visit_id}/${r.staff_id}`).sort()).toEqual(pairs(plan));
      for (const r of body) expect(Object.keys(r)).toHaveLength(CSV_COLUMNS.length);
    });
  }

  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    const { instance, plan } = hostileMini();
    const rows = parse(exportCsv(instance, plan), { columns: true }) as Record<string, string>[];
    const c1 = rows.find((r) => r.client_id === 'c1')!;
    expect(c1.client_name).toBe(HOSTILE.client);
    expect(c1.address).toBe(HOSTILE.address);
    const s2 = rows.find((r) => r.staff_id === 's2')!;
    expect(s2.staff_name).toBe(`'${HOSTILE.staff2}`);
    expect(formulaSafe('plain')).toBe('plain');
    expect(formulaSafe('-1')).toBe("'-1");
    expect(formulaSafe('=SUM(A1)')).toBe("'=SUM(A1)");
  });

  it('writes local clock times across the DST switch', () => {
    const { instance, plan } = hostileMini();
    const rows = parse(exportCsv(instance, plan), { columns: true }) as Record<string, string>[];
    // Visits on 2026-03-29 (after the spring switch) are written with +02:00; their local clock is in the instant.
    const sunday = plan.visits.filter((x) => x.date === '2026-03-29');
    expect(sunday.length).toBeGreaterThan(0);
    for (const v of sunday) {
      expect(v.start).toMatch(/\+02:00$/);
      const r = rows.find((x) => x.visit_id === v.id)!;
      expect(r.date).toBe('2026-03-29');
      expect(r.start).toBe(v.start.slice(11, 16));
      expect(r.end).toBe(v.end.slice(11, 16));
    }
    const march23 = plan.visits.find((x) => x.date === '2026-03-23')!;
    expect(rows.find((x) => x.visit_id === march23.id)!.start).toBe(march23.start.slice(11, 16));
  });
});

/** Parses an iCalendar text with ical.js, registering its VTIMEZONEs; returns the events. */
function parseIcs(text: string): InstanceType<typeof ICAL.Event>[] {
  const comp = new ICAL.Component(ICAL.parse(text));
  for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return comp.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
}

function checkIcs(instance: Instance, plan: Plan): void {
  const files = exportIcs(instance, plan);
  expect([...files.keys()]).toEqual(instance.staff.map((s) => s.id));
  for (const [staffId, text] of files) {
    const events = parseIcs(text);
    const mine = plan.visits.filter((v) => v.staff.includes(staffId));
    expect(events).toHaveLength(mine.length);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    for (const v of mine) {
      const ev = byUid.get(`${v.id}-${staffId}@slinga`);
      expect(ev, `${v.id} for ${staffId}`).toBeDefined();
      expect(ev!.startDate.zone.tzid).toBe(instance.period.timeZone);
      expect(ev!.startDate.toJSDate().getTime()).toBe(Date.parse(v.start));
      expect(ev!.endDate.toJSDate().getTime()).toBe(Date.parse(v.end));
    }
  }
}

describe('exportIcs', () => {
  it('parses back with ical.js: one event per visit per staff member at the exact instants (tiny)', () => {
    const { instance, plan } = tiny();
    checkIcs(instance, plan);
  });

  it('keeps instants exact across the spring DST switch, escapes text, is deterministic', () => {
    const { instance, plan } = hostileMini();
    checkIcs(instance, plan);
    const files = exportIcs(instance, plan);
    const s1 = parseIcs(files.get('s1')!);
    const c1 = s1.find((e) => e.summary.startsWith(HOSTILE.client))!;
    expect(c1.location).toBe(HOSTILE.address);
    expect(files.get('s1')).not.toContain(HOSTILE.description);
    expect(exportIcs(instance, plan)).toEqual(files);
    expect(files.get('s1')).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
  });

  it('builds a VTIMEZONE with the exact onsets of the offset changes', () => {
    const z = vtimezone('Europe/Stockholm', Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-11-01T00:00:00Z'));
    expect(z).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200');
    expect(z).toContain('BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100');
  });
});

describe('exportGeoJson', () => {
  it('has a LineString per route and a Point per base and visit', () => {
    const { instance, plan } = tiny();
    const g = exportGeoJson(instance, plan);
    expect(g.type).toBe('FeatureCollection');
    const kinds = (k: string) => g.features.filter((f) => f.properties.kind === k);
    expect(kinds('base')).toHaveLength(instance.bases.length);
    expect(kinds('route')).toHaveLength(plan.routes.length);
    expect(kinds('visit')).toHaveLength(plan.visits.length);
    for (const f of kinds('route')) {
      expect(f.geometry.type).toBe('LineString');
      const coords = f.geometry.coordinates as [number, number][];
      expect(coords.length).toBeGreaterThanOrEqual(2);
      expect(coords[0]).toEqual(coords[coords.length - 1]); // back to base
      for (const [lon, lat] of coords) {
        expect(Math.abs(lon)).toBeLessThanOrEqual(180);
        expect(Math.abs(lat)).toBeLessThanOrEqual(90);
      }
    }
    const base = instance.bases[0]!;
    expect(kinds('base')[0]!.geometry.coordinates).toEqual([base.location.lon, base.location.lat]);
    expect(JSON.parse(JSON.stringify(g))).toEqual(g);
  });
});
