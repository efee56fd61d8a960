import type { KpiAnalysis } from './analysis.js';
import { mean, median, share, tallyShare } from './stats.js';

/** KPIs of one client. Shares are fractions in [0, 1], `null` when they do not apply. */
export interface ClientKpiRow {
  readonly clientId: string;
  readonly team: string;
  readonly visits: number;
  /** Distinct staff over the period (any role, any time). */
  readonly distinctStaff: number;
  /** Distinct counted staff in the national window when the client is eligible, else `null`. */
  readonly nationalContinuity: number | null;
  /** `null` without a named contact or without visits. */
  readonly namedContactShare: number | null;
  /** Granted care + service minutes. */
  readonly grantedMinutes: number;
  /** Planned budgeted staff-minutes (HSL excluded; double staffing counts twice). */
  readonly plannedMinutes: number;
  /** planned ÷ granted, `null` without granted minutes. */
  readonly fidelity: number | null;
  /** Whether `fidelity` lies inside the granted tolerance; `null` without granted minutes. */
  readonly withinTolerance: boolean | null;
  readonly timePrefShare: number | null;
  readonly staffPrefShare: number | null;
  readonly dayPrefShare: number | null;
  readonly unplannedCount: number;
  readonly unplannedMinutes: number;
}

/** KPIs of one staff member. */
export interface StaffKpiRow {
  readonly staffId: string;
  /** `null` for a staff id found in the plan but not in the instance. */
  readonly team: string | null;
  readonly shifts: number;
  readonly paidMinutes: number;
  readonly clientMinutes: number;
  readonly travelMinutes: number;
  readonly travelMetres: number;
  readonly waitingMinutes: number;
  readonly overtimeMinutes: number;
  readonly visits: number;
  readonly distinctClients: number;
  /** clientMinutes ÷ paidMinutes. */
  readonly clientTimeShare: number | null;
}

/** Aggregates of one team: client-side figures over the team's clients, staff-side over its staff. */
export interface TeamKpiRow {
  readonly team: string;
  readonly clients: number;
  readonly staff: number;
  /** Visits to the team's clients. */
  readonly visits: number;
  /** Visits to the team's clients with a staff member of another team. */
  readonly crossTeamVisits: number;
  readonly grantedMinutes: number;
  readonly plannedMinutes: number;
  /** Pooled planned ÷ granted over the team's clients. */
  readonly fidelity: number | null;
  readonly eligibleClients: number;
  readonly continuityNationalMean: number | null;
  readonly continuityNationalMedian: number | null;
  readonly continuityAllMean: number | null;
  readonly namedContactShare: number | null;
  readonly paidMinutes: number;
  readonly clientMinutes: number;
  readonly travelMinutes: number;
  readonly waitingMinutes: number;
  readonly overtimeMinutes: number;
  readonly clientTimeShare: number | null;
  readonly travelShare: number | null;
  readonly unplannedCount: number;
  readonly unplannedMinutes: number;
}

/** Per-client, per-staff and per-team KPI rows, for reports and `slinga kpi`. */
export interface KpiBreakdown {
  /** Instance clients, in instance order. */
  readonly clients: ClientKpiRow[];
  /** Instance staff in instance order, then unknown staff ids met in the plan. */
  readonly staff: StaffKpiRow[];
  /** Instance teams in order, then teams referenced by clients or staff but not listed. */
  readonly teams: TeamKpiRow[];
}

/** Builds the breakdown rows from a finished analysis. */
export function breakdownFromAnalysis(a: KpiAnalysis): KpiBreakdown {
  const { ctx } = a;
  const { lower, upper } = ctx.instance.planning.grantedTolerance;
  const clients: ClientKpiRow[] = ctx.instance.clients.map((c) => {
    const fid = a.fidelity.byClient.get(c.id)!;
    const prefs = a.preferences.byClient.get(c.id)!;
    const named = a.namedContact.byClient.get(c.id);
    const unplanned = a.unplanned.byClient.get(c.id);
    return {
      clientId: c.id,
      team: c.team,
      visits: ctx.visitsByClient.get(c.id)?.length ?? 0,
      distinctStaff: a.continuity.allByClient.get(c.id) ?? 0,
      nationalContinuity: a.continuity.nationalByClient.get(c.id) ?? null,
      namedContactShare: named ? tallyShare(named) : null,
      grantedMinutes: fid.grantedMinutes,
      plannedMinutes: fid.plannedMinutes,
      fidelity: fid.ratio,
      withinTolerance: fid.ratio === null ? null : fid.ratio >= lower - 1e-9 && fid.ratio <= upper + 1e-9,
      timePrefShare: tallyShare(prefs.time),
      staffPrefShare: tallyShare(prefs.staff),
      dayPrefShare: tallyShare(prefs.day),
      unplannedCount: unplanned?.count ?? 0,
      unplannedMinutes: unplanned?.minutes ?? 0,
    };
  });

  const staff: StaffKpiRow[] = [...a.time.byStaff.values()].map((w) => ({
    staffId: w.staffId,
    team: w.team ?? null,
    shifts: w.shifts,
    paidMinutes: w.paidMinutes,
    clientMinutes: w.clientMinutes,
    travelMinutes: w.travelMinutes,
    travelMetres: w.travelMetres,
    waitingMinutes: w.waitingMinutes,
    overtimeMinutes: w.overtimeMinutes,
    visits: w.visits,
    distinctClients: w.clients.size,
    clientTimeShare: share(w.clientMinutes, w.paidMinutes),
  }));

  const teamIds: string[] = ctx.instance.teams.map((t) => t.id);
  for (const id of [...ctx.instance.clients.map((c) => c.team), ...ctx.instance.staff.map((s) => s.team)]) {
    if (!teamIds.includes(id)) teamIds.push(id);
  }
  const teams: TeamKpiRow[] = teamIds.map((team) => {
    const teamClients = clients.filter((r) => r.team === team);
    const teamStaff = staff.filter((r) => r.team === team);
    let visits = 0;
    let crossTeamVisits = 0;
    let namedHits = 0;
    let namedTotal = 0;
    for (const c of ctx.instance.clients) {
      if (c.team !== team) continue;
      for (const v of ctx.visitsByClient.get(c.id) ?? []) {
        visits++;
        const otherTeam = v.visit.staff.some((s) => {
          const t = ctx.staff.get(s)?.team;
          return t !== undefined && t !== team;
        });
        if (otherTeam) crossTeamVisits++;
      }
      const named = a.namedContact.byClient.get(c.id);
      if (named) {
        namedHits += named.hits;
        namedTotal += named.total;
      }
    }
    const sum = <T>(rows: readonly T[], f: (r: T) => number): number => rows.reduce((s, r) => s + f(r), 0);
    const national = teamClients.map((r) => r.nationalContinuity).filter((x): x is number => x !== null);
    const all = teamClients.filter((r) => r.visits > 0).map((r) => r.distinctStaff);
    const granted = sum(teamClients, (r) => r.grantedMinutes);
    const budgetedPlanned = sum(
      teamClients.filter((r) => r.grantedMinutes > 0),
      (r) => r.plannedMinutes,
    );
    const paid = sum(teamStaff, (r) => r.paidMinutes);
    const clientMinutes = sum(teamStaff, (r) => r.clientMinutes);
    const travel = sum(teamStaff, (r) => r.travelMinutes);
    return {
      team,
      clients: teamClients.length,
      staff: teamStaff.length,
      visits,
      crossTeamVisits,
      grantedMinutes: granted,
      plannedMinutes: sum(teamClients, (r) => r.plannedMinutes),
      fidelity: granted > 0 ? budgetedPlanned / granted : null,
      eligibleClients: national.length,
      continuityNationalMean: mean(national),
      continuityNationalMedian: median(national),
      continuityAllMean: mean(all),
      namedContactShare: share(namedHits, namedTotal),
      paidMinutes: paid,
      clientMinutes,
      travelMinutes: travel,
      waitingMinutes: sum(teamStaff, (r) => r.waitingMinutes),
      overtimeMinutes: sum(teamStaff, (r) => r.overtimeMinutes),
      clientTimeShare: share(clientMinutes, paid),
      travelShare: share(travel, paid),
      unplannedCount: sum(teamClients, (r) => r.unplannedCount),
      unplannedMinutes: sum(teamClients, (r) => r.unplannedMinutes),
    };
  });
  return { clients, staff, teams };
}
