/**
 * The cost of the assignment write step on a create (part of `npm run bench`; `BENCH_ONLY=assignment`
 * runs only this). In its own embedded database under .bench/assignment/, a fresh workspace with
 * three Shenzhen reps holding BENCH_ASSIGN_ROWS leads (default 30,000), then the p50/p95 of a lead
 * created by a rep: with no active rule, with the stock lead_routing (round-robin), with a
 * round-robin capped by open records (counting up to the cap per rep), and fifty parallel creates.
 * Figures are printed, never asserted.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRecord } from '../../platform/data';
import { bulkInsert } from '../../platform/data/bulk';
import type { UserRef } from '../../platform/data/context';
import { resolveDataDir, runningEmbeddedUrl, startEmbeddedPostgres } from '../../platform/db/embedded';
import { migrate } from '../../platform/db/migrate';
import { closePools, getPool, withTransaction } from '../../platform/db/pool';
import { closePrisma, getPrisma } from '../../platform/db/prisma';
import { saveDocument } from '../../platform/metadata/documents';
import { stockMetadata } from '../../platform/metadata/registry';
import { ensureWorkspace } from '../../platform/schema/workspaces';
import { buildRecordContext } from '../../platform/security/context';
import { bumpSecurityRevision } from '../../platform/security/model';
import { assignPermissionSets } from '../../platform/security/stock';
import { createUser } from '../../platform/security/users';

const ITERATIONS = Number(process.env.BENCH_ASSIGN_ITERATIONS ?? 300);
const ROWS = Number(process.env.BENCH_ASSIGN_ROWS ?? 30_000);

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(2);
  return `p50 ${at(0.5)} ms   p95 ${at(0.95)} ms`;
}

/** Runs unless BENCH_ONLY names another section; with BENCH_ONLY=assignment, ends the process after. */
export async function assignmentBench(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  if (only && only !== 'assignment') return;
  const dataDir = resolveDataDir(path.resolve('.bench', 'assignment'));
  const running = runningEmbeddedUrl(dataDir, 'bench');
  const embedded = running ? undefined : await startEmbeddedPostgres({ dataDir, port: Number(process.env.BENCH_ASSIGN_PG_PORT ?? 54359), database: 'bench' });
  const url = running ?? embedded!.url;
  try {
    const pool = getPool(url);
    const prisma = getPrisma(url);
    await migrate(pool);
    const { workspace } = await ensureWorkspace(pool, `ab_${Date.now().toString(36)}`);
    const sql = (text: string, params: unknown[] = []) => pool.query(text, params);
    const role = async (name: string) => (await sql('INSERT INTO roles (workspace_id, name, label) VALUES ($1, $2, $2) RETURNING id', [workspace.id, name])).rows[0].id as string;
    const repRole = await role('sales_rep_shenzhen');
    const mgrRole = await role('regional_manager_shenzhen');
    const user = async (name: string, roleId: string, set: string, isAdmin = false): Promise<UserRef> => {
      const u = await createUser(prisma, { workspaceId: workspace.id, email: `${name}@${workspace.name}.bench`, name, password: crypto.randomUUID(), isAdmin });
      await sql('UPDATE users SET role_id = $1 WHERE id = $2', [roleId, u.id]);
      await assignPermissionSets(pool, workspace.id, u.id, [set]);
      return { id: u.id, name: u.name, email: u.email, isAdmin };
    };
    const admin = await user('admin', mgrRole, 'admin', true);
    const reps = [await user('rep1', repRole, 'sales_rep'), await user('rep2', repRole, 'sales_rep'), await user('rep3', repRole, 'sales_rep')];
    await bumpSecurityRevision(pool, workspace.id);
    const adminCtx = await buildRecordContext({ pool, workspace, user: admin });
    console.log(`\nAssignment step: a lead created by a rep (${ROWS.toLocaleString()} leads held by three reps; ${ITERATIONS} creates each)\n`);
    await withTransaction(pool, (client) =>
      bulkInsert(
        adminCtx,
        client,
        'lead',
        Array.from({ length: ROWS }, (_, i) => ({ values: { name: `Held ${i}`, region: 'south', status: i % 4 === 0 ? 'converted' : 'new' }, owner: reps[i % 3].id })),
      ),
    );
    await sql('ANALYZE');
    const actor = { pool, workspace, userId: admin.id };
    const stock = stockMetadata().documents?.get('assignment_rule')?.get('lead')?.[0] as Record<string, unknown>;
    const measure = async (label: string) => {
      const ctx = await buildRecordContext({ pool, workspace, user: reps[0] });
      for (let i = 0; i < 20; i++) await createRecord(ctx, 'lead', { name: `Warm ${i}`, region: 'south' });
      const ms: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) {
        const t = performance.now();
        await createRecord(ctx, 'lead', { name: `${label} ${i}`, region: 'south' });
        ms.push(performance.now() - t);
      }
      console.log(`  ${label.padEnd(40)}${stats(ms)}`);
    };
    await saveDocument(actor, 'assignment_rule:lead.lead_routing', { ...stock, active: false } as never, 'bench: rule off');
    await measure('no active rule');
    await saveDocument(actor, 'assignment_rule:lead.lead_routing', stock as never, 'bench: rule on');
    await measure('lead_routing (round-robin)');
    const capped = {
      ...stock,
      entries: (stock.entries as Record<string, unknown>[]).map((e) => (e.name === 'south' ? { ...e, assignTo: { ...(e.assignTo as object), cap: 100_000 } } : e)),
    };
    await saveDocument(actor, 'assignment_rule:lead.lead_routing', capped as never, 'bench: cap');
    await measure('round-robin with a cap of open leads');
    await saveDocument(actor, 'assignment_rule:lead.lead_routing', stock as never, 'bench: rule on');
    const ctxs = await Promise.all(reps.map((r) => buildRecordContext({ pool, workspace, user: r })));
    const t = performance.now();
    await Promise.all(Array.from({ length: 50 }, (_, i) => createRecord(ctxs[i % 3], 'lead', { name: `Rush ${i}`, region: 'south' })));
    console.log(`  ${'50 parallel creates (round-robin)'.padEnd(40)}${(performance.now() - t).toFixed(0)} ms in all`);
  } finally {
    await closePools();
    await closePrisma();
    await embedded?.stop();
  }
  if (only === 'assignment') process.exit(0);
}
