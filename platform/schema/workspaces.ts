/** Workspaces: each is a row in `workspaces` and a Postgres schema holding its record tables. */
import type pg from 'pg';
import { AppError } from '../core/errors';
import { describeError, problem } from '../core/problems';
import { isIdentifier } from '../core/identifiers';
import type { WorkspaceRef } from '../data/context';
import { getMetadata } from '../metadata/registry';
import { ensureStockPermissionSets } from '../security/stock';
import { convergeSchema } from './converge';
import { convergeBase, convergedKey } from './version';
import { workspaceSchema } from './names';
import type { SchemaPlan } from './plan';

export const DEFAULT_WORKSPACE = 'default';

interface WorkspaceRow {
  id: string;
  name: string;
  schema_name: string;
  fiscal_year_start_month: number;
}

const toRef = (r: WorkspaceRow): WorkspaceRef => ({ id: r.id, name: r.name, schema: r.schema_name, fiscalYearStartMonth: r.fiscal_year_start_month });

export async function findWorkspace(pool: pg.Pool, name: string): Promise<WorkspaceRef | null> {
  const res = await pool.query<WorkspaceRow>('SELECT id, name, schema_name, fiscal_year_start_month FROM workspaces WHERE name = $1', [name]);
  return res.rowCount ? toRef(res.rows[0]) : null;
}

/** Create the workspace if missing and converge its schema with its metadata. */
export async function ensureWorkspace(pool: pg.Pool, name: string, label = name): Promise<{ workspace: WorkspaceRef; plan: SchemaPlan }> {
  if (!isIdentifier(name) || name.length > 40) {
    const detail = problem('workspace.name', { name }, { field: 'name' });
    throw new AppError('BAD_REQUEST', detail.message, [detail], { key: 'workspace.name', params: detail.params });
  }
  await pool.query('INSERT INTO workspaces (name, label, schema_name) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [name, label, workspaceSchema(name)]);
  const workspace = (await findWorkspace(pool, name))!;
  const { plan } = await convergeWorkspace(pool, workspace);
  return { workspace, plan };
}

/**
 * Converge one workspace now: stock rights first (rights on objects an upgrade adds are granted
 * while they are new), then its schema, recording the key it is converged at.
 */
export async function convergeWorkspace(pool: pg.Pool, ws: WorkspaceRef, timeoutMs?: number): Promise<{ plan: SchemaPlan; key: string }> {
  const res = await pool.query<{ metadata_revision: number }>('SELECT metadata_revision FROM workspaces WHERE id = $1', [ws.id]);
  const revision = res.rows[0]?.metadata_revision ?? 0;
  const key = convergedKey(revision);
  await ensureStockPermissionSets(pool, ws.id);
  const plan = await convergeSchema(pool, ws.schema, await getMetadata(ws, pool, revision), { mark: { workspaceId: ws.id, key }, timeoutMs });
  return { plan, key };
}

/** Workspaces whose schema is not converged at the current key (one query, however many there are). */
export async function staleWorkspaces(pool: pg.Pool): Promise<WorkspaceRef[]> {
  const res = await pool.query<WorkspaceRow>(
    `SELECT id, name, schema_name, fiscal_year_start_month FROM workspaces WHERE converged_key IS DISTINCT FROM $1 || ':' || metadata_revision ORDER BY created_at`,
    [convergeBase()],
  );
  return res.rows.map(toRef);
}

export interface StartupConverge {
  converged: { workspace: string; plan: SchemaPlan }[];
  /** Stale workspaces left for first use or the background (the time budget ran out). */
  pending: number;
  /** Workspaces whose converge failed (left stale: their first use reports the error). */
  failed: { workspace: string; message: string }[];
}

/** Postgres cancelled a statement that ran past statement_timeout. */
const isTimeout = (e: unknown) => (e as { code?: string }).code === '57014';

/**
 * Start-up: converge the workspaces that changed (an unchanged one costs nothing), for at most
 * `budgetMs`; the rest converge on first use or in the background, so start-up time does not grow
 * with the number of workspaces. A converge that would run past the budget (another server holding
 * its lock) is cancelled and rolled back, and left to the background too; data backfills never run
 * in a converge (they are queued jobs, backfills.ts).
 */
export async function convergeStaleWorkspaces(pool: pg.Pool, budgetMs = Infinity): Promise<StartupConverge> {
  const stale = await staleWorkspaces(pool);
  const started = Date.now();
  const out: StartupConverge = { converged: [], pending: 0, failed: [] };
  for (const [i, ws] of stale.entries()) {
    const left = budgetMs - (Date.now() - started);
    if (left <= 0) {
      out.pending = stale.length - i;
      break;
    }
    try {
      out.converged.push({ workspace: ws.name, plan: (await convergeWorkspace(pool, ws, Number.isFinite(left) ? left : undefined)).plan });
    } catch (e) {
      if (isTimeout(e)) {
        out.pending = stale.length - i;
        break;
      }
      out.failed.push({ workspace: ws.name, message: describeError(e) });
    }
  }
  return out;
}
