'use client';
/**
 * The modal form of a sharing rule: which records (owned by someone, or matching a condition built
 * with the shared condition builder), shared with whom, with what access.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import type { ClientAppError } from '../errors';
import { FilterBuilder, toCondition } from '../FilterBuilder';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import type { ObjectInfo } from '../types';
import { builderState } from './conditionText';
import { ErrorAlert, showServerError, useInvalidateAdmin, type ObjectSummary, type Org } from './common';
import { memberOptions, MemberTypeSelect, type MemberType } from './members';

export interface SharingRule {
  id: string;
  object: string;
  name: string;
  label?: string;
  kind: 'criteria' | 'owner';
  condition: unknown;
  ownerType: MemberType | null;
  ownerId: string | null;
  granteeType: MemberType;
  granteeId: string;
  access: 'read' | 'read_write';
}

interface Values {
  object: string;
  name: string;
  label: string;
  kind: 'criteria' | 'owner';
  ownerType?: MemberType;
  ownerId?: string;
  granteeType: MemberType;
  granteeId?: string;
  access: 'read' | 'read_write';
}

const FIELDS = ['object', 'name', 'label', 'kind', 'ownerType', 'ownerId', 'granteeType', 'granteeId', 'access'];

function ConditionEditor({ object, condition, onChange }: { object: string; condition: unknown; onChange(c: unknown): void }) {
  const trpc = useTRPC();
  const { tr } = useT();
  const meta = useQuery(trpc.meta.object.queryOptions({ object }));
  const info = meta.data?.object as unknown as ObjectInfo | undefined;
  const count = condition ? Math.max(builderState(condition).rows.length, 1) : 0;
  return (
    <div>
      <Typography.Paragraph type={count ? undefined : 'warning'} style={{ marginBottom: 8 }} aria-live="polite">
        {count ? tr('admin.rule.conditionSet', { count }) : tr('admin.rule.conditionEmpty')}
      </Typography.Paragraph>
      {info && <FilterBuilder fields={info.fields} initial={builderState(condition)} onApply={(s) => onChange(toCondition(s))} />}
    </div>
  );
}

export function SharingRuleForm({ org, objects, rule, onClose }: { org: Org; objects: ObjectSummary[]; rule: SharingRule | null; onClose(): void }) {
  const trpc = useTRPC();
  const { tr, label, locale } = useT();
  const { message } = App.useApp();
  const invalidate = useInvalidateAdmin();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ClientAppError | null>(null);
  const [condition, setCondition] = useState<unknown>(rule?.kind === 'criteria' ? rule.condition : undefined);
  const object = Form.useWatch('object', form) ?? rule?.object;
  const kind = Form.useWatch('kind', form) ?? rule?.kind ?? 'owner';
  const ownerType = Form.useWatch('ownerType', form) as MemberType | undefined;
  const granteeType = Form.useWatch('granteeType', form) as MemberType | undefined;
  const save = useMutation(
    trpc.admin.saveRule.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        message.success(tr('ui.saved'));
        onClose();
      },
      onError: (e) => setError(showServerError(form, FIELDS, e)),
    }),
  );

  const submit = (v: Values) => {
    setError(null);
    if (v.kind === 'criteria' && !condition) {
      setError({ code: 'VALIDATION_FAILED', message: tr('admin.rule.conditionEmpty'), details: [] });
      return;
    }
    save.mutate({
      id: rule?.id,
      values: {
        object: v.object,
        name: v.name.trim(),
        label: v.label.trim(),
        kind: v.kind,
        condition: v.kind === 'criteria' ? condition : undefined,
        ownerType: v.kind === 'owner' ? (v.ownerType ?? null) : null,
        ownerId: v.kind === 'owner' ? (v.ownerId ?? null) : null,
        granteeType: v.granteeType,
        granteeId: v.granteeId ?? '',
        access: v.access,
      },
    });
  };
  const initial: Partial<Values> = rule
    ? {
        object: rule.object,
        name: rule.name,
        label: rule.label ?? rule.name,
        kind: rule.kind,
        ownerType: rule.ownerType ?? undefined,
        ownerId: rule.ownerId ?? undefined,
        granteeType: rule.granteeType,
        granteeId: rule.granteeId,
        access: rule.access,
      }
    : { kind: 'owner', ownerType: 'role', granteeType: 'role', access: 'read' };
  const required = [{ required: true, message: tr('admin.required') }];

  return (
    <Modal
      open
      width={860}
      title={rule ? tr('admin.rule.edit', { name: rule.label ?? rule.name }) : tr('admin.rule.new')}
      okText={tr('ui.save')}
      cancelText={tr('ui.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <ErrorAlert error={error} />
      <Form<Values>
        form={form}
        name="sharingRule"
        layout="vertical"
        requiredMark={false}
        initialValues={initial}
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          if ('object' in changed) setCondition(undefined);
          if ('ownerType' in changed) form.setFieldValue('ownerId', undefined);
          if ('granteeType' in changed) form.setFieldValue('granteeId', undefined);
        }}
      >
        <div className="tessera-form-grid">
          <Form.Item label={tr('admin.object')} name="object" rules={required}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={objects.map((o) => ({ value: o.name, label: label(o.label) }))} />
          </Form.Item>
          <Form.Item label={tr('admin.rule.kind')} name="kind">
            <Radio.Group
              options={[
                { value: 'owner', label: tr('admin.rule.kind.owner') },
                { value: 'criteria', label: tr('admin.rule.kind.criteria') },
              ]}
            />
          </Form.Item>
          <Form.Item label={tr('admin.apiNameLabel')} name="name" extra={tr('admin.apiNameHint')} rules={required}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label={tr('admin.labelEn')} name="label" rules={required}>
            <Input autoComplete="off" />
          </Form.Item>
          {kind === 'owner' && (
            <>
              <Form.Item label={tr('admin.rule.ownerType')} name="ownerType" rules={required}>
                <MemberTypeSelect />
              </Form.Item>
              <Form.Item label={tr('admin.rule.owner')} name="ownerId" rules={required}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={memberOptions(org, ownerType, locale)} />
              </Form.Item>
            </>
          )}
        </div>
        {kind === 'criteria' && object && (
          <section aria-label={tr('admin.rule.condition')} style={{ marginBottom: 24 }}>
            <Typography.Text strong>{tr('admin.rule.condition')}</Typography.Text>
            <ConditionEditor key={object} object={object} condition={condition} onChange={setCondition} />
          </section>
        )}
        <div className="tessera-form-grid">
          <Form.Item label={tr('admin.rule.granteeType')} name="granteeType" rules={required}>
            <MemberTypeSelect />
          </Form.Item>
          <Form.Item label={tr('admin.rule.grantee')} name="granteeId" rules={required}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={memberOptions(org, granteeType, locale)} />
          </Form.Item>
          <Form.Item label={tr('admin.rule.access')} name="access">
            <Radio.Group
              options={[
                { value: 'read', label: tr('admin.access.read') },
                { value: 'read_write', label: tr('admin.access.read_write') },
              ]}
            />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
