/**
 * Schema sync against the live Postgres catalog: typed columns, foreign keys and indexes derived
 * from stock metadata; converging again changes nothing; sync is additive (adds, never drops or
 * narrows, reports drift) and safe when two servers converge at once.
 */
import { isLookup } from '../../../platform/fields/guards';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockMetadata } from '../../../platform/metadata/registry';
import { convergeSchema } from '../../../platform/schema/converge';
import { ensureWorkspace } from '../../../platform/schema/workspaces';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';
import { metadataWith } from './metadata';

let tw: TestWorkspace;
let pool: pg.Pool;
let schema: string;
const meta = stockMetadata();
const scratch: string[] = [];

beforeAll(async () => {
  tw = await createTestWorkspace('schema');
  pool = (await tw.ctx()).pool;
  schema = tw.workspace.schema;
});

afterAll(async () => {
  for (const s of scratch) await pool.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
});

interface Column {
  type: string;
  notNull: boolean;
  default: string | null;
}

/** Timestamps may keep microseconds or be limited to the milliseconds the API exchanges. */
const TIMESTAMP = expect.stringMatching(/^timestamp(\(3\))? with time zone$/);

async function columns(s: string, table: string): Promise<Record<string, Column>> {
  const res = await pool.query(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS def
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped`,
    [s, table],
  );
  return Object.fromEntries(res.rows.map((r) => [r.name, { type: r.type, notNull: r.not_null, default: r.def }]));
}

interface Index {
  name: string;
  table: string;
  method: string;
  unique: boolean;
  columns: string[];
  options: number[];
  predicate: string | null;
}

async function indexes(s: string): Promise<Index[]> {
  const res = await pool.query(
    `SELECT i.relname AS name, t.relname AS "table", am.amname AS method, ix.indisunique AS unique,
            array(SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            ix.indoption::int2[] AS options, pg_get_expr(ix.indpred, ix.indrelid) AS predicate
       FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam
      WHERE n.nspname = $1`,
    [s],
  );
  return res.rows;
}

interface ForeignKey {
  table: string;
  column: string;
  targetSchema: string;
  target: string;
  onDelete: string;
}

async function foreignKeys(s: string): Promise<ForeignKey[]> {
  const res = await pool.query(
    `SELECT t.relname AS "table", a.attname AS "column", tn.nspname AS "targetSchema", r.relname AS target, c.confdeltype AS "onDelete"
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_class r ON r.oid = c.confrelid JOIN pg_namespace tn ON tn.oid = r.relnamespace
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = c.conkey[1]
      WHERE n.nspname = $1 AND c.contype = 'f'`,
    [s],
  );
  return res.rows;
}

/** Everything converge could change, in a comparable form. */
async function snapshot(s: string) {
  const tables = (await pool.query(`SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY 1`, [s])).rows.map((r) => r.tablename as string);
  const cols: Record<string, Record<string, Column>> = {};
  for (const t of tables) cols[t] = await columns(s, t);
  const cons = await pool.query(
    `SELECT conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = $1 ORDER BY 1`,
    [s],
  );
  const idx = await pool.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY 1`, [s]);
  return { tables, cols, constraints: cons.rows, indexes: idx.rows };
}

describe('tables and columns', () => {
  it('every object has a table, plus the auto-number counters and the users mirror', async () => {
    const tables = (await pool.query(`SELECT tablename FROM pg_tables WHERE schemaname = $1`, [schema])).rows.map((r) => r.tablename).sort();
    expect(tables).toEqual([...meta.objects.keys(), 'tessera_autonumber', 'tessera_user'].sort());
  });

  it('opportunity has typed columns (numeric money with a currency code, dates, uuids, text picklists)', async () => {
    const cols = await columns(schema, 'opportunity');
    expect(cols).toEqual({
      id: { type: 'uuid', notNull: true, default: 'gen_random_uuid()' },
      name: { type: 'text', notNull: false, default: null },
      owner: { type: 'uuid', notNull: false, default: null },
      created_at: { type: TIMESTAMP, notNull: true, default: 'now()' },
      updated_at: { type: TIMESTAMP, notNull: true, default: 'now()' },
      created_by: { type: 'uuid', notNull: false, default: null },
      updated_by: { type: 'uuid', notNull: false, default: null },
      version: { type: 'integer', notNull: true, default: '1' },
      deleted_at: { type: TIMESTAMP, notNull: false, default: null },
      account: { type: 'uuid', notNull: false, default: null },
      amount: { type: 'numeric(18,2)', notNull: false, default: null },
      amount_currency: { type: 'text', notNull: true, default: "'CNY'::text" },
      approved_expenses: { type: 'numeric', notNull: false, default: '0' },
      close_date: { type: 'date', notNull: false, default: null },
      cost: { type: 'numeric(18,2)', notNull: false, default: null },
      cost_currency: { type: 'text', notNull: true, default: "'CNY'::text" },
      stage: { type: 'text', notNull: false, default: null },
      probability: { type: 'numeric(7,2)', notNull: false, default: null },
      sales_process: { type: 'text', notNull: false, default: null },
      forecast_category: { type: 'text', notNull: false, default: null },
      stage_changed_at: { type: 'timestamp(3) with time zone', notNull: false, default: null },
      loss_reason: { type: 'text', notNull: false, default: null },
      // A roll-up is a column (a count starts at 0); the days-in-stage formula is not: it is computed when read.
      quote_count: { type: 'numeric', notNull: false, default: '0' },
      tender_number: { type: 'text', notNull: false, default: null },
      bid_deadline: { type: 'date', notNull: false, default: null },
      source: { type: 'text', notNull: false, default: null },
      next_step: { type: 'text', notNull: false, default: null },
      description: { type: 'text', notNull: false, default: null },
      // A maintained system column: the name's pinyin, for global search (platform/search).
      tessera_py: { type: 'text', notNull: false, default: null },
    });
  });

  it.each([
    ['account', 'employees', 'bigint'],
    ['account', 'annual_revenue', 'numeric(18,2)'],
    ['account', 'annual_revenue_currency', 'text'],
    ['account', 'parent', 'uuid'],
    ['account', 'website', 'text'],
    ['activity', 'subject', 'text'],
    ['activity', 'name', 'text'],
    ['activity', 'start_at', TIMESTAMP],
    ['contact', 'birthday', 'date'],
    ['contact', 'email', 'text'],
    ['contract', 'number', 'text'],
    ['contract', 'cost', 'numeric(18,2)'],
    ['contract', 'cost_currency', 'text'],
    ['lead', 'status', 'text'],
  ] as [string, string, unknown][])('%s.%s is %s', async (table, column, type) => {
    expect((await columns(schema, table))[column]?.type).toEqual(type);
  });

  it('no Postgres enum types are created for picklists', async () => {
    const res = await pool.query(`SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = $1 AND t.typtype = 'e'`, [schema]);
    expect(res.rows).toEqual([]);
  });
});

describe('foreign keys', () => {
  it('every lookup references its target table, and owner and audit columns reference the workspace users', async () => {
    const fks = await foreignKeys(schema);
    const expected: ForeignKey[] = [];
    for (const obj of meta.objects.values()) {
      for (const col of ['owner', 'created_by', 'updated_by']) expected.push({ table: obj.name, column: col, targetSchema: schema, target: 'tessera_user', onDelete: 'a' });
      for (const f of obj.fields) {
        if (isLookup(f)) expected.push({ table: obj.name, column: f.name, targetSchema: schema, target: f.target, onDelete: f.onDelete === 'restrict' ? 'r' : 'n' });
      }
    }
    const key = (k: ForeignKey) => `${k.table}.${k.column}`;
    expect([...fks].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(expected.sort((a, b) => key(a).localeCompare(key(b))));
    expect(fks.find((k) => k.table === 'opportunity' && k.column === 'account')).toEqual({
      table: 'opportunity',
      column: 'account',
      targetSchema: schema,
      target: 'account',
      onDelete: 'n',
    });
  });
});

describe('indexes', () => {
  let all: Index[];
  beforeAll(async () => {
    all = await indexes(schema);
  });
  const leading = (table: string, column: string) => all.filter((i) => i.table === table && i.columns[0] === column);

  it('every lookup and the owner are indexed', () => {
    for (const obj of meta.objects.values()) {
      for (const col of ['owner', ...obj.fields.filter((f) => f.type === 'lookup').map((f) => f.name)]) {
        expect(leading(obj.name, col).length, `${obj.name}.${col}`).toBeGreaterThan(0);
      }
    }
  });

  it('every list-view sort has an index in that order (or its exact reverse), nulls smallest, the id last', () => {
    // indoption bits: 1 = DESC, 2 = NULLS FIRST. ASC NULLS FIRST is 2, DESC NULLS LAST is 1.
    const option = (dir: string) => (dir === 'desc' ? 1 : 2);
    let checked = 0;
    for (const [object, views] of meta.views) {
      for (const view of views) {
        if (!view.sort?.length) continue;
        // A formula is computed when read: no index can hold it (docs/architecture.md).
        if (view.sort.some((s) => meta.objects.get(object)?.fieldMap.get(s.field)?.type === 'formula')) continue;
        const keys = view.sort.map((s) => ({ column: s.field, dir: s.dir ?? 'asc' }));
        const wanted = [...keys, { column: 'id', dir: keys[keys.length - 1].dir }];
        const same = wanted.map((k) => option(k.dir));
        const reverse = wanted.map((k) => 3 - option(k.dir));
        const match = all.find(
          (i) =>
            i.table === object &&
            i.method === 'btree' &&
            i.predicate === null &&
            JSON.stringify(i.columns) === JSON.stringify(wanted.map((k) => k.column)) &&
            [JSON.stringify(same), JSON.stringify(reverse)].includes(JSON.stringify(i.options)),
        );
        expect(match, `${object}.${view.name} sorted by ${JSON.stringify(view.sort)}`).toBeDefined();
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('names are searchable by trigram, and indexed fields have a sort index', () => {
    for (const obj of meta.objects.values()) {
      expect(
        all.some((i) => i.table === obj.name && i.method === 'gin' && i.columns[0] === 'name'),
        obj.name,
      ).toBe(true);
      for (const f of obj.fields.filter((x) => x.indexed)) expect(leading(obj.name, f.name).length, `${obj.name}.${f.name}`).toBeGreaterThan(0);
    }
  });

  it('contract numbers are unique among live records', () => {
    // (A search field: its trigram index, for contains-matches, leads with it too.)
    expect(leading('contract', 'number').filter((i) => i.method === 'btree')).toEqual([
      expect.objectContaining({ unique: true, columns: ['number'], predicate: '(deleted_at IS NULL)' }),
    ]);
  });
});

describe('converging again', () => {
  it('plans nothing and leaves the catalog identical', async () => {
    const before = await snapshot(schema);
    const plan = await convergeSchema(pool, schema, meta);
    expect(plan).toEqual({ actions: [], drift: [] });
    const again = await ensureWorkspace(pool, tw.workspace.name);
    expect(again.plan).toEqual({ actions: [], drift: [] });
    expect(again.workspace).toEqual(tw.workspace);
    expect(await snapshot(schema)).toEqual(before);
  });

  it('two servers converging a new schema at once both succeed and build it once', async () => {
    const fresh = `ws_race_${randomBytes(3).toString('hex')}`;
    scratch.push(fresh);
    const plans = await Promise.all([convergeSchema(pool, fresh, meta), convergeSchema(pool, fresh, meta)]);
    const sizes = plans.map((p) => p.actions.length).sort((a, b) => a - b);
    expect(sizes[0]).toBe(0);
    expect(sizes[1]).toBeGreaterThan(0);
    const built = await snapshot(fresh);
    const reference = await snapshot(schema);
    expect(built.tables).toEqual(reference.tables);
    expect(built.cols).toEqual(reference.cols);
    expect(built.indexes.map((i) => i.indexname)).toEqual(reference.indexes.map((i) => i.indexname));
  });
});

describe('additive sync', () => {
  const extended = metadataWith('opportunity', [
    { name: 'partner', type: 'lookup', label: { en: 'Partner', zh: '合作伙伴' }, target: 'account', onDelete: 'restrict' },
    { name: 'discount', type: 'percent', label: { en: 'Discount', zh: '折扣' }, indexed: true },
    { name: 'tags', type: 'multi_picklist', label: { en: 'Tags', zh: '标签' }, indexed: true, options: [{ value: 'vip', label: { en: 'VIP', zh: '重要' } }] },
    { name: 'budget', type: 'currency', label: { en: 'Budget', zh: '预算' }, currency: 'USD' },
    { name: 'signed', type: 'boolean', label: { en: 'Signed', zh: '已签' } },
  ]);

  it('a new field adds its columns, foreign key and indexes, and nothing else', async () => {
    const plan = await convergeSchema(pool, schema, extended);
    expect(plan.drift).toEqual([]);
    expect(plan.actions.every((a) => /^(ALTER TABLE|CREATE (UNIQUE )?INDEX)/.test(a.sql) && !/DROP|RENAME|TYPE/.test(a.sql))).toBe(true);
    const cols = await columns(schema, 'opportunity');
    expect(cols).toMatchObject({
      partner: { type: 'uuid' },
      discount: { type: 'numeric(7,2)' },
      tags: { type: 'text[]' },
      budget: { type: 'numeric(18,2)' },
      budget_currency: { type: 'text', notNull: true, default: "'USD'::text" },
      signed: { type: 'boolean', notNull: true, default: 'false' },
    });
    expect((await foreignKeys(schema)).find((k) => k.column === 'partner')).toMatchObject({ target: 'account', onDelete: 'r' });
    const idx = (await indexes(schema)).filter((i) => i.table === 'opportunity');
    expect(idx.some((i) => i.columns[0] === 'partner')).toBe(true);
    expect(idx.some((i) => i.columns[0] === 'discount')).toBe(true);
    expect(idx.some((i) => i.columns[0] === 'tags' && i.method === 'gin')).toBe(true);
    expect(await convergeSchema(pool, schema, extended)).toEqual({ actions: [], drift: [] });
  });

  it('a field removed from metadata keeps its column and data (never dropped)', async () => {
    const before = await columns(schema, 'opportunity');
    expect(await convergeSchema(pool, schema, meta)).toEqual({ actions: [], drift: [] });
    expect(await columns(schema, 'opportunity')).toEqual(before);
  });

  it('a column whose type differs is reported as drift and left alone', async () => {
    await pool.query(`ALTER TABLE "${schema}"."opportunity" ALTER COLUMN "next_step" TYPE varchar(50)`);
    const plan = await convergeSchema(pool, schema, meta);
    expect(plan.actions).toEqual([]);
    expect(plan.drift).toEqual(['opportunity.next_step: live character varying(50), metadata text']);
    expect((await columns(schema, 'opportunity')).next_step.type).toBe('character varying(50)');
  });

  it('a missing index is recreated', async () => {
    await pool.query(`DROP INDEX "${schema}"."opportunity_account_idx"`);
    const plan = await convergeSchema(pool, schema, meta);
    expect(plan.actions.map((a) => a.description)).toEqual(['index opportunity_account_idx']);
    expect((await indexes(schema)).some((i) => i.name === 'opportunity_account_idx')).toBe(true);
  });
});
