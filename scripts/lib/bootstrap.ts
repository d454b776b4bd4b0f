/** Prepare a database for the app: migrations, workspaces and their schemas, demo data on first start. */
import { migrate } from '../../platform/db/migrate';
import { getPool } from '../../platform/db/pool';
import { getPrisma } from '../../platform/db/prisma';
import { convergeStaleWorkspaces, DEFAULT_WORKSPACE, ensureWorkspace, findWorkspace } from '../../platform/schema/workspaces';
import { seedDemo, type DemoResult } from '../../seeds/demo';

export interface PrepareResult {
  migrations: string[];
  demo?: DemoResult;
}

export async function prepareDatabase(url: string, opts: { demo?: boolean; log?: (l: string) => void } = {}): Promise<PrepareResult> {
  const log = opts.log ?? console.log;
  const pool = getPool(url);
  const migrations = await migrate(pool);
  if (migrations.length) log(`Applied migrations: ${migrations.join(', ')}`);
  // An existing default workspace converges with the others below (if it changed at all).
  const workspace = (await findWorkspace(pool, DEFAULT_WORKSPACE)) ?? (await ensureWorkspace(pool, DEFAULT_WORKSPACE, 'Default workspace')).workspace;
  // Only workspaces changed since they were last converged, and only for a bounded time: the rest
  // converge on first use or in the background, so start-up does not grow with their number nor
  // wait on a backfill of a big table.
  const budget = Number(process.env.TESSERA_STARTUP_CONVERGE_MS ?? 5000);
  const { converged, pending, failed } = await convergeStaleWorkspaces(pool, budget);
  for (const { workspace: ws, plan } of converged) {
    if (plan.actions.length) log(`Workspace ${ws}: ${plan.actions.length} schema change(s) applied`);
    for (const d of plan.drift) log(`Workspace ${ws}: column differs from metadata, left as is: ${d}`);
  }
  for (const f of failed) log(`Workspace ${f.workspace} could not be brought up to date (its users will see why): ${f.message}`);
  if (pending) log(`${pending} workspace(s) will be brought up to date in the background (or on first use).`);
  const users = await pool.query('SELECT count(*)::int AS n FROM users WHERE workspace_id = $1', [workspace.id]);
  if (users.rows[0].n === 0 && opts.demo !== false) {
    log('First start: loading demo data...');
    const demo = await seedDemo(pool, getPrisma(url), workspace);
    log(
      `Demo data loaded: ${Object.entries(demo.counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}`,
    );
    return { migrations, demo };
  }
  return { migrations };
}
