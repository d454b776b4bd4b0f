/** The dashboard filters in the address (`?date=&owner=&department=&role=`) and the drill-down link of a chart's group. */
import { listCanShow } from '../reports/drill';
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

/** The address's word for "any time" (the dashboard's default period cleared). */
export const ANY_TIME = 'any';

const RELATIVE = /^(today|yesterday|tomorrow|(this|last|next)_(week|month|quarter|year|fiscal_quarter|fiscal_year)|(last|next)_([1-9]\d{0,3})_days)$/;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const API_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** A period the condition language knows (N days: 1 to 3650), else false. */
export function isPeriod(value: string): boolean {
  const m = RELATIVE.exec(value);
  return m !== null && (m[5] === undefined || Number(m[5]) <= 3650);
}

/** The filters in an address; parts that do not fit are left out, so a bad link shows the dashboard with its defaults. */
export function readFilters(get: (key: string) => string | null | undefined): DashboardFilters {
  const out: DashboardFilters = {};
  const date = get('date');
  if (date === ANY_TIME) out.date = null;
  else if (date && isPeriod(date)) out.date = date;
  const owner = get('owner');
  if (owner && (owner === '$me' || ID.test(owner))) out.owner = owner;
  for (const key of ['department', 'role'] as const) {
    const v = get(key);
    if (v && (API_NAME.test(v) || ID.test(v))) out[key] = v;
  }
  return out;
}

/** The query string of the filters (absent parts left out), `''` when none. */
export function filtersQuery(filters: DashboardFilters): string {
  const p = new URLSearchParams();
  if (filters.date !== undefined) p.set('date', filters.date ?? ANY_TIME);
  for (const key of ['owner', 'department', 'role'] as const) if (filters[key]) p.set(key, filters[key]!);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Whether the viewer changed any filter from the dashboard's defaults. */
export function hasFilters(filters: DashboardFilters): boolean {
  return filters.date !== undefined || Boolean(filters.owner || filters.department || filters.role);
}

function isAll(node: unknown): node is { all: unknown[] } {
  return typeof node === 'object' && node !== null && Array.isArray((node as { all?: unknown }).all) && Object.keys(node).length === 1;
}

function isLeaf(node: unknown): boolean {
  return typeof node === 'object' && node !== null && typeof (node as { field?: unknown }).field === 'string';
}

/**
 * Every condition together, as one flat `all` where they allow it (the list page reads a flat
 * all/any of conditions), each leaf once: a group's drill condition already holds the dashboard's.
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
  return parts.length === 1 && !isLeaf(parts[0]) ? parts[0] : { all: parts };
}

/** The list of the records behind a chart's group: `/o/{object}?filter=`, the group's condition and the dashboard's. */
export function drillHref(object: string, drill: unknown, extra?: unknown): string | null {
  if (!listCanShow(drill)) return null;
  const condition = allOf(drill, extra);
  const base = `/o/${encodeURIComponent(object)}`;
  return condition === undefined ? base : `${base}?filter=${encodeURIComponent(JSON.stringify(condition))}`;
}
