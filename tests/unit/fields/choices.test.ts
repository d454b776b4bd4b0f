/** Choice types: boolean, picklist, multi_picklist: value schemas, labels, CSV by value or label. */
import { asPicklist } from '../../fieldShapes';
import { describe, expect, it } from 'vitest';
import { activeValues, findOption } from '../../../platform/fields/picklist';
import { fieldType } from '../../../platform/fields/registry';
import { accepts, fieldOf, REGION_OPTIONS } from './helpers';

const boolean = fieldOf('boolean');
const picklist = asPicklist(fieldOf('picklist', { options: REGION_OPTIONS }));
const multi = fieldOf('multi_picklist', { options: REGION_OPTIONS });

describe('boolean', () => {
  it('accepts only true and false, and is never stored as null', () => {
    for (const v of [true, false]) expect(accepts(boolean, v)).toBe(true);
    for (const v of ['true', 1, 0, null, 'yes']) expect(accepts(boolean, v), String(v)).toBe(false);
    const t = fieldType(boolean);
    expect(t.toColumns(boolean, { f: true })).toEqual({ f: true });
    expect(t.toColumns(boolean, { f: false })).toEqual({ f: false });
    expect(t.columns(boolean)[0]).toMatchObject({ notNull: true, defaultSql: 'false' });
  });

  it.each([
    [true, 'Yes', '是'],
    [false, 'No', '否'],
    [null, 'No', '否'],
  ])('%s is shown as %s / %s', (value, en, zh) => {
    expect(fieldType(boolean).format(boolean, value, 'en')).toBe(en);
    expect(fieldType(boolean).format(boolean, value, 'zh-CN')).toBe(zh);
  });

  it.each([
    ...['true', 'TRUE', 'Yes', 'y', '1', '是', '对', 'x', ' X '].map((c) => [c, true] as const),
    ...['false', 'No', 'N', '0', '否', '', '  '].map((c) => [c, false] as const),
  ])('imports %j as %s', (cell, value) => {
    expect(fieldType(boolean).parseCsv(boolean, cell)).toEqual({ ok: true, value });
  });

  it('imports "错" as no, since "对" imports as yes', () => {
    expect(fieldType(boolean).parseCsv(boolean, '错')).toEqual({ ok: true, value: false });
  });

  it.each(['maybe', '2', 'yes!', '是的吧'])('refuses %j, naming the cell', (cell) => {
    expect(fieldType(boolean).parseCsv(boolean, cell)).toEqual({ ok: false, message: `"${cell}" is not yes/no` });
  });

  it.each([true, false])('round-trips %s through CSV', (value) => {
    const t = fieldType(boolean);
    expect(t.parseCsv(boolean, t.formatCsv(boolean, value))).toEqual({ ok: true, value });
  });
});

describe('picklist', () => {
  it('accepts active values only; inactive values stay readable but cannot be written', () => {
    expect(activeValues(picklist)).toEqual(['east', 'north']);
    for (const v of ['east', 'north']) expect(accepts(picklist, v), v).toBe(true);
    for (const v of ['legacy', 'East', 'East China', '华东', '', 1]) expect(accepts(picklist, v), String(v)).toBe(false);
    expect(fieldType(picklist).format(picklist, 'legacy', 'zh-CN')).toBe('旧区域');
  });

  it.each([
    ['east', 'East China', '华东'],
    ['north', 'North China', '华北'],
    ['gone', 'gone', 'gone'],
    [null, '', ''],
  ])('shows %j as %j / %j', (value, en, zh) => {
    expect(fieldType(picklist).format(picklist, value, 'en')).toBe(en);
    expect(fieldType(picklist).format(picklist, value, 'zh-CN')).toBe(zh);
  });

  it('falls back to the other language when a label is missing one', () => {
    const f = fieldOf('picklist', { options: [{ value: 'x', label: { en: 'Only English', zh: '' } }] });
    expect(fieldType(f).format(f, 'x', 'zh-CN')).toBe('Only English');
  });

  it.each([
    ['east', 'east'],
    [' north ', 'north'],
    ['East China', 'east'],
    ['EAST CHINA', 'east'],
    ['east china', 'east'],
    ['华北', 'north'],
    [' 华东 ', 'east'],
    ['', null],
  ])('imports %j by value or by English/Chinese label as %j', (cell, value) => {
    expect(fieldType(picklist).parseCsv(picklist, cell)).toEqual({ ok: true, value });
  });

  it.each(['South China', '华南', 'e', 'Eastern'])('refuses %j, naming the cell', (cell) => {
    expect(fieldType(picklist).parseCsv(picklist, cell)).toEqual({ ok: false, message: `"${cell}" is not one of the values` });
  });

  it('finds an option by value before labels', () => {
    expect(findOption(picklist, 'north')?.value).toBe('north');
    expect(findOption(picklist, 'nowhere')).toBeUndefined();
  });

  it.each(['east', 'north'])('round-trips %j through CSV', (value) => {
    const t = fieldType(picklist);
    expect(t.parseCsv(picklist, t.formatCsv(picklist, value))).toEqual({ ok: true, value });
  });
});

describe('multi_picklist', () => {
  it('accepts a list of distinct active values', () => {
    for (const v of [[], ['east'], ['east', 'north']]) expect(accepts(multi, v), JSON.stringify(v)).toBe(true);
    for (const v of [['east', 'east'], ['legacy'], ['south'], 'east', [1]]) expect(accepts(multi, v), JSON.stringify(v)).toBe(false);
  });

  it('shows labels joined in the chosen language', () => {
    const t = fieldType(multi);
    expect(t.format(multi, ['east', 'north'], 'en')).toBe('East China, North China');
    expect(t.format(multi, ['east', 'north'], 'zh-CN')).toBe('华东, 华北');
    expect(t.format(multi, null, 'en')).toBe('');
    expect(t.format(multi, [], 'zh-CN')).toBe('');
  });

  it.each([
    ['east;north', ['east', 'north']],
    ['east ; north', ['east', 'north']],
    ['华东；华北', ['east', 'north']],
    ['East China;华北;north', ['east', 'north']],
    ['north;east', ['north', 'east']],
    ['east;;', ['east']],
    ['', null],
    [' ; ', null],
  ])('imports %j as %j', (cell, value) => {
    expect(fieldType(multi).parseCsv(multi, cell)).toEqual({ ok: true, value });
  });

  it('refuses a cell with one unknown value, naming that value', () => {
    expect(fieldType(multi).parseCsv(multi, 'east;south')).toEqual({ ok: false, message: '"south" is not one of the values' });
  });

  it('exports values separated by ";" and imports them back', () => {
    const t = fieldType(multi);
    expect(t.formatCsv(multi, ['east', 'north'])).toBe('east;north');
    expect(t.formatCsv(multi, null)).toBe('');
    for (const v of [['east'], ['north', 'east']]) expect(t.parseCsv(multi, t.formatCsv(multi, v))).toEqual({ ok: true, value: v });
  });
});
