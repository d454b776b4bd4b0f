/**
 * The caller of a request is remembered between requests (security/principalCache.ts) and
 * forgotten the moment something about them changes: a revoked key, a logout, a deactivated user,
 * a new language, a metadata change all take effect on the very next request, on every app server
 * (they hear it from Postgres). While an app server cannot hear, it remembers nothing.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { getPool, withTransaction } from '../../../platform/db/pool';
import { getPrisma } from '../../../platform/db/prisma';
import { listenerFor } from '../../../platform/db/listen';
import * as designer from '../../../platform/metadata/designer';
import { revokeApiKey, createApiKey } from '../../../platform/security/apiKeys';
import { login, logout, SESSION_COOKIE } from '../../../platform/security/sessions';
import { apiClient, send, type ApiClient } from '../api/api';

process.env.DATABASE_URL = inject('databaseUrl');

let api: ApiClient;
const pool = () => getPool(inject('databaseUrl'));
const prisma = () => getPrisma(inject('databaseUrl'));

/** Wait until this process listens for changes (it starts on first use). */
async function listening(): Promise<void> {
  for (let i = 0; i < 200 && !listenerFor(pool()).listening; i++) await new Promise((r) => setTimeout(r, 25));
  expect(listenerFor(pool()).listening).toBe(true);
}

/** The status of the next request for `key`, retried briefly: a notice takes a moment to arrive. */
async function statusSoon(path: string, opts: Parameters<typeof send>[2], want: number): Promise<number> {
  let status = 0;
  for (let i = 0; i < 100; i++) {
    status = (await send('GET', path, opts)).status;
    if (status === want) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return status;
}

/** Revoke a key without the notice (triggers off for this one connection only): what an app server would miss. */
async function revokeUnheard(id: string): Promise<void> {
  await withTransaction(pool(), async (client) => {
    await client.query(`SET LOCAL session_replication_role = replica`);
    await client.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [id]);
  });
}

beforeAll(async () => {
  api = await apiClient('pcache');
  await api.get('/api/v1/records/account?limit=1');
  await listening();
});

describe('who is calling, remembered and forgotten', () => {
  it('remembers a key between requests, and forgets it when the key is revoked', async () => {
    const user = await api.tw.addUser('Key holder');
    // Revoked without the notice, the key is still remembered: the memory is real... Other test
    // files share the database, and any notice of theirs (a user changed) makes every server
    // forget; such a round proves nothing, so it is tried again.
    let remembered = 0;
    for (let round = 0; round < 5 && !remembered; round++) {
      const { id, key } = await createApiKey(prisma(), user.id, `k${round}`);
      expect((await send('GET', '/api/v1/records/account?limit=1', { key })).status).toBe(200);
      const epoch = listenerFor(pool()).epoch;
      await revokeUnheard(id);
      const status = (await send('GET', '/api/v1/records/account?limit=1', { key })).status;
      if (listenerFor(pool()).epoch === epoch) remembered = status;
    }
    expect(remembered).toBe(200);
    // ...and with it, revoking takes effect on the next request.
    const { id: id2, key: key2 } = await createApiKey(prisma(), user.id, 'k2');
    expect((await send('GET', '/api/v1/records/account?limit=1', { key: key2 })).status).toBe(200);
    await revokeApiKey(prisma(), id2);
    expect(await statusSoon('/api/v1/records/account?limit=1', { key: key2 }, 401)).toBe(401);
  });

  it('forgets a session at logout and a user when deactivated', async () => {
    const user = await api.tw.addUser('Session holder', { password: 'correct horse battery' });
    const res = await login(prisma(), user.email, 'correct horse battery');
    if (!res.ok) throw new Error('login failed');
    const cookie = { headers: { cookie: `${SESSION_COOKIE}=${res.token}` } };
    expect((await send('GET', '/api/v1/records/account?limit=1', cookie)).status).toBe(200);
    await logout(prisma(), res.token);
    expect(await statusSoon('/api/v1/records/account?limit=1', cookie, 401)).toBe(401);

    const { key } = await createApiKey(prisma(), user.id, 'k');
    expect((await send('GET', '/api/v1/records/account?limit=1', { key })).status).toBe(200);
    await prisma().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await statusSoon('/api/v1/records/account?limit=1', { key }, 401)).toBe(401);
  });

  it('answers in the language a user just chose, and with a field an admin just added', async () => {
    const user = await api.tw.addUser('Linguist');
    const { key } = await createApiKey(prisma(), user.id, 'k');
    const missing = await send('GET', '/api/v1/records/no_such_object', { key });
    expect(missing.status).toBe(404);
    const english = missing.body.error.message;
    await prisma().user.update({ where: { id: user.id }, data: { locale: 'zh-CN' } });
    let chinese = english;
    for (let i = 0; i < 100 && chinese === english; i++) {
      chinese = (await send('GET', '/api/v1/records/no_such_object', { key })).body.error.message;
      if (chinese === english) await new Promise((r) => setTimeout(r, 20));
    }
    expect(chinese).toMatch(/[\u4e00-\u9fff]/);

    await designer.saveField(
      { pool: pool(), workspace: api.tw.workspace, userId: api.tw.admin.id },
      'account',
      { name: 'fresh_note', type: 'text', label: { en: 'Fresh', zh: '新' } },
      'create',
    );
    const rec = await api.post('/api/v1/records/account', { name: 'With a fresh note', fresh_note: 'hello' });
    expect(rec.status).toBe(201);
    expect(rec.body.record.fresh_note).toBe('hello');
  });

  it('remembers nothing while it cannot hear, and starts again when it can', async () => {
    const user = await api.tw.addUser('Deaf period');
    const { id, key } = await createApiKey(prisma(), user.id, 'k');
    expect((await send('GET', '/api/v1/records/account?limit=1', { key })).status).toBe(200);
    // Cut this process's listening connection (and, harmlessly, those of other test files).
    await pool().query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'tessera-listen'`);
    for (let i = 0; i < 100 && listenerFor(pool()).listening; i++) await new Promise((r) => setTimeout(r, 10));
    expect(listenerFor(pool()).listening).toBe(false);
    // Revoked without a notice, the key is refused at once all the same: nothing was remembered.
    // (Listening again, the process starts from nothing too.)
    await revokeUnheard(id);
    expect((await send('GET', '/api/v1/records/account?limit=1', { key })).status).toBe(401);
    await listening();
    const again = await createApiKey(prisma(), user.id, 'k2');
    expect((await send('GET', '/api/v1/records/account?limit=1', { key: again.key })).status).toBe(200);
  });
});
