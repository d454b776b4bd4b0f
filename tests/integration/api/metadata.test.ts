/**
 * The metadata API over REST: read and write with the designer's checks, live on the records API
 * and OpenAPI at once; only users with "customise metadata" may use it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getPrisma } from '../../../platform/db/prisma';
import { createApiKey } from '../../../platform/security/apiKeys';
import { apiClient, clientFor, expectError, type ApiClient } from './api';

let api: ApiClient;
let rep: ApiClient;

beforeAll(async () => {
  api = await apiClient('meta');
  const user = await api.tw.addUser('Rep', { permissionSets: ['sales_rep'] });
  rep = clientFor(api.tw, (await createApiKey(getPrisma(api.tw.url), user.id, 'rep')).key);
});

describe('metadata API', () => {
  it('reads an object with its fields, layouts and views', async () => {
    const res = await api.get('/api/v1/metadata/objects/account');
    expect(res.status).toBe(200);
    expect(res.body.object.name).toBe('account');
    expect(res.body.object.fields.map((f: { name: string }) => f.name)).toContain('industry');
    expect(res.body.layouts[0].name).toBe('default');
    expect(res.body.views.map((v: { name: string }) => v.name)).toContain('all');
  });

  it('adds a field that is live at once on the records API and in the OpenAPI document', async () => {
    const put = await api.put('/api/v1/metadata/objects/account/fields/credit_limit', { type: 'currency', label: { en: 'Credit limit', zh: '信用额度' } });
    expect(put.status).toBe(201);
    expect(put.body.revision).toBeGreaterThan(0);
    const created = await api.post('/api/v1/records/account', { name: 'Credit Co', credit_limit: 500000 });
    expect(created.status).toBe(201);
    expect(Number(created.body.record.credit_limit)).toBe(500000);
    const doc = await api.get('/api/v1/openapi.json');
    expect(doc.body.components.schemas.Account.properties).toHaveProperty('credit_limit');
  });

  it('refuses an unsafe change with 422 naming the field, and an invalid definition with its pointer', async () => {
    const change = await api.put('/api/v1/metadata/objects/account/fields/credit_limit', { type: 'text', label: { en: 'Credit limit', zh: '信用额度' } });
    const err = expectError(change, 422, 'METADATA_INVALID');
    expect(err.details[0]).toMatchObject({ field: 'credit_limit', code: 'change.type' });
    const bad = await api.put('/api/v1/metadata/layouts/x', {});
    expect(bad.status).toBe(404);
    const layout = await api.put('/api/v1/metadata/layouts/account/default', {
      label: { en: 'L', zh: 'L' },
      sections: [{ id: 'main', label: { en: 'Main', zh: '主要' }, fields: ['name', 'no_such_field'] }],
    });
    const lerr = expectError(layout, 422, 'METADATA_INVALID');
    expect(lerr.details.map((d: { pointer?: string }) => d.pointer)).toEqual(['/sections/0/fields/1']);
  });

  it('archives with DELETE, lists revisions and reverts', async () => {
    const del = await api.del('/api/v1/metadata/objects/account/fields/credit_limit');
    expect(del.status).toBe(200);
    const rec = await api.post('/api/v1/records/account', { name: 'After archive', credit_limit: 1 });
    expectError(rec, 422, 'VALIDATION_FAILED');
    const revs = await api.get('/api/v1/metadata/revisions');
    expect(revs.body.revisions[0]).toMatchObject({ summary: 'Archived field account.credit_limit', changes: [{ key: 'field:account.credit_limit', action: 'archived' }] });
    const back = await api.post(`/api/v1/metadata/revisions/${revs.body.revisions[1].number}/revert`);
    expect(back.status).toBe(200);
    expect((await api.post('/api/v1/records/account', { name: 'Restored', credit_limit: 2 })).status).toBe(201);
  });

  it('is refused to users without the right, and to anonymous callers', async () => {
    expectError(await rep.get('/api/v1/metadata/objects/account'), 403, 'FORBIDDEN');
    expectError(await rep.put('/api/v1/metadata/objects/account/fields/x', { type: 'text', label: { en: 'X', zh: 'X' } }), 403, 'FORBIDDEN');
    expectError(await api.get('/api/v1/metadata/objects', { auth: null }), 401, 'UNAUTHENTICATED');
  });
});
