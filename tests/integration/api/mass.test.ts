/**
 * Mass actions over REST (POST /api/v1/records/{object}/mass) and tRPC (records.mass): every row
 * through the record service in the caller's name, failures listed in the caller's language, rows
 * the caller cannot see reported exactly like ids that do not exist, parallel runs ending in one
 * winner per row.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { getRecord } from '../../../platform/data';
import { getPrisma } from '../../../platform/db/prisma';
import { login, SESSION_COOKIE } from '../../../platform/security/sessions';
import { createSecOrg, type SecOrg, type Who } from '../security/org';
import { expectError } from './api';

process.env.DATABASE_URL = inject('databaseUrl');

const { POST: trpcPost } = await import('../../../app/api/trpc/[trpc]/route');

let org: SecOrg;
const MISSING = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  org = await createSecOrg('mass');
});

const mass = (who: Who, object: string, body: unknown, lang?: string) => org.api(who).post(`/api/v1/records/${object}/mass`, body, { lang });

async function cookieOf(who: Who): Promise<string> {
  const res = await login(getPrisma(org.tw.url), org.users[who].email, 'correct horse battery');
  return `${SESSION_COOKIE}=${(res as { token: string }).token}`;
}

async function trpcMass(who: Who, input: unknown, lang?: string) {
  const cookie = await cookieOf(who);
  const headers: Record<string, string> = { cookie, 'content-type': 'application/json', ...(lang ? { 'accept-language': lang } : {}) };
  const res = await trpcPost(new Request('http://localhost/api/trpc/records.mass', { method: 'POST', headers, body: JSON.stringify(input) }));
  return { status: res.status, body: await res.json() };
}

async function contractOf(id: string) {
  return getRecord(await org.ctx('admin'), 'contract', id);
}

describe('REST mass update', () => {
  it('updates every row the caller may edit and lists the rest as not found, the same for hidden and missing ids', async () => {
    const own = org.idsOf('account', ['rep_a1']);
    const hidden = org.records.account.rep_a2[0];
    const res = await mass('rep_a1', 'account', { action: 'update', ids: [...own, hidden, MISSING, 'not-an-id'], values: { phone: '+86 21 3333 3333' } });
    expect(res.status).toBe(200);
    expect(res.body.done.sort()).toEqual([...own].sort());
    expect(res.body.failed.map((f: { id: string }) => f.id)).toEqual([hidden, MISSING, 'not-an-id']);
    // Nothing tells a hidden record apart from one that does not exist.
    const shapes = res.body.failed.map((f: { code: string; message: string }) => [f.code, f.message]);
    expect(new Set(shapes.map((s: string[]) => s.join('|'))).size).toBe(1);
    expect(shapes[0][0]).toBe('NOT_FOUND');
    const admin = await org.ctx('admin');
    for (const id of own) expect((await getRecord(admin, 'account', id)).phone).toBe('+86 21 3333 3333');
    expect((await getRecord(admin, 'account', hidden)).phone).not.toBe('+86 21 3333 3333');
  });

  it('lists failures per row in the caller language (a status only the approval process sets)', async () => {
    const ids = org.idsOf('contract', ['rep_b1']);
    const res = await mass('rep_b1', 'contract', { action: 'update', ids, values: { status: 'no_such_status' } }, 'zh-CN');
    expect(res.status).toBe(200);
    expect(res.body.done).toEqual([]);
    expect(res.body.failed).toHaveLength(2);
    for (const f of res.body.failed) {
      expect(f.code).toBe('VALIDATION_FAILED');
      expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('a stale version fails that row with CONFLICT and the others go through', async () => {
    const [a, b] = org.idsOf('contract', ['manager_b']);
    const res = await mass('manager_b', 'contract', {
      action: 'update',
      ids: [a, b],
      values: { name: 'Renamed by mass' },
      versions: { [a]: 999, [b]: (await contractOf(b)).version },
    });
    expect(res.body.done).toEqual([b]);
    expect(res.body.failed).toEqual([expect.objectContaining({ id: a, code: 'CONFLICT' })]);
    expect((await contractOf(b)).name).toBe('Renamed by mass');
  });

  it('refuses malformed requests as a whole with 400 naming the member', async () => {
    const id = org.records.contract.admin[0];
    expect(expectError(await mass('admin', 'contract', { action: 'explode', ids: [id] }), 400, 'BAD_REQUEST').details[0].pointer).toBe('/action');
    expect(expectError(await mass('admin', 'contract', { action: 'update', ids: [], values: { name: 'x' } }), 400, 'BAD_REQUEST').details[0].pointer).toBe('/ids');
    const many = Array.from({ length: 501 }, () => id);
    expect(expectError(await mass('admin', 'contract', { action: 'update', ids: many, values: { name: 'x' } }), 400, 'BAD_REQUEST').details[0].pointer).toBe('/ids');
    expect(expectError(await mass('admin', 'contract', { action: 'update', ids: [id] }), 400, 'BAD_REQUEST').details[0].pointer).toBe('/values');
    expect(expectError(await mass('admin', 'contract', { action: 'owner', ids: [id], values: { owner: 7 } }), 400, 'BAD_REQUEST').details[0].pointer).toBe('/values/owner');
    expectError(await mass('admin', 'nope', { action: 'delete', ids: [id] }), 404, 'NOT_FOUND');
    const zh = expectError(await mass('admin', 'contract', { action: 'explode', ids: [id] }, 'zh-CN'), 400, 'BAD_REQUEST');
    expect(zh.message).toContain('必须');
  });

  it('refuses "__proto__" in values before any row is touched', async () => {
    const id = org.records.contract.admin[1];
    const before = await contractOf(id);
    const raw = `{"action":"update","ids":["${id}"],"values":{"__proto__":{"name":"polluted"},"status":"active"}}`;
    expectError(await mass('admin', 'contract', raw), 400, 'BAD_REQUEST');
    expect((await contractOf(id)).version).toBe(before.version);
  });
});

describe('REST mass change owner and delete', () => {
  it('a manager hands their team records to another rep', async () => {
    const ids = org.idsOf('opportunity', ['rep_a1']);
    const res = await mass('manager_a', 'opportunity', { action: 'owner', ids, values: { owner: org.users.rep_a2.id } });
    expect(res.body).toEqual({ done: ids, failed: [] });
    const admin = await org.ctx('admin');
    for (const id of ids) expect((await getRecord(admin, 'opportunity', id)).owner).toBe(org.users.rep_a2.id);
  });

  it('deletes what the caller may delete into the recycle bin; others are not found', async () => {
    const own = org.idsOf('contact', ['manager_b', 'rep_b1']);
    const other = org.records.contact.manager_a[0];
    const res = await mass('manager_b', 'contact', { action: 'delete', ids: [...own, other] });
    expect(res.body.done.sort()).toEqual([...own].sort());
    expect(res.body.failed).toEqual([expect.objectContaining({ id: other, code: 'NOT_FOUND' })]);
    const bin = await org.api('manager_b').get('/api/v1/recycle-bin/contact');
    expect(bin.body.records.map((r: { id: string }) => r.id).sort()).toEqual([...own].sort());
  });

  it('a user without the delete right on the object is refused once, with 403', async () => {
    expectError(await mass('rep_a1', 'account', { action: 'delete', ids: org.idsOf('account', ['rep_a1']) }), 403, 'FORBIDDEN');
  });
});

describe('parallel mass updates on overlapping rows', () => {
  it('two callers with the versions they saw: one winner per row, the other gets CONFLICT, nobody hangs', async () => {
    const ids = [...org.idsOf('account', ['rep_a1']), ...org.idsOf('account', ['rep_a2'])];
    const admin = await org.ctx('admin');
    const versions = Object.fromEntries(await Promise.all(ids.map(async (id) => [id, (await getRecord(admin, 'account', id)).version])));
    // The manager works down the list, the director up it: they meet in the middle.
    const [m, d] = await Promise.all([
      mass('manager_a', 'account', { action: 'update', ids, values: { phone: '+86 21 1111 1111' }, versions }),
      mass('director', 'account', { action: 'update', ids: [...ids].reverse(), values: { phone: '+86 21 2222 2222' }, versions }),
    ]);
    expect(m.status).toBe(200);
    expect(d.status).toBe(200);
    for (const id of ids) {
      const winners = [m, d].filter((r) => r.body.done.includes(id));
      const losers = [m, d].flatMap((r) => r.body.failed.filter((f: { id: string }) => f.id === id));
      expect(winners).toHaveLength(1);
      expect(losers.map((f: { code: string }) => f.code)).toEqual(['CONFLICT']);
      const phone = (await getRecord(admin, 'account', id)).phone;
      expect(phone).toBe(winners[0] === m ? '+86 21 1111 1111' : '+86 21 2222 2222');
    }
  }, 30_000);
});

describe('tRPC records.mass', () => {
  it('runs the same service: done and failed rows, messages in the session language', async () => {
    const own = org.idsOf('contact', ['rep_a2']);
    const res = await trpcMass('rep_a2', { object: 'contact', action: 'update', ids: [...own, MISSING], values: { title: 'Buyer' } }, 'zh-CN');
    expect(res.status).toBe(200);
    const data = res.body.result.data;
    expect(data.done.sort()).toEqual([...own].sort());
    expect(data.failed).toEqual([{ id: MISSING, code: 'NOT_FOUND', message: expect.stringMatching(/[\u4e00-\u9fff]/) }]);
  });

  it('refuses "__proto__" in values and a bad action with the shared error shape', async () => {
    const id = org.records.contract.admin[0];
    const raw = JSON.parse(`{"object":"contract","action":"update","ids":["${id}"],"values":{"__proto__":{"x":1}}}`);
    const res = await trpcMass('admin', raw);
    expect(res.status).toBe(400);
    expect(res.body.error.data.appError.details[0]).toMatchObject({ pointer: '/values/__proto__', code: 'mass.forbiddenKey' });
    const bad = await trpcMass('admin', { object: 'contract', action: 'nope', ids: [id] });
    expect(bad.body.error.data.appError.code).toBe('BAD_REQUEST');
  });
});
