/**
 * Roll-up summaries in SQL: recompute a parent's count/sum/min/max of its live child records that
 * match the roll-up's filter. The record service runs it for the parents a child write touches
 * (after locking them, so concurrent child writes serialise per parent and the last one to commit
 * sees every other); a metadata change runs it for every parent when a roll-up is added or changed.
 */
import { ident, qualified } from '../core/identifiers';
import type { Params } from '../core/sql';
import type { FieldDef } from '../fields/types';
import type { RollupFeed } from '../metadata/model';
import { columnRef, compileCondition } from './conditions/compile';

/** The value a roll-up of `feed` has for the parent row aliased "p". */
export function rollupValueSql(schema: string, child: string, feed: RollupFeed, params: Params, childField?: FieldDef): string {
  const s = feed.field.summary!;
  const where = [`"c".${ident(s.via)} = "p"."id"`, '"c"."deleted_at" IS NULL'];
  if (feed.filter) where.push(compileCondition(feed.filter, params, { userId: null }, 'c'));
  const col = childField ? columnRef(childField, 'c') : '';
  // A sum over no children is 0, as a count is; min and max of nothing are blank.
  const agg = s.fn === 'count' ? 'count(*)' : s.fn === 'sum' ? `COALESCE(sum(${col}), 0)` : `${s.fn}(${col})`;
  return `(SELECT ${agg} FROM ${qualified(schema, child)} AS "c" WHERE ${where.join(' AND ')})`;
}

/**
 * UPDATE recomputing a roll-up for the parents whose ids are in the uuid[] placeholder `ids`, or
 * for every parent when `ids` is null. Rows whose value is already right are not rewritten.
 */
export function rollupUpdateSql(schema: string, child: string, feed: RollupFeed, params: Params, ids: string | null, childField?: FieldDef): string {
  const value = rollupValueSql(schema, child, feed, params, childField);
  const col = ident(feed.field.name);
  const table = qualified(schema, feed.object);
  return `UPDATE ${table} AS "p" SET ${col} = "v"."val"
    FROM (SELECT "p"."id", ${value} AS "val" FROM ${table} AS "p"${ids ? ` WHERE "p"."id" = ANY(${ids}::uuid[])` : ''}) AS "v"
    WHERE "p"."id" = "v"."id" AND "p".${col} IS DISTINCT FROM "v"."val"`;
}
