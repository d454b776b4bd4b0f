/** What metadata may do with each type: name a record, be summarised by a roll-up, feed a sales process's amounts. */
import { describe, expect, it } from 'vitest';
import { FIELD_TYPE_NAMES, fieldType, isStoredNumber } from '../../../platform/fields/registry';
import { fieldOf } from './helpers';

const where = (ok: (t: (typeof FIELD_TYPE_NAMES)[number]) => boolean) => FIELD_TYPE_NAMES.filter(ok);

describe('what a type allows in metadata', () => {
  it('a record is known by short text: text, email, phone or an auto number', () => {
    expect(where((t) => fieldType({ type: t }).canName === true)).toEqual(['text', 'email', 'phone', 'auto_number']);
  });

  it('roll-ups sum stored numbers and take the earliest or latest of dates; computed values are never summarised', () => {
    const by = Object.fromEntries(where((t) => !!fieldType({ type: t }).summarisedBy).map((t) => [t, fieldType({ type: t }).summarisedBy]));
    expect(by).toEqual({
      integer: ['sum', 'min', 'max'],
      decimal: ['sum', 'min', 'max'],
      currency: ['sum', 'min', 'max'],
      percent: ['sum', 'min', 'max'],
      date: ['min', 'max'],
      datetime: ['min', 'max'],
    });
  });

  it('formulas read text-like values as text, money and percentages as numbers, and cannot read multi-select picklists', () => {
    const types = Object.fromEntries(FIELD_TYPE_NAMES.map((t) => [t, fieldType(fieldOf(t, { returnType: 'currency' })).formulaType]));
    expect(types).toEqual({
      text: 'text',
      long_text: 'text',
      email: 'text',
      phone: 'text',
      url: 'text',
      integer: 'number',
      decimal: 'number',
      currency: 'number',
      percent: 'number',
      date: 'date',
      datetime: 'datetime',
      boolean: 'boolean',
      picklist: 'text',
      multi_picklist: undefined,
      lookup: 'text',
      auto_number: 'text',
      formula: 'number',
      rollup: 'number',
    });
    expect(fieldType(fieldOf('formula', { returnType: 'date' })).formulaType).toBe('date');
  });

  it('stored numbers are the four number types, not formulas or roll-ups of numbers', () => {
    expect(where((t) => isStoredNumber(fieldOf(t, { returnType: 'number' })))).toEqual(['integer', 'decimal', 'currency', 'percent']);
  });
});
