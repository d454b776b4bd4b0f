/**
 * The line under a list: how many records match, and the sum of each amount column shown, per
 * currency. Counted through the same filter, search and access predicate as the list itself, and
 * only over fields the caller may read (the caller's metadata has no hidden fields).
 *
 * A million-row object: the count is exact up to TOTALS_CAP and reads at most TOTALS_CAP + 1 rows;
 * above it the answer is "more than TOTALS_CAP" and no sum is given (a sum of the first rows would
 * be a wrong number, and an exact one would read the whole table on every list view).
 */
import { ident } from '../core/identifiers';
import { Params } from '../core/sql';
import { fieldType } from '../fields/registry';
import { compileCondition } from '../rules/conditions/compile';
import { compileAccess } from '../security/access';
import { conditionContext, prepareFilterAccess } from './conditionAccess';
import { dbOf, requireObject, type RecordContext } from './context';
import { parseFilter, searchSql } from './read';
import { recordSource } from './source';

export const TOTALS_CAP = 10_000;

export interface ListTotals {
  /** Exact when `capped` is false; TOTALS_CAP when more records match. */
  count: number;
  capped: boolean;
  /** Per amount field, the sum per currency code (absent when capped). */
  sums: { field: string; byCurrency: { currency: string; sum: number }[] }[];
}

/** Count (capped) and sum the amount columns `columns` of the records a list shows. */
export async function listTotals(ctx: RecordContext, objectName: string, opts: { filter?: unknown; search?: string; columns?: string[] }): Promise<ListTotals> {
  const obj = requireObject(ctx, objectName, 'read');
  const params = new Params();
  const where = ['"t"."deleted_at" IS NULL'];
  const condition = parseFilter(ctx, obj, opts.filter);
  if (condition) where.push(compileCondition(condition, params, conditionContext(ctx, await prepareFilterAccess(ctx, obj, condition)), 't'));
  const search = searchSql(ctx, obj, opts.search, params);
  if (search) where.push(search);
  const access = compileAccess(await ctx.security.plan(obj.name, 'read'), params, { workspaceId: ctx.workspace.id, object: obj.name, userId: ctx.user.id }, 't');
  if (access) where.push(access);
  // Only amount fields of the caller's own metadata: a field they may not read is not there.
  const amounts = (opts.columns ?? []).map((c) => obj.fieldMap.get(c)).filter((f) => f && f.type === 'currency' && fieldType(f).columns(f).length === 2);
  const picked = amounts.flatMap((f, i) => {
    const [value, code] = fieldType(f!).columns(f!);
    return [`"t".${ident(value.name)} AS "v${i}"`, `"t".${ident(code.name)} AS "c${i}"`];
  });
  const sums = amounts.map(
    (_, i) =>
      `, (SELECT coalesce(jsonb_agg(jsonb_build_array("c", "s") ORDER BY "c"), '[]') FROM (SELECT "c${i}" AS "c", sum("v${i}") AS "s" FROM "r" WHERE "v${i}" IS NOT NULL GROUP BY 1) AS "g") AS "s${i}"`,
  );
  const sql = `WITH "r" AS (SELECT ${['1 AS "one"', ...picked].join(', ')} FROM ${recordSource(ctx.workspace.schema, obj, params)} WHERE ${where.join(' AND ')} LIMIT ${TOTALS_CAP + 1})
    SELECT count(*)::int AS "n"${sums.join('')} FROM "r"`;
  const row = (await dbOf(ctx).query(sql, params.values)).rows[0] as Record<string, unknown>;
  const n = Number(row.n);
  const capped = n > TOTALS_CAP;
  return {
    count: capped ? TOTALS_CAP : n,
    capped,
    sums: capped
      ? []
      : amounts.map((f, i) => ({
          field: f!.name,
          byCurrency: (row[`s${i}`] as [string, string | number][]).map(([currency, sum]) => ({ currency, sum: Number(sum) })),
        })),
  };
}
