/**
 * Relative periods ("this month", "last fiscal quarter", "next 30 days") as date ranges, and the
 * instants a time zone's days start at. Pure and browser-safe: the condition evaluator, the SQL
 * compiler, the browser and the report engine's date buckets all compute the same bounds here.
 *
 * Conventions (docs/architecture.md, "Relative dates"):
 * - a period is a half-open range of calendar dates [from, to): `from` inclusive, `to` exclusive;
 * - weeks start on Monday;
 * - last_N_days is the N days ending today (today included): [today - (N - 1), today + 1);
 *   next_N_days is the N days starting today: [today, today + N);
 * - a fiscal year starts on the 1st of the workspace's start month and is named by the calendar
 *   year it ENDS in (start month April: FY2027 runs 2026-04-01 to 2027-03-31); with start month 1
 *   it is the calendar year. Fiscal quarters are the fiscal year's four three-month quarters.
 */

export const FIXED_PERIODS = [
  'today',
  'yesterday',
  'tomorrow',
  'this_week',
  'last_week',
  'next_week',
  'this_month',
  'last_month',
  'next_month',
  'this_quarter',
  'last_quarter',
  'next_quarter',
  'this_year',
  'last_year',
  'next_year',
  'this_fiscal_quarter',
  'last_fiscal_quarter',
  'next_fiscal_quarter',
  'this_fiscal_year',
  'last_fiscal_year',
  'next_fiscal_year',
] as const;

export type FixedPeriod = (typeof FIXED_PERIODS)[number];
/** A relative period: a fixed one, or last_N_days / next_N_days with N in 1..MAX_PERIOD_DAYS. */
export type RelativePeriod = FixedPeriod | `last_${number}_days` | `next_${number}_days`;

export const MAX_PERIOD_DAYS = 3650;
const N_DAYS = /^(last|next)_([1-9]\d{0,3})_days$/;

/** Whether `v` names a relative period (a `during` value). */
export function isRelativePeriod(v: unknown): v is RelativePeriod {
  if (typeof v !== 'string') return false;
  if ((FIXED_PERIODS as readonly string[]).includes(v)) return true;
  const m = N_DAYS.exec(v);
  return !!m && Number(m[2]) <= MAX_PERIOD_DAYS;
}

/** The N of last_N_days / next_N_days, with its direction; null for a fixed period. */
export function periodDays(v: string): { dir: 'last' | 'next'; n: number } | null {
  const m = N_DAYS.exec(v);
  return m ? { dir: m[1] as 'last' | 'next', n: Number(m[2]) } : null;
}

interface Ymd {
  y: number;
  m: number; // 1-12
  d: number;
}

function parseYmd(date: string): Ymd {
  return { y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) };
}

/** YYYY-MM-DD of a (possibly overflowing) year/month/day: Date.UTC normalises month 13, day 0... */
function ymd(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

/** `date` plus `days` days (negative goes back). */
export function addDays(date: string, days: number): string {
  const { y, m, d } = parseYmd(date);
  return ymd(y, m, d + days);
}

/** The first day of the fiscal quarter or year holding `date`, for a fiscal year starting in `startMonth` (1-12). */
export function fiscalPeriodStart(date: string, startMonth: number, unit: 'quarter' | 'year'): string {
  const { y, m } = parseYmd(date);
  const span = unit === 'year' ? 12 : 3;
  // Months elapsed since the most recent start month, then back to the start of the span.
  const since = (((m - startMonth) % 12) + 12) % 12;
  return ymd(y, m - (since % span), 1);
}

/** The name of the fiscal year holding `date`: the calendar year it ends in. */
export function fiscalYearOf(date: string, startMonth: number): number {
  const start = fiscalPeriodStart(date, startMonth, 'year');
  return startMonth === 1 ? Number(start.slice(0, 4)) : Number(start.slice(0, 4)) + 1;
}

/** What a period is computed from: today's date in the workspace zone. */
export interface PeriodClock {
  today: string;
}

/** The dates of a relative period as [from, to): `from` inclusive, `to` exclusive (YYYY-MM-DD). */
export function periodBounds(value: RelativePeriod | string, clock: PeriodClock, fiscalStartMonth = 1): { from: string; to: string } {
  const today = clock.today;
  const days = periodDays(value);
  if (days) return days.dir === 'last' ? { from: addDays(today, 1 - days.n), to: addDays(today, 1) } : { from: today, to: addDays(today, days.n) };
  const [rel, ...rest] = value.split('_');
  const unit = rest.join('_');
  const shift = rel === 'last' ? -1 : rel === 'next' ? 1 : 0;
  const { y, m, d } = parseYmd(today);
  switch (value) {
    case 'today':
      return { from: today, to: addDays(today, 1) };
    case 'yesterday':
      return { from: addDays(today, -1), to: today };
    case 'tomorrow':
      return { from: addDays(today, 1), to: addDays(today, 2) };
  }
  switch (unit) {
    case 'week': {
      // getUTCDay: Sunday 0; Monday starts the week.
      const monday = addDays(today, -((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 7 * shift);
      return { from: monday, to: addDays(monday, 7) };
    }
    case 'month':
      return { from: ymd(y, m + shift, 1), to: ymd(y, m + shift + 1, 1) };
    case 'quarter': {
      const first = m - ((m - 1) % 3) + 3 * shift;
      return { from: ymd(y, first, 1), to: ymd(y, first + 3, 1) };
    }
    case 'year':
      return { from: ymd(y + shift, 1, 1), to: ymd(y + shift + 1, 1, 1) };
    case 'fiscal_quarter':
    case 'fiscal_year': {
      const span = unit === 'fiscal_year' ? 12 : 3;
      const start = parseYmd(fiscalPeriodStart(today, fiscalStartMonth, unit === 'fiscal_year' ? 'year' : 'quarter'));
      return { from: ymd(start.y, start.m + span * shift, 1), to: ymd(start.y, start.m + span * (shift + 1), 1) };
    }
  }
  throw new Error(`Unknown period ${value}`);
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC (ms) at an instant. */
function zoneOffset(ms: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormats.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return local - Math.floor(ms / 1000) * 1000;
}

/** The instant (epoch ms) the day `date` starts at in `timeZone` (its first instant, across DST changes). */
export function dayStartInstant(date: string, timeZone: string): number {
  const { y, m, d } = parseYmd(date);
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - zoneOffset(guess, timeZone);
  // The offset at the day's real start may differ from the guess's (a DST change that night).
  const second = guess - zoneOffset(first, timeZone);
  return second === first ? first : Math.min(first, second);
}
