'use client';
/** Change one's own password; the server's messages appear by the current or the new password. */
import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import type { ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { ErrorAlert, showServerError } from './common';

interface Values {
  current: string;
  next: string;
  confirm: string;
}

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const { tr } = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ClientAppError | null>(null);
  const change = useMutation(
    trpc.account.changePassword.mutationOptions({
      onSuccess: () => {
        form.resetFields();
        message.success(tr('account.password.changed'));
      },
      onError: (e) => setError(showServerError(form, ['current', 'next'], e)),
    }),
  );
  return (
    <Form<Values>
      form={form}
      name="password"
      layout="vertical"
      requiredMark={false}
      style={{ maxWidth: 420 }}
      onFinish={(v) => {
        setError(null);
        change.mutate({ current: v.current, next: v.next });
      }}
    >
      <ErrorAlert error={error} />
      <Form.Item label={tr('account.password.current')} name="current" rules={[{ required: true, message: tr('admin.required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item label={tr('account.password.next')} name="next" extra={tr('admin.user.passwordHint')} rules={[{ required: true, message: tr('admin.required') }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={tr('account.password.confirm')}
        name="confirm"
        dependencies={['next']}
        rules={[
          { required: true, message: tr('admin.required') },
          ({ getFieldValue }) => ({ validator: (_, v) => (!v || v === getFieldValue('next') ? Promise.resolve() : Promise.reject(new Error(tr('account.password.mismatch')))) }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {tr('account.password.change')}
      </Button>
    </Form>
  );
}
