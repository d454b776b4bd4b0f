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

export interface MatrixTable {
  columns: { key: string; label: string }[];
  rows: { key: string; label: string; cells: MatrixCell[]; total: number | null; drill: unknown }[];
  columnTotals: (number | null)[];
  grandTotal: number | null;
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

const keyOf = (k: ReportGroup['key']) => JSON.stringify(k ?? null);

/** The matrix grid for one measure: rows are the row groups, columns the column groups. */
export function matrixTable(def: ReportDefinition, result: ReportResult, measure: string): MatrixTable {
  const headers = new Map<string, { label: string; aggregates?: Record<string, number | null> }>();
  for (const c of result.columnGroups ?? []) headers.set(keyOf(c.key), { label: c.label, aggregates: (c as { aggregates?: Record<string, number | null> }).aggregates });
  for (const g of result.groups) for (const c of g.groups ?? []) if (!headers.has(keyOf(c.key))) headers.set(keyOf(c.key), { label: c.label });
  const keys = [...headers.keys()];
  const fn = def.aggregates?.find((a) => aggregateName(a) === measure)?.fn ?? result.columns.find((c) => c.key === measure)?.aggregate?.fn;
  const rows = result.groups.map((g) => {
    const byKey = new Map((g.groups ?? []).map((c) => [keyOf(c.key), c]));
    const cells = keys.map((k) => {
      const c = byKey.get(k);
      return { value: c ? (c.aggregates[measure] ?? null) : null, drill: c?.drill ?? null };
    });
    return { key: keyOf(g.key), label: g.label, cells, total: g.aggregates[measure] ?? null, drill: g.drill };
  });
  // The engine's own column totals win when it sends them; else combine the cells where that is exact.
  const columnTotals = keys.map(
    (k, i) =>
      headers.get(k)!.aggregates?.[measure] ??
      combine(
        fn,
        rows.map((r) => r.cells[i].value),
      ),
  );
  return { columns: keys.map((k) => ({ key: k, label: headers.get(k)!.label })), rows, columnTotals, grandTotal: result.totals[measure] ?? null };
}
