/**
 * Who a rule's or queue's member list names: roles, departments (each with or without what is
 * below them), groups by API name and users by e-mail address. Two readers, one meaning: in SQL on
 * the write's own transaction (the write step: always the current org, no cache, no second
 * connection) and in memory over the cached security model (the access check's queue grants).
 */
import type pg from 'pg';
import { descendants, type SecurityModel } from '../../security/model';

export type MemberType = 'user' | 'role' | 'role_and_subordinates' | 'department' | 'department_and_children' | 'group';
export interface MemberSpec {
  type: MemberType;
  name: string;
}

/** A user a round-robin may pick, with what its skips look at. */
export interface Candidate {
  id: string;
  active: boolean;
  /** YYYY-MM-DD, or null. */
  awayUntil: string | null;
}

const namesOf = (members: MemberSpec[], type: MemberType) => members.filter((m) => m.type === type).map((m) => m.name);

/** The users the members name, ordered by id (a stable order for turns), read on `client`. */
export async function resolveMembers(client: pg.ClientBase, workspaceId: string, members: MemberSpec[]): Promise<Candidate[]> {
  const res = await client.query<{ id: string; active: boolean; away_until: string | null }>(
    `WITH RECURSIVE
       rs AS (SELECT id FROM roles WHERE workspace_id = $1 AND name = ANY($3::text[])
              UNION SELECT c.id FROM roles c JOIN rs ON c.parent_id = rs.id),
       ds AS (SELECT id FROM departments WHERE workspace_id = $1 AND name = ANY($5::text[])
              UNION SELECT c.id FROM departments c JOIN ds ON c.parent_id = ds.id)
     SELECT u.id, u.active, to_char(u.away_until, 'YYYY-MM-DD') AS away_until FROM users u
      WHERE u.workspace_id = $1 AND (
        u.role_id IN (SELECT id FROM roles WHERE workspace_id = $1 AND name = ANY($2::text[]))
        OR u.role_id IN (SELECT id FROM rs)
        OR u.department_id IN (SELECT id FROM departments WHERE workspace_id = $1 AND name = ANY($4::text[]))
        OR u.department_id IN (SELECT id FROM ds)
        OR u.id IN (SELECT m.user_id FROM group_members m JOIN groups g ON g.id = m.group_id WHERE g.workspace_id = $1 AND g.name = ANY($6::text[]))
        OR lower(u.email) = ANY($7::text[]))
      ORDER BY u.id`,
    [
      workspaceId,
      namesOf(members, 'role'),
      namesOf(members, 'role_and_subordinates'),
      namesOf(members, 'department'),
      namesOf(members, 'department_and_children'),
      namesOf(members, 'group'),
      namesOf(members, 'user').map((e) => e.toLowerCase()),
    ],
  );
  return res.rows.map((r) => ({ id: r.id, active: r.active, awayUntil: r.away_until }));
}

/** Whether `userId` is among the members, by the cached security model (the access check's reader). */
export function isMember(model: SecurityModel, members: MemberSpec[], userId: string): boolean {
  const user = model.users.get(userId);
  if (!user || !user.active) return false;
  const idOf = (nodes: Map<string, { name: string }>, name: string) => [...nodes].find(([, n]) => n.name === name)?.[0];
  for (const m of members) {
    switch (m.type) {
      case 'user':
        if (user.email.toLowerCase() === m.name.toLowerCase()) return true;
        break;
      case 'role':
      case 'role_and_subordinates': {
        const id = idOf(model.roles, m.name);
        if (id && user.roleId && (user.roleId === id || (m.type === 'role_and_subordinates' && descendants(model.roles, id).has(user.roleId)))) return true;
        break;
      }
      case 'department':
      case 'department_and_children': {
        const id = idOf(model.departments, m.name);
        if (id && user.departmentId && (user.departmentId === id || (m.type === 'department_and_children' && descendants(model.departments, id).has(user.departmentId))))
          return true;
        break;
      }
      case 'group': {
        const id = [...model.groupNames].find(([, n]) => n === m.name)?.[0];
        if (id && model.groups.get(id)?.has(userId)) return true;
        break;
      }
    }
  }
  return false;
}
