'use client';
/** The role hierarchy or the department tree as an indented table: user counts, add child, edit, delete. */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { AdminPage, ErrorAlert, localLabel, QueryGate, useInvalidateAdmin, useOrg, type OrgNode } from './common';
import { NodeForm, type NodeTarget, type TreeKind } from './NodeForm';
import { flattenTree } from './tree';

export function TreePage({ kind }: { kind: TreeKind }) {
  const trpc = useTRPC();
  const { tr, locale } = useT();
  const { message } = App.useApp();
  const org = useOrg();
  const invalidate = useInvalidateAdmin();
  const [target, setTarget] = useState<NodeTarget | null>(null);
  const [error, setError] = useState<ClientAppError | null>(null);
  const del = useMutation(
    trpc.admin.deleteNode.mutationOptions({
      onSuccess: async () => {
        setError(null);
        await invalidate();
        message.success(tr('admin.deleted'));
      },
      onError: (e) => setError(appErrorOf(e)),
    }),
  );

  const title = tr(kind === 'role' ? 'admin.roles' : 'admin.departments');
  if (!org.data) return <QueryGate title={title} error={org.error} loading={org.isLoading} />;
  const nodes: OrgNode[] = kind === 'role' ? org.data.roles : org.data.departments;
  const users = new Map(org.data.users.map((u) => [u.id, u.name]));
  const rows = flattenTree(nodes);
  const what = tr(kind === 'role' ? 'admin.node.role' : 'admin.node.department');

  return (
    <AdminPage
      title={title}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ parentId: null })}>
          {tr('admin.node.new', { what })}
        </Button>
      }
    >
      <ErrorAlert error={error} />
      <Table
        rowKey={(r) => r.node.id}
        size="middle"
        dataSource={rows}
        pagination={false}
        loading={org.isFetching}
        columns={[
          {
            key: 'label',
            title: tr('admin.labelEn'),
            render: (_, { node, depth }) => (
              <span style={{ paddingLeft: depth * 24 }}>
                {depth > 0 && <Typography.Text type="secondary">└ </Typography.Text>}
                {localLabel(node, locale)}
              </span>
            ),
          },
          { key: 'name', title: tr('admin.apiNameLabel'), render: (_, { node }) => <Typography.Text code>{node.name}</Typography.Text> },
          ...(kind === 'department'
            ? [{ key: 'head', title: tr('admin.node.head'), render: (_: unknown, { node }: { node: OrgNode }) => (node.headUserId ? users.get(node.headUserId) : '') }]
            : []),
          { key: 'users', title: tr('admin.userCount'), align: 'right', render: (_, { node }) => node.userCount },
          {
            key: 'actions',
            title: tr('admin.actions'),
            render: (_, { node }) => {
              const name = localLabel(node, locale);
              return (
                <Space size="small" wrap>
                  <Button size="small" aria-label={`${tr('admin.node.addChild')}: ${name}`} onClick={() => setTarget({ parentId: node.id })}>
                    {tr('admin.node.addChild')}
                  </Button>
                  <Button size="small" aria-label={`${tr('ui.edit')}: ${name}`} onClick={() => setTarget({ node })}>
                    {tr('ui.edit')}
                  </Button>
                  <Popconfirm title={tr('admin.confirmDelete', { name })} okText={tr('ui.delete')} cancelText={tr('ui.cancel')} onConfirm={() => del.mutate({ kind, id: node.id })}>
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
      {target && <NodeForm kind={kind} org={org.data} target={target} onClose={() => setTarget(null)} />}
    </AdminPage>
  );
}
