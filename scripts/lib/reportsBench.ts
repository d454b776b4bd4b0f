/**
 * Reports over the million opportunities (part of `npm run bench`; `BENCH_ONLY=reports` runs only
 * this): a summary by stage and owner with the sum of amount through the engine against the same
 * grouped SQL written by hand, the same report as a rep and a regional manager against the admin,
 * and a remembered (cached) second run. Figures are printed, never asserted.
 */
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { RecordContext, WorkspaceRef } from '../../platform/data/context';
import { clearReportCache } from '../../platform/reports/cache';
import { runReport } from '../../platform/reports/run';
import type { ReportDefinition } from '../../platform/reports/types';

const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 15);

const byStageAndOwner: ReportDefinition = {
  object: 'opportunity',
  format: 'summary',
  groupings: [{ field: 'stage' }, { field: 'owner' }],
  aggregates: [{ fn: 'sum', field: 'amount', name: 'amount' }, { fn: 'count' }],
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn: () => Promise<unknown>, runs = RUNS): Promise<number> {
  await fn(); // warm the plan and the buffers
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const a = performance.now();
    await fn();
    xs.push(performance.now() - a);
  }
  return median(xs);
}

/** Engine vs hand-written SQL, and rep / manager vs admin, for one grouped report. */
export async function reportsBench(pool: pg.Pool, workspace: WorkspaceRef, people: [string, RecordContext][]): Promise<void> {
  const table = `"${workspace.schema}"."opportunity"`;
  // What a person would write for the same figures: each level's subtotals and the total in one grouped statement, owner names joined.
  const hand = `SELECT GROUPING(o.stage, o.owner) AS gs, o.stage, o.owner, max(u.name) AS owner_name, sum(o.amount) AS amount, count(*) AS n
    FROM ${table} o LEFT JOIN users u ON u.id = o.owner WHERE o.deleted_at IS NULL
    GROUP BY GROUPING SETS ((o.stage, o.owner), (o.stage), ()) ORDER BY 1 DESC`;
  const fresh = { fresh: true };
  const [, admin] = people[0];
  console.log(`\nReports: ${JSON.stringify(byStageAndOwner.groupings)} with sum of amount, median of ${RUNS} runs (ms)\n`);
  const direct = await time(() => pool.query(hand));
  const engine = await time(() => runReport(admin, byStageAndOwner, fresh));
  console.log('engine (admin)'.padEnd(40), engine.toFixed(1).padStart(10));
  console.log('same SQL by hand'.padEnd(40), direct.toFixed(1).padStart(10));
  console.log('ratio engine / by hand'.padEnd(40), (engine / direct).toFixed(2).padStart(10));
  console.log('');
  for (const [who, ctx] of people.slice(1)) {
    const t = await time(() => runReport(ctx, byStageAndOwner, fresh));
    console.log(`as ${who}`.padEnd(40), t.toFixed(1).padStart(10), `  vs admin ${(t / engine).toFixed(2)}`);
  }
  clearReportCache();
  const cold = performance.now();
  await runReport(admin, byStageAndOwner);
  const coldMs = performance.now() - cold;
  const warm = await time(() => runReport(admin, byStageAndOwner));
  console.log(`\nadmin, first run then remembered: cold ${coldMs.toFixed(1)} ms, warm ${warm.toFixed(2)} ms (no write in between)`);
}
