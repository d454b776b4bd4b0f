/** Text-like types: text, long_text, email, phone, url, lookup: value schemas, display, CSV. */
import { describe, expect, it } from 'vitest';
import { fieldType } from '../../../platform/fields/registry';
import type { FieldDef } from '../../../platform/fields/types';
import { accepts, fieldOf } from './helpers';

const text = fieldOf('text');
const short = fieldOf('text', { maxLength: 5 });
const longText = fieldOf('long_text');
const email = fieldOf('email');
const phone = fieldOf('phone');
const url = fieldOf('url');
const lookup = fieldOf('lookup', { target: 'account' });
const ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

describe('text value schemas', () => {
  const cases: [string, FieldDef, unknown[], unknown[]][] = [
    ['text (255 by default)', text, ['', 'Acme', '华为技术有限公司', 'x'.repeat(255)], ['x'.repeat(256), 5, null, ['a']]],
    ['text maxLength 5 counts characters, not bytes', short, ['abcde', '上海浦东新'], ['abcdef', '上海浦东新区']],
    ['long_text (32000 by default)', longText, ['line 1\nline 2', 'x'.repeat(32000)], ['x'.repeat(32001)]],
    ['long_text maxLength', fieldOf('long_text', { maxLength: 10 }), ['0123456789'], ['01234567890']],
    ['email', email, ['li.lei@example.com', 'a.b+tag@sub.example.cn'], ['not-an-email', 'a@', '@b.com', 'a b@c.com', `${'x'.repeat(250)}@e.cn`]],
    [
      'phone',
      phone,
      ['+86 138-0013-8000', '13800138000', '021 6888 1234 转 12', '010-6555.1234', '+1 415 555 0100 ext. 7', '555 x12'],
      ['abc', '12', '138 0013 8000 ext', '+86 138-0013-8000; drop table', '1'.repeat(41), '电话13800138000'],
    ],
    [
      'url (http and https only)',
      url,
      ['https://example.com', 'http://example.com/a?b=c#d', 'HTTPS://EXAMPLE.COM/x', 'https://baike.baidu.com/item/%E5%8D%8E%E4%B8%BA'],
      ['javascript:alert(1)', 'ftp://example.com', 'example.com', 'https://', 'https://exa mple.com', 'data:text/html,hi', `https://e.cn/${'x'.repeat(2000)}`],
    ],
    ['lookup (record id)', lookup, [ID, ID.toUpperCase()], ['abc', `${ID}x`, '', 42, `{${ID}}`]],
  ];
  it.each(cases)('%s', (_, field, valid, invalid) => {
    for (const v of valid) expect(accepts(field, v), `accepts ${String(v).slice(0, 40)}`).toBe(true);
    for (const v of invalid) expect(accepts(field, v), `rejects ${String(v).slice(0, 40)}`).toBe(false);
  });

  it('a phone number may start with an area code in parentheses', () => {
    // The parentheses are allowed separators, yet the way most people write a landline is refused.
    for (const v of ['(010) 6555-1234', '(021)68881234', '+86 (21) 6888 1234', '(415) 555-0100']) expect(accepts(phone, v), v).toBe(true);
  });

  it('format and pattern failures name the message that explains them', () => {
    const message = (f: FieldDef) => fieldType(f).properties(f)[f.name]['x-message'];
    expect(message(email)).toBe('validation.email');
    expect(message(phone)).toBe('validation.phone');
    expect(message(url)).toBe('validation.url');
    expect(message(lookup)).toBe('validation.uuid');
  });
});

describe('text storage', () => {
  it('a lookup stores ids in lower case; other text is stored as given', () => {
    expect(fieldType(lookup).toColumns(lookup, { f: ID.toUpperCase() })).toEqual({ f: ID });
    expect(fieldType(text).toColumns(text, { f: ' Mixed Case ' })).toEqual({ f: ' Mixed Case ' });
    expect(fieldType(text).toColumns(text, { f: null })).toEqual({ f: null });
    expect(fieldType(email).fromColumns(email, { f: 'A@B.cn' })).toEqual({ f: 'A@B.cn' });
  });
});

describe('text display', () => {
  const cases: [FieldDef, unknown, string][] = [
    [text, '华为', '华为'],
    [text, null, ''],
    [longText, 'a\nb', 'a\nb'],
    [email, 'li.lei@example.com', 'li.lei@example.com'],
    [phone, '+86 138-0013-8000', '+86 138-0013-8000'],
    [url, 'https://example.com', 'https://example.com'],
    [lookup, ID, ID],
    [lookup, undefined, ''],
  ];
  it.each(cases)('$type %s', (field, value, shown) => {
    expect(fieldType(field).format(field, value, 'en')).toBe(shown);
    expect(fieldType(field).format(field, value, 'zh-CN')).toBe(shown);
  });
});

describe('text CSV', () => {
  const imports: [FieldDef, string, unknown][] = [
    [text, '  Acme Ltd  ', 'Acme Ltd'],
    [text, '', null],
    [text, '   ', null],
    [text, '上海 浦东', '上海 浦东'],
    [longText, 'a;b,c', 'a;b,c'],
    [email, ' li.lei@example.com ', 'li.lei@example.com'],
    [phone, '021 6888 1234 转 12', '021 6888 1234 转 12'],
    [url, 'https://example.com', 'https://example.com'],
    [lookup, ` ${ID.toUpperCase()} `, ID],
    [lookup, '', null],
  ];
  it.each(imports)('$type imports %j', (field, cell, value) => {
    expect(fieldType(field).parseCsv(field, cell)).toEqual({ ok: true, value });
  });

  it('a lookup cell that is not a record id is refused, naming the cell', () => {
    expect(fieldType(lookup).parseCsv(lookup, 'Acme Ltd')).toEqual({ ok: false, message: '"Acme Ltd" is not a record id' });
  });

  it.each([
    [text, 'Acme, "Ltd"'],
    [text, '华为技术有限公司'],
    [email, 'li.lei@example.com'],
    [phone, '+86 138-0013-8000'],
    [url, 'https://example.com/a?b=c'],
    [lookup, ID],
  ] as [FieldDef, string][])('$type round-trips %j', (field, value) => {
    const t = fieldType(field);
    expect(t.parseCsv(field, t.formatCsv(field, value))).toEqual({ ok: true, value });
    expect(t.formatCsv(field, null)).toBe('');
  });
});
