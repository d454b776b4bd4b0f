/**
 * Workspace settings: the fiscal year start month, read and changed by an administrator over REST
 * and tRPC (refused for anyone else, a bad month named), and followed at once by "this fiscal
 * year" in list filters.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');

const { getPrisma } = await import('../../../platform/db/prisma');
const { getPool } = await import('../../../platform/db/pool');
const { createApiKey, apiKeyPrincipal } = await import('../../../platform/security/apiKeys');
const { appRouter } = await import('../../../platform/api/trpc/router');
const { addDays, periodBounds } = await import('../../../platform/core/periods');
const { clock } = await import('../../../platform/core/time');
const { apiClient, clientFor, expectError, filterParam } = await import('../api/api');

type Api = Awaited<ReturnType<typeof apiClient>>;
let admin: Api;
let rep: Api;

async function callerOf(api: Api) {
  const principal = (await apiKeyPrincipal(getPool(admin.tw.url), api.key))!;
  return appRouter.createCaller({ principal, locale: 'en' } as never);
}

beforeAll(async () => {
  admin = await apiClient('settings');
  const u = await admin.tw.addUser('Rep', { permissionSets: ['sales_rep'] });
  rep = clientFor(admin.tw, (await createApiKey(getPrisma(admin.tw.url), u.id, 'test')).key);
});

describe('GET/PUT /api/v1/admin/settings', () => {
  it('starts with January and the server time zone', async () => {
    const res = await admin.get('/api/v1/admin/settings');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ fiscalYearStartMonth: 1, timeZone: clock().timeZone, thisFiscalYear: periodBounds('this_year', clock()) });
  });

  it('refuses a month outside 1-12 or not a whole number, naming the field', async () => {
    for (const bad of [0, 13, 4.5, '4', null]) {
      const error = expectError(await admin.put('/api/v1/admin/settings', { fiscalYearStartMonth: bad }), 422, 'VALIDATION_FAILED');
      expect(error.details[0]).toMatchObject({ field: 'fiscalYearStartMonth', pointer: '/fiscalYearStartMonth' });
    }
    expectError(await admin.put('/api/v1/admin/settings', JSON.parse('{"__proto__":{"x":1}}')), 400, 'BAD_REQUEST');
  });

  it('refuses a user who may not customise the workspace, on REST and tRPC', async () => {
    expectError(await rep.get('/api/v1/admin/settings'), 403, 'FORBIDDEN');
    expectError(await rep.put('/api/v1/admin/settings', { fiscalYearStartMonth: 4 }), 403, 'FORBIDDEN');
    await expect((await callerOf(rep)).admin.updateSettings({ fiscalYearStartMonth: 4 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await admin.get('/api/v1/admin/settings')).body.fiscalYearStartMonth).toBe(1);
  });

  it('a change is followed by "this fiscal year" in list filters at once', async () => {
    const fy4 = periodBounds('this_fiscal_year', clock(), 4);
    const fy1 = periodBounds('this_fiscal_year', clock(), 1);
    // A day in the April fiscal year that the calendar year does not hold.
    const day = [addDays(fy4.to, -1), fy4.from].find((d) => d < fy1.from || d >= fy1.to)!;
    const account = await admin.post('/api/v1/records/account', { name: 'Fiscal Co' });
    const deal = await admin.post('/api/v1/records/opportunity', { name: 'Fiscal deal', account: account.body.record.id, stage: 'discovery', close_date: day });
    expect(deal.status, JSON.stringify(deal.body)).toBe(201);
    const thisFiscalYear = `/api/v1/records/opportunity?${filterParam({ field: 'close_date', op: 'during', value: 'this_fiscal_year' })}`;
    expect((await admin.get(thisFiscalYear)).body.records.map((r: { id: string }) => r.id)).not.toContain(deal.body.record.id);

    const put = await admin.put('/api/v1/admin/settings', { fiscalYearStartMonth: 4 });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ fiscalYearStartMonth: 4, thisFiscalYear: fy4 });
    expect((await admin.get(thisFiscalYear)).body.records.map((r: { id: string }) => r.id)).toContain(deal.body.record.id);
    // tRPC reads the same setting.
    expect(await (await callerOf(admin)).admin.settings()).toMatchObject({ fiscalYearStartMonth: 4 });
    // And lists through tRPC filter with it too.
    const listed = await (await callerOf(admin)).records.list({ object: 'opportunity', filter: { field: 'close_date', op: 'during', value: 'this_fiscal_year' } } as never);
    expect(listed.records.map((r) => r.id)).toContain(deal.body.record.id);
  });
});
