/**
 * The report engine's entry points: run a definition as the viewer (runReport), stream all its rows
 * (streamReportRows, for export), and find a saved report the viewer may see (reportDefinition).
 * Everything runs through the viewer's metadata (hidden fields absent) and access predicates.
 */
import { AppError, type ErrorDetail } from '../core/errors';
import { pickLabel } from '../core/i18n';
import { problem, problemsError } from '../core/problems';
import { dbOf, type RecordContext } from '../data/context';
import { validateMetadata } from '../metadata/schemas';
import type { ConditionNode } from '../rules/conditions/types';
import { bucketOf } from './buckets';
import { cached, cacheKey, objectsRead, remember } from './cache';
import { calendarOf } from './calendar';
import { checkReport, conditionParser, MAX_ROW_LIMIT, type CheckEnv, type ReportPlan } from './check';
import { compileGroups, compileRows, GROUP_CAP } from './compile';
import { buildGroups } from './tree';
import { pathType } from './paths';
import { rowOf } from './rows';
import { cursorRows } from './stream';
import { oneCurrencyAggregates, stillOneCurrency } from './currency';
import { unbucketedOf } from './groups';
import type { ReportDefinition, ReportResult, ReportResultColumn } from './types';

export { reportDefinition } from './saved';

export interface RunOptions {
  /** A condition added to the report's filter (dashboard filters, REST `?filter=`). */
  extraFilter?: unknown;
  /** Rows shown; overrides the definition's rowLimit (at most 10,000). */
  rowLimit?: number;
  /** Internal (export): how many group rows may come back before the answer says it is truncated. */
  groupCap?: number;
  /** Compute again even when a remembered result would do. */
  fresh?: boolean;
}

/** Check `def` as the viewer sees the metadata; a problem of any part is a 422 naming its pointer. */
export function planReport(ctx: RecordContext, def: ReportDefinition, opts: RunOptions = {}): { plan: ReportPlan; extra?: ConditionNode } {
  shapeCheck(def);
  const env: CheckEnv = {
    objects: ctx.meta.objects,
    mayRead: (o) => Boolean(ctx.security.perms.object(o).read),
    bucket: (o, n) => bucketOf(ctx.meta, o, n),
    locale: ctx.locale,
  };
  const { plan, errors } = checkReport(def, env);
  if (!plan) throw problemsError(errors, 'report.invalid', 'VALIDATION_FAILED');
  let extra: ConditionNode | undefined;
  if (opts.extraFilter !== undefined && opts.extraFilter !== null) {
    const parser = conditionParser(plan.object, env);
    const problems: ErrorDetail[] = [];
    extra = parser.parse(opts.extraFilter, '/extraFilter', problems);
    if (problems.length) throw new AppError('INVALID_FILTER', problems[0].message, problems);
    plan.conditionPaths.push(...parser.paths);
  }
  if (opts.rowLimit !== undefined) {
    if (!Number.isInteger(opts.rowLimit) || opts.rowLimit < 1 || opts.rowLimit > MAX_ROW_LIMIT) {
      throw problemsError([problem('report.rowLimit', { max: MAX_ROW_LIMIT }, { pointer: '/rowLimit' })], 'report.invalid', 'VALIDATION_FAILED');
    }
    plan.rowLimit = opts.rowLimit;
  }
  return { plan, extra };
}

/** A definition from a request must have the schema's shape before the engine reads it (conditions are left to the condition parser, which points more precisely). */
function shapeCheck(def: unknown): void {
  const doc = typeof def === 'object' && def !== null && !Array.isArray(def) ? { name: 'adhoc', label: { en: 'adhoc', zh: 'adhoc' }, ...def } : def;
  const errors = validateMetadata('report', doc, '')
    .filter((e) => !/^\/(filter|aggregates\/\d+\/filter)(\/|$)/.test(e.pointer ?? ''))
    .map(({ file: _f, ...e }) => e);
  if (errors.length) throw problemsError(errors, 'report.invalid', 'VALIDATION_FAILED');
}

/** The result's column descriptions: detail columns, then aggregates, then formulas. */
function columnsOf(ctx: RecordContext, plan: ReportPlan): ReportResultColumn[] {
  return [
    ...plan.columns.map((p) => ({ key: p.path, label: pickLabel(p.label, ctx.locale), type: pathType(p) })),
    ...plan.aggregates.map((a) => ({ key: a.name, label: a.title(ctx.locale), type: 'aggregate', aggregate: { fn: a.fn, ...(a.path ? { field: a.path.path } : {}) } })),
    ...plan.formulas.map((f) => ({ key: f.name, label: pickLabel(f.label, ctx.locale), type: 'formula', format: f.format ?? 'number' })),
  ];
}

/** Run a report as the caller: groups, totals and rows of exactly the records they may see. */
export async function runReport(ctx: RecordContext, def: ReportDefinition, opts: RunOptions = {}): Promise<ReportResult> {
  const { plan, extra } = planReport(ctx, def, opts);
  const key = opts.fresh ? null : cacheKey(ctx, plan, { extra: opts.extraFilter, rowLimit: opts.rowLimit, groupCap: opts.groupCap }, objectsRead(plan, extra, ctx.meta.objects));
  const hit = cached(key);
  if (hit) return hit;
  const result = await compute(ctx, plan, extra, opts);
  remember(key, result);
  return result;
}

async function compute(ctx: RecordContext, plan: ReportPlan, extra: ConditionNode | undefined, opts: RunOptions): Promise<ReportResult> {
  const def = plan.def;
  const cal = await calendarOf(ctx);
  const db = dbOf(ctx);
  const result: ReportResult = {
    object: plan.object.name,
    format: def.format,
    columns: columnsOf(ctx, plan),
    groups: [],
    rows: [],
    totals: {},
    rowCount: 0,
    truncated: false,
    computedAt: new Date().toISOString(),
  };
  let counted = false;
  if (plan.aggregates.length || plan.groupings.length) {
    const cap = opts.groupCap ?? GROUP_CAP;
    const one = await oneCurrencyAggregates(db, ctx.workspace.schema, plan);
    let q = await compileGroups(ctx, plan, cal, extra, cap, one);
    let { rows } = await db.query(q.sql, q.values);
    if (!(await stillOneCurrency(db, ctx.workspace.schema, plan, one))) {
      q = await compileGroups(ctx, plan, cal, extra, cap);
      ({ rows } = await db.query(q.sql, q.values));
    }
    const built = buildGroups(ctx, plan, rows.slice(0, cap), q.labelled, cal, opts.extraFilter);
    Object.assign(result, built);
    if (rows.length > cap) Object.assign(result, { truncated: true, truncatedReason: 'groups' });
    counted = true;
    const unbucketed = unbucketedOf(plan);
    if (unbucketed.length) result.unbucketed = unbucketed;
  }
  if (def.format === 'tabular' || plan.columns.length) {
    const q = await compileRows(ctx, plan, cal, { extra, limit: plan.rowLimit + 1 });
    const { rows } = await db.query(q.sql, q.values);
    result.rows = rows.slice(0, plan.rowLimit).map((r) => rowOf(r, q.columns, ctx.locale));
    if (rows.length > plan.rowLimit) {
      if (!result.truncated) Object.assign(result, { truncated: true, truncatedReason: 'rows' });
      if (!counted) {
        const c = await compileRows(ctx, plan, cal, { extra, countOnly: true });
        result.rowCount = Number((await db.query(c.sql, c.values)).rows[0].n);
      }
    } else if (!counted) result.rowCount = rows.length;
  }
  return result;
}

/** Every detail row of a report as the caller may see it, in order, read in batches through a cursor (for export). */
export async function* streamReportRows(ctx: RecordContext, def: ReportDefinition, opts: RunOptions = {}): AsyncIterable<Record<string, unknown>> {
  const { plan, extra } = planReport(ctx, def, opts);
  const q = await compileRows(ctx, plan, await calendarOf(ctx), { extra });
  yield* cursorRows(ctx, q.sql, q.values, (r) => rowOf(r, q.columns, ctx.locale));
}
