/** Report results as the engine returns them, for the screens' unit tests. */
import type { ReportDefinition, ReportResult } from '@/platform/reports/types';

const eq = (field: string, value: unknown) => ({ field, op: 'eq', value });

/** Won amount by rep by month: owner, then close_date by month; sum of amount and count. */
export const wonByRepDef: ReportDefinition = {
  object: 'opportunity',
  format: 'summary',
  groupings: [{ field: 'owner' }, { field: 'close_date', bucket: 'month' }],
  aggregates: [{ fn: 'sum', field: 'amount' }, { fn: 'count' }],
  filter: eq('stage', 'won'),
  chart: { type: 'bar' },
};

const month = (owner: string, m: string, label: string, amount: number, count: number) => ({
  key: m,
  label,
  aggregates: { sum_amount: amount, count },
  drill: { all: [eq('stage', 'won'), eq('owner', owner), { field: 'close_date', op: 'between', value: [m, m] }] },
});

export const wonByRepResult: ReportResult = {
  object: 'opportunity',
  format: 'summary',
  columns: [
    { key: 'owner', label: 'Owner', type: 'user' },
    { key: 'close_date', label: 'Close date', type: 'date' },
    { key: 'sum_amount', label: 'Sum of Amount', type: 'aggregate', aggregate: { fn: 'sum', field: 'amount' } },
    { key: 'count', label: 'Record count', type: 'aggregate', aggregate: { fn: 'count' } },
  ],
  groups: [
    {
      key: 'u1',
      label: 'Li Lei',
      aggregates: { sum_amount: 3000000, count: 3 },
      drill: { all: [eq('stage', 'won'), eq('owner', 'u1')] },
      groups: [month('u1', '2026-10-01', 'Oct 2026', 1000000, 1), month('u1', '2026-11-01', 'Nov 2026', 2000000, 2)],
    },
    {
      key: 'u2',
      label: 'Han Meimei',
      aggregates: { sum_amount: 500000, count: 1 },
      drill: { all: [eq('stage', 'won'), eq('owner', 'u2')] },
      groups: [month('u2', '2026-11-01', 'Nov 2026', 500000, 1)],
    },
  ],
  rows: [],
  totals: { sum_amount: 3500000, count: 4 },
  rowCount: 4,
  truncated: false,
  computedAt: '2026-12-07T09:02:00.000Z',
};

/** The same figures as a matrix: owner rows by month columns. */
export const wonMatrixResult: ReportResult = {
  ...wonByRepResult,
  format: 'matrix',
  columnGroups: [
    { key: '2026-10-01', label: 'Oct 2026' },
    { key: '2026-11-01', label: 'Nov 2026' },
  ],
};

export const wonMatrixDef: ReportDefinition = { ...wonByRepDef, format: 'matrix', groupings: [{ field: 'owner' }], columnGroupings: [{ field: 'close_date', bucket: 'month' }] };

export const emptyResult: ReportResult = { ...wonByRepResult, groups: [], totals: { sum_amount: null, count: 0 }, rowCount: 0 };
