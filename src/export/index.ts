/**
 * Exports of a plan for other tools: körlistor as CSV, one iCalendar file per staff member,
 * routes as GeoJSON. The plan JSON itself is written by the CLI (`slinga export --format json`).
 * @module
 */
export { CSV_COLUMNS, formulaSafe, exportCsv, routeStops, type RouteStop } from './csv.js';
export { exportIcs, vtimezone, type IcsOptions } from './ics.js';
export { exportGeoJson, type GeoFeature, type GeoFeatureCollection, type Position } from './geojson.js';
