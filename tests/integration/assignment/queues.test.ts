/**
 * Queues: a lead no routing entry matches waits unowned in Unassigned leads, visible to the queue's
 * members (lists, record reads, search, reports) and to no rep outside it; twenty concurrent takes
 * by members end in one winner and typed 409s; members and managers assign to a user; assignment is
 * the same on REST and tRPC (the screens' channel); bad bodies get typed errors, never a 500.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');

const { createRecord, getRecord, listRecords } = await import('../../../platform/data');
const { getPrisma } = await import('../../../platform/db/prisma');
const { createApiKey } = await import('../../../platform/security/apiKeys');
const { login, SESSION_COOKIE } = await import('../../../platform/security/sessions');
const { globalSearch } = await import('../../../platform/search/global');
const takeRoute = await import('../../../app/api/v1/queues/[queue]/take/route');
const assignRoute = await import('../../../app/api/v1/queues/[queue]/assign/route');
const waitingRoute = await import('../../../app/api/v1/queues/[queue]/route');
const trpcRoute = await import('../../../app/api/trpc/[trpc]/route');
const { clientFor } = await import('../api/api');
const { assignOrg } = await import('./org');
type Org = Awaited<ReturnType<typeof assignOrg>>;
type Who = 's1' | 's2' | 's3' | 'b1' | 'm1' | 'm2' | 'm3' | 'm4';

let org: Org;
const keys = {} as Record<Who, string>;

async function queued(name: string): Promise<string> {
  const admin = await org.tw.ctx();
  return String((await createRecord(admin, 'lead', { name, company: `${name} Ltd`, region: 'overseas' })).id);
}

type Route = {
  POST?: (r: Request, p: { params: Promise<{ queue: string }> }) => Promise<Response>;
  GET?: (r: Request, p: { params: Promise<{ queue: string }> }) => Promise<Response>;
};
async function rest(route: Route, who: Who, queue: string, body?: unknown, raw?: string) {
  const method = body === undefined && raw === undefined ? 'GET' : 'POST';
  const req = new Request(`http://localhost/api/v1/queues/${queue}`, {
    method,
    headers: { authorization: `Bearer ${keys[who]}`, 'content-type': 'application/json' },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const res = await route[method]!(req, { params: Promise.resolve({ queue }) });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  org = await assignOrg('asg_q');
  const prisma = getPrisma(org.tw.url);
  for (const who of Object.keys(org.users) as Who[]) keys[who] = (await createApiKey(prisma, org.users[who].id, `${who} key`)).key;
});

describe('a queue', () => {
  it('holds a lead no entry matched, unowned, visible to its members and to no rep outside it', async () => {
    const id = await queued('Overseas Trading');
    const member = await org.tw.ctx(org.users.m2);
    const rep = await org.tw.ctx(org.users.s1);
    expect((await getRecord(member, 'lead', id)).owner).toBeNull();
    expect((await listRecords(member, 'lead', { limit: 200 })).records.map((r) => r.id)).toContain(id);
    expect((await globalSearch(member, 'Overseas Trading')).flatMap((g) => g.records.map((r) => r.id))).toContain(id);
    await expect(getRecord(rep, 'lead', id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listRecords(rep, 'lead', { limit: 200 })).records.map((r) => r.id)).not.toContain(id);
    expect((await globalSearch(rep, 'Overseas Trading')).flatMap((g) => g.records.map((r) => r.id))).not.toContain(id);
    const waiting = await rest(waitingRoute, 'm3', 'unassigned_leads');
    expect(waiting.status).toBe(200);
    expect(waiting.body.items.map((r: { id: string }) => r.id)).toContain(id);
    expect(waiting.body.items.find((r: { id: string }) => r.id === id)).toMatchObject({ name: 'Overseas Trading', entry: 'other', values: { company: 'Overseas Trading Ltd' } });
    const refused = await rest(takeRoute, 's1', 'unassigned_leads', { ids: [id] });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details[0].code).toBe('queue.notMember');
    expect((await rest(waitingRoute, 's1', 'unassigned_leads')).status).toBe(403);
  });

  it('lets exactly one of twenty concurrent takers win; the others hear "already taken" (409)', async () => {
    const id = await queued('Race Corp');
    const takers: Who[] = ['m1', 'm2', 'm3', 'm4'];
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => rest(takeRoute, takers[i % 4], 'unassigned_leads', { ids: [id] })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const winners = answers.filter((a) => a.body.taken.length === 1);
    expect(winners).toHaveLength(1);
    const losers = answers.flatMap((a) => a.body.failed);
    expect(losers).toHaveLength(19);
    for (const f of losers) expect(f).toMatchObject({ id, code: 'CONFLICT', message: 'Someone else has already taken this record' });
    const owner = (await org.sql(`SELECT owner FROM "${org.tw.workspace.schema}"."lead" WHERE id = $1`, [id])).rows[0].owner;
    expect(takers.map((w) => org.users[w].id)).toContain(owner);
    const left = await rest(waitingRoute, 'm1', 'unassigned_leads');
    expect(left.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    const history = await org.sql(`SELECT field, new_value FROM field_history WHERE record_id = $1 AND field = 'owner'`, [id]);
    expect(history.rows).toEqual([{ field: 'owner', new_value: owner }]);
  });

  it('lets a member assign to a user, and refuses reps outside the queue', async () => {
    const id = await queued('Handed Out');
    const refused = await rest(assignRoute, 's3', 'unassigned_leads', { ids: [id], user: org.users.s2.id });
    expect(refused.status).toBe(403);
    const done = await rest(assignRoute, 'm1', 'unassigned_leads', { ids: [id], user: org.users.s2.id });
    expect(done).toMatchObject({ status: 200, body: { taken: [id], failed: [] } });
    expect((await getRecord(await org.tw.ctx(org.users.s2), 'lead', id)).owner).toBe(org.users.s2.id);
    const again = await rest(assignRoute, 'm1', 'unassigned_leads', { ids: [id], user: org.users.s1.id });
    expect(again.body.failed).toEqual([{ id, code: 'CONFLICT', message: 'Someone else has already taken this record' }]);
  });

  it('answers bad requests with typed errors, never a 500', async () => {
    const id = await queued('Bad Bodies');
    expect((await rest(takeRoute, 'm1', 'unassigned_leads', undefined, '{"__proto__": {"x": 1}, "ids": []}')).status).toBe(400);
    expect((await rest(takeRoute, 'm1', 'unassigned_leads', { ids: 'x' })).status).toBe(422);
    expect((await rest(takeRoute, 'm1', 'unassigned_leads', { ids: Array(201).fill(id) })).status).toBe(422);
    expect((await rest(takeRoute, 'm1', 'no_such_queue', { ids: [id] })).status).toBe(404);
    expect((await rest(assignRoute, 'm1', 'unassigned_leads', { ids: [id], user: 'nobody' })).status).toBe(422);
    const odd = await rest(takeRoute, 'm1', 'unassigned_leads', { ids: ['not-an-id', 42] });
    expect(odd.status).toBe(200);
    expect(odd.body.failed.map((f: { code: string }) => f.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });
});

describe('assignment on every channel', () => {
  it('assigns the same on REST and on tRPC (the screens)', async () => {
    const prisma = getPrisma(org.tw.url);
    const session = (await login(prisma, org.users.b1.email, 'correct horse battery')) as { token: string };
    const viaRest = await clientFor(org.tw, keys.b1).post('/api/v1/records/lead', { name: 'From REST', region: 'south' });
    expect(viaRest.status).toBe(201);
    const trpc = await trpcRoute.POST(
      new Request('http://localhost/api/trpc/records.create', {
        method: 'POST',
        headers: { cookie: `${SESSION_COOKIE}=${session.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ object: 'lead', values: { name: 'From screens', region: 'south' } }),
      }),
    );
    expect(trpc.status).toBe(200);
    const viaTrpc = (await trpc.json()).result.data;
    const ids = [String(viaRest.body.record.id), String(viaTrpc.id)];
    const rows = await org.sql(
      `SELECT l.owner, a.rule, a.entry FROM "${org.tw.workspace.schema}"."lead" l JOIN record_assignments a ON a.record_id = l.id WHERE l.id = ANY($1::uuid[])`,
      [ids],
    );
    expect(rows.rows).toHaveLength(2);
    for (const r of rows.rows) {
      expect(r).toMatchObject({ rule: 'lead_routing', entry: 'south' });
      expect([org.users.s1.id, org.users.s2.id, org.users.s3.id]).toContain(r.owner);
    }
  });
});
