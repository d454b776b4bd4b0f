/**
 * The builder's edits of a report definition, as plain functions (unit-tested): adding, moving and
 * removing columns and groupings, what a preview runs, and where an error's pointer lands.
 */
import type { ReportDefinition, ReportGrouping } from '../../../reports/types';

export type ListName = 'columns' | 'groupings' | 'columnGroupings';

const DATE_TYPES = new Set(['date', 'datetime']);

/** How many groupings each list takes in each format (tabular has none). */
export function groupingLimit(format: ReportDefinition['format'], list: 'groupings' | 'columnGroupings'): number {
  if (format === 'tabular') return 0;
  if (format === 'matrix') return 2;
  return list === 'groupings' ? 3 : 0;
}

/** A new report on an object: a summary counting its records, as a bar chart. */
export function emptyDefinition(object: string): ReportDefinition {
  return { object, format: 'summary', columns: [], groupings: [], aggregates: [{ fn: 'count' }], chart: { type: 'bar' } };
}

/** The grouping a field gets when dropped: dates by month, everything else by value. */
export function newGrouping(path: string, type: string | undefined): ReportGrouping {
  return type && DATE_TYPES.has(type) ? { field: path, bucket: 'month' } : { field: path };
}

/** Put a field in a list at a position (the end by default); a field is in a list at most once. */
export function insertField(def: ReportDefinition, list: ListName, path: string, type?: string, at?: number): ReportDefinition {
  if (list === 'columns') {
    const cols = (def.columns ?? []).filter((c) => c !== path);
    cols.splice(at ?? cols.length, 0, path);
    return { ...def, columns: cols };
  }
  const current = def[list] ?? [];
  if (current.some((g) => g.field === path) || current.length >= groupingLimit(def.format, list)) return def;
  const next = [...current];
  next.splice(at ?? next.length, 0, newGrouping(path, type));
  return { ...def, [list]: next };
}

/** Move an item within its list. */
export function moveItem(def: ReportDefinition, list: ListName, from: number, to: number): ReportDefinition {
  const items = [...((def[list] ?? []) as unknown[])];
  if (from < 0 || from >= items.length || to < 0 || to >= items.length) return def;
  const [item] = items.splice(from, 1);
  items.splice(to, 0, item);
  return { ...def, [list]: items };
}

/** Take an item out of its list. */
export function removeItem(def: ReportDefinition, list: ListName, index: number): ReportDefinition {
  return { ...def, [list]: ((def[list] ?? []) as unknown[]).filter((_, i) => i !== index) };
}

/** Change the format, keeping only the groupings the new format takes. */
export function setFormat(def: ReportDefinition, format: ReportDefinition['format']): ReportDefinition {
  return {
    ...def,
    format,
    groupings: (def.groupings ?? []).slice(0, groupingLimit(format, 'groupings')),
    columnGroupings: format === 'matrix' ? (def.columnGroupings ?? []) : undefined,
  };
}

/** What the live preview runs: half-typed parts (an aggregate without its field, a formula without an expression) are left out. */
export function previewDefinition(def: ReportDefinition): ReportDefinition {
  const out: ReportDefinition = { ...def };
  out.aggregates = (def.aggregates ?? []).filter((a) => a.fn === 'count' || a.field);
  out.formulas = (def.formulas ?? []).filter((f) => f.name && f.expression.trim());
  if (!out.formulas.length) delete out.formulas;
  if (def.format !== 'matrix') delete out.columnGroupings;
  if (def.format === 'tabular') {
    delete out.groupings;
    delete out.aggregates;
  }
  if (out.filter === undefined) delete out.filter;
  return out;
}

/** The builder section an error's JSON pointer (or field) names: `groupings.1`, `aggregates.0`, `filter`, `name`... */
export function placeOf(detail: { pointer?: string; field?: string }): string | null {
  const pointer = detail.pointer?.replace(/^\/definition/, '');
  if (pointer) {
    const [first, second] = pointer.split('/').filter(Boolean);
    if (!first) return null;
    return /^\d+$/.test(second ?? '') ? `${first}.${second}` : first;
  }
  return detail.field ?? null;
}

/** An API name from an English label: "Won amount by rep" gives "won_amount_by_rep". */
export function suggestName(label: string): string {
  const base = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  return /^[a-z]/.test(base) ? base : `report_${base}`.replace(/_+$/, '');
}
