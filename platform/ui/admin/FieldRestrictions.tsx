'use client';
/**
 * Field restrictions of a permission set for one chosen object: Read/Edit per field. Only restricted
 * fields are stored; system fields and the record name are always readable, so they are not listed.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Checkbox, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';
import type { FieldInfo, ObjectInfo } from '../types';
import type { ObjectSummary } from './common';

export type FieldRules = Record<string, Record<string, { read: boolean; edit: boolean }>>;

export function FieldRestrictions({ objects, value, disabled, onChange }: { objects: ObjectSummary[]; value: FieldRules; disabled: boolean; onChange(next: FieldRules): void }) {
  const trpc = useTRPC();
  const { tr, label } = useT();
  const [object, setObject] = useState<string>(objects[0]?.name ?? '');
  const meta = useQuery({ ...trpc.meta.object.queryOptions({ object }), enabled: Boolean(object) });
  const info = meta.data?.object as unknown as ObjectInfo | undefined;
  const fields = (info?.fields ?? []).filter((f) => !f.system && f.name !== info?.nameField);
  const rules = value[object] ?? {};

  const set = (field: string, next: { read: boolean; edit: boolean }) => {
    const forObject = { ...rules };
    if (next.read && next.edit) delete forObject[field];
    else forObject[field] = next;
    const out = { ...value, [object]: forObject };
    if (Object.keys(forObject).length === 0) delete out[object];
    onChange(out);
  };

  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <label htmlFor="field-restrictions-object">{tr('admin.set.fieldsOf')}</label>
        <Select
          id="field-restrictions-object"
          style={{ width: 240 }}
          value={object || undefined}
          onChange={setObject}
          options={objects.map((o) => ({ value: o.name, label: label(o.label) }))}
        />
      </Space>
      {meta.error && <Alert type="error" title={appErrorOf(meta.error)?.message} />}
      <Table<FieldInfo>
        rowKey="name"
        size="small"
        pagination={false}
        loading={meta.isFetching}
        dataSource={fields}
        columns={[
          { key: 'field', title: tr('admin.field'), render: (_, f) => label(f.label) },
          {
            key: 'read',
            title: tr('admin.right.read'),
            align: 'center',
            render: (_, f) => {
              const r = rules[f.name] ?? { read: true, edit: true };
              return (
                <Checkbox
                  aria-label={`${label(f.label)}: ${tr('admin.right.read')}`}
                  disabled={disabled}
                  checked={r.read}
                  onChange={(e) => set(f.name, e.target.checked ? { read: true, edit: r.edit } : { read: false, edit: false })}
                />
              );
            },
          },
          {
            key: 'edit',
            title: tr('admin.right.edit'),
            align: 'center',
            render: (_, f) => {
              const r = rules[f.name] ?? { read: true, edit: true };
              return (
                <Checkbox
                  aria-label={`${label(f.label)}: ${tr('admin.right.edit')}`}
                  disabled={disabled || f.readOnly}
                  checked={r.edit}
                  onChange={(e) => set(f.name, e.target.checked ? { read: true, edit: true } : { read: r.read, edit: false })}
                />
              );
            },
          },
        ]}
      />
    </div>
  );
}
