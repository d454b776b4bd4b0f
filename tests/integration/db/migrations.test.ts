/**
 * The SQL migrations (applied by our runner, as `prisma migrate deploy` would) must produce exactly
 * the tables schema.prisma declares: same tables, columns, types, nullability, unique keys and
 * foreign keys. Prisma Client relies on that; this test is what keeps the two in step.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { getPool } from '../../../platform/db/pool';

interface PrismaColumn {
  table: string;
  column: string;
  type: string;
  nullable: boolean;
  unique: boolean;
  id: boolean;
}
interface PrismaModel {
  table: string;
  columns: PrismaColumn[];
  relations: { columns: string[]; target: string; onDelete?: string }[];
  uniques: string[][];
  compositeId?: string[];
}

const SCALARS: Record<string, string> = {
  String: 'text',
  Boolean: 'boolean',
  Int: 'integer',
  BigInt: 'bigint',
  DateTime: 'timestamp(3) without time zone',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Json: 'jsonb',
};
const NATIVE: Record<string, string> = { Uuid: 'uuid', Date: 'date', 'Timestamptz(3)': 'timestamp(3) with time zone', Text: 'text' };
/** Native types with parameters that Postgres spells differently (Decimal(30,4) is numeric(30,4)). */
const nativeType = (t: string) => NATIVE[t] ?? t.replace(/^Decimal\(/, 'numeric(');

/** A small reader of schema.prisma: enough for models, @map/@@map, @db types, @unique, @@unique and @relation. */
function readPrismaSchema(text: string): PrismaModel[] {
  const models: PrismaModel[] = [];
  const modelNames = [...text.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);
  for (const block of text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const body = block[2];
    const table = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? block[1];
    const model: PrismaModel = { table, columns: [], relations: [], uniques: [] };
    const fieldToColumn = new Map<string, string>();
    for (const raw of body.split('\n')) {
      const line = raw.replace(/\/\/.*$/, '').trim();
      const m = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!m || line.startsWith('@@')) continue;
      const [, name, type, list, optional, attrs] = m;
      if (list || modelNames.includes(type)) {
        const rel = /@relation\((?:"[^"]*",\s*)?fields: \[([^\]]+)\], references: \[([^\]]+)\](?:, onDelete: (\w+))?/.exec(attrs);
        if (rel) model.relations.push({ columns: rel[1].split(',').map((s) => s.trim()), target: type, onDelete: rel[3] });
        continue;
      }
      const column = /@map\("([^"]+)"\)/.exec(attrs)?.[1] ?? name;
      fieldToColumn.set(name, column);
      const native = /@db\.(\w+(?:\([\d,]+\))?)/.exec(attrs)?.[1];
      model.columns.push({
        table,
        column,
        type: native ? nativeType(native) : SCALARS[type],
        nullable: Boolean(optional),
        unique: /@unique\b/.test(attrs),
        id: /@id\b/.test(attrs),
      });
    }
    const compositeId = /@@id\(\[([^\]]+)\]/.exec(body);
    if (compositeId) model.compositeId = compositeId[1].split(',').map((f) => fieldToColumn.get(f.trim()) ?? f.trim());
    for (const u of body.matchAll(/@@unique\(\[([^\]]+)\]/g)) model.uniques.push(u[1].split(',').map((s) => fieldToColumn.get(s.trim()) ?? s.trim()));
    model.relations = model.relations.map((r) => ({ ...r, columns: r.columns.map((c) => fieldToColumn.get(c) ?? c) }));
    models.push(model);
  }
  // Relation targets are model names; map them to tables.
  const tableOf = new Map([...text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].map((b) => [b[1], /@@map\("([^"]+)"\)/.exec(b[2])?.[1] ?? b[1]]));
  for (const m of models) m.relations = m.relations.map((r) => ({ ...r, target: tableOf.get(r.target)! }));
  return models;
}

const models = readPrismaSchema(fs.readFileSync(path.resolve(import.meta.dirname, '../../../prisma/schema.prisma'), 'utf8'));
let pool: ReturnType<typeof getPool>;

beforeAll(() => {
  pool = getPool(inject('databaseUrl'));
});

describe('the migrated database matches prisma/schema.prisma', () => {
  it('declares the platform tables we expect', () => {
    expect(models.map((m) => m.table).sort()).toEqual([
      'api_keys',
      'approval_delegations',
      'approval_events',
      'approval_flow_versions',
      'approval_items',
      'approval_requests',
      'assignment_counters',
      'audit_events',
      'backfills',
      'departments',
      'field_history',
      'follows',
      'form_submissions',
      'group_members',
      'groups',
      'installed_packages',
      'jobs',
      'login_events',
      'login_throttle',
      'metadata_deltas',
      'metadata_revisions',
      'notifications',
      'object_sharing',
      'outbox',
      'permission_set_fields',
      'permission_set_objects',
      'permission_sets',
      'public_rate_limits',
      'recent_views',
      'record_assignments',
      'record_shares',
      'report_subscriptions',
      'roles',
      'sessions',
      'sharing_rules',
      'stage_history',
      'user_apps',
      'user_permission_sets',
      'users',
      'workspaces',
    ]);
  });

  it('keeps one pending approval request per record with a partial unique index (SQL only: Prisma cannot declare one)', async () => {
    const res = await pool.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname = 'approval_requests_one_pending'`);
    expect(res.rows[0]?.indexdef).toMatch(/UNIQUE INDEX .* \(workspace_id, object, record_id\) WHERE \(status = 'pending'::text\)/);
  });

  it('has exactly the tables of schema.prisma in public (plus the migrations table)', async () => {
    const res = await pool.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`);
    expect(res.rows.map((r) => r.table_name)).toEqual([...models.map((m) => m.table), '_prisma_migrations'].sort());
  });

  it.each(models.map((m) => [m.table, m] as const))('%s: columns, types and nullability', async (table, model) => {
    const res = await pool.query(
      `SELECT a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname = $1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attname`,
      [table],
    );
    const expected = model.columns.map((c) => ({ column: c.column, type: c.type, nullable: c.nullable })).sort((a, b) => a.column.localeCompare(b.column));
    expect(res.rows).toEqual(expected);
  });

  it.each(models.map((m) => [m.table, m] as const))('%s: primary key, unique keys and foreign keys', async (table, model) => {
    const res = await pool.query(
      `SELECT con.contype AS kind, array_agg(a.attname::text ORDER BY a.attname::text) AS columns, ref.relname AS target, con.confdeltype AS on_delete
         FROM pg_constraint con
         JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(con.conkey)
         LEFT JOIN pg_class ref ON ref.oid = con.confrelid
        WHERE n.nspname = 'public' AND c.relname = $1
        GROUP BY con.oid, con.contype, ref.relname, con.confdeltype`,
      [table],
    );
    const pk = res.rows.filter((r) => r.kind === 'p').map((r) => r.columns);
    expect(pk).toEqual([model.compositeId ? [...model.compositeId].sort() : model.columns.filter((c) => c.id).map((c) => c.column)]);
    const fks = res.rows
      .filter((r) => r.kind === 'f')
      .map((r) => ({ columns: r.columns, target: r.target, cascade: r.on_delete === 'c' }))
      .sort((a, b) => a.target.localeCompare(b.target));
    expect(fks).toEqual(
      model.relations.map((r) => ({ columns: [...r.columns].sort(), target: r.target, cascade: r.onDelete === 'Cascade' })).sort((a, b) => a.target.localeCompare(b.target)),
    );
    // Prisma writes @unique as unique indexes.
    const idx = await pool.query(
      `SELECT array_agg(a.attname::text ORDER BY a.attname::text) AS columns FROM pg_index i
         JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
        WHERE n.nspname = 'public' AND c.relname = $1 AND i.indisunique AND NOT i.indisprimary AND i.indpred IS NULL GROUP BY i.indexrelid`,
      [table],
    );
    const uniques = [...model.columns.filter((c) => c.unique).map((c) => [c.column]), ...model.uniques.map((u) => [...u].sort())];
    expect(idx.rows.map((r) => r.columns).sort()).toEqual(uniques.sort());
  });

  it('records every migration as prisma migrate deploy does', async () => {
    const dirs = fs
      .readdirSync(path.resolve(import.meta.dirname, '../../../prisma/migrations'))
      .filter((d) => /^\d{14}_/.test(d))
      .sort();
    const res = await pool.query('SELECT migration_name, finished_at IS NOT NULL AS done, applied_steps_count FROM _prisma_migrations ORDER BY migration_name');
    expect(res.rows).toEqual(dirs.map((d) => ({ migration_name: d, done: true, applied_steps_count: 1 })));
  });
});
