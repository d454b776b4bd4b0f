/**
 * Approval results cannot be forged: the fields a flow sets (status) are read-only to users on every
 * channel (REST, tRPC, the record service), administrators' changes are audited; once approved, the
 * fields the approval covers are locked (or, with "reopen", a change sends the record back for a new
 * approval); a transfer moves pending requests with their records; deleting a record closes its
 * pending request.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');
process.env.TESSERA_QUIET_OUTBOX = '1';

const { createRecord, getRecord, updateRecord, deleteRecord, restoreRecord } = await import('../../../platform/data');
const { decide, recall, submitForApproval } = await import('../../../platform/approvals/engine');
const { approvalInbox, recordApproval } = await import('../../../platform/approvals/read');
const { getPool } = await import('../../../platform/db/pool');
const { getPrisma } = await import('../../../platform/db/prisma');
const designer = await import('../../../platform/metadata/designer');
const { getMetadata } = await import('../../../platform/metadata/registry');
const { listNotifications } = await import('../../../platform/messaging/notifications');
const { createApiKey } = await import('../../../platform/security/apiKeys');
const { runTransfer, startTransfer } = await import('../../../platform/security/transfer');
const { clientFor, expectError } = await import('../api/api');
const { approvalOrg } = await import('./org');
type Org = Awaited<ReturnType<typeof approvalOrg>>;
type Api = ReturnType<typeof clientFor>;
type Flow = Parameters<typeof designer.saveApproval>[1];

let org: Org;
let account: string;
let opp: string;
let rep: Api;
let admin: Api;

const L = (en: string) => ({ en, zh: en });
const pool = () => getPool(org.tw.url);

async function expense(values: Record<string, unknown> = {}, who: 'rep' | 'rep2' = 'rep'): Promise<string> {
  return String((await createRecord(await org.ctx(who), 'expense', { amount: 3000, type: 'travel', date: '2026-11-20', opportunity: opp, account, ...values })).id);
}

/** Submit as the owner and approve as their manager (under 5 000 the manager alone decides). */
async function approved(id: string, who: 'rep' | 'rep2' = 'rep'): Promise<string> {
  const { requestId } = await submitForApproval(await org.ctx(who), 'expense', id);
  expect((await decide(await org.ctx('manager'), requestId, 'approve')).status).toBe('approved');
  return requestId;
}

const approvedExpenses = async () => (await getRecord(await org.ctx('admin'), 'opportunity', opp)).approved_expenses;

/** tRPC records.update as the rep, signed in with their session cookie. */
async function trpcUpdate(id: string, values: Record<string, unknown>) {
  const { POST } = await import('../../../app/api/trpc/[trpc]/route');
  const { login, SESSION_COOKIE } = await import('../../../platform/security/sessions');
  const session = (await login(getPrisma(org.tw.url), org.users.rep.email, 'correct horse battery')) as { token: string };
  const res = await POST(
    new Request('http://localhost/api/trpc/records.update', {
      method: 'POST',
      headers: { cookie: `${SESSION_COOKIE}=${session.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ object: 'expense', id, values }),
    }),
  );
  return (await res.json()) as { error?: { data: { appError: { code: string; message: string; details: { field?: string; code: string }[] } } } };
}

async function auditRows(recordId: string) {
  return (
    await pool().query<{ action: string; user_id: string; details: { object: string; reason: string; changes: { field: string; old: unknown; new: unknown }[] } }>(
      'SELECT action, user_id, details FROM audit_events WHERE workspace_id = $1 AND target_id = $2 ORDER BY at',
      [org.tw.workspace.id, recordId],
    )
  ).rows;
}

beforeAll(async () => {
  org = await approvalOrg('forge');
  const prisma = getPrisma(org.tw.url);
  rep = clientFor(org.tw, (await createApiKey(prisma, org.users.rep.id, 'rep')).key);
  admin = clientFor(org.tw, (await createApiKey(prisma, org.tw.admin.id, 'admin')).key);
  account = String((await createRecord(await org.ctx('rep'), 'account', { name: 'Forgery Test Co' })).id);
  opp = String(
    (await createRecord(await org.ctx('admin'), 'opportunity', { name: 'Guarded deal', account, close_date: '2027-06-30', amount: 100000, owner: org.users.rep.id })).id,
  );
});

describe('fields an approval flow sets', () => {
  it('a rep cannot approve their own expense over REST or tRPC: 422 naming the field, nothing written', async () => {
    const id = await expense();
    const before = await getRecord(await org.ctx('rep'), 'expense', id);
    const res = expectError(await rep.patch(`/api/v1/records/expense/${id}`, { status: 'approved' }), 422, 'VALIDATION_FAILED');
    expect(res.message).toBe('Status is set by the approval process');
    expect(res.details).toEqual([{ field: 'status', code: 'approvalManaged', message: 'Status is set by the approval process' }]);
    const zh = expectError(await rep.patch(`/api/v1/records/expense/${id}`, { status: 'approved', description: 'x' }, { lang: 'zh-CN' }), 422, 'VALIDATION_FAILED');
    expect(zh.details).toEqual([{ field: 'status', code: 'approvalManaged', message: '状态由审批流程设置' }]);

    const viaTrpc = await trpcUpdate(id, { status: 'approved' });
    expect(viaTrpc.error?.data.appError).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'status', code: 'approvalManaged' }] });
    await expect(updateRecord(await org.ctx('rep'), 'expense', id, { status: 'rejected' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });

    const after = await getRecord(await org.ctx('rep'), 'expense', id);
    expect({ status: after.status, version: after.version, description: after.description }).toEqual({ status: 'draft', version: before.version, description: null });
    expect(await approvedExpenses()).toBe(0);
    // Sending the value it already has is not a change (an edit form sends what it shows).
    expect((await rep.patch(`/api/v1/records/expense/${id}`, { status: 'draft', description: 'taxi' })).status).toBe(200);
  });

  it('a rep cannot create an expense already approved; the default (draft) is fine', async () => {
    const body = { amount: 50, type: 'travel', date: '2026-11-21', opportunity: opp, account };
    const res = expectError(await rep.post('/api/v1/records/expense', { ...body, status: 'approved' }), 422, 'VALIDATION_FAILED');
    expect(res.details).toEqual([expect.objectContaining({ field: 'status', code: 'approvalManaged' })]);
    expect((await rep.post('/api/v1/records/expense', { ...body, status: 'draft' })).status).toBe(201);
    expect((await rep.post('/api/v1/records/expense', body)).status).toBe(201);
    expect(await approvedExpenses()).toBe(0);
  });

  it('an administrator may set it, and each such change is in the audit log with old and new values', async () => {
    const id = await expense({ amount: 10 });
    const res = await admin.patch(`/api/v1/records/expense/${id}`, { status: 'approved' });
    expect(res.status).toBe(200);
    expect(res.body.record.status).toBe('approved');
    expect(await auditRows(id)).toEqual([
      {
        action: 'approval.override',
        user_id: org.tw.admin.id,
        details: expect.objectContaining({ object: 'expense', reason: 'approvalManaged', changes: [{ field: 'status', old: 'draft', new: 'approved' }] }),
      },
    ]);
    expect(await approvedExpenses()).toBe(10);
    // Put back, also audited.
    await updateRecord(await org.ctx('admin'), 'expense', id, { status: 'draft' });
    expect((await auditRows(id)).map((a) => a.details.changes)).toEqual([
      [{ field: 'status', old: 'draft', new: 'approved' }],
      [{ field: 'status', old: 'approved', new: 'draft' }],
    ]);
    expect(await approvedExpenses()).toBe(0);
  });

  it('describe and the forms say so: read-only with a hint for users, editable with an audit note for administrators', async () => {
    const described = await rep.get('/api/v1/objects/expense');
    const fields = described.body.object.fields as { name: string; approvalManaged?: boolean }[];
    expect(fields.filter((f) => f.approvalManaged).map((f) => f.name)).toEqual(['status']);
    const { buildForm } = await import('../../../platform/api/form');
    const ctx = await org.ctx('rep');
    const obj = ctx.meta.objects.get('expense')!;
    const form = buildForm(obj, ctx.meta.layouts.get('expense')?.[0], 'en', 'create');
    expect(form.uiSchema.status).toMatchObject({ 'ui:readonly': true, 'ui:help': 'Set by the approval process' });
    expect(form.uiSchema.amount).not.toHaveProperty('ui:readonly');
    const asAdmin = buildForm(obj, undefined, 'zh-CN', 'edit', { admin: true });
    expect(asAdmin.uiSchema.status).not.toHaveProperty('ui:readonly');
    expect(asAdmin.uiSchema.status).toMatchObject({ 'ui:help': expect.stringContaining('审计日志') });
  });
});

describe('after approval', () => {
  it('the amount, date and opportunity of an approved expense are locked for users (423); other fields stay editable', async () => {
    const id = await expense({ amount: 800 });
    await approved(id);
    expect(await approvedExpenses()).toBe(800);
    const res = expectError(await rep.patch(`/api/v1/records/expense/${id}`, { amount: 8000 }), 423, 'RECORD_LOCKED');
    expect(res.message).toBe('Amount cannot change: the expense is approved');
    expect(res.details).toEqual([{ field: 'amount', code: 'approval.approvedLocked', message: 'Amount cannot change: the expense is approved' }]);
    const zh = expectError(await rep.patch(`/api/v1/records/expense/${id}`, { amount: 8000, date: '2026-12-01' }, { lang: 'zh-CN' }), 423, 'RECORD_LOCKED');
    expect(zh.message).toBe('该费用已批准，金额、发生日期不能修改');
    const other = String((await createRecord(await org.ctx('rep'), 'opportunity', { name: 'Other deal', account, close_date: '2027-06-30' })).id);
    expect(expectError(await rep.patch(`/api/v1/records/expense/${id}`, { opportunity: other }), 423, 'RECORD_LOCKED').details).toEqual([
      expect.objectContaining({ field: 'opportunity' }),
    ]);
    expect((await trpcUpdate(id, { amount_currency: 'USD' })).error?.data.appError).toMatchObject({ code: 'RECORD_LOCKED', details: [{ field: 'amount' }] });
    expect(await approvedExpenses()).toBe(800);
    expect((await getRecord(await org.ctx('rep'), 'expense', id)).amount).toBe(800);
    expect((await rep.patch(`/api/v1/records/expense/${id}`, { description: 'receipt attached' })).status).toBe(200);
    expect((await recordApproval(await org.ctx('rep'), 'expense', id)).afterApproval).toEqual({
      onEdit: 'lock',
      fields: [
        { en: 'Amount', zh: '金额' },
        { en: 'Date', zh: '发生日期' },
        { en: 'Opportunity', zh: '商机' },
      ],
    });

    // An administrator may correct it: audited, and the roll-up follows.
    expect((await admin.patch(`/api/v1/records/expense/${id}`, { amount: 750 })).status).toBe(200);
    expect((await auditRows(id)).at(-1)).toMatchObject({ action: 'approval.override', details: { reason: 'approvedLocked', changes: [{ field: 'amount', old: 800, new: 750 }] } });
    expect(await approvedExpenses()).toBe(750);
  });

  it('a rejected expense is not locked: it can be fixed and submitted again', async () => {
    const id = await expense({ amount: 900 });
    const { requestId } = await submitForApproval(await org.ctx('rep'), 'expense', id);
    await decide(await org.ctx('manager'), requestId, 'reject', 'too much');
    expect((await rep.patch(`/api/v1/records/expense/${id}`, { amount: 700 })).status).toBe(200);
  });

  it('with onEdit "reopen", a change is saved, the status goes back to draft and the approval no longer counts', async () => {
    const actor = { pool: pool(), workspace: org.tw.workspace, userId: org.tw.admin.id };
    const update = (value: string): NonNullable<Flow['actions']>['submit'] => [{ type: 'update', field: 'status', value }];
    const flow: Flow = {
      object: 'expense',
      name: 'training',
      label: L('Training budget'),
      order: 1,
      entry: { field: 'type', op: 'eq' as const, value: 'other' },
      afterApproval: { fields: ['amount', 'date'], onEdit: 'reopen' },
      steps: [{ name: 'manager', label: L('Manager'), approvers: [{ type: 'manager', of: 'submitter', levels: 1 }] }],
      actions: { submit: update('in_approval'), approve: update('approved'), reject: update('rejected'), recall: update('draft') },
    };
    // Checked when saved, by pointer: fields of the object, and a recall update to go back to.
    const bad = await designer
      .saveApproval(actor, { ...flow, afterApproval: { fields: ['amount', 'amout', 'margin'], onEdit: 'reopen' }, actions: { approve: update('approved') } }, 'create')
      .catch((e) => e);
    expect(bad.code).toBe('METADATA_INVALID');
    expect(bad.details.map((d: { pointer: string; code: string }) => [d.pointer, d.code])).toEqual([
      ['/afterApproval/fields/1', 'approval.afterField'],
      ['/afterApproval/fields/2', 'approval.afterField'],
      ['/afterApproval/onEdit', 'approval.reopenRecall'],
    ]);
    await designer.saveApproval(actor, flow, 'create');

    const id = await expense({ amount: 1200, type: 'other' });
    const requestId = await approved(id);
    expect(await approvedExpenses()).toBe(750 + 1200);
    const res = await rep.patch(`/api/v1/records/expense/${id}`, { amount: 1500 });
    expect(res.status).toBe(200);
    expect(res.body.record).toMatchObject({ amount: 1500, status: 'draft' });
    expect(await approvedExpenses()).toBe(750);
    const state = await recordApproval(await org.ctx('rep'), 'expense', id);
    expect(state.requests[0]).toMatchObject({ id: requestId, status: 'reopened' });
    expect(state.requests[0].events.at(-1)).toMatchObject({ action: 'reopened', actor: { id: org.users.rep.id }, details: { fields: ['amount'] } });
    expect(state.afterApproval).toBeNull();
    // It needs a new approval, which counts again.
    expect(state.canSubmit).toBe(true);
    await approved(id);
    expect(await approvedExpenses()).toBe(750 + 1500);
    await designer.deleteApproval(actor, 'expense', 'training');
  });
});

describe('deleting a record in approval', () => {
  it('closes the request with the reason: approvers no longer see it, are told, and a restored record can be submitted again', async () => {
    const id = await expense({ amount: 400 });
    const { requestId } = await submitForApproval(await org.ctx('rep'), 'expense', id);
    const manager = await org.ctx('manager');
    expect((await approvalInbox(manager)).items.map((i) => i.requestId)).toContain(requestId);
    // Only an administrator may delete it while it is locked.
    await expect(deleteRecord(manager, 'expense', id)).rejects.toMatchObject({ code: 'RECORD_LOCKED' });
    await deleteRecord(await org.ctx('admin'), 'expense', id);

    expect((await approvalInbox(manager)).items.map((i) => i.requestId)).not.toContain(requestId);
    const { rows } = await pool().query('SELECT status FROM approval_requests WHERE id = $1', [requestId]);
    expect(rows[0].status).toBe('cancelled');
    const notes = (await listNotifications(pool(), org.users.manager.id)).items;
    expect(notes[0]).toMatchObject({ kind: 'approval.cancelled', title: expect.stringMatching(/^Cancelled: Expense /), link: null });
    expect(notes.filter((n) => n.link === `/o/expense/${id}`)).toEqual([]);
    expect((await listNotifications(pool(), org.users.rep.id)).items[0]).toMatchObject({
      kind: 'approval.cancelled',
      body: `${org.tw.admin.name} deleted the record, so its approval request was closed.`,
    });
    await expect(decide(manager, requestId, 'approve')).rejects.toMatchObject({ code: 'CONFLICT', message: 'This approval request is no longer pending (Cancelled)' });

    const restored = await restoreRecord(await org.ctx('admin'), 'expense', id);
    expect(restored.status).toBe('draft');
    const state = await recordApproval(await org.ctx('rep'), 'expense', id);
    expect(state.requests[0]).toMatchObject({ id: requestId, status: 'cancelled' });
    expect(state.requests[0].events.at(-1)).toMatchObject({ action: 'cancelled', actor: { id: org.tw.admin.id }, details: { reason: 'record_deleted' } });
    expect(state).toMatchObject({ locked: false, canSubmit: true });
    expect((await submitForApproval(await org.ctx('rep'), 'expense', id)).status).toBe('pending');
  });
});

describe("transfer of a departing rep's records", () => {
  it('moves records in approval with their requests: still pending, a history event, the successor submits', async () => {
    // rep2 cannot see the rep's account and opportunity.
    const id = await expense({ amount: 600, opportunity: null, account: null }, 'rep2');
    const { requestId } = await submitForApproval(await org.ctx('rep2'), 'expense', id);
    // An ordinary owner change stays refused by the lock.
    await expect(updateRecord(await org.ctx('manager'), 'expense', id, { owner: org.users.rep.id })).rejects.toMatchObject({ code: 'RECORD_LOCKED' });

    const prisma = getPrisma(org.tw.url);
    const jobId = await startTransfer(prisma, org.tw.workspace, org.tw.admin, 'en', org.users.rep2.id, org.users.deputy.id, async () => {});
    await runTransfer(pool(), prisma, jobId, (ws) => getMetadata(ws, pool()));
    const job = await prisma.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(job.result).toMatchObject({ moved: { expense: 1 }, inApproval: { expense: 1 } });

    const state = await recordApproval(await org.ctx('admin'), 'expense', id);
    expect(state.current).toMatchObject({ id: requestId, status: 'pending', submittedBy: { id: org.users.deputy.id } });
    expect(state.current!.events.at(-1)).toMatchObject({
      action: 'transferred',
      actor: { id: org.tw.admin.id },
      details: { from: org.users.rep2.id, to: org.users.deputy.id, fromName: org.users.rep2.name, toName: org.users.deputy.name, submitterMoved: true },
    });
    expect((await getRecord(await org.ctx('admin'), 'expense', id)).owner).toBe(org.users.deputy.id);
    // The successor can recall it; the manager still has it to approve until then.
    expect((await approvalInbox(await org.ctx('manager'))).items.map((i) => i.requestId)).toContain(requestId);
    expect((await recall(await org.ctx('deputy'), requestId)).status).toBe('recalled');
  });
});
