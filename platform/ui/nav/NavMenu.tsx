'use client';
/**
 * The navigation's menus (the side bar on a desktop, the drawer on a phone): the effective app's
 * menu in its order, the recently viewed records, and the administration pages the user may open.
 */
import { AppstoreOutlined, AuditOutlined, BarChartOutlined, DashboardOutlined, HistoryOutlined, HomeOutlined, LinkOutlined } from '@ant-design/icons';
import { Menu } from 'antd';
import type { ItemType } from 'antd/es/menu/interface';
import Link from 'next/link';
import type { MessageKey } from '../../core/i18n';
import type { MenuEntry } from '../../navigation/apps';
import type { RecentRecord } from '../../navigation/recent';
import { ApprovalsNavLink } from '../approvals/ApprovalsNavLink';
import { useT } from '../i18n';
import { objectIcon } from './icons';
import css from './nav.module.css';

export type SystemRights = Record<'customizeMetadata' | 'manageUsers' | 'importData' | 'exportData' | 'transferRecords' | 'viewAudit', boolean>;

/** Administration pages and the right each needs. */
export const ADMIN_PAGES: { key: string; right: keyof SystemRights; label: MessageKey }[] = [
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
  { key: 'webforms', right: 'customizeMetadata', label: 'webForm.submissions.title' },
  { key: 'settings', right: 'customizeMetadata', label: 'ui.settings.title' },
];

/** The menu key of a path: the longest administration page it is in, else the object or page. */
export function currentKey(pathname: string, recordPage: boolean): string | undefined {
  const adminKey = ADMIN_PAGES.map((p) => p.key)
    .filter((k) => pathname === `/admin/${k}` || pathname.startsWith(`/admin/${k}/`))
    .sort((a, b) => b.length - a.length)[0];
  if (adminKey) return adminKey;
  if (pathname === '/approvals') return 'my-approvals';
  if (pathname === '/objects') return 'page:objects';
  if (/^\/(reports|dashboards)(\/|$)/.test(pathname)) return `page:${pathname.split('/')[1]}`;
  if (recordPage) return `recent:${pathname}`;
  return /^\/(?:o|admin)\/([a-z0-9_-]+)/.exec(pathname)?.[1];
}

export function NavMenu({
  menu,
  recent,
  system,
  selected,
  onNavigate,
}: {
  menu: MenuEntry[];
  recent: RecentRecord[];
  system: SystemRights;
  selected: string | undefined;
  onNavigate?: () => void;
}) {
  const { tr, label } = useT();
  const link = (href: string, text: React.ReactNode) => (
    <Link href={href} onClick={onNavigate}>
      {text}
    </Link>
  );
  const items = (entries: MenuEntry[], prefix = ''): ItemType[] =>
    entries.map((e, i): ItemType => {
      if (e.type === 'object') return { key: e.object, icon: objectIcon(e.icon), label: link(`/o/${e.object}`, label(e.label)) };
      if (e.type === 'page' && e.page === 'approvals')
        return {
          key: 'my-approvals',
          icon: <AuditOutlined aria-hidden />,
          label: (
            <span onClick={onNavigate}>
              <ApprovalsNavLink />
            </span>
          ),
        };
      if (e.type === 'page' && e.page === 'home') return { key: 'page:home', icon: <HomeOutlined aria-hidden />, label: link('/', e.label ? label(e.label) : tr('nav.home')) };
      if (e.type === 'page' && e.page === 'reports')
        return { key: 'page:reports', icon: <BarChartOutlined aria-hidden />, label: link('/reports', e.label ? label(e.label) : tr('rui.reports')) };
      if (e.type === 'page' && e.page === 'dashboards')
        return { key: 'page:dashboards', icon: <DashboardOutlined aria-hidden />, label: link('/dashboards', e.label ? label(e.label) : tr('rui.dashboards')) };
      if (e.type === 'page') return { key: 'page:objects', icon: <AppstoreOutlined aria-hidden />, label: link('/objects', e.label ? label(e.label) : tr('nav.objects')) };
      if (e.type === 'url') {
        const external = /^https?:/.test(e.url);
        return {
          key: `url:${prefix}${i}`,
          icon: <LinkOutlined aria-hidden />,
          label: external ? (
            <a href={e.url} target="_blank" rel="noopener noreferrer">
              {label(e.label)}
            </a>
          ) : (
            link(e.url, label(e.label))
          ),
        };
      }
      return { type: 'group', key: `group:${prefix}${i}`, label: label(e.label), children: items(e.items, `${prefix}${i}.`) };
    });
  const adminItems = ADMIN_PAGES.filter((p) => system[p.right]).map((p) => ({ key: p.key, label: link(`/admin/${p.key}`, tr(p.label)) }));
  const recentItems: ItemType[] = recent.slice(0, 5).map((r) => ({
    key: `recent:/o/${r.object}/${r.id}`,
    icon: objectIcon(r.icon),
    label: link(`/o/${r.object}/${r.id}`, <span title={`${label(r.objectLabel)}: ${r.name ?? ''}`}>{r.name ?? r.id}</span>),
  }));
  const selectedKeys = selected ? [selected] : [];
  const recentTitle = (
    <span>
      <HistoryOutlined aria-hidden /> {tr('nav.recent')}
    </span>
  );
  return (
    <div className={css.nav}>
      <nav aria-label={tr('nav.menu')}>
        <Menu mode="inline" selectedKeys={selectedKeys} items={items(menu)} />
      </nav>
      <nav aria-label={tr('nav.recent')}>
        {recentItems.length ? (
          <Menu mode="inline" selectedKeys={selectedKeys} items={[{ type: 'group', key: 'recent', label: recentTitle, children: recentItems }]} />
        ) : (
          // No empty menu (a menu must hold items): the title and a note.
          <>
            <div className={css.recentTitle}>{recentTitle}</div>
            <div className={css.recentEmpty}>{tr('nav.recentEmpty')}</div>
          </>
        )}
      </nav>
      {adminItems.length > 0 && (
        <nav aria-label={tr('admin.title')}>
          <Menu mode="inline" selectedKeys={selectedKeys} items={[{ type: 'group', key: 'admin', label: tr('admin.title'), children: adminItems }]} />
        </nav>
      )}
    </div>
  );
}
