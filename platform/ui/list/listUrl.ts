/**
 * The list's state in its address (`/o/{object}?view=&filter=&sort=&q=`), so a list can be
 * bookmarked, shared and reached again with the back button. Pure functions: the server page
 * reads the same address to render the first page, with the same query input as the browser.
 */
import { relatedRow, type FilterRow, type FilterState } from './filterState';
import type { FieldInfo } from '../types';

export type SortSpec = { field: string; dir: 'asc' | 'desc' }[];

export interface ListUrlState {
  view?: string;
  filter: FilterState;
  sort?: SortSpec;
  q?: string;
}

/** A view as `meta.object` describes it (only what the list needs). */
export interface ViewInfo {
  name: string;
  label: string;
  isDefault?: boolean;
  personal?: boolean;
  columns: string[];
  sort?: unknown;
  filter?: unknown;
  pageSize?: number;
}

/** A lookup path one level up (`account.industry`): the server resolves it against the viewer's metadata. */
const PATH = /^[a-z][a-z0-9_]{0,62}\.[a-z][a-z0-9_]{0,62}$/;

const EMPTY: FilterState = { match: 'all', rows: [] };

function isLeaf(node: unknown): node is FilterRow {
  return typeof node === 'object' && node !== null && typeof (node as FilterRow).field === 'string' && typeof (node as FilterRow).op === 'string';
}

/** The builder's rows for a flat condition tree (a condition, or "all"/"any" of conditions), or null. */
export function fromCondition(node: unknown, fields: FieldInfo[]): FilterState | null {
  if (node === undefined || node === null) return EMPTY;
  const obj = node as Record<string, unknown>;
  const match = Array.isArray(obj.all) ? 'all' : Array.isArray(obj.any) ? 'any' : null;
  const leaves = isLeaf(node) || relatedRow(node) ? [node] : match ? (obj[match] as unknown[]) : null;
  const byName = new Map(fields.map((f) => [f.name, f]));
  // A comparison on one of the fields with one of its operators, a parent's field one lookup up
  // (a drill-down through account.industry), or a related-records row (the server checks those).
  const rowOf = (l: unknown): FilterRow | null =>
    relatedRow(l) ??
    (isLeaf(l) && (byName.get(l.field)?.filterOperators.includes(l.op) || (PATH.test(l.field) && byName.has(l.field.split('.')[0])))
      ? { field: l.field, op: l.op, ...(l.value === undefined ? {} : { value: l.value }) }
      : null);
  const rows = leaves?.map(rowOf);
  return rows && rows.every(Boolean) ? { match: match ?? 'all', rows: rows as FilterRow[] } : null;
}

/**
 * Read the address against the object's fields and views. A parameter that does not fit (an
 * unknown view, a filter that is not a condition on this object's fields, an unsortable field) is
 * left out and named in `problems`, so the page can say so instead of failing.
 */
export function readListUrl(get: (key: string) => string | null, fields: FieldInfo[], views: ViewInfo[]): { state: ListUrlState; problems: string[] } {
  const problems: string[] = [];
  const state: ListUrlState = { filter: EMPTY };
  const view = get('view');
  if (view) {
    if (views.some((v) => v.name === view)) state.view = view;
    else problems.push('view');
  }
  const filter = get('filter');
  if (filter) {
    let parsed: FilterState | null = null;
    try {
      parsed = fromCondition(JSON.parse(filter), fields);
    } catch {
      parsed = null;
    }
    if (parsed) state.filter = parsed;
    else problems.push('filter');
  }
  const sort = get('sort');
  if (sort) {
    const sortable = new Set(fields.filter((f) => f.sortable).map((f) => f.name));
    const keys = sort.split(',').map((part) => /^([a-z][a-z0-9_]{0,62}):(asc|desc)$/.exec(part.trim()));
    if (keys.length <= 5 && keys.every((m) => m && sortable.has(m[1]))) state.sort = keys.map((m) => ({ field: m![1], dir: m![2] as 'asc' | 'desc' }));
    else problems.push('sort');
  }
  const q = get('q')?.trim();
  if (q) state.q = q.slice(0, 200);
  return { state, problems };
}

/** The query string of a list state (empty parts left out). */
export function listQueryString(state: ListUrlState, condition: unknown): string {
  const p = new URLSearchParams();
  if (state.view) p.set('view', state.view);
  if (condition !== undefined) p.set('filter', JSON.stringify(condition));
  if (state.sort?.length) p.set('sort', state.sort.map((s) => `${s.field}:${s.dir}`).join(','));
  if (state.q) p.set('q', state.q);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The view a list shows: the one asked for, else the default, else the first. */
export function chooseView<V extends ViewInfo>(views: V[], name: string | undefined): V | undefined {
  return views.find((v) => v.name === name) ?? views.find((v) => v.isDefault) ?? views[0];
}

/** The input of `records.list` for the first page: the browser and the server page build the same key. */
export function listInput(object: string, view: ViewInfo, state: ListUrlState, filter: unknown, cursor: string | null = null) {
  return { object, view: view.name, search: state.q || undefined, sort: state.sort, filter, cursor, limit: view.pageSize ?? 50 };
}

/** The input of `records.totals` for the same list. */
export function totalsInput(object: string, view: ViewInfo, state: ListUrlState, filter: unknown) {
  return { object, view: view.name, search: state.q || undefined, filter };
}
