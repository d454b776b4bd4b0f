/**
 * Keeps the process-local map of pending columns (data/pending.ts) current. A request pays nothing
 * while nothing is pending: the process asks which workspaces have unfinished backfills on its
 * first request and then every TESSERA_BACKFILL_CHECK_MS on a timer (one query, whatever the
 * number of workspaces; watchPending), and builds a workspace's pending tables only while it has
 * some. Converge and the backfill job refresh a
 * workspace at once, so the process that records or finishes a backfill never reads stale values.
 */
import { ident, qualified } from '../core/identifiers';
import type { Params } from '../core/sql';
import type { Queryable } from '../db/pool';
import { setPendingTables, type PendingExpr, type PendingTable } from '../data/pending';
import type { MetadataModel } from '../metadata/model';
import { getMetadata } from '../metadata/registry';
import { processValues, rollupExpr, type BackfillItem } from './backfills';
import { readCatalog } from './catalog';

interface WorkspaceKey {
  id: string;
  schema: string;
}

interface PendingState {
  checkedAt: number;
  /** Workspaces with unfinished backfills, as of checkedAt. */
  workspaces: Set<string>;
  /** Workspace id → the metadata revision and time its pending tables were built at. */
  built: Map<string, { revision: string; at: number; schema: string }>;
  checking?: Promise<void>;
}
const g = globalThis as unknown as { __tesseraBackfillPending?: PendingState; __tesseraPendingTimer?: NodeJS.Timeout };
const state = (): PendingState => (g.__tesseraBackfillPending ??= { checkedAt: 0, workspaces: new Set(), built: new Map() });
const checkMs = () => Number(process.env.TESSERA_BACKFILL_CHECK_MS ?? 5000);

/** Postgres's estimate of a table's rows; counted when it has none yet (a table never analysed). */
async function rowEstimate(db: Queryable, schema: string, table: string): Promise<number> {
  const est = await db.query<{ n: number }>(
    `SELECT c.reltuples::float8 AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = $1 AND c.relname = $2`,
    [schema, table],
  );
  const n = Number(est.rows[0]?.n ?? -1);
  if (n >= 0) return n;
  const counted = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${qualified(schema, table)}`);
  return Number(counted.rows[0].n);
}

/** Rebuild what is pending in one workspace from its unfinished backfills (none: clear it). */
export async function loadPending(db: Queryable, ws: WorkspaceKey, meta: MetadataModel): Promise<void> {
  const s = state();
  const res = await db.query<BackfillItem>(`SELECT object, field, kind FROM backfills WHERE workspace_id = $1 AND status <> 'done'`, [ws.id]);
  const byObject = new Map<string, BackfillItem[]>();
  for (const r of res.rows) if (meta.objects.has(r.object)) byObject.set(r.object, [...(byObject.get(r.object) ?? []), r]);
  const live = byObject.size ? await readCatalog(db, ws.schema, byObject.keys()) : null;
  const tables = new Map<string, PendingTable>();
  for (const [object, items] of byObject) {
    const columns = live?.tables.get(object);
    if (!columns) continue;
    const computed = new Map<string, PendingExpr>();
    const costly = new Set<string>();
    for (const item of items)
      for (const [column, expr] of pendingExprs(meta, ws.schema, object, item))
        if (columns.has(column)) {
          computed.set(column, expr);
          if (item.kind === 'rollup') costly.add(column);
        }
    if (computed.size) tables.set(object, { columns: [...columns.keys()], computed, costly, rows: await rowEstimate(db, ws.schema, object) });
  }
  setPendingTables(ws.schema, tables);
  if (res.rowCount) s.workspaces.add(ws.id);
  else s.workspaces.delete(ws.id);
  s.built.set(ws.id, { revision: meta.revision, at: Date.now(), schema: ws.schema });
}

/**
 * How reads compute the columns of one backfill. A roll-up is computed for every row (a new count
 * or sum column reads 0 until the job reaches the row, so a stored value proves nothing); a record
 * without a process is one the job has not reached, and reads what the job will store.
 */
function pendingExprs(meta: MetadataModel, schema: string, object: string, item: BackfillItem): Map<string, PendingExpr> {
  const out = new Map<string, PendingExpr>();
  const col = (c: string) => `"p".${ident(c)}`;
  if (item.kind === 'rollup') {
    out.set(item.field, (params: Params) => rollupExpr(meta, schema, object, item.field, params) ?? col(item.field));
    return out;
  }
  // A maintained column is not computed on read: until the job reaches a row it is only not found by it.
  if (item.kind === 'maintained') return out;
  const obj = meta.objects.get(object);
  const processField = obj?.process?.config.field;
  if (!obj || !processField) return out;
  for (const [column, value] of processValues(obj) ?? []) {
    out.set(column, (params: Params) =>
      column === processField ? `COALESCE(${col(column)}, ${value(params)})` : `CASE WHEN ${col(processField)} IS NULL THEN ${value(params)} ELSE ${col(column)} END`,
    );
  }
  return out;
}

/** Which workspaces have unfinished backfills (one query; shared by concurrent callers). */
async function check(db: Queryable): Promise<void> {
  const s = state();
  s.checking ??= (async () => {
    const res = await db.query<{ workspace_id: string }>(`SELECT DISTINCT workspace_id FROM backfills WHERE status <> 'done'`);
    s.workspaces = new Set(res.rows.map((r) => r.workspace_id));
    s.checkedAt = Date.now();
    // Workspaces whose backfills another process finished read their stored values again.
    for (const [id, b] of s.built) {
      if (!s.workspaces.has(id)) {
        setPendingTables(b.schema, new Map());
        s.built.delete(id);
      }
    }
  })().finally(() => {
    s.checking = undefined;
  });
  await s.checking;
}

/**
 * Before a request reads: make the pending columns of `ws` current. Costs no query but on the
 * first request of a process, or while the workspace has unfinished backfills not built since the
 * last check or at another metadata revision.
 */
export async function refreshPending(db: Queryable, ws: WorkspaceKey & { name: string }, metadataRevision?: number): Promise<void> {
  const s = state();
  // The first request of a process asks; after that, watchPending's timer does (not requests).
  if (!s.checkedAt) await check(db);
  if (!s.workspaces.has(ws.id)) return;
  const meta = await getMetadata(ws, db, metadataRevision);
  const built = s.built.get(ws.id);
  if (built && built.revision === meta.revision && built.at >= s.checkedAt) return;
  await loadPending(db, ws, meta);
}

/**
 * Check every TESSERA_BACKFILL_CHECK_MS in the background (the app server starts it once), so
 * backfills other servers record or finish are seen without any request waiting on the question.
 */
export function watchPending(db: Queryable, log: (l: string) => void = console.error): void {
  g.__tesseraPendingTimer ??= setInterval(() => {
    check(db).catch((e: Error) => log(`[backfills] check: ${e.message}`));
  }, checkMs()).unref();
}
