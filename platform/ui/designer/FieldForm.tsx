'use client';
/**
 * The drawer form that adds a field or changes one: labels, API name, type (when changing, only the
 * types the server can convert to without losing data are offered by default), flags, help text,
 * default and the type's parameters (a formula's expression is checked as you type). The server
 * checks the change against the data; its messages show by the items they name, the rest in an
 * Alert. Form rules (visibleIf, requiredIf, readOnlyIf) are edited with the condition builder.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { anyField, lookupTarget } from '../../fields/guards';
import type { ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import { API_NAME, apiNameFrom, DetailsAlert, showDesignerError, stripOrigin, useRefreshMetadata, type DesignerField, type FieldTypeInfo } from './common';
import { FORM_RULE_KEYS, FormRulesEditor, type FormRuleValues } from './FormRulesEditor';
import { PicklistValuesEditor, type OptionRow } from './PicklistValuesEditor';
import { BucketGaps, bucketGaps, type BucketDoc } from '../reports/BucketGaps';
import { COMPUTED_ITEMS, ComputedFieldItems, computedInitialValues, computedProps, summaryItemOf, type ComputedValues } from './process/ComputedFieldItems';

/** Properties every field may have, whatever its type (the object meta-schema's base). */
const BASE_PROPS = ['name', 'type', 'label', 'id', 'helpText', 'description', 'required', 'unique', 'readOnly', 'indexed', 'archived', 'visibleIf', 'requiredIf', 'readOnlyIf'];

const ITEMS = [
  'labelEn',
  'labelZh',
  'name',
  'type',
  'required',
  'unique',
  'helpEn',
  'helpZh',
  'default',
  'maxLength',
  'precision',
  'scale',
  'grouping',
  'target',
  'pattern',
  'options',
  ...COMPUTED_ITEMS,
] as const;

/** Computed fields are never typed in: no required, unique or default. */
const isComputed = (type: string) => type === 'formula' || type === 'rollup';

interface Values extends ComputedValues {
  labelEn: string;
  labelZh?: string;
  name: string;
  type: string;
  required?: boolean;
  unique?: boolean;
  helpEn?: string;
  helpZh?: string;
  default?: unknown;
  maxLength?: number | null;
  precision?: number | null;
  scale?: number | null;
  /** Integers: thousands separators shown (false for years and codes). */
  grouping?: boolean;
  target?: string;
  pattern?: string;
  options?: OptionRow[];
}

/** The form item a server error detail is about, from the end of its JSON pointer. */
function itemOf(d: { field?: string; pointer?: string }): string | null {
  const segs = (d.pointer ?? '').split('/').filter(Boolean);
  if (segs.includes('options')) return 'options';
  const summary = summaryItemOf(segs);
  if (summary) return summary;
  const last = segs[segs.length - 1];
  const prev = segs[segs.length - 2];
  if ((last === 'en' || last === 'zh') && (prev === 'label' || prev === 'helpText')) return `${prev === 'label' ? 'label' : 'help'}${last === 'zh' ? 'Zh' : 'En'}`;
  if (last === 'label') return 'labelEn';
  if (last === 'helpText') return 'helpEn';
  if (last && (ITEMS as readonly string[]).includes(last)) return last;
  if (!segs.length && d.field && (ITEMS as readonly string[]).includes(d.field)) return d.field;
  return null;
}

const blank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** The complete field definition to send: the saved one (when editing) with the form's values over it. */
function buildFieldDef(existing: Record<string, unknown> | null, v: Values, type: FieldTypeInfo): Record<string, unknown> {
  const def: Record<string, unknown> = { ...(existing ?? {}) };
  const labelEn = v.labelEn.trim();
  def.name = v.name.trim();
  def.type = v.type;
  def.label = { en: labelEn, zh: v.labelZh?.trim() || labelEn };
  const flag = (k: 'required' | 'unique', on?: boolean) => {
    if (on) def[k] = true;
    else delete def[k];
  };
  flag('required', v.required && !isComputed(v.type));
  flag('unique', v.unique && !isComputed(v.type));
  const helpEn = v.helpEn?.trim() ?? '';
  const helpZh = v.helpZh?.trim() ?? '';
  if (helpEn || helpZh) def.helpText = { en: helpEn || helpZh, zh: helpZh || helpEn };
  else delete def.helpText;
  const params = type.params.properties as Record<string, unknown>;
  for (const k of ['default', 'maxLength', 'precision', 'scale', 'target', 'pattern'] as const) {
    const value = typeof v[k] === 'string' ? (v[k] as string).trim() : v[k];
    if (k in params && !blank(value)) def[k] = value;
    else delete def[k];
  }
  // Grouping is the default: only its absence is written.
  if ('grouping' in params && v.grouping === false) def.grouping = false;
  else delete def.grouping;
  if ('options' in params) {
    def.options = (v.options ?? []).map((r) => {
      const value = r.value.trim();
      const en = r.en.trim() || value;
      return { ...(r.extra ?? {}), value, label: { en, zh: r.zh.trim() || en }, ...(r.active ? {} : { active: false }) };
    });
  } else delete def.options;
  for (const [k, value] of Object.entries(computedProps(v.type, v))) {
    if (blank(value)) delete def[k];
    else def[k] = value;
  }
  // Only what the (possibly new) type accepts.
  for (const k of Object.keys(def)) if (!BASE_PROPS.includes(k) && !(k in params)) delete def[k];
  return def;
}

function initialValues(field: DesignerField | null): Partial<Values> {
  if (!field) return { type: 'text', options: [], grouping: true, ...computedInitialValues(null) };
  const f = anyField(field);
  return {
    ...computedInitialValues(field),
    labelEn: f.label.en,
    labelZh: f.label.zh,
    name: f.name,
    type: f.type,
    required: Boolean(f.required),
    unique: Boolean(f.unique),
    helpEn: f.helpText?.en,
    helpZh: f.helpText?.zh,
    default: f.default ?? undefined,
    maxLength: f.maxLength ?? null,
    precision: f.precision ?? null,
    scale: f.scale ?? null,
    grouping: f.grouping !== false,
    target: f.target,
    pattern: f.pattern,
    options: (f.options ?? []).map((o, i) => {
      const { value, label, active, ...extra } = o;
      return { key: `saved-${i}-${value}`, value, en: label.en, zh: label.zh, active: active !== false, saved: true, extra };
    }),
  };
}

function DefaultInput({ type, options, id, value, onChange }: { type: FieldTypeInfo; options: OptionRow[]; id?: string; value?: unknown; onChange?(v: unknown): void }) {
  const { tr } = useT();
  const schema = (type.params.properties as Record<string, { type?: string }>).default ?? {};
  const choices = options.filter((o) => o.value.trim() && o.active).map((o) => ({ value: o.value.trim(), label: o.en || o.value }));
  if (type.name === 'picklist') return <Select id={id} allowClear value={value as string | undefined} options={choices} onChange={(v) => onChange?.(v ?? undefined)} />;
  if (type.name === 'multi_picklist') return <Select id={id} mode="multiple" allowClear value={(value as string[] | undefined) ?? []} options={choices} onChange={onChange} />;
  if (schema.type === 'boolean') {
    return (
      <Select
        id={id}
        allowClear
        value={value as boolean | undefined}
        options={[
          { value: true, label: tr('ui.yes') },
          { value: false, label: tr('ui.no') },
        ]}
        onChange={(v) => onChange?.(v ?? undefined)}
      />
    );
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    return (
      <InputNumber
        id={id}
        style={{ width: '100%' }}
        precision={schema.type === 'integer' ? 0 : undefined}
        value={value as number | undefined}
        onChange={(v) => onChange?.(v ?? undefined)}
      />
    );
  }
  return <Input id={id} value={(value as string | undefined) ?? ''} placeholder={type.name === 'date' ? 'YYYY-MM-DD' : undefined} onChange={(e) => onChange?.(e.target.value)} />;
}

export function FieldForm({ object, field, types, onDone }: { object: string; field: DesignerField | null; types: FieldTypeInfo[]; onDone(): void }) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMetadata();
  const objects = useQuery(trpc.designer.objects.queryOptions());
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ClientAppError | null>(null);
  const [nameTouched, setNameTouched] = useState(Boolean(field));
  const [allTypes, setAllTypes] = useState(false);
  const [formRules, setFormRules] = useState<FormRuleValues>(() => Object.fromEntries(FORM_RULE_KEYS.map((k) => [k, (field as unknown as Record<string, unknown> | null)?.[k]])));
  const typeName = Form.useWatch('type', form) ?? field?.type ?? 'text';
  const options = Form.useWatch('options', form) ?? [];
  // Bucket definitions of this field: a value added here that none of their buckets places is flagged before saving.
  const designed = useQuery({ ...trpc.designer.object.queryOptions({ name: object }), enabled: Boolean(field) });
  const bucketDocs = (designed.data?.documents.buckets ?? []) as unknown as BucketDoc[];
  const type = types.find((t) => t.name === typeName) ?? types[0];
  const params = type.params.properties as Record<string, unknown>;
  const save = useMutation(
    trpc.designer.saveField.mutationOptions({
      onSuccess: async () => {
        await refresh();
        message.success(tr('ui.saved'));
        onDone();
      },
      onError: (e) => setError(showDesignerError(form, ITEMS, e, { pick: itemOf })),
    }),
  );

  const current = field ? types.find((t) => t.name === field.type) : null;
  const typeChoices = field && !allTypes && current ? types.filter((t) => t.name === current.name || current.conversions.includes(t.name)) : types;
  const submit = (v: Values) => {
    setError(null);
    const existing = field ? (stripOrigin(field) as unknown as Record<string, unknown>) : null;
    const def = buildFieldDef(existing, v, type);
    for (const k of FORM_RULE_KEYS) {
      if (formRules[k] === undefined || formRules[k] === null) delete def[k];
      else def[k] = formRules[k];
    }
    save.mutate({ object, field: def, mode: field ? 'update' : 'create' });
  };
  const numberItem = (name: 'maxLength' | 'precision' | 'scale', text: string, min: number, max: number) => (
    <Form.Item label={text} name={name}>
      <InputNumber min={min} max={max} precision={0} style={{ width: 200 }} />
    </Form.Item>
  );

  return (
    <Form<Values>
      form={form}
      name="field"
      layout="vertical"
      initialValues={initialValues(field)}
      onFinish={submit}
      requiredMark={false}
      onValuesChange={(changed: Partial<Values>) => {
        if ('labelEn' in changed && !nameTouched) form.setFieldValue('name', apiNameFrom(changed.labelEn ?? ''));
        if ('type' in changed) {
          form.setFieldValue('default', undefined);
          if (changed.type === 'formula' && !form.getFieldValue('returnType')) form.setFieldValue('returnType', 'number');
          if (changed.type === 'rollup' && !form.getFieldValue('summaryFn')) form.setFieldValue('summaryFn', 'count');
        }
      }}
    >
      <DetailsAlert error={error} />
      <Form.Item label={tr('designer.labelEn')} name="labelEn" rules={[{ required: true, message: tr('admin.required') }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label={tr('admin.labelZh')} name="labelZh" extra={tr('designer.zhHint')}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={tr('admin.apiNameLabel')}
        name="name"
        extra={field ? tr('designer.field.nameFixed') : tr('admin.apiNameHint')}
        rules={[
          { required: true, message: tr('admin.required') },
          { pattern: API_NAME, message: tr('admin.apiNameHint') },
        ]}
      >
        <Input autoComplete="off" disabled={Boolean(field)} onChange={() => setNameTouched(true)} />
      </Form.Item>
      <Form.Item
        label={tr('designer.field.type')}
        name="type"
        extra={field ? tr(allTypes ? 'designer.field.allTypesHint' : 'designer.field.conversionsHint') : undefined}
        rules={[{ required: true, message: tr('admin.required') }]}
      >
        <Select showSearch={{ optionFilterProp: 'label' }} options={typeChoices.map((t) => ({ value: t.name, label: label(t.label) }))} />
      </Form.Item>
      {field && (
        <Form.Item>
          <Checkbox checked={allTypes} onChange={(e) => setAllTypes(e.target.checked)}>
            {tr('designer.field.allTypes')}
          </Checkbox>
        </Form.Item>
      )}
      {!isComputed(type.name) && (
        <Space size="large" wrap>
          <Form.Item label={tr('admin.required')} name="required" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item label={tr('designer.field.unique')} name="unique" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      )}
      <ComputedFieldItems object={object} type={type.name} />
      {'maxLength' in params && numberItem('maxLength', tr('designer.field.maxLength'), 1, type.name === 'long_text' ? 131072 : 1000)}
      {'precision' in params && (
        <Space size="large" wrap>
          {numberItem('precision', tr('designer.field.precision'), 1, 38)}
          {numberItem('scale', tr('designer.field.scale'), 0, 18)}
        </Space>
      )}
      {'grouping' in params && (
        <Form.Item label={tr('input.grouping')} name="grouping" valuePropName="checked" extra={tr('input.groupingHint')}>
          <Switch />
        </Form.Item>
      )}
      {'target' in params && (
        <Form.Item label={tr('designer.field.target')} name="target" rules={[{ required: true, message: tr('admin.required') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={objects.isLoading}
            options={(objects.data ?? [])
              .filter((o) => !o.archived || o.name === lookupTarget(field ?? undefined))
              .map((o) => ({ value: o.name, label: `${label(o.label)} (${o.name})` }))}
          />
        </Form.Item>
      )}
      {'pattern' in params && (
        <Form.Item label={tr('designer.field.pattern')} name="pattern" extra={tr('designer.object.autoNumberHint')} rules={[{ required: true, message: tr('admin.required') }]}>
          <Input autoComplete="off" placeholder="VO-{YYYY}-{0000}" />
        </Form.Item>
      )}
      {'options' in params && (
        <Form.Item
          label={tr('designer.picklist.values')}
          name="options"
          rules={[
            {
              validator: async (_r, rows: OptionRow[] | undefined) => {
                if (!rows?.length) throw new Error(tr('designer.picklist.none'));
                if (rows.some((r) => !r.value.trim())) throw new Error(tr('designer.picklist.blank'));
                const values = rows.map((r) => r.value.trim());
                if (new Set(values).size !== values.length) throw new Error(tr('designer.picklist.duplicate'));
              },
            },
          ]}
        >
          <PicklistValuesEditor />
        </Form.Item>
      )}
      {'options' in params && field && (
        <BucketGaps
          gaps={bucketGaps(
            bucketDocs,
            field.name,
            (options as OptionRow[]).map((r) => r.value.trim()),
          )}
        />
      )}
      {'default' in params && (
        <Form.Item label={tr('designer.field.default')} name="default">
          <DefaultInput type={type} options={options} />
        </Form.Item>
      )}
      {!isComputed(type.name) && <FormRulesEditor object={object} field={field?.name} value={formRules} onChange={setFormRules} />}
      <Form.Item label={tr('designer.field.help')} name="helpEn">
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <Form.Item label={tr('designer.field.helpZh')} name="helpZh">
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
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
