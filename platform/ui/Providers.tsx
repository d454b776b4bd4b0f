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
        <ConfigProvider
          locale={locale === 'zh-CN' ? zhCN : enUS}
          theme={{
            // Links, secondary text and placeholders at 4.5:1 or more on white (WCAG AA); antd's defaults are lighter.
            token: { colorPrimary: '#1f5fbf', colorLink: '#1f5fbf', colorTextDescription: 'rgba(0, 0, 0, 0.65)', colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)', borderRadius: 6 },
          }}
        >
          <AntApp>
            <LocaleProvider locale={locale}>{children}</LocaleProvider>
          </AntApp>
        </ConfigProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
