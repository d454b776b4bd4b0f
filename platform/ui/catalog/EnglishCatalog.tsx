'use client';
/** The English messages for the browser: a script of their own, loaded only by pages the root layout renders in English. */
import { CatalogProvider } from '../i18n';
import shipped from './en.generated.json';

export function EnglishCatalog({ stale, children }: { stale: Record<string, string>; children: React.ReactNode }) {
  return (
    <CatalogProvider shipped={shipped} stale={stale}>
      {children}
    </CatalogProvider>
  );
}
