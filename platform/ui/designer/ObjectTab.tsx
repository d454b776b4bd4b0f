'use client';
/** The object's own properties: labels, description, default sharing; archive or restore a non-stock object. */
import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, Input, Popconfirm, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { SectionTitle } from '../admin/common';
import { DetailsAlert, SHARING_OPTIONS, showDesignerError, useRefreshMetadata, type DesignerObject } from './common';

interface Values {
  labelEn: string;
  labelZh?: string;
  pluralEn: string;
  pluralZh?: string;
  description?: string;
  sharing: 'private' | 'read' | 'read_write';
  hierarchy?: boolean;
}

const ITEMS = ['labelEn', 'labelZh', 'pluralEn', 'pluralZh', 'description', 'sharing', 'hierarchy'];

interface OwnProps {
  label: { en: string; zh: string };
  pluralLabel: { en: string; zh: string };
  description?: string;
  sharing?: { default?: 'private' | 'read' | 'read_write'; hierarchy?: boolean };
  archived?: boolean;
  source: string;
}

export function ObjectTab({ object, data }: { object: string; data: DesignerObject }) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMetadata();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ClientAppError | null>(null);
  const own = data.object as unknown as OwnProps;
  const update = useMutation(
    trpc.designer.updateObject.mutationOptions({
      onSuccess: async () => {
        await refresh();
        message.success(tr('ui.saved'));
      },
      onError: (e) => setError(showDesignerError(form, ITEMS, e, { alias: { label: 'labelEn', pluralLabel: 'pluralEn', default: 'sharing' } })),
    }),
  );
  const lifecycle = {
    onSuccess: async () => {
      setError(null);
      await refresh();
      message.success(tr('ui.saved'));
    },
    onError: (e: unknown) => setError(appErrorOf(e)),
  };
  const archive = useMutation(trpc.designer.archiveObject.mutationOptions(lifecycle));
  const restore = useMutation(trpc.designer.restoreObject.mutationOptions(lifecycle));
  const submit = (v: Values) => {
    setError(null);
    const en = v.labelEn.trim();
    const pen = v.pluralEn.trim();
    // Only what changed: an untouched default stays inherited from the layers below.
    const sharing: Record<string, unknown> = {};
    if (v.sharing !== (own.sharing?.default ?? 'private')) sharing.default = v.sharing;
    if (Boolean(v.hierarchy) !== Boolean(own.sharing?.hierarchy)) sharing.hierarchy = Boolean(v.hierarchy);
    update.mutate({
      name: object,
      props: {
        label: { en, zh: v.labelZh?.trim() || en },
        pluralLabel: { en: pen, zh: v.pluralZh?.trim() || pen },
        // A merge patch: null removes the description.
        description: v.description?.trim() || null,
        ...(Object.keys(sharing).length ? { sharing } : {}),
      },
    });
  };
  return (
    <div>
      <DetailsAlert error={error} onClose={() => setError(null)} />
      <Form<Values>
        form={form}
        name="object"
        layout="vertical"
        style={{ maxWidth: 560 }}
        requiredMark={false}
        onFinish={submit}
        initialValues={{
          labelEn: own.label.en,
          labelZh: own.label.zh,
          pluralEn: own.pluralLabel.en,
          pluralZh: own.pluralLabel.zh,
          description: own.description,
          sharing: own.sharing?.default ?? 'private',
          hierarchy: own.sharing?.hierarchy ?? false,
        }}
      >
        <Form.Item label={tr('designer.labelEn')} name="labelEn" rules={[{ required: true, message: tr('admin.required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={tr('admin.labelZh')} name="labelZh">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={tr('designer.pluralEn')} name="pluralEn" rules={[{ required: true, message: tr('admin.required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={tr('designer.pluralZh')} name="pluralZh">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={tr('admin.description')} name="description">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item label={tr('designer.object.sharing')} name="sharing">
          <Select options={SHARING_OPTIONS.map((o) => ({ value: o.value, label: tr(o.label) }))} />
        </Form.Item>
        <Form.Item label={tr('designer.object.hierarchy')} name="hierarchy" valuePropName="checked" extra={tr('designer.object.hierarchyHint')}>
          <Switch />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {tr('ui.save')}
        </Button>
      </Form>
      {own.source !== 'stock' && (
        <>
          <SectionTitle>{own.archived ? tr('designer.object.restoreTitle') : tr('designer.object.archiveTitle')}</SectionTitle>
          <Typography.Paragraph type="secondary">{own.archived ? tr('designer.object.restoreHint') : tr('designer.object.archiveHint')}</Typography.Paragraph>
          <Space>
            {own.archived ? (
              <Button onClick={() => restore.mutate({ name: object })} loading={restore.isPending}>
                {tr('designer.object.restore')}
              </Button>
            ) : (
              <Popconfirm
                title={tr('designer.object.confirmArchive', { name: label(own.label) })}
                okText={tr('designer.archive')}
                okButtonProps={{ danger: true }}
                cancelText={tr('ui.cancel')}
                onConfirm={() => archive.mutate({ name: object })}
              >
                <Button danger loading={archive.isPending}>
                  {tr('designer.object.archive')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </>
      )}
    </div>
  );
}
