/**
 * Named statements for the list queries every screen and integration runs over and over. Postgres
 * plans an unnamed statement on every run, and a rep's list (one branch per owner they may see,
 * plus shares) took about 0.5 ms to plan against 0.2 ms to run. A named statement is planned once
 * per connection and reused (a generic plan, when Postgres finds it as good as a custom one).
 *
 * Only lists without a filter or a search are named: their texts are few (object, sort, the shape
 * of the caller's access, cursor or not), so the statements a connection keeps stay few too, while
 * filters a caller writes could each make a new one. The name carries the metadata model's serial,
 * so a statement reading `*` is never reused after fields were added (Postgres would refuse a
 * cached plan whose result type changed).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Queryable } from '../db/pool';
import type { MetadataModel } from '../metadata/model';

const serials = new WeakMap<MetadataModel, number>();
let next = 0;

function serialOf(meta: MetadataModel): number {
  let s = serials.get(meta);
  if (s === undefined) serials.set(meta, (s = ++next));
  return s;
}

/** Postgres refuses a kept plan whose columns changed under it (another server altered the table a moment ago). */
const RESULT_TYPE_CHANGED = '0A000';

/**
 * Run a list query, named when `name` is given. Should another app server have changed the table
 * since this connection kept the statement, the query runs again unnamed rather than failing.
 */
export async function queryList<R extends pg.QueryResultRow>(db: Queryable, sql: string, values: unknown[], name: string | undefined): Promise<pg.QueryResult<R>> {
  if (!name) return db.query<R>(sql, values);
  try {
    return await db.query<R>({ text: sql, values, name });
  } catch (e) {
    if ((e as { code?: string }).code !== RESULT_TYPE_CHANGED) throw e;
    return db.query<R>(sql, values);
  }
}

/** The statement name for `sql` (same text and metadata, same name), or undefined when it should not be kept. */
export function listStatementName(meta: MetadataModel, sql: string, opts: { filter?: unknown; search?: string }): string | undefined {
  if (opts.filter !== undefined && opts.filter !== null) return undefined;
  if (opts.search) return undefined;
  return `tessera_list_${serialOf(meta)}_${createHash('sha1').update(sql).digest('base64url').slice(0, 20)}`;
}
