/**
 * The record lifecycle over REST: create (201 + Location), get, patch with If-Match (every header
 * form; 409 when stale), delete (204) into the recycle bin, restore, and workspace isolation.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient, expectError, type ApiClient } from './api';

process.env.DATABASE_URL = inject('databaseUrl');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let api: ApiClient;

beforeAll(async () => {
  api = await apiClient('rest_crud');
});

async function createAccount(values: Record<string, unknown> = {}) {
  const res = await api.post('/api/v1/records/account', { name: `Account ${randomUUID().slice(0, 8)}`, ...values });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.record as Record<string, unknown> & { id: string; version: number };
}

describe('POST /api/v1/records/{object}', () => {
  it('creates a record: 201, a Location that GET serves, and the stored values with system fields', async () => {
    const res = await api.post('/api/v1/records/account', {
      name: '华为技术有限公司',
      industry: 'it',
      annual_revenue: 1234.5,
      employees: 200,
      email: 'info@huawei.example',
      website: 'https://huawei.example',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const rec = res.body.record;
    expect(Object.keys(res.body)).toEqual(['record']);
    expect(rec).toMatchObject({
      name: '华为技术有限公司',
      industry: 'it',
      annual_revenue: 1234.5,
      annual_revenue_currency: 'CNY',
      employees: 200,
      email: 'info@huawei.example',
      parent: null,
      type: null,
      version: 1,
      owner: api.tw.admin.id,
      created_by: api.tw.admin.id,
      updated_by: api.tw.admin.id,
    });
    expect(rec.id).toMatch(UUID);
    expect(rec.created_at).toMatch(ISO);
    expect(rec.updated_at).toMatch(ISO);
    expect(res.headers.get('location')).toBe(`/api/v1/records/account/${rec.id}`);

    const got = await api.get(res.headers.get('location')!);
    expect(got.status).toBe(200);
    expect(got.body).toEqual({ record: rec });
  });

  it('applies metadata defaults and links lookups (opportunity)', async () => {
    const account = await createAccount();
    const res = await api.post('/api/v1/records/opportunity', { name: 'ERP 升级', account: account.id.toUpperCase(), amount: 99.999, close_date: '2026-03-05' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.record).toMatchObject({ stage: 'discovery', account: account.id, amount: 100, close_date: '2026-03-05' });
  });

  it('stores empty strings as null', async () => {
    const rec = await createAccount({ phone: '', description: '' });
    expect(rec).toMatchObject({ phone: null, description: null });
  });
});

describe('GET /api/v1/records/{object}/{id}', () => {
  it.each([
    ['an unknown id', () => randomUUID()],
    ['an id that is not a uuid', () => '12345'],
    ['an id with SQL in it', () => "1' OR '1'='1"],
  ])('answers 404 for %s', async (_label, id) => {
    const res = await api.get(`/api/v1/records/account/${encodeURIComponent(id())}`);
    const error = expectError(res, 404, 'NOT_FOUND');
    expect(error.details[0]).toMatchObject({ code: 'record.notFound' });
  });

  it('answers 404 for an id that belongs to another object', async () => {
    const account = await createAccount();
    expectError(await api.get(`/api/v1/records/contact/${account.id}`), 404, 'NOT_FOUND');
  });

  it('never shows a record of another workspace', async () => {
    const mine = await createAccount({ name: 'Only mine' });
    const other = await apiClient('rest_other');
    expectError(await other.get(`/api/v1/records/account/${mine.id}`), 404, 'NOT_FOUND');
    expectError(await other.patch(`/api/v1/records/account/${mine.id}`, { name: 'stolen' }), 404, 'NOT_FOUND');
    expectError(await other.del(`/api/v1/records/account/${mine.id}`), 404, 'NOT_FOUND');
    const list = await other.get(`/api/v1/records/account?q=${encodeURIComponent('Only mine')}`);
    expect(list.body.records).toEqual([]);
    expect((await api.get(`/api/v1/records/account/${mine.id}`)).body.record.name).toBe('Only mine');
  });
});

describe('PATCH /api/v1/records/{object}/{id}', () => {
  it('changes only the fields sent and bumps the version', async () => {
    const rec = await createAccount({ industry: 'finance', employees: 10 });
    const res = await api.patch(`/api/v1/records/account/${rec.id}`, { employees: 11 });
    expect(res.status).toBe(200);
    expect(res.body.record).toMatchObject({ id: rec.id, industry: 'finance', employees: 11, name: rec.name, version: 2, created_at: rec.created_at });
    expect((await api.get(`/api/v1/records/account/${rec.id}`)).body.record).toEqual(res.body.record);
  });

  it('clears a value sent as null', async () => {
    const rec = await createAccount({ industry: 'finance' });
    const res = await api.patch(`/api/v1/records/account/${rec.id}`, { industry: null });
    expect(res.body.record.industry).toBeNull();
  });

  it.each([
    ['a bare number', (v: number) => String(v)],
    ['a quoted number', (v: number) => `"${v}"`],
    ['a weak ETag', (v: number) => `W/"${v}"`],
    ['a number with spaces', (v: number) => ` ${v} `],
  ])('accepts If-Match as %s when it is the current version', async (_label, header) => {
    const rec = await createAccount();
    const first = await api.patch(`/api/v1/records/account/${rec.id}`, { employees: 1 }, { headers: { 'if-match': header(1) } });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.record.version).toBe(2);
    const second = await api.patch(`/api/v1/records/account/${rec.id}`, { employees: 2 }, { headers: { 'if-match': header(2) } });
    expect(second.status).toBe(200);
    expect(second.body.record).toMatchObject({ employees: 2, version: 3 });
  });

  it.each([
    ['a bare number', '1'],
    ['a quoted number', '"1"'],
    ['a weak ETag', 'W/"1"'],
    ['a future version', '99'],
  ])('answers 409 to a stale If-Match given as %s and leaves the record alone', async (_label, header) => {
    const rec = await createAccount({ employees: 5 });
    await api.patch(`/api/v1/records/account/${rec.id}`, { employees: 6 });
    const res = await api.patch(`/api/v1/records/account/${rec.id}`, { employees: 7 }, { headers: { 'if-match': header } });
    const error = expectError(res, 409, 'CONFLICT');
    expect(error.details).toEqual([{ field: 'version', code: 'stale', message: error.message }]);
    expect(error.message).toContain('2');
    expect((await api.get(`/api/v1/records/account/${rec.id}`)).body.record).toMatchObject({ employees: 6, version: 2 });
  });

  it('answers 404 for an unknown record even with If-Match', async () => {
    expectError(await api.patch(`/api/v1/records/account/${randomUUID()}`, { employees: 1 }, { headers: { 'if-match': '1' } }), 404, 'NOT_FOUND');
  });
});

describe('DELETE, recycle bin and restore', () => {
  it('deletes with 204, then the record is gone from get, patch, delete and the list', async () => {
    const rec = await createAccount({ name: `Doomed ${randomUUID().slice(0, 6)}` });
    const res = await api.del(`/api/v1/records/account/${rec.id}`);
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
    expectError(await api.get(`/api/v1/records/account/${rec.id}`), 404, 'NOT_FOUND');
    expectError(await api.patch(`/api/v1/records/account/${rec.id}`, { employees: 1 }), 404, 'NOT_FOUND');
    expectError(await api.del(`/api/v1/records/account/${rec.id}`), 404, 'NOT_FOUND');
    const list = await api.get(`/api/v1/records/account?q=${encodeURIComponent(rec.name as string)}`);
    expect(list.body.records).toEqual([]);
  });

  it('honours If-Match on delete: 409 when stale, 204 when current', async () => {
    const rec = await createAccount();
    await api.patch(`/api/v1/records/account/${rec.id}`, { employees: 3 });
    const stale = expectError(await api.del(`/api/v1/records/account/${rec.id}`, { headers: { 'if-match': '1' } }), 409, 'CONFLICT');
    expect(stale.details[0]).toMatchObject({ field: 'version', code: 'stale' });
    expect((await api.get(`/api/v1/records/account/${rec.id}`)).status).toBe(200);
    expect((await api.del(`/api/v1/records/account/${rec.id}`, { headers: { 'if-match': 'W/"2"' } })).status).toBe(204);
  });

  it('lists deleted records in the recycle bin, most recently deleted first, and restore brings one back', async () => {
    const a = await createAccount({ name: 'Bin A' });
    const b = await createAccount({ name: 'Bin B' });
    expect((await api.del(`/api/v1/records/account/${a.id}`)).status).toBe(204);
    expect((await api.del(`/api/v1/records/account/${b.id}`)).status).toBe(204);

    const bin = await api.get('/api/v1/recycle-bin/account?limit=200');
    expect(bin.status).toBe(200);
    expect(Object.keys(bin.body).sort()).toEqual(['nextCursor', 'records']);
    const ids = bin.body.records.map((r: { id: string }) => r.id);
    expect(ids.indexOf(b.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    const deletedA = bin.body.records.find((r: { id: string }) => r.id === a.id);
    expect(deletedA).toMatchObject({ name: 'Bin A', deleted_at: expect.stringMatching(ISO) });

    const searched = await api.get(`/api/v1/recycle-bin/account?q=${encodeURIComponent('Bin A')}`);
    expect(searched.body.records.map((r: { id: string }) => r.id)).toEqual([a.id]);

    const restored = await api.post(`/api/v1/records/account/${a.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.record).toMatchObject({ id: a.id, name: 'Bin A', version: a.version + 2 });
    expect(restored.body.record.deleted_at).toBeUndefined();
    expect((await api.get(`/api/v1/records/account/${a.id}`)).body.record).toEqual(restored.body.record);
    const after = await api.get('/api/v1/recycle-bin/account?limit=200');
    expect(after.body.records.map((r: { id: string }) => r.id)).not.toContain(a.id);
    expect(after.body.records.map((r: { id: string }) => r.id)).toContain(b.id);
  });

  it('pages through the recycle bin with nextCursor', async () => {
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await createAccount({ name: `Paged bin ${i}` }));
    for (const r of created) await api.del(`/api/v1/records/account/${r.id}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<ApiClient['get']>> = await api.get(
        `/api/v1/recycle-bin/account?q=${encodeURIComponent('Paged bin')}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.records.map((r: { id: string }) => r.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(created.map((r) => r.id).reverse());
  });

  it.each([
    ['a live record', 409, 'CONFLICT', async () => (await createAccount()).id],
    ['an unknown id', 404, 'NOT_FOUND', async () => randomUUID()],
    ['a non-uuid id', 404, 'NOT_FOUND', async () => 'not-an-id'],
  ])('restore of %s answers %i', async (_label, status, code, id) => {
    expectError(await api.post(`/api/v1/records/account/${await id()}/restore`), status, code);
  });

  it.each([
    ['recycle bin of an unknown object', () => api.get('/api/v1/recycle-bin/nope')],
    ['restore on an unknown object', () => api.post(`/api/v1/records/nope/${randomUUID()}/restore`)],
    ['delete on an unknown object', () => api.del(`/api/v1/records/nope/${randomUUID()}`)],
  ])('answers 404 for the %s', async (_label, call) => {
    expectError(await call(), 404, 'NOT_FOUND');
  });
});
