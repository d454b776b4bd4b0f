/** Dashboard filters survive the address, and a chart's drill-down opens the list the list page can read. */
import { describe, expect, it } from 'vitest';
import { allOf, drillHref, filtersQuery, isPeriod, readFilters } from '../../../../platform/ui/dashboards/filters';
import { fromCondition } from '../../../../platform/ui/list/listUrl';
import type { FieldInfo } from '../../../../platform/ui/types';

const uid = '0b9d4c9e-6a55-4a5b-9b8e-2f0d2d2f4a11';

describe('dashboard filters in the address', () => {
  it('round-trips period, owner, department and team, and "any time" apart from the default', () => {
    for (const filters of [
      { date: 'this_quarter', owner: uid, department: 'sales_east', role: 'manager_shanghai' },
      { date: null, owner: '$me' },
    ]) {
      const q = new URLSearchParams(filtersQuery(filters).slice(1));
      expect(readFilters((k) => q.get(k))).toEqual(filters);
    }
    expect(readFilters(() => null)).toEqual({});
  });
  it('leaves out what is not a filter value instead of failing', () => {
    const q = new URLSearchParams('date=next_4000_days&owner=robert&department=1%27%20or%201=1');
    expect(readFilters((k) => q.get(k))).toEqual({});
    expect(filtersQuery({})).toBe('');
  });
  it('knows the relative periods of the condition language', () => {
    expect(['today', 'last_week', 'this_fiscal_quarter', 'next_fiscal_year', 'last_3650_days'].every(isPeriod)).toBe(true);
    expect(['this_decade', 'last_0_days', 'last_3651_days', 'this_month '].some(isPeriod)).toBe(false);
  });
});

describe('drill-down', () => {
  const owner = { field: 'owner', op: 'eq', value: uid };
  const month = { field: 'close_date', op: 'between', value: ['2026-03-01', '2026-03-31'] };
  const period = { field: 'close_date', op: 'during', value: 'this_year' };

  it('puts the group and the dashboard filter in one flat "all", each condition once', () => {
    expect(allOf({ all: [owner, month] }, { all: [period, owner] })).toEqual({ all: [owner, month, period] });
    expect(allOf(undefined, null)).toBeUndefined();
    expect(allOf(owner)).toEqual({ all: [owner] });
  });

  it('links to a list address the list page reads back as the same conditions', () => {
    const href = drillHref('opportunity', { all: [owner, month] }, period)!;
    expect(href.startsWith('/o/opportunity?filter=')).toBe(true);
    const filter = JSON.parse(decodeURIComponent(href.split('filter=')[1]));
    const fields = [
      { name: 'owner', filterOperators: ['eq'] },
      { name: 'close_date', filterOperators: ['between', 'during'] },
    ] as unknown as FieldInfo[];
    expect(fromCondition(filter, fields)?.rows).toEqual([owner, month, period]);
  });

  it('keeps a nested "any" as it is', () => {
    const any = { any: [owner, month] };
    expect(allOf(any)).toEqual(any);
    expect(drillHref('opportunity', undefined)).toBe('/o/opportunity');
  });
});
