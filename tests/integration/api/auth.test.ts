/**
 * 401 on every REST route: no credentials, a malformed or unknown key, a revoked key, a key of a
 * deactivated user — always the shared error shape plus `WWW-Authenticate: Bearer`, and before any
 * other check (so nothing about objects or records leaks to strangers).
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { getPrisma } from '../../../platform/db/prisma';
import { setUserActive } from '../../../platform/security/admin/users';
import { createApiKey, revokeApiKey } from '../../../platform/security/apiKeys';
import { apiClient, clientFor, expectError, send, type ApiClient, type ApiResponse } from './api';

process.env.DATABASE_URL = inject('databaseUrl');

let api: ApiClient;
let accountId: string;

beforeAll(async () => {
  api = await apiClient('rest_auth');
  const res = await api.post('/api/v1/records/account', { name: 'Auth test account' });
  expect(res.status).toBe(201);
  accountId = res.body.record.id;
});

function expectUnauthenticated(res: ApiResponse, detailCode: string) {
  const error = expectError(res, 401, 'UNAUTHENTICATED');
  expect(res.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
  expect(error.details.map((d) => d.code)).toEqual([detailCode]);
  return error;
}

describe('every route requires a key', () => {
  const routes: [string, () => Promise<ApiResponse>][] = [
    ['GET objects', () => send('GET', '/api/v1/objects')],
    ['GET objects/account', () => send('GET', '/api/v1/objects/account')],
    ['GET openapi.json', () => send('GET', '/api/v1/openapi.json')],
    ['GET records/account', () => send('GET', '/api/v1/records/account')],
    ['POST records/account', () => send('POST', '/api/v1/records/account', { body: { name: 'Intruder' } })],
    ['GET records/account/{id}', () => send('GET', `/api/v1/records/account/${accountId}`)],
    ['PATCH records/account/{id}', () => send('PATCH', `/api/v1/records/account/${accountId}`, { body: { name: 'Intruder' } })],
    ['DELETE records/account/{id}', () => send('DELETE', `/api/v1/records/account/${accountId}`)],
    ['POST records/account/{id}/restore', () => send('POST', `/api/v1/records/account/${accountId}/restore`)],
    ['GET recycle-bin/account', () => send('GET', '/api/v1/recycle-bin/account')],
    ['GET an unknown object (401 before 404)', () => send('GET', '/api/v1/records/nope')],
    ['POST a malformed body (401 before 400)', () => send('POST', '/api/v1/records/account', { body: '{oops' })],
    ['GET with a malformed filter (401 before 400)', () => send('GET', '/api/v1/records/account?filter=%7Boops')],
  ];

  it.each(routes)('%s without credentials answers 401', async (_label, call) => {
    const error = expectUnauthenticated(await call(), 'auth.required');
    expect(error.message).toBe('Sign in required');
  });

  it('left the record untouched', async () => {
    expect((await api.get(`/api/v1/records/account/${accountId}`)).body.record).toMatchObject({ name: 'Auth test account', version: 1 });
  });
});

describe('bad keys', () => {
  it.each([
    ['an unknown key', () => `Bearer tsk_${randomUUID().replace(/-/g, '')}`],
    ['a key without the tsk_ prefix', () => `Bearer ${randomUUID()}`],
    ['a bearer with no key', () => 'Bearer'],
    ['a bearer with an empty key', () => 'Bearer '],
    ['Basic credentials', () => `Basic ${Buffer.from('admin:secret').toString('base64')}`],
    ['a key with a space in it', () => `Bearer ${api.key} extra`],
    ['a key differing in one character', () => `Bearer ${api.key.slice(0, -1)}${api.key.endsWith('a') ? 'b' : 'a'}`],
    ['an overlong key', () => `Bearer tsk_${'x'.repeat(5000)}`],
  ])('%s answers 401 with WWW-Authenticate', async (_label, header) => {
    const error = expectUnauthenticated(await send('GET', '/api/v1/records/account', { auth: header() }), 'auth.badKey');
    expect(error.message).toBe('Invalid or revoked API key');
  });

  it('accepts the scheme name in any case', async () => {
    expect((await send('GET', '/api/v1/objects', { auth: `bearer ${api.key}` })).status).toBe(200);
  });

  it('rejects a revoked key from the next request on', async () => {
    const { id, key } = await createApiKey(getPrisma(api.tw.url), api.tw.admin.id, 'to revoke');
    const client = clientFor(api.tw, key, id);
    expect((await client.get('/api/v1/records/account')).status).toBe(200);
    await revokeApiKey(getPrisma(api.tw.url), id);
    expectUnauthenticated(await client.get('/api/v1/records/account'), 'auth.badKey');
    expectUnauthenticated(await client.post('/api/v1/records/account', { name: 'After revoke' }), 'auth.badKey');
    // The admin's other key keeps working.
    expect((await api.get('/api/v1/records/account')).status).toBe(200);
  });

  it('rejects the key of a deactivated user', async () => {
    const user = await api.tw.addUser('Leaver');
    const { id, key } = await createApiKey(getPrisma(api.tw.url), user.id, 'leaver');
    const client = clientFor(api.tw, key, id);
    expect((await client.get('/api/v1/objects')).status).toBe(200);
    // Deactivated as an admin does it (which also ends the user's sessions).
    await setUserActive(getPrisma(api.tw.url), { workspaceId: api.tw.workspace.id, userId: api.tw.admin.id, locale: 'en' }, user.id, false);
    expectUnauthenticated(await client.get('/api/v1/objects'), 'auth.badKey');
  });

  it('does not fall back to a session cookie when a bad bearer key is sent', async () => {
    const res = await send('GET', '/api/v1/objects', { auth: 'Bearer tsk_wrong', headers: { cookie: 'tessera_session=whatever' } });
    expectUnauthenticated(res, 'auth.badKey');
  });

  it('answers in Chinese when asked', async () => {
    const missing = expectUnauthenticated(await send('GET', '/api/v1/objects', { lang: 'zh-CN' }), 'auth.required');
    expect(missing.message).toBe('需要登录');
    const bad = expectUnauthenticated(await send('GET', '/api/v1/objects', { auth: 'Bearer tsk_nope', lang: 'zh-CN' }), 'auth.badKey');
    expect(bad.message).toBe('API 密钥无效或已被吊销');
  });
});
