import { describe, expect, it } from 'vitest';
import { matrixTable, measureKeys, summaryRows } from '@/platform/ui/reports/reportTables';
import { measureFormat } from '@/platform/ui/reports/measureFormat';
import { wonByRepDef, wonByRepResult, wonMatrixDef, wonMatrixResult } from './fixtures';

describe('summaryRows', () => {
  it('nests groups with their subtotals and unique keys', () => {
    const rows = summaryRows(wonByRepResult.groups);
    expect(rows.map((r) => [r.label, r.aggregates.sum_amount, r.depth])).toEqual([
      ['Li Lei', 3000000, 0],
      ['Han Meimei', 500000, 0],
    ]);
    expect(rows[0].children!.map((r) => [r.label, r.aggregates.count, r.depth])).toEqual([
      ['Oct 2026', 1, 1],
      ['Nov 2026', 2, 1],
    ]);
    // "Nov 2026" appears under both reps; the table needs distinct row keys.
    expect(rows[0].children![1].key).not.toBe(rows[1].children![0].key);
  });
});

describe('matrixTable', () => {
  it('places cells under their column, with row, column and grand totals', () => {
    const m = matrixTable(wonMatrixDef, wonMatrixResult, 'sum_amount');
    expect(m.columns.map((c) => c.label)).toEqual(['Oct 2026', 'Nov 2026']);
    expect(m.rows.map((r) => [r.label, r.cells.map((c) => c.value), r.total])).toEqual([
      ['Li Lei', [1000000, 2000000], 3000000],
      ['Han Meimei', [null, 500000], 500000],
    ]);
    expect(m.columnTotals).toEqual([1000000, 2500000]);
    expect(m.grandTotal).toBe(3500000);
    expect(m.rows[1].cells[1].drill).toEqual(wonMatrixResult.groups[1].groups![0].drill);
  });

  it('an average column has no made-up column total; the engine`s own total wins', () => {
    const def = { ...wonMatrixDef, aggregates: [{ fn: 'avg' as const, field: 'amount' }] };
    const result = { ...wonMatrixResult, columns: [{ key: 'avg_amount', label: 'Avg', type: 'aggregate', aggregate: { fn: 'avg' as const, field: 'amount' } }] };
    const rows = result.groups.map((g) => ({ ...g, aggregates: { avg_amount: 1 }, groups: g.groups!.map((c) => ({ ...c, aggregates: { avg_amount: 1 } })) }));
    expect(matrixTable(def, { ...result, groups: rows }, 'avg_amount').columnTotals).toEqual([null, null]);
    const withTotals = {
      ...result,
      groups: rows,
      columnGroups: [
        { key: '2026-10-01', label: 'Oct', aggregates: { avg_amount: 7 } },
        { key: '2026-11-01', label: 'Nov' },
      ],
    };
    expect(matrixTable(def, withTotals as typeof result, 'avg_amount').columnTotals).toEqual([7, null]);
  });
});

describe('measureKeys and measureFormat', () => {
  it('lists aggregates then formulas; formats counts, amounts and percent formulas', () => {
    const def = { ...wonByRepDef, formulas: [{ name: 'win_rate', label: { en: 'Win rate' }, expression: 'count / count', format: 'percent' as const }] };
    expect(measureKeys(def, wonByRepResult)).toEqual(['sum_amount', 'count', 'win_rate']);
    const f = measureFormat(def, wonByRepResult, 'zh-CN', { amount: { type: 'currency' } });
    expect(f.full('count', 1234)).toBe('1,234');
    expect(f.full('sum_amount', 1234.5)).toBe('¥1,234.50');
    expect(f.full('win_rate', 0.425)).toBe('42.5%');
    expect(f.full('sum_amount', null)).toBe('—');
    expect(f.short('sum_amount', 345000000)).toBe('¥3.5亿');
  });
});

describe('matrixTable on the engine`s shape (cells, column totals, two row groupings)', () => {
  const cell = (key: string, label: string, v: number) => ({ key, label, aggregates: { sum_amount: v }, drill: { cell: key } });
  const result = {
    ...wonMatrixResult,
    columnGroups: undefined,
    columnTotals: [cell('q1', 'Q1', 30), cell('q2', 'Q2', 12)],
    groups: [
      {
        key: 'east',
        label: 'East',
        aggregates: { sum_amount: 40 },
        drill: { row: 'east' },
        cells: [cell('q1', 'Q1', 30), cell('q2', 'Q2', 10)],
        groups: [
          {
            key: 'u1',
            label: 'Li Lei',
            aggregates: { sum_amount: 40 },
            drill: { row: 'u1' },
            cells: [cell('q1', 'Q1', 30), cell('q2', 'Q2', 10)],
            groups: [cell('q1', 'Q1', 30), cell('q2', 'Q2', 10)],
          },
        ],
      },
      {
        key: 'west',
        label: 'West',
        aggregates: { sum_amount: 2 },
        drill: { row: 'west' },
        cells: [cell('q2', 'Q2', 2)],
        groups: [{ key: 'u2', label: 'Han', aggregates: { sum_amount: 2 }, drill: {}, cells: [cell('q2', 'Q2', 2)] }],
      },
    ],
    totals: { sum_amount: 42, count: 3 },
  };
  const def = { ...wonMatrixDef, groupings: [{ field: 'region' }, { field: 'owner' }] };

  it('nests the second row grouping under the first and takes the engine`s column totals', () => {
    const m = matrixTable(def, result, 'sum_amount');
    expect(m.columns.map((c) => c.label)).toEqual(['Q1', 'Q2']);
    expect(m.rows.map((r) => [r.label, r.depth, r.cells.map((c) => c.value), r.total])).toEqual([
      ['East', 0, [30, 10], 40],
      ['Li Lei', 1, [30, 10], 40],
      ['West', 0, [null, 2], 2],
      ['Han', 1, [null, 2], 2],
    ]);
    expect(m.columnTotals).toEqual([30, 12]);
    expect(m.grandTotal).toBe(42);
  });
});

describe('matrixTable with two column groupings', () => {
  type N = { key: string; label: string; aggregates: { sum_amount: number }; drill: unknown; groups?: N[] };
  const node = (key: string, label: string, v: number, groups?: N[]): N => ({ key, label, aggregates: { sum_amount: v }, drill: { key }, ...(groups ? { groups } : {}) });
  const result = {
    ...wonMatrixResult,
    columnTotals: [node('won', 'Won', 30, [node('q1', 'Q1', 10), node('q2', 'Q2', 20)]), node('lost', 'Lost', 5, [node('q2', 'Q2', 5)])],
    groups: [
      {
        key: 'u1',
        label: 'Li Lei',
        aggregates: { sum_amount: 35 },
        drill: {},
        cells: [node('won', 'Won', 30, [node('q1', 'Q1', 10), node('q2', 'Q2', 20)]), node('lost', 'Lost', 5, [node('q2', 'Q2', 5)])],
      },
    ],
    totals: { sum_amount: 35 },
  };
  const def = { ...wonMatrixDef, columnGroupings: [{ field: 'stage' }, { field: 'close_date', bucket: 'quarter' }] };

  it('puts each first-level group’s subtotal after its own columns, under a spanning header', () => {
    const m = matrixTable(def, result, 'sum_amount');
    expect(m.columns.map((c) => [c.short, Boolean(c.subtotal)])).toEqual([
      ['Q1', false],
      ['Q2', false],
      ['Won', true],
      ['Q2', false],
      ['Lost', true],
    ]);
    expect(m.groups).toEqual([
      { key: '"won"', label: 'Won', span: 3 },
      { key: '"lost"', label: 'Lost', span: 2 },
    ]);
    expect(m.rows[0].cells.map((c) => c.value)).toEqual([10, 20, 30, 5, 5]);
    expect(m.rows[0].cells[2].drill).toEqual({ key: 'won' });
    expect(m.columnTotals).toEqual([10, 20, 30, 5, 5]);
  });

  it('one column grouping has no subtotal columns and no spanning header', () => {
    expect(matrixTable(wonMatrixDef, wonMatrixResult, 'sum_amount').groups).toBeUndefined();
  });
});

describe('measureFormat of a formula the definition does not carry (a dashboard component)', () => {
  it('reads the format from the result', () => {
    const result = { columns: [{ key: 'conversion', label: 'Conversion', type: 'formula', format: 'percent' as const }] };
    const f = measureFormat({ object: 'opportunity', format: 'summary' }, result, 'en');
    expect(f.full('conversion', 0.4567)).toBe('45.7%');
    expect(f.kind('conversion')).toBe('percent');
  });
});
