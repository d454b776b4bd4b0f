'use client';
/**
 * The drawer form of a validation rule: labels, API name (new rules only), active, the error
 * condition as a formula checked as you type, the message in both languages, the field it shows
 * next to and when it runs. A rule whose condition is a condition tree keeps it unless replaced by
 * a formula. Server messages show by the items they name, the rest in an Alert.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import type { ClientAppError } from '../../errors';
import { useT } from '../../i18n';
import { useTRPC } from '../../trpc';
import { apiNameFrom, LabelNameFields, compactJson, DetailsAlert, itemOfDetail, showDesignerError, stripOrigin, useRefreshMetadata, type DesignerObject } from '../common';
import { FormulaInput } from '../FormulaInput';

export type DesignerRule = DesignerObject['rules'][number];

type When = 'create' | 'update';

interface Values {
  labelEn: string;
  labelZh?: string;
  name: string;
  description?: string;
  active: boolean;
  errorWhen?: string;
  messageEn: string;
  messageZh?: string;
  field?: string | null;
  on: When[];
}

const ITEMS = ['labelEn', 'labelZh', 'name', 'description', 'active', 'errorWhen', 'messageEn', 'messageZh', 'field', 'on'];

function itemOf(d: { field?: string; pointer?: string }): string | null {
  const segs = (d.pointer ?? '').split('/').filter(Boolean);
  if (segs[0] === 'label' || segs[0] === 'message') return `${segs[0]}${segs[1] === 'zh' ? 'Zh' : 'En'}`;
  if (segs[0] === 'errorWhen') return 'errorWhen';
  return itemOfDetail(d, ITEMS);
}

export function RuleForm({ object, data, rule, onDone }: { object: string; data: DesignerObject; rule: DesignerRule | null; onDone(): void }) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMetadata();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ClientAppError | null>(null);
  const [nameTouched, setNameTouched] = useState(Boolean(rule));
  // A condition tree (written in the file) is kept as it is unless replaced by a formula.
  const [condition, setCondition] = useState<unknown>(rule && typeof rule.errorWhen !== 'string' ? rule.errorWhen : null);
  const save = useMutation(
    trpc.designer.saveRule.mutationOptions({
      onSuccess: async () => {
        await refresh();
        message.success(tr('designer.rule.saved'));
        onDone();
      },
      onError: (e) => setError(showDesignerError(form, ITEMS, e, { pick: itemOf })),
    }),
  );
  const submit = (v: Values) => {
    setError(null);
    const base: Record<string, unknown> = rule ? (stripOrigin(rule) as unknown as Record<string, unknown>) : {};
    const labelEn = v.labelEn.trim();
    const messageEn = v.messageEn.trim();
    const def: Record<string, unknown> = {
      ...base,
      object,
      name: v.name.trim(),
      label: { en: labelEn, zh: v.labelZh?.trim() || labelEn },
      errorWhen: condition ?? (v.errorWhen ?? '').trim(),
      message: { en: messageEn, zh: v.messageZh?.trim() || messageEn },
    };
    const description = v.description?.trim();
    if (description) def.description = description;
    else delete def.description;
    if (v.active) delete def.active;
    else def.active = false;
    if (v.field) def.field = v.field;
    else delete def.field;
    // Both is the default: only a narrower choice is written.
    if (v.on.length === 1) def.on = v.on;
    else delete def.on;
    save.mutate({ rule: def, mode: rule ? 'update' : 'create' });
  };
  const initial: Partial<Values> = rule
    ? {
        labelEn: rule.label.en,
        labelZh: rule.label.zh,
        name: rule.name,
        description: rule.description,
        active: rule.active !== false,
        errorWhen: typeof rule.errorWhen === 'string' ? rule.errorWhen : '',
        messageEn: rule.message.en,
        messageZh: rule.message.zh,
        field: rule.field ?? null,
        on: rule.on ?? ['create', 'update'],
      }
    : { active: true, errorWhen: '', field: null, on: ['create', 'update'] };
  const fieldOptions = data.fields.filter((f) => !f.archived && f.name !== 'id').map((f) => ({ value: f.name, label: label(f.label) }));

  return (
    <Form<Values>
      form={form}
      name="rule"
      layout="vertical"
      initialValues={initial}
      onFinish={submit}
      requiredMark={false}
      onValuesChange={(changed: Partial<Values>) => {
        if ('labelEn' in changed && !nameTouched) form.setFieldValue('name', apiNameFrom(changed.labelEn ?? ''));
      }}
    >
      <DetailsAlert error={error} />
      <LabelNameFields fixed={Boolean(rule)} fixedHint="designer.rule.nameFixed" onNameTyped={() => setNameTouched(true)} />
      <Form.Item label={tr('admin.description')} name="description">
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <Form.Item label={tr('designer.rule.active')} name="active" valuePropName="checked" extra={tr('designer.rule.activeHint')}>
        <Switch />
      </Form.Item>
      {condition !== null ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 24 }}
          title={tr('designer.rule.conditionTree')}
          description={<code style={{ wordBreak: 'break-all' }}>{compactJson(condition)}</code>}
          action={
            <Button size="small" onClick={() => setCondition(null)}>
              {tr('designer.rule.useFormula')}
            </Button>
          }
        />
      ) : (
        <Form.Item
          label={tr('designer.rule.errorWhen')}
          name="errorWhen"
          extra={tr('designer.rule.errorWhenHint')}
          rules={[{ required: true, whitespace: true, message: tr('admin.required') }]}
        >
          <FormulaInput object={object} mode="rule" expect="boolean" placeholder='AND(stage = "closed_won", ISBLANK(amount))' />
        </Form.Item>
      )}
      <Form.Item label={tr('designer.rule.message')} name="messageEn" rules={[{ required: true, whitespace: true, message: tr('admin.required') }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label={tr('designer.rule.messageZh')} name="messageZh" extra={tr('designer.zhHint')}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label={tr('designer.rule.field')} name="field" extra={tr('designer.rule.fieldHint')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={fieldOptions} placeholder={tr('designer.rule.topOfForm')} />
      </Form.Item>
      <Form.Item label={tr('designer.rule.on')} name="on" rules={[{ required: true, type: 'array', min: 1, message: tr('designer.rule.onNone') }]}>
        <Checkbox.Group
          options={[
            { value: 'create', label: tr('designer.rule.onCreate') },
            { value: 'update', label: tr('designer.rule.onUpdate') },
          ]}
        />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {tr('ui.save')}
        </Button>
        <Button onClick={onDone}>{tr('ui.cancel')}</Button>
      </Space>
    </Form>
  );
}
