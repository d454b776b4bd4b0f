/**
 * A remembered report result is keyed by the data version of every object it reads: its own, the
 * parents its paths join, the children its related conditions look at, and what its formula fields
 * read through lookups. A write to any of them must retire the result.
 */
import { describe, expect, it } from 'vitest';
import { objectsRead } from '../../../platform/reports/cache';
import { checkReport } from '../../../platform/reports/check';
import type { ReportDefinition } from '../../../platform/reports/types';
import { metadataWith } from '../../integration/data/metadata';

const meta = metadataWith('opportunity', [
  { name: 'account_revenue', type: 'formula', label: { en: 'Account revenue', zh: '客户营收' }, returnType: 'number', formula: 'account.annual_revenue' },
  { name: 'twice_revenue', type: 'formula', label: { en: 'Twice', zh: '两倍' }, returnType: 'number', formula: 'account_revenue * 2' },
]);

function read(def: Partial<ReportDefinition>): string[] {
  const { plan, errors } = checkReport({ object: 'opportunity', format: 'summary', ...def } as ReportDefinition, {
    objects: meta.objects,
    mayRead: () => true,
    bucket: () => undefined,
    locale: 'en',
  });
  expect(errors).toEqual([]);
  return objectsRead(plan!, undefined, meta.objects).sort();
}

describe('the objects a report reads', () => {
  it('is its own object alone for its own stored fields', () => {
    expect(read({ groupings: [{ field: 'stage' }], aggregates: [{ fn: 'sum', field: 'amount' }] })).toEqual(['opportunity']);
  });

  it('adds a parent joined by a filter path, and a child a related condition looks at', () => {
    expect(read({ groupings: [{ field: 'stage' }], filter: { field: 'account.level', op: 'eq', value: 'a' } })).toEqual(['account', 'opportunity']);
    const accounts = checkReport(
      { object: 'account', format: 'summary', groupings: [{ field: 'level' }], filter: { with: { object: 'opportunity', field: 'account' } } } as unknown as ReportDefinition,
      { objects: meta.objects, mayRead: () => true, bucket: () => undefined, locale: 'en' },
    );
    expect(accounts.errors).toEqual([]);
    expect(objectsRead(accounts.plan!, undefined, meta.objects).sort()).toEqual(['account', 'opportunity']);
  });

  it('adds what a formula reads through a lookup, through another formula too', () => {
    expect(read({ groupings: [{ field: 'stage' }], aggregates: [{ fn: 'sum', field: 'account_revenue' }] })).toEqual(['account', 'opportunity']);
    expect(read({ groupings: [{ field: 'stage' }], aggregates: [{ fn: 'sum', field: 'twice_revenue' }] })).toEqual(['account', 'opportunity']);
  });
});
