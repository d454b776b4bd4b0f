/** The home page greets by the workspace's clock (Asia/Shanghai by default) and names today in the user's language. */
import { describe, expect, it } from 'vitest';
import { t } from '../../../../platform/core/i18n';
import { greeting } from '../../../../platform/ui/dashboards/greeting';

describe('home greeting', () => {
  it('says good morning at nine in Shanghai (01:00 by a server clock in UTC)', () => {
    const at = new Date('2026-12-07T01:00:00Z'); // 09:00 in Shanghai
    const en = greeting('en', at);
    expect(t('en', en.key, { name: '刘洋' })).toBe('Good morning, 刘洋');
    expect(en.date).toBe('Monday, 7 December 2026');
    const zh = greeting('zh-CN', at);
    expect(t('zh-CN', zh.key, { name: '刘洋' })).toBe('刘洋，早上好');
    expect(zh.date).toBe('2026年12月7日星期一');
  });
  it('turns to afternoon and evening', () => {
    expect(greeting('en', new Date('2026-12-07T06:30:00Z')).key).toBe('dashui.greeting.afternoon');
    expect(greeting('en', new Date('2026-12-07T12:00:00Z')).key).toBe('dashui.greeting.evening');
  });
});
