import { AntdRegistry } from '@ant-design/nextjs-registry';
import type { Metadata } from 'next';
import { Fragment } from 'react';
import { Providers } from '@/platform/ui/Providers';
import { currentLocale } from './_lib/session';
// Ant Design's styles and theme variables as a cached stylesheet (production runs antd
// zero-runtime), before our own.
import '@/platform/ui/theme/antd.generated.css';
import './globals.css';

export const metadata: Metadata = { title: 'Tessera CRM', description: 'Metadata-driven CRM' };

/** Only the dev server computes Ant Design's styles at run time and so needs them inlined with the HTML. */
const StyleRegistry = process.env.NODE_ENV === 'production' ? Fragment : AntdRegistry;

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await currentLocale();
  return (
    <html lang={locale}>
      <body>
        <StyleRegistry>
          <Providers locale={locale}>{children}</Providers>
        </StyleRegistry>
      </body>
    </html>
  );
}
