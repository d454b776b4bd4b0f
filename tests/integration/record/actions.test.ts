/**
 * Actions as metadata: the stock action bar per user, a package-style `update` action run through
 * the record service (field permissions as for any update), a `url` action over readable fields,
 * and the kind's cross-checks with every problem at its pointer.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');

const { getPrisma } = await import('../../../platform/db/prisma');
const { createApiKey } = await import('../../../platform/security/apiKeys');
const { actionViews } = await import('../../../platform/actions/service');
const { apiClient, clientFor, expectError } = await import('../api/api');

type Api = Awaited<ReturnType<typeof apiClient>>;
let admin: Api;
let rep: Api;
let repUser: { id: string; name: string; email: string; isAdmin: boolean };

beforeAll(async () => {
  admin = await apiClient('rec_actions');
  repUser = await admin.tw.addUser('Rep Zhou', { permissionSets: ['sales_rep'] });
  const { key } = await createApiKey(getPrisma(admin.tw.url), repUser.id, 'test');
  rep = clientFor(admin.tw, key);
});

describe('the action kind', () => {
  it("serves the stock action bar by the user's rights: a rep cannot delete", async () => {
    const forAdmin = actionViews(await admin.tw.ctx(), 'opportunity').map((a) => a.name);
    const forRep = actionViews(await admin.tw.ctx(repUser), 'opportunity').map((a) => a.name);
    expect(forAdmin).toEqual(['edit', 'submit_for_approval', 'follow', 'change_owner', 'clone', 'delete']);
    expect(forRep).toEqual(['edit', 'submit_for_approval', 'follow', 'change_owner', 'clone']);
    const zh = actionViews(await admin.tw.ctx(repUser), 'opportunity');
    expect(zh.find((a) => a.name === 'change_owner')?.label).toEqual({ en: 'Change owner', zh: '变更负责人' });
  });

  it('reports every problem of an action at its pointer', async () => {
    const bad = { label: { en: 'Bad', zh: '坏' }, type: 'url', values: { ghost: 1, quote_count: 2 }, objects: ['account'] };
    const error = expectError(await admin.put('/api/v1/metadata/actions/opportunity/bad', bad), 422, 'METADATA_INVALID');
    const where = (error.details as { pointer: string; code: string }[]).map((d) => [d.pointer, d.code]).sort();
    expect(where).toEqual(
      [
        ['/objects', 'action.objects'],
        ['/url', 'action.url'],
        ['/values', 'action.values'],
        ['/values/ghost', 'action.values'],
        ['/values/quote_count', 'action.values'],
      ].sort(),
    );
    const template = expectError(
      await admin.put('/api/v1/metadata/actions/opportunity/bad', { label: { en: 'B', zh: 'B' }, type: 'url', url: 'https://x/{{#if}}' }),
      422,
      'METADATA_INVALID',
    );
    expect(template.details.map((d: { pointer?: string }) => d.pointer)).toEqual(['/url']);
  });

  it('runs an update action through the record service, field permissions included', async () => {
    const action = { label: { en: 'Raise revenue', zh: '调高营收' }, type: 'update', values: { annual_revenue: 9000000 }, permission: 'edit' };
    const saved = await admin.put('/api/v1/metadata/actions/account/raise_revenue', action);
    expect(saved.status, JSON.stringify(saved.body)).toBeLessThan(300);
    const created = await rep.post('/api/v1/records/account', { name: 'Harbin Valves' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.record.id;

    // The rep may edit the account but not its annual revenue: refused naming the field, nothing changed.
    const refused = await rep.post(`/api/v1/records/account/${id}/actions/raise_revenue`, {});
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(JSON.stringify(refused.body.error.details)).toContain('annual_revenue');
    expect((await admin.get(`/api/v1/records/account/${id}`)).body.record.annual_revenue ?? null).toBeNull();

    const done = await admin.post(`/api/v1/records/account/${id}/actions/raise_revenue`, {});
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.record.annual_revenue).toBe(9000000);

    expectError(await admin.post(`/api/v1/records/account/${id}/actions/no_such_action`, {}), 404, 'NOT_FOUND');
    expectError(await admin.post(`/api/v1/records/account/${id}/actions/edit`, {}), 400, 'BAD_REQUEST');
  });

  it('a url action renders over the record, values encoded', async () => {
    const saved = await admin.put('/api/v1/metadata/actions/account/map', {
      label: { en: 'Map', zh: '地图' },
      type: 'url',
      url: 'https://maps.example/?q={{name}}',
      permission: 'read',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBeLessThan(300);
    const created = await admin.post('/api/v1/records/account', { name: 'A&B 上海' });
    const res = await admin.post(`/api/v1/records/account/${created.body.record.id}/actions/map`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.url).toBe(`https://maps.example/?q=${encodeURIComponent('A&B 上海')}`);
  });
});
