/**
 * Approval flows an admin defines: ordered flows (the first whose entry condition matches), a step
 * where all must approve (one rejection rejects and closes the others' items), step criteria that
 * skip or auto-approve a later step, a rejection that goes back one step, a new version of a flow
 * while a request is in flight, and the REST API for all of it.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');
process.env.TESSERA_QUIET_OUTBOX = '1';

const { createRecord, getRecord } = await import('../../../platform/data');
const { decide, submitForApproval } = await import('../../../platform/approvals/engine');
const { recordApproval } = await import('../../../platform/approvals/read');
const { getPool } = await import('../../../platform/db/pool');
const { getPrisma } = await import('../../../platform/db/prisma');
const designer = await import('../../../platform/metadata/designer');
const { createApiKey } = await import('../../../platform/security/apiKeys');
const { bumpSecurityRevision } = await import('../../../platform/security/model');
const { clientFor, expectError } = await import('../api/api');
const { approvalOrg } = await import('./org');
type Org = Awaited<ReturnType<typeof approvalOrg>>;
type Flow = Parameters<typeof designer.saveApproval>[1];

let org: Org;
let account: string;

const actor = () => ({ pool: getPool(org.tw.url), workspace: org.tw.workspace, userId: org.tw.admin.id });
const L = (en: string) => ({ en, zh: en });
const update = (value: string) => [{ type: 'update' as const, field: 'status', value }];

/** A board flow for big expenses, tried before the stock flow (order 1). */
const board = (steps: Flow['steps']): Flow => ({
  object: 'expense',
  name: 'board',
  label: L('Board approval'),
  order: 1,
  entry: 'amount >= 100000',
  steps,
  actions: { submit: update('in_approval'), approve: update('approved'), reject: update('rejected'), recall: update('draft') },
});

async function expense(amount: number): Promise<string> {
  return String((await createRecord(await org.ctx('rep'), 'expense', { amount, type: 'marketing', date: '2026-11-20', account })).id);
}

const stateOf = async (id: string) => (await recordApproval(await org.ctx('admin'), 'expense', id)).requests[0];

beforeAll(async () => {
  org = await approvalOrg('flows');
  const pool = getPool(org.tw.url);
  const group = await pool.query<{ id: string }>(`INSERT INTO groups (workspace_id, name, label) VALUES ($1, 'board', 'Board') RETURNING id`, [org.tw.workspace.id]);
  for (const who of ['gm', 'commercial', 'finance'] as const)
    await pool.query('INSERT INTO group_members (group_id, user_id) VALUES ($1, $2)', [group.rows[0].id, org.users[who].id]);
  await bumpSecurityRevision(pool, org.tw.workspace.id);
  account = String((await createRecord(await org.ctx('rep'), 'account', { name: 'Flow Test Co' })).id);
  await designer.saveApproval(
    actor(),
    board([
      { name: 'manager', label: L('Manager'), approvers: [{ type: 'manager', of: 'submitter', levels: 1 }] },
      { name: 'board', label: L('Board'), approvers: [{ type: 'group', group: 'board' }], mode: 'all' },
    ]),
    'create',
  );
});

describe('ordered flows', () => {
  it('the first active flow whose entry condition matches is used', async () => {
    const big = await expense(150000);
    const small = await expense(800);
    await submitForApproval(await org.ctx('rep'), 'expense', big);
    await submitForApproval(await org.ctx('rep'), 'expense', small);
    expect((await stateOf(big)).flow).toMatchObject({ name: 'board', version: 1 });
    expect((await stateOf(small)).flow).toMatchObject({ name: 'by_amount' });
  });
});

describe('a step where all must approve', () => {
  it('needs every approval to go on', async () => {
    const id = await expense(120000);
    const { requestId } = await submitForApproval(await org.ctx('rep'), 'expense', id);
    await decide(await org.ctx('manager'), requestId, 'approve');
    for (const who of ['gm', 'commercial'] as const) {
      expect((await decide(await org.ctx(who), requestId, 'approve', `${who} agrees`)).status).toBe('pending');
    }
    const waiting = (await stateOf(id)).steps[1];
    expect(waiting.approvers.map((a) => [a.name, a.status])).toEqual([
      ['commercial', 'approved'],
      ['finance', 'pending'],
      ['gm', 'approved'],
    ]);
    expect((await decide(await org.ctx('finance'), requestId, 'approve')).status).toBe('approved');
    expect((await getRecord(await org.ctx('rep'), 'expense', id)).status).toBe('approved');
  });

  it("one rejection rejects the request, and the others' items close as no longer needed", async () => {
    const id = await expense(130000);
    const { requestId } = await submitForApproval(await org.ctx('rep'), 'expense', id);
    await decide(await org.ctx('manager'), requestId, 'approve');
    await decide(await org.ctx('gm'), requestId, 'approve', 'fine by me');
    expect((await decide(await org.ctx('commercial'), requestId, 'reject', 'over budget')).status).toBe('rejected');
    const state = await stateOf(id);
    expect(state.status).toBe('rejected');
    expect(state.steps[1].approvers.map((a) => [a.name, a.status, a.comment])).toEqual([
      ['commercial', 'rejected', 'over budget'],
      ['finance', 'closed', null],
      ['gm', 'approved', 'fine by me'],
    ]);
    expect((await getRecord(await org.ctx('rep'), 'expense', id)).status).toBe('rejected');
    const finance = await decide(await org.ctx('finance'), requestId, 'approve').catch((e) => e);
    expect(finance.code).toBe('CONFLICT');
  });
});

describe('step criteria and rejection routes', () => {
  beforeAll(async () => {
    await designer.saveApproval(
      actor(),
      board([
        { name: 'manager', label: L('Manager'), approvers: [{ type: 'manager', of: 'submitter', levels: 1 }] },
        { name: 'director', label: L('Director'), approvers: [{ type: 'manager', of: 'submitter', levels: 2 }], criteria: 'amount >= 500000', whenNotMet: 'approve' },
        { name: 'finance', label: L('Finance'), approvers: [{ type: 'role', role: 'finance_manager' }], criteria: { field: 'type', op: 'eq', value: 'gifts' }, whenNotMet: 'skip' },
        { name: 'gm', label: L('General manager'), approvers: [{ type: 'role', role: 'general_manager' }], onReject: 'back' },
      ]),
      'update',
    );
  });

  it('a later step whose criteria are not met is approved automatically or skipped, with the reason recorded', async () => {
    const id = await expense(200000);
    const { requestId } = await submitForApproval(await org.ctx('rep'), 'expense', id);
    await decide(await org.ctx('manager'), requestId, 'approve');
    const state = await stateOf(id);
    expect(state.currentStep).toBe(3);
    expect(state.steps.map((s) => s.state)).toEqual(['approved', 'auto_approved', 'skipped', 'current']);
    expect(state.events.filter((e) => e.action === 'auto_approved' || e.action === 'skipped').map((e) => [e.action, e.step, e.details])).toEqual([
      ['auto_approved', 1, { reason: 'criteria' }],
      ['skipped', 2, { reason: 'criteria' }],
    ]);
  });

  it('a step whose criteria are met asks its approvers', async () => {
    const id = await expense(600000);
    const { requestId } = await submitForApproval(await org.ctx('rep'), 'expense', id);
    await decide(await org.ctx('manager'), requestId, 'approve');
    expect((await stateOf(id)).steps[1]).toMatchObject({ state: 'current', approvers: [{ name: 'director', status: 'pending' }] });
  });

  it('a rejection with "back" returns the request to the previous step\'s approvers', async () => {
    const id = await expense(250000);
    const { requestId } = await submitForApproval(await org.ctx('rep'), 'expense', id);
    await decide(await org.ctx('manager'), requestId, 'approve', 'first look ok');
    await decide(await org.ctx('gm'), requestId, 'reject', 'manager, check the invoice');
    let state = await stateOf(id);
    expect(state.status).toBe('pending');
    expect(state.currentStep).toBe(0);
    expect(state.steps[0]).toMatchObject({ state: 'current', approvers: [{ name: 'manager', status: 'pending' }] });
    expect(state.events.map((e) => e.action)).toContain('sent_back');
    await decide(await org.ctx('manager'), requestId, 'approve', 'invoice attached');
    await decide(await org.ctx('gm'), requestId, 'approve');
    state = await stateOf(id);
    expect(state.status).toBe('approved');
    expect(state.events.filter((e) => e.action === 'approved').map((e) => e.comment)).toEqual(['first look ok', 'invoice attached', null]);
  });
});

describe('versions', () => {
  it('editing a flow makes a new version; a request in flight keeps its own', async () => {
    const before = await expense(300000);
    const { requestId } = await submitForApproval(await org.ctx('rep'), 'expense', before);
    const v = (await stateOf(before)).flow.version;
    await designer.saveApproval(actor(), board([{ name: 'cfo', label: L('Finance only'), approvers: [{ type: 'role', role: 'finance_manager' }] }]), 'update');
    // The request in flight still runs the old steps: the manager decides step 1, then the later steps follow.
    await decide(await org.ctx('manager'), requestId, 'approve');
    const old = await stateOf(before);
    expect(old.flow.version).toBe(v);
    expect(old.steps.map((s) => s.name)).toEqual(['manager', 'director', 'finance', 'gm']);
    expect(old.currentStep).toBe(3);
    // A new submission takes the new version.
    const after = await expense(300000);
    await submitForApproval(await org.ctx('rep'), 'expense', after);
    const fresh = await stateOf(after);
    expect(fresh.flow.version).toBe(v + 1);
    expect(fresh.steps.map((s) => s.name)).toEqual(['cfo']);
    expect(fresh.steps[0].approvers).toMatchObject([{ name: 'finance' }]);
  });
});

describe('the REST API', () => {
  it('submits, lists pending approvals, approves and rejects with the same rules and errors', async () => {
    const prisma = getPrisma(org.tw.url);
    const rep = clientFor(org.tw, (await createApiKey(prisma, org.users.rep.id, 'rep')).key);
    const finance = clientFor(org.tw, (await createApiKey(prisma, org.users.finance.id, 'finance')).key);
    const gm = clientFor(org.tw, (await createApiKey(prisma, org.users.gm.id, 'gm')).key);
    const id = await expense(400000);

    const submitted = await rep.post(`/api/v1/records/expense/${id}/approval/submit`, { comment: 'trade show' });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'pending', approval: { locked: true, current: { flow: { name: 'board' }, steps: [{ name: 'cfo', state: 'current' }] } } });
    const requestId = submitted.body.requestId;
    expectError(await rep.post(`/api/v1/records/expense/${id}/approval/submit`), 409, 'CONFLICT');
    expectError(await rep.patch(`/api/v1/records/expense/${id}`, { amount: 1 }), 423, 'RECORD_LOCKED');

    const pending = await finance.get('/api/v1/approvals/pending');
    expect(pending.status).toBe(200);
    expect(pending.body.items.map((i: { requestId: string }) => i.requestId)).toContain(requestId);
    expect(pending.body.items.find((i: { requestId: string }) => i.requestId === requestId)).toMatchObject({ object: 'expense', recordId: id, step: { en: 'Finance only' } });

    const notMine = expectError(await gm.post(`/api/v1/approvals/${requestId}/approve`, { comment: 'x' }), 403, 'FORBIDDEN');
    expect(notMine.message).toBe('You are not an approver of the current step');
    const badComment = expectError(await finance.post(`/api/v1/approvals/${requestId}/approve`, { comment: 7 }), 400, 'BAD_REQUEST');
    expect(badComment.details).toEqual([expect.objectContaining({ field: 'comment', message: 'The comment must be text' })]);
    expect(expectError(await finance.post(`/api/v1/approvals/${requestId}/approv`), 404, 'NOT_FOUND').message).toBe('Unknown approval action "approv" (approve, reject or recall)');
    expect(expectError(await finance.post('/api/v1/approvals/bulk-approve', { requestIds: requestId }), 400, 'BAD_REQUEST').details).toEqual([
      expect.objectContaining({ field: 'requestIds' }),
    ]);
    const approved = await finance.post(`/api/v1/approvals/${requestId}/approve`, { comment: 'budgeted' });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({ requestId, status: 'approved' });
    const closed = expectError(await finance.post(`/api/v1/approvals/${requestId}/reject`), 409, 'CONFLICT');
    expect(closed.message).toBe('This approval request is no longer pending (Approved)');
    expectError(await rep.post(`/api/v1/approvals/${requestId}/recall`), 409, 'CONFLICT');
    expectError(await rep.post('/api/v1/approvals/not-a-uuid/approve'), 404, 'NOT_FOUND');
    expect((await rep.get(`/api/v1/records/expense/${id}`)).body.record.status).toBe('approved');

    // Recall over REST, in Chinese.
    const other = await expense(400000);
    const again = await rep.post(`/api/v1/records/expense/${other}/approval/submit`);
    const recalled = await rep.post(`/api/v1/approvals/${again.body.requestId}/recall`, { comment: 'wrong amount' });
    expect(recalled.body).toEqual({ requestId: again.body.requestId, status: 'recalled' });
    const zh = expectError(await finance.post(`/api/v1/approvals/${again.body.requestId}/approve`, undefined, { lang: 'zh-CN' }), 409, 'CONFLICT');
    expect(zh.message).toBe('该审批申请已结束（已撤回）');
    const history = await rep.get(`/api/v1/records/expense/${other}/approval`);
    expect(history.body.requests[0].events.map((e: { action: string }) => e.action)).toEqual(['submitted', 'step_started', 'recalled']);
  });
});

describe('who may submit and who may edit while locked', () => {
  it('only the owner submits by default; with approverMayEdit the current approver edits the locked record, the owner does not', async () => {
    await designer.saveApproval(
      actor(),
      { ...board([{ name: 'manager', label: L('Manager'), approvers: [{ type: 'manager', of: 'submitter', levels: 1 }] }]), approverMayEdit: true },
      'update',
    );
    const id = await expense(110000);
    // The manager sees and may edit the rep's expense (hierarchy) but is not its owner.
    expect(await recordApproval(await org.ctx('manager'), 'expense', id)).toMatchObject({ canSubmit: false, locked: false });
    expect((await recordApproval(await org.ctx('rep'), 'expense', id)).canSubmit).toBe(true);
    expect((await submitForApproval(await org.ctx('manager'), 'expense', id).catch((e) => e)).code).toBe('FORBIDDEN');
    await submitForApproval(await org.ctx('rep'), 'expense', id);
    expect(await recordApproval(await org.ctx('rep'), 'expense', id)).toMatchObject({ canSubmit: false, locked: true, mayEditLocked: false });
    expect(await recordApproval(await org.ctx('manager'), 'expense', id)).toMatchObject({ locked: true, mayEditLocked: true });
    const { updateRecord } = await import('../../../platform/data');
    expect((await updateRecord(await org.ctx('manager'), 'expense', id, { description: 'checked the receipt' })).description).toBe('checked the receipt');
    expect((await updateRecord(await org.ctx('rep'), 'expense', id, { description: 'x' }).catch((e) => e)).code).toBe('RECORD_LOCKED');
  });
});
