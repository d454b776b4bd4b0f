'use client';
/** The fields of an object: where each comes from, add and edit in a drawer, archive, restore, purge. */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Drawer, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { DetailsAlert, SourceTag, StateTags, useRefreshMetadata, type DesignerField, type DesignerObject, type FieldTypeInfo } from './common';
import { FieldForm } from './FieldForm';

export function FieldsTab({ object, data, types }: { object: string; data: DesignerObject; types: FieldTypeInfo[] }) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMetadata();
  const [editing, setEditing] = useState<DesignerField | 'new' | null>(null);
  const [error, setError] = useState<ClientAppError | null>(null);
  const typeOf = new Map(types.map((t) => [t.name, t]));
  const done = (key: 'designer.field.archived' | 'designer.field.restored' | 'designer.field.purged') => ({
    onSuccess: async () => {
      setError(null);
      await refresh();
      message.success(tr(key));
    },
    onError: (e: unknown) => setError(appErrorOf(e)),
  });
  const archive = useMutation(trpc.designer.archiveField.mutationOptions(done('designer.field.archived')));
  const restore = useMutation(trpc.designer.restoreField.mutationOptions(done('designer.field.restored')));
  const purge = useMutation(trpc.designer.purge.mutationOptions(done('designer.field.purged')));
  const objects = data.fields;

  return (
    <div>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {tr('designer.field.new')}
        </Button>
      </Space>
      <DetailsAlert error={error} onClose={() => setError(null)} />
      <Table<DesignerField>
        rowKey="name"
        size="middle"
        dataSource={objects}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'label', title: tr('designer.field.label'), render: (_, f) => label(f.label) },
          { key: 'name', title: tr('admin.apiNameLabel'), render: (_, f) => <code>{f.name}</code> },
          { key: 'type', title: tr('designer.field.type'), render: (_, f) => label(typeOf.get(f.type)?.label) || f.type },
          { key: 'required', title: tr('admin.required'), render: (_, f) => (f.required ? <Tag color="blue">{tr('ui.yes')}</Tag> : null) },
          { key: 'source', title: tr('designer.source'), render: (_, f) => <SourceTag source={f.source} /> },
          { key: 'state', title: tr('designer.state'), render: (_, f) => <StateTags customized={f.customized} archived={f.archived} /> },
          {
            key: 'actions',
            title: tr('admin.actions'),
            render: (_, f) => {
              const name = label(f.label);
              return (
                <Space size="small" wrap>
                  <Button size="small" aria-label={`${tr('ui.edit')}: ${name}`} onClick={() => setEditing(f)}>
                    {tr('ui.edit')}
                  </Button>
                  {!f.archived && (
                    <Button
                      size="small"
                      aria-label={`${tr('designer.archive')}: ${name}`}
                      loading={archive.isPending && archive.variables?.field === f.name}
                      onClick={() => archive.mutate({ object, field: f.name })}
                    >
                      {tr('designer.archive')}
                    </Button>
                  )}
                  {f.archived && (
                    <Button
                      size="small"
                      aria-label={`${tr('ui.restore')}: ${name}`}
                      loading={restore.isPending && restore.variables?.field === f.name}
                      onClick={() => restore.mutate({ object, field: f.name })}
                    >
                      {tr('ui.restore')}
                    </Button>
                  )}
                  {f.archived && (
                    <Popconfirm
                      title={tr('designer.field.confirmPurge', { name })}
                      okText={tr('designer.purge')}
                      okButtonProps={{ danger: true }}
                      cancelText={tr('ui.cancel')}
                      onConfirm={() => purge.mutate({ object, field: f.name })}
                    >
                      <Button size="small" danger aria-label={`${tr('designer.purge')}: ${name}`}>
                        {tr('designer.purge')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      <Drawer open={editing !== null} onClose={() => setEditing(null)} size={720} destroyOnHidden title={editing === 'new' ? tr('designer.field.new') : tr('designer.field.edit')}>
        {editing !== null && (
          <FieldForm key={editing === 'new' ? 'new' : editing.name} object={object} field={editing === 'new' ? null : editing} types={types} onDone={() => setEditing(null)} />
        )}
      </Drawer>
    </div>
  );
}
