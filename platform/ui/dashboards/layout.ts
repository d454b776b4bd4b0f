/** Editing a dashboard's arrangement as plain data: move, resize, rename, add and remove components. */
import type { Label } from '../../core/i18n';
import type { DashboardComponent } from './types';

export const COLUMNS = 4;

/** A component's width in columns (1..4); a component without one takes one column. */
export function widthOf(c: Pick<DashboardComponent, 'width'>): number {
  const w = Math.round(c.width ?? 1);
  return Math.min(COLUMNS, Math.max(1, Number.isFinite(w) ? w : 1));
}

/** The components with `id` moved to where `overId` is (the others shift), as a sortable list does. */
export function moveComponent<T extends { id: string }>(list: T[], id: string, overId: string): T[] {
  const from = list.findIndex((c) => c.id === id);
  const to = list.findIndex((c) => c.id === overId);
  if (from < 0 || to < 0 || from === to) return list;
  const next = [...list];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return next;
}

/** The components with one of them changed. */
export function updateComponent(list: DashboardComponent[], id: string, change: Partial<Omit<DashboardComponent, 'id'>>): DashboardComponent[] {
  return list.map((c) => (c.id === id ? { ...c, ...change, ...(change.width !== undefined ? { width: widthOf({ width: change.width }) } : {}) } : c));
}

/** The components without one. */
export function removeComponent(list: DashboardComponent[], id: string): DashboardComponent[] {
  return list.filter((c) => c.id !== id);
}

/** A new component id not used in the list, readable in the document (`won_by_rep_by_month_2`). */
export function newComponentId(list: { id: string }[], report: string): string {
  const base = report.replace(/[^a-z0-9_]/g, '_').slice(0, 56) || 'component';
  const used = new Set(list.map((c) => c.id));
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

/** The components with a report added at the end, two columns wide. */
export function addComponent(list: DashboardComponent[], report: string, title?: Label): DashboardComponent[] {
  return [...list, { id: newComponentId(list, report), report, ...(title ? { title } : {}), width: 2 }];
}

/** A title edited in one language keeps the other language's text. */
export function retitle(title: Label | undefined, text: string, locale: 'en' | 'zh-CN'): Label | undefined {
  const value = text.trim();
  const base = title ?? { en: '', zh: '' };
  const next = locale === 'zh-CN' ? { ...base, zh: value } : { ...base, en: value };
  return next.en || next.zh ? { en: next.en || next.zh, zh: next.zh } : undefined;
}
