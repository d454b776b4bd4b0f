'use client';
/** Client-side providers: React Query + tRPC, Ant Design theme and locale, and our own locale. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useState } from 'react';
import type { Locale } from '../core/i18n';
import { LocaleProvider } from './i18n';
import { TRPCProvider, type AppRouter } from './trpc';

/**
 * Ant Design's greys and link blue are below 4.5:1 on white; these keep links, placeholders, help
 * text, empty states and secondary text readable (WCAG AA, checked by axe in the e2e tests).
 */
const THEME = {
  colorPrimary: '#1f5fbf',
  colorLink: '#1f5fbf',
  colorError: '#cf1322',
  colorTextSecondary: '#595959',
  colorTextDescription: '#595959',
  colorTextPlaceholder: '#6b6b6b',
  colorTextDisabled: '#6b6b6b',
  borderRadius: 6,
};

export function Providers({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 5_000, retry: (count, err) => count < 1 && !(err as { data?: { httpStatus?: number } }).data?.httpStatus } },
      }),
  );
  const [trpcClient] = useState(() => createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: '/api/trpc' })] }));
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {/* No space inserted inside two-character Chinese labels ("登 录" reads as two words). */}
        <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={{ token: THEME }} button={{ autoInsertSpace: false }}>
          <AntApp>
            <LocaleProvider locale={locale}>{children}</LocaleProvider>
          </AntApp>
        </ConfigProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
