/**
 * Cross-site writes with the session cookie: a page on another site can make the browser send a
 * POST with the cookie and a text/plain or form body, and (with JSON) an Origin naming itself. Each
 * is refused with 403 and nothing changes; the same request from the app's own origin works; an API
 * key is not affected. Covered: records create, restore, an approval action, a tRPC mutation,
 * sign-in, sign-out and the language switch.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');
process.env.TESSERA_QUIET_OUTBOX = '1';

const { createRecord, deleteRecord, getRecord } = await import('../../../platform/data');
const { submitForApproval } = await import('../../../platform/approvals/engine');
const { getPrisma } = await import('../../../platform/db/prisma');
const { getPool } = await import('../../../platform/db/pool');
const { createApiKey } = await import('../../../platform/security/apiKeys');
const { login, SESSION_COOKIE, sessionPrincipal } = await import('../../../platform/security/sessions');
const { send, filterParam, clientFor } = await import('../api/api');
const { approvalOrg } = await import('../approvals/org');
const trpcRoute = await import('../../../app/api/trpc/[trpc]/route');
const loginRoute = await import('../../../app/api/auth/login/route');
const logoutRoute = await import('../../../app/api/auth/logout/route');
const localeRoute = await import('../../../app/api/locale/route');

type Org = Awaited<ReturnType<typeof approvalOrg>>;
let org: Org;
let cookie = '';
let repCookie = '';
let keyClient: ReturnType<typeof clientFor>;

const PASSWORD = 'correct horse battery';
const SAME = { origin: 'http://localhost', host: 'localhost' };

/** The ways a request can arrive: from another site (three shapes), from the app itself. */
const CROSS_SITE: [string, Record<string, string>][] = [
  ['text/plain from another site (a form or no-cors fetch)', { 'content-type': 'text/plain', origin: 'https://evil.example', host: 'localhost' }],
  ['text/plain even from our own origin', { 'content-type': 'text/plain', ...SAME }],
  ['a form encoding', { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site', host: 'localhost' }],
  ['JSON with a cross-site Origin', { 'content-type': 'application/json', origin: 'https://evil.example', host: 'localhost' }],
  [
    'JSON from a sibling subdomain (Sec-Fetch-Site: same-site)',
    { 'content-type': 'application/json', 'sec-fetch-site': 'same-site', origin: 'https://evil.localhost', host: 'localhost' },
  ],
  ['JSON with Origin: null (a sandboxed frame)', { 'content-type': 'application/json', origin: 'null', host: 'localhost' }],
];

beforeAll(async () => {
  org = await approvalOrg('csrf');
  const prisma = getPrisma(org.tw.url);
  cookie = `${SESSION_COOKIE}=${((await login(prisma, org.tw.admin.email, PASSWORD)) as { token: string }).token}`;
  repCookie = `${SESSION_COOKIE}=${((await login(prisma, org.users.rep.email, PASSWORD)) as { token: string }).token}`;
  keyClient = clientFor(org.tw, (await createApiKey(prisma, org.tw.admin.id, 'csrf')).key);
});

function expectCsrf(res: { status: number; body: { error: { code: string; details: { code: string }[] } } }) {
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('FORBIDDEN');
  expect(res.body.error.details[0].code).toBe('csrf');
}

async function leadsNamed(name: string): Promise<number> {
  return (await keyClient.get(`/api/v1/records/lead?${filterParam({ field: 'name', op: 'eq', value: name })}`)).body.records.length;
}

describe('REST records with the session cookie', () => {
  it.each(CROSS_SITE)('create: %s is refused and creates nothing', async (_label, headers) => {
    const name = `Csrf ${randomBytes(3).toString('hex')}`;
    const res = await send('POST', '/api/v1/records/lead', { auth: null, headers: { cookie, ...headers }, body: JSON.stringify({ name }) });
    expectCsrf(res);
    expect(await leadsNamed(name)).toBe(0);
  });

  it('create: JSON from our own origin (or a same-origin fetch) works', async () => {
    const name = `Same ${randomBytes(3).toString('hex')}`;
    const byOrigin = await send('POST', '/api/v1/records/lead', { auth: null, headers: { cookie, ...SAME }, body: { name } });
    expect(byOrigin.status).toBe(201);
    const byFetchMetadata = await send('POST', '/api/v1/records/lead', { auth: null, headers: { cookie, 'sec-fetch-site': 'same-origin' }, body: { name } });
    expect(byFetchMetadata.status).toBe(201);
    expect(await leadsNamed(name)).toBe(2);
  });

  it('create: an API key is not affected by Origin or Content-Type rules', async () => {
    const name = `Key ${randomBytes(3).toString('hex')}`;
    const res = await keyClient.post('/api/v1/records/lead', { name }, { headers: { origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(201);
  });

  it('restore: refused cross-site (the record stays in the recycle bin), works from our origin', async () => {
    const ctx = await org.ctx('admin');
    const id = String((await createRecord(ctx, 'account', { name: `Binned ${randomBytes(3).toString('hex')}` })).id);
    await deleteRecord(ctx, 'account', id);
    const path = `/api/v1/records/account/${id}/restore`;
    expectCsrf(await send('POST', path, { auth: null, headers: { cookie, 'sec-fetch-site': 'cross-site' } }));
    expectCsrf(await send('POST', path, { auth: null, headers: { cookie, 'content-type': 'text/plain', ...SAME }, body: '{}' }));
    await expect(getRecord(ctx, 'account', id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // No body at all (what the app's own buttons send) from the same origin.
    expect((await send('POST', path, { auth: null, headers: { cookie, 'sec-fetch-site': 'same-origin', 'content-length': '0' } })).status).toBe(200);
    expect((await getRecord(ctx, 'account', id)).id).toBe(id);
  });

  it('approval action: a cross-site recall is refused and the request stays pending; the same recall from our origin works', async () => {
    const rep = await org.ctx('rep');
    const account = String((await createRecord(rep, 'account', { name: 'Csrf Approval Co' })).id);
    const expense = String((await createRecord(rep, 'expense', { amount: 5000, type: 'marketing', date: '2026-11-20', account })).id);
    const { requestId } = await submitForApproval(rep, 'expense', expense);
    const path = `/api/v1/approvals/${requestId}/recall`;
    expectCsrf(await send('POST', path, { auth: null, headers: { cookie: repCookie, 'content-type': 'text/plain', origin: 'https://evil.example' }, body: '{"comment":"x"}' }));
    expectCsrf(await send('POST', path, { auth: null, headers: { cookie: repCookie, origin: 'https://evil.example', host: 'localhost' }, body: { comment: 'x' } }));
    const state = await send('GET', `/api/v1/records/expense/${expense}/approval`, { auth: null, headers: { cookie: repCookie } });
    expect(state.body.current.status).toBe('pending');
    const ok = await send('POST', path, { auth: null, headers: { cookie: repCookie, ...SAME }, body: { comment: 'mine' } });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('recalled');
  });

  it('reads (GET) with the cookie are not affected', async () => {
    expect((await send('GET', '/api/v1/records/lead?limit=1', { auth: null, headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } })).status).toBe(
      200,
    );
  });

  it('refuses in Chinese when asked', async () => {
    const res = await send('POST', '/api/v1/records/lead', { auth: null, lang: 'zh-CN', headers: { cookie, 'content-type': 'text/plain' }, body: '{}' });
    expect(res.body.error.message).toBe('请求已被拒绝：浏览器提交的修改必须使用 JSON 格式（Content-Type: application/json）');
  });
});

describe('tRPC mutations with the session cookie', () => {
  async function create(headers: Record<string, string>, name: string) {
    const res = await trpcRoute.POST(
      new Request('http://localhost/api/trpc/records.create', {
        method: 'POST',
        headers: { cookie, ...headers },
        body: JSON.stringify({ object: 'lead', values: { name } }),
      }),
    );
    return { status: res.status, body: await res.json() };
  }

  it.each(CROSS_SITE)("%s is refused in tRPC's error shape and creates nothing", async (_label, headers) => {
    const name = `Trpc ${randomBytes(3).toString('hex')}`;
    const res = await create(headers, name);
    expect(res.status).toBe(403);
    expect(res.body.error.data.appError).toMatchObject({ code: 'FORBIDDEN', details: [{ code: 'csrf' }] });
    expect(await leadsNamed(name)).toBe(0);
  });

  it("a batch (as the app's client sends) is refused call by call", async () => {
    const name = `Batch ${randomBytes(3).toString('hex')}`;
    const input = { object: 'lead', values: { name } };
    const res = await trpcRoute.POST(
      new Request('http://localhost/api/trpc/records.create,records.create?batch=1', {
        method: 'POST',
        headers: { cookie, 'content-type': 'text/plain', origin: 'https://evil.example' },
        body: JSON.stringify({ 0: input, 1: input }),
      }),
    );
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.map((r: { error: { data: { appError: { details: { code: string }[] } } } }) => r.error.data.appError.details[0].code)).toEqual(['csrf', 'csrf']);
    expect(await leadsNamed(name)).toBe(0);
  });

  it("the app's own JSON mutation works, and queries (GET) are not affected", async () => {
    const name = `Trpc ${randomBytes(3).toString('hex')}`;
    expect((await create({ 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }, name)).status).toBe(200);
    expect(await leadsNamed(name)).toBe(1);
    const query = await trpcRoute.GET(new Request('http://localhost/api/trpc/meta.session', { headers: { cookie, 'sec-fetch-site': 'cross-site' } }));
    expect(query.status).toBe(200);
  });
});

describe('sign-in, sign-out and the language switch', () => {
  const post = (route: { POST: (req: Request) => Promise<Response> }, path: string, headers: Record<string, string>, body?: string) =>
    route.POST(new Request(`http://localhost${path}`, { method: 'POST', headers, body }));

  it.each(CROSS_SITE)('sign-in: %s is refused and opens no session', async (_label, headers) => {
    const before = await getPrisma(org.tw.url).session.count({ where: { userId: org.users.gm.id } });
    const res = await post(loginRoute, '/api/auth/login', headers, JSON.stringify({ email: org.users.gm.email, password: PASSWORD }));
    expectCsrf({ status: res.status, body: await res.json() });
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await getPrisma(org.tw.url).session.count({ where: { userId: org.users.gm.id } })).toBe(before);
  });

  it('sign-in from our own origin works', async () => {
    const res = await post(loginRoute, '/api/auth/login', { 'content-type': 'application/json', ...SAME }, JSON.stringify({ email: org.users.gm.email, password: PASSWORD }));
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/tessera_session=/);
  });

  it('sign-out: refused cross-site (the session lives on), works from our origin with no body', async () => {
    const token = ((await login(getPrisma(org.tw.url), org.users.director.email, PASSWORD)) as { token: string }).token;
    const own = `${SESSION_COOKIE}=${token}`;
    expectCsrf(await post(logoutRoute, '/api/auth/logout', { cookie: own, 'sec-fetch-site': 'cross-site' }).then(async (r) => ({ status: r.status, body: await r.json() })));
    expectCsrf(
      await post(logoutRoute, '/api/auth/logout', { cookie: own, 'content-type': 'text/plain', origin: 'https://evil.example', host: 'localhost' }, 'x').then(async (r) => ({
        status: r.status,
        body: await r.json(),
      })),
    );
    expect(await sessionPrincipal(getPool(org.tw.url), token)).not.toBeNull();
    expect((await post(logoutRoute, '/api/auth/logout', { cookie: own, 'sec-fetch-site': 'same-origin', 'content-length': '0' })).status).toBe(200);
    expect(await sessionPrincipal(getPool(org.tw.url), token)).toBeNull();
  });

  it('language switch: refused cross-site (no cookie set), works from our origin; a bad body is a 400', async () => {
    const refused = await post(localeRoute, '/api/locale', { 'content-type': 'text/plain', origin: 'https://evil.example', host: 'localhost' }, '{"locale":"zh-CN"}');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('set-cookie')).toBeNull();
    const ok = await post(localeRoute, '/api/locale', { 'content-type': 'application/json', ...SAME }, '{"locale":"zh-CN"}');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toMatch(/tessera_locale=zh-CN/);
    expect((await post(localeRoute, '/api/locale', { 'content-type': 'application/json', ...SAME }, 'null')).status).toBe(400);
  });
});
