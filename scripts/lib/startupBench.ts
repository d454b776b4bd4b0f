/**
 * Start-up and workspace creation against the number of workspaces (part of `npm run bench`;
 * `BENCH_ONLY=startup` runs only this). Empty workspaces are created up to each count in
 * BENCH_WORKSPACES (default 1000,10000) in their own embedded database under .bench/startup/, kept
 * between runs like .bench/ (the first run to 10,000 takes a while; later runs only measure).
 * At each count it times: creating the last few workspaces, a start-up with nothing changed, and
 * a start-up right after an upgrade (every workspace stale). Figures are printed, never asserted.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveDataDir, runningEmbeddedUrl, startEmbeddedPostgres, type EmbeddedDatabase } from '../../platform/db/embedded';
import { closePools, getPool } from '../../platform/db/pool';
import { closePrisma } from '../../platform/db/prisma';
import { ensureWorkspace } from '../../platform/schema/workspaces';
import { prepareDatabase } from './bootstrap';

const PROBES = 5;
const PARALLEL = 2;

async function openDatabase(): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if (process.env.BENCH_STARTUP_DATABASE_URL) return { url: process.env.BENCH_STARTUP_DATABASE_URL };
  const dataDir = resolveDataDir(path.resolve('.bench', 'startup'));
  const running = runningEmbeddedUrl(dataDir, 'bench');
  if (running) return { url: running };
  const embedded = await startEmbeddedPostgres({ dataDir, port: Number(process.env.BENCH_STARTUP_PG_PORT ?? 54349), database: 'bench' });
  return { url: embedded.url, embedded };
}

const wsName = (i: number) => `sb_${String(i).padStart(6, '0')}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** How many workspaces sb_… the bench database holds. */
async function benchWorkspaces(url: string): Promise<number> {
  return Number((await getPool(url).query(`SELECT count(*) AS n FROM workspaces WHERE name LIKE 'sb\\_%'`)).rows[0].n);
}

/**
 * Create workspaces sb_000000… up to `count` (those missing), a few at a time (they mostly take
 * turns: each locks the users table for its foreign keys).
 */
async function fill(url: string, count: number): Promise<void> {
  const pool = getPool(url);
  const have = await benchWorkspaces(url);
  if (have >= count) return;
  const started = performance.now();
  let next = have;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await ensureWorkspace(pool, wsName(i));
      if (i % 100 === 0) process.stdout.write(`\r  creating workspaces: ${i.toLocaleString()} / ${count.toLocaleString()}   `);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  console.log(`\r  created ${(count - have).toLocaleString()} workspaces in ${seconds(performance.now() - started)} (kept for later runs)`);
}

/** Time the start-up the app runs (migrations, default workspace, stale workspaces), no demo data. */
async function startup(url: string): Promise<number> {
  const started = performance.now();
  await prepareDatabase(url, { demo: false, log: () => {} });
  return performance.now() - started;
}

/** Runs unless BENCH_ONLY names another section; with BENCH_ONLY=startup, ends the process after. */
export async function startupBench(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  if (only && only !== 'startup') return;
  const counts = (process.env.BENCH_WORKSPACES ?? '1000,10000')
    .split(',')
    .map(Number)
    .filter((n) => n > PROBES)
    .sort((a, b) => a - b);
  const db = await openDatabase();
  try {
    console.log('\nStart-up and workspace creation by number of workspaces\n');
    await startup(db.url); // migrations and the default workspace, before anything is timed
    const pool = getPool(db.url);
    const head = ['workspaces', 'create p50', 'create max', 'start-up', 'after upgrade', 'left to bg'];
    const line = (cells: string[]) => console.log(cells.map((c, i) => (i ? c.padStart(14) : c.padEnd(12))).join(''));
    for (const count of counts) {
      const have = await benchWorkspaces(db.url);
      if (have > count) {
        console.log(`  ${count.toLocaleString()}: skipped, the database already holds ${have.toLocaleString()} (remove .bench/startup to measure it again)`);
        continue;
      }
      await fill(db.url, count - PROBES);
      // The last few up to the count are the ones timed; on a later run, a few more (sbp_…).
      const extra = (await benchWorkspaces(db.url)) >= count;
      const names = Array.from({ length: PROBES }, (_, i) => (extra ? `sbp_${Date.now().toString(36)}_${i}` : wsName(count - PROBES + i)));
      const created: number[] = [];
      for (const name of names) {
        const t = performance.now();
        await ensureWorkspace(pool, name);
        created.push(performance.now() - t);
      }
      const unchanged = await startup(db.url);
      // An upgrade: every workspace is stale. Start-up converges what fits its budget, no more.
      await pool.query('UPDATE workspaces SET converged_key = NULL');
      const upgraded = await startup(db.url);
      const pending = Number((await pool.query('SELECT count(*) AS n FROM workspaces WHERE converged_key IS NULL')).rows[0].n);
      // Leave the database as a converged one for the next count (not timed).
      await pool.query(`UPDATE workspaces SET converged_key = (SELECT converged_key FROM workspaces WHERE name = 'default')`);
      created.sort((a, b) => a - b);
      // Each count is printed as soon as it is measured (filling to 10,000 takes a while).
      line(head);
      line([
        count.toLocaleString(),
        seconds(created[Math.floor(created.length / 2)]),
        seconds(created[created.length - 1]),
        seconds(unchanged),
        seconds(upgraded),
        pending.toLocaleString(),
      ]);
    }
    console.log('(start-up after an upgrade converges for TESSERA_STARTUP_CONVERGE_MS, default 5 s; the rest converge on first use or in the background)');
  } finally {
    // Called first thing in bench.ts: no other pool is open yet.
    await closePools();
    await closePrisma();
    await db.embedded?.stop();
  }
  if (only === 'startup') process.exit(0);
}
