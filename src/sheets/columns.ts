/**
 * The sheets and their columns: canonical key, Swedish and English headers, the other headers
 * planners' systems write, whether the column is required, a line of help and an example value for
 * the templates. One definition serves reading, writing and the templates.
 * @module
 */
import type { TaskCategory } from '../schema/instance.js';
import type { Vocabulary } from './values.js';

/** Language of headers and words in written sheets. */
export type SheetLang = 'sv' | 'en';

/** One column of a sheet. */
export interface ColumnDef {
  readonly key: string;
  readonly en: string;
  readonly sv: string;
  readonly aliases?: readonly string[];
  readonly required?: boolean;
  readonly help: { readonly sv: string; readonly en: string };
  /** Example cell of the template (the same in both languages unless given per language). */
  readonly example?: string | number | { readonly sv: string; readonly en: string };
}

/** Keys of the sheets. */
export type SheetKey = 'settings' | 'bases' | 'teams' | 'staff' | 'shifts' | 'clients' | 'tasks' | 'history';

/** One sheet (a CSV file `<name>.csv`, or a worksheet of the workbook). */
export interface SheetDef {
  readonly key: SheetKey;
  readonly en: string;
  readonly sv: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
  readonly help: { readonly sv: string; readonly en: string };
  readonly columns: readonly ColumnDef[];
}

const c = (key: string, en: string, sv: string, help: [string, string], more: Partial<ColumnDef> = {}): ColumnDef => ({
  key,
  en,
  sv,
  help: { sv: help[0], en: help[1] },
  ...more,
});

export const CATEGORY_WORDS: Vocabulary<TaskCategory> = {
  personal_care: ['personlig omvårdnad', 'omvårdnad', 'personlig omsorg', 'personal care'],
  service: ['service', 'serviceinsats'],
  meal: ['måltid', 'mat', 'meal'],
  supervision: ['tillsyn', 'supervision'],
  escort: ['ledsagning', 'escort'],
  hsl: ['hsl', 'hälso- och sjukvård', 'delegerad hsl', 'health care'],
  alarm: ['larm', 'trygghetslarm', 'alarm'],
  meal_delivery: ['matdistribution', 'matleverans', 'meal delivery'],
};
export const FREQUENCY_WORDS: Vocabulary<'daily' | 'weekdays' | 'weekly' | 'everyOtherWeek'> = {
  daily: ['dagligen', 'varje dag', 'daily', 'every day'],
  weekdays: ['vissa veckodagar', 'veckodagar', 'vissa dagar', 'weekdays', 'on weekdays'],
  weekly: ['veckovis', 'per vecka', 'varje vecka', 'weekly'],
  everyOtherWeek: ['varannan vecka', 'every other week', 'biweekly', 'fortnightly'],
};
export const TRAVEL_WORDS: Vocabulary<'car' | 'bike' | 'walk'> = {
  car: ['bil', 'car'],
  bike: ['cykel', 'elcykel', 'bike', 'bicycle'],
  walk: ['gång', 'till fots', 'gå', 'walk', 'on foot'],
};
export const ROLE_WORDS: Vocabulary<'care' | 'nurse'> = {
  care: ['omsorg', 'undersköterska', 'vårdbiträde', 'care'],
  nurse: ['sjuksköterska', 'ssk', 'nurse'],
};
export const GENDER_WORDS: Vocabulary<'female' | 'male' | 'other'> = {
  female: ['kvinna', 'k', 'female', 'f', 'woman'],
  male: ['man', 'm', 'male'],
  other: ['annat', 'annan', 'other'],
};
export const PREFERRED_GENDER_WORDS: Vocabulary<'female' | 'male'> = { female: GENDER_WORDS.female, male: GENDER_WORDS.male };
export const BREAK_AT_WORDS: Vocabulary<'base' | 'anywhere'> = {
  base: ['på basen', 'bas', 'base', 'at base'],
  anywhere: ['var som helst', 'valfritt', 'anywhere'],
};
export const PARITY_WORDS: Vocabulary<'odd' | 'even'> = {
  odd: ['udda', 'udda veckor', 'odd', 'odd weeks'],
  even: ['jämn', 'jämna', 'jämna veckor', 'even', 'even weeks'],
};
export const MODE_WORDS: Vocabulary<'soft' | 'hard'> = { soft: ['mjuk', 'soft'], hard: ['hård', 'hard'] };
export const BASIS_WORDS: Vocabulary<'granted' | 'performed'> = { granted: ['beviljad', 'beviljad tid', 'granted'], performed: ['utförd', 'utförd tid', 'planerad', 'performed'] };

/** All sheets in the order they are written. */
export const SHEETS: readonly SheetDef[] = [
  {
    key: 'settings',
    en: 'settings',
    sv: 'inställningar',
    aliases: ['period', 'instans'],
    required: false,
    help: {
      sv: 'En rad per inställning. Utan bladet: id från filnamnet, perioden från passens datum, standardvärden för resten.',
      en: 'One row per setting. Without it: id from the file name, the period from the shift dates, defaults for the rest.',
    },
    columns: [
      c('setting', 'setting', 'inställning', ['Namnet på inställningen, t.ex. period.start', 'Name of the setting, e.g. period.start'], { required: true, aliases: ['key', 'nyckel', 'namn'], example: 'period.start' }),
      c('value', 'value', 'värde', ['Värdet', 'The value'], { required: true, example: '2026-11-23' }),
      c('description', 'description', 'beskrivning', ['Förklaring (läses inte)', 'Explanation (not read)'], { example: { sv: 'Periodens första dag (en måndag)', en: 'First day of the period (a Monday)' } }),
    ],
  },
  {
    key: 'bases',
    en: 'bases',
    sv: 'baser',
    aliases: ['utgångspunkter', 'kontor', 'base'],
    required: true,
    help: { sv: 'Utgångspunkter (kontor) som personalen startar och slutar vid.', en: 'Bases (offices) where staff start and end.' },
    columns: [
      c('id', 'id', 'id', ['Kod för basen', 'Code of the base'], { required: true, aliases: ['bas', 'base', 'base id', 'bas id'], example: 'b1' }),
      c('name', 'name', 'namn', ['Namn (visas i rapporter)', 'Display name'], { example: { sv: 'Hemtjänsten centrum', en: 'Home care centre' } }),
      c('lat', 'lat', 'lat', ['Latitud, decimalgrader (WGS84)', 'Latitude, decimal degrees (WGS84)'], { required: true, aliases: ['latitud', 'latitude'], example: 59.7255 }),
      c('lon', 'lon', 'lon', ['Longitud, decimalgrader (WGS84)', 'Longitude, decimal degrees (WGS84)'], { required: true, aliases: ['longitud', 'longitude', 'lng'], example: 17.787 }),
    ],
  },
  {
    key: 'teams',
    en: 'teams',
    sv: 'arbetsgrupper',
    aliases: ['grupper', 'team', 'lag'],
    required: true,
    help: { sv: 'Arbetsgrupperna.', en: 'The teams.' },
    columns: [
      c('id', 'id', 'id', ['Kod för arbetsgruppen', 'Code of the team'], { required: true, aliases: ['arbetsgrupp', 'grupp', 'team', 'team id'], example: 't1' }),
      c('name', 'name', 'namn', ['Namn', 'Display name'], { example: { sv: 'Grupp norr', en: 'North team' } }),
    ],
  },
  {
    key: 'staff',
    en: 'staff',
    sv: 'personal',
    aliases: ['medarbetare', 'anställda', 'employees'],
    required: true,
    help: { sv: 'En rad per medarbetare.', en: 'One row per staff member.' },
    columns: [
      c('id', 'id', 'id', ['Kod för medarbetaren (aldrig namnet)', 'Code of the staff member (never the name)'], { required: true, aliases: ['personal', 'medarbetare', 'anställningsnummer', 'staff id', 'staff'], example: 's001' }),
      c('name', 'name', 'namn', ['Namn (visas i körlistor)', 'Display name'], { example: { sv: 'Anna A', en: 'Anna A' } }),
      c('team', 'team', 'arbetsgrupp', ['Arbetsgruppens id', 'Team id'], { required: true, aliases: ['grupp', 'team id'], example: 't1' }),
      c('base', 'base', 'bas', ['Basens id', 'Base id'], { required: true, aliases: ['base id', 'bas id', 'utgångspunkt'], example: 'b1' }),
      c('travel_mode', 'travel mode', 'färdsätt', ['bil, cykel eller gång', 'car, bike or walk'], { required: true, aliases: ['transport', 'fordon', 'mode'], example: { sv: 'bil', en: 'car' } }),
      c('role', 'role', 'roll', ['omsorg eller sjuksköterska (tomt = omsorg)', 'care or nurse (empty = care)'], { example: { sv: 'omsorg', en: 'care' } }),
      c('skills', 'skills', 'kompetenser', ['Kompetenser och delegeringar, kommaseparerade', 'Skills and delegations, comma-separated'], { aliases: ['delegeringar', 'kompetens', 'behörigheter'], example: 'insulin, medication' }),
      c('gender', 'gender', 'kön', ['kvinna, man eller annat', 'female, male or other'], { example: { sv: 'kvinna', en: 'female' } }),
      c('languages', 'languages', 'språk', ['Språkkoder, t.ex. sv, fi', 'Language codes, e.g. sv, fi'], { example: 'sv, fi' }),
      c('max_week_minutes', 'max work minutes per week', 'max minuter per vecka', ['Avtalad högsta arbetstid per vecka i minuter', 'Contracted maximum minutes per week'], { aliases: ['max week minutes', 'veckoarbetstid'], example: 2400 }),
      c('wage_per_hour', 'wage cost per hour', 'timkostnad', ['Kostnad per betald timme för medarbetaren (lön med PO), kr; tomt: rollens (inställningen economics.wagePerHourSek)', "Cost per paid hour of this staff member (wage with social costs), SEK; empty: the role's (setting economics.wagePerHourSek)"], { aliases: ['timlön', 'lönekostnad per timme', 'kostnad per timme', 'wage per hour'] }),
    ],
  },
  {
    key: 'shifts',
    en: 'shifts',
    sv: 'pass',
    aliases: ['roster', 'schema', 'bemanning', 'arbetspass', 'timecare'],
    required: true,
    help: {
      sv: 'Bemanningen: en rad per arbetspass (t.ex. export från TimeCare). Pass-id kan lämnas tomt. Slut före start = passet slutar nästa dag.',
      en: 'The roster: one row per shift (e.g. a TimeCare export). The shift id may be empty. An end before the start ends the next day.',
    },
    columns: [
      c('staff', 'staff', 'personal', ['Medarbetarens id', 'Staff id'], { required: true, aliases: ['medarbetare', 'staff id', 'anställd', 'personal id'], example: 's001' }),
      c('id', 'shift id', 'pass id', ['Passets id (tomt: personal-datum)', 'Shift id (empty: staff-date)'], { aliases: ['id', 'pass'], example: 's001-1' }),
      c('date', 'date', 'datum', ['Datum, ÅÅÅÅ-MM-DD', 'Date, YYYY-MM-DD'], { required: true, aliases: ['dag'], example: '2026-11-23' }),
      c('start', 'start', 'start', ['Starttid, t.ex. 7.00', 'Start time, e.g. 07:00'], { required: true, aliases: ['från', 'starttid', 'start time', 'börjar'], example: '07:00' }),
      c('end', 'end', 'slut', ['Sluttid', 'End time'], { required: true, aliases: ['till', 'sluttid', 'end time', 'slutar'], example: '16:00' }),
      c('base', 'base', 'bas', ['Bas för passet (tomt: medarbetarens)', "Base of the shift (empty: the staff member's)"], { aliases: ['base id', 'bas id'] }),
      c('break_minutes', 'break minutes', 'rast minuter', ['Rastens längd i minuter (tomt: ingen rast)', 'Break minutes (empty: no break)'], { aliases: ['rast', 'break', 'rastlängd'], example: 30 }),
      c('break_from', 'break earliest start', 'rast tidigast', ['Tidigaste start för rasten', 'Earliest start of the break'], { aliases: ['rast från', 'break from'], example: '11:00' }),
      c('break_until', 'break latest end', 'rast senast', ['Senaste slut för rasten', 'Latest end of the break'], { aliases: ['rast till', 'break until'], example: '13:30' }),
      c('break_at', 'break at', 'rast plats', ['på basen eller var som helst', 'base or anywhere'], { aliases: ['rastplats'], example: { sv: 'på basen', en: 'base' } }),
      c('overtime', 'max overtime minutes', 'max övertid', ['Tillåten övertid i minuter (tomt: 0)', 'Overtime allowed in minutes (empty: 0)'], { aliases: ['övertid', 'overtime', 'max overtime'] }),
      c('optional', 'optional', 'valfritt', ['ja: timavlönad, extrapass eller resurspass, betalas bara om planen använder det (tomt: nej)', 'yes: hourly staff, an extra shift or the resource pool, paid only when the plan uses it (empty: no)'], { aliases: ['valfritt pass', 'extrapass', 'optional shift', 'kan släppas'] }),
    ],
  },
  {
    key: 'clients',
    en: 'clients',
    sv: 'brukare',
    aliases: ['kunder', 'vårdtagare', 'omsorgstagare', 'client'],
    required: true,
    help: {
      sv: 'En rad per brukare. Koordinater krävs (ingen geokodning). Beviljad tid i minuter för hela perioden.',
      en: 'One row per client. Coordinates are required (no geocoding). Granted time in minutes over the whole period.',
    },
    columns: [
      c('id', 'client', 'brukare', ['Brukarens id (aldrig namn eller personnummer)', 'Client id (never a name or personal number)'], { required: true, aliases: ['id', 'brukar id', 'client id', 'kund', 'kund id'], example: 'c001' }),
      c('name', 'name', 'namn', ['Namn (känsligt; loggas aldrig)', 'Name (sensitive; never logged)'], { example: 'Brukare Ett' }),
      c('address', 'address', 'adress', ['Adress (känslig; loggas aldrig)', 'Address (sensitive; never logged)'], { example: 'Storgatan 1' }),
      c('lat', 'lat', 'lat', ['Latitud, decimalgrader', 'Latitude, decimal degrees'], { required: true, aliases: ['latitud', 'latitude'], example: 59.7293 }),
      c('lon', 'lon', 'lon', ['Longitud, decimalgrader', 'Longitude, decimal degrees'], { required: true, aliases: ['longitud', 'longitude', 'lng'], example: 17.7852 }),
      c('team', 'team', 'arbetsgrupp', ['Arbetsgruppens id', 'Team id'], { required: true, aliases: ['grupp', 'team id'], example: 't1' }),
      c('granted_care', 'granted care minutes', 'beviljad tid omsorg', ['Beviljade minuter omsorg för perioden', 'Granted care minutes over the period'], { required: true, aliases: ['beviljad tid', 'beviljad omsorg', 'granted care', 'beviljade minuter'], example: 1400 }),
      c('granted_service', 'granted service minutes', 'beviljad tid service', ['Beviljade minuter service för perioden (tomt: 0)', 'Granted service minutes over the period (empty: 0)'], { aliases: ['beviljad service', 'granted service'], example: 120 }),
      c('named_contact', 'named contact', 'fast omsorgskontakt', ['Medarbetarens id', 'Staff id'], { aliases: ['omsorgskontakt', 'kontaktperson'], example: 's001' }),
      c('preferred_staff', 'preferred staff', 'önskad personal', ['Medarbetar-id, kommaseparerade', 'Staff ids, comma-separated'], { aliases: ['önskade medarbetare'] }),
      c('refused_staff', 'refused staff', 'avböjd personal', ['Medarbetare som aldrig ska komma', 'Staff who never visit'], { aliases: ['ej personal', 'avböjda medarbetare'] }),
      c('staff_gender', 'preferred staff gender', 'önskat kön', ['kvinna eller man', 'female or male'], { aliases: ['staff gender', 'kön på personal'] }),
      c('languages', 'languages', 'språk', ['Önskade språk, t.ex. sv, fi', 'Preferred languages'], { example: 'sv' }),
      c('preferred_days', 'preferred days', 'önskade dagar', ['För veckoinsatser, t.ex. mån, ons', 'For weekly tasks, e.g. Mon, Wed'], { aliases: ['önskade veckodagar'] }),
      c('preferred_times', 'preferred times', 'önskade tider', ['t.ex. 08:00–09:30 eller mån–fre 08:00–09:30; flera med ;', 'e.g. 08:00–09:30 or Mon–Fri 08:00–09:30; several with ;'], { example: '08:00–09:30' }),
      c('few_staff', 'few staff', 'få personal', ['Så få olika medarbetare som möjligt: ja/nej (tomt: ja)', 'As few different staff as possible: yes/no (empty: yes)'], { aliases: ['så få som möjligt'] }),
    ],
  },
  {
    key: 'tasks',
    en: 'tasks',
    sv: 'insatser',
    aliases: ['task', 'insats', 'beslut'],
    required: true,
    help: {
      sv: 'En rad per insats och brukare. Frekvens: dagligen, vissa veckodagar, veckovis eller varannan vecka; antal gånger per dag (dagligen, veckodagar) eller per vecka.',
      en: 'One row per task and client. Frequency: daily, weekdays, weekly or every other week; times per day (daily, weekdays) or per week.',
    },
    columns: [
      c('client', 'client', 'brukare', ['Brukarens id', 'Client id'], { required: true, aliases: ['client id', 'brukar id', 'kund'], example: 'c001' }),
      c('id', 'task', 'insats', ['Insatsens id hos brukaren, t.ex. morgon', "Task id within the client's tasks, e.g. morning"], { required: true, aliases: ['id', 'task id', 'insats id'], example: { sv: 'morgon', en: 'morning' } }),
      c('category', 'category', 'kategori', ['personlig omvårdnad, service, måltid, tillsyn, ledsagning, hsl, larm, matdistribution', 'personal_care, service, meal, supervision, escort, hsl, alarm, meal_delivery'], { required: true, aliases: ['typ', 'insatstyp'], example: { sv: 'personlig omvårdnad', en: 'personal_care' } }),
      c('description', 'description', 'beskrivning', ['Fritext (känslig; loggas aldrig)', 'Free text (sensitive; never logged)']),
      c('frequency', 'frequency', 'frekvens', ['dagligen, vissa veckodagar, veckovis, varannan vecka', 'daily, weekdays, weekly, every other week'], { required: true, aliases: ['återkommer', 'intervall'], example: { sv: 'dagligen', en: 'daily' } }),
      c('times', 'times', 'antal', ['Gånger per dag eller vecka (tomt: 1)', 'Times per day or week (empty: 1)'], { aliases: ['gånger', 'ggr', 'antal gånger', 'times per day', 'times per week'], example: 1 }),
      c('weekdays', 'weekdays', 'dagar', ['t.ex. mån–fre; krävs för vissa veckodagar', 'e.g. Mon–Fri; required for weekdays'], { aliases: ['veckodagar', 'days'] }),
      c('week_parity', 'week parity', 'veckor', ['Varannan vecka: udda eller jämna veckor', 'Every other week: odd or even weeks'], { aliases: ['udda jämn', 'jämn udda', 'vecka'] }),
      c('anchor_week', 'anchor week', 'startvecka', ['Varannan vecka: ett datum i en vecka då insatsen görs', 'Every other week: a date in a week the task is due'], { aliases: ['första vecka'] }),
      c('minutes', 'minutes', 'minuter', ['Schablontid per tillfälle i minuter', 'Standard minutes per occurrence'], { required: true, aliases: ['schablontid', 'tid', 'standard minutes', 'standard'], example: 30 }),
      c('min_minutes', 'min minutes', 'minst minuter', ['Kortaste tid (tomt: schablon)', 'Shortest (empty: standard)'], { aliases: ['min', 'kortast'], example: 25 }),
      c('max_minutes', 'max minutes', 'högst minuter', ['Längsta tid (tomt: schablon)', 'Longest (empty: standard)'], { aliases: ['max', 'längst'], example: 35 }),
      c('windows', 'windows', 'tidsfönster', ['Tillåten starttid, t.ex. 07:00–09:00; flera med ;', 'Allowed start times, e.g. 07:00–09:00; several with ;'], { aliases: ['fönster', 'tider', 'tid på dagen'], example: '07:00–09:00' }),
      c('fixed_time', 'fixed time', 'fast tid', ['Fast klockslag (t.ex. HSL)', 'Fixed clock time (e.g. HSL)'], { aliases: ['klockslag'] }),
      c('tolerance', 'tolerance minutes', 'tolerans', ['Minuter före/efter fast tid (tomt: 15)', 'Minutes either side of the fixed time (empty: 15)'], { aliases: ['tolerance', 'tolerans minuter'] }),
      c('skills', 'skills', 'kompetenser', ['Krav på kompetens/delegering', 'Skills or delegations required'], { aliases: ['krav', 'delegering'] }),
      c('staff_count', 'staff count', 'antal personal', ['1 eller 2 (dubbelbemanning)', '1 or 2 (double staffing)'], { aliases: ['dubbelbemanning', 'personal'], example: 1 }),
      c('min_gap', 'min gap minutes', 'minsta mellanrum', ['Minuter mellan två besök med insatsen', 'Minutes between two visits with the task'], { aliases: ['min gap', 'mellanrum'] }),
      c('combinable', 'combinable', 'samordningsbar', ['Kan göras i samma besök som andra: ja/nej (tomt: ja)', 'May share a visit: yes/no (empty: yes)'], { aliases: ['kan kombineras'] }),
      c('priority', 'priority', 'prioritet', ['1 (högst) – 3', '1 (highest) – 3']),
      c('active_from', 'active from', 'gäller från', ['Första datum', 'First date'], { aliases: ['från datum'] }),
      c('active_until', 'active until', 'gäller till', ['Sista datum', 'Last date'], { aliases: ['till datum'] }),
    ],
  },
  {
    key: 'history',
    en: 'history',
    sv: 'historik',
    aliases: ['tidigare besök'],
    required: false,
    help: { sv: 'Besök före perioden (för kontinuitet över veckor). Valfritt.', en: 'Visits before the period (continuity across weeks). Optional.' },
    columns: [
      c('client', 'client', 'brukare', ['Brukarens id', 'Client id'], { required: true, aliases: ['client id', 'brukar id'], example: 'c001' }),
      c('date', 'date', 'datum', ['Datum', 'Date'], { required: true, example: '2026-11-20' }),
      c('start', 'start', 'start', ['Starttid', 'Start time'], { required: true, example: '08:00' }),
      c('minutes', 'minutes', 'minuter', ['Besökets längd', 'Length of the visit'], { required: true, aliases: ['tid'], example: 30 }),
      c('staff', 'staff', 'personal', ['Medarbetar-id (1 eller 2)', 'Staff ids (1 or 2)'], { required: true, aliases: ['medarbetare'], example: 's001' }),
      c('categories', 'categories', 'kategorier', ['Insatsernas kategorier', 'Categories of the tasks'], { required: true, aliases: ['kategori'], example: { sv: 'personlig omvårdnad', en: 'personal_care' } }),
    ],
  },
];

/** A sheet definition by key. */
export function sheetDef(key: SheetKey): SheetDef {
  return SHEETS.find((s) => s.key === key)!;
}

/** Header of a column in a language. */
export function header(col: ColumnDef, lang: SheetLang): string {
  return lang === 'sv' ? col.sv : col.en;
}
