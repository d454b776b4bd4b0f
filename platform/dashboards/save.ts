/**
 * Saving and removing dashboards from the screens and the API. Who may: a holder of "customise
 * metadata" saves any dashboard (shared and public ones included); any other user saves and removes
 * only their own private dashboards. Every save goes through the metadata commit path, so the
 * schema and the kind's cross-checks answer with pointers.
 */
import { keyedError, problem } from '../core/problems';
import type { ErrorDetail } from '../core/errors';
import { dbOf, type RecordContext } from '../data/context';
import type { CommitResult } from '../metadata/changes';
import { dashboardKind, DASHBOARD_OWNER } from '../metadata/kinds/dashboard';
import type { DashboardDefinition } from '../metadata/generated/dashboard';
import { allDashboards, dashboardNotFound, mayCustomize } from './access';

const forbidden = (key: 'dashboard.mayNotSave' | 'dashboard.mayNotShare', pointer: string) =>
  keyedError('FORBIDDEN', key, {}, [problem(key, {}, { pointer, field: pointer.split('/')[1] })]);

/** Roles and groups a shared dashboard names must exist (they are platform rows, not metadata). */
async function checkAudience(ctx: RecordContext, doc: DashboardDefinition): Promise<void> {
  const roles = doc.sharedWith?.roles ?? [];
  const groups = doc.sharedWith?.groups ?? [];
  if (!roles.length && !groups.length) return;
  const db = dbOf(ctx);
  const [r, g] = await Promise.all([
    db.query<{ name: string }>('SELECT name FROM roles WHERE workspace_id = $1 AND name = ANY($2::text[])', [ctx.workspace.id, roles]),
    db.query<{ name: string }>('SELECT name FROM groups WHERE workspace_id = $1 AND name = ANY($2::text[])', [ctx.workspace.id, groups]),
  ]);
  const haveRoles = new Set(r.rows.map((x) => x.name));
  const haveGroups = new Set(g.rows.map((x) => x.name));
  const details: ErrorDetail[] = [];
  roles.forEach((role, i) => haveRoles.has(role) || details.push(problem('dashboard.unknownRole', { role }, { pointer: `/sharedWith/roles/${i}`, field: 'sharedWith' })));
  groups.forEach((group, i) => haveGroups.has(group) || details.push(problem('dashboard.unknownGroup', { group }, { pointer: `/sharedWith/groups/${i}`, field: 'sharedWith' })));
  if (details.length) throw keyedError('VALIDATION_FAILED', (details[0].key ?? details[0].code) as 'dashboard.unknownRole', details[0].params ?? {}, details);
}

/** Create (`mode` create), replace (`update`) or upsert a dashboard; returns the saved definition. */
export async function saveDashboard(
  ctx: RecordContext,
  input: DashboardDefinition,
  mode?: 'create' | 'update',
): Promise<{ dashboard: DashboardDefinition; revision: number | null }> {
  const existing = allDashboards(ctx).find((d) => d.name === input.name);
  const admin = mayCustomize(ctx);
  const doc: DashboardDefinition = { ...input, object: DASHBOARD_OWNER };
  if (!admin) {
    // Someone else's dashboard, or a shared/public one, is not theirs to change; a new one of theirs is private.
    if (existing && !(existing.visibility === 'private' && existing.owner === ctx.user.id)) throw forbidden('dashboard.mayNotSave', '/name');
    if ((doc.visibility ?? 'private') !== 'private') throw forbidden('dashboard.mayNotShare', '/visibility');
    doc.visibility = 'private';
  }
  if (doc.visibility === 'private') doc.owner = existing?.visibility === 'private' && existing.owner ? existing.owner : ctx.user.id;
  else if (doc.visibility !== 'shared') delete doc.sharedWith;
  await checkAudience(ctx, doc);
  const result: CommitResult = await dashboardKind.verbs.save({ pool: ctx.pool, workspace: ctx.workspace, userId: ctx.user.id }, doc, mode);
  return { dashboard: doc, revision: result.revision };
}

/** Remove a dashboard (stock ones are marked removed in the workspace layer). */
export async function deleteDashboard(ctx: RecordContext, name: string): Promise<{ revision: number | null }> {
  const existing = allDashboards(ctx).find((d) => d.name === name);
  if (!existing) throw dashboardNotFound(name);
  const own = existing.visibility === 'private' && existing.owner === ctx.user.id;
  if (!own && !mayCustomize(ctx)) {
    if (existing.visibility === 'private') throw dashboardNotFound(name);
    throw forbidden('dashboard.mayNotSave', '/name');
  }
  const result = await dashboardKind.verbs.remove!({ pool: ctx.pool, workspace: ctx.workspace, userId: ctx.user.id }, DASHBOARD_OWNER, name);
  return { revision: result.revision };
}
