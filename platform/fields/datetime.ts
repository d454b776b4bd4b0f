/** Points in time: timestamptz, exchanged as ISO 8601 in UTC. */
import { isoFromPg } from '../core/time';
import { DATE_OPERATORS, scalarType } from './common';
import { normaliseDate } from './date';

const DATETIME_RE = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * ISO 8601 (UTC) from the forms people and systems write: "2026-03-05T14:30:00+08:00",
 * "2026/3/5 14:30", "2026-03-05". Without a zone the time is read as UTC, so the result never
 * depends on the server's time zone. Anything else (e.g. "March 5", "12") is null.
 */
export function normaliseDateTime(text: string): string | null {
  const m = DATETIME_RE.exec(text.trim());
  if (!m) return null;
  const date = normaliseDate(m[1]);
  if (!date) return null;
  const [h, mi, sec] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (h > 23 || mi > 59 || sec > 59) return null;
  const frac = m[5] ?? '';
  let zone = m[6] ?? 'Z';
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const t = Date.parse(`${date}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(sec).padStart(2, '0')}${frac}${zone.toUpperCase()}`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export const datetimeType = scalarType({
  type: 'datetime',
  label: { en: 'Date and time', zh: '日期时间' },
  valueKind: 'datetime',
  params: { properties: {} },
  // Milliseconds, as the API exchanges them: a value read back compares equal to what was stored.
  sqlType: () => 'timestamptz(3)',
  schema: () => ({ type: 'string', format: 'date-time', 'x-message': 'validation.datetime' }),
  widget: () => ({ 'ui:widget': 'date-time' }),
  operators: DATE_OPERATORS,
  sortable: true,
  read: (v) => isoFromPg(v),
  write: (v) => new Date(String(v)).toISOString(),
  format: (_f, v, locale) => {
    if (v === null || v === undefined) return '';
    const d = new Date(String(v));
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
  },
  parseCsv: (_f, cell) => {
    const raw = cell.trim();
    if (raw === '') return { ok: true, value: null };
    const iso = normaliseDateTime(raw);
    return iso ? { ok: true, value: iso } : { ok: false, message: `"${raw}" is not a date and time (YYYY-MM-DD HH:mm)` };
  },
});
