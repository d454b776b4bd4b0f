'use client';
/** Permission sets with how many users hold each; edit opens the editor page, custom sets can be deleted. */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { NavButton } from '../NavButton';
import { useTRPC } from '../trpc';
import { AdminPage, ErrorAlert, localLabel, QueryGate, useInvalidateAdmin, useOrg, type PermissionSet } from './common';
import { SYSTEM_RIGHT_LABEL, SYSTEM_RIGHTS } from './rights';

export function PermissionSetsPage() {
  const trpc = useTRPC();
  const { tr, locale } = useT();
  const { message } = App.useApp();
  const org = useOrg();
  const invalidate = useInvalidateAdmin();
  const [error, setError] = useState<ClientAppError | null>(null);
  const del = useMutation(
    trpc.admin.deletePermissionSet.mutationOptions({
      onSuccess: async () => {
        setError(null);
        await invalidate();
        message.success(tr('admin.deleted'));
      },
      onError: (e) => setError(appErrorOf(e)),
    }),
  );

  const title = tr('admin.permissionSets');
  if (!org.data) return <QueryGate title={title} error={org.error} loading={org.isLoading} />;
  return (
    <AdminPage
      title={title}
      extra={
        <NavButton type="primary" icon={<PlusOutlined />} href="/admin/permission-sets/new">
          {tr('admin.set.new')}
        </NavButton>
      }
    >
      <ErrorAlert error={error} />
      <Table<PermissionSet>
        rowKey="id"
        size="middle"
        dataSource={org.data.permissionSets}
        pagination={false}
        loading={org.isFetching}
        columns={[
          {
            key: 'label',
            title: tr('admin.labelEn'),
            render: (_, s) => (
              <Space>
                {localLabel(s, locale)}
                {s.isStock && <Tag>{tr('admin.set.stock')}</Tag>}
              </Space>
            ),
          },
          { key: 'name', title: tr('admin.apiNameLabel'), render: (_, s) => <Typography.Text code>{s.name}</Typography.Text> },
          { key: 'description', title: tr('admin.description'), render: (_, s) => s.description },
          {
            key: 'rights',
            title: tr('admin.set.systemRights'),
            render: (_, s) =>
              s.allObjects ? (
                <Tag color="gold">{tr('admin.set.allRights')}</Tag>
              ) : (
                SYSTEM_RIGHTS.filter((r) => s.system[r]).map((r) => <Tag key={r}>{tr(SYSTEM_RIGHT_LABEL[r])}</Tag>)
              ),
          },
          { key: 'users', title: tr('admin.userCount'), align: 'right', render: (_, s) => s.userCount },
          {
            key: 'actions',
            title: tr('admin.actions'),
            render: (_, s) => {
              const name = localLabel(s, locale);
              return (
                <Space size="small">
                  <NavButton size="small" aria-label={`${tr('ui.edit')}: ${name}`} href={`/admin/permission-sets/${s.id}`}>
                    {tr('ui.edit')}
                  </NavButton>
                  {!s.isStock && (
                    <Popconfirm title={tr('admin.confirmDelete', { name })} okText={tr('ui.delete')} cancelText={tr('ui.cancel')} onConfirm={() => del.mutate({ id: s.id })}>
                      <Button size="small" danger aria-label={`${tr('ui.delete')}: ${name}`}>
                        {tr('ui.delete')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
    </AdminPage>
  );
}
