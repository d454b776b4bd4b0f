/**
 * Table shapes derived from a report result: the summary's nested rows (each group with its
 * subtotals) and the matrix grid with row, column and grand totals. Pure, for unit tests.
 */
import type { AggregateFn, ReportDefinition, ReportGroup, ReportResult } from '../../reports/types';
import { aggregateName } from './measureFormat';

/** A row of the summary table: a group at some depth, its figures, and its subgroups. */
export interface SummaryRow {
  key: string;
  label: string;
  depth: number;
  aggregates: Record<string, number | null>;
  drill: unknown;
  children?: SummaryRow[];
}

/** The summary's rows, nested as the groupings are; each row's key is unique (the path of group keys). */
export function summaryRows(groups: ReportGroup[], depth = 0, parent = ''): SummaryRow[] {
  return groups.map((g) => {
    const key = `${parent}/${JSON.stringify(g.key ?? null)}`;
    const children = g.groups && g.groups.length > 0 ? summaryRows(g.groups, depth + 1, key) : undefined;
    return { key, label: g.label, depth, aggregates: g.aggregates, drill: g.drill, children };
  });
}

/** The aggregates and formulas a report shows, in order: names for the tables' columns. */
export function measureKeys(def: ReportDefinition, result: Pick<ReportResult, 'columns' | 'totals'>): string[] {
  const own = [...(def.aggregates ?? []).map(aggregateName), ...(def.formulas ?? []).map((f) => f.name)];
  if (own.length) return own;
  const cols = result.columns.filter((c) => c.type === 'aggregate' || c.type === 'formula' || c.aggregate).map((c) => c.key);
  return cols.length ? cols : Object.keys(result.totals);
}

export interface MatrixCell {
  value: number | null;
  drill: unknown;
}

export interface MatrixRow {
  key: string;
  label: string;
  /** 0 for the first row grouping, 1 for the second (shown indented under its parent). */
  depth: number;
  cells: MatrixCell[];
  total: number | null;
  drill: unknown;
}

export interface MatrixColumn {
  key: string;
  /** "Q1 / Won" for a second-level column, the group's own label otherwise. */
  label: string;
  /** Two column groupings: the first-level group's label this column sits under. */
  group?: string;
  /** The label under that group ("Won"), or the group's for its subtotal column. */
  short: string;
  /** Two column groupings: the first-level group's subtotal column, after its second-level columns. */
  subtotal?: boolean;
}

export interface MatrixTable {
  columns: MatrixColumn[];
  rows: MatrixRow[];
  columnTotals: (number | null)[];
  grandTotal: number | null;
  /** Two column groupings: the first header row, each first-level group over its columns and subtotal. */
  groups?: { key: string; label: string; span: number }[];
}

type Node = { key: ReportGroup['key']; label: string; aggregates?: Record<string, number | null>; drill?: unknown; groups?: Node[] };

const keyOf = (k: ReportGroup['key']) => JSON.stringify(k ?? null);

/** The columns of a column tree: leaves, and with two groupings each first-level group's subtotal after its own leaves. */
function columnsOf(nodes: Node[]): (MatrixColumn & { node: Node })[] {
  return nodes.flatMap((n) => {
    const key = `/${keyOf(n.key)}`;
    if (!n.groups?.length) return [{ key, label: n.label, short: n.label, node: n }];
    const inner = n.groups.map((c) => ({ key: `${key}/${keyOf(c.key)}`, label: `${n.label} / ${c.label}`, group: n.label, short: c.label, node: c }));
    return [...inner, { key, label: n.label, group: n.label, short: n.label, subtotal: true, node: n }];
  });
}

/** How column totals combine cells, where that is exact; avg, count distinct and formulas are not additive. */
function combine(fn: AggregateFn | undefined, values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null && v !== undefined);
  if (fn === 'sum' || fn === 'count') return present.reduce((a, b) => a + b, 0);
  if (!present.length) return null;
  if (fn === 'min') return Math.min(...present);
  if (fn === 'max') return Math.max(...present);
  return null;
}

/** A matrix row group's column cells: `cells` from the engine, else its `groups`. */
export function cellsOf(g: ReportGroup): ReportGroup[] {
  return g.cells ?? g.groups ?? [];
}

/** The matrix grid for one measure: rows are the row groups (nested ones indented), columns the column groups (with first-level subtotals). */
export function matrixTable(def: ReportDefinition, result: ReportResult, measure: string): MatrixTable {
  const headerTree: Node[] = result.columnTotals ?? result.columnGroups ?? [];
  const columns = columnsOf(headerTree);
  // Columns the header list lacks (an older answer without columnGroups) come from the cells themselves.
  if (!columns.length) {
    const seen = new Map<string, MatrixColumn & { node: Node }>();
    for (const g of result.groups) for (const c of columnsOf(cellsOf(g))) if (!seen.has(c.key)) seen.set(c.key, { ...c, node: { key: c.node.key, label: c.node.label } });
    columns.push(...seen.values());
  }
  const fn = def.aggregates?.find((a) => aggregateName(a) === measure)?.fn ?? result.columns.find((c) => c.key === measure)?.aggregate?.fn;
  const rows: MatrixRow[] = [];
  const rowLevels = Math.max(1, def.groupings?.length ?? 1);
  const visit = (groups: ReportGroup[], depth: number, parent: string) => {
    for (const g of groups) {
      const key = `${parent}/${keyOf(g.key)}`;
      const byKey = new Map(columnsOf(cellsOf(g)).map((c) => [c.key, c.node]));
      const cells = columns.map((c) => {
        const cell = byKey.get(c.key);
        return { value: cell?.aggregates?.[measure] ?? null, drill: cell?.drill ?? null };
      });
      rows.push({ key, label: g.label, depth, cells, total: g.aggregates[measure] ?? null, drill: g.drill });
      // A second row grouping: its rows under this one (a leaf row's `groups` are its cells).
      if (depth + 1 < rowLevels && g.groups) visit(g.groups, depth + 1, key);
    }
  };
  visit(result.groups, 0, '');
  const top = rows.filter((r) => r.depth === 0);
  const columnTotals = columns.map((c, i) =>
    c.node.aggregates
      ? (c.node.aggregates[measure] ?? null)
      : combine(
          fn,
          top.map((r) => r.cells[i].value),
        ),
  );
  const table: MatrixTable = { columns: columns.map(({ node: _n, ...c }) => c), rows, columnTotals, grandTotal: result.totals[measure] ?? null };
  if (columns.some((c) => c.subtotal)) {
    const groups: NonNullable<MatrixTable['groups']> = [];
    for (const c of columns) {
      const last = groups[groups.length - 1];
      const at = c.key.split('/')[1];
      if (last?.key === at) last.span++;
      else groups.push({ key: at, label: c.group ?? c.label, span: 1 });
    }
    table.groups = groups;
  }
  return table;
}
