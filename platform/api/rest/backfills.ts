/** REST for administrators: the data backfills upgrades started in their workspace, with progress. */
import { AppError } from '../../core/errors';
import { t } from '../../core/i18n';
import type { RecordContext } from '../../data/context';
import { workspaceBackfills } from '../../schema/backfillStatus';
import { json } from './handler';

export async function backfillsHandler(_req: Request, ctx: RecordContext) {
  if (!ctx.security.perms.system.customizeMetadata) {
    const message = t(ctx.locale, 'auth.forbidden');
    throw new AppError('FORBIDDEN', message, [{ code: 'right.customizeMetadata', message }]);
  }
  return json({ backfills: await workspaceBackfills(ctx) });
}
