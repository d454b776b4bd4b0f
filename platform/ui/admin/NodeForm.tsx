'use client';
/** The modal form for a role or department: API name, labels, parent, and (departments) the head. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import type { ClientAppError } from '../errors';
import { pickLabel } from '../../core/i18n';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { ErrorAlert, orNull, showServerError, useInvalidateAdmin, userOptions, type Org, type OrgNode } from './common';
import { subtreeIds, treeOptions } from './tree';

export type TreeKind = 'role' | 'department';

/** What the modal edits: an existing node, or a new one under `parentId`. */
export type NodeTarget = { node: OrgNode } | { parentId: string | null };

interface Values {
  name: string;
  label: string;
  labelZh?: string;
  parentId?: string;
  headUserId?: string;
  homeDashboard?: string;
}

const FIELDS = ['name', 'label', 'labelZh', 'parentId', 'headUserId', 'homeDashboard'];

export function NodeForm({ kind, org, target, onClose }: { kind: TreeKind; org: Org; target: NodeTarget; onClose(): void }) {
  const trpc = useTRPC();
  const { tr, locale } = useT();
  const { message } = App.useApp();
  const invalidate = useInvalidateAdmin();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ClientAppError | null>(null);
  const nodes: OrgNode[] = kind === 'role' ? org.roles : org.departments;
  const node = 'node' in target ? target.node : null;
  const onSuccess = async () => {
    await invalidate();
    message.success(tr('ui.saved'));
    onClose();
  };
  const onError = (e: unknown) => setError(showServerError(form, FIELDS, e));
  // Roles name the dashboard their users land on (platform/dashboards/home.ts).
  const dashboards = useQuery({ ...trpc.dashboards.list.queryOptions(), enabled: kind === 'role' });
  const create = useMutation(trpc.admin.createNode.mutationOptions({ onSuccess, onError }));
  const update = useMutation(trpc.admin.updateNode.mutationOptions({ onSuccess, onError }));

  const submit = (v: Values) => {
    setError(null);
    const values = {
      name: v.name.trim(),
      label: v.label.trim(),
      labelZh: orNull(v.labelZh),
      parentId: v.parentId ?? null,
      ...(kind === 'department' ? { headUserId: v.headUserId ?? null } : { homeDashboard: v.homeDashboard ?? null }),
    };
    if (node) update.mutate({ kind, id: node.id, values });
    else create.mutate({ kind, values });
  };
  const initial: Partial<Values> = node
    ? {
        name: node.name,
        label: node.label,
        labelZh: node.labelZh ?? undefined,
        parentId: node.parentId ?? undefined,
        headUserId: node.headUserId ?? undefined,
        homeDashboard: (node as { homeDashboard?: string | null }).homeDashboard ?? undefined,
      }
    : { parentId: 'parentId' in target ? (target.parentId ?? undefined) : undefined };
  const what = tr(kind === 'role' ? 'admin.node.role' : 'admin.node.department');

  return (
    <Modal
      open
      title={node ? tr('admin.node.edit', { what, name: node.label }) : tr('admin.node.new', { what })}
      okText={tr('ui.save')}
      cancelText={tr('ui.cancel')}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <ErrorAlert error={error} />
      <Form<Values> form={form} name={kind} layout="vertical" initialValues={initial} onFinish={submit} requiredMark={false}>
        <Form.Item label={tr('admin.apiNameLabel')} name="name" extra={tr('admin.apiNameHint')} rules={[{ required: true, message: tr('admin.required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={tr('admin.labelEn')} name="label" rules={[{ required: true, message: tr('admin.required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={tr('admin.labelZh')} name="labelZh">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={tr('admin.node.parent')} name="parentId">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={treeOptions(nodes, locale, node ? subtreeIds(nodes, node.id) : undefined)} />
        </Form.Item>
        {kind === 'department' && (
          <Form.Item label={tr('admin.node.head')} name="headUserId">
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={userOptions(org.users, true)} />
          </Form.Item>
        )}
        {kind === 'role' && (
          <Form.Item label={tr('dashboard.homeRole')} name="homeDashboard">
            <Select
              allowClear
              placeholder={tr('dashboard.homeRole.inherit')}
              loading={dashboards.isLoading}
              options={(dashboards.data ?? []).map((d) => ({ value: d.name, label: pickLabel(d.label, locale) }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
