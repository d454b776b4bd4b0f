/** Editing a dashboard's arrangement as plain data: move, resize, rename, add and remove components (widths of a 4-column grid). */
import type { Label } from '../../core/i18n';
import type { DashboardComponent } from './types';

export const COLUMNS = 4;
const DEFAULT_WIDTH = 2;

/** A component's width in columns (1..4; default 2, as the dashboard kind's). */
export function widthOf(c: { width?: number }): number {
  const w = Number.isFinite(c.width) ? Math.round(c.width!) : DEFAULT_WIDTH;
  return Math.min(COLUMNS, Math.max(1, w));
}

/** The components in the order they are shown (by `order`, then as listed). */
export function inOrder<T extends { order?: number }>(list: readonly T[]): T[] {
  return list
    .map((c, i) => ({ c, i }))
    .sort((a, b) => (a.c.order ?? Infinity) - (b.c.order ?? Infinity) || a.i - b.i)
    .map((x) => x.c);
}

/** The components with `order` following the list (10, 20, ...), as they are saved. */
export function numbered<T extends { order?: number }>(list: readonly T[]): T[] {
  return list.map((c, i) => ({ ...c, order: (i + 1) * 10 }));
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

/** The components with one of them resized to `columns` (1..4). */
export function resizeComponent(list: DashboardComponent[], id: string, columns: number): DashboardComponent[] {
  const width = widthOf({ width: columns });
  return list.map((c) => (c.id === id ? { ...c, width } : c));
}

/** The components with one of them given a new title (undefined: the report's label again). */
export function retitleComponent(list: DashboardComponent[], id: string, title: Label | undefined): DashboardComponent[] {
  return list.map((c) => {
    if (c.id !== id) return c;
    const { title: _old, ...rest } = c;
    return (title ? { ...rest, title } : rest) as DashboardComponent;
  });
}

/** The components without one. */
export function removeComponent(list: DashboardComponent[], id: string): DashboardComponent[] {
  return list.filter((c) => c.id !== id);
}

/** A new component id not used in the list, readable in the document (`won_by_rep_by_month_2`). */
export function newComponentId(list: { id: string }[], report: string): string {
  const base = /^[a-z]/.test(report) ? report.replace(/[^a-z0-9_]/g, '_').slice(0, 56) : 'component';
  const used = new Set(list.map((c) => c.id));
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

/** The components with a report added at the end, half the row wide. */
export function addComponent(list: DashboardComponent[], report: string, title?: Label): DashboardComponent[] {
  return numbered([...inOrder(list), { id: newComponentId(list, report), type: 'report' as const, report, ...(title ? { title } : {}), width: DEFAULT_WIDTH, height: 2 }]);
}

/** A title edited in one language keeps the other language's text. */
export function retitle(title: Label | undefined, text: string, locale: 'en' | 'zh-CN'): Label | undefined {
  const value = text.trim();
  const base = title ?? { en: '', zh: '' };
  const next = locale === 'zh-CN' ? { ...base, zh: value } : { ...base, en: value };
  return next.en || next.zh ? { en: next.en || next.zh, zh: next.zh || next.en } : undefined;
}

/** The CSS variables placing a component on the grid: its width, and on a tablet half or the whole row. */
export function gridSpan(c: { width?: number }): Record<'--span' | '--span-md', number> {
  const span = widthOf(c);
  return { '--span': span, '--span-md': span <= COLUMNS / 2 ? COLUMNS / 2 : COLUMNS };
}
