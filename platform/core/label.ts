/**
 * Languages, bilingual labels and message templates, without the message catalog: client code that
 * only needs these does not ship the catalog (platform/core/i18n.ts re-exports them).
 */
export type Locale = 'en' | 'zh-CN';

/** A label as metadata stores it. */
export interface Label {
  en: string;
  zh: string;
}

/** The label's text in `locale`, falling back to the other language when one is empty. */
export function pickLabel(label: Label | undefined, locale: Locale): string {
  if (!label) return '';
  return locale === 'zh-CN' ? label.zh || label.en : label.en || label.zh;
}

/** A language as a request or setting names it: Chinese for any `zh…`, else English. */
export function parseLocale(value: string | null | undefined): Locale {
  if (!value) return 'en';
  const v = value.toLowerCase();
  return v.startsWith('zh') ? 'zh-CN' : 'en';
}

/** A message template with its `{name}` placeholders substituted (unknown ones stay as written). */
export function fillTemplate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}
