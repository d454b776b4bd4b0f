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

/** The condition tree for a builder state, or undefined when it has no complete row. */
export function toCondition(state: FilterState): unknown {
  const rows = state.rows.filter(
    (r) => r.field && r.op && (NO_VALUE.has(r.op) || (r.value !== undefined && r.value !== null && r.value !== '' && !(Array.isArray(r.value) && r.value.length === 0))),
  );
  if (rows.length === 0) return undefined;
  return { [state.match]: rows.map((r) => (NO_VALUE.has(r.op) ? { field: r.field, op: r.op } : { field: r.field, op: r.op, value: r.value })) };
}
