'use client';
/**
 * The approvers of one step: each a kind (named users, a role, a manager, a department head, a
 * group) and what it needs, picked from the workspace's users, roles, departments and groups.
 * Inputs are named after the approver ("Approver 2 role") inside the step's group.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, InputNumber, Select, Space, Typography } from 'antd';
import type { MessageKey } from '../../../core/i18n';
import { localLabel, useOrg } from '../../admin/common';
import { useT } from '../../i18n';
import { APPROVER_TYPES, type Approver, type ApproverType, type Whom } from './flow';

type Option = { value: string; label: string };

/** The workspace's users, roles, departments and groups as select options (values as flows name them). */
export function useDirectory(): { users: Option[]; roles: Option[]; departments: Option[]; groups: Option[]; userIds: Option[] } {
  const org = useOrg();
  const { locale } = useT();
  const d = org.data;
  const active = (d?.users ?? []).filter((u) => u.active);
  return {
    users: active.map((u) => ({ value: u.email, label: `${u.name} <${u.email}>` })),
    userIds: active.map((u) => ({ value: u.id, label: u.name })),
    roles: (d?.roles ?? []).map((r) => ({ value: r.name, label: `${localLabel(r, locale)} (${r.name})` })),
    departments: (d?.departments ?? []).map((r) => ({ value: r.name, label: `${localLabel(r, locale)} (${r.name})` })),
    groups: (d?.groups ?? []).map((g) => ({ value: g.name, label: `${g.label} (${g.name})` })),
  };
}

/** Options that include a value the directory does not know (a flow naming a role since removed). */
const withValue = (options: Option[], value: string | undefined) => (value && !options.some((o) => o.value === value) ? [{ value, label: value }, ...options] : options);

const TYPE_LABELS: Record<ApproverType, MessageKey> = {
  users: 'designer.approval.type.users',
  role: 'designer.approval.type.role',
  manager: 'designer.approval.type.manager',
  department_head: 'designer.approval.type.departmentHead',
  group: 'designer.approval.type.group',
};

function blank(type: ApproverType): Approver {
  if (type === 'users') return { type, users: [] };
  if (type === 'manager') return { type, of: 'submitter', levels: 1 };
  if (type === 'department_head') return { type, of: 'submitter', levels: 0 };
  return { type } as Approver;
}

export function ApproversEditor({ value, onChange }: { value: Approver[]; onChange(next: Approver[]): void }) {
  const { tr } = useT();
  const dir = useDirectory();
  const set = (i: number, a: Approver) => onChange(value.map((x, j) => (j === i ? a : x)));
  const whomOptions = [
    { value: 'submitter', label: tr('designer.approval.ofSubmitter') },
    { value: 'owner', label: tr('designer.approval.ofOwner') },
  ];

  return (
    <div>
      {value.map((a, i) => {
        const n = i + 1;
        const name = (key: MessageKey) => tr(key, { n });
        return (
          <Space key={i} wrap align="center" style={{ display: 'flex', marginBottom: 8 }}>
            <Select
              aria-label={name('designer.approval.approverType')}
              style={{ width: 170 }}
              value={a.type}
              options={APPROVER_TYPES.map((t) => ({ value: t, label: tr(TYPE_LABELS[t]) }))}
              onChange={(t: ApproverType) => set(i, blank(t))}
            />
            {a.type === 'users' && (
              <Select
                mode="multiple"
                aria-label={name('designer.approval.approverUsers')}
                style={{ minWidth: 320 }}
                value={a.users}
                showSearch={{ optionFilterProp: 'label' }}
                options={a.users.reduce(withValue, dir.users)}
                placeholder={tr('designer.approval.pickUsers')}
                onChange={(users: string[]) => set(i, { type: 'users', users })}
              />
            )}
            {a.type === 'role' && (
              <Select
                aria-label={name('designer.approval.approverRole')}
                style={{ width: 280 }}
                value={a.role}
                showSearch={{ optionFilterProp: 'label' }}
                options={withValue(dir.roles, a.role)}
                onChange={(role: string) => set(i, { type: 'role', role })}
              />
            )}
            {a.type === 'group' && (
              <Select
                aria-label={name('designer.approval.approverGroup')}
                style={{ width: 280 }}
                value={a.group}
                showSearch={{ optionFilterProp: 'label' }}
                options={withValue(dir.groups, a.group)}
                onChange={(group: string) => set(i, { type: 'group', group })}
              />
            )}
            {a.type === 'manager' && (
              <>
                <Select
                  aria-label={name('designer.approval.managerOf')}
                  style={{ width: 200 }}
                  value={a.of ?? 'submitter'}
                  options={whomOptions}
                  onChange={(of: Whom) => set(i, { ...a, of })}
                />
                <InputNumber
                  aria-label={name('designer.approval.levels')}
                  min={1}
                  max={10}
                  precision={0}
                  style={{ width: 90 }}
                  value={a.levels ?? 1}
                  onChange={(levels) => set(i, { ...a, levels: levels ?? 1 })}
                />
                <Typography.Text type="secondary">{tr('designer.approval.levelsManagerHint')}</Typography.Text>
              </>
            )}
            {a.type === 'department_head' && (
              <>
                <Select
                  aria-label={name('designer.approval.departmentOf')}
                  style={{ width: 220 }}
                  value={a.department !== undefined ? 'named' : (a.of ?? 'submitter')}
                  options={[{ value: 'named', label: tr('designer.approval.namedDepartment') }, ...whomOptions]}
                  onChange={(v: 'named' | Whom) => set(i, v === 'named' ? { type: 'department_head', department: '' } : { type: 'department_head', of: v, levels: 0 })}
                />
                {a.department !== undefined ? (
                  <Select
                    aria-label={name('designer.approval.approverDepartment')}
                    style={{ width: 260 }}
                    value={a.department || undefined}
                    showSearch={{ optionFilterProp: 'label' }}
                    options={withValue(dir.departments, a.department)}
                    onChange={(department: string) => set(i, { type: 'department_head', department })}
                  />
                ) : (
                  <>
                    <InputNumber
                      aria-label={name('designer.approval.levels')}
                      min={0}
                      max={10}
                      precision={0}
                      style={{ width: 90 }}
                      value={a.levels ?? 0}
                      onChange={(levels) => set(i, { ...a, levels: levels ?? 0 })}
                    />
                    <Typography.Text type="secondary">{tr('designer.approval.levelsDepartmentHint')}</Typography.Text>
                  </>
                )}
              </>
            )}
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={name('designer.approval.removeApprover')}
              disabled={value.length === 1}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            />
          </Space>
        );
      })}
      <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...value, { type: 'role' }])}>
        {tr('designer.approval.addApprover')}
      </Button>
    </div>
  );
}
