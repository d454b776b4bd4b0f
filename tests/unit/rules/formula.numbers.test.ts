/**
 * The formula language's building blocks that mirror PostgreSQL: numeric arithmetic (the digits a
 * quotient keeps, rounding half away from zero, display scale), calendar arithmetic and per-character
 * case mapping. Expected values are what PostgreSQL 18 prints for the same expressions.
 */
import { describe, expect, it } from 'vitest';
import * as D from '../../../platform/rules/formula/decimal';
import { addMonths, civilFromDays, dayInZone, daysFromCivil, formatDay, makeDate, parseDay } from '../../../platform/rules/formula/dates';
import { compareText, lowerText, textLength, upperText } from '../../../platform/rules/formula/text';

const dec = (s: string) => D.parseDec(s)!;

describe('numeric, as Postgres computes it', () => {
  it.each([
    ['1', '3', '0.33333333333333333333'],
    ['10', '3', '3.3333333333333333'],
    ['2', '3', '0.66666666666666666667'],
    ['100', '7', '14.2857142857142857'],
    ['100000000000000000000', '3', '33333333333333333333'],
    ['0.001', '3', '0.00033333333333333333'],
    ['12345.67', '0.01', '1234567.000000000000'],
    ['9999999999999998', '0.01', '999999999999999800.00'],
    ['0', '3', '0.00000000000000000000'],
    ['-1', '3', '-0.33333333333333333333'],
    ['-2', '3', '-0.66666666666666666667'],
  ])('%s / %s = %s', (a, b, q) => {
    expect(D.toText(D.div(dec(a), dec(b))!)).toBe(q);
  });

  it('gives blank for division by zero', () => {
    expect(D.div(dec('1'), dec('0.00'))).toBeNull();
  });

  it('adds, subtracts and multiplies exactly, keeping the display scale', () => {
    expect(D.toText(D.mul(dec('1.5'), dec('2.25')))).toBe('3.375');
    expect(D.toText(D.add(dec('0.1'), dec('0.20')))).toBe('0.30');
    expect(D.toText(D.sub(dec('1'), dec('1.000')))).toBe('0.000');
    expect(D.toText(D.neg(dec('0.00')))).toBe('0.00');
    expect(D.cmp(dec('1.0'), dec('1.000'))).toBe(0);
    expect(D.cmp(dec('-2'), dec('1'))).toBe(-1);
  });

  it.each([
    ['2.5', 0, '3'],
    ['-2.5', 0, '-3'],
    ['1.2345', 3, '1.235'],
    ['1234.5', -2, '1200'],
    ['1.5', 3, '1.500'],
    ['-1250', -2, '-1300'],
    ['1.005', 2, '1.01'],
    ['0.5', -1, '0'],
    ['99.5', 0, '100'],
  ])('round(%s, %i) = %s (half away from zero)', (a, k, r) => {
    expect(D.toText(D.round(dec(a), k))).toBe(r);
  });

  it('reads the text forms Postgres numeric input accepts', () => {
    expect(['1.', '.5', ' +.5 ', '-0', '007', '12.50'].map((s) => D.toText(dec(s)))).toEqual(['1', '0.5', '0.5', '0', '7', '12.50']);
    expect(['', '.', '+', '1e5', '1,0', '١٢', 'NaN', '- 1'].map((s) => D.parseDec(s))).toEqual([null, null, null, null, null, null, null, null]);
    expect(new RegExp(D.VALUE_PATTERN).test(' -.5 ')).toBe(true);
  });

  it('reads JavaScript numbers by their shortest text', () => {
    expect(D.toText(D.fromNumber(0.1)!)).toBe('0.1');
    expect(D.toText(D.fromNumber(1e21)!)).toBe('1000000000000000000000');
    expect(D.toText(D.fromNumber(1.5e-7)!)).toBe('0.00000015');
    expect(D.fromNumber(NaN)).toBeNull();
  });

  it('prints without trailing zeros for TEXT (trim_scale)', () => {
    expect(['100.00', '0.000', '-0.50', '1234.5678'].map((s) => D.toText(D.trimScale(dec(s))))).toEqual(['100', '0', '-0.5', '1234.5678']);
  });
});

describe('calendar arithmetic', () => {
  it('converts between day numbers and dates (proleptic Gregorian)', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(formatDay(daysFromCivil(2024, 2, 29))).toBe('2024-02-29');
    expect(formatDay(daysFromCivil(1, 1, 1))).toBe('0001-01-01');
    expect(civilFromDays(daysFromCivil(9999, 12, 31))).toEqual({ y: 9999, m: 12, d: 31 });
    for (let day = -800_000; day < 3_000_000; day += 997) expect(daysFromCivil(...(Object.values(civilFromDays(day)) as [number, number, number]))).toBe(day);
  });

  it('makes only real dates in the years 1-9999', () => {
    expect(makeDate(2023, 2, 29)).toBeNull();
    expect(makeDate(1900, 2, 29)).toBeNull();
    expect(makeDate(2000, 2, 29)).not.toBeNull();
    expect(makeDate(0, 1, 1)).toBeNull();
    expect(parseDay('2026-03-05T10:00:00Z')).toBe(daysFromCivil(2026, 3, 5));
    expect(parseDay('2026-02-30')).toBeNull();
  });

  it('adds months clamping to the end of the month, as date + interval does', () => {
    const add = (s: string, n: number) => {
      const r = addMonths(parseDay(s)!, n);
      return r === null ? null : formatDay(r);
    };
    expect(add('2026-01-31', 1)).toBe('2026-02-28');
    expect(add('2024-01-31', 1)).toBe('2024-02-29');
    expect(add('2026-03-31', -1)).toBe('2026-02-28');
    expect(add('2026-05-15', -17)).toBe('2024-12-15');
    expect(add('9999-12-01', 1)).toBeNull();
    expect(add('0001-01-31', -1)).toBeNull();
  });

  it('finds the day of an instant in a time zone', () => {
    const ms = Date.parse('2026-03-04T16:30:00Z');
    expect(formatDay(dayInZone(ms, 'Asia/Shanghai'))).toBe('2026-03-05');
    expect(formatDay(dayInZone(ms, 'UTC'))).toBe('2026-03-04');
    expect(formatDay(dayInZone(Date.parse('2026-03-05T03:00:00Z'), 'America/New_York'))).toBe('2026-03-04');
  });
});

describe('text', () => {
  it('orders by code point', () => {
    expect(compareText('😀', 'ｚ')).toBeGreaterThan(0);
    expect('😀' < 'ｚ').toBe(true); // what UTF-16 order would say
    expect(compareText('B', 'a')).toBeLessThan(0);
    expect(compareText('ab', 'abc')).toBeLessThan(0);
    expect(compareText('abc', 'abc')).toBe(0);
  });

  it('maps case one character at a time (simple case mapping)', () => {
    expect(lowerText('İSTANBUL ΟΔΟΣ ǅ')).toBe('istanbul οδοσ ǆ');
    expect(upperText('straße ᾳ ǅ ﬁ')).toBe('STRAßE ᾼ Ǆ ﬁ');
    expect(textLength('𝒜b华')).toBe(3);
  });
});
