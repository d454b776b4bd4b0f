'use client';
/**
 * The steps of an approval flow, in order, one card each: API name, labels, approvers, mode,
 * criteria (a formula checked as you type, or conditions), what happens when they are not met and
 * what a rejection does. Each card is a group named after its step ("Step 2: Finance"), so its
 * inputs are found by their plain labels inside it. Server problems show on the step they name.
 */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Select, Space, Typography } from 'antd';
import { cloneElement, useId, type ReactElement } from 'react';
import { useT } from '../../i18n';
import type { FieldInfo } from '../../types';
import { apiNameFrom } from '../common';
import { ApproversEditor } from './ApproversEditor';
import { newStepRow, type StepRow } from './flow';
import { TestInput } from './TestInput';

/** A visible label above its input, tied to it by id. */
export function Labelled({ id, label, children, width }: { id: string; label: string; children: ReactElement<{ id?: string }>; width?: number | string }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 4, width }}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id })}
    </div>
  );
}

export function StepsEditor({
  value = [],
  onChange,
  id,
  object,
  fields,
  problems,
}: {
  value?: StepRow[];
  onChange?(rows: StepRow[]): void;
  id?: string;
  object: string;
  fields: FieldInfo[];
  /** Server messages by step index. */
  problems: Map<number, string[]>;
}) {
  const { tr } = useT();
  const base = useId();
  const set = (rows: StepRow[]) => onChange?.(rows);
  const update = (i: number, patch: Partial<StepRow>) =>
    set(
      value.map((r, j) => {
        if (j !== i) return r;
        const next = { ...r, ...patch };
        // A new step's API name follows its English label until typed by hand.
        if ('en' in patch && !r.nameTouched) next.name = apiNameFrom(patch.en ?? '');
        return next;
      }),
    );
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= value.length) return;
    const rows = [...value];
    [rows[i], rows[j]] = [rows[j], rows[i]];
    set(rows);
  };
  const modeOptions = [
    { value: 'any', label: tr('designer.approval.modeAny') },
    { value: 'all', label: tr('designer.approval.modeAll') },
  ];
  const notMetOptions = [
    { value: 'skip', label: tr('designer.approval.notMetSkip') },
    { value: 'approve', label: tr('designer.approval.notMetApprove') },
  ];
  const rejectOptions = [
    { value: 'final', label: tr('designer.approval.rejectFinal') },
    { value: 'back', label: tr('designer.approval.rejectBack') },
  ];

  return (
    <div id={id}>
      {value.map((r, i) => {
        const title = tr('designer.approval.stepTitle', { n: i + 1, name: r.en.trim() || r.name || '…' });
        const at = (k: string) => `${base}-${r.key}-${k}`;
        const own = problems.get(i) ?? [];
        return (
          <Card
            key={r.key}
            size="small"
            role="group"
            aria-label={title}
            style={{ marginBottom: 12 }}
            title={<Typography.Text strong>{title}</Typography.Text>}
            extra={
              <Space size={4}>
                <Button size="small" icon={<ArrowUpOutlined />} aria-label={tr('designer.approval.stepUp')} disabled={i === 0} onClick={() => move(i, -1)} />
                <Button size="small" icon={<ArrowDownOutlined />} aria-label={tr('designer.approval.stepDown')} disabled={i === value.length - 1} onClick={() => move(i, 1)} />
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={tr('designer.approval.removeStep')} onClick={() => set(value.filter((_, j) => j !== i))} />
              </Space>
            }
          >
            {own.length > 0 && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 12 }}
                title={
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {own.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                }
              />
            )}
            <Space wrap align="start" size="middle" style={{ marginBottom: 12 }}>
              <Labelled id={at('en')} label={tr('designer.approval.stepLabel')} width={220}>
                <Input value={r.en} onChange={(e) => update(i, { en: e.target.value })} />
              </Labelled>
              <Labelled id={at('zh')} label={tr('designer.approval.stepLabelZh')} width={180}>
                <Input value={r.zh} placeholder={r.en} onChange={(e) => update(i, { zh: e.target.value })} />
              </Labelled>
              <Labelled id={at('name')} label={tr('designer.approval.stepName')} width={200}>
                <Input value={r.name} maxLength={63} onChange={(e) => update(i, { name: e.target.value, nameTouched: true })} />
              </Labelled>
            </Space>
            <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
              {tr('designer.approval.approvers')}
            </Typography.Text>
            <ApproversEditor value={r.approvers} onChange={(approvers) => update(i, { approvers })} />
            <Space wrap align="start" size="middle" style={{ margin: '12px 0' }}>
              <Labelled id={at('mode')} label={tr('designer.approval.mode')} width={260}>
                <Select value={r.mode} options={modeOptions} onChange={(mode) => update(i, { mode })} />
              </Labelled>
              <Labelled id={at('reject')} label={tr('designer.approval.onReject')} width={260}>
                <Select value={r.onReject} options={rejectOptions} onChange={(onReject) => update(i, { onReject })} />
              </Labelled>
            </Space>
            <TestInput
              key={`${r.key}-criteria`}
              object={object}
              fields={fields}
              id={at('criteria')}
              label={tr('designer.approval.criteria')}
              emptyText={tr('designer.approval.always')}
              value={r.criteria}
              onChange={(criteria) => update(i, { criteria })}
            />
            {r.criteria !== undefined && r.criteria !== '' && (
              <div style={{ marginTop: 12 }}>
                <Labelled id={at('notMet')} label={tr('designer.approval.whenNotMet')} width={300}>
                  <Select value={r.whenNotMet} options={notMetOptions} onChange={(whenNotMet) => update(i, { whenNotMet })} />
                </Labelled>
              </div>
            )}
          </Card>
        );
      })}
      <Space wrap>
        <Button icon={<PlusOutlined />} onClick={() => set([...value, newStepRow()])}>
          {tr('designer.approval.addStep')}
        </Button>
        <Typography.Text type="secondary">{tr('designer.approval.stepsHint')}</Typography.Text>
      </Space>
    </div>
  );
}
