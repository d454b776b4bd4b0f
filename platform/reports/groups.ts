/**
 * Grouped rows as the result's tree: labels in the viewer's language, the drill-down condition of
 * every group (the report filter AND the conditions of the group and its ancestors, in the one
 * condition language, so the list page can carry it), group order, and formulas per group.
 */
import { pickLabel, t, type Locale } from '../core/i18n';
import { hasOptions } from '../fields/guards';
import { UNBUCKETED, unplacedValues } from './buckets';
import type { PlannedGrouping, ReportPlan } from './check';
import type { Calendar } from './compile';
import { applyFormulas } from './formulas';
import { pathType } from './paths';
import { lastDay, nextStart, periodLabel, zonedMidnight } from './periods';
import type { ReportGroup } from './types';

type Key = string | number | boolean | null;
type Row = Record<string, unknown>;

/** Who may be behind a user attribute: the workspace's users with their department and role (the security model's). */
export type Directory = Iterable<{ id: string; name: string; email: string; departmentId: string | null; roleId: string | null }>;

/**
 * A user attribute group as a condition on the lookup itself (`owner in [...]`), which the list
 * page reads; a path leaf (`owner.department`) when the users are unknown or too many for a list.
 */
function userCondition(g: PlannedGrouping, key: Key, users: Directory | undefined): unknown {
  if (g.path.kind !== 'user' || !users || g.path.attribute === 'title') return undefined;
  const attr = g.path.attribute;
  const pick = { department: 'departmentId', role: 'roleId', name: 'name', email: 'email' } as const;
  const ids = [...users].filter((u) => (u[pick[attr]] ?? null) === key).map((u) => u.id);
  if (ids.length > 1000) return undefined;
  const field = g.path.lookup.name;
  return ids.length ? { field, op: 'in', value: ids } : key === null ? { field, op: 'is_empty' } : { field, op: 'in', value: ['00000000-0000-0000-0000-000000000000'] };
}

/** The condition selecting a grouping's records with key `key`. */
export function groupCondition(g: PlannedGrouping, key: Key, cal: Calendar, users?: Directory): unknown {
  const field = g.path.path;
  const byUser = userCondition(g, key, users);
  if (byUser) return byUser;
  if (key === null) return { field, op: 'is_empty' };
  const how = g.how;
  switch (how.mode) {
    case 'date': {
      const start = String(key);
      if (pathType(g.path) === 'datetime') {
        const end = new Date(Date.parse(zonedMidnight(nextStart(start, how.bucket), cal.timeZone)) - 1).toISOString();
        return { field, op: 'between', value: [zonedMidnight(start, cal.timeZone), end] };
      }
      return { field, op: 'between', value: [start, lastDay(start, how.bucket)] };
    }
    case 'range': {
      const i = how.ranges.indexOf(Number(key));
      const upper = how.ranges[i + 1];
      if (upper === undefined) return { field, op: 'gte', value: Number(key) };
      if (i === 0) return { field, op: 'lt', value: upper };
      return {
        all: [
          { field, op: 'gte', value: Number(key) },
          { field, op: 'lt', value: upper },
        ],
      };
    }
    case 'bucket': {
      if (key === UNBUCKETED)
        return {
          all: [
            { field, op: 'is_not_empty' },
            { field, op: 'not_in', value: how.bucket.buckets.flatMap((b) => b.values) },
          ],
        };
      return { field, op: 'in', value: how.bucket.buckets.find((b) => b.name === key)?.values ?? [] };
    }
    case 'value':
      return { field, op: 'eq', value: key };
  }
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();
const formatNumber = (n: number, locale: Locale) => {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })));
  return f.format(n);
};

/** A group's label in `locale`. `named` is the display name SQL found for an id (null: a record the viewer cannot see). */
export function groupLabel(g: PlannedGrouping, key: Key, named: unknown, hasName: boolean, locale: Locale, cal: Calendar): string {
  if (key === null) return t(locale, 'report.empty');
  const how = g.how;
  if (how.mode === 'date') return periodLabel(String(key), how.bucket, locale, cal.fiscalStartMonth);
  if (how.mode === 'range') {
    const i = how.ranges.indexOf(Number(key));
    const upper = how.ranges[i + 1];
    if (upper === undefined) return t(locale, 'report.range.above', { from: formatNumber(Number(key), locale) });
    if (i === 0) return t(locale, 'report.range.below', { to: formatNumber(upper, locale) });
    return t(locale, 'report.range.between', { from: formatNumber(Number(key), locale), to: formatNumber(upper, locale) });
  }
  if (how.mode === 'bucket') {
    if (key === UNBUCKETED) return t(locale, 'report.unbucketed');
    return pickLabel(how.bucket.buckets.find((b) => b.name === key)?.label, locale) || String(key);
  }
  if (hasName) return named === null || named === undefined ? t(locale, 'report.restricted') : String(named);
  const field = g.path.kind === 'user' ? undefined : g.path.field;
  if (field && hasOptions(field)) return pickLabel(field.options.find((o) => o.value === key)?.label, locale) || String(key);
  if (typeof key === 'boolean') return t(locale, key ? 'report.yes' : 'report.no');
  if (typeof key === 'number') return formatNumber(key, locale);
  return String(key);
}

/** A raw key from SQL in the JSON type the grouping has (numbers come back from numeric as text). */
export function keyOf(g: PlannedGrouping, raw: unknown): Key {
  if (raw === null || raw === undefined) return null;
  if (g.how.mode === 'range') return Number(raw);
  if (g.how.mode === 'value' && g.path.kind !== 'user' && ['integer', 'decimal', 'percent', 'currency'].includes(g.path.field.type)) return Number(raw);
  if (typeof raw === 'boolean' || typeof raw === 'number') return raw;
  if (raw instanceof Date) return raw.toISOString();
  return String(raw);
}

/** The drill-down condition: the report filter and the given group conditions, all holding. */
export function drillOf(plan: ReportPlan, extra: unknown, conditions: unknown[]): unknown {
  const all = [plan.def.filter, extra, ...conditions].filter((c) => c !== undefined && c !== null);
  return all.length === 1 ? all[0] : { all };
}

/** Picklist values the plan's bucket groupings leave out. */
export function unbucketedOf(plan: ReportPlan): { field: string; values: string[] }[] {
  return [...plan.groupings, ...plan.columnGroupings].flatMap((g) => {
    if (g.how.mode !== 'bucket' || g.path.kind !== 'field') return [];
    const values = unplacedValues(g.how.bucket, g.path.field);
    return values.length ? [{ field: g.path.path, values }] : [];
  });
}

/** Sort sibling groups as the grouping asks: by key (empty last either way) or by a figure (blank last), ties by key. */
export function sortGroups(groups: ReportGroup[], g: PlannedGrouping, firstMeasure: string | undefined): void {
  const by = g.def.sort ?? 'key';
  const byKey = keyOrder(g);
  const keySign = by === 'key_desc' ? -1 : 1;
  const measure = g.def.sortBy ?? firstMeasure;
  const valueSign = by === 'value_desc' ? -1 : by === 'value_asc' ? 1 : 0;
  groups.sort((a, b) => {
    if (valueSign && measure) {
      const x = a.aggregates[measure] ?? null;
      const y = b.aggregates[measure] ?? null;
      if (x !== y) return x === null ? 1 : y === null ? -1 : valueSign * (x - y);
    }
    if (a.key === null || b.key === null) return a.key === null ? (b.key === null ? 0 : 1) : -1;
    return keySign * byKey(a, b);
  });
}

/** How two non-empty keys of a grouping compare: ids (lookups, users) by what the user reads, picklists by option order, the rest by value. */
function keyOrder(g: PlannedGrouping): (a: ReportGroup, b: ReportGroup) => number {
  const field = g.path.kind === 'user' ? undefined : g.path.field;
  const options = g.how.mode === 'value' && field && hasOptions(field) ? new Map(field.options.map((o, i) => [o.value, i])) : undefined;
  const rank = options ?? (g.how.mode === 'bucket' ? new Map(g.how.bucket.buckets.map((b, i) => [b.name, i])) : undefined);
  if (rank) return (a, b) => (rank.get(String(a.key)) ?? 1e9) - (rank.get(String(b.key)) ?? 1e9);
  const type = pathType(g.path);
  if (g.how.mode === 'value' && (type === 'lookup' || type === 'department' || type === 'role')) return (a, b) => a.label.localeCompare(b.label);
  return (a, b) => (a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0);
}

/** Aggregates of one grouped row: numbers, null for mixed currencies, then formulas. */
export function aggregatesOf(plan: ReportPlan, row: Row): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  plan.aggregates.forEach((a, i) => {
    const v = row[`m${i}`];
    out[a.name] = v === null || v === undefined ? (a.fn === 'count' || a.fn === 'count_distinct' ? 0 : null) : Number(v);
  });
  applyFormulas(plan.formulas, out);
  return out;
}
