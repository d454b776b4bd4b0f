/** The record page's tabs from a layout: what it names, with every section and related list it leaves out in Details and Related. */

export type TabId = 'details' | 'related' | 'activity' | 'history';

export interface LayoutTabInfo {
  id: TabId;
  label?: string;
  sections?: string[];
  relatedLists?: string[];
}

export interface PageTab {
  id: TabId;
  label?: string;
  sections: string[];
  /** Related lists as `<object>.<lookup field>`. */
  relatedLists: string[];
}

const DEFAULT_ORDER: TabId[] = ['details', 'related', 'activity', 'history'];

/** Tabs in the layout's order (all four when it names none); unplaced sections go to Details, unplaced related lists to Related (else Details). */
export function pageTabs(tabs: LayoutTabInfo[] | null | undefined, sectionIds: string[], relatedKeys: string[]): PageTab[] {
  const given: LayoutTabInfo[] = tabs?.length ? tabs : DEFAULT_ORDER.map((id) => ({ id }));
  const sectionSet = new Set(sectionIds);
  const relatedSet = new Set(relatedKeys);
  const out: PageTab[] = given.map((t) => ({
    id: t.id,
    label: t.label,
    sections: (t.sections ?? []).filter((s) => sectionSet.has(s)),
    relatedLists: (t.relatedLists ?? []).filter((r) => relatedSet.has(r)),
  }));
  const details = out.find((t) => t.id === 'details') ?? out[0];
  const related = out.find((t) => t.id === 'related') ?? details;
  const placedSections = new Set(out.flatMap((t) => t.sections));
  const placedLists = new Set(out.flatMap((t) => t.relatedLists));
  details.sections.push(...sectionIds.filter((s) => !placedSections.has(s)));
  related.relatedLists.push(...relatedKeys.filter((r) => !placedLists.has(r)));
  return out;
}
