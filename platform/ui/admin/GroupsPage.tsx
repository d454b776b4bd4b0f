'use client';
/** Public groups: named sets of users that sharing rules can grant access to. */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { AdminPage, ErrorAlert, QueryGate, showServerError, useInvalidateAdmin, useOrg, userOptions, type Group, type Org } from './common';

interface Values {
  name: string;
  label: string;
  memberIds: string[];
}

function GroupForm({ org, group, onClose }: { org: Org; group: Group | null; onClose(): void }) {
  const trpc = useTRPC();
  const { tr } = useT();
  const { message } = App.useApp();
  const invalidate = useInvalidateAdmin();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ClientAppError | null>(null);
  const save = useMutation(
    trpc.admin.saveGroup.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        message.success(tr('ui.saved'));
        onClose();
      },
      onError: (e) => setError(showServerError(form, ['name', 'label', 'memberIds'], e)),
    }),
  );
  return (
    <Modal
      open
      title={group ? tr('admin.group.edit', { name: group.label }) : tr('admin.group.new')}
      okText={tr('ui.save')}
      cancelText={tr('ui.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <ErrorAlert error={error} />
      <Form<Values>
        form={form}
        name="group"
        layout="vertical"
        requiredMark={false}
        initialValues={group ? { name: group.name, label: group.label, memberIds: group.memberIds } : { memberIds: [] }}
        onFinish={(v) => {
          setError(null);
          save.mutate({ id: group?.id, name: v.name.trim(), label: v.label.trim(), memberIds: v.memberIds ?? [] });
        }}
      >
        <Form.Item label={tr('admin.apiNameLabel')} name="name" extra={tr('admin.apiNameHint')} rules={[{ required: true, message: tr('admin.required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={tr('admin.labelEn')} name="label" rules={[{ required: true, message: tr('admin.required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={tr('admin.group.members')} name="memberIds">
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={userOptions(org.users)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function GroupsPage() {
  const trpc = useTRPC();
  const { tr } = useT();
  const { message } = App.useApp();
  const org = useOrg();
  const invalidate = useInvalidateAdmin();
  const [editing, setEditing] = useState<Group | 'new' | null>(null);
  const [error, setError] = useState<ClientAppError | null>(null);
  const del = useMutation(
    trpc.admin.deleteGroup.mutationOptions({
      onSuccess: async () => {
        setError(null);
        await invalidate();
        message.success(tr('admin.deleted'));
      },
      onError: (e) => setError(appErrorOf(e)),
    }),
  );

  const title = tr('admin.groups');
  if (!org.data) return <QueryGate title={title} error={org.error} loading={org.isLoading} />;
  const names = new Map(org.data.users.map((u) => [u.id, u.name]));
  return (
    <AdminPage
      title={title}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {tr('admin.group.new')}
        </Button>
      }
    >
      <ErrorAlert error={error} />
      <Table<Group>
        rowKey="id"
        size="middle"
        dataSource={org.data.groups}
        pagination={false}
        loading={org.isFetching}
        locale={{ emptyText: tr('admin.none') }}
        columns={[
          { key: 'label', title: tr('admin.labelEn'), render: (_, g) => g.label },
          { key: 'name', title: tr('admin.apiNameLabel'), render: (_, g) => <Typography.Text code>{g.name}</Typography.Text> },
          { key: 'members', title: tr('admin.group.members'), render: (_, g) => g.memberIds.map((id) => names.get(id) ?? id).join(', ') },
          {
            key: 'actions',
            title: tr('admin.actions'),
            render: (_, g) => (
              <Space size="small">
                <Button size="small" aria-label={`${tr('ui.edit')}: ${g.label}`} onClick={() => setEditing(g)}>
                  {tr('ui.edit')}
                </Button>
                <Popconfirm title={tr('admin.confirmDelete', { name: g.label })} okText={tr('ui.delete')} cancelText={tr('ui.cancel')} onConfirm={() => del.mutate({ id: g.id })}>
                  <Button size="small" danger aria-label={`${tr('ui.delete')}: ${g.label}`}>
                    {tr('ui.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && <GroupForm org={org.data} group={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </AdminPage>
  );
}
