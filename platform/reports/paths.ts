/**
 * A report's column paths resolved against metadata: a field of the primary object (`amount`), a
 * parent's field through a lookup (`account.industry`) or an attribute of a user lookup
 * (`owner.name`, `owner.department`, `owner.role`). Resolution reads only the object models it is
 * given, so with the viewer's metadata a hidden field is simply not found.
 */
import type { Label } from '../core/i18n';
import { isUserLookup } from '../fields/guards';
import type { FieldDef } from '../fields/types';
import type { ObjectModel } from '../metadata/model';

/** The attributes of a user reachable through a user lookup, and what each is in SQL. */
export const USER_ATTRIBUTES = {
  name: { type: 'text', label: { en: 'Name', zh: '姓名' } },
  email: { type: 'email', label: { en: 'E-mail', zh: '电子邮件' } },
  title: { type: 'text', label: { en: 'Title', zh: '职务' } },
  department: { type: 'department', label: { en: 'Department', zh: '部门' } },
  role: { type: 'role', label: { en: 'Role', zh: '角色' } },
} as const;
export type UserAttribute = keyof typeof USER_ATTRIBUTES;

export type ResolvedPath =
  | { kind: 'field'; path: string; field: FieldDef; label: Label }
  | { kind: 'parent'; path: string; lookup: FieldDef; parent: ObjectModel; field: FieldDef; label: Label }
  | { kind: 'user'; path: string; lookup: FieldDef; attribute: UserAttribute; label: Label };

/** Why a path did not resolve (a catalog key of messages.reports.ts and its values). */
export interface PathProblem {
  key: 'report.field' | 'report.path.notLookup' | 'report.path.parent';
  params: Record<string, string>;
}

const joinLabel = (a: Label, b: Label): Label => ({ en: `${a.en} › ${b.en}`, zh: `${a.zh ?? a.en} › ${b.zh ?? b.en}` });

/** Resolve `path` on `obj`; `objects` are the models lookups may reach (the viewer's: hidden objects and fields are absent). */
export function resolvePath(path: string, obj: ObjectModel, objects: ReadonlyMap<string, ObjectModel>, mayRead: (object: string) => boolean): ResolvedPath | PathProblem {
  const [head, tail] = path.split('.', 2);
  const field = obj.fieldMap.get(head);
  if (!field) return { key: 'report.field', params: { field: head, object: obj.name } };
  if (tail === undefined) return { kind: 'field', path, field, label: field.label };
  if (field.type !== 'lookup') return { key: 'report.path.notLookup', params: { path, field: head } };
  if (isUserLookup(field)) {
    if (!Object.hasOwn(USER_ATTRIBUTES, tail)) return { key: 'report.field', params: { field: tail, object: 'user' } };
    const attribute = tail as UserAttribute;
    return { kind: 'user', path, lookup: field, attribute, label: joinLabel(field.label, USER_ATTRIBUTES[attribute].label) };
  }
  const parent = objects.get(field.target);
  if (!parent || !mayRead(parent.name)) return { key: 'report.path.parent', params: { path, object: field.target } };
  const parentField = parent.fieldMap.get(tail);
  if (!parentField) return { key: 'report.field', params: { field: tail, object: parent.name } };
  return { kind: 'parent', path, lookup: field, parent, field: parentField, label: joinLabel(field.label, parentField.label) };
}

/** The table alias a path's parent (or user) is joined as: fixed by the lookup, so conditions parsed before the SQL is built can name it. */
export function joinAlias(p: ResolvedPath): string | null {
  if (p.kind === 'parent') return `p_${p.lookup.name}`;
  if (p.kind === 'user') return `u_${p.lookup.name}`;
  return null;
}

/** A user attribute as a field of the users table (what a condition on `owner.department` compares). */
export function userAttributeField(attribute: UserAttribute): FieldDef {
  const label = USER_ATTRIBUTES[attribute].label;
  if (attribute === 'department' || attribute === 'role') return { name: `${attribute}_id`, type: 'lookup', target: attribute, label } as FieldDef;
  return { name: attribute, type: attribute === 'email' ? 'email' : 'text', label } as FieldDef;
}

export const isProblem = (r: ResolvedPath | PathProblem): r is PathProblem => 'key' in r;

/** The type a path's values have: the field's type, or a user attribute's (`department`, `role` behave as lookups to those tables). */
export function pathType(p: ResolvedPath): string {
  return p.kind === 'user' ? USER_ATTRIBUTES[p.attribute].type : p.field.type;
}
