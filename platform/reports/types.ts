/**
 * The shapes shared by the report engine, its APIs, dashboards and the report screens (issue 14).
 * A report definition is JSON metadata (kind `report`, metadata/schema/report.schema.json, which
 * must describe exactly this shape); a result is what one run returns, on tRPC and REST alike.
 */

/** A column: a field of the primary object, or a parent's field through a lookup (`account.industry`, `owner.department`). */
export type ReportColumn = string;

export type DateBucket = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'fiscal_quarter' | 'fiscal_year';

export interface ReportGrouping {
  /** A field or lookup path, as a column. */
  field: string;
  /** Dates: the period; numbers: `range` with `ranges`; picklists: `bucket` names a reusable bucket definition (kind `bucket`). */
  bucket?: DateBucket | 'range' | string;
  /** Number ranges: ascending lower bounds, e.g. [0, 100000, 1000000] gives "< 100,000", "100,000 - 1,000,000", ">= 1,000,000". */
  ranges?: number[];
  /** Group order: by key ascending (the default) or descending, or by a figure (`sortBy`) descending or ascending. */
  sort?: 'key' | 'key_desc' | 'value_desc' | 'value_asc';
  /** The aggregate or formula that `value_desc`/`value_asc` order by; default the first aggregate. */
  sortBy?: string;
  /** Only the first this many groups of each parent, in the order above ("top 5 reps by won amount"); totals still count every record. */
  top?: number;
}

export type AggregateFn = 'count' | 'sum' | 'avg' | 'min' | 'max' | 'count_distinct';

export interface ReportAggregate {
  fn: AggregateFn;
  /** Absent for count. */
  field?: string;
  /** Only the records matching this condition count towards this aggregate (e.g. won amount): the one condition language. */
  filter?: unknown;
  /** Stable name used by formula columns and charts; default `${fn}_${field}` or `count`. */
  name?: string;
  label?: { en: string; zh?: string };
}

/** A formula over aggregates, evaluated per group and for the totals: `won_count / closed_count`. */
export interface ReportFormula {
  name: string;
  label: { en: string; zh?: string };
  /** Formula language over aggregate names (IF, arithmetic); division by zero gives null. */
  expression: string;
  format?: 'number' | 'percent' | 'currency';
}

export type ChartType = 'bar' | 'bar_stacked' | 'bar_horizontal' | 'line' | 'pie' | 'donut' | 'funnel' | 'gauge' | 'number' | 'table';

export interface ReportChart {
  type: ChartType;
  /** The aggregate or formula charted; default the first aggregate. */
  measure?: string;
  /** Gauge: the target (a number) and optional bands. */
  target?: number;
  title?: { en: string; zh?: string };
}

/** What one report asks (the body of POST /api/v1/reports/run, and the core of a `report` document). */
export interface ReportDefinition {
  object: string;
  format: 'tabular' | 'summary' | 'matrix';
  columns?: ReportColumn[];
  /** The one condition language; may use lookup paths, relative dates and with/without related. */
  filter?: unknown;
  /** Summary: up to three; matrix: the row groupings (up to two). */
  groupings?: ReportGrouping[];
  /** Matrix only: up to two column groupings. */
  columnGroupings?: ReportGrouping[];
  aggregates?: ReportAggregate[];
  formulas?: ReportFormula[];
  /** Detail rows' order: `field:asc|desc`. */
  sort?: string[];
  chart?: ReportChart;
  /** Rows shown (default 2,000, at most 10,000); groups are never dropped without `truncated`. */
  rowLimit?: number;
}

export interface ReportResultColumn {
  /** The column path as asked (`account.industry`) or an aggregate/formula name. */
  key: string;
  label: string;
  /** The field type (text, currency, date...) or `aggregate`/`formula`; screens format by it. */
  type: string;
  /** For aggregate columns: fn and the field. */
  aggregate?: { fn: AggregateFn; field?: string };
  /** For formula columns: how the figure reads (a percent formula yields the ratio, 0.45 for 45 %); default number. */
  format?: ReportFormula['format'];
}

export interface ReportGroup {
  /** The raw grouping value (bucket start for dates, the range's lower bound, the picklist bucket name); null for "(empty)". */
  key: string | number | boolean | null;
  /** Shown to the user, in the viewer's language. */
  label: string;
  aggregates: Record<string, number | null>;
  /** The next grouping level (summary) or the column groups of this row (matrix). */
  groups?: ReportGroup[];
  /** A condition (the one condition language) selecting exactly this group's records: drill-down opens `/o/{object}?filter=` with it. */
  drill: unknown;
  /** Matrix (added by ENGINE): this row group's column cells, nested as the column groupings, at every row level (a leaf row group's `groups` are the same cells). */
  cells?: ReportGroup[];
}

export interface ReportResult {
  object: string;
  format: ReportDefinition['format'];
  columns: ReportResultColumn[];
  /** Summary: row groups (nested); matrix: row groups whose `groups` are the column cells. */
  groups: ReportGroup[];
  /** Matrix: the column headers (nested as columnGroupings). */
  columnGroups?: Omit<ReportGroup, 'aggregates' | 'groups' | 'drill'>[];
  /** Matrix (added by ENGINE): the column groups over all rows, nested as the column groupings, with their totals and drill. */
  columnTotals?: ReportGroup[];
  /** Detail rows (tabular, and summary when columns are asked), keyed by column key, display-ready raw values. */
  rows: Record<string, unknown>[];
  totals: Record<string, number | null>;
  /** All records matching (exact). */
  rowCount: number;
  /** True when rows or groups were left out of this answer; `truncatedReason` says which and export offers the rest. */
  truncated: boolean;
  truncatedReason?: 'rows' | 'groups';
  /** Groupings whose `top` left groups out: how many are shown and how many there are (summed over parents). */
  topGroups?: { field: string; shown: number; total: number }[];
  /** Picklist values the bucket definition does not place (shown as "Unbucketed"). */
  unbucketed?: { field: string; values: string[] }[];
  /** When the figures were computed (a cached answer says so). */
  computedAt: string;
  /** Added by ENGINE: true when this answer was remembered from an earlier run (within a minute, with no write since). */
  cached?: boolean;
}
