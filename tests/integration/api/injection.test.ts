/**
 * SQL injection through every input a list or write takes (filter values, field names and
 * operators, search text, sort names, path segments, cursors, body keys): each request answers a
 * clean 400/404/422 or a normal result, and afterwards the workspace's rows are exactly as before.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { getPool } from '../../../platform/db/pool';
import { apiClient, expectError, filterParam, type ApiClient } from './api';

process.env.DATABASE_URL = inject('databaseUrl');

const NAMES = ["O'Brien Trading", '100% Pure_Water', '100 Percent Co', 'Back\\slash Ltd', 'Under_score', 'Plain Account'];
const ATTACKS = ["x' OR 1=1 --", "'); DROP TABLE account; --", "' OR ''='", '"; DELETE FROM account; --', "1; UPDATE account SET name='pwned'", '%', '_', '\\', "%' --"];

let api: ApiClient;
let snapshot: unknown[];

async function tableRows(): Promise<unknown[]> {
  const res = await getPool(api.tw.url).query(`SELECT * FROM "${api.tw.workspace.schema}"."account" ORDER BY id`);
  return res.rows;
}

beforeAll(async () => {
  api = await apiClient('rest_inject');
  for (const name of NAMES) {
    const res = await api.post('/api/v1/records/account', { name, phone: '021 6888 1234', industry: 'it' });
    expect(res.status).toBe(201);
  }
  snapshot = await tableRows();
});

type Outcome = { status: number; records?: string[] };

describe('filter values, field names and operators', () => {
  const cases: [string, unknown, Outcome][] = [
    ...ATTACKS.map((v): [string, unknown, Outcome] => [`name eq ${v}`, { field: 'name', op: 'eq', value: v }, { status: 200, records: [] }]),
    ...ATTACKS.map((v): [string, unknown, Outcome] => [`name in [${v}]`, { field: 'name', op: 'in', value: [v, 'Plain Account'] }, { status: 200, records: ['Plain Account'] }]),
    ['name contains a quote', { field: 'name', op: 'contains', value: "'" }, { status: 200, records: ["O'Brien Trading"] }],
    ['name contains %', { field: 'name', op: 'contains', value: '%' }, { status: 200, records: ['100% Pure_Water'] }],
    ['name contains _', { field: 'name', op: 'contains', value: '_' }, { status: 200, records: ['100% Pure_Water', 'Under_score'] }],
    ['name contains a backslash', { field: 'name', op: 'contains', value: '\\' }, { status: 200, records: ['Back\\slash Ltd'] }],
    ['industry ne an attack', { field: 'industry', op: 'ne', value: "it' OR '1'='1" }, { status: 200, records: NAMES }],
    ['a field name with SQL', { field: 'name" = name; DROP TABLE account; --', op: 'eq', value: 'x' }, { status: 400 }],
    ['a field name with a quote', { field: "name'", op: 'eq', value: 'x' }, { status: 400 }],
    ['an operator with SQL', { field: 'name', op: "= 'x' OR 1=1 --", value: 'x' }, { status: 400 }],
    ['a number field compared with SQL', { field: 'employees', op: 'eq', value: '1 OR 1=1' }, { status: 400 }],
    ['a lookup compared with SQL', { field: 'parent', op: 'eq', value: "00000000-0000-0000-0000-000000000000' OR '1'='1" }, { status: 400 }],
  ];

  it.each(cases)('%s', async (_label, condition, outcome) => {
    const res = await api.get(`/api/v1/records/account?${filterParam(condition)}&limit=200`);
    if (outcome.status === 400) expectError(res, 400, 'INVALID_FILTER');
    else {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.records.map((r: { name: string }) => r.name).sort()).toEqual([...outcome.records!].sort());
    }
  });
});

describe('search q', () => {
  const cases: [string, string[]][] = [
    ["O'Brien", ["O'Brien Trading"]],
    ['100%', ['100% Pure_Water']],
    ['%', ['100% Pure_Water']],
    ['_', ['100% Pure_Water', 'Under_score']],
    ['e_W', ['100% Pure_Water']],
    ['\\', ['Back\\slash Ltd']],
    ...ATTACKS.filter((a) => !['%', '_', '\\'].includes(a)).map((a): [string, string[]] => [a, []]),
  ];

  it.each(cases)('q=%s matches literally', async (q, names) => {
    const res = await api.get(`/api/v1/records/account?q=${encodeURIComponent(q)}&limit=200`);
    expect(res.status).toBe(200);
    expect(res.body.records.map((r: { name: string }) => r.name).sort()).toEqual([...names].sort());
  });
});

describe('sort names', () => {
  it.each(['name;drop table account', 'name desc', 'name; DROP TABLE account; --', 'name)--', '"name"', 'name,(select 1)', 'name asc nulls first', 'pg_sleep(5)'])(
    'sort=%s answers a clean 400',
    async (sort) => {
      expectError(await api.get(`/api/v1/records/account?sort=${encodeURIComponent(sort)}`), 400, 'INVALID_SORT');
    },
  );
});

describe('path segments, cursors and bodies', () => {
  it.each(['account;drop table account', 'account"', "account'--", 'public.users', '../account'])('object %j answers 404', async (object) => {
    expectError(await api.get(`/api/v1/records/${encodeURIComponent(object)}`), 404, 'NOT_FOUND');
    expectError(await api.post(`/api/v1/records/${encodeURIComponent(object)}`, { name: 'x' }), 404, 'NOT_FOUND');
  });

  it.each(["1' OR '1'='1", "00000000-0000-0000-0000-000000000000' OR 1=1 --", '*'])('record id %j answers 404 on get, patch and delete', async (id) => {
    const path = `/api/v1/records/account/${encodeURIComponent(id)}`;
    expectError(await api.get(path), 404, 'NOT_FOUND');
    expectError(await api.patch(path, { name: 'pwned' }), 404, 'NOT_FOUND');
    expectError(await api.del(path), 404, 'NOT_FOUND');
    expectError(await api.post(`${path}/restore`), 404, 'NOT_FOUND');
  });

  it('a cursor carrying SQL in its sort value pages normally', async () => {
    const first = await api.get('/api/v1/records/account?sort=name&limit=1');
    const payload = JSON.parse(Buffer.from(first.body.nextCursor, 'base64url').toString('utf8'));
    payload.v[0] = "'; DROP TABLE account; --";
    const cursor = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const res = await api.get(`/api/v1/records/account?sort=name&limit=200&cursor=${encodeURIComponent(cursor)}`);
    expect(res.status).toBe(200);
  });

  it('a cursor whose signature is SQL answers 400', async () => {
    const cursor = Buffer.from(JSON.stringify({ s: 'name; DROP TABLE account', v: ['a', '00000000-0000-4000-8000-000000000000'] })).toString('base64url');
    expectError(await api.get(`/api/v1/records/account?cursor=${cursor}`), 400, 'INVALID_CURSOR');
  });

  it.each([
    ['a body key with SQL', { 'name = name; DROP TABLE account; --': 'x' }, 'name = name; DROP TABLE account; --'],
    ['a body key naming a column with a quote', { 'name"': 'x' }, 'name"'],
    ['a system column', { deleted_at: '2020-01-01T00:00:00Z' }, 'deleted_at'],
  ])('PATCH with %s answers 422 for that key', async (_label, body, key) => {
    const id = (snapshot[0] as { id: string }).id;
    const error = expectError(await api.patch(`/api/v1/records/account/${id}`, body), 422, 'VALIDATION_FAILED');
    expect(error.details.map((d) => d.field)).toEqual([key]);
  });
});

describe('afterwards', () => {
  it('every row is exactly as before: same count, same values, same versions', async () => {
    expect(await tableRows()).toEqual(snapshot);
    const res = await api.get('/api/v1/records/account?limit=200');
    expect(res.body.records).toHaveLength(NAMES.length);
  });

  it('values that look like SQL are stored and read back literally', async () => {
    const res = await api.post('/api/v1/records/account', { name: "'); DROP TABLE account; --", description: "x' OR 1=1 --" });
    expect(res.status).toBe(201);
    const got = await api.get(`/api/v1/records/account/${res.body.record.id}`);
    expect(got.body.record).toMatchObject({ name: "'); DROP TABLE account; --", description: "x' OR 1=1 --" });
    const found = await api.get(`/api/v1/records/account?${filterParam({ field: 'name', op: 'eq', value: "'); DROP TABLE account; --" })}`);
    expect(found.body.records.map((r: { id: string }) => r.id)).toEqual([res.body.record.id]);
    expect((await tableRows()).length).toBe(NAMES.length + 1);
  });
});
