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
import { THEME as APP_THEME } from './theme/tokens';
import { TRPCProvider, type AppRouter } from './trpc';

/** Production pages link the stylesheet generated from the same theme (app/layout.tsx); the dev server computes styles at run time. */
const THEME = { ...APP_THEME, zeroRuntime: process.env.NODE_ENV === 'production' };

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
        <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={THEME} button={{ autoInsertSpace: false }}>
          <AntApp>
            <LocaleProvider locale={locale}>{children}</LocaleProvider>
          </AntApp>
        </ConfigProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
