import { AntdRegistry } from '@ant-design/nextjs-registry';
import type { Metadata } from 'next';
import { Providers } from '@/platform/ui/Providers';
import { currentLocale } from './_lib/session';
// Ant Design's styles as a cached stylesheet (production runs it zero-runtime), before our own.
import '@/platform/ui/theme/antd.generated.css';
import './globals.css';

export const metadata: Metadata = { title: 'Tessera CRM', description: 'Metadata-driven CRM' };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await currentLocale();
  return (
    <html lang={locale}>
      <body>
        <AntdRegistry>
          <Providers locale={locale}>{children}</Providers>
        </AntdRegistry>
      </body>
    </html>
  );
}
