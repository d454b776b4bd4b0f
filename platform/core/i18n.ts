/**
 * UI and error text in English and Simplified Chinese. Client-safe (no server imports).
 * Metadata labels carry both languages themselves; this catalog holds the runtime's own text.
 */
export type Locale = 'en' | 'zh-CN';

/** A label as metadata stores it. */
export interface Label {
  en: string;
  zh: string;
}

export function pickLabel(label: Label | undefined, locale: Locale): string {
  if (!label) return '';
  return locale === 'zh-CN' ? label.zh || label.en : label.en || label.zh;
}

export function parseLocale(value: string | null | undefined): Locale {
  if (!value) return 'en';
  const v = value.toLowerCase();
  return v.startsWith('zh') ? 'zh-CN' : 'en';
}

import { MESSAGES, type MessageKey } from './messages';
export type { MessageKey };

/** Messages a module brings with it (a metadata kind's problems), by key; the stock catalog wins. */
const added = new Map<string, Label>();

/** Add messages at run time (a kind registered by a test or a plug-in); returns the function that takes them out. */
export function addMessages(entries: Record<string, Label>): () => void {
  const keys = Object.keys(entries).filter((k) => !(k in MESSAGES) && !added.has(k));
  for (const k of keys) added.set(k, entries[k]);
  return () => keys.forEach((k) => added.delete(k));
}

/** Whether the catalog has a message under this key. */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(MESSAGES, key) || added.has(key);
}

/** Translate a message key, substituting `{name}` placeholders. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  // A count of one reads "1 record", not "1 records": a key may have a `.one` form for it.
  const catalog: Record<string, Label | undefined> = MESSAGES;
  const one = params.count === 1 || params.count === '1' ? (catalog[`${key}.one`] ?? added.get(`${key}.one`)) : undefined;
  const entry: Label = one ?? catalog[key] ?? (added.get(key) as Label);
  const template = locale === 'zh-CN' ? entry.zh : entry.en;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}
