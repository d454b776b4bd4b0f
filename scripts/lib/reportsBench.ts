/**
 * Reports over the million opportunities (part of `npm run bench`; `BENCH_ONLY=reports` runs only
 * this): a summary by stage and owner with the sum of amount through the engine against the same
 * grouped SQL written by hand, the same report as a rep and a regional manager against the admin,
 * and a remembered (cached) second run. Figures are printed, never asserted.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { RecordContext, WorkspaceRef } from '../../platform/data/context';
import { clearReportCache } from '../../platform/reports/cache';
import { calendarOf } from '../../platform/reports/calendar';
import { compileGroups } from '../../platform/reports/compile';
import { planReport, runReport } from '../../platform/reports/run';
import { buildGroups } from '../../platform/reports/tree';
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

/** Medians of `fns` run in turn, the order rotating each round, so all see the same machine (it is shared). */
async function interleaved(fns: [string, () => Promise<unknown>][], runs = RUNS): Promise<Map<string, number>> {
  for (const [, fn] of fns) await fn(); // warm the plans and the buffers
  const xs = new Map<string, number[]>(fns.map(([n]) => [n, []]));
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < fns.length; j++) {
      const [name, fn] = fns[(i + j) % fns.length];
      const a = performance.now();
      await fn();
      xs.get(name)!.push(performance.now() - a);
    }
  }
  return new Map([...xs].map(([n, v]) => [n, median(v)]));
}

/** Where the engine's time goes for the admin: check, compile, the statement (planning and execution from EXPLAIN ANALYZE), the tree. */
async function stages(pool: pg.Pool, ctx: RecordContext): Promise<void> {
  const cal = await calendarOf(ctx);
  const { plan } = planReport(ctx, byStageAndOwner);
  const q = await compileGroups(ctx, plan, cal);
  const { rows } = await pool.query(q.sql, q.values);
  const parts: [string, number][] = [
    ['check (parse, paths, rights)', await time(async () => planReport(ctx, byStageAndOwner))],
    ['compile to SQL (access plan included)', await time(() => compileGroups(ctx, plan, cal))],
    [`group tree (${rows.length} rows: labels, drill conditions)`, await time(async () => buildGroups(ctx, plan, rows, q.labelled, cal, undefined))],
  ];
  const explain = await pool.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${q.sql}`, q.values);
  const { 'Planning Time': planning, 'Execution Time': execution } = explain.rows[0]['QUERY PLAN'][0];
  parts.push(['statement planning (EXPLAIN ANALYZE, once)', planning], ['statement execution (EXPLAIN ANALYZE, once)', execution]);
  console.log('\nwhere the engine spends it (admin):');
  for (const [what, ms] of parts) console.log(`  ${what}`.padEnd(52), ms.toFixed(2).padStart(10));
  if (process.env.BENCH_EXPLAIN) {
    const text = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.values);
    console.log(text.rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
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
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ');
  console.log(`\nReports: ${JSON.stringify(byStageAndOwner.groupings)} with sum of amount, median of ${RUNS} interleaved runs (ms), load average ${load()}\n`);
  const m = await interleaved([
    ['hand', () => pool.query(hand)],
    ['engine', () => runReport(admin, byStageAndOwner, fresh)],
  ]);
  const engine = m.get('engine')!;
  console.log('engine (admin)'.padEnd(40), engine.toFixed(1).padStart(10));
  console.log('same SQL by hand'.padEnd(40), m.get('hand')!.toFixed(1).padStart(10));
  console.log('ratio engine / by hand'.padEnd(40), (engine / m.get('hand')!).toFixed(2).padStart(10));
  await stages(pool, admin);
  const v = await interleaved(people.map(([who, ctx]) => [who, () => runReport(ctx, byStageAndOwner, fresh)]));
  console.log(`\nthe same report by who is asking (interleaved, load average ${load()}):`);
  for (const [who] of people) console.log(`  as ${who}`.padEnd(40), v.get(who)!.toFixed(1).padStart(10), `  vs admin ${(v.get(who)! / v.get(people[0][0])!).toFixed(2)}`);
  clearReportCache();
  const cold = performance.now();
  await runReport(admin, byStageAndOwner);
  const coldMs = performance.now() - cold;
  const warm = await time(() => runReport(admin, byStageAndOwner));
  console.log(`\nadmin, first run then remembered: cold ${coldMs.toFixed(1)} ms, warm ${warm.toFixed(2)} ms (no write in between)`);
}
