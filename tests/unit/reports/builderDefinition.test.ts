import { describe, expect, it } from 'vitest';
import type { ReportDefinition } from '@/platform/reports/types';
import { emptyDefinition, insertField, moveItem, placeOf, previewDefinition, removeItem, setFormat, suggestName } from '@/platform/ui/reports/builder/definition';

describe('the builder`s definition edits', () => {
  it('a dropped date groups by month, a field groups once, summary takes three groupings', () => {
    let d = emptyDefinition('opportunity');
    d = insertField(d, 'groupings', 'owner', 'user');
    d = insertField(d, 'groupings', 'close_date', 'date');
    d = insertField(d, 'groupings', 'owner', 'user');
    expect(d.groupings).toEqual([{ field: 'owner' }, { field: 'close_date', bucket: 'month' }]);
    d = insertField(d, 'groupings', 'stage', 'picklist', 0);
    d = insertField(d, 'groupings', 'account.industry', 'picklist');
    expect(d.groupings!.map((g) => g.field)).toEqual(['stage', 'owner', 'close_date']);
  });

  it('columns move and go; a column dropped again moves to where it was dropped', () => {
    let d: ReportDefinition = { ...emptyDefinition('opportunity'), columns: ['name', 'amount', 'stage'] };
    d = moveItem(d, 'columns', 2, 0);
    expect(d.columns).toEqual(['stage', 'name', 'amount']);
    d = insertField(d, 'columns', 'amount', 'currency', 0);
    expect(d.columns).toEqual(['amount', 'stage', 'name']);
    expect(removeItem(d, 'columns', 1).columns).toEqual(['amount', 'name']);
    expect(moveItem(d, 'columns', 0, 9)).toBe(d);
  });

  it('matrix keeps two row groupings and takes column groupings; leaving matrix drops them', () => {
    let d: ReportDefinition = { ...emptyDefinition('opportunity'), groupings: [{ field: 'a' }, { field: 'b' }, { field: 'c' }] };
    d = setFormat(d, 'matrix');
    expect(d.groupings!.map((g) => g.field)).toEqual(['a', 'b']);
    d = insertField(d, 'columnGroupings', 'close_date', 'date');
    expect(d.columnGroupings).toEqual([{ field: 'close_date', bucket: 'month' }]);
    expect(setFormat(d, 'summary').columnGroupings).toBeUndefined();
    expect(insertField(emptyDefinition('x'), 'columnGroupings', 'a')).toEqual(emptyDefinition('x'));
  });

  it('the preview leaves out half-typed aggregates and formulas, and tabular runs no groups', () => {
    const d = {
      ...emptyDefinition('opportunity'),
      aggregates: [{ fn: 'sum' as const }, { fn: 'count' as const }, { fn: 'sum' as const, field: 'amount' }],
      formulas: [{ name: 'x', label: { en: 'X' }, expression: ' ' }],
      groupings: [{ field: 'owner' }],
    };
    const p = previewDefinition(d);
    expect(p.aggregates).toEqual([{ fn: 'count' }, { fn: 'sum', field: 'amount' }]);
    expect(p.formulas).toBeUndefined();
    expect(previewDefinition({ ...d, format: 'tabular' }).groupings).toBeUndefined();
  });

  it('an error pointer lands on its section and item', () => {
    expect(placeOf({ pointer: '/groupings/1/field' })).toBe('groupings.1');
    expect(placeOf({ pointer: '/definition/aggregates/0/field' })).toBe('aggregates.0');
    expect(placeOf({ pointer: '/filter/all/0' })).toBe('filter');
    expect(placeOf({ field: 'name' })).toBe('name');
  });

  it('suggests an API name from the English label', () => {
    expect(suggestName('Won amount by rep by month')).toBe('won_amount_by_rep_by_month');
    expect(suggestName('2026 pipeline')).toBe('report_2026_pipeline');
  });
});
