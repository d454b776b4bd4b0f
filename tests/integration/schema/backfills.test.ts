/**
 * An upgrade that adds roll-ups and a sales process to tables with rows: converge adds the columns
 * and records backfills (no row is written in its transaction), reads compute the new values until
 * the job queue has stored them in batches, administrators follow the progress over REST, and a
 * backfill cut short by a restart resumes where it stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers, stopJobs } from '../../../platform/automation/jobs';
import { bulkInsert } from '../../../platform/data/bulk';
import { pendingObjects } from '../../../platform/data/pending';
import { getPrisma } from '../../../platform/db/prisma';
import { withTransaction } from '../../../platform/db/pool';
import type { FieldDef } from '../../../platform/fields/types';
import * as designer from '../../../platform/metadata/designer';
import { runBackfill } from '../../../platform/schema/backfillJob';
import { convergeWorkspace, staleWorkspaces } from '../../../platform/schema/workspaces';
import { createApiKey } from '../../../platform/security/apiKeys';
import { apiClient, clientFor, filterParam, type ApiClient } from '../api/api';

const ACCOUNTS = 200;
const PER_ACCOUNT = 10;
const STAGES = ['discovery', 'proposal', 'negotiation', 'closed_won', 'closed_lost'];
const FORECAST: Record<string, string> = { discovery: 'pipeline', proposal: 'best_case', negotiation: 'commit', closed_won: 'closed', closed_lost: 'omitted' };

let api: ApiClient;
let rep: ApiClient;
let schema: string;
const pool = () => api.tw.ctx().then((c) => c.pool);
const q = async <T extends Record<string, unknown>>(sql: string, values: unknown[] = []) => (await (await pool()).query<T>(sql, values)).rows;

/** The roll-ups straight from the child table, by account id. */
async function truth(): Promise<Map<string, { won: number; open: number }>> {
  const rows = await q<{ id: string; won: number; open: number }>(
    `SELECT a.id, COALESCE(sum(o.amount) FILTER (WHERE o.forecast_category = 'closed'), 0)::float AS won,
            count(o.id) FILTER (WHERE o.forecast_category NOT IN ('closed', 'omitted'))::int AS open
       FROM "${schema}"."account" a LEFT JOIN "${schema}"."opportunity" o ON o.account = a.id AND o.deleted_at IS NULL GROUP BY a.id`,
  );
  return new Map(rows.map((r) => [r.id, { won: r.won, open: r.open }]));
}

async function backfillsOverRest(client: ApiClient = api) {
  const res = await client.get('/api/v1/admin/backfills');
  return res;
}

beforeAll(async () => {
  api = await apiClient('backfill');
  schema = api.tw.workspace.schema;
  const user = await api.tw.addUser('Rep Backfill', { permissionSets: ['sales_rep'] });
  rep = clientFor(api.tw, (await createApiKey(getPrisma(api.tw.url), user.id, 'rep')).key);
  const ctx = await api.tw.ctx();
  await withTransaction(ctx.pool, async (client) => {
    const accounts = Array.from({ length: ACCOUNTS }, (_, i) => ({ values: { name: `Backfill account ${String(i).padStart(3, '0')}` } }));
    await bulkInsert(ctx, client, 'account', accounts);
  });
  const ids = (await q<{ id: string }>(`SELECT id FROM "${schema}"."account" ORDER BY name`)).map((r) => r.id);
  await withTransaction(ctx.pool, async (client) => {
    const rows = ids.flatMap((account, a) =>
      Array.from({ length: PER_ACCOUNT }, (_, i) => ({
        values: { name: `Deal ${a}-${i}`, close_date: '2027-01-01', account, amount: (a % 7) * 100 + i, stage: STAGES[(a + i) % STAGES.length] },
      })),
    );
    await bulkInsert(ctx, client, 'opportunity', rows);
  });
  // The upgrade: the roll-ups and the process field are new to this workspace's tables.
  await q(`ALTER TABLE "${schema}"."account" DROP COLUMN "won_amount", DROP COLUMN "open_opportunities"`);
  await q(`ALTER TABLE "${schema}"."opportunity" DROP COLUMN "sales_process"`);
  await q(`UPDATE workspaces SET converged_key = 'before-the-upgrade:0' WHERE id = $1`, [api.tw.workspace.id]);
});

afterAll(async () => {
  await stopJobs();
});

describe('an upgrade needing backfills of tables with rows', () => {
  it('converges with DDL only and records what the rows need', async () => {
    const { plan } = await convergeWorkspace(await pool(), api.tw.workspace);
    expect(plan.actions.map((a) => a.description)).toEqual(
      expect.arrayContaining(['add column account.won_amount', 'add column account.open_opportunities', 'add column opportunity.sales_process']),
    );
    expect((await staleWorkspaces(await pool())).map((w) => w.id)).not.toContain(api.tw.workspace.id);
    // Nothing was written to the rows in the converge transaction.
    // (New count and sum columns read 0 in the table: a parent without children has 0.)
    expect(await q(`SELECT 1 FROM "${schema}"."account" WHERE won_amount <> 0 OR open_opportunities <> 0`)).toEqual([]);
    expect(await q(`SELECT 1 FROM "${schema}"."opportunity" WHERE sales_process IS NOT NULL`)).toEqual([]);
    const recorded = await q(`SELECT object, field, kind, status FROM backfills WHERE workspace_id = $1 ORDER BY object, field`, [api.tw.workspace.id]);
    expect(recorded).toEqual([
      { object: 'account', field: 'open_opportunities', kind: 'rollup', status: 'queued' },
      { object: 'account', field: 'won_amount', kind: 'rollup', status: 'queued' },
      { object: 'opportunity', field: 'sales_process', kind: 'process', status: 'queued' },
    ]);
    expect(pendingObjects(schema).sort()).toEqual(['account', 'opportunity']);
  });

  it('reads give the right roll-ups and the default process before the job has run', async () => {
    const expected = await truth();
    const list = await api.get('/api/v1/records/account?limit=200&sort=-open_opportunities,name');
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.records).toHaveLength(ACCOUNTS);
    for (const r of list.body.records) expect({ won: Number(r.won_amount), open: Number(r.open_opportunities) }, r.name).toEqual(expected.get(r.id));
    const opens = list.body.records.map((r: { open_opportunities: number }) => Number(r.open_opportunities));
    expect(opens).toEqual([...opens].sort((a, b) => b - a));
    // Filters see the computed values too.
    const max = Math.max(...[...expected.values()].map((v) => v.open));
    const top = await api.get(`/api/v1/records/account?limit=200&${filterParam({ field: 'open_opportunities', op: 'eq', value: max })}`);
    expect(top.body.records.length).toBe([...expected.values()].filter((v) => v.open === max).length);
    const one = await api.get(`/api/v1/records/account/${list.body.records[0].id}`);
    expect(Number(one.body.record.open_opportunities)).toBe(max);
    const deals = await api.get(`/api/v1/records/opportunity?limit=20&${filterParam({ field: 'sales_process', op: 'eq', value: 'product_sale' })}`);
    expect(deals.status, JSON.stringify(deals.body)).toBe(200);
    expect(deals.body.records).toHaveLength(20);
    for (const d of deals.body.records) {
      expect(d.sales_process).toBe('product_sale');
      expect(d.forecast_category).toBe(FORECAST[d.stage]);
    }
  });

  it('on a big table, refuses at once to sort or filter by a roll-up still pending, naming it; other lists work', async () => {
    // 200 accounts count as big here (the default is 50,000 rows, past which ordering would run for minutes).
    process.env.TESSERA_PENDING_ORDER_MAX_ROWS = '100';
    try {
      const sorted = await api.get('/api/v1/records/account?limit=20&sort=-won_amount', { lang: 'zh-CN' });
      expect(sorted.status).toBe(503);
      expect(Number(sorted.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(sorted.body.error.code).toBe('UNAVAILABLE');
      expect(sorted.body.error.details).toEqual([expect.objectContaining({ field: 'won_amount', pointer: '/sort', code: 'backfill.pendingOrder' })]);
      expect(sorted.body.error.message).toMatch(/补齐/);
      const filtered = await api.get(`/api/v1/records/account?limit=20&${filterParam({ field: 'open_opportunities', op: 'gt', value: 1 })}`);
      expect(filtered.status).toBe(503);
      expect(filtered.body.error.details[0]).toMatchObject({ field: 'open_opportunities', pointer: '/filter' });
      expect(filtered.body.error.message).toContain('still being filled in');
      // A page in another order still shows the right roll-ups (computed for its own rows).
      const expected = await truth();
      const page = await api.get('/api/v1/records/account?limit=20&sort=name');
      expect(page.status).toBe(200);
      for (const r of page.body.records) expect({ won: Number(r.won_amount), open: Number(r.open_opportunities) }).toEqual(expected.get(r.id));
      // A process still being filled is cheap to compute: filtering by it stays open.
      const deals = await api.get(`/api/v1/records/opportunity?limit=5&${filterParam({ field: 'sales_process', op: 'eq', value: 'product_sale' })}`);
      expect(deals.status).toBe(200);
    } finally {
      delete process.env.TESSERA_PENDING_ORDER_MAX_ROWS;
    }
  });

  it('an edit of a record the backfill has not reached keeps its stage, probability and history', async () => {
    const [row] = await q<{ id: string }>(`SELECT id FROM "${schema}"."opportunity" WHERE sales_process IS NULL AND stage = 'negotiation' ORDER BY id DESC LIMIT 1`);
    const before = (await api.get(`/api/v1/records/opportunity/${row.id}`)).body.record;
    const history = (await api.get(`/api/v1/records/opportunity/${row.id}/stage-history`)).body.history;
    const res = await api.patch(`/api/v1/records/opportunity/${row.id}`, { next_step: 'Call back' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.record).toMatchObject({ stage: 'negotiation', sales_process: 'product_sale', forecast_category: 'commit', probability: before.probability });
    expect((await api.get(`/api/v1/records/opportunity/${row.id}/stage-history`)).body.history).toEqual(history);
    const [stored] = await q(`SELECT sales_process, forecast_category FROM "${schema}"."opportunity" WHERE id = $1`, [row.id]);
    expect(stored).toEqual({ sales_process: 'product_sale', forecast_category: 'commit' });
  });

  it('shows its progress to administrators over REST, and not to reps', async () => {
    const res = await backfillsOverRest();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.backfills).toHaveLength(3);
    expect(res.body.backfills[0]).toMatchObject({ status: 'queued', doneRows: 0, objectLabel: expect.objectContaining({ en: expect.any(String) }) });
    const denied = await backfillsOverRest(rep);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
  });

  it('fills rows in batches; one cut short keeps its progress and reads stay right', async () => {
    const [{ id }] = await q<{ id: string }>(`SELECT id FROM backfills WHERE workspace_id = $1 AND field = 'open_opportunities'`, [api.tw.workspace.id]);
    expect(await runBackfill(await pool(), id, { batchSize: 50, maxBatches: 2 })).toBe('stopped');
    const mid = (await backfillsOverRest()).body.backfills.find((b: { field: string }) => b.field === 'open_opportunities');
    expect(mid).toMatchObject({ status: 'running', doneRows: 100, totalRows: ACCOUNTS });
    const expected = await truth();
    // The first two batches (in id order) are stored; the rest still read 0 in the table.
    const stored = await q<{ id: string; open: number }>(`SELECT id, open_opportunities::int AS open FROM "${schema}"."account" ORDER BY id`);
    for (const r of stored.slice(0, 100)) expect(r.open).toBe(expected.get(r.id)!.open);
    expect(stored.slice(100).some((r) => r.open !== expected.get(r.id)!.open)).toBe(true);
    const list = await api.get('/api/v1/records/account?limit=200');
    for (const r of list.body.records) expect(Number(r.open_opportunities), r.name).toBe(expected.get(r.id)!.open);
  });

  it('a restart resumes every unfinished backfill through the job queue, and the values end up stored', async () => {
    process.env.DATABASE_URL ??= api.tw.url;
    process.env.TESSERA_BACKFILL_BATCH = '64';
    try {
      await startWorkers();
      await expect
        .poll(async () => (await backfillsOverRest()).body.backfills.map((b: { status: string }) => b.status), { timeout: 30_000, interval: 200 })
        .toEqual(['done', 'done', 'done']);
    } finally {
      delete process.env.TESSERA_BACKFILL_BATCH;
      await stopJobs();
    }
    const done = (await backfillsOverRest()).body.backfills;
    for (const b of done) expect(b.doneRows, b.field).toBe(b.totalRows);
    expect(done.find((b: { field: string }) => b.field === 'open_opportunities').doneRows).toBe(ACCOUNTS);
    expect(done.find((b: { field: string }) => b.field === 'sales_process').doneRows).toBe(ACCOUNTS * PER_ACCOUNT);
    expect(pendingObjects(schema)).toEqual([]);
    const expected = await truth();
    const stored = await q<{ id: string; won: number; open: number }>(`SELECT id, won_amount::float AS won, open_opportunities::int AS open FROM "${schema}"."account"`);
    for (const r of stored) expect({ won: r.won, open: r.open }).toEqual(expected.get(r.id));
    const deals = await q<{ stage: string; sales_process: string; forecast_category: string }>(`SELECT stage, sales_process, forecast_category FROM "${schema}"."opportunity"`);
    expect(deals.every((d) => d.sales_process === 'product_sale' && d.forecast_category === FORECAST[d.stage])).toBe(true);
  });

  it('a roll-up an admin adds on a big table is left to the job queue too, and reads right meanwhile', async () => {
    process.env.TESSERA_BACKFILL_INLINE_ROWS = '50';
    try {
      const field = {
        name: 'largest_deal',
        type: 'rollup',
        label: { en: 'Largest deal', zh: '最大商机' },
        summary: { object: 'opportunity', via: 'account', fn: 'max', field: 'amount' },
      };
      await designer.saveField({ pool: await pool(), workspace: api.tw.workspace, userId: api.tw.admin.id }, 'account', field as unknown as FieldDef, 'create');
    } finally {
      delete process.env.TESSERA_BACKFILL_INLINE_ROWS;
    }
    expect(await q(`SELECT 1 FROM "${schema}"."account" WHERE largest_deal IS NOT NULL`)).toEqual([]);
    const [{ id, status }] = await q<{ id: string; status: string }>(`SELECT id, status FROM backfills WHERE workspace_id = $1 AND field = 'largest_deal'`, [api.tw.workspace.id]);
    expect(status).toBe('queued');
    const largest = async () =>
      new Map(
        (await q<{ id: string; max: number }>(`SELECT account AS id, max(amount)::float AS max FROM "${schema}"."opportunity" WHERE deleted_at IS NULL GROUP BY account`)).map(
          (r) => [r.id, r.max],
        ),
      );
    const expected = await largest();
    const list = await api.get('/api/v1/records/account?limit=200');
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    for (const r of list.body.records) expect(Number(r.largest_deal), r.name).toBe(expected.get(r.id));
    // A field added while the backfill is pending is read and filtered on at once.
    const note = { name: 'bf_note', type: 'text', label: { en: 'Note', zh: '备注' } };
    await designer.saveField({ pool: await pool(), workspace: api.tw.workspace, userId: api.tw.admin.id }, 'account', note as unknown as FieldDef, 'create');
    const withNote = await api.get(`/api/v1/records/account?limit=200&${filterParam({ field: 'bf_note', op: 'is_empty' })}`);
    expect(withNote.status, JSON.stringify(withNote.body)).toBe(200);
    expect(withNote.body.records).toHaveLength(ACCOUNTS);
    expect(await runBackfill(await pool(), id, { batchSize: 80 })).toBe('done');
    const stored = await q<{ id: string; max: number }>(`SELECT id, largest_deal::float AS max FROM "${schema}"."account"`);
    for (const r of stored) expect(r.max).toBe(expected.get(r.id));
  });
});
