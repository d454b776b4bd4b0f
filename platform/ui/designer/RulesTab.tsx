'use client';
/**
 * The object's validation rules: what each checks, the field its message shows next to, whether
 * it runs and where it comes from; create and edit in a drawer (the condition is a formula checked
 * as you type), delete.
 */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Drawer, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { compactJson, DetailsAlert, SourceTag, StateTags, useRefreshMetadata, type DesignerObject } from './common';
import { RuleForm, type DesignerRule } from './process/RuleForm';

export function RulesTab({ object, data }: { object: string; data: DesignerObject }) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMetadata();
  const [editing, setEditing] = useState<DesignerRule | 'new' | null>(null);
  const [error, setError] = useState<ClientAppError | null>(null);
  const remove = useMutation(
    trpc.designer.deleteRule.mutationOptions({
      onSuccess: async () => {
        setError(null);
        await refresh();
        message.success(tr('designer.rule.deleted'));
      },
      onError: (e) => setError(appErrorOf(e)),
    }),
  );
  const rules = [...data.rules].sort((a, b) => a.name.localeCompare(b.name));
  const fieldLabel = (name: string | undefined) => (name ? label(data.fields.find((f) => f.name === name)?.label) || name : '');

  return (
    <div>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {tr('designer.rule.new')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{tr('designer.rule.tabHint')}</Typography.Paragraph>
      <DetailsAlert error={error} onClose={() => setError(null)} />
      <Table<DesignerRule>
        rowKey="name"
        size="middle"
        dataSource={rules}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: tr('designer.rule.none') }}
        columns={[
          { key: 'label', title: tr('designer.rule.label'), render: (_, r) => label(r.label) },
          { key: 'name', title: tr('admin.apiNameLabel'), render: (_, r) => <code>{r.name}</code> },
          {
            key: 'errorWhen',
            title: tr('designer.rule.errorWhen'),
            render: (_, r) => (
              <Typography.Text code ellipsis={{ tooltip: true }} style={{ maxWidth: 320 }}>
                {typeof r.errorWhen === 'string' ? r.errorWhen : compactJson(r.errorWhen)}
              </Typography.Text>
            ),
          },
          { key: 'field', title: tr('designer.rule.field'), render: (_, r) => fieldLabel(r.field) },
          {
            key: 'active',
            title: tr('designer.rule.active'),
            render: (_, r) => (r.active === false ? <Tag>{tr('designer.process.inactive')}</Tag> : <Tag color="blue">{tr('ui.yes')}</Tag>),
          },
          { key: 'source', title: tr('designer.source'), render: (_, r) => <SourceTag source={r.source} /> },
          { key: 'state', title: tr('designer.state'), render: (_, r) => <StateTags customized={r.customized} /> },
          {
            key: 'actions',
            title: tr('admin.actions'),
            render: (_, r) => {
              const name = label(r.label);
              return (
                <Space size="small">
                  <Button size="small" aria-label={`${tr('ui.edit')}: ${name}`} onClick={() => setEditing(r)}>
                    {tr('ui.edit')}
                  </Button>
                  <Popconfirm
                    title={tr('admin.confirmDelete', { name })}
                    okText={tr('ui.delete')}
                    okButtonProps={{ danger: true }}
                    cancelText={tr('ui.cancel')}
                    onConfirm={() => remove.mutate({ object, name: r.name })}
                  >
                    <Button size="small" danger aria-label={`${tr('ui.delete')}: ${name}`}>
                      {tr('ui.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              );
            },
          },
        ]}
      />
      <Drawer open={editing !== null} onClose={() => setEditing(null)} size={760} destroyOnHidden title={editing === 'new' ? tr('designer.rule.new') : tr('designer.rule.edit')}>
        {editing !== null && (
          <RuleForm key={editing === 'new' ? 'new' : editing.name} object={object} data={data} rule={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        )}
      </Drawer>
    </div>
  );
}
