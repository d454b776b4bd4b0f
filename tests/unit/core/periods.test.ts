/**
 * Relative periods as date ranges [from, to): the bounds lists, reports and date buckets share.
 * Fixed "today"s around the edges a user would notice: a quarter's last day, a Sunday (weeks start
 * Monday), a leap February, a fiscal year starting in April.
 */
import { describe, expect, it } from 'vitest';
import { dayStartInstant, fiscalPeriodStart, fiscalYearOf, isRelativePeriod, periodBounds } from '../../../platform/core/periods';

const on = (today: string) => ({ today });

describe('periodBounds', () => {
  it.each([
    ['today', '2026-04-01', '2026-04-01', '2026-04-02'],
    ['yesterday', '2026-04-01', '2026-03-31', '2026-04-01'],
    ['tomorrow', '2026-12-31', '2027-01-01', '2027-01-02'],
    ['this_week', '2026-12-06', '2026-11-30', '2026-12-07'], // a Sunday belongs to the week begun on Monday
    ['this_week', '2026-12-07', '2026-12-07', '2026-12-14'], // a Monday starts its week
    ['last_week', '2026-12-07', '2026-11-30', '2026-12-07'],
    ['next_week', '2026-12-31', '2027-01-04', '2027-01-11'],
    ['this_month', '2028-02-29', '2028-02-01', '2028-03-01'],
    ['last_month', '2026-01-15', '2025-12-01', '2026-01-01'],
    ['next_month', '2026-12-15', '2027-01-01', '2027-02-01'],
    ['this_quarter', '2026-03-31', '2026-01-01', '2026-04-01'],
    ['this_quarter', '2026-04-01', '2026-04-01', '2026-07-01'],
    ['last_quarter', '2026-01-10', '2025-10-01', '2026-01-01'],
    ['next_quarter', '2026-11-30', '2027-01-01', '2027-04-01'],
    ['this_year', '2026-06-30', '2026-01-01', '2027-01-01'],
    ['last_year', '2026-06-30', '2025-01-01', '2026-01-01'],
    ['next_year', '2026-06-30', '2027-01-01', '2028-01-01'],
    ['last_30_days', '2026-03-31', '2026-03-02', '2026-04-01'], // 30 days ending today, today included
    ['next_30_days', '2026-03-31', '2026-03-31', '2026-04-30'], // today and the 29 days after
    ['last_1_days', '2026-03-31', '2026-03-31', '2026-04-01'],
  ])('%s on %s is [%s, %s)', (period, today, from, to) => {
    expect(periodBounds(period, on(today))).toEqual({ from, to });
  });

  it('fiscal periods follow the start month; with January they are the calendar ones', () => {
    expect(periodBounds('this_fiscal_year', on('2026-03-31'), 4)).toEqual({ from: '2025-04-01', to: '2026-04-01' });
    expect(periodBounds('this_fiscal_year', on('2026-04-01'), 4)).toEqual({ from: '2026-04-01', to: '2027-04-01' });
    expect(periodBounds('last_fiscal_year', on('2026-04-01'), 4)).toEqual({ from: '2025-04-01', to: '2026-04-01' });
    expect(periodBounds('next_fiscal_year', on('2026-12-07'), 4)).toEqual({ from: '2027-04-01', to: '2028-04-01' });
    expect(periodBounds('this_fiscal_quarter', on('2026-12-07'), 4)).toEqual({ from: '2026-10-01', to: '2027-01-01' });
    expect(periodBounds('this_fiscal_quarter', on('2026-03-31'), 2)).toEqual({ from: '2026-02-01', to: '2026-05-01' });
    expect(periodBounds('last_fiscal_quarter', on('2026-01-15'), 2)).toEqual({ from: '2025-08-01', to: '2025-11-01' });
    expect(periodBounds('next_fiscal_quarter', on('2026-01-15'), 2)).toEqual({ from: '2026-02-01', to: '2026-05-01' });
    expect(periodBounds('this_fiscal_year', on('2026-12-07'), 1)).toEqual(periodBounds('this_year', on('2026-12-07')));
    expect(periodBounds('this_fiscal_quarter', on('2026-12-07'), 1)).toEqual(periodBounds('this_quarter', on('2026-12-07')));
  });

  it('a fiscal year is named by the calendar year it ends in', () => {
    expect(fiscalYearOf('2026-04-01', 4)).toBe(2027);
    expect(fiscalYearOf('2026-03-31', 4)).toBe(2026);
    expect(fiscalYearOf('2026-12-31', 1)).toBe(2026);
    expect(fiscalPeriodStart('2026-03-31', 4, 'year')).toBe('2025-04-01');
    expect(fiscalPeriodStart('2026-03-31', 4, 'quarter')).toBe('2026-01-01');
    expect(fiscalPeriodStart('2026-12-07', 11, 'quarter')).toBe('2026-11-01');
  });

  it('accepts the listed periods and N from 1 to 3650 only', () => {
    for (const ok of ['today', 'this_fiscal_year', 'last_1_days', 'next_3650_days']) expect(isRelativePeriod(ok)).toBe(true);
    for (const bad of ['this_decade', 'last_0_days', 'next_3651_days', 'last_07_days', 'last_-1_days', 30, null]) expect(isRelativePeriod(bad)).toBe(false);
  });
});

describe('dayStartInstant', () => {
  it('is midnight in the zone as an instant', () => {
    expect(new Date(dayStartInstant('2026-04-01', 'Asia/Shanghai')).toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(new Date(dayStartInstant('2026-04-01', 'UTC')).toISOString()).toBe('2026-04-01T00:00:00.000Z');
    // New York: EDT from 8 March 2026 (UTC-4), EST before (UTC-5).
    expect(new Date(dayStartInstant('2026-03-08', 'America/New_York')).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(new Date(dayStartInstant('2026-03-09', 'America/New_York')).toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });
});
