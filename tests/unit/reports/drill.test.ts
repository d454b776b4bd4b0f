import { describe, expect, it } from 'vitest';
import { drillHref, flattenAll } from '@/platform/ui/reports/drill';

describe('drill-down addresses', () => {
  const won = { field: 'stage', op: 'eq', value: 'won' };
  const owner = { field: 'owner', op: 'eq', value: 'u1' };
  const month = { field: 'close_date', op: 'between', value: ['2026-11-01', '2026-11-30'] };

  it('the report filter (an "all" of its own) and the group conditions become one flat "all"', () => {
    expect(flattenAll({ all: [{ all: [won] }, owner, month] })).toEqual({ all: [won, owner, month] });
    expect(flattenAll({ all: [won] })).toEqual(won);
    const any = { any: [won, owner] };
    expect(flattenAll({ all: [any, month] })).toEqual({ all: [any, month] });
  });

  it('opens the object`s list with the condition in its address', () => {
    const href = drillHref('opportunity', { all: [{ all: [won] }, owner] })!;
    expect(href.startsWith('/o/opportunity?filter=')).toBe(true);
    expect(JSON.parse(decodeURIComponent(href.split('filter=')[1]))).toEqual({ all: [won, owner] });
    expect(drillHref('opportunity', null)).toBeNull();
  });

  it('links a parent`s field one lookup up, and gives no link for a deeper path rather than a list of other records', () => {
    const industry = { field: 'account.industry', op: 'eq', value: 'manufacturing' };
    expect(JSON.parse(decodeURIComponent(drillHref('opportunity', { all: [won, industry] })!.split('filter=')[1]))).toEqual({ all: [won, industry] });
    expect(drillHref('opportunity', { all: [won, { field: 'account.parent.industry', op: 'eq', value: 'it' }] })).toBeNull();
    expect(drillHref('opportunity', { with: { object: 'quote', field: 'opportunity', where: { all: [won] } } })).not.toBeNull();
  });
});
