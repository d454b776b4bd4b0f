'use client';
/**
 * A list cell that edits in place: double-click or the pencil opens the field's own input; Enter
 * (or the tick) saves with the version the row was listed at, Escape cancels; a refusal (a rule,
 * a gate, someone else's newer change) stays on the cell in the user's language.
 */
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import type { FieldInfo, RecordValues } from '../types';
import { FieldInput } from './LazyFieldInput';

export interface InlineCellProps {
  object: string;
  field: FieldInfo;
  record: RecordValues;
  shown: React.ReactNode;
  onSaved(): void;
}

export function InlineCell({ object, field, record, shown, onSaved }: InlineCellProps) {
  const { tr, label } = useT();
  const [editing, setEditing] = useState(false);
  if (editing) return <InlineCellEditor object={object} field={field} record={record} onSaved={onSaved} onClose={() => setEditing(false)} />;
  // A plain button, not an antd one with an icon: a page holds hundreds of these cells, and their
  // markup comes with the server's HTML. The editor (and its save mutation) exists only while open.
  return (
    <span className="tessera-cell" onDoubleClick={() => setEditing(true)}>
      {shown}
      <button
        type="button"
        className="tessera-cell-edit"
        aria-label={`${tr('list.editCell', { label: label(field.label) })} · ${String(record.name ?? '')}`}
        onClick={() => setEditing(true)}
      />
    </span>
  );
}

/** The open editor: the field's input with save and cancel; a refusal stays on the cell. */
function InlineCellEditor({ object, field, record, onSaved, onClose }: Omit<InlineCellProps, 'shown'> & { onClose(): void }) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const [value, setValue] = useState<unknown>(record[field.name]);
  const fieldLabel = label(field.label);
  const save = useMutation(
    trpc.records.update.mutationOptions({
      onSuccess: () => {
        onClose();
        onSaved();
      },
    }),
  );
  const error = save.error ? appErrorOf(save.error) : null;
  const submit = () => save.mutate({ object, id: String(record.id), values: { [field.name]: value ?? null }, expectedVersion: record.version });
  const detail = error?.details.find((d) => d.field === field.name)?.message ?? error?.details[0]?.message;
  return (
    <div
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <Space.Compact style={{ width: '100%' }}>
        <FieldInput field={field} value={value} ariaLabel={fieldLabel} autoFocus currentName={record.$names?.[field.name]} onChange={setValue} onEnter={submit} />
        <Button aria-label={tr('list.saveCell')} icon={<CheckOutlined />} loading={save.isPending} onClick={submit} />
        <Button aria-label={tr('ui.cancel')} icon={<CloseOutlined />} onClick={onClose} />
      </Space.Compact>
      {error && (
        <Typography.Text role="alert" style={{ display: 'block', fontSize: 12, color: '#cf1322', whiteSpace: 'normal' }}>
          {detail && detail !== error.message ? `${error.message}: ${detail}` : error.message}
        </Typography.Text>
      )}
    </div>
  );
}
