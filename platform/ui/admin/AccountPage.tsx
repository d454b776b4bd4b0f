'use client';
/** My account: profile, password change, who approves for me while I am away, API keys. */
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Tag } from 'antd';
import { DelegationSection } from '../approvals/DelegationSection';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { ApiKeys } from './ApiKeys';
import { ChangePasswordForm } from './ChangePasswordForm';
import { AdminPage, QueryGate, SectionTitle } from './common';
import { SYSTEM_RIGHT_LABEL, SYSTEM_RIGHTS } from './rights';

export function AccountPage() {
  const trpc = useTRPC();
  const { tr } = useT();
  const me = useQuery(trpc.account.me.queryOptions());
  const title = tr('ui.account');
  if (!me.data) return <QueryGate title={title} error={me.error} loading={me.isLoading} />;
  const u = me.data;
  const rights = SYSTEM_RIGHTS.filter((r) => u.system[r]);
  return (
    <AdminPage title={title}>
      <SectionTitle>{tr('account.profile')}</SectionTitle>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        bordered
        items={[
          { key: 'name', label: tr('admin.user.name'), children: u.name },
          { key: 'email', label: tr('admin.user.email'), children: u.email },
          { key: 'title', label: tr('admin.user.title'), children: u.title ?? '' },
          { key: 'locale', label: tr('admin.user.language'), children: u.locale === 'zh-CN' ? '简体中文' : u.locale === 'en' ? 'English' : tr('input.language.browser') },
          { key: 'role', label: tr('admin.user.role'), children: u.role ?? '' },
          { key: 'department', label: tr('admin.user.department'), children: u.department ?? '' },
          { key: 'manager', label: tr('admin.user.manager'), children: u.manager ?? '' },
          { key: 'sets', label: tr('admin.user.permissionSets'), children: u.permissionSets.map((s) => <Tag key={s}>{s}</Tag>) },
          {
            key: 'rights',
            label: tr('admin.set.systemRights'),
            span: 2,
            children: rights.length ? rights.map((r) => <Tag key={r}>{tr(SYSTEM_RIGHT_LABEL[r])}</Tag>) : tr('admin.none'),
          },
        ]}
      />
      <SectionTitle>{tr('account.password')}</SectionTitle>
      <ChangePasswordForm />
      <SectionTitle>{tr('approvalUi.delegation')}</SectionTitle>
      <DelegationSection />
      <SectionTitle>{tr('account.keys')}</SectionTitle>
      <ApiKeys />
    </AdminPage>
  );
}
