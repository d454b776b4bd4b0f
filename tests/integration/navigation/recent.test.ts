/**
 * Recently viewed records: recorded when a user opens a record they may read, newest first, kept
 * to about twenty per user, and listed only while the user can still read them (the same access
 * predicate as every read): a record handed to someone else or deleted drops out.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createRecord, deleteRecord } from '../../../platform/data';
import { RECENT_KEPT, recentRecords, recordView } from '../../../platform/navigation/recent';
import { createSecOrg, type SecOrg } from '../security/org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;
const rows = async (who: 'rep_a1' | 'rep_a2') => Number((await org.sql('SELECT count(*) AS n FROM recent_views WHERE user_id = $1', [org.users[who].id])).rows[0].n);

beforeAll(async () => {
  org = await createSecOrg('recent');
});

describe('recently viewed', () => {
  it('lists what the user opened, newest first, with the object and its icon', async () => {
    const ctx = await org.ctx('rep_a1');
    const [account] = org.records.account.rep_a1;
    const [contact] = org.records.contact.rep_a1;
    await recordView(ctx, 'account', account);
    await recordView(ctx, 'contact', contact);
    const list = await recentRecords(ctx);
    expect(list.slice(0, 2)).toEqual([
      { object: 'contact', id: contact, name: 'Contact rep_a1 #1', icon: 'ContactsOutlined', objectLabel: { en: 'Contact', zh: '联系人' } },
      { object: 'account', id: account, name: 'Account rep_a1 #1', icon: 'BankOutlined', objectLabel: { en: 'Account', zh: '客户' } },
    ]);
    // Opening it again moves it to the top without a second row.
    await recordView(ctx, 'account', account);
    expect((await recentRecords(ctx))[0].id).toBe(account);
    expect(await rows('rep_a1')).toBe(2);
    // The same list over REST, for integrations.
    const res = await org.api('rep_a1').get('/api/v1/recent');
    expect(res.status).toBe(200);
    expect(res.body.records.map((r: { id: string }) => r.id).slice(0, 2)).toEqual([account, contact]);
  });

  it("another rep's record is not recorded; a bad id or object is a typed 404", async () => {
    const ctx = await org.ctx('rep_a2');
    await recordView(ctx, 'account', org.records.account.rep_b1[0]);
    expect(await rows('rep_a2')).toBe(0);
    await expect(recordView(ctx, 'account', 'not-an-id')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(recordView(ctx, 'spaceship', org.records.account.rep_a2[0])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(recordView(ctx, '__proto__', org.records.account.rep_a2[0])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('drops a record the user can no longer read (given to another rep) or that was deleted', async () => {
    const ctx = await org.ctx('rep_a1');
    const mine = (await createRecord(ctx, 'account', { name: 'Handed over soon' })).id as string;
    const gone = (await createRecord(ctx, 'account', { name: 'Deleted soon' })).id as string;
    await recordView(ctx, 'account', mine);
    await recordView(ctx, 'account', gone);
    expect((await recentRecords(ctx)).map((r) => r.name)).toEqual(expect.arrayContaining(['Handed over soon', 'Deleted soon']));
    await org.sql(`UPDATE "${org.tw.workspace.schema}"."account" SET owner = $1 WHERE id = $2`, [org.users.rep_b1.id, mine]);
    await deleteRecord(await org.ctx('admin'), 'account', gone);
    const names = (await recentRecords(await org.ctx('rep_a1'))).map((r) => r.name);
    expect(names).not.toContain('Handed over soon');
    expect(names).not.toContain('Deleted soon');
    // Their manager, who still sees it, would have it listed had they opened it.
    const manager = await org.ctx('manager_a');
    await recordView(manager, 'account', org.records.account.rep_a1[1]);
    expect((await recentRecords(manager)).map((r) => r.id)).toEqual([org.records.account.rep_a1[1]]);
  });

  it(`keeps about ${RECENT_KEPT} per user, and lists ten`, async () => {
    const ctx = await org.ctx('rep_a2');
    const ids: string[] = [];
    for (let i = 0; i < RECENT_KEPT + 5; i++) ids.push((await createRecord(ctx, 'contact', { name: `Visit ${String(i).padStart(2, '0')}` })).id as string);
    for (const id of ids) await recordView(ctx, 'contact', id);
    expect(await rows('rep_a2')).toBeLessThanOrEqual(RECENT_KEPT + 1);
    const list = await recentRecords(ctx);
    expect(list.map((r) => r.name)).toEqual(
      ids
        .slice(-10)
        .reverse()
        .map((_, i) => `Visit ${String(RECENT_KEPT + 4 - i).padStart(2, '0')}`),
    );
  });
});
