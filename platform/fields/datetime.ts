/** Points in time: timestamptz, exchanged as ISO 8601 in UTC. */
import { isoFromPg } from '../core/time';
import { DATE_OPERATORS, scalarType } from './common';
import { normaliseDate } from './date';

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
/** One formatter per locale, kept (building one costs far more than formatting a list's cells with it). */
function dateTimeFormat(locale: string): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    dateTimeFormats.set(locale, format);
  }
  return format;
}

const DATETIME_RE = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * The instants both Postgres and JavaScript write as ISO 8601 with a four-digit year: from
 * 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z. Outside it Postgres refuses the text
 * (year 0) or JavaScript writes "+010000-...": a value there is invalid input, not a crash.
 */
const MIN_INSTANT = -62135596800000;
const MAX_INSTANT = 253402300799999;
/** Real zone offsets run from -12:00 to +14:00; ±14:00 is the bound either way. */
const MAX_OFFSET_MINUTES = 14 * 60;

/** Minutes east of UTC for "Z", "+08:00", "+0800" or "+08"; null beyond ±14:00. */
function offsetMinutes(zone: string | undefined): number | null {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return null;
  const [h, mi] = [Number(m[2]), Number(m[3] ?? 0)];
  if (mi > 59 || h * 60 + mi > MAX_OFFSET_MINUTES) return null;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + mi);
}

/**
 * ISO 8601 (UTC) from the forms people and systems write: "2026-03-05T14:30:00+08:00",
 * "2026/3/5 14:30", "2026-03-05". Without a zone the time is read as UTC, so the result never
 * depends on the server's time zone. Anything else (e.g. "March 5", "12"), a day the calendar does
 * not have, a leap second (neither JavaScript nor Postgres keeps one), an offset beyond ±14:00 or
 * an instant outside years 1-9999 is null.
 */
export function normaliseDateTime(text: string): string | null {
  const m = DATETIME_RE.exec(text.trim());
  if (!m) return null;
  const date = normaliseDate(m[1]);
  if (!date) return null;
  const [h, mi, sec] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (h > 23 || mi > 59 || sec > 59) return null;
  const offset = offsetMinutes(m[6]);
  if (offset === null) return null;
  const ms = Number(((m[5] ?? '.').slice(1) + '000').slice(0, 3));
  const [y, mo, d] = date.split('-').map(Number);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const dt = new Date(0);
  dt.setUTCFullYear(y, mo - 1, d);
  dt.setUTCHours(h, mi, sec, ms);
  const t = dt.getTime() - offset * 60_000;
  return t < MIN_INSTANT || t > MAX_INSTANT ? null : new Date(t).toISOString();
}

/**
 * The record schema's pattern, on top of the date-time format (which admits year 0000, leap seconds,
 * offsets to ±23:59): years 0001-9999, seconds 00-59, offsets to ±14:00, and no offset that moves the
 * first or last day of that range out of it.
 */
const DATETIME_PATTERN =
  '^(?!0000)(?!0001-01-01[Tt ].*\\+(?!00(:?00)?$))(?!9999-12-31[Tt ].*-(?!00(:?00)?$))' +
  '\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:[0-5]\\d(\\.\\d+)?([Zz]|[+-](0\\d|1[0-3])(:?[0-5]\\d)?|[+-]14(:?00)?)$';

/** A timestamptz column as the JSON text isoFromPg gives: UTC, milliseconds (truncated, as isoFromPg does), `Z`. */
export function isoJsonSql(column: string): string {
  return `to_json(to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text`;
}

export const datetimeType = scalarType({
  type: 'datetime',
  label: { en: 'Date and time', zh: '日期时间' },
  valueKind: 'datetime',
  params: { properties: {} },
  // Milliseconds, as the API exchanges them: a value read back compares equal to what was stored.
  sqlType: () => 'timestamptz(3)',
  schema: () => ({ type: 'string', format: 'date-time', pattern: DATETIME_PATTERN, 'x-message': 'validation.datetime' }),
  widget: () => ({ 'ui:widget': 'date-time' }),
  operators: DATE_OPERATORS,
  sortable: true,
  formulaType: 'datetime',
  summarisedBy: ['min', 'max'],
  filterInput: 'datetime',
  read: (v) => isoFromPg(v),
  jsonSql: isoJsonSql,
  write: (v) => normaliseDateTime(String(v)) ?? new Date(String(v)).toISOString(),
  format: (_f, v, locale) => {
    if (v === null || v === undefined) return '';
    const d = new Date(String(v));
    return dateTimeFormat(locale).format(d);
  },
  parseCsv: (_f, cell) => {
    const raw = cell.trim();
    if (raw === '') return { ok: true, value: null };
    const iso = normaliseDateTime(raw);
    return iso ? { ok: true, value: iso } : { ok: false, message: `"${raw}" is not a date and time (YYYY-MM-DD HH:mm)` };
  },
});
