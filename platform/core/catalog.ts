/**
 * The message catalog one language at a time. Every part keeps its catalog file shaped
 * `{ key: { en, zh } }` (spread into messages.ts); the split happens here, where they are combined,
 * so a browser is sent its user's language only (see "Message catalogs" in docs/architecture.md).
 */
import type { Locale } from './label';
import { MESSAGES } from './messages';

/** Key → text in one language. */
export type Catalog = Record<string, string>;

const byLocale = new Map<Locale, Catalog>();

/** The runtime's messages in `locale`, key → text (built once per language). */
export function catalogOf(locale: Locale): Catalog {
  let catalog = byLocale.get(locale);
  if (!catalog) {
    catalog = Object.fromEntries(Object.entries(MESSAGES).map(([key, m]) => [key, locale === 'zh-CN' ? m.zh : m.en]));
    byLocale.set(locale, catalog);
  }
  return catalog;
}

/** The entries of `locale`'s catalog that `shipped` lacks or words differently (none while the generated files are fresh). */
export function catalogDelta(locale: Locale, shipped: Catalog): Catalog {
  const own = catalogOf(locale);
  return Object.fromEntries(Object.entries(own).filter(([key, text]) => shipped[key] !== text));
}

/** Where `npm run gen` writes each language's catalog for the browser. */
export const CATALOG_PATHS: Record<Locale, string> = {
  en: 'platform/ui/catalog/en.generated.json',
  'zh-CN': 'platform/ui/catalog/zh.generated.json',
};

/** A catalog file as `npm run gen` writes it: one key a line, so a diff shows the messages changed. */
export function catalogFile(locale: Locale): string {
  return `${JSON.stringify(catalogOf(locale), null, 1)}\n`;
}
