/**
 * The root layout's choice of catalog: the user's language's generated file, plus whatever the
 * server's catalog has that the file lacks (a message added since `npm run gen`), so a stale file
 * costs bytes, never a missing text. Server-side.
 */
import { catalogDelta } from '../../core/catalog';
import type { Locale } from '../../core/label';
import { ChineseCatalog } from './ChineseCatalog';
import en from './en.generated.json';
import { EnglishCatalog } from './EnglishCatalog';
import zh from './zh.generated.json';

const deltas = new Map<Locale, Record<string, string>>();

/** The catalog provider for `locale` and the messages it must be sent besides its file. */
export function catalogFor(locale: Locale) {
  let stale = deltas.get(locale);
  if (!stale) {
    stale = catalogDelta(locale, locale === 'zh-CN' ? zh : en);
    deltas.set(locale, stale);
  }
  return { Catalog: locale === 'zh-CN' ? ChineseCatalog : EnglishCatalog, stale };
}
