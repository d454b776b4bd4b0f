'use client';
/** Who a sharing rule names: a role (with or without subordinates), a department (with or without children), a group or a user. */
import { Select } from 'antd';
import type { Locale, MessageKey } from '../../core/i18n';
import { useT } from '../i18n';
import { localLabel, userOptions, type Org } from './common';
import { treeOptions } from './tree';

const MEMBER_TYPES = ['role', 'role_and_subordinates', 'department', 'department_and_children', 'group', 'user'] as const;
export type MemberType = (typeof MEMBER_TYPES)[number];

const MEMBER_TYPE_LABEL: Record<MemberType, MessageKey> = {
  role: 'admin.member.role',
  role_and_subordinates: 'admin.member.roleAndSubordinates',
  department: 'admin.member.department',
  department_and_children: 'admin.member.departmentAndChildren',
  group: 'admin.member.group',
  user: 'admin.member.user',
};

export function memberOptions(org: Org, type: MemberType | undefined, locale: Locale) {
  if (!type) return [];
  if (type.startsWith('role')) return treeOptions(org.roles, locale);
  if (type.startsWith('department')) return treeOptions(org.departments, locale);
  if (type === 'group') return org.groups.map((g) => ({ value: g.id, label: g.label }));
  return userOptions(org.users, true);
}

/** "Role and subordinates: Sales director, East" */
export function memberText(org: Org, type: string | null, id: string | null, locale: Locale, tr: (k: MessageKey) => string): string {
  if (!type || !id) return '';
  const t = type as MemberType;
  const name = t.startsWith('role')
    ? org.roles.find((r) => r.id === id)
    : t.startsWith('department')
      ? org.departments.find((d) => d.id === id)
      : t === 'group'
        ? org.groups.find((g) => g.id === id)
        : undefined;
  const text = name ? localLabel(name, locale) : t === 'user' ? (org.users.find((u) => u.id === id)?.name ?? id) : id;
  return `${MEMBER_TYPE_LABEL[t] ? tr(MEMBER_TYPE_LABEL[t]) : t}: ${text}`;
}

/** The select of member types (Form controls pass value/onChange/id). */
export function MemberTypeSelect(props: { id?: string; value?: MemberType; onChange?(v: MemberType): void; types?: readonly MemberType[] }) {
  const { tr } = useT();
  return <Select id={props.id} value={props.value} onChange={props.onChange} options={(props.types ?? MEMBER_TYPES).map((m) => ({ value: m, label: tr(MEMBER_TYPE_LABEL[m]) }))} />;
}
