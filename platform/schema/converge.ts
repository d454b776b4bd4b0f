/** Bring a workspace's schema in line with its effective metadata, in one transaction. */
import type pg from 'pg';
import { withTransaction } from '../db/pool';
import type { MetadataModel } from '../metadata/model';
import { readCatalog } from './catalog';
import { planSchema, type SchemaPlan } from './plan';

/** Plan and apply under an advisory lock (so two app servers starting together do not race). */
export async function convergeSchema(pool: pg.Pool, schema: string, meta: MetadataModel): Promise<SchemaPlan> {
  return withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tessera:schema:${schema}`]);
    const plan = planSchema(meta, schema, await readCatalog(client, schema));
    for (const action of plan.actions) await client.query(action.sql);
    return plan;
  });
}
