'use client';
/** The object's web forms in the designer: each with its public page and submissions; create, edit (WebFormEditor) and delete. */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Drawer, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { FieldDef } from '../../fields/types';
import type { WebFormDefinition } from '../../metadata/generated/web_form';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { DetailsAlert, SourceTag, StateTags, useRefreshMetadata, type DesignerObject } from '../designer/common';
import { WebFormEditor } from './WebFormEditor';

type Row = WebFormDefinition & { source: string; customized: boolean };

export function WebFormsTab({ object, data }: { object: string; data: DesignerObject }) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMetadata();
  const ws = useQuery(trpc.webforms.workspace.queryOptions());
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const [error, setError] = useState<ClientAppError | null>(null);
  const forms = ((data.documents.webforms ?? []) as unknown as Row[]).slice().sort((a, b) => a.name.localeCompare(b.name));
  const remove = useMutation(
    trpc.designer.deleteItem.mutationOptions({
      onSuccess: async () => {
        await refresh();
        message.success(tr('webForm.d.deleted'));
      },
      onError: (e) => setError(appErrorOf(e)),
    }),
  );
  const publicPath = (name: string) => `/f/${ws.data?.name ?? ''}/${name}`;
  return (
    <div>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {tr('webForm.d.new')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{tr('webForm.d.hint')}</Typography.Paragraph>
      <DetailsAlert error={error} onClose={() => setError(null)} />
      <Table<Row>
        rowKey="name"
        size="middle"
        dataSource={forms}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: tr('webForm.d.none') }}
        columns={[
          { key: 'label', title: tr('designer.rule.label'), render: (_, r) => label(r.label) },
          { key: 'name', title: tr('admin.apiNameLabel'), render: (_, r) => <code>{r.name}</code> },
          {
            key: 'active',
            title: tr('designer.rule.active'),
            render: (_, r) => (r.active ? <Tag color="blue">{tr('ui.yes')}</Tag> : <Tag>{tr('designer.process.inactive')}</Tag>),
          },
          {
            key: 'public',
            title: tr('webForm.d.publicPage'),
            render: (_, r) =>
              r.active ? (
                <a href={publicPath(r.name)} target="_blank" rel="noreferrer">
                  {publicPath(r.name)}
                </a>
              ) : null,
          },
          { key: 'source', title: tr('designer.source'), render: (_, r) => <SourceTag source={r.source} /> },
          { key: 'state', title: tr('designer.state'), render: (_, r) => <StateTags customized={r.customized} /> },
          {
            key: 'actions',
            title: tr('admin.actions'),
            render: (_, r) => (
              <Space size="small">
                <Button size="small" aria-label={`${tr('ui.edit')}: ${label(r.label)}`} onClick={() => setEditing(r)}>
                  {tr('ui.edit')}
                </Button>
                <Button size="small" href={`/admin/webforms?form=${r.name}`}>
                  {tr('webForm.d.submissions')}
                </Button>
                {r.source === 'workspace' && (
                  <Popconfirm title={tr('ui.delete')} onConfirm={() => remove.mutate({ kind: 'web_form', object, name: r.name })}>
                    <Button size="small" danger aria-label={`${tr('ui.delete')}: ${label(r.label)}`}>
                      {tr('ui.delete')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Drawer open={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? tr('webForm.d.new') : tr('webForm.d.edit')} size={1100} destroyOnHidden>
        {editing !== null && (
          <WebFormEditor
            object={object}
            fields={data.fields as unknown as FieldDef[]}
            initial={editing === 'new' ? undefined : stripOrigin(editing)}
            onDone={() => setEditing(null)}
          />
        )}
      </Drawer>
    </div>
  );
}

/** The document without the designer's origin markers. */
function stripOrigin(r: Row): WebFormDefinition {
  const { source: _s, customized: _c, ...doc } = r;
  void _s;
  void _c;
  return doc as WebFormDefinition;
}
