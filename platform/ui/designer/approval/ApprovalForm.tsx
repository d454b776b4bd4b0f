'use client';
/**
 * The drawer form of an approval flow: labels, API name (new flows only), description, active,
 * entry condition, who may submit, whether approvers may edit and submitters recall, the steps and
 * the actions. It sends the whole definition; what it does not edit goes back as it was. Server
 * problems show on the step or moment they name, the rest by their form items or in an Alert.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { appErrorOf, type ClientAppError } from '../../errors';
import { useT } from '../../i18n';
import { useTRPC } from '../../trpc';
import type { FieldInfo } from '../../types';
import { apiNameFrom, LabelNameFields, DetailsAlert, itemOfDetail, showDesignerError, stripOrigin, useRefreshMetadata } from '../common';
import { ActionsEditor } from './ActionsEditor';
import { AfterApprovalItems } from './AfterApprovalItems';
import { useDirectory } from './ApproversEditor';
import {
  actionsToState,
  newStepRow,
  orderOf,
  putOrDefault,
  rowsToSteps,
  stateToActions,
  stateToSubmitters,
  stepRowsProblem,
  stepsToRows,
  submittersToState,
  testOut,
  type ActionsState,
  type DesignerApproval,
  type StepRow,
  type Test,
} from './flow';
import { StepsEditor } from './StepsEditor';
import { TestInput } from './TestInput';

type Kind = 'owner' | 'creator' | 'editors';

interface Values {
  labelEn: string;
  labelZh?: string;
  name: string;
  description?: string;
  active: boolean;
  entry: Test;
  submitKinds: Kind[];
  submitRoles: string[];
  submitGroups: string[];
  approverMayEdit: boolean;
  allowRecall: boolean;
  afterOnEdit: 'none' | 'lock' | 'reopen';
  afterFields: string[];
  steps: StepRow[];
  actions: ActionsState;
}

const ITEMS = ['labelEn', 'labelZh', 'name', 'description', 'active', 'entry', 'submitKinds', 'approverMayEdit', 'allowRecall', 'afterOnEdit', 'afterFields', 'steps', 'actions'];

function itemOf(d: { field?: string; pointer?: string }): string | null {
  const segs = (d.pointer ?? '').split('/').filter(Boolean);
  if (segs[0] === 'label') return segs[1] === 'zh' ? 'labelZh' : 'labelEn';
  if (segs[0] === 'submitters') return 'submitKinds';
  if (segs[0] === 'afterApproval') return segs[1] === 'fields' ? 'afterFields' : 'afterOnEdit';
  return itemOfDetail(d, ITEMS);
}

export function ApprovalForm({
  object,
  fields,
  flows,
  flow,
  onDone,
}: {
  object: string;
  fields: FieldInfo[];
  flows: DesignerApproval[];
  flow: DesignerApproval | null;
  onDone(): void;
}) {
  const trpc = useTRPC();
  const { tr } = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMetadata();
  const dir = useDirectory();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ClientAppError | null>(null);
  const [stepProblems, setStepProblems] = useState(new Map<number, string[]>());
  const [actionProblems, setActionProblems] = useState(new Map<string, string[]>());
  const [nameTouched, setNameTouched] = useState(Boolean(flow));
  const box = useRef<HTMLDivElement>(null);
  const [failures, setFailures] = useState(0);
  const onError = (e: unknown) => {
    const err = appErrorOf(e);
    if (!err) return;
    const steps = new Map<number, string[]>();
    const actions = new Map<string, string[]>();
    const rest: ClientAppError['details'] = [];
    for (const d of err.details) {
      const step = /^\/steps\/(\d+)/.exec(d.pointer ?? '');
      const action = /^\/actions\/(\w+)(?:\/(\d+))?/.exec(d.pointer ?? '');
      if (step) steps.set(Number(step[1]), [...(steps.get(Number(step[1])) ?? []), d.message]);
      else if (action) {
        const key = action[2] ? `${action[1]}/${action[2]}` : action[1];
        actions.set(key, [...(actions.get(key) ?? []), d.message]);
      } else rest.push(d);
    }
    setStepProblems(steps);
    setActionProblems(actions);
    const left = showDesignerError(form, ITEMS, { data: { appError: { ...err, details: rest } } }, { pick: itemOf });
    setError(left ?? (steps.size || actions.size ? { ...err, message: tr('designer.approval.seeBelow'), details: [] } : null));
    setFailures((n) => n + 1);
  };
  // The Save button is at the bottom of a long form: bring the first problem into view.
  useEffect(() => {
    if (failures) box.current?.querySelector('.ant-alert-error, .ant-form-item-explain-error')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [failures]);
  const save = useMutation(
    trpc.designer.saveApproval.mutationOptions({
      onSuccess: async () => {
        await refresh();
        message.success(tr('designer.approval.saved'));
        onDone();
      },
      onError,
    }),
  );

  const original = flow ? (stripOrigin(flow) as unknown as Record<string, unknown>) : {};
  const submit = (v: Values) => {
    setError(null);
    setStepProblems(new Map());
    setActionProblems(new Map());
    const labelEn = v.labelEn.trim();
    const def: Record<string, unknown> = { ...original, object, name: v.name.trim(), label: { en: labelEn, zh: v.labelZh?.trim() || labelEn } };
    // A new flow is tried after the existing ones.
    if (!flow) def.order = Math.max(0, ...flows.map(orderOf)) + 10;
    putOrDefault(def, original, 'description', v.description?.trim() || undefined, undefined);
    putOrDefault(def, original, 'active', v.active, true);
    putOrDefault(def, original, 'entry', testOut(v.entry), undefined);
    const kinds = new Set(v.submitKinds);
    putOrDefault(
      def,
      original,
      'submitters',
      stateToSubmitters(
        { owner: kinds.has('owner'), creator: kinds.has('creator'), editors: kinds.has('editors'), roles: v.submitRoles, groups: v.submitGroups },
        'submitters' in original,
      ),
      undefined,
    );
    putOrDefault(def, original, 'approverMayEdit', v.approverMayEdit, false);
    putOrDefault(def, original, 'allowRecall', v.allowRecall, true);
    putOrDefault(
      def,
      original,
      'afterApproval',
      v.afterOnEdit === 'none' ? undefined : { ...(original.afterApproval as object | undefined), fields: v.afterFields, onEdit: v.afterOnEdit },
      undefined,
    );
    def.steps = rowsToSteps(v.steps);
    putOrDefault(def, original, 'actions', stateToActions(v.actions), undefined);
    save.mutate({ approval: def, mode: flow ? 'update' : 'create' });
  };

  const submitters = submittersToState(flow?.submitters);
  const initial: Values = {
    labelEn: flow?.label.en ?? '',
    labelZh: flow?.label.zh,
    name: flow?.name ?? '',
    description: flow?.description,
    active: flow?.active !== false,
    entry: flow?.entry as Test,
    submitKinds: (['owner', 'creator', 'editors'] as const).filter((k) => submitters[k]),
    submitRoles: submitters.roles,
    submitGroups: submitters.groups,
    approverMayEdit: flow?.approverMayEdit === true,
    allowRecall: flow?.allowRecall !== false,
    afterOnEdit: flow?.afterApproval?.onEdit ?? 'none',
    afterFields: [...(flow?.afterApproval?.fields ?? [])],
    steps: flow ? stepsToRows(flow.steps) : [newStepRow()],
    actions: actionsToState(flow?.actions),
  };
  const atLeastOne = async () => {
    const [k, r, g] = [form.getFieldValue('submitKinds'), form.getFieldValue('submitRoles'), form.getFieldValue('submitGroups')] as string[][];
    if (!k?.length && !r?.length && !g?.length) throw new Error(tr('designer.approval.noSubmitters'));
  };

  return (
    <div ref={box}>
      <Form<Values>
        form={form}
        name="approval"
        layout="vertical"
        initialValues={initial}
        onFinish={submit}
        requiredMark={false}
        scrollToFirstError={{ block: 'center' }}
        onValuesChange={(changed: Partial<Values>) => {
          if ('labelEn' in changed && !nameTouched) form.setFieldValue('name', apiNameFrom(changed.labelEn ?? ''));
          if ('submitRoles' in changed || 'submitGroups' in changed) void form.validateFields(['submitKinds']).catch(() => undefined);
        }}
      >
        <Alert type="info" showIcon title={tr('designer.approval.versionNote')} style={{ marginBottom: 16 }} />
        <DetailsAlert error={error} />
        <LabelNameFields fixed={Boolean(flow)} fixedHint="designer.approval.nameFixed" onNameTyped={() => setNameTouched(true)} />
        <Form.Item label={tr('admin.description')} name="description">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Form.Item label={tr('designer.approval.active')} name="active" valuePropName="checked" extra={tr('designer.approval.activeHint')}>
          <Switch />
        </Form.Item>
        <Form.Item name="entry" extra={tr('designer.approval.entryHint')}>
          <TestInput object={object} fields={fields} label={tr('designer.approval.entry')} emptyText={tr('designer.approval.everyRecord')} />
        </Form.Item>
        <Form.Item label={tr('designer.approval.submitters')} name="submitKinds" rules={[{ validator: atLeastOne }]} extra={tr('designer.approval.submittersHint')}>
          <Checkbox.Group
            options={[
              { value: 'owner', label: tr('designer.approval.submitOwner') },
              { value: 'creator', label: tr('designer.approval.submitCreator') },
              { value: 'editors', label: tr('designer.approval.submitEditors') },
            ]}
          />
        </Form.Item>
        <Space size="large" wrap align="start">
          <Form.Item label={tr('designer.approval.submitRoles')} name="submitRoles" style={{ width: 360 }}>
            <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={dir.roles} />
          </Form.Item>
          <Form.Item label={tr('designer.approval.submitGroups')} name="submitGroups" style={{ width: 360 }}>
            <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={dir.groups} />
          </Form.Item>
        </Space>
        <Space size="large" wrap align="start">
          <Form.Item label={tr('designer.approval.approverMayEdit')} name="approverMayEdit" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item label={tr('designer.approval.allowRecall')} name="allowRecall" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <AfterApprovalItems fields={fields} />
        <Typography.Title level={3} style={{ fontSize: 16 }}>
          {tr('designer.approval.steps')}
        </Typography.Title>
        {/* The editors' own inputs are not all in error when one step is: problems show on their steps. */}
        <Form.Item
          name="steps"
          validateStatus=""
          rules={[
            {
              validator: async (_r, rows: StepRow[] | undefined) => {
                const p = stepRowsProblem(rows);
                if (p) throw new Error(tr(p));
              },
            },
          ]}
        >
          <StepsEditor object={object} fields={fields} problems={stepProblems} />
        </Form.Item>
        <Typography.Title level={3} style={{ fontSize: 16 }}>
          {tr('designer.approval.actions')}
        </Typography.Title>
        <Form.Item name="actions" validateStatus="">
          <ActionsEditor fields={fields} problems={actionProblems} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {tr('ui.save')}
          </Button>
          <Button onClick={onDone}>{tr('ui.cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}
