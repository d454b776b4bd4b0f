/** Reading stored conditions on the sharing screen: a one-line summary, and the builder's state when it fits. */
import type { FilterRow, FilterState } from '../FilterBuilder';

interface Node {
  all?: unknown[];
  any?: unknown[];
  not?: unknown;
  field?: string;
  op?: string;
  value?: unknown;
}

/** "level equals a AND region is any of east, central" (field names, operator labels). */
export function conditionText(condition: unknown, opLabel: (op: string) => string, and: string, or: string, not: string): string {
  const walk = (c: unknown, nested: boolean): string => {
    if (!c || typeof c !== 'object') return '';
    const n = c as Node;
    if (Array.isArray(n.all) || Array.isArray(n.any)) {
      const parts = (n.all ?? n.any ?? []).map((x) => walk(x, true)).filter(Boolean);
      const text = parts.join(` ${n.all ? and : or} `);
      return nested && parts.length > 1 ? `(${text})` : text;
    }
    if (n.not !== undefined) return `${not} ${walk(n.not, true)}`;
    const value = n.value === undefined ? '' : Array.isArray(n.value) ? n.value.join(', ') : String(n.value);
    return [n.field, n.op ? opLabel(n.op) : '', value].filter(Boolean).join(' ');
  };
  return walk(condition, false);
}

/** The condition builder's state for a stored condition: one comparison, or one flat all/any list of them. */
export function builderState(condition: unknown): FilterState {
  const c = condition as Node | null;
  const isRow = (r: unknown): r is FilterRow => Boolean(r) && typeof (r as Node).field === 'string' && typeof (r as Node).op === 'string';
  if (isRow(c)) return { match: 'all', rows: [c] };
  const rows = c?.all ?? c?.any;
  if (Array.isArray(rows) && rows.every(isRow)) return { match: c?.any ? 'any' : 'all', rows };
  return { match: 'all', rows: [] };
}
