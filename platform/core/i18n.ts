/**
 * UI and error text in English and Simplified Chinese. Client-safe (no server imports), but it
 * carries the whole bilingual catalog: screens translate with `useT()` (platform/ui/i18n.tsx), which
 * ships only the user's language.
 * Metadata labels carry both languages themselves; this catalog holds the runtime's own text.
 */
import { fillTemplate, type Label, type Locale } from './label';
import { MESSAGES, type MessageKey } from './messages';
export { fillTemplate, parseLocale, pickLabel, type Label, type Locale } from './label';
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
  const entry = MESSAGES[key] ?? added.get(key);
  return fillTemplate(locale === 'zh-CN' ? entry.zh : entry.en, params);
}
