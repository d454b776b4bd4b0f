/**
 * Date-times at the edges of what both Postgres and JavaScript hold: real calendar days, no leap
 * second, offsets within ±14:00, instants in years 1-9999 (UTC). The filter parser and cursors use
 * normaliseDateTime; writes are checked by the record schema's pattern. Both must agree.
 */
import { describe, expect, it } from 'vitest';
import { normaliseDate } from '../../../platform/fields/date';
import { normaliseDateTime } from '../../../platform/fields/datetime';
import { accepts, fieldOf } from './helpers';

const datetime = fieldOf('datetime');

const REFUSED = [
  '2026-12-31T23:59:60Z', // leap second
  '2026-02-30T10:00:00Z', // no such day
  '2026-04-31T10:00:00Z',
  '0000-01-01T00:00:00Z', // Postgres has no year 0
  '0001-01-01T00:00:00+14:00', // year 0 in UTC
  '9999-12-31T23:59:59-14:00', // year 10000 in UTC
  '2026-01-01T00:00:00+15:00', // no zone is that far east
  '2026-01-01T00:00:00-14:01',
  '2026-01-01T00:00:00+08:60',
  '2026-01-01T24:00:00Z',
];

const ACCEPTED: [string, string][] = [
  ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
  ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ['2026-01-01T10:00:00+14:00', '2025-12-31T20:00:00.000Z'],
  ['2026-01-01T10:00:00-12:00', '2026-01-01T22:00:00.000Z'],
  ['2024-02-29T12:00:00+0800', '2024-02-29T04:00:00.000Z'],
  ['2026-03-05 14:30:00.123456+08:00', '2026-03-05T06:30:00.123Z'],
  ['0050-06-15T00:00:00Z', '0050-06-15T00:00:00.000Z'],
];

describe('normaliseDateTime', () => {
  it.each(REFUSED)('refuses %s', (v) => {
    expect(normaliseDateTime(v)).toBeNull();
  });

  it.each(ACCEPTED)('reads %s as %s', (v, iso) => {
    expect(normaliseDateTime(v)).toBe(iso);
  });

  it('reads what Postgres writes for a timestamptz (zone as +00)', () => {
    expect(normaliseDateTime('2026-03-05 14:30:00.123+00')).toBe('2026-03-05T14:30:00.123Z');
    expect(normaliseDateTime('0001-01-01 00:00:00+00')).toBe('0001-01-01T00:00:00.000Z');
  });

  it('keeps the forms people write (no zone is UTC)', () => {
    expect(normaliseDateTime('2026/3/5 14:30')).toBe('2026-03-05T14:30:00.000Z');
    expect(normaliseDateTime('2026-03-05')).toBe('2026-03-05T00:00:00.000Z');
  });
});

describe('the record schema for a date and time', () => {
  it.each(REFUSED)('refuses %s', (v) => {
    expect(accepts(datetime, v)).toBe(false);
  });

  it.each(ACCEPTED.filter(([v]) => /\d[T ]\d{2}:\d{2}:\d{2}/.test(v)))('accepts %s', (v) => {
    expect(accepts(datetime, v)).toBe(true);
  });

  // Stricter than needed on purpose at the two edge days: any offset east on 0001-01-01 or west on
  // 9999-12-31 is refused by the pattern (a regex cannot compare the time with the offset).
  it('refuses an offset pointing out of the range on its first and last day, even where the instant would fit', () => {
    expect(normaliseDateTime('0001-01-01T10:00:00+00:30')).toBe('0001-01-01T09:30:00.000Z');
    expect(accepts(datetime, '0001-01-01T10:00:00+00:30')).toBe(false);
    expect(accepts(datetime, '9999-12-31T00:00:00-01:00')).toBe(false);
    expect(accepts(datetime, '0001-01-01T10:00:00-05:00')).toBe(true);
  });

  it('accepts nothing that normaliseDateTime refuses (so a write never reaches the database with it)', () => {
    const samples = [
      '2026-12-31T23:59:59Z',
      '2026-12-31T23:59:59.5+14:00',
      '0001-01-01T00:00:00-05:00',
      '9999-12-31T10:00:00+05:00',
      '2026-06-30T23:59:60Z',
      '0001-01-01T00:00:00+00:00',
    ];
    for (const v of [...samples, ...REFUSED, ...ACCEPTED.map(([x]) => x)]) {
      if (accepts(datetime, v)) expect(normaliseDateTime(v), v).not.toBeNull();
    }
  });
});

describe('normaliseDate', () => {
  it.each(['2026-02-30', '0000-01-01', '2026-13-01', '2026-00-10', '2023-02-29'])('refuses %s', (v) => {
    expect(normaliseDate(v)).toBeNull();
  });
});
