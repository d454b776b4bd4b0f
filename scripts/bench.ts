/**
 * `npm run bench`: loads 1,000,000 opportunities (BENCH_ROWS) into a scratch workspace and times
 * list queries (filter + sort + keyset page) through the record service and the same SQL run
 * directly with pg; prints p50/p95 and their ratio. The loaded data is kept in .bench/ between
 * runs (BENCH_DATABASE_URL uses another server instead). Figures are printed, never asserted.
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ListOptions } from '../platform/data';
import { compileList, listRecords, updateRecord } from '../platform/data';
import { ident } from '../platform/core/identifiers';
import { kanban } from '../platform/process/service';
import { decide, submitForApproval } from '../platform/approvals/engine';
import { approvalInbox } from '../platform/approvals/read';
import { createRecord } from '../platform/data';
import type { RecordContext } from '../platform/data/context';
import { resolveDataDir, runningEmbeddedUrl, startEmbeddedPostgres, type EmbeddedDatabase } from '../platform/db/embedded';
import { migrate } from '../platform/db/migrate';
import { closePools, getPool } from '../platform/db/pool';
import { closePrisma, getPrisma } from '../platform/db/prisma';
import { stockMetadata } from '../platform/metadata/registry';
import { ensureWorkspace } from '../platform/schema/workspaces';
import { buildRecordContext, systemRecordContext } from '../platform/security/context';
import { ensureBenchOrg } from './lib/benchOrg';
import { loadBenchData } from './lib/benchLoad';
import { httpBench } from './lib/httpBench';
import { createUser } from '../platform/security/users';

// A command-line tool doing bulk platform work: no per-statement limit (that guards request handlers).
process.env.TESSERA_STATEMENT_TIMEOUT_MS ??= '0';
await (await import('./lib/startupBench')).startupBench(); // start-up and workspace creation by number of workspaces (BENCH_ONLY=startup: only this)
await (await import('./lib/backfillBench')).backfillBench(); // start-up after an upgrade needing a backfill (BENCH_ONLY=backfill: only this)
await (await import('./lib/assignmentBench')).assignmentBench(); // the assignment step's cost on a create (BENCH_ONLY=assignment: only this)
await (await import('./lib/formsBench')).formsBench(); // web-form submissions per second through the public endpoint (BENCH_ONLY=forms: only this)
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function openDatabase(): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL };
  const dataDir = resolveDataDir(path.resolve('.bench'));
  const running = runningEmbeddedUrl(dataDir, 'bench');
  if (running) return { url: running };
  const embedded = await startEmbeddedPostgres({ dataDir, port: Number(process.env.BENCH_PG_PORT ?? 54339), database: 'bench' });
  return { url: embedded.url, embedded };
}

const db = await openDatabase();
try {
  const pool = getPool(db.url);
  const prisma = getPrisma(db.url);
  await migrate(pool);
  const { workspace } = await ensureWorkspace(pool, 'bench');
  let user = await prisma.user.findFirst({ where: { workspaceId: workspace.id } });
  user ??= await createUser(prisma, { workspaceId: workspace.id, email: 'bench@bench.local', name: 'Bench', password: crypto.randomUUID(), isAdmin: true });
  const actor = { id: user.id, name: user.name, email: user.email, isAdmin: true };
  await loadBenchData(pool, workspace, actor, ROWS);

  // Global search (BENCH_ONLY=search: only this).
  if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'search') {
    await (await import('./lib/searchBench')).searchBench(pool, systemRecordContext(pool, workspace, actor, stockMetadata()), workspace.schema, ROWS);
  }
  // The Sales manager dashboard, cold and warm (BENCH_ONLY=dashboards: only this).
  const dashboardsOnly = process.env.BENCH_ONLY === 'dashboards';
  if (!process.env.BENCH_ONLY || dashboardsOnly) {
    await (await import('./lib/dashboardBench')).dashboardBench(await buildRecordContext({ pool, workspace, user: actor }));
  }
  // The data-change notice's cost on writes (BENCH_ONLY=writes: only this).
  if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'writes') {
    await (await import('./lib/writeNoticeBench')).writeNoticeBench(pool, workspace.schema, systemRecordContext(pool, workspace, actor, stockMetadata()));
  }
  const httpOnly = process.env.BENCH_ONLY === 'http';
  const as = async (id: string) => {
    const u = (await pool.query('SELECT id, name, email FROM users WHERE id = $1', [id])).rows[0];
    return buildRecordContext({ pool, workspace, user: { id: u.id, name: u.name, email: u.email, isAdmin: false } });
  };
  const searchOnly = process.env.BENCH_ONLY === 'search' || dashboardsOnly || process.env.BENCH_ONLY === 'writes';
  // Reports (BENCH_ONLY=reports: only this).
  const reportsOnly = process.env.BENCH_ONLY === 'reports';
  if (!process.env.BENCH_ONLY || reportsOnly) {
    const org = await ensureBenchOrg(pool, workspace, actor.id);
    await (
      await import('./lib/reportsBench')
    ).reportsBench(pool, workspace, [
      ['admin', await as(org.admin)],
      ['manager', await as(org.manager)],
      ['rep', await as(org.rep)],
    ]);
  }
  if (!httpOnly && !searchOnly && !reportsOnly) {
    const ctx: RecordContext = systemRecordContext(pool, workspace, actor, stockMetadata());
    const allAccess = await ctx.security.plan('opportunity', 'read');
    const open = {
      all: [
        { field: 'stage', op: 'in', value: ['proposal', 'negotiation'] },
        { field: 'amount', op: 'gte', value: 100000 },
      ],
    };
    const cursorAfter = async (opts: ListOptions, pages: number) => {
      let cursor: string | null = null;
      for (let i = 0; i < pages; i++) cursor = (await listRecords(ctx, 'opportunity', { ...opts, cursor })).nextCursor;
      return cursor;
    };
    const cases: { name: string; opts: ListOptions }[] = [
      { name: 'open pipeline by amount desc, page 1', opts: { filter: open, sort: '-amount', limit: 50 } },
      {
        name: 'open pipeline by amount desc, page 21 (keyset)',
        opts: { filter: open, sort: '-amount', limit: 50, cursor: await cursorAfter({ filter: open, sort: '-amount', limit: 50 }, 20) },
      },
      { name: 'stage = negotiation by close date, page 1', opts: { filter: { field: 'stage', op: 'eq', value: 'negotiation' }, sort: 'close_date', limit: 50 } },
      { name: 'all by close date, page 101 (keyset)', opts: { sort: 'close_date', limit: 50, cursor: await cursorAfter({ sort: 'close_date', limit: 50 }, 100) } },
      {
        name: 'amount between + close date range, by -close_date',
        opts: {
          filter: {
            all: [
              { field: 'amount', op: 'between', value: [500000, 1000000] },
              { field: 'close_date', op: 'gte', value: '2026-01-01' },
            ],
          },
          sort: '-close_date,amount',
          limit: 50,
        },
      },
    ];

    console.log(`\nList queries over ${ROWS.toLocaleString()} opportunities, ${ITERATIONS} runs each (2 cores; figures in ms)\n`);
    console.log('query'.padEnd(52), 'service p50'.padStart(12), 'p95'.padStart(8), 'direct p50'.padStart(12), 'p95'.padStart(8), 'ratio p50'.padStart(10));
    for (const c of cases) {
      const compiled = compileList(ctx, stockMetadata().objects.get('opportunity')!, c.opts, allAccess);
      const service: number[] = [];
      const direct: number[] = [];
      for (let i = 0; i < 20; i++) {
        await listRecords(ctx, 'opportunity', c.opts);
        await pool.query(compiled.sql, compiled.values);
      }
      for (let i = 0; i < ITERATIONS; i++) {
        // Alternate which goes first so neither is favoured by caches.
        const a = performance.now();
        if (i % 2) await listRecords(ctx, 'opportunity', c.opts);
        else await pool.query(compiled.sql, compiled.values);
        const b = performance.now();
        if (i % 2) await pool.query(compiled.sql, compiled.values);
        else await listRecords(ctx, 'opportunity', c.opts);
        const d = performance.now();
        (i % 2 ? service : direct).push(b - a);
        (i % 2 ? direct : service).push(d - b);
      }
      service.sort((x, y) => x - y);
      direct.sort((x, y) => x - y);
      const [s50, s95, d50, d95] = [percentile(service, 50), percentile(service, 95), percentile(direct, 50), percentile(direct, 95)];
      console.log(
        c.name.padEnd(52),
        s50.toFixed(2).padStart(12),
        s95.toFixed(2).padStart(8),
        d50.toFixed(2).padStart(12),
        d95.toFixed(2).padStart(8),
        (s50 / d50).toFixed(2).padStart(10),
      );
    }
    // Formulas, the kanban and writes that keep roll-ups current. A formula is computed when read:
    // filtering or sorting on one reads every row the other conditions leave (no index can hold it).
    const heavy = Math.max(5, Math.round(ITERATIONS / 10));
    const timed = async (name: string, fn: () => Promise<unknown>, runs: number) => {
      for (let i = 0; i < 3; i++) await fn();
      const t: number[] = [];
      for (let i = 0; i < runs; i++) {
        const a = performance.now();
        await fn();
        t.push(performance.now() - a);
      }
      t.sort((x, y) => x - y);
      console.log(name.padEnd(64), percentile(t, 50).toFixed(2).padStart(10), percentile(t, 95).toFixed(2).padStart(10), String(runs).padStart(6));
    };
    console.log(`\nFormulas, kanban and roll-up writes (figures in ms)\n`);
    console.log('operation'.padEnd(64), 'p50'.padStart(10), 'p95'.padStart(10), 'runs'.padStart(6));
    await timed('page 1 by close date, with the days-in-stage formula column', () => listRecords(ctx, 'opportunity', { sort: 'close_date', limit: 50 }), ITERATIONS);
    await timed(
      'stalled: open and 30+ days in stage (formula filter), page 1',
      () =>
        listRecords(ctx, 'opportunity', {
          filter: {
            all: [
              { field: 'stage', op: 'eq', value: 'negotiation' },
              { field: 'days_in_stage', op: 'gte', value: 30 },
            ],
          },
          sort: 'close_date',
          limit: 50,
        }),
      heavy,
    );
    await timed('sorted by days in stage (formula sort, full scan), page 1', () => listRecords(ctx, 'opportunity', { sort: '-days_in_stage', limit: 50 }), heavy);
    await timed('kanban of Product sale: totals per stage + 20 cards per column', () => kanban(ctx, 'opportunity', { process: 'product_sale' }), heavy);
    const sample = (await pool.query(`SELECT id FROM ${ident(workspace.schema)}."opportunity" WHERE account IS NOT NULL AND stage = 'discovery' LIMIT 50`)).rows.map((r) =>
      String(r.id),
    );
    let k = 0;
    await timed(
      'update an opportunity amount (logic step + account roll-ups)',
      () => updateRecord(ctx, 'opportunity', sample[k++ % sample.length], { amount: 1000 + k }),
      Math.min(ITERATIONS, 200),
    );

    // Record-level security: the same lists as a rep (private sharing, five-level hierarchy), a
    // manager (three reps below) and the admin (sees everything).
    const org = await ensureBenchOrg(pool, workspace, actor.id);
    const people = [
      ['admin', await as(org.admin)],
      ['manager', await as(org.manager)],
      ['rep', await as(org.rep)],
    ] as const;
    const secCases: { name: string; opts: ListOptions }[] = [
      { name: 'open pipeline by amount desc, page 1', opts: { filter: open, sort: '-amount', limit: 50 } },
      { name: 'all by close date, page 1', opts: { sort: 'close_date', limit: 50 } },
      { name: 'stage = negotiation by -close_date, page 1', opts: { filter: { field: 'stage', op: 'eq', value: 'negotiation' }, sort: '-close_date', limit: 50 } },
    ];
    console.log(`\nThe same lists by who is asking (private sharing model, 5-level role hierarchy, 243 reps own the records)\n`);
    console.log('query'.padEnd(52), 'who'.padEnd(8), 'p50'.padStart(8), 'p95'.padStart(8), 'vs admin p50'.padStart(14));
    for (const c of secCases) {
      const times: Record<string, number[]> = { admin: [], manager: [], rep: [] };
      for (const [, pctx] of people) for (let i = 0; i < 10; i++) await listRecords(pctx, 'opportunity', c.opts);
      for (let i = 0; i < ITERATIONS; i++) {
        for (const [who, pctx] of i % 2 ? people : [...people].reverse()) {
          const a = performance.now();
          await listRecords(pctx, 'opportunity', c.opts);
          times[who].push(performance.now() - a);
        }
      }
      const adminP50 = percentile(
        times.admin.sort((x, y) => x - y),
        50,
      );
      for (const [who] of people) {
        const sorted = times[who].sort((x, y) => x - y);
        console.log(
          c.name.padEnd(52),
          who.padEnd(8),
          percentile(sorted, 50).toFixed(2).padStart(8),
          percentile(sorted, 95).toFixed(2).padStart(8),
          (percentile(sorted, 50) / adminP50).toFixed(2).padStart(14),
        );
      }
    }
    if (process.env.BENCH_EXPLAIN) {
      for (const [who, pctx] of people.slice(1)) {
        const compiled = compileList(pctx, pctx.meta.objects.get('opportunity')!, secCases[0].opts, await pctx.security.plan('opportunity', 'read'));
        const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${compiled.sql}`, compiled.values);
        console.log(`\n-- ${who}: ${secCases[0].name}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
      }
    }
    if (process.env.BENCH_EXPLAIN) {
      for (const c of cases) {
        const compiled = compileList(ctx, stockMetadata().objects.get('opportunity')!, c.opts, allAccess);
        const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${compiled.sql}`, compiled.values);
        console.log(`\n-- ${c.name}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
      }
    }
    // Approvals: an expense submitted and approved (the approval's field update recomputes the
    // opportunity's approved-expenses roll-up on the million-row table), and an approver's inbox.
    // The bench users have no managers, so the expense flow's first step falls to the administrator.
    {
      process.env.TESSERA_QUIET_OUTBOX = '1';
      const rep = people[2][1];
      const admin = people[0][1];
      const mine = (await pool.query(`SELECT id FROM ${ident(workspace.schema)}."opportunity" WHERE owner = $1 LIMIT 20`, [org.rep])).rows.map((r) => String(r.id));
      const runs = Math.min(ITERATIONS, 100);
      const expenses: string[] = [];
      for (let i = 0; i < runs + 3; i++)
        expenses.push(String((await createRecord(rep, 'expense', { amount: 100 + i, type: 'travel', date: '2026-11-20', opportunity: mine[i % mine.length] })).id));
      const requests: string[] = [];
      let s = 0;
      let a = 0;
      console.log(`\nApprovals (figures in ms)\n`);
      console.log('operation'.padEnd(64), 'p50'.padStart(10), 'p95'.padStart(10), 'runs'.padStart(6));
      await timed(
        'submit an expense for approval (flow chosen, record locked, step opened)',
        async () => {
          requests.push((await submitForApproval(rep, 'expense', expenses[s++])).requestId);
        },
        runs,
      );
      const backlog = (await approvalInbox(admin, { limit: 1 })).total;
      await timed(`approver's inbox, page 1 of 50 (${backlog} pending)`, () => approvalInbox(admin, { limit: 50 }), runs);
      await timed('approve it (status update, opportunity roll-up on 1M rows)', () => decide(admin, requests[a++], 'approve', 'ok'), runs);
    }
  }
  // Over HTTP: what a request costs end to end (authentication, context, list, JSON) next to a bare server.
  if (!searchOnly && !reportsOnly) {
    const org = await ensureBenchOrg(pool, workspace, actor.id);
    const adminCtx = await buildRecordContext({ pool, workspace, user: actor });
    await httpBench(db.url, adminCtx, await as(org.rep));
  }
  console.log(`\nMachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
} finally {
  await closePools();
  await closePrisma();
  await db.embedded?.stop();
}
