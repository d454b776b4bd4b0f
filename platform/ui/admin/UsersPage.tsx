'use client';
/** Users: who they are, where they sit in the organisation, what they may do; create, edit, deactivate, reset password. */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { AdminPage, ErrorAlert, formatTime, localLabel, QueryGate, showServerError, useInvalidateAdmin, useOrg, type OrgUser } from './common';
import { UserForm } from './UserForm';

function ResetPasswordModal({ user, onClose }: { user: OrgUser | null; onClose(): void }) {
  const trpc = useTRPC();
  const { tr } = useT();
  const { message } = App.useApp();
  const invalidate = useInvalidateAdmin();
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<ClientAppError | null>(null);
  const reset = useMutation(
    trpc.admin.resetPassword.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        message.success(tr('admin.user.passwordReset'));
        form.resetFields();
        onClose();
      },
      onError: (e) => setError(showServerError(form, ['password'], e)),
    }),
  );
  return (
    <Modal
      open={Boolean(user)}
      title={tr('admin.user.resetPasswordOf', { name: user?.name ?? '' })}
      okText={tr('admin.user.resetPassword')}
      cancelText={tr('ui.cancel')}
      confirmLoading={reset.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        setError(null);
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form
        form={form}
        name="resetPassword"
        layout="vertical"
        onFinish={(v) => {
          setError(null);
          reset.mutate({ id: user!.id, password: v.password });
        }}
      >
        <Form.Item label={tr('admin.user.newPassword')} name="password" extra={tr('admin.user.resetHint')} rules={[{ required: true, message: tr('admin.required') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function UsersPage() {
  const trpc = useTRPC();
  const { tr, locale } = useT();
  const { message } = App.useApp();
  const org = useOrg();
  const invalidate = useInvalidateAdmin();
  const [editing, setEditing] = useState<OrgUser | 'new' | null>(null);
  const [resetting, setResetting] = useState<OrgUser | null>(null);
  const setActive = useMutation(
    trpc.admin.setUserActive.mutationOptions({
      onSuccess: async (_d, v) => {
        await invalidate();
        message.success(tr(v.active ? 'admin.user.reactivated' : 'admin.user.deactivated'));
      },
      onError: (e) => message.error(appErrorOf(e)?.message),
    }),
  );

  const title = tr('admin.users');
  if (!org.data) return <QueryGate title={title} error={org.error} loading={org.isLoading} />;
  const { roles, departments, permissionSets, users } = org.data;
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const roleOf = byId(roles),
    deptOf = byId(departments),
    setOf = byId(permissionSets),
    userOf = byId(users);
  const nodeText = (n: { label: string; labelZh: string | null } | undefined) => (n ? localLabel(n, locale) : '');

  return (
    <AdminPage
      title={title}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {tr('admin.user.new')}
        </Button>
      }
    >
      <Table<OrgUser>
        rowKey="id"
        size="middle"
        dataSource={users}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        loading={org.isFetching}
        columns={[
          { key: 'name', title: tr('admin.user.name'), render: (_, u) => u.name },
          { key: 'email', title: tr('admin.user.email'), render: (_, u) => u.email },
          { key: 'role', title: tr('admin.user.role'), render: (_, u) => nodeText(u.roleId ? roleOf.get(u.roleId) : undefined) },
          { key: 'department', title: tr('admin.user.department'), render: (_, u) => nodeText(u.departmentId ? deptOf.get(u.departmentId) : undefined) },
          { key: 'manager', title: tr('admin.user.manager'), render: (_, u) => (u.managerId ? userOf.get(u.managerId)?.name : '') },
          {
            key: 'sets',
            title: tr('admin.user.permissionSets'),
            render: (_, u) =>
              u.permissionSetIds
                .map((id) => setOf.get(id))
                .filter(Boolean)
                .map((s) => <Tag key={s!.id}>{localLabel(s!, locale)}</Tag>),
          },
          { key: 'active', title: tr('admin.user.active'), render: (_, u) => (u.active ? <Tag color="green">{tr('ui.yes')}</Tag> : <Tag>{tr('ui.no')}</Tag>) },
          { key: 'locked', title: tr('admin.user.lockedUntil'), render: (_, u) => (u.lockedUntil && new Date(u.lockedUntil) > new Date() ? formatTime(u.lockedUntil) : '') },
          {
            key: 'actions',
            title: tr('admin.actions'),
            render: (_, u) => (
              <Space size="small" wrap>
                <Button size="small" aria-label={`${tr('ui.edit')}: ${u.name}`} onClick={() => setEditing(u)}>
                  {tr('ui.edit')}
                </Button>
                <Popconfirm
                  title={tr(u.active ? 'admin.user.confirmDeactivate' : 'admin.user.confirmReactivate', { name: u.name })}
                  okText={tr(u.active ? 'admin.user.deactivate' : 'admin.user.reactivate')}
                  cancelText={tr('ui.cancel')}
                  onConfirm={() => setActive.mutate({ id: u.id, active: !u.active })}
                >
                  <Button size="small" danger={u.active} aria-label={`${tr(u.active ? 'admin.user.deactivate' : 'admin.user.reactivate')}: ${u.name}`}>
                    {tr(u.active ? 'admin.user.deactivate' : 'admin.user.reactivate')}
                  </Button>
                </Popconfirm>
                <Button size="small" aria-label={`${tr('admin.user.resetPassword')}: ${u.name}`} onClick={() => setResetting(u)}>
                  {tr('admin.user.resetPassword')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        size={520}
        destroyOnHidden
        title={editing === 'new' ? tr('admin.user.new') : tr('admin.user.editOf', { name: editing?.name ?? '' })}
      >
        {editing !== null && <UserForm key={editing === 'new' ? 'new' : editing.id} org={org.data} user={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </Drawer>
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </AdminPage>
  );
}
