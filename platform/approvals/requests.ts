/**
 * What a record write does to its approval requests, in the write's transaction: an edit after
 * approval that the flow says reopens it marks the request `reopened`; deleting a record closes its
 * pending request (`cancelled`, items closed, approvers told, the inbox no longer lists it); and an
 * administrator's change to what approvals guard is written to the audit log.
 */
import type pg from 'pg';
import { pickLabel, t } from '../core/i18n';
import { recipientLocale } from '../core/locale';
import type { FieldDef } from '../fields/types';
import type { ApprovalAction } from '../metadata/generated/approval';
import type { ObjectModel } from '../metadata/model';
import { notify } from '../messaging/notifications';
import type { FieldChange } from '../security/history';
import type { RecordContext } from '../data/context';

/** An administrator changed a field that approvals guard: who, which record, each field's old and new value. */
export async function auditOverride(
  client: pg.PoolClient,
  ctx: RecordContext,
  object: string,
  recordId: string,
  reason: 'approvalManaged' | 'approvedLocked',
  changes: FieldChange[],
): Promise<void> {
  await client.query('INSERT INTO audit_events (workspace_id, user_id, action, target_type, target_id, details) VALUES ($1, $2, $3, $4, $5, $6)', [
    ctx.workspace.id,
    ctx.user.id,
    'approval.override',
    'record',
    recordId,
    JSON.stringify({ object, reason, channel: ctx.channel, changes: changes.map((c) => ({ field: c.field, old: c.old ?? null, new: c.new ?? null })) }),
  ]);
}

/** The approved request no longer counts: the record was edited where the approval vouched for it. */
export async function markReopened(client: pg.PoolClient, ctx: RecordContext, requestId: string, fields: FieldDef[]): Promise<void> {
  await client.query(`UPDATE approval_requests SET status = 'reopened' WHERE id = $1 AND status = 'approved'`, [requestId]);
  await client.query('INSERT INTO approval_events (request_id, actor_id, action, step, details) VALUES ($1, $2, $3, NULL, $4)', [
    requestId,
    ctx.user.id,
    'reopened',
    JSON.stringify({ fields: fields.map((f) => f.name), labels: fields.map((f) => f.label) }),
  ]);
}

/** The field updates of a flow's recall actions that still apply to the object (a field may have been removed since). */
export function recallInput(obj: ObjectModel, actions: ApprovalAction[]): Record<string, unknown> | null {
  const input: Record<string, unknown> = {};
  for (const a of actions) if (a.type === 'update' && obj.fieldMap.has(a.field)) input[a.field] = a.value ?? null;
  return Object.keys(input).length ? input : null;
}

interface Closed {
  id: string;
  record_name: string | null;
  submitted_by: string;
  recall: ApprovalAction[] | null;
}

/**
 * Deleting a record closes its pending request: cancelled with the reason, its items closed, an
 * event in its history, the approvers and submitter told (with no link: the record is in the recycle
 * bin), and the approvers' "please approve" notices no longer point at it. Returns the flow's recall
 * updates (status back to draft), for the caller to apply before the record goes to the bin, so a
 * restored record can be submitted again.
 */
export async function cancelOnDelete(client: pg.PoolClient, ctx: RecordContext, obj: ObjectModel, recordId: string): Promise<Record<string, unknown> | null> {
  const res = await client.query<Closed>(
    `UPDATE approval_requests r SET status = 'cancelled', step = NULL, completed_at = now()
       FROM approval_flow_versions v
      WHERE v.id = r.flow_version_id AND r.workspace_id = $1 AND r.object = $2 AND r.record_id = $3 AND r.status = 'pending'
      RETURNING r.id, r.record_name, r.submitted_by, v.definition->'actions'->'recall' AS recall`,
    [ctx.workspace.id, obj.name, recordId],
  );
  const request = res.rows[0];
  if (!request) return null;
  const waiting = (
    await client.query<{ approver_id: string }>(`UPDATE approval_items SET status = 'closed' WHERE request_id = $1 AND status = 'pending' RETURNING approver_id`, [request.id])
  ).rows.map((r) => r.approver_id);
  await client.query('INSERT INTO approval_events (request_id, actor_id, action, step, details) VALUES ($1, $2, $3, NULL, $4)', [
    request.id,
    ctx.user.id,
    'cancelled',
    JSON.stringify({ reason: 'record_deleted' }),
  ]);
  const link = `/o/${obj.name}/${recordId}`; // the record page, as the engine's notices link it
  await client.query(`UPDATE notifications SET link = NULL WHERE workspace_id = $1 AND user_id = ANY($2::uuid[]) AND kind = 'approval.requested' AND link = $3`, [
    ctx.workspace.id,
    waiting,
    link,
  ]);
  const told = [...new Set([...waiting, request.submitted_by])].filter((id) => id !== ctx.user.id);
  const who = await client.query<{ id: string; locale: string | null; browser_locale: string | null }>(
    'SELECT id, locale, browser_locale FROM users WHERE id = ANY($1::uuid[]) AND active',
    [told],
  );
  await notify(
    client,
    who.rows.map((u) => {
      const locale = recipientLocale(u.locale, u.browser_locale);
      const params = { object: pickLabel(obj.label, locale), record: request.record_name ?? recordId, actor: ctx.user.name };
      return {
        workspaceId: ctx.workspace.id,
        userId: u.id,
        kind: 'approval.cancelled',
        title: t(locale, 'approval.notify.cancelled', params),
        body: t(locale, 'approval.notify.cancelledBody', params),
        link: null,
      };
    }),
  );
  return recallInput(obj, request.recall ?? []);
}
