/** Following records: only what you may read, on REST and tRPC alike; a follower is notified when someone else changes the record, not for their own changes. */
import { beforeAll, describe, expect, inject, it } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');

const { getPrisma } = await import('../../../platform/db/prisma');
const { getPool } = await import('../../../platform/db/pool');
const { createApiKey } = await import('../../../platform/security/apiKeys');
const { listNotifications } = await import('../../../platform/messaging/notifications');
const { appRouter } = await import('../../../platform/api/trpc/router');
const { apiKeyPrincipal } = await import('../../../platform/security/apiKeys');
const { apiClient, clientFor, expectError } = await import('../api/api');

type Api = Awaited<ReturnType<typeof apiClient>>;
let admin: Api;
let owner: Api;
let stranger: Api;
let ownerId = '';

async function clientOf(name: string): Promise<[Api, string]> {
  const u = await admin.tw.addUser(name, { permissionSets: ['sales_rep'] });
  const { key } = await createApiKey(getPrisma(admin.tw.url), u.id, 'test');
  return [clientFor(admin.tw, key), u.id];
}

/** The app's tRPC router as the API client's user calls it. */
async function callerOf(api: Api) {
  const principal = (await apiKeyPrincipal(getPool(admin.tw.url), api.key))!;
  return appRouter.createCaller({ principal, locale: 'en' } as never);
}

beforeAll(async () => {
  admin = await apiClient('rec_follow');
  [owner, ownerId] = await clientOf('Rep Owner');
  [stranger] = await clientOf('Rep Stranger');
});

describe('following a record', () => {
  it('REST: follow what you can read, 404 for what you cannot; unfollow', async () => {
    const rec = await owner.post('/api/v1/records/opportunity', { name: 'Dalian Cranes', close_date: '2027-05-01' });
    expect(rec.status, JSON.stringify(rec.body)).toBe(201);
    const path = `/api/v1/records/opportunity/${rec.body.record.id}/follow`;
    const followed = await owner.post(path);
    expect(followed.status).toBe(200);
    expect(followed.body).toEqual({ following: true, followers: 1 });
    expect((await owner.post(path)).body).toEqual({ following: true, followers: 1 });
    expectError(await stranger.post(path), 404, 'NOT_FOUND');
    expectError(await stranger.get(path), 404, 'NOT_FOUND');
    expectError(await owner.post('/api/v1/records/opportunity/not-an-id/follow'), 404, 'NOT_FOUND');
    expect((await owner.del(path)).body).toEqual({ following: false });
    expect((await owner.get(path)).body).toEqual({ following: false, followers: 0 });
  });

  it('tRPC: the same rules; a follower hears of changes by others only', async () => {
    const rec = await owner.post('/api/v1/records/opportunity', { name: 'Qingdao Pumps', close_date: '2027-05-01' });
    const id = rec.body.record.id as string;
    const ownerCaller = await callerOf(owner);
    const strangerCaller = await callerOf(stranger);
    await expect(ownerCaller.actions.follow({ object: 'opportunity', id })).resolves.toEqual({ following: true, followers: 1 });
    await expect(strangerCaller.actions.follow({ object: 'opportunity', id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const pool = getPool(admin.tw.url);
    const before = (await listNotifications(pool, ownerId)).items.length;
    // The owner's own change: no notification to themselves.
    expect((await owner.patch(`/api/v1/records/opportunity/${id}`, { next_step: 'Call back' })).status).toBe(200);
    expect((await listNotifications(pool, ownerId)).items.length).toBe(before);
    // The admin's change: the follower is told, with a link to the record.
    expect((await admin.patch(`/api/v1/records/opportunity/${id}`, { next_step: 'Site visit' })).status).toBe(200);
    const after = await listNotifications(pool, ownerId);
    expect(after.items.length).toBe(before + 1);
    expect(after.items[0]).toMatchObject({ kind: 'record_changed', link: `/o/opportunity/${id}` });
    expect(after.items[0].title).toContain('Qingdao Pumps');
  });
});
