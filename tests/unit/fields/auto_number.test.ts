/** Auto numbers: pattern tokens, counter width, the period a counter restarts in (China time). */
import { describe, expect, it } from 'vitest';
import { autoNumberPeriod, formatAutoNumber } from '../../../platform/fields/auto_number';
import { fieldType } from '../../../platform/fields/registry';
import { accepts, fieldOf } from './helpers';

const HT = 'HT-{YYYY}-{0000}';
const at = (iso: string) => new Date(iso);

describe('formatAutoNumber', () => {
  it.each([
    [HT, '2026-03-05T06:30:00Z', 1, 'HT-2026-0001'],
    [HT, '2026-03-05T06:30:00Z', 2, 'HT-2026-0002'],
    [HT, '2026-03-05T06:30:00Z', 9999, 'HT-2026-9999'],
    [HT, '2026-03-05T06:30:00Z', 12345, 'HT-2026-12345'],
    ['{YY}{MM}{DD}-{000}', '2026-03-05T06:30:00Z', 7, '260305-007'],
    ['C{0}', '2026-03-05T06:30:00Z', 42, 'C42'],
    ['No.{00000}', '2026-03-05T06:30:00Z', 3, 'No.00003'],
    ['{0000}/{YYYY}', '2026-03-05T06:30:00Z', 5, '0005/2026'],
    ['合同{YYYY}年{MM}月第{000}号', '2026-11-20T01:00:00Z', 8, '合同2026年11月第008号'],
  ])('%s at %s, counter %i -> %s', (pattern, now, counter, expected) => {
    expect(formatAutoNumber(pattern, at(now), counter)).toBe(expected);
  });

  it.each([
    // Business dates are China Standard Time (UTC+8): 16:00 UTC on New Year's Eve is already next year.
    ['2025-12-31T15:59:59Z', 'HT-2025-0001', '251231'],
    ['2025-12-31T16:00:00Z', 'HT-2026-0001', '260101'],
    ['2026-02-28T16:00:00Z', 'HT-2026-0001', '260301'],
    ['2024-02-28T16:00:00Z', 'HT-2024-0001', '240229'],
  ])('dates follow China time: %s', (now, yearly, daily) => {
    expect(formatAutoNumber(HT, at(now), 1)).toBe(yearly);
    expect(formatAutoNumber('{YY}{MM}{DD}{0}', at(now), 1)).toBe(`${daily}1`);
  });
});

describe('autoNumberPeriod', () => {
  it('is the pattern with its date filled in and the counter masked', () => {
    expect(autoNumberPeriod(HT, at('2026-03-05T06:30:00Z'))).toBe('HT-2026-#');
    expect(autoNumberPeriod('C-{00000}', at('2026-03-05T06:30:00Z'))).toBe('C-#');
    expect(autoNumberPeriod('{YY}{MM}{DD}-{000}', at('2026-03-05T06:30:00Z'))).toBe('260305-#');
  });

  it.each([
    [HT, '2026-01-01T00:00:00Z', '2026-12-31T15:00:00Z', true],
    [HT, '2026-12-31T15:00:00Z', '2026-12-31T17:00:00Z', false],
    ['{YYYY}{MM}-{000}', '2026-03-01T00:00:00Z', '2026-03-31T10:00:00Z', true],
    ['{YYYY}{MM}-{000}', '2026-03-31T10:00:00Z', '2026-03-31T17:00:00Z', false],
    ['C-{00000}', '2020-01-01T00:00:00Z', '2030-06-01T00:00:00Z', true],
  ])('%s: %s and %s share a counter: %s', (pattern, a, b, same) => {
    expect(autoNumberPeriod(pattern, at(a)) === autoNumberPeriod(pattern, at(b))).toBe(same);
  });
});

describe('auto_number field', () => {
  const field = fieldOf('auto_number', { pattern: HT });

  it('is text the system assigns: read-only in forms, searchable with text operators', () => {
    const t = fieldType(field);
    expect(t.columns(field)).toEqual([{ name: 'f', sqlType: 'text' }]);
    expect(t.widget(field)).toEqual({ 'ui:readonly': true });
    expect(accepts(field, 'HT-2026-0001')).toBe(true);
    expect(t.operators).toContain('starts_with');
  });

  it('shows and exports the number as assigned', () => {
    const t = fieldType(field);
    for (const locale of ['en', 'zh-CN'] as const) expect(t.format(field, 'HT-2026-0001', locale)).toBe('HT-2026-0001');
    expect(t.formatCsv(field, 'HT-2026-0001')).toBe('HT-2026-0001');
    expect(t.parseCsv(field, ' HT-2026-0001 ')).toEqual({ ok: true, value: 'HT-2026-0001' });
  });
});
