/** Date and datetime: value schemas, normalisation, display in both languages, CSV import/export. */
import { afterEach, describe, expect, it } from 'vitest';
import { normaliseDate } from '../../../platform/fields/date';
import { fieldType } from '../../../platform/fields/registry';
import { accepts, fieldOf } from './helpers';

const date = fieldOf('date');
const datetime = fieldOf('datetime');

describe('date', () => {
  it('accepts real calendar dates written YYYY-MM-DD', () => {
    for (const v of ['2026-03-05', '2024-02-29', '1900-01-01', '9999-12-31']) expect(accepts(date, v), v).toBe(true);
    for (const v of ['2026-3-5', '2026/03/05', '2023-02-29', '2026-13-01', '2026-03-05T00:00:00Z', '', 20260305]) {
      expect(accepts(date, v), String(v)).toBe(false);
    }
  });

  it.each([
    ['2026-03-05', '2026-03-05'],
    ['2026/3/5', '2026-03-05'],
    ['2026.3.5', '2026-03-05'],
    ['2026-3-05', '2026-03-05'],
    [' 2026/12/31 ', '2026-12-31'],
    ['2024/2/29', '2024-02-29'],
    ['2023/2/29', null],
    ['2026/4/31', null],
    ['2026/0/1', null],
    ['26/3/5', null],
    ['5/3/2026', null],
    ['2026-03-05 10:00', null],
    ['', null],
  ])('normalises %j to %j', (text, expected) => {
    expect(normaliseDate(text)).toBe(expected);
  });

  it.each([
    ['2026/3/5', '2026-03-05'],
    ['2026-03-05', '2026-03-05'],
    ['  ', null],
  ])('imports %j as %j', (cell, value) => {
    expect(fieldType(date).parseCsv(date, cell)).toEqual({ ok: true, value });
  });

  it.each(['2026/2/30', '3月5日', 'tomorrow', '20260305'])('refuses %j, saying what is expected', (cell) => {
    expect(fieldType(date).parseCsv(date, cell)).toEqual({ ok: false, message: `"${cell}" is not a date (YYYY-MM-DD)` });
  });

  it('shows and exports the date as stored, with no time-zone shift, and imports it back', () => {
    const t = fieldType(date);
    for (const locale of ['en', 'zh-CN'] as const) expect(t.format(date, '2026-03-05', locale)).toBe('2026-03-05');
    expect(t.format(date, null, 'en')).toBe('');
    expect(t.formatCsv(date, '2026-03-05')).toBe('2026-03-05');
    expect(t.parseCsv(date, t.formatCsv(date, '2026-03-05'))).toEqual({ ok: true, value: '2026-03-05' });
    expect(t.toColumns(date, { f: '2026-03-05' })).toEqual({ f: '2026-03-05' });
    expect(t.fromColumns(date, { f: '2026-03-05' })).toEqual({ f: '2026-03-05' });
  });
});

describe('datetime', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('accepts ISO 8601 date-times with a zone', () => {
    for (const v of ['2026-03-05T06:30:00Z', '2026-03-05T14:30:00+08:00', '2026-03-05T06:30:00.123Z']) expect(accepts(datetime, v), v).toBe(true);
    for (const v of ['2026-03-05', '2026-03-05 06:30', 'yesterday', '2026-03-05T25:00:00Z', 1772692200000]) expect(accepts(datetime, v), String(v)).toBe(false);
  });

  it('writes UTC ISO and reads pg timestamps as UTC ISO with milliseconds', () => {
    const t = fieldType(datetime);
    expect(t.toColumns(datetime, { f: '2026-03-05T14:30:00+08:00' })).toEqual({ f: '2026-03-05T06:30:00.000Z' });
    expect(t.fromColumns(datetime, { f: '2026-03-05 06:30:00.123456+00' })).toEqual({ f: '2026-03-05T06:30:00.123Z' });
    expect(t.fromColumns(datetime, { f: '2026-03-05 14:30:00+08' })).toEqual({ f: '2026-03-05T06:30:00.000Z' });
    expect(t.fromColumns(datetime, { f: null })).toEqual({ f: null });
  });

  it('shows a date and time in each language', () => {
    process.env.TZ = 'UTC';
    const t = fieldType(datetime);
    expect(t.format(datetime, '2026-03-05T06:30:00.000Z', 'en')).toBe('Mar 5, 2026, 6:30 AM');
    expect(t.format(datetime, '2026-03-05T06:30:00.000Z', 'zh-CN')).toBe('2026年3月5日 06:30');
    expect(t.format(datetime, null, 'zh-CN')).toBe('');
  });

  it.each([
    ['2026-03-05 14:30', '2026-03-05T14:30:00.000Z'],
    ['2026-03-05T14:30:15', '2026-03-05T14:30:15.000Z'],
    ['2026-03-05 14:30:15.5', '2026-03-05T14:30:15.500Z'],
    ['2026-03-05T14:30:00+08:00', '2026-03-05T06:30:00.000Z'],
    ['2026-03-05T06:30:00Z', '2026-03-05T06:30:00.000Z'],
    ['', null],
  ])('imports %j as %j', (cell, value) => {
    expect(fieldType(datetime).parseCsv(datetime, cell)).toEqual({ ok: true, value });
  });

  it.each(['yesterday', '2026-13-05 10:00', '14:30'])('refuses %j, naming the cell', (cell) => {
    expect(fieldType(datetime).parseCsv(datetime, cell)).toEqual({ ok: false, message: `"${cell}" is not a date and time (YYYY-MM-DD HH:mm)` });
  });

  it.each(['1', '12', 'March 5'])('refuses %j, which is not a date and time', (cell) => {
    // Date.parse reads these as 2001-01-01, 2001-12-01...: an imported number column silently becomes dates.
    expect(fieldType(datetime).parseCsv(datetime, cell)).toEqual({ ok: false, message: `"${cell}" is not a date and time (YYYY-MM-DD HH:mm)` });
  });

  it.each(['2026/3/5 14:30', '2026-03-05', '2026/03/05 14:30:00'])('imports %j the same whatever the server time zone', (cell) => {
    const t = fieldType(datetime);
    process.env.TZ = 'UTC';
    const inUtc = t.parseCsv(datetime, cell);
    process.env.TZ = 'Asia/Shanghai';
    const inShanghai = t.parseCsv(datetime, cell);
    expect(inShanghai).toEqual(inUtc);
  });

  it('round-trips through CSV', () => {
    const t = fieldType(datetime);
    const v = '2026-03-05T06:30:00.123Z';
    expect(t.parseCsv(datetime, t.formatCsv(datetime, v))).toEqual({ ok: true, value: v });
    expect(t.formatCsv(datetime, null)).toBe('');
  });
});
