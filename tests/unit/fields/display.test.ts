/** How each type shows on lists and detail pages, and which input its filter rows offer. */
import { createElement, Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FIELD_TYPE_NAMES, fieldType } from '../../../platform/fields/registry';
import { displayValue } from '../../../platform/ui/format';
import type { FieldInfo } from '../../../platform/ui/types';

const info = (type: string, extra: Partial<FieldInfo> = {}): FieldInfo => ({
  name: 'f',
  type,
  label: { en: 'F', zh: 'F' },
  required: false,
  readOnly: false,
  system: false,
  sortable: true,
  filterOperators: ['eq'],
  ...extra,
});
const shown = (field: FieldInfo, record: Record<string, unknown>, locale: 'en' | 'zh-CN' = 'en') => {
  const node = displayValue(field, record, locale);
  return typeof node === 'string' ? node : renderToStaticMarkup(createElement(Fragment, null, node));
};

describe('display', () => {
  it('a web address is a link opening a new tab, an email a mailto link', () => {
    expect(shown(info('url'), { f: 'https://例子.中国/a' })).toBe('<a href="https://例子.中国/a" target="_blank" rel="noopener noreferrer">https://例子.中国/a</a>');
    expect(shown(info('email'), { f: 'li@example.cn' })).toBe('<a href="mailto:li@example.cn">li@example.cn</a>');
  });

  it('a lookup links to the record by its name; a user shows the name only', () => {
    expect(shown(info('lookup', { target: 'account' }), { f: 'a1', $names: { f: '华为' } })).toBe('<a href="/o/account/a1">华为</a>');
    expect(shown(info('user'), { f: 'u1', $names: { f: '王经理' } })).toBe('王经理');
  });

  it('a currency amount shows in the record’s own currency', () => {
    expect(shown(info('currency'), { f: 1234.5, f_currency: 'USD' })).toBe('$1,234.50');
    expect(shown(info('currency'), { f: 1234.5 }, 'zh-CN')).toBe('¥1,234.50');
  });

  it('other types show their formatted text', () => {
    expect(shown(info('boolean'), { f: true }, 'zh-CN')).not.toBe('');
    expect(shown(info('text'), { f: '深圳' })).toBe('深圳');
  });
});

describe('filter inputs', () => {
  it('each type offers the input its values need', () => {
    const inputs = Object.fromEntries(FIELD_TYPE_NAMES.map((t) => [t, fieldType({ type: t }).filterInput]));
    expect(inputs).toEqual({
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
      picklist: 'options',
      multi_picklist: 'options',
      lookup: 'lookup',
      auto_number: 'text',
      formula: 'text',
      rollup: 'text',
    });
  });
});
