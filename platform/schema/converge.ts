/** Bring a workspace's schema in line with its effective metadata, in one transaction. */
import type pg from 'pg';
import { qualified } from '../core/identifiers';
import { withTransaction } from '../db/pool';
import type { MetadataModel } from '../metadata/model';
import { queueBackfills } from './backfillJob';
import { loadPending } from './backfillPending';
import { backfillsNeeded, recordBackfills } from './backfills';
import { readCatalog, workspaceTables } from './catalog';
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

/**
 * Plan and apply under an advisory lock (so two app servers starting together do not race). Only
 * DDL runs here: rows an upgrade gives new values (roll-ups, sales processes) are recorded as
 * backfills and filled by the job queue, their values computed on read meanwhile, so converging a
 * workspace takes as long as its DDL whatever the size of its tables.
 */
export async function convergeSchema(pool: pg.Pool, schema: string, meta: MetadataModel, opts: ConvergeOptions = {}): Promise<SchemaPlan> {
  const { mark, timeoutMs } = opts;
  const { plan, workspaceId, backfills } = await withTransaction(
    pool,
    async (client) => {
      if (timeoutMs !== undefined) await client.query(`SELECT set_config('statement_timeout', $1, true)`, [String(Math.max(1, Math.floor(timeoutMs)))]);
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tessera:schema:${schema}`]);
      const live = await readCatalog(client, schema, workspaceTables(meta.objects.keys()));
      const plan = planSchema(meta, schema, live);
      await applySchemaActions(client, schema, plan);
      const needed = backfillsNeeded(meta, live);
      const workspaceId = mark?.workspaceId ?? (needed.length ? await workspaceOf(client, schema) : null);
      const backfills = workspaceId ? await recordBackfills(client, workspaceId, schema, needed) : [];
      if (mark) await client.query('UPDATE workspaces SET converged_key = $2 WHERE id = $1', [mark.workspaceId, mark.key]);
      return { plan, workspaceId, backfills };
    },
    { long: true },
  );
  if (workspaceId && backfills.length) {
    // This process reads the new columns as pending at once; the job queue fills them.
    await loadPending(pool, { id: workspaceId, schema }, meta);
    await queueBackfills(pool, workspaceId);
  }
  return plan;
}

async function workspaceOf(client: pg.PoolClient, schema: string): Promise<string | null> {
  const res = await client.query<{ id: string }>('SELECT id FROM workspaces WHERE schema_name = $1', [schema]);
  return res.rows[0]?.id ?? null;
}
