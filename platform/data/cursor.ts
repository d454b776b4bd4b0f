/**
 * Keyset pagination. A cursor carries the sort signature and the sort-key values of the last row
 * returned (as exact text); the next page is "rows after these values in this order", so paging
 * costs the same on page 1 and page 20,000.
 */
import { AppError } from '../core/errors';
import { ident } from '../core/identifiers';
import { t, type Locale } from '../core/i18n';
import { parseJsonSafe } from '../core/json';
import type { Params } from '../core/sql';
import { normaliseDate } from '../fields/date';
import { normaliseDateTime } from '../fields/datetime';
import { paramType } from '../rules/conditions/compile';
import type { SortKey } from './sort';

interface CursorPayload {
  s: string;
  v: (string | null)[];
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a cursor value is valid text for a Postgres type, as the pools return values of that type. */
function fitsType(value: string, type: string): boolean {
  switch (type) {
    case 'uuid':
      return UUID_RE.test(value);
    case 'bigint':
    case 'integer':
      return /^-?\d{1,18}$/.test(value);
    case 'numeric':
      return /^-?\d{1,30}(\.\d{1,10})?$/.test(value);
    // A real calendar day in years 1-9999 (Date.parse takes 2026-02-30 and year 0; Postgres does not).
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && normaliseDate(value) === value;
    case 'timestamptz':
      return /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/.test(value) && normaliseDateTime(value) !== null;
    case 'boolean':
      return value === 'true' || value === 'false';
    default:
      return !value.includes('\u0000');
  }
}

export function encodeCursor(signature: string, values: (string | null)[]): string {
  return Buffer.from(JSON.stringify({ s: signature, v: values } satisfies CursorPayload)).toString('base64url');
}

export function decodeCursor(cursor: string, signature: string, keys: SortKey[], locale: Locale): (string | null)[] {
  const invalid = () => new AppError('INVALID_CURSOR', t(locale, 'cursor.invalid'), [{ pointer: '/cursor', code: 'cursor.invalid', message: t(locale, 'cursor.invalid') }]);
  let payload: CursorPayload;
  try {
    payload = parseJsonSafe(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorPayload;
  } catch {
    throw invalid();
  }
  if (typeof payload !== 'object' || payload === null || payload.s !== signature || !Array.isArray(payload.v) || payload.v.length !== keys.length) throw invalid();
  if (!payload.v.every((x) => x === null || (typeof x === 'string' && x.length <= 2000))) throw invalid();
  if (payload.v[keys.length - 1] === null) throw invalid(); // the id is never null
  // Every value must read as its key's type, or the query would fail on a cast.
  if (!payload.v.every((x, i) => x === null || fitsType(x, paramType(keys[i].field)))) throw invalid();
  return payload.v;
}

/**
 * SQL for "this row comes after the cursor" under the nulls-are-smallest order
 * (ASC NULLS FIRST / DESC NULLS LAST). Built key by key:
 *   asc,  v set:  k > v OR (k = v AND rest)            asc,  v null: k IS NOT NULL OR (k IS NULL AND rest)
 *   desc, v set:  k < v OR k IS NULL OR (k = v AND rest)   desc, v null: k IS NULL AND rest
 */
export function keysetPredicate(keys: SortKey[], values: (string | null)[], params: Params, alias: string): string {
  const build = (i: number): string => {
    const key = keys[i];
    const col = `${ident(alias)}.${ident(key.column)}`;
    const v = values[i];
    const last = i === keys.length - 1;
    const p = () => `${params.add(v)}::${paramType(key.field)}`;
    if (last) return key.dir === 'asc' ? `${col} > ${p()}` : `${col} < ${p()}`;
    const rest = build(i + 1);
    if (key.dir === 'asc') {
      if (v === null) return `(${col} IS NOT NULL OR (${col} IS NULL AND ${rest}))`;
      const pv = p();
      return `(${col} > ${pv} OR (${col} = ${pv} AND ${rest}))`;
    }
    if (v === null) return `(${col} IS NULL AND ${rest})`;
    const pv = p();
    return `(${col} < ${pv} OR ${col} IS NULL OR (${col} = ${pv} AND ${rest}))`;
  };
  return build(0);
}

/**
 * Index-friendly bounds on the first sort key for the rows after the cursor. The keyset predicate
 * alone is an OR that makes Postgres scan from the first row, so deep pages would cost more; with a
 * range on the first key the scan starts at the cursor. Where NULLs also follow the cursor
 * (descending from a value, or ascending from the NULL region), two branches are returned: the
 * range, then the NULL region; the caller runs them as UNION ALL. Branches after the first need no
 * keyset predicate: every row in them comes after the cursor.
 */
export function keysetBranches(first: SortKey, value: string | null, params: Params, onlyKey: boolean): string[] {
  const col = `"t".${ident(first.column)}`;
  if (onlyKey) return ['TRUE'];
  if (value === null) {
    // NULLs are the smallest value: ascending, the NULL region comes first, then every value.
    return first.dir === 'asc' ? [`${col} IS NULL`, `${col} IS NOT NULL`] : [`${col} IS NULL`];
  }
  const p = `${params.add(value)}::${paramType(first.field)}`;
  return first.dir === 'asc' ? [`${col} >= ${p}`] : [`${col} <= ${p}`, `${col} IS NULL`];
}
