/** parseJsonSafe: JSON from outside becomes null-prototype objects, and keys that reach a prototype are refused by pointer. */
import { describe, expect, it } from 'vitest';
import { jsonError, MAX_JSON_DEPTH, parseJsonSafe, pointerToken, toSafeJson, UnsafeJsonError } from '../../../platform/core/json';

function problem(text: string) {
  try {
    parseJsonSafe(text);
  } catch (e) {
    if (e instanceof UnsafeJsonError) return e.problem;
    throw e;
  }
  return null;
}

describe('parseJsonSafe', () => {
  it('keeps every value and builds objects without a prototype, at every depth', () => {
    type Tree = Record<string, unknown> & { a: { b: [number, Record<string, unknown>] } };
    const v = parseJsonSafe('{"a":{"b":[1,{"c":"x"}]},"n":null,"t":true}') as Tree;
    expect(JSON.stringify(v)).toBe('{"a":{"b":[1,{"c":"x"}]},"n":null,"t":true}');
    expect(Object.getPrototypeOf(v)).toBeNull();
    expect(Object.getPrototypeOf(v.a)).toBeNull();
    expect(Object.getPrototypeOf(v.a.b[1])).toBeNull();
    expect(Array.isArray(v.a.b)).toBe(true);
    // What a caller did not send is missing, not inherited.
    expect(v.toString).toBeUndefined();
    expect('constructor' in v).toBe(false);
  });

  it.each([
    ['{"__proto__":{"x":1}}', '/__proto__', '__proto__'],
    ['{"a":1,"constructor":{"prototype":{}}}', '/constructor', 'constructor'],
    ['{"a":{"prototype":1}}', '/a/prototype', 'prototype'],
    ['[0,[1,{"__proto__":null}]]', '/1/1/__proto__', '__proto__'],
    ['{"a/b":{"c~d":{"__proto__":1}}}', '/a~1b/c~0d/__proto__', '__proto__'],
  ])('refuses %s at %s', (text, pointer, key) => {
    expect(problem(text)).toEqual({ kind: 'forbiddenKey', key, pointer });
  });

  it('takes those words as values, and keys that only look like them', () => {
    expect(JSON.stringify(parseJsonSafe('{"name":"__proto__","Constructor":1,"proto":"prototype"}'))).toBe('{"name":"__proto__","Constructor":1,"proto":"prototype"}');
  });

  it('refuses bad syntax and nesting deeper than the bound, without overflowing the stack', () => {
    expect(problem('{"a":')).toEqual({ kind: 'syntax' });
    expect(problem('')).toEqual({ kind: 'syntax' });
    expect(problem(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`)).toEqual({ kind: 'tooDeep', pointer: `/${Array(MAX_JSON_DEPTH).fill(0).join('/')}` });
    expect(problem(`${'['.repeat(200000)}${']'.repeat(200000)}`)?.kind).toBe('tooDeep');
    expect(problem(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)).toBeNull();
  });

  it('rebuilds an already decoded value the same way', () => {
    const decoded = JSON.parse('{"a":[{"__proto__":1}]}');
    expect(() => toSafeJson(decoded)).toThrow(UnsafeJsonError);
  });

  it('escapes pointer tokens as RFC 6901 says', () => {
    expect(pointerToken('a/b~c')).toBe('a~1b~0c');
    expect(pointerToken(3)).toBe('3');
  });

  it("turns a problem into a typed 400 in both languages, with the caller's code and prefix", () => {
    const e = new UnsafeJsonError({ kind: 'forbiddenKey', key: '__proto__', pointer: '/__proto__' });
    const en = jsonError(e, 'en', { code: 'INVALID_FILTER', at: '/filter' });
    expect(en.status).toBe(400);
    expect(en.toJSON()).toEqual({
      code: 'INVALID_FILTER',
      message: 'The key "__proto__" is not allowed in a request (at /filter/__proto__)',
      details: [{ pointer: '/filter/__proto__', code: 'request.forbiddenKey', message: 'The key "__proto__" is not allowed in a request (at /filter/__proto__)' }],
    });
    expect(jsonError(e, 'zh-CN').message).toBe('请求中不允许使用键名"__proto__"（位置：/__proto__）');
    const syntax = jsonError(new UnsafeJsonError({ kind: 'syntax' }), 'zh-CN', { syntaxKey: 'filter.malformed', at: '/filter' });
    expect(syntax.details).toEqual([{ pointer: '/filter', code: 'filter.malformed', message: '筛选条件不是有效的 JSON' }]);
  });
});
