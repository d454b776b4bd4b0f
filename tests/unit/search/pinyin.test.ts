import { describe, expect, it } from 'vitest';
import { pinyinKey, pinyinQuery } from '../../../platform/search/pinyin';

describe('pinyinKey', () => {
  it.each([
    ['周杰', 'zj zhoujie'],
    ['周杰伦 Ltd', 'zjlltd zhoujielunltd'],
    // Polyphonic characters read by context: 重庆 is chongqing, 银行 yinhang.
    ['重庆银行', 'cqyh chongqingyinhang'],
    ['吕布', 'lb lvbu'],
  ])('%s → %s', (name, key) => expect(pinyinKey(name)).toBe(key));

  it('is null for names without Chinese characters, and for no name', () => {
    expect(pinyinKey('Acme Corp')).toBeNull();
    expect(pinyinKey(null)).toBeNull();
    expect(pinyinKey(42)).toBeNull();
  });
});

describe('pinyinQuery', () => {
  it('keeps letters and digits, lower-cased, of a text that is only that', () => {
    expect(pinyinQuery('ZJ')).toBe('zj');
    expect(pinyinQuery('zhou jie')).toBe('zhoujie');
    expect(pinyinQuery('周杰')).toBeNull();
    expect(pinyinQuery('a%b')).toBeNull();
    expect(pinyinQuery('138')).toBeNull();
  });
});
