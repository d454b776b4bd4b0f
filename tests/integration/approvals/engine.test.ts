/**
 * The approval engine on the stock flows, through the record service, REST and tRPC: the contract
 * route by gross margin, the record lock on every channel, recall, two approvers acting at once,
 * notifications and e-mails to approvers, and expenses counting toward an opportunity's margin
 * only once approved.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');
process.env.TESSERA_QUIET_OUTBOX = '1';

const { createRecord, getRecord, updateRecord, deleteRecord } = await import('../../../platform/data');
const { decide, recall, submitForApproval, bulkApprove } = await import('../../../platform/approvals/engine');
const { approvalInbox, recordApproval, setDelegation } = await import('../../../platform/approvals/read');
const { getPool } = await import('../../../platform/db/pool');
const { listNotifications } = await import('../../../platform/messaging/notifications');
const { deliverOutbox } = await import('../../../platform/messaging/outbox');
const { createApiKey } = await import('../../../platform/security/apiKeys');
const { getPrisma } = await import('../../../platform/db/prisma');
const { clientFor, expectError } = await import('../api/api');
const { approvalOrg } = await import('./org');
type Org = Awaited<ReturnType<typeof approvalOrg>>;
type Who = Parameters<Org['ctx']>[0];

let org: Org;
let account: string;

async function refused(p: Promise<unknown>): Promise<{ code: string; message: string; details: { code: string; field?: string }[] }> {
  try {
    await p;
  } catch (e) {
    return e as never;
  }
  throw new Error('expected a refusal');
}

/** A contract owned by the rep, with the given margin (amount 100 000). */
async function contract(marginPercent: number, owner: Who = 'rep'): Promise<string> {
  const admin = await org.ctx('admin');
  const rec = await createRecord(admin, 'contract', {
    name: `Contract at ${marginPercent}%`,
    account,
    amount: 100000,
    cost: 100000 * (1 - marginPercent / 100),
    owner: owner === 'admin' ? org.tw.admin.id : org.users[owner as Exclude<Who, 'admin'>].id,
  });
  return String(rec.id);
}

/** Approve step after step as the first approver of each; returns the approvers (by name) of each step in turn. */
async function approveToTheEnd(object: string, id: string): Promise<string[][]> {
  const route: string[][] = [];
  for (let guard = 0; guard < 10; guard++) {
    const state = await recordApproval(await org.ctx('admin'), object, id);
    if (!state.current) break;
    const step = state.current.steps[state.current.currentStep!];
    route.push(step.approvers.map((a) => a.name));
    const who = Object.entries(org.users).find(([, u]) => u.id === step.approvers[0].userId)![0] as Who;
    await decide(await org.ctx(who), state.current.id, 'approve', `ok from ${who}`);
  }
  return route;
}

beforeAll(async () => {
  org = await approvalOrg('appr');
  account = String((await createRecord(await org.ctx('rep'), 'account', { name: 'Approval Test Co' })).id);
});

describe('contract approval by gross margin', () => {
  it.each([
    [35, [['director']], ['skipped', 'skipped']],
    [25, [['director'], ['commercial']], ['skipped']],
    [15, [['director'], ['commercial'], ['gm']], []],
  ])('a %i%% margin goes to %j in turn', async (margin, expected, skips) => {
    const id = await contract(margin);
    const rep = await org.ctx('rep');
    // The rep may not read cost, so not the margin worked out from it either; their manager reads both.
    expect(Object.keys(await getRecord(rep, 'contract', id))).not.toContain('margin');
    expect((await getRecord(await org.ctx('manager'), 'contract', id)).margin).toBe(margin);
    const submitted = await submitForApproval(rep, 'contract', id, 'please approve');
    expect(submitted.status).toBe('pending');
    expect((await getRecord(rep, 'contract', id)).status).toBe('in_approval');

    expect(await approveToTheEnd('contract', id)).toEqual(expected);

    const after = await recordApproval(rep, 'contract', id);
    expect(after.locked).toBe(false);
    expect(after.requests[0].status).toBe('approved');
    expect((await getRecord(rep, 'contract', id)).status).toBe('approved');
    const events = after.requests[0].events;
    expect(events.filter((e) => e.action === 'approved').map((e) => [e.actor?.name, e.comment])).toEqual(expected.map(([who]) => [who, `ok from ${who}`]));
    expect(events.filter((e) => e.action === 'skipped').map((e) => e.details)).toEqual(skips.map(() => ({ reason: 'criteria' })));
    expect(events[0]).toMatchObject({ action: 'submitted', actor: { name: 'rep' }, comment: 'please approve' });
    expect(events[events.length - 1]).toMatchObject({ action: 'completed', details: { outcome: 'approved' } });
    // Unlocked: the rep edits again.
    await updateRecord(rep, 'contract', id, { description: 'signed' });
  });

  it('tells each approver in the app and by e-mail, and the submitter when it is decided (e-mail from the flow template)', async () => {
    const id = await contract(25);
    const pool = getPool(org.tw.url);
    await pool.query('DELETE FROM outbox WHERE workspace_id = $1', [org.tw.workspace.id]);
    await submitForApproval(await org.ctx('rep'), 'contract', id);
    const director = await listNotifications(pool, org.users.director.id);
    expect(director.items[0]).toMatchObject({ kind: 'approval.requested', link: `/o/contract/${id}`, read: false });
    expect(director.items[0].title).toContain('Contract at 25%');
    const inbox = await approvalInbox(await org.ctx('director'));
    expect(inbox.items.map((i) => i.recordId)).toContain(id);
    await approveToTheEnd('contract', id);
    const mails = (
      await pool.query<{ recipient: string; subject: string; body: string; status: string }>(
        'SELECT recipient, subject, body, status FROM outbox WHERE workspace_id = $1 ORDER BY created_at',
        [org.tw.workspace.id],
      )
    ).rows;
    expect(mails.map((m) => m.recipient)).toEqual([org.users.director.email, org.users.commercial.email, org.users.rep.email]);
    expect(mails[0].subject).toBe('Approval requested: Contract Contract at 25%');
    expect(mails[2].subject).toMatch(/^Contract HT-\d{4}-\d{4} approved$/);
    expect(mails[2].body).toContain('was approved by commercial');
    expect(mails[2].body).toContain('Comment: ok from commercial');
    const rep = await listNotifications(pool, org.users.rep.id);
    expect(rep.items[0]).toMatchObject({ kind: 'approval.approved' });
    // The worker delivers them once.
    const sent: string[] = [];
    const transport = {
      name: 'test',
      send: async (m: { to: string }) => {
        sent.push(m.to);
      },
    };
    expect(await deliverOutbox(pool, transport, { workspaceId: org.tw.workspace.id })).toMatchObject({ sent: 3 });
    expect(await deliverOutbox(pool, transport, { workspaceId: org.tw.workspace.id })).toMatchObject({ sent: 0 });
    expect(sent).toHaveLength(3);
  });

  it('a rejection is final: status rejected, unlocked, and it can be resubmitted', async () => {
    const id = await contract(15);
    const rep = await org.ctx('rep');
    const { requestId } = await submitForApproval(rep, 'contract', id);
    await decide(await org.ctx('director'), requestId, 'approve', null);
    await decide(await org.ctx('commercial'), requestId, 'reject', 'price too low');
    expect((await getRecord(rep, 'contract', id)).status).toBe('rejected');
    const state = await recordApproval(rep, 'contract', id);
    expect(state.requests[0]).toMatchObject({ status: 'rejected' });
    expect(state.requests[0].steps.map((s) => s.state)).toEqual(['approved', 'rejected', 'waiting']);
    expect(state.canSubmit).toBe(true);
    await updateRecord(rep, 'contract', id, { description: 'discount reduced' });
    expect((await submitForApproval(rep, 'contract', id)).status).toBe('pending');
  });

  it("refuses what is not the caller's to do, with clear errors", async () => {
    const id = await contract(15);
    const rep = await org.ctx('rep');
    expect((await refused(submitForApproval(await org.ctx('rep2'), 'contract', id))).code).toBe('NOT_FOUND');
    const { requestId } = await submitForApproval(rep, 'contract', id);
    expect(await refused(submitForApproval(rep, 'contract', id))).toMatchObject({ code: 'CONFLICT', message: 'This Contract is already in approval' });
    expect(await refused(decide(await org.ctx('commercial'), requestId, 'approve'))).toMatchObject({ code: 'FORBIDDEN', message: 'You are not an approver of the current step' });
    expect(await refused(decide(rep, requestId, 'approve'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(recall(await org.ctx('director'), requestId))).toMatchObject({ code: 'FORBIDDEN', message: 'Only the submitter can recall this request' });
    await decide(await org.ctx('director'), requestId, 'approve');
    expect(await refused(decide(await org.ctx('director'), requestId, 'approve'))).toMatchObject({ code: 'FORBIDDEN' });
    await recall(rep, requestId);
    expect(await refused(decide(await org.ctx('commercial'), requestId, 'approve'))).toMatchObject({
      code: 'CONFLICT',
      message: 'This approval request is no longer pending (Recalled)',
    });
  });
});

describe('the record lock', () => {
  let id: string;
  let requestId: string;
  beforeAll(async () => {
    id = await contract(15);
    ({ requestId } = await submitForApproval(await org.ctx('rep'), 'contract', id));
  });

  it('refuses edits and deletes through the record service, even by the approver, but not by an admin', async () => {
    const locked = await refused(updateRecord(await org.ctx('rep'), 'contract', id, { description: 'sneaky' }));
    expect(locked).toMatchObject({ code: 'RECORD_LOCKED', message: 'This Contract is locked while it is in approval', details: [{ code: 'record.locked' }] });
    expect((await refused(updateRecord(await org.ctx('director'), 'contract', id, { description: 'x' }))).code).toBe('RECORD_LOCKED');
    expect((await refused(deleteRecord(await org.ctx('manager'), 'contract', id))).code).toBe('RECORD_LOCKED');
    expect((await updateRecord(await org.ctx('admin'), 'contract', id, { description: 'admin note' })).description).toBe('admin note');
  });

  it('refuses REST writes with 423 RECORD_LOCKED', async () => {
    const { key } = await createApiKey(getPrisma(org.tw.url), org.users.rep.id, 'rep key');
    const api = clientFor(org.tw, key);
    const res = await api.patch(`/api/v1/records/contract/${id}`, { description: 'via REST' });
    const error = expectError(res, 423, 'RECORD_LOCKED');
    expect(error.message).toBe('This Contract is locked while it is in approval');
    // Readable, with its approval state.
    const state = await api.get(`/api/v1/records/contract/${id}/approval`);
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({ locked: true, current: { id: requestId, status: 'pending' } });
  });

  it('refuses tRPC writes with RECORD_LOCKED in the shared error shape', async () => {
    const { GET: _g, POST } = await import('../../../app/api/trpc/[trpc]/route');
    const { login, SESSION_COOKIE } = await import('../../../platform/security/sessions');
    const session = (await login(getPrisma(org.tw.url), org.users.rep.email, 'correct horse battery')) as { token: string };
    const res = await POST(
      new Request('http://localhost/api/trpc/records.update', {
        method: 'POST',
        headers: { cookie: `${SESSION_COOKIE}=${session.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ object: 'contract', id, values: { description: 'via tRPC' } }),
      }),
    );
    const body = await res.json();
    expect(body.error.data.appError).toMatchObject({ code: 'RECORD_LOCKED', message: 'This Contract is locked while it is in approval' });
    expect((await getRecord(await org.ctx('admin'), 'contract', id)).description).toBe('admin note');
  });

  it('lifts when the submitter recalls: the recall actions run and the approvers are told', async () => {
    const rep = await org.ctx('rep');
    expect((await recall(rep, requestId, 'wrong cost')).status).toBe('recalled');
    expect((await getRecord(rep, 'contract', id)).status).toBe('draft');
    await updateRecord(rep, 'contract', id, { description: 'fixed' });
    const state = await recordApproval(rep, 'contract', id);
    expect(state.requests[0].events.map((e) => e.action)).toEqual(['submitted', 'step_started', 'recalled']);
    expect(state.requests[0].steps[0].approvers).toMatchObject([{ name: 'director', status: 'closed' }]);
    const note = (await listNotifications(getPool(org.tw.url), org.users.director.id)).items[0];
    expect(note).toMatchObject({ kind: 'approval.recalled', body: 'rep: wrong cost' });
    expect((await approvalInbox(await org.ctx('director'))).items.map((i) => i.requestId)).not.toContain(requestId);
  });
});

describe('two approvers at the same moment', () => {
  it('approve and reject at once leave one consistent outcome', async () => {
    for (let round = 0; round < 5; round++) {
      const id = await contract(15);
      const { requestId } = await submitForApproval(await org.ctx('rep'), 'contract', id);
      // The director and an admin (who may decide any step) act on the first step together.
      const results = await Promise.allSettled([decide(await org.ctx('director'), requestId, 'approve', 'yes'), decide(await org.ctx('admin'), requestId, 'reject', 'no')]);
      const ok = results.filter((r) => r.status === 'fulfilled');
      const state = (await recordApproval(await org.ctx('admin'), 'contract', id)).requests[0];
      const decisions = state.events.filter((e) => e.action === 'approved' || e.action === 'rejected');
      const status = (await getRecord(await org.ctx('admin'), 'contract', id)).status;
      if (ok.length === 2) {
        // Serialised: whoever came first decided step 1; the other acted on what followed.
        expect(decisions).toHaveLength(2);
      } else {
        expect(decisions).toHaveLength(1);
        const failure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(['CONFLICT', 'FORBIDDEN']).toContain(failure.reason.code);
      }
      if (state.status === 'rejected') expect(status).toBe('rejected');
      else expect([state.status, status]).toEqual(['pending', 'in_approval']);
      const pendingItems = state.steps.flatMap((s) => s.approvers).filter((a) => a.status === 'pending');
      expect(pendingItems.length).toBe(state.status === 'pending' ? 1 : 0);
    }
  });
});

describe('administrators', () => {
  it("may decide a step in the approvers' place, which is recorded in the request history and the audit log", async () => {
    const id = await contract(35);
    const { requestId } = await submitForApproval(await org.ctx('rep'), 'contract', id);
    expect((await decide(await org.ctx('admin'), requestId, 'approve', 'director is travelling')).status).toBe('approved');
    const state = (await recordApproval(await org.ctx('rep'), 'contract', id)).requests[0];
    expect(state.events.find((e) => e.action === 'approved')).toMatchObject({ actor: { id: org.tw.admin.id }, comment: 'director is travelling', details: { asAdmin: true } });
    expect(state.steps[0].approvers).toMatchObject([{ name: 'director', status: 'approved' }]);
    const audit = await getPool(org.tw.url).query('SELECT action, target_id, details FROM audit_events WHERE workspace_id = $1 AND target_type = $2', [
      org.tw.workspace.id,
      'approval_request',
    ]);
    expect(audit.rows).toContainEqual(
      expect.objectContaining({ action: 'approval.approve.admin', target_id: requestId, details: expect.objectContaining({ recordId: id, comment: 'director is travelling' }) }),
    );
  });
});

describe('delegation and bulk approval', () => {
  it('an approver on leave delegates: pending and new items go to the delegate, recorded in the history', async () => {
    const a = await contract(35);
    const { requestId: first } = await submitForApproval(await org.ctx('rep'), 'contract', a);
    await setDelegation(await org.ctx('director'), org.users.deputy.id, null);
    const b = await contract(35);
    const { requestId: second } = await submitForApproval(await org.ctx('rep'), 'contract', b);
    const inbox = await approvalInbox(await org.ctx('deputy'));
    expect(inbox.items.filter((i) => [first, second].includes(i.requestId)).map((i) => i.delegatedFrom)).toEqual(['director', 'director']);
    expect((await approvalInbox(await org.ctx('director'))).total).toBe(0);
    // The deputy can read the records they now judge, and approves both at once.
    expect((await getRecord(await org.ctx('deputy'), 'contract', a)).id).toBe(a);
    const res = await bulkApprove(await org.ctx('deputy'), [first, second, first], 'bulk ok');
    expect(res).toEqual({ approved: [first, second], failed: [] });
    expect((await getRecord(await org.ctx('rep'), 'contract', b)).status).toBe('approved');
    const events = (await recordApproval(await org.ctx('rep'), 'contract', a)).requests[0].events.map((e) => e.action);
    expect(events).toContain('delegated');
    await setDelegation(await org.ctx('director'), null, null);
  });

  it('bulk approval reports the requests it could not approve', async () => {
    const res = await bulkApprove(await org.ctx('commercial'), ['00000000-0000-4000-8000-000000000000']);
    expect(res.approved).toEqual([]);
    expect(res.failed).toMatchObject([{ code: 'NOT_FOUND' }]);
  });
});

describe('expenses', () => {
  it("count toward the opportunity's approved expenses and gross margin only once approved", async () => {
    const rep = await org.ctx('rep');
    const admin = await org.ctx('admin');
    const opp = String(
      (await createRecord(admin, 'opportunity', { name: 'Margin deal', account, close_date: '2027-06-30', amount: 200000, cost: 120000, owner: org.users.rep.id })).id,
    );
    const small = String((await createRecord(rep, 'expense', { amount: 3000, type: 'travel', date: '2026-11-20', opportunity: opp, account })).id);
    const big = String((await createRecord(rep, 'expense', { amount: 8000, type: 'entertainment', date: '2026-11-21', opportunity: opp, account })).id);
    expect(await getRecord(admin, 'opportunity', opp)).toMatchObject({ approved_expenses: 0, gross_margin: 80000 });

    const { requestId: s } = await submitForApproval(rep, 'expense', small);
    expect((await approvalInbox(await org.ctx('manager'))).items.map((i) => i.requestId)).toContain(s);
    await decide(await org.ctx('manager'), s, 'approve');
    // Under 5 000: the manager alone; finance and the general manager are skipped.
    expect((await getRecord(rep, 'expense', small)).status).toBe('approved');
    expect(await getRecord(admin, 'opportunity', opp)).toMatchObject({ approved_expenses: 3000, gross_margin: 77000 });

    const { requestId: b } = await submitForApproval(rep, 'expense', big);
    await decide(await org.ctx('manager'), b, 'approve');
    // 8 000 also needs finance: not counted until then.
    expect(await getRecord(admin, 'opportunity', opp)).toMatchObject({ approved_expenses: 3000 });
    await decide(await org.ctx('finance'), b, 'approve');
    expect(await getRecord(admin, 'opportunity', opp)).toMatchObject({ approved_expenses: 11000, gross_margin: 69000 });
  });
});
