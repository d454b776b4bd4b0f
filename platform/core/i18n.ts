/**
 * UI and error text in English and Simplified Chinese. Client-safe (no server imports).
 * Metadata labels carry both languages themselves; this catalog holds the runtime's own text.
 */
export type Locale = 'en' | 'zh-CN';
export const LOCALES: Locale[] = ['en', 'zh-CN'];

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

/** Translate a message key, substituting `{name}` placeholders. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const entry = MESSAGES[key];
  const template = locale === 'zh-CN' ? entry.zh : entry.en;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}
