'use client';
/** The object's shared list views: columns, filter (the condition builder), sort, default; create, edit, delete. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { MessageKey } from '../../core/i18n';
import { builderState } from '../admin/conditionText';
import { appErrorOf, type ClientAppError } from '../errors';
import { FilterBuilder, toCondition } from '../FilterBuilder';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import type { FieldInfo, ObjectInfo } from '../types';
import { API_NAME, DetailsAlert, showDesignerError, SourceTag, StateTags, stripOrigin, useRefreshMetadata, type DesignerObject, type DesignerView } from './common';

type SortRow = { field?: string; dir: 'asc' | 'desc' };

interface Values {
  name: string;
  labelEn: string;
  labelZh?: string;
  columns: string[];
  isDefault?: boolean;
  pageSize?: number | null;
}

const ITEMS = ['name', 'labelEn', 'labelZh', 'columns', 'isDefault', 'pageSize'];

interface CondNode {
  all?: unknown[];
  any?: unknown[];
  not?: unknown;
  field?: string;
  op?: string;
  value?: unknown;
}

/** "Customer grade equals B and Region is any of East China, North China", with labels. */
export function useConditionText(fields: FieldInfo[]) {
  const { tr, label } = useT();
  const byName = new Map(fields.map((f) => [f.name, f]));
  const value = (f: FieldInfo | undefined, v: unknown): string => {
    if (Array.isArray(v)) return v.map((x) => value(f, x)).join(', ');
    if (v === '$me') return tr('ui.me');
    if (typeof v === 'boolean') return tr(v ? 'ui.yes' : 'ui.no');
    const option = f?.options?.find((o) => o.value === v);
    return option ? label(option.label) : String(v ?? '');
  };
  const walk = (c: unknown, nested: boolean): string => {
    if (!c || typeof c !== 'object') return '';
    const n = c as CondNode;
    if (Array.isArray(n.all) || Array.isArray(n.any)) {
      const parts = (n.all ?? n.any ?? []).map((x) => walk(x, true)).filter(Boolean);
      const text = parts.join(` ${tr(n.all ? 'admin.cond.and' : 'admin.cond.or')} `);
      return nested && parts.length > 1 ? `(${text})` : text;
    }
    if (n.not !== undefined) return `${tr('admin.cond.not')} ${walk(n.not, true)}`;
    const f = n.field ? byName.get(n.field) : undefined;
    return [f ? label(f.label) : n.field, n.op ? tr(`ui.op.${n.op}` as MessageKey) : '', n.value === undefined ? '' : value(f, n.value)].filter(Boolean).join(' ');
  };
  return (condition: unknown) => walk(condition, false);
}

function isFlat(condition: unknown): boolean {
  if (condition === undefined || condition === null) return true;
  const s = builderState(condition);
  return s.rows.length > 0;
}

function ViewForm({ object, view, info, onDone }: { object: string; view: DesignerView | null; info: ObjectInfo; onDone(): void }) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMetadata();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ClientAppError | null>(null);
  const [filter, setFilter] = useState<unknown>(view?.filter ?? undefined);
  const [sort, setSort] = useState<SortRow[]>((view?.sort ?? []).map((s) => ({ field: s.field, dir: s.dir ?? 'asc' })));
  const text = useConditionText(info.fields);
  const save = useMutation(
    trpc.designer.saveView.mutationOptions({
      onSuccess: async () => {
        await refresh();
        message.success(tr('ui.saved'));
        onDone();
      },
      onError: (e) => setError(showDesignerError(form, ITEMS, e, { alias: { label: 'labelEn' } })),
    }),
  );
  const columnOptions = info.fields.filter((f) => f.name !== 'id').map((f) => ({ value: f.name, label: label(f.label) }));
  const sortable = info.fields.filter((f) => f.sortable).map((f) => ({ value: f.name, label: label(f.label) }));
  const submit = (v: Values) => {
    setError(null);
    const base = view ? (stripOrigin(view) as unknown as Record<string, unknown>) : {};
    const labelEn = v.labelEn.trim();
    const next: Record<string, unknown> = { ...base, object, name: v.name.trim(), label: { en: labelEn, zh: v.labelZh?.trim() || labelEn }, columns: v.columns };
    const sortKeys = sort.filter((s) => s.field).map((s) => ({ field: s.field!, dir: s.dir }));
    if (sortKeys.length) next.sort = sortKeys;
    else delete next.sort;
    if (filter !== undefined && filter !== null) next.filter = filter;
    else delete next.filter;
    if (v.isDefault) next.isDefault = true;
    else delete next.isDefault;
    if (v.pageSize) next.pageSize = v.pageSize;
    else delete next.pageSize;
    save.mutate({ view: next });
  };
  const initial: Partial<Values> = view
    ? { name: view.name, labelEn: view.label.en, labelZh: view.label.zh, columns: view.columns, isDefault: Boolean(view.isDefault), pageSize: view.pageSize ?? null }
    : { columns: [info.nameField], isDefault: false };
  const summary = filter ? text(filter) : '';
  return (
    <Form<Values> form={form} name="view" layout="vertical" initialValues={initial} onFinish={submit} requiredMark={false}>
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
        extra={view ? tr('designer.view.nameFixed') : tr('admin.apiNameHint')}
        rules={[
          { required: true, message: tr('admin.required') },
          { pattern: API_NAME, message: tr('admin.apiNameHint') },
        ]}
      >
        <Input autoComplete="off" disabled={Boolean(view)} />
      </Form.Item>
      <Form.Item label={tr('designer.view.columns')} name="columns" extra={tr('designer.view.columnsHint')} rules={[{ required: true, message: tr('admin.required') }]}>
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={columnOptions} />
      </Form.Item>
      <section aria-labelledby="view-filter-title" style={{ marginBottom: 24 }}>
        <Typography.Title level={3} id="view-filter-title" style={{ fontSize: 14, margin: '0 0 8px' }}>
          {tr('designer.view.filter')}
        </Typography.Title>
        <Typography.Paragraph aria-live="polite" style={{ marginBottom: 8 }}>
          {summary ? tr('designer.view.filterIs', { condition: summary }) : tr('designer.view.noFilter')}
        </Typography.Paragraph>
        {!isFlat(filter) && <Alert type="info" showIcon title={tr('designer.view.complexFilter')} style={{ marginBottom: 8 }} />}
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {tr('designer.view.filterHint')}
        </Typography.Paragraph>
        <FilterBuilder fields={info.fields} initial={builderState(filter)} onApply={(s) => setFilter(toCondition(s))} />
      </section>
      <section aria-labelledby="view-sort-title" style={{ marginBottom: 24 }}>
        <Typography.Title level={3} id="view-sort-title" style={{ fontSize: 14, margin: '0 0 8px' }}>
          {tr('designer.view.sort')}
        </Typography.Title>
        {sort.map((s, i) => (
          <Space key={i} style={{ display: 'flex', marginBottom: 8 }}>
            <Select
              aria-label={`${tr('designer.view.sortField')} ${i + 1}`}
              style={{ width: 220 }}
              value={s.field}
              showSearch={{ optionFilterProp: 'label' }}
              options={sortable}
              onChange={(field) => setSort((all) => all.map((x, j) => (j === i ? { ...x, field } : x)))}
            />
            <Select
              aria-label={`${tr('designer.view.sortDir')} ${i + 1}`}
              style={{ width: 150 }}
              value={s.dir}
              options={[
                { value: 'asc', label: tr('designer.view.asc') },
                { value: 'desc', label: tr('designer.view.desc') },
              ]}
              onChange={(dir) => setSort((all) => all.map((x, j) => (j === i ? { ...x, dir } : x)))}
            />
            <Button icon={<DeleteOutlined />} aria-label={`${tr('designer.view.removeSort')} ${i + 1}`} onClick={() => setSort((all) => all.filter((_, j) => j !== i))} />
          </Space>
        ))}
        <Button icon={<PlusOutlined />} disabled={sort.length >= 3} onClick={() => setSort((all) => [...all, { dir: 'asc' }])}>
          {tr('designer.view.addSort')}
        </Button>
      </section>
      <Space size="large" wrap>
        <Form.Item label={tr('designer.view.default')} name="isDefault" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item label={tr('designer.view.pageSize')} name="pageSize">
          <InputNumber min={1} max={200} precision={0} style={{ width: 120 }} />
        </Form.Item>
      </Space>
      <Space style={{ display: 'flex' }}>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {tr('ui.save')}
        </Button>
        <Button onClick={onDone}>{tr('ui.cancel')}</Button>
      </Space>
    </Form>
  );
}

export function ViewsTab({ object, data, archived }: { object: string; data: DesignerObject; archived: boolean }) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMetadata();
  const meta = useQuery({ ...trpc.meta.object.queryOptions({ object }), enabled: !archived });
  const [editing, setEditing] = useState<DesignerView | 'new' | null>(null);
  const [error, setError] = useState<ClientAppError | null>(null);
  const info = meta.data?.object as unknown as ObjectInfo | undefined;
  const text = useConditionText(info?.fields ?? []);
  const remove = useMutation(
    trpc.designer.deleteView.mutationOptions({
      onSuccess: async () => {
        setError(null);
        await refresh();
        message.success(tr('designer.view.deleted'));
      },
      onError: (e) => setError(appErrorOf(e)),
    }),
  );
  // Personal views belong to their users: the designer lists the shared ones.
  const views = data.views.filter((v) => !v.owner);
  const fieldLabel = (name: string) => label(info?.fields.find((f) => f.name === name)?.label) || name;
  if (archived) return <Alert type="info" showIcon title={tr('designer.view.archivedObject')} />;
  return (
    <div>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} disabled={!info} onClick={() => setEditing('new')}>
          {tr('designer.view.new')}
        </Button>
      </Space>
      {meta.error && <DetailsAlert error={appErrorOf(meta.error)} />}
      <DetailsAlert error={error} onClose={() => setError(null)} />
      <Table<DesignerView>
        rowKey="name"
        size="middle"
        dataSource={views}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            key: 'label',
            title: tr('designer.view.label'),
            render: (_, v) => (
              <Space>
                {label(v.label)}
                {v.isDefault && <Tag color="green">{tr('designer.view.default')}</Tag>}
              </Space>
            ),
          },
          { key: 'name', title: tr('admin.apiNameLabel'), render: (_, v) => <code>{v.name}</code> },
          { key: 'columns', title: tr('designer.view.columns'), render: (_, v) => v.columns.map(fieldLabel).join(', ') },
          { key: 'filter', title: tr('designer.view.filter'), render: (_, v) => (v.filter ? text(v.filter) : '') },
          { key: 'source', title: tr('designer.source'), render: (_, v) => <SourceTag source={v.source} /> },
          { key: 'state', title: tr('designer.state'), render: (_, v) => <StateTags customized={v.customized} /> },
          {
            key: 'actions',
            title: tr('admin.actions'),
            render: (_, v) => {
              const name = label(v.label);
              return (
                <Space size="small">
                  <Button size="small" aria-label={`${tr('ui.edit')}: ${name}`} disabled={!info} onClick={() => setEditing(v)}>
                    {tr('ui.edit')}
                  </Button>
                  <Popconfirm
                    title={tr('admin.confirmDelete', { name })}
                    okText={tr('ui.delete')}
                    okButtonProps={{ danger: true }}
                    cancelText={tr('ui.cancel')}
                    onConfirm={() => remove.mutate({ object, name: v.name })}
                  >
                    <Button size="small" danger aria-label={`${tr('ui.delete')}: ${name}`}>
                      {tr('ui.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              );
            },
          },
        ]}
      />
      <Drawer open={editing !== null} onClose={() => setEditing(null)} size={760} destroyOnHidden title={editing === 'new' ? tr('designer.view.new') : tr('designer.view.edit')}>
        {editing !== null && info && (
          <ViewForm key={editing === 'new' ? 'new' : editing.name} object={object} view={editing === 'new' ? null : editing} info={info} onDone={() => setEditing(null)} />
        )}
      </Drawer>
    </div>
  );
}
