/** The one language rule: stored choice (signed out: the cookie), then the browser, then English. */
import { describe, expect, it } from 'vitest';
import { browserLocale, recipientLocale, resolveLocale } from '../../../platform/core/locale';

describe('browserLocale', () => {
  it.each([
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['ZH', 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR, zh-CN;q=0.8, en;q=0.5', 'zh-CN'],
    ['en;q=0.2, zh;q=0.7', 'zh-CN'],
    ['zh;q=0, en', 'en'],
    ['fr-FR', undefined],
    ['', undefined],
    ['*', undefined],
  ])('%j -> %s', (header, locale) => {
    expect(browserLocale(header)).toBe(locale);
  });
});

describe('resolveLocale', () => {
  it('signed in: stored, then browser, then English; the cookie never counts', () => {
    expect(resolveLocale({ signedIn: true, stored: 'en', cookie: 'zh-CN', acceptLanguage: 'zh-CN' })).toBe('en');
    expect(resolveLocale({ signedIn: true, stored: null, cookie: 'en', acceptLanguage: 'zh-CN' })).toBe('zh-CN');
    expect(resolveLocale({ signedIn: true, stored: null, cookie: 'zh-CN' })).toBe('en');
  });
  it('signed out: the cookie, then browser, then English', () => {
    expect(resolveLocale({ signedIn: false, cookie: 'en', acceptLanguage: 'zh-CN' })).toBe('en');
    expect(resolveLocale({ signedIn: false, acceptLanguage: 'zh-CN' })).toBe('zh-CN');
    expect(resolveLocale({ signedIn: false, cookie: 'klingon', acceptLanguage: 'de' })).toBe('en');
  });
  it('a notification: stored, then the browser last seen, then English', () => {
    expect(recipientLocale('en', 'zh-CN')).toBe('en');
    expect(recipientLocale(null, 'zh-CN')).toBe('zh-CN');
    expect(recipientLocale(null, null)).toBe('en');
  });
});
