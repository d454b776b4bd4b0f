'use client';
/** "Save as my view": a personal list view with the list's current columns, filter and sort. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { DetailsAlert, showDesignerError } from './common';

export interface PersonalViewContent {
  columns: string[];
  filter?: unknown;
  sort?: { field: string; dir: 'asc' | 'desc' }[];
  pageSize?: number;
}

export { combineFilters } from '../list/filterState';

export function PersonalViewDialog({
  object,
  open,
  content,
  onClose,
  onSaved,
}: {
  object: string;
  open: boolean;
  content: PersonalViewContent;
  onClose(): void;
  onSaved(name: string): void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { tr } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ en: string; zh?: string }>();
  const [error, setError] = useState<ClientAppError | null>(null);
  const save = useMutation(
    trpc.meta.savePersonalView.mutationOptions({
      onSuccess: async (_r, v) => {
        await queryClient.invalidateQueries({ queryKey: trpc.meta.object.queryKey({ object }) });
        message.success(tr('designer.myView.saved'));
        form.resetFields();
        onSaved(v.name);
      },
      onError: (e) => setError(showDesignerError(form, ['en', 'zh'], e, { alias: { label: 'en', name: 'en' } })),
    }),
  );
  const close = () => {
    setError(null);
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={tr('designer.myView.save')}
      okText={tr('ui.save')}
      cancelText={tr('ui.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      <DetailsAlert error={error} />
      <Form
        form={form}
        name="personalView"
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => {
          setError(null);
          const en = v.en.trim();
          save.mutate({
            object,
            name: `my_${Date.now().toString(36)}`,
            label: { en, zh: v.zh?.trim() || en },
            columns: content.columns,
            ...(content.filter !== undefined ? { filter: content.filter } : {}),
            ...(content.sort?.length ? { sort: content.sort } : {}),
            ...(content.pageSize ? { pageSize: content.pageSize } : {}),
          });
        }}
      >
        <Form.Item label={tr('designer.myView.name')} name="en" rules={[{ required: true, message: tr('admin.required') }, { max: 200 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={tr('designer.myView.nameZh')} name="zh" extra={tr('designer.zhHint')} rules={[{ max: 200 }]}>
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
