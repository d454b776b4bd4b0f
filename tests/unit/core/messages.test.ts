/**
 * Every problem the platform reports has its sentence in English and Chinese: the catalog keys that
 * error-building calls in platform/ name exist, each entry has both languages with the same
 * placeholders, and problems are worded again for the caller without file or pointer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/core/errors';
import { hasMessage, t } from '../../../platform/core/i18n';
import { MESSAGES } from '../../../platform/core/messages';
import { formatError, localizeError, problem, problemsError } from '../../../platform/core/problems';
import { KEYWORD_PARAMS, validateMetadata } from '../../../platform/metadata/schemas';

const ROOT = path.join(__dirname, '../../../platform');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sources(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** Calls that build a problem or an error from a catalog key, and message values naming one (`{ key: '...' }`). */
const CALL = /\b(?:err|problem|keyedError|changeError|badRequest|refuse|requires|problemsError|need)\(([^;]*?)\)(?:;|\n|,)/g;
// A coarser `code: '...'` next to a key is not a key; neither is a file name.
const KEY_LITERAL = /(?<!code: )'([a-z][A-Za-z]*(?:\.(?!json')[A-Za-z]+)+)'/g;
const KEY_PARAM = /\bkey: '([a-z][A-Za-z]*(?:\.[A-Za-z]+)+)'/g;

function usedKeys(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sources(ROOT)) {
    const text = fs.readFileSync(file, 'utf8');
    const rel = path.relative(ROOT, file);
    for (const call of text.matchAll(CALL)) for (const m of call[1].matchAll(KEY_LITERAL)) found.set(m[1], rel);
    for (const m of text.matchAll(KEY_PARAM)) found.set(m[1], rel);
  }
  return found;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalog', () => {
  it('has every key that problems and errors in platform/ are built from', () => {
    const used = usedKeys();
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter(([key]) => !hasMessage(key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('has the ajv keywords it words', () => {
    expect(Object.keys(KEYWORD_PARAMS).filter((k) => !hasMessage(`schema.${k}`))).toEqual([]);
  });

  it('gives every entry English and Chinese text with the same placeholders', () => {
    const bad = Object.entries(MESSAGES as Record<string, { en: string; zh: string }>)
      .filter(([, m]) => !m.en.trim() || !m.zh.trim() || placeholders(m.en).join() !== placeholders(m.zh).join())
      .map(([k]) => k);
    expect(bad).toEqual([]);
  });
});

describe('problems', () => {
  const detail = problem('layout.field', { field: 'ghost', object: 'account' }, { file: 'layouts/account.default.json', pointer: '/sections/0/fields/1' });

  it("keep file and pointer out of the sentence, and are worded again in the caller's language", () => {
    expect(detail).toEqual({
      file: 'layouts/account.default.json',
      pointer: '/sections/0/fields/1',
      code: 'layout.field',
      message: 'Field "ghost" is not a field of account',
      params: { field: 'ghost', object: 'account' },
    });
    const two = problemsError([detail, problem('layout.duplicate', { field: 'name' }, { file: 'layouts/account.default.json', pointer: '/sections/0/fields/2' })]);
    expect(two.message).toBe('Metadata has 2 problems');
    const zh = localizeError(two, 'zh-CN');
    expect(zh.message).toBe('元数据有 2 处问题');
    expect(zh.details.map((d) => d.message)).toEqual(['"ghost"不是account的字段', '字段"name"被放置了两次']);
    expect(zh.status).toBe(422);
  });

  it("leave details without values as they were worded (already in the caller's language)", () => {
    const e = new AppError('VALIDATION_FAILED', '名称不能为空', [{ field: 'name', code: 'validation.required', message: '名称不能为空' }]);
    expect(localizeError(e, 'en')).toBe(e);
  });

  it('word ajv errors from the catalog, nested values included', () => {
    const [e] = validateMetadata('manifest', { name: 'x', version: 3, label: { en: 'X', zh: 'X' } }, 'manifest.json');
    expect(e).toMatchObject({ file: 'manifest.json', pointer: '/version', code: 'schema.type', message: 'Must be text' });
    expect(localizeError(new AppError('METADATA_INVALID', e.message, [e]), 'zh-CN').details[0].message).toBe('必须是文本');
  });

  it('print with file#pointer on the command line and in logs', () => {
    expect(formatError(problemsError([detail, detail]))).toBe(
      'Metadata has 2 problems:\n  layouts/account.default.json#/sections/0/fields/1 Field "ghost" is not a field of account\n  layouts/account.default.json#/sections/0/fields/1 Field "ghost" is not a field of account',
    );
  });
});

describe('counts', () => {
  it('say "1 record" for one and "{n} records" for more, in both languages', () => {
    expect(t('en', 'list.massApply', { count: 1 })).toBe('Apply to 1 record');
    expect(t('en', 'list.massApply', { count: 2 })).toBe('Apply to 2 records');
    expect(t('en', 'list.count', { count: '1' })).toBe('1 record');
    expect(t('zh-CN', 'list.count', { count: '1,200' })).toBe('共 1,200 条记录');
  });
});
