/**
 * Reads what exists in a workspace schema from the live Postgres catalog.
 *
 * Scoped to the workspace's own tables: pg_class has no index on the namespace, so a query that
 * filters by schema name scans every table and index of every workspace (it made creating a
 * workspace slow down as their number grew). Given the table names, each read is an index lookup:
 * pg_class by (relname, relnamespace), then pg_attribute, pg_index and pg_constraint by table oid.
 */
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

/**
 * The live tables, columns, indexes and constraints of `schema`. With `tables`, only those tables
 * (and their indexes and constraints) are read; without, every table of the schema (slower).
 */
export async function readCatalog(db: Queryable, schema: string, tables?: Iterable<string>): Promise<Catalog> {
  const empty: Catalog = { schemaExists: false, tables: new Map(), indexes: new Set(), constraints: new Set() };
  // Sequential: `db` may be a single client inside a transaction.
  const ns = await db.query<{ oid: string }>('SELECT oid FROM pg_namespace WHERE nspname = $1', [schema]);
  if (!ns.rowCount) return empty;
  const namespace = ns.rows[0].oid;
  const rels = tables
    ? await db.query<{ oid: string; relname: string }>(`SELECT oid, relname FROM pg_class WHERE relname = ANY($1::text[]) AND relnamespace = $2::oid AND relkind = 'r'`, [
        [...new Set(tables)],
        namespace,
      ])
    : await db.query<{ oid: string; relname: string }>(`SELECT oid, relname FROM pg_class WHERE relnamespace = $1::oid AND relkind = 'r'`, [namespace]);
  const out: Catalog = { ...empty, schemaExists: true };
  if (!rels.rowCount) return out;
  const oids = rels.rows.map((r) => r.oid);
  // pg parses oid as a number: key by its text so both spellings meet.
  const nameOf = new Map(rels.rows.map((r) => [String(r.oid), r.relname]));
  const cols = await db.query<{ rel: string; column_name: string; type: string; not_null: boolean }>(
    `SELECT a.attrelid AS rel, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null
       FROM pg_attribute a
      WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped`,
    [oids],
  );
  const idx = await db.query<{ name: string }>('SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = ANY($1::oid[])', [oids]);
  const cons = await db.query<{ conname: string }>('SELECT conname FROM pg_constraint WHERE conrelid = ANY($1::oid[])', [oids]);
  for (const r of rels.rows) out.tables.set(r.relname, new Map());
  for (const r of cols.rows) out.tables.get(nameOf.get(String(r.rel))!)!.set(r.column_name, { type: r.type, notNull: r.not_null });
  for (const r of idx.rows) out.indexes.add(r.name);
  for (const r of cons.rows) out.constraints.add(r.conname);
  return out;
}

/** The tables a workspace's schema holds for `objects`: their record tables, the counters and the users mirror. */
export function workspaceTables(objects: Iterable<string>): string[] {
  return [...objects, 'tessera_autonumber', 'tessera_user'];
}
