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

/** The list page's address for a drill-down condition (the list's own URL state, platform/ui/list/listUrl.ts). */
export function drillHref(object: string, drill: unknown): string | null {
  if (drill === null || drill === undefined) return null;
  return `/o/${encodeURIComponent(object)}?filter=${encodeURIComponent(JSON.stringify(flattenAll(drill)))}`;
}
