/**
 * ISO 8601 (UTC, milliseconds) from a timestamptz as our pools return it: sessions run in UTC, so
 * the text is '2026-03-05 14:30:00.123456+00' and can be rearranged without parsing a Date
 * (lists convert hundreds of these per page). Anything else goes through Date.
 */
export function isoFromPg(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof Date) return raw.toISOString();
  const s = String(raw);
  if (s.length >= 22 && s.length <= 29 && s[10] === ' ' && s.endsWith('+00') && s[19] !== ':') {
    const frac = s[19] === '.' ? s.slice(20, s.length - 3) : '';
    return `${s.slice(0, 10)}T${s.slice(11, 19)}.${(frac + '000').slice(0, 3)}Z`;
  }
  return new Date(s.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')).toISOString();
}

/**
 * The workspace time zone: decides what "today" is for formulas (TODAY(), DATEDIFF with dates) and
 * relative dates in conditions. Read safely: the browser's condition evaluator imports this module.
 */
const TIME_ZONE = (typeof process !== 'undefined' ? process.env?.TESSERA_TIME_ZONE : undefined) ?? 'Asia/Shanghai';

/** The workspace time zone (shown read-only on the workspace settings page). */
export function workspaceTimeZone(): string {
  return TIME_ZONE;
}

export { addDays, dayStartInstant, fiscalPeriodStart, fiscalYearOf, isRelativePeriod, periodBounds, type RelativePeriod } from './periods';

/** The date (YYYY-MM-DD) at an instant in a time zone. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateIn(instant: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD. Building a formatter costs more than using one: one per zone.
  let format = dateFormats.get(timeZone);
  if (!format) dateFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(instant);
}

/** Now, today and the zone, fixed once per operation so every formula in it agrees. */
export function clock(at: Date = new Date(), timeZone = TIME_ZONE): { now: string; today: string; timeZone: string } {
  return { now: at.toISOString(), today: dateIn(at, timeZone), timeZone };
}
