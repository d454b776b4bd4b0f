/**
 * Type changes and parameter changes on fields that hold data: which conversions each type allows
 * (values kept), how the column converts, and what a change must check against stored values.
 */
import { describe, expect, it } from 'vitest';
import { FIELD_TYPE_NAMES, fieldType } from '../../../platform/fields/registry';
import type { FieldDef, FieldTypeName } from '../../../platform/fields/types';
import { fieldOf, REGION_OPTIONS } from './helpers';

const convertsTo = (from: FieldTypeName) => Object.keys(fieldType({ type: from }).convertsTo ?? {});
const conversion = (from: FieldTypeName, to: FieldTypeName) => fieldType({ type: from }).convertsTo?.[to];
const checks = (before: FieldDef, after: FieldDef) => fieldType(after).changeChecks?.(before, after) ?? [];

describe('type conversions that keep data', () => {
  it('each type offers exactly the changes that keep every value', () => {
    const allowed = Object.fromEntries(FIELD_TYPE_NAMES.map((t) => [t, convertsTo(t)]).filter(([, to]) => to.length));
    expect(allowed).toEqual({
      text: ['long_text'],
      email: ['text', 'long_text'],
      phone: ['text', 'long_text'],
      url: ['text', 'long_text'],
      auto_number: ['text'],
      picklist: ['text', 'long_text', 'multi_picklist'],
      integer: ['decimal', 'currency', 'percent'],
      decimal: ['currency', 'percent'],
      percent: ['decimal'],
      currency: ['decimal'],
    });
  });

  it('text becomes long text with its column untouched', () => {
    expect(conversion('text', 'long_text')?.('"c"')).toBeNull();
  });

  it('an integer becomes a decimal by casting each value', () => {
    expect(conversion('integer', 'decimal')?.('"c"')).toBe('"c"');
  });

  it('a picklist value becomes a one-value multi-select (blank stays blank)', () => {
    expect(conversion('picklist', 'multi_picklist')?.('"c"')).toBe('CASE WHEN "c" IS NULL THEN NULL ELSE ARRAY["c"] END');
  });

  it('a picklist cannot become a lookup, nor text a number, nor anything a formula', () => {
    expect(conversion('picklist', 'lookup')).toBeUndefined();
    expect(conversion('text', 'integer')).toBeUndefined();
    for (const t of FIELD_TYPE_NAMES) expect(conversion(t, 'formula'), t).toBeUndefined();
    expect(convertsTo('date')).toEqual([]);
    expect(convertsTo('lookup')).toEqual([]);
  });
});

describe('what a change checks against stored values', () => {
  it('shortening text checks for longer values; lengthening checks nothing', () => {
    expect(checks(fieldOf('text', { maxLength: 100 }), fieldOf('text', { maxLength: 20 }))).toEqual([{ check: 'maxLength', limit: 20 }]);
    expect(checks(fieldOf('text', { maxLength: 20 }), fieldOf('text', { maxLength: 100 }))).toEqual([]);
    // A picklist turned into a limited text field: longer values would be cut.
    expect(checks(fieldOf('picklist', { options: REGION_OPTIONS }), fieldOf('text', { maxLength: 3 }))).toEqual([{ check: 'maxLength', limit: 3 }]);
  });

  it('a decimal may widen but never lose precision or scale', () => {
    const dec = (precision: number, scale: number) => fieldOf('decimal', { precision, scale });
    expect(checks(dec(10, 2), dec(10, 2))).toEqual([]);
    expect(checks(dec(10, 2), dec(14, 4))).toEqual([{ check: 'retype' }]);
    expect(checks(dec(10, 2), dec(10, 1))).toEqual([{ check: 'precision' }]);
    expect(checks(dec(10, 2), dec(10, 4))).toEqual([{ check: 'precision' }]);
    expect(checks(fieldOf('currency', { scale: 2 }), fieldOf('currency', { scale: 0 }))).toEqual([{ check: 'precision' }]);
  });

  it('removing picklist values checks whether records use them', () => {
    const before = fieldOf('picklist', { options: REGION_OPTIONS });
    expect(checks(before, fieldOf('picklist', { options: REGION_OPTIONS.slice(0, 2) }))).toEqual([{ check: 'optionsRemoved', values: ['legacy'], array: false }]);
    expect(checks(fieldOf('multi_picklist', { options: REGION_OPTIONS }), fieldOf('multi_picklist', { options: REGION_OPTIONS.slice(1) }))).toEqual([
      { check: 'optionsRemoved', values: ['east'], array: true },
    ]);
    expect(checks(before, fieldOf('picklist', { options: [...REGION_OPTIONS, { value: 'west', label: { en: 'West', zh: '西部' } }] }))).toEqual([]);
  });

  it('a lookup pointed at another object checks whether records link to the old one', () => {
    expect(checks(fieldOf('lookup', { target: 'account' }), fieldOf('lookup', { target: 'contact' }))).toEqual([{ check: 'target', from: 'account' }]);
    expect(checks(fieldOf('lookup', { target: 'account' }), fieldOf('lookup', { target: 'account' }))).toEqual([]);
  });
});
