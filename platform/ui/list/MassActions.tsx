'use client';
/**
 * What a list can do with its checked rows: set a field, change the owner, delete (each offered as
 * the user's rights allow). The server runs every row through the record service; the rows that
 * failed are listed here by name with the reason.
 */
import { DeleteOutlined, EditOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Popconfirm, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import type { FieldInfo, RecordValues } from '../types';
import { listEditable } from './editable';
import { FieldInput } from './LazyFieldInput';
import { UserSelect } from './UserSelect';

type Failure = { id: string; code: string; message: string };

export interface MassActionsProps {
  object: string;
  fields: FieldInfo[];
  selected: RecordValues[];
  rights: { edit: boolean; delete: boolean };
  onClear(): void;
  /** After a run: the rows that were done (to refresh the list). */
  onDone(): void;
}

export function MassActions({ object, fields, selected, rights, onClear, onDone }: MassActionsProps) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<'update' | 'owner' | null>(null);
  const [field, setField] = useState<string | undefined>();
  const [value, setValue] = useState<unknown>(null);
  const [owner, setOwner] = useState<string | undefined>();
  const [failed, setFailed] = useState<{ failures: Failure[]; names: Map<string, string> } | null>(null);
  const mass = useMutation(
    trpc.records.mass.mutationOptions({
      onSuccess: (res) => {
        setDialog(null);
        if (res.done.length) message.success(tr('list.massDone', { count: res.done.length }));
        setFailed(res.failed.length ? { failures: res.failed, names: new Map(selected.map((r) => [String(r.id), String(r.name ?? r.id)])) } : null);
        onDone();
      },
    }),
  );
  const editable = fields.filter(listEditable);
  const chosen = editable.find((f) => f.name === field);
  const run = (action: 'update' | 'owner' | 'delete', values?: Record<string, unknown>) =>
    mass.mutate({
      object,
      action,
      ids: selected.map((r) => String(r.id)),
      values,
      // The versions the rows were listed at: a row someone changed since is refused, not overwritten.
      versions: Object.fromEntries(selected.map((r) => [String(r.id), r.version])),
    });
  const error = mass.error ? appErrorOf(mass.error) : null;
  const count = selected.length;
  return (
    <>
      {count > 0 && (
        <Space
          wrap
          style={{ marginBottom: 12, padding: '8px 12px', background: '#f0f5ff', borderRadius: 6, width: '100%' }}
          role="toolbar"
          aria-label={tr('list.selected', { count })}
        >
          <Typography.Text strong>{tr('list.selected', { count })}</Typography.Text>
          {rights.edit && (
            <Button icon={<EditOutlined />} onClick={() => setDialog('update')}>
              {tr('list.massUpdate')}
            </Button>
          )}
          {rights.edit && (
            <Button icon={<UserSwitchOutlined />} onClick={() => setDialog('owner')}>
              {tr('list.massOwner')}
            </Button>
          )}
          {rights.delete && (
            <Popconfirm
              title={tr('list.massDeleteConfirm', { count })}
              okText={tr('ui.delete')}
              okButtonProps={{ danger: true }}
              cancelText={tr('ui.cancel')}
              onConfirm={() => run('delete')}
            >
              <Button icon={<DeleteOutlined />} loading={mass.isPending}>
                {tr('list.massDelete')}
              </Button>
            </Popconfirm>
          )}
          <Button type="text" onClick={onClear}>
            {tr('list.clearSelection')}
          </Button>
        </Space>
      )}
      {error && <Alert type="error" role="alert" title={error.message} style={{ marginBottom: 12 }} closable={{ onClose: () => mass.reset() }} />}
      {failed && (
        <Alert
          type="warning"
          role="alert"
          style={{ marginBottom: 12 }}
          title={tr('list.massFailed', { count: failed.failures.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {failed.failures.map((f) => (
                <li key={f.id}>
                  <strong>{failed.names.get(f.id) ?? f.id}</strong>: {f.message}
                </li>
              ))}
            </ul>
          }
          closable={{ onClose: () => setFailed(null) }}
        />
      )}
      <Modal
        open={dialog === 'update'}
        title={tr('list.massUpdate')}
        okText={tr('list.massApply', { count })}
        cancelText={tr('ui.cancel')}
        okButtonProps={{ disabled: !chosen, loading: mass.isPending }}
        onOk={() => chosen && run('update', { [chosen.name]: value ?? null })}
        onCancel={() => setDialog(null)}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <label htmlFor="mass-field">{tr('list.massField')}</label>
          <Select
            id="mass-field"
            style={{ width: '100%' }}
            showSearch={{ optionFilterProp: 'label' }}
            value={field}
            options={editable.map((f) => ({ value: f.name, label: label(f.label) }))}
            onChange={(f) => {
              setField(f);
              setValue(null);
            }}
          />
          {chosen && (
            <>
              <span>{tr('list.massValue')}</span>
              <FieldInput key={chosen.name} field={chosen} value={value} ariaLabel={`${tr('list.massValue')}: ${label(chosen.label)}`} onChange={setValue} />
            </>
          )}
        </Space>
      </Modal>
      <Modal
        open={dialog === 'owner'}
        title={tr('list.massOwner')}
        okText={tr('list.massApply', { count })}
        cancelText={tr('ui.cancel')}
        okButtonProps={{ disabled: !owner, loading: mass.isPending }}
        onOk={() => owner && run('owner', { owner })}
        onCancel={() => setDialog(null)}
      >
        <UserSelect ariaLabel={tr('list.massNewOwner')} placeholder={tr('list.massNewOwner')} value={owner} onChange={setOwner} width="100%" />
      </Modal>
    </>
  );
}
