/** Typed numbers in forms: Chinese units, grouping, full-width digits; what cannot be read is refused, never trimmed. */
import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../../platform/fields/amount';

describe('parseAmount reads what people type', () => {
  const cases: [string, number | null][] = [
    ['', null],
    ['   ', null],
    ['0', 0],
    ['42', 42],
    ['12万', 120000],
    ['12 万', 120000],
    ['12万元', 120000],
    ['1.5亿', 150000000],
    ['3千', 3000],
    ['1.15万', 11500],
    ['0.3万', 3000],
    ['2万亿', 2000000000000],
    ['1,234,567', 1234567],
    ['1,234,567.89', 1234567.89],
    ['1 234 567', 1234567],
    ['-1,234.5', -1234.5],
    ['−12万', -120000],
    ['-0', 0],
    ['+7', 7],
    ['.5', 0.5],
    ['12.', 12],
    ['¥1,234.50', 1234.5],
    ['￥12万', 120000],
    ['CNY 99', 99],
    ['１２万', 120000],
    ['１，２３４．５', 1234.5],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
  ];
  it.each(cases)('%j is %j', (input, value) => {
    expect(parseAmount(input)).toEqual({ ok: true, value });
  });

  it('a percent may end with %', () => {
    expect(parseAmount('29.3%', { percent: true })).toEqual({ ok: true, value: 29.3 });
    expect(parseAmount('29.3%')).toEqual({ ok: false, problem: 'notANumber' });
  });
});

describe('parseAmount refuses what it cannot read', () => {
  const cases: [string, string][] = [
    ['12abc', 'notANumber'],
    ['abc', 'notANumber'],
    ['1.2.3', 'notANumber'],
    ['12万5', 'notANumber'],
    ['万', 'notANumber'],
    ['1e5', 'notANumber'],
    ['--5', 'notANumber'],
    ['12 abc', 'notANumber'],
    ['0x10', 'notANumber'],
    ['1,23', 'grouping'],
    ['12,3456', 'grouping'],
    ['9007199254740993', 'tooLarge'],
    ['99999999亿', 'tooLarge'],
    ['1'.repeat(400), 'tooLarge'],
  ];
  it.each(cases)('%j: %s', (input, problem) => {
    expect(parseAmount(input)).toEqual({ ok: false, problem });
  });

  it('an integer field refuses a fraction but takes a unit that makes it whole', () => {
    expect(parseAmount('1.5', { integer: true })).toEqual({ ok: false, problem: 'notWhole' });
    expect(parseAmount('1.5万', { integer: true })).toEqual({ ok: true, value: 15000 });
  });
});
