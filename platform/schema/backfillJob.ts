/**
 * Runs a recorded backfill (backfills.ts) in batches: record ids in order, each batch one short
 * transaction that fills its rows and moves `last_id` and `done_rows` with them, so a job stopped
 * anywhere (a restart, a crash) goes on from the last batch that committed. Batches lock their rows
 * in id order, as a child write locks the parents whose roll-ups it updates, so the two take turns.
 */
import type pg from 'pg';
import { ident, qualified } from '../core/identifiers';
import { Params } from '../core/sql';
import { withTransaction, type Queryable } from '../db/pool';
import type { MetadataModel } from '../metadata/model';
import { getMetadata } from '../metadata/registry';
import { rollupUpdateSql } from '../rules/rollups';
import { processValues, rollupFeedOf, type BackfillItem } from './backfills';
import { loadPending } from './backfillPending';
import { maintainedColumn, refreshMaintained } from './maintained';

/** Rows per batch (TESSERA_BACKFILL_BATCH): small enough that a batch holds its locks briefly. */
export const backfillBatchSize = () => Number(process.env.TESSERA_BACKFILL_BATCH ?? 5000);

type Fill = (client: pg.PoolClient, ids: string[]) => Promise<void>;

/** `stops` counts stop requests: a run stops when it changed since the run began. */
const g = globalThis as unknown as { __tesseraBackfill?: { enqueue?: (id: string) => Promise<void>; stops: number } };
const state = () => (g.__tesseraBackfill ??= { stops: 0 });

/** Route recorded backfills to the job queue (the process that runs workers sets it). */
export function setBackfillQueue(enqueue: ((id: string) => Promise<void>) | undefined): void {
  state().enqueue = enqueue;
}

/** Queue the unfinished backfills of a workspace, or of all (start-up: what a restart cut short). */
export async function queueBackfills(db: Queryable, workspaceId?: string): Promise<number> {
  const enqueue = state().enqueue;
  if (!enqueue) return 0;
  const res = await db.query<{ id: string }>(`SELECT id FROM backfills WHERE status <> 'done' AND ($1::uuid IS NULL OR workspace_id = $1) ORDER BY created_at`, [
    workspaceId ?? null,
  ]);
  for (const r of res.rows) await enqueue(r.id);
  return res.rows.length;
}

/** Let running backfills stop after their current batch (shutdown); they resume at the next start. */
export function stopBackfills(): void {
  state().stops++;
}

/** How one batch fills its rows, or null when the metadata no longer has the field. */
function fillOf(meta: MetadataModel, schema: string, item: BackfillItem): Fill | null {
  if (item.kind === 'rollup') {
    const found = rollupFeedOf(meta, item.object, item.field);
    if (!found) return null;
    const { child, feed } = found;
    const summarised = feed.field.summary?.field ? child.fieldMap.get(feed.field.summary.field) : undefined;
    return async (client, ids) => {
      const params = new Params();
      const placeholder = params.add(ids);
      await client.query(rollupUpdateSql(schema, child.name, feed, params, placeholder, summarised), params.values);
    };
  }
  if (item.kind === 'maintained') {
    const col = maintainedColumn(item.field);
    if (!col || !meta.objects.has(item.object)) return null;
    return (client, ids) => refreshMaintained(client, schema, item.object, col, ids);
  }
  const obj = meta.objects.get(item.object);
  if (!obj?.process || obj.process.config.field !== item.field) return null;
  return async (client, ids) => {
    const params = new Params();
    const sets = [...(processValues(obj) ?? [])].map(([column, value]) => `${ident(column)} = ${value(params)}`);
    if (!sets.length) return;
    await client.query(
      `UPDATE ${qualified(schema, obj.name)} AS "p" SET ${sets.join(', ')} WHERE "p"."id" = ANY(${params.add(ids)}::uuid[]) AND "p".${ident(item.field)} IS NULL`,
      params.values,
    );
  };
}

export interface RunOptions {
  batchSize?: number;
  /** Stop after this many batches, as a restart would (tests). */
  maxBatches?: number;
}

/**
 * Run one backfill until its rows are done (or the process stops). Returns its status afterwards;
 * running it again is harmless, and goes on where the last committed batch left off.
 */
export async function runBackfill(pool: pg.Pool, id: string, opts: RunOptions = {}): Promise<'done' | 'stopped' | 'gone'> {
  const found = await pool.query<BackfillItem & { status: string; workspace_id: string; name: string; schema_name: string }>(
    `SELECT b.object, b.field, b.kind, b.status, b.workspace_id, w.name, w.schema_name FROM backfills b JOIN workspaces w ON w.id = b.workspace_id WHERE b.id = $1`,
    [id],
  );
  const row = found.rows[0];
  if (!row) return 'gone';
  if (row.status === 'done') return 'done';
  const ws = { id: row.workspace_id, name: row.name, schema: row.schema_name };
  const meta = await getMetadata(ws, pool);
  const table = qualified(ws.schema, row.object);
  const batchSize = opts.batchSize ?? backfillBatchSize();
  const stops = state().stops;
  try {
    const fill = fillOf(meta, ws.schema, row);
    if (fill) {
      const total = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
      await pool.query(`UPDATE backfills SET status = 'running', error = NULL, total_rows = $2, updated_at = now() WHERE id = $1`, [id, total]);
      for (let batches = 0; ; batches++) {
        if (state().stops !== stops || (opts.maxBatches !== undefined && batches >= opts.maxBatches)) return 'stopped';
        const n = await withTransaction(pool, async (client) => {
          // The backfill's row first: two runners of one backfill take turns and share its progress.
          const last = (await client.query<{ last_id: string | null }>('SELECT last_id FROM backfills WHERE id = $1 FOR UPDATE', [id])).rows[0]?.last_id ?? null;
          const limit = `ORDER BY "id" LIMIT ${Math.max(1, Math.floor(batchSize))} FOR NO KEY UPDATE`;
          const ids = last
            ? await client.query<{ id: string }>(`SELECT "id" FROM ${table} WHERE "id" > $1::uuid ${limit}`, [last])
            : await client.query<{ id: string }>(`SELECT "id" FROM ${table} ${limit}`);
          if (!ids.rowCount) return 0;
          const batch = ids.rows.map((r) => r.id);
          await fill(client, batch);
          await client.query('UPDATE backfills SET done_rows = done_rows + $2, last_id = $3, updated_at = now() WHERE id = $1', [id, batch.length, batch[batch.length - 1]]);
          return batch.length;
        });
        if (!n) break;
      }
    }
    await pool.query(`UPDATE backfills SET status = 'done', total_rows = done_rows, error = NULL, updated_at = now(), finished_at = now() WHERE id = $1`, [id]);
    await loadPending(pool, ws, meta);
    return 'done';
  } catch (e) {
    await pool.query(`UPDATE backfills SET status = 'failed', error = $2, updated_at = now() WHERE id = $1`, [id, (e as Error).message.slice(0, 2000)]);
    throw e;
  }
}
