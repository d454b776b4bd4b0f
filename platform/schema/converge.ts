/** Bring a workspace's schema in line with its effective metadata, in one transaction. */
import type pg from 'pg';
import { Params } from '../core/sql';
import { withTransaction } from '../db/pool';
import type { MetadataModel } from '../metadata/model';
import { rollupUpdateSql } from '../rules/rollups';
import { readCatalog } from './catalog';
import { planSchema, type SchemaPlan } from './plan';

/** Plan and apply under an advisory lock (so two app servers starting together do not race). */
export async function convergeSchema(pool: pg.Pool, schema: string, meta: MetadataModel): Promise<SchemaPlan> {
  return withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tessera:schema:${schema}`]);
    const live = await readCatalog(client, schema);
    const plan = planSchema(meta, schema, live);
    for (const action of plan.actions) await client.query(action.sql);
    // Roll-up columns that did not exist (an upgrade added them) get their values now.
    for (const child of meta.objects.values()) {
      for (const feed of child.rollupsFed) {
        if (live.tables.get(feed.object)?.has(feed.field.name)) continue;
        const params = new Params();
        const summarised = feed.field.summary?.field ? child.fieldMap.get(feed.field.summary.field) : undefined;
        await client.query(rollupUpdateSql(schema, child.name, feed, params, null, summarised), params.values);
      }
    }
    return plan;
  });
}
