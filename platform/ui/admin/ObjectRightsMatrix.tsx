'use client';
/** Object rights of a permission set: one row per object, one labelled checkbox per right. */
import { Checkbox, Table } from 'antd';
import type { MessageKey } from '../../core/i18n';
import { useT } from '../i18n';
import type { ObjectSummary } from './common';

const RIGHTS = ['create', 'read', 'edit', 'delete', 'viewAll', 'modifyAll'] as const;
export type Right = (typeof RIGHTS)[number];
export type ObjectRights = Partial<Record<Right, boolean>>;

const RIGHT_LABEL: Record<Right, MessageKey> = {
  create: 'admin.right.create',
  read: 'admin.right.read',
  edit: 'admin.right.edit',
  delete: 'admin.right.delete',
  viewAll: 'admin.right.viewAll',
  modifyAll: 'admin.right.modifyAll',
};

/** Keep the rights consistent: anything implies read; modify all implies every right; without read nothing is left. */
function toggle(rights: ObjectRights, right: Right, on: boolean): ObjectRights {
  if (on && right === 'modifyAll') return Object.fromEntries(RIGHTS.map((r) => [r, true]));
  if (on) return { ...rights, [right]: true, read: true };
  if (right === 'read') return {};
  if (right === 'viewAll') return { ...rights, viewAll: false, modifyAll: false };
  return { ...rights, [right]: false, modifyAll: right === 'edit' || right === 'delete' ? false : rights.modifyAll };
}

export function ObjectRightsMatrix({
  objects,
  value,
  allObjects,
  onChange,
}: {
  objects: ObjectSummary[];
  value: Record<string, ObjectRights>;
  /** The stock Admin set: every right on every object, not editable. */
  allObjects: boolean;
  onChange(next: Record<string, ObjectRights>): void;
}) {
  const { tr, label } = useT();
  return (
    <Table<ObjectSummary>
      rowKey="name"
      size="small"
      pagination={false}
      dataSource={objects}
      scroll={{ x: 'max-content' }}
      columns={[
        { key: 'object', title: tr('admin.object'), render: (_, o) => label(o.label) },
        ...RIGHTS.map((right) => ({
          key: right,
          title: tr(RIGHT_LABEL[right]),
          align: 'center' as const,
          render: (_: unknown, o: ObjectSummary) => (
            <Checkbox
              aria-label={`${label(o.label)}: ${tr(RIGHT_LABEL[right])}`}
              checked={allObjects || Boolean(value[o.name]?.[right])}
              disabled={allObjects}
              onChange={(e) => onChange({ ...value, [o.name]: toggle(value[o.name] ?? {}, right, e.target.checked) })}
            />
          ),
        })),
      ]}
    />
  );
}
