'use client';
/**
 * The signed-in frame: the effective app's navigation (a side bar on a desktop, a drawer behind
 * the menu button below 992 px), recently viewed records, the global search box, the app
 * switcher, notifications, language, the user and sign-out.
 */
import { MenuOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Drawer, Layout } from 'antd';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { Navigation } from '../navigation/apps';
import type { RecentRecord } from '../navigation/recent';
import { NotificationBell } from './approvals/NotificationBell';
import { useT } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { AppSwitcher } from './nav/AppSwitcher';
import { GlobalSearch } from './nav/GlobalSearch';
import { currentKey, NavMenu, type SystemRights } from './nav/NavMenu';
import css from './nav/nav.module.css';
import { useTRPC } from './trpc';

export type { SystemRights } from './nav/NavMenu';

export function AppShell({
  navigation,
  recent,
  userName,
  system,
  children,
}: {
  navigation: Navigation;
  recent: RecentRecord[];
  userName: string;
  system: SystemRights;
  children: React.ReactNode;
}) {
  const { tr, label } = useT();
  const trpc = useTRPC();
  const pathname = usePathname();
  const router = useRouter();
  const { message } = App.useApp();
  const [drawer, setDrawer] = useState(false);
  const recordPage = /^\/o\/[a-z0-9_]+\/[0-9a-f-]{36}$/.test(pathname);
  // The record page records the view as it renders: ask again once the path has changed.
  const recentQuery = useQuery({ ...trpc.nav.recent.queryOptions(), initialData: recent, staleTime: 0 });
  const refetchRecent = recentQuery.refetch;
  useEffect(() => {
    if (recordPage) void refetchRecent();
  }, [pathname, recordPage, refetchRecent]);
  const nav = useQuery({ ...trpc.nav.navigation.queryOptions(), initialData: { ...navigation, recent }, staleTime: 60_000 });
  const current = nav.data.current;
  const selected = currentKey(pathname, recordPage) ?? (recordPage ? undefined : pathname === '/' ? 'page:home' : undefined);
  const objectKey = /^\/o\/([a-z0-9_]+)/.exec(pathname)?.[1];
  const selectedKey = selected?.startsWith('recent:') && !recentQuery.data.some((r) => `recent:/o/${r.object}/${r.id}` === selected) ? objectKey : selected;
  const signOut = async () => {
    const res = await fetch('/api/auth/logout', { method: 'POST' }).catch(() => null);
    // A refused or failed sign-out must not look like one: the session would still be open.
    if (!res?.ok) {
      message.error(tr('ui.logoutFailed'));
      return;
    }
    router.replace('/login');
    router.refresh();
  };
  const menu = (onNavigate?: () => void) => <NavMenu menu={current.menu} recent={recentQuery.data} system={system} selected={selectedKey} onNavigate={onNavigate} />;
  const brand = (
    <div style={{ padding: '16px 20px', fontWeight: 700, fontSize: 18 }}>
      Tessera{current.name && <span style={{ fontWeight: 400, color: '#595959', fontSize: 14, marginLeft: 8 }}>{label(current.label)}</span>}
    </div>
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* While the drawer is open the page behind it is inert, as behind any modal dialog. */}
      <Layout.Sider className={css.sider} theme="light" width={220} inert={drawer}>
        {brand}
        {menu()}
      </Layout.Sider>
      <Drawer
        open={drawer}
        onClose={() => setDrawer(false)}
        placement="left"
        size={280}
        title={brand}
        styles={{ body: { padding: 0 } }}
        closable={{ 'aria-label': tr('nav.closeMenu') }}
      >
        {menu(() => setDrawer(false))}
        <div style={{ padding: 16, display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <AppSwitcher apps={nav.data.apps} current={current.name} />
          <LanguageSwitch />
        </div>
      </Drawer>
      <Layout inert={drawer}>
        <Layout.Header className={css.header}>
          <Button className={css.menuButton} type="text" icon={<MenuOutlined />} aria-label={tr('nav.openMenu')} aria-expanded={drawer} onClick={() => setDrawer(true)} />
          <GlobalSearch className={css.search} />
          <div className={css.tools}>
            <AppSwitcher apps={nav.data.apps} current={current.name} className={css.hideNarrow} />
            <NotificationBell />
            <span className={css.hideNarrow}>
              <LanguageSwitch />
            </span>
            <Link href="/account" className={css.userName} title={userName}>
              {userName}
            </Link>
            <Button size="small" onClick={signOut}>
              {tr('ui.logout')}
            </Button>
          </div>
        </Layout.Header>
        <Layout.Content className={css.content}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
