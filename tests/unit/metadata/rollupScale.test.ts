/** A roll-up shows numbers the way the field it summarises does: whole numbers stay whole. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldType } from '../../../platform/fields/registry';
import { loadMetadata } from '../../../platform/metadata/load';

const stockDir = path.resolve(import.meta.dirname, '../../../metadata');

/** The stock metadata with roll-ups on account over its subsidiaries' employees (an integer) and revenue. */
function withRollups(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-rollup-'));
  fs.cpSync(stockDir, dir, { recursive: true });
  const file = path.join(dir, 'objects/account.json');
  const d = JSON.parse(fs.readFileSync(file, 'utf8'));
  const rollup = (name: string, fn: string, field: string, extra: object = {}) => ({
    name,
    type: 'rollup',
    label: { en: name, zh: name },
    summary: { object: 'account', via: 'parent', fn, field },
    ...extra,
  });
  d.fields.push(
    rollup('group_employees', 'sum', 'employees'),
    rollup('largest_subsidiary', 'max', 'employees'),
    rollup('group_employees_tenths', 'sum', 'employees', { scale: 1 }),
    rollup('group_revenue', 'sum', 'annual_revenue'),
  );
  fs.writeFileSync(file, JSON.stringify(d));
  return dir;
}

describe('roll-up display scale', () => {
  const account = loadMetadata(withRollups()).objects.get('account')!;
  const shown = (name: string, value: number, locale: 'en' | 'zh-CN' = 'en') => {
    const f = account.fieldMap.get(name)!;
    return fieldType(f).format(f, value, locale);
  };

  it('a sum or max of an integer field shows no decimals', () => {
    expect(shown('group_employees', 12345)).toBe('12,345');
    expect(shown('group_employees', 12345, 'zh-CN')).toBe('12,345');
    expect(shown('largest_subsidiary', 800)).toBe('800');
  });

  it('a scale the roll-up names wins; a currency sum keeps its cents', () => {
    expect(shown('group_employees_tenths', 12345)).toBe('12,345.0');
    expect(shown('group_revenue', 1234.5, 'zh-CN')).toBe('¥1,234.50');
  });
});
