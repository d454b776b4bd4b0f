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
