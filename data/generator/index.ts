/**
 * Seeded scenario generator: synthetic but realistic Swedish home-care instances for tests, demos
 * and benchmarks. Pure: the same options give the same instance (and, through `serializeScenario`,
 * the same bytes); no I/O, no clock, all randomness from the seeded RNG (solver/rng.ts).
 * Calibration and sources: data/generator/CALIBRATION.md.
 */
import { Rng } from '../../solver/rng.js';
import { addDaysToDate } from '../../src/calendar.js';
import { expandDemand } from '../../src/model/demand.js';
import { LocalDate } from '../../src/schema/common.js';
import type { Client, InstanceInput, Staff } from '../../src/schema/instance.js';
import { enforceCoverage } from './coverage.js';
import { clusterPoint, ringPoint } from './geo.js';
import { assignGranted } from './granted.js';
import { assignNamedContacts, assignPreferences } from './people.js';
import { ARCHETYPES, PROFILES, PROFILE_NAMES, TINY_TRAVEL, TINY_BASE, type Archetype, type ProfileConfig, type ProfileName } from './profiles.js';
import { teamJobs } from './load.js';
import { buildRoster, makeShift, modeFactor, teamDemand, FULL_TIME_WEEK_MINUTES, paidMinutes } from './roster.js';
import { buildTasks, pickWeighted } from './tasks.js';
import { tinyBlock } from './tiny.js';
import { withOptionalShifts } from './optional.js';

export { serializeScenario } from './serialize.js';
export { summarizeScenario, formatSummary, type ScenarioSummary } from './summary.js';
export { coverageGaps } from './coverage.js';
export { nextPeriod, nextId } from './next.js';
export { PROFILE_NAMES, type ProfileName } from './profiles.js';
export { ECONOMICS_DEFAULTS, withOptionalShifts } from './optional.js';

/** Options of `generateScenario`. */
export interface ScenarioOptions {
  readonly profile: ProfileName;
  readonly seed: number;
  /** Multiplies clients and (through the demand) staff. Default 1. */
  readonly scale?: number;
  /** Period length. Default 14 (cleaning every other week and the national continuity measure span 14 days). */
  readonly days?: 7 | 14;
  /** First day of the period, `YYYY-MM-DD`. Default `2026-11-23`, a Monday (never today's date). */
  readonly start?: string;
  /**
   * Share of shifts marked optional (hourly staff first) with an `economics` block of Swedish
   * defaults (see `withOptionalShifts`). Omitted: no optional shifts, no economics (same bytes as before).
   */
  readonly optionalShare?: number;
}

/** The default first day: a fixed Monday, so output never depends on the clock. */
export const DEFAULT_START = '2026-11-23';

/** Generates a planning instance for a profile and seed. */
export function generateScenario(options: ScenarioOptions): InstanceInput {
  const drawn = drawScenario(options);
  return options.optionalShare === undefined ? drawn : withOptionalShifts(drawn, options.optionalShare);
}

function drawScenario(options: ScenarioOptions): InstanceInput {
  const { profile, seed } = options;
  const scale = options.scale ?? 1;
  const days = options.days ?? 14;
  const start = options.start ?? DEFAULT_START;
  if (!(PROFILE_NAMES as readonly string[]).includes(profile)) throw new RangeError(`unknown profile: ${String(profile)} (use ${PROFILE_NAMES.join(', ')})`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 100) throw new RangeError(`scale must be a number in (0, 100], got ${scale}`);
  if (days !== 7 && days !== 14) throw new RangeError(`days must be 7 or 14, got ${String(days)}`);
  if (!LocalDate.safeParse(start).success) throw new RangeError(`start must be a date YYYY-MM-DD, got ${start}`);

  const rng = new Rng(mixSeed(seed, profile));
  const dates = Array.from({ length: days }, (_, i) => addDaysToDate(start, i));
  const id = [profile, `s${seed}`, ...(scale !== 1 ? [`x${scale}`] : []), ...(days !== 14 ? [`d${days}`] : [])].join('-');
  const period = { start, days, timeZone: 'Europe/Stockholm' };

  if (profile === 'tiny') {
    const copies = Math.max(1, Math.round(scale));
    const clients: Client[] = [];
    const staff: Staff[] = [];
    const teams: { id: string }[] = [];
    const width = (n: number, min: number): number => Math.max(min, String(n).length);
    for (let k = 0; k < copies; k++) {
      const team = `t${k + 1}`;
      teams.push({ id: team });
      const block = tinyBlock(rng.fork(), dates, {
        team,
        base: 'b1',
        client: (i) => `c${String(k * 5 + i + 1).padStart(width(copies * 5, 3), '0')}`,
        staff: (i) => `s${String(k * 3 + i + 1).padStart(width(copies * 3, 2), '0')}`,
      });
      clients.push(...block.clients);
      staff.push(...block.staff);
    }
    assignGranted(rng.fork(), clients, dates);
    return compact({
      schemaVersion: 1,
      id,
      period,
      bases: [{ id: 'b1', location: TINY_BASE }],
      teams,
      staff,
      clients,
      continuity: { namedContactShareTarget: 0.5, maxDistinctStaffPer14Days: 3, maxDistinctStaffMode: 'soft' },
      travel: TINY_TRAVEL,
      planning: { grantedTolerance: { lower: 0.95, upper: 1 }, crossTeamAllowed: true },
    });
  }
  return generateArea(PROFILES[profile], rng, dates, scale, id, period);
}

function generateArea(
  cfg: ProfileConfig,
  rng: Rng,
  dates: readonly string[],
  scale: number,
  id: string,
  period: { start: string; days: 7 | 14; timeZone: string },
): InstanceInput {
  const rngClients = rng.fork();
  const rngTasks = rng.fork();
  const rngRoster = rng.fork();
  const rngStaff = rng.fork();
  const rngPrefs = rng.fork();
  const rngGranted = rng.fork();

  // Clients: stratified archetype and area counts (so totals are stable across seeds), shuffled.
  const n = Math.max(1, Math.round(cfg.clients * scale));
  const archetypes = rngClients.shuffle(stratify(n, ARCHETYPES.map((a) => [a, cfg.archetypeMix[a]] as const)));
  const areas = rngClients.shuffle(stratify(n, cfg.areas.map((a, i) => [i, a.share] as const)));
  const hsl = pickByWeight(rngClients, archetypes, Math.round(n * cfg.hslShare), { service: 1, light: 2, moderate: 4, substantial: 6, heavy: 8 });
  const double = pickByWeight(rngClients, archetypes, Math.round(n * cfg.doubleShare), { service: 0, light: 0, moderate: 0.3, substantial: 2, heavy: 10 });
  const drafts = archetypes.map((archetype, i) => {
    const area = cfg.areas[areas[i]!]!;
    const shape = area.shape;
    const location =
      shape.kind === 'cluster'
        ? clusterPoint(rngClients, shape.centre, shape.sigmaKm)
        : ringPoint(rngClients, shape.centre, shape.minKm, shape.maxKm, shape.fromDeg, shape.toDeg);
    return { team: area.team, location, tasks: buildTasks(rngTasks, archetype, { hsl: hsl.has(i), double: double.has(i) }) };
  });
  const teamOrder = new Map(cfg.teams.map((t, i) => [t.id, i]));
  const sorted = drafts.map((d, i) => ({ d, i })).sort((a, b) => teamOrder.get(a.d.team)! - teamOrder.get(b.d.team)! || a.i - b.i);
  const cw = Math.max(3, String(n).length);
  const clients: Client[] = sorted.map(({ d }, k) => ({
    id: `c${String(k + 1).padStart(cw, '0')}`,
    location: d.location,
    team: d.team,
    granted: { careMinutes: 0, serviceMinutes: 0 },
    tasks: d.tasks,
    preferences: { timeRanges: [], preferredStaff: [], refusedStaff: [], languages: [], fewStaff: true },
  }));

  // Roster: staffing need per team and date, filled TimeCare-style; nurses on weekdays.
  const factors = new Map(cfg.teams.map((t) => [t.id, modeFactor(t, cfg.travel)]));
  const baseLoc = new Map(cfg.bases.map((b) => [b.id, b.location]));
  const spans = expandDemand({ clients }, dates);
  const jobs = teamJobs(clients, dates, spans, cfg.travel, new Map(cfg.teams.map((t) => [t.id, baseLoc.get(t.base)!])), factors);
  const demands = teamDemand(
    jobs,
    dates,
    cfg.teams.map((t) => t.id),
  );
  const rosters = demands.map((d) => buildRoster(rngRoster, d, dates, cfg.weekendCycles));
  const totalStaff = rosters.reduce((s, r) => s + r.length, 0) + cfg.teams.reduce((s, t) => s + Math.max(0, Math.round(t.nurses * scale)), 0);
  const sw = Math.max(2, String(totalStaff).length);
  const staff: Staff[] = [];
  const rank = new Map<string, number>();
  const nextId = (): string => `s${String(staff.length + 1).padStart(sw, '0')}`;
  cfg.teams.forEach((team, ti) => {
    for (const w of [...rosters[ti]!].sort((a, b) => a.key - b.key)) {
      const sid = nextId();
      const shifts = [...w.shifts.entries()]
        .sort(([a], [b]) => a - b)
        .map(([di, kind]) => makeShift(`${sid}-${String(di + 1).padStart(2, '0')}`, dates[di]!, kind, team));
      staff.push({
        id: sid,
        team: team.id,
        base: team.base,
        travelMode: pickWeighted(rngStaff, team.modes),
        role: 'care',
        skills: baseSkills(rngStaff),
        gender: rngStaff.chance(0.87) ? 'female' : 'male',
        languages: staffLanguages(rngStaff, cfg),
        maxWorkMinutesPerWeek: w.weekCap,
        shifts,
      });
      rank.set(sid, w.order);
    }
    for (let k = 0; k < Math.max(0, Math.round(team.nurses * scale)); k++) {
      const sid = nextId();
      const shifts = dates
        .map((date, di) => ({ date, di }))
        .filter(({ date }) => isWeekday(date))
        .map(({ date, di }) => makeShift(`${sid}-${String(di + 1).padStart(2, '0')}`, date, 'N', team));
      staff.push({
        id: sid,
        team: team.id,
        base: team.base,
        travelMode: 'car',
        role: 'nurse',
        skills: ['insulin', 'medication', 'wound'],
        gender: rngStaff.chance(0.85) ? 'female' : 'male',
        languages: staffLanguages(rngStaff, cfg),
        maxWorkMinutesPerWeek: Math.max(FULL_TIME_WEEK_MINUTES, paidMinutes('N') * 5),
        shifts,
      });
      rank.set(sid, 1 + rngStaff.next());
    }
  });

  assignPreferences(rngPrefs, clients, staff);
  enforceCoverage(clients, staff, dates, rank, jobs, spans);
  assignNamedContacts(rngPrefs, clients, staff, dates, spans);
  assignGranted(rngGranted, clients, dates, spans);

  return compact({
    schemaVersion: 1,
    id,
    period,
    bases: cfg.bases.map((b) => ({ id: b.id, location: b.location })),
    teams: cfg.teams.map((t) => ({ id: t.id })),
    staff,
    clients,
    continuity: {
      namedContactShareTarget: cfg.continuity.namedContactShareTarget,
      maxDistinctStaffPer14Days: cfg.continuity.maxDistinctStaffPer14Days,
      maxDistinctStaffMode: 'soft',
    },
    travel: cfg.travel,
    planning: { grantedTolerance: { lower: 0.95, upper: 1 }, crossTeamAllowed: true },
  });
}

/** Skills of a care worker at recruitment (before delegations needed on their shifts are added). */
function baseSkills(rng: Rng): string[] {
  const skills: string[] = [];
  if (rng.chance(0.45)) skills.push('insulin');
  if (rng.chance(0.7)) skills.push('lift');
  if (rng.chance(0.75)) skills.push('medication');
  if (rng.chance(0.15)) skills.push('wound');
  return skills;
}

function staffLanguages(rng: Rng, cfg: ProfileConfig): string[] {
  if (!rng.chance(cfg.staffLanguageShare)) return ['sv'];
  return [pickWeighted(rng, cfg.staffLanguages), 'sv'].sort();
}

function isWeekday(date: string): boolean {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d >= 1 && d <= 5;
}

/** Counts per category proportional to weights, summing to n (largest remainder), as a flat list. */
function stratify<T>(n: number, weights: readonly (readonly [T, number])[]): T[] {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  const exact = weights.map(([v, w]) => ({ v, q: (n * w) / total }));
  const counts = exact.map((e) => Math.floor(e.q));
  let rest = n - counts.reduce((s, c) => s + c, 0);
  const order = exact.map((e, i) => ({ i, r: e.q - Math.floor(e.q) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    counts[i]!++;
    rest--;
  }
  return exact.flatMap((e, i) => Array<T>(counts[i]!).fill(e.v));
}

/** `k` distinct indices drawn with probability proportional to the archetype's weight (Efraimidis–Spirakis). */
function pickByWeight(rng: Rng, archetypes: readonly Archetype[], k: number, weight: Readonly<Record<Archetype, number>>): Set<number> {
  const keyed = archetypes
    .map((a, i) => ({ i, w: weight[a], u: rng.next() }))
    .filter((x) => x.w > 0)
    .map((x) => ({ i: x.i, key: Math.log(1 - x.u) / x.w }))
    .sort((a, b) => b.key - a.key || a.i - b.i);
  return new Set(keyed.slice(0, k).map((x) => x.i));
}

/** Combines seed and profile into the RNG seed (all 53 bits of the seed count). */
function mixSeed(seed: number, profile: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < profile.length; i++) h = Math.imul(h ^ profile.charCodeAt(i), 0x01000193) >>> 0;
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  return (lo ^ Math.imul(hi, 0x9e3779b1) ^ h) >>> 0;
}

/**
 * The instance as written in a file: members equal to the schema default and empty lists are left
 * out (`Instance.parse` restores them), so files stay readable.
 */
function compact(instance: {
  schemaVersion: 1;
  id: string;
  period: { start: string; days: 7 | 14; timeZone: string };
  bases: InstanceInput['bases'];
  teams: InstanceInput['teams'];
  staff: Staff[];
  clients: Client[];
  continuity: NonNullable<InstanceInput['continuity']>;
  travel: NonNullable<InstanceInput['travel']>;
  planning: NonNullable<InstanceInput['planning']>;
}): InstanceInput {
  return structuredClone({
    ...instance,
    staff: instance.staff.map((s) => ({
      ...s,
      skills: [...s.skills],
      languages: [...s.languages],
      shifts: s.shifts.map(({ maxOvertimeMinutes, ...sh }) => (maxOvertimeMinutes === 0 ? sh : { ...sh, maxOvertimeMinutes })),
    })),
    clients: instance.clients.map((c) => {
      const { preferences: p, tasks, ...rest } = c;
      const prefs: NonNullable<InstanceInput['clients'][number]['preferences']> = {};
      if (p.days) prefs.days = [...p.days];
      if (p.timeRanges.length > 0) prefs.timeRanges = p.timeRanges.map((r) => ({ ...r }));
      if (p.preferredStaff.length > 0) prefs.preferredStaff = [...p.preferredStaff];
      if (p.refusedStaff.length > 0) prefs.refusedStaff = [...p.refusedStaff];
      if (p.staffGender) prefs.staffGender = p.staffGender;
      if (p.languages.length > 0) prefs.languages = [...p.languages];
      if (!p.fewStaff) prefs.fewStaff = false;
      return {
        ...rest,
        tasks: tasks.map((t) => {
          const { windows, skills, staffCount, minGapMinutes, combinable, ...task } = t;
          return {
            ...task,
            ...(windows.length > 0 ? { windows } : {}),
            ...(skills.length > 0 ? { skills } : {}),
            ...(staffCount !== 1 ? { staffCount } : {}),
            ...(minGapMinutes !== 0 ? { minGapMinutes } : {}),
            ...(!combinable ? { combinable } : {}),
          };
        }),
        ...(Object.keys(prefs).length > 0 ? { preferences: prefs } : {}),
      };
    }),
  });
}
