'use client';
/** The current language for client components, and a translator bound to it. */
import { createContext, useCallback, useContext } from 'react';
import { pickLabel, t, type Label, type Locale, type MessageKey } from '../core/i18n';

const LocaleContext = createContext<Locale>('en');

export function LocaleProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

/** `tr('ui.save')`, `tr('ui.new', { object })`, and `label(l)` for metadata labels. */
export function useT() {
  const locale = useContext(LocaleContext);
  const tr = useCallback((key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params), [locale]);
  const label = useCallback((l: Label | undefined) => pickLabel(l, locale), [locale]);
  return { tr, label, locale };
}
