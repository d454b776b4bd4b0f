/** Drill-down: a group's condition opens the object's list filtered to exactly that group's records. */

/** "all" inside "all" as one "all": the same records, in the flat shape the list's filter builder shows. */
export function flattenAll(node: unknown): unknown {
  const all = (node as { all?: unknown[] } | null)?.all;
  if (!Array.isArray(all) || Object.keys(node as object).length !== 1) return node;
  const leaves = all.flatMap((c) => {
    const inner = flattenAll(c) as { all?: unknown[] };
    return Array.isArray(inner?.all) && Object.keys(inner).length === 1 ? inner.all : [inner];
  });
  return leaves.length === 1 ? leaves[0] : { all: leaves };
}

/** A field the list can filter on: its own (`stage`) or one lookup up (`account.industry`, `owner.department`), as the report engine groups. */
const LIST_FIELD = /^[a-z][a-z0-9_]{0,62}(\.[a-z][a-z0-9_]{0,62})?$/;

/**
 * Whether the list page can show exactly these records: every field is one it filters on (its own
 * or a parent's one lookup up); anything deeper gets no link rather than a list of other records.
 */
export function listCanShow(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return true;
  if (Array.isArray(node)) return node.every(listCanShow);
  const field = (node as { field?: unknown }).field;
  if (typeof field === 'string' && !LIST_FIELD.test(field)) return false;
  return Object.entries(node).every(([key, value]) => key === 'value' || listCanShow(value));
}

/** The list page's address for a drill-down condition (the list's own URL state, platform/ui/list/listUrl.ts). */
export function drillHref(object: string, drill: unknown): string | null {
  if (drill === null || drill === undefined || !listCanShow(drill)) return null;
  return `/o/${encodeURIComponent(object)}?filter=${encodeURIComponent(JSON.stringify(flattenAll(drill)))}`;
}
