/** Bring a workspace's schema in line with its effective metadata, in one transaction. */
import type pg from 'pg';
import { ident, qualified } from '../core/identifiers';
import { Params } from '../core/sql';
import { withTransaction } from '../db/pool';
import type { MetadataModel } from '../metadata/model';
import { rollupUpdateSql } from '../rules/rollups';
import { readCatalog, workspaceTables, type Catalog } from './catalog';
import { planSchema, USER_MIRROR, type SchemaPlan } from './plan';

/** What to record on the workspace row once converged (in the same transaction). */
export interface ConvergedMark {
  workspaceId: string;
  key: string;
}

export interface ConvergeOptions {
  /** Record the workspace's converged key in the same transaction. */
  mark?: ConvergedMark;
  /**
   * Give up (Postgres cancels the statement, the transaction rolls back, nothing changes) when a
   * statement runs longer: start-up leaves such a workspace (a big backfill) to the background.
   */
  timeoutMs?: number;
}

/** Plan and apply under an advisory lock (so two app servers starting together do not race). */
/**
 * Run a plan's DDL in the caller's transaction, with what an action needs right after it (the
 * users mirror filled once created). Start-up converge and designer changes both apply plans here.
 */
export async function applySchemaActions(
  client: pg.PoolClient,
  schema: string,
  plan: SchemaPlan,
  run: (sql: string) => Promise<unknown> = (sql) => client.query(sql),
): Promise<void> {
  for (const action of plan.actions) {
    await run(action.sql);
    if (action.fillsUsers) {
      await client.query(
        `INSERT INTO ${qualified(schema, USER_MIRROR)} ("id") SELECT u."id" FROM "public"."users" u JOIN "public"."workspaces" w ON w."id" = u."workspace_id" WHERE w."schema_name" = $1 ON CONFLICT DO NOTHING`,
        [schema],
      );
    }
  }
}

export async function convergeSchema(pool: pg.Pool, schema: string, meta: MetadataModel, opts: ConvergeOptions = {}): Promise<SchemaPlan> {
  const { mark, timeoutMs } = opts;
  return withTransaction(
    pool,
    async (client) => {
      if (timeoutMs !== undefined) await client.query(`SELECT set_config('statement_timeout', $1, true)`, [String(Math.max(1, Math.floor(timeoutMs)))]);
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tessera:schema:${schema}`]);
      const live = await readCatalog(client, schema, workspaceTables(meta.objects.keys()));
      const plan = planSchema(meta, schema, live);
      await applySchemaActions(client, schema, plan);
      // Roll-up columns that did not exist (an upgrade added them) get their values now.
      for (const child of meta.objects.values()) {
        for (const feed of child.rollupsFed) {
          if (live.tables.get(feed.object)?.has(feed.field.name)) continue;
          const params = new Params();
          const summarised = feed.field.summary?.field ? child.fieldMap.get(feed.field.summary.field) : undefined;
          await client.query(rollupUpdateSql(schema, child.name, feed, params, null, summarised), params.values);
        }
      }
      await backfillProcesses(client, schema, meta, live);
      if (mark) await client.query('UPDATE workspaces SET converged_key = $2 WHERE id = $1', [mark.workspaceId, mark.key]);
      return plan;
    },
    { long: true },
  );
}

/**
 * An upgrade that gives an object sales processes finds records without a process: they get the
 * default one, and the forecast category and stage date their stage implies (the stage history
 * starts with their next change).
 */
async function backfillProcesses(client: pg.PoolClient, schema: string, meta: MetadataModel, live: Catalog): Promise<void> {
  for (const obj of meta.objects.values()) {
    const p = obj.process;
    const def = p?.processes.find((x) => x.isDefault);
    if (!p || !def || !live.tables.has(obj.name) || live.tables.get(obj.name)!.has(p.config.field)) continue;
    const params = new Params();
    const sets = [`${ident(p.config.field)} = ${params.add(def.name)}::text`];
    if (p.config.forecastField) {
      const cases = def.stages.map((st) => `WHEN ${params.add(st.value)}::text THEN ${params.add(st.forecast)}::text`).join(' ');
      sets.push(`${ident(p.config.forecastField)} = CASE ${ident(p.config.stageField)} ${cases} END`);
    }
    if (p.config.stageDateField) sets.push(`${ident(p.config.stageDateField)} = "updated_at"`);
    await client.query(`UPDATE ${qualified(schema, obj.name)} SET ${sets.join(', ')} WHERE ${ident(p.config.field)} IS NULL`, params.values);
  }
}
