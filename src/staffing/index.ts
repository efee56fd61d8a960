/**
 * Staffing (bemanning, resursfördelning): demand and supply curves per team and interval, their
 * summary per team and day, and roster suggestions. See docs/semantics.md, "Staffing curve".
 * @module
 */
export { staffingCurves, estimateDemand, type StaffingCurves, type TeamCurves } from './curve.js';
export { summarizeStaffing, demandCsv, formatStaffing, neededOf, type StaffingSummary, type TeamDay } from './summary.js';
export { suggestRoster, rosterDeltaCsv, MIN_ADDED_SHIFT_MINUTES, type RosterDelta, type AddSuggestion, type ReleaseSuggestion } from './suggest.js';
