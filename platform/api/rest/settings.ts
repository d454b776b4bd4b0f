/** REST for administrators: workspace settings (GET, PUT with the fields to change). */
import { AppError } from '../../core/errors';
import { t } from '../../core/i18n';
import type { RecordContext } from '../../data/context';
import { getPrisma } from '../../db/prisma';
import { getWorkspaceSettings, updateWorkspaceSettings } from '../../security/admin/settings';
import { json, readJsonObject } from './handler';

function requireAdmin(ctx: RecordContext): void {
  if (!ctx.security.perms.system.customizeMetadata) {
    const message = t(ctx.locale, 'auth.forbidden');
    throw new AppError('FORBIDDEN', message, [{ code: 'right.customizeMetadata', message }]);
  }
}

const actorOf = (ctx: RecordContext) => ({ workspaceId: ctx.workspace.id, userId: ctx.user.id, locale: ctx.locale });

export async function getSettingsHandler(_req: Request, ctx: RecordContext) {
  requireAdmin(ctx);
  return json(await getWorkspaceSettings(getPrisma(), actorOf(ctx)));
}

export async function putSettingsHandler(req: Request, ctx: RecordContext) {
  requireAdmin(ctx);
  return json(await updateWorkspaceSettings(getPrisma(), actorOf(ctx), await readJsonObject(req, ctx.locale)));
}
