/** Workspaces: each is a row in `workspaces` and a Postgres schema holding its record tables. */
import type pg from 'pg';
import { AppError } from '../core/errors';
import { isIdentifier } from '../core/identifiers';
import type { WorkspaceRef } from '../data/context';
import { getMetadata } from '../metadata/registry';
import { ensureStockPermissionSets } from '../security/stock';
import { convergeSchema } from './converge';
import { workspaceSchema } from './names';
import type { SchemaPlan } from './plan';

export const DEFAULT_WORKSPACE = 'default';

interface WorkspaceRow {
  id: string;
  name: string;
  schema_name: string;
}

const toRef = (r: WorkspaceRow): WorkspaceRef => ({ id: r.id, name: r.name, schema: r.schema_name });

export async function findWorkspace(pool: pg.Pool, name: string): Promise<WorkspaceRef | null> {
  const res = await pool.query<WorkspaceRow>('SELECT id, name, schema_name FROM workspaces WHERE name = $1', [name]);
  return res.rowCount ? toRef(res.rows[0]) : null;
}

export async function workspaceById(pool: pg.Pool, id: string): Promise<WorkspaceRef | null> {
  const res = await pool.query<WorkspaceRow>('SELECT id, name, schema_name FROM workspaces WHERE id = $1', [id]);
  return res.rowCount ? toRef(res.rows[0]) : null;
}

/** Create the workspace if missing and converge its schema with its metadata. */
export async function ensureWorkspace(pool: pg.Pool, name: string, label = name): Promise<{ workspace: WorkspaceRef; plan: SchemaPlan }> {
  if (!isIdentifier(name) || name.length > 40) {
    throw new AppError('BAD_REQUEST', `Workspace name "${name}" must be lower case letters, digits and underscores (at most 40)`, [{ field: 'name', code: 'workspace.name', message: 'invalid workspace name' }]);
  }
  await pool.query(
    'INSERT INTO workspaces (name, label, schema_name) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING',
    [name, label, workspaceSchema(name)],
  );
  const workspace = (await findWorkspace(pool, name))!;
  await ensureStockPermissionSets(pool, workspace.id);
  const plan = await convergeSchema(pool, workspace.schema, await getMetadata(workspace, pool));
  return { workspace, plan };
}

/** Converge every workspace (run at start-up, so upgrades need no per-version scripts). */
export async function convergeAllWorkspaces(pool: pg.Pool): Promise<{ workspace: string; plan: SchemaPlan }[]> {
  const res = await pool.query<WorkspaceRow>('SELECT id, name, schema_name FROM workspaces ORDER BY created_at');
  const out = [];
  for (const row of res.rows) {
    const ws = toRef(row);
    // Before the tables: stock rights on objects an upgrade adds are granted while they are new.
    await ensureStockPermissionSets(pool, ws.id);
    out.push({ workspace: ws.name, plan: await convergeSchema(pool, ws.schema, await getMetadata(ws, pool)) });
  }
  return out;
}
