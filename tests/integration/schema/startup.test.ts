/**
 * Start-up does not wait on the number of workspaces: each records the key it was converged at,
 * start-up finds the stale ones with one query and converges them within a time budget, and a
 * stale workspace is brought up to date on its first request (or by the background pass).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readCatalog, workspaceTables } from '../../../platform/schema/catalog';
import { ensureConverged } from '../../../platform/schema/lazy';
import { convergedKey } from '../../../platform/schema/version';
import { convergeStaleWorkspaces, convergeWorkspace, ensureWorkspace, staleWorkspaces } from '../../../platform/schema/workspaces';
import { stockMetadata } from '../../../platform/metadata/registry';
import { apiClient, expectError, filterParam, type ApiClient } from '../api/api';

let api: ApiClient;
const pool = () => api.tw.ctx().then((c) => c.pool);

/** What an upgrade looks like to a workspace: a stock field's column is missing, the key is old. */
async function simulateUpgrade(schema: string, id: string): Promise<void> {
  const p = await pool();
  await p.query(`ALTER TABLE "${schema}"."opportunity" DROP COLUMN "next_step"`);
  await p.query(`UPDATE workspaces SET converged_key = 'before-the-upgrade:0' WHERE id = $1`, [id]);
}

async function hasColumn(schema: string, table: string, column: string): Promise<boolean> {
  const res = await (await pool()).query('SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = $3', [schema, table, column]);
  return (res.rowCount ?? 0) > 0;
}

beforeAll(async () => {
  api = await apiClient('startup');
});

describe('the converged key', () => {
  it('a new workspace is recorded as converged, so start-up does not look at it again', async () => {
    const p = await pool();
    const row = (await p.query('SELECT converged_key, metadata_revision FROM workspaces WHERE id = $1', [api.tw.workspace.id])).rows[0];
    expect(row.converged_key).toBe(convergedKey(row.metadata_revision));
    expect((await staleWorkspaces(p)).map((w) => w.id)).not.toContain(api.tw.workspace.id);
  });

  it('a workspace converged before an upgrade is found stale and converged back to the current key', async () => {
    const p = await pool();
    const { workspace } = await ensureWorkspace(p, `startup_up_${Date.now().toString(36)}`);
    await simulateUpgrade(workspace.schema, workspace.id);
    expect((await staleWorkspaces(p)).map((w) => w.id)).toContain(workspace.id);
    const { plan } = await convergeWorkspace(p, workspace);
    expect(plan.actions.map((a) => a.description)).toEqual(['add column opportunity.next_step']);
    expect(await hasColumn(workspace.schema, 'opportunity', 'next_step')).toBe(true);
    expect((await staleWorkspaces(p)).map((w) => w.id)).not.toContain(workspace.id);
  });

  it('start-up with no time left leaves stale workspaces pending instead of waiting on them', async () => {
    const p = await pool();
    const { workspace } = await ensureWorkspace(p, `startup_bg_${Date.now().toString(36)}`);
    await simulateUpgrade(workspace.schema, workspace.id);
    const started = Date.now();
    const result = await convergeStaleWorkspaces(p, 0);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.converged).toEqual([]);
    expect(result.pending).toBeGreaterThanOrEqual(1);
    expect(await hasColumn(workspace.schema, 'opportunity', 'next_step')).toBe(false);
    await ensureConverged(p, workspace);
    expect(await hasColumn(workspace.schema, 'opportunity', 'next_step')).toBe(true);
  });
});

describe('first use', () => {
  it('a stale workspace is converged by its first request, which can then filter on the upgraded field', async () => {
    await simulateUpgrade(api.tw.workspace.schema, api.tw.workspace.id);
    const res = await api.get(`/api/v1/records/opportunity?${filterParam({ field: 'next_step', op: 'is_empty' })}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await hasColumn(api.tw.workspace.schema, 'opportunity', 'next_step')).toBe(true);
    expect((await staleWorkspaces(await pool())).map((w) => w.id)).not.toContain(api.tw.workspace.id);
  });
});

describe('an upgrade that takes long (a backfill of a big table)', () => {
  /** Hold the workspace's converge lock on another connection, as a long backfill would. */
  async function holdConvergeLock(schema: string): Promise<() => Promise<void>> {
    const client = await (await pool()).connect();
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`tessera:schema:${schema}`]);
    return async () => {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`tessera:schema:${schema}`]);
      client.release();
    };
  }

  it('start-up gives up on it within its budget and changes nothing', async () => {
    const p = await pool();
    const { workspace } = await ensureWorkspace(p, `startup_slow_${Date.now().toString(36)}`);
    await simulateUpgrade(workspace.schema, workspace.id);
    const release = await holdConvergeLock(workspace.schema);
    try {
      const started = Date.now();
      await expect(convergeWorkspace(p, workspace, 300)).rejects.toMatchObject({ code: '57014' });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(await hasColumn(workspace.schema, 'opportunity', 'next_step')).toBe(false);
      expect((await staleWorkspaces(p)).map((w) => w.id)).toContain(workspace.id);
    } finally {
      await release();
    }
  });

  it("its requests answer 503 with Retry-After while it runs, in the caller's language, and are served once it is done", async () => {
    const other = await apiClient('startup_wait');
    await simulateUpgrade(other.tw.workspace.schema, other.tw.workspace.id);
    const release = await holdConvergeLock(other.tw.workspace.schema);
    process.env.TESSERA_CONVERGE_WAIT_MS = '200';
    try {
      const res = await other.get('/api/v1/records/opportunity?limit=1');
      expectError(res, 503, 'UNAVAILABLE');
      expect(res.headers.get('retry-after')).toBe('30');
      const zh = await other.get('/api/v1/records/opportunity?limit=1', { headers: { 'Accept-Language': 'zh-CN' } });
      expect(zh.status).toBe(503);
      expect((zh.body as { error: { message: string } }).error.message).toMatch(/工作区/);
    } finally {
      await release();
      delete process.env.TESSERA_CONVERGE_WAIT_MS;
    }
    await expect.poll(async () => (await other.get('/api/v1/records/opportunity?limit=1')).status, { timeout: 10_000 }).toBe(200);
    expect(await hasColumn(other.tw.workspace.schema, 'opportunity', 'next_step')).toBe(true);
  });
});

describe('owner and audit columns reference the workspace users, not the shared users table', () => {
  const triggersOnUsers = async () => Number((await (await pool()).query(`SELECT count(*) AS n FROM pg_trigger WHERE tgrelid = 'public.users'::regclass`)).rows[0].n);
  const mirrored = async (schema: string, id: string) => ((await (await pool()).query(`SELECT 1 FROM "${schema}"."tessera_user" WHERE id = $1`, [id])).rowCount ?? 0) > 0;

  it('creating a workspace adds no trigger to users (each used to add 60, slowing every later one)', async () => {
    const before = await triggersOnUsers();
    await ensureWorkspace(await pool(), `startup_trg_${Date.now().toString(36)}`);
    expect(await triggersOnUsers()).toBe(before);
  });

  it('a user added later is in the workspace mirror at once, and leaves it when deleted', async () => {
    const schema = api.tw.workspace.schema;
    expect(await mirrored(schema, api.tw.admin.id)).toBe(true);
    const late = await api.tw.addUser('Late Joiner');
    expect(await mirrored(schema, late.id)).toBe(true);
    const p = await pool();
    await p.query('DELETE FROM user_permission_sets WHERE user_id = $1', [late.id]);
    await p.query('DELETE FROM users WHERE id = $1', [late.id]);
    expect(await mirrored(schema, late.id)).toBe(false);
  });

  it('a workspace built with keys to public.users is moved to its mirror, with its records kept', async () => {
    const p = await pool();
    const { workspace } = await ensureWorkspace(p, `startup_fk_${Date.now().toString(36)}`);
    const owner = (await p.query('SELECT id FROM users LIMIT 1')).rows[0].id;
    const s = `"${workspace.schema}"`;
    // The old layout: no mirror, owner referencing public.users, a record owned by a user.
    await p.query(`DROP TABLE ${s}."tessera_user" CASCADE`);
    await p.query(`ALTER TABLE ${s}."account" ADD CONSTRAINT "account_owner_fkey" FOREIGN KEY ("owner") REFERENCES "public"."users"("id")`);
    await p.query(`UPDATE workspaces SET converged_key = NULL WHERE id = $1`, [workspace.id]);
    await p.query(`INSERT INTO users (workspace_id, email, name, password_hash) SELECT $1, 'fk.' || $2 || '@example.test', 'Owner', password_hash FROM users WHERE id = $3`, [
      workspace.id,
      workspace.id,
      owner,
    ]);
    const member = (await p.query('SELECT id FROM users WHERE workspace_id = $1', [workspace.id])).rows[0].id;
    await p.query(`INSERT INTO ${s}."account" (name, owner) VALUES ('Kept', $1)`, [member]);
    const { plan } = await convergeWorkspace(p, workspace);
    expect(plan.actions.map((a) => a.description)).toContain('unlink account.owner from public.users');
    const fks = await p.query(
      `SELECT conname, confrelid::regclass::text AS target FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' AND conname LIKE 'account_owner%'`,
      [`${workspace.schema}.account`],
    );
    expect(fks.rows).toEqual([{ conname: 'account_owner_user_fkey', target: `${workspace.schema}.tessera_user` }]);
    expect(await mirrored(workspace.schema, member)).toBe(true);
    expect((await p.query(`SELECT name FROM ${s}."account"`)).rows).toEqual([{ name: 'Kept' }]);
  });
});

describe('catalog reads', () => {
  it('read only the workspace own tables, and agree with a read of the whole schema', async () => {
    const p = await pool();
    const schema = api.tw.workspace.schema;
    const scoped = await readCatalog(p, schema, workspaceTables(stockMetadata().objects.keys()));
    const whole = await readCatalog(p, schema);
    expect(scoped.schemaExists).toBe(true);
    expect([...scoped.tables.keys()].sort()).toEqual([...whole.tables.keys()].sort());
    expect(scoped.tables.get('opportunity')).toEqual(whole.tables.get('opportunity'));
    expect([...scoped.indexes].sort()).toEqual([...whole.indexes].sort());
    expect([...scoped.constraints].sort()).toEqual([...whole.constraints].sort());
    expect((await readCatalog(p, 'ws_does_not_exist', ['opportunity'])).schemaExists).toBe(false);
  });
});
