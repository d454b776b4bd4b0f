'use client';
/**
 * The object's assignment rules: the first entry (in order) whose condition a new record meets
 * decides its owner (a user, a queue, or round-robin over a team). Edit in a drawer: entries move
 * up and down, each with the condition builder and a target. Saved through the designer like
 * every kind (kind `assignment_rule`), checked on save with pointers.
 */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Checkbox, Drawer, Input, Space, Table, Tag, Typography } from 'antd';
import { useId, useState } from 'react';
import { appErrorOf, type ClientAppError } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import type { ObjectInfo } from '../types';
import { DetailsAlert, SourceTag, stripOrigin, useRefreshMetadata, type DesignerObject } from './common';
import { EntryEditor, type Entry } from './assignment/EntryEditor';

type Label = { en: string; zh: string };
interface Rule {
  object: string;
  name: string;
  label: Label;
  active?: boolean;
  entries: Entry[];
  source?: string;
  customized?: boolean;
  [k: string]: unknown;
}

export function AssignmentTab({ object, data }: { object: string; data: DesignerObject }) {
  const { tr, label } = useT();
  const rules = ((data.documents?.assignment ?? []) as unknown as Rule[]).slice().sort((a, b) => a.name.localeCompare(b.name));
  const queues = (data.documents?.queues ?? []) as unknown as { name: string; label: Label }[];
  const [editing, setEditing] = useState<Rule | null>(null);
  const blank = (): Rule => ({
    object,
    name: '',
    label: { en: '', zh: '' },
    entries: [{ name: 'entry_1', assignTo: { type: 'roundRobin', members: [{ type: 'role', name: '' }] } }],
  });
  return (
    <div>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(blank())}>
          {tr('assignUi.new')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{tr('assignUi.hint')}</Typography.Paragraph>
      <Table<Rule>
        rowKey="name"
        size="middle"
        dataSource={rules}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{ emptyText: tr('assignUi.none') }}
        columns={[
          { key: 'label', title: tr('assignUi.rule'), render: (_, r) => label(r.label) },
          { key: 'entries', title: tr('assignUi.entries'), render: (_, r) => r.entries.map((e) => label(e.label) || e.name).join(' → ') },
          {
            key: 'active',
            title: tr('designer.rule.active'),
            render: (_, r) => (r.active === false ? <Tag>{tr('designer.process.inactive')}</Tag> : <Tag color="blue">{tr('ui.yes')}</Tag>),
          },
          { key: 'source', title: tr('designer.source'), render: (_, r) => <SourceTag source={r.source ?? 'workspace'} /> },
          {
            key: 'actions',
            title: tr('admin.actions'),
            render: (_, r) => (
              <Button size="small" aria-label={`${tr('ui.edit')}: ${label(r.label)}`} onClick={() => setEditing(r)}>
                {tr('ui.edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing && <RuleDrawer object={object} rule={editing} queues={queues} onClose={() => setEditing(null)} />}
    </div>
  );
}

function RuleDrawer({ object, rule, queues, onClose }: { object: string; rule: Rule; queues: { name: string; label: Label }[]; onClose(): void }) {
  const trpc = useTRPC();
  const { tr } = useT();
  const { message } = App.useApp();
  const refresh = useRefreshMetadata();
  const meta = useQuery(trpc.meta.object.queryOptions({ object }));
  const fields = ((meta.data?.object as unknown as ObjectInfo | undefined)?.fields ?? []).filter((f) => f.type !== 'formula');
  const isNew = !rule.name;
  const [draft, setDraft] = useState<Rule>(() => stripOrigin(rule) as Rule);
  const [error, setError] = useState<ClientAppError | null>(null);
  const ids = { name: useId(), en: useId(), zh: useId() };
  const save = useMutation(
    trpc.designer.saveItem.mutationOptions({
      onSuccess: async () => {
        await refresh();
        message.success(tr('ui.saved'));
        onClose();
      },
      onError: (e) => setError(appErrorOf(e)),
    }),
  );
  const setEntries = (entries: Entry[]) => setDraft({ ...draft, entries });
  const move = (i: number, by: -1 | 1) => {
    const next = draft.entries.slice();
    [next[i], next[i + by]] = [next[i + by], next[i]];
    setEntries(next);
  };
  const submit = () => {
    setError(null);
    const entries = draft.entries.map((e) => (e.label && !e.label.en && !e.label.zh ? { ...e, label: undefined } : e));
    save.mutate({ kind: 'assignment_rule', doc: JSON.parse(JSON.stringify({ ...draft, entries })), mode: isNew ? 'create' : 'update' });
  };
  return (
    <Drawer
      open
      size="large"
      title={isNew ? tr('assignUi.new') : tr('assignUi.edit')}
      onClose={onClose}
      extra={
        <Button type="primary" loading={save.isPending} onClick={submit}>
          {tr('ui.save')}
        </Button>
      }
    >
      <DetailsAlert error={error} onClose={() => setError(null)} />
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor={ids.name}>{tr('admin.apiNameLabel')}</label>
        <Input id={ids.name} disabled={!isNew} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} style={{ width: 200 }} />
        <label htmlFor={ids.en}>{tr('assignUi.labelEn')}</label>
        <Input id={ids.en} value={draft.label.en} onChange={(e) => setDraft({ ...draft, label: { ...draft.label, en: e.target.value } })} style={{ width: 200 }} />
        <label htmlFor={ids.zh}>{tr('assignUi.labelZh')}</label>
        <Input id={ids.zh} value={draft.label.zh} onChange={(e) => setDraft({ ...draft, label: { ...draft.label, zh: e.target.value } })} style={{ width: 200 }} />
        <Checkbox checked={draft.active !== false} onChange={(e) => setDraft({ ...draft, active: e.target.checked ? undefined : false })}>
          {tr('designer.rule.active')}
        </Checkbox>
      </Space>
      {draft.entries.map((e, i) => (
        <EntryEditor
          key={i}
          entry={e}
          index={i}
          count={draft.entries.length}
          fields={fields}
          queues={queues}
          onChange={(next) => setEntries(draft.entries.map((x, j) => (j === i ? next : x)))}
          onMove={(by) => move(i, by)}
          onRemove={() => setEntries(draft.entries.filter((_, j) => j !== i))}
        />
      ))}
      <Button
        icon={<PlusOutlined />}
        onClick={() =>
          setEntries([
            ...draft.entries,
            { name: `entry_${draft.entries.length + 1}_${Date.now().toString(36).slice(-3)}`, assignTo: { type: 'queue', queue: queues[0]?.name ?? '' } },
          ])
        }
      >
        {tr('assignUi.addEntry')}
      </Button>
    </Drawer>
  );
}
