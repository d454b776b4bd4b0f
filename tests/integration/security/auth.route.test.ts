/**
 * `POST /api/auth/login` as a browser or a script would call it: malformed bodies get typed 400/413/422
 * (never 500), an unknown address is answered and locked exactly like a known one, a client address
 * that keeps failing is throttled with Retry-After, `X-Forwarded-For` counts only behind trusted
 * proxies, and a user's usual address gets through a lock someone else caused.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');

const { POST } = await import('../../../app/api/auth/login/route');
const { getPrisma } = await import('../../../platform/db/prisma');
const { LOCKOUT_MINUTES, MAX_FAILED_LOGINS, MAX_FAILED_PER_IP } = await import('../../../platform/security/sessions');
const { stillHasPassword } = await import('../../../platform/security/users');
const { hashPassword } = await import('../../../platform/security/passwords');
const { createTestWorkspace } = await import('../../support/workspace');

const PASSWORD = 'correct horse battery';
type Tw = Awaited<ReturnType<typeof createTestWorkspace>>;
let tw: Tw;
const prisma = () => getPrisma(inject('databaseUrl'));

beforeAll(async () => {
  tw = await createTestWorkspace('login_route');
});

afterEach(() => {
  delete process.env.TESSERA_TRUSTED_PROXIES;
});

interface Sent {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
  body: any;
}

/** POST to the login route; a string body is sent as is, anything else as JSON. */
async function signIn(body: unknown, headers: Record<string, string> = {}, init: RequestInit = {}): Promise<Sent> {
  const res = await POST(
    new Request('http://localhost/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      ...init,
    }),
  );
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

const randomIp = () => `10.${[0, 0, 0].map(() => randomBytes(1)[0] % 250).join('.')}`;
const unknownEmail = () => `nobody.${randomBytes(4).toString('hex')}@example.test`;

describe('malformed sign-in bodies get typed errors, never 500', () => {
  it.each([
    ['null', 'null', 400, 'BAD_REQUEST'],
    ['an array', '[{"email":"a@b.c","password":"x"}]', 400, 'BAD_REQUEST'],
    ['a number', '42', 400, 'BAD_REQUEST'],
    ['a string', '"admin"', 400, 'BAD_REQUEST'],
    ['not JSON', '{email: oops', 400, 'BAD_REQUEST'],
    ['an empty body', '', 400, 'BAD_REQUEST'],
    ['numbers for fields', '{"email": 1, "password": 2}', 422, 'VALIDATION_FAILED'],
    ['missing fields', '{}', 422, 'VALIDATION_FAILED'],
    ['a blank email', '{"email": "  ", "password": "x"}', 422, 'VALIDATION_FAILED'],
    ['a proto key', '{"__proto__": {"email": "x@y.z"}, "password": "x"}', 422, 'VALIDATION_FAILED'],
  ])('%s', async (_label, body, status, code) => {
    const res = await signIn(body);
    expect({ status: res.status, code: res.body.error.code }).toEqual({ status, code });
    expect(res.body.error.details.length).toBeGreaterThan(0);
  });

  it('names each missing field', async () => {
    const res = await signIn({ email: 7 });
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['email', 'password']);
    expect((await signIn({ email: 'a@b.c' }, { 'accept-language': 'zh-CN' })).body.error.message).toBe('请输入密码（文本，最多 1024 个字符）');
  });

  it('refuses more than 16 KB with 413, by its declared length or while streaming one without a length', async () => {
    const big = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(20_000) });
    const declared = await signIn(big);
    expect({ status: declared.status, code: declared.body.error.code }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    // A stream that never ends: reading stops at the limit instead of buffering it all.
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 4096;
        controller.enqueue(new Uint8Array(4096).fill(0x20));
      },
    });
    const streamed = await signIn('', {}, { body: endless, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(64 * 1024);
  });

  it('refuses bytes that are not UTF-8', async () => {
    const res = await signIn('', {}, { body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) });
    expect({ status: res.status, code: res.body.error.code }).toEqual({ status: 400, code: 'BAD_REQUEST' });
  });
});

describe('an unknown address is answered exactly like a known one', () => {
  it('same status, body and headers for every attempt, locked after the same count, with Retry-After', async () => {
    const known = await tw.addUser('Enumerated');
    const unknown = unknownEmail();
    const comparable = (r: Sent) => ({ status: r.status, body: r.body, retryAfter: r.headers.get('retry-after') !== null, setCookie: r.headers.get('set-cookie') });
    for (let i = 1; i <= MAX_FAILED_LOGINS + 1; i++) {
      const a = await signIn({ email: known.email, password: 'wrong' });
      const b = await signIn({ email: unknown, password: 'wrong' });
      expect(comparable(b), `attempt ${i}`).toEqual(comparable(a));
      expect(a.status).toBe(i < MAX_FAILED_LOGINS ? 401 : 429);
    }
    const locked = await signIn({ email: known.email, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({ code: 'RATE_LIMITED', message: `Too many failed sign-ins: this account is locked for ${LOCKOUT_MINUTES} minutes` });
    const retry = Number(locked.headers.get('retry-after'));
    expect(retry).toBeGreaterThan((LOCKOUT_MINUTES - 1) * 60);
    expect(retry).toBeLessThanOrEqual(LOCKOUT_MINUTES * 60);
    // The unknown address's lock is just as long.
    expect(Math.abs(Number((await signIn({ email: unknown, password: PASSWORD })).headers.get('retry-after')) - retry)).toBeLessThanOrEqual(2);
  });

  it('an inactive user with the right password gets the same 401 as a wrong password', async () => {
    const u = await tw.addUser('Inactive');
    await prisma().user.update({ where: { id: u.id }, data: { active: false } });
    const inactive = await signIn({ email: u.email, password: PASSWORD });
    const unknown = await signIn({ email: unknownEmail(), password: PASSWORD });
    expect(inactive.body).toEqual(unknown.body);
    expect(inactive.status).toBe(401);
  });
});

describe('client addresses', () => {
  async function lastEvent(email: string) {
    return prisma().loginEvent.findFirstOrThrow({ where: { email }, orderBy: { at: 'desc' } });
  }

  it('ignores X-Forwarded-For unless TESSERA_TRUSTED_PROXIES says how many proxies set it', async () => {
    const u = await tw.addUser('Forwarded');
    await signIn({ email: u.email, password: 'wrong' }, { 'x-forwarded-for': '203.0.113.9' });
    expect((await lastEvent(u.email)).ip).toBeNull();
    process.env.TESSERA_TRUSTED_PROXIES = '1';
    await signIn({ email: u.email, password: 'wrong' }, { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' });
    expect((await lastEvent(u.email)).ip).toBe('198.51.100.7');
    process.env.TESSERA_TRUSTED_PROXIES = '2';
    await signIn({ email: u.email, password: PASSWORD }, { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' });
    expect((await lastEvent(u.email)).ip).toBe('203.0.113.9');
  });

  it(`throttles an address after ${MAX_FAILED_PER_IP} failures with 429 and Retry-After, while others still sign in`, async () => {
    process.env.TESSERA_TRUSTED_PROXIES = '1';
    const flooder = randomIp();
    const u = await tw.addUser('Flooded');
    // Spread over many addresses, so no single account locks before the address does.
    for (let i = 0; i < MAX_FAILED_PER_IP; i++) {
      expect((await signIn({ email: unknownEmail(), password: 'wrong' }, { 'x-forwarded-for': flooder })).status).toBe(401);
    }
    const throttled = await signIn({ email: u.email, password: PASSWORD }, { 'x-forwarded-for': flooder });
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.details[0].code).toBe('auth.throttled');
    expect(throttled.body.error.message).toMatch(/^Too many failed sign-ins from your network/);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(60);
    // The account was never touched, and another address gets in.
    expect((await signIn({ email: u.email, password: PASSWORD }, { 'x-forwarded-for': randomIp() })).status).toBe(200);
  });

  it('a user signing in from an address they used before gets through a lock set from elsewhere', async () => {
    process.env.TESSERA_TRUSTED_PROXIES = '1';
    const u = await tw.addUser('Usual Place');
    const office = randomIp();
    expect((await signIn({ email: u.email, password: PASSWORD }, { 'x-forwarded-for': office })).status).toBe(200);
    const attacker = randomIp();
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await signIn({ email: u.email, password: 'guess' }, { 'x-forwarded-for': attacker });
    expect((await signIn({ email: u.email, password: PASSWORD }, { 'x-forwarded-for': attacker })).status).toBe(429);
    expect((await signIn({ email: u.email, password: PASSWORD }, { 'x-forwarded-for': randomIp() })).status).toBe(429);
    // From the office: a wrong password is just wrong, the right one signs in and lifts the lock.
    expect((await signIn({ email: u.email, password: 'typo' }, { 'x-forwarded-for': office })).status).toBe(401);
    const ok = await signIn({ email: u.email, password: PASSWORD }, { 'x-forwarded-for': office });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toMatch(/tessera_session=/);
    expect((await prisma().user.findUniqueOrThrow({ where: { id: u.id } })).lockedUntil).toBeNull();
  });
});

describe('the demo sign-in hint', () => {
  it('is shown only while the user still has that password', async () => {
    const u = await tw.addUser('Demo Admin', { password: 'Demo#Password1' });
    expect(await stillHasPassword(prisma(), u.email, 'Demo#Password1')).toBe(true);
    expect(await stillHasPassword(prisma(), u.email, 'something else')).toBe(false);
    expect(await stillHasPassword(prisma(), unknownEmail(), 'Demo#Password1')).toBe(false);
    const other = await tw.addUser('Changed Admin', { password: 'Demo#Password2' });
    await prisma().user.update({ where: { id: other.id }, data: { passwordHash: await hashPassword('a private one') } });
    expect(await stillHasPassword(prisma(), other.email, 'Demo#Password2')).toBe(false);
  });
});
