/**
 * The approval engine: submit a record, approve or reject the current step, recall, bulk approve.
 * Each call is one transaction. The request row is locked (FOR UPDATE) by every action, so two
 * approvers acting at once are serialised: the second sees the first's outcome and gets a clear
 * error when there is nothing left for them to decide. Every step of the way is an event in the
 * request's history (approval_events): submitted, step started / skipped / auto-approved,
 * approved, rejected, sent back, recalled, delegated, completed.
 */
import type pg from 'pg';
import { AppError } from '../core/errors';
import { pickLabel, t } from '../core/i18n';
import { Params } from '../core/sql';
import { qualified } from '../core/identifiers';
import { requireObject, type RecordContext } from '../data/context';
import { isRecordId, lockAccessibleRecord, mayAccessRecord, notFound } from '../data/read';
import { recordSource } from '../data/source';
import { rowToRecord, type RecordData } from '../data/values';
import { withTransaction } from '../db/pool';
import type { ApprovalFlowDefinition, ObjectModel } from '../metadata/model';
import { recordMeets } from '../rules/recordTests';
import { applyDelegations, resolveApprovers } from './approvers';
import { applyFieldUpdates, noticeApprovers, noticeOutcome, people, queueFlowEmails, type Person, type When } from './effects';
import { stepCriteria, versionOf } from './flows';

const MAX_COMMENT = 2000;

interface RequestRow {
  id: string;
  object: string;
  record_id: string;
  record_name: string | null;
  status: string;
  step: number | null;
  submitted_by: string;
  flow_version_id: string;
  definition: ApprovalFlowDefinition;
}

/** One action on one request, in its transaction. */
interface Run {
  ctx: RecordContext;
  client: pg.PoolClient;
  obj: ObjectModel;
  request: RequestRow;
  def: ApprovalFlowDefinition;
  record: RecordData;
  submitter: Person;
  actor: Person;
  /** The comment of the action under way (the last approver's, when it completes the request). */
  comment: string | null;
}

function fail(
  code: 'BAD_REQUEST' | 'CONFLICT' | 'FORBIDDEN' | 'NOT_FOUND',
  key: Parameters<typeof t>[1],
  ctx: RecordContext,
  params: Record<string, string> = {},
  field?: string,
): AppError {
  const message = t(ctx.locale, key, params);
  return new AppError(code, message, [{ code: key, message, ...(field ? { field } : {}) }]);
}

function checkComment(ctx: RecordContext, comment: string | null | undefined): string | null {
  const c = comment?.trim() || null;
  if (c && c.length > MAX_COMMENT)
    throw new AppError('VALIDATION_FAILED', t(ctx.locale, 'approval.commentLong'), [
      { field: 'comment', code: 'approval.commentLong', message: t(ctx.locale, 'approval.commentLong') },
    ]);
  return c;
}

async function event(
  run: Pick<Run, 'client' | 'request'>,
  actorId: string | null,
  action: string,
  step: number | null,
  comment: string | null = null,
  details: object | null = null,
): Promise<void> {
  await run.client.query('INSERT INTO approval_events (request_id, actor_id, action, step, comment, details) VALUES ($1, $2, $3, $4, $5, $6)', [
    run.request.id,
    actorId,
    action,
    step,
    comment,
    details ? JSON.stringify(details) : null,
  ]);
}

/** Administrators deciding or recalling in others' place also go to the workspace audit log. */
async function auditApproval(client: pg.PoolClient, ctx: RecordContext, action: string, requestId: string, details: object): Promise<void> {
  await client.query('INSERT INTO audit_events (workspace_id, user_id, action, target_type, target_id, details) VALUES ($1, $2, $3, $4, $5, $6)', [
    ctx.workspace.id,
    ctx.user.id,
    action,
    'approval_request',
    requestId,
    JSON.stringify(details),
  ]);
}

/** The stored record with formula values (the platform's view: every field). */
async function loadRecord(ctx: RecordContext, client: pg.PoolClient, obj: ObjectModel, id: string): Promise<RecordData> {
  const params = new Params();
  const res = await client.query(`SELECT "t".* FROM ${recordSource(ctx.workspace.schema, obj, params)} WHERE "t"."id" = ${params.add(id)}::uuid`, params.values);
  return rowToRecord(obj, res.rows[0]);
}

const fullObject = (ctx: RecordContext, obj: ObjectModel) => ctx.security.fullMeta.objects.get(obj.name) ?? obj;
const displayName = (r: RecordData) => String(r.name ?? r.id);

/** Run the flow's actions for a moment: field updates first (the e-mails show the updated record). */
async function runActions(run: Run, when: When, comment: string | null, approverIds: string[]): Promise<void> {
  const actions = run.def.actions?.[when] ?? [];
  if (!actions.length) return;
  const updated = await applyFieldUpdates(run.ctx, run.client, run.obj, run.request.record_id, actions, {
    id: run.actor.id,
    name: run.actor.name,
    email: run.actor.email,
    isAdmin: false,
  });
  if (updated) run.record = await loadRecord(run.ctx, run.client, run.obj, run.request.record_id);
  await queueFlowEmails(run.ctx, run.client, actions, {
    obj: run.obj,
    flow: run.def,
    record: run.record,
    submitter: run.submitter,
    actor: run.actor,
    ownerId: (run.record.owner as string) ?? null,
    approverIds,
    comment,
    stepLabel: run.request.step !== null ? (run.def.steps[run.request.step]?.label ?? null) : null,
  });
}

async function everyApprover(run: Run): Promise<string[]> {
  return (await run.client.query<{ approver_id: string }>('SELECT DISTINCT approver_id FROM approval_items WHERE request_id = $1', [run.request.id])).rows.map(
    (r) => r.approver_id,
  );
}

/** Give approvers read access to the record they must judge (kept afterwards: they judged it). */
async function shareWith(run: Run, userIds: string[]): Promise<void> {
  await run.client.query(
    `INSERT INTO record_shares (workspace_id, object, record_id, user_id, access, reason, created_by)
     SELECT $1, $2, $3, u, 'read', 'approval', $4 FROM unnest($5::uuid[]) AS u ON CONFLICT DO NOTHING`,
    [run.ctx.workspace.id, run.obj.name, run.request.record_id, run.actor.id, userIds],
  );
}

/** Create the items of a step for its approvers (after delegation); false when the step resolves to nobody but the submitter. */
async function openStep(run: Run, index: number): Promise<'open' | 'self'> {
  const step = run.def.steps[index];
  const found = await resolveApprovers(run.client, run.ctx.workspace.id, step.approvers, { submitterId: run.submitter.id, ownerId: (run.record.owner as string) ?? null });
  let reason: string | null = null;
  let approvers = found.filter((id) => id !== run.submitter.id);
  if (!approvers.length && found.length) return 'self';
  if (!approvers.length) {
    // Nobody to ask (the role is empty, the manager chain ends): the workspace administrators decide.
    approvers = (await run.client.query<{ id: string }>('SELECT id FROM users WHERE workspace_id = $1 AND is_admin AND active ORDER BY created_at', [run.ctx.workspace.id])).rows
      .map((r) => r.id)
      .filter((id) => id !== run.submitter.id);
    reason = 'noApprover';
    if (!approvers.length) throw fail('CONFLICT', 'approval.noApprover', run.ctx, { step: pickLabel(step.label, run.ctx.locale) });
  }
  const assignees = await applyDelegations(run.client, approvers);
  await run.client.query(`INSERT INTO approval_items (request_id, step, approver_id, delegated_from) SELECT $1, $2, a, d FROM unnest($3::uuid[], $4::uuid[]) AS x(a, d)`, [
    run.request.id,
    index,
    assignees.map((a) => a.approverId),
    assignees.map((a) => a.delegatedFrom),
  ]);
  await run.client.query('UPDATE approval_requests SET step = $2 WHERE id = $1', [run.request.id, index]);
  run.request.step = index;
  await event(run, null, 'step_started', index, null, { approvers: assignees, mode: step.mode ?? 'any', ...(reason ? { reason } : {}) });
  await shareWith(
    run,
    assignees.map((a) => a.approverId),
  );
  await noticeApprovers(
    run.ctx,
    run.client,
    run.obj,
    run.request.record_id,
    run.request.record_name ?? displayName(run.record),
    assignees.map((a) => a.approverId),
    run.submitter,
    step.label,
  );
  return 'open';
}

/** Enter the first step from `index` on that applies; past the last, the request is approved. */
async function advance(run: Run, index: number): Promise<void> {
  const criteria = stepCriteria({ id: run.request.flow_version_id, def: run.def }, run.obj, run.ctx.security.fullMeta);
  for (let i = index; i < run.def.steps.length; i++) {
    const step = run.def.steps[i];
    const test = criteria[i];
    if (test && test !== 'invalid' && !(await recordMeets(run.client, run.ctx, run.obj, run.record, test))) {
      await event(run, null, step.whenNotMet === 'approve' ? 'auto_approved' : 'skipped', i, null, { reason: 'criteria' });
      continue;
    }
    if ((await openStep(run, i)) === 'open') return;
    await event(run, null, 'auto_approved', i, null, { reason: 'submitter' });
  }
  await complete(run, 'approved', run.comment);
}

async function complete(run: Run, outcome: 'approved' | 'rejected', comment: string | null): Promise<void> {
  await run.client.query(`UPDATE approval_items SET status = 'closed' WHERE request_id = $1 AND status = 'pending'`, [run.request.id]);
  await run.client.query('UPDATE approval_requests SET status = $2, step = NULL, completed_at = now() WHERE id = $1', [run.request.id, outcome]);
  await event(run, run.actor.id, 'completed', null, null, { outcome });
  const approvers = await everyApprover(run);
  await runActions(run, outcome === 'approved' ? 'approve' : 'reject', comment, approvers);
  run.request.status = outcome;
  run.request.step = null;
  await noticeOutcome(run.ctx, run.client, run.obj, run.request.record_id, run.request.record_name ?? displayName(run.record), outcome, [run.submitter.id], run.actor, comment);
}

async function actorOf(ctx: RecordContext, client: pg.PoolClient): Promise<Person> {
  return (await people(client, [ctx.user.id])).get(ctx.user.id) ?? { id: ctx.user.id, name: ctx.user.name, email: ctx.user.email, locale: ctx.locale };
}

/** May this user submit this record under this flow? */
export async function maySubmit(ctx: RecordContext, client: pg.PoolClient, obj: ObjectModel, record: RecordData, def: ApprovalFlowDefinition): Promise<boolean> {
  if (ctx.user.isAdmin) return true;
  for (const s of def.submitters ?? [{ type: 'owner' as const }]) {
    if (s.type === 'owner' && record.owner === ctx.user.id) return true;
    if (s.type === 'creator' && record.created_by === ctx.user.id) return true;
    if (s.type === 'editors') {
      if (ctx.security.perms.object(obj.name).edit && (await mayAccessRecord(ctx, obj.name, String(record.id), 'edit', 'live', client))) return true;
    }
    if (s.type === 'role') {
      const r = await client.query('SELECT 1 FROM users u JOIN roles r ON r.id = u.role_id WHERE u.id = $1 AND r.name = $2', [ctx.user.id, s.role]);
      if (r.rowCount) return true;
    }
    if (s.type === 'group') {
      const r = await client.query('SELECT 1 FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.user_id = $1 AND g.name = $2 AND g.workspace_id = $3', [
        ctx.user.id,
        s.group,
        ctx.workspace.id,
      ]);
      if (r.rowCount) return true;
    }
  }
  return false;
}

/** Lock a record the caller can see (404 otherwise) and read it whole. */
async function lockVisible(ctx: RecordContext, client: pg.PoolClient, obj: ObjectModel, id: string): Promise<RecordData> {
  if (!(await lockAccessibleRecord(ctx, client, obj.name, id, 'read'))) throw notFound(ctx, obj);
  return loadRecord(ctx, client, fullObject(ctx, obj), id);
}

/** The active flow a record would be submitted under (the first, in order, whose entry condition it meets). */
export async function flowFor(ctx: RecordContext, client: pg.PoolClient, full: ObjectModel, record: RecordData): Promise<ApprovalFlowDefinition | null> {
  for (const flow of full.approvals) {
    if (!flow.active) continue;
    if (!flow.entry || (await recordMeets(client, ctx, full, record, flow.entry))) return flow.def;
  }
  return null;
}

/** Submit a record for approval: picks the flow, locks the record, runs the submit actions and opens the first step that applies. */
export async function submitForApproval(ctx: RecordContext, objectName: string, recordId: string, comment?: string | null): Promise<{ requestId: string; status: string }> {
  const obj = requireObject(ctx, objectName, 'read');
  if (!isRecordId(recordId)) throw notFound(ctx, obj);
  const note = checkComment(ctx, comment);
  return withTransaction(ctx.pool, async (client) => {
    const full = fullObject(ctx, obj);
    const record = await lockVisible(ctx, client, obj, recordId);
    const objectLabel = pickLabel(obj.label, ctx.locale);
    const pending = await client.query('SELECT 1 FROM approval_requests WHERE workspace_id = $1 AND object = $2 AND record_id = $3 AND status = $4', [
      ctx.workspace.id,
      obj.name,
      recordId,
      'pending',
    ]);
    if (pending.rowCount) throw fail('CONFLICT', 'approval.pending', ctx, { object: objectLabel });
    const def = await flowFor(ctx, client, full, record);
    if (!def) throw fail('BAD_REQUEST', 'approval.noFlow', ctx, { object: objectLabel });
    if (!(await maySubmit(ctx, client, full, record, def))) throw fail('FORBIDDEN', 'approval.submitForbidden', ctx, { object: objectLabel });
    const version = await versionOf(client, ctx.workspace.id, def);
    const res = await client.query<{ id: string }>(
      'INSERT INTO approval_requests (workspace_id, object, record_id, record_name, flow_version_id, submitted_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [ctx.workspace.id, obj.name, recordId, displayName(record), version.id, ctx.user.id],
    );
    const actor = await actorOf(ctx, client);
    const run: Run = {
      ctx,
      client,
      obj: full,
      def: version.def,
      record,
      submitter: actor,
      actor,
      comment: note,
      request: {
        id: res.rows[0].id,
        object: obj.name,
        record_id: recordId,
        record_name: displayName(record),
        status: 'pending',
        step: null,
        submitted_by: ctx.user.id,
        flow_version_id: version.id,
        definition: version.def,
      },
    };
    await event(run, ctx.user.id, 'submitted', null, note, { flow: def.name, version: version.version });
    await runActions(run, 'submit', note, []);
    await advance(run, 0);
    return { requestId: run.request.id, status: run.request.status };
  });
}

/** Lock a request of this workspace for an action on it. */
async function lockRequest(ctx: RecordContext, client: pg.PoolClient, requestId: string): Promise<{ request: RequestRow; obj: ObjectModel }> {
  if (!isRecordId(requestId)) throw fail('NOT_FOUND', 'approval.notFound', ctx);
  const res = await client.query<RequestRow>(
    `SELECT r.id, r.object, r.record_id, r.record_name, r.status, r.step, r.submitted_by, r.flow_version_id, v.definition
       FROM approval_requests r JOIN approval_flow_versions v ON v.id = r.flow_version_id
      WHERE r.id = $1 AND r.workspace_id = $2 FOR UPDATE OF r`,
    [requestId, ctx.workspace.id],
  );
  const request = res.rows[0];
  const obj = request && ctx.security.fullMeta.objects.get(request.object);
  if (!request || !obj) throw fail('NOT_FOUND', 'approval.notFound', ctx);
  return { request, obj };
}

async function startRun(ctx: RecordContext, client: pg.PoolClient, request: RequestRow, obj: ObjectModel): Promise<Run> {
  const who = await people(client, [request.submitted_by, ctx.user.id]);
  const actor = who.get(ctx.user.id) ?? { id: ctx.user.id, name: ctx.user.name, email: ctx.user.email, locale: ctx.locale };
  // The record row is locked too: field updates and the lock check see one consistent record.
  await client.query(`SELECT 1 FROM ${qualified(ctx.workspace.schema, obj.name)} WHERE "id" = $1 FOR NO KEY UPDATE`, [request.record_id]);
  return {
    ctx,
    client,
    obj,
    request,
    def: request.definition,
    record: await loadRecord(ctx, client, obj, request.record_id),
    submitter: who.get(request.submitted_by)!,
    actor,
    comment: null,
  };
}

function closedError(ctx: RecordContext, status: string): AppError {
  return fail('CONFLICT', 'approval.closed', ctx, { status: t(ctx.locale, `approval.status.${status}` as Parameters<typeof t>[1]) });
}

/**
 * Approve or reject the current step. An approver acts on their own item; an administrator may
 * decide the step for everyone (recorded as such). With "any", the first decision closes the
 * others' items; with "all", one rejection rejects and every approval is needed to go on.
 */
export async function decide(ctx: RecordContext, requestId: string, decision: 'approve' | 'reject', comment?: string | null): Promise<{ requestId: string; status: string }> {
  const note = checkComment(ctx, comment);
  return withTransaction(ctx.pool, async (client) => {
    const { request, obj } = await lockRequest(ctx, client, requestId);
    if (request.status !== 'pending') throw closedError(ctx, request.status);
    const step = request.step!;
    const items = (
      await client.query<{ id: string; approver_id: string; status: string; step: number }>('SELECT id, approver_id, status, step FROM approval_items WHERE request_id = $1', [
        request.id,
      ])
    ).rows;
    const mine = items.filter((i) => i.step === step && i.status === 'pending' && i.approver_id === ctx.user.id);
    let asAdmin = false;
    if (!mine.length) {
      if (!ctx.user.isAdmin) {
        if (items.some((i) => i.approver_id === ctx.user.id && i.step === step)) throw fail('CONFLICT', 'approval.decided', ctx);
        throw fail('FORBIDDEN', 'approval.notApprover', ctx);
      }
      asAdmin = true;
    }
    const run = await startRun(ctx, client, request, obj);
    run.comment = note;
    const def = run.def.steps[step];
    const status = decision === 'approve' ? 'approved' : 'rejected';
    const acting = asAdmin ? items.filter((i) => i.step === step && i.status === 'pending') : mine;
    await client.query('UPDATE approval_items SET status = $2, comment = $3, acted_by = $4, acted_at = now() WHERE id = ANY($1::uuid[])', [
      acting.map((i) => i.id),
      status,
      note,
      ctx.user.id,
    ]);
    await event(run, ctx.user.id, status, step, note, asAdmin ? { asAdmin: true } : null);
    if (asAdmin) await auditApproval(client, ctx, `approval.${decision}.admin`, request.id, { object: request.object, recordId: request.record_id, step, comment: note });
    if (decision === 'approve') {
      const left = await client.query('SELECT 1 FROM approval_items WHERE request_id = $1 AND step = $2 AND status = $3', [request.id, step, 'pending']);
      if ((def.mode ?? 'any') === 'all' && left.rowCount) return { requestId: request.id, status: 'pending' };
      await client.query(`UPDATE approval_items SET status = 'closed' WHERE request_id = $1 AND step = $2 AND status = 'pending'`, [request.id, step]);
      await advance(run, step + 1);
    } else {
      await client.query(`UPDATE approval_items SET status = 'closed' WHERE request_id = $1 AND step = $2 AND status = 'pending'`, [request.id, step]);
      const previous = def.onReject === 'back' ? Math.max(-1, ...items.filter((i) => i.step < step).map((i) => i.step)) : -1;
      if (previous >= 0) {
        await event(run, ctx.user.id, 'sent_back', previous, null, { from: step });
        if ((await openStep(run, previous)) === 'self') await complete(run, 'rejected', note);
      } else {
        await complete(run, 'rejected', note);
      }
    }
    return { requestId: request.id, status: run.request.status };
  });
}

/** Recall a pending request (the submitter, or an administrator): the record unlocks and the recall actions run. */
export async function recall(ctx: RecordContext, requestId: string, comment?: string | null): Promise<{ requestId: string; status: string }> {
  const note = checkComment(ctx, comment);
  return withTransaction(ctx.pool, async (client) => {
    const { request, obj } = await lockRequest(ctx, client, requestId);
    if (request.status !== 'pending') throw closedError(ctx, request.status);
    if (!ctx.user.isAdmin && (request.submitted_by !== ctx.user.id || request.definition.allowRecall === false)) throw fail('FORBIDDEN', 'approval.recallForbidden', ctx);
    const run = await startRun(ctx, client, request, obj);
    const waiting = (
      await client.query<{ approver_id: string }>(`UPDATE approval_items SET status = 'closed' WHERE request_id = $1 AND status = 'pending' RETURNING approver_id`, [request.id])
    ).rows.map((r) => r.approver_id);
    await client.query(`UPDATE approval_requests SET status = 'recalled', step = NULL, completed_at = now() WHERE id = $1`, [request.id]);
    await event(run, ctx.user.id, 'recalled', request.step, note);
    if (request.submitted_by !== ctx.user.id)
      await auditApproval(client, ctx, 'approval.recall.admin', request.id, { object: request.object, recordId: request.record_id, comment: note });
    await runActions(run, 'recall', note, await everyApprover(run));
    await noticeOutcome(ctx, client, obj, request.record_id, request.record_name ?? displayName(run.record), 'recalled', waiting, run.actor, note);
    return { requestId: request.id, status: 'recalled' };
  });
}

/** Recall the pending request of a record (what the record page's Recall button does). */
export async function pendingRequestId(ctx: RecordContext, objectName: string, recordId: string): Promise<string | null> {
  const res = await ctx.pool.query<{ id: string }>('SELECT id FROM approval_requests WHERE workspace_id = $1 AND object = $2 AND record_id = $3 AND status = $4', [
    ctx.workspace.id,
    objectName,
    recordId,
    'pending',
  ]);
  return res.rows[0]?.id ?? null;
}

/** Approve several requests; each is its own transaction, so one failure does not undo the others. */
export async function bulkApprove(
  ctx: RecordContext,
  requestIds: string[],
  comment?: string | null,
): Promise<{ approved: string[]; failed: { requestId: string; code: string; message: string }[] }> {
  const approved: string[] = [];
  const failed: { requestId: string; code: string; message: string }[] = [];
  for (const id of [...new Set(requestIds)]) {
    try {
      await decide(ctx, id, 'approve', comment);
      approved.push(id);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      failed.push({ requestId: id, code: e.code, message: e.message });
    }
  }
  return { approved, failed };
}
