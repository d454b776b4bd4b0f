/**
 * Fifty reps at nine in the morning: parallel saves, creates, approval submissions and decisions by
 * ordinary users over REST, on the same record and on different ones, against a pool of ten
 * connections. Every request answers (a winner and typed 409s on one record, 200s on different
 * ones), nothing asks the pool for a second connection while holding one, and the server answers
 * normally afterwards. Also: a full pool answers a typed 503 with Retry-After instead of hanging,
 * and a runaway statement is cut by the statement timeout.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');
process.env.TESSERA_QUIET_OUTBOX = '1';

const { createRecord } = await import('../../../platform/data');
const { getPool, poolSettings, withTransaction, SecondConnectionError } = await import('../../../platform/db/pool');
const { getPrisma } = await import('../../../platform/db/prisma');
const { toAppError } = await import('../../../platform/api/errors');
const { createApiKey } = await import('../../../platform/security/apiKeys');
const { clientFor, expectError } = await import('../api/api');
const { approvalOrg } = await import('../approvals/org');
type Org = Awaited<ReturnType<typeof approvalOrg>>;
type Client = ReturnType<typeof clientFor>;

let org: Org;
let account: string;
const api = {} as Record<'rep' | 'rep2' | 'manager' | 'director', Client>;

/** Run every call at once; fail the test (instead of hanging it) if they have not all answered in `ms`. */
async function allWithin<T>(ms: number, calls: (() => Promise<T>)[]): Promise<T[]> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not every request answered within ${ms} ms`)), ms)));
  try {
    return await Promise.race([Promise.all(calls.map((c) => c())), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function tally(statuses: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
}

async function opportunity(owner: 'rep' | 'rep2', name: string): Promise<string> {
  const admin = await org.ctx('admin');
  const rec = await createRecord(admin, 'opportunity', { name, account, amount: 10000, close_date: '2027-03-31', owner: org.users[owner].id });
  return String(rec.id);
}

beforeAll(async () => {
  org = await approvalOrg('conc');
  const admin = await org.ctx('admin');
  account = String((await createRecord(admin, 'account', { name: 'Concurrency Ltd', owner: org.users.rep.id })).id);
  for (const who of ['rep', 'rep2', 'manager', 'director'] as const) {
    const { id, key } = await createApiKey(getPrisma(org.tw.url), org.users[who].id, 'conc');
    api[who] = clientFor(org.tw, key, id);
  }
  // The suite's point is a pool smaller than the crowd.
  expect(poolSettings().size).toBeLessThanOrEqual(10);
});

describe('parallel saves by ordinary users', () => {
  it('100 saves of one record by its owner and their managers, all at the same version: one wins, 99 get a typed 409, nothing hangs', async () => {
    const id = await opportunity('rep', 'Contested deal');
    const v0 = (await api.rep.get(`/api/v1/records/opportunity/${id}`)).body.record.version;
    const writers = [api.rep, api.manager, api.director];
    const results = await allWithin(
      30_000,
      Array.from({ length: 100 }, (_, i) => () => writers[i % 3].patch(`/api/v1/records/opportunity/${id}`, { description: `edit ${i}` }, { headers: { 'if-match': String(v0) } })),
    );
    expect(tally(results.map((r) => r.status))).toEqual({ 200: 1, 409: 99 });
    for (const r of results.filter((x) => x.status === 409)) expectError(r, 409, 'CONFLICT');
    const after = (await api.rep.get(`/api/v1/records/opportunity/${id}`)).body.record;
    expect(after.version).toBe(v0 + 1);
    expect(after.description).toBe(results.find((r) => r.status === 200)!.body.record.description);
  });

  it('100 saves without If-Match on one record all succeed in turn: the version counts every one', async () => {
    const id = await opportunity('rep2', 'Busy deal');
    const v0 = (await api.rep2.get(`/api/v1/records/opportunity/${id}`)).body.record.version;
    const writers = [api.rep2, api.manager];
    const results = await allWithin(
      30_000,
      Array.from({ length: 100 }, (_, i) => () => writers[i % 2].patch(`/api/v1/records/opportunity/${id}`, { amount: 1000 + i })),
    );
    expect(tally(results.map((r) => r.status))).toEqual({ 200: 100 });
    expect((await api.rep2.get(`/api/v1/records/opportunity/${id}`)).body.record.version).toBe(v0 + 100);
  });

  it('100 saves on 20 different records, creates and reads at the same time: every one answers 200/201', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => opportunity(i % 2 ? 'rep' : 'rep2', `Deal ${i}`)));
    const owner = (i: number) => (i % 2 ? api.rep : api.rep2);
    const calls: (() => Promise<{ status: number }>)[] = [];
    for (let i = 0; i < 100; i++) calls.push(() => owner(i % 20).patch(`/api/v1/records/opportunity/${ids[i % 20]}`, { description: `round ${i}` }));
    for (let i = 0; i < 30; i++)
      calls.push(() => (i % 2 ? api.rep : api.rep2).post('/api/v1/records/opportunity', { name: `New ${i}`, account: i % 2 ? account : undefined, close_date: '2027-06-30' }));
    for (let i = 0; i < 30; i++) calls.push(() => api.manager.get('/api/v1/records/opportunity?limit=20'));
    const results = await allWithin(45_000, calls);
    expect(tally(results.map((r) => r.status))).toEqual({ 200: 130, 201: 30 });
  });

  it('parallel approval submissions and decisions: one submission per record wins, every decision answers', async () => {
    const admin = await org.ctx('admin');
    const expenses: string[] = [];
    for (let i = 0; i < 12; i++) {
      expenses.push(String((await createRecord(admin, 'expense', { amount: 800 + i, type: 'travel', date: '2026-12-01', account, owner: org.users.rep.id })).id));
    }
    // Twelve different expenses, each submitted twice at once by its owner.
    const submits = await allWithin(
      30_000,
      expenses.flatMap((id) => [0, 1].map(() => () => api.rep.post(`/api/v1/records/expense/${id}/approval/submit`, { comment: 'please' }))),
    );
    expect(tally(submits.map((r) => r.status))).toEqual({ 201: 12, 409: 12 });
    for (const r of submits.filter((x) => x.status === 409)) expectError(r, 409, 'CONFLICT');
    // The manager approves all twelve at once while the rep tries to edit them (locked) and reads them.
    const pending = await api.manager.get('/api/v1/approvals/pending?limit=50');
    expect(pending.status).toBe(200);
    const requestIds: string[] = pending.body.items.map((x: { requestId: string }) => x.requestId);
    expect(requestIds).toHaveLength(12);
    const calls = [
      ...requestIds.map((rid) => () => api.manager.post(`/api/v1/approvals/${rid}/approve`, { comment: 'ok' })),
      ...requestIds.map((rid) => () => api.manager.post(`/api/v1/approvals/${rid}/approve`, { comment: 'twice' })),
      ...expenses.map((id) => () => api.rep.get(`/api/v1/records/expense/${id}/approval`)),
    ];
    const results = await allWithin(30_000, calls);
    const decisions = results.slice(0, 24).map((r) => r.status);
    // Each request is approved once; the second click on the same request is refused, never hangs.
    expect(decisions.filter((s) => s === 200)).toHaveLength(12);
    expect(decisions.every((s) => s === 200 || s === 409 || s === 403)).toBe(true);
    expect(results.slice(24).every((r) => r.status === 200)).toBe(true);
    const approved = await api.rep.get(`/api/v1/records/expense?${new URLSearchParams({ filter: JSON.stringify({ field: 'status', op: 'eq', value: 'approved' }) })}`);
    expect(approved.body.records).toHaveLength(12);
  });

  it('the server stays healthy afterwards: a list answers at once', async () => {
    const started = Date.now();
    const res = await api.rep.get('/api/v1/records/opportunity?limit=5');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5000);
    const pool = getPool();
    expect(pool.waitingCount).toBe(0);
  });
});

describe('the pool protects itself', () => {
  it('code that holds a connection and asks the pool for another is refused at once (the deadlock this suite guards against)', async () => {
    const pool = getPool();
    await expect(withTransaction(pool, async () => pool.query('SELECT 1'))).rejects.toBeInstanceOf(SecondConnectionError);
    await expect(withTransaction(pool, async () => getPrisma().user.count())).rejects.toThrow(/connection was requested while this call already holds one/);
    // The refusal left nothing held: the pool serves the next caller.
    expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
  });

  it('a full pool answers a typed 503 with Retry-After after the acquisition timeout, instead of hanging', async () => {
    const saved = { size: process.env.TESSERA_POOL_SIZE, wait: process.env.TESSERA_POOL_ACQUIRE_TIMEOUT_MS };
    process.env.TESSERA_POOL_SIZE = '1';
    process.env.TESSERA_POOL_ACQUIRE_TIMEOUT_MS = '200';
    // Another URL for the same database: a pool of its own, made with these settings.
    const tiny = getPool(`${inject('databaseUrl')}${inject('databaseUrl').includes('?') ? '&' : '?'}application_name=tiny`);
    process.env.TESSERA_POOL_SIZE = saved.size;
    process.env.TESSERA_POOL_ACQUIRE_TIMEOUT_MS = saved.wait;
    if (saved.size === undefined) delete process.env.TESSERA_POOL_SIZE;
    if (saved.wait === undefined) delete process.env.TESSERA_POOL_ACQUIRE_TIMEOUT_MS;
    const holder = await tiny.connect();
    try {
      const started = Date.now();
      const err = await tiny.query('SELECT 1').then(
        () => null,
        (e: unknown) => e,
      );
      expect(Date.now() - started).toBeLessThan(3000);
      const app = toAppError(err, 'zh-CN');
      expect({ code: app.code, status: app.status, retry: app.retryAfter }).toEqual({ code: 'UNAVAILABLE', status: 503, retry: 2 });
      expect(app.message).toBe('服务器繁忙，请稍后重试。');
    } finally {
      holder.release();
    }
  });

  it('a statement running past the statement timeout is cut and answers a typed 503', async () => {
    const err = await withTransaction(getPool(), async (client) => {
      await client.query('SET LOCAL statement_timeout = 100');
      return client.query('SELECT pg_sleep(2)');
    }).then(
      () => null,
      (e: unknown) => e,
    );
    const app = toAppError(err, 'en');
    expect({ code: app.code, status: app.status, detail: app.details[0]?.code }).toEqual({ code: 'UNAVAILABLE', status: 503, detail: 'db.timeout' });
  });

  it('request connections carry the statement and idle-in-transaction limits', async () => {
    const res = await getPool().query<{ s: string; i: string }>(`SELECT current_setting('statement_timeout') AS s, current_setting('idle_in_transaction_session_timeout') AS i`);
    expect(res.rows[0]).toEqual({ s: '30s', i: '1min' });
  });
});
