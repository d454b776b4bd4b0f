'use client';
/** One's API keys: list, create (the full key is shown once), revoke. */
import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { ErrorAlert, formatTime, showServerError } from './common';

function CreateKeyModal({ onClose, onCreated }: { onClose(): void; onCreated(key: string): void }) {
  const trpc = useTRPC();
  const { tr } = useT();
  const [form] = Form.useForm<{ name: string }>();
  const [error, setError] = useState<ClientAppError | null>(null);
  const create = useMutation(
    trpc.account.createApiKey.mutationOptions({
      onSuccess: (r) => onCreated(r.key),
      onError: (e) => setError(showServerError(form, ['name'], e)),
    }),
  );
  return (
    <Modal
      open
      title={tr('account.key.create')}
      okText={tr('account.key.create')}
      cancelText={tr('ui.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <ErrorAlert error={error} />
      <Form
        form={form}
        name="apiKey"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => {
          setError(null);
          create.mutate({ name: v.name.trim() });
        }}
      >
        <Form.Item label={tr('account.key.name')} name="name" extra={tr('account.key.nameHint')} rules={[{ required: true, whitespace: true, message: tr('admin.required') }]}>
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The new key, shown this one time. */
function NewKeyModal({ apiKey, onClose }: { apiKey: string; onClose(): void }) {
  const { tr } = useT();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(apiKey);
      message.success(tr('account.key.copied'));
    } catch {
      message.error(tr('account.key.copyFailed'));
    }
  };
  return (
    <Modal
      open
      title={tr('account.key.created')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {tr('account.key.done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={tr('account.key.once')} style={{ marginBottom: 16 }} />
      <Space.Compact style={{ width: '100%' }}>
        <Input readOnly aria-label={tr('account.key.value')} value={apiKey} onFocus={(e) => e.target.select()} style={{ fontFamily: 'monospace' }} />
        <Button icon={<CopyOutlined />} onClick={copy}>
          {tr('account.key.copy')}
        </Button>
      </Space.Compact>
    </Modal>
  );
}

export function ApiKeys() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { tr } = useT();
  const { message } = App.useApp();
  const keys = useQuery(trpc.account.apiKeys.queryOptions());
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.apiKeys.queryKey() });
  const revoke = useMutation(
    trpc.account.revokeApiKey.mutationOptions({
      onSuccess: async () => {
        await refresh();
        message.success(tr('account.key.revoked'));
      },
      onError: (e) => message.error(appErrorOf(e)?.message),
    }),
  );
  type Row = NonNullable<typeof keys.data>[number];
  return (
    <div>
      <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} style={{ marginBottom: 12 }}>
        {tr('account.key.create')}
      </Button>
      <ErrorAlert error={appErrorOf(keys.error)} />
      <Table<Row>
        rowKey="id"
        size="small"
        pagination={false}
        loading={keys.isFetching}
        dataSource={keys.data ?? []}
        locale={{ emptyText: tr('account.key.none') }}
        columns={[
          { key: 'name', title: tr('account.key.name'), render: (_, k) => k.name },
          { key: 'prefix', title: tr('account.key.prefix'), render: (_, k) => <Typography.Text code>{k.prefix}…</Typography.Text> },
          { key: 'created', title: tr('account.key.createdAt'), render: (_, k) => formatTime(k.createdAt) },
          { key: 'used', title: tr('account.key.lastUsed'), render: (_, k) => formatTime(k.lastUsedAt) || tr('account.key.never') },
          { key: 'revoked', title: tr('account.key.revokedAt'), render: (_, k) => (k.revokedAt ? <Tag color="red">{formatTime(k.revokedAt)}</Tag> : '') },
          {
            key: 'actions',
            title: tr('admin.actions'),
            render: (_, k) =>
              !k.revokedAt && (
                <Popconfirm
                  title={tr('account.key.confirmRevoke', { name: k.name })}
                  okText={tr('account.key.revoke')}
                  cancelText={tr('ui.cancel')}
                  onConfirm={() => revoke.mutate({ id: k.id })}
                >
                  <Button size="small" danger aria-label={`${tr('account.key.revoke')}: ${k.name}`}>
                    {tr('account.key.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {creating && (
        <CreateKeyModal
          onClose={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false);
            setShown(key);
            void refresh();
          }}
        />
      )}
      {shown && <NewKeyModal apiKey={shown} onClose={() => setShown(null)} />}
    </div>
  );
}
