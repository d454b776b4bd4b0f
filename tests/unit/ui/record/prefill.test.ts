import { describe, expect, it } from 'vitest';
import { prefillValues, safeBackPath } from '../../../../platform/ui/record/prefill';
import { newChildHref, viewAllHref } from '../../../../platform/ui/record/RelatedList';

const properties = { opportunity: { type: 'string' }, amount: { type: ['number', 'null'] }, qty: { type: 'integer' }, active: { type: 'boolean' }, tags: { type: 'array' } };

describe('new-record prefill from the URL', () => {
  it('keeps only fields the form offers, typed', () => {
    const id = '0b3c1f7e-2a5d-4c1e-9f00-1234567890ab';
    expect(prefillValues({ opportunity: id, amount: '1200.5', qty: '3', active: 'true', owner: 'x', _back: '/o/opportunity/1', tags: 'a' }, properties)).toEqual({
      opportunity: id,
      amount: 1200.5,
      qty: 3,
      active: true,
    });
  });
  it('drops values that are not of the field type', () => {
    expect(prefillValues({ amount: '12abc', qty: '1.5', active: 'yes' }, properties)).toEqual({});
  });
  it('returns only to pages of the app', () => {
    expect(safeBackPath('/o/opportunity/0b3c1f7e-2a5d-4c1e-9f00-1234567890ab')).toBe('/o/opportunity/0b3c1f7e-2a5d-4c1e-9f00-1234567890ab');
    expect(safeBackPath('https://evil.example/o/x')).toBeUndefined();
    expect(safeBackPath('//evil.example')).toBeUndefined();
    expect(safeBackPath(['/o/a', '/o/b'])).toBeUndefined();
  });
});

describe('related list links', () => {
  const rel = { object: 'quote', field: 'opportunity', label: { en: 'Quotes', zh: '报价' }, columns: [] };
  it('"New" fills in the parent and comes back to it', () => {
    const url = new URL(newChildHref(rel, 'opportunity', 'p1'), 'http://x');
    expect(url.pathname).toBe('/o/quote/new');
    expect(url.searchParams.get('opportunity')).toBe('p1');
    expect(url.searchParams.get('_back')).toBe('/o/opportunity/p1');
  });
  it('"View all" is the list filtered by the lookup', () => {
    const url = new URL(viewAllHref(rel, 'p1'), 'http://x');
    expect(JSON.parse(url.searchParams.get('filter')!)).toEqual({ all: [{ field: 'opportunity', op: 'eq', value: 'p1' }] });
  });
});
