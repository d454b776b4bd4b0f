'use client';
/** Create or edit a permission set: names, system rights, the object-rights matrix and field restrictions. */
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, Space, Tag } from 'antd';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { ClientAppError } from '../errors';
import { useT } from '../i18n';
import { NavButton } from '../NavButton';
import { useTRPC } from '../trpc';
import { AdminPage, ErrorAlert, orNull, QueryGate, SectionTitle, showServerError, useInvalidateAdmin, useObjects, useOrg, type PermissionSet } from './common';
import { FieldRestrictions, type FieldRules } from './FieldRestrictions';
import { ObjectRightsMatrix, type ObjectRights } from './ObjectRightsMatrix';
import { SYSTEM_RIGHT_LABEL, SYSTEM_RIGHTS, type SystemRight } from './rights';

interface Values {
  name: string;
  label: string;
  labelZh?: string;
  description?: string;
  system: Partial<Record<SystemRight, boolean>>;
}

const LIST = '/admin/permission-sets';

function Editor({ set }: { set: PermissionSet | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const { tr } = useT();
  const { message } = App.useApp();
  const invalidate = useInvalidateAdmin();
  const { objects } = useObjects();
  const [form] = Form.useForm<Values>();
  const [objectRights, setObjectRights] = useState<Record<string, ObjectRights>>(set?.objects ?? {});
  const [fieldRules, setFieldRules] = useState<FieldRules>(set?.fields ?? {});
  const [error, setError] = useState<ClientAppError | null>(null);
  const save = useMutation(
    trpc.admin.savePermissionSet.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        message.success(tr('ui.saved'));
        router.push(LIST);
      },
      onError: (e) => setError(showServerError(form, ['name', 'label', 'labelZh', 'description'], e)),
    }),
  );
  const allObjects = Boolean(set?.allObjects);

  const submit = (v: Values) => {
    setError(null);
    save.mutate({
      id: set?.id,
      values: {
        name: v.name.trim(),
        label: v.label.trim(),
        labelZh: orNull(v.labelZh),
        description: orNull(v.description),
        system: Object.fromEntries(SYSTEM_RIGHTS.map((r) => [r, Boolean(v.system?.[r])])),
        objects: objectRights as Record<string, ObjectRights>,
        fields: fieldRules,
      },
    });
  };

  return (
    <AdminPage title={set ? tr('admin.set.editOf', { name: set.label }) : tr('admin.set.new')} extra={allObjects && <Tag color="gold">{tr('admin.set.allRights')}</Tag>}>
      <ErrorAlert error={error} />
      <Form<Values>
        form={form}
        name="permissionSet"
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        style={{ maxWidth: 960 }}
        initialValues={
          set ? { name: set.name, label: set.label, labelZh: set.labelZh ?? undefined, description: set.description ?? undefined, system: set.system } : { system: {} }
        }
      >
        <div className="tessera-form-grid">
          <Form.Item label={tr('admin.apiNameLabel')} name="name" extra={tr('admin.apiNameHint')} rules={[{ required: true, message: tr('admin.required') }]}>
            <Input autoComplete="off" disabled={allObjects} />
          </Form.Item>
          <Form.Item label={tr('admin.labelEn')} name="label" rules={[{ required: true, message: tr('admin.required') }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label={tr('admin.labelZh')} name="labelZh">
            <Input autoComplete="off" />
          </Form.Item>
        </div>
        <Form.Item label={tr('admin.description')} name="description">
          <Input.TextArea rows={2} />
        </Form.Item>

        <SectionTitle>{tr('admin.set.systemRights')}</SectionTitle>
        <Space wrap size="large" role="group" aria-label={tr('admin.set.systemRights')}>
          {SYSTEM_RIGHTS.map((r) => (
            <Form.Item key={r} name={['system', r]} valuePropName="checked" noStyle>
              <Checkbox>{tr(SYSTEM_RIGHT_LABEL[r])}</Checkbox>
            </Form.Item>
          ))}
        </Space>

        <SectionTitle>{tr('admin.set.objectRights')}</SectionTitle>
        {allObjects && <Alert type="info" showIcon title={tr('admin.set.allRightsHint')} style={{ marginBottom: 12 }} />}
        <ObjectRightsMatrix objects={objects} value={objectRights} allObjects={allObjects} onChange={setObjectRights} />

        <SectionTitle>{tr('admin.set.fieldRestrictions')}</SectionTitle>
        {objects.length > 0 && <FieldRestrictions objects={objects} value={fieldRules} disabled={allObjects} onChange={setFieldRules} />}

        <Space style={{ marginTop: 24 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {tr('ui.save')}
          </Button>
          <NavButton href={LIST}>{tr('ui.cancel')}</NavButton>
        </Space>
      </Form>
    </AdminPage>
  );
}

/** The editor page: `id` of the set to edit, or none for a new set. */
export function PermissionSetEditor({ id }: { id?: string }) {
  const { tr } = useT();
  const org = useOrg();
  const title = tr('admin.permissionSets');
  if (!org.data) return <QueryGate title={title} error={org.error} loading={org.isLoading} />;
  const set = id ? org.data.permissionSets.find((s) => s.id === id) : null;
  if (id && !set)
    return (
      <AdminPage title={title}>
        <Alert type="error" title={tr('admin.set.notFound')} />
      </AdminPage>
    );
  return <Editor key={id ?? 'new'} set={set ?? null} />;
}
