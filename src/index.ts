/**
 * slinga — plans Swedish home care (hemtjänst): weekly schedules and daily routes (slingor) from
 * granted time (ramtid), client preferences and continuity rules.
 *
 * ```ts
 * import { loadInstance, planWeek, checkPlan, computeKpis } from 'slinga';
 * const { instance, matrix } = await loadInstance('week.json');
 * const plan = await planWeek(instance, { seed: 1, matrix });
 * checkPlan(instance, plan, { matrix }).valid; // true
 * computeKpis(instance, plan).continuity.national.median;
 * ```
 * @packageDocumentation
 */
export * from './schema/common.js';
export * from './schema/instance.js';
export * from './schema/plan.js';
export { parseInstance, loadInstance, readJsonFile, InputError, jsonPath, type ParseResult, type ParseOptions, type ValidationIssue, type IssueCode } from './validate/index.js';
export { planWeek, STRATEGIES, STRATEGY_WEIGHTS, ASSIGNMENT_TERMS, PlanOptionError, CONSISTENCY_WEIGHT, type PlanOptions, type PlanProgress, type WeeklyWeights, type WeeklyStrategy } from './plan/index.js';
export { planBaseline, type BaselineOptions } from './plan/baseline.js';
export { referenceAgreement, type ReferenceAgreement } from './plan/weekly/reference.js';
export { diffPlans, formatDiffText, changedVisits, RETIME_MINUTES, type DiffOptions } from './plan/diff.js';
export { replan, applyChanges, ReplanError, REPLAN_STRATEGIES, type ReplanOptions, type ReplanResult, type AppliedChanges } from './replan/index.js';
export { parseChanges, type ChangesResult } from './replan/validate.js';
export { Change, Changes, type ChangesInput } from './schema/changes.js';
export { recommend, recommendWithPlans, RecommendError, type RecommendOptions, type DetailedRecommendation } from './recommend/index.js';
export { OneOffVisit, RecommendRequest, Recommendation, RecommendOption, type RecommendRequestInput } from './schema/recommend.js';
export { checkPlan, PlanChecker, RULES, type CheckResult, type CheckOptions, type Violation, type ViolationCode } from './check/index.js';
export {
  computeKpis,
  computeBreakdown,
  computeKpiReport,
  formatKpisText,
  type KpiBreakdown,
  type ClientKpiRow,
  type StaffKpiRow,
  type TeamKpiRow,
  type KpiTextLang,
} from './kpi/index.js';
export { explainClients, type ExplainOptions } from './explain/index.js';
export { staffingCurves, summarizeStaffing, suggestRoster, demandCsv, rosterDeltaCsv, formatStaffing, type StaffingCurves, type StaffingSummary, type RosterDelta } from './staffing/index.js';
export { compareTeams, formatTeamComparison, TEAM_VARIANTS, type TeamVariant, type TeamVariantResult } from './plan/compare-teams.js';
export type { EconomicsKpi, ShiftCounts } from './kpi/index.js';
export type { Ore } from './units.js';
export { generateScenario, nextPeriod, serializeScenario, summarizeScenario, formatSummary, PROFILE_NAMES, type ScenarioOptions, type ScenarioSummary } from '../data/generator/index.js';
export { PeriodClock, isoWeek, isoWeekday } from './calendar.js';
export { TravelModel, roadMetres, modelMinutes, TRAVEL_MODES } from './travel/model.js';
export { fromCsv, fromOsrmTable, MatrixFormatError, type ImportedMatrix } from './travel/matrix.js';
export { expandDemand, categoryBudget, durationBounds, taskPriority, type DemandSpan, type Budget } from './model/demand.js';
export { VERSION } from './version.js';
export type { Minutes, Metres } from './units.js';
export { importSheets, instanceSheets, templateSheets, templateReadme, formatSheetIssue, type ImportResult, type SheetIssue, type SheetIssueCode, type SheetLang } from './sheets/index.js';
export { buildManualPlan, type ManualPlanResult } from './manual/plan.js';
export { readVisitRows, type VisitRow } from './manual/visits.js';
export { computeFollowup, formatFollowupText, type Followup, type FollowupCounts, type ClientFollowup, type FollowupOptions } from './followup/index.js';
