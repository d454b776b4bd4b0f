/**
 * 400s an integrator gets for a malformed request: bodies, filters (with JSON pointers to the bad
 * part), sorts, limits, cursors and If-Match headers — each in the shared error shape, and none of
 * them writes anything.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiClient, expectError, filterParam, type ApiClient } from './api';

process.env.DATABASE_URL = inject('databaseUrl');

let api: ApiClient;
let accountId: string;

async function rowCount(): Promise<number> {
  const { getPool } = await import('../../../platform/db/pool');
  const res = await getPool(api.tw.url).query(`SELECT count(*)::int AS n FROM "${api.tw.workspace.schema}"."account"`);
  return res.rows[0].n;
}

beforeAll(async () => {
  api = await apiClient('rest_400');
  for (const name of ['Alpha', 'Beta', 'Gamma']) {
    const res = await api.post('/api/v1/records/account', { name, employees: 10 });
    expect(res.status).toBe(201);
    accountId = res.body.record.id;
  }
});

describe('request bodies', () => {
  const cases: [string, string, string][] = [
    ['not JSON', '{"name": "x"', 'request.badJson'],
    ['empty', '', 'request.badJson'],
    ['JSON with a trailing comma', '{"name": "x",}', 'request.badJson'],
    ['an array', '[{"name": "x"}]', 'request.bodyObject'],
    ['an empty array', '[]', 'request.bodyObject'],
    ['null', 'null', 'request.bodyObject'],
    ['a string', '"name"', 'request.bodyObject'],
    ['a number', '42', 'request.bodyObject'],
  ];

  it.each(cases)('POST with a body that is %s answers 400', async (_label, body, detail) => {
    const before = await rowCount();
    const error = expectError(await api.post('/api/v1/records/account', body), 400, 'BAD_REQUEST');
    expect(error.details).toEqual([{ pointer: '/', code: detail, message: error.message }]);
    expect(await rowCount()).toBe(before);
  });

  it.each(cases)('PATCH with a body that is %s answers 400', async (_label, body, detail) => {
    const error = expectError(await api.patch(`/api/v1/records/account/${accountId}`, body), 400, 'BAD_REQUEST');
    expect(error.details[0]).toMatchObject({ pointer: '/', code: detail });
    expect((await api.get(`/api/v1/records/account/${accountId}`)).body.record.version).toBe(1);
  });

  it('answers 413 to a body over 1 MB', async () => {
    const before = await rowCount();
    const error = expectError(await api.post('/api/v1/records/account', { name: 'Big', description: 'x'.repeat(1024 * 1024 + 10) }), 413, 'PAYLOAD_TOO_LARGE');
    expect(error.message).toMatch(/1 MB/);
    expect(await rowCount()).toBe(before);
  });
});

describe('filter', () => {
  const cases: [string, string, { pointer: string; code: string; field?: string }[]][] = [
    ['not JSON', 'filter=%7Boops', [{ pointer: '/filter', code: 'filter.malformed' }]],
    ['a JSON array', filterParam([{ field: 'name', op: 'eq', value: 'x' }]), [{ pointer: '/filter', code: 'filter.shape' }]],
    ['a JSON string', filterParam('name = x'), [{ pointer: '/filter', code: 'filter.shape' }]],
    ['an unknown field', filterParam({ all: [{ field: 'nope', op: 'eq', value: 1 }] }), [{ pointer: '/filter/all/0/field', code: 'filter.unknownField', field: 'nope' }]],
    [
      'an operator the field does not support',
      filterParam({ all: [{ field: 'name', op: 'gte', value: 'x' }] }),
      [{ pointer: '/filter/all/0/op', code: 'filter.operator', field: 'name' }],
    ],
    [
      'an operator that does not exist',
      filterParam({ all: [{ field: 'name', op: 'like', value: 'x%' }] }),
      [{ pointer: '/filter/all/0/op', code: 'filter.operator', field: 'name' }],
    ],
    ['a missing operator', filterParam({ field: 'name', value: 'x' }), [{ pointer: '/filter/op', code: 'filter.operator', field: 'name' }]],
    [
      'text where a number belongs',
      filterParam({ all: [{ field: 'employees', op: 'gt', value: 'ten' }] }),
      [{ pointer: '/filter/all/0/value', code: 'filter.value', field: 'employees' }],
    ],
    ['a fraction for an integer field', filterParam({ field: 'employees', op: 'eq', value: 1.5 }), [{ pointer: '/filter/value', code: 'filter.value', field: 'employees' }]],
    ['a number where text belongs', filterParam({ field: 'name', op: 'eq', value: 5 }), [{ pointer: '/filter/value', code: 'filter.value', field: 'name' }]],
    ['a scalar for in', filterParam({ field: 'industry', op: 'in', value: 'it' }), [{ pointer: '/filter/value', code: 'filter.value', field: 'industry' }]],
    ['an empty list for in', filterParam({ field: 'industry', op: 'in', value: [] }), [{ pointer: '/filter/value', code: 'filter.value', field: 'industry' }]],
    ['a date that is not a date', filterParam({ field: 'created_at', op: 'gt', value: 'yesterday' }), [{ pointer: '/filter/value', code: 'filter.value', field: 'created_at' }]],
    ['a lookup value that is not an id', filterParam({ field: 'parent', op: 'eq', value: 'abc' }), [{ pointer: '/filter/value', code: 'filter.value', field: 'parent' }]],
    ['a key next to all', filterParam({ all: [], any: [] }), [{ pointer: '/filter', code: 'filter.shape' }]],
    ['an empty object', filterParam({}), [{ pointer: '/filter/field', code: 'filter.shape' }]],
    [
      'nesting 30 levels deep',
      filterParam(JSON.parse(`${'{"not":'.repeat(30)}{"field":"name","op":"eq","value":"x"}${'}'.repeat(30)}`)),
      [{ pointer: `/filter${'/not'.repeat(13)}`, code: 'filter.tooDeep' }],
    ],
    ['an unknown key', filterParam({ field: 'name', op: 'eq', value: 'x', or: 1 }), [{ pointer: '/filter', code: 'filter.shape' }]],
    [
      'three problems at once',
      filterParam({ any: [{ field: 'nope', op: 'eq', value: 1 }, { field: 'name', op: 'gte', value: 'x' }, { not: { field: 'employees', op: 'eq', value: 'x' } }] }),
      [
        { pointer: '/filter/any/0/field', code: 'filter.unknownField', field: 'nope' },
        { pointer: '/filter/any/1/op', code: 'filter.operator', field: 'name' },
        { pointer: '/filter/any/2/not/value', code: 'filter.value', field: 'employees' },
      ],
    ],
  ];

  it.each(cases)('%s answers 400 naming each bad part', async (_label, query, expected) => {
    const error = expectError(await api.get(`/api/v1/records/account?${query}`), 400, 'INVALID_FILTER');
    expect(error.details.map(({ pointer, code, field }) => ({ pointer, code, ...(field ? { field } : {}) }))).toEqual(expected);
    expect(error.message).toBe(error.details[0].message);
  });
});

describe('filter values at the edge of a column type', () => {
  // Either a clean 400 naming the value or a normal (empty) result is fine; a 500 is not.
  it.each([
    ['an integer written with an exponent', { field: 'employees', op: 'gt', value: 1e21 }],
    ['an integer beyond 64 bits', { field: 'employees', op: 'gt', value: 18446744073709551616 }],
    ['a huge integer in a list', { field: 'employees', op: 'in', value: [1, 1e20] }],
    ['a huge integer in between', { field: 'employees', op: 'between', value: [0, 1e300] }],
    ['a timestamp in the year 10000', { field: 'created_at', op: 'gt', value: '+010000-01-01T00:00:00Z' }],
    ['a timestamp before year 1', { field: 'created_at', op: 'gt', value: '-000001-01-01T00:00:00Z' }],
    ['a huge currency amount', { field: 'annual_revenue', op: 'gte', value: 1e300 }],
  ])('%s answers 400 or a normal result', async (_label, condition) => {
    const res = await api.get(`/api/v1/records/account?${filterParam(condition)}`);
    if (res.status === 400) {
      const error = expectError(res, 400, 'INVALID_FILTER');
      expect(error.details[0]).toMatchObject({ pointer: '/filter/value', code: 'filter.value' });
    } else {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.records).toEqual([]);
    }
  });

  it('a date the API stores (year 0050) can be filtered on', async () => {
    const created = await api.post('/api/v1/records/opportunity', { name: 'Ancient deal', close_date: '0050-06-15' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const res = await api.get(`/api/v1/records/opportunity?${filterParam({ field: 'close_date', op: 'eq', value: '0050-06-15' })}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.records.map((r: { id: string }) => r.id)).toEqual([created.body.record.id]);
  });
});

describe('sort, limit and cursor', () => {
  it.each([
    ['an unknown field', 'nope', 'sort.unknownField', 'nope'],
    ['a lookup (not sortable)', 'parent', 'sort.unknownField', 'parent'],
    ['a user lookup other than the owner (not sortable)', 'created_by', 'sort.unknownField', 'created_by'],
    ['a long text (not sortable)', 'description', 'sort.unknownField', 'description'],
    ['SQL-style direction', 'name desc', 'sort.malformed', undefined],
    ['an upper-case name', 'Name', 'sort.malformed', undefined],
    ['a double minus', '--name', 'sort.malformed', undefined],
    ['more than five keys', 'name,industry,type,region,level,employees', 'sort.tooMany', undefined],
  ])('sort by %s answers 400', async (_label, sort, code, field) => {
    const error = expectError(await api.get(`/api/v1/records/account?sort=${encodeURIComponent(sort)}`), 400, 'INVALID_SORT');
    expect(error.details).toHaveLength(1);
    expect(error.details[0]).toMatchObject({ pointer: '/sort', code, ...(field ? { field } : {}) });
  });

  it.each(['0', '201', '-1', '1.5', 'abc', '', '10abc'])('limit=%s answers 400', async (limit) => {
    const error = expectError(await api.get(`/api/v1/records/account?limit=${encodeURIComponent(limit)}`), 400, 'BAD_REQUEST');
    expect(error.details).toEqual([{ pointer: '/limit', code: 'limit.invalid', message: error.message }]);
    expect(error.message).toContain('200');
  });

  it.each(['1', '200'])('limit=%s is accepted', async (limit) => {
    expect((await api.get(`/api/v1/records/account?limit=${limit}`)).status).toBe(200);
  });

  /** A real cursor's payload with its values replaced, re-encoded the way the API encodes it. */
  async function tamperedCursor(sort: string, values: (string | null)[]): Promise<string> {
    const page = await api.get(`/api/v1/records/account?sort=${sort}&limit=1`);
    const payload = JSON.parse(Buffer.from(page.body.nextCursor, 'base64url').toString('utf8'));
    return Buffer.from(JSON.stringify({ ...payload, v: values })).toString('base64url');
  }

  const cursorCases: [string, string, () => Promise<string>][] = [
    ['not base64 JSON', 'name', async () => 'not-a-cursor'],
    ['JSON null', 'name', async () => Buffer.from('null').toString('base64url')],
    ['a number', 'name', async () => Buffer.from('42').toString('base64url')],
    ['empty values', 'name', () => tamperedCursor('name', [])],
    ['a null id', 'name', () => tamperedCursor('name', ['Alpha', null])],
    ['a non-uuid id', 'name', () => tamperedCursor('name', ['Alpha', 'not-a-uuid'])],
    ['text where the sort key is a number', 'employees', () => tamperedCursor('employees', ['lots', '00000000-0000-4000-8000-000000000000'])],
    ['text where the sort key is a timestamp', 'created_at', () => tamperedCursor('created_at', ['noon', '00000000-0000-4000-8000-000000000000'])],
  ];

  it.each(cursorCases)('a cursor that is %s (sort=%s) answers 400', async (_label, sort, cursor) => {
    const res = await api.get(`/api/v1/records/account?sort=${sort}&cursor=${encodeURIComponent(await cursor())}`);
    const error = expectError(res, 400, 'INVALID_CURSOR');
    expect(error.details).toEqual([{ pointer: '/cursor', code: 'cursor.invalid', message: error.message }]);
  });
});

describe('If-Match', () => {
  it.each(['abc', '', '-1', '1.5', 'W/abc', '"1", "2"', '1234567890'])('If-Match: %j answers 400 on PATCH and DELETE', async (header) => {
    const patch = expectError(await api.patch(`/api/v1/records/account/${accountId}`, { employees: 99 }, { headers: { 'if-match': header } }), 400, 'BAD_REQUEST');
    expect(patch.details).toEqual([{ pointer: '/headers/if-match', code: 'request.ifMatch', message: patch.message }]);
    expectError(await api.del(`/api/v1/records/account/${accountId}`, { headers: { 'if-match': header } }), 400, 'BAD_REQUEST');
    expect((await api.get(`/api/v1/records/account/${accountId}`)).body.record).toMatchObject({ employees: 10, version: 1 });
  });
});
