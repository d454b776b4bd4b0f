/**
 * Maintained system columns: columns every record table carries that no metadata field declares,
 * whose values a capability derives from the record on every write (its own write step) and, for
 * rows written before the column existed, through a backfill. Converge adds them with their
 * indexes like any column. Field names starting with `tessera_` are reserved for them.
 */
import type pg from 'pg';
import { ident, qualified } from '../core/identifiers';
import { pinyinColumn } from '../search/column';
import type { IndexSpec } from './indexes';

export interface MaintainedColumn {
  column: string;
  sqlType: string;
  /** The indexes the column needs on table `table`. */
  indexes(table: string): IndexSpec[];
  /** The stored system column the value derives from. */
  source: 'name';
  /** The value for a record whose source column holds `value`. */
  compute(value: unknown): string | null;
}

/** Every maintained column, in the order converge adds them. */
export const MAINTAINED_COLUMNS: readonly MaintainedColumn[] = [pinyinColumn];

/** The maintained column named `column`, if any. */
export function maintainedColumn(column: string): MaintainedColumn | undefined {
  return MAINTAINED_COLUMNS.find((c) => c.column === column);
}

/** Recompute a maintained column for the rows `ids` of a table, in one read and one update. */
export async function refreshMaintained(client: pg.PoolClient, schema: string, table: string, col: MaintainedColumn, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const t = qualified(schema, table);
  const rows = await client.query<{ id: string; v: unknown }>(`SELECT "id", ${ident(col.source)} AS "v" FROM ${t} WHERE "id" = ANY($1::uuid[])`, [ids]);
  await writeMaintained(
    client,
    schema,
    table,
    col,
    rows.rows.map((r) => ({ id: r.id, value: col.compute(r.v) })),
  );
}

/** Store computed values (one statement), leaving rows that already hold them untouched. */
export async function writeMaintained(client: pg.PoolClient, schema: string, table: string, col: MaintainedColumn, values: { id: string; value: string | null }[]): Promise<void> {
  if (!values.length) return;
  const c = ident(col.column);
  await client.query(
    `UPDATE ${qualified(schema, table)} AS "t" SET ${c} = "v"."value" FROM unnest($1::uuid[], $2::text[]) AS "v"("id", "value")
      WHERE "t"."id" = "v"."id" AND "t".${c} IS DISTINCT FROM "v"."value"`,
    [values.map((v) => v.id), values.map((v) => v.value)],
  );
}
