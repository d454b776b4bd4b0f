/** A field may not take the name of a column another field's type keeps next to its own (a currency's code). */
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../platform/core/errors';
import { metadataWith } from '../../integration/data/metadata';

describe('companion columns', () => {
  it('refuses a field named like a currency field\'s code, pointing at it', () => {
    let error: AppError | undefined;
    try {
      metadataWith('account', [
        { name: 'price', type: 'currency', label: { en: 'Price', zh: '价格' } },
        { name: 'price_currency', type: 'text', label: { en: 'Price currency', zh: '价格币种' } },
      ]);
    } catch (e) {
      error = e as AppError;
    }
    expect(error?.code).toBe('METADATA_INVALID');
    const detail = error!.details.find((d) => d.code === 'field.reserved');
    expect(detail?.file).toBe('objects/account.json');
    expect(detail?.pointer).toMatch(/^\/fields\/\d+\/name$/);
    expect(detail?.message).toContain('price_currency');
  });

  it('accepts the same names when no type keeps a companion column', () => {
    expect(() =>
      metadataWith('account', [
        { name: 'price', type: 'decimal', label: { en: 'Price', zh: '价格' } },
        { name: 'price_currency', type: 'text', label: { en: 'Price currency', zh: '价格币种' } },
      ]),
    ).not.toThrow();
  });
});
