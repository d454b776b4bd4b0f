/** Reads what exists in a workspace schema from the live Postgres catalog. */
import type { Queryable } from '../db/pool';

export interface LiveColumn {
  type: string;
  notNull: boolean;
}

export interface Catalog {
  schemaExists: boolean;
  tables: Map<string, Map<string, LiveColumn>>;
  indexes: Set<string>;
  constraints: Set<string>;
}

export async function readCatalog(db: Queryable, schema: string): Promise<Catalog> {
  // Sequential: `db` may be a single client inside a transaction.
  const [ns, cols, idx, cons] = [
    await db.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]),
    await db.query<{ table_name: string; column_name: string; type: string; not_null: boolean }>(
      `SELECT c.relname AS table_name, a.attname AS column_name,
              format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`,
      [schema],
    ),
    await db.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = $1', [schema]),
    await db.query<{ conname: string }>(
      `SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = $1`,
      [schema],
    ),
  ];
  const tables = new Map<string, Map<string, LiveColumn>>();
  for (const r of cols.rows) {
    if (!tables.has(r.table_name)) tables.set(r.table_name, new Map());
    tables.get(r.table_name)!.set(r.column_name, { type: r.type, notNull: r.not_null });
  }
  return {
    schemaExists: (ns.rowCount ?? 0) > 0,
    tables,
    indexes: new Set(idx.rows.map((r) => r.indexname)),
    constraints: new Set(cons.rows.map((r) => r.conname)),
  };
}
