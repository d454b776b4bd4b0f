/**
 * The row source of an object's records for reads: its table, plus its formula fields as virtual
 * columns. Postgres inlines the derived table, so filters and sorts on stored columns still use
 * their indexes, and a formula is computed only for the rows a query returns (or filters on).
 */
import { ident, qualified } from '../core/identifiers';
import type { Params } from '../core/sql';
import { clock } from '../core/time';
import type { ObjectModel } from '../metadata/model';
import { compileFormulaSql } from '../rules/formula';
import { pendingTableSql } from './pending';

export function recordSource(schema: string, obj: ObjectModel, params: Params, alias = 't', when?: ReturnType<typeof clock>): string {
  // A column still being backfilled is computed on read (pending.ts); otherwise the table itself.
  const table = pendingTableSql(schema, obj.name, params) ?? qualified(schema, obj.name);
  const formulas = obj.fields.filter((f) => f.type === 'formula' && obj.formulas.has(f.name));
  if (!formulas.length) return `${table} AS ${ident(alias)}`;
  const at = when ?? clock();
  const columns = formulas.map((f) => {
    const expr = compileFormulaSql(obj.formulas.get(f.name)!, params, { alias: 'b', schema, ...at });
    // A blank yes/no formula reads as "no", as a checkbox does (and as the in-memory evaluation does).
    return `${f.type === 'formula' && f.returnType === 'boolean' ? `COALESCE(${expr}, false)` : expr} AS ${ident(f.name)}`;
  });
  return `(SELECT "b".*, ${columns.join(', ')} FROM ${table} AS "b") AS ${ident(alias)}`;
}
