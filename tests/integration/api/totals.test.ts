/**
 * GET /api/v1/records/{object}/totals: the count and amount sums an integrator gets are those of
 * the records the REST list gives them for the same filter and search; amount fields they may not
 * read are not summed; a bad filter or an unreadable object answers as the list would.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createSecOrg, type SecOrg, type Who } from '../security/org';
import { expectError, filterParam } from './api';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;

beforeAll(async () => {
  org = await createSecOrg('rest_totals');
});

type Contract = { id: string; amount: number | null; amount_currency: string | null; cost?: number | null };

/** Every contract the REST list gives `who` for `query` (one page: the fixture is small). */
async function listed(who: Who, query = ''): Promise<Contract[]> {
  const res = await org.api(who).get(`/api/v1/records/contract?limit=200${query ? `&${query}` : ''}`);
  expect(res.status).toBe(200);
  expect(res.body.nextCursor).toBeNull();
  return res.body.records;
}

const sumOf = (records: Contract[], field: 'amount' | 'cost') => records.reduce((s, r) => s + Number(r[field] ?? 0), 0);
const totals = (who: Who, query = '', lang?: string) => org.api(who).get(`/api/v1/records/contract/totals${query ? `?${query}` : ''}`, { lang });

describe('REST list totals', () => {
  it.each(['admin', 'manager_a', 'rep_a1'] as const)('%s: the count and amount sum are those of the records the list gives them', async (who) => {
    const records = await listed(who);
    const res = await totals(who);
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(records.length);
    expect(res.body.capped).toBe(false);
    const amount = res.body.sums.find((s: { field: string }) => s.field === 'amount');
    expect(amount).toEqual({ field: 'amount', byCurrency: [{ currency: 'CNY', sum: sumOf(records, 'amount') }] });
    expect(records.length).toBeGreaterThan(0);
  });

  it('a rep never gets the sum of a field they may not read (contract cost); a manager does', async () => {
    const rep = await totals('rep_a2');
    expect(rep.body.sums.map((s: { field: string }) => s.field)).toEqual(['amount']);
    const manager = await totals('manager_a');
    const cost = manager.body.sums.find((s: { field: string }) => s.field === 'cost');
    expect(cost.byCurrency).toEqual([{ currency: 'CNY', sum: sumOf(await listed('manager_a'), 'cost') }]);
  });

  it('applies the filter and the search exactly as the list does', async () => {
    const query = `${filterParam({ field: 'amount', op: 'gte', value: 100_000 })}&q=rep_a`;
    const records = await listed('manager_a', query);
    const res = await totals('manager_a', query);
    expect(res.status).toBe(200);
    expect(records.length).toBe(2);
    expect(res.body).toEqual({ count: 2, capped: false, sums: expect.arrayContaining([{ field: 'amount', byCurrency: [{ currency: 'CNY', sum: sumOf(records, 'amount') }] }]) });
  });

  it.each([
    ['malformed JSON', 'filter=%7Bnot-json'],
    ['an unknown field', filterParam({ field: 'nope', op: 'eq', value: 1 })],
    ['a field the caller may not read', filterParam({ field: 'cost', op: 'gt', value: 0 })],
  ])('%s in the filter is a 400 INVALID_FILTER naming the parameter, as the list answers', async (_label, query) => {
    const res = await totals('rep_a1', query, 'zh-CN');
    const error = expectError(res, 400, 'INVALID_FILTER');
    expect(error.details[0].pointer).toMatch(/^\/filter/);
    const list = await org.api('rep_a1').get(`/api/v1/records/contract?${query}`, { lang: 'zh-CN' });
    expect(list.status).toBe(400);
    expect(res.body).toEqual(list.body);
  });

  it('a search text the list refuses is a 400 naming q', async () => {
    const query = `q=${'x'.repeat(201)}`;
    const error = expectError(await totals('rep_a1', query), 400, 'BAD_REQUEST');
    expect(error.details.map((d) => d.pointer)).toEqual(['/q']);
    expect((await org.api('rep_a1').get(`/api/v1/records/contract?${query}`)).status).toBe(400);
  });

  it('an object the caller may not read answers as the list does (403), and an unknown object 404', async () => {
    const list = await org.api('reader').get('/api/v1/records/contract');
    const res = await totals('reader');
    expect([403, 404]).toContain(res.status);
    expect(res.status).toBe(list.status);
    expect(res.body.error.code).toBe(list.body.error.code);
    expect(res.body.count).toBeUndefined();
    expectError(await org.api('admin').get('/api/v1/records/nothing_here/totals'), 404, 'NOT_FOUND');
  });

  it('only answers GET: other methods are 405 with Allow', async () => {
    const res = await org.api('admin').post('/api/v1/records/contract/totals', {});
    expectError(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toMatch(/^GET\b/);
  });
});
