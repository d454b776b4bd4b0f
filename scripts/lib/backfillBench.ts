/**
 * Start-up after an upgrade that needs a data backfill (part of `npm run bench`; `BENCH_ONLY=backfill`
 * runs only this). A workspace of BENCH_BACKFILL_ROWS opportunities (default 200,000; 1,000,000 is
 * the target the issue names) in its own embedded database under .bench/backfill/, kept between
 * runs, loses its roll-up and process columns as if an older version had built it; then it times
 * the start-up (migrations, converge within its budget), the first list page sorted by a roll-up
 * still pending (computed on read), and the backfill run in batches as the job queue runs it.
 * Figures are printed, never asserted.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { listRecords } from '../../platform/data';
import { resolveDataDir, runningEmbeddedUrl, startEmbeddedPostgres, type EmbeddedDatabase } from '../../platform/db/embedded';
import { closePools, getPool } from '../../platform/db/pool';
import { closePrisma, getPrisma } from '../../platform/db/prisma';
import { stockMetadata } from '../../platform/metadata/registry';
import { backfillBatchSize, runBackfill } from '../../platform/schema/backfillJob';
import { ensureWorkspace } from '../../platform/schema/workspaces';
import { systemRecordContext } from '../../platform/security/context';
import { createUser } from '../../platform/security/users';
import { seedScale } from '../../seeds/scale';
import { prepareDatabase } from './bootstrap';

async function openDatabase(): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if (process.env.BENCH_BACKFILL_DATABASE_URL) return { url: process.env.BENCH_BACKFILL_DATABASE_URL };
  const dataDir = resolveDataDir(path.resolve('.bench', 'backfill'));
  const running = runningEmbeddedUrl(dataDir, 'bench');
  if (running) return { url: running };
  const embedded = await startEmbeddedPostgres({ dataDir, port: Number(process.env.BENCH_BACKFILL_PG_PORT ?? 54359), database: 'bench' });
  return { url: embedded.url, embedded };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Runs unless BENCH_ONLY names another section; with BENCH_ONLY=backfill, ends the process after. */
export async function backfillBench(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  if (only && only !== 'backfill') return;
  const rows = Number(process.env.BENCH_BACKFILL_ROWS ?? 200_000);
  const db = await openDatabase();
  try {
    console.log(`\nStart-up after an upgrade that needs a backfill (${rows.toLocaleString()} opportunities)\n`);
    await prepareDatabase(db.url, { demo: false, log: () => {} });
    const pool = getPool(db.url);
    const prisma = getPrisma(db.url);
    const { workspace } = await ensureWorkspace(pool, 'backfill');
    const s = `"${workspace.schema}"`;
    let user = await prisma.user.findFirst({ where: { workspaceId: workspace.id } });
    user ??= await createUser(prisma, { workspaceId: workspace.id, email: 'backfill@bench.local', name: 'Bench', password: crypto.randomUUID(), isAdmin: true });
    const actor = { id: user.id, name: user.name, email: user.email, isAdmin: true };
    const have = Number((await pool.query(`SELECT count(*) AS n FROM ${s}."opportunity"`)).rows[0].n);
    if (have !== rows) {
      console.log(`  loading ${rows.toLocaleString()} opportunities (kept for later runs)...`);
      await pool.query(`TRUNCATE ${s}."opportunity", ${s}."account" CASCADE`);
      const started = performance.now();
      await seedScale(pool, workspace, actor, [actor.id], rows);
      console.log(`  loaded in ${seconds(performance.now() - started)}`);
    }
    // What an older version built: no roll-up columns on accounts, no process column on opportunities.
    await pool.query(`ALTER TABLE ${s}."account" DROP COLUMN IF EXISTS "won_amount", DROP COLUMN IF EXISTS "open_opportunities"`);
    await pool.query(`ALTER TABLE ${s}."opportunity" DROP COLUMN IF EXISTS "sales_process"`);
    await pool.query('UPDATE workspaces SET converged_key = NULL WHERE id = $1', [workspace.id]);

    let t = performance.now();
    await prepareDatabase(db.url, { demo: false, log: () => {} });
    const startup = performance.now() - t;
    const converged = (await pool.query('SELECT converged_key IS NOT NULL AS ok FROM workspaces WHERE id = $1', [workspace.id])).rows[0].ok;
    t = performance.now();
    const ctx = systemRecordContext(pool, workspace, actor, stockMetadata());
    await listRecords(ctx, 'account', { sort: '-open_opportunities', limit: 50 });
    const firstPage = performance.now() - t;
    const jobs = (
      await pool.query<{ id: string; object: string; field: string }>(`SELECT id, object, field FROM backfills WHERE workspace_id = $1 AND status <> 'done'`, [workspace.id])
    ).rows;
    console.log(`  start-up (migrations, converge):              ${seconds(startup)}${converged ? '' : '  (workspace left to the background: over budget)'}`);
    console.log(`  first page of accounts by a pending roll-up:  ${seconds(firstPage)}`);
    for (const job of jobs) {
      t = performance.now();
      await runBackfill(pool, job.id);
      const n = Number((await pool.query('SELECT done_rows FROM backfills WHERE id = $1', [job.id])).rows[0].done_rows);
      const ms = performance.now() - t;
      console.log(
        `  backfill ${`${job.object}.${job.field}`.padEnd(30)} ${seconds(ms).padStart(9)}  ${n.toLocaleString()} rows, ${Math.round(n / (ms / 1000)).toLocaleString()} rows/s`,
      );
    }
    console.log(`  (batches of ${backfillBatchSize().toLocaleString()} rows, TESSERA_BACKFILL_BATCH; the app serves throughout)`);
  } finally {
    // Its own database: close what it opened before the next section opens its own.
    await closePools();
    await closePrisma();
    await db.embedded?.stop();
  }
  if (only === 'backfill') process.exit(0);
}
