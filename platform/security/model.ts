/**
 * A workspace's security model: users with their role, department and manager; the role and
 * department trees; groups; permission sets and who holds them; sharing defaults and rules.
 * Loaded in one go and cached by the workspace's security revision, which every change bumps.
 */
import type pg from 'pg';
import type { Queryable } from '../db/pool';
import { forgetRemembered } from '../db/listen';

export interface OrgUser {
  id: string;
  name: string;
  email: string;
  active: boolean;
  roleId: string | null;
  departmentId: string | null;
  managerId: string | null;
}

export interface OrgNode {
  id: string;
  name: string;
  label: string;
  labelZh: string | null;
  parentId: string | null;
}

export interface ObjectRights {
  create: boolean;
  read: boolean;
  edit: boolean;
  delete: boolean;
  viewAll: boolean;
  modifyAll: boolean;
}

export const SYSTEM_RIGHTS = ['customizeMetadata', 'manageUsers', 'importData', 'exportData', 'transferRecords', 'viewAudit'] as const;
export type SystemRight = (typeof SYSTEM_RIGHTS)[number];

export interface PermSet {
  id: string;
  name: string;
  allObjects: boolean;
  system: Record<SystemRight, boolean>;
  objects: Map<string, ObjectRights>;
  /** object -> field -> restriction */
  fields: Map<string, Map<string, { read: boolean; edit: boolean }>>;
}

export type AccessLevel = 'private' | 'read' | 'read_write';
export type MemberType = 'role' | 'role_and_subordinates' | 'department' | 'department_and_children' | 'group' | 'user';

export interface SharingRuleDef {
  id: string;
  object: string;
  name: string;
  kind: 'criteria' | 'owner';
  condition: unknown;
  ownerType: MemberType | null;
  ownerId: string | null;
  granteeType: MemberType;
  granteeId: string;
  access: 'read' | 'read_write';
}

export interface SecurityModel {
  workspaceId: string;
  revision: number;
  users: Map<string, OrgUser>;
  roles: Map<string, OrgNode>;
  departments: Map<string, OrgNode & { headUserId: string | null }>;
  groups: Map<string, Set<string>>;
  /** Group API names by id (saved reports are shared with groups by name). */
  groupNames: Map<string, string>;
  sets: Map<string, PermSet>;
  userSets: Map<string, string[]>;
  sharing: Map<string, { defaultAccess: AccessLevel; grantViaHierarchy: boolean }>;
  rules: SharingRuleDef[];
}

const cache = new Map<string, SecurityModel>();

/** The current security revision of a workspace (what the cache is keyed by). */
async function securityRevision(db: Queryable, workspaceId: string): Promise<number> {
  const res = await db.query<{ security_revision: number }>('SELECT security_revision FROM workspaces WHERE id = $1', [workspaceId]);
  return res.rows[0]?.security_revision ?? 0;
}

/** Mark the workspace's security model changed (in the caller's transaction). */
export async function bumpSecurityRevision(db: Queryable, workspaceId: string): Promise<void> {
  await db.query('UPDATE workspaces SET security_revision = security_revision + 1 WHERE id = $1', [workspaceId]);
  forgetRemembered();
}

/** The security model at a revision (pass the revision you know, e.g. from the session lookup). */
export async function loadSecurityModel(pool: pg.Pool, workspaceId: string, revision?: number): Promise<SecurityModel> {
  const rev = revision ?? (await securityRevision(pool, workspaceId));
  const key = `${workspaceId}:${rev}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const q = <T extends pg.QueryResultRow>(sql: string) => pool.query<T>(sql, [workspaceId]).then((r) => r.rows);
  const [users, roles, departments, members, sets, setObjects, setFields, assignments, sharing, rules] = await Promise.all([
    q<{ id: string; name: string; email: string; active: boolean; role_id: string | null; department_id: string | null; manager_id: string | null }>(
      'SELECT id, name, email, active, role_id, department_id, manager_id FROM users WHERE workspace_id = $1',
    ),
    q<{ id: string; name: string; label: string; label_zh: string | null; parent_id: string | null }>(
      'SELECT id, name, label, label_zh, parent_id FROM roles WHERE workspace_id = $1',
    ),
    q<{ id: string; name: string; label: string; label_zh: string | null; parent_id: string | null; head_user_id: string | null }>(
      'SELECT id, name, label, label_zh, parent_id, head_user_id FROM departments WHERE workspace_id = $1',
    ),
    q<{ group_id: string; user_id: string; group_name: string }>(
      'SELECT m.group_id, m.user_id, g.name AS group_name FROM group_members m JOIN groups g ON g.id = m.group_id WHERE g.workspace_id = $1',
    ),
    q<Record<string, unknown> & { id: string; name: string; all_objects: boolean }>('SELECT * FROM permission_sets WHERE workspace_id = $1'),
    q<{ permission_set_id: string; object: string; can_create: boolean; can_read: boolean; can_edit: boolean; can_delete: boolean; view_all: boolean; modify_all: boolean }>(
      'SELECT o.* FROM permission_set_objects o JOIN permission_sets s ON s.id = o.permission_set_id WHERE s.workspace_id = $1',
    ),
    q<{ permission_set_id: string; object: string; field: string; can_read: boolean; can_edit: boolean }>(
      'SELECT f.* FROM permission_set_fields f JOIN permission_sets s ON s.id = f.permission_set_id WHERE s.workspace_id = $1',
    ),
    q<{ user_id: string; permission_set_id: string }>('SELECT a.* FROM user_permission_sets a JOIN permission_sets s ON s.id = a.permission_set_id WHERE s.workspace_id = $1'),
    q<{ object: string; default_access: AccessLevel; grant_via_hierarchy: boolean }>(
      'SELECT object, default_access, grant_via_hierarchy FROM object_sharing WHERE workspace_id = $1',
    ),
    q<{
      id: string;
      object: string;
      name: string;
      kind: 'criteria' | 'owner';
      condition: unknown;
      owner_type: MemberType | null;
      owner_id: string | null;
      grantee_type: MemberType;
      grantee_id: string;
      access: 'read' | 'read_write';
    }>('SELECT * FROM sharing_rules WHERE workspace_id = $1 ORDER BY created_at'),
  ]);
  const model: SecurityModel = {
    workspaceId,
    revision: rev,
    users: new Map(
      users.map((u) => [u.id, { id: u.id, name: u.name, email: u.email, active: u.active, roleId: u.role_id, departmentId: u.department_id, managerId: u.manager_id }]),
    ),
    roles: new Map(roles.map((r) => [r.id, { id: r.id, name: r.name, label: r.label, labelZh: r.label_zh, parentId: r.parent_id }])),
    departments: new Map(departments.map((d) => [d.id, { id: d.id, name: d.name, label: d.label, labelZh: d.label_zh, parentId: d.parent_id, headUserId: d.head_user_id }])),
    groups: new Map(),
    groupNames: new Map(members.map((m) => [m.group_id, m.group_name])),
    sets: new Map(),
    userSets: new Map(),
    sharing: new Map(sharing.map((s) => [s.object, { defaultAccess: s.default_access, grantViaHierarchy: s.grant_via_hierarchy }])),
    rules: rules.map((r) => ({
      id: r.id,
      object: r.object,
      name: r.name,
      kind: r.kind,
      condition: r.condition,
      ownerType: r.owner_type,
      ownerId: r.owner_id,
      granteeType: r.grantee_type,
      granteeId: r.grantee_id,
      access: r.access,
    })),
  };
  for (const m of members) {
    if (!model.groups.has(m.group_id)) model.groups.set(m.group_id, new Set());
    model.groups.get(m.group_id)!.add(m.user_id);
  }
  for (const s of sets) {
    model.sets.set(s.id, {
      id: s.id,
      name: s.name,
      allObjects: s.all_objects,
      system: {
        customizeMetadata: Boolean(s.customize_metadata),
        manageUsers: Boolean(s.manage_users),
        importData: Boolean(s.import_data),
        exportData: Boolean(s.export_data),
        transferRecords: Boolean(s.transfer_records),
        viewAudit: Boolean(s.view_audit),
      },
      objects: new Map(),
      fields: new Map(),
    });
  }
  for (const o of setObjects) {
    model.sets
      .get(o.permission_set_id)
      ?.objects.set(o.object, { create: o.can_create, read: o.can_read, edit: o.can_edit, delete: o.can_delete, viewAll: o.view_all, modifyAll: o.modify_all });
  }
  for (const f of setFields) {
    const set = model.sets.get(f.permission_set_id);
    if (!set) continue;
    if (!set.fields.has(f.object)) set.fields.set(f.object, new Map());
    set.fields.get(f.object)!.set(f.field, { read: f.can_read, edit: f.can_edit });
  }
  for (const a of assignments) model.userSets.set(a.user_id, [...(model.userSets.get(a.user_id) ?? []), a.permission_set_id]);
  for (const k of cache.keys()) if (k.startsWith(`${workspaceId}:`)) cache.delete(k); // older revisions are dead
  if (cache.size > 200) cache.delete(cache.keys().next().value!);
  cache.set(key, model);
  return model;
}

/** Ids of the nodes strictly below `id` in a tree. */
export function descendants(nodes: Map<string, { parentId: string | null }>, id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const [nid, n] of nodes) if (n.parentId) children.set(n.parentId, [...(children.get(n.parentId) ?? []), nid]);
  const out = new Set<string>();
  const stack = [...(children.get(id) ?? [])];
  while (stack.length) {
    const n = stack.pop()!;
    if (out.has(n)) continue; // a cycle in bad data must not loop forever
    out.add(n);
    stack.push(...(children.get(n) ?? []));
  }
  return out;
}

/** Active users who are members of a role, department, group (optionally with their subtrees) or a single user. */
export function membersOf(model: SecurityModel, type: MemberType, id: string): Set<string> {
  const users = [...model.users.values()].filter((u) => u.active);
  switch (type) {
    case 'user':
      return new Set(users.filter((u) => u.id === id).map((u) => u.id));
    case 'group':
      return new Set([...(model.groups.get(id) ?? [])].filter((uid) => model.users.get(uid)?.active));
    case 'role':
    case 'role_and_subordinates': {
      const roles = type === 'role' ? new Set([id]) : new Set([id, ...descendants(model.roles, id)]);
      return new Set(users.filter((u) => u.roleId && roles.has(u.roleId)).map((u) => u.id));
    }
    case 'department':
    case 'department_and_children': {
      const depts = type === 'department' ? new Set([id]) : new Set([id, ...descendants(model.departments, id)]);
      return new Set(users.filter((u) => u.departmentId && depts.has(u.departmentId)).map((u) => u.id));
    }
  }
}
