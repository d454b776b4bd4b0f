'use client';
/**
 * The drawer form of a sales process: labels, API name (new processes only), description, active,
 * default, layout and the stages. It sends the whole definition; whatever it does not edit (the
 * order, stage colours, formula gates) goes back as it was. Server messages show by the items
 * they name (stage problems by the stages), the rest in an Alert.
 */
import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, Input, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import type { ClientAppError } from '../../errors';
import { useT } from '../../i18n';
import { useTRPC } from '../../trpc';
import { apiNameFrom, LabelNameFields, DetailsAlert, itemOfDetail, showDesignerError, stripOrigin, useRefreshMetadata, type DesignerObject } from '../common';
import { StagesEditor } from './StagesEditor';
import { newStageRow, rowsToStages, stageRowsProblem, stagesToRows, type DesignerProcess, type StageRow } from './stages';

interface Values {
  labelEn: string;
  labelZh?: string;
  name: string;
  description?: string;
  active: boolean;
  isDefault: boolean;
  layout?: string | null;
  stages: StageRow[];
}

const ITEMS = ['labelEn', 'labelZh', 'name', 'description', 'active', 'isDefault', 'layout', 'stages'];

/** The form item a server error detail is about: anything under /stages is the stage table's. */
function itemOf(d: { field?: string; pointer?: string }): string | null {
  const segs = (d.pointer ?? '').split('/').filter(Boolean);
  if (segs.includes('stages')) return 'stages';
  if (segs[0] === 'label') return segs[1] === 'zh' ? 'labelZh' : 'labelEn';
  return itemOfDetail(d, ITEMS);
}

export function ProcessForm({ object, data, process, onDone }: { object: string; data: DesignerObject; process: DesignerProcess | null; onDone(): void }) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMetadata();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ClientAppError | null>(null);
  const [nameTouched, setNameTouched] = useState(Boolean(process));
  const save = useMutation(
    trpc.designer.saveProcess.mutationOptions({
      onSuccess: async () => {
        await refresh();
        message.success(tr('designer.process.saved'));
        onDone();
      },
      onError: (e) => setError(showDesignerError(form, ITEMS, e, { pick: itemOf })),
    }),
  );
  const submit = (v: Values) => {
    setError(null);
    const nextOrder = Math.max(0, ...data.processes.map((p) => p.order ?? 0)) + 1;
    const base: Record<string, unknown> = process ? (stripOrigin(process) as unknown as Record<string, unknown>) : { order: nextOrder };
    const labelEn = v.labelEn.trim();
    const def: Record<string, unknown> = { ...base, object, name: v.name.trim(), label: { en: labelEn, zh: v.labelZh?.trim() || labelEn }, stages: rowsToStages(v.stages) };
    const description = v.description?.trim();
    if (description) def.description = description;
    else delete def.description;
    if (v.isDefault) def.isDefault = true;
    else delete def.isDefault;
    if (v.active) delete def.active;
    else def.active = false;
    if (v.layout) def.layout = v.layout;
    else delete def.layout;
    save.mutate({ process: def, mode: process ? 'update' : 'create' });
  };
  const initial: Partial<Values> = process
    ? {
        labelEn: process.label.en,
        labelZh: process.label.zh,
        name: process.name,
        description: process.description,
        active: process.active !== false,
        isDefault: Boolean(process.isDefault),
        layout: process.layout ?? null,
        stages: stagesToRows(process.stages),
      }
    : { active: true, isDefault: data.processes.length === 0, layout: null, stages: [newStageRow()] };
  const layouts = data.layouts.map((l) => ({ value: l.name, label: `${label(l.label)} (${l.name})` }));

  return (
    <Form<Values>
      form={form}
      name="process"
      layout="vertical"
      initialValues={initial}
      onFinish={submit}
      requiredMark={false}
      onValuesChange={(changed: Partial<Values>) => {
        if ('labelEn' in changed && !nameTouched) form.setFieldValue('name', apiNameFrom(changed.labelEn ?? ''));
      }}
    >
      <DetailsAlert error={error} />
      <LabelNameFields fixed={Boolean(process)} fixedHint="designer.process.nameFixed" onNameTyped={() => setNameTouched(true)} />
      <Form.Item label={tr('admin.description')} name="description">
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <Space size="large" wrap align="start">
        <Form.Item label={tr('designer.process.active')} name="active" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item label={tr('designer.process.default')} name="isDefault" valuePropName="checked" extra={tr('designer.process.defaultHint')}>
          <Switch />
        </Form.Item>
        <Form.Item label={tr('designer.process.layout')} name="layout" extra={tr('designer.process.layoutHint')} style={{ width: 320 }}>
          <Select allowClear options={layouts} placeholder={tr('designer.process.firstLayout')} />
        </Form.Item>
      </Space>
      <Form.Item
        label={tr('designer.process.stages')}
        name="stages"
        rules={[
          {
            validator: async (_r, rows: StageRow[] | undefined) => {
              const p = stageRowsProblem(rows);
              if (p) throw new Error(tr(p));
            },
          },
        ]}
      >
        <StagesEditor fields={data.fields} />
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
