/**
 * slinga — plans Swedish home care (hemtjänst): weekly schedules and daily routes (slingor).
 * @packageDocumentation
 */
export * from './schema/common.js';
export * from './schema/instance.js';
export * from './schema/plan.js';
export { PeriodClock, isoWeek, isoWeekday } from './calendar.js';
export { TravelModel, roadMetres, modelMinutes } from './travel/model.js';
export { fromCsv, fromOsrmTable, type ImportedMatrix } from './travel/matrix.js';
export { expandDemand, categoryBudget, durationBounds, taskPriority, type DemandSpan } from './model/demand.js';
export type { Minutes, Metres } from './units.js';
