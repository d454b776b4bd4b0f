/** The filter builder's state and its condition tree: plain functions, usable by server pages too. */

export interface FilterRow {
  field: string;
  op: string;
  value?: unknown;
}

export interface FilterState {
  match: 'all' | 'any';
  rows: FilterRow[];
}

export const LIST_OPS = new Set(['in', 'not_in', 'includes_any', 'includes_all', 'excludes_all']);
export const NO_VALUE = new Set(['is_empty', 'is_not_empty']);
/**
 * A related-records row: `field` is `<child object>.<its lookup to this object>`, `op` is with or
 * without, and `value` an optional condition on the child records.
 */
export const RELATED_OPS = new Set(['with', 'without']);

function rowCondition(r: FilterRow): unknown {
  if (RELATED_OPS.has(r.op)) {
    const [object, field] = r.field.split('.');
    return { [r.op]: { object, field, ...(r.value ? { where: r.value } : {}) } };
  }
  return NO_VALUE.has(r.op) ? { field: r.field, op: r.op } : { field: r.field, op: r.op, value: r.value };
}

/** The condition tree for a builder state, or undefined when it has no complete row. */
export function toCondition(state: FilterState): unknown {
  const rows = state.rows.filter(
    (r) =>
      r.field &&
      r.op &&
      (NO_VALUE.has(r.op) || RELATED_OPS.has(r.op) || (r.value !== undefined && r.value !== null && r.value !== '' && !(Array.isArray(r.value) && r.value.length === 0))),
  );
  if (rows.length === 0) return undefined;
  return { [state.match]: rows.map(rowCondition) };
}

/** The builder row of a `{"with": ...}` / `{"without": ...}` condition, or null. */
export function relatedRow(node: unknown): FilterRow | null {
  if (typeof node !== 'object' || node === null) return null;
  const keys = Object.keys(node);
  const op = keys.length === 1 && RELATED_OPS.has(keys[0]) ? keys[0] : null;
  const spec = op ? ((node as Record<string, unknown>)[op] as Record<string, unknown> | null) : null;
  if (!op || !spec || typeof spec.object !== 'string' || typeof spec.field !== 'string') return null;
  return { field: `${spec.object}.${spec.field}`, op, ...(spec.where ? { value: spec.where } : {}) };
}

/** The view's own filter and the user's, both applying. */
export function combineFilters(...filters: unknown[]): unknown {
  const present = filters.filter((f) => f !== undefined && f !== null);
  if (present.length <= 1) return present[0];
  return { all: present };
}
