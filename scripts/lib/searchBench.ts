/**
 * Global search over a million-row object (part of `npm run bench`; `BENCH_ONLY=search` runs only
 * this): the header's search as a user with every right runs it, over the bench workspace's
 * opportunities and accounts (Chinese names, as seeds/scale.ts makes them), for pinyin initials,
 * full pinyin, a Chinese substring, a two-character name start and a text matching nothing.
 * Prints p50/p95 in ms and whether any plan scans a table. Figures are printed, never asserted.
 */
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { RecordContext } from '../../platform/data/context';
import { compileSearch, globalSearch } from '../../platform/search/global';
import { pinyinKey } from '../../platform/search/pinyin';

const ITERATIONS = Number(process.env.BENCH_SEARCH_ITERATIONS ?? 200);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Time global search for typical texts taken from the data itself. */
export async function searchBench(pool: pg.Pool, ctx: RecordContext, schema: string, rows: number): Promise<void> {
  // Fresh statistics after the bulk load, as autovacuum would give them: the planner chooses indexes by them.
  await pool.query(`ANALYZE "${schema}"."opportunity", "${schema}"."account"`);
  const sample =
    (await pool.query<{ name: string }>(`SELECT name FROM "${schema}"."opportunity" TABLESAMPLE SYSTEM (0.1) WHERE name IS NOT NULL LIMIT 1`)).rows[0]?.name ?? '华东智能';
  const key = pinyinKey(sample) ?? 'hd hua';
  const [initials, full] = key.split(' ');
  const han = [...sample].filter((c) => /\p{Script=Han}/u.test(c));
  const cases: [string, string][] = [
    ['pinyin initials (4 letters)', initials.slice(0, 4)],
    ['pinyin initials (2 letters)', initials.slice(0, 2)],
    ['full pinyin prefix', full.slice(0, 8)],
    ['Chinese substring (3 characters)', han.slice(1, 4).join('')],
    ['name start (2 characters)', han.slice(0, 2).join('')],
    ['a text matching nothing', 'qqxxzz'],
  ];
  console.log(`\nGlobal search over ${rows.toLocaleString()} opportunities and their accounts, ${ITERATIONS} runs each (figures in ms)\n`);
  console.log('search'.padEnd(40), 'text'.padEnd(12), 'p50'.padStart(8), 'p95'.padStart(8), 'groups'.padStart(7), '  plan');
  for (const [name, q] of cases) {
    const compiled = (await compileSearch(ctx, q))!;
    const plan = await pool.connect().then(async (c) => {
      try {
        // As globalSearch runs it: table scans off for the statement.
        await c.query('BEGIN');
        await c.query(`SELECT set_config('enable_seqscan', 'off', true)`);
        return (await c.query(`EXPLAIN ${compiled.sql}`, compiled.values)).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
      } finally {
        await c.query('ROLLBACK');
        c.release();
      }
    });
    const scans = [...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]).filter((t) => t === 'opportunity' || t === 'account');
    for (let i = 0; i < 10; i++) await globalSearch(ctx, q);
    const times: number[] = [];
    let groups = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const t = performance.now();
      groups = (await globalSearch(ctx, q)).length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(
      name.padEnd(40),
      q.padEnd(12),
      percentile(times, 50).toFixed(2).padStart(8),
      percentile(times, 95).toFixed(2).padStart(8),
      String(groups).padStart(7),
      `  ${scans.length ? `table scan: ${scans.join(', ')}` : 'indexes only'}`,
    );
  }
}
