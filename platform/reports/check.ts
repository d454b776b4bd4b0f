/**
 * A report definition checked against metadata: every column, grouping, filter leaf, aggregate,
 * formula, sort and the chart measure, with every problem reported at once with its JSON pointer.
 * Run with the viewer's metadata (hidden fields are absent, so using one is an error naming it) and
 * by the `report` kind's cross-checks with the full metadata.
 */
import type { ErrorDetail } from '../core/errors';
import { pickLabel, type Label, type Locale, type MessageKey } from '../core/i18n';
import { problem, word } from '../core/problems';
import { fieldType } from '../fields/registry';
import type { ObjectModel } from '../metadata/model';
import { parseCondition, type ResolvePath } from '../rules/conditions/parse';
import type { ConditionNode } from '../rules/conditions/types';
import { checkFormula, type CheckedFormula } from '../rules/formula';
import { aggregateObject } from './formulas';
import type { BucketDefinition } from './buckets';
import { isProblem, joinAlias, pathType, resolvePath, userAttributeField, type ResolvedPath } from './paths';
import type { AggregateFn, DateBucket, ReportDefinition, ReportGrouping } from './types';

export const DATE_BUCKETS: readonly DateBucket[] = ['day', 'week', 'month', 'quarter', 'year', 'fiscal_quarter', 'fiscal_year'];
export const DEFAULT_ROW_LIMIT = 2000;
export const MAX_ROW_LIMIT = 10_000;

export type GroupMode = { mode: 'value' } | { mode: 'date'; bucket: DateBucket } | { mode: 'range'; ranges: number[] } | { mode: 'bucket'; bucket: BucketDefinition };

export interface PlannedGrouping {
  def: ReportGrouping;
  path: ResolvedPath;
  how: GroupMode;
}

export interface PlannedAggregate {
  name: string;
  fn: AggregateFn;
  path?: ResolvedPath;
  filter?: ConditionNode;
  /** The column title in a language. */
  title(locale: Locale): string;
}

export interface PlannedFormula {
  name: string;
  label: Label;
  formula: CheckedFormula;
  format?: 'number' | 'percent' | 'currency';
}

export interface ReportPlan {
  def: ReportDefinition;
  object: ObjectModel;
  columns: ResolvedPath[];
  filter?: ConditionNode;
  groupings: PlannedGrouping[];
  columnGroupings: PlannedGrouping[];
  aggregates: PlannedAggregate[];
  formulas: PlannedFormula[];
  sort: { path: ResolvedPath; desc: boolean }[];
  rowLimit: number;
  /** Lookup paths the conditions use (joined like columns). */
  conditionPaths: ResolvedPath[];
}

/** What checking needs: the objects lookups may reach, whether the caller may read one, the bucket definitions, the language of messages. */
export interface CheckEnv {
  objects: ReadonlyMap<string, ObjectModel>;
  mayRead(object: string): boolean;
  bucket(object: string, name: string): BucketDefinition | undefined;
  locale: Locale;
}

const GROUP_LIMITS = { tabular: [0, 0], summary: [3, 0], matrix: [2, 2] } as const;
const NUMERIC = new Set(['number']);

/** The default name of an aggregate: `count`, `sum_amount`, `max_account_annual_revenue`. */
export function aggregateName(a: { fn: AggregateFn; field?: string; name?: string }): string {
  return a.name ?? (a.field ? `${a.fn}_${a.field.replace('.', '_')}` : a.fn);
}

/** Check `def`; either the plan or every problem (pointers into the definition). */
export function checkReport(def: ReportDefinition, env: CheckEnv): { plan?: ReportPlan; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const err = (pointer: string, key: MessageKey, params: Record<string, string | number | Label> = {}, field?: string) =>
    errors.push(problem(key, params, { pointer, ...(field ? { field } : {}) }));
  const object = env.objects.get(def.object);
  if (!object || !env.mayRead(def.object)) {
    err('/object', 'report.object', { object: def.object });
    return { errors };
  }
  const resolve = (path: string, pointer: string): ResolvedPath | undefined => {
    const r = resolvePath(path, object, env.objects, env.mayRead);
    if (!isProblem(r)) return r;
    err(pointer, r.key, r.params, path);
    return undefined;
  };

  const columns = (def.columns ?? []).map((c, i) => resolve(c, `/columns/${i}`));
  const [maxRows, maxCols] = GROUP_LIMITS[def.format] ?? [0, 0];
  const format = { key: `report.format.${def.format}` };
  if (def.format === 'tabular' && (def.groupings?.length || def.columnGroupings?.length)) err(def.groupings?.length ? '/groupings' : '/columnGroupings', 'report.groupings.none');
  else {
    if ((def.groupings?.length ?? 0) > maxRows) err('/groupings', 'report.groupings.tooMany', { format, max: maxRows } as never);
    if ((def.columnGroupings?.length ?? 0) > maxCols) err('/columnGroupings', 'report.groupings.tooMany', { format, max: maxCols } as never);
    if (def.format === 'matrix' && !def.columnGroupings?.length) err('/columnGroupings', 'report.groupings.needed', { format } as never);
  }
  const grouping = (g: ReportGrouping, pointer: string): PlannedGrouping | undefined => {
    const path = resolve(g.field, `${pointer}/field`);
    if (!path) return undefined;
    const type = pathType(path);
    const valueKind = path.kind === 'user' ? 'text' : fieldType(path.field).valueKind;
    if (type === 'long_text' || type === 'multi_picklist') return void err(`${pointer}/field`, 'report.groupField', { field: path.label }, g.field);
    if (!g.bucket) return { def: g, path, how: { mode: 'value' } };
    if ((DATE_BUCKETS as readonly string[]).includes(g.bucket)) {
      if (valueKind !== 'date' && valueKind !== 'datetime') return void err(`${pointer}/bucket`, 'report.bucket.date', { bucket: g.bucket, field: path.label }, g.field);
      return { def: g, path, how: { mode: 'date', bucket: g.bucket as DateBucket } };
    }
    if (g.bucket === 'range') {
      if (!NUMERIC.has(valueKind)) return void err(`${pointer}/bucket`, 'report.bucket.range', { field: path.label }, g.field);
      const ranges = g.ranges ?? [];
      if (!ranges.length || ranges.some((r, i) => !Number.isFinite(r) || (i > 0 && r <= ranges[i - 1]))) return void err(`${pointer}/ranges`, 'report.bucket.ranges');
      return { def: g, path, how: { mode: 'range', ranges } };
    }
    const bucket = path.kind === 'field' ? env.bucket(object.name, g.bucket) : undefined;
    if (!bucket || bucket.field !== path.path) return void err(`${pointer}/bucket`, 'report.bucket.unknown', { bucket: g.bucket, field: path.label }, g.field);
    return { def: g, path, how: { mode: 'bucket', bucket } };
  };
  const groupings = (def.groupings ?? []).map((g, i) => grouping(g, `/groupings/${i}`));
  const columnGroupings = (def.columnGroupings ?? []).map((g, i) => grouping(g, `/columnGroupings/${i}`));

  const conditions = conditionParser(object, env);
  const filter = conditions.parse(def.filter, '/filter', errors);
  const names = new Set<string>();
  const aggregateDefs = def.aggregates?.length ? def.aggregates : def.format === 'tabular' ? [] : [{ fn: 'count' as const }];
  const aggregates = aggregateDefs.map((a, i): PlannedAggregate | undefined => {
    const pointer = `/aggregates/${i}`;
    const name = aggregateName(a);
    if (names.has(name)) err(`${pointer}/name`, 'report.aggregate.duplicate', { name });
    names.add(name);
    const aggFilter = conditions.parse(a.filter, `${pointer}/filter`, errors);
    if (a.fn === 'count' && !a.field) return { name, fn: 'count', filter: aggFilter, title: titleOf(a.label, 'report.fn.count', {}) };
    if (!a.field) return void err(`${pointer}/field`, 'report.aggregate.field', { fn: a.fn });
    const path = resolve(a.field, `${pointer}/field`);
    if (!path) return undefined;
    const kind = path.kind === 'user' ? (path.attribute === 'department' || path.attribute === 'role' ? 'uuid' : 'text') : fieldType(path.field).valueKind;
    const fits =
      // Figures are numbers (the result's aggregates are): min and max of dates are not offered.
      a.fn === 'count_distinct' || a.fn === 'count' ? kind !== 'text_array' && pathType(path) !== 'long_text' : kind === 'number';
    if (!fits) return void err(`${pointer}/fn`, 'report.aggregate.type', { fn: a.fn, field: path.label }, a.field);
    return { name, fn: a.fn, path, filter: aggFilter, title: titleOf(a.label, `report.fn.${a.fn}` as MessageKey, { field: path.label }) };
  });

  const formulas = (def.formulas ?? []).map((f, i): PlannedFormula | undefined => {
    const pointer = `/formulas/${i}`;
    if (names.has(f.name)) err(`${pointer}/name`, 'report.aggregate.duplicate', { name: f.name });
    names.add(f.name);
    const measures = aggregates.filter((a): a is PlannedAggregate => Boolean(a));
    const checked = checkFormula(f.expression, { object: aggregateObject(measures), objects: () => undefined, mode: 'field', locale: env.locale, expect: 'number' });
    if (!checked.formula) {
      for (const e of checked.errors) err(`${pointer}/expression`, 'report.formula', { name: f.name, reason: e.message });
      return undefined;
    }
    return { name: f.name, label: { en: f.label.en, zh: f.label.zh ?? f.label.en }, formula: checked.formula, format: f.format };
  });
  if (def.chart?.measure && !names.has(def.chart.measure)) err('/chart/measure', 'report.chart.measure', { measure: def.chart.measure });
  for (const list of ['groupings', 'columnGroupings'] as const) {
    (def[list] ?? []).forEach((g, i) => {
      if (g.sortBy && !names.has(g.sortBy)) err(`/${list}/${i}/sortBy`, 'report.sortBy', { measure: g.sortBy });
    });
  }

  const sort = (def.sort ?? []).map((s, i) => {
    const [field, dir] = s.split(':');
    const path = resolve(field, `/sort/${i}`);
    if (path && (path.kind !== 'field' || !fieldType(path.field).sortable)) err(`/sort/${i}`, 'report.sort', { sort: s }, field);
    return path && { path, desc: dir === 'desc' };
  });
  const rowLimit = def.rowLimit ?? DEFAULT_ROW_LIMIT;
  if (!Number.isInteger(rowLimit) || rowLimit < 1 || rowLimit > MAX_ROW_LIMIT) err('/rowLimit', 'report.rowLimit', { max: MAX_ROW_LIMIT });

  if (errors.length) return { errors };
  return {
    plan: {
      def,
      object,
      columns: columns as ResolvedPath[],
      filter,
      groupings: groupings as PlannedGrouping[],
      columnGroupings: columnGroupings as PlannedGrouping[],
      aggregates: aggregates as PlannedAggregate[],
      formulas: formulas as PlannedFormula[],
      sort: sort as ReportPlan['sort'],
      rowLimit,
      conditionPaths: conditions.paths,
    },
    errors,
  };
}

/** An aggregate's title: its own label, else the catalog's wording ("Sum of Amount"). */
function titleOf(label: { en: string; zh?: string } | undefined, key: MessageKey, params: Record<string, Label>): (locale: Locale) => string {
  return (locale) => (label ? pickLabel({ en: label.en, zh: label.zh ?? label.en }, locale) : word(locale, key, params as never));
}

/**
 * Parses a report's conditions: lookup paths (`account.industry`, `owner.department`) resolve as
 * columns do, against the joins the report makes (their aliases are fixed by the lookup), and
 * related-record conditions may name the objects the caller may read. Paths used are collected, so
 * the SQL joins them.
 */
export function conditionParser(object: ObjectModel, env: CheckEnv) {
  const paths: ResolvedPath[] = [];
  const resolve: ResolvePath = (path) => {
    const r = resolvePath(path, object, env.objects, env.mayRead);
    if (isProblem(r)) return null;
    paths.push(r);
    return { field: r.kind === 'user' ? userAttributeField(r.attribute) : r.field, alias: joinAlias(r)! };
  };
  const objects = { get: (name: string) => (env.mayRead(name) ? env.objects.get(name) : undefined) };
  return {
    paths,
    parse(input: unknown, pointer: string, errors: ErrorDetail[]): ConditionNode | undefined {
      if (input === undefined || input === null) return undefined;
      const parsed = parseCondition(input, object, { pointer, locale: env.locale, resolvePath: resolve, objects });
      errors.push(...parsed.errors);
      return parsed.condition;
    },
  };
}
