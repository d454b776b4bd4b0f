'use client';
/** Sharing settings: each object's default access and hierarchy switch, and the sharing rules. */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { MessageKey } from '../../core/i18n';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { AdminPage, ErrorAlert, QueryGate, SectionTitle, useInvalidateAdmin, useObjects, useOrg } from './common';
import { conditionText } from './conditionText';
import { memberText } from './members';
import { SharingRuleForm, type SharingRule } from './SharingRuleForm';

type Access = 'private' | 'read' | 'read_write';
interface ObjectDefault {
  object: string;
  defaultAccess: Access;
  grantViaHierarchy: boolean;
}

function ObjectDefaults({ rows, objectLabel }: { rows: ObjectDefault[]; objectLabel(name: string): string }) {
  const trpc = useTRPC();
  const { tr } = useT();
  const { message } = App.useApp();
  const invalidate = useInvalidateAdmin();
  const save = useMutation(
    trpc.admin.setObjectDefault.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        message.success(tr('ui.saved'));
      },
      onError: (e) => message.error(appErrorOf(e)?.message),
    }),
  );
  return (
    <Table<ObjectDefault>
      rowKey="object"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        { key: 'object', title: tr('admin.object'), render: (_, r) => objectLabel(r.object) },
        {
          key: 'access',
          title: tr('admin.sharing.defaultAccess'),
          render: (_, r) => (
            <Select<Access>
              aria-label={`${objectLabel(r.object)}: ${tr('admin.sharing.defaultAccess')}`}
              style={{ width: 200 }}
              value={r.defaultAccess}
              disabled={save.isPending}
              options={(['private', 'read', 'read_write'] as const).map((a) => ({ value: a, label: tr(`admin.access.${a}`) }))}
              onChange={(defaultAccess) => save.mutate({ object: r.object, defaultAccess, grantViaHierarchy: r.grantViaHierarchy })}
            />
          ),
        },
        {
          key: 'hierarchy',
          title: tr('admin.sharing.hierarchy'),
          render: (_, r) => (
            <Switch
              aria-label={`${objectLabel(r.object)}: ${tr('admin.sharing.hierarchy')}`}
              checked={r.grantViaHierarchy}
              disabled={save.isPending}
              onChange={(grantViaHierarchy) => save.mutate({ object: r.object, defaultAccess: r.defaultAccess, grantViaHierarchy })}
            />
          ),
        },
      ]}
    />
  );
}

export function SharingPage() {
  const trpc = useTRPC();
  const { tr, label, locale } = useT();
  const { message } = App.useApp();
  const org = useOrg();
  const sharing = useQuery(trpc.admin.sharing.queryOptions());
  const { objects } = useObjects();
  const invalidate = useInvalidateAdmin();
  const [editing, setEditing] = useState<SharingRule | 'new' | null>(null);
  const [error, setError] = useState<ClientAppError | null>(null);
  const del = useMutation(
    trpc.admin.deleteRule.mutationOptions({
      onSuccess: async () => {
        setError(null);
        await invalidate();
        message.success(tr('admin.deleted'));
      },
      onError: (e) => setError(appErrorOf(e)),
    }),
  );

  const title = tr('admin.sharing');
  if (!org.data || !sharing.data) return <QueryGate title={title} error={org.error ?? sharing.error} loading={org.isLoading || sharing.isLoading} />;
  const objectLabel = (name: string) => {
    const o = objects.find((x) => x.name === name);
    return o ? label(o.label) : name;
  };
  const rules = sharing.data.rules as SharingRule[];
  const who = (type: string | null, id: string | null) => memberText(org.data!, type, id, locale, tr);

  return (
    <AdminPage title={title}>
      <SectionTitle>{tr('admin.sharing.defaults')}</SectionTitle>
      <Typography.Paragraph type="secondary">{tr('admin.sharing.defaultsHint')}</Typography.Paragraph>
      <ObjectDefaults rows={sharing.data.objects as ObjectDefault[]} objectLabel={objectLabel} />

      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 16 }}>
        <SectionTitle>{tr('admin.sharing.rules')}</SectionTitle>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {tr('admin.rule.new')}
        </Button>
      </div>
      <ErrorAlert error={error} />
      <Table<SharingRule>
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={rules}
        loading={sharing.isFetching}
        locale={{ emptyText: tr('admin.none') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'object', title: tr('admin.object'), render: (_, r) => objectLabel(r.object) },
          {
            key: 'label',
            title: tr('admin.labelEn'),
            render: (_, r) => (
              <Space>
                {r.label ?? r.name}
                <Typography.Text code>{r.name}</Typography.Text>
              </Space>
            ),
          },
          {
            key: 'records',
            title: tr('admin.rule.records'),
            render: (_, r) =>
              r.kind === 'owner'
                ? tr('admin.rule.ownedBy', { who: who(r.ownerType, r.ownerId) })
                : conditionText(r.condition, (op) => tr(`ui.op.${op}` as MessageKey), tr('admin.cond.and'), tr('admin.cond.or'), tr('admin.cond.not')),
          },
          { key: 'grantee', title: tr('admin.rule.grantee'), render: (_, r) => who(r.granteeType, r.granteeId) },
          { key: 'access', title: tr('admin.rule.access'), render: (_, r) => <Tag>{tr(`admin.access.${r.access}`)}</Tag> },
          {
            key: 'actions',
            title: tr('admin.actions'),
            render: (_, r) => (
              <Space size="small">
                <Button size="small" aria-label={`${tr('ui.edit')}: ${r.label ?? r.name}`} onClick={() => setEditing(r)}>
                  {tr('ui.edit')}
                </Button>
                <Popconfirm
                  title={tr('admin.confirmDelete', { name: r.label ?? r.name })}
                  okText={tr('ui.delete')}
                  cancelText={tr('ui.cancel')}
                  onConfirm={() => del.mutate({ id: r.id })}
                >
                  <Button size="small" danger aria-label={`${tr('ui.delete')}: ${r.label ?? r.name}`}>
                    {tr('ui.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && <SharingRuleForm org={org.data} objects={objects} rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </AdminPage>
  );
}
