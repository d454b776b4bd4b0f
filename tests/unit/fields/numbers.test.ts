/** Number types: integer, decimal, currency, percent: value schemas, display, CSV import/export. */
import { describe, expect, it } from 'vitest';
import { fieldType } from '../../../platform/fields/registry';
import type { FieldDef } from '../../../platform/fields/types';
import { accepts, fieldOf } from './helpers';

const integer = fieldOf('integer', { min: 0 });
const decimal = fieldOf('decimal', { precision: 10, scale: 4 });
const currency = fieldOf('currency', { min: 0 });
const usd = fieldOf('currency', { currency: 'USD' });
const percent = fieldOf('percent', { min: 0, max: 100 });

describe('number value schemas', () => {
  const cases: [string, FieldDef, unknown[], unknown[]][] = [
    ['integer (min 0)', integer, [0, 1, 42, Number.MAX_SAFE_INTEGER], [-1, 1.5, '3', null, Number.MAX_SAFE_INTEGER + 2]],
    ['integer (no bounds)', fieldOf('integer'), [-Number.MAX_SAFE_INTEGER, 0], [Number.MIN_SAFE_INTEGER - 2]],
    ['decimal numeric(10,4)', decimal, [0, -999999.9999, 999999.9999, 3.14159], [1e6, -1e6, '3.14', true]],
    ['decimal default numeric(18,2)', fieldOf('decimal'), [9999999999999998, -1.5], [1e16, -1e16]],
    ['currency (min 0)', currency, [0, 0.01, 1234.5, 9999999999999998], [-0.01, 1e16, 'abc', '1234']],
    ['percent (0..100)', percent, [0, 40, 12.5, 100], [-1, 100.01, '40%']],
  ];
  it.each(cases)('%s', (_, field, valid, invalid) => {
    for (const v of valid) expect(accepts(field, v), `accepts ${v}`).toBe(true);
    for (const v of invalid) expect(accepts(field, v), `rejects ${JSON.stringify(v)}`).toBe(false);
  });

  it('a currency code must be three capital letters', () => {
    for (const code of ['CNY', 'USD', 'EUR']) expect(accepts(currency, code, 'f_currency'), code).toBe(true);
    for (const code of ['cny', 'US', 'EURO', '', 1]) expect(accepts(currency, code, 'f_currency'), String(code)).toBe(false);
  });
});

describe('number columns', () => {
  it('numbers come back from pg as strings and leave the record as JSON numbers', () => {
    expect(fieldType(integer).fromColumns(integer, { f: '9007199254740991' })).toEqual({ f: 9007199254740991 });
    expect(fieldType(decimal).fromColumns(decimal, { f: '-12.3400' })).toEqual({ f: -12.34 });
    expect(fieldType(percent).fromColumns(percent, { f: '40.00' })).toEqual({ f: 40 });
    expect(fieldType(currency).fromColumns(currency, { f: '1234.50', f_currency: 'USD' })).toEqual({ f: 1234.5, f_currency: 'USD' });
  });

  it('a currency field writes its amount and code columns, defaulting a cleared code to the field currency', () => {
    const t = fieldType(usd);
    expect(t.toColumns(usd, { f: 10, f_currency: 'EUR' })).toEqual({ f: 10, f_currency: 'EUR' });
    expect(t.toColumns(usd, { f: null })).toEqual({ f: null });
    expect(t.toColumns(usd, { f_currency: null })).toEqual({ f_currency: 'USD' });
    expect(t.fromColumns(usd, { f: null, f_currency: null })).toEqual({ f: null, f_currency: 'USD' });
    expect(fieldType(currency).fromColumns(currency, { f: null })).toEqual({ f: null, f_currency: 'CNY' });
  });
});

describe('number display', () => {
  const cases: [string, FieldDef, unknown, string, string][] = [
    ['integer', integer, 1234567, '1,234,567', '1,234,567'],
    ['integer zero', integer, 0, '0', '0'],
    ['integer from pg text', integer, '42', '42', '42'],
    ['decimal keeps its scale', decimal, 1234.5, '1,234.5000', '1,234.5000'],
    ['decimal negative', fieldOf('decimal'), -0.5, '-0.50', '-0.50'],
    ['currency CNY', currency, 1234.5, 'CN¥1,234.50', '¥1,234.50'],
    ['currency of the record', currency, { amount: 1234.5, currency: 'USD' }, '$1,234.50', 'US$1,234.50'],
    ['currency field default USD', usd, 99, '$99.00', 'US$99.00'],
    ['currency zero', currency, 0, 'CN¥0.00', '¥0.00'],
    ['a whole percent', percent, 40, '40%', '40%'],
    ['a percent that rounds to whole', percent, 39.999, '40%', '40%'],
    ['percent with decimals at its scale', percent, 12.5, '12.50%', '12.50%'],
    ['percent rounded to its scale', percent, 29.297454, '29.30%', '29.30%'],
    ['percent of scale 1', fieldOf('percent', { scale: 1 }), 12.25, '12.3%', '12.3%'],
    ['integer without grouping (a year, a code)', fieldOf('integer', { grouping: false }), 2026, '2026', '2026'],
    ['integer without grouping, large', fieldOf('integer', { grouping: false }), 1234567, '1234567', '1234567'],
    ['integer with grouping said', fieldOf('integer', { grouping: true }), 1234567, '1,234,567', '1,234,567'],
    ['roll-up count is a whole number', fieldOf('rollup', { summary: { object: 'contact', via: 'account', fn: 'count' } }), 3, '3', '3'],
    ['roll-up count of zero', fieldOf('rollup', { summary: { object: 'contact', via: 'account', fn: 'count' } }), 0, '0', '0'],
    ['roll-up sum keeps decimals', fieldOf('rollup', { summary: { object: 'opportunity', via: 'account', fn: 'sum', field: 'qty' } }), 3, '3.00', '3.00'],
    [
      'currency roll-up in its code',
      fieldOf('rollup', { returnType: 'currency', summary: { object: 'opportunity', via: 'account', fn: 'sum', field: 'amount' } }),
      1234567,
      'CN¥1,234,567.00',
      '¥1,234,567.00',
    ],
    ['percent formula at its scale', fieldOf('formula', { returnType: 'percent', formula: 'x', scale: 2 }), 29.297454, '29.30%', '29.30%'],
  ];
  it.each(cases)('%s', (_, field, value, en, zh) => {
    const t = fieldType(field);
    expect(t.format(field, value, 'en')).toBe(en);
    expect(t.format(field, value, 'zh-CN')).toBe(zh);
  });

  it.each([integer, decimal, currency, percent])('$type shows nothing for an empty value', (field) => {
    const t = fieldType(field);
    for (const v of [null, undefined]) for (const locale of ['en', 'zh-CN'] as const) expect(t.format(field, v, locale)).toBe('');
    if (field.type === 'currency') expect(t.format(field, { amount: null, currency: 'USD' }, 'en')).toBe('');
  });
});

describe('number CSV import', () => {
  const ok: [string, FieldDef, string, number | null][] = [
    ['integer', integer, '42', 42],
    ['integer with thousands', integer, '1,234', 1234],
    ['integer with spaces', integer, ' 1 234 ', 1234],
    ['integer negative', integer, '-7', -7],
    ['integer in exponent form', integer, '1e3', 1000],
    ['integer blank', integer, '   ', null],
    ['decimal', decimal, '1,234.50', 1234.5],
    ['decimal with full-width comma', decimal, '1，234.5', 1234.5],
    ['decimal leading point', decimal, '.5', 0.5],
    ['decimal plus sign', decimal, '+3.25', 3.25],
    ['currency with yen sign', currency, '¥1,234.50', 1234.5],
    ['currency with full-width yen sign', currency, '￥88', 88],
    ['currency with CNY prefix', currency, 'CNY 1,000', 1000],
    ['currency with RMB prefix', currency, 'rmb500', 500],
    ['percent with sign', percent, '40%', 40],
    ['percent with a space before the sign', percent, '12.5 %', 12.5],
    ['percent without sign', percent, '40', 40],
    ['percent blank', percent, '', null],
  ];
  it.each(ok)('%s: %s', (_, field, cell, value) => {
    expect(fieldType(field).parseCsv(field, cell)).toEqual({ ok: true, value });
  });

  const bad: [string, FieldDef, string, string][] = [
    ['integer with decimals', integer, '1.5', '"1.5" is not a whole number'],
    ['integer word', integer, 'ten', '"ten" is not a number'],
    ['decimal two points', decimal, '1.2.3', '"1.2.3" is not a number'],
    ['decimal lone point', decimal, '.', '"." is not a number'],
    ['decimal with a percent sign', decimal, '40%', '"40%" is not a number'],
    ['currency with text', currency, '¥12abc', '"¥12abc" is not a number'],
    ['percent twice', percent, '40%%', '"40%%" is not a number'],
    ['infinity', decimal, 'Infinity', '"Infinity" is not a number'],
  ];
  it.each(bad)('%s: %s', (_, field, cell, message) => {
    expect(fieldType(field).parseCsv(field, cell)).toEqual({ ok: false, message });
  });

  it('a cell in another currency is not imported as an amount in the field currency', () => {
    // "USD 1,000" into a CNY field must either be refused or keep its code; silently storing
    // CNY 1,000 changes the deal's value.
    for (const cell of ['USD 1,000', '$1,000', '€1,000', 'EUR 1000']) {
      const r = fieldType(currency).parseCsv(currency, cell);
      const keptCode = typeof r.value === 'object' && r.value !== null && (r.value as { currency?: string }).currency !== 'CNY';
      expect(r.ok === false || keptCode, `${cell} -> ${JSON.stringify(r)}`).toBe(true);
    }
  });
});

describe('number CSV round trip', () => {
  const cases: [FieldDef, unknown][] = [
    [integer, 0],
    [integer, 1234567],
    [integer, -42],
    [decimal, 3.1416],
    [decimal, -0.0001],
    [decimal, 999999.9999],
    [currency, 1234.5],
    [currency, 0.01],
    [percent, 40],
    [percent, 12.5],
    [percent, 0],
  ];
  it.each(cases)('$type %s', (field, value) => {
    const t = fieldType(field);
    const cell = t.formatCsv(field, value);
    expect(cell).not.toMatch(/[,%¥]/);
    expect(t.parseCsv(field, cell)).toEqual({ ok: true, value });
  });

  it.each([integer, decimal, currency, percent])('$type exports an empty value as an empty cell that imports as null', (field) => {
    const t = fieldType(field);
    expect(t.formatCsv(field, null)).toBe('');
    expect(t.parseCsv(field, '')).toEqual({ ok: true, value: null });
  });
});
