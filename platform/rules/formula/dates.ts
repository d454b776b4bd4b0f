/**
 * Calendar arithmetic for formulas, in the proleptic Gregorian calendar Postgres uses. Dates are
 * day numbers (0 = 1970-01-01) so they compare and subtract as integers; results outside the years
 * 1 to 9999 are blank, in memory and in SQL alike.
 */

/** Days from 1970-01-01 to a civil date (H. Hinnant's days_from_civil; any year, astronomical numbering). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number. */
export function civilFromDays(z: number): { y: number; m: number; d: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const MIN_DAY = daysFromCivil(1, 1, 1);
const MAX_DAY = daysFromCivil(9999, 12, 31);

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** A day number within the years 1-9999, or null. */
function inRange(day: number): number | null {
  return day >= MIN_DAY && day <= MAX_DAY ? day : null;
}

/** DATE(y, m, d): null unless all three are whole numbers naming a real day in the years 1-9999. */
export function makeDate(y: number, m: number, d: number): number | null {
  if (![y, m, d].every(Number.isInteger)) return null;
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return daysFromCivil(y, m, d);
}

/** 'YYYY-MM-DD' (or the date part of a longer ISO text) to a day number; null when not a real date. */
export function parseDay(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? makeDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** 'YYYY-MM-DD', as Postgres to_char(d, 'YYYY-MM-DD') writes it. */
export function formatDay(day: number): string {
  const { y, m, d } = civilFromDays(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** date + n days (n already whole); null outside the years 1-9999. */
export function addDays(day: number, n: number): number | null {
  return inRange(day + n);
}

/**
 * date + n months (n already whole), as Postgres `date + interval 'n months'`: a day past the end of
 * the target month becomes its last day (Jan 31 + 1 month = Feb 28 or 29).
 */
export function addMonths(day: number, n: number): number | null {
  const { y, m, d } = civilFromDays(day);
  const index = y * 12 + (m - 1) + n;
  if (index < 12 || index > 9999 * 12 + 11) return null;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return daysFromCivil(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day a point in time falls on in an IANA time zone (Postgres `(x AT TIME ZONE tz)::date`). */
export function dayInZone(ms: number, timeZone: string): number {
  let f = zoneFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', era: 'short' });
    zoneFormats.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const year = Number(parts.year);
  // Intl counts years before 1 AD as "1 BC, 2 BC"; Postgres' calendar arithmetic uses 0, -1.
  const y = parts.era === 'BC' || parts.era === 'B' ? 1 - year : year;
  return daysFromCivil(y, Number(parts.month), Number(parts.day));
}

/** ISO 8601 text to epoch milliseconds; null when not a date and time. */
export function parseInstant(value: unknown): number | null {
  if (typeof value !== 'string' && !(value instanceof Date)) return null;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}
