'use client';
/**
 * The object's sales processes: each with its stages, default and active flags and where it comes
 * from; create and edit in a drawer, delete. Only objects whose definition names process and stage
 * fields (the `process` property) can have processes.
 */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { DetailsAlert, SourceTag, StateTags, useRefreshMetadata, type DesignerObject } from './common';
import { ProcessForm } from './process/ProcessForm';
import type { DesignerProcess } from './process/stages';

export function ProcessesTab({ object, data }: { object: string; data: DesignerObject }) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMetadata();
  const [editing, setEditing] = useState<DesignerProcess | 'new' | null>(null);
  const [error, setError] = useState<ClientAppError | null>(null);
  const remove = useMutation(
    trpc.designer.deleteProcess.mutationOptions({
      onSuccess: async () => {
        setError(null);
        await refresh();
        message.success(tr('designer.process.deleted'));
      },
      onError: (e) => setError(appErrorOf(e)),
    }),
  );
  const hasConfig = Boolean((data.object as { process?: unknown }).process);
  if (!hasConfig && data.processes.length === 0) return <Alert type="info" showIcon title={tr('designer.process.needsFields')} />;
  const processes = [...data.processes].sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.name.localeCompare(b.name));
  const layoutLabel = (name: string | undefined) => {
    if (!name) return '';
    const l = data.layouts.find((x) => x.name === name);
    return l ? label(l.label) : name;
  };

  return (
    <div>
      {!hasConfig && <Alert type="warning" showIcon title={tr('designer.process.needsFields')} style={{ marginBottom: 16 }} />}
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} disabled={!hasConfig} onClick={() => setEditing('new')}>
          {tr('designer.process.new')}
        </Button>
      </Space>
      <DetailsAlert error={error} onClose={() => setError(null)} />
      <Table<DesignerProcess>
        rowKey="name"
        size="middle"
        dataSource={processes}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'label',
            title: tr('designer.process.label'),
            render: (_, p) => (
              <Space>
                {label(p.label)}
                {p.isDefault && <Tag color="green">{tr('designer.process.default')}</Tag>}
              </Space>
            ),
          },
          { key: 'name', title: tr('admin.apiNameLabel'), render: (_, p) => <code>{p.name}</code> },
          {
            key: 'active',
            title: tr('designer.process.active'),
            render: (_, p) => (p.active === false ? <Tag>{tr('designer.process.inactive')}</Tag> : <Tag color="blue">{tr('ui.yes')}</Tag>),
          },
          { key: 'stages', title: tr('designer.process.stageCount'), render: (_, p) => p.stages.length },
          { key: 'layout', title: tr('designer.process.layout'), render: (_, p) => layoutLabel(p.layout) },
          { key: 'source', title: tr('designer.source'), render: (_, p) => <SourceTag source={p.source} /> },
          { key: 'state', title: tr('designer.state'), render: (_, p) => <StateTags customized={p.customized} /> },
          {
            key: 'actions',
            title: tr('admin.actions'),
            render: (_, p) => {
              const name = label(p.label);
              return (
                <Space size="small">
                  <Button size="small" aria-label={`${tr('ui.edit')}: ${name}`} onClick={() => setEditing(p)}>
                    {tr('ui.edit')}
                  </Button>
                  <Popconfirm
                    title={tr('admin.confirmDelete', { name })}
                    description={tr('designer.process.deleteHint')}
                    okText={tr('ui.delete')}
                    okButtonProps={{ danger: true }}
                    cancelText={tr('ui.cancel')}
                    onConfirm={() => remove.mutate({ object, name: p.name })}
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
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        size="min(1280px, 100vw)"
        destroyOnHidden
        title={editing === 'new' ? tr('designer.process.new') : tr('designer.process.edit')}
      >
        {editing !== null && (
          <ProcessForm key={editing === 'new' ? 'new' : editing.name} object={object} data={data} process={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        )}
      </Drawer>
    </div>
  );
}
