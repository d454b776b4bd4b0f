/**
 * The home dashboard (the page `/`): the dashboard of the user's role, else of the nearest role
 * above it that names one, else the stock default of the user's permission sets (Sales Manager ->
 * sales_manager, Sales Rep -> sales_rep), else sales_manager for administrators, else the first
 * dashboard the user may open. A named dashboard the user may not open is passed over.
 */
import type { RecordContext } from '../data/context';
import { dbOf } from '../data/context';
import type { DashboardDefinition } from '../metadata/generated/dashboard';
import { visibleDashboards } from './access';

/** Stock permission set -> stock dashboard, in order of precedence. */
const BY_PERMISSION_SET: [string, string][] = [
  ['sales_manager', 'sales_manager'],
  ['sales_rep', 'sales_rep'],
];

/** Where the home dashboard came from (the roles screen and tests show it). */
export type HomeSource = 'role' | 'inherited' | 'permissionSet' | 'admin' | 'first';

/** The user's role and its ancestors, nearest first, with the home dashboard each names (one statement). */
async function roleChain(ctx: RecordContext): Promise<{ name: string; home: string | null }[]> {
  const res = await dbOf(ctx).query<{ name: string; home_dashboard: string | null }>(
    `WITH RECURSIVE chain AS (
       SELECT r.id, r.parent_id, r.name, r.home_dashboard, 0 AS depth FROM roles r JOIN users u ON u.role_id = r.id WHERE u.id = $1 AND r.workspace_id = $2
       UNION ALL
       SELECT p.id, p.parent_id, p.name, p.home_dashboard, c.depth + 1 FROM roles p JOIN chain c ON p.id = c.parent_id WHERE c.depth < 100
     ) SELECT name, home_dashboard FROM chain ORDER BY depth`,
    [ctx.user.id, ctx.workspace.id],
  );
  return res.rows.map((r) => ({ name: r.name, home: r.home_dashboard }));
}

/** The user's home dashboard and why it is theirs; null when they may open no dashboard at all. */
export async function homeDashboard(ctx: RecordContext): Promise<{ name: string; source: HomeSource; role?: string } | null> {
  const visible = await visibleDashboards(ctx);
  const open = (name: string | null | undefined): DashboardDefinition | undefined => (name ? visible.find((d) => d.name === name) : undefined);
  const chain = await roleChain(ctx);
  for (const [i, role] of chain.entries()) {
    if (open(role.home)) return { name: role.home!, source: i === 0 ? 'role' : 'inherited', role: role.name };
  }
  const model = ctx.security.model;
  const sets = new Set((model?.userSets.get(ctx.user.id) ?? []).map((id) => model?.sets.get(id)?.name));
  for (const [set, dashboard] of BY_PERMISSION_SET) if (sets.has(set) && open(dashboard)) return { name: dashboard, source: 'permissionSet' };
  if (ctx.security.perms.admin && open('sales_manager')) return { name: 'sales_manager', source: 'admin' };
  return visible[0] ? { name: visible[0].name, source: 'first' } : null;
}
