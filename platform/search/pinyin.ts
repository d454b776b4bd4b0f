/**
 * Pinyin of record names, so Chinese names are found by their initials ("zj" finds 周杰) and their
 * full pinyin ("zhoujie"). Computed in the application (pinyin-pro knows polyphonic characters by
 * context, which no SQL function does) and stored in a maintained column per record table.
 */
import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;

/** Letters and digits of a piece of pinyin or Latin text, lower-cased (spaces and punctuation dropped). */
const letters = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * "initials full" for a name with Chinese characters ("周杰伦" → "zjl zhoujielun"), else null:
 * Latin names are found through the name's own trigram index and need no copy.
 */
export function pinyinKey(name: unknown): string | null {
  if (typeof name !== 'string' || !HAN.test(name)) return null;
  const text = name.slice(0, 200);
  const full = pinyin(text, { toneType: 'none', type: 'array', v: true });
  const initials = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', v: true });
  const key = `${letters(initials.join(''))} ${letters(full.join(''))}`;
  return key.trim() ? key : null;
}

/** What a typed query looks like in that column: lower-case letters and digits only, or null when nothing is left. */
export function pinyinQuery(q: string): string | null {
  const s = letters(q);
  return s && /^[a-z]/.test(s) && s.length === q.replace(/\s+/g, '').length ? s : null;
}
