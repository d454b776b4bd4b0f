/**
 * Columns whose stored values are still being backfilled (an upgrade added a roll-up or a sales
 * process to a table that has rows, and the job queue fills them in batches): reads compute them
 * from the stored row instead, so lists, records, filters and sorts are right before the job has
 * reached every row. The schema code keeps this process-local map current; a read looks it up
 * without a query, and a table with nothing pending reads exactly as before.
 */
import { ident, qualified } from '../core/identifiers';
import type { Params } from '../core/sql';

/** The SQL computing one pending column from the stored row aliased "p". */
export type PendingExpr = (params: Params) => string;

export interface PendingTable {
  /** Every column of the live table, in order (a derived table must list them to replace some). */
  columns: string[];
  computed: Map<string, PendingExpr>;
  /** About how many rows the table has (Postgres's estimate): what ordering by a computed column would compute. */
  rows: number;
  /** Columns whose computation is a query of its own per row (roll-ups), unlike a process's defaults. */
  costly: Set<string>;
}

/**
 * Rows above which a list may not be sorted or filtered by a column still pending: computing a
 * roll-up for every row of a big table to order them took 38 s at 100,000 accounts over a million
 * opportunities (past the statement limit). A page in any other order computes it for its own rows.
 */
function orderLimit(): number {
  const n = Number(process.env.TESSERA_PENDING_ORDER_MAX_ROWS);
  return Number.isFinite(n) && n >= 0 ? n : 50_000;
}

/** Columns of an object a list may not sort or filter by until their backfill is done (empty: none). */
export function pendingUnorderable(schema: string, object: string): Set<string> {
  const table = bySchema().get(schema)?.get(object);
  return table && table.rows > orderLimit() ? table.costly : new Set();
}

const g = globalThis as unknown as { __tesseraPending?: Map<string, Map<string, PendingTable>> };
const bySchema = (): Map<string, Map<string, PendingTable>> => (g.__tesseraPending ??= new Map());

/** Replace what is pending in a workspace schema (an empty map: nothing is). */
export function setPendingTables(schema: string, tables: Map<string, PendingTable>): void {
  if (tables.size) bySchema().set(schema, tables);
  else bySchema().delete(schema);
}

/** The objects of a schema with pending columns (for tests and the admin screen). */
export function pendingObjects(schema: string): string[] {
  return [...(bySchema().get(schema)?.keys() ?? [])];
}

/** The table as reads should see it while some of its columns are pending, or null when none are. */
export function pendingTableSql(schema: string, object: string, params: Params): string | null {
  const table = bySchema().get(schema)?.get(object);
  if (!table) return null;
  const columns = table.columns.map((c) => {
    const expr = table.computed.get(c);
    return expr ? `${expr(params)} AS ${ident(c)}` : `"p".${ident(c)}`;
  });
  return `(SELECT ${columns.join(', ')} FROM ${qualified(schema, object)} AS "p")`;
}
