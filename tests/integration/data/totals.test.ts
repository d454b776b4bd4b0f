/**
 * The count and amount sums under a list: exactly the records the caller can see (filter, search
 * and access rules applied in SQL), only over amount fields the caller may read, per currency, and
 * capped on a big table.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ident, qualified } from '../../../platform/core/identifiers';
import { listTotals, TOTALS_CAP } from '../../../platform/data/totals';
import { getPrisma } from '../../../platform/db/prisma';
import { login, SESSION_COOKIE } from '../../../platform/security/sessions';
import { createSecOrg, listAllIds, SEES, type OrgUser, type SecOrg } from '../security/org';

process.env.DATABASE_URL = inject('databaseUrl');

const { GET: trpcGet } = await import('../../../app/api/trpc/[trpc]/route');

let org: SecOrg;

beforeAll(async () => {
  org = await createSecOrg('totals');
});

/** Contract amounts in the fixture: #1 50,000 and #2 100,000 (CNY) per owner; cost 30,000 / 60,000. */
const amountOf = (owners: readonly OrgUser[]) => owners.length * 150_000;

describe('list totals', () => {
  it.each(['admin', 'manager_a', 'rep_a1'] as const)('%s: count and sum are those of the records they can see', async (who) => {
    const ctx = await org.ctx(who);
    const totals = await listTotals(ctx, 'contract', { columns: ['name', 'amount', 'owner'] });
    const visible = await listAllIds(ctx, 'contract', {}, 50);
    expect(totals.count).toBe(visible.length);
    expect(totals.count).toBe(SEES[who].length * 2);
    expect(totals.capped).toBe(false);
    expect(totals.sums).toEqual([{ field: 'amount', byCurrency: [{ currency: 'CNY', sum: amountOf(SEES[who]) }] }]);
  });

  it('respects the filter and the search, and counts are integers', async () => {
    const ctx = await org.ctx('manager_a');
    const totals = await listTotals(ctx, 'contract', { columns: ['amount'], filter: { field: 'amount', op: 'gte', value: 100_000 }, search: 'rep_a' });
    expect(totals).toEqual({ count: 2, capped: false, sums: [{ field: 'amount', byCurrency: [{ currency: 'CNY', sum: 200_000 }] }] });
    expect(Number.isInteger(totals.count)).toBe(true);
  });

  it('sums each currency apart', async () => {
    await org.sql(`UPDATE ${qualified(org.tw.workspace.schema, 'contract')} SET amount_currency = 'USD' WHERE id = $1`, [org.records.contract.rep_b1[0]]);
    const totals = await listTotals(await org.ctx('rep_b1'), 'contract', { columns: ['amount'] });
    expect(totals.sums[0].byCurrency).toEqual([
      { currency: 'CNY', sum: 100_000 },
      { currency: 'USD', sum: 50_000 },
    ]);
  });

  it('never sums a field the caller may not read (reps: contract cost)', async () => {
    const rep = await listTotals(await org.ctx('rep_a2'), 'contract', { columns: ['amount', 'cost'] });
    expect(rep.sums.map((s) => s.field)).toEqual(['amount']);
    const manager = await listTotals(await org.ctx('manager_a'), 'contract', { columns: ['amount', 'cost'] });
    expect(manager.sums.map((s) => s.field)).toEqual(['amount', 'cost']);
    expect(manager.sums[1].byCurrency).toEqual([{ currency: 'CNY', sum: 3 * 90_000 }]);
  });

  it('over the tRPC procedure, with the list view and the caller filter', async () => {
    const res = await login(getPrisma(org.tw.url), org.users.rep_a1.email, 'correct horse battery');
    const cookie = `${SESSION_COOKIE}=${(res as { token: string }).token}`;
    const input = { object: 'contract', view: 'all', filter: { field: 'amount', op: 'lt', value: 60_000 } };
    const r = await trpcGet(new Request(`http://localhost/api/trpc/records.totals?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie } }));
    expect(r.status).toBe(200);
    expect((await r.json()).result.data).toEqual({ count: 1, capped: false, sums: [{ field: 'amount', byCurrency: [{ currency: 'CNY', sum: 50_000 }] }] });
  });

  it(`over ${TOTALS_CAP} records: says so and gives no sum`, async () => {
    const table = qualified(org.tw.workspace.schema, 'contract');
    const owner = org.users.outsider.id;
    await org.sql(
      `INSERT INTO ${table} (${['name', 'owner', 'created_by', 'updated_by', 'amount'].map(ident).join(', ')})
       SELECT 'Bulk ' || g, $1, $1, $1, 1 FROM generate_series(1, $2::int) AS g`,
      [owner, TOTALS_CAP],
    );
    const totals = await listTotals(await org.ctx('outsider'), 'contract', { columns: ['amount'] });
    expect(totals).toEqual({ count: TOTALS_CAP, capped: true, sums: [] });
    const small = await listTotals(await org.ctx('outsider'), 'contract', { columns: ['amount'], search: 'Bulk 999' });
    expect(small.count).toBe(11); // Bulk 999 and Bulk 9990..9999
  });
});

describe('the owner column', () => {
  it('sorts (grouping records by owner) and pages through every visible record once', async () => {
    const ctx = await org.ctx('manager_a');
    const all = await listAllIds(ctx, 'opportunity', { sort: [{ field: 'owner', dir: 'desc' }] }, 2);
    expect(all).toHaveLength(SEES.manager_a.length * 2);
    expect(new Set(all).size).toBe(all.length);
    const owners = all.map((id) => org.owners.get(id));
    const ids = owners.map((o) => org.users[o!].id);
    expect(ids).toEqual([...ids].sort().reverse());
  });

  it('filters by a chosen user and by "me"', async () => {
    const ctx = await org.ctx('manager_a');
    const theirs = await listAllIds(ctx, 'opportunity', { filter: { field: 'owner', op: 'eq', value: org.users.rep_a2.id } });
    expect(theirs.sort()).toEqual(org.idsOf('opportunity', ['rep_a2']).sort());
    const mine = await listTotals(ctx, 'opportunity', { filter: { all: [{ field: 'owner', op: 'eq', value: '$me' }] } });
    expect(mine.count).toBe(2);
  });
});
