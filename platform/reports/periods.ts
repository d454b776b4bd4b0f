/**
 * Date buckets in the application: a bucket's label in the viewer's language ("Q1 2026" /
 * "2026年第1季度") and its bounds, for the drill-down condition. SQL finds each record's bucket
 * (compile.ts); this file only names and bounds the buckets that come back.
 */
import type { Locale } from '../core/i18n';
import { fiscalYearOf } from '../core/periods';
import { word } from '../core/problems';
import type { DateBucket } from './types';

const MONTHS: Record<DateBucket, number> = { day: 0, week: 0, month: 1, quarter: 3, year: 12, fiscal_quarter: 3, fiscal_year: 12 };

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The first day after the bucket starting at `start`. */
export function nextStart(start: string, bucket: DateBucket): string {
  const [y, m, d] = parts(start);
  if (bucket === 'day') return iso(Date.UTC(y, m - 1, d + 1));
  if (bucket === 'week') return iso(Date.UTC(y, m - 1, d + 7));
  return iso(Date.UTC(y, m - 1 + MONTHS[bucket], 1));
}

/** The last day of the bucket starting at `start`. */
export function lastDay(start: string, bucket: DateBucket): string {
  const [y, m, d] = parts(nextStart(start, bucket));
  return iso(Date.UTC(y, m - 1, d - 1));
}

/** The fiscal year (named by the calendar year it ends in, as the conditions and the settings page name it) and quarter of a fiscal bucket's first day. */
function fiscal(start: string, fiscalStartMonth: number): { year: number; q: number } {
  const [, m] = parts(start);
  const offset = (m - fiscalStartMonth + 12) % 12;
  return { year: fiscalYearOf(start, fiscalStartMonth), q: Math.floor(offset / 3) + 1 };
}

/** A date bucket's label in `locale`. */
export function periodLabel(start: string, bucket: DateBucket, locale: Locale, fiscalStartMonth: number): string {
  const [y, m] = parts(start);
  const key = `report.period.${bucket}` as const;
  switch (bucket) {
    case 'day':
    case 'week':
      return word(locale, key, { date: start });
    case 'month':
      return word(locale, key, { year: y, month: locale === 'zh-CN' ? m : String(m).padStart(2, '0') });
    case 'quarter':
      return word(locale, key, { year: y, q: Math.floor((m - 1) / 3) + 1 });
    case 'year':
      return word(locale, key, { year: y });
    case 'fiscal_quarter':
    case 'fiscal_year': {
      const f = fiscal(start, fiscalStartMonth);
      return word(locale, key, { year: f.year, q: f.q });
    }
  }
}

/** The instant a local day starts in a time zone (its midnight there), as ISO text. */
export function zonedMidnight(date: string, timeZone: string): string {
  const [y, m, d] = parts(date);
  const guess = Date.UTC(y, m - 1, d);
  const offsetAt = (t: number) => {
    const f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - t;
  };
  // Two passes settle a midnight next to a daylight-saving change.
  let t = guess - offsetAt(guess);
  t = guess - offsetAt(t);
  return new Date(t).toISOString();
}
