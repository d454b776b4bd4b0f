/**
 * Crashes and untyped answers of issue 11, part 7, each now a typed answer in the error shape:
 * impossible dates in cursors, date-times at the edges of what Postgres and JavaScript hold (leap
 * second, year 0, ±14:00 at years 1 and 9999) on write and in filters, 405 for every route's other
 * methods, a JSON 404 for unknown /api/v1 addresses, the 1 MB limit enforced while reading, and
 * POST /records/{object}/query for filters too long for a URL.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { getPool } from '../../../platform/db/pool';
import { apiClient, expectError, filterParam, send, type ApiClient } from './api';
import * as recordsRoute from '../../../app/api/v1/records/[object]/route';

process.env.DATABASE_URL = inject('databaseUrl');

let api: ApiClient;
let accountId: string;

async function rowCount(table: string): Promise<number> {
  const res = await getPool(api.tw.url).query(`SELECT count(*)::int AS n FROM "${api.tw.workspace.schema}"."${table}"`);
  return res.rows[0].n;
}

beforeAll(async () => {
  api = await apiClient('limits');
  for (const [i, name] of ['Alpha', 'Beta', 'Gamma', 'Delta'].entries()) {
    const res = await api.post('/api/v1/records/account', { name, employees: i * 10 });
    expect(res.status).toBe(201);
    accountId = res.body.record.id;
    const opp = await api.post('/api/v1/records/opportunity', { name: `${name} deal`, close_date: `2027-0${i + 1}-10`, account: accountId });
    expect(opp.status, JSON.stringify(opp.body)).toBe(201);
  }
});

describe('cursors with impossible dates', () => {
  /** A real cursor's payload with its first value replaced. */
  async function tampered(object: string, sort: string, first: string): Promise<string> {
    const page = await api.get(`/api/v1/records/${object}?sort=${sort}&limit=1`);
    const payload = JSON.parse(Buffer.from(page.body.nextCursor, 'base64url').toString('utf8'));
    return Buffer.from(JSON.stringify({ ...payload, v: [first, ...payload.v.slice(1)] })).toString('base64url');
  }

  it.each([
    ['a 30th of February', 'opportunity', 'close_date', '2026-02-30'],
    ['year 0', 'opportunity', 'close_date', '0000-01-01'],
    ['month 13', 'opportunity', '-close_date', '2026-13-01'],
    ['a leap second', 'account', 'created_at', '2026-12-31 23:59:60+00'],
    ['year 0 as a timestamp', 'account', 'created_at', '0000-06-01 00:00:00+00'],
    ['an instant before year 1', 'account', '-created_at', '0001-01-01 00:00:00+14'],
    ['an offset beyond 14 hours', 'account', 'created_at', '2026-01-01 00:00:00+15'],
    ['a 31st of April as a timestamp', 'account', 'created_at', '2026-04-31 10:00:00+00'],
  ])('%s answers 400 INVALID_CURSOR', async (_label, object, sort, value) => {
    const cursor = await tampered(object, sort, value);
    const error = expectError(await api.get(`/api/v1/records/${object}?sort=${sort}&cursor=${cursor}`), 400, 'INVALID_CURSOR');
    expect(error.details).toEqual([{ pointer: '/cursor', code: 'cursor.invalid', message: error.message }]);
  });

  it.each([
    ['year 0', '0000-01-01T00:00:00Z'],
    ['a 30th of February', '2026-02-30T10:00:00Z'],
    ['not a date', 'soon'],
  ])('an approvals inbox cursor with %s answers 400 INVALID_CURSOR', async (_label, value) => {
    const cursor = Buffer.from(JSON.stringify([value, '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    expectError(await api.get(`/api/v1/approvals/pending?cursor=${cursor}`), 400, 'INVALID_CURSOR');
  });

  it('a real cursor still pages', async () => {
    const first = await api.get('/api/v1/records/opportunity?sort=close_date&limit=2');
    const second = await api.get(`/api/v1/records/opportunity?sort=close_date&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    expect(second.body.records.map((r: { close_date: string }) => r.close_date)).toEqual(['2027-03-10', '2027-04-10']);
  });
});

describe('date-times at the edges', () => {
  const refused = [
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['year 1 at +14:00 (year 0 in UTC)', '0001-01-01T00:00:00+14:00'],
    ['year 9999 at -14:00 (year 10000 in UTC)', '9999-12-31T23:59:59-14:00'],
    ['year 0', '0000-01-01T00:00:00Z'],
    ['an offset of +15:00', '2026-01-01T00:00:00+15:00'],
    ['a 30th of February', '2026-02-30T10:00:00Z'],
  ];

  it.each(refused)('%s on write is a 422 naming the field, nothing written', async (_label, value) => {
    const before = await rowCount('activity');
    const error = expectError(await api.post('/api/v1/records/activity', { subject: 'Edge', start_at: value }), 422, 'VALIDATION_FAILED');
    expect(error.details).toEqual([expect.objectContaining({ field: 'start_at', code: 'datetime' })]);
    expect(await rowCount('activity')).toBe(before);
  });

  it.each(refused)('%s in a filter is a 400 INVALID_FILTER with the pointer', async (_label, value) => {
    const error = expectError(await api.get(`/api/v1/records/account?${filterParam({ all: [{ field: 'created_at', op: 'gt', value }] })}`), 400, 'INVALID_FILTER');
    expect(error.details).toEqual([expect.objectContaining({ pointer: '/filter/all/0/value', code: 'filter.value', field: 'created_at' })]);
  });

  it.each([
    ['the first instant of year 1', '0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['the last millisecond of year 9999', '9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
    ['a +14:00 offset inside the range', '2026-01-01T10:00:00+14:00', '2025-12-31T20:00:00.000Z'],
    ['a space instead of T', '2026-03-05 14:30:00+08:00', '2026-03-05T06:30:00.000Z'],
  ])('%s is stored and read back', async (_label, value, stored) => {
    const res = await api.post('/api/v1/records/activity', { subject: 'Edge ok', start_at: value });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.record.start_at).toBe(stored);
    const found = await api.get(`/api/v1/records/activity?${filterParam({ field: 'start_at', op: 'eq', value })}`);
    expect(found.body.records.map((r: { id: string }) => r.id)).toContain(res.body.record.id);
  });

  it.each([['2026-02-30'], ['0000-01-01'], ['2026-13-01']])('the date %s is refused on write and in a filter', async (value) => {
    const write = expectError(
      await api.patch(`/api/v1/records/opportunity/${(await api.get('/api/v1/records/opportunity?limit=1')).body.records[0].id}`, { close_date: value }),
      422,
      'VALIDATION_FAILED',
    );
    expect(write.details).toEqual([expect.objectContaining({ field: 'close_date', code: 'date' })]);
    const filter = expectError(await api.get(`/api/v1/records/opportunity?${filterParam({ field: 'close_date', op: 'eq', value })}`), 400, 'INVALID_FILTER');
    expect(filter.details[0]).toMatchObject({ pointer: '/filter/value', code: 'filter.value' });
  });
});

describe('methods and addresses', () => {
  it.each([
    ['PUT', '/api/v1/records/account', 'GET, POST'],
    ['DELETE', '/api/v1/records/account', 'GET, POST'],
    ['POST', '/api/v1/records/account/00000000-0000-4000-8000-000000000000', 'GET, PATCH, DELETE'],
    ['GET', '/api/v1/records/account/query', 'POST'],
    ['GET', '/api/v1/records/account/00000000-0000-4000-8000-000000000000/restore', 'POST'],
    ['PATCH', '/api/v1/objects', 'GET'],
    ['DELETE', '/api/v1/openapi.json', 'GET'],
    ['GET', '/api/v1/approvals/bulk-approve', 'POST'],
    ['PUT', '/api/v1/approvals/pending', 'GET'],
    ['GET', '/api/v1/metadata/objects/account/fields/name', 'PUT, DELETE'],
    ['DELETE', '/api/v1/metadata/revisions', 'GET'],
  ] as const)('%s %s is a 405 in the error shape with Allow: %s', async (method, path, allowed) => {
    const res = await send(method, path, { key: api.key, ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }) });
    const error = expectError(res, 405, 'METHOD_NOT_ALLOWED');
    expect(error.details).toEqual([{ code: 'request.methodNotAllowed', message: error.message }]);
    expect(res.headers.get('allow')).toBe(`${allowed}${allowed.includes('GET') ? ', HEAD' : ''}, OPTIONS`);
  });

  it('says so in Chinese', async () => {
    const error = expectError(await send('PUT', '/api/v1/objects', { key: api.key, lang: 'zh-CN', body: {} }), 405, 'METHOD_NOT_ALLOWED');
    expect(error.message).toBe('此地址不支持 PUT 请求，请使用 GET');
  });

  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const)('%s to an unknown /api/v1 address is a JSON 404', async (method) => {
    for (const path of ['/api/v1', '/api/v1/nope', '/api/v1/records', '/api/v1/records/account/00000000-0000-4000-8000-000000000000/nope/deeper']) {
      const error = expectError(await send(method, path, { auth: null }), 404, 'NOT_FOUND');
      expect(error.details).toEqual([{ code: 'request.noRoute', message: error.message }]);
    }
  });
});

describe('the 1 MB body limit, enforced while reading', () => {
  /** A request whose body never ends, counting what the server pulled from it. */
  function endless(headers: Record<string, string> = {}) {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const req = new Request('http://localhost/api/v1/records/account', {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${api.key}`, 'content-type': 'application/json', ...headers },
      duplex: 'half',
    } as RequestInit);
    return { req, pulled: () => pulled };
  }

  it('stops reading a body that never ends just past 1 MB and answers 413', async () => {
    const { req, pulled } = endless();
    const res = await recordsRoute.POST(req, { params: Promise.resolve({ object: 'account' }) });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: [{ pointer: '/', code: 'request.tooLarge' }] });
    expect(pulled()).toBeLessThan(1024 * 1024 + 4 * 64 * 1024);
  });

  it('answers 413 from a Content-Length over the limit without reading', async () => {
    const { req, pulled } = endless({ 'content-length': String(5 * 1024 * 1024) });
    const res = await recordsRoute.POST(req, { params: Promise.resolve({ object: 'account' }) });
    expect(res.status).toBe(413);
    // Only what the stream buffered ahead of any read (its high-water mark), not the body.
    expect(pulled()).toBeLessThanOrEqual(64 * 1024);
  });

  it('reads a body just under the limit to the end (and validates it)', async () => {
    const error = expectError(await api.post('/api/v1/records/account', { name: 'Just under', description: 'x'.repeat(1024 * 1024 - 100) }), 422, 'VALIDATION_FAILED');
    expect(error.details).toEqual([expect.objectContaining({ field: 'description', code: 'maxLength' })]);
  });

  it('refuses bytes that are not UTF-8 as not JSON', async () => {
    const req = new Request('http://localhost/api/v1/records/account', {
      method: 'POST',
      body: new Uint8Array([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      headers: { authorization: `Bearer ${api.key}` },
    });
    const res = await recordsRoute.POST(req, { params: Promise.resolve({ object: 'account' }) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].code).toBe('request.badJson');
  });
});

describe('POST /records/{object}/query', () => {
  it('answers what GET answers, page by page', async () => {
    const filter = { all: [{ field: 'employees', op: 'gte', value: 10 }] };
    const get1 = await api.get(`/api/v1/records/account?${filterParam(filter)}&sort=-employees&limit=2`);
    const post1 = await api.post('/api/v1/records/account/query', { filter, sort: '-employees', limit: 2 });
    expect(post1.status).toBe(200);
    expect(post1.body).toEqual(get1.body);
    const get2 = await api.get(`/api/v1/records/account?${filterParam(filter)}&sort=-employees&limit=2&cursor=${get1.body.nextCursor}`);
    const post2 = await api.post('/api/v1/records/account/query', { filter, sort: '-employees', limit: 2, cursor: post1.body.nextCursor });
    expect(post2.body).toEqual(get2.body);
    expect(post2.body.records.map((r: { name: string }) => r.name)).toEqual(['Beta']);
  });

  it('takes a filter far longer than a URL may be (16 KB headers)', async () => {
    const ids = Array.from({ length: 900 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const filter = {
      any: [
        { field: 'id', op: 'in', value: [...ids, accountId] },
        { field: 'name', op: 'eq', value: 'Alpha' },
      ],
    };
    expect(JSON.stringify(filter).length).toBeGreaterThan(32 * 1024);
    const res = await api.post('/api/v1/records/account/query', { filter, q: 'a' });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(res.body.records.map((r: { name: string }) => r.name).sort()).toEqual(['Alpha', 'Delta']);
  });

  it.each([
    ['a sort that is not text', { sort: ['name'] }, 400, 'INVALID_SORT', '/sort', 'sort.malformed'],
    ['a limit that is text', { limit: '5' }, 400, 'BAD_REQUEST', '/limit', 'limit.invalid'],
    ['a limit over 200', { limit: 500 }, 400, 'BAD_REQUEST', '/limit', 'limit.invalid'],
    ['a cursor that is a number', { cursor: 5 }, 400, 'INVALID_CURSOR', '/cursor', 'cursor.invalid'],
    ['a search that is a list', { q: ['a'] }, 400, 'BAD_REQUEST', '/q', 'search.invalid'],
    ['an unknown key', { filters: {} }, 400, 'BAD_REQUEST', '/filters', 'request.unknownKey'],
    ['a bad filter', { filter: { field: 'nope', op: 'eq', value: 1 } }, 400, 'INVALID_FILTER', '/filter/field', 'filter.unknownField'],
  ])('%s answers %i', async (_label, body, status, code, pointer, detail) => {
    const error = expectError(await api.post('/api/v1/records/account/query', body), status, code);
    expect(error.details[0]).toMatchObject({ pointer, code: detail });
  });

  it('an unknown object is a 404 whatever the body', async () => {
    expectError(await api.post('/api/v1/records/nope/query', 'not json'), 404, 'NOT_FOUND');
  });
});

describe('metadata API parameters', () => {
  it.each([
    ['before=abc', '/before'],
    ['before=99999999999', '/before'],
    ['limit=0', '/limit'],
    ['limit=1.5', '/limit'],
    ['limit=-3', '/limit'],
  ])('revisions?%s is a 400', async (query, pointer) => {
    const error = expectError(await api.get(`/api/v1/metadata/revisions?${query}`), 400, 'BAD_REQUEST');
    expect(error.details[0].pointer).toBe(pointer);
  });

  it('a new object without its plural label is a 422 naming it, not a 500', async () => {
    const error = expectError(await api.post('/api/v1/metadata/objects', { name: 'gadget', label: { en: 'Gadget', zh: '小工具' } }), 422, 'METADATA_INVALID');
    expect(error.details.map((d) => d.pointer)).toEqual(['/pluralLabel']);
  });
});
