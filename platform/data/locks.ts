/**
 * Records in approval are locked: while a request is pending, edits and deletes are refused on
 * every channel with RECORD_LOCKED, except for administrators, the platform itself (approval field
 * updates run in a system context), and the current approvers when the flow lets them edit.
 * Called after the record row is locked, so it cannot race with a submission (which locks the row too).
 */
import type pg from 'pg';
import { AppError } from '../core/errors';
import { pickLabel, t } from '../core/i18n';
import type { ObjectModel } from '../metadata/model';
import type { RecordContext } from './context';

export async function assertNotLocked(ctx: RecordContext, client: pg.PoolClient, obj: ObjectModel, id: string, action: 'edit' | 'delete'): Promise<void> {
  if (ctx.security.model === null || ctx.user.isAdmin) return;
  const res = await client.query<{ may_edit: boolean; approver: boolean }>(
    `SELECT COALESCE((v."definition"->>'approverMayEdit')::boolean, false) AS may_edit,
            EXISTS (SELECT 1 FROM "public"."approval_items" i WHERE i."request_id" = r."id" AND i."status" = 'pending' AND i."approver_id" = $4) AS approver
       FROM "public"."approval_requests" r JOIN "public"."approval_flow_versions" v ON v."id" = r."flow_version_id"
      WHERE r."workspace_id" = $1 AND r."object" = $2 AND r."record_id" = $3 AND r."status" = 'pending'`,
    [ctx.workspace.id, obj.name, id, ctx.user.id],
  );
  const row = res.rows[0];
  if (!row) return;
  if (action === 'edit' && row.may_edit && row.approver) return;
  const message = t(ctx.locale, 'record.locked', { object: pickLabel(obj.label, ctx.locale) });
  throw new AppError('RECORD_LOCKED', message, [{ code: 'record.locked', message }]);
}
