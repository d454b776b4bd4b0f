/** Drill-down: a group's condition opens the object's list filtered to exactly that group's records. */

/** The list page's address for a drill-down condition (the list's own URL state, platform/ui/list/listUrl.ts). */
export function drillHref(object: string, drill: unknown): string | null {
  if (drill === null || drill === undefined) return null;
  return `/o/${encodeURIComponent(object)}?filter=${encodeURIComponent(JSON.stringify(drill))}`;
}
