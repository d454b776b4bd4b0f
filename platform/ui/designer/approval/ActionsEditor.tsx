'use client';
/**
 * What a flow does when a request is submitted, finally approved, rejected or recalled: field
 * updates (a writable field and a value fitting its type) and e-mails (recipients, subject and
 * body in both languages, handlebars templates). One group per moment, one per action inside it.
 */
import { DeleteOutlined, MailOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Input, InputNumber, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useId } from 'react';
import type { MessageKey } from '../../../core/i18n';
import { typeOf } from '../../format';
import { useT } from '../../i18n';
import { LookupSelect } from '../../LookupSelect';
import type { FieldInfo } from '../../types';
import { useDirectory } from './ApproversEditor';
import { MOMENTS, newKey, RECIPIENTS, type ActionRow, type ActionsState, type Moment } from './flow';
import { Labelled } from './StepsEditor';

const MOMENT_TITLES: Record<Moment, MessageKey> = {
  submit: 'designer.approval.onSubmit',
  approve: 'designer.approval.onApprove',
  reject: 'designer.approval.onRejectMoment',
  recall: 'designer.approval.onRecall',
};
/** The fields an approval may set: those the record service accepts (no computed, system or read-only fields; the owner may be). */
function writableFields(fields: FieldInfo[]): FieldInfo[] {
  return fields.filter((f) => !f.readOnly);
}

function ValueInput({ field, id, value, onChange }: { field?: FieldInfo; id: string; value: unknown; onChange(v: unknown): void }) {
  const { tr, label } = useT();
  const dir = useDirectory();
  const clears = tr('designer.approval.valueEmpty');
  if (!field) return <Input id={id} disabled placeholder={tr('designer.approval.pickFieldFirst')} />;
  // A user lookup (owner), described as 'user': picked from the directory.
  if (field.type === 'user')
    return (
      <Select
        id={id}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        value={value ?? undefined}
        options={dir.userIds}
        placeholder={clears}
        onChange={(v) => onChange(v ?? undefined)}
      />
    );
  const type = typeOf(field);
  if (field.options) {
    const options = field.options
      .filter((o) => o.active || o.value === value || (Array.isArray(value) && value.includes(o.value)))
      .map((o) => ({ value: o.value, label: label(o.label) }));
    return (
      <Select
        id={id}
        allowClear
        mode={type.valueKind === 'text_array' ? 'multiple' : undefined}
        value={value ?? undefined}
        options={options}
        placeholder={clears}
        onChange={(v) => onChange(v ?? undefined)}
      />
    );
  }
  if (type.filterInput === 'boolean') {
    return (
      <Select
        id={id}
        allowClear
        value={value ?? undefined}
        placeholder={clears}
        options={[
          { value: true, label: tr('ui.yes') },
          { value: false, label: tr('ui.no') },
        ]}
        onChange={(v) => onChange(v ?? undefined)}
      />
    );
  }
  if (type.filterInput === 'lookup' && field.target)
    return <LookupSelect id={id} object={field.target} value={value as string | undefined} placeholder={clears} onChange={(v) => onChange(v ?? undefined)} />;
  if (type.filterInput === 'number')
    return <InputNumber id={id} style={{ width: '100%' }} value={value as number | undefined} placeholder={clears} onChange={(v) => onChange(v ?? undefined)} />;
  if (type.filterInput === 'date')
    return <DatePicker id={id} value={value ? dayjs(String(value)) : null} placeholder={clears} onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)} />;
  if (type.filterInput === 'datetime')
    return <DatePicker id={id} showTime value={value ? dayjs(String(value)) : null} placeholder={clears} onChange={(d) => onChange(d ? d.toISOString() : undefined)} />;
  return <Input id={id} value={(value as string | undefined) ?? ''} placeholder={clears} onChange={(e) => onChange(e.target.value)} />;
}

function ActionItem({
  action,
  title,
  first,
  fields,
  onChange,
  onRemove,
}: {
  action: ActionRow;
  title: string;
  first: boolean;
  fields: FieldInfo[];
  onChange(a: ActionRow): void;
  onRemove(): void;
}) {
  const { tr, label } = useT();
  const base = useId();
  const at = (k: string) => `${base}-${k}`;
  return (
    <div role="group" aria-label={title} style={{ borderTop: first ? undefined : '1px solid rgba(5,5,5,0.06)', padding: first ? '0 0 12px' : '12px 0' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <Typography.Text strong>{title}</Typography.Text>
        <Button size="small" danger icon={<DeleteOutlined />} aria-label={tr('designer.approval.removeAction')} onClick={onRemove} />
      </div>
      {action.type === 'update' ? (
        <Space wrap align="start" size="middle" style={{ marginTop: 8 }}>
          <Labelled id={at('field')} label={tr('designer.approval.actionField')} width={240}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              value={action.field}
              options={fields.map((f) => ({ value: f.name, label: label(f.label) }))}
              onChange={(field: string) => onChange({ ...action, field, value: undefined })}
            />
          </Labelled>
          <Labelled id={at('value')} label={tr('designer.approval.actionValue')} width={280}>
            <ValueInput field={fields.find((f) => f.name === action.field)} id={at('value')} value={action.value} onChange={(value) => onChange({ ...action, value })} />
          </Labelled>
        </Space>
      ) : (
        <div style={{ marginTop: 8, display: 'grid', gap: 8 }}>
          <Labelled id={at('to')} label={tr('designer.approval.recipients')}>
            <Select
              mode="multiple"
              value={action.to}
              options={RECIPIENTS.map((r) => ({ value: r, label: tr(`designer.approval.to.${r}` as MessageKey) }))}
              onChange={(to) => onChange({ ...action, to })}
            />
          </Labelled>
          <Space wrap align="start" size="middle">
            <Labelled id={at('subjectEn')} label={tr('designer.approval.subject')} width={320}>
              <Input value={action.subjectEn} onChange={(e) => onChange({ ...action, subjectEn: e.target.value })} />
            </Labelled>
            <Labelled id={at('subjectZh')} label={tr('designer.approval.subjectZh')} width={320}>
              <Input value={action.subjectZh} placeholder={action.subjectEn} onChange={(e) => onChange({ ...action, subjectZh: e.target.value })} />
            </Labelled>
          </Space>
          <Labelled id={at('bodyEn')} label={tr('designer.approval.body')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} value={action.bodyEn} onChange={(e) => onChange({ ...action, bodyEn: e.target.value })} />
          </Labelled>
          <Labelled id={at('bodyZh')} label={tr('designer.approval.bodyZh')}>
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 8 }}
              value={action.bodyZh}
              placeholder={action.bodyEn}
              onChange={(e) => onChange({ ...action, bodyZh: e.target.value })}
            />
          </Labelled>
        </div>
      )}
    </div>
  );
}

export function ActionsEditor({
  value,
  onChange,
  fields,
  problems,
}: {
  value?: ActionsState;
  onChange?(next: ActionsState): void;
  fields: FieldInfo[];
  problems: Map<string, string[]>;
}) {
  const { tr } = useT();
  const state = value ?? { submit: [], approve: [], reject: [], recall: [] };
  const writable = writableFields(fields);
  const setMoment = (m: Moment, list: ActionRow[]) => onChange?.({ ...state, [m]: list });
  return (
    <div>
      <Typography.Paragraph type="secondary">{tr('designer.approval.actionsHint')}</Typography.Paragraph>
      {MOMENTS.map((m) => {
        const title = tr(MOMENT_TITLES[m]);
        const list = state[m];
        const own = [...problems].filter(([k]) => k === m || k.startsWith(`${m}/`)).flatMap(([, msgs]) => msgs);
        return (
          <Card key={m} size="small" role="group" aria-label={title} title={title} style={{ marginBottom: 12 }}>
            {own.length > 0 && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 8 }}
                title={
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {own.map((x) => (
                      <li key={x}>{x}</li>
                    ))}
                  </ul>
                }
              />
            )}
            {list.length === 0 && (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                {tr('designer.approval.noActions')}
              </Typography.Paragraph>
            )}
            {list.map((a, i) => (
              <ActionItem
                key={a.key}
                action={a}
                first={i === 0}
                fields={writable}
                title={tr(a.type === 'update' ? 'designer.approval.updateN' : 'designer.approval.emailN', { n: i + 1 })}
                onChange={(next) =>
                  setMoment(
                    m,
                    list.map((x, j) => (j === i ? next : x)),
                  )
                }
                onRemove={() =>
                  setMoment(
                    m,
                    list.filter((_, j) => j !== i),
                  )
                }
              />
            ))}
            <Space style={{ marginTop: 8 }} wrap>
              <Button size="small" icon={<PlusOutlined />} onClick={() => setMoment(m, [...list, { key: newKey(), type: 'update' }])}>
                {tr('designer.approval.addUpdate')}
              </Button>
              <Button
                size="small"
                icon={<MailOutlined />}
                onClick={() => setMoment(m, [...list, { key: newKey(), type: 'email', to: ['submitter'], subjectEn: '', subjectZh: '', bodyEn: '', bodyZh: '' }])}
              >
                {tr('designer.approval.addEmail')}
              </Button>
            </Space>
          </Card>
        );
      })}
    </div>
  );
}
