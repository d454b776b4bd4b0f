'use client';
/**
 * Who else has this record: manual shares and (on objects with teams) the record team. Those
 * with full access to the record (its owner, those above them, admins) can add and remove people.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { appErrorOf } from './errors';
import { useT } from './i18n';
import { useTRPC } from './trpc';

type Reason = 'manual' | 'team';

interface Share {
  id: string;
  userId: string;
  userName: string;
  access: string;
  reason: Reason;
  teamRole: string | null;
}

function UserPicker({ value, onChange, ariaLabel }: { value?: string; onChange?: (v: string) => void; ariaLabel: string }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const users = useQuery(trpc.account.findUsers.queryOptions({ search }));
  return (
    <Select
      aria-label={ariaLabel}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={onChange}
      options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.name} · ${u.email}` }))}
      loading={users.isFetching}
    />
  );
}

function AddDialog({ object, id, reason, open, onClose }: { object: string; id: string; reason: Reason; open: boolean; onClose(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { tr } = useT();
  const [form] = Form.useForm<{ userId: string; access: 'read' | 'read_write'; teamRole?: string }>();
  const [error, setError] = useState<string | null>(null);
  const share = useMutation(
    trpc.records.share.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.records.pathKey() });
        form.resetFields();
        onClose();
      },
      onError: (e) => setError(appErrorOf(e)?.message ?? null),
    }),
  );
  return (
    <Modal
      open={open}
      title={reason === 'team' ? tr('ui.share.addTeam') : tr('ui.share.add')}
      okText={tr('ui.save')}
      cancelText={tr('ui.cancel')}
      confirmLoading={share.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {error && <Alert role="alert" type="error" title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ access: reason === 'team' ? 'read_write' : 'read' }}
        onFinish={(v) => share.mutate({ object, id, userId: v.userId, access: v.access, reason, teamRole: v.teamRole ?? null })}
      >
        <Form.Item name="userId" label={tr('ui.share.user')} rules={[{ required: true }]}>
          <UserPicker ariaLabel={tr('ui.share.user')} />
        </Form.Item>
        <Form.Item name="access" label={tr('ui.share.access')}>
          <Select
            aria-label={tr('ui.share.access')}
            options={[
              { value: 'read', label: tr('ui.share.read') },
              { value: 'read_write', label: tr('ui.share.readWrite') },
            ]}
          />
        </Form.Item>
        {reason === 'team' && (
          <Form.Item name="teamRole" label={tr('ui.share.teamRole')}>
            <Input maxLength={100} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export function SharingPanel({ object, id }: { object: string; id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { tr } = useT();
  const [adding, setAdding] = useState<Reason | null>(null);
  const shares = useQuery(trpc.records.shares.queryOptions({ object, id }));
  const remove = useMutation(
    trpc.records.unshare.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.records.pathKey() }),
      onError: (e) => message.error(appErrorOf(e)?.message),
    }),
  );
  if (!shares.data) return null;
  const { canManage, teams } = shares.data;
  const list = (reason: Reason) => (shares.data.shares as Share[]).filter((s) => s.reason === reason);
  const table = (reason: Reason) => (
    <Table<Share>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={list(reason)}
      locale={{ emptyText: reason === 'team' ? tr('ui.share.noTeam') : tr('ui.share.none') }}
      columns={[
        { key: 'user', title: tr('ui.share.user'), dataIndex: 'userName' },
        ...(reason === 'team' ? [{ key: 'role', title: tr('ui.share.teamRole'), dataIndex: 'teamRole' }] : []),
        { key: 'access', title: tr('ui.share.access'), render: (_: unknown, s: Share) => (s.access === 'read_write' ? tr('ui.share.readWrite') : tr('ui.share.read')) },
        ...(canManage
          ? [
              {
                key: 'remove',
                title: '',
                render: (_: unknown, s: Share) => (
                  <Button
                    size="small"
                    aria-label={`${tr('ui.share.remove')} ${s.userName}`}
                    icon={<DeleteOutlined />}
                    onClick={() => remove.mutate({ object, id, shareId: s.id })}
                  />
                ),
              },
            ]
          : []),
      ]}
    />
  );
  const section = (reason: Reason, title: string, addLabel: string) => (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={
        <Typography.Title level={2} style={{ fontSize: 15, margin: 0 }}>
          {title}
        </Typography.Title>
      }
      extra={
        canManage && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(reason)}>
            {addLabel}
          </Button>
        )
      }
    >
      {table(reason)}
    </Card>
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={0}>
      {teams && section('team', tr('ui.team'), tr('ui.share.addTeam'))}
      {section('manual', tr('ui.sharing'), tr('ui.share.add'))}
      {adding && <AddDialog object={object} id={id} reason={adding} open onClose={() => setAdding(null)} />}
    </Space>
  );
}
