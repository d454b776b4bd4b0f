/**
 * Which dashboards a viewer may open, and who may save or remove one. The rules are the reports'
 * (issue 14): public for everyone, private for its owner, shared with roles (and the roles below
 * them) and groups; saving anything but one's own private dashboard needs "customise metadata".
 */
import { keyedError, problem } from '../core/problems';
import { dbOf, type RecordContext } from '../data/context';
import { DASHBOARD_OWNER } from '../metadata/kinds/dashboard';
import type { DashboardDefinition } from '../metadata/generated/dashboard';

/** Every dashboard of the workspace (effective metadata), by name order. */
export function allDashboards(ctx: Pick<RecordContext, 'meta'>): DashboardDefinition[] {
  return (ctx.meta.documents?.get('dashboard')?.get(DASHBOARD_OWNER) ?? []) as DashboardDefinition[];
}

/** The names of the groups the viewer belongs to (only asked when a shared dashboard names groups). */
async function groupNames(ctx: RecordContext): Promise<Set<string>> {
  const res = await dbOf(ctx).query<{ name: string }>('SELECT g.name FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.user_id = $1 AND g.workspace_id = $2', [
    ctx.user.id,
    ctx.workspace.id,
  ]);
  return new Set(res.rows.map((r) => r.name));
}

/** The viewer's role and the roles above it: a dashboard shared with a role reaches its subordinates. */
function roleChain(ctx: RecordContext): Set<string> {
  const model = ctx.security.model;
  const out = new Set<string>();
  if (!model) return out;
  let id = model.users.get(ctx.user.id)?.roleId ?? null;
  for (let i = 0; id && i < 100; i++) {
    const role = model.roles.get(id);
    if (!role) break;
    out.add(role.name);
    id = role.parentId;
  }
  return out;
}

/** True when the viewer customises metadata (sees and saves every non-private dashboard). */
export const mayCustomize = (ctx: RecordContext) => ctx.security.perms.system.customizeMetadata;

/** A filter over dashboards: may this viewer open it? */
export async function visibilityTest(ctx: RecordContext): Promise<(d: DashboardDefinition) => boolean> {
  const roles = roleChain(ctx);
  let groups: Set<string> | undefined;
  const needsGroups = allDashboards(ctx).some((d) => d.visibility === 'shared' && d.sharedWith?.groups?.length);
  if (needsGroups) groups = await groupNames(ctx);
  const admin = mayCustomize(ctx);
  return (d) => {
    const v = d.visibility ?? 'public';
    if (v === 'public') return true;
    if (d.owner === ctx.user.id) return true;
    if (v === 'private') return false;
    if (admin) return true;
    return Boolean(d.sharedWith?.roles?.some((r) => roles.has(r)) || d.sharedWith?.groups?.some((g) => groups?.has(g)));
  };
}

/** 404 naming the dashboard (also for one the viewer may not open: its existence does not leak). */
export const dashboardNotFound = (name: string) =>
  keyedError('NOT_FOUND', 'dashboard.notFound', { name }, [problem('dashboard.notFound', { name }, { pointer: '/name', field: 'name' })]);

/** The dashboard `name` if the viewer may open it; 404 otherwise. */
export async function dashboardFor(ctx: RecordContext, name: string): Promise<DashboardDefinition> {
  const def = allDashboards(ctx).find((d) => d.name === name);
  if (!def || !(await visibilityTest(ctx))(def)) throw dashboardNotFound(name);
  return def;
}

/** The dashboards the viewer may open. */
export async function visibleDashboards(ctx: RecordContext): Promise<DashboardDefinition[]> {
  const visible = await visibilityTest(ctx);
  return allDashboards(ctx).filter(visible);
}

/** May the viewer change or remove this dashboard? Their own private one, or any with "customise metadata". */
export const mayEdit = (ctx: RecordContext, d: DashboardDefinition) => mayCustomize(ctx) || (d.visibility === 'private' && d.owner === ctx.user.id);
