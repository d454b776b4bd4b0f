'use client';
/** One entry of an assignment rule: its label, condition (the condition builder), target and options. */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useId } from 'react';
import { builderState } from '../../admin/conditionText';
import { FilterBuilder, toCondition } from '../../FilterBuilder';
import { useT } from '../../i18n';
import type { FieldInfo } from '../../types';
import { compactJson } from '../common';
import { useConditionText } from '../ViewsTab';

type Label = { en: string; zh: string };
export interface Member {
  type: 'user' | 'role' | 'role_and_subordinates' | 'department' | 'department_and_children' | 'group';
  name: string;
}
export type Target =
  | { type: 'user'; user: string }
  | { type: 'queue'; queue: string }
  | { type: 'pool'; pool: string }
  | { type: 'roundRobin'; members: Member[]; skipInactive?: boolean; skipAway?: boolean; cap?: number; fallbackQueue?: string };
export interface Entry {
  name: string;
  label?: Label;
  when?: unknown;
  assignTo: Target;
  override?: boolean;
  onUpdate?: boolean;
}

const MEMBER_TYPES: Member['type'][] = ['role', 'role_and_subordinates', 'department', 'department_and_children', 'group', 'user'];

export function EntryEditor(props: {
  entry: Entry;
  index: number;
  count: number;
  fields: FieldInfo[];
  queues: { name: string; label: Label }[];
  onChange(e: Entry): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}) {
  const { entry, index, count, fields, queues, onChange } = props;
  const { tr, label } = useT();
  const ids = { en: useId(), zh: useId(), target: useId(), user: useId(), queue: useId(), cap: useId(), fallback: useId() };
  const text = useConditionText(fields);
  const t = entry.assignTo;
  const set = (patch: Partial<Entry>) => onChange({ ...entry, ...patch });
  const setTarget = (patch: Partial<Target>) => set({ assignTo: { ...t, ...patch } as Target });
  const title = label(entry.label) || entry.name;
  const queueOptions = queues.map((q) => ({ value: q.name, label: label(q.label) }));
  const flat = entry.when === undefined || builderState(entry.when).rows.length > 0;
  return (
    <Card
      size="small"
      role="group"
      aria-label={tr('assignUi.entryN', { n: index + 1, name: title })}
      title={`${index + 1}. ${title}`}
      extra={
        <Space size={4}>
          <Button size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => props.onMove(-1)} aria-label={tr('assignUi.up', { name: title })} />
          <Button size="small" icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => props.onMove(1)} aria-label={tr('assignUi.down', { name: title })} />
          <Button size="small" danger icon={<DeleteOutlined />} disabled={count === 1} onClick={props.onRemove} aria-label={tr('assignUi.remove', { name: title })} />
        </Space>
      }
      style={{ marginBottom: 12 }}
    >
      <Space wrap style={{ marginBottom: 8 }}>
        <label htmlFor={ids.en}>{tr('assignUi.labelEn')}</label>
        <Input id={ids.en} value={entry.label?.en ?? ''} onChange={(e) => set({ label: { en: e.target.value, zh: entry.label?.zh ?? '' } })} style={{ width: 200 }} />
        <label htmlFor={ids.zh}>{tr('assignUi.labelZh')}</label>
        <Input id={ids.zh} value={entry.label?.zh ?? ''} onChange={(e) => set({ label: { en: entry.label?.en ?? '', zh: e.target.value } })} style={{ width: 200 }} />
      </Space>
      <Typography.Paragraph aria-live="polite" style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{tr('assignUi.when')} </Typography.Text>
        {entry.when === undefined ? tr('assignUi.always') : text(entry.when) || compactJson(entry.when)}
      </Typography.Paragraph>
      {flat ? (
        <FilterBuilder fields={fields} initial={builderState(entry.when)} onApply={(s) => set({ when: s.rows.length ? toCondition(s) : undefined })} />
      ) : (
        <Button size="small" onClick={() => set({ when: undefined })}>
          {tr('designer.approval.clearCondition')}
        </Button>
      )}
      <Space wrap style={{ marginTop: 12 }}>
        <label htmlFor={ids.target}>{tr('assignUi.target')}</label>
        <Select
          id={ids.target}
          style={{ width: 200 }}
          value={t.type}
          onChange={(type) =>
            set({
              assignTo:
                type === 'user' ? { type, user: '' } : type === 'queue' ? { type, queue: queues[0]?.name ?? '' } : { type: 'roundRobin', members: [{ type: 'role', name: '' }] },
            })
          }
          options={[
            { value: 'roundRobin', label: tr('assignUi.target.roundRobin') },
            { value: 'user', label: tr('assignUi.target.user') },
            { value: 'queue', label: tr('assignUi.target.queue') },
          ]}
        />
        {t.type === 'user' && (
          <>
            <label htmlFor={ids.user}>{tr('assignUi.userEmail')}</label>
            <Input id={ids.user} inputMode="email" value={t.user} onChange={(e) => setTarget({ user: e.target.value })} style={{ width: 240 }} />
          </>
        )}
        {t.type === 'queue' && (
          <>
            <label htmlFor={ids.queue}>{tr('assignUi.queue')}</label>
            <Select id={ids.queue} style={{ width: 200 }} value={t.queue} onChange={(queue) => setTarget({ queue })} options={queueOptions} />
          </>
        )}
      </Space>
      {t.type === 'roundRobin' && (
        <div style={{ marginTop: 8 }}>
          {t.members.map((m, i) => (
            <Space key={i} wrap style={{ marginBottom: 6 }}>
              <Select
                aria-label={tr('assignUi.memberType', { n: i + 1 })}
                style={{ width: 200 }}
                value={m.type}
                onChange={(type) => setTarget({ members: t.members.map((x, j) => (j === i ? { ...x, type } : x)) })}
                options={MEMBER_TYPES.map((v) => ({ value: v, label: tr(`assignUi.member.${v}`) }))}
              />
              <Input
                aria-label={tr('assignUi.memberName', { n: i + 1 })}
                placeholder={tr(m.type === 'user' ? 'assignUi.userEmail' : 'assignUi.apiName')}
                value={m.name}
                onChange={(e) => setTarget({ members: t.members.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })}
                style={{ width: 220 }}
              />
              <Button
                size="small"
                icon={<DeleteOutlined />}
                disabled={t.members.length === 1}
                aria-label={tr('assignUi.memberRemove', { n: i + 1 })}
                onClick={() => setTarget({ members: t.members.filter((_, j) => j !== i) })}
              />
            </Space>
          ))}
          <div>
            <Button size="small" icon={<PlusOutlined />} onClick={() => setTarget({ members: [...t.members, { type: 'role', name: '' }] })}>
              {tr('assignUi.memberAdd')}
            </Button>
          </div>
          <Space wrap style={{ marginTop: 8 }}>
            <Checkbox checked={t.skipInactive !== false} onChange={(e) => setTarget({ skipInactive: e.target.checked ? undefined : false })}>
              {tr('assignUi.skipInactive')}
            </Checkbox>
            <Checkbox checked={t.skipAway !== false} onChange={(e) => setTarget({ skipAway: e.target.checked ? undefined : false })}>
              {tr('assignUi.skipAway')}
            </Checkbox>
            <label htmlFor={ids.cap}>{tr('assignUi.cap')}</label>
            <InputNumber id={ids.cap} min={1} value={t.cap} onChange={(v) => setTarget({ cap: typeof v === 'number' ? v : undefined })} />
            <label htmlFor={ids.fallback}>{tr('assignUi.fallback')}</label>
            <Select id={ids.fallback} allowClear style={{ width: 200 }} value={t.fallbackQueue} onChange={(q) => setTarget({ fallbackQueue: q })} options={queueOptions} />
          </Space>
        </div>
      )}
      <div style={{ marginTop: 8 }}>
        <Checkbox checked={entry.override === true} onChange={(e) => set({ override: e.target.checked || undefined })}>
          {tr('assignUi.override')}
        </Checkbox>
      </div>
    </Card>
  );
}
