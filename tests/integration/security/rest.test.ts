/**
 * REST with each user's own API key mirrors the record service: for every user × object × record,
 * list / get / patch / delete answer 200 (204) / 403 / 404 exactly where the service succeeds,
 * refuses or does not find. Credentials come first: none, malformed or revoked keys are 401.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { deleteRecord, getRecord, restoreRecord, updateRecord } from '../../../platform/data';
import { getPrisma } from '../../../platform/db/prisma';
import { createApiKey, revokeApiKey } from '../../../platform/security/apiKeys';
import { clientFor, expectError, send } from '../api/api';
import { createSecOrg, listAllIds, OBJECTS, ORG_USERS, outcome, restListAllIds, SEES, sorted, statusOf, type Obj, type OrgUser, type SecOrg } from './org';

process.env.DATABASE_URL = inject('databaseUrl');

let org: SecOrg;

beforeAll(async () => {
  org = await createSecOrg('sec_rest');
});

const MATRIX: [OrgUser, Obj][] = ORG_USERS.flatMap((u) => OBJECTS.map((o): [OrgUser, Obj] => [u, o]));
const isRep = (u: OrgUser) => u.startsWith('rep_');

/** The status each action should answer for `user` on a record of `owner`, from the org's rules. */
function expectedStatus(user: OrgUser, owner: OrgUser, action: 'get' | 'patch' | 'delete'): number {
  const visible = SEES[user].includes(owner);
  if (action === 'delete') return isRep(user) ? 403 : visible ? 204 : 404;
  return visible ? 200 : 404;
}

describe('list: the REST pages hold exactly what the service lists', () => {
  it.each(MATRIX)('%s lists %s', async (user, object) => {
    const rest = await restListAllIds(org.api(user), object, '', 4);
    const service = await listAllIds(await org.ctx(user), object, {}, 4);
    expect(rest.status).toBe(200);
    expect(sorted(rest.ids)).toEqual(sorted(service));
    expect(sorted(rest.ids)).toEqual(sorted(org.idsOf(object, SEES[user])));
  });

  it.each<[OrgUser, string]>([
    ['manager_a', 'rep_'],
    ['rep_b1', '#2'],
    ['director', 'gm'],
  ])('%s searches "%s" over REST and the service alike', async (user, q) => {
    const rest = await restListAllIds(org.api(user), 'opportunity', `q=${encodeURIComponent(q)}`);
    const service = await listAllIds(await org.ctx(user), 'opportunity', { search: q });
    expect(sorted(rest.ids)).toEqual(sorted(service));
  });
});

describe('get: one status per record, as the service decides', () => {
  it.each(MATRIX)('%s gets each %s', async (user, object) => {
    const ctx = await org.ctx(user);
    const api = org.api(user);
    const rest: Record<string, number> = {};
    const service: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const owner of ORG_USERS) {
      for (const id of org.records[object][owner]) {
        const key = org.names.get(id)!;
        const res = await api.get(`/api/v1/records/${object}/${id}`);
        rest[key] = res.status;
        if (res.status === 200) expect(res.body.record.id).toBe(id);
        else expectError(res, 404, 'NOT_FOUND');
        service[key] = statusOf(await outcome(getRecord(ctx, object, id)));
        expected[key] = expectedStatus(user, owner, 'get');
      }
    }
    expect(rest).toEqual(expected);
    expect(service).toEqual(expected);
  });
});

describe('patch: one status per record, as the service decides', () => {
  it.each(MATRIX)('%s patches each %s', async (user, object) => {
    const ctx = await org.ctx(user);
    const api = org.api(user);
    const rest: Record<string, number> = {};
    const service: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const owner of ORG_USERS) {
      const id = org.records[object][owner][0];
      const key = org.names.get(id)!;
      service[key] = statusOf(await outcome(updateRecord(ctx, object, id, { description: `service ${user}` })));
      const res = await api.patch(`/api/v1/records/${object}/${id}`, { description: `rest ${user}` });
      rest[key] = res.status;
      if (res.status === 200) expect(res.body.record).toMatchObject({ id, description: `rest ${user}`, updated_by: org.users[user].id });
      expected[key] = expectedStatus(user, owner, 'patch');
    }
    expect(rest).toEqual(expected);
    expect(service).toEqual(expected);
  });
});

describe('delete: one status per record, as the service decides', () => {
  it.each(MATRIX)('%s deletes each %s', async (user, object) => {
    const ctx = await org.ctx(user);
    const admin = await org.ctx('admin');
    const api = org.api(user);
    const rest: Record<string, number> = {};
    const service: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const owner of ORG_USERS) {
      const id = org.records[object][owner][1];
      const key = org.names.get(id)!;
      const s = await outcome(deleteRecord(ctx, object, id));
      service[key] = statusOf(s, 204);
      if (s === 'ok') await restoreRecord(admin, object, id);
      const res = await api.del(`/api/v1/records/${object}/${id}`);
      rest[key] = res.status;
      if (res.status === 204) await restoreRecord(admin, object, id);
      else expectError(res, res.status, res.status === 403 ? 'FORBIDDEN' : 'NOT_FOUND');
      expected[key] = expectedStatus(user, owner, 'delete');
    }
    expect(rest).toEqual(expected);
    expect(service).toEqual(expected);
  });
});

describe('credentials come before everything else', () => {
  const target = () => `/api/v1/records/account/${org.records.account.gm[0]}`;
  /** [label, Authorization header (null: none), expected detail code] */
  const BAD: [string, () => string | null, string][] = [
    ['no Authorization header', () => null, 'auth.required'],
    ['a bearer that is not a key', () => 'Bearer not-a-key', 'auth.badKey'],
    ['an unknown tsk_ key', () => `Bearer tsk_${'A'.repeat(43)}`, 'auth.badKey'],
    ["another user's key, one character off", () => `Bearer ${org.keys.rep_a1.key.slice(0, -1)}${org.keys.rep_a1.key.endsWith('x') ? 'y' : 'x'}`, 'auth.badKey'],
    ['Basic credentials', () => `Basic ${Buffer.from('rep_a1:pw').toString('base64')}`, 'auth.badKey'],
  ];
  const CALLS: [string, (auth: string | null) => ReturnType<typeof send>][] = [
    ['list', (auth) => send('GET', '/api/v1/records/account', { auth })],
    ['get', (auth) => send('GET', target(), { auth })],
    ['patch', (auth) => send('PATCH', target(), { auth, body: { name: 'Intruder' } })],
    ['delete', (auth) => send('DELETE', target(), { auth })],
    ['create', (auth) => send('POST', '/api/v1/records/account', { auth, body: { name: 'Intruder' } })],
  ];

  it.each(BAD)('%s: 401 on list, get, patch, delete and create', async (_label, header, detail) => {
    for (const [name, call] of CALLS) {
      const res = await call(header());
      const error = expectError(res, 401, 'UNAUTHENTICATED');
      expect(
        error.details.map((d) => d.code),
        name,
      ).toEqual([detail]);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    }
    expect((await getRecord(await org.ctx('admin'), 'account', org.records.account.gm[0])).name).toBe('Account gm #1');
  });

  it("a revoked key is 401 from the next request on; the user's other key still works", async () => {
    const prisma = getPrisma(org.tw.url);
    const extra = await createApiKey(prisma, org.users.rep_a1.id, 'to revoke');
    const client = clientFor(org.tw, extra.key, extra.id);
    const own = `/api/v1/records/account/${org.records.account.rep_a1[0]}`;
    expect((await client.get(own)).status).toBe(200);
    await revokeApiKey(prisma, extra.id);
    for (const res of [await client.get(own), await client.patch(own, { name: 'x' }), await client.del(own), await client.get('/api/v1/records/account')]) {
      expectError(res, 401, 'UNAUTHENTICATED');
    }
    expect((await org.api('rep_a1').get(own)).status).toBe(200);
  });

  it('a key of a deactivated user is 401', async () => {
    const api = org.api('reader');
    expect((await api.get('/api/v1/records/account')).status).toBe(200);
    await org.secure('UPDATE users SET active = false WHERE id = $1', [org.users.reader.id]);
    expectError(await api.get('/api/v1/records/account'), 401, 'UNAUTHENTICATED');
  });
});
