/**
 * Roll-up summaries in SQL: recompute a parent's count/sum/min/max of its live child records that
 * match the roll-up's filter. The record service runs it for the parents a child write touches
 * (after locking them, so concurrent child writes serialise per parent and the last one to commit
 * sees every other); a metadata change runs it for every parent when a roll-up is added or changed.
 */
import type pg from 'pg';
import { ident, qualified } from '../core/identifiers';
import { Params } from '../core/sql';
import type { WriteStep } from '../data/steps';
import type { RecordData } from '../data/values';
import type { FieldDef } from '../fields/types';
import type { ObjectModel, RollupFeed } from '../metadata/model';
import { columnRef, compileCondition } from './conditions/compile';
import { conditionFields } from './conditions/types';
import { same } from './recordTests';

/** The value a roll-up of `feed` has for the parent row aliased "p". */
export function rollupValueSql(schema: string, child: string, feed: RollupFeed, params: Params, childField?: FieldDef): string {
  const s = feed.field.summary;
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

/**
 * Keep roll-ups of parents current after child records changed (`before`/`after` are the child
 * records, null when created/deleted). Parents are locked first, in a fixed order, so concurrent
 * child writes under one parent take turns and the last to commit counts every other's child.
 */
async function updateRollups(client: pg.PoolClient, schema: string, child: ObjectModel, changes: { before: RecordData | null; after: RecordData | null }[]): Promise<void> {
  if (!child.rollupsFed.length || !changes.length) return;
  const work: { feed: ObjectModel['rollupsFed'][number]; ids: string[] }[] = [];
  for (const feed of child.rollupsFed) {
    const s = feed.field.summary;
    const watched = [s.via, ...(s.field ? [s.field] : []), ...(feed.filter ? conditionFields(feed.filter).map((f) => f.name) : [])];
    const ids = new Set<string>();
    for (const { before, after } of changes) {
      if (before && after && watched.every((w) => same(before[w], after[w]))) continue;
      for (const r of [before, after]) if (r && typeof r[s.via] === 'string') ids.add(String(r[s.via]).toLowerCase());
    }
    if (ids.size) work.push({ feed, ids: [...ids].sort() });
  }
  const byParent = new Map<string, Set<string>>();
  for (const w of work) {
    const set = byParent.get(w.feed.object) ?? new Set<string>();
    w.ids.forEach((id) => set.add(id));
    byParent.set(w.feed.object, set);
  }
  for (const [object, ids] of [...byParent].sort(([a], [b]) => a.localeCompare(b))) {
    await client.query(`SELECT 1 FROM ${qualified(schema, object)} WHERE "id" = ANY($1::uuid[]) ORDER BY "id" FOR NO KEY UPDATE`, [[...ids].sort()]);
  }
  for (const { feed, ids } of work) {
    const params = new Params();
    const placeholder = params.add(ids);
    const summarised = feed.field.summary.field ? child.fieldMap.get(feed.field.summary.field) : undefined;
    await client.query(rollupUpdateSql(schema, child.name, feed, params, placeholder, summarised), params.values);
  }
}

/** The roll-up step (after the write, same transaction; every mode and bulk loads): parents the changed children feed. */
export const rollupStep: WriteStep = {
  name: 'rules.rollups',
  phase: 'afterWrite',
  modes: ['create', 'update', 'delete', 'restore'],
  run: (ctx, client, write) => updateRollups(client!, ctx.workspace.schema, write.full, write.rows),
};
