/**
 * The one language rule on every channel (platform/core/locale.ts): the user's stored choice, then
 * the browser's Accept-Language, then English. The language cookie speaks only for a visitor who
 * is not signed in; the switch of a signed-in user stores their choice; signing in remembers the
 * browser's language for notifications. A number field given "12abc" is refused, never coerced.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');

const trpcRoute = await import('../../../app/api/trpc/[trpc]/route');
const loginRoute = await import('../../../app/api/auth/login/route');
const localeRoute = await import('../../../app/api/locale/route');
const { getPrisma } = await import('../../../platform/db/prisma');
const { createApiKey } = await import('../../../platform/security/apiKeys');
const { login, SESSION_COOKIE } = await import('../../../platform/security/sessions');
const { apiClient, clientFor, expectError } = await import('./api');

type Api = Awaited<ReturnType<typeof apiClient>>;
const PASSWORD = 'correct horse battery';
const SAME = { origin: 'http://localhost', host: 'localhost', 'content-type': 'application/json' };
const BAD = { name: 'X', employees: 'x' };
const ZH = '员工人数必须是整数';
const EN = 'Employees must be a whole number';

let api: Api;
let unchosen: { id: string; email: string; cookie: string; rest: Api };
let chosenEn: { id: string; email: string; cookie: string; rest: Api };

async function userWith(name: string, locale: string | null) {
  const u = await api.tw.addUser(name, { permissionSets: ['sales_rep'] });
  await getPrisma(api.tw.url).user.update({ where: { id: u.id }, data: { locale } });
  const session = (await login(getPrisma(api.tw.url), u.email, PASSWORD)) as { token: string };
  const { id, key } = await createApiKey(getPrisma(api.tw.url), u.id, name);
  return { id: u.id, email: u.email, cookie: `${SESSION_COOKIE}=${session.token}`, rest: clientFor(api.tw, key, id) };
}

/** The message of a failing record create over tRPC. */
async function trpcMessage(cookie: string, headers: Record<string, string> = {}) {
  const res = await trpcRoute.POST(
    new Request('http://localhost/api/trpc/records.create', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ object: 'account', values: BAD }),
    }),
  );
  const body = await res.json();
  return body.error?.data?.appError?.message as string;
}

const storedLocale = async (id: string) => (await getPrisma(api.tw.url).user.findUniqueOrThrow({ where: { id } })).locale;

beforeAll(async () => {
  api = await apiClient('lang');
  unchosen = await userWith('Unchosen', null);
  chosenEn = await userWith('Chosen En', 'en');
});

describe('REST', () => {
  it.each([
    ['browser beats the default', () => unchosen.rest.post('/api/v1/records/account', BAD, { lang: 'zh-CN,zh;q=0.9' }), ZH],
    ['the first shipped language by weight', () => unchosen.rest.post('/api/v1/records/account', BAD, { lang: 'fr-FR, zh-CN;q=0.8, en;q=0.5' }), ZH],
    ['no header: English', () => unchosen.rest.post('/api/v1/records/account', BAD), EN],
    ['stored beats browser', () => chosenEn.rest.post('/api/v1/records/account', BAD, { lang: 'zh-CN' }), EN],
  ])('%s', async (_, send, message) => {
    expect(expectError(await send(), 422, 'VALIDATION_FAILED').message).toBe(message);
  });

  it('a number field given "12abc" is a 422 naming the field, and nothing is saved', async () => {
    const before = (await api.get('/api/v1/records/opportunity?limit=200')).body.records.length;
    const res = await api.post('/api/v1/records/opportunity', { name: 'Typo deal', amount: '12abc', probability: 'abc' }, { lang: 'zh-CN' });
    const error = expectError(res, 422, 'VALIDATION_FAILED');
    expect(
      error.details
        .filter((d) => d.field === 'amount' || d.field === 'probability')
        .map((d) => d.field)
        .sort(),
    ).toEqual(['amount', 'probability']);
    expect((await api.get('/api/v1/records/opportunity?limit=200')).body.records.length).toBe(before);
  });
});

describe('tRPC', () => {
  it('browser beats the default; the cookie never overrides a signed-in user', async () => {
    expect(await trpcMessage(unchosen.cookie, { 'accept-language': 'zh-CN' })).toBe(ZH);
    expect(await trpcMessage(unchosen.cookie)).toBe(EN);
    expect(await trpcMessage(`${unchosen.cookie}; tessera_locale=en`, { 'accept-language': 'zh-CN' })).toBe(ZH);
  });

  it('stored beats browser and cookie', async () => {
    expect(await trpcMessage(`${chosenEn.cookie}; tessera_locale=zh-CN`, { 'accept-language': 'zh-CN' })).toBe(EN);
  });
});

describe('the language switch and sign-in', () => {
  it('signed in, the switch stores the choice, which every channel then follows', async () => {
    const u = await userWith('Switcher', null);
    const res = await localeRoute.POST(new Request('http://localhost/api/locale', { method: 'POST', headers: { ...SAME, cookie: u.cookie }, body: '{"locale":"zh-CN"}' }));
    expect(res.status).toBe(200);
    expect(await storedLocale(u.id)).toBe('zh-CN');
    expect(await trpcMessage(u.cookie, { 'accept-language': 'en' })).toBe(ZH);
    expect(expectError(await u.rest.post('/api/v1/records/account', BAD, { lang: 'en' }), 422, 'VALIDATION_FAILED').message).toBe(ZH);
  });

  it('signed out, the switch only sets the cookie', async () => {
    const res = await localeRoute.POST(new Request('http://localhost/api/locale', { method: 'POST', headers: SAME, body: '{"locale":"zh-CN"}' }));
    expect(res.headers.get('set-cookie')).toMatch(/tessera_locale=zh-CN/);
  });

  it("signing in remembers the browser's language, and a language picked on the login page becomes the choice", async () => {
    const browserOnly = await api.tw.addUser('Browser Only', { permissionSets: ['sales_rep'] });
    const signIn = (email: string, headers: Record<string, string>) =>
      loginRoute.POST(new Request('http://localhost/api/auth/login', { method: 'POST', headers: { ...SAME, ...headers }, body: JSON.stringify({ email, password: PASSWORD }) }));
    expect((await signIn(browserOnly.email, { 'accept-language': 'zh-CN,zh;q=0.9' })).status).toBe(200);
    const row = await getPrisma(api.tw.url).user.findUniqueOrThrow({ where: { id: browserOnly.id } });
    expect({ locale: row.locale, browserLocale: row.browserLocale }).toEqual({ locale: null, browserLocale: 'zh-CN' });

    const picked = await api.tw.addUser('Picked', { permissionSets: ['sales_rep'] });
    expect((await signIn(picked.email, { cookie: 'tessera_locale=zh-CN', 'accept-language': 'en' })).status).toBe(200);
    expect(await storedLocale(picked.id)).toBe('zh-CN');
    // An earlier choice is kept: the login page's cookie does not overwrite it.
    expect((await signIn(chosenEn.email, { cookie: 'tessera_locale=zh-CN' })).status).toBe(200);
    expect(await storedLocale(chosenEn.id)).toBe('en');
  });

  it('a sign-in refused is worded in the browser language (or the login page cookie)', async () => {
    const res = await loginRoute.POST(
      new Request('http://localhost/api/auth/login', {
        method: 'POST',
        headers: { ...SAME, 'accept-language': 'zh-CN' },
        body: JSON.stringify({ email: 'nobody@example.test', password: 'x' }),
      }),
    );
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
