'use client';
/** The object manager: every object with where it comes from, and a dialog that creates one. */
import { HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space, Table } from 'antd';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { ClientAppError } from '../errors';
import { useT } from '../i18n';
import { NavButton } from '../NavButton';
import { useTRPC } from '../trpc';
import { AdminPage, QueryGate } from '../admin/common';
import { API_NAME, DetailsAlert, SHARING_OPTIONS, showDesignerError, SourceTag, StateTags, useRefreshMetadata, type DesignerObjectRow } from './common';

interface NewObjectValues {
  name: string;
  labelEn: string;
  labelZh?: string;
  pluralEn: string;
  pluralZh?: string;
  autoNumber?: string;
  sharing: 'private' | 'read' | 'read_write';
}

const ITEMS = ['name', 'labelEn', 'labelZh', 'pluralEn', 'pluralZh', 'autoNumber', 'sharing'];

function NewObjectDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const trpc = useTRPC();
  const { tr } = useT();
  const { message } = App.useApp();
  const router = useRouter();
  const refresh = useRefreshMetadata();
  const [form] = Form.useForm<NewObjectValues>();
  const [error, setError] = useState<ClientAppError | null>(null);
  const create = useMutation(
    trpc.designer.createObject.mutationOptions({
      onSuccess: async (_r, v) => {
        await refresh();
        message.success(tr('designer.object.created'));
        form.resetFields();
        onClose();
        router.push(`/admin/designer/${v.name}`);
      },
      onError: (e) => setError(showDesignerError(form, ITEMS, e, { alias: { label: 'labelEn', pluralLabel: 'pluralEn', pattern: 'autoNumber' } })),
    }),
  );
  const submit = (v: NewObjectValues) => {
    setError(null);
    const labelEn = v.labelEn.trim();
    const pluralEn = v.pluralEn.trim();
    create.mutate({
      name: v.name.trim(),
      label: { en: labelEn, zh: v.labelZh?.trim() || labelEn },
      pluralLabel: { en: pluralEn, zh: v.pluralZh?.trim() || pluralEn },
      ...(v.autoNumber?.trim() ? { autoNumber: v.autoNumber.trim() } : {}),
      sharing: { default: v.sharing },
    });
  };
  const close = () => {
    setError(null);
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={tr('designer.object.new')}
      okText={tr('ui.save')}
      cancelText={tr('ui.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      <DetailsAlert error={error} />
      <Form<NewObjectValues> form={form} name="newObject" layout="vertical" onFinish={submit} initialValues={{ sharing: 'private' }} requiredMark={false}>
        <Form.Item
          label={tr('admin.apiNameLabel')}
          name="name"
          extra={tr('admin.apiNameHint')}
          rules={[
            { required: true, message: tr('admin.required') },
            { pattern: API_NAME, message: tr('admin.apiNameHint') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={tr('designer.labelEn')} name="labelEn" rules={[{ required: true, message: tr('admin.required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={tr('admin.labelZh')} name="labelZh" extra={tr('designer.zhHint')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={tr('designer.pluralEn')} name="pluralEn" rules={[{ required: true, message: tr('admin.required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={tr('designer.pluralZh')} name="pluralZh" extra={tr('designer.zhHint')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={tr('designer.object.autoNumber')} name="autoNumber" extra={tr('designer.object.autoNumberHint')}>
          <Input autoComplete="off" placeholder="VO-{YYYY}-{0000}" />
        </Form.Item>
        <Form.Item label={tr('designer.object.sharing')} name="sharing">
          <Select options={SHARING_OPTIONS.map((o) => ({ value: o.value, label: tr(o.label) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ObjectsPage() {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const objects = useQuery(trpc.designer.objects.queryOptions());
  const [creating, setCreating] = useState(false);
  const title = tr('designer.objects');
  if (!objects.data) return <QueryGate title={title} error={objects.error} loading={objects.isLoading} />;
  const rows = [...objects.data].sort((a, b) => Number(a.archived) - Number(b.archived) || label(a.label).localeCompare(label(b.label)));
  return (
    <AdminPage
      title={title}
      extra={
        <Space>
          <NavButton href="/admin/designer/revisions" icon={<HistoryOutlined />}>
            {tr('designer.revisions')}
          </NavButton>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {tr('designer.object.new')}
          </Button>
        </Space>
      }
    >
      <Table<DesignerObjectRow>
        rowKey="name"
        size="middle"
        dataSource={rows}
        loading={objects.isFetching}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'label', title: tr('designer.object.label'), render: (_, o) => <Link href={`/admin/designer/${o.name}`}>{label(o.label)}</Link> },
          { key: 'name', title: tr('admin.apiNameLabel'), render: (_, o) => <code>{o.name}</code> },
          { key: 'source', title: tr('designer.source'), render: (_, o) => <SourceTag source={o.source} /> },
          { key: 'fields', title: tr('designer.object.fieldCount'), align: 'right', render: (_, o) => o.fieldCount },
          { key: 'state', title: tr('designer.state'), render: (_, o) => <StateTags customized={o.customized} archived={o.archived} /> },
        ]}
      />
      <NewObjectDialog open={creating} onClose={() => setCreating(false)} />
    </AdminPage>
  );
}
