'use client';
/**
 * The current language for client components, and a translator bound to it. The messages come
 * from the one-language catalog the root layout chose for the user (platform/ui/catalog), never
 * from the bilingual catalog, so a page ships its user's language only.
 */
import { createContext, useCallback, useContext, useMemo } from 'react';
import type { MessageKey } from '../core/i18n';
import { fillTemplate, pickLabel, type Label, type Locale } from '../core/label';

type Catalog = Record<string, string>;

const LocaleContext = createContext<Locale>('en');
const CatalogContext = createContext<Catalog>({});

export function LocaleProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

/**
 * The messages of the user's language: `shipped` is the generated file (a cached script), `stale`
 * what the server's catalog has that the file lacks or words differently (empty while it is fresh).
 */
export function CatalogProvider({ shipped, stale, children }: { shipped: Catalog; stale: Catalog; children: React.ReactNode }) {
  const catalog = useMemo(() => (Object.keys(stale).length ? { ...shipped, ...stale } : shipped), [shipped, stale]);
  return <CatalogContext.Provider value={catalog}>{children}</CatalogContext.Provider>;
}

/** `tr('ui.save')`, `tr('ui.new', { object })`, and `label(l)` for metadata labels. */
export function useT() {
  const locale = useContext(LocaleContext);
  const catalog = useContext(CatalogContext);
  const tr = useCallback((key: MessageKey, params?: Record<string, string | number>) => fillTemplate(catalog[key] ?? key, params), [catalog]);
  const label = useCallback((l: Label | undefined) => pickLabel(l, locale), [locale]);
  return { tr, label, locale };
}
