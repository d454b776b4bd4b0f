'use client';
/** The Chinese messages for the browser: a script of their own, loaded only by pages the root layout renders in Chinese. */
import { CatalogProvider } from '../i18n';
import shipped from './zh.generated.json';

export function ChineseCatalog({ stale, children }: { stale: Record<string, string>; children: React.ReactNode }) {
  return (
    <CatalogProvider shipped={shipped} stale={stale}>
      {children}
    </CatalogProvider>
  );
}
