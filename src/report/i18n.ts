/**
 * Texts of the HTML report in Swedish (default) and English. Plain-language KPI explanations are
 * written for planners, not for engineers.
 * @module
 */

/** Languages of the report. */
export type ReportLang = 'sv' | 'en';

/** Every text the report uses (server-rendered part and inline script). */
export interface ReportTexts {
  readonly locale: string;
  readonly title: string;
  readonly skip: string;
  readonly nav: { summary: string; day: string; clients: string; staff: string; korlistor: string; unplanned: string };
  readonly filters: { legend: string; team: string; staff: string; day: string; all: string; allDays: string; reset: string };
  readonly period: (range: string, days: number, tz: string) => string;
  readonly planMeta: (solver: string, strategy: string, seed: number, version: string) => string;
  readonly kpi: {
    heading: string;
    national: string;
    nationalValue: (mean: string, median: string, n: number, days: number) => string;
    nationalExplain: string;
    all: string;
    allValue: (mean: string, median: string, n: number) => string;
    allExplain: string;
    named: string;
    namedExplain: (target: string) => string;
    clientTime: string;
    clientTimeExplain: string;
    travel: string;
    travelExplain: (minutes: string, km: string) => string;
    fidelity: string;
    fidelityValue: (min: string, median: string, max: string) => string;
    fidelityExplain: (within: string, lower: string, upper: string) => string;
    prefs: string;
    prefsValue: (time: string, staff: string, day: string) => string;
    prefsExplain: string;
    unplanned: string;
    unplannedValue: (count: number, minutes: string) => string;
    unplannedExplain: string;
    other: string;
    otherValue: (visits: number, waiting: string, overtime: string) => string;
    otherExplain: string;
    asText: string;
    teams: string;
    na: string;
  };
  readonly teamCols: readonly string[];
  readonly clientCols: readonly string[];
  readonly staffCols: readonly string[];
  readonly unplannedCols: readonly string[];
  readonly showWeek: string;
  readonly showKorlista: string;
  readonly noUnplanned: string;
  readonly reasons: Record<string, string>;
  /** A planner-readable sentence per reason code. */
  readonly reasonExplain: Record<string, string>;
  readonly categories: Record<string, string>;
  readonly modes: Record<string, string>;
  readonly weekdays: readonly string[];
  readonly printHint: string;
  /** The "Changes" section of a replanned plan (`plan.changes`) and the badges on changed visits. */
  readonly changes: {
    heading: string;
    intro: string;
    /** Badge text per change kind (restaffed, retimed, movedDay, added, removed). */
    kinds: Record<string, string>;
    counts: (unchanged: number, restaffed: number, retimed: number, movedDay: number, added: number, removed: number) => string;
    byReason: string;
    tell: string;
    tellCols: readonly string[];
    nobody: string;
    call: string;
    callCols: readonly string[];
  };
  readonly print: string;
  /** Texts used by the inline script. */
  readonly js: Record<string, string>;
}

const SV: ReportTexts = {
  locale: 'sv-SE',
  title: 'Planeringsrapport',
  skip: 'Hoppa till innehållet',
  nav: { summary: 'Nyckeltal', day: 'Karta och tidslinjer', clients: 'Brukare', staff: 'Medarbetare', korlistor: 'Körlistor', unplanned: 'Ej planerat' },
  filters: { legend: 'Filter', team: 'Arbetslag', staff: 'Medarbetare', day: 'Dag', all: 'Alla', allDays: 'Alla dagar', reset: 'Återställ' },
  period: (range, days, tz) => `Period: ${range} (${days} dagar, tidszon ${tz})`,
  planMeta: (solver, strategy, seed, version) => `Plan: ${solver}, strategi ${strategy}, frö ${seed}, slinga ${version}`,
  kpi: {
    heading: 'Nyckeltal',
    national: 'Personalkontinuitet (nationellt mått)',
    nationalValue: (mean, median, n, days) => `medel ${mean}, median ${median} (${n} brukare, ${days} dagar)`,
    nationalExplain:
      'Hur många olika medarbetare en brukare möter under 14 dagar. Räknas för brukare med minst två besök varje dag, besök mellan 07 och 22; larm, matdistribution och sjuksköterskor räknas inte. Lägre är bättre; riksgenomsnittet är ungefär 15.',
    all: 'Personalkontinuitet, alla brukare',
    allValue: (mean, median, n) => `medel ${mean}, median ${median} (${n} brukare)`,
    allExplain: 'Antal olika medarbetare per brukare under perioden, för alla brukare med minst ett besök och alla besök.',
    named: 'Besök av fast omsorgskontakt',
    namedExplain: (target) => `Andel av besöken där brukarens fasta omsorgskontakt är med. Mål: ${target}.`,
    clientTime: 'Brukartid',
    clientTimeExplain: 'Tid hos brukare som andel av betald arbetstid. Riksgenomsnittet är ungefär 58 %.',
    travel: 'Restid',
    travelExplain: (minutes, km) => `Restid som andel av betald arbetstid: ${minutes} och ${km} totalt.`,
    fidelity: 'Planerad tid jämfört med beviljad tid',
    fidelityValue: (min, median, max) => `lägst ${min}, median ${median}, högst ${max}`,
    fidelityExplain: (within, lower, upper) =>
      `Planerad ÷ beviljad tid per brukare (1,00 = precis den beviljade tiden). ${within} av brukarna ligger inom ${lower}–${upper}.`,
    prefs: 'Önskemål som uppfylls',
    prefsValue: (time, staff, day) => `tider ${time}, personal ${staff}, dagar ${day}`,
    prefsExplain: 'Andel besök som börjar inom en önskad tid, som görs av önskad personal och (veckoinsatser) som ligger på en önskad dag.',
    unplanned: 'Ej planerat',
    unplannedValue: (count, minutes) => `${count} tillfällen, ${minutes}`,
    unplannedExplain: 'Insatser som inte kunde planeras. Varje post har en orsak; se listan längre ned.',
    other: 'Besök, väntan och övertid',
    otherValue: (visits, waiting, overtime) => `${visits} besök, väntan ${waiting}, övertid ${overtime}`,
    otherExplain: 'Väntan är tid då medarbetaren väntar på att ett besöksfönster ska öppna. Övertid är arbete efter passets slut.',
    asText: 'Nyckeltal som text',
    teams: 'Per arbetslag',
    na: '–',
  },
  teamCols: ['Arbetslag', 'Brukare', 'Medarbetare', 'Besök', 'Besök av annat lag', 'Kontinuitet (nat. medel)', 'Fast kontakt', 'Brukartid', 'Restid', 'Planerad ÷ beviljad', 'Ej planerat'],
  clientCols: ['Brukare', 'Arbetslag', 'Besök', 'Personal som mött brukaren', 'Beviljat (min)', 'Planerat (min)', 'Planerat ÷ beviljat', 'Fast kontakt', 'Önskade tider', 'Önskad personal', 'Önskade dagar', 'Ej planerat', 'Veckan'],
  staffCols: ['Medarbetare', 'Arbetslag', 'Färdsätt', 'Pass', 'Besök', 'Brukare', 'Tid hos brukare', 'Restid', 'Väntan', 'Övertid', 'Brukartid', 'Körlistor'],
  unplannedCols: ['Brukare', 'Arbetslag', 'Insats', 'Från', 'Till', 'Antal', 'Minuter', 'Orsak', 'Förklaring', 'Planerarens meddelande'],
  showWeek: 'Visa veckan',
  showKorlista: 'Visa körlistor',
  noUnplanned: 'Allt är planerat.',
  reasons: {
    NO_QUALIFIED_STAFF: 'Ingen behörig personal',
    NO_SHIFT: 'Inget pass',
    WINDOW_UNREACHABLE: 'Tidsfönstret nås inte',
    CAPACITY: 'Kapacitet saknas',
    REFUSED_STAFF: 'Avböjd personal',
    BUDGET: 'Beviljad tid räcker inte',
    GAP: 'Minsta avstånd mellan besök',
    DOUBLE_STAFFING: 'Dubbelbemanning saknas',
    NOT_SCHEDULED: 'Inte schemalagd',
  },
  reasonExplain: {
    NO_QUALIFIED_STAFF: 'Ingen medarbetare med rätt behörighet eller delegering har pass den dagen.',
    NO_SHIFT: 'Det finns inget pass som täcker de tillåtna tiderna.',
    WINDOW_UNREACHABLE: 'Ingen hinner fram inom det tillåtna tidsfönstret.',
    CAPACITY: 'Behörig personals pass var redan fulla vid de tillåtna tiderna.',
    REFUSED_STAFF: 'Bara personal som brukaren har avböjt kunde ha gjort besöket.',
    BUDGET: 'Besöket skulle ta mer tid än den beviljade tiden tillåter.',
    GAP: 'Minsta tid mellan brukarens besök med den här insatsen kunde inte hållas.',
    DOUBLE_STAFFING: 'Det gick inte att få två behöriga medarbetare dit samtidigt.',
    NOT_SCHEDULED: 'Planeraren lade inte in insatsen.',
  },
  categories: {
    personal_care: 'omvårdnad',
    service: 'service',
    meal: 'måltid',
    supervision: 'tillsyn',
    escort: 'ledsagning',
    hsl: 'HSL',
    alarm: 'larm',
    meal_delivery: 'matdistribution',
  },
  modes: { car: 'bil', bike: 'cykel', walk: 'gång' },
  weekdays: ['', 'mån', 'tis', 'ons', 'tor', 'fre', 'lör', 'sön'],
  printHint: 'Skriv ut: bara körlistorna skrivs ut, en per sida. Välj medarbetare och dag i filtret först.',
  changes: {
    heading: 'Ändringar',
    intro: 'Jämfört med planen som planerades om. Ändrade besök är märkta i tidslinjer, körlistor och brukarnas veckor.',
    kinds: { restaffed: 'ny personal', retimed: 'ny tid', movedDay: 'ny dag', added: 'nytt besök', removed: 'borttaget' },
    counts: (u, rs, rt, md, a, rm) => `${u} oförändrade, ${rs} med ny personal, ${rt} med ny tid (mer än 15 min), ${md} flyttade till annan dag, ${a} nya, ${rm} borttagna besök`,
    byReason: 'Ändrade besök per orsak',
    tell: 'Att meddela medarbetare',
    tellCols: ['Medarbetare', 'Nya besök', 'Borttagna besök', 'Ny tid'],
    nobody: 'Ingen behöver meddelas.',
    call: 'Brukare att ringa',
    callCols: ['Brukare', 'Besök', 'Ändring', 'Före', 'Efter'],
  },
  print: 'Skriv ut körlistor',
  js: {
    chooseDay: 'Välj en dag i filtret för att se karta och tidslinjer.',
    noRoutes: 'Inga slingor för det här urvalet.',
    map: 'Karta över slingorna',
    timeline: 'Tidslinjer',
    travel: 'Resa',
    wait: 'Väntan',
    visit: 'Besök',
    break: 'Rast',
    base: 'Kontor',
    start: 'Start',
    end: 'Slut',
    min: 'min',
    km: 'km',
    shift: 'Pass',
    korlista: 'Körlista',
    time: 'Tid',
    client: 'Brukare',
    address: 'Adress',
    tasks: 'Insatser',
    with: 'Tillsammans med',
    travelBefore: 'Resa före (min)',
    showing: 'Visar',
    of: 'av',
    route: 'slinga',
    routes: 'slingor',
    visits: 'besök',
    staffMet: 'Personal',
    noVisits: 'Inga besök',
    legendVisit: 'besök (färg per medarbetare)',
  },
};

const EN: ReportTexts = {
  locale: 'en-GB',
  title: 'Planning report',
  skip: 'Skip to content',
  nav: { summary: 'KPIs', day: 'Map and timelines', clients: 'Clients', staff: 'Staff', korlistor: 'Route sheets', unplanned: 'Unplanned' },
  filters: { legend: 'Filters', team: 'Team', staff: 'Staff', day: 'Day', all: 'All', allDays: 'All days', reset: 'Reset' },
  period: (range, days, tz) => `Period: ${range} (${days} days, time zone ${tz})`,
  planMeta: (solver, strategy, seed, version) => `Plan: ${solver}, strategy ${strategy}, seed ${seed}, slinga ${version}`,
  kpi: {
    heading: 'KPIs',
    national: 'Staff continuity (national measure)',
    nationalValue: (mean, median, n, days) => `mean ${mean}, median ${median} (${n} clients, ${days} days)`,
    nationalExplain:
      'How many different staff a client meets in 14 days. Counted for clients with at least two visits every day, visits between 07:00 and 22:00; alarms, meal deliveries and nurses are not counted. Lower is better; the national average is about 15.',
    all: 'Staff continuity, all clients',
    allValue: (mean, median, n) => `mean ${mean}, median ${median} (${n} clients)`,
    allExplain: 'Different staff per client over the period, for every client with at least one visit and all visits.',
    named: 'Visits by the named contact',
    namedExplain: (target) => `Share of visits in which the client's named contact takes part. Target: ${target}.`,
    clientTime: 'Client time',
    clientTimeExplain: 'Time at clients as a share of paid working time. The national average is about 58%.',
    travel: 'Travel',
    travelExplain: (minutes, km) => `Travel time as a share of paid working time: ${minutes} and ${km} in total.`,
    fidelity: 'Planned versus granted time',
    fidelityValue: (min, median, max) => `lowest ${min}, median ${median}, highest ${max}`,
    fidelityExplain: (within, lower, upper) =>
      `Planned ÷ granted time per client (1.00 = exactly the granted time). ${within} of clients are within ${lower}–${upper}.`,
    prefs: 'Preferences met',
    prefsValue: (time, staff, day) => `times ${time}, staff ${staff}, days ${day}`,
    prefsExplain: 'Share of visits starting in a preferred time range, made by preferred staff and (weekly tasks) on a preferred day.',
    unplanned: 'Unplanned',
    unplannedValue: (count, minutes) => `${count} occurrences, ${minutes}`,
    unplannedExplain: 'Tasks that could not be planned. Each has a reason; see the list below.',
    other: 'Visits, waiting and overtime',
    otherValue: (visits, waiting, overtime) => `${visits} visits, waiting ${waiting}, overtime ${overtime}`,
    otherExplain: 'Waiting is time spent waiting for a visit window to open. Overtime is work after the end of the shift.',
    asText: 'KPIs as text',
    teams: 'Per team',
    na: 'n/a',
  },
  teamCols: ['Team', 'Clients', 'Staff', 'Visits', 'Visits by other teams', 'Continuity (nat. mean)', 'Named contact', 'Client time', 'Travel', 'Planned ÷ granted', 'Unplanned'],
  clientCols: ['Client', 'Team', 'Visits', 'Staff met', 'Granted (min)', 'Planned (min)', 'Planned ÷ granted', 'Named contact', 'Preferred times', 'Preferred staff', 'Preferred days', 'Unplanned', 'Week'],
  staffCols: ['Staff', 'Team', 'Travel mode', 'Shifts', 'Visits', 'Clients', 'Client time', 'Travel', 'Waiting', 'Overtime', 'Client-time share', 'Route sheets'],
  unplannedCols: ['Client', 'Team', 'Task', 'From', 'To', 'Count', 'Minutes', 'Reason', 'Explanation', "Planner's message"],
  showWeek: 'Show week',
  showKorlista: 'Show route sheets',
  noUnplanned: 'Everything is planned.',
  reasons: {
    NO_QUALIFIED_STAFF: 'No qualified staff',
    NO_SHIFT: 'No shift',
    WINDOW_UNREACHABLE: 'Window unreachable',
    CAPACITY: 'No capacity',
    REFUSED_STAFF: 'Refused staff',
    BUDGET: 'Granted time exhausted',
    GAP: 'Minimum gap between visits',
    DOUBLE_STAFFING: 'No second staff member',
    NOT_SCHEDULED: 'Not scheduled',
  },
  reasonExplain: {
    NO_QUALIFIED_STAFF: 'No staff member with the required skill or delegation works that day.',
    NO_SHIFT: 'No shift covers the allowed times.',
    WINDOW_UNREACHABLE: 'Nobody can get there within the allowed time window.',
    CAPACITY: 'The shifts of qualified staff were already full at the allowed times.',
    REFUSED_STAFF: 'Only staff the client has refused could have made the visit.',
    BUDGET: 'The visit would take more time than the granted time allows.',
    GAP: "The minimum time between the client's visits with this task could not be kept.",
    DOUBLE_STAFFING: 'Two qualified staff could not be brought there at the same time.',
    NOT_SCHEDULED: 'The planner did not schedule the task.',
  },
  categories: {
    personal_care: 'personal care',
    service: 'service',
    meal: 'meal',
    supervision: 'supervision',
    escort: 'escort',
    hsl: 'health care (HSL)',
    alarm: 'alarm',
    meal_delivery: 'meal delivery',
  },
  modes: { car: 'car', bike: 'bike', walk: 'walk' },
  weekdays: ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  printHint: 'Printing prints only the route sheets, one per page. Choose staff and day in the filters first.',
  changes: {
    heading: 'Changes',
    intro: 'Against the plan that was replanned. Changed visits are marked in the timelines, route sheets and client weeks.',
    kinds: { restaffed: 'new staff', retimed: 'new time', movedDay: 'moved day', added: 'new visit', removed: 'removed' },
    counts: (u, rs, rt, md, a, rm) => `${u} unchanged, ${rs} restaffed, ${rt} retimed (more than 15 min), ${md} moved to another day, ${a} added, ${rm} removed visits`,
    byReason: 'Changed visits by reason',
    tell: 'Staff to tell',
    tellCols: ['Staff', 'Added visits', 'Removed visits', 'Retimed visits'],
    nobody: 'Nobody needs to be told.',
    call: 'Clients to call',
    callCols: ['Client', 'Visit', 'Change', 'Before', 'After'],
  },
  print: 'Print route sheets',
  js: {
    chooseDay: 'Choose a day in the filters to see the map and timelines.',
    noRoutes: 'No routes for this selection.',
    map: 'Map of the routes',
    timeline: 'Timelines',
    travel: 'Travel',
    wait: 'Waiting',
    visit: 'Visit',
    break: 'Break',
    base: 'Base',
    start: 'Start',
    end: 'End',
    min: 'min',
    km: 'km',
    shift: 'Shift',
    korlista: 'Route sheet',
    time: 'Time',
    client: 'Client',
    address: 'Address',
    tasks: 'Tasks',
    with: 'Together with',
    travelBefore: 'Travel before (min)',
    showing: 'Showing',
    of: 'of',
    route: 'route',
    routes: 'routes',
    visits: 'visits',
    staffMet: 'Staff',
    noVisits: 'No visits',
    legendVisit: 'visit (one colour per staff member)',
  },
};

/** The texts of a language. */
export function texts(lang: ReportLang): ReportTexts {
  return lang === 'en' ? EN : SV;
}
