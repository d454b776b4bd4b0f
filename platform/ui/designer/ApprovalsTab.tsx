'use client';
/**
 * The object's approval flows in the order they are tried (the first active one whose entry
 * condition a record meets is used): move up and down (rewriting the `order` of the flows
 * involved), activate or deactivate, create and edit in a drawer, delete. Saving a flow makes a
 * new version for future submissions; requests in flight keep theirs.
 */
import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Popconfirm, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import type { ObjectInfo } from '../types';
import { DetailsAlert, SourceTag, StateTags, stripOrigin, useRefreshMetadata, type DesignerObject } from './common';
import { ApprovalForm } from './approval/ApprovalForm';
import { moveChanges, orderOf, sortFlows, type DesignerApproval } from './approval/flow';

export function ApprovalsTab({ object, data }: { object: string; data: DesignerObject }) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMetadata();
  const meta = useQuery(trpc.meta.object.queryOptions({ object }));
  const [editing, setEditing] = useState<DesignerApproval | 'new' | null>(null);
  const [error, setError] = useState<ClientAppError | null>(null);
  const [busy, setBusy] = useState(false);
  const save = useMutation(trpc.designer.saveApproval.mutationOptions());
  const remove = useMutation(
    trpc.designer.deleteApproval.mutationOptions({
      onSuccess: async () => {
        setError(null);
        await refresh();
        message.success(tr('designer.approval.deleted'));
      },
      onError: (e) => setError(appErrorOf(e)),
    }),
  );
  const flows = sortFlows(data.approvals);
  const fields = (meta.data?.object as unknown as ObjectInfo | undefined)?.fields;

  /** Save flows one after the other (each a revision), then refresh once. */
  const saveAll = async (changes: { flow: DesignerApproval; patch: Record<string, unknown> }[], done: string) => {
    setBusy(true);
    setError(null);
    try {
      for (const { flow, patch } of changes) {
        const def = { ...(stripOrigin(flow) as unknown as Record<string, unknown>), ...patch };
        for (const [k, v] of Object.entries(patch)) if (v === undefined) delete def[k];
        await save.mutateAsync({ approval: def, mode: 'update' });
      }
      message.success(done);
    } catch (e) {
      setError(appErrorOf(e));
    } finally {
      await refresh();
      setBusy(false);
    }
  };
  const move = (i: number, by: -1 | 1) =>
    saveAll(
      moveChanges(flows, i, i + by).map(({ flow, order }) => ({ flow, patch: { order } })),
      tr('designer.approval.moved'),
    );
  const toggle = (f: DesignerApproval) =>
    saveAll([{ flow: f, patch: { active: f.active === false ? undefined : false } }], tr(f.active === false ? 'designer.approval.activated' : 'designer.approval.deactivated'));

  return (
    <div>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {tr('designer.approval.new')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{tr('designer.approval.tabHint')}</Typography.Paragraph>
      <Alert type="info" showIcon title={tr('designer.approval.versionNote')} style={{ marginBottom: 16 }} />
      <DetailsAlert error={error} onClose={() => setError(null)} />
      <Table<DesignerApproval>
        rowKey="name"
        size="middle"
        dataSource={flows}
        pagination={false}
        loading={busy}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: tr('designer.approval.none') }}
        columns={[
          { key: 'position', title: '#', width: 40, render: (_, _f, i) => i + 1 },
          { key: 'order', title: tr('designer.approval.order'), render: (_, f) => orderOf(f) },
          { key: 'label', title: tr('designer.approval.label'), render: (_, f) => label(f.label) },
          { key: 'name', title: tr('admin.apiNameLabel'), render: (_, f) => <code>{f.name}</code> },
          {
            key: 'active',
            title: tr('designer.approval.active'),
            render: (_, f) => (f.active === false ? <Tag>{tr('designer.process.inactive')}</Tag> : <Tag color="blue">{tr('ui.yes')}</Tag>),
          },
          { key: 'steps', title: tr('designer.approval.stepCount'), render: (_, f) => f.steps.length },
          { key: 'source', title: tr('designer.source'), render: (_, f) => <SourceTag source={f.source} /> },
          { key: 'state', title: tr('designer.state'), render: (_, f) => <StateTags customized={f.customized} /> },
          {
            key: 'actions',
            title: tr('admin.actions'),
            render: (_, f, i) => {
              const name = label(f.label);
              return (
                <Space size="small" wrap>
                  <Button size="small" icon={<ArrowUpOutlined />} aria-label={`${tr('designer.moveUp')}: ${name}`} disabled={busy || i === 0} onClick={() => move(i, -1)} />
                  <Button
                    size="small"
                    icon={<ArrowDownOutlined />}
                    aria-label={`${tr('designer.moveDown')}: ${name}`}
                    disabled={busy || i === flows.length - 1}
                    onClick={() => move(i, 1)}
                  />
                  <Button
                    size="small"
                    disabled={busy}
                    aria-label={`${tr(f.active === false ? 'designer.approval.activate' : 'designer.approval.deactivate')}: ${name}`}
                    onClick={() => toggle(f)}
                  >
                    {tr(f.active === false ? 'designer.approval.activate' : 'designer.approval.deactivate')}
                  </Button>
                  <Button size="small" aria-label={`${tr('ui.edit')}: ${name}`} onClick={() => setEditing(f)}>
                    {tr('ui.edit')}
                  </Button>
                  <Popconfirm
                    title={tr('admin.confirmDelete', { name })}
                    description={tr('designer.approval.deleteHint')}
                    okText={tr('ui.delete')}
                    okButtonProps={{ danger: true }}
                    cancelText={tr('ui.cancel')}
                    onConfirm={() => remove.mutate({ object, name: f.name })}
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
        size="min(1100px, 100vw)"
        destroyOnHidden
        title={editing === 'new' ? tr('designer.approval.new') : tr('designer.approval.edit')}
      >
        {editing !== null &&
          (fields ? (
            <ApprovalForm
              key={editing === 'new' ? 'new' : editing.name}
              object={object}
              fields={fields}
              flows={flows}
              flow={editing === 'new' ? null : editing}
              onDone={() => setEditing(null)}
            />
          ) : (
            <Spin />
          ))}
      </Drawer>
    </div>
  );
}
