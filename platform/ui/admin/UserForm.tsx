'use client';
/** The drawer form that creates a user or edits one (role, department, manager, permission sets). */
import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import type { ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { ErrorAlert, localLabel, orNull, showServerError, useInvalidateAdmin, userOptions, type Org, type OrgUser } from './common';
import { treeOptions } from './tree';

const FIELDS = ['email', 'name', 'title', 'phone', 'locale', 'roleId', 'departmentId', 'managerId', 'permissionSetIds', 'awayUntil', 'password'] as const;

interface Values {
  email: string;
  name: string;
  title?: string;
  phone?: string;
  /** 'browser': no choice stored, the user's browser decides. */
  locale: 'en' | 'zh-CN' | 'browser';
  roleId?: string;
  departmentId?: string;
  managerId?: string;
  permissionSetIds: string[];
  /** YYYY-MM-DD (a date input's value); empty: not away. */
  awayUntil?: string;
  password?: string;
}

export function UserForm({ org, user, onDone }: { org: Org; user: OrgUser | null; onDone(): void }) {
  const trpc = useTRPC();
  const { tr, locale } = useT();
  const { message } = App.useApp();
  const invalidate = useInvalidateAdmin();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ClientAppError | null>(null);
  const onError = (e: unknown) => setError(showServerError(form, FIELDS, e));
  const onSuccess = async () => {
    await invalidate();
    message.success(tr('ui.saved'));
    onDone();
  };
  const create = useMutation(trpc.admin.createUser.mutationOptions({ onSuccess, onError }));
  const update = useMutation(trpc.admin.updateUser.mutationOptions({ onSuccess, onError }));

  const submit = (v: Values) => {
    setError(null);
    const values = {
      email: v.email.trim(),
      name: v.name.trim(),
      title: orNull(v.title),
      phone: orNull(v.phone),
      locale: v.locale === 'browser' ? null : v.locale,
      roleId: v.roleId ?? null,
      departmentId: v.departmentId ?? null,
      managerId: v.managerId ?? null,
      permissionSetIds: v.permissionSetIds ?? [],
      awayUntil: orNull(v.awayUntil),
    };
    if (user) update.mutate({ id: user.id, values });
    else create.mutate({ ...values, password: v.password ?? '' });
  };
  const initial: Partial<Values> = user
    ? {
        email: user.email,
        name: user.name,
        title: user.title ?? undefined,
        phone: user.phone ?? undefined,
        locale: user.locale === 'zh-CN' || user.locale === 'en' ? user.locale : 'browser',
        roleId: user.roleId ?? undefined,
        departmentId: user.departmentId ?? undefined,
        managerId: user.managerId ?? undefined,
        permissionSetIds: user.permissionSetIds,
        awayUntil: user.awayUntil ?? undefined,
      }
    : { locale: 'browser', permissionSetIds: [] };

  return (
    <Form<Values> form={form} name="user" layout="vertical" initialValues={initial} onFinish={submit} requiredMark={false}>
      <ErrorAlert error={error} />
      <Form.Item label={tr('admin.user.email')} name="email" rules={[{ required: true, message: tr('admin.required') }]}>
        <Input inputMode="email" autoComplete="off" />
      </Form.Item>
      <Form.Item label={tr('admin.user.name')} name="name" rules={[{ required: true, message: tr('admin.required') }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label={tr('admin.user.title')} name="title">
        <Input />
      </Form.Item>
      <Form.Item label={tr('admin.user.phone')} name="phone">
        <Input />
      </Form.Item>
      <Form.Item label={tr('admin.user.language')} name="locale">
        <Select
          options={[
            { value: 'browser', label: tr('input.language.browser') },
            { value: 'en', label: 'English' },
            { value: 'zh-CN', label: '简体中文' },
          ]}
        />
      </Form.Item>
      <Form.Item label={tr('admin.user.role')} name="roleId">
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={treeOptions(org.roles, locale)} />
      </Form.Item>
      <Form.Item label={tr('admin.user.department')} name="departmentId">
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={treeOptions(org.departments, locale)} />
      </Form.Item>
      <Form.Item label={tr('admin.user.manager')} name="managerId">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={userOptions(
            org.users.filter((u) => u.id !== user?.id),
            true,
          )}
        />
      </Form.Item>
      <Form.Item label={tr('admin.user.permissionSets')} name="permissionSetIds">
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={org.permissionSets.map((s) => ({ value: s.id, label: localLabel(s, locale) }))} />
      </Form.Item>
      <Form.Item label={tr('user.awayUntil')} name="awayUntil" extra={tr('user.awayUntil.hint')}>
        <Input type="date" />
      </Form.Item>
      {!user && (
        <Form.Item label={tr('admin.user.initialPassword')} name="password" extra={tr('admin.user.passwordHint')} rules={[{ required: true, message: tr('admin.required') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
          {tr('ui.save')}
        </Button>
        <Button onClick={onDone}>{tr('ui.cancel')}</Button>
      </Space>
    </Form>
  );
}
