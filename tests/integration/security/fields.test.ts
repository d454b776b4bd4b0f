/**
 * Field-level security (reps: contract.cost hidden, account.annual_revenue read-only) on every path
 * a field can travel: record bodies, lists, filters, sorts, writes, describe and OpenAPI; and object
 * rights (no permission set at all; read without create) over REST and tRPC.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { getRecord } from '../../../platform/data';
import { getPrisma } from '../../../platform/db/prisma';
import { login, SESSION_COOKIE } from '../../../platform/security/sessions';
import { expectError, fieldCodes, filterParam } from '../api/api';
import { createSecOrg, type SecOrg, type Who } from './org';

process.env.DATABASE_URL = inject('databaseUrl');

const { GET: trpcGet, POST: trpcPost } = await import('../../../app/api/trpc/[trpc]/route');

let org: SecOrg;

beforeAll(async () => {
  org = await createSecOrg('sec_fls');
});

const HIDDEN = ['cost', 'cost_currency'];
/** [user, sees contract cost, may edit account annual revenue] */
const FLS: [Who, boolean, boolean][] = [
  ['admin', true, true],
  ['gm', true, true],
  ['manager_a', true, true],
  ['rep_a1', false, false],
  ['rep_b1', false, false],
  ['transferer', false, false],
];
const contractOf = (who: Who) => org.records.contract[who === 'transferer' ? 'rep_a1' : (who as 'rep_a1')][0];

describe('reading: a hidden field is absent (not null) from every record body', () => {
  it.each(FLS)('%s: GET contract has cost: %s', async (who, seesCost) => {
    if (who === 'transferer')
      await org.sql(`INSERT INTO record_shares (workspace_id, object, record_id, user_id, access, reason) VALUES ($1, 'contract', $2, $3, 'read', 'manual')`, [
        org.tw.workspace.id,
        contractOf(who),
        org.users.transferer.id,
      ]);
    const res = await org.api(who).get(`/api/v1/records/contract/${contractOf(who)}`);
    expect(res.status).toBe(200);
    for (const p of HIDDEN) expect(Object.hasOwn(res.body.record, p), p).toBe(seesCost);
    expect(res.body.record).toMatchObject({ amount: 50_000, amount_currency: 'CNY' });
    if (seesCost) expect(res.body.record.cost).toBe(30_000);
  });

  it.each(FLS)('%s: every contract in a list has cost: %s', async (who, seesCost) => {
    const res = await org.api(who).get('/api/v1/records/contract?limit=200');
    expect(res.status).toBe(200);
    expect(res.body.records.length).toBeGreaterThan(0);
    for (const r of res.body.records) for (const p of HIDDEN) expect(Object.hasOwn(r, p), `${r.name}.${p}`).toBe(seesCost);
  });

  it('the service hides it too, and a read-only field stays readable', async () => {
    const ctx = await org.ctx('rep_a1');
    expect(Object.keys(await getRecord(ctx, 'contract', contractOf('rep_a1')))).not.toContain('cost');
    expect((await getRecord(ctx, 'account', org.records.account.rep_a1[0])).annual_revenue).toBe(1_000_000);
  });
});

describe('querying by a hidden field is as if the field did not exist', () => {
  const byCost = filterParam({ field: 'cost', op: 'gte', value: 0 });
  it.each(FLS)('%s: filter and sort on cost', async (who, seesCost) => {
    const api = org.api(who);
    const filtered = await api.get(`/api/v1/records/contract?${byCost}`);
    const sortedRes = await api.get('/api/v1/records/contract?sort=-cost');
    if (seesCost) {
      expect([filtered.status, sortedRes.status]).toEqual([200, 200]);
      return;
    }
    const f = expectError(filtered, 400, 'INVALID_FILTER');
    expect(JSON.stringify(f.details)).toContain('cost');
    const s = expectError(sortedRes, 400, 'INVALID_SORT');
    expect(fieldCodes(s)).toEqual([['cost', 'sort.unknownField']]);
    // The same answers as for a field that does not exist at all.
    const nope = expectError(await api.get(`/api/v1/records/contract?${filterParam({ field: 'nope', op: 'gte', value: 0 })}`), 400, 'INVALID_FILTER');
    expect(f.details.map((d) => d.code)).toEqual(nope.details.map((d) => d.code));
  });

  it('a filter nested deep in a tree is refused as well', async () => {
    const tree = { any: [{ field: 'name', op: 'contains', value: 'x' }, { all: [{ field: 'cost', op: 'is_not_empty' }] }] };
    expectError(await org.api('rep_a1').get(`/api/v1/records/contract?${filterParam(tree)}`), 400, 'INVALID_FILTER');
  });
});

describe('writing: hidden and read-only fields are refused by name', () => {
  /** [user, object, body, field named, acceptable detail codes] */
  const WRITES: [Who, 'contract' | 'account', Record<string, unknown>, string, string[]][] = [
    ['rep_a1', 'contract', { cost: 1 }, 'cost', ['unknownField', 'readOnly']],
    ['rep_a1', 'contract', { cost_currency: 'USD' }, 'cost_currency', ['unknownField', 'readOnly']],
    ['rep_a1', 'account', { annual_revenue: 5 }, 'annual_revenue', ['readOnly']],
    ['rep_b1', 'account', { annual_revenue: null }, 'annual_revenue', ['readOnly']],
  ];

  it.each(WRITES)('%s PATCH %s %j -> 422 naming %s, record unchanged', async (who, object, body, field, codes) => {
    const id = object === 'contract' ? contractOf(who) : org.records.account[who as 'rep_a1'][0];
    // An admin writes the same object first: what a rep may write must not depend on who wrote before.
    expect((await org.api('admin').patch(`/api/v1/records/${object}/${id}`, { description: 'admin first' })).status).toBe(200);
    const before = await getRecord(await org.ctx('admin'), object, id);
    const res = await org.api(who).patch(`/api/v1/records/${object}/${id}`, { ...body, description: 'sneaky' });
    const after = await getRecord(await org.ctx('admin'), object, id);
    const detail = res.body?.error?.details?.[0];
    expect({
      status: res.status,
      code: res.body?.error?.code,
      fields: res.body?.error?.details?.map((d: { field?: string }) => d.field),
      detailCodeAllowed: codes.includes(detail?.code),
      [`stored ${field}`]: after[field],
      version: after.version,
    }).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: [field], detailCodeAllowed: true, [`stored ${field}`]: before[field], version: before.version });
  });

  it('creating with a hidden field is refused the same way, and nothing is created', async () => {
    const name = 'Rep contract with cost';
    const res = await org.api('rep_a1').post('/api/v1/records/contract', { name, account: org.records.account.rep_a1[0], status: 'draft', cost: 99 });
    const created = (await org.api('admin').get(`/api/v1/records/contract?q=${encodeURIComponent(name)}`)).body.records;
    expect({
      status: res.status,
      code: res.body?.error?.code,
      fields: res.body?.error?.details?.map((d: { field?: string }) => d.field),
      created: created.map((r: { cost: unknown }) => ({ cost: r.cost })),
    }).toEqual({ status: 422, code: 'VALIDATION_FAILED', fields: ['cost'], created: [] });
  });

  it.each<[Who, string, unknown]>([
    ['manager_a', 'cost', 12_345],
    ['gm', 'annual_revenue', 7_000_000],
  ])('%s may write %s', async (who, field, value) => {
    const object = field === 'cost' ? 'contract' : 'account';
    const id = field === 'cost' ? org.records.contract.rep_a2[0] : org.records.account.manager_b[0];
    const res = await org.api(who).patch(`/api/v1/records/${object}/${id}`, { [field]: value });
    expect({ status: res.status, value: res.body.record?.[field] }).toEqual({ status: 200, value });
  });
});

describe('describe and OpenAPI show each user their own fields', () => {
  it.each(FLS)('%s: GET /objects/contract and /objects/account', async (who, seesCost, editsRevenue) => {
    const contract = await org.api(who).get('/api/v1/objects/contract');
    const fields = contract.body.object.fields.map((f: { name: string }) => f.name);
    expect(fields.includes('cost')).toBe(seesCost);
    expect(fields).toContain('amount');
    const account = await org.api(who).get('/api/v1/objects/account');
    const revenue = account.body.object.fields.find((f: { name: string }) => f.name === 'annual_revenue');
    expect(revenue?.readOnly).toBe(!editsRevenue);
  });

  it.each(FLS)('%s: the OpenAPI document', async (who, seesCost, editsRevenue) => {
    const res = await org.api(who).get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const schemas = res.body.components.schemas;
    for (const s of ['Contract', 'ContractCreate', 'ContractPatch']) {
      for (const p of HIDDEN) expect(Object.hasOwn(schemas[s].properties, p), `${s}.${p}`).toBe(seesCost);
      expect(schemas[s].properties).toHaveProperty('amount');
    }
    expect(schemas.Account.properties).toHaveProperty('annual_revenue');
    expect(Object.hasOwn(schemas.AccountPatch.properties, 'annual_revenue')).toBe(editsRevenue);
    expect(Object.hasOwn(schemas.AccountCreate.properties, 'annual_revenue')).toBe(editsRevenue);
  });
});

describe('object rights', () => {
  const account = () => org.records.account.rep_a1[0];
  /** [user, method, path ({id}: a rep's account), body, expected status] */
  const RIGHTS: [Who, 'get' | 'post' | 'patch' | 'del', string, unknown, number][] = [
    ['noperm', 'get', '/api/v1/records/account', undefined, 403],
    ['noperm', 'get', '/api/v1/records/account/{id}', undefined, 403],
    ['noperm', 'post', '/api/v1/records/account', { name: 'No rights' }, 403],
    ['noperm', 'patch', '/api/v1/records/account/{id}', { name: 'No rights' }, 403],
    ['noperm', 'del', '/api/v1/records/account/{id}', undefined, 403],
    ['noperm', 'get', '/api/v1/records/contract', undefined, 403],
    ['reader', 'get', '/api/v1/records/account', undefined, 200],
    ['reader', 'get', '/api/v1/records/account/{id}', undefined, 404],
    ['reader', 'post', '/api/v1/records/account', { name: 'Reader made this' }, 403],
    ['reader', 'patch', '/api/v1/records/account/{id}', { name: 'Reader edit' }, 403],
    ['reader', 'del', '/api/v1/records/account/{id}', undefined, 403],
    ['reader', 'get', '/api/v1/records/opportunity', undefined, 403],
    ['reader', 'post', '/api/v1/records/contact', { name: 'Reader contact' }, 403],
  ];

  it.each(RIGHTS)('%s %s %s -> %i', async (who, method, path, body, status) => {
    const api = org.api(who);
    const url = path.replace('{id}', account());
    const res = method === 'get' || method === 'del' ? await api[method](url) : await api[method](url, body);
    if (status === 200) {
      expect(res.status).toBe(200);
      expect(res.body.records).toEqual([]); // private accounts, none of them the reader's
    } else {
      const error = expectError(res, status, status === 403 ? 'FORBIDDEN' : 'NOT_FOUND');
      if (status === 403) expect(error.details.map((d) => d.code)[0]).toMatch(/^object\.(read|create|edit|delete)$/);
    }
  });

  it('nothing was created by the refused calls', async () => {
    const res = await org.api('admin').get(`/api/v1/records/account?q=${encodeURIComponent('No rights')}`);
    expect(res.body.records).toEqual([]);
    expect((await org.api('admin').get(`/api/v1/records/account?q=${encodeURIComponent('Reader made')}`)).body.records).toEqual([]);
  });

  it.each<[Who, string[]]>([
    ['noperm', []],
    ['reader', ['account']],
    ['rep_a1', ['account', 'activity', 'contact', 'contract', 'expense', 'lead', 'opportunity', 'quote']],
  ])("%s: GET /objects lists only the objects they may read (as the app's navigation does)", async (who, names) => {
    const res = await org.api(who).get('/api/v1/objects');
    expect(res.status).toBe(200);
    expect(res.body.objects.map((o: { name: string }) => o.name).sort()).toEqual(names);
  });

  it('over tRPC too: list, get and create are 403 for a user without rights', async () => {
    const user = await getPrisma(org.tw.url).user.findUniqueOrThrow({ where: { id: org.users.noperm.id } });
    const session = (await login(getPrisma(org.tw.url), user.email, 'correct horse battery')) as { token?: string } | null;
    if (!session?.token) throw new Error('the user without rights could not sign in');
    const cookie = `${SESSION_COOKIE}=${session.token}`;
    const headers = { cookie, 'content-type': 'application/json' };
    const query = (path: string, input: unknown) => trpcGet(new Request(`http://localhost/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers }));
    const mutate = (path: string, input: unknown) => trpcPost(new Request(`http://localhost/api/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify(input) }));
    for (const res of [
      await query('records.list', { object: 'account' }),
      await query('records.get', { object: 'account', id: account() }),
      await mutate('records.create', { object: 'account', values: { name: 'tRPC no rights' } }),
    ]) {
      const body = await res.json();
      expect({ status: res.status, code: body.error?.data?.appError?.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    }
  });
});
