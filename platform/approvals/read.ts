/**
 * What the screens and the API show of approvals: a record's approval panel (can the caller
 * submit, the request in flight with its steps and approvers, every past request with its full
 * history and comments), the caller's inbox (keyset-paged), and the caller's delegation.
 * Record-level reads go through the caller's access to the record.
 */
import { AppError } from '../core/errors';
import { normaliseDateTime } from '../fields/datetime';
import { t, type Label } from '../core/i18n';
import { isoFromPg } from '../core/time';
import { requireObject, type RecordContext } from '../data/context';
import { findAccessibleRecord, isRecordId, notFound } from '../data/read';
import { withTransaction } from '../db/pool';
import type { ApprovalFlowDefinition } from '../metadata/model';
import { flowFor, maySubmit } from './engine';

export interface ApproverView {
  userId: string;
  name: string;
  status: string;
  comment: string | null;
  actedAt: string | null;
  delegatedFrom: { id: string; name: string } | null;
}
export interface StepView {
  index: number;
  name: string;
  label: Label;
  mode: 'any' | 'all';
  state: 'waiting' | 'current' | 'approved' | 'rejected' | 'skipped' | 'auto_approved' | 'closed';
  approvers: ApproverView[];
}
export interface EventView {
  at: string;
  actor: { id: string; name: string } | null;
  action: string;
  step: number | null;
  stepLabel: Label | null;
  comment: string | null;
  details: Record<string, unknown> | null;
}
export interface RequestView {
  id: string;
  status: string;
  flow: { name: string; label: Label; version: number };
  submittedBy: { id: string; name: string };
  submittedAt: string;
  completedAt: string | null;
  currentStep: number | null;
  steps: StepView[];
  events: EventView[];
  /** The caller has a pending item on the current step. */
  canAct: boolean;
  canRecall: boolean;
}
export interface RecordApproval {
  /** The flow a submission would use now (null: none applies, or the object has none). */
  flow: { name: string; label: Label } | null;
  hasFlows: boolean;
  canSubmit: boolean;
  locked: boolean;
  /** The caller may edit the record while it is locked (an administrator, or a current approver when the flow allows it). */
  mayEditLocked: boolean;
  /** The record's latest request was approved under a flow that guards fields afterwards: which, and how. */
  afterApproval: { onEdit: 'lock' | 'reopen'; fields: Label[] } | null;
  current: RequestView | null;
  requests: RequestView[];
}

interface Row {
  id: string;
  status: string;
  step: number | null;
  submitted_by: string;
  submitter: string;
  submitted_at: string;
  completed_at: string | null;
  definition: ApprovalFlowDefinition;
  version: number;
}

async function requestViews(ctx: RecordContext, rows: Row[]): Promise<RequestView[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [items, events] = await Promise.all([
    ctx.pool.query<{
      request_id: string;
      step: number;
      approver_id: string;
      name: string;
      status: string;
      comment: string | null;
      acted_at: string | null;
      delegated_from: string | null;
      from_name: string | null;
      created_at: string;
    }>(
      `SELECT i.request_id, i.step, i.created_at, i.approver_id, u.name, i.status, i.comment, i.acted_at, i.delegated_from, f.name AS from_name
         FROM approval_items i JOIN users u ON u.id = i.approver_id LEFT JOIN users f ON f.id = i.delegated_from
        WHERE i.request_id = ANY($1::uuid[]) ORDER BY i.created_at, u.name`,
      [ids],
    ),
    ctx.pool.query<{
      request_id: string;
      at: string;
      actor_id: string | null;
      name: string | null;
      action: string;
      step: number | null;
      comment: string | null;
      details: Record<string, unknown> | null;
    }>(
      `SELECT e.request_id, e.at, e.actor_id, u.name, e.action, e.step, e.comment, e.details
         FROM approval_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.request_id = ANY($1::uuid[]) ORDER BY e.id`,
      [ids],
    ),
  ]);
  return rows.map((r) => {
    const def = r.definition;
    const mine = items.rows.filter((i) => i.request_id === r.id);
    const evs = events.rows.filter((e) => e.request_id === r.id);
    const steps: StepView[] = def.steps.map((s, index) => {
      // The latest round of the step (a step sent back to is asked again).
      const own = mine.filter((i) => i.step === index);
      const latest = own.reduce((m, i) => (i.created_at > m ? i.created_at : m), '');
      const lastRound = own.filter((i) => i.created_at === latest);
      const stepEvents = evs.filter((e) => e.step === index);
      const lastEvent = stepEvents[stepEvents.length - 1]?.action;
      let state: StepView['state'] = 'waiting';
      if (r.status === 'pending' && r.step === index) state = 'current';
      else if (lastEvent === 'skipped') state = 'skipped';
      else if (lastEvent === 'auto_approved') state = 'auto_approved';
      else if (own.some((i) => i.status === 'rejected') && lastEvent === 'rejected') state = 'rejected';
      else if (own.length && (lastEvent === 'approved' || own.every((i) => i.status !== 'pending'))) state = own.some((i) => i.status === 'approved') ? 'approved' : 'closed';
      return {
        index,
        name: s.name,
        label: s.label,
        mode: s.mode ?? 'any',
        state,
        approvers: lastRound.map((i) => ({
          userId: i.approver_id,
          name: i.name,
          status: i.status,
          comment: i.comment,
          actedAt: isoFromPg(i.acted_at),
          delegatedFrom: i.delegated_from ? { id: i.delegated_from, name: i.from_name ?? '' } : null,
        })),
      };
    });
    return {
      id: r.id,
      status: r.status,
      flow: { name: def.name, label: def.label, version: r.version },
      submittedBy: { id: r.submitted_by, name: r.submitter },
      submittedAt: isoFromPg(r.submitted_at)!,
      completedAt: isoFromPg(r.completed_at),
      currentStep: r.step,
      steps,
      events: evs.map((e) => ({
        at: isoFromPg(e.at)!,
        actor: e.actor_id ? { id: e.actor_id, name: e.name ?? '' } : null,
        action: e.action,
        step: e.step,
        stepLabel: e.step !== null ? (def.steps[e.step]?.label ?? null) : null,
        comment: e.comment,
        details: e.details,
      })),
      canAct: r.status === 'pending' && mine.some((i) => i.step === r.step && i.status === 'pending' && i.approver_id === ctx.user.id),
      canRecall: r.status === 'pending' && ((r.submitted_by === ctx.user.id && def.allowRecall !== false) || ctx.user.isAdmin),
    };
  });
}

/** A record's approvals as its page shows them (404 when the caller cannot see the record). */
export async function recordApproval(ctx: RecordContext, objectName: string, recordId: string): Promise<RecordApproval> {
  const obj = requireObject(ctx, objectName, 'read');
  if (!isRecordId(recordId)) throw notFound(ctx, obj);
  const full = ctx.security.fullMeta.objects.get(obj.name) ?? obj;
  // The whole record (hidden fields too): entry conditions may test what the caller cannot see.
  const record = await findAccessibleRecord(ctx, full, recordId, 'read', ctx.pool);
  if (!record) throw notFound(ctx, obj);
  const rows = (
    await ctx.pool.query<Row>(
      `SELECT r.id, r.status, r.step, r.submitted_by, u.name AS submitter, r.submitted_at, r.completed_at, v.definition, v.version
       FROM approval_requests r JOIN approval_flow_versions v ON v.id = r.flow_version_id JOIN users u ON u.id = r.submitted_by
      WHERE r.workspace_id = $1 AND r.object = $2 AND r.record_id = $3 ORDER BY r.submitted_at DESC, r.id DESC LIMIT 50`,
      [ctx.workspace.id, obj.name, recordId],
    )
  ).rows;
  const requests = await requestViews(ctx, rows);
  const current = requests.find((r) => r.status === 'pending') ?? null;
  const hasFlows = full.approvals.some((f) => f.active);
  let flow: ApprovalFlowDefinition | null = null;
  let allowed = false;
  if (hasFlows && !current) {
    [flow, allowed] = await withTransaction(ctx.pool, async (client) => {
      const f = await flowFor(ctx, client, full, record);
      return [f, f ? await maySubmit(ctx, client, full, record, f) : false] as const;
    });
  }
  const lockedDef = current ? rows.find((r) => r.id === current.id)?.definition : undefined;
  const mayEditLocked = ctx.user.isAdmin || Boolean(lockedDef?.approverMayEdit && current?.canAct);
  // The same test the record service makes on an edit (approvals/locks.ts): the latest request.
  const guard = rows[0]?.status === 'approved' ? rows[0].definition.afterApproval : undefined;
  const afterApproval = guard ? { onEdit: guard.onEdit, fields: guard.fields.map((f) => full.fieldMap.get(f)?.label ?? { en: f, zh: f }) } : null;
  return {
    flow: flow ? { name: flow.name, label: flow.label } : null,
    hasFlows,
    canSubmit: Boolean(flow) && allowed,
    locked: Boolean(current),
    mayEditLocked,
    afterApproval,
    current,
    requests,
  };
}

function readCursor(ctx: RecordContext, cursor: string): [string, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && normaliseDateTime(v[0]) !== null && isRecordId(v[1])) return [v[0], v[1]]; // a real instant (Date.parse takes year 0 and 2026-02-30; Postgres does not)
  } catch {
    /* fall through */
  }
  const message = t(ctx.locale, 'cursor.invalid');
  throw new AppError('INVALID_CURSOR', message, [{ pointer: '/cursor', code: 'cursor.invalid', message }]);
}

export interface InboxItem {
  itemId: string;
  requestId: string;
  object: string;
  objectLabel: Label;
  recordId: string;
  recordName: string | null;
  flow: Label;
  step: Label;
  submittedBy: string;
  submittedAt: string;
  assignedAt: string;
  delegatedFrom: string | null;
}

/** The caller's pending approvals, oldest first (keyset-paged on when they were assigned). */
export async function approvalInbox(
  ctx: RecordContext,
  opts: { cursor?: string | null; limit?: number } = {},
): Promise<{ items: InboxItem[]; nextCursor: string | null; total: number }> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const after = opts.cursor ? readCursor(ctx, opts.cursor) : null;
  const params: unknown[] = [ctx.user.id, ctx.workspace.id, limit + 1];
  let keyset = '';
  if (after) {
    const [at, id] = after;
    params.push(at, id);
    keyset = 'AND (i.created_at, i.id) > ($4::timestamptz, $5::uuid)';
  }
  const [res, total] = await Promise.all([
    ctx.pool.query<{
      item_id: string;
      request_id: string;
      object: string;
      record_id: string;
      record_name: string | null;
      definition: ApprovalFlowDefinition;
      step: number;
      submitter: string;
      submitted_at: string;
      created_at: string;
      from_name: string | null;
    }>(
      `SELECT i.id AS item_id, r.id AS request_id, r.object, r.record_id, r.record_name, v.definition, i.step, u.name AS submitter, r.submitted_at, i.created_at, f.name AS from_name
         FROM approval_items i JOIN approval_requests r ON r.id = i.request_id JOIN approval_flow_versions v ON v.id = r.flow_version_id
         JOIN users u ON u.id = r.submitted_by LEFT JOIN users f ON f.id = i.delegated_from
        WHERE i.approver_id = $1 AND i.status = 'pending' AND r.workspace_id = $2 ${keyset}
        ORDER BY i.created_at, i.id LIMIT $3`,
      params,
    ),
    ctx.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM approval_items i JOIN approval_requests r ON r.id = i.request_id WHERE i.approver_id = $1 AND i.status = 'pending' AND r.workspace_id = $2`,
      [ctx.user.id, ctx.workspace.id],
    ),
  ]);
  const rows = res.rows.slice(0, limit);
  const last = rows[rows.length - 1];
  return {
    items: rows.map((r) => ({
      itemId: r.item_id,
      requestId: r.request_id,
      object: r.object,
      objectLabel: ctx.security.fullMeta.objects.get(r.object)?.label ?? { en: r.object, zh: r.object },
      recordId: r.record_id,
      recordName: r.record_name,
      flow: r.definition.label,
      step: r.definition.steps[r.step]?.label ?? { en: '', zh: '' },
      submittedBy: r.submitter,
      submittedAt: isoFromPg(r.submitted_at)!,
      assignedAt: isoFromPg(r.created_at)!,
      delegatedFrom: r.from_name,
    })),
    nextCursor: res.rows.length > limit && last ? Buffer.from(JSON.stringify([isoFromPg(last.created_at), last.item_id])).toString('base64url') : null,
    total: Number(total.rows[0].n),
  };
}

export interface Delegation {
  delegate: { id: string; name: string } | null;
  until: string | null;
}

export async function getDelegation(ctx: RecordContext): Promise<Delegation> {
  const res = await ctx.pool.query<{ delegate_id: string; name: string; until: string | null }>(
    'SELECT d.delegate_id, u.name, d.until FROM approval_delegations d JOIN users u ON u.id = d.delegate_id WHERE d.user_id = $1',
    [ctx.user.id],
  );
  const r = res.rows[0];
  return r ? { delegate: { id: r.delegate_id, name: r.name }, until: isoFromPg(r.until) } : { delegate: null, until: null };
}

/**
 * Set (or clear, with null) who approves for the caller while they are away. Their pending items
 * move to the delegate at once, each move recorded in the request's history.
 */
export async function setDelegation(ctx: RecordContext, delegateId: string | null, until: string | null): Promise<Delegation> {
  await withTransaction(ctx.pool, async (client) => {
    const audit = (details: object) =>
      client.query('INSERT INTO audit_events (workspace_id, user_id, action, target_type, target_id, details) VALUES ($1, $2, $3, $4, $5, $6)', [
        ctx.workspace.id,
        ctx.user.id,
        'approval.delegation',
        'user',
        ctx.user.id,
        JSON.stringify(details),
      ]);
    if (!delegateId) {
      await client.query('DELETE FROM approval_delegations WHERE user_id = $1', [ctx.user.id]);
      await audit({ delegate: null });
      return;
    }
    const fail = (key: 'approval.delegateSelf' | 'approval.delegateUnknown') =>
      new AppError('VALIDATION_FAILED', t(ctx.locale, key), [{ field: 'delegateId', code: key, message: t(ctx.locale, key) }]);
    if (delegateId === ctx.user.id) throw fail('approval.delegateSelf');
    if (!isRecordId(delegateId) || !(await client.query('SELECT 1 FROM users WHERE id = $1 AND workspace_id = $2 AND active', [delegateId, ctx.workspace.id])).rowCount)
      throw fail('approval.delegateUnknown');
    await client.query(
      `INSERT INTO approval_delegations (user_id, delegate_id, until) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET delegate_id = EXCLUDED.delegate_id, until = EXCLUDED.until, created_at = now()`,
      [ctx.user.id, delegateId, until],
    );
    const moved = await client.query<{ request_id: string; step: number; object: string; record_id: string }>(
      `UPDATE approval_items i SET approver_id = $2, delegated_from = $1 FROM approval_requests r
        WHERE r.id = i.request_id AND r.workspace_id = $3 AND i.approver_id = $1 AND i.status = 'pending'
          AND NOT EXISTS (SELECT 1 FROM approval_items x WHERE x.request_id = i.request_id AND x.step = i.step AND x.approver_id = $2 AND x.status = 'pending')
        RETURNING i.request_id, i.step, r.object, r.record_id`,
      [ctx.user.id, delegateId, ctx.workspace.id],
    );
    await audit({ delegate: delegateId, until, moved: moved.rowCount });
    for (const m of moved.rows) {
      await client.query('INSERT INTO approval_events (request_id, actor_id, action, step, details) VALUES ($1, $2, $3, $4, $5)', [
        m.request_id,
        ctx.user.id,
        'delegated',
        m.step,
        JSON.stringify({ to: delegateId }),
      ]);
      await client.query(
        `INSERT INTO record_shares (workspace_id, object, record_id, user_id, access, reason, created_by) VALUES ($1, $2, $3, $4, 'read', 'approval', $5) ON CONFLICT DO NOTHING`,
        [ctx.workspace.id, m.object, m.record_id, delegateId, ctx.user.id],
      );
    }
  });
  return getDelegation(ctx);
}
