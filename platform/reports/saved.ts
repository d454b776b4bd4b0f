/** Saved reports (kind `report`) and who may see them. */
import { keyedError } from '../core/problems';
import type { RecordContext } from '../data/context';
import type { ReportDefinition } from './types';

/** A saved report: the definition and the document's own fields. */
export interface SavedReport extends ReportDefinition {
  name: string;
  label: { en: string; zh: string };
  description?: string;
  folder?: { en: string; zh: string };
  visibility?: 'private' | 'shared' | 'public';
  sharedWith?: { roles?: string[]; groups?: string[] };
  owner?: string;
}

/** Every saved report of the workspace (all objects). */
export function allReports(ctx: Pick<RecordContext, 'meta'>): SavedReport[] {
  return [...(ctx.meta.documents?.get('report')?.values() ?? [])].flat() as SavedReport[];
}

/** Whether the caller may see a saved report: public ones (when they may read its object), shared with one of their roles or groups, their own, all for admins. */
export function maySee(ctx: RecordContext, r: SavedReport): boolean {
  if (ctx.user.isAdmin) return true;
  if (!ctx.security.perms.object(r.object).read) return false;
  const visibility = r.visibility ?? 'public';
  if (visibility === 'public') return true;
  if (r.owner === ctx.user.id) return true;
  if (visibility !== 'shared') return false;
  const model = ctx.security.model;
  if (!model) return true;
  const roleId = model.users.get(ctx.user.id)?.roleId;
  const roleName = roleId ? model.roles.get(roleId)?.name : undefined;
  if (roleName && r.sharedWith?.roles?.includes(roleName)) return true;
  return [...model.groups].some(([id, members]) => members.has(ctx.user.id) && r.sharedWith?.groups?.includes(model.groupNames.get(id) ?? ''));
}

/** The saved report `name` if the caller may see it; REPORT_NOT_FOUND (404) otherwise, the same as an absent one. */
export function reportDefinition(ctx: RecordContext, name: string): SavedReport {
  const found = allReports(ctx).find((r) => r.name === name);
  if (!found || !maySee(ctx, found))
    throw keyedError('NOT_FOUND', 'report.notFound', { name }, [{ code: 'REPORT_NOT_FOUND', message: `Report "${name}" not found`, params: { name }, key: 'report.notFound' }]);
  return found;
}
