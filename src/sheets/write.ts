/**
 * An instance as the same sheets the import reads (`slinga sheets`), and the empty templates with
 * one example row each (`slinga import --template`). Importing what is written gives back the
 * instance (deep-equal after defaults).
 * @module
 */
import type { Instance } from '../schema/instance.js';
import {
  BREAK_AT_WORDS,
  CATEGORY_WORDS,
  FREQUENCY_WORDS,
  GENDER_WORDS,
  PARITY_WORDS,
  ROLE_WORDS,
  SHEETS,
  TRAVEL_WORDS,
  header,
  sheetDef,
  type SheetKey,
  type SheetLang,
} from './columns.js';
import type { OutTable } from './io.js';
import { SETTINGS } from './settings.js';
import { formatBoolean, formatEnum, formatTimeRanges, formatWeekdays } from './values.js';

type Cell = string | number | undefined;

/** A table of a sheet from rows keyed by column key. */
function table(key: SheetKey, lang: SheetLang, rows: readonly Readonly<Record<string, Cell>>[]): OutTable {
  const def = sheetDef(key);
  const free = ['name', 'address', 'description'];
  return {
    name: lang === 'sv' ? def.sv : def.en,
    headers: def.columns.map((c) => header(c, lang)),
    rows: rows.map((r) => def.columns.map((c) => r[c.key])),
    freeText: def.columns.flatMap((c, i) => (free.includes(c.key) ? [i] : [])),
  };
}

const list = (xs: readonly string[] | undefined, sep = ', '): string | undefined => (xs && xs.length > 0 ? xs.join(sep) : undefined);

/** Parts of an instance the sheets cannot hold (reported by `slinga sheets`). */
export function unsheetable(instance: Instance): string[] {
  const out: string[] = [];
  if (instance.travel.matrix) out.push('travel.matrix (an imported travel matrix; keep its file beside the instance)');
  if (instance.clients.some((c) => c.cancellations?.length)) out.push('clients[].cancellations (replanning changes)');
  if (instance.clients.some((c) => c.extensions?.length)) out.push('clients[].extensions (replanning changes)');
  return out;
}

/** The sheets of an instance, in reading order. */
export function instanceSheets(instance: Instance, lang: SheetLang): OutTable[] {
  const e = <T extends string>(v: T | undefined, vocab: Readonly<Record<T, readonly string[]>>): string | undefined => (v === undefined ? undefined : formatEnum(v, vocab, lang));
  const settingsHelp = (h: { sv: string; en: string }): string => (lang === 'sv' ? h.sv : h.en);
  const settings = SETTINGS.flatMap((s) => {
    const v = s.get(instance);
    if (v === undefined) return [];
    return [{ setting: s.key, value: s.format ? s.format(v, lang) : (v as string | number), description: settingsHelp(s.help) }];
  });
  const staffRows = instance.staff.map((s) => ({
    id: s.id, name: s.name, team: s.team, base: s.base, travel_mode: e(s.travelMode, TRAVEL_WORDS), role: e(s.role, ROLE_WORDS), skills: list(s.skills), gender: e(s.gender, GENDER_WORDS), languages: list(s.languages), max_week_minutes: s.maxWorkMinutesPerWeek,
    wage_per_hour: instance.economics?.staffWagePerHourSek[s.id],
  }));
  const shiftRows = instance.staff.flatMap((s) =>
    s.shifts.map((sh) => ({
      staff: s.id, id: sh.id, date: sh.date, start: sh.start, end: sh.end, base: sh.base,
      break_minutes: sh.break?.minutes, break_from: sh.break?.earliestStart, break_until: sh.break?.latestEnd, break_at: e(sh.break?.at, BREAK_AT_WORDS),
      overtime: sh.maxOvertimeMinutes === 0 ? undefined : sh.maxOvertimeMinutes,
      optional: sh.optional === undefined ? undefined : formatBoolean(sh.optional, lang),
    })),
  );
  const clientRows = instance.clients.map((c) => {
    const p = c.preferences;
    return {
      id: c.id, name: c.name, address: c.address, lat: c.location.lat, lon: c.location.lon, team: c.team, granted_care: c.granted.careMinutes, granted_service: c.granted.serviceMinutes,
      named_contact: c.namedContact, preferred_staff: list(p.preferredStaff), refused_staff: list(p.refusedStaff), staff_gender: e(p.staffGender, GENDER_WORDS), languages: list(p.languages),
      preferred_days: p.days ? formatWeekdays(p.days, lang) : undefined,
      preferred_times: list(p.timeRanges.map((r) => `${r.weekdays ? `${formatWeekdays(r.weekdays, lang)} ` : ''}${formatTimeRanges([r])}`), '; '),
      few_staff: p.fewStaff ? undefined : formatBoolean(false, lang),
    };
  });
  const taskRows = instance.clients.flatMap((c) =>
    c.tasks.map((t) => {
      const f = t.frequency;
      return {
        client: c.id, id: t.id, category: e(t.category, CATEGORY_WORDS), description: t.description, frequency: e(f.type, FREQUENCY_WORDS),
        times: f.type === 'daily' || f.type === 'weekdays' ? f.timesPerDay : f.timesPerWeek,
        weekdays: f.type !== 'daily' && f.weekdays ? formatWeekdays(f.weekdays, lang) : undefined,
        week_parity: f.type === 'everyOtherWeek' ? e(f.isoWeekParity, PARITY_WORDS) : undefined,
        anchor_week: f.type === 'everyOtherWeek' ? f.anchorWeek : undefined,
        minutes: t.duration.standard, min_minutes: t.duration.min, max_minutes: t.duration.max,
        windows: t.windows.length > 0 ? formatTimeRanges(t.windows) : undefined,
        fixed_time: t.fixedTime?.time, tolerance: t.fixedTime?.toleranceMinutes, skills: list(t.skills), staff_count: t.staffCount,
        min_gap: t.minGapMinutes === 0 ? undefined : t.minGapMinutes, combinable: t.combinable ? undefined : formatBoolean(false, lang), priority: t.priority, active_from: t.activeFrom, active_until: t.activeUntil,
      };
    }),
  );
  const out = [
    table('settings', lang, settings),
    table('bases', lang, instance.bases.map((b) => ({ id: b.id, name: b.name, lat: b.location.lat, lon: b.location.lon }))),
    table('teams', lang, instance.teams.map((t) => ({ id: t.id, name: t.name }))),
    table('staff', lang, staffRows),
    table('shifts', lang, shiftRows),
    table('clients', lang, clientRows),
    table('tasks', lang, taskRows),
  ];
  if (instance.history.length > 0) {
    out.push(
      table('history', lang, instance.history.map((h) => ({ client: h.clientId, date: h.date, start: h.start, minutes: h.minutes, staff: h.staff.join(' '), categories: h.categories.map((x) => formatEnum(x, CATEGORY_WORDS, lang)).join(', ') }))),
    );
  }
  return out;
}

/** The templates: every sheet with its headers and one example row; settings with the period rows. */
export function templateSheets(lang: SheetLang): OutTable[] {
  return SHEETS.map((def) => {
    const example = (key: string): Cell => {
      const x = def.columns.find((c) => c.key === key)?.example;
      return typeof x === 'object' ? x[lang] : x;
    };
    if (def.key === 'settings') {
      const rows = SETTINGS.filter((s) => s.always).map((s) => ({
        setting: s.key,
        value: s.key === 'id' ? 'mitt-omrade' : s.key === 'period.start' ? '2026-11-23' : s.key === 'period.days' ? 7 : 'Europe/Stockholm',
        description: lang === 'sv' ? s.help.sv : s.help.en,
      }));
      return table('settings', lang, rows);
    }
    return table(def.key, lang, [Object.fromEntries(def.columns.map((c) => [c.key, example(c.key)]))]);
  });
}

/** The "how to fill" text of the templates: each sheet, its columns, required marks and help. */
export function templateReadme(lang: SheetLang): string {
  const sv = lang === 'sv';
  const lines: string[] = [
    sv ? '# Så fyller du i bladen för slinga' : '# How to fill in the sheets for slinga',
    '',
    sv
      ? 'En rad per sak. Första raden är rubrikerna (svenska eller engelska). Exempelraden visar formatet: ersätt den. Tider skrivs 08:00 eller 8.00, dagar mån–fre eller mån, ons, fre, datum 2026-11-23. Koordinater (lat, lon) krävs: slinga geokodar inte. CSV-filer får vara komma- eller semikolonseparerade (Excel), UTF-8 med eller utan BOM. Kör sedan: slinga import <mapp eller .xlsx> --out instans.json'
      : 'One row per thing. The first row holds the headers (Swedish or English). The example row shows the format: replace it. Times are written 08:00 or 8.00, days Mon–Fri or Mon, Wed, Fri, dates 2026-11-23. Coordinates (lat, lon) are required: slinga does not geocode. CSV files may be comma- or semicolon-separated (Excel), UTF-8 with or without a BOM. Then run: slinga import <folder or .xlsx> --out instance.json',
    '',
  ];
  for (const def of SHEETS) {
    lines.push(`## ${sv ? def.sv : def.en}${def.required ? '' : sv ? ' (valfritt)' : ' (optional)'}`, '', sv ? def.help.sv : def.help.en, '');
    for (const c of def.columns) lines.push(`- **${header(c, lang)}**${c.required ? (sv ? ' (krävs)' : ' (required)') : ''}: ${sv ? c.help.sv : c.help.en}`);
    if (def.key === 'settings') {
      lines.push('', sv ? 'Inställningarna (namn eller svenskt alias i första kolumnen):' : 'The settings (name or Swedish alias in the first column):', '');
      for (const s of SETTINGS) lines.push(`- \`${s.key}\`${s.aliases[0] ? ` (${s.aliases[0]})` : ''}: ${sv ? s.help.sv : s.help.en}`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

/** The readme as a one-column sheet (for the workbook template). */
export function readmeSheet(lang: SheetLang): OutTable {
  return { name: lang === 'sv' ? 'läs mig' : 'readme', headers: [lang === 'sv' ? 'Så fyller du i' : 'How to fill in'], rows: templateReadme(lang).split('\n').slice(1).map((l) => [l]), widths: [140] };
}
