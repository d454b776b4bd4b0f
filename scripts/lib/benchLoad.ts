/**
 * The bench's data, loaded fast and kept: a template of TEMPLATE opportunities (and a tenth as many
 * accounts) goes through the validated bulk loader (`seeds/scale.ts`: pinyin, process, forecast
 * category, roll-ups filled by the write steps), then set-based `INSERT … SELECT generate_series`
 * copies it up to the wanted size with new ids, numbers in names, owners, accounts, amounts and
 * close dates, with the secondary indexes dropped during the copy and built again after, the roll-ups
 * recomputed in one grouped statement (before the indexes) and the tables vacuumed and analysed. A trusted path for the bench's
 * scratch workspace only. The table's comment records what was loaded (LOAD_VERSION and the size),
 * so a later run with the same key skips loading.
 */
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { ident, qualified } from '../../platform/core/identifiers';
import { Params } from '../../platform/core/sql';
import type { UserRef, WorkspaceRef } from '../../platform/data/context';
import { stockMetadata } from '../../platform/metadata/registry';
import type { ObjectModel, RollupFeed } from '../../platform/metadata/model';
import { columnRef, compileCondition } from '../../platform/rules/conditions/compile';
import { seedScale } from '../../seeds/scale';
import { ensureBenchOrg } from './benchOrg';

/** Change when the generated data changes shape: the next run loads again. */
export const LOAD_VERSION = 'bench-load-3';
const TEMPLATE = Number(process.env.BENCH_TEMPLATE_ROWS ?? 10_000);
const ANCHOR = '2026-11-01';

async function columnsOf(pool: pg.Pool, schema: string, table: string): Promise<string[]> {
  const r = await pool.query<{ c: string }>(
    `SELECT column_name AS c FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    [schema, table],
  );
  return r.rows.map((x) => x.c);
}

/** Secondary indexes (not backing a constraint), dropped before the copy and built again after it. */
async function secondaryIndexes(pool: pg.Pool, schema: string, table: string): Promise<{ name: string; def: string }[]> {
  const r = await pool.query<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = $1 AND t.relname = $2 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
    [schema, table],
  );
  return r.rows;
}

/**
 * Copy every row of the template `table` `copies - 1` times, each copy `g` numbered after the
 * template (`k` is g × template size + the row's rank), with the columns in `set` computed from
 * `k` and the template row (`t`); the rest copied as they are.
 */
async function replicate(pool: pg.Pool, schema: string, table: string, copies: number, set: Record<string, string>, values: unknown[]): Promise<void> {
  const cols = await columnsOf(pool, schema, table);
  const select = cols.map((c) => (c in set ? `${set[c]} AS ${ident(c)}` : `"t".${ident(c)}`));
  const size = `(SELECT count(*) FROM ${qualified(schema, table)})`;
  await pool.query(
    `INSERT INTO ${qualified(schema, table)} (${cols.map(ident).join(', ')})
     SELECT ${select.join(', ')} FROM (SELECT *, row_number() OVER (ORDER BY "created_at", "id") - 1 AS "rank" FROM ${qualified(schema, table)}) AS "t"
     CROSS JOIN LATERAL (SELECT "g", "g" * ${size} + "t"."rank" AS "k" FROM generate_series(1, ${Math.floor(copies) - 1}) AS "g") AS "s"`,
    values,
  );
}

/**
 * A roll-up for every parent at once, the same figures as rollupUpdateSql (platform/rules/rollups.ts)
 * but grouped in one pass over the children: its correlated form reads the million rows in account
 * order, one random page at a time (5 minutes here against seconds).
 */
export function groupedRollup(schema: string, child: ObjectModel, feed: RollupFeed): [string, unknown[]] {
  const s = feed.field.summary;
  const params = new Params();
  const where = ['"c"."deleted_at" IS NULL', `"c".${ident(s.via)} IS NOT NULL`];
  if (feed.filter) where.push(compileCondition(feed.filter, params, { userId: null }, 'c'));
  const col = s.field ? columnRef(child.fieldMap.get(s.field)!, 'c') : '';
  const agg = s.fn === 'count' ? 'count(*)' : `${s.fn}(${col})`;
  const none = s.fn === 'count' || s.fn === 'sum' ? '0' : 'NULL';
  const target = ident(feed.field.name);
  const sql = `UPDATE ${qualified(schema, feed.object)} AS "p" SET ${target} = COALESCE("v"."val", ${none})
    FROM ${qualified(schema, feed.object)} AS "q" LEFT JOIN (SELECT "c".${ident(s.via)} AS "id", ${agg} AS "val" FROM ${qualified(schema, child.name)} AS "c" WHERE ${where.join(' AND ')} GROUP BY 1) AS "v" ON "v"."id" = "q"."id"
    WHERE "p"."id" = "q"."id"`;
  return [sql, params.values];
}

/** Make the workspace hold `rows` opportunities (and a tenth as many accounts) owned by the bench's reps; skipped when already loaded. */
export async function loadBenchData(pool: pg.Pool, workspace: WorkspaceRef, actor: UserRef, rows: number): Promise<void> {
  const schema = workspace.schema;
  const key = `${LOAD_VERSION}:${rows}:${TEMPLATE}`;
  const comment = await pool.query<{ c: string | null }>(`SELECT obj_description(to_regclass($1), 'pg_class') AS c`, [`${ident(schema)}."opportunity"`]);
  if (comment.rows[0]?.c === key) return;
  console.log(`Loading ${rows.toLocaleString()} opportunities into workspace "bench" (kept for later runs, key ${key})...`);
  const started = performance.now();
  const step = async (what: string, fn: () => Promise<unknown>) => {
    const a = performance.now();
    await fn();
    console.log(`  ${what}: ${((performance.now() - a) / 1000).toFixed(1)} s`);
  };
  await ensureBenchOrg(pool, workspace, actor.id, { reassign: false });
  const reps = (await pool.query<{ id: string }>(`SELECT id FROM users WHERE workspace_id = $1 AND email LIKE 'bench.rep.%' ORDER BY email`, [workspace.id])).rows.map((r) => r.id);
  const opp = qualified(schema, 'opportunity');
  const acc = qualified(schema, 'account');
  await pool.query(`TRUNCATE ${opp}, ${acc} CASCADE`);
  const template = Math.min(rows, TEMPLATE);
  await step(`template of ${template.toLocaleString()} through the validated bulk loader`, () => seedScale(pool, workspace, actor, reps, template));
  const copies = Math.ceil(rows / template);
  if (copies > 1) {
    const dropped = [...(await secondaryIndexes(pool, schema, 'opportunity')), ...(await secondaryIndexes(pool, schema, 'account'))];
    for (const i of dropped) await pool.query(`DROP INDEX ${qualified(schema, i.name)}`);
    // `hashint8extended(k, seed)`: a deterministic pseudo-random number per copied row.
    const h = (seed: number, mod: string) => `(abs(hashint8extended("s"."k", ${seed})) % ${mod})`;
    await step(`accounts copied to ${Math.ceil(rows / 10).toLocaleString()}`, () =>
      replicate(
        pool,
        schema,
        'account',
        Math.ceil(Math.ceil(rows / 10) / Math.ceil(template / 10)),
        {
          id: 'gen_random_uuid()',
          name: `regexp_replace("t"."name", '\\d+', "s"."k"::text)`,
          tessera_py: `regexp_replace("t"."tessera_py", '\\d+', "s"."k"::text, 'g')`,
          owner: `($1::uuid[])[1 + ${h(1, 'cardinality($1::uuid[])')}]`,
        },
        [reps],
      ),
    );
    await pool.query(`CREATE TEMP TABLE bench_accounts AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM ${acc}`);
    await pool.query(`CREATE UNIQUE INDEX ON bench_accounts (n)`);
    await step(`opportunities copied to ${(copies * template).toLocaleString()}`, () =>
      replicate(
        pool,
        schema,
        'opportunity',
        copies,
        {
          id: 'gen_random_uuid()',
          name: `regexp_replace("t"."name", '#\\d+$', '#' || "s"."k")`,
          tessera_py: `regexp_replace("t"."tessera_py", '\\d+( |$)', "s"."k" || '\\1', 'g')`,
          owner: `($1::uuid[])[1 + ${h(2, 'cardinality($1::uuid[])')}]`,
          account: `(SELECT "a"."id" FROM bench_accounts AS "a" WHERE "a"."n" = ${h(3, '(SELECT count(*) FROM bench_accounts)')})`,
          amount: `CASE WHEN "t"."amount" IS NULL THEN NULL ELSE (1 + ${h(4, '5000')}) * 1000 END`,
          close_date: `$2::date + (${h(5, '1101')} - 700)::int`,
        },
        [reps, ANCHOR],
      ),
    );
    await pool.query('DROP TABLE bench_accounts');
    if (copies * template > rows) await pool.query(`DELETE FROM ${opp} WHERE id IN (SELECT id FROM ${opp} ORDER BY created_at DESC, id LIMIT $1)`, [copies * template - rows]);
    // Before the indexes: the grouped roll-up reads the opportunities in one pass and rewrites accounts without index upkeep.
    const child = stockMetadata().objects.get('opportunity')!;
    await step('roll-ups recomputed', async () => {
      for (const feed of child.rollupsFed) await pool.query(...groupedRollup(schema, child, feed));
    });
    await step(`${dropped.length} indexes built again`, async () => {
      await pool.query(`SET maintenance_work_mem = '256MB'`);
      for (const i of dropped) await pool.query(i.def);
      await pool.query(`RESET maintenance_work_mem`);
    });
  }
  await step('vacuum and analyse', async () => {
    await pool.query(`VACUUM ANALYZE ${acc}`);
    await pool.query(`VACUUM ANALYZE ${opp}`);
  });
  await pool.query(`COMMENT ON TABLE ${opp} IS ${`'${key}'`}`);
  console.log(`  loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
