/**
 * The approvals inbox shows each item's key fields: the amount first, then the highlights of the
 * record's layout, read as the approver (access applies), for a page of items in one query per object.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');

const { createRecord } = await import('../../../platform/data');
const { submitForApproval } = await import('../../../platform/approvals/engine');
const { approvalInbox } = await import('../../../platform/approvals/read');
const { inboxDetails } = await import('../../../platform/api/inboxDetails');
const { approvalOrg } = await import('./org');

let org: Awaited<ReturnType<typeof approvalOrg>>;

beforeAll(async () => {
  org = await approvalOrg('inbox');
});

describe('inbox key fields', () => {
  it("the approver sees the amount, then the layout's highlights, of each record, with lookup names", async () => {
    const admin = await org.ctx('admin');
    const account = String((await createRecord(await org.ctx('rep'), 'account', { name: 'Inbox Test Co' })).id);
    const ids: string[] = [];
    for (const amount of [120000, 98765.4]) {
      const rec = await createRecord(admin, 'contract', { name: `Deal ${amount}`, account, amount, cost: amount * 0.9, owner: org.users.rep.id });
      ids.push(String(rec.id));
      await submitForApproval(await org.ctx('rep'), 'contract', String(rec.id));
    }
    const director = await org.ctx('director');
    const inbox = await approvalInbox(director);
    const details = await inboxDetails(director, inbox.items);
    expect(details.fields.contract.map((f) => f.name)).toEqual(['amount', 'number', 'account', 'status']);
    expect(details.records[ids[0]]).toMatchObject({ amount: 120000, amount_currency: 'CNY', $names: { account: 'Inbox Test Co' } });
    expect(details.records[ids[1]].amount).toBe(98765.4);
  });

  it('an item whose object the approver may not read still lists, without values', async () => {
    const rep = await org.ctx('rep');
    const details = await inboxDetails(rep, [{ object: 'no_such_object', recordId: '00000000-0000-0000-0000-000000000000' }]);
    expect(details).toEqual({ fields: { no_such_object: [] }, records: {} });
  });
});
