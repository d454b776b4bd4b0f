/** The dashboard filters in the address (`?period=&owner=&department=`) and the drill-down link of a chart's group. */
import type { DashboardFilters } from './types';

/** The periods the filter bar offers, in the condition language's relative-date values. */
export const PERIOD_PRESETS = [
  'this_week',
  'this_month',
  'last_month',
  'next_month',
  'this_quarter',
  'last_quarter',
  'next_quarter',
  'this_year',
  'last_year',
  'this_fiscal_year',
  'last_30_days',
  'last_90_days',
  'next_30_days',
] as const;

const RELATIVE = /^(today|yesterday|tomorrow|(this|last|next)_(week|month|quarter|year|fiscal_quarter|fiscal_year)|(last|next)_([1-9]\d{0,3})_days)$/;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A period the condition language knows (N days: 1 to 3650), else false. */
export function isPeriod(value: string): boolean {
  const m = RELATIVE.exec(value);
  return m !== null && (m[5] === undefined || Number(m[5]) <= 3650);
}

/** The filters in an address; parts that do not fit are left out, so a bad link shows the dashboard unfiltered. */
export function readFilters(get: (key: string) => string | null | undefined): DashboardFilters {
  const out: DashboardFilters = {};
  const period = get('period');
  if (period && isPeriod(period)) out.period = period;
  const owner = get('owner');
  if (owner && (owner === '$me' || ID.test(owner))) out.owner = owner;
  const department = get('department');
  if (department && ID.test(department)) out.department = department;
  return out;
}

/** The query string of the filters (empty parts left out), `''` when none. */
export function filtersQuery(filters: DashboardFilters): string {
  const p = new URLSearchParams();
  for (const key of ['period', 'owner', 'department'] as const) if (filters[key]) p.set(key, filters[key]!);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Whether any filter is set. */
export function hasFilters(filters: DashboardFilters): boolean {
  return Boolean(filters.period || filters.owner || filters.department);
}

function isAll(node: unknown): node is { all: unknown[] } {
  return typeof node === 'object' && node !== null && Array.isArray((node as { all?: unknown }).all) && Object.keys(node).length === 1;
}

/**
 * Every condition together, as one flat `all` where they allow it (the list page reads a flat
 * all/any of conditions), each leaf once: a drill condition often repeats a dashboard filter.
 */
export function allOf(...conditions: unknown[]): unknown {
  const parts: unknown[] = [];
  const seen = new Set<string>();
  const push = (c: unknown) => {
    if (c === undefined || c === null) return;
    if (isAll(c)) return c.all.forEach(push);
    const key = JSON.stringify(c);
    if (!seen.has(key)) {
      seen.add(key);
      parts.push(c);
    }
  };
  conditions.forEach(push);
  if (parts.length === 0) return undefined;
  return parts.length === 1 && !isLeafOr(parts[0]) ? parts[0] : { all: parts };
}

function isLeafOr(node: unknown): boolean {
  return typeof node === 'object' && node !== null && typeof (node as { field?: unknown }).field === 'string';
}

/** The list of the records behind a chart's group: `/o/{object}?filter=`, the group's condition and the dashboard's. */
export function drillHref(object: string, drill: unknown, extra?: unknown): string {
  const condition = allOf(drill, extra);
  return condition === undefined ? `/o/${object}` : `/o/${object}?filter=${encodeURIComponent(JSON.stringify(condition))}`;
}
