import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG_PATHS, catalogDelta, catalogFile, catalogOf } from '../../../platform/core/catalog';
import { t } from '../../../platform/core/i18n';

const root = path.resolve(import.meta.dirname, '../../..');

describe('the message catalog one language at a time', () => {
  it('the generated per-language files match the catalog (run `npm run gen` if not)', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const committed = fs.readFileSync(path.join(root, CATALOG_PATHS[locale]), 'utf8');
      expect(committed === catalogFile(locale), `${CATALOG_PATHS[locale]} is stale`).toBe(true);
    }
  });

  it('holds one language only, worded as the server words it', () => {
    const zh = catalogOf('zh-CN');
    expect(zh['list.count']).toBe('共 {count} 条记录');
    expect(catalogOf('en')['list.count']).toBe('{count} records');
    expect(t('zh-CN', 'ui.history.empty')).toBe(zh['ui.history.empty']);
    expect(Object.values(zh)).not.toContain('{count} records');
  });

  it('a stale file is made good by the delta: a message added or reworded since is sent besides it', () => {
    const shipped = { ...catalogOf('zh-CN') };
    delete shipped['list.count'];
    shipped['list.sum'] = 'old wording';
    expect(catalogDelta('zh-CN', shipped)).toEqual({ 'list.count': '共 {count} 条记录', 'list.sum': '{label}合计' });
    expect(catalogDelta('zh-CN', catalogOf('zh-CN'))).toEqual({});
  });
});
