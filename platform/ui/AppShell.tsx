'use client';
/** The signed-in frame: navigation built from metadata, language switch, user and sign-out. */
import {
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  CarOutlined,
  ContactsOutlined,
  FileProtectOutlined,
  FundOutlined,
  ShopOutlined,
  ShoppingCartOutlined,
  TeamOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { App, Button, Layout, Menu, Space } from 'antd';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import type { Label } from '../core/i18n';
import type { MessageKey } from '../core/i18n';
import { ApprovalsNavLink } from './approvals/ApprovalsNavLink';
import { NotificationBell } from './approvals/NotificationBell';
import { useT } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';

export interface NavObject {
  name: string;
  pluralLabel: Label;
  icon?: string;
}

/** Icons metadata may name; anything else falls back to a generic one. */
const ICONS: Record<string, React.ComponentType> = {
  BankOutlined,
  CalendarOutlined,
  CarOutlined,
  ContactsOutlined,
  FileProtectOutlined,
  FundOutlined,
  ShopOutlined,
  ShoppingCartOutlined,
  TeamOutlined,
  UserAddOutlined,
};

function icon(name?: string) {
  const C = (name && ICONS[name]) || AppstoreOutlined;
  return <C />;
}

export type SystemRights = Record<'customizeMetadata' | 'manageUsers' | 'importData' | 'exportData' | 'transferRecords' | 'viewAudit', boolean>;

/** Administration pages and the right each needs. */
const ADMIN_PAGES: { key: string; right: keyof SystemRights; label: MessageKey }[] = [
  { key: 'users', right: 'manageUsers', label: 'admin.users' },
  { key: 'roles', right: 'manageUsers', label: 'admin.roles' },
  { key: 'departments', right: 'manageUsers', label: 'admin.departments' },
  { key: 'groups', right: 'manageUsers', label: 'admin.groups' },
  { key: 'permission-sets', right: 'manageUsers', label: 'admin.permissionSets' },
  { key: 'sharing', right: 'manageUsers', label: 'admin.sharing' },
  { key: 'transfer', right: 'transferRecords', label: 'admin.transfer' },
  { key: 'sessions', right: 'viewAudit', label: 'admin.sessions' },
  { key: 'audit', right: 'viewAudit', label: 'admin.audit' },
  { key: 'designer', right: 'customizeMetadata', label: 'designer.objects' },
  { key: 'designer/revisions', right: 'customizeMetadata', label: 'designer.revisions' },
  { key: 'packages', right: 'customizeMetadata', label: 'designer.packages' },
  { key: 'backfills', right: 'customizeMetadata', label: 'admin.backfills' },
];

export function AppShell({ objects, userName, system, children }: { objects: NavObject[]; userName: string; system: SystemRights; children: React.ReactNode }) {
  const { tr, label } = useT();
  const pathname = usePathname();
  const router = useRouter();
  const { message } = App.useApp();
  // The longest administration page the path is in (designer/revisions, not designer), else the object or page segment.
  // My approvals' key cannot be an object's name; My account has no entry ("account" would select Accounts).
  const adminKey = ADMIN_PAGES.map((p) => p.key)
    .filter((k) => pathname === `/admin/${k}` || pathname.startsWith(`/admin/${k}/`))
    .sort((a, b) => b.length - a.length)[0];
  const current = adminKey ?? /^\/(?:o|admin)\/([a-z0-9_-]+)/.exec(pathname)?.[1] ?? (pathname === '/approvals' ? 'my-approvals' : undefined);
  const adminItems = ADMIN_PAGES.filter((p) => system[p.right]).map((p) => ({ key: p.key, label: <Link href={`/admin/${p.key}`}>{tr(p.label)}</Link> }));
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
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={210} style={{ borderRight: '1px solid #eee' }}>
        <div style={{ padding: '16px 20px', fontWeight: 700, fontSize: 18 }}>Tessera</div>
        <nav aria-label={tr('approvalUi.inboxNav')}>
          <Menu mode="inline" selectedKeys={current ? [current] : []} items={[{ key: 'my-approvals', icon: <AuditOutlined />, label: <ApprovalsNavLink /> }]} />
        </nav>
        <nav aria-label={tr('ui.nav.objects')}>
          <Menu
            mode="inline"
            selectedKeys={current ? [current] : []}
            items={objects.map((o) => ({ key: o.name, icon: icon(o.icon), label: <Link href={`/o/${o.name}`}>{label(o.pluralLabel)}</Link> }))}
          />
        </nav>
        {adminItems.length > 0 && (
          <nav aria-label={tr('admin.title')}>
            <Menu mode="inline" selectedKeys={current ? [current] : []} items={[{ type: 'group', key: 'admin', label: tr('admin.title'), children: adminItems }]} />
          </nav>
        )}
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', borderBottom: '1px solid #eee' }}>
          <Space size="middle">
            <NotificationBell />
            <LanguageSwitch />
            <Link href="/account">{userName}</Link>
            <Button size="small" onClick={signOut}>
              {tr('ui.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
