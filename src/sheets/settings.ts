/**
 * The settings sheet: one row per instance setting (id, period, continuity policy, travel model,
 * planning tolerance, money), keyed by the setting's dotted JSON name or a Swedish alias.
 * @module
 */
import type { Instance } from '../schema/instance.js';
import { BASIS_WORDS, MODE_WORDS } from './columns.js';
import { formatBoolean, formatEnum, parseBoolean, parseDate, parseEnum, parseId, parseNumber, parseTime, parseWhole, cellText, ValueError, type CellValue } from './values.js';

/** One setting: its dotted path in the instance, Swedish aliases, parser, writer and help. */
export interface SettingDef {
  readonly key: string;
  readonly aliases: readonly string[];
  readonly parse: (v: CellValue, decimalComma: boolean) => unknown;
  readonly get: (i: Instance) => unknown;
  readonly format?: (v: unknown, lang: 'sv' | 'en') => string | number;
  readonly help: { readonly sv: string; readonly en: string };
  /** Always written (the rest only when they differ from the default). */
  readonly always?: boolean;
}

const num = (v: CellValue, dc: boolean): number => parseNumber(v, dc);
const whole = (v: CellValue, dc: boolean): number => parseWhole(v, dc);

/** The settings, in the order they are written. */
export const SETTINGS: readonly SettingDef[] = [
  { key: 'id', aliases: ['instans', 'instans id'], parse: (v) => parseId(v), get: (i) => i.id, always: true, help: { sv: 'Instansens id', en: 'Id of the instance' } },
  { key: 'period.start', aliases: ['periodstart', 'period början', 'första dag'], parse: (v) => parseDate(v), get: (i) => i.period.start, always: true, help: { sv: 'Periodens första dag (en måndag)', en: 'First day of the period (a Monday)' } },
  {
    key: 'period.days',
    aliases: ['antal dagar', 'period dagar'],
    parse: (v, dc) => {
      const n = parseWhole(v, dc);
      if (n !== 7 && n !== 14) throw new ValueError('OUT_OF_RANGE', 'A period has 7 or 14 days.', 'write 7 or 14');
      return n;
    },
    get: (i) => i.period.days,
    always: true,
    help: { sv: 'Periodens längd: 7 eller 14 dagar', en: 'Length of the period: 7 or 14 days' },
  },
  { key: 'period.timeZone', aliases: ['tidszon'], parse: (v) => cellText(v), get: (i) => i.period.timeZone, always: true, help: { sv: 'Tidszon (IANA)', en: 'Time zone (IANA)' } },
  { key: 'continuity.namedContactShareTarget', aliases: ['mål andel fast omsorgskontakt'], parse: num, get: (i) => i.continuity.namedContactShareTarget, help: { sv: 'Mål för andel besök av fast omsorgskontakt (0–1)', en: 'Target share of visits by the named contact (0–1)' } },
  { key: 'continuity.maxDistinctStaffPer14Days', aliases: ['max antal personal per 14 dagar'], parse: whole, get: (i) => i.continuity.maxDistinctStaffPer14Days, help: { sv: 'Högsta antal olika personal per brukare och 14 dagar', en: 'Most distinct staff per client and 14 days' } },
  {
    key: 'continuity.maxDistinctStaffMode',
    aliases: ['gräns personal'],
    parse: (v) => parseEnum(v, MODE_WORDS),
    get: (i) => i.continuity.maxDistinctStaffMode,
    format: (v, lang) => formatEnum(v as 'soft' | 'hard', MODE_WORDS, lang),
    help: { sv: 'mjuk eller hård gräns', en: 'soft or hard limit' },
  },
  { key: 'travel.detourFactor', aliases: ['omvägsfaktor'], parse: num, get: (i) => i.travel.detourFactor, help: { sv: 'Vägavstånd ÷ fågelvägen', en: 'Road distance ÷ great-circle distance' } },
  { key: 'travel.car.urbanKmh', aliases: ['bil km/h tätort'], parse: num, get: (i) => i.travel.car.urbanKmh, help: { sv: 'Bilens hastighet i tätort', en: 'Car speed in town' } },
  { key: 'travel.car.ruralKmh', aliases: ['bil km/h landsbygd'], parse: num, get: (i) => i.travel.car.ruralKmh, help: { sv: 'Bilens hastighet på landsbygd', en: 'Car speed in the country' } },
  { key: 'travel.car.urbanKm', aliases: ['bil km tätort'], parse: num, get: (i) => i.travel.car.urbanKm, help: { sv: 'Första km av varje resa i tätortsfart', en: 'First km of each leg at town speed' } },
  { key: 'travel.bikeKmh', aliases: ['cykel km/h'], parse: num, get: (i) => i.travel.bikeKmh, help: { sv: 'Cykelns hastighet', en: 'Bike speed' } },
  { key: 'travel.walkKmh', aliases: ['gång km/h'], parse: num, get: (i) => i.travel.walkKmh, help: { sv: 'Gånghastighet', en: 'Walking speed' } },
  { key: 'travel.accessMinutes', aliases: ['tid vid ankomst'], parse: whole, get: (i) => i.travel.accessMinutes, help: { sv: 'Minuter vid ankomst (parkering, nycklar)', en: 'Minutes on arrival (parking, keys)' } },
  { key: 'planning.grantedTolerance.lower', aliases: ['beviljad tid nedre'], parse: num, get: (i) => i.planning.grantedTolerance.lower, help: { sv: 'Planerad ÷ beviljad tid, nedre gräns', en: 'Planned ÷ granted, lower bound' } },
  { key: 'planning.grantedTolerance.upper', aliases: ['beviljad tid övre'], parse: num, get: (i) => i.planning.grantedTolerance.upper, help: { sv: 'Planerad ÷ beviljad tid, övre gräns', en: 'Planned ÷ granted, upper bound' } },
  {
    key: 'planning.crossTeamAllowed',
    aliases: ['hjälp mellan grupper'],
    parse: (v) => parseBoolean(v),
    get: (i) => i.planning.crossTeamAllowed,
    format: (v, lang) => formatBoolean(v as boolean, lang),
    help: { sv: 'Får personal hjälpa andra arbetsgrupper: ja/nej', en: 'May staff help other teams: yes/no' },
  },
  ...economicsSettings(),
];

/**
 * The `economics` block, one row per rate. Written only when the instance has the block; a
 * staff member's own wage is a column of the staff sheet instead.
 */
function economicsSettings(): SettingDef[] {
  const rate = (key: string, aliases: string[], sv: string, en: string): SettingDef => ({ key: `economics.${key}`, aliases, parse: num, get: (i) => getPath(i.economics, key), help: { sv, en } });
  return [
    rate('wagePerHourSek.care', ['timkostnad omsorg', 'lönekostnad omsorg'], 'Kostnad per betald timme, omsorgspersonal (lön med PO), kr', 'Cost per paid hour, care staff (wage with social costs), SEK'),
    rate('wagePerHourSek.nurse', ['timkostnad sjuksköterska', 'lönekostnad sjuksköterska'], 'Kostnad per betald timme, sjuksköterska, kr (tomt: som omsorg)', 'Cost per paid hour, nurses, SEK (empty: as care)'),
    { key: 'economics.ob.eveningFrom', aliases: ['ob kväll från'], parse: (v) => parseTime(v), get: (i) => i.economics?.ob.eveningFrom, help: { sv: 'OB kväll från klockslaget till midnatt (och före 06:00)', en: 'Evening supplement from this clock time to midnight (and before 06:00)' } },
    rate('ob.eveningMultiplier', ['ob kväll faktor', 'ob kväll'], 'OB kväll som faktor på lönen, t.ex. 1,15', 'Evening supplement as a multiplier of the wage, e.g. 1.15'),
    rate('ob.weekendMultiplier', ['ob helg faktor', 'ob helg'], 'OB helg (lör–sön hela dagen) som faktor, t.ex. 1,35', 'Weekend supplement (Sat–Sun all day) as a multiplier, e.g. 1.35'),
    rate('overtimeMultiplier', ['övertid faktor'], 'Övertid som faktor på lönen', 'Overtime as a multiplier of the wage'),
    rate('carPerKmSek', ['bilkostnad per km', 'milkostnad per km'], 'Bilkostnad per körd km, kr', 'Car cost per km driven, SEK'),
    rate('optionalShiftFixedSek', ['fast kostnad valfritt pass', 'fast kostnad extrapass'], 'Fast kostnad per använt valfritt pass (inringning, administration), kr', 'Fixed cost per used optional shift (call-in, admin), SEK'),
    rate('reimbursement.carePerHourSek', ['ersättning omsorg per timme', 'ersättning omsorg'], 'Ersättning per beviljad timme omsorg, kr', 'Reimbursement per granted hour of care, SEK'),
    rate('reimbursement.servicePerHourSek', ['ersättning service per timme', 'ersättning service'], 'Ersättning per beviljad timme service, kr', 'Reimbursement per granted hour of service, SEK'),
    rate('reimbursement.hslPerHourSek', ['ersättning hsl per timme', 'ersättning hsl'], 'Ersättning per ordinerad HSL-timme, kr', 'Reimbursement per prescribed HSL hour, SEK'),
    {
      key: 'economics.reimbursement.basis',
      aliases: ['ersättningsgrund'],
      parse: (v) => parseEnum(v, BASIS_WORDS),
      get: (i) => i.economics?.reimbursement.basis,
      format: (v, lang) => formatEnum(v as 'granted' | 'performed', BASIS_WORDS, lang),
      help: { sv: 'beviljad (all beviljad tid) eller utförd (planerad tid, högst den beviljade)', en: 'granted (all granted time) or performed (planned time, at most the granted)' },
    },
  ];
}

/** Settings of the economics block a sheet must give once it gives any (no rate is built in). */
export const ECONOMICS_REQUIRED: readonly string[] = ['economics.wagePerHourSek.care', 'economics.reimbursement.carePerHourSek', 'economics.reimbursement.servicePerHourSek'];

function getPath(o: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((x, k) => (typeof x === 'object' && x !== null ? (x as Record<string, unknown>)[k] : undefined), o);
}

/** The setting a key cell names (dotted key, case-insensitive, or a Swedish alias). */
export function settingOf(text: string): SettingDef | undefined {
  const t = text.trim().toLowerCase();
  return SETTINGS.find((s) => s.key.toLowerCase() === t || s.aliases.includes(t));
}

/** Sets a dotted path in a plain object, creating objects on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let o = target;
  for (const p of parts.slice(0, -1)) {
    if (typeof o[p] !== 'object' || o[p] === null) o[p] = {};
    o = o[p] as Record<string, unknown>;
  }
  o[parts[parts.length - 1]!] = value;
}
