/** `?next=` after sign-in: only a path on this site, as a browser would resolve it. */
import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../../../platform/security/redirect';

describe('safeNextPath', () => {
  it.each([
    ['/o/account', '/o/account'],
    ['/o/account/123?tab=history#notes', '/o/account/123?tab=history#notes'],
    ['/designer/../o/lead', '/o/lead'],
    ['/', '/'],
  ])('keeps the path %s on this site', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    ['a backslash (the reported /%5Cevil.example)', decodeURIComponent('/%5Cevil.example')],
    ['a backslash after the slash, twice', '/\\\\evil.example'],
    ['protocol-relative', '//evil.example/x'],
    ['a tab inside the slashes', '/\t/evil.example'],
    ['a newline inside the slashes', '/\n/evil.example'],
    ['a dot segment that leaves //', '/.//evil.example'],
    ['an absolute URL', 'https://evil.example/'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'o/account'],
    ['nothing', undefined],
    ['an empty string', ''],
    ['a repeated parameter', ['/a', '/b']],
    ['a very long value', `/${'a'.repeat(3000)}`],
  ])('sends %s to /', (_label, next) => {
    expect(safeNextPath(next)).toBe('/');
  });

  it('never returns something a browser would read as another host', () => {
    for (const next of ['/\\/evil', '/%2F/evil', '/\\\t\\evil', '/\r\n//evil', '/..//evil', '/./\\evil']) {
      const out = safeNextPath(next);
      expect(new URL(out, 'https://crm.example').host).toBe('crm.example');
    }
  });
});
