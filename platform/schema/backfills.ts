/**
 * Data backfills after an upgrade. Converge adds a roll-up column or a sales process to a table
 * that has rows with DDL only (instant) and records here what the rows need; the job queue fills
 * them in batches (backfillJob.ts) while reads compute the values (backfillPending.ts), so start-up
 * never waits on the size of a table. One row per workspace, object, field and kind in `backfills`.
 */
import type pg from 'pg';
import { ident, qualified } from '../core/identifiers';
import type { Params } from '../core/sql';
import type { Queryable } from '../db/pool';
import { fieldType } from '../fields/registry';
import type { MetadataModel, ObjectModel, RollupFeed } from '../metadata/model';
import { rollupValueSql } from '../rules/rollups';
import type { Catalog } from './catalog';
import { MAINTAINED_COLUMNS } from './maintained';

/** `maintained`: a maintained system column (schema/maintained.ts), `field` naming the column. */
export type BackfillKind = 'rollup' | 'process' | 'maintained';

export interface BackfillItem {
  object: string;
  field: string;
  kind: BackfillKind;
}

export interface BackfillRow extends BackfillItem {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  doneRows: number;
  totalRows: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** What converge is about to add that existing rows need values for (`live` is the catalog before). */
export function backfillsNeeded(meta: MetadataModel, live: Catalog): BackfillItem[] {
  const out: BackfillItem[] = [];
  // A table that is not there yet has no rows to fill.
  const lacks = (object: string, column: string) => live.tables.has(object) && !live.tables.get(object)!.has(column);
  for (const child of meta.objects.values()) {
    for (const feed of child.rollupsFed) if (lacks(feed.object, feed.field.name)) out.push({ object: feed.object, field: feed.field.name, kind: 'rollup' });
  }
  for (const obj of meta.objects.values()) {
    const p = obj.process;
    if (p?.processes.some((x) => x.isDefault) && lacks(obj.name, p.config.field)) out.push({ object: obj.name, field: p.config.field, kind: 'process' });
    for (const c of MAINTAINED_COLUMNS) if (lacks(obj.name, c.column)) out.push({ object: obj.name, field: c.column, kind: 'maintained' });
  }
  return out;
}

/**
 * Record backfills in converge's transaction (after its DDL), leaving out tables without rows.
 * A backfill recorded before for the same column starts again: the column is new, so is its data.
 */
export async function recordBackfills(client: pg.PoolClient, workspaceId: string, schema: string, items: BackfillItem[]): Promise<BackfillItem[]> {
  const recorded: BackfillItem[] = [];
  for (const item of items) {
    const rows = await client.query(`SELECT 1 FROM ${qualified(schema, item.object)} LIMIT 1`);
    if (!rows.rowCount) continue;
    await client.query(
      `INSERT INTO backfills (workspace_id, object, field, kind) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id, object, field, kind) DO UPDATE
         SET status = 'queued', done_rows = 0, total_rows = NULL, last_id = NULL, error = NULL, updated_at = now(), finished_at = NULL`,
      [workspaceId, item.object, item.field, item.kind],
    );
    recorded.push(item);
  }
  return recorded;
}

/** A workspace's backfills, the unfinished first, then the most recent. */
export async function listBackfills(db: Queryable, workspaceId: string): Promise<BackfillRow[]> {
  const res = await db.query<Record<string, unknown>>(
    `SELECT id, object, field, kind, status, done_rows, total_rows, error, created_at, finished_at FROM backfills
      WHERE workspace_id = $1 ORDER BY (status = 'done'), created_at DESC, object, field LIMIT 200`,
    [workspaceId],
  );
  const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
  return res.rows.map((r) => ({
    id: String(r.id),
    object: String(r.object),
    field: String(r.field),
    kind: r.kind as BackfillKind,
    status: r.status as BackfillRow['status'],
    doneRows: Number(r.done_rows),
    totalRows: r.total_rows === null ? null : Number(r.total_rows),
    error: (r.error as string | null) ?? null,
    createdAt: iso(r.created_at)!,
    finishedAt: iso(r.finished_at),
  }));
}

/** The roll-up feeding `object.field`, with the child it summarises. */
export function rollupFeedOf(meta: MetadataModel, object: string, field: string): { child: ObjectModel; feed: RollupFeed } | null {
  for (const child of meta.objects.values()) {
    const feed = child.rollupsFed.find((f) => f.object === object && f.field.name === field);
    if (feed) return { child, feed };
  }
  return null;
}

/** A roll-up's value for the parent row aliased "p", in its column's type. */
export function rollupExpr(meta: MetadataModel, schema: string, object: string, field: string, params: Params): string | null {
  const found = rollupFeedOf(meta, object, field);
  if (!found) return null;
  const { child, feed } = found;
  const summarised = feed.field.summary?.field ? child.fieldMap.get(feed.field.summary.field) : undefined;
  return `${rollupValueSql(schema, child.name, feed, params, summarised)}::${fieldType(feed.field).columns(feed.field)[0].sqlType}`;
}

/**
 * What a record without a process gets (row aliased "p"), by column: the default process, and the
 * forecast category and stage date its stage implies (the stage history starts with its next change).
 * Each adds its own bind parameters when called.
 */
export function processValues(obj: ObjectModel): Map<string, (params: Params) => string> | null {
  const p = obj.process;
  const def = p?.processes.find((x) => x.isDefault);
  if (!p || !def) return null;
  const out = new Map<string, (params: Params) => string>([[p.config.field, (params) => `${params.add(def.name)}::text`]]);
  if (p.config.forecastField) {
    const stage = ident(p.config.stageField);
    out.set(
      p.config.forecastField,
      (params) => `CASE "p".${stage} ${def.stages.map((st) => `WHEN ${params.add(st.value)}::text THEN ${params.add(st.forecast)}::text`).join(' ')} END`,
    );
  }
  if (p.config.stageDateField) {
    const f = obj.fieldMap.get(p.config.stageDateField);
    const cast = f ? `::${fieldType(f).columns(f)[0].sqlType}` : '';
    out.set(p.config.stageDateField, () => `"p"."updated_at"${cast}`);
  }
  return out;
}
