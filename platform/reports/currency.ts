/**
 * Amounts in several currencies are never added up: a grouped amount carries a guard (its group's
 * lowest and highest currency code must be equal), which costs a fifth to a third of a grouped
 * statement over a million rows. Most workspaces hold one currency per field, so before the
 * statement one probe asks each amount field whether any record (of any viewer, deleted ones too) is
 * in another currency than the field's own, through the field's partial index of exactly those
 * records (fields/currency.ts, usually empty: an index probe, not a scan). Where none is, the guard
 * is left out. The same probe after the statement confirms it: a record in another currency
 * committed in between makes the engine run the guarded statement again.
 */
import { qualified } from '../core/identifiers';
import type { Queryable } from '../db/pool';
import { OTHER_CURRENCY } from '../fields/currency';
import { fieldType } from '../fields/registry';
import type { ReportPlan } from './check';

/** The aggregate indexes of `plan` over an amount whose every record is in the field's own currency. */
export async function oneCurrencyAggregates(db: Queryable, schema: string, plan: ReportPlan): Promise<Set<number>> {
  const probes: { i: number; sql: string }[] = [];
  plan.aggregates.forEach((a, i) => {
    const p = a.path;
    if (!p || p.kind === 'user' || p.field.type !== 'currency' || a.fn === 'count' || a.fn === 'count_distinct') return;
    const other = fieldType(p.field)
      .partialIndexes?.(p.field)
      .find((x) => x.suffix === OTHER_CURRENCY);
    if (!other) return;
    const table = qualified(schema, p.kind === 'parent' ? p.parent.name : plan.object.name);
    probes.push({ i, sql: `EXISTS (SELECT 1 FROM ${table} WHERE ${other.where})` });
  });
  if (!probes.length) return new Set();
  const { rows } = await db.query(`SELECT ARRAY[${probes.map((p) => p.sql).join(', ')}] AS "other"`);
  const other = rows[0].other as boolean[];
  return new Set(probes.filter((_, k) => !other[k]).map((p) => p.i));
}

/** Whether every aggregate of `before` is still over one currency only (the probe again, after the statement). */
export async function stillOneCurrency(db: Queryable, schema: string, plan: ReportPlan, before: Set<number>): Promise<boolean> {
  if (!before.size) return true;
  const now = await oneCurrencyAggregates(db, schema, plan);
  return [...before].every((i) => now.has(i));
}
