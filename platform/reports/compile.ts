/**
 * A checked report plan as SQL. Groups and totals are one statement: the records (filter, parent
 * joins, and the access predicate as disjoint branches an index each can serve: access.ts) as a
 * derived table, grouped with GROUPING SETS (summary: every prefix
 * of the groupings, so each level's subtotals and the grand total come together; matrix: every row
 * prefix crossed with every column prefix, so cells, row, column and grand totals come together).
 * Detail rows are a second statement, keyset-free (a report shows its first rows and says how many
 * there are; export streams them all).
 */
import { Params } from '../core/sql';
import type { RecordContext } from '../data/context';
import { fieldType } from '../fields/registry';
import { compileCondition } from '../rules/conditions/compile';
import type { ConditionContext, ConditionNode } from '../rules/conditions/types';
import { conditionContext, prepareConditionAccess } from '../data/conditionAccess';
import { compileAccess } from '../security/access';
import { disjointAccess } from './access';
import { UNBUCKETED } from './buckets';
import type { PlannedGrouping, ReportPlan } from './check';
import { pathType, type ResolvedPath } from './paths';
import { ReportSource } from './source';

/** At most this many group rows (all levels together) come back; more sets `truncated: 'groups'`. */
export const GROUP_CAP = 5000;

/** The workspace settings bucketing needs: its time zone (datetimes bucket by local day) and the fiscal year's first month. */
export interface Calendar {
  timeZone: string;
  fiscalStartMonth: number;
}

export interface CompiledGroups {
  sql: string;
  values: unknown[];
  /** Per grouping (rows then columns), whether a label column `g<i>l` comes back. */
  labelled: boolean[];
}

/** A date expression truncated to a bucket's first day, as 'YYYY-MM-DD'. */
function dateKey(value: string, p: ResolvedPath, bucket: string, params: Params, cal: Calendar): string {
  const local = pathType(p) === 'datetime' ? `(${value} AT TIME ZONE ${params.add(cal.timeZone)}::text)` : `${value}::timestamp`;
  let start = `date_trunc('${bucket}', ${local})`;
  if (bucket === 'fiscal_quarter' || bucket === 'fiscal_year') {
    const shift = `make_interval(months => ${params.add(cal.fiscalStartMonth - 1)}::int)`;
    start = `(date_trunc('${bucket === 'fiscal_quarter' ? 'quarter' : 'year'}', ${local} - ${shift}) + ${shift})`;
  }
  return `to_char(${start}, 'YYYY-MM-DD')`;
}

/** The key (and label, when the key is an id) of one grouping over the records. */
function groupExpr(g: PlannedGrouping, src: ReportSource, params: Params, cal: Calendar): { key: string; label: string | null } {
  const value = src.value(g.path);
  switch (g.how.mode) {
    case 'date':
      return { key: dateKey(value, g.path, g.how.bucket, params, cal), label: null };
    case 'range': {
      const r = g.how.ranges;
      const arms = r.slice(1).map((upper, i) => `WHEN ${value} < ${params.add(upper)}::numeric THEN ${params.add(r[i])}::numeric`);
      return { key: `CASE WHEN ${value} IS NULL THEN NULL ${arms.join(' ')} ELSE ${params.add(r[r.length - 1])}::numeric END`, label: null };
    }
    case 'bucket': {
      const arms = g.how.bucket.buckets.map((b) => `WHEN ${value} = ANY(${params.add(b.values)}::text[]) THEN ${params.add(b.name)}::text`);
      return { key: `CASE WHEN ${value} IS NULL THEN NULL ${arms.join(' ')} ELSE ${params.add(UNBUCKETED)}::text END`, label: null };
    }
    case 'value': {
      const key = pathType(g.path) === 'date' ? `to_char(${value}, 'YYYY-MM-DD')` : value;
      return { key, label: src.name(g.path) };
    }
  }
}

/** How the plan's conditions compile: who and when (relative dates, `$me`), and the child sources of related-record conditions. */
async function conditionCtx(ctx: RecordContext, plan: ReportPlan, extra?: ConditionNode): Promise<ConditionContext> {
  const nodes = [plan.filter, extra, ...plan.aggregates.map((a) => a.filter)].filter((n): n is ConditionNode => Boolean(n));
  return conditionContext(ctx, await prepareConditionAccess(ctx, nodes.length ? { kind: 'all', items: nodes } : undefined));
}

/** The WHERE clause without access: live records, the report filter (and a caller's extra one); lookup paths the conditions use are joined. */
function filterOf(plan: ReportPlan, params: Params, src: ReportSource, cc: ConditionContext, extra?: ConditionNode): string {
  for (const p of plan.conditionPaths) src.value(p);
  const where = ['"t"."deleted_at" IS NULL'];
  if (plan.filter) where.push(compileCondition(plan.filter, params, cc, 't'));
  if (extra) where.push(compileCondition(extra, params, cc, 't'));
  return where.join(' AND ');
}

const accessCtx = (ctx: RecordContext, plan: ReportPlan) => ({ workspaceId: ctx.workspace.id, object: plan.object.name, userId: ctx.user.id });

/** The WHERE clause: the filter and the viewer's access predicate. */
async function whereOf(ctx: RecordContext, plan: ReportPlan, params: Params, src: ReportSource, cc: ConditionContext, extra?: ConditionNode): Promise<string> {
  const where = filterOf(plan, params, src, cc, extra);
  const access = compileAccess(await ctx.security.plan(plan.object.name, 'read'), params, accessCtx(ctx, plan), 't');
  return access ? `${where} AND ${access}` : where;
}

/** Every prefix of `n` columns, longest first: [[0,1],[0],[]]. */
const prefixes = (names: string[]) => names.map((_, i) => names.slice(0, names.length - i)).concat([[]]);

/** The grouped statement: one row per group of every level (and the grand total), coarsest levels first. */
export async function compileGroups(
  ctx: RecordContext,
  plan: ReportPlan,
  cal: Calendar,
  extra?: ConditionNode,
  cap = GROUP_CAP,
  oneCurrency: ReadonlySet<number> = new Set(),
): Promise<CompiledGroups> {
  const params = new Params();
  const src = new ReportSource(ctx, params, plan.object);
  const cc = await conditionCtx(ctx, plan, extra);
  const inner: string[] = ['1 AS "one"'];
  const all = [...plan.groupings, ...plan.columnGroupings];
  const labelled = all.map((g, i) => {
    const e = groupExpr(g, src, params, cal);
    inner.push(`${e.key} AS "g${i}k"`);
    if (e.label) inner.push(`${e.label} AS "g${i}l"`);
    return Boolean(e.label);
  });
  const outer: string[] = [];
  plan.aggregates.forEach((a, i) => {
    if (a.path) inner.push(`${src.value(a.path)} AS "a${i}"`);
    // No guard where every record holds the field's own currency (currency.ts probed it).
    const currency = a.path && a.fn !== 'count' && a.fn !== 'count_distinct' && !oneCurrency.has(i) ? src.currency(a.path) : null;
    if (currency) inner.push(`${currency} AS "c${i}"`);
    if (a.filter) inner.push(`${compileCondition(a.filter, params, cc, 't')} AS "f${i}"`);
    const filter = a.filter ? ` FILTER (WHERE "f${i}")` : '';
    const arg = `"a${i}"`;
    const fn = {
      count: a.path ? `count(${arg})` : 'count(*)',
      count_distinct: `count(DISTINCT ${arg})`,
      sum: `sum(${arg})`,
      avg: `avg(${arg})`,
      min: `min(${arg})`,
      max: `max(${arg})`,
    }[a.fn];
    if (!currency) return outer.push(`${fn}${filter} AS "m${i}"`);
    // Amounts in several currencies are never added up: such a group's figure is null and `x<i>` says why.
    // min <> max: more than one currency, without count(DISTINCT), which would force sorted grouping.
    const counted = ` FILTER (WHERE ${a.filter ? `"f${i}" AND ` : ''}${arg} IS NOT NULL)`;
    const mixed = `(min("c${i}")${counted} <> max("c${i}")${counted})`;
    outer.push(`CASE WHEN ${mixed} THEN NULL ELSE ${fn}${filter} END AS "m${i}"`);
  });
  const where = filterOf(plan, params, src, cc, extra);
  const branches = disjointAccess(await ctx.security.plan(plan.object.name, 'read'), params, accessCtx(ctx, plan), 't') ?? [null];
  const from = await src.from();
  const records = branches.map((b) => `SELECT ${inner.join(', ')} FROM ${from} WHERE ${where}${b ? ` AND ${b}` : ''}`).join(' UNION ALL ');
  const keys = all.map((_, i) => `"g${i}k"`);
  const labels = labelled.flatMap((l, i) => (l ? [`max("g${i}l") AS "g${i}l"`] : []));
  const rowKeys = keys.slice(0, plan.groupings.length);
  const colKeys = keys.slice(plan.groupings.length);
  const sets = plan.def.format === 'matrix' ? prefixes(rowKeys).flatMap((r) => prefixes(colKeys).map((c) => [...r, ...c])) : prefixes(keys);
  const grouping = keys.length ? `GROUPING(${keys.join(', ')})` : '0';
  const groupBy = keys.length ? ` GROUP BY GROUPING SETS (${sets.map((s) => `(${s.join(', ')})`).join(', ')})` : '';
  const sql =
    `SELECT ${[`${grouping} AS "gs"`, 'count(*) AS "n"', ...keys, ...labels, ...outer].join(', ')}` +
    ` FROM (${records}) AS "b"${groupBy} ORDER BY 1 DESC LIMIT ${Math.floor(cap) + 1}`;
  return { sql, values: params.values, labelled };
}

/** One column of a detail row: the value, and for lookups the display name and for amounts the currency. */
export interface RowColumn {
  path: ResolvedPath;
  /** Aliases in the statement: `v<i>` the value, `n<i>` the name, `c<i>` the currency. */
  named: boolean;
  currency: boolean;
}

/** The detail rows' statement (`limit` rows at most, or all when streaming) and how to read each column. */
export async function compileRows(
  ctx: RecordContext,
  plan: ReportPlan,
  cal: Calendar,
  opts: { extra?: ConditionNode; limit?: number; countOnly?: boolean },
): Promise<{ sql: string; values: unknown[]; columns: RowColumn[] }> {
  const params = new Params();
  const src = new ReportSource(ctx, params, plan.object);
  const select = ['"t"."id" AS "$id"'];
  const columns = plan.columns.map((p, i): RowColumn => {
    const type = pathType(p);
    const value = src.value(p);
    select.push(`${type === 'date' ? `to_char(${value}, 'YYYY-MM-DD')` : value} AS "v${i}"`);
    const name = src.name(p);
    if (name) select.push(`${name} AS "n${i}"`);
    const currency = src.currency(p);
    if (currency) select.push(`${currency} AS "c${i}"`);
    return { path: p, named: Boolean(name), currency: Boolean(currency) };
  });
  const order: string[] = [];
  plan.groupings.forEach((g, i) => {
    const e = groupExpr(g, src, params, cal);
    select.push(`${e.key} AS "g${i}k"`);
    order.push(`"g${i}k" ASC NULLS LAST`);
  });
  for (const s of plan.sort) order.push(`${src.value(s.path)} ${s.desc ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}`);
  order.push('"t"."id"');
  const where = await whereOf(ctx, plan, params, src, await conditionCtx(ctx, plan, opts.extra), opts.extra);
  const from = await src.from();
  if (opts.countOnly) return { sql: `SELECT count(*) AS "n" FROM ${from} WHERE ${where}`, values: params.values, columns };
  const limit = opts.limit === undefined ? '' : ` LIMIT ${Number(opts.limit)}`;
  return { sql: `SELECT ${select.join(', ')} FROM ${from} WHERE ${where} ORDER BY ${order.join(', ')}${limit}`, values: params.values, columns };
}

/** A field's SQL value kind (number columns come back as text from numeric and bigint). */
export function isNumeric(p: ResolvedPath): boolean {
  return p.kind !== 'user' && fieldType(p.field).valueKind === 'number';
}
